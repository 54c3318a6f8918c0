//! The formats as plugins: names, extensions, files written atomically and
//! read back, records named under any base.

use readout_format::{Format, Registry, Source, Target};
use std::path::Path;

#[test]
fn both_formats_write_files_and_read_them_back() {
    let mut registry = Registry::new();
    registry
        .register(Box::new(readout_rdf::Turtle))
        .register(Box::new(readout_rdf::NTriples));
    let data = readout_testkit::synthetic(20, 5);
    let dir = tempfile::tempdir().unwrap();
    for (file, name) in [("out.ttl", "turtle"), ("OUT.NT", "ntriples")] {
        let path = dir.path().join(file);
        let format = registry.by_path(&path).unwrap();
        assert_eq!(format.name(), name);
        assert!(format.can_read());
        format.write(&data, &Target::Path(path.clone())).unwrap();
        assert_eq!(format.read(&Source::Path(path)).unwrap(), data);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "temporary files left behind"
    );
}

#[test]
fn a_missing_file_is_named() {
    let err = readout_rdf::Turtle
        .read(&Source::Path(Path::new("no/such/file.ttl").into()))
        .unwrap_err();
    assert!(err.to_string().starts_with("no/such/file.ttl: "), "{err}");
}

#[test]
fn records_can_be_named_under_another_base_and_still_read_back() {
    let data = readout_testkit::synthetic(10, 9);
    let options = readout_rdf::Options::with_base("urn:example:readout/").unwrap();
    let mut ttl = Vec::new();
    readout_rdf::to_turtle_writer_with(&data, &mut ttl, &options).unwrap();
    let text = String::from_utf8(ttl).unwrap();
    assert!(
        text.contains("<urn:example:readout/person/"),
        "{}",
        &text[..400]
    );
    assert!(!text.contains("w3id.org/readout/id"));
    assert_eq!(
        readout_rdf::from_turtle_slice(text.as_bytes(), "x.ttl").unwrap(),
        data
    );
    let mut nt = Vec::new();
    readout_rdf::to_ntriples_writer_with(&data, &mut nt, &options).unwrap();
    assert_eq!(readout_rdf::from_ntriples_slice(&nt, "x.nt").unwrap(), data);
}

#[test]
fn awkward_ids_become_valid_distinct_iris() {
    use readout_model::*;
    let mut data = Dataset::default();
    for id in ["a b", "a%20b", "..", ".", "ван/#?", "<x>"] {
        data.people.push(Person {
            id: id.into(),
            name: id.into(),
            aliases: vec![id.into(), id.into()],
            country: Some(String::new()),
            wikidata: Some("Q0".into()),
        });
    }
    data.canonicalize();
    let mut ttl = Vec::new();
    readout_rdf::to_turtle_writer(&data, &mut ttl).unwrap();
    assert_eq!(readout_rdf::from_turtle_slice(&ttl, "x.ttl").unwrap(), data);
    let text = String::from_utf8(ttl).unwrap();
    assert!(text.contains("<https://w3id.org/readout/id/person/%2E%2E>"));
    assert!(text.contains("<https://w3id.org/readout/id/person/a%2520b>"));
}
