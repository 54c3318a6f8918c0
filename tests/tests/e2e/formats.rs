//! Every format through the real binary: round trips to the same JSON bytes,
//! SQLite checked by SQLite itself, outputs never overwritten by accident.

use crate::support::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// Every format that reads back, with the output name to write it to. A new
/// readable format is one more line here.
const READABLE: &[(&str, &str)] = &[
    ("json", "out.json"),
    ("jsonl", "out.jsonl"),
    ("csv", "out-csv"),
    ("sqlite", "out.db"),
    ("turtle", "out.ttl"),
    ("ntriples", "out.nt"),
    ("parquet", "out.parquet"),
];

fn run(dir: &Path, args: &[&str]) {
    let out = readout(dir, args);
    assert!(
        out.status.success(),
        "readout {}: {}",
        args.join(" "),
        stderr(&out)
    );
}

/// Converts `start` (a `readout/1` JSON file in `dir`) into every readable
/// format, from each of those into every other, and back to JSON; every
/// result must be the bytes of `start`.
fn through_every_pair_of_formats(dir: &Path, start: &str) {
    let expected = fs::read(dir.join(start)).expect("start");
    for (from, first) in READABLE {
        let first = format!("{from}-{first}");
        run(dir, &["convert", start, "-o", &first, "--to", from]);
        for (to, second) in READABLE {
            let second = format!("{from}-{to}-{second}");
            run(
                dir,
                &["convert", &first, "--from", from, "-o", &second, "--to", to],
            );
            let back = format!("{from}-{to}-back.json");
            run(
                dir,
                &[
                    "convert", &second, "--from", to, "-o", &back, "--to", "json",
                ],
            );
            assert!(
                fs::read(dir.join(&back)).expect("back") == expected,
                "{start} -> {from} -> {to} -> json differs from {start}"
            );
        }
    }
}

#[test]
fn the_seeds_give_the_same_json_bytes_through_every_format() {
    let dir = with_seeds();
    let d = dir.path();
    run(d, &["extract", "seeds", "-o", "direct.json"]);
    run(d, &["extract", "seeds", "-o", "seeds.db"]);
    run(d, &["convert", "seeds.db", "-o", "seeds.json"]);
    assert_eq!(
        fs::read(d.join("seeds.json")).expect("seeds.json"),
        fs::read(d.join("direct.json")).expect("direct.json"),
        "extract -> sqlite -> json differs from extract -> json"
    );
    run(d, &["convert", "seeds.db", "-o", "csvdir", "--to", "csv"]);
    run(d, &["convert", "csvdir", "-o", "from-csv.json"]);
    assert_eq!(
        fs::read(d.join("from-csv.json")).expect("from-csv.json"),
        fs::read(d.join("direct.json")).expect("direct.json"),
        "extract -> sqlite -> csv -> json differs from extract -> json"
    );
    through_every_pair_of_formats(d, "direct.json");
}

fn synthetic_json(dir: &Path, meetings: usize, name: &str) -> readout_model::Dataset {
    let data = readout_testkit::synthetic(meetings, 11);
    let mut bytes = Vec::new();
    readout_json::to_writer(&data, &mut bytes).expect("json");
    fs::write(dir.join(name), bytes).expect("write json");
    data
}

#[test]
fn a_synthetic_dataset_gives_the_same_json_bytes_through_every_format() {
    let dir = tempfile::tempdir().expect("dir");
    synthetic_json(dir.path(), 40, "synthetic.json");
    through_every_pair_of_formats(dir.path(), "synthetic.json");
}

#[test]
fn extract_writes_sqlite_by_default() {
    let dir = with_seeds();
    let d = dir.path();
    run(d, &["extract", "seeds"]);
    run(d, &["extract", "seeds", "-o", "direct.json"]);
    run(d, &["convert", "readout.db", "-o", "back.json"]);
    assert_eq!(
        fs::read(d.join("back.json")).expect("back"),
        fs::read(d.join("direct.json")).expect("direct")
    );
}

fn open(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open database")
}

fn assert_sound(path: &Path) {
    let conn = open(path);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok", "{}", path.display());
    let mut check = conn.prepare("PRAGMA foreign_key_check").expect("fk check");
    let broken = check.query_map([], |_| Ok(())).expect("rows").count();
    assert_eq!(broken, 0, "{} breaks foreign keys", path.display());
}

/// Date, city, country and participant names of a `meetings_view` row.
type ViewRow = (Option<String>, Option<String>, Option<String>, String);

#[test]
fn the_database_passes_sqlites_checks_and_answers_who_met_whom_where() {
    let dir = with_seeds();
    let d = dir.path();
    run(d, &["extract", "seeds", "-o", "seeds.db"]);
    assert_sound(&d.join("seeds.db"));

    let data = synthetic_json(d, 30, "synthetic.json");
    run(d, &["convert", "synthetic.json", "-o", "synthetic.db"]);
    assert_sound(&d.join("synthetic.db"));
    let conn = open(&d.join("synthetic.db"));
    let mut view = conn
        .prepare("select * from meetings_view")
        .expect("meetings_view");
    let rows: Vec<ViewRow> = view
        .query_map([], |r| {
            Ok((
                r.get("date")?,
                r.get("city")?,
                r.get("country")?,
                r.get("participants")?,
            ))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("values");
    assert_eq!(rows.len(), data.meetings.len());
    for (row, meeting) in rows.iter().zip(&data.meetings) {
        let names: Vec<&str> = meeting
            .participants
            .iter()
            .map(|p| data.person(&p.person).expect("person").name.as_str())
            .collect();
        assert_eq!(
            row,
            &(
                meeting.date.clone(),
                meeting.place.city.clone(),
                meeting.place.country.clone(),
                names.join("; ")
            )
        );
    }
}

#[test]
fn writing_over_a_database_or_a_csv_directory_needs_force() {
    let dir = with_seeds();
    let d = dir.path();
    run(d, &["extract", "seeds", "-o", "seeds.db"]);
    let before = fs::read(d.join("seeds.db")).expect("db");
    let out = readout(d, &["extract", "seeds", "-o", "seeds.db"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: seeds.db: already exists; pass --force to overwrite it\n"
    );
    assert_eq!(fs::read(d.join("seeds.db")).expect("db"), before);
    run(d, &["extract", "seeds", "-o", "seeds.db", "--force"]);
    assert_sound(&d.join("seeds.db"));

    run(d, &["convert", "seeds.db", "-o", "tables", "--to", "csv"]);
    fs::write(d.join("tables/NOTE.txt"), "mine").expect("note");
    let out = readout(d, &["convert", "seeds.db", "-o", "tables", "--to", "csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: tables: already exists; pass --force to overwrite it\n"
    );
    assert!(d.join("tables/NOTE.txt").exists());
    run(
        d,
        &[
            "convert", "seeds.db", "-o", "tables", "--to", "csv", "--force",
        ],
    );
    assert!(d.join("tables/meetings.csv").exists());
}

#[test]
fn an_interrupted_database_write_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    synthetic_json(d, 3, "small.json");
    run(d, &["convert", "small.json", "-o", "out.db"]);
    let before = fs::read(d.join("out.db")).expect("db");
    synthetic_json(d, 4000, "big.json");
    let mut child = Command::new(binary())
        .args(["convert", "big.json", "-o", "out.db", "--force"])
        .current_dir(d)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn readout");
    // Kill the writer while its temporary database exists: after the input
    // is read and before the finished file is renamed into place.
    let mut killed = false;
    while child.try_wait().expect("wait").is_none() {
        let writing = fs::read_dir(d)
            .expect("dir")
            .any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".readout-")));
        if writing {
            child.kill().expect("kill");
            child.wait().expect("reap");
            killed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(killed, "the write finished before it could be interrupted");
    assert_eq!(fs::read(d.join("out.db")).expect("db"), before);
    run(d, &["convert", "out.db", "-o", "again.json"]);
    assert_eq!(
        fs::read(d.join("again.json")).expect("again"),
        fs::read(d.join("small.json")).expect("small")
    );
}

#[test]
fn a_file_that_is_not_a_database_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(
        dir.path().join("notes.db"),
        "these are notes, not a database, and long enough for a header",
    )
    .expect("write");
    let out = readout(dir.path(), &["convert", "notes.db", "-o", "x.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(stderr(&out), "readout: notes.db: not a SQLite database\n");
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn spreadsheet_safe_csv_guards_formulas_and_reads_back_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    let mut data = readout_testkit::synthetic(5, 7);
    data.people[0].name = "=HYPERLINK(\"http://x.invalid\",\"open\")".to_owned();
    data.people[1].name = "'quoted".to_owned();
    write_dataset(&work.join("d.json"), &data);
    run(work, &["convert", "d.json", "-o", "expected.json"]);
    let people =
        |dir: &str| fs::read_to_string(work.join(dir).join("people.csv")).expect("people.csv");

    // Without the flag the cell is written as it is: a spreadsheet would run it.
    run(work, &["convert", "d.json", "-o", "plain", "--to", "csv"]);
    assert!(
        people("plain").contains(",\"=HYPERLINK("),
        "{}",
        people("plain")
    );

    // convert keeps every cell; merge re-runs normalization, so its own
    // unguarded output is what the guarded one must read back to.
    run(work, &["merge", "d.json", "-o", "merge-expected.json"]);
    for (command, expected) in [
        ("convert", "expected.json"),
        ("merge", "merge-expected.json"),
    ] {
        let out = format!("{command}-safe");
        run(
            work,
            &[
                command,
                "d.json",
                "-o",
                &out,
                "--to",
                "csv",
                "--spreadsheet-safe",
            ],
        );
        let cells = people(&out);
        assert!(cells.contains("=HYPERLINK("), "{cells}");
        assert!(cells.contains(",''quoted,"), "{cells}");
        assert!(
            cells
                .lines()
                .flat_map(|line| line.split(','))
                .all(|cell| !cell.trim_start_matches('"').starts_with('=')),
            "{command}: a cell starts with '=': {cells}"
        );
        // readout takes the guard off again: the same dataset comes back.
        let back = format!("{command}-back.json");
        run(work, &["convert", &out, "-o", &back]);
        assert_eq!(
            fs::read(work.join(&back)).expect("back"),
            fs::read(work.join(expected)).expect("unguarded"),
            "{command}"
        );
    }

    let dir = with_seeds();
    run(
        dir.path(),
        &[
            "extract",
            "seeds",
            "-o",
            "tables",
            "--to",
            "csv",
            "--spreadsheet-safe",
        ],
    );
    let header = fs::read_to_string(dir.path().join("tables/dataset.csv")).expect("dataset.csv");
    assert!(header.contains("true"), "{header}");
}

#[test]
fn spreadsheet_safe_with_another_format_is_an_error() {
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path();
    write_dataset(&work.join("d.json"), &readout_testkit::synthetic(2, 1));
    for (command, out) in [("convert", "out.jsonl"), ("merge", "out.db")] {
        let run = readout(work, &[command, "d.json", "-o", out, "--spreadsheet-safe"]);
        assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
        assert!(
            stderr(&run).starts_with("readout: --spreadsheet-safe guards CSV output only"),
            "{}",
            stderr(&run)
        );
        assert!(!work.join(out).exists());
    }
}
