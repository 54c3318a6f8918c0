#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use readout_model::{Dataset, Document};
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Where a dataset is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// A file, or a directory for formats made of several files.
    Path(PathBuf),
}

impl Target {
    /// `-` is standard output; anything else a path.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Target::Stdout
        } else {
            Target::Path(PathBuf::from(arg))
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("<stdout>"),
            Target::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Where a dataset is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file, or a directory for formats made of several files.
    Path(PathBuf),
}

impl Source {
    /// `-` is standard input; anything else a path.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }

    /// Reads the whole source as bytes.
    pub fn read_bytes(&self) -> Result<Vec<u8>, FormatError> {
        match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| FormatError::io(self, e))?;
                Ok(buf)
            }
            Source::Path(p) => fs::read(p).map_err(|e| FormatError::io(self, e)),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("<stdin>"),
            Source::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Why a dataset could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The file system or a stream failed.
    #[error("{location}: {source}")]
    Io {
        /// The file, directory or stream.
        location: String,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The input is not valid in this format.
    #[error("{location}: {message}")]
    Syntax {
        /// The file, with a line, byte or table where known.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// The input is valid in its format but not a `readout/1` dataset (an
    /// unknown `format` value, a newer schema, a dangling reference).
    #[error("{location}: {message}")]
    Invalid {
        /// The file, with a line, byte or table where known.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// The format cannot do this (read back, write to a stream …).
    #[error("{format}: {message}")]
    Unsupported {
        /// The format's name.
        format: &'static str,
        /// What it cannot do.
        message: String,
    },
}

impl FormatError {
    /// An I/O error at `location` (a [`Source`], [`Target`] or path).
    pub fn io(location: impl fmt::Display, source: io::Error) -> Self {
        FormatError::Io {
            location: location.to_string(),
            source,
        }
    }

    /// A syntax error at `location`.
    pub fn syntax(location: impl fmt::Display, message: impl Into<String>) -> Self {
        FormatError::Syntax {
            location: location.to_string(),
            message: message.into(),
        }
    }

    /// A well-formed input that is not a valid dataset.
    pub fn invalid(location: impl fmt::Display, message: impl Into<String>) -> Self {
        FormatError::Invalid {
            location: location.to_string(),
            message: message.into(),
        }
    }
}

/// One file format a [`Dataset`] can be written in and, where the format
/// allows, read back from.
///
/// Implemented once per format crate and registered in a [`Registry`].
pub trait Format: Send + Sync {
    /// Short name, used by `--to` and `--from`: `json`, `csv`, `sqlite`, `turtle` …
    fn name(&self) -> &'static str;
    /// File extensions, without the dot, that select this format.
    fn extensions(&self) -> &'static [&'static str];
    /// IANA media type.
    fn media_type(&self) -> &'static str;
    /// One line for `readout formats`.
    fn description(&self) -> &'static str;
    /// Whether the output is a directory of files rather than one file.
    fn is_directory(&self) -> bool {
        false
    }
    /// Whether the format can write to standard output.
    fn can_stream(&self) -> bool {
        !self.is_directory()
    }
    /// Whether [`Format::read`] is implemented.
    fn can_read(&self) -> bool;
    /// Writes `data` to `to`. Files are written atomically (see [`write_file_atomically`]).
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError>;
    /// Reads a dataset back.
    fn read(&self, from: &Source) -> Result<Dataset, FormatError>;
    /// Writes `data` with the documents `documents` gives in the place of
    /// `data.documents` (which the caller leaves empty), so that a dataset
    /// whose texts do not fit in memory can be written one document at a
    /// time. The output is the same bytes [`Format::write`] gives for the
    /// whole dataset.
    ///
    /// The default reads every document into memory and calls
    /// [`Format::write`]; formats that can write documents one by one
    /// override it.
    ///
    /// ```
    /// use readout_format::{Documents, Format, Target};
    /// # struct Fmt;
    /// # impl Format for Fmt {
    /// #     fn name(&self) -> &'static str { "n" }
    /// #     fn extensions(&self) -> &'static [&'static str] { &[] }
    /// #     fn media_type(&self) -> &'static str { "text/plain" }
    /// #     fn description(&self) -> &'static str { "" }
    /// #     fn can_read(&self) -> bool { false }
    /// #     fn write(&self, data: &readout_model::Dataset, _: &Target) -> Result<(), readout_format::FormatError> {
    /// #         assert_eq!(data.documents.len(), 1);
    /// #         Ok(())
    /// #     }
    /// #     fn read(&self, _: &readout_format::Source) -> Result<readout_model::Dataset, readout_format::FormatError> {
    /// #         Err(readout_format::FormatError::Unsupported { format: "n", message: "no".into() })
    /// #     }
    /// # }
    /// let doc = readout_model::Document::new(Some("a.txt".into()), "Text.".into());
    /// let mut documents = vec![doc];
    /// Fmt.write_with_documents(readout_model::Dataset::default(), &mut documents, &Target::Stdout).unwrap();
    /// ```
    fn write_with_documents(
        &self,
        data: Dataset,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        let mut data = data;
        data.documents = read_documents(documents)?;
        self.write(&data, to)
    }
}

/// The documents of a dataset held outside it (in a file, say) and read
/// back one at a time, in the dataset's canonical order (see
/// [`Dataset::canonicalize`]). See [`Format::write_with_documents`].
///
/// A `Vec<Document>` is the in-memory case.
pub trait Documents {
    /// How many documents there are.
    fn len(&self) -> usize;
    /// Whether there is none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The id of the `i`-th document, without reading the document.
    fn id(&self, i: usize) -> &str;
    /// The `i`-th document, whole; documents may be asked for in any order.
    fn get(&mut self, i: usize) -> Result<Document, FormatError>;
}

impl Documents for Vec<Document> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }
    fn id(&self, i: usize) -> &str {
        &self[i].id
    }
    fn get(&mut self, i: usize) -> Result<Document, FormatError> {
        Ok(self[i].clone())
    }
}

/// Every document of `documents`, in order, in memory.
///
/// ```
/// let doc = readout_model::Document::new(None, "Text.".into());
/// let mut documents = vec![doc.clone()];
/// assert_eq!(readout_format::read_documents(&mut documents).unwrap(), [doc]);
/// ```
pub fn read_documents(documents: &mut dyn Documents) -> Result<Vec<Document>, FormatError> {
    (0..documents.len()).map(|i| documents.get(i)).collect()
}

/// The formats a program knows, looked up by name or file extension.
#[derive(Default)]
pub struct Registry {
    formats: Vec<Box<dyn Format>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds a format; a later format with the same name or extension does not
    /// shadow an earlier one.
    pub fn register(&mut self, format: Box<dyn Format>) -> &mut Self {
        self.formats.push(format);
        self
    }

    /// Every registered format, in registration order.
    pub fn formats(&self) -> impl Iterator<Item = &dyn Format> {
        self.formats.iter().map(AsRef::as_ref)
    }

    /// The format with this name (case-insensitive).
    ///
    /// ```
    /// let registry = readout_format::Registry::new();
    /// assert!(registry.by_name("json").is_none());
    /// ```
    pub fn by_name(&self, name: &str) -> Option<&dyn Format> {
        self.formats().find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format whose extension ends `path` (case-insensitive; `.json.gz`-style
    /// double extensions are tried before single ones).
    pub fn by_path(&self, path: &Path) -> Option<&dyn Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let mut best: Option<(&dyn Format, usize)> = None;
        for format in self.formats() {
            for ext in format.extensions() {
                let dotted = format!(".{ext}");
                if name.ends_with(&dotted) && best.is_none_or(|(_, len)| dotted.len() > len) {
                    best = Some((format, dotted.len()));
                }
            }
        }
        best.map(|(f, _)| f)
    }
}

/// Writes a file atomically: `write` fills a temporary file in the same
/// directory, which is synced and then renamed over `path`. If `write` fails or
/// the process dies, `path` keeps its previous content and the temporary file
/// is removed (or, after a kill, left as a hidden `.readout-*` file).
pub fn write_file_atomically<F>(path: &Path, write: F) -> Result<(), FormatError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), FormatError>,
{
    let dir = parent_dir(path);
    let mut tmp = shared(&mut tempfile::Builder::new(), 0o644)
        .prefix(".readout-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| FormatError::io(path.display(), e))?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()
            .map_err(|e| FormatError::io(path.display(), e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| FormatError::io(path.display(), e))?;
    tmp.persist(path)
        .map_err(|e| FormatError::io(path.display(), e.error))?;
    Ok(())
}

/// Writes to a [`Target`]: standard output directly, a file atomically.
pub fn write_target<F>(to: &Target, write: F) -> Result<(), FormatError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), FormatError>,
{
    match to {
        Target::Stdout => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush().map_err(|e| FormatError::io(to, e))
        }
        Target::Path(p) => write_file_atomically(p, write),
    }
}

/// Writes a directory atomically: `write` fills a temporary directory beside
/// `path`, which then takes the place of `path`. An existing directory at
/// `path` is moved aside first and removed only once the new one is in place,
/// so a failure at any point leaves either the old or the new directory whole.
pub fn write_dir_atomically<F>(path: &Path, write: F) -> Result<(), FormatError>
where
    F: FnOnce(&Path) -> Result<(), FormatError>,
{
    let dir = parent_dir(path);
    let tmp = shared(&mut tempfile::Builder::new(), 0o755)
        .prefix(".readout-")
        .suffix(".tmp")
        .tempdir_in(dir)
        .map_err(|e| FormatError::io(path.display(), e))?;
    write(tmp.path())?;
    let staged = tmp.keep();
    if path.exists() {
        let old = tempfile::Builder::new()
            .prefix(".readout-old-")
            .tempdir_in(dir)
            .map_err(|e| FormatError::io(path.display(), e))?
            .keep();
        let aside = old.join("previous");
        fs::rename(path, &aside).map_err(|e| FormatError::io(path.display(), e))?;
        if let Err(e) = fs::rename(&staged, path) {
            let _ = fs::rename(&aside, path);
            let _ = fs::remove_dir_all(&staged);
            let _ = fs::remove_dir_all(&old);
            return Err(FormatError::io(path.display(), e));
        }
        fs::remove_dir_all(&old).map_err(|e| FormatError::io(old.display(), e))?;
    } else if let Err(e) = fs::rename(&staged, path) {
        let _ = fs::remove_dir_all(&staged);
        return Err(FormatError::io(path.display(), e));
    }
    Ok(())
}

/// Temporary files are private to their owner by default; an output is meant
/// to be shared like any file the user writes, so give it ordinary modes.
#[cfg(unix)]
fn shared<'a, 'b>(
    builder: &'a mut tempfile::Builder<'b, 'b>,
    mode: u32,
) -> &'a mut tempfile::Builder<'b, 'b> {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn shared<'a, 'b>(
    builder: &'a mut tempfile::Builder<'b, 'b>,
    _mode: u32,
) -> &'a mut tempfile::Builder<'b, 'b> {
    builder
}

/// The directory a file at `path` lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [&'static str]);

    impl Format for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn extensions(&self) -> &'static [&'static str] {
            self.1
        }
        fn media_type(&self) -> &'static str {
            "text/plain"
        }
        fn description(&self) -> &'static str {
            "fake"
        }
        fn can_read(&self) -> bool {
            false
        }
        fn write(&self, _: &Dataset, _: &Target) -> Result<(), FormatError> {
            Ok(())
        }
        fn read(&self, _: &Source) -> Result<Dataset, FormatError> {
            Err(FormatError::Unsupported {
                format: self.0,
                message: "no".into(),
            })
        }
    }

    #[test]
    fn lookup_by_name_and_longest_extension() {
        let mut r = Registry::new();
        r.register(Box::new(Fake("json", &["json"])));
        r.register(Box::new(Fake("jsonl", &["jsonl", "ndjson"])));
        r.register(Box::new(Fake("json-gz", &["json.gz"])));
        assert_eq!(r.by_name("JSON").map(|f| f.name()), Some("json"));
        assert_eq!(
            r.by_path(Path::new("a/b.NDJSON")).map(|f| f.name()),
            Some("jsonl")
        );
        assert_eq!(
            r.by_path(Path::new("x.json.gz")).map(|f| f.name()),
            Some("json-gz")
        );
        assert!(r.by_path(Path::new("x.txt")).is_none());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        let err = write_file_atomically(&path, |w| {
            w.write_all(b"half").map_err(|e| FormatError::io("x", e))?;
            Err(FormatError::syntax("x", "boom"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left behind"
        );
        write_file_atomically(&path, |w| {
            w.write_all(b"new").map_err(|e| FormatError::io("x", e))
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "an output is readable by others like any written file"
            );
        }
    }
}
