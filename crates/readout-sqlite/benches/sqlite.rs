//! Write and read throughput of the SQLite format on a synthetic dataset, in
//! rows per second; `write streamed` is the write of `readout extract`
//! (documents from their JSON, meetings one at a time).
//! `READOUT_BENCH_MEETINGS` sets the size (default 10 000; the size
//! is 100 000).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout_format::{Documents, FormatError};
use std::hint::black_box;

fn meetings() -> usize {
    std::env::var("READOUT_BENCH_MEETINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Rows in every table of the database at `path`.
fn rows(path: &std::path::Path) -> u64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    tables
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("count")
            .unsigned_abs()
        })
        .sum()
}

/// Documents held as their compact JSON, as the spool of `readout extract`
/// holds them.
struct Spooled<'a> {
    ids: Vec<&'a str>,
    json: &'a [Vec<u8>],
}

impl<'a> Spooled<'a> {
    fn new(documents: &'a [readout_model::Document], json: &'a [Vec<u8>]) -> Self {
        Spooled {
            ids: documents.iter().map(|d| d.id.as_str()).collect(),
            json,
        }
    }
}

impl Documents for Spooled<'_> {
    fn len(&self) -> usize {
        self.ids.len()
    }
    fn id(&self, i: usize) -> &str {
        self.ids[i]
    }
    fn get(&mut self, i: usize) -> Result<readout_model::Document, FormatError> {
        serde_json::from_slice(&self.json[i])
            .map_err(|e| FormatError::spool("bench", e.to_string()))
    }
    fn get_json(&mut self, i: usize, json: &mut Vec<u8>) -> Result<bool, FormatError> {
        json.extend_from_slice(&self.json[i]);
        Ok(true)
    }
}

fn bench(c: &mut Criterion) {
    let n = meetings();
    let data = readout_testkit::synthetic(n, 42);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    readout_sqlite::to_path(&data, &path).expect("write");
    let rows = rows(&path);
    let mut group = c.benchmark_group(format!("sqlite/{n}-meetings/{rows}-rows"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(rows));
    group.bench_function("write", |b| {
        b.iter(|| readout_sqlite::to_path(black_box(&data), &path).expect("write"))
    });
    // As `readout extract` writes: the documents read back from their JSON
    // (parsed on the rayon pool), the meetings given one at a time.
    let spooled: Vec<Vec<u8>> = data
        .documents
        .iter()
        .map(|d| serde_json::to_vec(d).expect("document json"))
        .collect();
    let mut head = data.clone();
    head.documents.clear();
    let meetings = std::mem::take(&mut head.meetings);
    group.bench_function("write streamed", |b| {
        b.iter_batched(
            || {
                (
                    Spooled::new(&data.documents, &spooled),
                    meetings.clone().into_iter(),
                )
            },
            |(mut documents, mut meetings)| {
                readout_sqlite::to_path_streamed(
                    black_box(&head),
                    &mut meetings,
                    &mut documents,
                    &path,
                )
                .expect("write")
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("read", |b| {
        b.iter(|| black_box(readout_sqlite::from_path(&path).expect("read")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
