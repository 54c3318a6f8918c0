//! Reading a directory of tables back into a dataset.

use crate::decode_optional;
use crate::tables::*;
use readout_format::FormatError;
use readout_model::*;
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

/// One table being read: the header is checked against the table's columns
/// (in any order) and each row is reached by column name.
struct TableReader {
    table: &'static Table,
    /// `DIR/NAME.csv`, for errors.
    file: String,
    reader: csv::Reader<File>,
    /// For each column of `table`, its position in the file's rows.
    positions: Vec<usize>,
    record: csv::StringRecord,
    /// Whether cells carry the spreadsheet guard (a leading `'`) to strip.
    unguard: bool,
}

impl TableReader {
    fn open(dir: &Path, table: &'static Table, unguard: bool) -> Result<Self, FormatError> {
        let path = dir.join(table.file_name());
        let file_name = path.display().to_string();
        if !path.is_file() {
            return Err(FormatError::invalid(
                dir.display(),
                format!(
                    "missing table {} ({}): not a readout CSV directory",
                    table.name,
                    table.file_name()
                ),
            ));
        }
        let handle = File::open(&path).map_err(|e| FormatError::io(&file_name, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(handle);
        let headers = reader
            .headers()
            .map_err(|e| read_error(&file_name, e))?
            .clone();
        let at = format!("{file_name}:1");
        let expected = table.columns.join(",");
        for (i, header) in headers.iter().enumerate() {
            if !table.columns.contains(&header) {
                return Err(FormatError::invalid(
                    &at,
                    format!(
                        "table {}: unexpected column {header:?} (expected {expected})",
                        table.name
                    ),
                ));
            }
            if headers.iter().take(i).any(|h| h == header) {
                return Err(FormatError::invalid(
                    &at,
                    format!("table {}: column {header:?} appears twice", table.name),
                ));
            }
        }
        let mut positions = Vec::with_capacity(table.columns.len());
        for column in table.columns {
            let Some(p) = headers.iter().position(|h| h == *column) else {
                return Err(FormatError::invalid(
                    &at,
                    format!(
                        "table {}: missing column {column:?} (expected {expected})",
                        table.name
                    ),
                ));
            };
            positions.push(p);
        }
        Ok(TableReader {
            table,
            file: file_name,
            reader,
            positions,
            record: csv::StringRecord::new(),
            unguard,
        })
    }

    /// Moves to the next row; false at the end of the table.
    fn next(&mut self) -> Result<bool, FormatError> {
        self.reader
            .read_record(&mut self.record)
            .map_err(|e| read_error(&self.file, e))
    }

    /// The byte offset where the current row starts.
    fn byte(&self) -> u64 {
        self.record.position().map_or(0, csv::Position::byte)
    }

    /// `FILE:LINE` of the current row.
    fn at(&self) -> String {
        format!("{}:{}", self.file, line_at(&self.file, self.byte()))
    }

    fn error(&self, message: impl Into<String>) -> FormatError {
        FormatError::invalid(self.at(), message)
    }

    fn raw(&self, column: &str) -> Result<&str, FormatError> {
        let cell = self
            .table
            .position(column)
            .and_then(|i| self.positions.get(i))
            .and_then(|p| self.record.get(*p))
            .ok_or_else(|| {
                self.error(format!(
                    "table {} has no column {column:?}",
                    self.table.name
                ))
            })?;
        Ok(if self.unguard {
            cell.strip_prefix('\'').unwrap_or(cell)
        } else {
            cell
        })
    }

    fn text(&self, column: &str) -> Result<String, FormatError> {
        self.raw(column).map(str::to_owned)
    }

    fn optional(&self, column: &str) -> Result<Option<String>, FormatError> {
        self.raw(column).map(decode_optional)
    }

    /// The evidence a row of `document_evidence` or `evidence` holds.
    fn evidence(&self) -> Result<Evidence, FormatError> {
        Ok(Evidence {
            field: self.text("field")?,
            document: self.text("document")?,
            start: self.number("start")?,
            end: self.number("end")?,
            text: self.text("text")?,
        })
    }

    fn number(&self, column: &str) -> Result<usize, FormatError> {
        let cell = self.raw(column)?;
        cell.parse().map_err(|_| {
            self.error(format!(
                "column {column}: {cell:?} is not a non-negative whole number"
            ))
        })
    }
}

/// The line of `file` a row starting at `byte` stands on. Counted again from
/// the file, and only for errors: the `csv` crate's own line count lags one
/// behind after a CRLF line end.
fn line_at(file: &str, byte: u64) -> u64 {
    let Ok(bytes) = std::fs::read(file) else {
        return 0;
    };
    let start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    // A row "starting" on the LF of a CRLF starts on the next line.
    let end = if bytes.get(start) == Some(&b'\n') {
        start + 1
    } else {
        start
    };
    1 + bytes[..end].iter().filter(|b| **b == b'\n').count() as u64
}

fn read_error(file: &str, e: csv::Error) -> FormatError {
    let at = match e.position() {
        Some(p) => format!("{file}:{}", line_at(file, p.byte())),
        None => file.to_owned(),
    };
    match e.into_kind() {
        csv::ErrorKind::Io(io) => FormatError::io(at, io),
        csv::ErrorKind::Utf8 { err, .. } => {
            FormatError::syntax(at, format!("field {} is not valid UTF-8", err.field() + 1))
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => FormatError::syntax(at, format!("{len} fields, expected {expected_len}")),
        other => FormatError::syntax(at, format!("{other:?}")),
    }
}

/// Rows of a child table: the parent they belong to, their ordinal, the byte
/// offset they were read from and their value.
struct Children<K, T> {
    table: &'static Table,
    file: String,
    rows: Vec<(K, usize, u64, T)>,
}

impl<K: Ord + Copy, T> Children<K, T> {
    fn new(reader: &TableReader) -> Self {
        Children {
            table: reader.table,
            file: reader.file.clone(),
            rows: Vec::new(),
        }
    }

    /// The values in list order, grouped by parent; a repeated ordinal is an error.
    fn ordered(mut self) -> Result<Vec<(K, T)>, FormatError> {
        self.rows.sort_by_key(|r| (r.0, r.1));
        for pair in self.rows.windows(2) {
            if (pair[0].0, pair[0].1) == (pair[1].0, pair[1].1) {
                return Err(FormatError::invalid(
                    format!("{}:{}", self.file, line_at(&self.file, pair[1].2)),
                    format!(
                        "table {}: ordinal {} appears twice for the same parent",
                        self.table.name, pair[1].1
                    ),
                ));
            }
        }
        Ok(self.rows.into_iter().map(|(p, _, _, v)| (p, v)).collect())
    }
}

/// Reads every row of a child table: `parent` finds the row's parent, the
/// `ordinal` column its place in the parent's list and `value` the rest. The
/// values come back in list order, grouped by parent.
fn children<K: Ord + Copy, T>(
    mut r: TableReader,
    parent: impl Fn(&TableReader) -> Result<K, FormatError>,
    value: impl Fn(&TableReader) -> Result<T, FormatError>,
) -> Result<Vec<(K, T)>, FormatError> {
    let mut rows = Children::new(&r);
    while r.next()? {
        let of = parent(&r)?;
        let ordinal = r.number("ordinal")?;
        rows.rows.push((of, ordinal, r.byte(), value(&r)?));
    }
    rows.ordered()
}

fn lookup(
    ids: &HashMap<String, usize>,
    reader: &TableReader,
    column: &str,
    what: &str,
) -> Result<usize, FormatError> {
    let id = reader.raw(column)?;
    ids.get(id)
        .copied()
        .ok_or_else(|| reader.error(format!("column {column}: no {what} {id:?}")))
}

fn insert_id(
    ids: &mut HashMap<String, usize>,
    reader: &TableReader,
    id: &str,
    index: usize,
) -> Result<(), FormatError> {
    if ids.insert(id.to_owned(), index).is_some() {
        return Err(reader.error(format!("id {id:?} appears twice")));
    }
    Ok(())
}

/// Reads a directory written by [`crate::to_dir`].
pub(crate) fn read_tables(dir: &Path) -> Result<Dataset, FormatError> {
    if !dir.is_dir() {
        return Err(FormatError::io(
            dir.display(),
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not a directory of CSV tables",
            ),
        ));
    }
    let mut r = TableReader::open(dir, &DATASET, false)?;
    if !r.next()? {
        return Err(r.error("table dataset has no row"));
    }
    let format = r.text("format")?;
    if format != FORMAT {
        return Err(r.error(format!("unknown format {format:?}, expected {FORMAT:?}")));
    }
    let unguard = match r.raw("spreadsheet_safe")? {
        "true" => true,
        "false" => false,
        other => {
            return Err(r.error(format!(
                "column spreadsheet_safe: {other:?} is neither true nor false"
            )));
        }
    };
    if r.next()? {
        return Err(r.error("table dataset has more than one row"));
    }
    let open = |table: &'static Table| TableReader::open(dir, table, unguard);
    let mut data = Dataset::default();

    let mut documents = HashMap::new();
    let mut r = open(&DOCUMENTS)?;
    while r.next()? {
        let text = r.text("text")?;
        let id = r.text("id")?;
        insert_id(&mut documents, &r, &id, data.documents.len())?;
        data.documents.push(Document {
            id,
            path: r.optional("path")?,
            sha256: r.text("sha256")?,
            outlet: r.optional("outlet")?,
            headline: r.optional("headline")?,
            published: r.optional("published")?,
            text,
            evidence: Vec::new(),
        });
    }
    let rows = children(
        open(&DOCUMENT_EVIDENCE)?,
        |r| lookup(&documents, r, "document", "document"),
        TableReader::evidence,
    )?;
    for (d, e) in rows {
        data.documents[d].evidence.push(e);
    }

    let mut people = HashMap::new();
    let mut r = open(&PEOPLE)?;
    while r.next()? {
        let id = r.text("id")?;
        insert_id(&mut people, &r, &id, data.people.len())?;
        data.people.push(Person {
            id,
            name: r.text("name")?,
            aliases: Vec::new(),
            country: r.optional("country")?,
            wikidata: r.optional("wikidata")?,
        });
    }
    let rows = children(
        open(&PERSON_ALIASES)?,
        |r| lookup(&people, r, "person", "person"),
        |r| r.text("alias"),
    )?;
    for (p, alias) in rows {
        data.people[p].aliases.push(alias);
    }

    let mut topic_ids = HashMap::new();
    let mut r = open(&TOPICS)?;
    while r.next()? {
        let id = r.text("id")?;
        insert_id(&mut topic_ids, &r, &id, data.topics.len())?;
        let kind = r.raw("kind")?;
        let kind = TopicKind::from_name(kind)
            .ok_or_else(|| r.error(format!("column kind: unknown topic kind {kind:?}")))?;
        data.topics.push(Topic {
            id,
            label: r.text("label")?,
            kind,
        });
    }

    let mut meetings = HashMap::new();
    let mut r = open(&MEETINGS)?;
    while r.next()? {
        let id = r.text("id")?;
        insert_id(&mut meetings, &r, &id, data.meetings.len())?;
        let kind = r.raw("kind")?;
        let kind = MeetingKind::from_name(kind)
            .ok_or_else(|| r.error(format!("column kind: unknown meeting kind {kind:?}")))?;
        let date_basis =
            match r.optional("date_basis")? {
                None => None,
                Some(b) => Some(DateBasis::from_name(&b).ok_or_else(|| {
                    r.error(format!("column date_basis: unknown date basis {b:?}"))
                })?),
            };
        data.meetings.push(Meeting {
            id,
            date: r.optional("date")?,
            date_basis,
            kind,
            place: Place {
                city: r.optional("city")?,
                region: r.optional("region")?,
                country: r.optional("country")?,
            },
            occasion: r.optional("occasion")?,
            participants: Vec::new(),
            topics: Vec::new(),
            coding: None,
            statements: Vec::new(),
            sources: Vec::new(),
            evidence: Vec::new(),
        });
    }

    // Participants are found again by (meeting, participant ordinal).
    let in_meeting = |r: &TableReader| lookup(&meetings, r, "meeting", "meeting");
    let rows = children(open(&PARTICIPANTS)?, in_meeting, |r| {
        Ok((
            r.number("ordinal")?,
            Participant {
                person: r.text("person")?,
                country: r.optional("country")?,
                roles: Vec::new(),
                titles_as_written: Vec::new(),
                notes: Vec::new(),
            },
        ))
    })?;
    let mut participants = HashMap::new();
    for (m, (ordinal, p)) in rows {
        participants.insert((m, ordinal), data.meetings[m].participants.len());
        data.meetings[m].participants.push(p);
    }
    for (table, column) in [
        (&PARTICIPANT_ROLES, "role"),
        (&PARTICIPANT_TITLES, "title"),
        (&PARTICIPANT_NOTES, "note"),
    ] {
        let of_participant = |r: &TableReader| {
            let meeting = in_meeting(r)?;
            let participant = r.number("participant")?;
            match participants.get(&(meeting, participant)) {
                Some(position) => Ok((meeting, *position)),
                None => Err(r.error(format!(
                    "column participant: meeting {:?} has no participant {participant}",
                    r.raw("meeting")?
                ))),
            }
        };
        let rows = children(open(table)?, of_participant, |r| r.text(column))?;
        for ((m, p), value) in rows {
            let participant = &mut data.meetings[m].participants[p];
            match column {
                "role" => participant.roles.push(value),
                "title" => participant.titles_as_written.push(value),
                _ => participant.notes.push(value),
            }
        }
    }

    let rows = children(open(&MEETING_TOPICS)?, in_meeting, |r| r.text("topic"))?;
    for (m, topic) in rows {
        data.meetings[m].topics.push(topic);
    }

    let mut r = open(&MEETING_CODING)?;
    while r.next()? {
        let meeting = lookup(&meetings, &r, "meeting", "meeting")?;
        if data.meetings[meeting].coding.is_some() {
            return Err(r.error(format!(
                "meeting {:?} has a second coding row",
                r.raw("meeting")?
            )));
        }
        data.meetings[meeting].coding = Some(Coding {
            plover: r.text("plover")?,
            mode: r.text("mode")?,
            cameo: r.text("cameo")?,
            actors: Vec::new(),
            recipients: Vec::new(),
        });
    }
    for (table, actors) in [
        (&MEETING_CODING_ACTORS, true),
        (&MEETING_CODING_RECIPIENTS, false),
    ] {
        let coded = |r: &TableReader| {
            let meeting = in_meeting(r)?;
            if data.meetings[meeting].coding.is_none() {
                return Err(r.error(format!(
                    "meeting {:?} has no row in meeting_coding",
                    r.raw("meeting")?
                )));
            }
            Ok(meeting)
        };
        let rows = children(open(table)?, coded, |r| r.text("person"))?;
        for (m, person) in rows {
            if let Some(coding) = &mut data.meetings[m].coding {
                if actors {
                    coding.actors.push(person);
                } else {
                    coding.recipients.push(person);
                }
            }
        }
    }

    // Statements are found again by (meeting, statement ordinal).
    let rows = children(open(&STATEMENTS)?, in_meeting, |r| {
        Ok((
            r.number("ordinal")?,
            Statement {
                speakers: Vec::new(),
                text: r.text("text")?,
                evidence: Span {
                    document: r.text("document")?,
                    start: r.number("start")?,
                    end: r.number("end")?,
                },
            },
        ))
    })?;
    let mut statements = HashMap::new();
    for (m, (ordinal, s)) in rows {
        statements.insert((m, ordinal), data.meetings[m].statements.len());
        data.meetings[m].statements.push(s);
    }
    let of_statement = |r: &TableReader| {
        let meeting = in_meeting(r)?;
        let statement = r.number("statement")?;
        match statements.get(&(meeting, statement)) {
            Some(position) => Ok((meeting, *position)),
            None => Err(r.error(format!(
                "column statement: meeting {:?} has no statement {statement}",
                r.raw("meeting")?
            ))),
        }
    };
    let rows = children(open(&STATEMENT_SPEAKERS)?, of_statement, |r| {
        r.text("person")
    })?;
    for ((m, s), person) in rows {
        data.meetings[m].statements[s].speakers.push(person);
    }

    let rows = children(open(&EVIDENCE)?, in_meeting, TableReader::evidence)?;
    for (m, e) in rows {
        data.meetings[m].evidence.push(e);
    }

    let rows = children(open(&MEETING_SOURCES)?, in_meeting, |r| r.text("document"))?;
    for (m, document) in rows {
        data.meetings[m].sources.push(document);
    }

    data.canonicalize();
    readout_format::validated(data, dir.display())
}
