//! Reading a dataset back from a database.

use crate::{APPLICATION_ID, SCHEMA_VERSION, sql_error};
use readout_format::FormatError;
use readout_model::*;
use rusqlite::{Connection, Row};
use std::collections::HashMap;

/// Reads every table of the database in `conn`; `at` names it in errors.
pub(crate) fn read_connection(conn: &Connection, at: &str) -> Result<Dataset, FormatError> {
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| sql_error(at, e))?;
    let application: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| sql_error(at, e))?;
    if application != APPLICATION_ID {
        return Err(FormatError::invalid(
            at,
            "a SQLite database, but not a readout dataset (its application_id is not readout's)",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(FormatError::invalid(
            at,
            format!(
                "schema version {version} is newer than this readout reads ({SCHEMA_VERSION}); \
                 use a newer readout"
            ),
        ));
    }
    if version < 1 {
        return Err(FormatError::invalid(
            at,
            format!("unknown schema version {version}"),
        ));
    }
    let reader = Reader { conn, at };
    let data = reader.read()?;
    readout_format::validated(data, at)
}

struct Reader<'c> {
    conn: &'c Connection,
    at: &'c str,
}

/// An error from one table.
struct TableError {
    table: &'static str,
    message: String,
}

impl From<(&'static str, rusqlite::Error)> for TableError {
    fn from((table, e): (&'static str, rusqlite::Error)) -> Self {
        TableError {
            table,
            message: e.to_string(),
        }
    }
}

fn index(n: i64) -> rusqlite::Result<usize> {
    usize::try_from(n).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, n))
}

impl Reader<'_> {
    /// Runs `sql` and hands every row to `each`.
    fn each(
        &self,
        table: &'static str,
        sql: &str,
        mut each: impl FnMut(&Row<'_>) -> Result<(), TableError>,
    ) -> Result<(), TableError> {
        let wrap = |e| TableError::from((table, e));
        let mut stmt = self.conn.prepare(sql).map_err(wrap)?;
        let mut rows = stmt.query([]).map_err(wrap)?;
        while let Some(row) = rows.next().map_err(wrap)? {
            each(row)?;
        }
        Ok(())
    }

    fn read(&self) -> Result<Dataset, FormatError> {
        let at = self.at;
        self.read_tables()
            .map_err(|e| FormatError::invalid(at, format!("table {}: {}", e.table, e.message)))
    }

    fn read_tables(&self) -> Result<Dataset, TableError> {
        let mut data = Dataset::default();
        let missing = |table: &'static str, what: &str, id: &str| TableError {
            table,
            message: format!("no {what} {id:?}"),
        };

        let mut documents = HashMap::new();
        self.each(
            "documents",
            "SELECT id, path, sha256, outlet, headline, published, text FROM documents ORDER BY id",
            |r| {
                let d = (|| {
                    Ok::<_, rusqlite::Error>(Document {
                        id: r.get(0)?,
                        path: r.get(1)?,
                        sha256: r.get(2)?,
                        outlet: r.get(3)?,
                        headline: r.get(4)?,
                        published: r.get(5)?,
                        text: r.get(6)?,
                        evidence: Vec::new(),
                    })
                })()
                .map_err(|e| ("documents", e))?;
                documents.insert(d.id.clone(), data.documents.len());
                data.documents.push(d);
                Ok(())
            },
        )?;
        self.each(
            "document_evidence",
            "SELECT document, field, start, \"end\", text FROM document_evidence \
             ORDER BY document, ordinal",
            |r| {
                let t = "document_evidence";
                let document: String = r.get(0).map_err(|e| (t, e))?;
                let d = *documents
                    .get(&document)
                    .ok_or_else(|| missing(t, "document", &document))?;
                let e = Evidence {
                    field: r.get(1).map_err(|e| (t, e))?,
                    start: index(r.get(2).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                    end: index(r.get(3).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                    text: r.get(4).map_err(|e| (t, e))?,
                    document,
                };
                data.documents[d].evidence.push(e);
                Ok(())
            },
        )?;

        let mut people = HashMap::new();
        self.each(
            "people",
            "SELECT id, name, country, wikidata FROM people ORDER BY id",
            |r| {
                let t = "people";
                let p = Person {
                    id: r.get(0).map_err(|e| (t, e))?,
                    name: r.get(1).map_err(|e| (t, e))?,
                    aliases: Vec::new(),
                    country: r.get(2).map_err(|e| (t, e))?,
                    wikidata: r.get(3).map_err(|e| (t, e))?,
                };
                people.insert(p.id.clone(), data.people.len());
                data.people.push(p);
                Ok(())
            },
        )?;
        self.each(
            "person_aliases",
            "SELECT person, alias FROM person_aliases ORDER BY person, ordinal",
            |r| {
                let t = "person_aliases";
                let person = r
                    .get_ref(0)
                    .and_then(|v| Ok(v.as_str()?))
                    .map_err(|e| (t, e))?;
                let p = *people
                    .get(person)
                    .ok_or_else(|| missing(t, "person", person))?;
                data.people[p].aliases.push(r.get(1).map_err(|e| (t, e))?);
                Ok(())
            },
        )?;

        self.each(
            "topics",
            "SELECT id, label, kind FROM topics ORDER BY id",
            |r| {
                let t = "topics";
                let kind: String = r.get(2).map_err(|e| (t, e))?;
                data.topics.push(Topic {
                    id: r.get(0).map_err(|e| (t, e))?,
                    label: r.get(1).map_err(|e| (t, e))?,
                    kind: TopicKind::from_name(&kind).ok_or_else(|| TableError {
                        table: t,
                        message: format!("unknown topic kind {kind:?}"),
                    })?,
                });
                Ok(())
            },
        )?;

        let mut meetings = HashMap::new();
        self.each(
            "meetings",
            "SELECT id, date, date_basis, kind, city, region, country, occasion \
             FROM meetings ORDER BY date, id",
            |r| {
                let t = "meetings";
                let kind: String = r.get(3).map_err(|e| (t, e))?;
                let basis: Option<String> = r.get(2).map_err(|e| (t, e))?;
                let m = Meeting {
                    id: r.get(0).map_err(|e| (t, e))?,
                    date: r.get(1).map_err(|e| (t, e))?,
                    date_basis: match basis {
                        None => None,
                        Some(b) => Some(DateBasis::from_name(&b).ok_or_else(|| TableError {
                            table: t,
                            message: format!("unknown date basis {b:?}"),
                        })?),
                    },
                    kind: MeetingKind::from_name(&kind).ok_or_else(|| TableError {
                        table: t,
                        message: format!("unknown meeting kind {kind:?}"),
                    })?,
                    place: Place {
                        city: r.get(4).map_err(|e| (t, e))?,
                        region: r.get(5).map_err(|e| (t, e))?,
                        country: r.get(6).map_err(|e| (t, e))?,
                    },
                    occasion: r.get(7).map_err(|e| (t, e))?,
                    participants: Vec::new(),
                    topics: Vec::new(),
                    coding: None,
                    statements: Vec::new(),
                    sources: Vec::new(),
                    evidence: Vec::new(),
                };
                meetings.insert(m.id.clone(), data.meetings.len());
                data.meetings.push(m);
                Ok(())
            },
        )?;
        let meeting = |t: &'static str, r: &Row<'_>| -> Result<usize, TableError> {
            let id = r
                .get_ref(0)
                .and_then(|v| Ok(v.as_str()?))
                .map_err(|e| (t, e))?;
            meetings
                .get(id)
                .copied()
                .ok_or_else(|| missing(t, "meeting", id))
        };

        let mut participants = HashMap::new();
        self.each(
            "participants",
            "SELECT meeting, ordinal, person, country FROM participants ORDER BY meeting, ordinal",
            |r| {
                let t = "participants";
                let m = meeting(t, r)?;
                let ordinal: i64 = r.get(1).map_err(|e| (t, e))?;
                participants.insert((m, ordinal), data.meetings[m].participants.len());
                data.meetings[m].participants.push(Participant {
                    person: r.get(2).map_err(|e| (t, e))?,
                    country: r.get(3).map_err(|e| (t, e))?,
                    roles: Vec::new(),
                    titles_as_written: Vec::new(),
                    notes: Vec::new(),
                });
                Ok(())
            },
        )?;
        for (t, column) in [
            ("participant_roles", "role"),
            ("participant_titles", "title"),
            ("participant_notes", "note"),
        ] {
            self.each(
                t,
                &format!(
                    "SELECT meeting, participant, {column} FROM {t} \
                     ORDER BY meeting, participant, ordinal"
                ),
                |r| {
                    let m = meeting(t, r)?;
                    let ordinal: i64 = r.get(1).map_err(|e| (t, e))?;
                    let p = *participants.get(&(m, ordinal)).ok_or_else(|| TableError {
                        table: t,
                        message: format!(
                            "meeting {:?} has no participant {ordinal}",
                            data.meetings[m].id
                        ),
                    })?;
                    let value: String = r.get(2).map_err(|e| (t, e))?;
                    let participant = &mut data.meetings[m].participants[p];
                    match column {
                        "role" => participant.roles.push(value),
                        "title" => participant.titles_as_written.push(value),
                        _ => participant.notes.push(value),
                    }
                    Ok(())
                },
            )?;
        }

        self.each(
            "meeting_topics",
            "SELECT meeting, topic FROM meeting_topics ORDER BY meeting, ordinal",
            |r| {
                let t = "meeting_topics";
                let m = meeting(t, r)?;
                data.meetings[m].topics.push(r.get(1).map_err(|e| (t, e))?);
                Ok(())
            },
        )?;
        self.each(
            "meeting_coding",
            "SELECT meeting, plover, mode, cameo FROM meeting_coding",
            |r| {
                let t = "meeting_coding";
                let m = meeting(t, r)?;
                data.meetings[m].coding = Some(Coding {
                    plover: r.get(1).map_err(|e| (t, e))?,
                    mode: r.get(2).map_err(|e| (t, e))?,
                    cameo: r.get(3).map_err(|e| (t, e))?,
                    actors: Vec::new(),
                    recipients: Vec::new(),
                });
                Ok(())
            },
        )?;
        for (t, actors) in [
            ("meeting_coding_actors", true),
            ("meeting_coding_recipients", false),
        ] {
            self.each(
                t,
                &format!("SELECT meeting, person FROM {t} ORDER BY meeting, ordinal"),
                |r| {
                    let m = meeting(t, r)?;
                    let person: String = r.get(1).map_err(|e| (t, e))?;
                    let meeting = &mut data.meetings[m];
                    let Some(coding) = &mut meeting.coding else {
                        return Err(TableError {
                            table: t,
                            message: format!("meeting {:?} has no coding", meeting.id),
                        });
                    };
                    if actors {
                        coding.actors.push(person);
                    } else {
                        coding.recipients.push(person);
                    }
                    Ok(())
                },
            )?;
        }

        let mut statements = HashMap::new();
        self.each(
            "statements",
            "SELECT meeting, ordinal, text, document, start, \"end\" FROM statements \
             ORDER BY meeting, ordinal",
            |r| {
                let t = "statements";
                let m = meeting(t, r)?;
                let ordinal: i64 = r.get(1).map_err(|e| (t, e))?;
                statements.insert((m, ordinal), data.meetings[m].statements.len());
                data.meetings[m].statements.push(Statement {
                    speakers: Vec::new(),
                    text: r.get(2).map_err(|e| (t, e))?,
                    evidence: Span {
                        document: r.get(3).map_err(|e| (t, e))?,
                        start: index(r.get(4).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                        end: index(r.get(5).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                    },
                });
                Ok(())
            },
        )?;
        self.each(
            "statement_speakers",
            "SELECT meeting, statement, person FROM statement_speakers \
             ORDER BY meeting, statement, ordinal",
            |r| {
                let t = "statement_speakers";
                let m = meeting(t, r)?;
                let ordinal: i64 = r.get(1).map_err(|e| (t, e))?;
                let s = *statements.get(&(m, ordinal)).ok_or_else(|| TableError {
                    table: t,
                    message: format!(
                        "meeting {:?} has no statement {ordinal}",
                        data.meetings[m].id
                    ),
                })?;
                data.meetings[m].statements[s]
                    .speakers
                    .push(r.get(2).map_err(|e| (t, e))?);
                Ok(())
            },
        )?;
        self.each(
            "evidence",
            "SELECT meeting, field, document, start, \"end\", text FROM evidence \
             ORDER BY meeting, ordinal",
            |r| {
                let t = "evidence";
                let m = meeting(t, r)?;
                data.meetings[m].evidence.push(Evidence {
                    field: r.get(1).map_err(|e| (t, e))?,
                    document: r.get(2).map_err(|e| (t, e))?,
                    start: index(r.get(3).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                    end: index(r.get(4).map_err(|e| (t, e))?).map_err(|e| (t, e))?,
                    text: r.get(5).map_err(|e| (t, e))?,
                });
                Ok(())
            },
        )?;
        self.each(
            "meeting_sources",
            "SELECT meeting, document FROM meeting_sources ORDER BY meeting, ordinal",
            |r| {
                let t = "meeting_sources";
                let m = meeting(t, r)?;
                data.meetings[m].sources.push(r.get(1).map_err(|e| (t, e))?);
                Ok(())
            },
        )?;

        data.canonicalize();
        Ok(data)
    }
}
