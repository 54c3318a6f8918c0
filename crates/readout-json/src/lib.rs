#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use readout_format::{Format, FormatError, Source, Target, write_target};
use readout_model::{Dataset, Document, FORMAT, Meeting, Person, Topic, validate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{BufRead, Write};

/// `readout/1` as one pretty-printed JSON document.
#[derive(Debug, Default, Clone, Copy)]
pub struct Json;

/// `readout/1` as JSON Lines: one meeting a line, with its documents, people
/// and topics inlined, for tools that stream.
#[derive(Debug, Default, Clone, Copy)]
pub struct JsonLines;

impl Format for Json {
    fn name(&self) -> &'static str {
        "json"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }
    fn media_type(&self) -> &'static str {
        "application/json"
    }
    fn description(&self) -> &'static str {
        "readout/1 JSON, the interchange contract (pretty-printed)"
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        write_target(to, |w| {
            to_writer(data, w).map_err(|e| FormatError::io(to, e))
        })
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        from_slice(&from.read_bytes()?, &from.to_string())
    }
}

impl Format for JsonLines {
    fn name(&self) -> &'static str {
        "jsonl"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["jsonl", "ndjson"]
    }
    fn media_type(&self) -> &'static str {
        "application/jsonl"
    }
    fn description(&self) -> &'static str {
        "JSON Lines: one meeting a line with its people, topics and documents inlined"
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        write_target(to, |w| {
            to_jsonl_writer(data, w).map_err(|e| FormatError::io(to, e))
        })
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        let bytes = from.read_bytes()?;
        from_jsonl_reader(bytes.as_slice(), &from.to_string())
    }
}

/// Writes `data` as pretty-printed `readout/1` JSON, with a final newline.
///
/// ```
/// let mut out = Vec::new();
/// readout_json::to_writer(&readout_model::Dataset::default(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("{\n  \"format\": \"readout/1\""));
/// ```
pub fn to_writer<W: Write + ?Sized>(data: &Dataset, mut out: &mut W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, data)?;
    out.write_all(b"\n")
}

#[derive(Deserialize)]
struct Probe {
    format: Option<serde_json::Value>,
}

/// Reads `readout/1` JSON. `location` names the input in errors.
///
/// Rejects a `format` other than `readout/1`, and a dataset whose references
/// or spans do not hold (see [`readout_model::validate`]).
///
/// ```
/// let data = readout_json::from_slice(br#"{"format":"readout/1","documents":[],"people":[],"topics":[],"meetings":[]}"#, "x.json").unwrap();
/// assert!(data.meetings.is_empty());
/// let err = readout_json::from_slice(br#"{"format":"other/2"}"#, "x.json").unwrap_err();
/// assert_eq!(err.to_string(), r#"x.json: unknown format "other/2", expected "readout/1""#);
/// ```
pub fn from_slice(bytes: &[u8], location: &str) -> Result<Dataset, FormatError> {
    match serde_json::from_slice::<Dataset>(bytes) {
        Ok(data) => finish(data, location),
        Err(e) => {
            // Say "wrong format" rather than "missing field" when the input is
            // JSON of some other kind.
            if let Ok(Probe { format }) = serde_json::from_slice::<Probe>(bytes) {
                check_format(format.as_ref(), location)?;
            }
            Err(FormatError::syntax(
                format!("{location}:{}:{}", e.line(), e.column()),
                e.to_string(),
            ))
        }
    }
}

fn check_format(format: Option<&serde_json::Value>, location: &str) -> Result<(), FormatError> {
    match format {
        Some(serde_json::Value::String(s)) if s == FORMAT => Ok(()),
        Some(serde_json::Value::String(s)) => Err(FormatError::invalid(
            location,
            format!("unknown format {s:?}, expected {FORMAT:?}"),
        )),
        Some(other) => Err(FormatError::invalid(
            location,
            format!("unknown format {other}, expected {FORMAT:?}"),
        )),
        None => Err(FormatError::invalid(
            location,
            format!("no \"format\" field, expected {FORMAT:?}"),
        )),
    }
}

fn finish(mut data: Dataset, location: &str) -> Result<Dataset, FormatError> {
    check_format(
        Some(&serde_json::Value::String(data.format.clone())),
        location,
    )?;
    data.canonicalize();
    let problems = validate(&data);
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more problems)", n - 1),
        };
        return Err(FormatError::invalid(location, format!("{first}{more}")));
    }
    Ok(data)
}

#[derive(Serialize, Deserialize)]
struct Line {
    format: String,
    meeting: Option<Meeting>,
    documents: Vec<Document>,
    people: Vec<Person>,
    topics: Vec<Topic>,
}

/// Writes `data` as JSON Lines: one line a meeting, holding the meeting and
/// the documents, people and topics it refers to; then, if anything is left
/// that no meeting refers to, one line with no meeting that holds the rest.
///
/// ```
/// let mut out = Vec::new();
/// readout_json::to_jsonl_writer(&readout_model::Dataset::default(), &mut out).unwrap();
/// let back = readout_json::from_jsonl_reader(out.as_slice(), "-").unwrap();
/// assert_eq!(back, readout_model::Dataset::default());
/// ```
pub fn to_jsonl_writer<W: Write + ?Sized>(data: &Dataset, mut out: &mut W) -> std::io::Result<()> {
    let mut documents_out = BTreeSet::new();
    let mut people_out = BTreeSet::new();
    let mut topics_out = BTreeSet::new();
    let mut lines = 0;
    for meeting in &data.meetings {
        let people: BTreeSet<&str> = meeting
            .participants
            .iter()
            .map(|p| p.person.as_str())
            .chain(
                meeting
                    .statements
                    .iter()
                    .flat_map(|s| s.speakers.iter().map(String::as_str)),
            )
            .collect();
        let line = Line {
            format: FORMAT.to_owned(),
            meeting: Some(meeting.clone()),
            documents: data
                .documents
                .iter()
                .filter(|d| meeting.sources.contains(&d.id))
                .cloned()
                .collect(),
            people: data
                .people
                .iter()
                .filter(|p| people.contains(p.id.as_str()))
                .cloned()
                .collect(),
            topics: data
                .topics
                .iter()
                .filter(|t| meeting.topics.contains(&t.id))
                .cloned()
                .collect(),
        };
        documents_out.extend(line.documents.iter().map(|d| d.id.clone()));
        people_out.extend(line.people.iter().map(|p| p.id.clone()));
        topics_out.extend(line.topics.iter().map(|t| t.id.clone()));
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        lines += 1;
    }
    let rest = Line {
        format: FORMAT.to_owned(),
        meeting: None,
        documents: data
            .documents
            .iter()
            .filter(|d| !documents_out.contains(&d.id))
            .cloned()
            .collect(),
        people: data
            .people
            .iter()
            .filter(|p| !people_out.contains(&p.id))
            .cloned()
            .collect(),
        topics: data
            .topics
            .iter()
            .filter(|t| !topics_out.contains(&t.id))
            .cloned()
            .collect(),
    };
    if lines == 0
        || !rest.documents.is_empty()
        || !rest.people.is_empty()
        || !rest.topics.is_empty()
    {
        serde_json::to_writer(&mut out, &rest)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads JSON Lines written by [`to_jsonl_writer`], line by line; documents,
/// people and topics repeated on several lines are kept once.
pub fn from_jsonl_reader<R: BufRead>(reader: R, location: &str) -> Result<Dataset, FormatError> {
    let mut data = Dataset::default();
    let mut documents = BTreeSet::new();
    let mut people = BTreeSet::new();
    let mut topics = BTreeSet::new();
    for (n, line) in reader.lines().enumerate() {
        let at = format!("{location}:{}", n + 1);
        let line = line.map_err(|e| FormatError::io(&at, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = match serde_json::from_str(&line) {
            Ok(l) => l,
            Err(e) => {
                if let Ok(Probe { format }) = serde_json::from_str::<Probe>(&line) {
                    check_format(format.as_ref(), &at)?;
                }
                return Err(FormatError::syntax(
                    format!("{at}:{}", e.column()),
                    e.to_string(),
                ));
            }
        };
        check_format(Some(&serde_json::Value::String(parsed.format)), &at)?;
        data.meetings.extend(parsed.meeting);
        for d in parsed.documents {
            if documents.insert(d.id.clone()) {
                data.documents.push(d);
            }
        }
        for p in parsed.people {
            if people.insert(p.id.clone()) {
                data.people.push(p);
            }
        }
        for t in parsed.topics {
            if topics.insert(t.id.clone()) {
                data.topics.push(t);
            }
        }
    }
    finish(data, location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_model::*;

    fn sample() -> Dataset {
        let doc = Document::new(
            Some("a \"quoted\".txt".into()),
            "Ванг И met Lavrov,\n\"there\".".into(),
        );
        let lonely = Document::new(Some("b.txt".into()), "No meeting here.".into());
        let person = |id: &str, name: &str| Person {
            id: id.into(),
            name: name.into(),
            aliases: vec![],
            country: None,
            wikidata: None,
        };
        let meeting = Meeting {
            id: "undated-a-b-meeting".into(),
            date: None,
            date_basis: None,
            kind: MeetingKind::Meeting,
            place: Place::default(),
            occasion: None,
            participants: ["a", "b"]
                .iter()
                .map(|id| Participant {
                    person: (*id).into(),
                    country: None,
                    roles: vec![],
                    titles_as_written: vec![],
                    notes: vec![],
                })
                .collect(),
            topics: vec!["un".into()],
            coding: None,
            statements: vec![],
            sources: vec![doc.id.clone()],
            evidence: vec![],
        };
        let mut data = Dataset {
            documents: vec![doc, lonely],
            people: vec![person("a", "A"), person("b", "B"), person("c", "C")],
            topics: vec![Topic {
                id: "un".into(),
                label: "United Nations".into(),
                kind: TopicKind::Organization,
            }],
            meetings: vec![meeting],
            ..Dataset::default()
        };
        data.canonicalize();
        data
    }

    #[test]
    fn json_round_trips_to_the_same_bytes() {
        let data = sample();
        let mut first = Vec::new();
        to_writer(&data, &mut first).unwrap();
        let back = from_slice(&first, "mem").unwrap();
        assert_eq!(back, data);
        let mut second = Vec::new();
        to_writer(&back, &mut second).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn jsonl_round_trips_including_unreferenced_records() {
        let data = sample();
        let mut out = Vec::new();
        to_jsonl_writer(&data, &mut out).unwrap();
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 2);
        assert_eq!(from_jsonl_reader(out.as_slice(), "mem").unwrap(), data);
    }

    #[test]
    fn errors_name_the_place() {
        let err =
            from_slice(b"{\"format\": \"readout/1\",\n \"documents\": [", "t.json").unwrap_err();
        assert!(err.to_string().starts_with("t.json:2:"), "{err}");
        let err = from_slice(br#"{"format": 2}"#, "t.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"t.json: unknown format 2, expected "readout/1""#
        );
        let err = from_jsonl_reader(&b"\n{\"format\":\"x\"}\n"[..], "t.jsonl").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"t.jsonl:2: unknown format "x", expected "readout/1""#
        );
    }

    #[test]
    fn dangling_references_are_rejected() {
        let mut data = sample();
        data.meetings[0].topics.push("nowhere".into());
        let mut out = Vec::new();
        to_writer(&data, &mut out).unwrap();
        let err = from_slice(&out, "t.json").unwrap_err();
        assert!(err.to_string().contains("no topic nowhere"), "{err}");
    }
}
