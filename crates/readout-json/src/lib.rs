#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use readout_format::{Documents, Format, FormatError, Source, Target, write_target};
use readout_model::{Dataset, Document, FORMAT, Meeting, Person, Topic};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::cell::RefCell;
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
    fn write_with_documents(
        &self,
        data: Dataset,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        write_target(to, |w| {
            to_writer_with_documents(&data, documents, w).map_err(|e| e.at(to))
        })
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
    fn write_with_documents(
        &self,
        data: Dataset,
        documents: &mut dyn Documents,
        to: &Target,
    ) -> Result<(), FormatError> {
        write_target(to, |w| jsonl(&data, documents, w).map_err(|e| e.at(to)))
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

/// Writes `data` as [`to_writer`] does, with the documents `documents`
/// gives in the place of `data.documents`, read one at a time: the same
/// bytes, without the texts all in memory.
///
/// ```
/// let doc = readout_model::Document::new(Some("a.txt".into()), "Text.".into());
/// let mut whole = readout_model::Dataset::default();
/// whole.documents.push(doc.clone());
/// let (mut a, mut b) = (Vec::new(), Vec::new());
/// readout_json::to_writer(&whole, &mut a).unwrap();
/// readout_json::to_writer_with_documents(&readout_model::Dataset::default(), &mut vec![doc], &mut b)
///     .unwrap();
/// assert_eq!(a, b);
/// ```
pub fn to_writer_with_documents<W: Write + ?Sized>(
    data: &Dataset,
    documents: &mut dyn Documents,
    mut out: &mut W,
) -> Result<(), WriteError> {
    let all: Vec<usize> = (0..documents.len()).collect();
    let view = DatasetView {
        data,
        documents: Pulled::new(documents, all),
    };
    let written = serde_json::to_writer_pretty(&mut out, &view);
    view.documents.finish(written)?;
    out.write_all(b"\n").map_err(WriteError::Io)
}

/// Why a dataset could not be written with its documents read one at a time.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// Writing the output failed.
    #[error(transparent)]
    Io(std::io::Error),
    /// Reading a document back failed.
    #[error(transparent)]
    Documents(FormatError),
}

impl WriteError {
    /// The error as a [`FormatError`]; an output error is placed at `to`.
    pub fn at(self, to: &Target) -> FormatError {
        match self {
            WriteError::Io(e) => FormatError::io(to, e),
            WriteError::Documents(e) => e,
        }
    }
}

/// Documents pulled from a [`Documents`] while serializing, by index, in
/// the order given. A document that cannot be read stops serialization;
/// its error is kept to be reported as it is.
struct Pulled<'d, D: Documents + ?Sized> {
    documents: RefCell<&'d mut D>,
    indexes: Vec<usize>,
    error: RefCell<Option<FormatError>>,
}

impl<'d, D: Documents + ?Sized> Pulled<'d, D> {
    fn new(documents: &'d mut D, indexes: Vec<usize>) -> Self {
        Pulled {
            documents: RefCell::new(documents),
            indexes,
            error: RefCell::new(None),
        }
    }

    /// The result of a serialization that pulled from `self`: a document's
    /// own error before the serializer's.
    fn finish(&self, written: serde_json::Result<()>) -> Result<(), WriteError> {
        if let Some(e) = self.error.borrow_mut().take() {
            return Err(WriteError::Documents(e));
        }
        written.map_err(|e| WriteError::Io(e.into()))
    }
}

impl<D: Documents + ?Sized> Serialize for Pulled<'_, D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.indexes.len()))?;
        let mut documents = self.documents.borrow_mut();
        for &i in &self.indexes {
            match documents.get(i) {
                Ok(document) => seq.serialize_element(&document)?,
                Err(e) => {
                    let message = e.to_string();
                    *self.error.borrow_mut() = Some(e);
                    return Err(serde::ser::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

/// A dataset whose documents are pulled as it is serialized; the same
/// fields in the same order as [`Dataset`].
struct DatasetView<'a, 'd, D: Documents + ?Sized> {
    data: &'a Dataset,
    documents: Pulled<'d, D>,
}

impl<D: Documents + ?Sized> Serialize for DatasetView<'_, '_, D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Dataset", 5)?;
        s.serialize_field("format", &self.data.format)?;
        s.serialize_field("documents", &self.documents)?;
        s.serialize_field("people", &self.data.people)?;
        s.serialize_field("topics", &self.data.topics)?;
        s.serialize_field("meetings", &self.data.meetings)?;
        s.end()
    }
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
    readout_format::validated(data, location)
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
pub fn to_jsonl_writer<W: Write + ?Sized>(data: &Dataset, out: &mut W) -> std::io::Result<()> {
    let mut documents = Borrowed(&data.documents);
    jsonl(data, &mut documents, out).map_err(|e| match e {
        WriteError::Io(e) => e,
        WriteError::Documents(e) => std::io::Error::other(e),
    })
}

/// The documents of a dataset in memory, cloned one at a time.
struct Borrowed<'a>(&'a [Document]);

impl Documents for Borrowed<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.0[i].id
    }
    fn get(&mut self, i: usize) -> Result<Document, FormatError> {
        Ok(self.0[i].clone())
    }
}

/// One line of the JSON Lines output; the same fields in the same order as [`Line`].
#[derive(Serialize)]
#[serde(bound = "")]
struct LineOut<'a, 'd, D: Documents + ?Sized> {
    format: &'a str,
    meeting: Option<&'a Meeting>,
    documents: Pulled<'d, D>,
    people: Vec<&'a Person>,
    topics: Vec<&'a Topic>,
}

/// [`to_jsonl_writer`] over documents read one at a time (`data.documents`
/// is not read).
fn jsonl<W: Write + ?Sized>(
    data: &Dataset,
    documents: &mut dyn Documents,
    mut out: &mut W,
) -> Result<(), WriteError> {
    // The documents by id, to find a meeting's sources.
    let mut by_id: Vec<usize> = (0..documents.len()).collect();
    by_id.sort_by(|a, b| documents.id(*a).cmp(documents.id(*b)));
    let mut documents_out = vec![false; documents.len()];
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
        // In the order of the documents, as every list of the dataset.
        let mut sources: Vec<usize> = meeting
            .sources
            .iter()
            .filter_map(|id| {
                by_id
                    .binary_search_by(|i| documents.id(*i).cmp(id.as_str()))
                    .ok()
                    .map(|k| by_id[k])
            })
            .collect();
        sources.sort_unstable();
        sources.dedup();
        for &i in &sources {
            documents_out[i] = true;
        }
        let line = LineOut {
            format: FORMAT,
            meeting: Some(meeting),
            documents: Pulled::new(&mut *documents, sources),
            people: data
                .people
                .iter()
                .filter(|p| people.contains(p.id.as_str()))
                .collect(),
            topics: data
                .topics
                .iter()
                .filter(|t| meeting.topics.contains(&t.id))
                .collect(),
        };
        people_out.extend(line.people.iter().map(|p| p.id.as_str()));
        topics_out.extend(line.topics.iter().map(|t| t.id.as_str()));
        let written = serde_json::to_writer(&mut out, &line);
        line.documents.finish(written)?;
        out.write_all(b"\n").map_err(WriteError::Io)?;
        lines += 1;
    }
    let rest: Vec<usize> = (0..documents.len())
        .filter(|i| !documents_out[*i])
        .collect();
    let people: Vec<&Person> = data
        .people
        .iter()
        .filter(|p| !people_out.contains(p.id.as_str()))
        .collect();
    let topics: Vec<&Topic> = data
        .topics
        .iter()
        .filter(|t| !topics_out.contains(t.id.as_str()))
        .collect();
    if lines == 0 || !rest.is_empty() || !people.is_empty() || !topics.is_empty() {
        let line = LineOut {
            format: FORMAT,
            meeting: None,
            documents: Pulled::new(documents, rest),
            people,
            topics,
        };
        let written = serde_json::to_writer(&mut out, &line);
        line.documents.finish(written)?;
        out.write_all(b"\n").map_err(WriteError::Io)?;
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
