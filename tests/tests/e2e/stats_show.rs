//! `readout stats` and `readout show` on a small dataset written here, so
//! that every count and every row is known.

use crate::support::*;
use readout_model::{
    Dataset, Document, Meeting, MeetingKind, Participant, Person, Place, Topic, TopicKind,
};
use std::fs;
use std::path::Path;

fn person(id: &str, name: &str, aliases: &[&str], country: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        country: Some(country.into()),
        wikidata: None,
    }
}

fn meeting(
    id: &str,
    date: Option<&str>,
    kind: MeetingKind,
    place: Option<(&str, &str)>,
    people: &[(&str, &str)],
    topics: &[&str],
    source: &Document,
) -> Meeting {
    Meeting {
        id: id.into(),
        date: date.map(str::to_owned),
        date_basis: None,
        kind,
        place: Place {
            city: place.map(|(city, _)| city.to_owned()),
            region: None,
            country: place.map(|(_, country)| country.to_owned()),
        },
        occasion: None,
        participants: people
            .iter()
            .map(|(p, c)| Participant {
                person: (*p).into(),
                country: Some((*c).into()),
                roles: vec![],
                titles_as_written: vec![],
                notes: vec![],
            })
            .collect(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        coding: None,
        statements: vec![],
        sources: vec![source.id.clone()],
        evidence: vec![],
    }
}

/// Four meetings of three people over two years, one undated:
///
/// | date       | kind       | who                       | topics        |
/// | 2023-09-18 | meeting    | Wang Yi, Sergey Lavrov    | BRICS, Ukraine |
/// | 2024-02-17 | meeting    | Wang Yi, Antony Blinken   | Ukraine       |
/// | 2024-04-01 | phone_call | Wang Yi, Sergey Lavrov    |               |
/// | undated    | talks      | Sergey Lavrov, Antony Blinken |           |
fn synthetic() -> Dataset {
    let a = Document::new(
        Some("a.txt".into()),
        "Wang Yi met Sergey Lavrov in Moscow.".into(),
    );
    let b = Document::new(
        Some("b.txt".into()),
        "Wang Yi met Antony Blinken in Munich.".into(),
    );
    let wang = ("wang-yi", "CN");
    let lavrov = ("sergey-lavrov", "RU");
    let blinken = ("antony-blinken", "US");
    let mut data = Dataset {
        people: vec![
            person("wang-yi", "Wang Yi", &[], "CN"),
            person(
                "sergey-lavrov",
                "Sergey Lavrov",
                &["Sergei Lavrov", "Lavrov"],
                "RU",
            ),
            person("antony-blinken", "Antony Blinken", &["Blinken"], "US"),
        ],
        topics: vec![
            Topic {
                id: "ukraine".into(),
                label: "Ukraine".into(),
                kind: TopicKind::Region,
            },
            Topic {
                id: "brics".into(),
                label: "BRICS".into(),
                kind: TopicKind::Organization,
            },
        ],
        meetings: vec![
            meeting(
                "m1",
                Some("2023-09-18"),
                MeetingKind::Meeting,
                Some(("Moscow", "RU")),
                &[wang, lavrov],
                &["brics", "ukraine"],
                &a,
            ),
            meeting(
                "m2",
                Some("2024-02-17"),
                MeetingKind::Meeting,
                Some(("Munich", "DE")),
                &[wang, blinken],
                &["ukraine"],
                &b,
            ),
            meeting(
                "m3",
                Some("2024-04-01"),
                MeetingKind::PhoneCall,
                None,
                &[wang, lavrov],
                &[],
                &a,
            ),
            meeting(
                "m4",
                None,
                MeetingKind::Talks,
                None,
                &[lavrov, blinken],
                &[],
                &b,
            ),
        ],
        documents: vec![a, b],
        ..Dataset::default()
    };
    data.canonicalize();
    assert_eq!(readout_model::validate(&data), vec![]);
    data
}

fn with_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    write_dataset(&dir.path().join("data.json"), &synthetic());
    dir
}

/// The data rows of `readout show` (the header checked and dropped).
fn rows(out: &std::process::Output) -> Vec<String> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    let text = stdout(out);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("date") && header.contains("participants"),
        "{header:?}"
    );
    lines.map(str::to_owned).collect()
}

fn show(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["show", "data.json"];
    args.extend_from_slice(extra);
    rows(&readout(dir, &args))
}

#[test]
fn stats_json_counts_documents_meetings_people_topics_years_kinds_pairs() {
    let dir = with_dataset();
    let out = readout(dir.path(), &["stats", "data.json", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let expected = serde_json::json!({
        "documents": 2,
        "meetings": 4,
        "people": 3,
        "topics": 2,
        "first_date": "2023-09-18",
        "last_date": "2024-04-01",
        "meetings_per_year": {"2023": 1, "2024": 2},
        "undated_meetings": 1,
        "meetings_by_kind": {"meeting": 2, "phone_call": 1, "talks": 1},
        "top_pairs": [
            {"people": ["sergey-lavrov", "wang-yi"], "names": ["Sergey Lavrov", "Wang Yi"], "meetings": 2},
            {"people": ["antony-blinken", "sergey-lavrov"], "names": ["Antony Blinken", "Sergey Lavrov"], "meetings": 1},
            {"people": ["antony-blinken", "wang-yi"], "names": ["Antony Blinken", "Wang Yi"], "meetings": 1}
        ],
        "top_topics": [
            {"topic": "ukraine", "label": "Ukraine", "meetings": 2},
            {"topic": "brics", "label": "BRICS", "meetings": 1}
        ]
    });
    assert_eq!(stats, expected);
}

#[test]
fn stats_text_is_aligned_and_top_limits_the_lists() {
    let dir = with_dataset();
    let out = readout(dir.path(), &["stats", "data.json", "--top", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "documents  2\n",
        "meetings   4\n",
        "people     3\n",
        "topics     2\n",
        "\nmeetings per year\n  2023     1\n  2024     2\n  undated  1\n",
        "\nmeetings by kind\n  meeting     2\n  phone_call  1\n  talks       1\n",
        "\npairs who met most\n  Sergey Lavrov and Wang Yi  2\n\n",
        "\ntopics raised most\n  Ukraine  2\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    assert!(!text.contains("Blinken"), "--top 1 lists one pair\n{text}");
    assert!(!text.contains('\x1b'), "colour with NO_COLOR set\n{text}");
}

#[test]
fn stats_reads_json_lines_from_standard_input() {
    let dir = with_dataset();
    let lines = readout(
        dir.path(),
        &["convert", "data.json", "-o", "-", "--to", "jsonl"],
    );
    assert!(lines.status.success(), "{}", stderr(&lines));
    let from_stdin = readout_stdin(
        dir.path(),
        &["stats", "-", "--from", "jsonl", "--json"],
        &lines.stdout,
    );
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    let from_file = readout(dir.path(), &["stats", "data.json", "--json"]);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn stats_of_the_extracted_seeds_counts_five_documents() {
    let dir = with_seeds();
    let run = readout(dir.path(), &["extract", "seeds", "-o", "seeds.jsonl"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = readout(dir.path(), &["stats", "seeds.jsonl", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let data = dataset_of(&dir.path().join("seeds.jsonl"), dir.path());
    assert_eq!(stats["documents"], 5);
    assert_eq!(stats["meetings"], data.meetings.len());
    assert_eq!(stats["people"], data.people.len());
}

/// A dataset in any format, through `readout convert` to JSON.
fn dataset_of(path: &Path, dir: &Path) -> Dataset {
    let out = readout(
        dir,
        &[
            "convert",
            &path.to_string_lossy(),
            "-o",
            "-",
            "--to",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("readout/1 JSON")
}

#[test]
fn show_prints_an_aligned_table_dated_meetings_first() {
    let dir = with_dataset();
    let out = readout(dir.path(), &["show", "data.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\
date        kind        place       participants                             topics
2023-09-18  meeting     Moscow, RU  Wang Yi (CN), Sergey Lavrov (RU)         BRICS, Ukraine
2024-02-17  meeting     Munich, DE  Wang Yi (CN), Antony Blinken (US)        Ukraine
2024-04-01  phone call  -           Wang Yi (CN), Sergey Lavrov (RU)         -
undated     talks       -           Sergey Lavrov (RU), Antony Blinken (US)  -
"
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn show_matches_a_person_by_name_alias_or_id_in_any_case() {
    let dir = with_dataset();
    for name in ["Sergey Lavrov", "lavrov", "SERGEI LAVROV", "sergey-lavrov"] {
        let rows = show(dir.path(), &["--person", name]);
        assert_eq!(rows.len(), 3, "--person {name}: {rows:#?}");
        assert!(
            rows.iter().all(|r| r.contains("Sergey Lavrov")),
            "{rows:#?}"
        );
    }
    // Repeated: meetings of all of them.
    let rows = show(dir.path(), &["--person", "wang yi", "--person", "Lavrov"]);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(rows[0].starts_with("2023-09-18") && rows[1].starts_with("2024-04-01"));
}

#[test]
fn show_filters_by_dates_topic_and_limit() {
    let dir = with_dataset();
    let dates = |rows: Vec<String>| -> Vec<String> {
        rows.iter()
            .map(|r| r.split_whitespace().next().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        dates(show(dir.path(), &["--since", "2024"])),
        ["2024-02-17", "2024-04-01"]
    );
    assert_eq!(
        dates(show(dir.path(), &["--until", "2024-02"])),
        ["2023-09-18", "2024-02-17"]
    );
    assert_eq!(
        dates(show(
            dir.path(),
            &["--since", "2023-09-18", "--until", "2023-09-18"]
        )),
        ["2023-09-18"]
    );
    assert_eq!(
        dates(show(dir.path(), &["--topic", "ukraine"])),
        ["2023-09-18", "2024-02-17"]
    );
    assert_eq!(
        dates(show(dir.path(), &["--topic", "Brics"])),
        ["2023-09-18"]
    );
    let out = readout(dir.path(), &["show", "data.json", "--limit", "1"]);
    assert_eq!(dates(rows(&out)), ["2023-09-18"]);
    assert_eq!(
        stderr(&out),
        "readout: 1 of 4 matching meetings shown (--limit 1)\n"
    );
}

#[test]
fn show_with_no_match_says_so_and_succeeds() {
    let dir = with_dataset();
    let out = readout(
        dir.path(),
        &[
            "show",
            "data.json",
            "--person",
            "Blinken",
            "--since",
            "2025",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "readout: none of the 4 meetings matches\n");
}

#[test]
fn show_an_unknown_person_or_topic_is_an_error_with_suggestions() {
    let dir = with_dataset();
    let out = readout(dir.path(), &["show", "data.json", "--person", "Lavro"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: data.json: no person named \"Lavro\"; did you mean Sergey Lavrov?\n"
    );
    assert_eq!(stdout(&out), "");
    let out = readout(dir.path(), &["show", "data.json", "--topic", "NATO"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: data.json: no topic named \"NATO\"\n"
    );
}

#[test]
fn show_rejects_a_malformed_date_as_a_usage_error() {
    let dir = with_dataset();
    for bad in ["2024-13", "18/09/2023", "2024-1"] {
        let out = readout(dir.path(), &["show", "data.json", "--since", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    }
}

#[test]
fn stats_and_show_name_a_missing_file() {
    let dir = tempfile::tempdir().expect("dir");
    for command in ["stats", "show"] {
        let out = readout(dir.path(), &[command, "missing.json"]);
        assert_eq!(out.status.code(), Some(3), "{command}");
        assert_eq!(
            stderr(&out),
            "readout: missing.json: no such file or directory\n"
        );
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn stats_and_show_on_an_unreadable_format_say_what_to_do() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("notes.xyz"), "hello").expect("write");
    fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"readout/1\",\n  oops",
    )
    .expect("write");
    for command in ["stats", "show"] {
        let out = readout(dir.path(), &[command, "notes.xyz"]);
        assert_eq!(out.status.code(), Some(3));
        assert!(
            stderr(&out).starts_with(
                "readout: notes.xyz: cannot tell the input format from the extension; name one with --from ("
            ),
            "{}",
            stderr(&out)
        );
        let out = readout(dir.path(), &[command, "notes.xyz", "--from", "xlsx"]);
        assert_eq!(out.status.code(), Some(3));
        assert!(
            stderr(&out).starts_with("readout: unknown format \"xlsx\"; this build knows: ")
                && stderr(&out).contains("jsonl"),
            "{}",
            stderr(&out)
        );
        let out = readout(dir.path(), &[command, "broken.json"]);
        assert_eq!(out.status.code(), Some(3));
        let err = stderr(&out);
        assert!(err.starts_with("readout: broken.json:2:"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        let out = readout(dir.path(), &[command, "-"]);
        assert_eq!(out.status.code(), Some(3));
        assert!(
            stderr(&out).starts_with("readout: reading standard input needs --from FORMAT"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn colour_follows_the_color_flag_and_no_color() {
    let dir = with_dataset();
    let coloured = readout(dir.path(), &["show", "data.json", "--color", "always"]);
    assert!(
        stdout(&coloured).starts_with("\x1b["),
        "{:?}",
        stdout(&coloured)
    );
    let plain = readout_with(dir.path(), &["show", "data.json"], |c| {
        c.env_remove("NO_COLOR");
    });
    // Not a terminal: no colour even without NO_COLOR.
    assert!(!stdout(&plain).contains('\x1b'));
    let never = readout(dir.path(), &["--color", "never", "show", "data.json"]);
    assert!(!stdout(&never).contains('\x1b'));
    let bad = readout(dir.path(), &["show", "data.json", "--color", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2));
}
