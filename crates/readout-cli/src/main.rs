//! `readout`: extract meetings from diplomatic readouts and convert datasets.
//!
//! `cli.rs` holds the command line (clap derive), `commands/` one module per
//! subcommand, `formats.rs` the one place formats are registered, `inputs.rs`
//! the reading of reports, `ui.rs` messages, colour and progress.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod commands;
mod formats;
mod found;
mod inputs;
mod spool;
mod table;
mod ui;

use std::process::ExitCode;

/// mimalloc: parsing, normalizing and writing make many small strings on
/// several threads, often freed by a thread other than the one that made
/// them, where the system allocator spends much of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::parse();
    let ui = ui::Ui::new(cli.quiet, cli.verbose, cli.color);
    match commands::run(cli, &ui) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped reading (`readout show … | head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            ui.error(format_args!("{e:#}"));
            ExitCode::from(commands::EXIT_FAILURE)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
