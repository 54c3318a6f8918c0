//! Memory: `extract` keeps each document's text on disk until it writes the
//! dataset, and writes documents one at a time; the output is the bytes a
//! dataset held whole in memory gives.

use crate::support::{binary, readout, root, stderr};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `readout ARGS` in `dir`, expecting success.
fn ok(dir: &Path, args: &[&str]) {
    let run = readout(dir, args);
    assert_eq!(run.status.code(), Some(0), "{args:?}: {}", stderr(&run));
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn documents_written_one_at_a_time_give_the_bytes_of_a_dataset_in_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // The seeds, one of them twice under another name (one document is
    // kept for one text), and a JSON Lines corpus of reports and others.
    std::fs::create_dir(d.join("in")).expect("mkdir");
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    seeds.sort();
    for (i, seed) in seeds.iter().enumerate() {
        let name = seed.file_name().expect("name").to_string_lossy();
        std::fs::copy(seed, d.join("in").join(&*name)).expect("copy");
        if i == 0 {
            std::fs::copy(seed, d.join("in").join(format!("again-{name}"))).expect("copy");
        }
    }
    let text = std::fs::read_to_string(&seeds[0]).expect("seed");
    let lines = [
        serde_json::json!({"id": "a", "text": text, "outlet": "Agency"}),
        serde_json::json!({"id": "b", "html": "<h1>Weather</h1><p>Rain is expected.</p>"}),
        serde_json::json!({"id": "c", "text": "Markets\n\nShares rose.", "published": "2024-01-02"}),
    ];
    let corpus: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(d.join("corpus.jsonl"), corpus).expect("corpus");
    for out in ["out.json", "out.db", "out.jsonl"] {
        ok(d, &["extract", "-q", "-o", out, "in", "corpus.jsonl"]);
    }
    let run = readout(d, &["extract", "-q", "-o", "-", "in", "corpus.jsonl"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(run.stdout == read(d, "out.json"), "standard output differs");
    // The same dataset read back whole and written from memory.
    for (out, again) in [
        ("out.json", "again.json"),
        ("out.db", "again.db"),
        ("out.jsonl", "again.jsonl"),
    ] {
        ok(d, &["convert", "-q", "out.json", "-o", again]);
        assert!(read(d, out) == read(d, again), "{out} differs from {again}");
    }
    let data: readout_model::Dataset = serde_json::from_slice(&read(d, "out.json")).expect("json");
    assert_eq!(
        data.documents.len(),
        seeds.len() + 2,
        "one document per text"
    );
    assert!(!data.meetings.is_empty());
    assert!(data.documents.iter().all(|doc| !doc.text.is_empty()));
}

/// The peak resident memory of `readout ARGS` in `dir`, in bytes: the last
/// high-water mark `/proc` gave before it exited.
#[cfg(target_os = "linux")]
fn peak_memory(dir: &Path, args: &[&str]) -> u64 {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run readout");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "readout {args:?} failed");
            return peak;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// Writes `n` articles that report no meeting, about 10 kB each.
#[cfg(target_os = "linux")]
fn articles(path: &Path, n: usize) -> u64 {
    use std::io::Write;
    let words = [
        "the", "harvest", "was", "late", "this", "year", "and", "prices", "of", "grain", "rose",
        "in", "every", "market", "across", "region", "while", "farmers", "waited", "for", "rain",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("corpus"));
    let mut bytes = 0;
    let mut state = 7u64;
    for i in 0..n {
        let mut text = String::from("Harvest report\n\n");
        while text.len() < 10_000 {
            for _ in 0..60 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(words[(state >> 33) as usize % words.len()]);
                text.push(' ');
            }
            text.push_str(&format!("({i}).\n\n"));
        }
        let line = format!(
            "{}\n",
            serde_json::json!({"id": format!("n{i}"), "text": text})
        );
        bytes += line.len() as u64;
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
    bytes
}

#[cfg(target_os = "linux")]
#[test]
fn texts_are_not_held_in_memory_until_the_dataset_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // Both corpora fill a batch of parsing; the large one has 48 MB more
    // text, which a dataset held in memory would hold.
    let small = articles(&d.join("small.jsonl"), 2_000);
    let large = articles(&d.join("large.jsonl"), 6_800);
    let text = large - small;
    // JSON: a database would add its page cache (bounded, but as large as
    // the text here).
    let args = |corpus: &'static str| ["extract", "-q", "--jobs", "1", "-o", "out.json", corpus];
    let p_small = peak_memory(d, &args("small.jsonl"));
    std::fs::remove_file(d.join("out.json")).expect("rm");
    let p_large = peak_memory(d, &args("large.jsonl"));
    let grew = p_large.saturating_sub(p_small);
    assert!(
        grew < text / 2,
        "peak memory grew {} MB for {} MB more text ({} MB to {} MB)",
        grew / 1_000_000,
        text / 1_000_000,
        p_small / 1_000_000,
        p_large / 1_000_000
    );
    let data: readout_model::Dataset = serde_json::from_slice(&read(d, "out.json")).expect("json");
    assert_eq!(
        data.documents.len(),
        6_800,
        "every article is in the dataset"
    );
}
