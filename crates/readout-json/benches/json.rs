//! Write and read throughput of `readout/1` JSON and JSON Lines on a
//! synthetic dataset, in bytes of output per second.
//! `READOUT_BENCH_MEETINGS` sets the size (default 10 000).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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

    let mut json = Vec::new();
    readout_json::to_writer(&data, &mut json).expect("write json");
    let mut group = c.benchmark_group(format!("json/{n}-meetings/{}-bytes", json.len()));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("write", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(json.len());
            readout_json::to_writer(black_box(&data), &mut out).expect("write json");
            out
        })
    });
    group.bench_function("read", |b| {
        b.iter(|| readout_json::from_slice(black_box(&json), "bench.json").expect("read json"))
    });
    group.finish();

    let mut lines = Vec::new();
    readout_json::to_jsonl_writer(&data, &mut lines).expect("write jsonl");
    let mut group = c.benchmark_group(format!("jsonl/{n}-meetings/{}-bytes", lines.len()));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function("write", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(lines.len());
            readout_json::to_jsonl_writer(black_box(&data), &mut out).expect("write jsonl");
            out
        })
    });
    group.bench_function("read", |b| {
        b.iter(|| {
            readout_json::from_jsonl_reader(black_box(&lines[..]), "bench.jsonl")
                .expect("read jsonl")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
