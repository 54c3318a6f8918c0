//! Writing `readout/1` JSON and JSON Lines: documents and meetings are
//! taken one at a time and serialized on the rayon pool, in chunks, while
//! the calling thread writes the chunks already serialized, in order. The
//! frame around them (the dataset object, the lists' brackets and commas)
//! is written here with the bytes `serde_json`'s pretty printer gives it,
//! so the output is that of `serde_json::to_writer_pretty` on the whole
//! dataset (the tests hold the two equal).

use crate::WriteError;
use readout_format::{Documents, FormatError, MeetingStream, map_in_order, unreadable_document};
use readout_model::{Dataset, Document, FORMAT, Meeting, Person, Topic};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Mutex;

/// Documents serialized together, as one task of the pool (about 1 KB
/// each); their output is one piece, written at once.
const DOCUMENTS_PER_BATCH: usize = 64;
/// Meetings serialized together (about 4 KB each).
const MEETINGS_PER_BATCH: usize = 16;
/// Batches to a task of the pool.
const BATCHES_PER_CHUNK: usize = 1;

/// Where the documents of a dataset being written come from.
pub(crate) enum DocumentSource<'a> {
    /// The dataset's own, in memory.
    Held(&'a [Document]),
    /// A source that reads them one at a time.
    Pulled(&'a mut dyn Documents),
}

/// Documents taken to be serialized together: borrowed, read whole, or,
/// where the source holds them as JSON, their JSON end to end in one
/// buffer, to parse on the pool.
#[derive(Default)]
struct DocumentBatch<'a> {
    json: Vec<u8>,
    documents: Vec<Taken<'a>>,
}

enum Taken<'a> {
    Held(&'a Document),
    Whole(Document),
    /// The JSON of the document numbered `.0`, in `json[.1]`.
    Json(usize, Range<usize>),
}

impl<'a> DocumentSource<'a> {
    fn len(&self) -> usize {
        match self {
            DocumentSource::Held(documents) => documents.len(),
            DocumentSource::Pulled(documents) => documents.len(),
        }
    }

    fn id(&self, i: usize) -> &str {
        match self {
            DocumentSource::Held(documents) => &documents[i].id,
            DocumentSource::Pulled(documents) => documents.id(i),
        }
    }

    /// Adds document `i` to `batch`.
    fn take_into(&mut self, i: usize, batch: &mut DocumentBatch<'a>) -> Result<(), WriteError> {
        match self {
            DocumentSource::Held(documents) => {
                let documents: &'a [Document] = documents;
                batch.documents.push(Taken::Held(&documents[i]));
            }
            DocumentSource::Pulled(documents) => {
                let start = batch.json.len();
                if documents
                    .get_json(i, &mut batch.json)
                    .map_err(WriteError::Documents)?
                {
                    batch
                        .documents
                        .push(Taken::Json(i, start..batch.json.len()));
                } else {
                    batch.json.truncate(start);
                    let document = documents.get(i).map_err(WriteError::Documents)?;
                    batch.documents.push(Taken::Whole(document));
                }
            }
        }
        Ok(())
    }

    /// Why document `i` could not be parsed.
    fn unreadable(&mut self, i: usize) -> WriteError {
        WriteError::Documents(match self {
            DocumentSource::Held(documents) => FormatError::spool(
                format!("document {}", documents[i].id),
                "its JSON does not read back",
            ),
            DocumentSource::Pulled(documents) => unreadable_document(&mut **documents, i),
        })
    }
}

impl DocumentBatch<'_> {
    /// The documents, parsed where they are JSON. `Unparsed(i)`: the JSON
    /// of document `i` does not parse.
    fn parsed(&self) -> Result<Vec<Cow<'_, Document>>, Failed> {
        self.documents
            .iter()
            .map(|taken| match taken {
                Taken::Held(document) => Ok(Cow::Borrowed(*document)),
                Taken::Whole(document) => Ok(Cow::Borrowed(document)),
                Taken::Json(i, range) => serde_json::from_slice(&self.json[range.clone()])
                    .map(Cow::Owned)
                    .map_err(|_| Failed::Unparsed(*i)),
            })
            .collect()
    }
}

/// Buffers passed back and forth between the writing thread and the pool,
/// so that neither frees what the other allocated: with the system's
/// allocator that takes a lock on the other thread's heap, and sorting out
/// its free lists, for every buffer.
struct Spares<T>(Mutex<Vec<Vec<T>>>);

impl<T> Default for Spares<T> {
    fn default() -> Self {
        Spares(Mutex::new(Vec::new()))
    }
}

impl<T> Spares<T> {
    /// An empty buffer, with room where one is spare.
    fn take(&self) -> Vec<T> {
        self.0
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_default()
    }

    /// Keeps `buffer` for [`Spares::take`].
    fn give(&self, mut buffer: Vec<T>) {
        buffer.clear();
        if let Ok(mut spare) = self.0.lock() {
            // Two tasks a thread are in flight at most: more than this is
            // never asked for.
            if spare.len() < 256 {
                spare.push(buffer);
            }
        }
    }
}

/// Why serializing a batch failed on the pool.
enum Failed {
    /// The JSON of this document does not parse.
    Unparsed(usize),
    Io(io::Error),
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Failed::Io(e)
    }
}

impl Failed {
    fn into_write_error(self, documents: &RefCell<DocumentSource<'_>>) -> WriteError {
        match self {
            Failed::Unparsed(i) => documents.borrow_mut().unreadable(i),
            Failed::Io(e) => WriteError::Io(e),
        }
    }
}

/// A pretty printer that starts `depth` levels in, so that a value
/// serialized alone gets the bytes it has inside the whole dataset.
fn formatter_at(depth: usize) -> PrettyFormatter<'static> {
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        // Only the depth is kept: the bracket goes nowhere.
        let _ = formatter.begin_array(&mut io::sink());
    }
    formatter
}

/// `value` as pretty JSON `depth` levels in, appended to `out`.
fn pretty_at<T: Serialize + ?Sized>(value: &T, depth: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter_at(depth));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// Appends an element of one of the dataset's lists, with the comma and
/// the indentation before it, as the pretty printer writes it.
fn pretty_element<T: Serialize>(value: &T, first: bool, out: &mut Vec<u8>) -> io::Result<()> {
    out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    pretty_at(value, 2, out)
}

/// Appends an element of a compact list, with the comma before it.
fn compact_element<T: Serialize>(value: &T, first: bool, out: &mut Vec<u8>) -> io::Result<()> {
    if !first {
        out.push(b',');
    }
    serde_json::to_writer(out, value).map_err(io::Error::from)
}

/// Writes every document of `documents` whose number `wanted` gives, in
/// that order, each as `element` makes it; returns how many.
fn write_documents<W: Write + ?Sized>(
    spares: &Spares<u8>,
    documents: &RefCell<DocumentSource<'_>>,
    wanted: impl Iterator<Item = usize>,
    element: fn(&Document, bool, &mut Vec<u8>) -> io::Result<()>,
    out: &mut W,
) -> Result<usize, WriteError> {
    let mut wanted = wanted.peekable();
    let mut taken = 0;
    let lists = Spares::default();
    map_in_order(
        BATCHES_PER_CHUNK,
        || {
            if wanted.peek().is_none() {
                return Ok(None);
            }
            let first = taken == 0;
            let mut batch = DocumentBatch {
                json: spares.take(),
                documents: lists.take(),
            };
            let mut source = documents.borrow_mut();
            for i in wanted.by_ref().take(DOCUMENTS_PER_BATCH) {
                source.take_into(i, &mut batch)?;
                taken += 1;
            }
            Ok(Some((first, batch)))
        },
        |(first, batch): (bool, DocumentBatch<'_>)| -> Result<Vec<u8>, Failed> {
            let mut bytes = spares.take();
            for (n, document) in batch.parsed()?.iter().enumerate() {
                element(document, first && n == 0, &mut bytes)?;
            }
            spares.give(batch.json);
            lists.give(batch.documents);
            Ok(bytes)
        },
        |bytes| {
            let bytes = bytes.map_err(|e| e.into_write_error(documents))?;
            out.write_all(&bytes).map_err(WriteError::Io)?;
            spares.give(bytes);
            Ok(())
        },
    )?;
    Ok(taken)
}

/// Takes up to `n` meetings from `meetings`, none once it has said there
/// are no more.
fn take_meetings<'a>(
    meetings: &mut MeetingStream<'a>,
    mut batch: Vec<Cow<'a, Meeting>>,
    n: usize,
    done: &mut bool,
) -> Result<Vec<Cow<'a, Meeting>>, WriteError> {
    while !*done && batch.len() < n {
        match meetings.next_meeting().map_err(WriteError::Meetings)? {
            Some(meeting) => batch.push(meeting),
            None => *done = true,
        }
    }
    Ok(batch)
}

/// Writes the dataset of `head`'s people and topics, the documents of
/// `documents` and the meetings `meetings` gives, as pretty-printed
/// `readout/1` JSON with a final newline.
pub(crate) fn pretty<W: Write + ?Sized>(
    head: &Dataset,
    documents: DocumentSource<'_>,
    meetings: &mut MeetingStream<'_>,
    out: &mut W,
) -> Result<(), WriteError> {
    let io = WriteError::Io;
    let mut frame = Vec::new();
    frame.extend_from_slice(b"{\n  \"format\": ");
    pretty_at(&head.format, 1, &mut frame).map_err(io)?;
    frame.extend_from_slice(b",\n  \"documents\": [");
    out.write_all(&frame).map_err(io)?;

    let documents = RefCell::new(documents);
    let all = 0..documents.borrow().len();
    let spares = Spares::default();
    let written = write_documents(&spares, &documents, all, pretty_element, out)?;

    frame.clear();
    frame.extend_from_slice(if written > 0 { b"\n  ]" } else { b"]" });
    frame.extend_from_slice(b",\n  \"people\": ");
    pretty_at(&head.people, 1, &mut frame).map_err(io)?;
    frame.extend_from_slice(b",\n  \"topics\": ");
    pretty_at(&head.topics, 1, &mut frame).map_err(io)?;
    frame.extend_from_slice(b",\n  \"meetings\": [");
    out.write_all(&frame).map_err(io)?;

    let (mut taken, mut done) = (0, false);
    let lists = Spares::default();
    map_in_order(
        BATCHES_PER_CHUNK,
        || {
            let first = taken == 0;
            let batch = take_meetings(meetings, lists.take(), MEETINGS_PER_BATCH, &mut done)?;
            taken += batch.len();
            Ok((!batch.is_empty()).then_some((first, batch)))
        },
        |(first, batch): (bool, Vec<Cow<'_, Meeting>>)| -> io::Result<Vec<u8>> {
            let mut bytes = spares.take();
            for (n, meeting) in batch.iter().enumerate() {
                pretty_element(&**meeting, first && n == 0, &mut bytes)?;
            }
            // The meetings are dropped here, on the pool.
            lists.give(batch);
            Ok(bytes)
        },
        |bytes| {
            let bytes = bytes.map_err(io)?;
            out.write_all(&bytes).map_err(io)?;
            spares.give(bytes);
            Ok(())
        },
    )?;
    out.write_all(if taken > 0 { b"\n  ]\n}\n" } else { b"]\n}\n" })
        .map_err(io)
}

/// One line of the JSON Lines output; the same fields in the same order as
/// [`crate::Line`].
#[derive(Serialize)]
struct LineOut<'a> {
    format: &'a str,
    meeting: Option<&'a Meeting>,
    documents: &'a [Cow<'a, Document>],
    people: Vec<&'a Person>,
    topics: Vec<&'a Topic>,
}

/// A meeting's line, still to serialize: the meeting, its documents (by
/// place in the batch's), and its people and topics (by number in the
/// dataset's lists).
struct LineJob<'a> {
    meeting: Cow<'a, Meeting>,
    documents: Range<usize>,
    people: Vec<usize>,
    topics: Vec<usize>,
}

/// Lines serialized together, with the documents they hold.
#[derive(Default)]
struct LineBatch<'d, 'm> {
    documents: DocumentBatch<'d>,
    lines: Vec<LineJob<'m>>,
}

impl LineBatch<'_, '_> {
    fn serialize(self, head: &Dataset, spares: &Spares<u8>) -> Result<Vec<u8>, Failed> {
        let documents = self.documents.parsed()?;
        let mut out = spares.take();
        for job in &self.lines {
            let line = LineOut {
                format: FORMAT,
                meeting: Some(&job.meeting),
                documents: &documents[job.documents.clone()],
                people: job.people.iter().map(|i| &head.people[*i]).collect(),
                topics: job.topics.iter().map(|i| &head.topics[*i]).collect(),
            };
            serde_json::to_writer(&mut out, &line).map_err(io::Error::from)?;
            out.push(b'\n');
        }
        drop(documents);
        spares.give(self.documents.json);
        Ok(out)
    }
}

/// Writes JSON Lines: one line a meeting, holding the meeting and the
/// documents, people and topics it refers to; then, if anything is left
/// that no meeting refers to, one line with no meeting that holds the rest.
pub(crate) fn lines<W: Write + ?Sized>(
    head: &Dataset,
    documents: DocumentSource<'_>,
    meetings: &mut MeetingStream<'_>,
    out: &mut W,
) -> Result<(), WriteError> {
    // The documents by id, to find a meeting's sources.
    let mut by_id: Vec<usize> = (0..documents.len()).collect();
    by_id.sort_by(|a, b| documents.id(*a).cmp(documents.id(*b)));
    // The people and topics by id (an id held twice names both).
    let mut people_by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in head.people.iter().enumerate() {
        people_by_id.entry(p.id.as_str()).or_default().push(i);
    }
    let mut topics_by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in head.topics.iter().enumerate() {
        topics_by_id.entry(t.id.as_str()).or_default().push(i);
    }
    let mut documents_out = vec![false; documents.len()];
    let mut people_out = vec![false; head.people.len()];
    let mut topics_out = vec![false; head.topics.len()];
    let documents = RefCell::new(documents);
    let spares = Spares::default();
    let (mut lines, mut done) = (0, false);
    map_in_order(
        BATCHES_PER_CHUNK,
        || {
            let meetings = take_meetings(meetings, Vec::new(), MEETINGS_PER_BATCH, &mut done)?;
            if meetings.is_empty() {
                return Ok(None);
            }
            lines += meetings.len();
            let mut batch = LineBatch::default();
            batch.documents.json = spares.take();
            let mut documents = documents.borrow_mut();
            for meeting in meetings {
                let ids: BTreeSet<&str> = meeting
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
                // In the order of the dataset's lists.
                let mut people: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| people_by_id.get(id))
                    .flatten()
                    .copied()
                    .collect();
                people.sort_unstable();
                let ids: BTreeSet<&str> = meeting.topics.iter().map(String::as_str).collect();
                let mut topics: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| topics_by_id.get(id))
                    .flatten()
                    .copied()
                    .collect();
                topics.sort_unstable();
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
                for &i in &people {
                    people_out[i] = true;
                }
                for &i in &topics {
                    topics_out[i] = true;
                }
                let start = batch.documents.documents.len();
                for i in sources {
                    documents_out[i] = true;
                    documents.take_into(i, &mut batch.documents)?;
                }
                batch.lines.push(LineJob {
                    meeting,
                    documents: start..batch.documents.documents.len(),
                    people,
                    topics,
                });
            }
            Ok(Some(batch))
        },
        |batch: LineBatch<'_, '_>| batch.serialize(head, &spares),
        |bytes| {
            let bytes = bytes.map_err(|e| e.into_write_error(&documents))?;
            out.write_all(&bytes).map_err(WriteError::Io)?;
            spares.give(bytes);
            Ok(())
        },
    )?;
    let rest: Vec<usize> = (0..documents_out.len())
        .filter(|i| !documents_out[*i])
        .collect();
    let people: Vec<&Person> = head
        .people
        .iter()
        .zip(&people_out)
        .filter(|(_, out)| !**out)
        .map(|(p, _)| p)
        .collect();
    let topics: Vec<&Topic> = head
        .topics
        .iter()
        .zip(&topics_out)
        .filter(|(_, out)| !**out)
        .map(|(t, _)| t)
        .collect();
    if lines > 0 && rest.is_empty() && people.is_empty() && topics.is_empty() {
        return Ok(());
    }
    // The last line, written in pieces: it may hold most of the documents.
    let io = WriteError::Io;
    let mut frame = Vec::new();
    frame.extend_from_slice(b"{\"format\":");
    serde_json::to_writer(&mut frame, FORMAT).map_err(|e| io(e.into()))?;
    frame.extend_from_slice(b",\"meeting\":null,\"documents\":[");
    out.write_all(&frame).map_err(io)?;
    write_documents(&spares, &documents, rest.into_iter(), compact_element, out)?;
    frame.clear();
    frame.extend_from_slice(b"],\"people\":");
    serde_json::to_writer(&mut frame, &people).map_err(|e| io(e.into()))?;
    frame.extend_from_slice(b",\"topics\":");
    serde_json::to_writer(&mut frame, &topics).map_err(|e| io(e.into()))?;
    frame.extend_from_slice(b"}\n");
    out.write_all(&frame).map_err(io)
}
