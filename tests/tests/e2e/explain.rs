//! `readout explain` and `--gazetteer` through the real binary.

use crate::support::*;
use std::fs;

fn dataset_dir() -> (tempfile::TempDir, readout_model::Dataset) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = readout_testkit::synthetic(40, 3);
    write_dataset(&dir.path().join("d.json"), &data);
    (dir, data)
}

#[test]
fn explain_a_person_names_every_spelling() {
    let (dir, data) = dataset_dir();
    let person = data
        .people
        .iter()
        .find(|p| !p.aliases.is_empty())
        .expect("a person with aliases");
    let run = readout(
        dir.path(),
        &["explain", "d.json", &person.name.to_uppercase()],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(out.contains(&person.name), "{out}");
    for alias in &person.aliases {
        assert!(
            out.contains(alias.as_str()),
            "alias {alias} not explained:\n{out}"
        );
    }
}

#[test]
fn explain_a_meeting_reported_twice_names_its_sources() {
    let (dir, data) = dataset_dir();
    let meeting = data
        .meetings
        .iter()
        .find(|m| m.sources.len() > 1)
        .expect("a meeting with two reports");
    let run = readout(dir.path(), &["explain", "d.json", &meeting.id]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = stdout(&run);
    for source in &meeting.sources {
        let doc = data.document(source).expect("source");
        let named =
            out.contains(source.as_str()) || doc.path.as_deref().is_some_and(|p| out.contains(p));
        assert!(named, "source {source} not named:\n{out}");
    }
}

#[test]
fn explain_something_unknown_is_an_error() {
    let (dir, _) = dataset_dir();
    let run = readout(dir.path(), &["explain", "d.json", "Nobody At All"]);
    assert_eq!(run.status.code(), Some(3));
    let err = stderr(&run);
    assert!(
        err.starts_with("readout: ") && err.contains("Nobody At All"),
        "{err}"
    );
}

#[test]
fn a_bad_gazetteer_names_the_file_and_line_and_writes_nothing() {
    let dir = with_seeds();
    fs::write(
        dir.path().join("g.toml"),
        "[[person]]\nname = \"Sergey Lavrov\"\nborn = 1950\n",
    )
    .expect("write");
    let run = readout(
        dir.path(),
        &[
            "extract",
            "seeds",
            "-o",
            "out.json",
            "--gazetteer",
            "g.toml",
        ],
    );
    assert_eq!(run.status.code(), Some(3));
    assert!(
        stderr(&run).starts_with("readout: g.toml:3: unknown field `born`"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("out.json").exists());
    let run = readout(
        dir.path(),
        &[
            "extract",
            "seeds",
            "-o",
            "out.json",
            "--gazetteer",
            "missing.toml",
        ],
    );
    assert_eq!(run.status.code(), Some(3));
    assert!(
        stderr(&run).starts_with("readout: missing.toml: cannot read the gazetteer"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_good_gazetteer_is_accepted() {
    let dir = with_seeds();
    let toml =
        "[[person]]\nname = \"Sergey Lavrov\"\nvariants = [\"Sergei Lawrow\"]\ncountry = \"RU\"\n";
    fs::write(dir.path().join("g.toml"), toml).expect("write");
    let run = readout(
        dir.path(),
        &[
            "extract",
            "seeds",
            "-o",
            "out.json",
            "--gazetteer",
            "g.toml",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(dataset(&dir.path().join("out.json")).documents.len(), 5);
}
