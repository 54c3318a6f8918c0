//! `readout completions SHELL` (hidden): a completion script, for packagers.

use super::{EXIT_OK, stdout};
use crate::cli::{self, CompletionsArgs};
use anyhow::Result;
use std::io::Write as _;

/// Writes the completion script for the shell to standard output.
pub(crate) fn run(args: CompletionsArgs) -> Result<u8> {
    let mut out = stdout();
    clap_complete::generate(args.shell, &mut cli::command(), "readout", &mut out);
    out.flush()?;
    Ok(EXIT_OK)
}
