//! Bad input: every case names the file and the reason on standard error, and
//! ends with the documented exit code (0 success, 1 some inputs skipped, 3
//! nothing written) — never a panic, never a silent success.

use crate::support::*;
use std::fs;
use std::path::Path;

/// A `readout/1` dataset as JSON bytes.
fn json_bytes(data: &readout_model::Dataset) -> Vec<u8> {
    serde_json::to_vec_pretty(data).expect("serialize dataset")
}

/// The lines `readout` printed on standard error.
fn lines(out: &std::process::Output) -> Vec<String> {
    stderr(out).lines().map(str::to_owned).collect()
}

/// No line of standard error is an error or a panic.
fn assert_no_error(out: &std::process::Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{err}");
    for line in err.lines() {
        assert!(
            line.starts_with("readout: "),
            "every message starts `readout: `: {line:?}\n{err}"
        );
    }
}

/// One bad input for a command: the files it starts with, the command line,
/// what standard error must hold and the exit code.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &'static [&'static str],
    /// Lines standard error must hold, whole.
    lines: Vec<String>,
    /// Prefix and infix of a line standard error must hold (for messages
    /// worded by a library: JSON syntax errors and the like).
    line_like: Option<(&'static str, &'static str)>,
    code: i32,
    /// The output the command names, and whether it must exist afterwards.
    output: (&'static str, bool),
}

fn check(case: &Case) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in &case.files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        if name.ends_with('/') {
            fs::create_dir_all(&path).expect("mkdir");
        } else {
            fs::write(&path, bytes).expect("write input");
        }
    }
    let out = readout(dir.path(), case.args);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{}: {err}", case.name);
    assert_eq!(out.status.code(), Some(case.code), "{}: {err}", case.name);
    let got = lines(&out);
    for line in &case.lines {
        assert!(
            got.contains(line),
            "{}: no line {line:?} in:\n{err}",
            case.name
        );
    }
    if let Some((prefix, infix)) = case.line_like {
        assert!(
            got.iter()
                .any(|l| l.starts_with(prefix) && l.contains(infix)),
            "{}: no line starting {prefix:?} holding {infix:?} in:\n{err}",
            case.name
        );
    }
    let (output, exists) = case.output;
    assert_eq!(
        dir.path().join(output).exists(),
        exists,
        "{}: output {output} should {}exist\n{err}",
        case.name,
        if exists { "" } else { "not " }
    );
    if exists && output == "out.json" {
        let data = dataset(&dir.path().join(output));
        assert!(readout_model::validate(&data).is_empty(), "{}", case.name);
    }
}

/// How a test changes one file of a directory: its new bytes, or `None` to leave it out.
type Change<'a> = &'a dyn Fn(&str, &[u8]) -> Option<Vec<u8>>;

/// The files of directory `dir` for a [`Case`]: `files` (name, bytes) with
/// `change` applied.
fn dir_with(
    dir: &str,
    files: &[(String, Vec<u8>)],
    change: Change<'_>,
) -> Vec<(&'static str, Vec<u8>)> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut out = vec![(leak(format!("{dir}/")), Vec::new())];
    for (name, bytes) in files {
        if let Some(bytes) = change(name, bytes) {
            out.push((leak(format!("{dir}/{name}")), bytes));
        }
    }
    out
}

const REPORT: &[u8] =
    b"Ministers meet in Geneva\n\nOn May 2, 2024, the foreign ministers met in Geneva.\n";

fn seeds_json() -> Vec<u8> {
    json_bytes(&readout_testkit::synthetic(3, 7))
}

#[test]
fn reports_that_cannot_be_read_are_named_with_the_reason_and_the_exit_code_says_so() {
    let cases = vec![
        Case {
            name: "an empty file, alone: nothing written",
            files: vec![("empty.txt", Vec::new())],
            args: &["extract", "empty.txt", "-o", "out.json"],
            lines: vec!["readout: empty.txt: empty file".into()],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "an empty file beside a report: skipped, the rest written",
            files: vec![("empty.txt", Vec::new()), ("ok.txt", REPORT.to_vec())],
            args: &["extract", "empty.txt", "ok.txt", "-o", "out.json"],
            lines: vec!["readout: empty.txt: empty file".into()],
            line_like: Some(("readout: read 1 documents, skipped 1 (1 empty file)", "")),
            code: 1,
            output: ("out.json", true),
        },
        Case {
            name: "an empty directory, alone",
            files: vec![("nothing/", Vec::new())],
            args: &["extract", "nothing", "-o", "out.json"],
            lines: vec!["readout: nothing: no .txt or .html files in this directory".into()],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "an empty directory beside a report",
            files: vec![("nothing/", Vec::new()), ("ok.txt", REPORT.to_vec())],
            args: &["extract", "nothing", "ok.txt", "-o", "out.json"],
            lines: vec!["readout: nothing: no .txt or .html files in this directory".into()],
            line_like: Some(("readout: read 1 documents, skipped 1 (1 empty directory)", "")),
            code: 1,
            output: ("out.json", true),
        },
        Case {
            name: "a missing file",
            files: vec![],
            args: &["extract", "gone.txt", "-o", "out.json"],
            lines: vec!["readout: gone.txt: no such file or directory".into()],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "invalid UTF-8: read lossily, with a warning naming the byte",
            files: vec![("bad.txt", b"Talks in Geneva\n\nThe ministers \xff\xfe met.\n".to_vec())],
            args: &["extract", "bad.txt", "-o", "out.json"],
            lines: vec![
                "readout: warning: bad.txt: invalid UTF-8 at byte 31; invalid sequences replaced with U+FFFD"
                    .into(),
            ],
            line_like: Some(("readout: read 1 documents: ", " -> out.json (json)")),
            code: 0,
            output: ("out.json", true),
        },
        Case {
            name: "binary junk: read lossily, with a warning naming the first bad byte",
            files: vec![("junk.txt", {
                let mut junk = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
                junk.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
                junk
            })],
            args: &["extract", "junk.txt", "-o", "out.json"],
            lines: vec![
                "readout: warning: junk.txt: invalid UTF-8 at byte 0; invalid sequences replaced with U+FFFD"
                    .into(),
            ],
            line_like: Some(("readout: read 1 documents: ", " -> out.json (json)")),
            code: 0,
            output: ("out.json", true),
        },
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn datasets_that_cannot_be_read_are_named_with_the_reason_and_nothing_is_written() {
    let full = seeds_json();
    let truncated = full[..full.len() / 2].to_vec();
    let cases = vec![
        Case {
            name: "truncated JSON",
            files: vec![("cut.json", truncated.clone())],
            args: &["convert", "cut.json", "-o", "out.jsonl"],
            lines: vec![],
            line_like: Some(("readout: cut.json:", ": EOF while parsing")),
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "an empty JSON file",
            files: vec![("empty.json", Vec::new())],
            args: &["convert", "empty.json", "-o", "out.jsonl"],
            lines: vec![],
            line_like: Some(("readout: empty.json:1:0: ", "EOF while parsing a value")),
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "JSON of another format",
            files: vec![(
                "other.json",
                br#"{"format": "other/2", "documents": []}"#.to_vec(),
            )],
            args: &["convert", "other.json", "-o", "out.jsonl"],
            lines: vec![
                r#"readout: other.json: unknown format "other/2", expected "readout/1""#.into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "JSON with no format field",
            files: vec![("bare.json", br#"{"meetings": []}"#.to_vec())],
            args: &["convert", "bare.json", "-o", "out.jsonl"],
            lines: vec![r#"readout: bare.json: no "format" field, expected "readout/1""#.into()],
            line_like: None,
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "JSON that is not an object",
            files: vec![("list.json", b"[1, 2, 3]".to_vec())],
            args: &["convert", "list.json", "-o", "out.jsonl"],
            lines: vec![],
            line_like: Some(("readout: list.json:1:", "invalid type")),
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "truncated JSON Lines",
            files: vec![("cut.jsonl", {
                let mut bytes = Vec::new();
                readout_json::to_jsonl_writer(&readout_testkit::synthetic(3, 7), &mut bytes)
                    .expect("jsonl");
                bytes.truncate(bytes.len() - 10);
                bytes
            })],
            args: &["convert", "cut.jsonl", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: cut.jsonl:", "EOF while parsing")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "binary junk as JSON",
            files: vec![("junk.json", b"\x00\x01\x02\xff\xfe".to_vec())],
            args: &["convert", "junk.json", "-o", "out.jsonl"],
            lines: vec![],
            line_like: Some(("readout: junk.json:1:", "expected value")),
            code: 3,
            output: ("out.jsonl", false),
        },
        Case {
            name: "stats of truncated JSON",
            files: vec![("cut.json", truncated.clone())],
            args: &["stats", "cut.json"],
            lines: vec![],
            line_like: Some(("readout: cut.json:", ": EOF while parsing")),
            code: 3,
            output: ("cut.json", true),
        },
        Case {
            name: "a report of JSON of another format",
            files: vec![("other.json", br#"{"format": "other/2"}"#.to_vec())],
            args: &["report", "other.json", "-o", "report.html"],
            lines: vec![
                r#"readout: other.json: unknown format "other/2", expected "readout/1""#.into(),
            ],
            line_like: None,
            code: 3,
            output: ("report.html", false),
        },
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded_without_a_warning() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "Talks in Genève\n\nOn May 2, 2024, the ministers met in Genève.\n";
    for (name, bom, le) in [
        ("le.txt", [0xFF, 0xFE], true),
        ("be.txt", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        fs::write(dir.path().join(name), bytes).expect("write");
        let out_name = format!("{name}.json");
        let out = readout(dir.path(), &["extract", name, "-o", &out_name]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(!stderr(&out).contains("UTF"), "{}", stderr(&out));
        assert_no_error(&out);
        let data = dataset(&dir.path().join(&out_name));
        assert_eq!(data.documents.len(), 1);
        assert_eq!(data.documents[0].text, text, "{name}");
    }
}

/// Paragraphs of report prose, each naming different people and places.
fn paragraphs(n: usize) -> String {
    let mut text = String::from("Ministers meet, again and again\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "On May {}, 2024, Foreign Minister Alpha{i} Beta of Country{i} met Secretary \
             Gamma{i} Delta in City{i} to discuss trade, climate and regional security.\n\n",
            i % 28 + 1
        ));
    }
    text
}

#[test]
fn a_document_of_ten_thousand_paragraphs_is_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let text = paragraphs(10_000);
    fs::write(dir.path().join("long.txt"), &text).expect("write");
    let out = readout(dir.path(), &["extract", "long.txt", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_error(&out);
    let data = dataset(&dir.path().join("out.json"));
    assert!(readout_model::validate(&data).is_empty());
    assert_eq!(data.documents.len(), 1);
    assert_eq!(data.documents[0].text, text);
    for evidence in data.documents[0]
        .evidence
        .iter()
        .chain(data.meetings.iter().flat_map(|m| m.evidence.iter()))
    {
        assert_eq!(
            text.get(evidence.start..evidence.end),
            Some(evidence.text.as_str()),
            "evidence points at its own bytes"
        );
    }
}

#[test]
fn a_hundred_megabyte_document_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let block = paragraphs(200);
    let mut text = String::with_capacity(100 << 20);
    while text.len() < 100 << 20 {
        text.push_str(&block);
    }
    fs::write(dir.path().join("huge.txt"), &text).expect("write");
    let out = readout(dir.path(), &["extract", "huge.txt", "-o", "out.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_error(&out);
    assert!(
        stderr(&out).contains("readout: warning: huge.txt: the text is "),
        "a text past the reading limit says how much of it was read: {}",
        stderr(&out)
    );
    let last = lines(&out).pop().unwrap_or_default();
    assert!(
        last.starts_with("readout: read 1 documents: ") && last.ends_with(" -> out.jsonl (jsonl)"),
        "{last}"
    );
    let written = fs::read(dir.path().join("out.jsonl")).expect("output");
    let data = readout_json::from_jsonl_reader(written.as_slice(), "out.jsonl").expect("valid");
    assert_eq!(data.documents.len(), 1);
    assert_eq!(data.documents[0].text.len(), text.len());
}

#[test]
fn html_scripts_styles_and_comments_are_dropped_and_unclosed_tags_still_read() {
    let dir = tempfile::tempdir().expect("dir");
    let html = r#"<!DOCTYPE html><html><head><title>Ministers meet</title>
<style>.x { color: red } /* STYLE-TEXT */</style>
<script>var secret = "SCRIPT-TEXT"; if (a < b && c > d) {}</script>
</head><body><!-- COMMENT-TEXT --><h1>Ministers meet in Geneva
<p>On May 2, 2024, the foreign ministers met in Geneva.
<p>They discussed <b>trade <i>and climate.
<div><script>document.write("<p>INJECTED</p>")</script><noscript>NOSCRIPT-TEXT</noscript>
<p>Closing paragraph"#;
    fs::write(dir.path().join("page.html"), html).expect("write");
    let out = readout(dir.path(), &["extract", "page.html", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_error(&out);
    let data = dataset(&dir.path().join("out.json"));
    let text = &data.documents[0].text;
    for kept in [
        "the foreign ministers met in Geneva",
        "They discussed trade and climate",
        "Closing paragraph",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    for dropped in [
        "STYLE-TEXT",
        "SCRIPT-TEXT",
        "COMMENT-TEXT",
        "INJECTED",
        "color: red",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} kept in {text:?}");
    }
}

#[test]
fn rdf_that_cannot_be_read_is_named_with_the_line_and_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("data.json"), seeds_json()).expect("write");
    let out = readout(dir.path(), &["convert", "data.json", "-o", "whole.ttl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let whole = fs::read(dir.path().join("whole.ttl")).expect("turtle");
    let cases = vec![
        Case {
            name: "Turtle with a syntax error",
            files: vec![("bad.ttl", b"@prefix x: <http://x/> .\nx:a x:b".to_vec())],
            args: &["convert", "bad.ttl", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: bad.ttl:2:", "")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "Turtle with an undeclared prefix",
            files: vec![("prefix.ttl", b"<http://x/a> <http://x/b> y:c .\n".to_vec())],
            args: &["convert", "prefix.ttl", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: prefix.ttl:1:", "")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "truncated Turtle",
            files: vec![("cut.ttl", whole[..whole.len() * 2 / 3].to_vec())],
            args: &["convert", "cut.ttl", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: cut.ttl:", "")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "N-Triples with an unterminated literal",
            files: vec![(
                "bad.nt",
                b"<http://x/a> <http://x/b> \"unterminated .\n".to_vec(),
            )],
            args: &["convert", "bad.nt", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: bad.nt:1:", "end of file")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "N-Triples that are not a readout dataset",
            files: vec![(
                "other.nt",
                b"<http://x/a> <http://x/b> <http://x/c> .\n".to_vec(),
            )],
            args: &["convert", "other.nt", "-o", "out.json"],
            lines: vec![
                "readout: other.nt: no schema:Dataset node with ro:format \"readout/1\": not a readout dataset"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "an empty Turtle file",
            files: vec![("empty.ttl", Vec::new())],
            args: &["convert", "empty.ttl", "-o", "out.json"],
            lines: vec![
                "readout: empty.ttl: no schema:Dataset node with ro:format \"readout/1\": not a readout dataset"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn parquet_directories_that_cannot_be_read_are_named_with_the_file_and_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("data.json"), seeds_json()).expect("write");
    let out = readout(
        dir.path(),
        &["convert", "data.json", "-o", "pq", "--to", "parquet"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut tables: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in fs::read_dir(dir.path().join("pq")).expect("pq") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        tables.push((name, fs::read(&path).expect("table")));
    }
    let with = |change: Change<'_>| dir_with("pq", &tables, change);
    let cases = vec![
        Case {
            name: "a Parquet directory with a missing table",
            files: with(&|name, bytes| (name != "topics.parquet").then(|| bytes.to_vec())),
            args: &["convert", "pq", "-o", "out.json", "--from", "parquet"],
            lines: vec!["readout: pq: not a readout Parquet dataset: no topics.parquet".into()],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a Parquet table that is not Parquet",
            files: with(&|name, bytes| {
                Some(if name == "people.parquet" {
                    b"junk\n".to_vec()
                } else {
                    bytes.to_vec()
                })
            }),
            args: &["convert", "pq", "-o", "out.json", "--from", "parquet"],
            lines: vec![],
            line_like: Some(("readout: pq/people.parquet: ", "too small")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a truncated Parquet table",
            files: with(&|name, bytes| {
                Some(if name == "meetings.parquet" {
                    bytes[..bytes.len() / 2].to_vec()
                } else {
                    bytes.to_vec()
                })
            }),
            args: &["convert", "pq", "-o", "out.json", "--from", "parquet"],
            lines: vec![],
            line_like: Some(("readout: pq/meetings.parquet: ", "Parquet")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a file where a Parquet directory is expected",
            files: vec![("one.parquet", b"x".to_vec())],
            args: &["convert", "one.parquet", "-o", "out.json", "--from", "parquet"],
            lines: vec![
                "readout: one.parquet: is not a directory; a Parquet dataset is a directory with one file per table"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
    ];
    for case in &cases {
        check(case);
    }
}

/// A CSV directory and a SQLite file of a small dataset, written by `readout`.
fn tables_and_database(dir: &Path) -> (Vec<(String, Vec<u8>)>, Vec<u8>) {
    fs::write(dir.join("data.json"), seeds_json()).expect("write");
    for (out, to) in [("tables", "csv"), ("data.db", "sqlite")] {
        let run = readout(dir, &["convert", "data.json", "-o", out, "--to", to]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let mut tables = Vec::new();
    for entry in fs::read_dir(dir.join("tables")).expect("tables") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        tables.push((name, fs::read(&path).expect("table")));
    }
    (tables, fs::read(dir.join("data.db")).expect("database"))
}

/// `db` with the big-endian 32-bit header field at `offset` set to `value`
/// (60: user_version, 68: application_id).
fn with_header_field(db: &[u8], offset: usize, value: u32) -> Vec<u8> {
    let mut db = db.to_vec();
    db[offset..offset + 4].copy_from_slice(&value.to_be_bytes());
    db
}

#[test]
fn csv_directories_and_sqlite_files_that_cannot_be_read_are_named_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let (tables, db) = tables_and_database(dir.path());
    let people_plus_column = |name: &str, bytes: &[u8]| {
        if name != "people.csv" {
            return Some(bytes.to_vec());
        }
        let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
        let mut out = String::new();
        for (i, line) in text.split_terminator("\r\n").enumerate() {
            out.push_str(line);
            out.push_str(if i == 0 { ",extra\r\n" } else { ",x\r\n" });
        }
        Some(out.into_bytes())
    };
    let people_long_row = |name: &str, bytes: &[u8]| {
        let mut bytes = bytes.to_vec();
        if name == "people.csv" {
            bytes.extend_from_slice(b"p-extra,Extra Person,,,surplus\r\n");
        }
        Some(bytes)
    };
    let cases = vec![
        Case {
            name: "a CSV directory with a missing table",
            files: dir_with("tables", &tables, &|name, bytes| {
                (name != "people.csv").then(|| bytes.to_vec())
            }),
            args: &["convert", "tables", "-o", "out.json", "--from", "csv"],
            lines: vec![
                "readout: tables: missing table people (people.csv): not a readout CSV directory"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a CSV directory with an extra column",
            files: dir_with("tables", &tables, &people_plus_column),
            args: &["convert", "tables", "-o", "out.json", "--from", "csv"],
            lines: vec![],
            line_like: Some((
                "readout: tables/people.csv:1: table people: unexpected column \"extra\"",
                "",
            )),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a CSV row with one field too many",
            files: dir_with("tables", &tables, &people_long_row),
            args: &["convert", "tables", "-o", "out.json", "--from", "csv"],
            lines: vec![],
            line_like: Some(("readout: tables/people.csv:", "fields, expected")),
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "an empty directory read as CSV",
            files: vec![("tables/", Vec::new())],
            args: &["convert", "tables", "-o", "out.json", "--from", "csv"],
            lines: vec![
                "readout: tables: missing table dataset (dataset.csv): not a readout CSV directory"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a SQLite file that is not a database",
            files: vec![("notes.db", b"just some text, not a database at all".to_vec())],
            args: &["convert", "notes.db", "-o", "out.json"],
            lines: vec!["readout: notes.db: not a SQLite database".into()],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a SQLite file of a newer schema version",
            files: vec![("new.db", with_header_field(&db, 60, 99))],
            args: &["convert", "new.db", "-o", "out.json"],
            lines: vec![
                "readout: new.db: schema version 99 is newer than this readout reads (1); use a newer readout"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a SQLite database of another application",
            files: vec![("other.db", with_header_field(&db, 68, 0))],
            args: &["convert", "other.db", "-o", "out.json"],
            lines: vec![
                "readout: other.db: a SQLite database, but not a readout dataset (its application_id is not readout's)"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "an empty SQLite file",
            files: vec![("empty.db", Vec::new())],
            args: &["convert", "empty.db", "-o", "out.json"],
            lines: vec![
                "readout: empty.db: a SQLite database, but not a readout dataset (its application_id is not readout's)"
                    .into(),
            ],
            line_like: None,
            code: 3,
            output: ("out.json", false),
        },
        Case {
            name: "a truncated SQLite file",
            files: vec![("cut.db", db[..db.len() / 2].to_vec())],
            args: &["convert", "cut.db", "-o", "out.json"],
            lines: vec![],
            line_like: Some(("readout: cut.db: ", "")),
            code: 3,
            output: ("out.json", false),
        },
    ];
    for case in &cases {
        check(case);
    }
}
