//! What the parser found in the documents that report meetings, kept on
//! disk while a corpus is read, beside the documents' spool
//! ([`crate::spool`]): each extraction is written to a temporary file
//! (encoded by [`encode`]) as soon as it is parsed, and read back when normalization asks for
//! it. Memory holds a few bytes per extraction (its document's id and path,
//! where it stands in the file), not its meetings.

use readout_format::FormatError;
use readout_normalize::{ExtractionSource, NormalizeError};
use readout_parse::{Extraction, MeetingMention};
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where one extraction stands: the number of its document in the
/// documents' spool, its id and path in `names`, its bytes in the file.
struct Entry {
    number: usize,
    /// Start of the id in `names`; the path follows it.
    name: usize,
    id_len: u32,
    /// `None` for a document with no path.
    path_len: Option<u32>,
    offset: u64,
    len: u64,
    /// The length of the meetings' part.
    meetings: u64,
}

/// What normalization reads of an extraction, encoded (postcard): its
/// meetings, then its document without what is not read (sha256, outlet,
/// headline, evidence). Normalization's first pass reads the meetings only.
pub(crate) struct Encoded {
    bytes: Vec<u8>,
    /// The length of the meetings' part.
    meetings: usize,
}

/// Encodes what normalization reads of `extraction`, which is as it was
/// afterwards.
pub(crate) fn encode(extraction: &mut Extraction) -> postcard::Result<Encoded> {
    let bytes = postcard::to_stdvec(&extraction.meetings)?;
    let meetings = bytes.len();
    let doc = &mut extraction.document;
    let sha256 = std::mem::take(&mut doc.sha256);
    let outlet = doc.outlet.take();
    let headline = doc.headline.take();
    let evidence = std::mem::take(&mut doc.evidence);
    let made = postcard::to_extend(&*doc, bytes);
    doc.sha256 = sha256;
    doc.outlet = outlet;
    doc.headline = headline;
    doc.evidence = evidence;
    Ok(Encoded {
        bytes: made?,
        meetings,
    })
}

/// Extractions being written to a temporary file, in the order they are read.
pub(crate) struct FoundSpool {
    dir: PathBuf,
    file: Option<BufWriter<File>>,
    /// The first error met writing; every later write is skipped.
    error: Option<io::Error>,
    written: u64,
    /// Every id and path, end to end.
    names: String,
    entries: Vec<Entry>,
}

impl FoundSpool {
    /// A spool in a temporary file in `dir`, created when the first
    /// extraction comes and removed when the spool (or the [`Found`] it
    /// becomes) is dropped.
    pub(crate) fn new(dir: &Path) -> Self {
        FoundSpool {
            dir: dir.to_path_buf(),
            file: None,
            error: None,
            written: 0,
            names: String::new(),
            entries: Vec::new(),
        }
    }

    /// Writes out the extraction of the document the documents' spool
    /// numbered `number`, as [`encode`] made it on a parsing thread
    /// (`None`: made here).
    pub(crate) fn push(
        &mut self,
        number: usize,
        extraction: &mut Extraction,
        encoded: Option<Encoded>,
    ) {
        let name = self.names.len();
        let document = &extraction.document;
        self.names.push_str(&document.id);
        if let Some(path) = &document.path {
            self.names.push_str(path);
        }
        let id_len = u32::try_from(document.id.len()).unwrap_or(u32::MAX);
        let path_len = document
            .path
            .as_ref()
            .map(|p| u32::try_from(p.len()).unwrap_or(u32::MAX));
        let encoded = match encoded {
            Some(encoded) => Ok(encoded),
            None => encode(extraction),
        };
        let (len, meetings) = match encoded {
            Ok(encoded) => (self.write(&encoded.bytes), encoded.meetings as u64),
            Err(e) => {
                self.fail(io::Error::other(e));
                (0, 0)
            }
        };
        self.entries.push(Entry {
            number,
            name,
            id_len,
            path_len,
            offset: self.written - len,
            len,
            meetings: meetings.min(len),
        });
    }

    fn write(&mut self, bytes: &[u8]) -> u64 {
        if self.error.is_some() {
            return 0;
        }
        if self.file.is_none() {
            match tempfile::tempfile_in(&self.dir) {
                Ok(file) => self.file = Some(BufWriter::with_capacity(1 << 20, file)),
                Err(e) => {
                    self.fail(e);
                    return 0;
                }
            }
        }
        let Some(file) = &mut self.file else {
            return 0;
        };
        match file.write_all(bytes) {
            Ok(()) => {
                let len = bytes.len() as u64;
                self.written += len;
                len
            }
            Err(e) => {
                self.fail(e);
                0
            }
        }
    }

    fn fail(&mut self, e: io::Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// The extractions of the documents the documents' spool keeps
    /// (`kept`, by number, from [`crate::spool::Spool::finish`]), in the
    /// order read, to be read back.
    pub(crate) fn finish(self, kept: &[bool]) -> Result<Found, FormatError> {
        let location = format!("a temporary file in {}", self.dir.display());
        if let Some(e) = self.error {
            return Err(FormatError::io(location, e));
        }
        let file = match self.file {
            Some(file) => Some(
                file.into_inner()
                    .map_err(|e| FormatError::io(&location, e.into_error()))?,
            ),
            None => None,
        };
        let mut entries = self.entries;
        entries.retain(|e| kept.get(e.number).copied().unwrap_or(false));
        Ok(Found {
            location,
            file: file.map(Mutex::new),
            names: self.names,
            entries,
        })
    }
}

/// Spooled extractions, read back on demand (from several threads).
pub(crate) struct Found {
    location: String,
    file: Option<Mutex<File>>,
    names: String,
    entries: Vec<Entry>,
}

impl Found {
    fn error(&self, message: impl std::fmt::Display) -> NormalizeError {
        NormalizeError::Io {
            location: self.location.clone(),
            message: message.to_string(),
        }
    }
}

impl Found {
    /// The first `len` bytes of extraction `i`.
    fn read(&self, i: usize, len: u64) -> Result<Vec<u8>, NormalizeError> {
        let offset = self.entries[i].offset;
        let Some(file) = &self.file else {
            return Err(self.error("no extraction was kept"));
        };
        let mut buf = vec![0; usize::try_from(len).unwrap_or(usize::MAX)];
        let mut file = file
            .lock()
            .map_err(|_| self.error("a thread reading it stopped"))?;
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(&mut buf))
            .map_err(|e| self.error(e))?;
        Ok(buf)
    }

    fn reads_wrong(&self, i: usize, e: postcard::Error) -> NormalizeError {
        let offset = self.entries[i].offset;
        self.error(format!("extraction at byte {offset} reads back wrong: {e}"))
    }
}

impl ExtractionSource for Found {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn id(&self, i: usize) -> &str {
        let e = &self.entries[i];
        self.names
            .get(e.name..e.name + e.id_len as usize)
            .unwrap_or_default()
    }

    fn path(&self, i: usize) -> Option<&str> {
        let e = &self.entries[i];
        let start = e.name + e.id_len as usize;
        e.path_len.map(|len| {
            self.names
                .get(start..start + len as usize)
                .unwrap_or_default()
        })
    }

    fn get(&self, i: usize) -> Result<Cow<'_, Extraction>, NormalizeError> {
        let entry = &self.entries[i];
        let buf = self.read(i, entry.len)?;
        let (meetings, document) = buf.split_at(usize::try_from(entry.meetings).unwrap_or(0));
        let meetings = postcard::from_bytes(meetings).map_err(|e| self.reads_wrong(i, e))?;
        let document = postcard::from_bytes(document).map_err(|e| self.reads_wrong(i, e))?;
        Ok(Cow::Owned(Extraction {
            document,
            dateline: None,
            meetings,
            mentions: Vec::new(),
            diagnostics: Vec::new(),
        }))
    }

    fn meetings(&self, i: usize) -> Result<Cow<'_, [MeetingMention]>, NormalizeError> {
        let buf = self.read(i, self.entries[i].meetings)?;
        postcard::from_bytes(&buf)
            .map(|m: Vec<MeetingMention>| Cow::Owned(m))
            .map_err(|e| self.reads_wrong(i, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_parse::{Input, Markup, parse};

    fn read(path: &str, text: &str) -> Extraction {
        parse(&Input {
            path: Some(path),
            bytes: text.as_bytes(),
            markup: Markup::Text,
        })
    }

    #[test]
    fn extractions_come_back_with_what_normalization_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = FoundSpool::new(dir.path());
        let mut a = read(
            "a.txt",
            "Lavrov meets Wang Yi\n\nMOSCOW, September 18, 2023. Russian Foreign Minister Sergey Lavrov met with Chinese Foreign Minister Wang Yi in Moscow.",
        );
        let mut b = read("b.txt", "Weather\n\nRain \"quoted\" \u{e9}.");
        let before = a.clone();
        let made = encode(&mut a).unwrap();
        assert!(made.meetings > 0 && made.bytes.len() > made.meetings);
        assert_eq!(a, before, "encoding leaves the extraction as it was");
        spool.push(3, &mut a, Some(made));
        spool.push(4, &mut b, None);
        spool.push(5, &mut a.clone(), None);
        let found = spool
            .finish(&[false, false, false, true, false, true])
            .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found.id(0), found.path(0)),
            (a.document.id.as_str(), Some("a.txt"))
        );
        // In any order, more than once.
        for i in [1, 0, 0] {
            let back = found.get(i).unwrap().into_owned();
            assert_eq!(back.meetings, a.meetings);
            assert_eq!(back.document.text, a.document.text);
            assert_eq!(back.document.published, a.document.published);
            assert!(back.document.headline.is_none() && back.diagnostics.is_empty());
            assert_eq!(found.meetings(i).unwrap().into_owned(), back.meetings);
        }
        drop(found);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_directory_that_cannot_hold_the_spool_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let mut spool = FoundSpool::new(&missing);
        spool.push(0, &mut read("a.txt", "Text."), None);
        let err = spool.finish(&[true]).err().unwrap().to_string();
        assert!(err.contains("missing"), "{err}");
    }
}
