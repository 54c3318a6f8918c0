//! Write and read throughput of Turtle and N-Triples, in MB/s of output, on
//! a synthetic dataset (`RDF_BENCH_MEETINGS`, default 10 000 meetings).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use readout_model::Dataset;
use std::hint::black_box;
use std::io;

type Writer = fn(&Dataset, &mut Vec<u8>) -> io::Result<()>;
type Reader = fn(&[u8], &str) -> Result<Dataset, readout_format::FormatError>;

fn bench(c: &mut Criterion) {
    let meetings = std::env::var("RDF_BENCH_MEETINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let data = readout_testkit::synthetic(meetings, 1);
    let formats: [(&str, Writer, Reader); 2] = [
        (
            "turtle",
            |d, w| readout_rdf::to_turtle_writer(d, w),
            readout_rdf::from_turtle_slice,
        ),
        (
            "ntriples",
            |d, w| readout_rdf::to_ntriples_writer(d, w),
            readout_rdf::from_ntriples_slice,
        ),
    ];
    for (name, write, read) in formats {
        let mut bytes = Vec::new();
        write(&data, &mut bytes).expect("write");
        let mut group = c.benchmark_group(format!("{name}/{meetings}"));
        group.sample_size(10);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("write", |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(bytes.len());
                write(black_box(&data), &mut out).expect("write");
                out
            })
        });
        group.bench_function("read", |b| {
            b.iter(|| read(black_box(&bytes), "bench").expect("read"))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
