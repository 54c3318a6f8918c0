//! The Parquet layout as users and other engines see it: round trips, the
//! documented schema, typed dates, and clear errors on bad directories.

use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, ArrayRef, Int64Array, LargeStringArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use proptest::prelude::*;
use readout_format::{Format, Source, Target};
use readout_model::Dataset;
use readout_parquet::{Parquet, TABLES, from_dir, to_dir, write_dir};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;

fn json_bytes(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_json::to_writer(data, &mut out).unwrap();
    out
}

/// Every batch of one table file, with the file's key-value metadata.
fn read_table(
    dir: &Path,
    table: &str,
) -> (Arc<Schema>, Vec<RecordBatch>, BTreeMap<String, String>) {
    let file = File::open(dir.join(format!("{table}.parquet"))).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let metadata = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .into_iter()
        .flatten()
        .map(|kv| (kv.key.clone(), kv.value.clone().unwrap_or_default()))
        .collect();
    let schema = builder.schema().clone();
    let batches = builder.build().unwrap().map(Result::unwrap).collect();
    (schema, batches, metadata)
}

fn rows(batches: &[RecordBatch]) -> usize {
    batches.iter().map(RecordBatch::num_rows).sum()
}

/// The column list of every table, as `docs/formats/parquet.md` documents it:
/// `(name, type, nullable)`.
fn documented_tables() -> BTreeMap<String, Vec<(String, String, bool)>> {
    let doc = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/formats/parquet.md"
    ))
    .unwrap();
    let mut tables = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            let name = heading.trim_end_matches('`').trim_end_matches(".parquet");
            current = Some(name.to_owned());
            tables.insert(name.to_owned(), Vec::new());
        } else if let (Some(table), Some(row)) = (&current, line.strip_prefix("| `")) {
            let cells: Vec<&str> = row.split(" | ").collect();
            let nullable = match cells[2] {
                "yes" => true,
                "no" => false,
                other => panic!("{table}: nullable is {other:?}"),
            };
            tables.get_mut(table).unwrap().push((
                cells[0].trim_end_matches('`').to_owned(),
                cells[1].to_owned(),
                nullable,
            ));
        }
    }
    tables
}

fn type_name(data_type: &DataType) -> &'static str {
    match data_type {
        DataType::Utf8 => "string",
        DataType::Int32 => "int32",
        DataType::Int64 => "int64",
        DataType::Date32 => "date32",
        other => panic!("undocumented type {other}"),
    }
}

/// A synthetic dataset that fills every table and holds the awkward cases:
/// a date that is no day, a meeting without coding, empty and missing strings.
fn full_dataset() -> Dataset {
    let mut data = readout_testkit::synthetic(40, 3);
    let m = &mut data.meetings[0];
    m.participants[0].notes = vec!["title contradicts office dates".into(), String::new()];
    m.date = Some("2023-02-30".into());
    m.occasion = Some(String::new());
    m.place.region = None;
    data.meetings[1].coding = None;
    data.meetings[2].date = None;
    data.documents[0].published = Some("2023-09-19T10:50".into());
    data.documents[1].published = Some("September 2023".into());
    data.documents[2].outlet = Some(String::new());
    data.canonicalize();
    assert!(readout_model::validate(&data).is_empty());
    data
}

fn expected_rows(data: &Dataset) -> BTreeMap<&'static str, usize> {
    let meetings = &data.meetings;
    let participants = || meetings.iter().flat_map(|m| &m.participants);
    let sum = |f: &dyn Fn(&readout_model::Meeting) -> usize| meetings.iter().map(f).sum::<usize>();
    BTreeMap::from([
        ("documents", data.documents.len()),
        (
            "document_evidence",
            data.documents.iter().map(|d| d.evidence.len()).sum(),
        ),
        ("people", data.people.len()),
        (
            "person_aliases",
            data.people.iter().map(|p| p.aliases.len()).sum(),
        ),
        ("topics", data.topics.len()),
        ("meetings", meetings.len()),
        ("participants", sum(&|m| m.participants.len())),
        (
            "participant_roles",
            participants().map(|p| p.roles.len()).sum(),
        ),
        (
            "participant_titles",
            participants().map(|p| p.titles_as_written.len()).sum(),
        ),
        (
            "participant_notes",
            participants().map(|p| p.notes.len()).sum(),
        ),
        ("meeting_topics", sum(&|m| m.topics.len())),
        ("meeting_coding", sum(&|m| usize::from(m.coding.is_some()))),
        (
            "coding_actors",
            sum(&|m| m.coding.as_ref().map_or(0, |c| c.actors.len())),
        ),
        (
            "coding_recipients",
            sum(&|m| m.coding.as_ref().map_or(0, |c| c.recipients.len())),
        ),
        ("statements", sum(&|m| m.statements.len())),
        (
            "statement_speakers",
            sum(&|m| m.statements.iter().map(|s| s.speakers.len()).sum()),
        ),
        ("evidence", sum(&|m| m.evidence.len())),
        ("meeting_sources", sum(&|m| m.sources.len())),
    ])
}

#[test]
fn every_file_has_the_documented_schema_and_one_row_per_record() {
    let data = full_dataset();
    let dir = tempfile::tempdir().unwrap();
    to_dir(&data, dir.path()).unwrap();
    let documented = documented_tables();
    assert_eq!(
        documented.keys().collect::<Vec<_>>(),
        {
            let mut names: Vec<&&str> = TABLES.iter().collect();
            names.sort();
            names
        },
        "the documentation lists other tables than the code writes"
    );
    let expected = expected_rows(&data);
    for table in TABLES {
        let (schema, batches, metadata) = read_table(dir.path(), table);
        let columns: Vec<(String, String, bool)> = schema
            .fields()
            .iter()
            .map(|f| {
                (
                    f.name().clone(),
                    type_name(f.data_type()).to_owned(),
                    f.is_nullable(),
                )
            })
            .collect();
        assert_eq!(columns, documented[table], "{table}.parquet");
        assert_eq!(rows(&batches), expected[table], "{table}.parquet rows");
        assert!(expected[table] > 0, "{table} is empty in the test data");
        assert_eq!(metadata["readout.format"], "readout/1");
        assert_eq!(metadata["readout.table"], table);
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), TABLES.len());
}

#[test]
fn dates_get_a_typed_copy_only_where_they_name_a_day() {
    let data = full_dataset();
    let dir = tempfile::tempdir().unwrap();
    to_dir(&data, dir.path()).unwrap();

    let (_, batches, _) = read_table(dir.path(), "meetings");
    let mut seen = Vec::new();
    for batch in &batches {
        let text = batch.column_by_name("date").unwrap().as_string::<i32>();
        let typed = batch
            .column_by_name("date_value")
            .unwrap()
            .as_primitive::<Date32Type>();
        for i in 0..batch.num_rows() {
            let string = text.is_valid(i).then(|| text.value(i).to_owned());
            let day = typed.is_valid(i).then(|| typed.value(i));
            seen.push((string, day));
        }
    }
    assert!(seen.contains(&(Some("2023-02-30".into()), None)));
    assert!(seen.contains(&(None, None)));
    for (string, day) in &seen {
        if let (Some(s), Some(day)) = (string, day) {
            let back = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
                + chrono::Days::new(u64::try_from(*day).unwrap());
            assert_eq!(back.format("%Y-%m-%d").to_string(), *s);
        }
    }
    assert!(seen.iter().filter(|(_, d)| d.is_some()).count() >= 30);

    let (_, batches, _) = read_table(dir.path(), "documents");
    let mut published = BTreeMap::new();
    for batch in &batches {
        let text = batch
            .column_by_name("published")
            .unwrap()
            .as_string::<i32>();
        let typed = batch
            .column_by_name("published_date")
            .unwrap()
            .as_primitive::<Date32Type>();
        for i in 0..batch.num_rows() {
            if text.is_valid(i) {
                published.insert(
                    text.value(i).to_owned(),
                    typed.is_valid(i).then(|| typed.value(i)),
                );
            }
        }
    }
    assert_eq!(published["2023-09-19T10:50"], Some(19619));
    assert_eq!(published["September 2023"], None);
}

#[test]
fn missing_and_empty_strings_stay_apart() {
    let data = full_dataset();
    let dir = tempfile::tempdir().unwrap();
    to_dir(&data, dir.path()).unwrap();
    let (_, batches, _) = read_table(dir.path(), "meetings");
    let (mut nulls, mut empties) = (0, 0);
    for batch in &batches {
        let occasion = batch.column_by_name("occasion").unwrap().as_string::<i32>();
        for i in 0..batch.num_rows() {
            if occasion.is_null(i) {
                nulls += 1;
            } else if occasion.value(i).is_empty() {
                empties += 1;
            }
        }
    }
    let expect_nulls = data
        .meetings
        .iter()
        .filter(|m| m.occasion.is_none())
        .count();
    assert_eq!((nulls, empties), (expect_nulls, 1));
    assert_eq!(from_dir(dir.path()).unwrap(), data);
}

#[test]
fn the_same_dataset_gives_the_same_bytes() {
    let data = full_dataset();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    to_dir(&data, a.path()).unwrap();
    to_dir(&data, b.path()).unwrap();
    for table in TABLES {
        let name = format!("{table}.parquet");
        assert!(
            fs::read(a.path().join(&name)).unwrap() == fs::read(b.path().join(&name)).unwrap(),
            "{name} differs between two writes"
        );
    }
}

#[test]
fn the_format_writes_a_directory_atomically_and_reads_it_back() {
    let data = full_dataset();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("readout.parquet");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("stale.txt"), "old").unwrap();
    assert!(Parquet.is_directory() && Parquet.can_read() && !Parquet.can_stream());
    Parquet.write(&data, &Target::Path(out.clone())).unwrap();
    assert!(
        !out.join("stale.txt").exists(),
        "the old directory was not replaced"
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary directories left behind"
    );
    assert_eq!(Parquet.read(&Source::Path(out)).unwrap(), data);
    let err = Parquet.write(&data, &Target::Stdout).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
    let err = Parquet.read(&Source::Stdin).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
}

/// Replaces one table file with a file of the given columns.
fn replace_table(dir: &Path, table: &str, columns: Vec<(&str, ArrayRef)>, format: Option<&str>) {
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_new(
        schema.clone(),
        columns.into_iter().map(|(_, a)| a).collect(),
    )
    .unwrap();
    let props = WriterProperties::builder()
        .set_key_value_metadata(
            format.map(|f| vec![KeyValue::new("readout.format".into(), f.to_owned())]),
        )
        .build();
    let file = File::create(dir.join(format!("{table}.parquet"))).unwrap();
    let mut writer = ArrowWriter::try_new(file, schema, Some(props)).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

fn strings(values: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(values.to_vec()))
}

fn ints(values: &[i64]) -> ArrayRef {
    Arc::new(Int64Array::from(values.to_vec()))
}

/// A small dataset written to a fresh directory.
fn written() -> (tempfile::TempDir, Dataset) {
    let data = readout_testkit::synthetic(3, 1);
    let dir = tempfile::tempdir().unwrap();
    to_dir(&data, dir.path()).unwrap();
    (dir, data)
}

#[test]
fn tables_rewritten_by_other_tools_still_read() {
    let (dir, mut data) = written();
    // Large strings and 64-bit ordinals, no readout metadata, as pyarrow might
    // write after a round through pandas; the list order comes from `ordinal`.
    let person = data.people[0].id.clone();
    replace_table(
        dir.path(),
        "person_aliases",
        vec![
            (
                "person",
                Arc::new(LargeStringArray::from(vec![
                    person.as_str(),
                    person.as_str(),
                ])),
            ),
            ("ordinal", ints(&[1, 0])),
            (
                "alias",
                Arc::new(LargeStringArray::from(vec!["second", "first"])),
            ),
            ("__index_level_0__", ints(&[0, 1])),
        ],
        None,
    );
    for p in &mut data.people {
        p.aliases.clear();
    }
    data.people[0].aliases = vec!["first".into(), "second".into()];
    assert_eq!(from_dir(dir.path()).unwrap(), data);
}

#[test]
fn bad_directories_are_refused_with_the_file_and_the_reason() {
    let (dir, _) = written();
    let err = from_dir(&dir.path().join("nowhere")).unwrap_err();
    assert!(err.to_string().contains("is not a directory"), "{err}");

    fs::remove_file(dir.path().join("evidence.parquet")).unwrap();
    fs::remove_file(dir.path().join("topics.parquet")).unwrap();
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("not a readout Parquet dataset: no topics.parquet, evidence.parquet"),
        "{err}"
    );

    let (dir, _) = written();
    fs::write(dir.path().join("people.parquet"), b"PAR1 not really").unwrap();
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("people.parquet: "), "{err}");

    let (dir, _) = written();
    replace_table(
        dir.path(),
        "topics",
        vec![
            ("id", strings(&[])),
            ("label", strings(&[])),
            ("kind", strings(&[])),
        ],
        Some("other/2"),
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with(r#"topics.parquet: unknown format "other/2", expected "readout/1""#),
        "{err}"
    );

    let (dir, _) = written();
    replace_table(
        dir.path(),
        "topics",
        vec![("id", strings(&[])), ("label", strings(&[]))],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.ends_with("topics.parquet: no column kind"), "{err}");

    let (dir, _) = written();
    replace_table(
        dir.path(),
        "topics",
        vec![
            ("id", strings(&[])),
            ("label", strings(&[])),
            ("kind", ints(&[])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("topics.parquet: column kind is Int64, expected string"),
        "{err}"
    );

    let (dir, _) = written();
    replace_table(
        dir.path(),
        "topics",
        vec![
            ("id", strings(&[Some("a"), Some("b")])),
            ("label", strings(&[Some("A"), None])),
            ("kind", strings(&[Some("issue"), Some("issue")])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("topics.parquet: row 2, column label: is null"),
        "{err}"
    );

    let (dir, _) = written();
    replace_table(
        dir.path(),
        "topics",
        vec![
            ("id", strings(&[Some("a")])),
            ("label", strings(&[Some("A")])),
            ("kind", strings(&[Some("mood")])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with(r#"topics.parquet: row 1, column kind: unknown topic kind "mood""#),
        "{err}"
    );

    let (dir, data) = written();
    replace_table(
        dir.path(),
        "meeting_sources",
        vec![
            (
                "meeting",
                strings(&[Some(data.meetings[0].id.as_str()), Some("no-such-meeting")]),
            ),
            ("ordinal", ints(&[0, 0])),
            (
                "document",
                strings(&[Some(data.documents[0].id.as_str()), Some("doc-x")]),
            ),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("meeting_sources.parquet: row 2, column meeting: no meeting no-such-meeting"),
        "{err}"
    );

    let (dir, data) = written();
    let ev = &data.meetings[0].evidence[0];
    replace_table(
        dir.path(),
        "evidence",
        vec![
            ("meeting", strings(&[Some(data.meetings[0].id.as_str())])),
            ("ordinal", ints(&[0])),
            ("field", strings(&[Some(ev.field.as_str())])),
            ("document", strings(&[Some(ev.document.as_str())])),
            ("start", ints(&[-4])),
            ("end", ints(&[3])),
            ("text", strings(&[Some("abc")])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("evidence.parquet: row 1, column start: -4 is not a byte offset"),
        "{err}"
    );

    // A well-formed table whose span does not fall on the document text is
    // caught by the same validation as JSON input.
    let (dir, data) = written();
    let doc = &data.documents[0];
    replace_table(
        dir.path(),
        "document_evidence",
        vec![
            ("document", strings(&[Some(doc.id.as_str())])),
            ("ordinal", ints(&[0])),
            ("field", strings(&[Some("headline")])),
            ("start", ints(&[0])),
            ("end", ints(&[i64::try_from(doc.text.len()).unwrap() + 1])),
            ("text", strings(&[Some("x")])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("is outside the"), "{err}");
}

#[test]
fn participant_lists_must_name_their_participant() {
    let (dir, data) = written();
    let m = &data.meetings[0];
    replace_table(
        dir.path(),
        "participant_roles",
        vec![
            ("meeting", strings(&[Some(m.id.as_str())])),
            ("participant", ints(&[0])),
            (
                "person",
                strings(&[Some(m.participants[1].person.as_str())]),
            ),
            ("ordinal", ints(&[0])),
            ("role", strings(&[Some("Foreign Minister")])),
        ],
        None,
    );
    let err = from_dir(dir.path()).unwrap_err().to_string();
    let expected = format!(
        "participant_roles.parquet: row 1, column person: {} is not participant 0, {}",
        m.participants[1].person, m.participants[0].person
    );
    assert!(err.ends_with(&expected), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// JSON → Parquet → JSON gives back the same bytes.
    #[test]
    fn json_to_parquet_to_json_is_lossless(data in readout_testkit::arb_dataset()) {
        let json = json_bytes(&data);
        let from_json = readout_json::from_slice(&json, "in.json").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.parquet");
        write_dir(&from_json, &out).unwrap();
        let back = from_dir(&out).unwrap();
        prop_assert_eq!(json_bytes(&back), json);
    }
}
