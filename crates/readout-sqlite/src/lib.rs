#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod read;
mod write;

pub use rusqlite;

use readout_format::{
    Documents, Format, FormatError, MeetingStream, Meetings, Source, Target, parent_dir,
};
use readout_model::Dataset;
use rusqlite::Connection;
use std::path::Path;

/// The schema version this crate writes and reads, kept in
/// `PRAGMA user_version`. A file with a newer version is refused.
pub const SCHEMA_VERSION: i32 = 1;

/// `PRAGMA application_id` of a readout database: the bytes `RDOT`.
pub const APPLICATION_ID: i32 = 0x5244_4F54;

/// The SQL that creates the tables and views of a new database.
pub const SCHEMA: &str = include_str!("schema.sql");

/// The SQL that creates the indexes, run once the rows are in.
pub const INDEXES: &str = include_str!("indexes.sql");

/// A readout dataset as one SQLite database file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sqlite;

impl Format for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["db", "sqlite", "sqlite3"]
    }
    fn media_type(&self) -> &'static str {
        "application/vnd.sqlite3"
    }
    fn description(&self) -> &'static str {
        "a SQLite database: normalized tables, indexes, meetings_view and pairs_view"
    }
    fn can_stream(&self) -> bool {
        false
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        match to {
            Target::Path(path) => to_path(data, path),
            Target::Stdout => Err(FormatError::Unsupported {
                format: "sqlite",
                message: "a database cannot go to standard output; give a file with -o".into(),
            }),
        }
    }
    fn write_with_documents(
        &self,
        data: Dataset,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        let mut head = data;
        let mut meetings = std::mem::take(&mut head.meetings).into_iter();
        self.write_streamed(head, &mut meetings, documents, to)
    }
    fn write_streamed(
        &self,
        head: Dataset,
        meetings: &mut dyn Meetings,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        match to {
            Target::Path(path) => to_path_streamed(&head, meetings, documents, path),
            Target::Stdout => self.write(&head, to),
        }
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        match from {
            Source::Path(path) => from_path(path),
            Source::Stdin => Err(FormatError::Unsupported {
                format: "sqlite",
                message: "a database cannot be read from standard input; give its file".into(),
            }),
        }
    }
}

/// Writes `data` as a new SQLite database at `path`, atomically: the
/// database is built in a temporary file beside `path` (in one transaction,
/// foreign keys enforced) and renamed over `path` only once complete, so a
/// failure or a kill leaves any previous file at `path` as it was.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("meetings.db");
/// let data = readout_testkit::synthetic(3, 1);
/// readout_sqlite::to_path(&data, &path).unwrap();
/// assert_eq!(readout_sqlite::from_path(&path).unwrap(), data);
/// ```
pub fn to_path(data: &Dataset, path: &Path) -> Result<(), FormatError> {
    let mut meetings = MeetingStream::new(&data.meetings, None);
    build_file(path, |conn, at| {
        write::write_connection_with(
            data,
            write::DocumentSource::Held(&data.documents),
            &mut meetings,
            conn,
            at,
        )
    })
}

/// Writes `data` as [`to_path`] does, with the documents `documents` gives
/// in the place of `data.documents`, read one at a time: the same database,
/// without the texts all in memory.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("meetings.db");
/// let mut data = readout_testkit::synthetic(3, 1);
/// let mut documents = std::mem::take(&mut data.documents);
/// readout_sqlite::to_path_with_documents(&data, &mut documents, &path).unwrap();
/// data.documents = documents;
/// assert_eq!(readout_sqlite::from_path(&path).unwrap(), data);
/// ```
pub fn to_path_with_documents(
    data: &Dataset,
    documents: &mut dyn Documents,
    path: &Path,
) -> Result<(), FormatError> {
    let mut meetings = MeetingStream::new(&data.meetings, None);
    build_file(path, |conn, at| {
        write::write_connection_with(
            data,
            write::DocumentSource::Pulled(documents),
            &mut meetings,
            conn,
            at,
        )
    })
}

/// Writes, as [`to_path`] does, the dataset of `head`'s people and topics,
/// the documents `documents` gives (in the place of `head.documents`) and
/// the meetings of `head.meetings` followed by those `meetings` gives, one
/// at a time: the same database, with neither the texts nor the meetings
/// all in memory. Each meeting is checked against the people, topics and
/// documents as it goes in: one that names a person the dataset does not
/// hold fails the write, as with [`to_path`], and leaves any previous file
/// at `path` as it was.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("meetings.db");
/// let data = readout_testkit::synthetic(3, 1);
/// let mut head = data.clone();
/// let mut documents = std::mem::take(&mut head.documents);
/// let mut meetings = std::mem::take(&mut head.meetings).into_iter();
/// readout_sqlite::to_path_streamed(&head, &mut meetings, &mut documents, &path).unwrap();
/// assert_eq!(readout_sqlite::from_path(&path).unwrap(), data);
/// ```
pub fn to_path_streamed(
    head: &Dataset,
    meetings: &mut dyn Meetings,
    documents: &mut dyn Documents,
    path: &Path,
) -> Result<(), FormatError> {
    let mut meetings = MeetingStream::new(&head.meetings, Some(meetings));
    build_file(path, |conn, at| {
        write::write_connection_with(
            head,
            write::DocumentSource::Pulled(documents),
            &mut meetings,
            conn,
            at,
        )
    })
}

/// Builds a new database at `path` with `fill`, atomically: in a
/// temporary file beside `path`, renamed over it only once complete, so a
/// failure or a kill leaves any previous file at `path` as it was.
fn build_file(
    path: &Path,
    fill: impl FnOnce(&mut Connection, &str) -> Result<(), FormatError>,
) -> Result<(), FormatError> {
    let at = path.display().to_string();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".readout-").suffix(".tmp");
    // A temporary file is private (0600); the database is an ordinary file,
    // readable as the umask allows, like any file the user creates.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .tempfile_in(parent_dir(path))
        .map_err(|e| FormatError::io(&at, e))?;
    {
        let mut conn = Connection::open(tmp.path()).map_err(|e| sql_error(&at, e))?;
        // The file is private until renamed into place and discarded on any
        // failure, so it needs no journal and no syncing while it is built.
        conn.execute_batch(
            "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA cache_size = -65536; PRAGMA locking_mode = EXCLUSIVE;",
        )
        .map_err(|e| sql_error(&at, e))?;
        fill(&mut conn, &at)?;
        conn.close().map_err(|(_, e)| sql_error(&at, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| FormatError::io(&at, e))?;
    tmp.persist(path)
        .map_err(|e| FormatError::io(&at, e.error))?;
    Ok(())
}

/// Creates the schema in `conn`, which should hold an empty database, and
/// fills it with `data` in one transaction with foreign keys enforced.
///
/// ```
/// let mut conn = rusqlite::Connection::open_in_memory().unwrap();
/// readout_sqlite::to_connection(&readout_testkit::synthetic(2, 5), &mut conn).unwrap();
/// let n: i64 = conn.query_row("SELECT count(*) FROM meetings_view", [], |r| r.get(0)).unwrap();
/// assert_eq!(n, 2);
/// ```
pub fn to_connection(data: &Dataset, conn: &mut Connection) -> Result<(), FormatError> {
    write::write_connection(data, conn, "<sqlite connection>")
}

/// Reads a readout database. The file is opened read-only and never changed.
///
/// A file that is not a SQLite database, a SQLite database that is not a
/// readout dataset, one with a newer schema version, and data that does not
/// validate are errors naming the file.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("notes.db");
/// std::fs::write(&path, "just some text, not a database").unwrap();
/// let err = readout_sqlite::from_path(&path).unwrap_err().to_string();
/// assert!(err.ends_with("notes.db: not a SQLite database"), "{err}");
/// ```
pub fn from_path(path: &Path) -> Result<Dataset, FormatError> {
    let at = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| FormatError::io(&at, e))?;
    if meta.is_dir() {
        return Err(FormatError::invalid(
            &at,
            "is a directory, not a SQLite database",
        ));
    }
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| sql_error(&at, e))?;
    read::read_connection(&conn, &at)
}

/// Reads the readout dataset held in `conn`.
///
/// ```
/// let mut conn = rusqlite::Connection::open_in_memory().unwrap();
/// let data = readout_testkit::synthetic(2, 5);
/// readout_sqlite::to_connection(&data, &mut conn).unwrap();
/// assert_eq!(readout_sqlite::from_connection(&conn).unwrap(), data);
/// ```
pub fn from_connection(conn: &Connection) -> Result<Dataset, FormatError> {
    read::read_connection(conn, "<sqlite connection>")
}

/// A SQLite error at `at`, with "not a database" said plainly.
fn sql_error(at: &str, e: rusqlite::Error) -> FormatError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        return FormatError::invalid(at, "not a SQLite database");
    }
    FormatError::invalid(at, e.to_string())
}

#[cfg(test)]
mod tests;
