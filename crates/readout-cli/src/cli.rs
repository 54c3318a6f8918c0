//! The command line: every subcommand, flag and help text, as clap derive
//! definitions. A new subcommand is a variant of [`Command`] (with its
//! arguments struct here) and a module under `commands/`; a new flag of an
//! existing subcommand is a field of its arguments struct.

use clap::{Args, ColorChoice, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;

/// The exit codes, as every `--help` that can end with any of them lists them.
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  success
  1  some inputs were skipped (each named on standard error); the rest were processed
  2  usage error (unknown subcommand or flag, missing argument)
  3  failure: nothing was written"
    };
}

const MAIN_AFTER_HELP: &str = concat!(
    "\
Examples:
  readout extract seeds/ -o seeds.json       # read reports, write the dataset
  readout stats seeds.json                   # what is in it
  readout show seeds.json --person Lavrov    # the meetings of one person, as a table
  readout convert seeds.json -o seeds.jsonl  # to another format
  readout formats                            # the formats this build knows

Environment:
  NO_COLOR  set to anything but the empty string to turn colour off (as --color never)

",
    exit_codes!()
);

/// Turn English reports of diplomatic meetings into one clean dataset of who
/// met whom, when, where, on what occasion, about what, with the evidence.
#[derive(Parser, Debug)]
#[command(
    name = "readout",
    version,
    long_about = None,
    after_help = MAIN_AFTER_HELP,
    max_term_width = 100
)]
pub(crate) struct Cli {
    /// Print nothing but errors (no warnings, progress bar or summary).
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub(crate) quiet: bool,
    /// Print a line for every document read.
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "quiet",
        help_heading = "Global options"
    )]
    pub(crate) verbose: bool,
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "WHEN",
        default_value = "auto",
        value_enum
    )]
    pub(crate) color: Color,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// `--color`: when to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    // Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    // Always colour, even into a pipe or with NO_COLOR set.
    Always,
    // Never colour.
    Never,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Read reports (.txt, .html) and write the dataset of the meetings they report.
    #[command(after_help = concat!("\
Examples:
  readout extract seeds/                     # every .txt/.html under seeds/ into the default output
  readout extract a.txt b.html -o out.json   # the format follows the extension
  readout extract seeds -o - --to json | jq '.meetings[].date'
  cat page.html | readout extract - --html -o - --to jsonl
  readout extract crawl.jsonl.gz --meetings-only -o crawl.json   # a news crawl, one JSON object a line
  readout extract today/ --into readout.db   # add new reports to an existing dataset

Inputs may be gzip-compressed (x.txt.gz, x.html.gz). A .jsonl or .ndjson input
(or .jsonl.gz) is a corpus of one document a line, read a batch at a time:
  {\"id\" or \"url\": \"...\", \"text\" or \"html\": \"...\", \"published\": \"2023-09-18\", \"outlet\": \"...\"}
The id or url is the document's path; published and outlet, when given, override
what the text says. A line that is not such an object is named (file:line) and skipped.

A progress bar is shown on standard error when many files are read and standard
error is a terminal; a one-line summary ends every run (both silenced by --quiet).
A document that cannot be read is named with the reason and skipped; the rest are
processed and the exit code is 1.

", exit_codes!()))]
    Extract(ExtractArgs),
    /// Convert a dataset from one format to another.
    #[command(after_help = concat!("\
Examples:
  readout convert readout.db -o readout.json
  readout convert readout.json -o tables --to csv
  readout convert - --from jsonl -o - --to json < meetings.jsonl

", "Exit codes:
  0  success
  2  usage error
  3  failure: nothing was written"))]
    Convert(ConvertArgs),
    /// Combine datasets built separately (shards of one corpus, yesterday's
    /// and today's) into one: documents, people and topics by id, meetings by
    /// id with their sources, evidence, statements and topics joined.
    #[command(after_help = concat!("\
Examples:
  readout merge part-1.json part-2.json part-3.json -o all.db
  readout merge part-*.json -o - --to json | readout stats - --from json

A document held by several inputs is kept once; the output is the same
whatever order the inputs are given in when they share no meeting.

", "Exit codes:
  0  success
  2  usage error
  3  failure: nothing was written"))]
    Merge(MergeArgs),
    /// List the formats this build can write and read.
    #[command(after_help = "\
Examples:
  readout formats

The name goes to --to and --from; the extensions select a format when those are not given.")]
    Formats,
    /// Write one self-contained HTML page of a dataset: a timeline, who met
    /// whom, topics by year, and every meeting with its evidence highlighted in
    /// the source text. Opens from file:// in any browser; loads nothing.
    #[command(after_help = concat!("\
Examples:
  readout report readout.db -o report.html   # open report.html in any browser
  readout report seeds.json -o - > seeds.html
  readout report - --from jsonl -o report.html < meetings.jsonl

", exit_codes!()))]
    Report(ReportArgs),
    /// Say why names were merged into one person, or reports into one meeting.
    #[command(after_help = concat!("\
Examples:
  readout explain seeds.db \"Sergey Lavrov\"     # every spelling and the rule that joined it
  readout explain seeds.db lavrov
  readout explain seeds.json 2023-09-18-sergey-lavrov-wang-yi-meeting

", exit_codes!()))]
    Explain(ExplainArgs),
    /// Count what a dataset holds: documents, meetings, people, topics, meetings per
    /// year and kind, the pairs of people who met most, the topics raised most.
    #[command(after_help = concat!("\
Examples:
  readout stats seeds.json
  readout stats seeds.db --top 5
  readout stats seeds.json --json | jq '.meetings_per_year'
  readout extract seeds -o - --to jsonl | readout stats - --from jsonl

", "Exit codes:
  0  success
  2  usage error
  3  failure (the dataset could not be read)"))]
    Stats(StatsArgs),
    /// Print the meetings of a dataset as a table: date, kind, place, participants, topics.
    #[command(after_help = concat!("\
Examples:
  readout show seeds.json
  readout show seeds.db --person \"Wang Yi\" --person Lavrov   # meetings of both
  readout show seeds.json --since 2023-01 --until 2023-12-31 --topic Ukraine
  readout show seeds.json --limit 20

--person matches a person's name, one of their aliases or their id, ignoring case;
--topic matches a topic's label or id, ignoring case. Dates are YYYY, YYYY-MM or
YYYY-MM-DD; meetings without a date are left out when --since or --until is given.

", "Exit codes:
  0  success (also when no meeting matches)
  2  usage error
  3  failure (the dataset could not be read, or no person or topic has that name)"))]
    Show(ShowArgs),
    /// Print a shell completion script to standard output.
    #[command(
        hide = true,
        after_help = "Example:\n  readout completions bash > /etc/bash_completion.d/readout"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff) to standard output.
    #[command(hide = true, after_help = "Example:\n  readout manpage > readout.1")]
    Manpage,
}

/// `readout extract`.
#[derive(Args, Debug)]
pub(crate) struct ExtractArgs {
    /// Files or directories to read (directories are searched for .txt, .htm
    /// and .html files); `-` reads one document from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<String>,
    /// Where to write the dataset; `-` is standard output.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: Option<String>,
    /// Output format (see `readout formats`); by default the extension of OUT decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) to: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub(crate) force: bool,
    /// Treat standard input as HTML (files are told apart by their extension).
    #[arg(long)]
    pub(crate) html: bool,
    /// Parse on N threads (default: every core); 1 parses on one thread. The
    /// output is the same, byte for byte, whatever N is.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) jobs: Option<u16>,
    /// Keep only documents that report a meeting. Without it every document
    /// read is kept with its whole text; with it, documents that report no
    /// meeting (most of a news crawl) are read, parsed and dropped, so memory
    /// grows with the meetings found rather than with the corpus. Their
    /// warnings are not printed; the summary counts them.
    #[arg(long)]
    pub(crate) meetings_only: bool,
    /// Add the new documents to this existing dataset (any readable format)
    /// and write it back in place (atomically; no --force needed), or to OUT
    /// when -o is given. Documents it already holds (same text) are skipped;
    /// a meeting reported again joins its existing record.
    #[arg(long, value_name = "DATASET")]
    pub(crate) into: Option<String>,
    /// Format of the --into dataset; by default its extension decides.
    #[arg(long, value_name = "FORMAT", requires = "into")]
    pub(crate) from: Option<String>,
    #[command(flatten)]
    pub(crate) gazetteers: GazetteerArgs,
    #[command(flatten)]
    pub(crate) csv: CsvArgs,
}

/// `readout merge`.
#[derive(Args, Debug)]
pub(crate) struct MergeArgs {
    /// The datasets to combine, in any format this build reads.
    #[arg(required = true, num_args = 1.., value_name = "DATASET")]
    pub(crate) inputs: Vec<String>,
    /// Where to write the combined dataset; `-` is standard output.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: String,
    /// Format of every input; by default each one's extension decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) from: Option<String>,
    /// Output format; by default the extension of OUT decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) to: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) csv: CsvArgs,
    /// The gazetteers the datasets were extracted with.
    #[command(flatten)]
    pub(crate) gazetteers: GazetteerArgs,
}

/// User gazetteer files: shared by the commands that resolve names.
#[derive(Args, Debug, Default)]
pub(crate) struct GazetteerArgs {
    /// A TOML file of extra people, roles, places, topics and countries, read
    /// on top of the built-in gazetteers (repeatable). Its [[topic]] and
    /// [[country]] entries (and roles, bodies, portfolios, offices) teach the
    /// parser what to find; [[person]], [[role]], [[place]], [[topic_alias]]
    /// and honorifics teach normalization how to resolve it. A section
    /// neither reads is an error. See the readout-parse and readout-normalize
    /// crate docs for the keys.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub(crate) files: Vec<std::path::PathBuf>,
}

/// How CSV output is written: shared by the commands that write a dataset.
#[derive(Args, Debug, Default)]
pub(crate) struct CsvArgs {
    /// CSV output only: guard the tables against formula injection. A cell
    /// that begins with =, +, -, @, a tab or a carriage return (or with ' itself)
    /// gets one ' put in front, so Excel and LibreOffice show it as text
    /// instead of evaluating it as a formula. dataset.csv records the choice,
    /// and readout takes the ' off again when it reads the directory (convert,
    /// merge, stats …), so the dataset reads back unchanged; other programs
    /// reading the files see the added '. An error with any other output format.
    #[arg(long)]
    pub(crate) spreadsheet_safe: bool,
}

/// `readout explain`.
#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub(crate) input: DatasetArgs,
    /// A person (id, name or alias, any case) or a meeting id.
    #[arg(value_name = "QUERY")]
    pub(crate) query: String,
    #[command(flatten)]
    pub(crate) gazetteers: GazetteerArgs,
}

/// `readout convert`.
#[derive(Args, Debug)]
pub(crate) struct ConvertArgs {
    /// The dataset to read; `-` is standard input (then give --from).
    #[arg(value_name = "IN")]
    pub(crate) input: String,
    /// Where to write; `-` is standard output.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: String,
    /// Input format; by default the extension of IN decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) from: Option<String>,
    /// Output format; by default the extension of OUT decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) to: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) csv: CsvArgs,
}

/// Where a dataset is read from: shared by the commands that read one.
#[derive(Args, Debug)]
pub(crate) struct DatasetArgs {
    /// The dataset, in any format this build reads (see `readout formats`);
    /// `-` is standard input (then give --from).
    #[arg(value_name = "DATASET")]
    pub(crate) dataset: String,
    /// Format of DATASET; by default its extension decides.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) from: Option<String>,
}

/// `readout report`.
#[derive(Args, Debug)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) input: DatasetArgs,
    /// Where to write the HTML page; `-` is standard output.
    #[arg(short, long, value_name = "OUT", default_value = "report.html")]
    pub(crate) output: String,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub(crate) force: bool,
}

/// `readout stats`.
#[derive(Args, Debug)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub(crate) input: DatasetArgs,
    /// How many pairs of people and topics to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(crate) top: usize,
    /// Print the statistics as one JSON object.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `readout show`.
#[derive(Args, Debug)]
pub(crate) struct ShowArgs {
    #[command(flatten)]
    pub(crate) input: DatasetArgs,
    /// Only meetings this person took part in (name, alias or id; any case).
    /// Repeat for meetings of all of them.
    #[arg(long, value_name = "NAME")]
    pub(crate) person: Vec<String>,
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_prefix)]
    pub(crate) since: Option<String>,
    /// Only meetings on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_prefix)]
    pub(crate) until: Option<String>,
    /// Only meetings where this topic was raised (label or id; any case).
    /// Repeat for meetings about all of them.
    #[arg(long, value_name = "TOPIC")]
    pub(crate) topic: Vec<String>,
    /// Show at most N meetings.
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
}

/// `readout completions`.
#[derive(Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// A date given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked for range.
fn parse_date_prefix(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    let ok = match parts.as_slice() {
        [y] => number(y, 4, 0, 9999),
        [y, m] => number(y, 4, 0, 9999) && number(m, 2, 1, 12),
        [y, m, d] => number(y, 4, 0, 9999) && number(m, 2, 1, 12) && number(d, 2, 1, 31),
        _ => false,
    };
    if ok {
        Ok(s.to_owned())
    } else {
        Err("expected a date as YYYY, YYYY-MM or YYYY-MM-DD".to_owned())
    }
}

/// The `clap::Command` of `readout`, for completions and the man page.
pub(crate) fn command() -> clap::Command {
    Cli::command()
}

/// Parses the command line, exiting with code 2 (and clap's message) on a
/// usage error. `--color` is looked for first so that clap's own help and
/// errors follow it too.
pub(crate) fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let choice = match color_flag(&args) {
        Some(Color::Always) => ColorChoice::Always,
        Some(Color::Never) => ColorChoice::Never,
        // clap's auto mode already honours NO_COLOR and a non-terminal.
        Some(Color::Auto) | None => ColorChoice::Auto,
    };
    let matches = Cli::command().color(choice).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The last `--color WHEN` / `--color=WHEN` before a `--`, if valid.
fn color_flag(args: &[OsString]) -> Option<Color> {
    let mut found = None;
    let mut iter = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(arg) = iter.next() {
        let value = match arg {
            "--" => break,
            "--color" => iter.next(),
            _ => arg.strip_prefix("--color="),
        };
        if let Some(v) = value {
            found = Color::from_str(v, true).ok().or(found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_checked() {
        for good in ["2023", "2023-09", "2023-09-18"] {
            assert_eq!(parse_date_prefix(good).as_deref(), Ok(good));
        }
        for bad in [
            "23",
            "2023-13",
            "2023-9-1",
            "2023-09-32",
            "x",
            "2023-09-18-1",
            "",
        ] {
            assert!(parse_date_prefix(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn color_is_found_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(color_flag(&args(&["readout", "stats"])), None);
        assert_eq!(
            color_flag(&args(&["readout", "--color", "never", "stats"])),
            Some(Color::Never)
        );
        assert_eq!(
            color_flag(&args(&["readout", "stats", "--color=always"])),
            Some(Color::Always)
        );
        assert_eq!(
            color_flag(&args(&["readout", "--", "--color=always"])),
            None
        );
    }
}
