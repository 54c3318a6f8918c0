//! Documents kept on disk while a corpus is read: each document, with its
//! text, is written to a temporary file as soon as it is parsed, and read
//! back one at a time when the dataset is written. Memory then holds a few
//! bytes per document (its id and path, where it stands in the file), not
//! its text, so a corpus of any size is read in the memory its meetings need.

use readout_format::{Documents, FormatError};
use readout_model::Document;
use std::fs::File;
use std::io::{self, BufWriter, Write};
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Where one document stands: its id and path in [`Spool::names`], its
/// bytes in the file.
struct Entry {
    /// Start of the id in `names`; the path follows it.
    name: usize,
    id_len: u32,
    /// `None` for a document with no path.
    path_len: Option<u32>,
    offset: u64,
    len: u64,
}

/// Documents being written to a temporary file, in the order they are read.
pub(crate) struct Spool {
    dir: PathBuf,
    file: Option<BufWriter<File>>,
    /// The first error met writing; every later write is skipped.
    error: Option<io::Error>,
    written: u64,
    /// Every id and path, end to end.
    names: String,
    entries: Vec<Entry>,
    buf: Vec<u8>,
}

impl Spool {
    /// A spool in a temporary file in `dir`, created when the first document
    /// comes and removed when the spool (or the [`Store`] it becomes) is dropped.
    pub(crate) fn new(dir: &Path) -> Self {
        Spool {
            dir: dir.to_path_buf(),
            file: None,
            error: None,
            written: 0,
            names: String::new(),
            entries: Vec::new(),
            buf: Vec::new(),
        }
    }

    /// Writes `document` out; returns its number (0, 1, … in the order given).
    #[cfg(test)]
    pub(crate) fn push(&mut self, document: &Document) -> usize {
        self.push_json(document, None)
    }

    /// Writes `document` out, as the JSON a parsing thread made of it
    /// (`None`: made here); returns its number (0, 1, … in the order given).
    pub(crate) fn push_json(&mut self, document: &Document, json: Option<Vec<u8>>) -> usize {
        let name = self.names.len();
        self.names.push_str(&document.id);
        if let Some(path) = &document.path {
            self.names.push_str(path);
        }
        let made = match json {
            Some(json) => {
                self.buf = json;
                Ok(())
            }
            None => {
                self.buf.clear();
                serde_json::to_writer(&mut self.buf, document)
            }
        };
        let len = match made {
            Ok(()) => self.write_buf(),
            Err(e) => {
                self.fail(e.into());
                0
            }
        };
        self.entries.push(Entry {
            name,
            id_len: u32::try_from(document.id.len()).unwrap_or(u32::MAX),
            path_len: document
                .path
                .as_ref()
                .map(|p| u32::try_from(p.len()).unwrap_or(u32::MAX)),
            offset: self.written - len,
            len,
        });
        self.entries.len() - 1
    }

    fn write_buf(&mut self) -> u64 {
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
        match file.write_all(&self.buf) {
            Ok(()) => {
                let len = self.buf.len() as u64;
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

    /// The documents in the dataset's canonical order: one per id (of the
    /// documents with one id, the one with the first path, then the first
    /// read, as normalization keeps), by path then id. Also says, for each
    /// number [`Spool::push`] gave, whether that document is kept.
    pub(crate) fn finish(self) -> Result<(Store, Vec<bool>), FormatError> {
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
        let mut store = Store {
            location,
            file,
            names: self.names,
            entries: self.entries,
            buf: Vec::new(),
        };
        let mut order: Vec<usize> = (0..store.entries.len()).collect();
        // Stable sorts: of equal keys, the first read stays first.
        order.sort_by(|a, b| store.key(*a, true).cmp(&store.key(*b, true)));
        order.dedup_by(|b, a| store.id(*a) == store.id(*b));
        order.sort_by(|a, b| store.key(*a, false).cmp(&store.key(*b, false)));
        let mut kept = vec![false; store.entries.len()];
        for &i in &order {
            kept[i] = true;
        }
        let mut slots: Vec<Option<Entry>> = store.entries.drain(..).map(Some).collect();
        store.entries = order.into_iter().filter_map(|i| slots[i].take()).collect();
        Ok((store, kept))
    }
}

/// Spooled documents, read back one at a time.
pub(crate) struct Store {
    location: String,
    file: Option<File>,
    names: String,
    entries: Vec<Entry>,
    buf: Vec<u8>,
}

impl Store {
    fn path_of(&self, i: usize) -> Option<&str> {
        let e = &self.entries[i];
        let start = e.name + e.id_len as usize;
        e.path_len.map(|len| {
            self.names
                .get(start..start + len as usize)
                .unwrap_or_default()
        })
    }

    /// (id, path) or (path, id).
    fn key(&self, i: usize, id_first: bool) -> (Option<&str>, Option<&str>) {
        let id = Some(self.id(i));
        let path = self.path_of(i);
        if id_first { (id, path) } else { (path, id) }
    }
}

impl Documents for Store {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn id(&self, i: usize) -> &str {
        let e = &self.entries[i];
        self.names
            .get(e.name..e.name + e.id_len as usize)
            .unwrap_or_default()
    }

    fn get(&mut self, i: usize) -> Result<Document, FormatError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        self.get_json(i, &mut buf)?;
        self.buf = buf;
        let offset = self.entries[i].offset;
        serde_json::from_slice(&self.buf).map_err(|e| {
            FormatError::invalid(
                &self.location,
                format!("document at byte {offset} reads back wrong: {e}"),
            )
        })
    }

    /// The spooled JSON, for a writer to parse on another thread.
    fn get_json(&mut self, i: usize, json: &mut Vec<u8>) -> Result<bool, FormatError> {
        let (offset, len) = (self.entries[i].offset, self.entries[i].len);
        let Some(file) = &mut self.file else {
            return Err(FormatError::invalid(&self.location, "no document was kept"));
        };
        let start = json.len();
        json.resize(start + usize::try_from(len).unwrap_or(usize::MAX), 0);
        // One system call a document where the system has it.
        #[cfg(unix)]
        let read = std::os::unix::fs::FileExt::read_exact_at(&*file, &mut json[start..], offset);
        #[cfg(not(unix))]
        let read = file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(&mut json[start..]));
        read.map_err(|e| FormatError::io(&self.location, e))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_whole_one_per_id_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::new(dir.path());
        let doc = |path: Option<&str>, text: &str| {
            let mut d = Document::new(path.map(str::to_owned), text.to_owned());
            d.headline = Some(format!("about {text}"));
            d
        };
        let docs = [
            doc(Some("b.txt"), "one"),
            doc(Some("a.txt"), "two \"quoted\" \u{e9}\n"),
            doc(Some("c.txt"), "one"),
            doc(None, "three"),
            doc(Some("a.txt"), "one"),
        ];
        let numbers: Vec<usize> = docs.iter().map(|d| spool.push(d)).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4]);
        let (mut store, kept) = spool.finish().unwrap();
        // "one" three times: the copy read from a.txt is kept.
        assert_eq!(kept, [false, true, false, true, true]);
        let back = readout_format::read_documents(&mut store).unwrap();
        assert_eq!(back, [docs[3].clone(), docs[1].clone(), docs[4].clone()]);
        assert_eq!(store.id(1), docs[1].id);
        // In any order, again.
        assert_eq!(store.get(0).unwrap(), docs[3]);
    }

    #[test]
    fn an_empty_spool_has_no_file_and_no_documents() {
        let dir = tempfile::tempdir().unwrap();
        let (store, kept) = Spool::new(dir.path()).finish().unwrap();
        assert!(store.is_empty() && kept.is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_directory_that_cannot_hold_the_spool_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let mut spool = Spool::new(&missing);
        spool.push(&Document::new(None, "text".into()));
        let err = spool.finish().err().unwrap().to_string();
        assert!(err.contains("missing"), "{err}");
    }
}
