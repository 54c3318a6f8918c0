//! `readout merge`: datasets built separately in, one dataset out. The
//! combining is the normalizer's (`Normalizer::merge`), so that shards
//! merged give the bytes of one run over the whole corpus; `readout extract
//! --into` uses it too.

use super::{Context, EXIT_OK, check_target, gazetteer, input_format, output_format};
use crate::cli::MergeArgs;
use anyhow::{Context as _, Result};
use readout_format::{Source, Target};
use readout_model::Dataset;

/// Reads every input, merges them and writes the result.
pub(crate) fn run(ctx: &Context<'_>, args: MergeArgs) -> Result<u8> {
    let target = Target::from_arg(&args.output);
    let format = output_format(&ctx.registry, &target, args.to.as_deref())?;
    let format = crate::formats::spreadsheet_safe(format, args.csv.spreadsheet_safe)?;
    check_target(&target, format.is_directory(), args.force, &args.inputs)?;
    let gazetteers = gazetteer::load(&args.gazetteers)?;
    let mut datasets = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        datasets.push(read(ctx, input, args.from.as_deref())?);
    }
    let data = gazetteers.normalizer.merge(datasets);
    format
        .write(&data, &target)
        .with_context(|| format!("writing {target}"))?;
    ctx.ui.info(format_args!(
        "merged {} datasets: {} documents, {} meetings, {} people, {} topics -> {target} ({})",
        args.inputs.len(),
        data.documents.len(),
        data.meetings.len(),
        data.people.len(),
        data.topics.len(),
        format.name()
    ));
    Ok(EXIT_OK)
}

/// Reads one dataset in the format `from` names or its extension says.
pub(crate) fn read(ctx: &Context<'_>, input: &str, from: Option<&str>) -> Result<Dataset> {
    let source = Source::from_arg(input);
    let format = input_format(&ctx.registry, &source, from)?;
    let data = format.read(&source)?;
    ctx.ui.detail(format_args!(
        "{source} ({}): {} documents, {} meetings",
        format.name(),
        data.documents.len(),
        data.meetings.len()
    ));
    Ok(data)
}
