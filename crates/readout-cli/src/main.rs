//! `readout`: extract meetings from diplomatic readouts and convert datasets.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod formats;
mod inputs;
mod report;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use readout_format::{Format, Registry, Source, Target};
use readout_model::Dataset;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code: some inputs were skipped, the rest processed.
const EXIT_SKIPPED: u8 = 1;
/// Exit code: the run failed; nothing was written.
const EXIT_FAILURE: u8 = 3;

const AFTER_HELP: &str = "\
Exit codes: 0 success, 1 some inputs were skipped (the rest were processed),
2 usage error, 3 failure (nothing was written).";

/// Turn English reports of diplomatic meetings into one clean dataset of who
/// met whom, when, where, on what occasion, about what, with the evidence.
#[derive(Parser, Debug)]
#[command(name = "readout", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print a line for every document read.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read reports (.txt, .html) and write the dataset of the meetings they report.
    #[command(after_help = "\
Examples:
  readout extract seeds/                     # every .txt/.html under seeds/ into the default output
  readout extract a.txt b.html -o out.json   # the format follows the extension
  readout extract seeds -o - --to json | jq '.meetings[].date'
  cat page.html | readout extract - --html -o - --to jsonl")]
    Extract {
        /// Files or directories to read (directories are searched for .txt, .htm
        /// and .html files); `-` reads one document from standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Where to write the dataset; `-` is standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<String>,
        /// Output format (see `readout formats`); by default the extension of OUT decides.
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
        /// Treat standard input as HTML (files are told apart by their extension).
        #[arg(long)]
        html: bool,
    },
    /// Convert a dataset from one format to another.
    #[command(after_help = "\
Examples:
  readout convert readout.db -o readout.json
  readout convert readout.json -o tables --to csv
  readout convert - --from jsonl -o - --to json < meetings.jsonl")]
    Convert {
        /// The dataset to read; `-` is standard input (then give --from).
        #[arg(value_name = "IN")]
        input: String,
        /// Where to write; `-` is standard output.
        #[arg(short, long, value_name = "OUT")]
        output: String,
        /// Input format; by default the extension of IN decides.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// Output format; by default the extension of OUT decides.
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the formats this build can write and read.
    Formats,
    /// Write one self-contained HTML page showing a dataset (timeline, who met whom, topics, evidence).
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("readout: {e:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let registry = formats::registry();
    match cli.command {
        Command::Extract {
            inputs,
            output,
            to,
            force,
            html,
        } => {
            let output = output.unwrap_or_else(|| formats::default_output(&registry).to_owned());
            let target = Target::from_arg(&output);
            let format = output_format(&registry, &target, to.as_deref())?;
            check_target(&target, format, force, &inputs)?;
            let read = inputs::read_all(&inputs, html, cli.verbose)?;
            for skipped in &read.skipped {
                eprintln!("readout: {skipped}");
            }
            if read.extractions.is_empty() {
                // Each input already has its line saying why it was skipped.
                if read.skipped.is_empty() {
                    bail!("no document to read; nothing written");
                }
                return Ok(EXIT_FAILURE);
            }
            let documents = read.extractions.len();
            let data = readout_normalize::normalize(read.extractions);
            format
                .write(&data, &target)
                .with_context(|| format!("writing {target}"))?;
            if !cli.quiet {
                summary(&data, documents, read.skipped.len(), &target);
            }
            Ok(if read.skipped.is_empty() {
                0
            } else {
                EXIT_SKIPPED
            })
        }
        Command::Convert {
            input,
            output,
            from,
            to,
            force,
        } => {
            let source = Source::from_arg(&input);
            let target = Target::from_arg(&output);
            let reader = input_format(&registry, &source, from.as_deref())?;
            let writer = output_format(&registry, &target, to.as_deref())?;
            check_target(&target, writer, force, std::slice::from_ref(&input))?;
            let data = reader.read(&source)?;
            writer
                .write(&data, &target)
                .with_context(|| format!("writing {target}"))?;
            if !cli.quiet && target != Target::Stdout {
                eprintln!(
                    "readout: {} meetings, {} people, {} documents: {source} ({}) -> {target} ({})",
                    data.meetings.len(),
                    data.people.len(),
                    data.documents.len(),
                    reader.name(),
                    writer.name()
                );
            }
            Ok(0)
        }
        Command::Report(args) => report::run(args, &registry, cli.quiet),
        Command::Formats => {
            println!(
                "{:<10} {:<16} {:<5} description",
                "name", "extensions", "read"
            );
            for f in registry.formats() {
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
                println!(
                    "{:<10} {:<16} {:<5} {}",
                    f.name(),
                    ext,
                    read,
                    f.description()
                );
            }
            Ok(0)
        }
    }
}

fn summary(data: &Dataset, documents: usize, skipped: usize, target: &Target) {
    let skipped = if skipped > 0 {
        format!(" ({skipped} skipped)")
    } else {
        String::new()
    };
    eprintln!(
        "readout: read {documents} documents{skipped}: {} meetings, {} people, {} topics -> {target}",
        data.meetings.len(),
        data.people.len(),
        data.topics.len()
    );
}

fn names(registry: &Registry) -> String {
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

fn output_format<'r>(
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

fn input_format<'r>(
    registry: &'r Registry,
    source: &Source,
    from: Option<&str>,
) -> Result<&'r dyn Format> {
    let format = match (from, source) {
        (Some(name), _) => by_name(registry, name)?,
        (None, Source::Stdin) => bail!(
            "reading standard input needs --from FORMAT ({})",
            names(registry)
        ),
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

/// Refuses to write over an existing output without `--force`, and over an
/// input ever.
fn check_target(
    target: &Target,
    format: &dyn Format,
    force: bool,
    inputs: &[String],
) -> Result<()> {
    let Target::Path(out) = target else {
        return Ok(());
    };
    let out_abs = absolute(out);
    for input in inputs.iter().filter(|i| *i != "-") {
        let input_abs = absolute(Path::new(input));
        if out_abs == input_abs || out_abs.starts_with(&input_abs) && format.is_directory() {
            bail!("{}: is an input; refusing to write over it", out.display());
        }
    }
    if out.exists() && !force {
        bail!(
            "{}: already exists; pass --force to overwrite it",
            out.display()
        );
    }
    if out.is_dir() != format.is_directory() && out.exists() {
        let kind = if out.is_dir() {
            "a directory"
        } else {
            "a file"
        };
        bail!(
            "{}: is {kind}, but {} writes {}",
            out.display(),
            format.name(),
            if format.is_directory() {
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
