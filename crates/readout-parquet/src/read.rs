//! Reading a directory of Parquet tables back into a dataset.

use crate::schema::{self, FORMAT_KEY, Kind, TableSpec};
use crate::write::parquet_error;
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use readout_format::FormatError;
use readout_model::{
    Coding, Dataset, DateBasis, Document, Evidence, FORMAT, Meeting, MeetingKind, Participant,
    Person, Place, Span, Statement, Topic, TopicKind,
};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Reads every table in `dir` and puts the dataset back together. The
/// result is not yet canonicalized or validated.
pub(crate) fn read_tables(dir: &Path) -> Result<Dataset, FormatError> {
    let missing: Vec<String> = schema::ALL
        .iter()
        .map(|t| t.file_name())
        .filter(|name| !dir.join(name).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(FormatError::invalid(
            dir.display(),
            format!("not a readout Parquet dataset: no {}", missing.join(", ")),
        ));
    }
    let mut data = Dataset::default();

    let mut documents = Index::default();
    for_each_row(dir, &schema::DOCUMENTS, |row| {
        let id = row.text("id")?;
        documents.insert(row, id)?;
        data.documents.push(Document {
            id: id.to_owned(),
            path: row.opt_text("path")?.map(str::to_owned),
            sha256: row.text("sha256")?.to_owned(),
            outlet: row.opt_text("outlet")?.map(str::to_owned),
            headline: row.opt_text("headline")?.map(str::to_owned),
            published: row.opt_text("published")?.map(str::to_owned),
            text: row.text("text")?.to_owned(),
            evidence: Vec::new(),
        });
        Ok(())
    })?;
    let mut doc_evidence = Lists::default();
    for_each_row(dir, &schema::DOCUMENT_EVIDENCE, |row| {
        let document = row.text("document")?;
        let owner = documents.find(row, "document", document)?;
        doc_evidence.push(
            owner,
            row.int("ordinal")?,
            Evidence {
                field: row.text("field")?.to_owned(),
                document: document.to_owned(),
                start: row.offset("start")?,
                end: row.offset("end")?,
                text: row.text("text")?.to_owned(),
            },
        );
        Ok(())
    })?;
    doc_evidence.distribute(&mut data.documents, |d| Some(&mut d.evidence));

    let mut people = Index::default();
    for_each_row(dir, &schema::PEOPLE, |row| {
        let id = row.text("id")?;
        people.insert(row, id)?;
        data.people.push(Person {
            id: id.to_owned(),
            name: row.text("name")?.to_owned(),
            aliases: Vec::new(),
            country: row.opt_text("country")?.map(str::to_owned),
            wikidata: row.opt_text("wikidata")?.map(str::to_owned),
        });
        Ok(())
    })?;
    let mut aliases = Lists::default();
    for_each_row(dir, &schema::PERSON_ALIASES, |row| {
        let owner = people.find(row, "person", row.text("person")?)?;
        aliases.push(owner, row.int("ordinal")?, row.text("alias")?.to_owned());
        Ok(())
    })?;
    aliases.distribute(&mut data.people, |p| Some(&mut p.aliases));

    for_each_row(dir, &schema::TOPICS, |row| {
        let kind = row.text("kind")?;
        let kind = TopicKind::from_name(kind)
            .ok_or_else(|| row.error("kind", format!("unknown topic kind {kind:?}")))?;
        data.topics.push(Topic {
            id: row.text("id")?.to_owned(),
            label: row.text("label")?.to_owned(),
            kind,
        });
        Ok(())
    })?;

    let mut meetings = Index::default();
    for_each_row(dir, &schema::MEETINGS, |row| {
        let id = row.text("id")?;
        meetings.insert(row, id)?;
        let kind = row.text("kind")?;
        let kind = MeetingKind::from_name(kind)
            .ok_or_else(|| row.error("kind", format!("unknown meeting kind {kind:?}")))?;
        let date_basis = match row.opt_text("date_basis")? {
            None => None,
            Some(b) => Some(
                DateBasis::from_name(b)
                    .ok_or_else(|| row.error("date_basis", format!("unknown date basis {b:?}")))?,
            ),
        };
        data.meetings.push(Meeting {
            id: id.to_owned(),
            date: row.opt_text("date")?.map(str::to_owned),
            date_basis,
            kind,
            place: Place {
                city: row.opt_text("city")?.map(str::to_owned),
                region: row.opt_text("region")?.map(str::to_owned),
                country: row.opt_text("country")?.map(str::to_owned),
            },
            occasion: row.opt_text("occasion")?.map(str::to_owned),
            participants: Vec::new(),
            topics: Vec::new(),
            coding: None,
            statements: Vec::new(),
            sources: Vec::new(),
            evidence: Vec::new(),
        });
        Ok(())
    })?;
    let meeting_of = |row: &Row<'_>| -> Result<usize, FormatError> {
        meetings.find(row, "meeting", row.text("meeting")?)
    };

    read_participants(dir, &mut data.meetings, &meeting_of)?;

    for (spec, value, sources) in [
        (&schema::MEETING_TOPICS, "topic", false),
        (&schema::MEETING_SOURCES, "document", true),
    ] {
        let mut lists = Lists::default();
        for_each_row(dir, spec, |row| {
            lists.push(
                meeting_of(row)?,
                row.int("ordinal")?,
                row.text(value)?.to_owned(),
            );
            Ok(())
        })?;
        lists.distribute(&mut data.meetings, |m| {
            Some(if sources {
                &mut m.sources
            } else {
                &mut m.topics
            })
        });
    }

    for_each_row(dir, &schema::MEETING_CODING, |row| {
        let meeting = &mut data.meetings[meeting_of(row)?];
        if meeting.coding.is_some() {
            return Err(row.error("meeting", format!("{} is coded twice", meeting.id)));
        }
        meeting.coding = Some(Coding {
            plover: row.text("plover")?.to_owned(),
            mode: row.text("mode")?.to_owned(),
            cameo: row.text("cameo")?.to_owned(),
            actors: Vec::new(),
            recipients: Vec::new(),
        });
        Ok(())
    })?;
    for (spec, recipients) in [
        (&schema::CODING_ACTORS, false),
        (&schema::CODING_RECIPIENTS, true),
    ] {
        let mut lists = Lists::default();
        for_each_row(dir, spec, |row| {
            let m = meeting_of(row)?;
            if data.meetings[m].coding.is_none() {
                return Err(row.error(
                    "meeting",
                    format!("{} has no row in meeting_coding", data.meetings[m].id),
                ));
            }
            lists.push(m, row.int("ordinal")?, row.text("person")?.to_owned());
            Ok(())
        })?;
        lists.distribute(&mut data.meetings, |m| {
            let coding = m.coding.as_mut()?;
            Some(if recipients {
                &mut coding.recipients
            } else {
                &mut coding.actors
            })
        });
    }

    read_statements(dir, &mut data.meetings, &meeting_of)?;

    let mut evidence = Lists::default();
    for_each_row(dir, &schema::EVIDENCE, |row| {
        evidence.push(
            meeting_of(row)?,
            row.int("ordinal")?,
            Evidence {
                field: row.text("field")?.to_owned(),
                document: row.text("document")?.to_owned(),
                start: row.offset("start")?,
                end: row.offset("end")?,
                text: row.text("text")?.to_owned(),
            },
        );
        Ok(())
    })?;
    evidence.distribute(&mut data.meetings, |m| Some(&mut m.evidence));
    Ok(data)
}

/// A participant being put back together with its three lists.
struct PendingParticipant {
    participant: Participant,
    roles: Vec<(i64, String)>,
    titles: Vec<(i64, String)>,
    notes: Vec<(i64, String)>,
}

fn read_participants(
    dir: &Path,
    meetings: &mut [Meeting],
    meeting_of: &dyn Fn(&Row<'_>) -> Result<usize, FormatError>,
) -> Result<(), FormatError> {
    let mut pending: BTreeMap<(usize, i64), PendingParticipant> = BTreeMap::new();
    for_each_row(dir, &schema::PARTICIPANTS, |row| {
        let key = (meeting_of(row)?, row.int("ordinal")?);
        let participant = Participant {
            person: row.text("person")?.to_owned(),
            country: row.opt_text("country")?.map(str::to_owned),
            roles: Vec::new(),
            titles_as_written: Vec::new(),
            notes: Vec::new(),
        };
        if pending.contains_key(&key) {
            return Err(row.error("ordinal", format!("participant {} is repeated", key.1)));
        }
        pending.insert(
            key,
            PendingParticipant {
                participant,
                roles: Vec::new(),
                titles: Vec::new(),
                notes: Vec::new(),
            },
        );
        Ok(())
    })?;
    for (spec, value) in [
        (&schema::PARTICIPANT_ROLES, "role"),
        (&schema::PARTICIPANT_TITLES, "title"),
        (&schema::PARTICIPANT_NOTES, "note"),
    ] {
        for_each_row(dir, spec, |row| {
            let key = (meeting_of(row)?, row.int("participant")?);
            let Some(p) = pending.get_mut(&key) else {
                return Err(row.error(
                    "participant",
                    format!("no participant {} in this meeting", key.1),
                ));
            };
            let person = row.text("person")?;
            if person != p.participant.person {
                return Err(row.error(
                    "person",
                    format!(
                        "{person} is not participant {}, {}",
                        key.1, p.participant.person
                    ),
                ));
            }
            let list = match value {
                "role" => &mut p.roles,
                "title" => &mut p.titles,
                _ => &mut p.notes,
            };
            list.push((row.int("ordinal")?, row.text(value)?.to_owned()));
            Ok(())
        })?;
    }
    for ((m, _), mut p) in pending {
        p.participant.roles = in_order(p.roles);
        p.participant.titles_as_written = in_order(p.titles);
        p.participant.notes = in_order(p.notes);
        meetings[m].participants.push(p.participant);
    }
    Ok(())
}

fn read_statements(
    dir: &Path,
    meetings: &mut [Meeting],
    meeting_of: &dyn Fn(&Row<'_>) -> Result<usize, FormatError>,
) -> Result<(), FormatError> {
    // Statements by (meeting, ordinal), each with its speakers by ordinal.
    type Pending = BTreeMap<(usize, i64), (Statement, Vec<(i64, String)>)>;
    let mut pending = Pending::new();
    for_each_row(dir, &schema::STATEMENTS, |row| {
        let key = (meeting_of(row)?, row.int("ordinal")?);
        let statement = Statement {
            speakers: Vec::new(),
            text: row.text("text")?.to_owned(),
            evidence: Span {
                document: row.text("document")?.to_owned(),
                start: row.offset("start")?,
                end: row.offset("end")?,
            },
        };
        if pending.insert(key, (statement, Vec::new())).is_some() {
            return Err(row.error("ordinal", format!("statement {} is repeated", key.1)));
        }
        Ok(())
    })?;
    for_each_row(dir, &schema::STATEMENT_SPEAKERS, |row| {
        let key = (meeting_of(row)?, row.int("statement")?);
        let Some((_, speakers)) = pending.get_mut(&key) else {
            return Err(row.error(
                "statement",
                format!("no statement {} in this meeting", key.1),
            ));
        };
        speakers.push((row.int("ordinal")?, row.text("person")?.to_owned()));
        Ok(())
    })?;
    for ((m, _), (mut statement, speakers)) in pending {
        statement.speakers = in_order(speakers);
        meetings[m].statements.push(statement);
    }
    Ok(())
}

/// The values of a list, ordered by their `ordinal` column (rows with the
/// same ordinal keep the order they were read in).
fn in_order<T>(mut items: Vec<(i64, T)>) -> Vec<T> {
    items.sort_by_key(|(ordinal, _)| *ordinal);
    items.into_iter().map(|(_, v)| v).collect()
}

/// The rows of a child table, by owner, to be put back in `ordinal` order.
struct Lists<T> {
    items: Vec<(usize, i64, T)>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists { items: Vec::new() }
    }
}

impl<T> Lists<T> {
    fn push(&mut self, owner: usize, ordinal: i64, value: T) {
        self.items.push((owner, ordinal, value));
    }

    /// Appends every value to its owner's list, in `ordinal` order; `list`
    /// gives the list of an owner (none where the owner cannot hold one).
    fn distribute<O>(
        mut self,
        owners: &mut [O],
        mut list: impl FnMut(&mut O) -> Option<&mut Vec<T>>,
    ) {
        self.items
            .sort_by_key(|(owner, ordinal, _)| (*owner, *ordinal));
        for (owner, _, value) in self.items {
            if let Some(list) = owners.get_mut(owner).and_then(&mut list) {
                list.push(value);
            }
        }
    }
}

/// Ids of a parent table to their positions.
#[derive(Default)]
struct Index {
    positions: HashMap<String, usize>,
}

impl Index {
    /// Records the next row's id; a repeated id is an error, since children
    /// could not tell the two apart.
    fn insert(&mut self, row: &Row<'_>, id: &str) -> Result<(), FormatError> {
        let next = self.positions.len();
        if self.positions.insert(id.to_owned(), next).is_some() {
            return Err(row.error("id", format!("{id} is repeated")));
        }
        Ok(())
    }

    /// The position of the record `id` names; `column` (`meeting`,
    /// `person` …) is both where the id stands and what it refers to.
    fn find(&self, row: &Row<'_>, column: &str, id: &str) -> Result<usize, FormatError> {
        self.positions
            .get(id)
            .copied()
            .ok_or_else(|| row.error(column, format!("no {column} {id}")))
    }
}

/// One column of a batch, as read.
enum Column<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Int32(&'a arrow_array::Int32Array),
    Int64(&'a arrow_array::Int64Array),
    UInt32(&'a arrow_array::UInt32Array),
    UInt64(&'a arrow_array::UInt64Array),
    /// A derived column the file does not have, or one of another type.
    Absent,
}

impl<'a> Column<'a> {
    fn of(array: &'a dyn Array) -> Self {
        match array.data_type() {
            DataType::Utf8 => Column::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Column::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Column::Utf8View(array.as_string_view()),
            DataType::Int32 => Column::Int32(array.as_primitive::<Int32Type>()),
            DataType::Int64 => Column::Int64(array.as_primitive::<Int64Type>()),
            DataType::UInt32 => Column::UInt32(array.as_primitive::<UInt32Type>()),
            DataType::UInt64 => Column::UInt64(array.as_primitive::<UInt64Type>()),
            _ => Column::Absent,
        }
    }

    fn is_null(&self, i: usize) -> bool {
        match self {
            Column::Utf8(a) => a.is_null(i),
            Column::LargeUtf8(a) => a.is_null(i),
            Column::Utf8View(a) => a.is_null(i),
            Column::Int32(a) => a.is_null(i),
            Column::Int64(a) => a.is_null(i),
            Column::UInt32(a) => a.is_null(i),
            Column::UInt64(a) => a.is_null(i),
            Column::Absent => true,
        }
    }
}

/// Whether a file column of type `found` can be read as `kind`.
fn readable_as(found: &DataType, kind: Kind) -> bool {
    match kind {
        Kind::Text => matches!(
            found,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ),
        Kind::Int32 | Kind::Int64 => matches!(
            found,
            DataType::Int32 | DataType::Int64 | DataType::UInt32 | DataType::UInt64
        ),
        Kind::Date32 => true,
    }
}

/// One row of a table, with what error messages need to name it.
struct Row<'a> {
    path: &'a Path,
    spec: &'static TableSpec,
    columns: &'a [Column<'a>],
    index: usize,
    /// 1-based position of the row in the file.
    number: usize,
}

impl<'a> Row<'a> {
    fn error(&self, column: &str, message: String) -> FormatError {
        FormatError::invalid(
            self.path.display(),
            format!("row {}, column {column}: {message}", self.number),
        )
    }

    fn column(&self, name: &str) -> &'a Column<'a> {
        match self.spec.position(name) {
            Some(p) => &self.columns[p],
            None => &Column::Absent,
        }
    }

    fn opt_text(&self, name: &str) -> Result<Option<&'a str>, FormatError> {
        let i = self.index;
        let column = self.column(name);
        if column.is_null(i) {
            return Ok(None);
        }
        Ok(Some(match column {
            Column::Utf8(a) => a.value(i),
            Column::LargeUtf8(a) => a.value(i),
            Column::Utf8View(a) => a.value(i),
            _ => return Err(self.error(name, "is not a string column".into())),
        }))
    }

    fn text(&self, name: &str) -> Result<&'a str, FormatError> {
        self.opt_text(name)?
            .ok_or_else(|| self.error(name, "is null".into()))
    }

    fn int(&self, name: &str) -> Result<i64, FormatError> {
        let i = self.index;
        let column = self.column(name);
        if column.is_null(i) {
            return Err(self.error(name, "is null".into()));
        }
        match column {
            Column::Int32(a) => Ok(i64::from(a.value(i))),
            Column::Int64(a) => Ok(a.value(i)),
            Column::UInt32(a) => Ok(i64::from(a.value(i))),
            Column::UInt64(a) => i64::try_from(a.value(i))
                .map_err(|_| self.error(name, format!("{} is too large", a.value(i)))),
            _ => Err(self.error(name, "is not an integer column".into())),
        }
    }

    /// A byte offset: an integer that is not negative.
    fn offset(&self, name: &str) -> Result<usize, FormatError> {
        let value = self.int(name)?;
        usize::try_from(value)
            .map_err(|_| self.error(name, format!("{value} is not a byte offset")))
    }
}

/// Calls `visit` with every row of one table, in file order.
fn for_each_row<F>(dir: &Path, spec: &'static TableSpec, mut visit: F) -> Result<(), FormatError>
where
    F: FnMut(&Row<'_>) -> Result<(), FormatError>,
{
    let path = dir.join(spec.file_name());
    let mut number = 0;
    for batch in open(&path, spec)? {
        let batch = batch.map_err(|e| FormatError::syntax(path.display(), e.to_string()))?;
        let columns = columns(&batch, spec);
        for index in 0..batch.num_rows() {
            number += 1;
            visit(&Row {
                path: &path,
                spec,
                columns: &columns,
                index,
                number,
            })?;
        }
    }
    Ok(())
}

/// The batch's columns in the order of `spec`.
fn columns<'a>(batch: &'a RecordBatch, spec: &TableSpec) -> Vec<Column<'a>> {
    spec.columns
        .iter()
        .map(|c| match batch.column_by_name(c.name) {
            Some(array) => Column::of(array.as_ref()),
            None => Column::Absent,
        })
        .collect()
}

/// Opens one table, checking that it is a `readout/1` table with the
/// columns `spec` needs.
fn open(
    path: &PathBuf,
    spec: &TableSpec,
) -> Result<parquet::arrow::arrow_reader::ParquetRecordBatchReader, FormatError> {
    let file = File::open(path).map_err(|e| FormatError::io(path.display(), e))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| parquet_error(path, e))?;
    let declared = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|e| e.key == FORMAT_KEY))
        .and_then(|e| e.value.clone());
    // Files rewritten by other tools lose this entry; they are read if their
    // columns fit. A file that names another format is refused.
    if let Some(format) = declared
        && format != FORMAT
    {
        return Err(FormatError::invalid(
            path.display(),
            format!("unknown format {format:?}, expected {FORMAT:?}"),
        ));
    }
    let schema = builder.schema().clone();
    for column in spec.columns.iter().filter(|c| !c.derived) {
        let Ok(field) = schema.field_with_name(column.name) else {
            return Err(FormatError::invalid(
                path.display(),
                format!("no column {}", column.name),
            ));
        };
        if !readable_as(field.data_type(), column.kind) {
            return Err(FormatError::invalid(
                path.display(),
                format!(
                    "column {} is {}, expected {}",
                    column.name,
                    field.data_type(),
                    column.kind.name()
                ),
            ));
        }
    }
    builder.build().map_err(|e| parquet_error(path, e))
}
