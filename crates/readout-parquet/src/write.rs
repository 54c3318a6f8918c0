//! Writing a dataset as one Parquet file per table.

use crate::schema::{self, FORMAT_KEY, Kind, TABLE_KEY, TableSpec};
use arrow_array::builder::{Date32Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use readout_format::FormatError;
use readout_model::{Dataset, FORMAT};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows gathered before they are handed to the Parquet writer as one batch.
const BATCH_ROWS: usize = 8192;
/// String bytes gathered before a batch is handed over early, so that a
/// table of long document texts never nears Arrow's 2 GiB offset limit.
const BATCH_BYTES: usize = 64 << 20;
/// The largest string one Parquet value can hold.
const MAX_VALUE_BYTES: usize = i32::MAX as usize;

/// Writes every table of `data` into the existing directory `dir`.
pub(crate) fn write_tables(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    documents(data, dir)?;
    people(data, dir)?;
    topics(data, dir)?;
    meetings(data, dir)?;
    participants(data, dir)?;
    meeting_lists(data, dir)?;
    coding(data, dir)?;
    statements(data, dir)?;
    evidence(data, dir)
}

fn documents(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut docs = TableWriter::create(dir, &schema::DOCUMENTS)?;
    let mut evidence = TableWriter::create(dir, &schema::DOCUMENT_EVIDENCE)?;
    for doc in &data.documents {
        docs.text(&doc.id)
            .opt_text(doc.path.as_deref())
            .text(&doc.sha256)
            .opt_text(doc.outlet.as_deref())
            .opt_text(doc.headline.as_deref())
            .opt_text(doc.published.as_deref())
            .date(doc.published.as_deref().and_then(leading_date))
            .text(&doc.text)
            .end_row()?;
        for (i, ev) in doc.evidence.iter().enumerate() {
            evidence
                .text(&doc.id)
                .int32(i)
                .text(&ev.field)
                .int64(ev.start)
                .int64(ev.end)
                .text(&ev.text)
                .end_row()?;
        }
    }
    docs.finish()?;
    evidence.finish()
}

fn people(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut people = TableWriter::create(dir, &schema::PEOPLE)?;
    let mut aliases = TableWriter::create(dir, &schema::PERSON_ALIASES)?;
    for person in &data.people {
        people
            .text(&person.id)
            .text(&person.name)
            .opt_text(person.country.as_deref())
            .opt_text(person.wikidata.as_deref())
            .end_row()?;
        for (i, alias) in person.aliases.iter().enumerate() {
            aliases.text(&person.id).int32(i).text(alias).end_row()?;
        }
    }
    people.finish()?;
    aliases.finish()
}

fn topics(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut topics = TableWriter::create(dir, &schema::TOPICS)?;
    for topic in &data.topics {
        topics
            .text(&topic.id)
            .text(&topic.label)
            .text(topic.kind.as_str())
            .end_row()?;
    }
    topics.finish()
}

fn meetings(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut meetings = TableWriter::create(dir, &schema::MEETINGS)?;
    for m in &data.meetings {
        meetings
            .text(&m.id)
            .opt_text(m.date.as_deref())
            .date(m.date.as_deref().and_then(exact_date))
            .opt_text(m.date_basis.map(|b| b.as_str()))
            .text(m.kind.as_str())
            .opt_text(m.place.city.as_deref())
            .opt_text(m.place.region.as_deref())
            .opt_text(m.place.country.as_deref())
            .opt_text(m.occasion.as_deref())
            .end_row()?;
    }
    meetings.finish()
}

fn participants(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut participants = TableWriter::create(dir, &schema::PARTICIPANTS)?;
    let mut roles = TableWriter::create(dir, &schema::PARTICIPANT_ROLES)?;
    let mut titles = TableWriter::create(dir, &schema::PARTICIPANT_TITLES)?;
    let mut notes = TableWriter::create(dir, &schema::PARTICIPANT_NOTES)?;
    for m in &data.meetings {
        for (p, participant) in m.participants.iter().enumerate() {
            participants
                .text(&m.id)
                .int32(p)
                .text(&participant.person)
                .opt_text(participant.country.as_deref())
                .end_row()?;
            for (table, list) in [
                (&mut roles, &participant.roles),
                (&mut titles, &participant.titles_as_written),
                (&mut notes, &participant.notes),
            ] {
                for (i, value) in list.iter().enumerate() {
                    table
                        .text(&m.id)
                        .int32(p)
                        .text(&participant.person)
                        .int32(i)
                        .text(value)
                        .end_row()?;
                }
            }
        }
    }
    participants.finish()?;
    roles.finish()?;
    titles.finish()?;
    notes.finish()
}

/// The two plain lists of ids a meeting holds: topics and sources.
fn meeting_lists(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut topics = TableWriter::create(dir, &schema::MEETING_TOPICS)?;
    let mut sources = TableWriter::create(dir, &schema::MEETING_SOURCES)?;
    for m in &data.meetings {
        for (i, topic) in m.topics.iter().enumerate() {
            topics.text(&m.id).int32(i).text(topic).end_row()?;
        }
        for (i, source) in m.sources.iter().enumerate() {
            sources.text(&m.id).int32(i).text(source).end_row()?;
        }
    }
    topics.finish()?;
    sources.finish()
}

fn coding(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut coding = TableWriter::create(dir, &schema::MEETING_CODING)?;
    let mut actors = TableWriter::create(dir, &schema::CODING_ACTORS)?;
    let mut recipients = TableWriter::create(dir, &schema::CODING_RECIPIENTS)?;
    for m in &data.meetings {
        let Some(c) = &m.coding else { continue };
        coding
            .text(&m.id)
            .text(&c.plover)
            .text(&c.mode)
            .text(&c.cameo)
            .end_row()?;
        for (i, person) in c.actors.iter().enumerate() {
            actors.text(&m.id).int32(i).text(person).end_row()?;
        }
        for (i, person) in c.recipients.iter().enumerate() {
            recipients.text(&m.id).int32(i).text(person).end_row()?;
        }
    }
    coding.finish()?;
    actors.finish()?;
    recipients.finish()
}

fn statements(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut statements = TableWriter::create(dir, &schema::STATEMENTS)?;
    let mut speakers = TableWriter::create(dir, &schema::STATEMENT_SPEAKERS)?;
    for m in &data.meetings {
        for (s, statement) in m.statements.iter().enumerate() {
            statements
                .text(&m.id)
                .int32(s)
                .text(&statement.text)
                .text(&statement.evidence.document)
                .int64(statement.evidence.start)
                .int64(statement.evidence.end)
                .end_row()?;
            for (i, person) in statement.speakers.iter().enumerate() {
                speakers
                    .text(&m.id)
                    .int32(s)
                    .int32(i)
                    .text(person)
                    .end_row()?;
            }
        }
    }
    statements.finish()?;
    speakers.finish()
}

fn evidence(data: &Dataset, dir: &Path) -> Result<(), FormatError> {
    let mut evidence = TableWriter::create(dir, &schema::EVIDENCE)?;
    for m in &data.meetings {
        for (i, ev) in m.evidence.iter().enumerate() {
            evidence
                .text(&m.id)
                .int32(i)
                .text(&ev.field)
                .text(&ev.document)
                .int64(ev.start)
                .int64(ev.end)
                .text(&ev.text)
                .end_row()?;
        }
    }
    evidence.finish()
}

/// `YYYY-MM-DD` exactly, naming a day of the calendar, as days since
/// 1970-01-01; anything else (a partial date, a typo, free text) gives none.
pub(crate) fn exact_date(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let year = s[0..4].parse().ok()?;
    let month = s[5..7].parse().ok()?;
    let day = s[8..10].parse().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from(date.signed_duration_since(epoch).num_days()).ok()
}

/// The day of a publication date written `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
pub(crate) fn leading_date(s: &str) -> Option<i32> {
    match s.get(..10) {
        Some(day) if s.len() == 10 || s.as_bytes()[10] == b'T' => exact_date(day),
        _ => None,
    }
}

enum ColumnBuilder {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Date32(Date32Builder),
}

impl ColumnBuilder {
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Text => ColumnBuilder::Text(StringBuilder::new()),
            Kind::Int32 => ColumnBuilder::Int32(Int32Builder::new()),
            Kind::Int64 => ColumnBuilder::Int64(Int64Builder::new()),
            Kind::Date32 => ColumnBuilder::Date32(Date32Builder::new()),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Int32(b) => Arc::new(b.finish()),
            ColumnBuilder::Int64(b) => Arc::new(b.finish()),
            ColumnBuilder::Date32(b) => Arc::new(b.finish()),
        }
    }
}

/// One table being written: rows are added a value at a time, in column
/// order, gathered into Arrow batches and handed to the Parquet writer.
///
/// A value that does not fit its column is remembered and reported by
/// [`TableWriter::end_row`], so the row-building code reads as a plain chain.
struct TableWriter {
    spec: &'static TableSpec,
    path: PathBuf,
    schema: SchemaRef,
    writer: ArrowWriter<File>,
    columns: Vec<ColumnBuilder>,
    /// The column the next value goes to.
    next: usize,
    rows: usize,
    /// Rows written so far, for error messages.
    row_number: usize,
    bytes: usize,
    fault: Option<String>,
}

impl TableWriter {
    fn create(dir: &Path, spec: &'static TableSpec) -> Result<Self, FormatError> {
        let path = dir.join(spec.file_name());
        let file = File::create(&path).map_err(|e| FormatError::io(path.display(), e))?;
        let schema = spec.schema_ref();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_key_value_metadata(Some(vec![
                KeyValue::new(FORMAT_KEY.to_owned(), FORMAT.to_owned()),
                KeyValue::new(TABLE_KEY.to_owned(), spec.name.to_owned()),
            ]))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|e| FormatError::invalid(path.display(), e.to_string()))?;
        Ok(TableWriter {
            spec,
            columns: spec
                .columns
                .iter()
                .map(|c| ColumnBuilder::new(c.kind))
                .collect(),
            path,
            schema,
            writer,
            next: 0,
            rows: 0,
            row_number: 0,
            bytes: 0,
            fault: None,
        })
    }

    /// The builder of the next column, if it has the expected kind.
    fn next_column(&mut self, kind: Kind) -> Option<&mut ColumnBuilder> {
        let index = self.next;
        self.next += 1;
        let spec = self.spec.columns.get(index);
        if spec.map(|c| c.kind) != Some(kind) {
            self.fail(format!("no {kind:?} column at position {index}"));
            return None;
        }
        self.columns.get_mut(index)
    }

    fn fail(&mut self, message: String) {
        if self.fault.is_none() {
            self.fault = Some(message);
        }
    }

    fn opt_text(&mut self, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            if v.len() > MAX_VALUE_BYTES {
                let column = self.spec.columns.get(self.next).map_or("?", |c| c.name);
                self.fail(format!(
                    "the {column} value is {} bytes, more than a Parquet value can hold",
                    v.len()
                ));
            }
            self.bytes += v.len();
        }
        if let Some(ColumnBuilder::Text(b)) = self.next_column(Kind::Text) {
            b.append_option(value);
        }
        self
    }

    fn text(&mut self, value: &str) -> &mut Self {
        self.opt_text(Some(value))
    }

    fn int32(&mut self, value: usize) -> &mut Self {
        let value = i32::try_from(value).unwrap_or_else(|_| {
            self.fail(format!("position {value} is too large"));
            0
        });
        if let Some(ColumnBuilder::Int32(b)) = self.next_column(Kind::Int32) {
            b.append_value(value);
        }
        self
    }

    fn int64(&mut self, value: usize) -> &mut Self {
        let value = i64::try_from(value).unwrap_or_else(|_| {
            self.fail(format!("offset {value} is too large"));
            0
        });
        if let Some(ColumnBuilder::Int64(b)) = self.next_column(Kind::Int64) {
            b.append_value(value);
        }
        self
    }

    fn date(&mut self, days: Option<i32>) -> &mut Self {
        if let Some(ColumnBuilder::Date32(b)) = self.next_column(Kind::Date32) {
            b.append_option(days);
        }
        self
    }

    fn end_row(&mut self) -> Result<(), FormatError> {
        if self.next != self.columns.len() {
            self.fail(format!(
                "a row of {} values for {} columns",
                self.next,
                self.columns.len()
            ));
        }
        if let Some(fault) = self.fault.take() {
            return Err(FormatError::invalid(
                self.path.display(),
                format!("row {}: {fault}", self.row_number + 1),
            ));
        }
        self.next = 0;
        self.rows += 1;
        self.row_number += 1;
        if self.rows >= BATCH_ROWS || self.bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the gathered rows to the Parquet writer as one batch.
    fn flush(&mut self) -> Result<(), FormatError> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(ColumnBuilder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| FormatError::invalid(self.path.display(), e.to_string()))?;
        self.writer
            .write(&batch)
            .map_err(|e| parquet_error(&self.path, e))?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last batch and the file footer, and syncs the file.
    fn finish(mut self) -> Result<(), FormatError> {
        self.flush()?;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| parquet_error(&self.path, e))?;
        file.sync_all()
            .map_err(|e| FormatError::io(self.path.display(), e))
    }
}

/// A Parquet error as a format error: I/O failures keep their cause.
pub(crate) fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> FormatError {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => FormatError::io(path.display(), *io),
                Err(other) => FormatError::syntax(path.display(), other.to_string()),
            }
        }
        other => FormatError::syntax(path.display(), other.to_string()),
    }
}
