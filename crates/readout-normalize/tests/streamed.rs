//! Normalizing in passes over extractions read on demand, with what the
//! passes hold spilled to scratch files, gives the dataset `normalize`
//! gives, meeting for meeting, whatever is spilled.

use readout_normalize::{ExtractionSource, NormalizeError, Normalizer, StreamOptions};
use readout_parse::{Extraction, Input, Markup, parse};
use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

/// The extractions of the seeds and of the test corpus, parsed once.
fn corpus() -> &'static [Extraction] {
    static CORPUS: OnceLock<Vec<Extraction>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["seeds", "tests/corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("read dir") {
                let path = entry.expect("entry").path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ["txt", "html"].contains(&ext) {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "the corpus is there");
        files
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).expect("read");
                let name = path.to_string_lossy();
                parse(&Input {
                    path: Some(&name),
                    bytes: &bytes,
                    markup: Markup::from_path(&name),
                })
            })
            .collect()
    })
}

/// The extractions of a synthetic news crawl, every document of it (with
/// meetings or not), as the CLI reads it.
fn crawl() -> &'static [Extraction] {
    static CRAWL: OnceLock<Vec<Extraction>> = OnceLock::new();
    CRAWL.get_or_init(|| {
        let mut lines = Vec::new();
        readout_testkit::crawl(600_000, 11, &mut lines).expect("crawl");
        let lines = String::from_utf8(lines).expect("utf-8");
        lines
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                let url = v["url"].as_str().expect("url");
                let (text, markup) = match v["text"].as_str() {
                    Some(t) => (t, Markup::Text),
                    None => (v["html"].as_str().expect("html"), Markup::Html),
                };
                let mut ex = parse(&Input {
                    path: Some(url),
                    bytes: text.as_bytes(),
                    markup,
                });
                if let Some(p) = v["published"].as_str() {
                    ex.document.published = Some(p.to_owned());
                    ex.document.evidence.retain(|e| e.field != "published");
                }
                ex
            })
            .collect()
    })
}

/// Every extraction twice (a document read from two paths), the second
/// copies first: what is normalized is one per document, whatever the
/// order given.
fn everything() -> Vec<Extraction> {
    let mut all: Vec<Extraction> = Vec::new();
    for ex in corpus().iter().chain(crawl()).step_by(7) {
        let mut copy = ex.clone();
        copy.document.path = copy.document.path.map(|p| format!("{p}.copy"));
        all.push(copy);
    }
    all.extend(corpus().iter().cloned());
    all.extend(crawl().iter().cloned());
    all
}

/// Spilling nothing, some, everything.
const SPILLS: [usize; 4] = [usize::MAX, 16 << 20, 20_000, 0];

fn streamed_equals_normalize(extractions: Vec<Extraction>) {
    let n = Normalizer::default();
    let whole = n.normalize(extractions.clone());
    assert!(!whole.meetings.is_empty());
    for spill in SPILLS {
        let dir = tempfile::tempdir().unwrap();
        let options = StreamOptions::default().spill_bytes(spill);
        let mut streamed = n
            .normalize_streamed_with(&extractions, dir.path(), &options)
            .unwrap();
        assert_eq!(streamed.len(), whole.meetings.len(), "spill {spill}");
        // One at a time, in order, each as normalize makes it.
        let mut given = Vec::new();
        while let Some(m) = streamed.next_meeting().unwrap() {
            given.push(m);
            assert_eq!(streamed.len(), whole.meetings.len() - given.len());
        }
        assert!(streamed.next_meeting().unwrap().is_none());
        let mut data = std::mem::take(&mut streamed.head);
        data.meetings = given;
        assert_eq!(data, whole, "spill {spill}");
        drop(streamed);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
    // Without the documents: the rest is the same.
    let options = StreamOptions::default().spill_bytes(0).documents(false);
    let data = n
        .normalize_streamed_with(&extractions, &std::env::temp_dir(), &options)
        .unwrap()
        .into_dataset()
        .unwrap();
    assert!(data.documents.is_empty());
    assert_eq!(
        (data.people, data.topics, data.meetings),
        (whole.people, whole.topics, whole.meetings)
    );
}

#[test]
fn the_seeds_and_the_corpus_stream_as_they_normalize() {
    streamed_equals_normalize(corpus().to_vec());
}

#[test]
fn a_crawl_streams_as_it_normalizes() {
    let n = Normalizer::default();
    let data = n.normalize(crawl().to_vec());
    // Reports merged across documents: the part that spilling splits up.
    assert!(data.meetings.iter().any(|m| m.sources.len() > 1));
    streamed_equals_normalize(crawl().to_vec());
}

#[test]
fn everything_twice_in_any_order_streams_as_it_normalizes() {
    streamed_equals_normalize(everything());
}

#[test]
fn a_gazetteer_of_the_user_streams_as_it_normalizes() {
    let mut n = Normalizer::default();
    n.add_gazetteer_toml(
        "[[person]]\nname = \"Sergey Lavrov\"\ncountry = \"RU\"\noffices = [{ role = \"Foreign Minister\", start = \"2030-01-01\" }]\n",
        "user.toml",
    )
    .unwrap();
    let extractions = corpus().to_vec();
    let whole = n.normalize(extractions.clone());
    assert!(
        whole
            .meetings
            .iter()
            .any(|m| m.participants.iter().any(|p| !p.notes.is_empty()))
    );
    let options = StreamOptions::default().spill_bytes(0);
    let data = n
        .normalize_streamed_with(&extractions, &std::env::temp_dir(), &options)
        .unwrap()
        .into_dataset()
        .unwrap();
    assert_eq!(data, whole);
}

#[test]
fn a_scratch_directory_that_cannot_be_written_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let options = StreamOptions::default().spill_bytes(0);
    let err = Normalizer::default()
        .normalize_streamed_with(&corpus().to_vec(), &missing, &options)
        .unwrap_err();
    assert!(matches!(err, NormalizeError::Io { .. }));
    assert!(err.to_string().contains("missing"), "{err}");
    // Held in memory, nothing is written there.
    let options = StreamOptions::default().spill_bytes(usize::MAX);
    assert!(
        Normalizer::default()
            .normalize_streamed_with(&corpus().to_vec(), &missing, &options)
            .is_ok()
    );
}

/// A source one of whose extractions cannot be read.
struct Broken(Vec<Extraction>);

impl ExtractionSource for Broken {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.0[i].document.id
    }
    fn path(&self, i: usize) -> Option<&str> {
        self.0[i].document.path.as_deref()
    }
    fn get(&self, i: usize) -> Result<Cow<'_, Extraction>, NormalizeError> {
        if i == 3 {
            return Err(NormalizeError::Io {
                location: "extractions.json".into(),
                message: "cut short".into(),
            });
        }
        Ok(Cow::Borrowed(&self.0[i]))
    }
}

#[test]
fn an_extraction_that_cannot_be_read_is_an_error_naming_its_source() {
    let source = Broken(corpus().to_vec());
    let err = Normalizer::default()
        .normalize_streamed(&source, &std::env::temp_dir())
        .unwrap_err();
    assert_eq!(err.to_string(), "extractions.json: cut short");
}
