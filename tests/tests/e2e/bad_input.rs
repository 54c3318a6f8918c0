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

impl Case {
    /// `readout ARGS`, run in a directory holding `files`, must end with
    /// `code`; `output` names the output and whether it must exist afterwards.
    fn new(
        name: &'static str,
        files: Vec<(&'static str, Vec<u8>)>,
        args: &'static [&'static str],
        code: i32,
        output: (&'static str, bool),
    ) -> Self {
        Case {
            name,
            files,
            args,
            lines: Vec::new(),
            line_like: None,
            code,
            output,
        }
    }

    /// A run that fails (exit code 3) and writes nothing: the output named
    /// after `-o` must not exist afterwards.
    fn fails(
        name: &'static str,
        files: Vec<(&'static str, Vec<u8>)>,
        args: &'static [&'static str],
    ) -> Self {
        let output = args
            .iter()
            .skip_while(|a| **a != "-o")
            .nth(1)
            .expect("a failing case names its output with -o");
        Case::new(name, files, args, 3, (output, false))
    }

    /// Standard error must hold this line, whole.
    fn line(mut self, line: &str) -> Self {
        self.lines.push(line.to_owned());
        self
    }

    /// Standard error must hold a line starting with `prefix` and holding `infix`.
    fn like(mut self, prefix: &'static str, infix: &'static str) -> Self {
        self.line_like = Some((prefix, infix));
        self
    }
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

/// Writes the small dataset of [`seeds_json`] as `data.json` in `dir` and has
/// `readout` convert it to `out` in format `to`.
fn small_dataset_as(dir: &Path, out: &str, to: &str) {
    fs::write(dir.join("data.json"), seeds_json()).expect("write");
    let run = readout(dir, &["convert", "data.json", "-o", out, "--to", to]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// Every file of directory `dir`: its name and bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("read directory") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        files.push((name, fs::read(&path).expect("read file")));
    }
    files
}

#[test]
fn reports_that_cannot_be_read_are_named_with_the_reason_and_the_exit_code_says_so() {
    let cases = vec![
        Case::fails(
            "an empty file, alone: nothing written",
            vec![("empty.txt", Vec::new())],
            &["extract", "empty.txt", "-o", "out.json"],
        )
        .line("readout: empty.txt: empty file"),
        Case::new(
            "an empty file beside a report: skipped, the rest written",
            vec![("empty.txt", Vec::new()), ("ok.txt", REPORT.to_vec())],
            &["extract", "empty.txt", "ok.txt", "-o", "out.json"],
            1,
            ("out.json", true),
        )
        .line("readout: empty.txt: empty file")
        .like("readout: read 1 documents, skipped 1 (1 empty file)", ""),
        Case::fails(
            "an empty directory, alone",
            vec![("nothing/", Vec::new())],
            &["extract", "nothing", "-o", "out.json"],
        )
        .line("readout: nothing: no .txt or .html files in this directory"),
        Case::new(
            "an empty directory beside a report",
            vec![("nothing/", Vec::new()), ("ok.txt", REPORT.to_vec())],
            &["extract", "nothing", "ok.txt", "-o", "out.json"],
            1,
            ("out.json", true),
        )
        .line("readout: nothing: no .txt or .html files in this directory")
        .like("readout: read 1 documents, skipped 1 (1 empty directory)", ""),
        Case::fails(
            "a missing file",
            vec![],
            &["extract", "gone.txt", "-o", "out.json"],
        )
        .line("readout: gone.txt: no such file or directory"),
        Case::new(
            "invalid UTF-8: read lossily, with a warning naming the byte",
            vec![("bad.txt", b"Talks in Geneva\n\nThe ministers \xff\xfe met.\n".to_vec())],
            &["extract", "bad.txt", "-o", "out.json"],
            0,
            ("out.json", true),
        )
        .line("readout: warning: bad.txt: invalid UTF-8 at byte 31; invalid sequences replaced with U+FFFD")
        .like("readout: read 1 documents: ", " -> out.json (json)"),
        Case::new(
            "binary junk: read lossily, with a warning naming the first bad byte",
            vec![("junk.txt", {
                let mut junk = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
                junk.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
                junk
            })],
            &["extract", "junk.txt", "-o", "out.json"],
            0,
            ("out.json", true),
        )
        .line("readout: warning: junk.txt: invalid UTF-8 at byte 0; invalid sequences replaced with U+FFFD")
        .like("readout: read 1 documents: ", " -> out.json (json)"),
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
        Case::fails(
            "truncated JSON",
            vec![("cut.json", truncated.clone())],
            &["convert", "cut.json", "-o", "out.jsonl"],
        )
        .like("readout: cut.json:", ": EOF while parsing"),
        Case::fails(
            "an empty JSON file",
            vec![("empty.json", Vec::new())],
            &["convert", "empty.json", "-o", "out.jsonl"],
        )
        .like("readout: empty.json:1:0: ", "EOF while parsing a value"),
        Case::fails(
            "JSON of another format",
            vec![(
                "other.json",
                br#"{"format": "other/2", "documents": []}"#.to_vec(),
            )],
            &["convert", "other.json", "-o", "out.jsonl"],
        )
        .line(r#"readout: other.json: unknown format "other/2", expected "readout/1""#),
        Case::fails(
            "JSON with no format field",
            vec![("bare.json", br#"{"meetings": []}"#.to_vec())],
            &["convert", "bare.json", "-o", "out.jsonl"],
        )
        .line(r#"readout: bare.json: no "format" field, expected "readout/1""#),
        Case::fails(
            "JSON that is not an object",
            vec![("list.json", b"[1, 2, 3]".to_vec())],
            &["convert", "list.json", "-o", "out.jsonl"],
        )
        .like("readout: list.json:1:", "invalid type"),
        Case::fails(
            "truncated JSON Lines",
            vec![("cut.jsonl", {
                let mut bytes = Vec::new();
                readout_json::to_jsonl_writer(&readout_testkit::synthetic(3, 7), &mut bytes)
                    .expect("jsonl");
                bytes.truncate(bytes.len() - 10);
                bytes
            })],
            &["convert", "cut.jsonl", "-o", "out.json"],
        )
        .like("readout: cut.jsonl:", "EOF while parsing"),
        Case::fails(
            "binary junk as JSON",
            vec![("junk.json", b"\x00\x01\x02\xff\xfe".to_vec())],
            &["convert", "junk.json", "-o", "out.jsonl"],
        )
        .like("readout: junk.json:1:", "expected value"),
        Case::new(
            "stats of truncated JSON",
            vec![("cut.json", truncated.clone())],
            &["stats", "cut.json"],
            3,
            ("cut.json", true),
        )
        .like("readout: cut.json:", ": EOF while parsing"),
        Case::fails(
            "a report of JSON of another format",
            vec![("other.json", br#"{"format": "other/2"}"#.to_vec())],
            &["report", "other.json", "-o", "report.html"],
        )
        .line(r#"readout: other.json: unknown format "other/2", expected "readout/1""#),
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
    small_dataset_as(dir.path(), "whole.ttl", "turtle");
    let whole = fs::read(dir.path().join("whole.ttl")).expect("turtle");
    let cases = vec![
        Case::fails(
            "Turtle with a syntax error",
            vec![("bad.ttl", b"@prefix x: <http://x/> .\nx:a x:b".to_vec())],
            &["convert", "bad.ttl", "-o", "out.json"],
        )
        .like("readout: bad.ttl:2:", ""),
        Case::fails(
            "Turtle with an undeclared prefix",
            vec![("prefix.ttl", b"<http://x/a> <http://x/b> y:c .\n".to_vec())],
            &["convert", "prefix.ttl", "-o", "out.json"],
        )
        .like("readout: prefix.ttl:1:", ""),
        Case::fails(
            "truncated Turtle",
            vec![("cut.ttl", whole[..whole.len() * 2 / 3].to_vec())],
            &["convert", "cut.ttl", "-o", "out.json"],
        )
        .like("readout: cut.ttl:", ""),
        Case::fails(
            "N-Triples with an unterminated literal",
            vec![(
                "bad.nt",
                b"<http://x/a> <http://x/b> \"unterminated .\n".to_vec(),
            )],
            &["convert", "bad.nt", "-o", "out.json"],
        )
        .like("readout: bad.nt:1:", "end of file"),
        Case::fails(
            "N-Triples that are not a readout dataset",
            vec![(
                "other.nt",
                b"<http://x/a> <http://x/b> <http://x/c> .\n".to_vec(),
            )],
            &["convert", "other.nt", "-o", "out.json"],
        )
        .line("readout: other.nt: no schema:Dataset node with ro:format \"readout/1\": not a readout dataset"),
        Case::fails(
            "an empty Turtle file",
            vec![("empty.ttl", Vec::new())],
            &["convert", "empty.ttl", "-o", "out.json"],
        )
        .line("readout: empty.ttl: no schema:Dataset node with ro:format \"readout/1\": not a readout dataset"),
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn parquet_directories_that_cannot_be_read_are_named_with_the_file_and_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    small_dataset_as(dir.path(), "pq", "parquet");
    let tables = files_in(&dir.path().join("pq"));
    let with = |change: Change<'_>| dir_with("pq", &tables, change);
    let cases = vec![
        Case::fails(
            "a Parquet directory with a missing table",
            with(&|name, bytes| (name != "topics.parquet").then(|| bytes.to_vec())),
            &["convert", "pq", "-o", "out.json", "--from", "parquet"],
        )
        .line("readout: pq: not a readout Parquet dataset: no topics.parquet"),
        Case::fails(
            "a Parquet table that is not Parquet",
            with(&|name, bytes| {
                Some(if name == "people.parquet" {
                    b"junk\n".to_vec()
                } else {
                    bytes.to_vec()
                })
            }),
            &["convert", "pq", "-o", "out.json", "--from", "parquet"],
        )
        .like("readout: pq/people.parquet: ", "too small"),
        Case::fails(
            "a truncated Parquet table",
            with(&|name, bytes| {
                Some(if name == "meetings.parquet" {
                    bytes[..bytes.len() / 2].to_vec()
                } else {
                    bytes.to_vec()
                })
            }),
            &["convert", "pq", "-o", "out.json", "--from", "parquet"],
        )
        .like("readout: pq/meetings.parquet: ", "Parquet"),
        Case::fails(
            "a file where a Parquet directory is expected",
            vec![("one.parquet", b"x".to_vec())],
            &["convert", "one.parquet", "-o", "out.json", "--from", "parquet"],
        )
        .line("readout: one.parquet: is not a directory; a Parquet dataset is a directory with one file per table"),
    ];
    for case in &cases {
        check(case);
    }
}

/// A CSV directory and a SQLite file of a small dataset, written by `readout`.
fn tables_and_database(dir: &Path) -> (Vec<(String, Vec<u8>)>, Vec<u8>) {
    for (out, to) in [("tables", "csv"), ("data.db", "sqlite")] {
        small_dataset_as(dir, out, to);
    }
    (
        files_in(&dir.join("tables")),
        fs::read(dir.join("data.db")).expect("database"),
    )
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
        Case::fails(
            "a CSV directory with a missing table",
            dir_with("tables", &tables, &|name, bytes| {
                (name != "people.csv").then(|| bytes.to_vec())
            }),
            &["convert", "tables", "-o", "out.json", "--from", "csv"],
        )
        .line("readout: tables: missing table people (people.csv): not a readout CSV directory"),
        Case::fails(
            "a CSV directory with an extra column",
            dir_with("tables", &tables, &people_plus_column),
            &["convert", "tables", "-o", "out.json", "--from", "csv"],
        )
        .like("readout: tables/people.csv:1: table people: unexpected column \"extra\"", ""),
        Case::fails(
            "a CSV row with one field too many",
            dir_with("tables", &tables, &people_long_row),
            &["convert", "tables", "-o", "out.json", "--from", "csv"],
        )
        .like("readout: tables/people.csv:", "fields, expected"),
        Case::fails(
            "an empty directory read as CSV",
            vec![("tables/", Vec::new())],
            &["convert", "tables", "-o", "out.json", "--from", "csv"],
        )
        .line("readout: tables: missing table dataset (dataset.csv): not a readout CSV directory"),
        Case::fails(
            "a SQLite file that is not a database",
            vec![("notes.db", b"just some text, not a database at all".to_vec())],
            &["convert", "notes.db", "-o", "out.json"],
        )
        .line("readout: notes.db: not a SQLite database"),
        Case::fails(
            "a SQLite file of a newer schema version",
            vec![("new.db", with_header_field(&db, 60, 99))],
            &["convert", "new.db", "-o", "out.json"],
        )
        .line("readout: new.db: schema version 99 is newer than this readout reads (1); use a newer readout"),
        Case::fails(
            "a SQLite database of another application",
            vec![("other.db", with_header_field(&db, 68, 0))],
            &["convert", "other.db", "-o", "out.json"],
        )
        .line("readout: other.db: a SQLite database, but not a readout dataset (its application_id is not readout's)"),
        Case::fails(
            "an empty SQLite file",
            vec![("empty.db", Vec::new())],
            &["convert", "empty.db", "-o", "out.json"],
        )
        .line("readout: empty.db: a SQLite database, but not a readout dataset (its application_id is not readout's)"),
        Case::fails(
            "a truncated SQLite file",
            vec![("cut.db", db[..db.len() / 2].to_vec())],
            &["convert", "cut.db", "-o", "out.json"],
        )
        .like("readout: cut.db: ", ""),
    ];
    for case in &cases {
        check(case);
    }
}
