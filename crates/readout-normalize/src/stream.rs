//! Normalization in passes over extractions read on demand, with what the
//! passes hold between them kept in memory up to a limit and in scratch
//! files past it: a corpus of any size is normalized in the memory its
//! people and the grouping of its reports need.
//!
//! The passes: (a) every participant's name, to resolve people; (b) every
//! meeting mention to a report, of which grouping reads a few fields (held)
//! and merging the rest (spilled); (c) the reports grouped into meetings;
//! (d) each group merged, coded and spilled as a meeting; (e) the meetings
//! numbered and given back one at a time in the dataset's canonical order.
//! [`Normalizer::normalize`] runs the same passes with nothing spilled.

use crate::dates::day_number;
use crate::merge::{Heavy, Light, Report, group, meeting};
use crate::people::{NameMention, Resolved, Said};
use crate::{NormalizeError, Normalizer};
use rayon::prelude::*;
use readout_model::{Dataset, Document, Meeting, Topic, unique_ids};
use readout_parse::{Extraction, MeetingMention};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

// Small batches under test, so that the tests cross their borders.
/// Documents read by one parallel task of passes (a) and (b).
const DOCUMENTS_PER_TASK: usize = if cfg!(test) { 2 } else { 64 };
/// Documents whose reports are made before they are stored.
const DOCUMENTS_PER_BATCH: usize = if cfg!(test) { 8 } else { 4096 };
/// Groups whose meetings are merged before they are stored.
const GROUPS_PER_BATCH: usize = if cfg!(test) { 8 } else { 4096 };
/// Bytes of spilled items written to a scratch file at once.
const WRITE_BYTES: usize = 1 << 20;
/// Meetings read back at once by [`Streamed::next_meeting`].
const MEETINGS_READ_AHEAD: usize = if cfg!(test) { 8 } else { 1024 };

/// Extractions read on demand by [`Normalizer::normalize_streamed`]: each
/// by its number, in any order, from several threads at once, and more
/// than once (once for the names, once for the reports).
///
/// Implemented for extractions held in memory; a program with
/// more extractions than memory implements it over a file.
///
/// ```
/// use readout_normalize::ExtractionSource;
/// use readout_parse::{parse, Input, Markup};
/// let found = parse(&Input { path: Some("a.txt"), bytes: b"Headline\n\nText.", markup: Markup::Text });
/// let source = vec![found];
/// assert_eq!(ExtractionSource::len(&source), 1);
/// assert_eq!(ExtractionSource::path(&source, 0), Some("a.txt"));
/// ```
pub trait ExtractionSource: Sync {
    /// How many extractions there are.
    fn len(&self) -> usize;

    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of extraction `i`'s document (`i < len()`).
    fn id(&self, i: usize) -> &str;

    /// The path of extraction `i`'s document (`i < len()`).
    fn path(&self, i: usize) -> Option<&str>;

    /// Extraction `i` (`i < len()`). Its document needs only its id, path,
    /// publication date and text: the other fields are not read.
    fn get(&self, i: usize) -> Result<Cow<'_, Extraction>, NormalizeError>;

    /// The meetings of extraction `i` (`i < len()`), all the first pass
    /// reads: by default those of [`ExtractionSource::get`]; a source over a
    /// file may read them without the document.
    fn meetings(&self, i: usize) -> Result<Cow<'_, [MeetingMention]>, NormalizeError> {
        Ok(match self.get(i)? {
            Cow::Borrowed(ex) => Cow::Borrowed(ex.meetings.as_slice()),
            Cow::Owned(ex) => Cow::Owned(ex.meetings),
        })
    }
}

impl ExtractionSource for Vec<Extraction> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn id(&self, i: usize) -> &str {
        &self[i].document.id
    }

    fn path(&self, i: usize) -> Option<&str> {
        self[i].document.path.as_deref()
    }

    fn get(&self, i: usize) -> Result<Cow<'_, Extraction>, NormalizeError> {
        Ok(Cow::Borrowed(&self[i]))
    }
}

/// How [`Normalizer::normalize_streamed_with`] runs.
///
/// ```
/// let options = readout_normalize::StreamOptions::default()
///     .spill_bytes(0)
///     .documents(false);
/// # let _ = options;
/// ```
#[derive(Debug, Clone)]
pub struct StreamOptions {
    spill_bytes: usize,
    documents: bool,
}

impl Default for StreamOptions {
    /// 16 MiB of reports and as much of meetings held in memory before
    /// they are spilled; the documents kept in [`Streamed::head`].
    fn default() -> Self {
        StreamOptions {
            spill_bytes: 16 << 20,
            documents: true,
        }
    }
}

impl StreamOptions {
    /// How many bytes (roughly) of reports, and as many of meetings, are
    /// held in memory; what comes past that goes to scratch files. `0`
    /// spills everything, `usize::MAX` nothing.
    pub fn spill_bytes(mut self, bytes: usize) -> Self {
        self.spill_bytes = bytes;
        self
    }

    /// Whether [`Streamed::head`] holds the documents, as
    /// [`Normalizer::normalize`] gives them (read from the source again,
    /// with their texts); without, it holds none, for a program that keeps
    /// the documents elsewhere.
    pub fn documents(mut self, keep: bool) -> Self {
        self.documents = keep;
        self
    }
}

/// A dataset normalized by [`Normalizer::normalize_streamed`]: everything
/// but the meetings in [`Streamed::head`], the meetings given one at a time
/// by [`Streamed::next_meeting`] in the dataset's canonical order, each as
/// [`Normalizer::normalize`] makes it. The scratch files are removed when
/// it is dropped.
#[derive(Debug)]
pub struct Streamed {
    /// The documents (if asked for), people and topics, in canonical order,
    /// with no meetings.
    pub head: Dataset,
    meetings: Spill<Meeting>,
    /// The meetings to come: where each is stored, and its id.
    order: std::vec::IntoIter<(usize, String)>,
    /// The next meetings, read back together (in parallel).
    ready: std::collections::VecDeque<Meeting>,
}

impl Streamed {
    /// How many meetings are still to come: before the first
    /// [`Streamed::next_meeting`], all of them.
    pub fn len(&self) -> usize {
        self.order.len() + self.ready.len()
    }

    /// Whether no meeting is to come.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The next meeting in canonical order (by date, then id), or `None`
    /// after the last. An error is a scratch file that cannot be read back.
    pub fn next_meeting(&mut self) -> Result<Option<Meeting>, NormalizeError> {
        if self.ready.is_empty() {
            let mut next = Vec::with_capacity(MEETINGS_READ_AHEAD);
            for (at, id) in self.order.by_ref().take(MEETINGS_READ_AHEAD) {
                next.push((self.meetings.take_stored(at)?, id));
            }
            let spill = &self.meetings;
            let read: Vec<Result<Meeting, NormalizeError>> = next
                .into_par_iter()
                .map(|(stored, id)| {
                    let mut m = spill.read(stored)?;
                    m.id = id;
                    m.sources.sort();
                    m.sources.dedup();
                    Ok(m)
                })
                .collect();
            for m in read {
                self.ready.push_back(m?);
            }
        }
        Ok(self.ready.pop_front())
    }

    /// Every meeting still to come, in order, into `head`: the whole
    /// dataset, as [`Normalizer::normalize`] gives it.
    pub fn into_dataset(mut self) -> Result<Dataset, NormalizeError> {
        let mut meetings = Vec::with_capacity(self.len());
        while let Some(m) = self.next_meeting()? {
            meetings.push(m);
        }
        let mut data = std::mem::take(&mut self.head);
        data.meetings = meetings;
        Ok(data)
    }
}

/// About how many bytes of memory a value holds.
pub(crate) trait Weigh {
    fn weight(&self) -> usize;
}

impl Weigh for Meeting {
    fn weight(&self) -> usize {
        let strings = |v: &[String]| v.iter().map(|s| s.len() + 24).sum::<usize>();
        let mut w = 512 + self.id.len() + strings(&self.topics) + strings(&self.sources);
        for p in &self.participants {
            w += 160 + p.person.len() + strings(&p.roles) + strings(&p.titles_as_written);
            w += strings(&p.notes);
        }
        for s in &self.statements {
            w += 96 + s.text.len() + s.evidence.document.len() + strings(&s.speakers);
        }
        for e in &self.evidence {
            w += 96 + e.field.len() + e.document.len() + e.text.len();
        }
        w
    }
}

/// An item as given to a [`Spill`] or taken from it: itself, its bytes
/// made on a parallel task, or where its bytes are in the file, to read
/// and decode on a parallel task ([`Spill::read`]).
pub(crate) enum Stored<T> {
    Item(T),
    Encoded(Vec<u8>),
    At { offset: u64, len: u64 },
}

impl<T: Serialize + DeserializeOwned> Stored<T> {
    /// The item as the spill will store it: encoded if `encode`.
    fn new(item: T, encode: bool) -> Self {
        if !encode {
            return Stored::Item(item);
        }
        match postcard::to_stdvec(&item) {
            Ok(bytes) => Stored::Encoded(bytes),
            // Stored as it is: the spill meets the error again and says it.
            Err(_) => Stored::Item(item),
        }
    }
}

/// Reads `buf.len()` bytes at `offset` of `file`, leaving its position as
/// it is: threads read one file at once.
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            let n = file.seek_read(&mut buf[done..], offset + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, offset);
        Err(std::io::Error::other(
            "reading a scratch file from several threads is not supported here",
        ))
    }
}

/// Where one item of a [`Spill`] is.
#[derive(Debug)]
enum Slot<T> {
    Held(Box<T>),
    Spilled { offset: u64, len: u64 },
    Taken,
}

/// Items stored in the order given and taken back once each, in any order:
/// held in memory up to a limit, past it written to a scratch file (in
/// postcard's compact encoding, one item after another). The file is made when the first item is
/// spilled, in the directory given, and removed when the spill is dropped
/// (it has no name in the directory).
#[derive(Debug)]
pub(crate) struct Spill<T> {
    dir: PathBuf,
    limit: usize,
    held: usize,
    /// Once an item is spilled, every later one is.
    overflowed: bool,
    slots: Vec<Slot<T>>,
    file: Option<File>,
    /// Items encoded and not yet written to the file.
    pending: Vec<u8>,
    /// Bytes in the file and in `pending`.
    written: u64,
}

impl<T: Serialize + DeserializeOwned + Weigh> Spill<T> {
    /// A spill that holds up to `limit` bytes in memory (`usize::MAX`: every
    /// item, and never a file).
    pub(crate) fn new(dir: &Path, limit: usize) -> Self {
        Spill {
            dir: dir.to_path_buf(),
            limit,
            held: 0,
            overflowed: false,
            slots: Vec::new(),
            file: None,
            pending: Vec::new(),
            written: 0,
        }
    }

    /// The scratch file, as errors name it.
    pub(crate) fn location(&self) -> String {
        format!("a scratch file in {}", self.dir.display())
    }

    fn error(&self, message: impl std::fmt::Display) -> NormalizeError {
        NormalizeError::Io {
            location: self.location(),
            message: message.to_string(),
        }
    }

    /// Whether the items stored from now on go to the file: those given
    /// to [`Spill::push_stored`] are best encoded (in parallel) beforehand.
    pub(crate) fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// Stores `item` as the next one.
    pub(crate) fn push(&mut self, item: T) -> Result<(), NormalizeError> {
        self.push_stored(Stored::Item(item))
    }

    /// Stores an item, or its JSON, as the next one.
    pub(crate) fn push_stored(&mut self, stored: Stored<T>) -> Result<(), NormalizeError> {
        let start = self.pending.len();
        match stored {
            Stored::Item(item) if self.limit == usize::MAX => {
                self.slots.push(Slot::Held(Box::new(item)));
                return Ok(());
            }
            Stored::Item(item) => {
                let weight = item.weight();
                if !self.overflowed && self.held.saturating_add(weight) <= self.limit {
                    self.held += weight;
                    self.slots.push(Slot::Held(Box::new(item)));
                    return Ok(());
                }
                self.overflowed = true;
                let bytes = postcard::to_stdvec(&item).map_err(|e| self.error(e))?;
                self.pending.extend_from_slice(&bytes);
            }
            Stored::Encoded(bytes) => {
                self.overflowed = true;
                self.pending.extend_from_slice(&bytes);
            }
            Stored::At { .. } => return Err(self.error("an item taken back is stored again")),
        }
        let len = (self.pending.len() - start) as u64;
        self.slots.push(Slot::Spilled {
            offset: self.written,
            len,
        });
        self.written += len;
        if self.pending.len() >= WRITE_BYTES {
            self.write_pending()?;
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), NormalizeError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            let file = tempfile::tempfile_in(&self.dir).map_err(|e| self.error(e))?;
            self.file = Some(file);
        }
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        let wrote = file
            .seek(SeekFrom::End(0))
            .and_then(|_| file.write_all(&self.pending));
        wrote.map_err(|e| self.error(e))?;
        self.pending.clear();
        Ok(())
    }

    /// Takes item `i` back, or where its bytes are, to read and decode (in
    /// parallel) with [`Spill::read`]; each item is taken once.
    pub(crate) fn take_stored(&mut self, i: usize) -> Result<Stored<T>, NormalizeError> {
        let slot = self
            .slots
            .get_mut(i)
            .map(|s| std::mem::replace(s, Slot::Taken));
        match slot {
            Some(Slot::Held(item)) => {
                self.held = self.held.saturating_sub(item.weight());
                Ok(Stored::Item(*item))
            }
            Some(Slot::Spilled { offset, len }) => {
                self.write_pending()?;
                Ok(Stored::At { offset, len })
            }
            Some(Slot::Taken) | None => Err(self.error(format!("item {i} is not there"))),
        }
    }

    /// The item [`Spill::take_stored`] gave: read from the file and
    /// decoded, on any thread.
    pub(crate) fn read(&self, stored: Stored<T>) -> Result<T, NormalizeError> {
        let bytes = match stored {
            Stored::Item(item) => return Ok(item),
            Stored::Encoded(bytes) => bytes,
            Stored::At { offset, len } => {
                let Some(file) = &self.file else {
                    return Err(self.error("the file was never made"));
                };
                let mut buf = vec![0; usize::try_from(len).unwrap_or(usize::MAX)];
                read_exact_at(file, &mut buf, offset).map_err(|e| self.error(e))?;
                buf
            }
        };
        postcard::from_bytes(&bytes)
            .map_err(|e| self.error(format!("an item reads back wrong: {e}")))
    }
}

/// The numbers of the extractions normalized, in the order of their
/// documents (by id, then path): one per document id, the first given of
/// those with the first path.
fn sorted(source: &dyn ExtractionSource) -> Vec<usize> {
    let mut order: Vec<usize> = (0..source.len()).collect();
    order.sort_by(|a, b| (source.id(*a), source.path(*a)).cmp(&(source.id(*b), source.path(*b))));
    order.dedup_by(|b, a| source.id(*a) == source.id(*b));
    order
}

/// What pass (a) makes of one participant: what it says of the person and
/// the roles its titles give, shared by every participant written alike.
type Spoken = (Arc<Said>, Arc<[String]>);

/// Participants written alike, read once: by how they are written (see
/// [`written_key`]). One per thread, so that threads never wait on each
/// other; emptied past [`SPOKEN_HELD`] entries, so that a corpus of names
/// each written once does not hold them twice.
struct SpokenCache(Vec<Mutex<HashMap<String, Spoken>>>);

/// Entries a [`SpokenCache`] holds per thread at most.
const SPOKEN_HELD: usize = 1 << 16;

impl SpokenCache {
    fn new() -> Self {
        let threads = rayon::current_num_threads() + 1;
        SpokenCache((0..threads).map(|_| Mutex::new(HashMap::new())).collect())
    }

    /// This thread's cache.
    fn mine(&self) -> std::sync::MutexGuard<'_, HashMap<String, Spoken>> {
        let last = self.0.len() - 1;
        let at = rayon::current_thread_index().map_or(last, |i| i.min(last));
        // A thread that panicked holding it left a cache still sound.
        self.0[at]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Everything of a participant that pass (a) reads, as one string: each
/// part with its length before it, so that two participants have one key
/// only if they are written alike.
fn written_key(p: &readout_parse::ParticipantMention, key: &mut String) {
    use std::fmt::Write as _;
    key.clear();
    fn part(key: &mut String, s: &str) {
        let _ = write!(key, "{}:", s.len());
        key.push_str(s);
    }
    part(key, &p.name);
    match &p.country {
        Some(c) => part(key, &c.value),
        None => key.push('-'),
    }
    key.push('|');
    for w in &p.names_as_written {
        part(key, &w.value);
    }
    key.push('|');
    for t in &p.titles_as_written {
        part(key, &t.value);
    }
}

/// Pass (a)'s reading of one participant: its country, roles, name and
/// forms.
fn spoken(n: &Normalizer, p: &readout_parse::ParticipantMention) -> Spoken {
    let mut country = p.country.as_ref().and_then(|c| n.country(&c.value));
    let mut roles: Vec<String> = Vec::new();
    for t in &p.titles_as_written {
        let split = n.roles.split(&t.value, country.as_deref());
        if country.is_none() {
            country.clone_from(&split.country);
        }
        for r in &split.roles {
            if !roles.contains(r) {
                roles.push(r.clone());
            }
        }
    }
    let name = n.name(&p.name, country.as_deref());
    let mut forms: Vec<String> = p
        .names_as_written
        .iter()
        .map(|w| n.name(&w.value, country.as_deref()).clean)
        .collect();
    forms.dedup();
    let said = Said {
        name,
        forms,
        country,
    };
    (Arc::new(said), roles.into())
}

/// Pass (a): every participant mention of every document (in `order`),
/// with the roles its titles give; and where each document's mentions
/// start.
#[allow(clippy::type_complexity)]
fn names(
    n: &Normalizer,
    source: &dyn ExtractionSource,
    order: &[usize],
) -> Result<(Vec<NameMention>, Vec<Arc<[String]>>, Vec<usize>), NormalizeError> {
    let mut names = Vec::new();
    let mut roles_of = Vec::new();
    let mut starts = Vec::with_capacity(order.len() + 1);
    let cache = SpokenCache::new();
    // A batch at a time: what the tasks made is moved into the lists before
    // the next batch is read.
    for batch in order.chunks(DOCUMENTS_PER_BATCH) {
        let tasks: Vec<Result<Vec<Vec<Spoken>>, NormalizeError>> = batch
            .par_chunks(DOCUMENTS_PER_TASK)
            .map(|chunk| {
                let mut out = Vec::with_capacity(chunk.len());
                let mut key = String::new();
                for &i in chunk {
                    let meetings = source.meetings(i)?;
                    let mut found = Vec::new();
                    let mut held = cache.mine();
                    for mention in meetings.iter() {
                        for p in &mention.participants {
                            written_key(p, &mut key);
                            if let Some(known) = held.get(key.as_str()) {
                                found.push(known.clone());
                                continue;
                            }
                            let made = spoken(n, p);
                            if held.len() >= SPOKEN_HELD {
                                held.clear();
                            }
                            held.insert(key.clone(), made.clone());
                            found.push(made);
                        }
                    }
                    out.push(found);
                }
                Ok(out)
            })
            .collect();
        for task in tasks {
            for doc in task? {
                let d = starts.len();
                starts.push(names.len());
                for (said, roles) in doc {
                    names.push(NameMention { doc: d, said });
                    roles_of.push(roles);
                }
            }
        }
    }
    starts.push(names.len());
    Ok((names, roles_of, starts))
}

/// Of a meeting: its id, sources and date.
type MeetingKey = (String, Vec<String>, Option<String>);

/// Reports and the topics they name, the output of pass (b) for some
/// documents.
type Made = Result<Vec<(Vec<(Light, Stored<Heavy>)>, Vec<Topic>)>, NormalizeError>;

/// Runs passes (a) to (e) over the extractions of `source`; returns the
/// dataset to stream (with no documents) and the numbers of the
/// extractions whose documents it holds, in the order of
/// [`sorted`].
fn run(
    n: &Normalizer,
    source: &dyn ExtractionSource,
    scratch_dir: &Path,
    spill_bytes: usize,
) -> Result<(Streamed, Vec<usize>), NormalizeError> {
    let order = sorted(source);
    let (mut names, roles_of, starts) = names(n, source, &order)?;
    let resolved = n.resolve_people(&mut names);
    // A participant whose report gives no country speaks for the person's.
    let country = |k: usize| -> Option<String> {
        names[k]
            .country()
            .or(resolved.people[resolved.person_of[k]].country.as_ref())
            .cloned()
    };
    let person_id = |k: usize| resolved.people[resolved.person_of[k]].id.clone();

    // Pass (b): each meeting mention to a report.
    let doc_ids: Vec<String> = order.iter().map(|i| source.id(*i).to_owned()).collect();
    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    let mut lights: Vec<Light> = Vec::new();
    let mut heavies: Spill<Heavy> = Spill::new(scratch_dir, spill_bytes);
    for (b, batch) in order.chunks(DOCUMENTS_PER_BATCH).enumerate() {
        let first = b * DOCUMENTS_PER_BATCH;
        let encode = heavies.overflowed();
        let made: Vec<Made> = batch
            .par_chunks(DOCUMENTS_PER_TASK)
            .enumerate()
            .map(|(t, chunk)| {
                let mut out = Vec::with_capacity(chunk.len());
                for (j, &i) in chunk.iter().enumerate() {
                    let d = first + t * DOCUMENTS_PER_TASK + j;
                    let ex = source.get(i)?;
                    let doc = &ex.document;
                    let published = doc.published.as_deref().and_then(day_number);
                    let mut k = starts[d];
                    let mut reports = Vec::with_capacity(ex.meetings.len());
                    let mut named = Vec::new();
                    for mention in &ex.meetings {
                        let count = mention.participants.len();
                        let ids: Vec<String> = (k..k + count).map(person_id).collect();
                        let countries: Vec<Option<String>> = (k..k + count).map(country).collect();
                        let report = n.report(
                            d,
                            doc,
                            published,
                            mention,
                            &ids,
                            &countries,
                            &roles_of[k..k + count],
                            &mut named,
                        );
                        let (light, heavy) = report.split();
                        reports.push((light, Stored::new(heavy, encode)));
                        k += count;
                    }
                    out.push((reports, named));
                }
                Ok(out)
            })
            .collect();
        for task in made {
            for (reports, named) in task? {
                for topic in named {
                    if !topics.contains_key(&topic.id) {
                        topics.insert(topic.id.clone(), topic);
                    }
                }
                for (light, heavy) in reports {
                    lights.push(light);
                    heavies.push_stored(heavy)?;
                }
            }
        }
    }
    drop(names);
    drop(roles_of);
    let streamed = assemble(
        n,
        &doc_ids,
        resolved,
        lights,
        heavies,
        topics,
        scratch_dir,
        spill_bytes,
    )?;
    Ok((streamed, order))
}

/// Passes (c) to (e), shared by normalization and merging: reports with the
/// same participants and compatible days, places and kinds become one
/// meeting; meetings are merged, coded, numbered and put in canonical
/// order. The dataset returned has no documents.
#[allow(clippy::too_many_arguments)]
fn assemble(
    n: &Normalizer,
    doc_ids: &[String],
    resolved: Resolved,
    lights: Vec<Light>,
    mut heavies: Spill<Heavy>,
    topics: BTreeMap<String, Topic>,
    scratch_dir: &Path,
    spill_bytes: usize,
) -> Result<Streamed, NormalizeError> {
    let groups = group(&lights);
    // Each report is of one group: its light part moves into its meeting.
    let mut lights: Vec<Option<Light>> = lights.into_iter().map(Some).collect();
    let people_country: HashMap<&str, Option<&str>> = resolved
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.country.as_deref()))
        .collect();
    let entries: HashMap<&str, usize> = resolved
        .people
        .iter()
        .zip(&resolved.entry_of)
        .filter_map(|(p, e)| e.map(|e| (p.id.as_str(), e)))
        .collect();
    let mut meetings: Spill<Meeting> = Spill::new(scratch_dir, spill_bytes);
    // Of each meeting, in the order made: its id, sources and date.
    let mut keys: Vec<MeetingKey> = Vec::with_capacity(groups.len());
    for batch in groups.chunks(GROUPS_PER_BATCH) {
        let mut members: Vec<Vec<(Light, Stored<Heavy>)>> = Vec::with_capacity(batch.len());
        for g in batch {
            let mut reports = Vec::with_capacity(g.len());
            for &i in g {
                let light = lights.get_mut(i).and_then(Option::take);
                let Some(light) = light else {
                    return Err(heavies.error(format!("report {i} is in two groups")));
                };
                reports.push((light, heavies.take_stored(i)?));
            }
            members.push(reports);
        }
        let encode = meetings.overflowed();
        let made: Vec<Result<(MeetingKey, Stored<Meeting>), NormalizeError>> = members
            .into_par_iter()
            .map(|stored| {
                let mut reports = Vec::with_capacity(stored.len());
                for (light, heavy) in stored {
                    reports.push(Report::join(light, heavies.read(heavy)?));
                }
                let m = meeting(n, reports, doc_ids, &entries, &people_country);
                let key = (m.id.clone(), m.sources.clone(), m.date.clone());
                Ok((key, Stored::new(m, encode)))
            })
            .collect();
        for made in made {
            let (key, m) = made?;
            keys.push(key);
            meetings.push_stored(m)?;
        }
    }
    drop(heavies);
    drop(lights);
    drop(entries);
    drop(people_country);
    // Numbered in order of id and sources, then given in order of date and id.
    let mut by_id: Vec<usize> = (0..keys.len()).collect();
    by_id.sort_by(|a, b| (&keys[*a].0, &keys[*a].1).cmp(&(&keys[*b].0, &keys[*b].1)));
    let ids = unique_ids(by_id.iter().map(|i| keys[*i].0.clone()).collect());
    let mut order: Vec<(Option<String>, String, usize)> = by_id
        .into_iter()
        .zip(ids)
        .map(|(i, id)| (keys[i].2.take(), id, i))
        .collect();
    drop(keys);
    order.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let order: Vec<(usize, String)> = order.into_iter().map(|(_, id, i)| (i, id)).collect();
    let mut head = Dataset {
        people: resolved.people,
        topics: topics.into_values().collect(),
        ..Dataset::default()
    };
    head.canonicalize();
    Ok(Streamed {
        head,
        meetings,
        order: order.into_iter(),
        ready: std::collections::VecDeque::new(),
    })
}

/// [`Normalizer::normalize`]: the passes with everything held in memory,
/// the documents moved from the extractions.
pub(crate) fn normalize(n: &Normalizer, extractions: Vec<Extraction>) -> Dataset {
    // Held in memory, the passes read no file and write none: they cannot fail.
    let (streamed, order) = run(n, &extractions, Path::new("."), usize::MAX)
        .expect("normalization in memory does no I/O");
    let mut data = streamed
        .into_dataset()
        .expect("normalization in memory does no I/O");
    let mut slots: Vec<Option<Extraction>> = extractions.into_iter().map(Some).collect();
    data.documents = order
        .iter()
        .filter_map(|i| slots[*i].take().map(|ex| ex.document))
        .collect();
    sort_documents(&mut data.documents);
    data
}

/// The documents in the canonical order of [`Dataset::canonicalize`].
fn sort_documents(documents: &mut [Document]) {
    documents.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
}

/// [`Normalizer::normalize_streamed_with`].
pub(crate) fn normalize_streamed(
    n: &Normalizer,
    source: &dyn ExtractionSource,
    scratch_dir: &Path,
    options: &StreamOptions,
) -> Result<Streamed, NormalizeError> {
    let (mut streamed, order) = run(n, source, scratch_dir, options.spill_bytes)?;
    if options.documents {
        let mut documents = Vec::with_capacity(order.len());
        for i in order {
            documents.push(source.get(i)?.into_owned().document);
        }
        sort_documents(&mut documents);
        streamed.head.documents = documents;
    }
    Ok(streamed)
}

/// [`crate::merge::merge`]'s last step: its reports merged as
/// normalization merges them, everything held in memory.
pub(crate) fn assemble_in_memory(
    n: &Normalizer,
    documents: Vec<Document>,
    resolved: Resolved,
    reports: Vec<Report>,
    topics: BTreeMap<String, Topic>,
) -> Dataset {
    let doc_ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
    let dir = Path::new(".");
    let mut lights = Vec::with_capacity(reports.len());
    let mut heavies = Spill::new(dir, usize::MAX);
    for report in reports {
        let (light, heavy) = report.split();
        lights.push(light);
        // Held in memory: cannot fail.
        heavies.push(heavy).expect("merging in memory does no I/O");
    }
    let streamed = assemble(
        n,
        &doc_ids,
        resolved,
        lights,
        heavies,
        topics,
        dir,
        usize::MAX,
    )
    .expect("merging in memory does no I/O");
    let mut data = streamed
        .into_dataset()
        .expect("merging in memory does no I/O");
    data.documents = documents;
    sort_documents(&mut data.documents);
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_parse::{Input, Markup, parse};

    /// The seeds and the test corpus, parsed.
    fn corpus() -> Vec<Extraction> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["seeds", "tests/corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ["txt", "html"].contains(&ext) {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).unwrap();
                let name = path.to_string_lossy();
                parse(&Input {
                    path: Some(&name),
                    bytes: &bytes,
                    markup: Markup::from_path(&name),
                })
            })
            .collect()
    }

    #[test]
    fn in_small_batches_what_spills_streams_as_it_normalizes() {
        let extractions = corpus();
        let n = Normalizer::default();
        let whole = n.normalize(extractions.clone());
        assert!(whole.meetings.len() > 2 * GROUPS_PER_BATCH + MEETINGS_READ_AHEAD);
        for spill in [0, 3_000, 30_000, usize::MAX] {
            let dir = tempfile::tempdir().unwrap();
            let options = StreamOptions::default().spill_bytes(spill);
            let data = n
                .normalize_streamed_with(&extractions, dir.path(), &options)
                .unwrap()
                .into_dataset()
                .unwrap();
            assert_eq!(data, whole, "spill {spill}");
        }
    }

    #[test]
    fn participants_share_a_reading_only_if_written_alike() {
        use readout_parse::{ParticipantMention, Spanned};
        let spanned = |v: &str| Spanned::new(v.to_owned(), 0, v.len());
        let participant = |name: &str, forms: &[&str], titles: &[&str], country: Option<&str>| {
            ParticipantMention {
                name: name.to_owned(),
                names_as_written: forms.iter().map(|f| spanned(f)).collect(),
                titles_as_written: titles.iter().map(|t| spanned(t)).collect(),
                country: country.map(spanned),
            }
        };
        let written = [
            participant("Wang Yi", &["Wang Yi"], &["Foreign Minister"], Some("CN")),
            participant("Wang Yi", &["Wang Yi"], &["Foreign Minister"], None),
            participant(
                "Wang Yi",
                &["Wang Yi"],
                &["Foreign", "Minister"],
                Some("CN"),
            ),
            participant(
                "Wang Yi",
                &["Wang", "Yi"],
                &["Foreign Minister"],
                Some("CN"),
            ),
            participant("Wang Yi", &["Wang Yi", "Foreign Minister"], &[], Some("CN")),
            participant("Wang", &["Yi Wang Yi"], &["Foreign Minister"], Some("CN")),
            participant("Wang Yi", &[], &["Wang Yi", "Foreign Minister"], Some("CN")),
            participant("-", &[], &[], None),
            participant("", &[], &[], Some("-")),
        ];
        let mut keys = std::collections::HashSet::new();
        for p in &written {
            let mut key = String::new();
            written_key(p, &mut key);
            assert!(keys.insert(key), "{p:?} has another's key");
        }
        let mut again = String::from("left over");
        written_key(&written[0], &mut again);
        assert!(keys.contains(&again));
    }

    #[test]
    fn items_come_back_once_each_in_any_order_held_or_spilled() {
        let meetings: Vec<Meeting> = normalize(&Normalizer::default(), corpus()).meetings;
        let dir = tempfile::tempdir().unwrap();
        let mut spill: Spill<Meeting> = Spill::new(dir.path(), 5_000);
        assert!(!spill.overflowed());
        for (i, m) in meetings.iter().enumerate() {
            // Some encoded beforehand, as a parallel task does.
            spill
                .push_stored(Stored::new(m.clone(), spill.overflowed() && i % 2 == 0))
                .unwrap();
        }
        assert!(spill.overflowed());
        assert!(matches!(spill.slots[0], Slot::Held(_)));
        for i in (0..meetings.len()).rev() {
            let stored = spill.take_stored(i).unwrap();
            let back = spill.read(stored).unwrap();
            assert_eq!(back, meetings[i]);
        }
        let err = spill.take_stored(0).err().unwrap().to_string();
        assert!(err.contains("item 0 is not there"), "{err}");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
    }
}
