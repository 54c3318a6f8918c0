//! `cargo xtask gen-corpus`: a synthetic JSON Lines corpus of a given size,
//! shaped like a news crawl: a share of meeting readouts (ministry style and
//! news style, with the same meeting reported again by a second outlet, in
//! other words and spellings) among many unrelated news articles.
//!
//! The generator is `readout_testkit::crawl` (the end-to-end tests use it
//! too); this task writes it to a file, gzip-compressed for `.gz`.
//! Everything is deterministic for a given `--seed`.

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Parses `100MB`, `1GB`, `500kB`, `12345` (bytes; decimal units).
pub(crate) fn parse_size(s: &str) -> Result<u64> {
    let lower = s.to_ascii_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &lower[digits.len()..];
    let n: f64 = digits
        .parse()
        .with_context(|| format!("--size {s}: not a size"))?;
    let factor = match unit {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        _ => bail!("--size {s}: unknown unit {unit:?} (B, kB, MB, GB)"),
    };
    Ok((n * factor) as u64)
}
/// What was written.
pub(crate) struct Written {
    pub(crate) documents: u64,
    pub(crate) meetings: u64,
    pub(crate) bytes: u64,
}

/// Writes about `size` bytes of JSON Lines (before compression) to `out`
/// (`.gz`: gzip-compressed): the synthetic crawl of `readout_testkit::crawl`.
pub(crate) fn generate(size: u64, out: &PathBuf, seed: u64) -> Result<Written> {
    let file = File::create(out).with_context(|| format!("{}: cannot create", out.display()))?;
    let mut sink: Box<dyn Write> = if out.to_string_lossy().ends_with(".gz") {
        Box::new(BufWriter::new(GzEncoder::new(file, Compression::fast())))
    } else {
        Box::new(BufWriter::new(file))
    };
    let w = readout_testkit::crawl(size, seed, &mut sink)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    sink.flush()
        .with_context(|| format!("{}: cannot write", out.display()))?;
    drop(sink);
    Ok(Written {
        documents: w.documents,
        meetings: w.meetings,
        bytes: w.bytes,
    })
}

/// `cargo xtask gen-corpus --size SIZE -o OUT [--seed N]`.
pub(crate) fn run(args: &[String]) -> Result<()> {
    let mut size = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => size = Some(parse_size(value()?)?),
            "-o" | "--output" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse().context("--seed: not a number")?,
            other => bail!(
                "unknown option {other:?}; usage: cargo xtask gen-corpus --size 100MB -o corpus.jsonl[.gz] [--seed N]"
            ),
        }
    }
    let (Some(size), Some(out)) = (size, out) else {
        bail!("usage: cargo xtask gen-corpus --size 100MB -o corpus.jsonl[.gz] [--seed N]");
    };
    let w = generate(size, &out, seed)?;
    eprintln!(
        "{}: {} documents ({} meetings, some reported twice), {:.1} MB of JSON Lines",
        out.display(),
        w.documents,
        w.meetings,
        w.bytes as f64 / 1e6
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_in_decimal_units() {
        assert_eq!(parse_size("100MB").unwrap(), 100_000_000);
        assert_eq!(parse_size("1gb").unwrap(), 1_000_000_000);
        assert_eq!(parse_size("512").unwrap(), 512);
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn the_corpus_is_json_lines_of_the_promised_size_and_the_same_for_a_seed() {
        let dir = std::env::temp_dir().join(format!("gen-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
        let w = generate(200_000, &a, 7).unwrap();
        generate(200_000, &b, 7).unwrap();
        let text = std::fs::read_to_string(&a).unwrap();
        assert_eq!(text, std::fs::read_to_string(&b).unwrap());
        assert!(w.bytes >= 200_000 && w.meetings > 0);
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v["url"].is_string());
            assert!(v["text"].is_string() != v["html"].is_string());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
