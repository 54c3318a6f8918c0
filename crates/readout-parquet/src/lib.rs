#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod read;
mod schema;
mod write;

use readout_format::{Format, FormatError, Source, Target, write_dir_atomically};
use readout_model::Dataset;
use std::path::Path;

/// A dataset as a directory of Apache Parquet files, one per table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Parquet;

impl Format for Parquet {
    fn name(&self) -> &'static str {
        "parquet"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["parquet"]
    }
    fn media_type(&self) -> &'static str {
        "application/vnd.apache.parquet"
    }
    fn description(&self) -> &'static str {
        "Apache Parquet: a directory with one file per table, for Spark, DuckDB, Trino and pandas"
    }
    fn is_directory(&self) -> bool {
        true
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        match to {
            Target::Path(path) => write_dir(data, path),
            Target::Stdout => Err(FormatError::Unsupported {
                format: "parquet",
                message: "writes a directory of files, not a stream; give a directory path".into(),
            }),
        }
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        match from {
            Source::Path(path) => from_dir(path),
            Source::Stdin => Err(FormatError::Unsupported {
                format: "parquet",
                message: "reads a directory of files, not a stream; give a directory path".into(),
            }),
        }
    }
}

/// The tables of the layout, in the order they are documented; each is
/// written as `<name>.parquet`.
///
/// ```
/// assert_eq!(readout_parquet::TABLES.len(), 18);
/// assert_eq!(readout_parquet::TABLES[0], "documents");
/// ```
pub const TABLES: [&str; 18] = [
    "documents",
    "document_evidence",
    "people",
    "person_aliases",
    "topics",
    "meetings",
    "participants",
    "participant_roles",
    "participant_titles",
    "participant_notes",
    "meeting_topics",
    "meeting_coding",
    "coding_actors",
    "coding_recipients",
    "statements",
    "statement_speakers",
    "evidence",
    "meeting_sources",
];

/// Writes `data` as one Parquet file per table into the existing directory
/// `dir`, replacing files of the same names. Not atomic: see [`write_dir`].
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// readout_parquet::to_dir(&readout_model::Dataset::default(), dir.path()).unwrap();
/// assert!(dir.path().join("meetings.parquet").is_file());
/// ```
pub fn to_dir(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    write::write_tables(data, dir)
}

/// Writes `data` as a directory of Parquet files at `path`, atomically: the
/// tables are written into a temporary directory beside `path`, which then
/// takes its place, so a reader never sees half a dataset. An existing
/// directory at `path` is replaced.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("readout.parquet");
/// readout_parquet::write_dir(&readout_model::Dataset::default(), &out).unwrap();
/// assert_eq!(std::fs::read_dir(&out).unwrap().count(), readout_parquet::TABLES.len());
/// ```
pub fn write_dir(data: &Dataset, path: &Path) -> Result<(), FormatError> {
    write_dir_atomically(path, |tmp| to_dir(data, tmp))
}

/// Reads a dataset from a directory written by [`to_dir`] or [`write_dir`]
/// (or rewritten by another tool that kept the columns), then puts it in
/// canonical order and checks it with [`readout_model::validate`].
///
/// Every table must be there. Columns may be stored as any Arrow string type
/// (`Utf8`, `LargeUtf8`, `Utf8View`) and any 32- or 64-bit integer type;
/// extra columns are ignored. Errors name the file, and the row and column
/// where they are about one value.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let data = readout_model::Dataset::default();
/// readout_parquet::to_dir(&data, dir.path()).unwrap();
/// assert_eq!(readout_parquet::from_dir(dir.path()).unwrap(), data);
///
/// std::fs::remove_file(dir.path().join("topics.parquet")).unwrap();
/// let err = readout_parquet::from_dir(dir.path()).unwrap_err();
/// assert!(err.to_string().contains("topics.parquet"));
/// ```
pub fn from_dir(dir: &Path) -> Result<Dataset, FormatError> {
    // A run killed while replacing the directory may have left it aside.
    readout_format::recover_dir(dir)?;
    if !dir.is_dir() {
        return Err(FormatError::invalid(
            dir.display(),
            "is not a directory; a Parquet dataset is a directory with one file per table",
        ));
    }
    let mut data = read::read_tables(dir)?;
    data.canonicalize();
    readout_format::validated(data, dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_list_matches_the_layout() {
        let names: Vec<&str> = schema::ALL.iter().map(|t| t.name).collect();
        assert_eq!(names, TABLES);
    }

    #[test]
    fn dates_are_typed_only_when_they_name_a_day() {
        assert_eq!(write::exact_date("1970-01-01"), Some(0));
        assert_eq!(write::exact_date("2023-09-18"), Some(19618));
        assert_eq!(write::exact_date("2024-02-29"), Some(19782));
        assert_eq!(write::exact_date("2023-02-29"), None);
        assert_eq!(write::exact_date("2023-9-18"), None);
        assert_eq!(write::exact_date("2023-09-18T10:50"), None);
        assert_eq!(write::exact_date("２０２３-09-18"), None);
        assert_eq!(write::exact_date(""), None);
        assert_eq!(write::leading_date("2023-09-19T10:50"), Some(19619));
        assert_eq!(write::leading_date("2023-09-19"), Some(19619));
        assert_eq!(write::leading_date("2023-09-19 10:50"), None);
        assert_eq!(write::leading_date("2023-09-1é"), None);
    }
}
