//! Write and read throughput of the CSV directory format on a synthetic
//! dataset, in bytes of CSV per second. `READOUT_BENCH_MEETINGS` sets the
//! size (default 10 000; the size is 100 000).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout_csv::Csv;
use std::hint::black_box;

fn meetings() -> usize {
    std::env::var("READOUT_BENCH_MEETINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

fn bench(c: &mut Criterion) {
    let n = meetings();
    let data = readout_testkit::synthetic(n, 42);
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    readout_csv::to_dir(&data, &dir, Csv::default()).expect("write");
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .sum();
    let mut group = c.benchmark_group(format!("csv/{n}-meetings/{bytes}-bytes"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("write", |b| {
        b.iter(|| readout_csv::to_dir(black_box(&data), &dir, Csv::default()).expect("write"))
    });
    group.bench_function("read", |b| {
        b.iter(|| black_box(readout_csv::from_dir(&dir).expect("read")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
