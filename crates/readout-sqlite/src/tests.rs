use super::*;
use proptest::prelude::*;
use readout_model::*;
use std::fs;

fn json(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_json::to_writer(data, &mut out).expect("json");
    out
}

fn in_memory(data: &Dataset) -> Connection {
    let mut conn = Connection::open_in_memory().expect("memory");
    to_connection(data, &mut conn).expect("write");
    conn
}

fn written(data: &Dataset) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.db");
    to_path(data, &path).expect("write");
    (dir, path)
}

#[test]
fn a_written_file_passes_sqlites_own_checks() {
    let data = readout_testkit::synthetic(300, 4);
    let (_dir, path) = written(&data);
    let conn = Connection::open(&path).expect("open");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(integrity, "ok");
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").expect("fk check");
    let violations = stmt.query_map([], |_| Ok(())).expect("rows").count();
    assert_eq!(violations, 0);
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(from_path(&path).expect("read"), data);
}

#[test]
fn the_indexes_users_query_by_are_there() {
    let conn = in_memory(&Dataset::default());
    let mut stmt = conn
        .prepare("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .expect("indexes");
    let names: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    assert_eq!(
        names,
        [
            (
                "meeting_topics".to_owned(),
                "meeting_topics_topic".to_owned()
            ),
            ("meetings".to_owned(), "meetings_date".to_owned()),
            ("participants".to_owned(), "participants_person".to_owned()),
        ]
    );
    // The query plan of a lookup by date uses the index.
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM meetings WHERE date = '2023-09-18'",
            [],
            |r| r.get(3),
        )
        .expect("plan");
    assert!(plan.contains("meetings_date"), "{plan}");
}

fn two_meetings() -> Dataset {
    let doc = Document::new(Some("a.txt".into()), "Wang Yi met Lavrov in Moscow.".into());
    let person = |id: &str, name: &str| Person {
        id: id.into(),
        name: name.into(),
        aliases: vec![],
        country: None,
        wikidata: None,
    };
    let participant = |id: &str| Participant {
        person: id.into(),
        country: None,
        roles: vec![],
        titles_as_written: vec![],
        notes: vec![],
    };
    let meeting = |id: &str, date: &str, who: &[&str], city: &str| Meeting {
        id: id.into(),
        date: Some(date.into()),
        date_basis: Some(DateBasis::Stated),
        kind: MeetingKind::Meeting,
        place: Place {
            city: Some(city.into()),
            region: None,
            country: Some("RU".into()),
        },
        occasion: None,
        participants: who.iter().map(|id| participant(id)).collect(),
        topics: vec!["brics".into()],
        coding: None,
        statements: vec![],
        sources: vec![doc.id.clone()],
        evidence: vec![],
    };
    let mut data = Dataset {
        documents: vec![doc.clone()],
        people: vec![
            person("sergey-lavrov", "Sergey Lavrov"),
            person("wang-yi", "Wang Yi"),
            person("s-jaishankar", "S. Jaishankar"),
        ],
        topics: vec![Topic {
            id: "brics".into(),
            label: "BRICS".into(),
            kind: TopicKind::Organization,
        }],
        meetings: vec![
            meeting("m1", "2023-09-18", &["wang-yi", "sergey-lavrov"], "Moscow"),
            meeting(
                "m2",
                "2024-02-01",
                &["sergey-lavrov", "wang-yi", "s-jaishankar"],
                "Sochi",
            ),
        ],
        ..Dataset::default()
    };
    data.canonicalize();
    data
}

#[test]
fn meetings_view_answers_who_met_whom_when_and_where() {
    let conn = in_memory(&two_meetings());
    let mut stmt = conn
        .prepare(
            "SELECT date, kind, city, country, participants, topics, sources FROM meetings_view",
        )
        .expect("view");
    let rows: Vec<(String, String, String, String, String, String, i64)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("values");
    let row = |d: &str, c: &str, p: &str| {
        (
            d.into(),
            "meeting".into(),
            c.into(),
            "RU".into(),
            p.into(),
            "BRICS".into(),
            1,
        )
    };
    assert_eq!(
        rows,
        [
            row("2023-09-18", "Moscow", "Wang Yi; Sergey Lavrov"),
            row(
                "2024-02-01",
                "Sochi",
                "Sergey Lavrov; Wang Yi; S. Jaishankar"
            ),
        ]
    );
}

#[test]
fn pairs_view_counts_who_met_whom() {
    let conn = in_memory(&two_meetings());
    let mut stmt = conn
        .prepare("SELECT name_a, name_b, meetings, first_date, last_date FROM pairs_view")
        .expect("view");
    let rows: Vec<(String, String, i64, String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("values");
    assert_eq!(
        rows[0],
        (
            "Sergey Lavrov".into(),
            "Wang Yi".into(),
            2,
            "2023-09-18".into(),
            "2024-02-01".into()
        )
    );
    assert_eq!(rows.len(), 3);
    assert!(rows[1..].iter().all(|r| r.2 == 1 && r.3 == "2024-02-01"));
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let data = two_meetings();
    let (dir, path) = written(&data);
    let before = fs::read(&path).expect("old");
    // A participant who is not among the people breaks a foreign key midway.
    let mut broken = readout_testkit::synthetic(50, 2);
    broken.meetings[40].participants[0].person = "nobody".into();
    let err = to_path(&broken, &path).expect_err("must fail").to_string();
    assert!(err.contains("table participants"), "{err}");
    assert!(err.contains("FOREIGN KEY constraint failed"), "{err}");
    assert_eq!(fs::read(&path).expect("still there"), before);
    assert_eq!(
        fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "temporary file left"
    );
    assert_eq!(from_path(&path).expect("old reads"), data);
}

#[test]
fn a_file_that_is_not_a_database_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.db");
    fs::write(
        &path,
        "SQLite format 2? no, just text, long enough to be read as a header.",
    )
    .expect("write");
    let err = from_path(&path).expect_err("not a db").to_string();
    assert_eq!(err, format!("{}: not a SQLite database", path.display()));
    let err = from_path(&dir.path().join("missing.db"))
        .expect_err("missing")
        .to_string();
    assert!(
        err.starts_with(&format!("{}: ", dir.path().join("missing.db").display())),
        "{err}"
    );
}

#[test]
fn another_sqlite_database_or_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .expect("open")
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("create");
    let err = from_path(&other).expect_err("other").to_string();
    assert!(
        err.ends_with(
            "a SQLite database, but not a readout dataset (its application_id is not readout's)"
        ),
        "{err}"
    );

    let (_dir, path) = written(&two_meetings());
    Connection::open(&path)
        .expect("open")
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("bump");
    let err = from_path(&path).expect_err("newer").to_string();
    assert_eq!(
        err,
        format!(
            "{}: schema version 2 is newer than this readout reads (1); use a newer readout",
            path.display()
        )
    );
}

#[test]
fn reading_leaves_the_file_untouched() {
    let (dir, path) = written(&two_meetings());
    let before = fs::read(&path).expect("bytes");
    from_path(&path).expect("read");
    assert_eq!(fs::read(&path).expect("bytes"), before);
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn a_broken_row_names_its_table() {
    let (_dir, path) = written(&two_meetings());
    Connection::open(&path)
        .expect("open")
        .execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE meetings SET kind = 'summit' WHERE id = 'm2'")
        .expect("edit");
    let err = from_path(&path).expect_err("bad kind").to_string();
    assert!(
        err.ends_with("table meetings: unknown meeting kind \"summit\""),
        "{err}"
    );
}

#[test]
fn the_format_refuses_standard_output() {
    assert!(!Sqlite.can_stream());
    assert!(Sqlite.write(&Dataset::default(), &Target::Stdout).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn json_to_sqlite_to_json_is_the_identity(data in readout_testkit::arb_dataset()) {
        let conn = in_memory(&data);
        let back = from_connection(&conn).expect("read");
        prop_assert_eq!(json(&back), json(&data));
    }
}

#[cfg(unix)]
#[test]
fn the_database_gets_the_mode_of_an_ordinary_file() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = written(&Dataset::default());
    let mode = |p: &std::path::Path| fs::metadata(p).expect("metadata").permissions().mode();
    let ordinary = dir.path().join("ordinary");
    fs::write(&ordinary, "").expect("write");
    assert_eq!(mode(&path) & 0o777, mode(&ordinary) & 0o777);
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

/// The bytes of the file each way of writing `data` makes, the first by
/// [`to_path`].
fn files_written(data: &Dataset) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.db");
    let mut head = data.clone();
    let documents = std::mem::take(&mut head.documents);
    let meetings = std::mem::take(&mut head.meetings);
    let mut files = Vec::new();
    to_path(data, &path).expect("write");
    files.push(fs::read(&path).expect("read"));
    let without_documents = Dataset {
        documents: vec![],
        ..data.clone()
    };
    to_path_with_documents(&without_documents, &mut Spooled::new(&documents), &path)
        .expect("write");
    files.push(fs::read(&path).expect("read"));
    to_path_streamed(
        &head,
        &mut meetings.clone().into_iter(),
        &mut documents.clone(),
        &path,
    )
    .expect("write");
    files.push(fs::read(&path).expect("read"));
    // Some meetings in the head, the rest given one at a time.
    let mut split = head.clone();
    let rest = split.meetings.len() / 2;
    split.meetings = meetings[..rest].to_vec();
    let later: Vec<Meeting> = meetings[rest..].to_vec();
    Sqlite
        .write_streamed(
            split,
            &mut later.into_iter(),
            &mut Spooled::new(&documents),
            &Target::Path(path.clone()),
        )
        .expect("write");
    files.push(fs::read(&path).expect("read"));
    files
}

fn pools() -> Vec<rayon::ThreadPool> {
    [1, 3]
        .into_iter()
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("pool")
        })
        .collect()
}

#[test]
fn streamed_writes_give_the_file_of_the_whole_dataset() {
    let mut undated = readout_testkit::synthetic(200, 8);
    for m in undated.meetings.iter_mut().step_by(7) {
        m.date = None;
        m.date_basis = None;
    }
    undated.canonicalize();
    for pool in pools() {
        for data in [
            Dataset::default(),
            two_meetings(),
            readout_testkit::synthetic(1500, 6),
            undated.clone(),
        ] {
            let files = pool.install(|| files_written(&data));
            assert!(files.iter().all(|f| *f == files[0]));
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("back.db");
            fs::write(&path, &files[0]).expect("write");
            assert_eq!(from_path(&path).expect("read"), data);
        }
    }
}

#[test]
fn a_streamed_meeting_with_an_unknown_person_is_refused_as_before() {
    let mut broken = readout_testkit::synthetic(600, 2);
    broken.meetings[400].participants[0].person = "nobody".into();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.db");
    fs::write(&path, "old").expect("old");
    let whole = to_path(&broken, &path).expect_err("must fail").to_string();
    assert!(whole.contains("table participants"), "{whole}");
    assert!(whole.contains("FOREIGN KEY constraint failed"), "{whole}");
    let mut head = broken.clone();
    let mut documents = std::mem::take(&mut head.documents);
    let mut meetings = std::mem::take(&mut head.meetings).into_iter();
    let streamed = to_path_streamed(&head, &mut meetings, &mut documents, &path)
        .expect_err("must fail")
        .to_string();
    assert_eq!(streamed, whole);
    assert_eq!(fs::read(&path).expect("still there"), b"old");
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn a_document_that_cannot_be_read_back_stops_the_write_with_its_error() {
    let data = readout_testkit::synthetic(600, 3);
    let mut head = data.clone();
    let documents = std::mem::take(&mut head.documents);
    let mut spooled = Spooled::new(&documents);
    spooled.json[300].truncate(10);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.db");
    for pool in pools() {
        let err = pool
            .install(|| {
                to_path_streamed(
                    &head,
                    &mut data.meetings.clone().into_iter(),
                    &mut spooled,
                    &path,
                )
            })
            .expect_err("must fail")
            .to_string();
        assert!(err.starts_with("spool:"), "{err}");
        assert!(!path.exists());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn streamed_writes_agree_on_arbitrary_datasets(data in readout_testkit::arb_dataset()) {
        let files = files_written(&data);
        prop_assert!(files.iter().all(|f| *f == files[0]));
    }
}
