//! Data-driven reading tests: each `tests/corpus/NAME.ttl` (or `.nt`) sits
//! beside `NAME.expected.json`, the dataset it reads as, or
//! `NAME.expected.txt`, the error it gives. `UPDATE_EXPECT=1` rewrites the
//! expectations from what the reader does now.

use std::fs;
use std::path::Path;

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("ttl" | "nt")))
        .collect();
    entries.sort();
    assert!(entries.len() >= 10, "corpus went missing");
    let mut failures = Vec::new();
    for input in entries {
        let name = input.file_name().unwrap().to_str().unwrap().to_owned();
        let bytes = fs::read(&input).unwrap();
        let result = if name.ends_with(".nt") {
            readout_rdf::from_ntriples_slice(&bytes, &name)
        } else {
            readout_rdf::from_turtle_slice(&bytes, &name)
        };
        let stem = input.with_extension("");
        let json = stem.with_extension("expected.json");
        let txt = stem.with_extension("expected.txt");
        let (path, actual) = match result {
            Ok(data) => {
                let mut out = Vec::new();
                readout_json::to_writer(&data, &mut out).unwrap();
                (json, String::from_utf8(out).unwrap())
            }
            Err(e) => (txt, format!("{e}\n")),
        };
        if update {
            fs::write(&path, &actual).unwrap();
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!("{name}: expected\n{expected}got\n{actual}")),
            Err(_) => failures.push(format!(
                "{name}: no {} (it gave:\n{actual})",
                path.file_name().unwrap().to_str().unwrap()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
