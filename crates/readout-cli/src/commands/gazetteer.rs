//! Loading user gazetteer files on top of the built-in ones.

use crate::cli::GazetteerArgs;
use anyhow::{Context as _, Result};
use readout_normalize::Normalizer;

/// The resolvers built from the built-in gazetteers and the user's files.
pub(crate) struct Gazetteers {
    /// Resolves names, titles, places and topics across documents.
    pub(crate) normalizer: Normalizer,
}

/// Reads every `--gazetteer` file; an unreadable or invalid file is an error
/// naming it (and the line, where the TOML says).
pub(crate) fn load(args: &GazetteerArgs) -> Result<Gazetteers> {
    let mut normalizer = Normalizer::default();
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the gazetteer", path.display()))?;
        normalizer.add_gazetteer_toml(&text, &path.display().to_string())?;
    }
    Ok(Gazetteers { normalizer })
}
