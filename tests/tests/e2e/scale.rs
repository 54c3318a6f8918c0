//! Scale: parallel extraction, JSON Lines corpora, sharding and merging.
//! Each run must give the bytes of the plain single-threaded run.

use crate::support::{dataset, readout, root, stderr};
use std::path::Path;

/// Every report of the seeds and the test corpus, sorted, as paths.
fn reports() -> Vec<String> {
    let mut files = Vec::new();
    for dir in [root().join("seeds"), root().join("tests/corpus")] {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ["txt", "html"].contains(&ext) {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    assert!(files.len() > 20, "the corpus is there");
    files
}

fn extract(dir: &Path, inputs: &[String], extra: &[&str]) -> Vec<u8> {
    let out = format!("out-{}.json", extra.join("").replace(['-', ' '], ""));
    let mut args: Vec<&str> = vec!["extract", "-q", "--force", "-o", &out];
    args.extend(extra);
    args.extend(inputs.iter().map(String::as_str));
    let run = readout(dir, &args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    std::fs::read(dir.join(&out)).expect("output")
}

#[test]
fn jobs_do_not_change_a_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = reports();
    let one = extract(dir.path(), &files, &["--jobs", "1"]);
    let four = extract(dir.path(), &files, &["--jobs", "4"]);
    assert!(one == four, "--jobs 1 and --jobs 4 differ");
    let d: readout_model::Dataset = serde_json::from_slice(&one).expect("json");
    assert!(d.documents.len() > 20);
}

#[test]
fn sharded_then_merged_equals_extracted_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = reports();
    let once = extract(dir.path(), &files, &[]);
    let third = files.len().div_ceil(3);
    let mut parts = Vec::new();
    for (n, shard) in files.chunks(third).enumerate() {
        let part = format!("part-{n}.json");
        let mut args = vec!["extract", "-q", "-o", &part];
        args.extend(shard.iter().map(String::as_str));
        let run = readout(dir.path(), &args);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        parts.push(part);
    }
    // Merged in another order than extracted: the result is canonical.
    let args = [
        "merge", "-q", "-o", "all.json", &parts[2], &parts[0], &parts[1],
    ];
    let run = readout(dir.path(), &args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let merged = std::fs::read(dir.path().join("all.json")).expect("merged");
    assert!(merged == once, "sharded-then-merged differs from one run");
}

#[test]
fn into_adds_new_documents_and_skips_held_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = reports();
    let once = extract(dir.path(), &files, &[]);
    let (first, rest) = files.split_at(files.len() / 2);
    let mut args = vec!["extract", "-q", "-o", "db.json"];
    args.extend(first.iter().map(String::as_str));
    assert_eq!(readout(dir.path(), &args).status.code(), Some(0));
    // The whole corpus again: the first half is already held.
    let mut args = vec!["extract", "--into", "db.json"];
    args.extend(first.iter().chain(rest).map(String::as_str));
    let run = readout(dir.path(), &args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("already held"), "{}", stderr(&run));
    // The bytes of one run over everything.
    let bytes = std::fs::read(dir.path().join("db.json")).expect("db.json");
    assert!(bytes == once, "--into differs from one run");
    let updated = dataset(&dir.path().join("db.json"));
    let once: readout_model::Dataset = serde_json::from_slice(&once).expect("json");
    assert_eq!(updated.documents, once.documents);
    let reports = |d: &readout_model::Dataset| {
        let mut r: Vec<_> = d
            .meetings
            .iter()
            .map(|m| {
                (
                    m.date.clone(),
                    m.kind,
                    m.sources.clone(),
                    m.participants.len(),
                )
            })
            .collect();
        r.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        r
    };
    assert_eq!(reports(&updated), reports(&once));
}

#[test]
fn a_json_lines_corpus_is_read_and_bad_lines_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(&reports()[0]).expect("report");
    let good = serde_json::json!({"id": "https://example.org/a", "text": text,
        "published": "2020-01-02", "outlet": "Example Wire"});
    let html = serde_json::json!({"url": "https://example.org/b", "html": "<h1>Title</h1><p>Nothing met.</p>"});
    let corpus = format!("{good}\n{{\"id\": 1}}\n\n{html}\nnot json\n");
    std::fs::write(dir.path().join("crawl.jsonl"), corpus).expect("write");
    let run = readout(dir.path(), &["extract", "crawl.jsonl", "-o", "c.json"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("crawl.jsonl:2:"), "{err}");
    assert!(err.contains("crawl.jsonl:5:"), "{err}");
    let data = dataset(&dir.path().join("c.json"));
    assert_eq!(data.documents.len(), 2);
    let a = data
        .documents
        .iter()
        .find(|d| d.path.as_deref() == Some("https://example.org/a"))
        .expect("document a");
    assert_eq!(a.published.as_deref(), Some("2020-01-02"));
    assert_eq!(a.outlet.as_deref(), Some("Example Wire"));
    let b = data
        .documents
        .iter()
        .find(|d| d.path.as_deref() == Some("https://example.org/b"))
        .expect("document b");
    assert!(!b.text.contains('<'), "html was turned into text");
}

#[test]
fn meetings_only_keeps_just_the_sources_of_meetings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = reports();
    let all = extract(dir.path(), &files, &[]);
    let all: readout_model::Dataset = serde_json::from_slice(&all).expect("json");
    let only = extract(dir.path(), &files, &["--meetings-only"]);
    let only: readout_model::Dataset = serde_json::from_slice(&only).expect("json");
    assert_eq!(only.meetings, all.meetings);
    let sources: std::collections::BTreeSet<&String> =
        all.meetings.iter().flat_map(|m| &m.sources).collect();
    let kept: std::collections::BTreeSet<&String> = only.documents.iter().map(|d| &d.id).collect();
    assert_eq!(kept, sources);
}
