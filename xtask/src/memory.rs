//! `cargo xtask bench --memory`: peak resident memory of the release
//! `readout extract` on generated JSON Lines corpora (gzip-compressed, as
//! crawls come) of the sizes given, into each output given, measured with
//! `/usr/bin/time -v`: how peak memory grows with the corpus.

use crate::{cargo, corpus, target_dir};
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The corpus sizes measured unless `--sizes` says otherwise.
const SIZES: &str = "100MB,1GB";
/// The outputs written unless `--outputs` says otherwise: the default
/// (SQLite) and the interchange JSON.
const OUTPUTS: &str = "db,json";

/// One measured run.
#[derive(Debug, PartialEq)]
struct Row {
    size: String,
    output: String,
    documents: u64,
    input_bytes: u64,
    output_bytes: u64,
    peak_kib: u64,
    seconds: f64,
}

const USAGE: &str = "usage: cargo xtask bench --memory [--sizes 100MB,1GB] [--outputs db,json] [--bin PATH] [--jobs N]";

pub(crate) fn run(args: &[String]) -> Result<()> {
    let mut sizes = SIZES.to_owned();
    let mut outputs = OUTPUTS.to_owned();
    let mut given_bin = None;
    let mut jobs = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || {
            iter.next()
                .with_context(|| format!("{arg} needs a value; {USAGE}"))
        };
        match arg.as_str() {
            "--sizes" => sizes = value()?.clone(),
            "--outputs" => outputs = value()?.clone(),
            "--bin" => given_bin = Some(PathBuf::from(value()?)),
            "--jobs" => jobs = Some(value()?.clone()),
            other => bail!("unknown option {other:?}; {USAGE}"),
        }
    }
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        bail!("/usr/bin/time is missing (Debian: apt-get install time)");
    }
    let target = target_dir()?;
    let readout = match given_bin {
        Some(bin) => bin,
        None => {
            cargo(&["build", "--release", "-p", "readout-cli", "--locked"])?;
            target
                .join("release")
                .join(format!("readout{}", std::env::consts::EXE_SUFFIX))
        }
    };
    let scratch = target.join("memory-bench");
    fs::create_dir_all(&scratch)?;
    let mut rows = Vec::new();
    for size in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let bytes = corpus::parse_size(size)?;
        let corpus = scratch.join(format!("corpus-{bytes}.jsonl.gz"));
        // One seed: the same corpus for a size, every time.
        let written = corpus::generate(bytes, &corpus, 1)?;
        for output in outputs.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let out = scratch.join(format!("out.{output}"));
            eprintln!(
                "memory: readout extract on {size} ({} documents) -o out.{output}",
                written.documents
            );
            let mut command = Command::new(time);
            command
                .arg("-v")
                .arg(&readout)
                .args(["--quiet", "extract", "--force"])
                .arg(&corpus)
                .arg("-o")
                .arg(&out);
            if let Some(jobs) = &jobs {
                command.args(["--jobs", jobs]);
            }
            let run = command
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output()
                .context("running /usr/bin/time -v readout extract")?;
            let report = String::from_utf8_lossy(&run.stderr);
            if !matches!(run.status.code(), Some(0 | 1)) {
                bail!("readout extract failed ({}): {}", run.status, report.trim());
            }
            let (peak_kib, seconds) = parse_time_v(&report)
                .with_context(|| format!("no peak memory in /usr/bin/time's report:\n{report}"))?;
            rows.push(Row {
                size: size.to_owned(),
                output: output.to_owned(),
                documents: written.documents,
                input_bytes: written.bytes,
                output_bytes: output_size(&out),
                peak_kib,
                seconds,
            });
            fs::remove_file(&out).ok();
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "readout extract, peak memory (release, {cores} cores, --jobs {}):",
        jobs.as_deref().unwrap_or("all")
    );
    for line in table(&rows) {
        println!("{line}");
    }
    Ok(())
}

/// Bytes of a file, or of every file in a directory (CSV).
fn output_size(path: &Path) -> u64 {
    match fs::read_dir(path) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum(),
        Err(_) => fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    }
}

/// Peak resident set (KiB) and elapsed seconds from `/usr/bin/time -v`.
fn parse_time_v(report: &str) -> Option<(u64, f64)> {
    let mut peak = None;
    let mut seconds = None;
    for line in report.lines() {
        let line = line.trim();
        if let Some(v) = line.strip_prefix("Maximum resident set size (kbytes):") {
            peak = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("Elapsed (wall clock) time (h:mm:ss or m:ss):") {
            // m:ss.ss or h:mm:ss
            seconds = v.trim().split(':').try_fold(0.0, |acc, part| {
                part.parse::<f64>().ok().map(|p| acc * 60.0 + p)
            });
        }
    }
    Some((peak?, seconds.unwrap_or(0.0)))
}

fn table(rows: &[Row]) -> Vec<String> {
    let mut lines = vec![
        "| corpus | output | documents | input MB | output MB | peak RSS MB | peak / input | seconds |"
            .to_owned(),
        "|---|---|---:|---:|---:|---:|---:|---:|".to_owned(),
    ];
    for r in rows {
        lines.push(format!(
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.2} | {:.1} |",
            r.size,
            r.output,
            r.documents,
            r.input_bytes as f64 / 1e6,
            r.output_bytes as f64 / 1e6,
            r.peak_kib as f64 * 1024.0 / 1e6,
            r.peak_kib as f64 * 1024.0 / r.input_bytes.max(1) as f64,
            r.seconds
        ));
    }
    // For each output, the growth from the smallest corpus to the largest.
    let mut seen: Vec<&str> = Vec::new();
    for r in rows {
        if seen.contains(&r.output.as_str()) {
            continue;
        }
        seen.push(&r.output);
        let of: Vec<&Row> = rows.iter().filter(|x| x.output == r.output).collect();
        if let [small, .., large] = of[..] {
            lines.push(format!(
                "{}: peak memory grew {:.1}x for {:.1}x the input",
                r.output,
                large.peak_kib as f64 / small.peak_kib.max(1) as f64,
                large.input_bytes as f64 / small.input_bytes.max(1) as f64
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_v_report_gives_peak_memory_and_seconds() {
        let report = "\tCommand being timed: \"readout\"\n\
                      \tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n\
                      \tMaximum resident set size (kbytes): 204800\n";
        assert_eq!(parse_time_v(report), Some((204_800, 62.5)));
        assert_eq!(parse_time_v("no report"), None);
    }

    #[test]
    fn the_table_gives_the_ratio_and_says_how_memory_grew() {
        let row = |size: &str, output: &str, mb: u64, peak_mb: u64| Row {
            size: size.to_owned(),
            output: output.to_owned(),
            documents: mb * 1000,
            input_bytes: mb * 1_000_000,
            output_bytes: 0,
            peak_kib: peak_mb * 1_000_000 / 1024,
            seconds: 1.0,
        };
        let lines = table(&[
            row("100MB", "db", 100, 200),
            row("100MB", "json", 100, 150),
            row("1GB", "db", 1000, 800),
            row("1GB", "json", 1000, 600),
        ]);
        assert_eq!(lines.len(), 8);
        assert_eq!(
            lines[4],
            "| 1GB | db | 1000000 | 1000.0 | 0.0 | 800.0 | 0.80 | 1.0 |"
        );
        assert_eq!(lines[6], "db: peak memory grew 4.0x for 10.0x the input");
        assert_eq!(lines[7], "json: peak memory grew 4.0x for 10.0x the input");
    }
}
