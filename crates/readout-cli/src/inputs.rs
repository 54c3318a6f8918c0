//! Finding and reading the input documents.

use crate::found::{self, FoundSpool};
use crate::spool::Spool;
use crate::ui::Ui;
use flate2::read::MultiGzDecoder;
use rayon::prelude::*;
use readout_parse::{Extraction, Input, Markup, NO_MEETING, Parser, parse};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

/// File extensions read from directories (each also gzip-compressed, `.txt.gz`).
/// JSON Lines corpora are read when named, not found in directories, where a
/// `.jsonl` file may as well be a dataset.
const EXTENSIONS: &[&str] = &["txt", "htm", "html", "xhtml"];

/// The progress bar is drawn from this many documents on.
const PROGRESS_MIN_DOCUMENTS: u64 = 10;

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Document {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

/// Why an input was skipped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reason {
    /// The path does not exist.
    NotFound,
    /// The path may not be read.
    PermissionDenied,
    /// A directory holds no file with a readable extension.
    EmptyDirectory,
    /// A file (or standard input) holds no bytes at all.
    EmptyFile,
    /// Any other I/O error, as the system words it.
    Io(String),
    /// A line of a JSON Lines corpus that is not a document, and why.
    BadLine(String),
}

impl Reason {
    fn from_io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Reason::NotFound,
            std::io::ErrorKind::PermissionDenied => Reason::PermissionDenied,
            _ => Reason::Io(e.to_string()),
        }
    }

    /// A few words for the summary's count of reasons.
    pub(crate) fn short(&self) -> &str {
        match self {
            Reason::NotFound => "not found",
            Reason::PermissionDenied => "permission denied",
            Reason::EmptyDirectory => "empty directory",
            Reason::EmptyFile => "empty file",
            Reason::Io(_) => "unreadable",
            Reason::BadLine(_) => "bad line",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotFound => f.write_str("no such file or directory"),
            Reason::PermissionDenied => f.write_str("permission denied"),
            Reason::EmptyDirectory => f.write_str("no .txt or .html files in this directory"),
            Reason::EmptyFile => f.write_str("empty file"),
            Reason::Io(message) | Reason::BadLine(message) => f.write_str(message),
        }
    }
}

/// An input that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// The path as the user gave it (or as found in a directory).
    pub(crate) path: String,
    /// Why.
    pub(crate) reason: Reason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// What reading the inputs gave.
pub(crate) struct Inputs {
    /// Every document kept, whole, in input order.
    pub(crate) spool: Spool,
    /// The extraction of every document kept that reports a meeting, in
    /// input order, on disk beside the spool.
    pub(crate) found: FoundSpool,
    /// Every input (or JSON Lines line) that could not be read.
    pub(crate) skipped: Vec<Skipped>,
    /// How many documents were read and parsed.
    pub(crate) documents: usize,
    /// How many documents were left out because the dataset already holds them.
    pub(crate) already_present: usize,
    /// How many documents were left out by `--meetings-only`.
    pub(crate) without_meetings: usize,
    /// How many documents kept reported no meeting (each is listed only
    /// with `--verbose`; by default one line counts them).
    pub(crate) no_meeting: usize,
}

impl Inputs {
    /// The reasons inputs were skipped, with how many each: `2 not found, 1 empty directory`.
    pub(crate) fn skipped_reasons(&self) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &self.skipped {
            *counts.entry(s.reason.short()).or_default() += 1;
        }
        counts
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How to read: the flags of `readout extract` that shape reading.
pub(crate) struct Options<'a> {
    /// Standard input is HTML.
    pub(crate) stdin_html: bool,
    /// Parse on this many threads; 1 parses on the calling thread only.
    pub(crate) jobs: usize,
    /// Keep only documents that report at least one meeting.
    pub(crate) meetings_only: bool,
    /// Ids of documents already held: these are parsed but not kept.
    pub(crate) known: &'a HashSet<String>,
    /// The parser with the user's gazetteers; `None`: the built-in one.
    pub(crate) parser: Option<Arc<Parser>>,
    /// Where the documents read are kept until the dataset is written.
    pub(crate) spool_dir: &'a Path,
}

/// A document read into memory, waiting to be parsed.
struct Pending {
    shown: String,
    bytes: Vec<u8>,
    markup: Markup,
    published: Option<String>,
    outlet: Option<String>,
    /// `bytes` is a JSON Lines line still to be decoded (where it is parsed,
    /// so that decoding runs in parallel too); `shown` is `FILE:LINE`.
    json_line: bool,
}

/// One line of a JSON Lines corpus.
#[derive(Deserialize)]
struct Line {
    id: Option<String>,
    url: Option<String>,
    text: Option<String>,
    html: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
}

/// Documents are parsed in batches of at most this many bytes of input …
const BATCH_BYTES: usize = 16 << 20;
/// … or this many documents, whichever comes first.
const BATCH_DOCUMENTS: usize = 2048;

/// A parsed document: its name as shown, what the parser found, and where a
/// parsing thread made them, the spool's JSON of its document and (for a
/// document that reports meetings) what normalization reads of its
/// extraction, encoded.
type Parsed = Result<(String, Extraction, Option<Vec<u8>>, Option<found::Encoded>), Skipped>;

/// Parses batches of documents in parallel and keeps what the options say,
/// in input order.
struct Reader<'a> {
    options: &'a Options<'a>,
    pool: Option<rayon::ThreadPool>,
    batch: Vec<Pending>,
    batch_bytes: usize,
    read: Inputs,
    ui: &'a Ui,
    /// The batch the pool is parsing while the next one is read.
    in_flight: Option<mpsc::Receiver<Vec<Parsed>>>,
}

impl Reader<'_> {
    fn push(&mut self, pending: Pending) {
        self.batch_bytes += pending.bytes.len();
        self.batch.push(pending);
        if self.batch_bytes >= BATCH_BYTES || self.batch.len() >= BATCH_DOCUMENTS {
            self.flush();
        }
    }

    fn skip(&mut self, skipped: Skipped) {
        self.ui.error(&skipped);
        self.read.skipped.push(skipped);
    }

    /// Parses the batch and keeps its extractions, in input order. With a
    /// pool the batch is parsed there while this thread reads the next one
    /// and keeps the results of the one before: reading, spooling and
    /// parsing overlap, and at most two batches are in memory.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let Some(pool) = &self.pool else {
            let parser = self.options.parser.as_deref();
            let parsed = batch
                .into_iter()
                .map(|pending| {
                    let (shown, extraction) = parse_pending(parser, pending)?;
                    Ok((shown, extraction, None, None))
                })
                .collect();
            self.keep(parsed);
            return;
        };
        let (sender, receiver) = mpsc::sync_channel(1);
        let parser = self.options.parser.clone();
        let meetings_only = self.options.meetings_only;
        pool.spawn(move || {
            let parsed = batch
                .into_par_iter()
                .map(|pending| {
                    let (shown, extraction) = parse_pending(parser.as_deref(), pending)?;
                    // The spool's JSON of a document it will take is made
                    // here, in parallel, not on the reading thread.
                    let mut extraction = extraction;
                    let json = (!meetings_only || !extraction.meetings.is_empty())
                        .then(|| serde_json::to_vec(&extraction.document).ok())
                        .flatten();
                    // And the bytes of what normalization will read of it.
                    let found = (!extraction.meetings.is_empty())
                        .then(|| found::encode(&mut extraction).ok())
                        .flatten();
                    if extraction.meetings.is_empty() && (json.is_some() || meetings_only) {
                        // Nothing but its id and warnings is wanted of it
                        // now: its text is freed here, not on the reading
                        // thread.
                        extraction.document.text = String::new();
                        extraction.document.evidence = Vec::new();
                        extraction.mentions = Vec::new();
                    }
                    Ok((shown, extraction, json, found))
                })
                .collect();
            // The receiver is gone only if reading stopped: nothing to keep.
            let _ = sender.send(parsed);
        });
        if let Some(previous) = self.in_flight.replace(receiver) {
            self.keep(previous.recv().expect("a parsing thread stopped"));
        }
    }

    /// Parses what is left and keeps the results of every batch.
    fn finish(&mut self) {
        self.flush();
        if let Some(last) = self.in_flight.take() {
            self.keep(last.recv().expect("a parsing thread stopped"));
        }
    }

    /// Reports and keeps a parsed batch's extractions, in input order.
    fn keep(&mut self, parsed: Vec<Parsed>) {
        for item in parsed {
            let (shown, mut extraction, json, found) = match item {
                Ok(parsed) => parsed,
                Err(skipped) => {
                    self.skip(skipped);
                    continue;
                }
            };
            self.read.documents += 1;
            let dropped = self.options.meetings_only && extraction.meetings.is_empty();
            // The warnings of a document left out say nothing about the dataset.
            for d in extraction.diagnostics.iter().filter(|_| !dropped) {
                // On a crawl most documents report no meeting: counted, and
                // listed one by one only with --verbose.
                if d.message == NO_MEETING {
                    self.read.no_meeting += 1;
                    if !self.ui.is_verbose() {
                        continue;
                    }
                }
                self.ui.warning(format_args!("{shown}: {}", d.message));
            }
            self.ui.detail(format_args!(
                "{shown}: {} meetings",
                extraction.meetings.len()
            ));
            if self.options.known.contains(&extraction.document.id) {
                self.read.already_present += 1;
            } else if dropped {
                self.read.without_meetings += 1;
            } else {
                // The document goes to disk, and so does what normalization
                // reads of a document that reports meetings.
                let number = self.read.spool.push_json(&extraction.document, json);
                if !extraction.meetings.is_empty() {
                    self.read.found.push(number, &mut extraction, found);
                }
            }
        }
    }

    /// Reads a JSON Lines corpus line by line, a batch at a time.
    fn jsonl(&mut self, shown: &str, source: impl BufRead) {
        let mut source = source;
        let mut buf = Vec::new();
        let mut number = 0usize;
        loop {
            buf.clear();
            number += 1;
            match source.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    self.skip(Skipped {
                        path: format!("{shown}:{number}"),
                        reason: Reason::from_io(&e),
                    });
                    break;
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.push(Pending {
                shown: format!("{shown}:{number}"),
                bytes: std::mem::take(&mut buf),
                markup: Markup::Text,
                published: None,
                outlet: None,
                json_line: true,
            });
        }
    }
}

/// A JSON Lines line as a document to parse, or why it cannot be one.
fn line(bytes: &[u8]) -> Result<Pending, String> {
    let line: Line = serde_json::from_slice(bytes).map_err(|e| {
        // serde_json counts lines within the line; the column is what helps.
        let message = e.to_string();
        match message.rfind(" at line ") {
            Some(at) => format!("{} (column {})", &message[..at], e.column()),
            None => message,
        }
    })?;
    let shown = line
        .id
        .or(line.url)
        .ok_or("the line has neither \"id\" nor \"url\"")?;
    let (text, markup) = match (line.text, line.html) {
        (Some(text), None) => (text, Markup::Text),
        (None, Some(html)) => (html, Markup::Html),
        (Some(_), Some(_)) => return Err("the line has both \"text\" and \"html\"".to_owned()),
        (None, None) => return Err("the line has neither \"text\" nor \"html\"".to_owned()),
    };
    Ok(Pending {
        shown,
        bytes: text.into_bytes(),
        markup,
        published: line.published,
        outlet: line.outlet,
        json_line: false,
    })
}

fn parse_pending(
    parser: Option<&Parser>,
    pending: Pending,
) -> Result<(String, Extraction), Skipped> {
    let pending = if pending.json_line {
        line(&pending.bytes).map_err(|message| Skipped {
            path: pending.shown,
            reason: Reason::BadLine(message),
        })?
    } else {
        pending
    };
    let input = Input {
        path: Some(&pending.shown),
        bytes: &pending.bytes,
        markup: pending.markup,
    };
    let mut extraction = match parser {
        Some(parser) => parser.parse(&input),
        None => parse(&input),
    };
    let document = &mut extraction.document;
    for (field, given, value) in [
        ("published", pending.published, &mut document.published),
        ("outlet", pending.outlet, &mut document.outlet),
    ] {
        if let Some(given) = given
            && value.as_deref() != Some(given.as_str())
        {
            // The corpus says it: what the text was read to say no longer holds.
            *value = Some(given);
            document.evidence.retain(|e| e.field != field);
        }
    }
    Ok((pending.shown, extraction))
}

/// `x.txt.gz` is `x.txt`, gzip-compressed: the name without `.gz`, and whether it had it.
fn without_gz(name: &str) -> (&str, bool) {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        (&name[..name.len() - 3], true)
    } else {
        (name, false)
    }
}

/// Whether a file name (without `.gz`) is a JSON Lines corpus.
fn is_jsonl(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// The default for `--jobs`: every core.
pub(crate) fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Expands the inputs into the documents to read: `-` is standard input,
/// directories are searched recursively (files sorted by path, hidden files
/// left out), files are taken as given. Inputs that cannot be listed are
/// returned as skipped.
pub(crate) fn find(inputs: &[String]) -> (Vec<Document>, Vec<Skipped>) {
    let mut documents = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if input == "-" {
            documents.push(Document::Stdin);
            continue;
        }
        let path = Path::new(input);
        if !path.is_dir() {
            documents.push(Document::File(path.to_path_buf()));
            continue;
        }
        let mut files = Vec::new();
        match walk(path, &mut files) {
            Err(e) => skipped.push(Skipped {
                path: input.clone(),
                reason: Reason::from_io(&e),
            }),
            Ok(()) if files.is_empty() => skipped.push(Skipped {
                path: input.clone(),
                reason: Reason::EmptyDirectory,
            }),
            Ok(()) => documents.extend(files.into_iter().map(Document::File)),
        }
    }
    (documents, skipped)
}

/// Reads and parses every document, with a progress bar where it helps.
/// Documents are parsed in parallel in bounded batches and kept in input
/// order, so the result does not depend on `jobs`. Parser diagnostics are
/// printed as warnings naming the file; a document (or a JSON Lines line)
/// that cannot be read is skipped and the rest are read.
pub(crate) fn read_all(inputs: &[String], options: &Options<'_>, ui: &Ui) -> Inputs {
    let (documents, skipped) = find(inputs);
    // Problems with whole inputs are known before any reading: say them first.
    for s in &skipped {
        ui.error(s);
    }
    let pool = (options.jobs > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(options.jobs)
                .build()
                .ok()
        })
        .flatten();
    let mut reader = Reader {
        options,
        pool,
        batch: Vec::new(),
        batch_bytes: 0,
        read: Inputs {
            spool: Spool::new(options.spool_dir),
            found: FoundSpool::new(options.spool_dir),
            skipped,
            documents: 0,
            already_present: 0,
            without_meetings: 0,
            no_meeting: 0,
        },
        ui,
        in_flight: None,
    };
    let bar = ui.progress(documents.len() as u64, PROGRESS_MIN_DOCUMENTS);
    for document in documents {
        match &document {
            Document::Stdin => {
                let mut bytes = Vec::new();
                let markup = if options.stdin_html {
                    Markup::Html
                } else {
                    Markup::Text
                };
                match std::io::stdin().read_to_end(&mut bytes) {
                    // A document with no bytes says nothing: skipped, not an empty record.
                    Ok(_) if bytes.is_empty() => reader.skip(Skipped {
                        path: "<stdin>".to_owned(),
                        reason: Reason::EmptyFile,
                    }),
                    Ok(_) => reader.push(Pending {
                        shown: "-".to_owned(),
                        bytes,
                        markup,
                        published: None,
                        outlet: None,
                        json_line: false,
                    }),
                    Err(e) => reader.skip(Skipped {
                        path: "<stdin>".to_owned(),
                        reason: Reason::from_io(&e),
                    }),
                }
            }
            Document::File(path) => {
                let shown = path.to_string_lossy().into_owned();
                bar.set_message(shown.clone());
                let (name, gz) = without_gz(&shown);
                let opened = fs::File::open(path);
                let file = match opened {
                    Ok(file) => file,
                    Err(e) => {
                        reader.skip(Skipped {
                            path: shown.clone(),
                            reason: Reason::from_io(&e),
                        });
                        bar.inc(1);
                        continue;
                    }
                };
                let source: Box<dyn Read> = if gz {
                    Box::new(MultiGzDecoder::new(BufReader::new(file)))
                } else {
                    Box::new(file)
                };
                if is_jsonl(name) {
                    reader.jsonl(&shown, BufReader::with_capacity(1 << 20, source));
                } else {
                    let mut bytes = Vec::new();
                    let mut source = source;
                    match source.read_to_end(&mut bytes) {
                        Ok(_) if bytes.is_empty() => reader.skip(Skipped {
                            path: shown,
                            reason: Reason::EmptyFile,
                        }),
                        Ok(_) => reader.push(Pending {
                            markup: Markup::from_path(name),
                            shown,
                            bytes,
                            published: None,
                            outlet: None,
                            json_line: false,
                        }),
                        Err(e) => reader.skip(Skipped {
                            path: shown,
                            reason: Reason::from_io(&e),
                        }),
                    }
                }
            }
        }
        bar.inc(1);
    }
    reader.finish();
    ui.finish_progress();
    if reader.read.no_meeting > 0 && !ui.is_verbose() {
        let n = reader.read.no_meeting;
        let documents = if n == 1 { "document" } else { "documents" };
        ui.warning(format_args!(
            "{n} {documents} reported no meeting (--verbose lists them)"
        ));
    }
    reader.read
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry.to_str().is_some_and(|name| {
            Path::new(without_gz(name).0)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        }) {
            files.push(entry);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_expanded_in_order_and_empty_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("in/sub")).unwrap();
        fs::create_dir(root.join("empty")).unwrap();
        for f in [
            "in/b.txt",
            "in/a.HTML",
            "in/sub/c.htm",
            "in/.hidden.txt",
            "in/x.pdf",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let arg = |p: &str| root.join(p).to_string_lossy().into_owned();
        let (docs, skipped) = find(&[arg("in"), arg("empty"), "-".into()]);
        let names: Vec<_> = docs
            .iter()
            .map(|d| match d {
                Document::Stdin => "-".to_owned(),
                Document::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
            })
            .collect();
        assert_eq!(names, ["in/a.HTML", "in/b.txt", "in/sub/c.htm", "-"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, Reason::EmptyDirectory);
        assert_eq!(skipped[0].path, arg("empty"));
    }

    #[test]
    fn gzip_inputs_read_as_their_uncompressed_selves() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let html = "<html><body><h1>Talks held</h1><p>Both sides met.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(html.as_bytes()).unwrap();
        fs::write(dir.path().join("a.html.gz"), gz.finish().unwrap()).unwrap();
        fs::write(dir.path().join("a.html"), html).unwrap();
        let ui = Ui::new(true, false, crate::cli::Color::Never);
        let known = HashSet::new();
        let spool = tempfile::tempdir().unwrap();
        let options = Options {
            stdin_html: false,
            jobs: 2,
            meetings_only: false,
            known: &known,
            parser: None,
            spool_dir: spool.path(),
        };
        let arg = |p: &str| dir.path().join(p).to_string_lossy().into_owned();
        let read = read_all(&[arg("a.html.gz"), arg("a.html")], &options, &ui);
        assert!(read.skipped.is_empty());
        assert_eq!(read.documents, 2);
        // One text, so one document: the first path's.
        let (mut store, kept) = read.spool.finish().unwrap();
        assert_eq!(kept, [false, true]);
        use readout_format::Documents as _;
        let doc = store.get(0).unwrap();
        assert_eq!(doc.path.as_deref(), Some(arg("a.html").as_str()));
        assert!(doc.text.contains("Both sides met.") && !doc.text.contains('<'));
        // Found in a directory too.
        let (docs, _) = find(&[dir.path().to_string_lossy().into_owned()]);
        assert_eq!(docs.len(), 2);
    }
}
