//! `readout explain`: why names or reports were merged.

use super::{Context, EXIT_OK, gazetteer, read_dataset, stdout};
use crate::cli::ExplainArgs;
use anyhow::Result;
use std::io::Write as _;

/// Reads the dataset and prints the reasons for the person or meeting asked about.
pub(crate) fn run(ctx: &Context<'_>, args: ExplainArgs) -> Result<u8> {
    let gazetteers = gazetteer::load(&args.gazetteers)?;
    let data = read_dataset(ctx, &args.input)?;
    let explanation = gazetteers.normalizer.explain(&data, &args.query)?;
    let mut out = stdout();
    writeln!(out, "{explanation}")?;
    out.flush()?;
    Ok(EXIT_OK)
}
