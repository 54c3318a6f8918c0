//! Write and read throughput of the SQLite format on a synthetic dataset, in
//! rows per second. `READOUT_BENCH_MEETINGS` sets the size (default 10 000;
//! the size is 100 000).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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
    group.bench_function("read", |b| {
        b.iter(|| black_box(readout_sqlite::from_path(&path).expect("read")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
