//! Writing a dataset as a directory of tables.

use crate::tables::*;
use crate::{encode_optional, guard};
use readout_format::{
    Documents, FormatError, MeetingStream, PulledDocument, map_in_order, pull_document,
    unreadable_document,
};
use readout_model::{Dataset, Document, FORMAT};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// One table being written.
struct TableWriter {
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
    spreadsheet_safe: bool,
}

impl TableWriter {
    fn create(dir: &Path, table: &Table, spreadsheet_safe: bool) -> Result<Self, FormatError> {
        let path = dir.join(table.file_name());
        let file = File::create(&path).map_err(|e| FormatError::io(path.display(), e))?;
        let out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(BufWriter::with_capacity(1 << 16, file));
        let mut writer = TableWriter {
            path,
            out,
            spreadsheet_safe,
        };
        writer.row(table.columns.iter().copied())?;
        Ok(writer)
    }

    fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<(), FormatError> {
        for cell in cells {
            let cell = if self.spreadsheet_safe {
                guard(cell)
            } else {
                Cow::Borrowed(cell)
            };
            self.out
                .write_field(cell.as_bytes())
                .map_err(|e| csv_error(&self.path, e))?;
        }
        self.out
            .write_record(None::<&[u8]>)
            .map_err(|e| csv_error(&self.path, e))
    }

    fn finish(self) -> Result<(), FormatError> {
        let path = self.path;
        let buffered = self
            .out
            .into_inner()
            .map_err(|e| FormatError::io(path.display(), e.into_error()))?;
        let file = buffered
            .into_inner()
            .map_err(|e| FormatError::io(path.display(), e.into_error()))?;
        file.sync_all()
            .map_err(|e| FormatError::io(path.display(), e))
    }
}

fn csv_error(path: &Path, e: csv::Error) -> FormatError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => FormatError::io(path.display(), io),
        other => FormatError::syntax(path.display(), format!("{other:?}")),
    }
}

fn opt(value: &Option<String>) -> Cow<'_, str> {
    encode_optional(value.as_deref())
}

/// Writes every table of `data` into `dir`, which must exist.
pub(crate) fn write_tables(
    data: &Dataset,
    dir: &Path,
    spreadsheet_safe: bool,
) -> Result<(), FormatError> {
    let mut next = MeetingStream::new(&data.meetings, None);
    write_tables_with(
        data,
        DocumentSource::Held(&data.documents),
        &mut next,
        dir,
        spreadsheet_safe,
    )
}

/// Where the documents of a dataset being written come from.
pub(crate) enum DocumentSource<'a> {
    /// The dataset's own, in memory.
    Held(&'a [Document]),
    /// A source that reads them one at a time.
    Pulled(&'a mut dyn Documents),
}

/// Documents parsed per chunk handed to the pool.
const DOCUMENTS_PER_CHUNK: usize = 256;

/// Writes every table of the dataset of `head`'s people and topics, the
/// documents of `documents` and the meetings `meetings` gives into `dir`,
/// which must exist; the meetings' tables are all open at once and each
/// meeting is written as it comes.
pub(crate) fn write_tables_with(
    head: &Dataset,
    documents: DocumentSource<'_>,
    stream: &mut MeetingStream<'_>,
    dir: &Path,
    spreadsheet_safe: bool,
) -> Result<(), FormatError> {
    let open = |table: &Table| TableWriter::create(dir, table, spreadsheet_safe);

    let mut t = open(&DATASET)?;
    t.row([FORMAT, if spreadsheet_safe { "true" } else { "false" }])?;
    t.finish()?;

    let mut documents_table = open(&DOCUMENTS)?;
    let mut evidence = open(&DOCUMENT_EVIDENCE)?;
    let mut write_document = |d: &Document| -> Result<(), FormatError> {
        documents_table.row([
            d.id.as_str(),
            &opt(&d.path),
            &d.sha256,
            &opt(&d.outlet),
            &opt(&d.headline),
            &opt(&d.published),
            &d.text,
        ])?;
        for (i, e) in d.evidence.iter().enumerate() {
            let (ordinal, start, end) = (i.to_string(), e.start.to_string(), e.end.to_string());
            evidence.row([d.id.as_str(), &ordinal, &e.field, &start, &end, &e.text])?;
        }
        Ok(())
    };
    match documents {
        DocumentSource::Held(documents) => {
            for d in documents {
                write_document(d)?;
            }
        }
        DocumentSource::Pulled(documents) => {
            // Parsed on the pool while this thread writes.
            let mut next = 0..documents.len();
            let documents = RefCell::new(documents);
            map_in_order(
                DOCUMENTS_PER_CHUNK,
                || match next.next() {
                    Some(i) => pull_document(&mut **documents.borrow_mut(), i).map(Some),
                    None => Ok(None),
                },
                PulledDocument::parse,
                |parsed| {
                    let d = parsed
                        .map_err(|i| unreadable_document(&mut **documents.borrow_mut(), i))?;
                    write_document(&d)
                },
            )?;
        }
    }
    documents_table.finish()?;
    evidence.finish()?;

    let mut people = open(&PEOPLE)?;
    let mut aliases = open(&PERSON_ALIASES)?;
    for p in &head.people {
        people.row([p.id.as_str(), &p.name, &opt(&p.country), &opt(&p.wikidata)])?;
        for (i, alias) in p.aliases.iter().enumerate() {
            let ordinal = i.to_string();
            aliases.row([p.id.as_str(), &ordinal, alias])?;
        }
    }
    people.finish()?;
    aliases.finish()?;

    let mut topics = open(&TOPICS)?;
    for t in &head.topics {
        topics.row([t.id.as_str(), &t.label, t.kind.as_str()])?;
    }
    topics.finish()?;

    let mut meetings = open(&MEETINGS)?;
    let mut participants = open(&PARTICIPANTS)?;
    let mut roles = open(&PARTICIPANT_ROLES)?;
    let mut titles = open(&PARTICIPANT_TITLES)?;
    let mut notes = open(&PARTICIPANT_NOTES)?;
    let mut meeting_topics = open(&MEETING_TOPICS)?;
    let mut coding = open(&MEETING_CODING)?;
    let mut actors = open(&MEETING_CODING_ACTORS)?;
    let mut recipients = open(&MEETING_CODING_RECIPIENTS)?;
    let mut statements = open(&STATEMENTS)?;
    let mut speakers = open(&STATEMENT_SPEAKERS)?;
    let mut evidence = open(&EVIDENCE)?;
    let mut sources = open(&MEETING_SOURCES)?;
    while let Some(m) = stream.next_meeting()? {
        let id = m.id.as_str();
        meetings.row([
            id,
            &encode_optional(m.date.as_deref()),
            &encode_optional(m.date_basis.map(|b| b.as_str())),
            m.kind.as_str(),
            &opt(&m.place.city),
            &opt(&m.place.region),
            &opt(&m.place.country),
            &opt(&m.occasion),
        ])?;
        for (i, p) in m.participants.iter().enumerate() {
            let participant = i.to_string();
            participants.row([id, &participant, &p.person, &opt(&p.country)])?;
            for (list, table) in [
                (&p.roles, &mut roles),
                (&p.titles_as_written, &mut titles),
                (&p.notes, &mut notes),
            ] {
                for (j, value) in list.iter().enumerate() {
                    let ordinal = j.to_string();
                    table.row([id, &participant, &ordinal, value])?;
                }
            }
        }
        for (i, topic) in m.topics.iter().enumerate() {
            let ordinal = i.to_string();
            meeting_topics.row([id, &ordinal, topic])?;
        }
        if let Some(c) = &m.coding {
            coding.row([id, &c.plover, &c.mode, &c.cameo])?;
            for (list, table) in [(&c.actors, &mut actors), (&c.recipients, &mut recipients)] {
                for (i, person) in list.iter().enumerate() {
                    let ordinal = i.to_string();
                    table.row([id, &ordinal, person])?;
                }
            }
        }
        for (i, s) in m.statements.iter().enumerate() {
            let (ordinal, start, end) = (
                i.to_string(),
                s.evidence.start.to_string(),
                s.evidence.end.to_string(),
            );
            statements.row([id, &ordinal, &s.text, &s.evidence.document, &start, &end])?;
            for (j, person) in s.speakers.iter().enumerate() {
                let speaker = j.to_string();
                speakers.row([id, &ordinal, &speaker, person])?;
            }
        }
        for (i, e) in m.evidence.iter().enumerate() {
            let (ordinal, start, end) = (i.to_string(), e.start.to_string(), e.end.to_string());
            evidence.row([id, &ordinal, &e.field, &e.document, &start, &end, &e.text])?;
        }
        for (i, document) in m.sources.iter().enumerate() {
            let ordinal = i.to_string();
            sources.row([id, &ordinal, document])?;
        }
    }
    for table in [
        meetings,
        participants,
        roles,
        titles,
        notes,
        meeting_topics,
        coding,
        actors,
        recipients,
        statements,
        speakers,
        evidence,
        sources,
    ] {
        table.finish()?;
    }
    Ok(())
}
