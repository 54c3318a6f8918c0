//! `readout formats`: what this build can write and read.

use super::{Context, EXIT_OK, stdout};
use crate::table::Table;
use anyhow::Result;
use std::io::Write as _;

/// Prints one line per registered format.
pub(crate) fn run(ctx: &Context<'_>) -> Result<u8> {
    let mut table = Table::new(&[]);
    table.row(["name", "extensions", "read", "description"]);
    for f in ctx.registry.formats() {
        let ext = f
            .extensions()
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ");
        let ext = if f.is_directory() {
            format!("{ext} (directory)").trim().to_owned()
        } else {
            ext
        };
        let read = if f.can_read() { "yes" } else { "no" };
        table.row([f.name(), &ext, read, f.description()]);
    }
    let mut out = stdout();
    for (i, line) in table.lines().iter().enumerate() {
        if i == 0 {
            writeln!(out, "{}", ctx.ui.header(line))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}
