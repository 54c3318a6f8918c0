//! `cargo xtask bench --memory`: peak resident memory of `readout extract` on
//! a generated corpus of X documents and of 10 X, measured with
//! `/usr/bin/time -v`, to show how peak memory grows with the corpus.

use crate::{cargo, root, target_dir};
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Copies of the seeds and the corpus in the small corpus; the large one has
/// ten times as many.
const SMALL_COPIES: usize = 20;

/// One measured run.
#[derive(Debug, PartialEq)]
struct Row {
    copies: usize,
    documents: usize,
    input_bytes: u64,
    output_bytes: u64,
    peak_kib: u64,
    seconds: f64,
}

pub(crate) fn run() -> Result<()> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        bail!("/usr/bin/time is missing (Debian: apt-get install time)");
    }
    cargo(&["build", "--release", "-p", "readout-cli", "--locked"])?;
    let readout = target_dir()?
        .join("release")
        .join(format!("readout{}", std::env::consts::EXE_SUFFIX));
    let sources = sources()?;
    if sources.is_empty() {
        bail!("no documents under seeds/ or tests/corpus/");
    }
    let scratch = target_dir()?.join("memory-bench");
    let mut rows = Vec::new();
    for copies in [SMALL_COPIES, SMALL_COPIES * 10] {
        if scratch.exists() {
            fs::remove_dir_all(&scratch)?;
        }
        let corpus = scratch.join("corpus");
        let input_bytes = generate(&sources, copies, &corpus)?;
        let output = scratch.join("out.json");
        eprintln!(
            "memory: readout extract on {} documents ({} MB)",
            copies * sources.len(),
            input_bytes / 1_000_000
        );
        let out = Command::new(time)
            .arg("-v")
            .arg(&readout)
            .args(["--quiet", "extract"])
            .arg(&corpus)
            .arg("-o")
            .arg(&output)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .context("running /usr/bin/time -v readout extract")?;
        let report = String::from_utf8_lossy(&out.stderr);
        if !matches!(out.status.code(), Some(0 | 1)) {
            bail!("readout extract failed ({}): {}", out.status, report.trim());
        }
        let (peak_kib, seconds) = parse_time_v(&report)
            .with_context(|| format!("no peak memory in /usr/bin/time's report:\n{report}"))?;
        rows.push(Row {
            copies,
            documents: copies * sources.len(),
            input_bytes,
            output_bytes: fs::metadata(&output).map(|m| m.len()).unwrap_or(0),
            peak_kib,
            seconds,
        });
    }
    fs::remove_dir_all(&scratch).ok();
    for line in table(&rows) {
        println!("{line}");
    }
    Ok(())
}

/// The documents copied into the generated corpus: the seeds and `tests/corpus/`.
fn sources() -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for dir in [root().join("seeds"), root().join("tests").join("corpus")] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path
                .extension()
                .is_some_and(|e| e == "txt" || e == "html" || e == "htm")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes `copies` copies of every source into `dir`, each made a distinct
/// document by a trailing reference line; returns the bytes written.
fn generate(sources: &[PathBuf], copies: usize, dir: &Path) -> Result<u64> {
    fs::create_dir_all(dir)?;
    let mut total = 0;
    for (s, source) in sources.iter().enumerate() {
        let bytes = fs::read(source).with_context(|| format!("reading {}", source.display()))?;
        let html = source.extension().is_some_and(|e| e != "txt");
        for copy in 0..copies {
            let mut doc = bytes.clone();
            let note = if html {
                format!("\n<p>Archive copy {copy}.</p>\n")
            } else {
                format!("\nArchive copy {copy}.\n")
            };
            doc.extend_from_slice(note.as_bytes());
            let ext = if html { "html" } else { "txt" };
            let name = dir.join(format!("{copy:05}-{s:03}.{ext}"));
            fs::write(&name, &doc).with_context(|| format!("writing {}", name.display()))?;
            total += doc.len() as u64;
        }
    }
    Ok(total)
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
    let mut lines = vec![format!(
        "{:<28}  {:>9}  {:>9}  {:>10}  {:>12}  {:>8}",
        "memory: readout extract", "documents", "input MB", "output MB", "peak RSS MB", "seconds"
    )];
    for r in rows {
        lines.push(format!(
            "{:<28}  {:>9}  {:>9.1}  {:>10.1}  {:>12.1}  {:>8.1}",
            format!("corpus x{}", r.copies),
            r.documents,
            r.input_bytes as f64 / 1e6,
            r.output_bytes as f64 / 1e6,
            r.peak_kib as f64 / 1024.0,
            r.seconds
        ));
    }
    if let [small, large] = rows {
        lines.push(format!(
            "peak memory grew {:.1}x for {:.1}x the input",
            large.peak_kib as f64 / small.peak_kib.max(1) as f64,
            large.input_bytes as f64 / small.input_bytes.max(1) as f64
        ));
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
    fn the_table_says_how_memory_grew() {
        let row = |copies, peak_kib| Row {
            copies,
            documents: copies * 2,
            input_bytes: copies as u64 * 1_000_000,
            output_bytes: 0,
            peak_kib,
            seconds: 1.0,
        };
        let lines = table(&[row(20, 10_240), row(200, 51_200)]);
        assert_eq!(lines.len(), 4);
        assert!(lines[1].contains("corpus x20") && lines[1].contains("10.0"));
        assert_eq!(lines[3], "peak memory grew 5.0x for 10.0x the input");
    }
}
