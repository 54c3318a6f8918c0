//! `readout manpage` (hidden): the man page `readout.1`, for packagers.

use super::{EXIT_OK, stdout};
use crate::cli;
use anyhow::Result;
use std::io::Write as _;

/// Writes the man page, in roff, to standard output.
pub(crate) fn run() -> Result<u8> {
    let mut out = stdout();
    clap_mangen::Man::new(cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}
