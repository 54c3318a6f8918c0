#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod write;

use readout_format::{
    Documents, Format, FormatError, MeetingStream, Meetings, Source, Target, write_target,
};
use readout_model::{Dataset, Document, FORMAT, Meeting, Person, Topic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use write::DocumentSource;

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
        // The meetings are handed over, to be dropped on the pool as they
        // are written rather than all at the end on this thread.
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
        write_target(to, |w| {
            to_writer_streamed(&head, meetings, documents, w).map_err(|e| e.at(to))
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
        // The meetings are handed over, to be dropped on the pool as they
        // are written rather than all at the end on this thread.
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
        write_target(to, |w| {
            to_jsonl_writer_streamed(&head, meetings, documents, w).map_err(|e| e.at(to))
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
pub fn to_writer<W: Write + ?Sized>(data: &Dataset, out: &mut W) -> std::io::Result<()> {
    let mut next = MeetingStream::new(&data.meetings, None);
    write::pretty(data, DocumentSource::Held(&data.documents), &mut next, out)
        .map_err(WriteError::into_io)
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
    out: &mut W,
) -> Result<(), WriteError> {
    let mut next = MeetingStream::new(&data.meetings, None);
    write::pretty(data, DocumentSource::Pulled(documents), &mut next, out)
}

/// Writes the dataset of `head`'s people and topics, the documents
/// `documents` gives (in the place of `head.documents`) and the meetings
/// of `head.meetings` followed by those `meetings` gives, one at a time, as
/// [`to_writer`] writes the whole dataset: the same bytes, with neither
/// the texts nor the meetings all in memory. Documents and meetings are
/// serialized on the rayon pool while this thread writes.
///
/// ```
/// let data = readout_testkit::synthetic(20, 3);
/// let mut head = data.clone();
/// let mut documents = std::mem::take(&mut head.documents);
/// let mut meetings = std::mem::take(&mut head.meetings).into_iter();
/// let (mut a, mut b) = (Vec::new(), Vec::new());
/// readout_json::to_writer(&data, &mut a).unwrap();
/// readout_json::to_writer_streamed(&head, &mut meetings, &mut documents, &mut b).unwrap();
/// assert_eq!(a, b);
/// ```
pub fn to_writer_streamed<W: Write + ?Sized>(
    head: &Dataset,
    meetings: &mut dyn Meetings,
    documents: &mut dyn Documents,
    out: &mut W,
) -> Result<(), WriteError> {
    let mut next = MeetingStream::new(&head.meetings, Some(meetings));
    write::pretty(head, DocumentSource::Pulled(documents), &mut next, out)
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
    /// Taking the next meeting failed.
    #[error(transparent)]
    Meetings(FormatError),
}

impl WriteError {
    /// The error as a [`FormatError`]; an output error is placed at `to`.
    pub fn at(self, to: &Target) -> FormatError {
        match self {
            WriteError::Io(e) => FormatError::io(to, e),
            WriteError::Documents(e) | WriteError::Meetings(e) => e,
        }
    }

    /// The error as an [`std::io::Error`], for the writers that return one.
    fn into_io(self) -> std::io::Error {
        match self {
            WriteError::Io(e) => e,
            other => std::io::Error::other(other),
        }
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
    let mut next = MeetingStream::new(&data.meetings, None);
    write::lines(data, DocumentSource::Held(&data.documents), &mut next, out)
        .map_err(WriteError::into_io)
}

/// Writes JSON Lines as [`to_jsonl_writer`] does for the dataset of
/// `head`'s people and topics, the documents `documents` gives (in the
/// place of `head.documents`) and the meetings of `head.meetings` followed
/// by those `meetings` gives, one at a time: the same bytes, with neither
/// the texts nor the meetings all in memory.
///
/// ```
/// let data = readout_testkit::synthetic(20, 3);
/// let mut head = data.clone();
/// let mut documents = std::mem::take(&mut head.documents);
/// let mut meetings = std::mem::take(&mut head.meetings).into_iter();
/// let (mut a, mut b) = (Vec::new(), Vec::new());
/// readout_json::to_jsonl_writer(&data, &mut a).unwrap();
/// readout_json::to_jsonl_writer_streamed(&head, &mut meetings, &mut documents, &mut b).unwrap();
/// assert_eq!(a, b);
/// ```
pub fn to_jsonl_writer_streamed<W: Write + ?Sized>(
    head: &Dataset,
    meetings: &mut dyn Meetings,
    documents: &mut dyn Documents,
    out: &mut W,
) -> Result<(), WriteError> {
    let mut next = MeetingStream::new(&head.meetings, Some(meetings));
    write::lines(head, DocumentSource::Pulled(documents), &mut next, out)
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

    /// Documents held as compact JSON, as a spool on disk holds them: read
    /// back by [`Documents::get_json`] for a writer to parse. The document
    /// numbered `broken` is held cut short.
    struct Spooled {
        ids: Vec<String>,
        json: Vec<Vec<u8>>,
    }

    impl Spooled {
        fn new(documents: &[Document], broken: Option<usize>) -> Self {
            Spooled {
                ids: documents.iter().map(|d| d.id.clone()).collect(),
                json: documents
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let mut json = serde_json::to_vec(d).unwrap();
                        if Some(i) == broken {
                            json.truncate(json.len() / 2);
                        }
                        json
                    })
                    .collect(),
            }
        }
    }

    impl Documents for Spooled {
        fn len(&self) -> usize {
            self.ids.len()
        }
        fn id(&self, i: usize) -> &str {
            &self.ids[i]
        }
        fn get(&mut self, i: usize) -> Result<Document, FormatError> {
            serde_json::from_slice(&self.json[i])
                .map_err(|e| FormatError::spool("spool", format!("document {i}: {e}")))
        }
        fn get_json(&mut self, i: usize, json: &mut Vec<u8>) -> Result<bool, FormatError> {
            json.extend_from_slice(&self.json[i]);
            Ok(true)
        }
    }

    /// Meetings given one at a time; taking the one numbered `fail_at` fails.
    struct Given<'a> {
        meetings: &'a [Meeting],
        taken: usize,
        fail_at: Option<usize>,
    }

    impl Meetings for Given<'_> {
        fn len(&self) -> usize {
            self.meetings.len().saturating_sub(self.taken)
        }
        fn next_meeting(&mut self) -> Result<Option<Meeting>, FormatError> {
            if Some(self.taken) == self.fail_at {
                return Err(FormatError::spool("meetings.tmp", "record cut short"));
            }
            let meeting = self.meetings.get(self.taken).cloned();
            self.taken += 1;
            Ok(meeting)
        }
    }

    fn given(meetings: &[Meeting], fail_at: Option<usize>) -> Given<'_> {
        Given {
            meetings,
            taken: 0,
            fail_at,
        }
    }

    /// JSON Lines as they were written before meetings were streamed: one
    /// `Line` a meeting, then the rest.
    fn reference_jsonl(data: &Dataset) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut docs_out, mut people_out, mut topics_out) =
            (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        for m in &data.meetings {
            let ids: BTreeSet<&String> = m
                .participants
                .iter()
                .map(|p| &p.person)
                .chain(m.statements.iter().flat_map(|s| &s.speakers))
                .collect();
            let line = Line {
                format: FORMAT.into(),
                meeting: Some(m.clone()),
                documents: data
                    .documents
                    .iter()
                    .filter(|d| m.sources.contains(&d.id))
                    .cloned()
                    .collect(),
                people: data
                    .people
                    .iter()
                    .filter(|p| ids.contains(&p.id))
                    .cloned()
                    .collect(),
                topics: data
                    .topics
                    .iter()
                    .filter(|t| m.topics.contains(&t.id))
                    .cloned()
                    .collect(),
            };
            docs_out.extend(line.documents.iter().map(|d| d.id.clone()));
            people_out.extend(line.people.iter().map(|p| p.id.clone()));
            topics_out.extend(line.topics.iter().map(|t| t.id.clone()));
            serde_json::to_writer(&mut out, &line).unwrap();
            out.push(b'\n');
        }
        let rest = Line {
            format: FORMAT.into(),
            meeting: None,
            documents: data
                .documents
                .iter()
                .filter(|d| !docs_out.contains(&d.id))
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
        let nothing_left =
            rest.documents.is_empty() && rest.people.is_empty() && rest.topics.is_empty();
        if data.meetings.is_empty() || !nothing_left {
            serde_json::to_writer(&mut out, &rest).unwrap();
            out.push(b'\n');
        }
        out
    }

    /// Every way of writing `data` as JSON and as JSON Lines gives the
    /// bytes of `serde_json` on the whole dataset (JSON) and of the
    /// line-by-line reference (JSON Lines).
    fn assert_every_writer_agrees(data: &Dataset) {
        let mut expected = serde_json::to_vec_pretty(data).unwrap();
        expected.push(b'\n');
        let expected_lines = reference_jsonl(data);
        let mut head = data.clone();
        let documents = std::mem::take(&mut head.documents);
        let meetings = std::mem::take(&mut head.meetings);
        // Some meetings in the head, the rest given one at a time.
        let mut split = head.clone();
        split.meetings = meetings[..meetings.len() / 3].to_vec();
        let split_rest = &meetings[meetings.len() / 3..];

        let mut out = Vec::new();
        to_writer(data, &mut out).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected)
        );
        let mut out = Vec::new();
        to_writer_with_documents(
            &Dataset {
                documents: vec![],
                ..data.clone()
            },
            &mut Spooled::new(&documents, None),
            &mut out,
        )
        .unwrap();
        assert_eq!(out, expected);
        for (head, rest) in [(&head, &meetings[..]), (&split, split_rest)] {
            let mut out = Vec::new();
            to_writer_streamed(
                head,
                &mut given(rest, None),
                &mut documents.clone(),
                &mut out,
            )
            .unwrap();
            assert_eq!(out, expected);
            let mut out = Vec::new();
            to_writer_streamed(
                head,
                &mut given(rest, None),
                &mut Spooled::new(&documents, None),
                &mut out,
            )
            .unwrap();
            assert_eq!(out, expected);
            let mut out = Vec::new();
            to_jsonl_writer_streamed(
                head,
                &mut given(rest, None),
                &mut Spooled::new(&documents, None),
                &mut out,
            )
            .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&expected_lines)
            );
        }
        let mut out = Vec::new();
        to_jsonl_writer(data, &mut out).unwrap();
        assert_eq!(out, expected_lines);
    }

    fn pools() -> Vec<rayon::ThreadPool> {
        [1, 2, 3]
            .into_iter()
            .map(|n| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn streamed_writes_give_the_bytes_of_the_whole_dataset() {
        let mut datasets = vec![Dataset::default(), sample()];
        for (meetings, seed) in [(1, 1), (7, 2), (300, 3), (2000, 4)] {
            datasets.push(readout_testkit::synthetic(meetings, seed));
        }
        // Documents no meeting refers to, for the last line of JSON Lines.
        let mut extra = readout_testkit::synthetic(500, 5);
        let lonely: Vec<Document> = (0..700)
            .map(|i| Document::new(Some(format!("lonely/{i}")), format!("Text {i} \u{e9}\"q\"")))
            .collect();
        extra.documents.extend(lonely);
        extra.canonicalize();
        datasets.push(extra);
        for pool in pools() {
            for data in &datasets {
                pool.install(|| assert_every_writer_agrees(data));
            }
        }
    }

    #[test]
    fn a_document_or_meeting_that_cannot_be_read_stops_the_write_with_its_error() {
        let data = readout_testkit::synthetic(1500, 9);
        let mut head = data.clone();
        let documents = std::mem::take(&mut head.documents);
        let meetings = std::mem::take(&mut head.meetings);
        for pool in pools() {
            pool.install(|| {
                let mut out = Vec::new();
                let err = to_writer_streamed(
                    &head,
                    &mut given(&meetings, None),
                    &mut Spooled::new(&documents, Some(700)),
                    &mut out,
                )
                .unwrap_err()
                .at(&Target::Stdout);
                assert!(
                    err.to_string().starts_with("spool: document 700: EOF"),
                    "{err}"
                );
                let err = to_writer_streamed(
                    &head,
                    &mut given(&meetings, Some(1000)),
                    &mut documents.clone(),
                    &mut out,
                )
                .unwrap_err();
                assert!(matches!(err, WriteError::Meetings(_)));
                assert_eq!(err.to_string(), "meetings.tmp: record cut short");
                let sources = data.meetings[5].sources.clone();
                let broken = documents.iter().position(|d| d.id == sources[0]).unwrap();
                let err = to_jsonl_writer_streamed(
                    &head,
                    &mut given(&meetings, None),
                    &mut Spooled::new(&documents, Some(broken)),
                    &mut out,
                )
                .unwrap_err()
                .to_string();
                assert!(
                    err.starts_with(&format!("spool: document {broken}: EOF")),
                    "{err}"
                );
                let err = to_jsonl_writer_streamed(
                    &head,
                    &mut given(&meetings, Some(3)),
                    &mut documents.clone(),
                    &mut out,
                )
                .unwrap_err()
                .to_string();
                assert_eq!(err, "meetings.tmp: record cut short");
            });
        }
    }

    proptest::proptest! {
        #[test]
        fn every_writer_agrees_on_arbitrary_datasets(data in readout_testkit::arb_dataset()) {
            assert_every_writer_agrees(&data);
        }
    }
}
