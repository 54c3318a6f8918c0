//! `readout report`: one self-contained HTML page of a dataset.

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use readout_format::{Format, FormatError, Registry, Source, Target, write_target};
use std::path::Path;

/// Arguments of `readout report`.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  readout report readout.db -o report.html   # open report.html in any browser
  readout report seeds.json -o - > seeds.html
  readout report - --from jsonl -o report.html < meetings.jsonl")]
pub(crate) struct ReportArgs {
    /// The dataset to show, in any format this build can read; `-` is standard
    /// input (then give --from).
    #[arg(value_name = "DATASET")]
    input: String,
    /// Where to write the HTML page; `-` is standard output.
    #[arg(short, long, value_name = "OUT", default_value = "report.html")]
    output: String,
    /// Input format; by default the extension of DATASET decides.
    #[arg(long, value_name = "FORMAT")]
    from: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    force: bool,
}

/// Reads the dataset and writes its report; returns the exit code.
pub(crate) fn run(args: ReportArgs, registry: &Registry, quiet: bool) -> Result<u8> {
    let source = Source::from_arg(&args.input);
    let target = Target::from_arg(&args.output);
    let reader = reader(registry, &source, args.from.as_deref())?;
    if let Target::Path(out) = &target {
        if let Source::Path(input) = &source
            && same_file(input, out)
        {
            bail!("{}: is the input; refusing to write over it", out.display());
        }
        if out.is_dir() {
            bail!(
                "{}: is a directory; give a file name for the report",
                out.display()
            );
        }
        if out.exists() && !args.force {
            bail!(
                "{}: already exists; pass --force to overwrite it",
                out.display()
            );
        }
    }
    let data = reader.read(&source)?;
    write_target(&target, |w| {
        readout_report::to_writer(&data, w).map_err(|e| FormatError::io(&target, e))
    })
    .with_context(|| format!("writing {target}"))?;
    if !quiet && target != Target::Stdout {
        eprintln!(
            "readout: {} meetings, {} people, {} documents: {source} ({}) -> {target} (HTML report)",
            data.meetings.len(),
            data.people.len(),
            data.documents.len(),
            reader.name(),
        );
    }
    Ok(0)
}

fn reader<'r>(
    registry: &'r Registry,
    source: &Source,
    from: Option<&str>,
) -> Result<&'r dyn Format> {
    let names = || {
        registry
            .formats()
            .filter(|f| f.can_read())
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let format = match (from, source) {
        (Some(name), _) => registry
            .by_name(name)
            .ok_or_else(|| anyhow!("unknown format {name:?}; this build reads: {}", names()))?,
        (None, Source::Stdin) => bail!("reading standard input needs --from FORMAT ({})", names()),
        (None, Source::Path(p)) => {
            if !p.exists() {
                bail!("{}: no such file or directory", p.display());
            }
            let dir_format = p
                .is_dir()
                .then(|| registry.formats().find(|f| f.is_directory()))
                .flatten();
            dir_format.or_else(|| registry.by_path(p)).ok_or_else(|| {
                anyhow!(
                    "{}: cannot tell the dataset's format from the extension; name one with --from ({})",
                    p.display(),
                    names()
                )
            })?
        }
    };
    if !format.can_read() {
        bail!(
            "{} cannot be read; convert the dataset to another format first",
            format.name()
        );
    }
    Ok(format)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
