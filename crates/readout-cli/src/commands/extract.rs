//! `readout extract`: reports in, dataset out.

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_SKIPPED, check_target, gazetteer, output_format};
use crate::cli::ExtractArgs;
use crate::{formats, inputs};
use anyhow::{Context as _, Result, bail};
use readout_format::Target;

/// Reads every input, normalizes what was found into one dataset and writes
/// it; inputs that cannot be read are reported and skipped.
pub(crate) fn run(ctx: &Context<'_>, args: ExtractArgs) -> Result<u8> {
    let output = args
        .output
        .unwrap_or_else(|| formats::default_output(&ctx.registry).to_owned());
    let target = Target::from_arg(&output);
    let format = output_format(&ctx.registry, &target, args.to.as_deref())?;
    check_target(&target, format.is_directory(), args.force, &args.inputs)?;
    let gazetteers = gazetteer::load(&args.gazetteers)?;
    let read = inputs::read_all(&args.inputs, args.html, ctx.ui);
    if read.extractions.is_empty() {
        // Each input already has its line saying why it was skipped.
        if read.skipped.is_empty() {
            bail!("no document to read; nothing written");
        }
        return Ok(EXIT_FAILURE);
    }
    let documents = read.extractions.len();
    let skipped = if read.skipped.is_empty() {
        String::new()
    } else {
        format!(
            ", skipped {} ({})",
            read.skipped.len(),
            read.skipped_reasons()
        )
    };
    let data = gazetteers.normalizer.normalize(read.extractions);
    format
        .write(&data, &target)
        .with_context(|| format!("writing {target}"))?;
    ctx.ui.info(format_args!(
        "read {documents} documents{skipped}: {} meetings, {} people, {} topics -> {target} ({})",
        data.meetings.len(),
        data.people.len(),
        data.topics.len(),
        format.name()
    ));
    Ok(if read.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_SKIPPED
    })
}
