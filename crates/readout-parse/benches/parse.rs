//! Parsing throughput on the seed documents.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout_parse::{Input, Markup, Parser};
use std::hint::black_box;
use std::path::Path;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("seeds directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("read seed"),
            )
        })
        .collect();
    docs.sort();
    docs
}

fn bench(c: &mut Criterion) {
    let docs = seeds();
    let parser = Parser::default();
    let bytes: u64 = docs.iter().map(|d| d.1.len() as u64).sum();
    let mut group = c.benchmark_group("parse seeds");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bytes", |b| {
        b.iter(|| {
            for (path, data) in &docs {
                let found = parser.parse(&Input {
                    path: Some(path),
                    bytes: data,
                    markup: Markup::from_path(path),
                });
                black_box(found);
            }
        })
    });
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("documents", |b| {
        b.iter(|| {
            for (path, data) in &docs {
                black_box(parser.parse(&Input {
                    path: Some(path),
                    bytes: data,
                    markup: Markup::from_path(path),
                }));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
