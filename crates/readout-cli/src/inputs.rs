//! Finding and reading the input documents.

use crate::ui::Ui;
use readout_parse::{Extraction, Input, Markup, parse};
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// File extensions read from directories.
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
    /// Any other I/O error, as the system words it.
    Io(String),
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
            Reason::Io(_) => "unreadable",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotFound => f.write_str("no such file or directory"),
            Reason::PermissionDenied => f.write_str("permission denied"),
            Reason::EmptyDirectory => f.write_str("no .txt or .html files in this directory"),
            Reason::Io(message) => f.write_str(message),
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
    /// One extraction per document read, in input order.
    pub(crate) extractions: Vec<Extraction>,
    /// Every input that could not be read.
    pub(crate) skipped: Vec<Skipped>,
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
/// Parser diagnostics are printed as warnings naming the file; a document
/// that cannot be read is skipped and the rest are read.
pub(crate) fn read_all(inputs: &[String], stdin_html: bool, ui: &Ui) -> Inputs {
    let (documents, skipped) = find(inputs);
    let mut read = Inputs {
        extractions: Vec::new(),
        skipped,
    };
    // Problems with whole inputs are known before any reading: say them first.
    for s in &read.skipped {
        ui.error(s);
    }
    let bar = ui.progress(documents.len() as u64, PROGRESS_MIN_DOCUMENTS);
    for document in documents {
        let (shown, bytes, markup) = match &document {
            Document::Stdin => {
                let mut bytes = Vec::new();
                let markup = if stdin_html {
                    Markup::Html
                } else {
                    Markup::Text
                };
                let got = std::io::stdin().read_to_end(&mut bytes).map(|_| bytes);
                ("-".to_owned(), got, markup)
            }
            Document::File(path) => {
                let shown = path.to_string_lossy().into_owned();
                let markup = Markup::from_path(&shown);
                (shown, fs::read(path), markup)
            }
        };
        bar.set_message(shown.clone());
        match bytes {
            Ok(bytes) => read.extractions.push(one(&shown, &bytes, markup, ui)),
            Err(e) => {
                let skipped = Skipped {
                    path: if document == Document::Stdin {
                        "<stdin>".to_owned()
                    } else {
                        shown
                    },
                    reason: Reason::from_io(&e),
                };
                ui.error(&skipped);
                read.skipped.push(skipped);
            }
        }
        bar.inc(1);
    }
    ui.finish_progress();
    read
}

fn one(path: &str, bytes: &[u8], markup: Markup, ui: &Ui) -> Extraction {
    let extraction = parse(&Input {
        path: Some(path),
        bytes,
        markup,
    });
    for d in &extraction.diagnostics {
        ui.warning(format_args!("{path}: {}", d.message));
    }
    ui.detail(format_args!(
        "{path}: {} meetings",
        extraction.meetings.len()
    ));
    extraction
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
        } else if entry
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
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
}
