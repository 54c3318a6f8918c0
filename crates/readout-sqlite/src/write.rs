//! Filling a database with a dataset.

use crate::{APPLICATION_ID, INDEXES, SCHEMA, SCHEMA_VERSION};
use readout_format::{
    Documents, FormatError, MeetingStream, PulledDocument, map_in_order, pull_document,
    unreadable_document,
};
use readout_model::{Dataset, Document, Meeting};
use rusqlite::{Connection, Statement, Transaction, params};
use std::cell::RefCell;

/// Byte offsets and positions as SQLite integers. A `usize` above
/// `i64::MAX` cannot index a text held in memory, so it does not occur.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The prepared insert of every table, prepared once.
struct Inserts<'t> {
    documents: Statement<'t>,
    document_evidence: Statement<'t>,
    people: Statement<'t>,
    person_aliases: Statement<'t>,
    topics: Statement<'t>,
    meetings: Statement<'t>,
    participants: Statement<'t>,
    participant_roles: Statement<'t>,
    participant_titles: Statement<'t>,
    participant_notes: Statement<'t>,
    meeting_topics: Statement<'t>,
    meeting_coding: Statement<'t>,
    meeting_coding_actors: Statement<'t>,
    meeting_coding_recipients: Statement<'t>,
    statements: Statement<'t>,
    statement_speakers: Statement<'t>,
    evidence: Statement<'t>,
    meeting_sources: Statement<'t>,
}

impl<'t> Inserts<'t> {
    fn prepare(tx: &'t Transaction<'_>) -> rusqlite::Result<Self> {
        let p = |sql: &str| tx.prepare(sql);
        Ok(Inserts {
            documents: p("INSERT INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?,
            document_evidence: p("INSERT INTO document_evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?,
            people: p("INSERT INTO people VALUES (?1, ?2, ?3, ?4)")?,
            person_aliases: p("INSERT INTO person_aliases VALUES (?1, ?2, ?3)")?,
            topics: p("INSERT INTO topics VALUES (?1, ?2, ?3)")?,
            meetings: p("INSERT INTO meetings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?,
            participants: p("INSERT INTO participants VALUES (?1, ?2, ?3, ?4)")?,
            participant_roles: p("INSERT INTO participant_roles VALUES (?1, ?2, ?3, ?4)")?,
            participant_titles: p("INSERT INTO participant_titles VALUES (?1, ?2, ?3, ?4)")?,
            participant_notes: p("INSERT INTO participant_notes VALUES (?1, ?2, ?3, ?4)")?,
            meeting_topics: p("INSERT INTO meeting_topics VALUES (?1, ?2, ?3)")?,
            meeting_coding: p("INSERT INTO meeting_coding VALUES (?1, ?2, ?3, ?4)")?,
            meeting_coding_actors: p("INSERT INTO meeting_coding_actors VALUES (?1, ?2, ?3)")?,
            meeting_coding_recipients: p(
                "INSERT INTO meeting_coding_recipients VALUES (?1, ?2, ?3)",
            )?,
            statements: p("INSERT INTO statements VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?,
            statement_speakers: p("INSERT INTO statement_speakers VALUES (?1, ?2, ?3, ?4)")?,
            evidence: p("INSERT INTO evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?,
            meeting_sources: p("INSERT INTO meeting_sources VALUES (?1, ?2, ?3)")?,
        })
    }
}

/// Creates the schema and inserts `data` in one transaction; `at` names the
/// database in errors.
pub(crate) fn write_connection(
    data: &Dataset,
    conn: &mut Connection,
    at: &str,
) -> Result<(), FormatError> {
    let mut meetings = MeetingStream::new(&data.meetings, None);
    write_connection_with(
        data,
        DocumentSource::Held(&data.documents),
        &mut meetings,
        conn,
        at,
    )
}

/// Where the documents of a dataset being written come from.
pub(crate) enum DocumentSource<'a> {
    /// The dataset's own, in memory.
    Held(&'a [Document]),
    /// A source that reads them one at a time.
    Pulled(&'a mut dyn Documents),
}

/// Creates the schema and inserts, in one transaction, the dataset of
/// `head`'s people and topics, the documents of `documents` and the
/// meetings `meetings` gives, each checked against the rest by the
/// database's foreign keys as it goes in.
pub(crate) fn write_connection_with(
    head: &Dataset,
    documents: DocumentSource<'_>,
    meetings: &mut MeetingStream<'_>,
    conn: &mut Connection,
    at: &str,
) -> Result<(), FormatError> {
    let fail = |what: &str, e: rusqlite::Error| FormatError::invalid(at, format!("{what}: {e}"));
    // Outside the transaction: the pragma is a no-op inside one.
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .map_err(|e| crate::sql_error(at, e))?;
    let tx = conn.transaction().map_err(|e| crate::sql_error(at, e))?;
    tx.execute_batch(SCHEMA)
        .map_err(|e| fail("creating the schema", e))?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(|e| fail("setting the schema version", e))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(|e| fail("setting the application id", e))?;
    {
        let mut s = Inserts::prepare(&tx).map_err(|e| fail("preparing inserts", e))?;
        insert_all(head, documents, meetings, &mut s).map_err(|e| match e {
            Failed::Insert(table, id, e) => fail(&format!("table {table}, row for {id:?}"), e),
            Failed::Source(e) => e,
        })?;
    }
    tx.execute_batch(INDEXES)
        .map_err(|e| fail("creating the indexes", e))?;
    tx.commit().map_err(|e| fail("committing", e))
}

/// Why filling the tables stopped: an insert failed (in this table, for
/// the row of this id), or a document or meeting could not be read.
enum Failed {
    Insert(&'static str, String, rusqlite::Error),
    Source(FormatError),
}

/// Documents parsed together, as one task of the pool.
const DOCUMENTS_PER_BATCH: usize = 64;

fn at<'a>(table: &'static str, id: &'a str) -> impl FnOnce(rusqlite::Error) -> Failed + 'a {
    move |e| Failed::Insert(table, id.to_owned(), e)
}

fn insert_all(
    head: &Dataset,
    documents: DocumentSource<'_>,
    meetings: &mut MeetingStream<'_>,
    s: &mut Inserts<'_>,
) -> Result<(), Failed> {
    // Documents go in in the order of their primary keys, so the table
    // grows at its end instead of splitting pages all over a tree bigger
    // than the cache; reading puts the lists back in canonical order.
    match documents {
        DocumentSource::Held(documents) => {
            let mut sorted: Vec<&Document> = documents.iter().collect();
            sorted.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            for d in sorted {
                insert_document(d, s)?;
            }
        }
        DocumentSource::Pulled(documents) => {
            let mut sorted: Vec<usize> = (0..documents.len()).collect();
            sorted.sort_unstable_by(|a, b| documents.id(*a).cmp(documents.id(*b)));
            let mut sorted = sorted.into_iter().peekable();
            // Parsed on the pool while this thread inserts, a batch to a
            // task. The documents inserted go back to the pool with a later
            // batch, to be freed by the thread that allocated them (the
            // system's allocator frees another thread's memory slowly).
            let documents = RefCell::new(documents);
            let spent: RefCell<Vec<Vec<Document>>> = RefCell::new(Vec::new());
            map_in_order(
                2,
                || {
                    if sorted.peek().is_none() {
                        return Ok(None);
                    }
                    let mut documents = documents.borrow_mut();
                    let batch = sorted
                        .by_ref()
                        .take(DOCUMENTS_PER_BATCH)
                        .map(|i| pull_document(&mut **documents, i))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(Failed::Source)?;
                    Ok(Some((batch, spent.borrow_mut().pop())))
                },
                |(batch, spent): (Vec<PulledDocument>, Option<Vec<Document>>)| {
                    drop(spent);
                    batch
                        .into_iter()
                        .map(PulledDocument::parse)
                        .collect::<Result<Vec<Document>, usize>>()
                },
                |parsed| {
                    let parsed = parsed.map_err(|i| {
                        Failed::Source(unreadable_document(&mut **documents.borrow_mut(), i))
                    })?;
                    for d in &parsed {
                        insert_document(d, s)?;
                    }
                    spent.borrow_mut().push(parsed);
                    Ok(())
                },
            )?;
        }
    }
    for p in &head.people {
        let id = p.id.as_str();
        s.people
            .execute(params![id, p.name, p.country, p.wikidata])
            .map_err(at("people", id))?;
        for (i, alias) in p.aliases.iter().enumerate() {
            s.person_aliases
                .execute(params![id, int(i), alias])
                .map_err(at("person_aliases", id))?;
        }
    }
    for t in &head.topics {
        s.topics
            .execute(params![t.id, t.label, t.kind.as_str()])
            .map_err(at("topics", &t.id))?;
    }
    // Meetings go in in the dataset's order, as they come: by date, then
    // id, which begins with the date.
    while let Some(m) = meetings.next_meeting().map_err(Failed::Source)? {
        insert_meeting(&m, s)?;
    }
    Ok(())
}

fn insert_document(d: &Document, s: &mut Inserts<'_>) -> Result<(), Failed> {
    let id = d.id.as_str();
    s.documents
        .execute(params![
            id,
            d.path,
            d.sha256,
            d.outlet,
            d.headline,
            d.published,
            d.text
        ])
        .map_err(at("documents", id))?;
    for (i, e) in d.evidence.iter().enumerate() {
        s.document_evidence
            .execute(params![
                id,
                int(i),
                e.field,
                int(e.start),
                int(e.end),
                e.text
            ])
            .map_err(at("document_evidence", id))?;
    }
    Ok(())
}

fn insert_meeting(m: &Meeting, s: &mut Inserts<'_>) -> Result<(), Failed> {
    {
        let id = m.id.as_str();
        s.meetings
            .execute(params![
                id,
                m.date,
                m.date_basis.map(|b| b.as_str()),
                m.kind.as_str(),
                m.place.city,
                m.place.region,
                m.place.country,
                m.occasion
            ])
            .map_err(at("meetings", id))?;
        for (i, p) in m.participants.iter().enumerate() {
            s.participants
                .execute(params![id, int(i), p.person, p.country])
                .map_err(at("participants", id))?;
            for (list, insert, table) in [
                (&p.roles, &mut s.participant_roles, "participant_roles"),
                (
                    &p.titles_as_written,
                    &mut s.participant_titles,
                    "participant_titles",
                ),
                (&p.notes, &mut s.participant_notes, "participant_notes"),
            ] {
                for (j, value) in list.iter().enumerate() {
                    insert
                        .execute(params![id, int(i), int(j), value])
                        .map_err(at(table, id))?;
                }
            }
        }
        for (i, topic) in m.topics.iter().enumerate() {
            s.meeting_topics
                .execute(params![id, int(i), topic])
                .map_err(at("meeting_topics", id))?;
        }
        if let Some(c) = &m.coding {
            s.meeting_coding
                .execute(params![id, c.plover, c.mode, c.cameo])
                .map_err(at("meeting_coding", id))?;
            for (list, insert, table) in [
                (
                    &c.actors,
                    &mut s.meeting_coding_actors,
                    "meeting_coding_actors",
                ),
                (
                    &c.recipients,
                    &mut s.meeting_coding_recipients,
                    "meeting_coding_recipients",
                ),
            ] {
                for (i, person) in list.iter().enumerate() {
                    insert
                        .execute(params![id, int(i), person])
                        .map_err(at(table, id))?;
                }
            }
        }
        for (i, st) in m.statements.iter().enumerate() {
            let span = &st.evidence;
            s.statements
                .execute(params![
                    id,
                    int(i),
                    st.text,
                    span.document,
                    int(span.start),
                    int(span.end)
                ])
                .map_err(at("statements", id))?;
            for (j, person) in st.speakers.iter().enumerate() {
                s.statement_speakers
                    .execute(params![id, int(i), int(j), person])
                    .map_err(at("statement_speakers", id))?;
            }
        }
        for (i, e) in m.evidence.iter().enumerate() {
            s.evidence
                .execute(params![
                    id,
                    int(i),
                    e.field,
                    e.document,
                    int(e.start),
                    int(e.end),
                    e.text
                ])
                .map_err(at("evidence", id))?;
        }
        for (i, document) in m.sources.iter().enumerate() {
            s.meeting_sources
                .execute(params![id, int(i), document])
                .map_err(at("meeting_sources", id))?;
        }
    }
    Ok(())
}
