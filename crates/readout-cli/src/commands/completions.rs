//! `readout completions SHELL` (hidden): a completion script, for packagers.

use super::{EXIT_OK, stdout};
use crate::cli::{self, CompletionsArgs};
use anyhow::Result;
use std::io::Write as _;

/// Writes the completion script for the shell to standard output.
pub(crate) fn run(args: CompletionsArgs) -> Result<u8> {
    // Generated into memory first: clap_complete panics on a failed write,
    // and standard output may be a pipe that closes early.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli::command(), "readout", &mut script);
    let mut out = stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(EXIT_OK)
}
