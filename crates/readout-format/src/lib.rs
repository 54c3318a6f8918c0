#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod ordered;

pub use ordered::{PulledDocument, map_in_order, pull_document, unreadable_document};

use readout_model::{Dataset, Document, Meeting};
use std::borrow::Cow;
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
    /// A source a dataset was being written from failed: a temporary file
    /// of documents or meetings that cannot be read back.
    #[error("{location}: {message}")]
    Spool {
        /// The file, with a byte or record where known.
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

    /// A source of documents or meetings (a temporary file at `location`)
    /// that failed while a dataset was written from it.
    ///
    /// ```
    /// let err = readout_format::FormatError::spool("/tmp/meetings.spool", "record 3 is cut short");
    /// assert_eq!(err.to_string(), "/tmp/meetings.spool: record 3 is cut short");
    /// ```
    pub fn spool(location: impl fmt::Display, message: impl Into<String>) -> Self {
        FormatError::Spool {
            location: location.to_string(),
            message: message.into(),
        }
    }
}

/// `data` if [`readout_model::validate`] finds nothing, else an
/// [`FormatError::Invalid`] at `location` naming the first problem and how
/// many more there are: what every reader returns for a dataset it read.
///
/// ```
/// let data = readout_model::Dataset::default();
/// assert!(readout_format::validated(data, "x.json").is_ok());
/// ```
pub fn validated(data: Dataset, location: impl fmt::Display) -> Result<Dataset, FormatError> {
    let problems = readout_model::validate(&data);
    let Some(first) = problems.first() else {
        return Ok(data);
    };
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more problems)", n - 1),
    };
    Err(FormatError::invalid(location, format!("{first}{more}")))
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

    /// Writes the dataset whose people and topics are `head`'s, whose
    /// documents `documents` gives (in the place of `head.documents`, which
    /// the caller leaves empty, as for [`Format::write_with_documents`]) and
    /// whose meetings are `head.meetings` (normally none) followed by those
    /// `meetings` gives, one at a time: a dataset whose meetings never all
    /// sit in memory. The output is the same bytes [`Format::write`] gives
    /// for the whole dataset, and a meeting that does not fit the rest (a
    /// person the dataset does not hold, say) is refused as
    /// [`Format::write`] refuses it.
    ///
    /// The default collects the meetings into `head.meetings` and calls
    /// [`Format::write_with_documents`]; formats that can write meetings
    /// as they come override it.
    ///
    /// ```
    /// use readout_format::{Format, Target};
    /// # struct Fmt;
    /// # impl Format for Fmt {
    /// #     fn name(&self) -> &'static str { "n" }
    /// #     fn extensions(&self) -> &'static [&'static str] { &[] }
    /// #     fn media_type(&self) -> &'static str { "text/plain" }
    /// #     fn description(&self) -> &'static str { "" }
    /// #     fn can_read(&self) -> bool { false }
    /// #     fn write(&self, data: &readout_model::Dataset, _: &Target) -> Result<(), readout_format::FormatError> {
    /// #         assert_eq!(data.meetings.len(), 1);
    /// #         Ok(())
    /// #     }
    /// #     fn read(&self, _: &readout_format::Source) -> Result<readout_model::Dataset, readout_format::FormatError> {
    /// #         Err(readout_format::FormatError::Unsupported { format: "n", message: "no".into() })
    /// #     }
    /// # }
    /// let data = readout_testkit::synthetic(1, 7);
    /// let mut head = data.clone();
    /// let mut documents = std::mem::take(&mut head.documents);
    /// let mut meetings = std::mem::take(&mut head.meetings).into_iter();
    /// Fmt.write_streamed(head, &mut meetings, &mut documents, &Target::Stdout).unwrap();
    /// ```
    fn write_streamed(
        &self,
        head: Dataset,
        meetings: &mut dyn Meetings,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        let mut data = head;
        data.meetings.extend(read_meetings(meetings)?);
        self.write_with_documents(data, documents, to)
    }
}

/// The meetings of a dataset being written, given one at a time, in the
/// dataset's order (see [`Dataset::canonicalize`]). See
/// [`Format::write_streamed`].
///
/// A `std::vec::IntoIter<Meeting>` is the in-memory case.
///
/// ```
/// use readout_format::Meetings;
/// let data = readout_testkit::synthetic(2, 1);
/// let mut meetings = data.meetings.clone().into_iter();
/// assert_eq!(Meetings::len(&meetings), 2);
/// assert_eq!(meetings.next_meeting().unwrap().as_ref(), Some(&data.meetings[0]));
/// assert_eq!(Meetings::len(&meetings), 1);
/// ```
pub trait Meetings {
    /// How many meetings are still to come: before the first is taken, how
    /// many there are. Writers use it only as a hint.
    fn len(&self) -> usize;
    /// Whether none is left.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The next meeting; `None` once all have been given.
    fn next_meeting(&mut self) -> Result<Option<Meeting>, FormatError>;
}

impl Meetings for std::vec::IntoIter<Meeting> {
    fn len(&self) -> usize {
        ExactSizeIterator::len(self)
    }
    fn next_meeting(&mut self) -> Result<Option<Meeting>, FormatError> {
        Ok(self.next())
    }
}

/// The meetings of a dataset being written, taken one at a time: those the
/// dataset holds (borrowed), then those a [`Meetings`] gives (owned) — what
/// a [`Format::write_streamed`] writes.
///
/// ```
/// use readout_format::MeetingStream;
/// let data = readout_testkit::synthetic(3, 1);
/// let mut rest = data.meetings[1..].to_vec().into_iter();
/// let mut stream = MeetingStream::new(&data.meetings[..1], Some(&mut rest));
/// let mut taken = Vec::new();
/// while let Some(meeting) = stream.next_meeting().unwrap() {
///     taken.push(meeting.into_owned());
/// }
/// assert_eq!(taken, data.meetings);
/// ```
pub struct MeetingStream<'a> {
    held: std::slice::Iter<'a, Meeting>,
    more: Option<&'a mut dyn Meetings>,
}

impl<'a> MeetingStream<'a> {
    /// The meetings of `held`, then those of `more`.
    pub fn new(held: &'a [Meeting], more: Option<&'a mut dyn Meetings>) -> Self {
        MeetingStream {
            held: held.iter(),
            more,
        }
    }

    /// The next meeting; `None` once all have been given.
    pub fn next_meeting(&mut self) -> Result<Option<Cow<'a, Meeting>>, FormatError> {
        if let Some(meeting) = self.held.next() {
            return Ok(Some(Cow::Borrowed(meeting)));
        }
        match &mut self.more {
            Some(more) => Ok(more.next_meeting()?.map(Cow::Owned)),
            None => Ok(None),
        }
    }
}

/// Every meeting left in `meetings`, in order, in memory.
///
/// ```
/// let data = readout_testkit::synthetic(3, 2);
/// let mut meetings = data.meetings.clone().into_iter();
/// assert_eq!(readout_format::read_meetings(&mut meetings).unwrap(), data.meetings);
/// ```
pub fn read_meetings(meetings: &mut dyn Meetings) -> Result<Vec<Meeting>, FormatError> {
    let mut all = Vec::with_capacity(meetings.len());
    while let Some(meeting) = meetings.next_meeting()? {
        all.push(meeting);
    }
    Ok(all)
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
    /// Appends the `i`-th document to `json` as the compact `readout/1`
    /// JSON of one document, where the source holds it so (a spool file):
    /// a writer then parses it on another thread (see [`pull_document`]).
    /// `false`, the default: the source does not, and the writer calls
    /// [`Documents::get`].
    fn get_json(&mut self, i: usize, json: &mut Vec<u8>) -> Result<bool, FormatError> {
        let _ = (i, json);
        Ok(false)
    }
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
/// `path`, which then takes the place of `path`.
///
/// On Linux an existing directory at `path` is swapped with the new one in
/// one step (`renameat2` with `RENAME_EXCHANGE`) and then removed, so at
/// every instant `path` is either the old or the new directory, whole. Where
/// the exchange is not available (other systems, file systems without it)
/// the old directory is first moved aside into a hidden `.readout-old-*`
/// directory and the new one renamed in; a run killed between those two
/// renames leaves no directory at `path`, and the next write to `path`, or
/// [`recover_dir`] (which the directory formats call before reading), puts
/// the old one back.
///
/// ```
/// use readout_format::write_dir_atomically;
/// let parent = tempfile::tempdir().unwrap();
/// let out = parent.path().join("tables");
/// for text in ["old", "new"] {
///     write_dir_atomically(&out, |tmp| {
///         std::fs::write(tmp.join("a.csv"), text).map_err(|e| readout_format::FormatError::io("a.csv", e))
///     })
///     .unwrap();
/// }
/// assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "new");
/// assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1, "nothing left beside it");
/// ```
pub fn write_dir_atomically<F>(path: &Path, write: F) -> Result<(), FormatError>
where
    F: FnOnce(&Path) -> Result<(), FormatError>,
{
    let dir = parent_dir(path);
    recover_dir(path)?;
    let tmp = shared(&mut tempfile::Builder::new(), 0o755)
        .prefix(".readout-")
        .suffix(".tmp")
        .tempdir_in(dir)
        .map_err(|e| FormatError::io(path.display(), e))?;
    write(tmp.path())?;
    let staged = tmp.keep();
    let result = replace_dir(&staged, path);
    if result.is_err() {
        let _ = fs::remove_dir_all(&staged);
    }
    result
}

/// Puts `staged` (a complete directory) in the place of `path`.
fn replace_dir(staged: &Path, path: &Path) -> Result<(), FormatError> {
    let io = |e| FormatError::io(path.display(), e);
    // Another run may put a directory at `path` between the check and the
    // rename: a rename onto it then fails, and the exchange is tried again.
    for _ in 0..3 {
        if fs::symlink_metadata(path).is_err() {
            match fs::rename(staged, path) {
                Ok(()) => return Ok(()),
                Err(_) if fs::symlink_metadata(path).is_ok() => continue,
                Err(e) => return Err(io(e)),
            }
        }
        match exchange(staged, path) {
            // `staged` now holds the old directory.
            Ok(true) => return remove(staged),
            Ok(false) => return replace_in_two_steps(staged, path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(e)),
        }
    }
    replace_in_two_steps(staged, path)
}

/// Swaps two directories in one step. `Ok(false)`: this system or file
/// system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Hidden directories holding a directory moved aside while it is replaced
/// start with this.
const OLD_PREFIX: &str = ".readout-old-";

/// Replaces `path` with `staged` where the two cannot be exchanged: the old
/// directory is moved aside to `.readout-old-*/NAME` (NAME being the file
/// name of `path`, so [`recover_dir`] knows whose it is), the new one renamed
/// in, and the old one removed.
fn replace_in_two_steps(staged: &Path, path: &Path) -> Result<(), FormatError> {
    let dir = parent_dir(path);
    let io = |e| FormatError::io(path.display(), e);
    let name = path
        .file_name()
        .ok_or_else(|| io(io::Error::new(io::ErrorKind::InvalidInput, "no file name")))?;
    let old = tempfile::Builder::new()
        .prefix(OLD_PREFIX)
        .tempdir_in(dir)
        .map_err(io)?
        .keep();
    let aside = old.join(name);
    if let Err(e) = fs::rename(path, &aside) {
        let _ = fs::remove_dir_all(&old);
        return Err(io(e));
    }
    if let Err(e) = fs::rename(staged, path) {
        let _ = fs::rename(&aside, path);
        let _ = fs::remove_dir_all(&old);
        return Err(io(e));
    }
    remove(&old)
}

/// Removes what was replaced: a directory with everything in it, or a file.
fn remove(path: &Path) -> Result<(), FormatError> {
    let removed = if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    removed.map_err(|e| FormatError::io(path.display(), e))
}

/// Puts back a directory output that a run killed while replacing it left
/// moved aside (see [`write_dir_atomically`]): when nothing is at `path` and
/// a hidden `.readout-old-*` directory beside it holds an entry of the same
/// name, that entry is renamed back to `path`. Returns whether it did. A no-op
/// when `path` exists or nothing was left aside.
///
/// ```
/// let parent = tempfile::tempdir().unwrap();
/// let out = parent.path().join("tables");
/// std::fs::create_dir_all(parent.path().join(".readout-old-x1/tables")).unwrap();
/// assert!(readout_format::recover_dir(&out).unwrap());
/// assert!(out.is_dir());
/// assert!(!readout_format::recover_dir(&out).unwrap());
/// ```
pub fn recover_dir(path: &Path) -> Result<bool, FormatError> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    let Some(name) = path.file_name() else {
        return Ok(false);
    };
    let Ok(entries) = fs::read_dir(parent_dir(path)) else {
        return Ok(false);
    };
    for entry in entries.flatten() {
        let is_old = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(OLD_PREFIX));
        if !is_old {
            continue;
        }
        let aside = entry.path().join(name);
        if !aside.is_dir() {
            continue;
        }
        fs::rename(&aside, path).map_err(|e| FormatError::io(path.display(), e))?;
        let _ = fs::remove_dir_all(entry.path());
        return Ok(true);
    }
    Ok(false)
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

    /// Every file under `dir` with its text, sorted by name.
    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let text = fs::read_to_string(e.path()).unwrap();
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        files.sort();
        files
    }

    fn table(
        name: &'static str,
        text: &'static str,
    ) -> impl FnOnce(&Path) -> Result<(), FormatError> {
        move |dir| fs::write(dir.join(name), text).map_err(|e| FormatError::io(name, e))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_directory_is_replaced_whole_and_the_old_one_removed() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        write_dir_atomically(&out, |dir| {
            table("a.csv", "old")(dir)?;
            table("b.csv", "old")(dir)
        })
        .unwrap();
        write_dir_atomically(&out, table("a.csv", "new")).unwrap();
        assert_eq!(files(&out), [("a.csv".to_owned(), "new".to_owned())]);
        assert_eq!(names(parent.path()), ["out"], "nothing left beside it");
        // A failed write leaves the directory as it was.
        let err = write_dir_atomically(&out, |_| Err(FormatError::syntax("x", "boom")));
        assert!(err.is_err());
        assert_eq!(files(&out), [("a.csv".to_owned(), "new".to_owned())]);
        assert_eq!(names(parent.path()), ["out"]);
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn on_linux_two_directories_are_exchanged_in_one_step() {
        let parent = tempfile::tempdir().unwrap();
        let (a, b) = (parent.path().join("a"), parent.path().join("b"));
        for (dir, text) in [(&a, "A"), (&b, "B")] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join("t.csv"), text).unwrap();
        }
        assert!(
            exchange(&a, &b).unwrap(),
            "renameat2(RENAME_EXCHANGE) is supported here"
        );
        assert_eq!(fs::read_to_string(a.join("t.csv")).unwrap(), "B");
        assert_eq!(fs::read_to_string(b.join("t.csv")).unwrap(), "A");
        // Exchanging with nothing is an error, not a rename.
        let missing = parent.path().join("missing");
        let err = exchange(&a, &missing).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(a.is_dir());
    }

    #[test]
    fn without_the_exchange_a_directory_is_replaced_in_two_renames() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        let staged = parent.path().join(".readout-staged.tmp");
        for (dir, text) in [(&out, "old"), (&staged, "new")] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join("a.csv"), text).unwrap();
        }
        replace_in_two_steps(&staged, &out).unwrap();
        assert_eq!(files(&out), [("a.csv".to_owned(), "new".to_owned())]);
        assert_eq!(names(parent.path()), ["out"]);
    }

    #[test]
    fn a_directory_left_aside_by_a_killed_run_is_put_back() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        // What a run killed between its two renames leaves: no `out`, the old
        // directory inside a hidden `.readout-old-*`, the new one staged; and
        // another output's directory left aside beside it.
        let leave_aside = |holder: &str, name: &str| {
            let aside = parent.path().join(holder).join(name);
            fs::create_dir_all(&aside).unwrap();
            fs::write(aside.join("a.csv"), "old").unwrap();
        };
        leave_aside(".readout-old-k1", "out");
        leave_aside(".readout-old-k2", "other");
        fs::create_dir(parent.path().join(".readout-x.tmp")).unwrap();

        assert!(recover_dir(&out).unwrap());
        assert_eq!(files(&out), [("a.csv".to_owned(), "old".to_owned())]);
        assert_eq!(
            names(parent.path()),
            [".readout-old-k2", ".readout-x.tmp", "out"]
        );
        assert!(!recover_dir(&out).unwrap(), "nothing more to put back");

        // The next write puts it back before anything else, even one that fails.
        fs::remove_dir_all(&out).unwrap();
        leave_aside(".readout-old-k3", "out");
        let err = write_dir_atomically(&out, |_| Err(FormatError::syntax("x", "boom")));
        assert!(err.is_err());
        assert_eq!(files(&out), [("a.csv".to_owned(), "old".to_owned())]);
        assert!(!parent.path().join(".readout-old-k3").exists());
        // The other output's directory is its own to recover.
        let other = parent.path().join("other");
        assert!(recover_dir(&other).unwrap());
        assert_eq!(files(&other), [("a.csv".to_owned(), "old".to_owned())]);
    }
}
