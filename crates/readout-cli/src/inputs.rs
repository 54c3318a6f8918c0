//! Finding and reading the input documents.

use anyhow::Result;
use readout_parse::{Extraction, Input, Markup, parse};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// File extensions read from directories.
const EXTENSIONS: &[&str] = &["txt", "htm", "html", "xhtml"];

/// What reading the inputs gave.
pub(crate) struct Inputs {
    /// One extraction per document read, in input order.
    pub(crate) extractions: Vec<Extraction>,
    /// One line per input that could not be read: the path and the reason.
    pub(crate) skipped: Vec<String>,
}

/// Reads every input: `-` from standard input, directories recursively
/// (files sorted by path), files as given.
pub(crate) fn read_all(inputs: &[String], stdin_html: bool, verbose: bool) -> Result<Inputs> {
    let mut read = Inputs {
        extractions: Vec::new(),
        skipped: Vec::new(),
    };
    for input in inputs {
        if input == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => {
                    let markup = if stdin_html {
                        Markup::Html
                    } else {
                        Markup::Text
                    };
                    read.extractions.push(one("-", &bytes, markup, verbose));
                }
                Err(e) => read.skipped.push(format!("<stdin>: {e}")),
            }
            continue;
        }
        let path = Path::new(input);
        let files = if path.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(path, &mut files) {
                read.skipped.push(format!("{input}: {e}"));
                continue;
            }
            if files.is_empty() {
                read.skipped
                    .push(format!("{input}: no .txt or .html files in this directory"));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            let shown = file.to_string_lossy().into_owned();
            match fs::read(&file) {
                Ok(bytes) => {
                    let extraction = one(&shown, &bytes, Markup::from_path(&shown), verbose);
                    read.extractions.push(extraction);
                }
                Err(e) => read.skipped.push(format!("{shown}: {}", reason(&e))),
            }
        }
    }
    Ok(read)
}

fn one(path: &str, bytes: &[u8], markup: Markup, verbose: bool) -> Extraction {
    let extraction = parse(&Input {
        path: Some(path),
        bytes,
        markup,
    });
    for d in &extraction.diagnostics {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("readout: warning: {path}: {}", d.message);
        }
    }
    if verbose {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("readout: {path}: {} meetings", extraction.meetings.len());
        }
    }
    extraction
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(21) => "is a directory".into(),
        _ => e.to_string(),
    }
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
