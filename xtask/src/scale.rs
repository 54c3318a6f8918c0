//! `cargo xtask bench-scale`: the release `readout` on a generated corpus.
//! Prints one table: extraction throughput at `--jobs 1` and at every core,
//! peak memory of the child (`/usr/bin/time -v`, else none), and the time of
//! `readout merge` over two halves of a synthetic dataset of N meetings.

use crate::{cargo, corpus, root, target_dir};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One timed run of the binary.
struct Run {
    seconds: f64,
    peak_kb: Option<u64>,
    stderr: String,
}

fn timed(bin: &Path, args: &[&str]) -> Result<Run> {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    command.args(args);
    let started = Instant::now();
    let out = command
        .output()
        .with_context(|| format!("running {}", bin.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() && out.status.code() != Some(1) {
        bail!("readout {} failed: {stderr}", args.join(" "));
    }
    let peak_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    Ok(Run {
        seconds,
        peak_kb,
        stderr,
    })
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("-".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0))
}

pub(crate) fn run(args: &[String]) -> Result<()> {
    let mut size = "50MB".to_owned();
    let mut merges = vec![10_000usize, 100_000];
    let mut given_bin = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--bin" => given_bin = Some(PathBuf::from(iter.next().context("--bin needs a path")?)),
            "--size" => size = iter.next().context("--size needs a value")?.clone(),
            "--merge" => {
                merges = iter
                    .next()
                    .context("--merge needs a value")?
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse()
                            .context("--merge: numbers, comma-separated")
                    })
                    .collect::<Result<_>>()?;
            }
            other => bail!(
                "unknown option {other:?}; usage: cargo xtask bench-scale [--size 50MB] [--merge 10000,100000]"
            ),
        }
    }
    let target = target_dir()?;
    let bin = match given_bin {
        Some(bin) => bin,
        None => {
            cargo(&["build", "--release", "-p", "readout-cli", "--locked"])?;
            target.join("release").join("readout")
        }
    };
    let work: PathBuf = target.join("bench-scale");
    std::fs::create_dir_all(&work)?;
    let corpus_path = work.join("corpus.jsonl");
    let bytes = corpus::parse_size(&size)?;
    let w = corpus::generate(bytes, &corpus_path, 1)?;
    eprintln!(
        "corpus: {} documents, {} meetings, {:.1} MB",
        w.documents,
        w.meetings,
        w.bytes as f64 / 1e6
    );
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let corpus_arg = corpus_path.to_string_lossy().into_owned();
    let mut rows = Vec::new();
    let mut outputs = Vec::new();
    for (jobs, extra) in [(1, None), (cores, None), (cores, Some("--meetings-only"))] {
        let out = work.join(format!("out-{jobs}-{}.json", extra.is_some()));
        let out_arg = out.to_string_lossy().into_owned();
        let jobs_arg = jobs.to_string();
        let mut a = vec![
            "extract",
            "-q",
            "--force",
            "--jobs",
            &jobs_arg,
            "-o",
            &out_arg,
            &corpus_arg,
        ];
        a.extend(extra);
        let r = timed(&bin, &a)?;
        if extra.is_none() {
            outputs.push(std::fs::read(&out)?);
        }
        rows.push(format!(
            "| extract --jobs {jobs}{} | {:.1} s | {:.1} MB/s | {:.0} docs/s | {} |",
            extra.map(|e| format!(" {e}")).unwrap_or_default(),
            r.seconds,
            w.bytes as f64 / 1e6 / r.seconds,
            w.documents as f64 / r.seconds,
            mb(r.peak_kb)
        ));
    }
    let same = outputs.windows(2).all(|p| p[0] == p[1]);
    for n in merges {
        let data = readout_testkit::synthetic(n, 7);
        let (a, b) = halves(data);
        let pa = work.join(format!("merge-{n}-a.json"));
        let pb = work.join(format!("merge-{n}-b.json"));
        std::fs::write(&pa, serde_json::to_vec(&a)?)?;
        std::fs::write(&pb, serde_json::to_vec(&b)?)?;
        let out = work.join(format!("merge-{n}.json"));
        let r = timed(
            &bin,
            &[
                "merge",
                "-q",
                "--force",
                "-o",
                &out.to_string_lossy(),
                &pa.to_string_lossy(),
                &pb.to_string_lossy(),
            ],
        )?;
        if !r.stderr.is_empty() && r.peak_kb.is_none() {
            eprintln!("{}", r.stderr);
        }
        rows.push(format!(
            "| merge {n} meetings (two halves) | {:.1} s | | | {} |",
            r.seconds,
            mb(r.peak_kb)
        ));
    }
    println!(
        "readout bench-scale: {size} generated corpus ({} documents, {} meetings), {cores} cores, root {}",
        w.documents,
        w.meetings,
        root().display()
    );
    println!("| run | wall time | MB/s | docs/s | peak RSS |");
    println!("|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    println!(
        "--jobs 1 and --jobs {cores} outputs identical: {}",
        if same { "yes" } else { "NO" }
    );
    Ok(())
}

/// Two datasets that merge back into `data`: the first half of the meetings
/// with their documents in one, the second half in the other; both hold every
/// person and topic (so the merge has records to join).
fn halves(data: readout_model::Dataset) -> (readout_model::Dataset, readout_model::Dataset) {
    let mut a = data.clone();
    let mut b = data;
    let half = a.meetings.len() / 2;
    a.meetings.truncate(half);
    b.meetings.drain(..half);
    for d in [&mut a, &mut b] {
        let used: std::collections::HashSet<String> =
            d.meetings.iter().flat_map(|m| m.sources.clone()).collect();
        d.documents.retain(|doc| used.contains(&doc.id));
    }
    (a, b)
}
