#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod read;
mod tables;
mod write;

pub use tables::{TABLES, Table};

use readout_format::{
    Documents, Format, FormatError, MeetingStream, Meetings, Source, Target, write_dir_atomically,
};
use readout_model::Dataset;
use std::borrow::Cow;
use std::path::Path;

/// The CSV directory format. The value is also the writing option:
/// `spreadsheet_safe` guards cells against formula injection.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Csv {
    /// Prefix every cell that begins with `=`, `+`, `-`, `@`, a tab, a
    /// carriage return or `'` with one `'`, so that a spreadsheet shows it as
    /// text instead of running it as a formula. The directory records the
    /// choice in `dataset.csv` and reading strips the guard again, so the
    /// data still reads back exactly.
    pub spreadsheet_safe: bool,
}

impl Csv {
    /// The format with the spreadsheet guard on.
    pub fn for_spreadsheets() -> Self {
        Csv {
            spreadsheet_safe: true,
        }
    }
}

impl Format for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }
    fn media_type(&self) -> &'static str {
        "text/csv"
    }
    fn description(&self) -> &'static str {
        "a directory of CSV tables (RFC 4180, UTF-8, header rows)"
    }
    fn is_directory(&self) -> bool {
        true
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        match to {
            Target::Path(dir) => to_dir(data, dir, *self),
            Target::Stdout => Err(FormatError::Unsupported {
                format: "csv",
                message:
                    "a directory of tables cannot go to standard output; give a directory with -o"
                        .into(),
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
            Target::Path(dir) => to_dir_streamed(&head, meetings, documents, dir, *self),
            Target::Stdout => self.write(&head, to),
        }
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        match from {
            Source::Path(dir) => from_dir(dir),
            Source::Stdin => Err(FormatError::Unsupported {
                format: "csv",
                message: "a directory of tables cannot be read from standard input".into(),
            }),
        }
    }
}

/// Writes `data` as a directory of tables at `dir`, atomically: the tables
/// are written to a temporary directory beside `dir` that then takes its
/// place, so a failure leaves any previous directory at `dir` whole.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let dir = out.path().join("tables");
/// let data = readout_testkit::synthetic(3, 1);
/// readout_csv::to_dir(&data, &dir, readout_csv::Csv::default()).unwrap();
/// assert!(dir.join("meetings.csv").is_file());
/// assert_eq!(readout_csv::from_dir(&dir).unwrap(), data);
/// ```
pub fn to_dir(data: &Dataset, dir: &Path, options: Csv) -> Result<(), FormatError> {
    write_dir_atomically(dir, |tmp| write_tables(data, tmp, options))
}

/// Writes, as [`to_dir`] does, the tables of the dataset of `head`'s people
/// and topics, the documents `documents` gives (in the place of
/// `head.documents`) and the meetings of `head.meetings` followed by those
/// `meetings` gives, one at a time: the same files, with neither the texts
/// nor the meetings all in memory.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let dir = out.path().join("tables");
/// let data = readout_testkit::synthetic(3, 1);
/// let mut head = data.clone();
/// let mut documents = std::mem::take(&mut head.documents);
/// let mut meetings = std::mem::take(&mut head.meetings).into_iter();
/// readout_csv::to_dir_streamed(&head, &mut meetings, &mut documents, &dir, Default::default())
///     .unwrap();
/// assert_eq!(readout_csv::from_dir(&dir).unwrap(), data);
/// ```
pub fn to_dir_streamed(
    head: &Dataset,
    meetings: &mut dyn Meetings,
    documents: &mut dyn Documents,
    dir: &Path,
    options: Csv,
) -> Result<(), FormatError> {
    let mut next = MeetingStream::new(&head.meetings, Some(meetings));
    write_dir_atomically(dir, |tmp| {
        write::write_tables_with(
            head,
            write::DocumentSource::Pulled(documents),
            &mut next,
            tmp,
            options.spreadsheet_safe,
        )
    })
}

/// Writes the tables of `data` into the existing directory `dir`, replacing
/// files of the same names, not atomically (see [`to_dir`]).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// readout_csv::write_tables(&readout_model::Dataset::default(), dir.path(), Default::default()).unwrap();
/// assert_eq!(std::fs::read_to_string(dir.path().join("people.csv")).unwrap(), "id,name,country,wikidata\r\n");
/// ```
pub fn write_tables(data: &Dataset, dir: &Path, options: Csv) -> Result<(), FormatError> {
    write::write_tables(data, dir, options.spreadsheet_safe)
}

/// Reads a directory of tables written by [`to_dir`], with or without the
/// spreadsheet guard. Columns may come in any order; a missing table, a
/// missing or unknown column, a reference to a row that is not there and a
/// dataset that does not validate are errors naming the file and line.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let err = readout_csv::from_dir(dir.path()).unwrap_err();
/// assert!(err.to_string().contains("missing table dataset (dataset.csv)"), "{err}");
/// ```
pub fn from_dir(dir: &Path) -> Result<Dataset, FormatError> {
    // A run killed while replacing the directory may have left it aside.
    readout_format::recover_dir(dir)?;
    read::read_tables(dir)
}

/// The cell for an optional text: empty for a missing value; otherwise the
/// text, with one `\` put in front when it is empty or starts with `\`.
///
/// ```
/// use readout_csv::encode_optional;
/// assert_eq!(encode_optional(None), "");
/// assert_eq!(encode_optional(Some("")), "\\");
/// assert_eq!(encode_optional(Some("Moscow")), "Moscow");
/// assert_eq!(encode_optional(Some("\\N")), "\\\\N");
/// ```
pub fn encode_optional(value: Option<&str>) -> Cow<'_, str> {
    match value {
        None => Cow::Borrowed(""),
        Some(s) if s.is_empty() || s.starts_with('\\') => Cow::Owned(format!("\\{s}")),
        Some(s) => Cow::Borrowed(s),
    }
}

/// The optional text a cell written by [`encode_optional`] holds.
///
/// ```
/// use readout_csv::decode_optional;
/// assert_eq!(decode_optional(""), None);
/// assert_eq!(decode_optional("\\").as_deref(), Some(""));
/// assert_eq!(decode_optional("\\\\N").as_deref(), Some("\\N"));
/// ```
pub fn decode_optional(cell: &str) -> Option<String> {
    if cell.is_empty() {
        None
    } else {
        Some(cell.strip_prefix('\\').unwrap_or(cell).to_owned())
    }
}

/// The cell with the spreadsheet guard: a `'` in front of a cell that a
/// spreadsheet could take for a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return) or that starts with `'` itself, so reading can strip exactly one.
fn guard(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests;
