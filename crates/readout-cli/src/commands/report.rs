//! `readout report`: one self-contained HTML page of a dataset.

use super::{Context, EXIT_OK, check_target, read_dataset};
use crate::cli::ReportArgs;
use anyhow::{Context as _, Result, bail};
use readout_format::{FormatError, Target, write_target};

/// Reads the dataset and writes its report.
pub(crate) fn run(ctx: &Context<'_>, args: ReportArgs) -> Result<u8> {
    let target = Target::from_arg(&args.output);
    if let Target::Path(out) = &target {
        if out.is_dir() {
            bail!(
                "{}: is a directory; give a file name for the report",
                out.display()
            );
        }
        check_target(
            &target,
            false,
            args.force,
            std::slice::from_ref(&args.input.dataset),
        )?;
    }
    let data = read_dataset(ctx, &args.input)?;
    write_target(&target, |w| {
        readout_report::to_writer(&data, w).map_err(|e| FormatError::io(&target, e))
    })
    .with_context(|| format!("writing {target}"))?;
    if target != Target::Stdout {
        ctx.ui.info(format_args!(
            "{} meetings, {} people, {} documents -> {target} (HTML report)",
            data.meetings.len(),
            data.people.len(),
            data.documents.len()
        ));
    }
    Ok(EXIT_OK)
}
