//! Nothing lost: an output is written to a temporary file beside it and
//! renamed into place, so a run killed in the middle of writing leaves the
//! previous output whole, and two runs writing the same output leave one of
//! the two complete outputs, never a mix.

use crate::support::*;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Writes `readout_testkit::synthetic(meetings, seed)` as `readout/1` JSON.
fn write_synthetic(path: &Path, meetings: usize, seed: u64) {
    let data = readout_testkit::synthetic(meetings, seed);
    let mut bytes = Vec::new();
    readout_json::to_writer(&data, &mut bytes).expect("serialize");
    fs::write(path, bytes).expect("write dataset");
}

/// Starts `readout ARGS` in `dir`, its output discarded.
fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .expect("start readout")
}

/// The temporary files `readout` is writing in `dir`, with their sizes.
fn temporaries(dir: &Path) -> Vec<(String, u64)> {
    fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_string_lossy().into_owned();
            let len = e.metadata().ok()?.len();
            name.starts_with(".readout-").then_some((name, len))
        })
        .collect()
}

/// The names in `dir`, sorted, hidden temporaries left out.
fn visible(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_run_killed_while_writing_leaves_the_previous_output_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    write_synthetic(&work.join("small.json"), 3, 1);
    let out = readout(work, &["convert", "small.json", "-o", "out.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let previous = fs::read(work.join("out.jsonl")).expect("previous output");

    // Kill the run once its temporary output holds some bytes but before it is
    // renamed. A machine fast enough to finish before it is seen gets a bigger
    // dataset next time.
    let mut meetings = 4_000;
    for _ in 0..5 {
        write_synthetic(&work.join("big.json"), meetings, 2);
        let mut child = spawn(work, &["convert", "big.json", "-o", "out.jsonl", "--force"]);
        let caught = loop {
            if let Some(status) = child.try_wait().expect("poll readout") {
                assert!(status.success(), "readout failed: {status}");
                break false;
            }
            if temporaries(work).iter().any(|(_, len)| *len > 0) {
                // `Child::kill` is SIGKILL: no destructor, no clean-up runs.
                child.kill().expect("kill readout");
                child.wait().expect("reap readout");
                break true;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        if !caught {
            // It finished: put the previous output back and try a bigger write.
            fs::write(work.join("out.jsonl"), &previous).expect("restore");
            meetings *= 2;
            continue;
        }
        assert_eq!(
            fs::read(work.join("out.jsonl")).expect("output after the kill"),
            previous,
            "the previous output is intact"
        );
        // No half file under the output's name or any other visible name; the
        // interrupted write is left only as a hidden temporary file.
        assert_eq!(visible(work), ["big.json", "out.jsonl", "small.json"]);
        assert!(!temporaries(work).is_empty());
        // The next run replaces the output whole.
        let out = readout(work, &["convert", "big.json", "-o", "out.jsonl", "--force"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let written = fs::read(work.join("out.jsonl")).expect("output");
        let data = readout_json::from_jsonl_reader(written.as_slice(), "out.jsonl")
            .expect("a whole, valid dataset");
        assert_eq!(data.meetings.len(), meetings);
        return;
    }
    panic!("every run finished before its temporary output was seen; up to {meetings} meetings");
}

#[test]
fn two_runs_writing_the_same_output_leave_one_whole_output() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    let meetings = 3_000;
    write_synthetic(&work.join("a.json"), meetings, 11);
    write_synthetic(&work.join("b.json"), meetings, 12);
    // What each run writes on its own.
    let mut expected = Vec::new();
    for name in ["a", "b"] {
        let alone = format!("{name}.jsonl");
        let out = readout(work, &["convert", &format!("{name}.json"), "-o", &alone]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        expected.push(fs::read(work.join(&alone)).expect("output alone"));
    }
    assert_ne!(expected[0], expected[1]);

    let mut overlapped = false;
    for _ in 0..5 {
        let mut a = spawn(work, &["convert", "a.json", "-o", "out.jsonl", "--force"]);
        let mut b = spawn(work, &["convert", "b.json", "-o", "out.jsonl", "--force"]);
        // Watch for both temporary outputs at once: the writes overlapped.
        loop {
            overlapped |= temporaries(work).len() >= 2;
            let done_a = a.try_wait().expect("poll a").is_some();
            let done_b = b.try_wait().expect("poll b").is_some();
            if done_a && done_b {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        for (name, child) in [("a", a), ("b", b)] {
            let out = child.wait_with_output().expect("wait");
            assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        }
        let got = fs::read(work.join("out.jsonl")).expect("output");
        assert!(
            got == expected[0] || got == expected[1],
            "the output is one run's whole output ({} bytes; alone: {} and {})",
            got.len(),
            expected[0].len(),
            expected[1].len()
        );
        assert!(temporaries(work).is_empty(), "{:?}", temporaries(work));
        if overlapped {
            return;
        }
    }
    panic!("the two runs never wrote at the same time in five tries");
}

/// Every file under `path` (a file or a directory) with its bytes, by relative name.
fn contents(path: &Path) -> Vec<(String, Vec<u8>)> {
    if path.is_file() {
        return vec![(String::new(), fs::read(path).expect("read output"))];
    }
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(path)
        .expect("read output directory")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, fs::read(&p).expect("read output file"))
        })
        .collect();
    files.sort();
    files
}

/// Writes a small dataset to the directory output `out` (format `to`), then
/// starts rewriting it from a bigger one and kills that run (SIGKILL) while
/// its temporary directory is being filled. Returns the previous contents of
/// `out` and the number of meetings of the killed run's input.
fn kill_while_writing_a_directory(
    work: &Path,
    out: &str,
    to: &str,
) -> (Vec<(String, Vec<u8>)>, usize) {
    write_synthetic(&work.join("small.json"), 3, 1);
    let args = |input: &'static str| ["convert", input, "-o", out, "--to", to, "--force"];
    let run = readout(work, &args("small.json"));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let previous = contents(&work.join(out));
    let mut meetings = 4_000;
    for _ in 0..5 {
        write_synthetic(&work.join("big.json"), meetings, 2);
        let mut child = spawn(work, &args("big.json"));
        let caught = loop {
            if let Some(status) = child.try_wait().expect("poll readout") {
                assert!(status.success(), "readout failed: {status}");
                break false;
            }
            if !temporaries(work).is_empty() {
                child.kill().expect("kill readout");
                child.wait().expect("reap readout");
                break true;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        if caught {
            return (previous, meetings);
        }
        // It finished: put the small output back and try a bigger write.
        let run = readout(work, &args("small.json"));
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        meetings *= 2;
    }
    panic!("every run finished before its temporary output was seen; up to {meetings} meetings");
}

#[test]
fn a_directory_output_killed_while_written_keeps_the_previous_directory_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    let (previous, _) = kill_while_writing_a_directory(work, "out.pq", "parquet");
    assert_eq!(
        contents(&work.join("out.pq")),
        previous,
        "the previous directory is whole"
    );
    assert_eq!(visible(work), ["big.json", "out.pq", "small.json"]);
}

#[test]
fn a_csv_directory_killed_while_written_still_reads_back_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    let (previous, meetings) = kill_while_writing_a_directory(work, "out.csv", "csv");
    // Only hidden temporaries beside it; no half directory under any visible name.
    assert_eq!(visible(work), ["big.json", "out.csv", "small.json"]);
    // The directory is the previous one, or (had the kill come after the
    // swap) the new one, whole: never a mix, never missing.
    let now = contents(&work.join("out.csv"));
    let expected = if now == previous { 3 } else { meetings };
    let run = readout(work, &["convert", "out.csv", "-o", "back.json"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(dataset(&work.join("back.json")).meetings.len(), expected);
    // The next run replaces it and leaves no temporary directory of its own.
    let before = temporaries(work).len();
    let run = readout(work, &["convert", "big.json", "-o", "out.csv", "--force"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(temporaries(work).len(), before, "{:?}", temporaries(work));
    let run = readout(work, &["convert", "out.csv", "-o", "again.json"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(dataset(&work.join("again.json")).meetings.len(), meetings);
}

#[test]
fn two_runs_writing_the_same_directory_leave_one_whole_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    write_synthetic(&work.join("a.json"), 3_000, 21);
    write_synthetic(&work.join("b.json"), 3_000, 22);
    let mut expected = Vec::new();
    for name in ["a", "b"] {
        let alone = format!("{name}.pq");
        let input = format!("{name}.json");
        let out = readout(work, &["convert", &input, "-o", &alone, "--to", "parquet"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        expected.push(contents(&work.join(&alone)));
    }
    for _ in 0..3 {
        let args = |input| {
            [
                "convert", input, "-o", "out.pq", "--to", "parquet", "--force",
            ]
        };
        let a = spawn(work, &args("a.json"));
        let b = spawn(work, &args("b.json"));
        for (name, child) in [("a", a), ("b", b)] {
            let out = child.wait_with_output().expect("wait");
            // The run that loses the race to the name may fail, saying so;
            // it never leaves a mix.
            match out.status.code() {
                Some(0) => {}
                Some(3) => assert!(
                    stderr(&out).starts_with("readout: writing out.pq: out.pq: "),
                    "{name}: {}",
                    stderr(&out)
                ),
                other => panic!("{name}: exit {other:?}: {}", stderr(&out)),
            }
        }
        let got = contents(&work.join("out.pq"));
        assert!(
            got == expected[0] || got == expected[1],
            "out.pq is one run's whole output"
        );
    }
}
