//! Loading user gazetteer files on top of the built-in ones.
//!
//! One `--gazetteer` file may hold sections for both readers: the parser's
//! (`[[country]]`, `[[topic]]`, `roles` …: what to find in a text) and
//! normalization's (`[[person]]`, `[[role]]`, `[[place]]` …: how to resolve
//! what was found). Each reader takes its own sections and ignores the
//! other's; a section neither reads is an error, so a misspelt one is not
//! silently skipped.

use crate::cli::GazetteerArgs;
use anyhow::{Context as _, Result, bail};
use readout_normalize::{GAZETTEER_SECTIONS, Normalizer};
use readout_parse::Parser;
use std::sync::Arc;

/// The resolvers built from the built-in gazetteers and the user's files.
pub(crate) struct Gazetteers {
    /// Resolves names, titles, places and topics across documents.
    pub(crate) normalizer: Normalizer,
    /// Finds countries and topics in a document; `None` when no file was
    /// given (the built-in parser is used).
    pub(crate) parser: Option<Arc<Parser>>,
}

/// Reads every `--gazetteer` file; an unreadable or invalid file is an error
/// naming it (and the line, where the TOML says).
pub(crate) fn load(args: &GazetteerArgs) -> Result<Gazetteers> {
    let mut normalizer = Normalizer::default();
    let mut parser = None;
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the gazetteer", path.display()))?;
        let shown = path.display().to_string();
        add(
            &mut normalizer,
            parser.get_or_insert_with(Parser::default),
            &text,
            &shown,
        )?;
    }
    Ok(Gazetteers {
        normalizer,
        parser: parser.map(Arc::new),
    })
}

/// Adds one gazetteer text, named `shown` in errors, to both readers.
fn add(normalizer: &mut Normalizer, parser: &mut Parser, text: &str, shown: &str) -> Result<()> {
    // Normalization first: its errors name the line of any TOML syntax error.
    normalizer.add_gazetteer_toml(text, shown)?;
    check_sections(text, shown)?;
    parser.add_gazetteer(shown, text)?;
    Ok(())
}

/// Every top-level key of `text` must be a section one of the readers reads.
fn check_sections(text: &str, shown: &str) -> Result<()> {
    let table = toml::de::DeTable::parse(text).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    for key in table.get_ref().keys() {
        let name: &str = key.get_ref();
        if GAZETTEER_SECTIONS.contains(&name) || readout_parse::gazetteer::SECTIONS.contains(&name)
        {
            continue;
        }
        let line = 1 + text.as_bytes()[..key.span().start.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        bail!(
            "{shown}:{line}: unknown section {name:?}; a gazetteer has {} (names, titles, places) and {} (what the parser finds)",
            GAZETTEER_SECTIONS.join(", "),
            readout_parse::gazetteer::SECTIONS.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(text: &str) -> Result<()> {
        add(
            &mut Normalizer::default(),
            &mut Parser::default(),
            text,
            "g.toml",
        )
    }

    #[test]
    fn every_section_is_read_by_one_of_the_readers() {
        // A section of the wrong type is refused by the reader that owns it
        // (one neither reads would be refused by name instead).
        for section in GAZETTEER_SECTIONS
            .iter()
            .chain(readout_parse::gazetteer::SECTIONS)
        {
            let err = added(&format!("\n{section} = 1\n"))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("g.toml:2: "), "{section}: {err}");
            assert!(!err.contains("unknown section"), "{section}: {err}");
        }
    }

    #[test]
    fn an_unknown_section_names_file_and_line() {
        let err =
            added("[[person]]\nname = \"A B\"\ncountry = \"RU\"\n\n[[persons]]\nname = \"C\"\n")
                .unwrap_err()
                .to_string();
        assert!(
            err.starts_with("g.toml:5: unknown section \"persons\"; a gazetteer has honorifics,"),
            "{err}"
        );
    }

    #[test]
    fn a_parser_section_reaches_the_parser() {
        let mut parser = Parser::default();
        add(
            &mut Normalizer::default(),
            &mut parser,
            "[[topic]]\nid = \"lithium-supply\"\nlabel = \"Lithium supply\"\nkind = \"issue\"\npatterns = [\"lithium\"]\n",
            "g.toml",
        )
        .unwrap();
        assert!(
            parser
                .gazetteer()
                .topics
                .iter()
                .any(|t| t.id == "lithium-supply")
        );
    }
}
