//! One module per subcommand, and what they share: finding a format, reading
//! a dataset, guarding outputs.
//!
//! A new subcommand: a variant of `cli::Command` with its arguments struct in
//! `cli.rs`, a module here with `pub(crate) fn run(ctx: &Context, args) ->
//! Result<u8>`, and one arm in [`run`].

mod completions;
mod convert;
mod explain;
mod extract;
mod gazetteer;
mod list_formats;
mod manpage;
mod merge;
mod report;
mod show;
mod stats;

use crate::cli::{Cli, Command, DatasetArgs};
use crate::formats;
use crate::ui::Ui;
use anyhow::{Result, anyhow, bail};
use readout_format::{Format, Registry, Source, Target};
use readout_model::Dataset;
use std::path::{Path, PathBuf};

/// Exit code: success.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code: some inputs were skipped, the rest processed.
pub(crate) const EXIT_SKIPPED: u8 = 1;
/// Exit code: the run failed; nothing was written.
pub(crate) const EXIT_FAILURE: u8 = 3;

/// What every command gets: the formats of this build and the user interface.
pub(crate) struct Context<'a> {
    /// Every format this build knows.
    pub(crate) registry: Registry,
    /// Messages, colour, progress.
    pub(crate) ui: &'a Ui,
}

/// Runs the command the user asked for; returns the exit code.
pub(crate) fn run(cli: Cli, ui: &Ui) -> Result<u8> {
    let ctx = Context {
        registry: formats::registry(),
        ui,
    };
    match cli.command {
        Command::Extract(args) => extract::run(&ctx, args),
        Command::Convert(args) => convert::run(&ctx, args),
        Command::Merge(args) => merge::run(&ctx, args),
        Command::Formats => list_formats::run(&ctx),
        Command::Stats(args) => stats::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Explain(args) => explain::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Manpage => manpage::run(),
    }
}

/// The names of every format, for error messages.
pub(crate) fn names(registry: &Registry) -> String {
    registry
        .formats()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn by_name<'r>(registry: &'r Registry, name: &str) -> Result<&'r dyn Format> {
    registry.by_name(name).ok_or_else(|| {
        anyhow!(
            "unknown format {name:?}; this build knows: {}",
            names(registry)
        )
    })
}

/// The format to write `target` in: `--to`, else the extension, else JSON
/// on standard output.
pub(crate) fn output_format<'r>(
    registry: &'r Registry,
    target: &Target,
    to: Option<&str>,
) -> Result<&'r dyn Format> {
    let format = match (to, target) {
        (Some(name), _) => by_name(registry, name)?,
        (None, Target::Stdout) => by_name(registry, "json")?,
        (None, Target::Path(p)) => registry.by_path(p).ok_or_else(|| {
            anyhow!(
                "{}: cannot tell the output format from the extension; name one with --to ({})",
                p.display(),
                names(registry)
            )
        })?,
    };
    if *target == Target::Stdout && !format.can_stream() {
        bail!(
            "{} output cannot go to standard output; give a path with -o",
            format.name()
        );
    }
    Ok(format)
}

/// The format to read `source` in: `--from`, else a directory format for a
/// directory, else the extension.
pub(crate) fn input_format<'r>(
    registry: &'r Registry,
    source: &Source,
    from: Option<&str>,
) -> Result<&'r dyn Format> {
    if let Source::Path(p) = source {
        // A directory output a killed run left moved aside is put back first.
        readout_format::recover_dir(p)?;
    }
    if let Source::Path(p) = source
        && !p.exists()
    {
        bail!("{}: no such file or directory", p.display());
    }
    let format = match (from, source) {
        (Some(name), _) => by_name(registry, name)?,
        (None, Source::Stdin) => bail!(
            "reading standard input needs --from FORMAT ({})",
            names(registry)
        ),
        (None, Source::Path(p)) => {
            // A directory named for its format (`x.parquet`) says which; any
            // other directory is the first directory format (CSV).
            let by_extension = registry
                .by_path(p)
                .filter(|f| f.is_directory() == p.is_dir());
            let dir_format = p
                .is_dir()
                .then(|| registry.formats().find(|f| f.is_directory()))
                .flatten();
            by_extension.or(dir_format).or_else(|| registry.by_path(p)).ok_or_else(|| {
                anyhow!(
                    "{}: cannot tell the input format from the extension; name one with --from ({})",
                    p.display(),
                    names(registry)
                )
            })?
        }
    };
    if !format.can_read() {
        bail!(
            "{} cannot be read back; convert from another format",
            format.name()
        );
    }
    Ok(format)
}

/// Reads the dataset a command was given, in whatever readable format it is.
pub(crate) fn read_dataset(ctx: &Context<'_>, args: &DatasetArgs) -> Result<Dataset> {
    let source = Source::from_arg(&args.dataset);
    let format = input_format(&ctx.registry, &source, args.from.as_deref())?;
    let data = format.read(&source)?;
    ctx.ui.detail(format_args!(
        "{source} ({}): {} documents, {} meetings",
        format.name(),
        data.documents.len(),
        data.meetings.len()
    ));
    Ok(data)
}

/// Refuses to write over an existing output without `--force`, and over an
/// input ever.
/// `writes_directory` says whether the output is a directory of files.
pub(crate) fn check_target(
    target: &Target,
    writes_directory: bool,
    force: bool,
    inputs: &[String],
) -> Result<()> {
    let Target::Path(out) = target else {
        return Ok(());
    };
    let out_abs = absolute(out);
    for input in inputs.iter().filter(|i| *i != "-") {
        let input_abs = absolute(Path::new(input));
        if out_abs == input_abs || out_abs.starts_with(&input_abs) && writes_directory {
            bail!("{}: is an input; refusing to write over it", out.display());
        }
    }
    if out.exists() && !force {
        bail!(
            "{}: already exists; pass --force to overwrite it",
            out.display()
        );
    }
    if out.is_dir() != writes_directory && out.exists() {
        let kind = if out.is_dir() {
            "a directory"
        } else {
            "a file"
        };
        bail!(
            "{}: is {kind}, but the output is {}",
            out.display(),
            if writes_directory {
                "a directory"
            } else {
                "a file"
            }
        );
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// Standard output, buffered; write errors (a closed pipe) come back as errors.
pub(crate) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}
