//! The spine: extract and convert through the real binary.

use crate::support::*;
use std::fs;

#[test]
fn extract_seeds_writes_a_valid_dataset_of_five_documents() {
    let dir = with_seeds();
    let out = readout(dir.path(), &["extract", "seeds", "-o", "out.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let data = dataset(&dir.path().join("out.json"));
    assert_eq!(data.format, "readout/1");
    assert_eq!(data.documents.len(), 5);
    assert_eq!(readout_model::validate(&data), vec![]);
    for doc in &data.documents {
        let path = doc.path.as_deref().expect("path");
        assert!(
            path.starts_with("seeds/") && path.ends_with(".txt"),
            "{path}"
        );
        let original = fs::read_to_string(dir.path().join(path)).expect("seed");
        assert_eq!(doc.text, original, "text of {path} is not the file");
        let headline = doc.headline.as_deref().expect("headline");
        assert!(original.contains(headline), "{headline:?} is not in {path}");
    }
}

#[test]
fn extract_is_deterministic_and_convert_json_is_the_identity() {
    let dir = with_seeds();
    for out in ["a.json", "b.json"] {
        let run = readout(dir.path(), &["extract", "seeds", "-o", out]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let run = readout(dir.path(), &["convert", "a.json", "-o", "again.json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let a = fs::read(dir.path().join("a.json")).expect("a");
    assert_eq!(
        a,
        fs::read(dir.path().join("b.json")).expect("b"),
        "two runs differ"
    );
    assert_eq!(
        a,
        fs::read(dir.path().join("again.json")).expect("again"),
        "convert changed the bytes"
    );
}

#[test]
fn jsonl_round_trips_through_stdout_and_stdin() {
    let dir = with_seeds();
    let lines = readout(
        dir.path(),
        &["extract", "seeds", "-o", "-", "--to", "jsonl"],
    );
    assert!(lines.status.success(), "{}", stderr(&lines));
    let json = readout_stdin(
        dir.path(),
        &["convert", "-", "--from", "jsonl", "-o", "-", "--to", "json"],
        &lines.stdout,
    );
    assert!(json.status.success(), "{}", stderr(&json));
    readout(dir.path(), &["extract", "seeds", "-o", "direct.json"]);
    assert_eq!(
        json.stdout,
        fs::read(dir.path().join("direct.json")).expect("direct")
    );
}

#[test]
fn a_missing_input_is_one_line_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = readout(dir.path(), &["extract", "missing.txt", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: missing.txt: no such file or directory\n"
    );
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn a_bad_input_in_a_batch_is_skipped_and_reported() {
    let dir = with_seeds();
    let out = readout(
        dir.path(),
        &["extract", "seeds", "missing.txt", "-o", "out.json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("readout: missing.txt: no such file or directory\n"));
    assert_eq!(dataset(&dir.path().join("out.json")).documents.len(), 5);
}

#[test]
fn an_existing_output_needs_force() {
    let dir = with_seeds();
    fs::write(dir.path().join("out.json"), "keep me").expect("write");
    let out = readout(dir.path(), &["extract", "seeds", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: out.json: already exists; pass --force to overwrite it\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.json")).expect("read"),
        "keep me"
    );
    let out = readout(
        dir.path(),
        &["extract", "seeds", "-o", "out.json", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dataset(&dir.path().join("out.json")).documents.len(), 5);
}

#[test]
fn an_input_is_never_an_output() {
    let dir = with_seeds();
    let seed = "seeds/001_b4283a710942f53e.txt";
    let before = fs::read(dir.path().join(seed)).expect("seed");
    let out = readout(
        dir.path(),
        &["extract", seed, "-o", seed, "--to", "json", "--force"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("is an input"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join(seed)).expect("seed"), before);
}

#[test]
fn reading_another_format_value_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(
        dir.path().join("x.json"),
        r#"{"format": "readout/9", "meetings": []}"#,
    )
    .expect("write");
    let out = readout(dir.path(), &["convert", "x.json", "-o", "y.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: x.json: unknown format \"readout/9\", expected \"readout/1\"\n"
    );
    assert!(!dir.path().join("y.json").exists());
}

#[test]
fn an_unknown_output_extension_asks_for_to() {
    let dir = with_seeds();
    let out = readout(dir.path(), &["extract", "seeds", "-o", "out.xyz"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).starts_with("readout: out.xyz: cannot tell the output format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(readout(dir.path(), &["extract"]).status.code(), Some(2));
    assert_eq!(readout(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn html_input_is_read_as_text_of_the_markup() {
    let dir = tempfile::tempdir().expect("dir");
    let html = "<html><head><title>t</title><script>bad()</script></head><body>\
                <h1>Foreign Ministers Meet</h1><p>On May 2, 2024, A met B &amp; C.</p></body></html>";
    fs::write(dir.path().join("page.html"), html).expect("write");
    let out = readout(dir.path(), &["extract", "page.html", "-o", "out.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let data = dataset(&dir.path().join("out.json"));
    let text = &data.documents[0].text;
    assert!(text.contains("A met B & C."), "{text:?}");
    assert!(!text.contains("bad()") && !text.contains('<'), "{text:?}");
}
