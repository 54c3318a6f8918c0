//! Writing and reading a realistic dataset of 10,000 meetings as Parquet.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn parquet(c: &mut Criterion) {
    let data = readout_testkit::synthetic(10_000, 1);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("bench.parquet");
    let mut group = c.benchmark_group("parquet");
    group.sample_size(10);
    group.bench_function("write 10k meetings", |b| {
        b.iter(|| readout_parquet::write_dir(black_box(&data), &out).expect("written"));
    });
    readout_parquet::write_dir(&data, &out).expect("written");
    group.bench_function("read 10k meetings", |b| {
        b.iter(|| readout_parquet::from_dir(black_box(&out)).expect("read"));
    });
    group.finish();
}

criterion_group!(benches, parquet);
criterion_main!(benches);
