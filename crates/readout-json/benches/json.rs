//! Write and read throughput of `readout/1` JSON and JSON Lines on a
//! synthetic dataset, in bytes of output per second; `write streamed` is the
//! write of `readout extract` (documents from their JSON, meetings one at a
//! time, serialized on the rayon pool).
//! `READOUT_BENCH_MEETINGS` sets the size (default 10 000).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout_format::{Documents, FormatError};
use std::hint::black_box;

fn meetings() -> usize {
    std::env::var("READOUT_BENCH_MEETINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
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
    // The reference the writers are held to, byte for byte: serde_json's
    // pretty printer on the whole dataset, on one thread.
    group.bench_function("write serde_json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(json.len());
            serde_json::to_writer_pretty(&mut out, black_box(&data)).expect("write json");
            out
        })
    });
    // The documents read back from their JSON and the meetings given one
    // at a time, as `readout extract` writes: each document is parsed and
    // serialized, and each meeting serialized, on the rayon pool.
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
                let mut out = Vec::with_capacity(json.len());
                readout_json::to_writer_streamed(
                    black_box(&head),
                    &mut meetings,
                    &mut documents,
                    &mut out,
                )
                .expect("write json");
                out
            },
            criterion::BatchSize::LargeInput,
        )
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
