//! `readout explain` and `--gazetteer` through the real binary.

use crate::support::*;
use std::fs;

fn dataset_dir() -> (tempfile::TempDir, readout_model::Dataset) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = readout_testkit::synthetic(40, 3);
    write_dataset(&dir.path().join("d.json"), &data);
    (dir, data)
}

/// `readout extract seeds -o out.json --gazetteer GAZETTEER` in `dir`.
fn extract_seeds_with(dir: &std::path::Path, gazetteer: &str) -> std::process::Output {
    readout(
        dir,
        &[
            "extract",
            "seeds",
            "-o",
            "out.json",
            "--gazetteer",
            gazetteer,
        ],
    )
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
    let run = extract_seeds_with(dir.path(), "g.toml");
    assert_eq!(run.status.code(), Some(3));
    assert!(
        stderr(&run).starts_with("readout: g.toml:3: unknown field `born`"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("out.json").exists());
    let run = extract_seeds_with(dir.path(), "missing.toml");
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
    let run = extract_seeds_with(dir.path(), "g.toml");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(dataset(&dir.path().join("out.json")).documents.len(), 5);
}

#[test]
fn a_topic_from_a_gazetteer_is_tagged_on_the_meeting() {
    let dir = with_seeds();
    let seed = "seeds/000_0826122ef975d78f.txt";
    // Sections for both readers in one file: a topic for the parser to find
    // and a person for normalization to resolve.
    let toml = "\
[[topic]]
id = \"false-democracy\"
label = \"False democracy\"
kind = \"issue\"
patterns = [\"False Democracy\"]

[[person]]
name = \"Sergey Lavrov\"
variants = [\"Sergei Lawrow\"]
country = \"RU\"
";
    fs::write(dir.path().join("g.toml"), toml).expect("write");
    let tagged = |data: &readout_model::Dataset| {
        data.meetings
            .iter()
            .any(|m| m.topics.iter().any(|t| t == "false-democracy"))
    };
    let run = readout(dir.path(), &["extract", seed, "-o", "plain.json"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!tagged(&dataset(&dir.path().join("plain.json"))));

    let run = readout(
        dir.path(),
        &["extract", seed, "-o", "out.json", "--gazetteer", "g.toml"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let data = dataset(&dir.path().join("out.json"));
    assert!(tagged(&data), "{:?}", data.meetings);
    let topic = data
        .topics
        .iter()
        .find(|t| t.id == "false-democracy")
        .expect("the topic is in the dataset");
    assert_eq!(topic.label, "False democracy");
}

#[test]
fn a_gazetteer_section_no_reader_knows_is_an_error_with_its_line() {
    let dir = with_seeds();
    for (toml, expected) in [
        (
            "[[topic]]\nid = \"x\"\n\n[[topics]]\nid = \"y\"\n",
            "readout: g.toml:4: unknown section \"topics\"",
        ),
        (
            "[[topic]]\nid = \"x\"\nkind = \"planet\"\n",
            "readout: g.toml:3: topic \"x\" has unknown kind \"planet\"",
        ),
    ] {
        fs::write(dir.path().join("g.toml"), toml).expect("write");
        let run = extract_seeds_with(dir.path(), "g.toml");
        assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
        assert!(stderr(&run).starts_with(expected), "{}", stderr(&run));
        assert!(!dir.path().join("out.json").exists());
    }
}
