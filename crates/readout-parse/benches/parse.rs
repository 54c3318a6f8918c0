//! Parsing throughput (bytes of input per second, one core) on three inputs:
//! the seeds and the accuracy corpus (`tests/corpus/`), a sample of a news
//! crawl (`crawl-sample.jsonl.gz`: about a fifth of its documents report a
//! meeting, the rest is other news), and the meeting readouts of that sample
//! alone. The sample was written by
//! `cargo xtask gen-corpus --size 1MB --seed 8 -o crates/readout-parse/benches/crawl-sample.jsonl.gz`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flate2::read::GzDecoder;
use readout_parse::{Input, Markup, Parser};
use std::hint::black_box;
use std::io::Read;
use std::path::Path;

/// A document to parse: its path, bytes and markup.
type Doc = (String, Vec<u8>, Markup);

fn files(dir: &str) -> Vec<Doc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut docs: Vec<Doc> = std::fs::read_dir(&dir)
        .expect("directory of documents")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x == "txt" || x == "html" || x == "htm")
        })
        .map(|p| {
            let path = p.display().to_string();
            let markup = Markup::from_path(&path);
            (path, std::fs::read(&p).expect("read document"), markup)
        })
        .collect();
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    docs
}

/// The documents of the crawl sample, as `readout extract` reads a JSON
/// Lines corpus: `html` is HTML, `text` is text.
fn crawl() -> Vec<Doc> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/crawl-sample.jsonl.gz");
    let mut jsonl = String::new();
    GzDecoder::new(std::fs::File::open(&path).expect("crawl sample"))
        .read_to_string(&mut jsonl)
        .expect("gzip JSON Lines");
    jsonl
        .lines()
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let id = v["url"].as_str().or(v["id"].as_str())?.to_owned();
            if let Some(h) = v["html"].as_str() {
                Some((id, h.as_bytes().to_vec(), Markup::Html))
            } else {
                v["text"]
                    .as_str()
                    .map(|t| (id, t.as_bytes().to_vec(), Markup::Text))
            }
        })
        .collect()
}

fn parse_all(parser: &Parser, docs: &[Doc]) {
    for (path, data, markup) in docs {
        black_box(parser.parse(&Input {
            path: Some(path),
            bytes: data,
            markup: *markup,
        }));
    }
}

fn bench(c: &mut Criterion) {
    let parser = Parser::default();
    let seeds = files("../../seeds");
    let bytes: u64 = seeds.iter().map(|d| d.1.len() as u64).sum();
    let mut group = c.benchmark_group("parse seeds");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bytes", |b| b.iter(|| parse_all(&parser, &seeds)));
    group.throughput(Throughput::Elements(seeds.len() as u64));
    group.bench_function("documents", |b| b.iter(|| parse_all(&parser, &seeds)));
    group.finish();

    let mut corpus = seeds;
    corpus.extend(files("../../tests/corpus"));
    let crawl = crawl();
    let meetings: Vec<Doc> = crawl
        .iter()
        .filter(|(path, data, markup)| {
            !parser
                .parse(&Input {
                    path: Some(path),
                    bytes: data,
                    markup: *markup,
                })
                .meetings
                .is_empty()
        })
        .cloned()
        .collect();
    let mut group = c.benchmark_group("extraction");
    for (name, docs) in [
        ("seeds and corpus", &corpus),
        ("crawl sample", &crawl),
        ("crawl meeting readouts", &meetings),
    ] {
        group.throughput(Throughput::Bytes(
            docs.iter().map(|d| d.1.len() as u64).sum(),
        ));
        group.bench_function(name, |b| b.iter(|| parse_all(&parser, docs)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
