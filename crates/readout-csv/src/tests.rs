use super::*;
use proptest::prelude::*;
use readout_model::*;
use std::fs;

fn json(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_json::to_writer(data, &mut out).expect("json");
    out
}

fn round_trip(data: &Dataset, options: Csv) -> Dataset {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    to_dir(data, &dir, options).expect("write");
    from_dir(&dir).expect("read")
}

/// A dataset whose strings are empty where they can be and missing where
/// they can be, side by side.
fn empty_versus_missing() -> Dataset {
    let doc = Document::new(Some(String::new()), "=1+1 text".into());
    let mut data = Dataset {
        documents: vec![doc.clone()],
        people: vec![
            Person {
                id: "a".into(),
                name: String::new(),
                aliases: vec![String::new(), "\\N".into(), "'quoted".into()],
                country: Some(String::new()),
                wikidata: None,
            },
            Person {
                id: "b".into(),
                name: "-b".into(),
                aliases: vec![],
                country: None,
                wikidata: Some("\\".into()),
            },
        ],
        topics: vec![],
        meetings: vec![Meeting {
            id: "m".into(),
            date: None,
            date_basis: None,
            kind: MeetingKind::Talks,
            place: Place {
                city: Some(String::new()),
                region: None,
                country: Some("@X".into()),
            },
            occasion: Some("\t=cmd".into()),
            participants: vec![Participant {
                person: "a".into(),
                country: None,
                roles: vec![String::new()],
                titles_as_written: vec!["+x".into()],
                notes: vec![],
            }],
            topics: vec![],
            coding: Some(Coding {
                plover: String::new(),
                mode: String::new(),
                cameo: String::new(),
                actors: vec![],
                recipients: vec![],
            }),
            statements: vec![],
            sources: vec![doc.id.clone()],
            evidence: vec![],
        }],
        ..Dataset::default()
    };
    data.canonicalize();
    data
}

#[test]
fn empty_strings_and_missing_values_read_back_apart() {
    let data = empty_versus_missing();
    assert_eq!(round_trip(&data, Csv::default()), data);
    assert_eq!(round_trip(&data, Csv::for_spreadsheets()), data);
}

#[test]
fn missing_is_an_empty_cell_and_empty_is_a_backslash() {
    let out = tempfile::tempdir().expect("tempdir");
    write_tables(&empty_versus_missing(), out.path(), Csv::default()).expect("write");
    let people = fs::read_to_string(out.path().join("people.csv")).expect("people");
    assert_eq!(
        people,
        "id,name,country,wikidata\r\na,,\\,\r\nb,-b,,\\\\\r\n"
    );
}

#[test]
fn the_spreadsheet_guard_quotes_formulas() {
    let out = tempfile::tempdir().expect("tempdir");
    write_tables(&empty_versus_missing(), out.path(), Csv::for_spreadsheets()).expect("write");
    let people = fs::read_to_string(out.path().join("people.csv")).expect("people");
    assert!(people.contains("b,'-b,,"), "{people}");
    let aliases = fs::read_to_string(out.path().join("person_aliases.csv")).expect("aliases");
    assert!(aliases.contains("a,2,''quoted"), "{aliases}");
    let meetings = fs::read_to_string(out.path().join("meetings.csv")).expect("meetings");
    assert!(meetings.contains(",'@X,'\t=cmd"), "{meetings}");
    let dataset = fs::read_to_string(out.path().join("dataset.csv")).expect("dataset");
    assert_eq!(dataset, "format,spreadsheet_safe\r\nreadout/1,true\r\n");
    for entry in fs::read_dir(out.path()).expect("dir") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("table");
        for line in text.split("\r\n") {
            for cell in line.split(',') {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "unguarded cell {cell:?} in {line:?}"
                );
            }
        }
    }
}

#[test]
fn columns_may_come_in_any_order() {
    let data = synthetic_small();
    let out = tempfile::tempdir().expect("tempdir");
    write_tables(&data, out.path(), Csv::default()).expect("write");
    let path = out.path().join("topics.csv");
    let text = fs::read_to_string(&path).expect("topics");
    let swapped: String = text
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            format!("{},{},{}\n", cells[2], cells[0], cells[1])
        })
        .collect();
    fs::write(&path, swapped).expect("write");
    assert_eq!(from_dir(out.path()).expect("read"), data);
}

fn synthetic_small() -> Dataset {
    readout_testkit::synthetic(20, 3)
}

fn error_after(edit: impl FnOnce(&Path)) -> String {
    let out = tempfile::tempdir().expect("tempdir");
    write_tables(&synthetic_small(), out.path(), Csv::default()).expect("write");
    edit(out.path());
    from_dir(out.path())
        .expect_err("should not read")
        .to_string()
        .replace(&out.path().display().to_string(), "DIR")
}

#[test]
fn a_missing_table_is_named() {
    let err = error_after(|dir| fs::remove_file(dir.join("participants.csv")).expect("rm"));
    assert_eq!(
        err,
        "DIR: missing table participants (participants.csv): not a readout CSV directory"
    );
}

#[test]
fn missing_and_unexpected_columns_are_named() {
    let err =
        error_after(|dir| fs::write(dir.join("topics.csv"), "id,label\r\nx,X\r\n").expect("write"));
    assert_eq!(
        err,
        "DIR/topics.csv:1: table topics: missing column \"kind\" (expected id,label,kind)"
    );
    let err = error_after(|dir| {
        fs::write(dir.join("topics.csv"), "id,label,kind,colour\r\n").expect("write")
    });
    assert_eq!(
        err,
        "DIR/topics.csv:1: table topics: unexpected column \"colour\" (expected id,label,kind)"
    );
}

#[test]
fn bad_rows_name_the_file_and_line() {
    let err = error_after(|dir| {
        fs::write(
            dir.join("meeting_topics.csv"),
            "meeting,ordinal,topic\r\nnowhere,0,ukraine\r\n",
        )
        .expect("write")
    });
    assert_eq!(
        err,
        "DIR/meeting_topics.csv:2: column meeting: no meeting \"nowhere\""
    );
    let err = error_after(|dir| {
        let path = dir.join("statements.csv");
        let text = fs::read_to_string(&path).expect("read");
        let mut lines: Vec<&str> = text.split("\r\n").collect();
        lines[3] = "a,b";
        fs::write(&path, lines.join("\r\n")).expect("write");
    });
    assert_eq!(err, "DIR/statements.csv:4: 2 fields, expected 6");
    let err = error_after(|dir| {
        fs::write(
            dir.join("person_aliases.csv"),
            "person,ordinal,alias\r\nwang-yi,first,W\r\n",
        )
        .expect("write")
    });
    assert!(err.starts_with("DIR/person_aliases.csv:2: "), "{err}");
    let err = error_after(|dir| {
        fs::write(
            dir.join("dataset.csv"),
            "format,spreadsheet_safe\r\nreadout/9,false\r\n",
        )
        .expect("write")
    });
    assert_eq!(
        err,
        "DIR/dataset.csv:2: unknown format \"readout/9\", expected \"readout/1\""
    );
}

#[test]
fn a_dangling_reference_fails_validation() {
    let err = error_after(|dir| {
        let path = dir.join("meeting_topics.csv");
        let mut text = fs::read_to_string(&path).expect("read");
        let first_meeting = text
            .lines()
            .nth(1)
            .expect("row")
            .split(',')
            .next()
            .expect("id")
            .to_owned();
        text.push_str(&format!("{first_meeting},99,no-such-topic\r\n"));
        fs::write(&path, text).expect("write");
    });
    assert!(err.starts_with("DIR: meetings["), "{err}");
    assert!(err.contains("no topic no-such-topic"), "{err}");
}

#[test]
fn a_failed_write_leaves_the_old_directory() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    let data = synthetic_small();
    to_dir(&data, &dir, Csv::default()).expect("write");
    // A file where a table should go makes the second write fail midway.
    let err = write_dir_atomically(&dir, |tmp| {
        write_tables(&Dataset::default(), tmp, Csv::default())?;
        fs::create_dir(tmp.join("blocker")).map_err(|e| FormatError::io("x", e))?;
        write_tables(
            &Dataset::default(),
            &tmp.join("missing/deeper"),
            Csv::default(),
        )
    });
    assert!(err.is_err());
    assert_eq!(from_dir(&dir).expect("old directory"), data);
    let left: Vec<_> = fs::read_dir(out.path()).expect("dir").collect();
    assert_eq!(left.len(), 1, "temporary directory left behind");
}

#[test]
fn every_table_is_written_with_its_header() {
    let out = tempfile::tempdir().expect("tempdir");
    write_tables(&Dataset::default(), out.path(), Csv::default()).expect("write");
    let mut names: Vec<String> = fs::read_dir(out.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = TABLES.iter().map(Table::file_name).collect();
    expected.sort();
    assert_eq!(names, expected);
    for table in TABLES {
        let text = fs::read_to_string(out.path().join(table.file_name())).expect("table");
        let header = text.lines().next().expect("header");
        assert_eq!(header, table.columns.join(","));
    }
}

#[test]
fn synthetic_data_reads_back_exactly() {
    let data = readout_testkit::synthetic(200, 9);
    assert_eq!(json(&round_trip(&data, Csv::default())), json(&data));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn json_to_csv_to_json_is_the_identity(data in readout_testkit::arb_dataset(), safe in any::<bool>()) {
        let back = round_trip(&data, Csv { spreadsheet_safe: safe });
        prop_assert_eq!(json(&back), json(&data));
    }
}

/// Documents held as compact JSON, as a spool on disk holds them: read back
/// by [`Documents::get_json`] for the writer to parse on the pool.
struct Spooled {
    ids: Vec<String>,
    json: Vec<Vec<u8>>,
}

impl Spooled {
    fn new(documents: &[Document]) -> Self {
        Spooled {
            ids: documents.iter().map(|d| d.id.clone()).collect(),
            json: documents
                .iter()
                .map(|d| serde_json::to_vec(d).expect("json"))
                .collect(),
        }
    }
}

impl Documents for Spooled {
    fn len(&self) -> usize {
        self.ids.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }
    fn get(&mut self, i: usize) -> Result<Document, FormatError> {
        serde_json::from_slice(&self.json[i])
            .map_err(|e| FormatError::spool("spool", format!("document {i}: {e}")))
    }
    fn get_json(&mut self, i: usize, json: &mut Vec<u8>) -> Result<bool, FormatError> {
        json.extend_from_slice(&self.json[i]);
        Ok(true)
    }
}

/// Every file of the directory `dir`, with its bytes, by name.
fn tables(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = fs::read(e.path()).expect("read");
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// The tables `to_dir` writes for `data`, and those of the streamed writes.
fn written_each_way(data: &Dataset, options: Csv) -> Vec<Vec<(String, Vec<u8>)>> {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    let mut head = data.clone();
    let documents = std::mem::take(&mut head.documents);
    let meetings = std::mem::take(&mut head.meetings);
    let mut each = Vec::new();
    to_dir(data, &dir, options).expect("write");
    each.push(tables(&dir));
    to_dir_streamed(
        &head,
        &mut meetings.clone().into_iter(),
        &mut documents.clone(),
        &dir,
        options,
    )
    .expect("write");
    each.push(tables(&dir));
    let mut split = head.clone();
    let rest = meetings.len() / 2;
    split.meetings = meetings[..rest].to_vec();
    let later: Vec<Meeting> = meetings[rest..].to_vec();
    options
        .write_streamed(
            split,
            &mut later.into_iter(),
            &mut Spooled::new(&documents),
            &Target::Path(dir.clone()),
        )
        .expect("write");
    each.push(tables(&dir));
    each
}

#[test]
fn streamed_writes_give_the_tables_of_the_whole_dataset() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .expect("pool");
    for data in [empty_versus_missing(), readout_testkit::synthetic(1000, 4)] {
        for options in [Csv::default(), Csv::for_spreadsheets()] {
            let each = pool.install(|| written_each_way(&data, options));
            assert!(each.iter().all(|tables| *tables == each[0]));
        }
    }
}

#[test]
fn a_document_that_cannot_be_read_back_stops_the_write_with_its_error() {
    let data = readout_testkit::synthetic(600, 3);
    let mut head = data.clone();
    let documents = std::mem::take(&mut head.documents);
    let mut spooled = Spooled::new(&documents);
    spooled.json[300].truncate(10);
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    let err = to_dir_streamed(
        &head,
        &mut data.meetings.clone().into_iter(),
        &mut spooled,
        &dir,
        Csv::default(),
    )
    .expect_err("must fail")
    .to_string();
    assert!(err.starts_with("spool: document 300:"), "{err}");
    assert!(!dir.exists());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn streamed_writes_agree_on_arbitrary_datasets(data in readout_testkit::arb_dataset(), safe in any::<bool>()) {
        let each = written_each_way(&data, Csv { spreadsheet_safe: safe });
        prop_assert!(each.iter().all(|tables| *tables == each[0]));
    }
}
