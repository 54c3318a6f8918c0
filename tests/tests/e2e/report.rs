//! `readout report`: the HTML page, built by the real binary and opened in a
//! real browser (headless Chromium driven by `tests/browser/report.test.mjs`).
//!
//! The browser tests need Debian's `chromium` (or `$READOUT_CHROMIUM`), `node`
//! and `npm ci --prefix tests/browser`; `.ci/run` installs all three. Where
//! one is missing the browser part prints "skipped: …" and the test passes on
//! what it checked without a browser.

use crate::support::*;
use readout_model::{
    Dataset, DateBasis, Document, Evidence, Meeting, MeetingKind, Participant, Person, Place, Span,
    Statement, Topic, TopicKind,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// One browser at a time: they share two cores with the rest of the tests.
static BROWSER: Mutex<()> = Mutex::new(());

/// Writes `data` as `readout/1` JSON.
fn write_dataset(path: &Path, data: &Dataset) {
    let mut bytes = Vec::new();
    readout_json::to_writer(data, &mut bytes).expect("serialize dataset");
    fs::write(path, bytes).expect("write dataset");
}

/// Runs `readout report INPUT -o OUTPUT` in `dir` and returns the page.
fn report(dir: &Path, input: &str, output: &str) -> String {
    let run = readout(dir, &["report", input, "-o", output]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = fs::read_to_string(dir.join(output)).expect("the report is UTF-8 text");
    assert!(html.starts_with("<!DOCTYPE html>"), "not an HTML page");
    html
}

/// Why the browser test cannot run here, if it cannot.
fn browser_missing() -> Option<String> {
    let chromium = chromium();
    if !chromium.exists() {
        return Some(format!(
            "{} is not installed (apt-get install chromium, or set READOUT_CHROMIUM)",
            chromium.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    let module = root().join("tests/browser/node_modules/playwright-core");
    if !module.exists() {
        return Some(format!(
            "{} is missing (npm ci --prefix tests/browser)",
            module.display()
        ));
    }
    None
}

fn chromium() -> PathBuf {
    std::env::var_os("READOUT_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Opens `html` in headless Chromium and runs the reader's checks against
/// `dataset` (see `tests/browser/report.test.mjs`); `extra` are more
/// arguments for the script. Returns the script's output, or `None` where the
/// browser cannot run.
#[allow(clippy::print_stderr)]
fn in_browser(test: &str, html: &Path, dataset: &Path, extra: &[&str]) -> Option<String> {
    if let Some(why) = browser_missing() {
        eprintln!("skipped: {test}: browser check not run: {why}");
        return None;
    }
    let _one_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new("node")
        .arg(root().join("tests/browser/report.test.mjs"))
        .arg(html)
        .arg(dataset)
        .args(extra)
        .env("READOUT_CHROMIUM", chromium())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the browser check of {} failed:\n{stdout}{}",
        html.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{test}: {stdout}");
    Some(stdout)
}

#[test]
fn report_of_the_seeds_shows_every_meeting_and_the_date_evidence_in_chromium() {
    let dir = with_seeds();
    let run = readout(dir.path(), &["extract", "seeds", "-o", "seeds.json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    report(dir.path(), "seeds.json", "seeds.html");
    let data = dataset(&dir.path().join("seeds.json"));
    // `READOUT_REPORT_SCREENSHOT=$PWD/docs/report.png` keeps a picture of it.
    let screenshot = std::env::var("READOUT_REPORT_SCREENSHOT").ok();
    let extra = match &screenshot {
        Some(png) => vec!["--panel-screenshot", png.as_str()],
        None => vec![],
    };
    let checked = in_browser(
        "seeds",
        &dir.path().join("seeds.html"),
        &dir.path().join("seeds.json"),
        &extra,
    );
    // Where the seeds give a meeting with a date, the browser must have
    // found its words highlighted (not just drawn an empty page).
    let dated = data
        .meetings
        .iter()
        .any(|m| m.evidence.iter().any(|e| e.field == "date"));
    if let (true, Some(out)) = (dated, checked) {
        assert!(out.contains("\"date_evidence\""), "{out}");
    }
}

#[test]
fn report_highlights_the_exact_words_of_non_ascii_text_in_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = non_ascii_dataset();
    assert_eq!(readout_model::validate(&data), vec![]);
    write_dataset(&dir.path().join("intl.json"), &data);
    let html = report(dir.path(), "intl.json", "intl.html");
    // The hostile text stays inside the data element.
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 2);
    let out = in_browser(
        "non-ASCII",
        &dir.path().join("intl.html"),
        &dir.path().join("intl.json"),
        &[],
    );
    if let Some(out) = out {
        assert!(
            out.contains("18 сентября 2023 года"),
            "the date evidence is not the Russian sentence: {out}"
        );
    }
}

#[test]
fn report_of_synthetic_meetings_opens_a_meeting_in_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dataset(
        &dir.path().join("synthetic.json"),
        &readout_testkit::synthetic(300, 5),
    );
    report(dir.path(), "synthetic.json", "synthetic.html");
    in_browser(
        "300 synthetic meetings",
        &dir.path().join("synthetic.html"),
        &dir.path().join("synthetic.json"),
        &[],
    );
}

#[test]
fn report_of_ten_thousand_meetings_is_one_file_that_draws_in_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dataset(
        &dir.path().join("large.json"),
        &readout_testkit::synthetic(10_000, 1),
    );
    let html = report(dir.path(), "large.json", "large.html");
    // About 3 KB a meeting with its documents' full text.
    assert!(
        html.len() < 45_000_000,
        "the report of 10,000 meetings is {} bytes",
        html.len()
    );
    // A generous bound: a sanity check that the page does not freeze, not a
    // benchmark (the script prints the time it took).
    in_browser(
        "10,000 synthetic meetings",
        &dir.path().join("large.html"),
        &dir.path().join("large.json"),
        &["--max-render-ms", "30000"],
    );
}

#[test]
fn report_refuses_to_overwrite_without_force_and_writes_to_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dataset(
        &dir.path().join("d.json"),
        &readout_testkit::synthetic(5, 2),
    );
    fs::write(dir.path().join("taken.html"), "keep me").expect("write");
    let run = readout(dir.path(), &["report", "d.json", "-o", "taken.html"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("taken.html: already exists; pass --force"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("taken.html")).expect("read"),
        "keep me"
    );
    let run = readout(
        dir.path(),
        &["report", "d.json", "-o", "taken.html", "--force"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let file = fs::read(dir.path().join("taken.html")).expect("read");
    let run = readout(dir.path(), &["report", "d.json", "-o", "-"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(run.stdout, file, "standard output and the file differ");
}

#[test]
fn report_names_the_file_when_it_cannot_read_the_dataset() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"readout/1\", ",
    )
    .expect("write");
    let run = readout(dir.path(), &["report", "broken.json", "-o", "r.html"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("broken.json"), "{}", stderr(&run));
    assert!(!dir.path().join("r.html").exists(), "a report was written");

    let run = readout(dir.path(), &["report", "notes.txt", "-o", "r.html"]);
    assert!(
        stderr(&run).contains("notes.txt: no such file"),
        "{}",
        stderr(&run)
    );
    fs::write(dir.path().join("notes.txt"), "hello").expect("write");
    let run = readout(dir.path(), &["report", "notes.txt", "-o", "r.html"]);
    assert!(
        stderr(&run).contains("notes.txt: cannot tell the input format"),
        "{}",
        stderr(&run)
    );
    let run = readout(dir.path(), &["report", "-", "-o", "r.html"]);
    assert!(stderr(&run).contains("needs --from"), "{}", stderr(&run));
}

/// One meeting reported in Russian, German and Chinese words, with text that
/// tries to end the script element and a line separator (U+2028): every
/// span's byte offsets land after multi-byte characters, and two spans overlap.
fn non_ascii_dataset() -> Dataset {
    let text = "Главная > Новости\n\
        Ван И встретился с Сергеем Лавровым — 王毅会见拉夫罗夫\n\n\
        Москва, 18 сентября 2023 года. Член Политбюро ЦК КПК, министр иностранных дел \
        Китая Ван И (王毅) провёл переговоры с министром иностранных дел России \
        Сергеем Лавровым в Москве.\u{2028}Die Außenminister sprachen über die Ukraine.\n\n\
        Лавров заявил: «</script><b>Мы за многополярный мир</b>» & более того.\n"
        .to_owned();
    let doc = Document::new(Some("intl/ru.txt".into()), text.clone());
    let span = |needle: &str| {
        let start = text.find(needle).expect(needle);
        (start, start + needle.len())
    };
    let evidence = |field: &str, needle: &str| {
        let (start, end) = span(needle);
        Evidence {
            field: field.into(),
            document: doc.id.clone(),
            start,
            end,
            text: needle.into(),
        }
    };
    let said = "Лавров заявил: «</script><b>Мы за многополярный мир</b>» & более того.";
    let (start, end) = span(said);
    let person = |id: &str, name: &str, country: &str| Person {
        id: id.into(),
        name: name.into(),
        aliases: vec![],
        country: Some(country.into()),
        wikidata: None,
    };
    let participant = |id: &str, country: &str, written: &str| Participant {
        person: id.into(),
        country: Some(country.into()),
        roles: vec!["Foreign Minister".into()],
        titles_as_written: vec![written.into()],
        notes: vec![],
    };
    Dataset {
        people: vec![
            person("sergey-lavrov", "Сергей Лавров", "RU"),
            person("wang-yi", "王毅 Wang Yi", "CN"),
        ],
        topics: vec![Topic {
            id: "ukraine".into(),
            label: "Ukraine".into(),
            kind: TopicKind::Region,
        }],
        meetings: vec![Meeting {
            id: "2023-09-18-sergey-lavrov-wang-yi".into(),
            date: Some("2023-09-18".into()),
            date_basis: Some(DateBasis::Dateline),
            kind: MeetingKind::Talks,
            place: Place {
                city: Some("Москва".into()),
                region: None,
                country: Some("RU".into()),
            },
            occasion: None,
            participants: vec![
                participant("wang-yi", "CN", "министр иностранных дел Китая"),
                participant("sergey-lavrov", "RU", "министром иностранных дел России"),
            ],
            topics: vec!["ukraine".into()],
            coding: None,
            statements: vec![Statement {
                speakers: vec!["sergey-lavrov".into()],
                text: said.into(),
                evidence: Span {
                    document: doc.id.clone(),
                    start,
                    end,
                },
            }],
            sources: vec![doc.id.clone()],
            evidence: vec![
                evidence("date", "18 сентября 2023 года"),
                // Overlaps the date: the page must cut both at each other's edges.
                evidence("dateline", "Москва, 18 сентября"),
                evidence("kind", "провёл переговоры"),
                evidence("place", "в Москве"),
                evidence("participant:wang-yi", "Ван И (王毅)"),
                evidence("title:wang-yi", "министр иностранных дел Китая"),
                evidence("participant:sergey-lavrov", "Сергеем Лавровым"),
                evidence("topic:ukraine", "Ukraine"),
            ],
        }],
        documents: vec![doc],
        ..Dataset::default()
    }
}
