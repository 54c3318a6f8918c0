//! `readout convert`: a dataset from one format to another.

use super::{Context, EXIT_OK, check_target, input_format, output_format};
use crate::cli::ConvertArgs;
use anyhow::{Context as _, Result};
use readout_format::{Source, Target};

/// Reads the dataset and writes it in the other format.
pub(crate) fn run(ctx: &Context<'_>, args: ConvertArgs) -> Result<u8> {
    let source = Source::from_arg(&args.input);
    let target = Target::from_arg(&args.output);
    let reader = input_format(&ctx.registry, &source, args.from.as_deref())?;
    let writer = output_format(&ctx.registry, &target, args.to.as_deref())?;
    let writer = crate::formats::spreadsheet_safe(writer, args.csv.spreadsheet_safe)?;
    check_target(
        &target,
        writer.is_directory(),
        args.force,
        std::slice::from_ref(&args.input),
    )?;
    let data = reader.read(&source)?;
    writer
        .write(&data, &target)
        .with_context(|| format!("writing {target}"))?;
    if target != Target::Stdout {
        ctx.ui.info(format_args!(
            "{} meetings, {} people, {} documents: {source} ({}) -> {target} ({})",
            data.meetings.len(),
            data.people.len(),
            data.documents.len(),
            reader.name(),
            writer.name()
        ));
    }
    Ok(EXIT_OK)
}
