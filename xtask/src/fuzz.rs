//! `cargo xtask fuzz`: build the cargo-fuzz targets of `fuzz/`, run each for a
//! bounded time seeded from the seeds, `tests/corpus/` and datasets the binary
//! writes in each format, then print one table: target, seconds, execs, crashes.

use crate::{cargo, root, target_dir};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Seconds each target runs unless `--seconds` says otherwise.
const DEFAULT_SECONDS: u64 = 300;

/// The line that starts each file in the input of a directory format's target
/// (see `fuzz/fuzz_targets/shared/dir_input.rs`): `--- NAME` then its bytes.
const FILE_MARKER: &str = "--- ";

/// One target's run.
#[derive(Debug, PartialEq)]
struct Outcome {
    target: String,
    seconds: f64,
    execs: Option<u64>,
    crashes: usize,
    /// Where libFuzzer's output went.
    log: PathBuf,
}

pub(crate) fn run(args: &[String]) -> Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut wanted = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = rest.next().context("--seconds needs a number")?;
                seconds = value
                    .parse()
                    .with_context(|| format!("--seconds {value:?} is not a number"))?;
            }
            other if other.starts_with('-') => {
                bail!("unknown option {other:?}; usage: cargo xtask fuzz [--seconds N] [TARGET…]")
            }
            target => wanted.push(target.to_owned()),
        }
    }
    let fuzz_dir = root().join("fuzz");
    let all = targets(&fuzz_dir)?;
    let chosen: Vec<String> = if wanted.is_empty() {
        all.clone()
    } else {
        for target in &wanted {
            if !all.contains(target) {
                bail!("no fuzz target {target:?}; there are: {}", all.join(", "));
            }
        }
        wanted
    };

    // The readout binary writes the datasets the readers' targets start from.
    cargo(&["build", "-p", "readout-cli", "--locked"])?;
    let readout = target_dir()?
        .join("debug")
        .join(format!("readout{}", std::env::consts::EXE_SUFFIX));
    let seeds_root = fuzz_dir.join("target").join("seeds");
    for target in &chosen {
        prepare_seeds(target, &readout, &seeds_root.join(target))?;
    }

    fuzz_cargo(&fuzz_dir, &["fuzz", "build"])?;
    let mut outcomes = Vec::new();
    for target in &chosen {
        outcomes.push(run_target(
            &fuzz_dir,
            target,
            seconds,
            &seeds_root.join(target),
        )?);
    }
    for line in table(&outcomes) {
        println!("{line}");
    }
    let crashed: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.crashes > 0)
        .map(|o| o.target.as_str())
        .collect();
    if !crashed.is_empty() {
        bail!(
            "crashes in {}: inputs under fuzz/artifacts/<target>/, logs under fuzz/target/logs/",
            crashed.join(", ")
        );
    }
    Ok(())
}

/// The `[[bin]]` names of `fuzz/Cargo.toml`.
fn targets(fuzz_dir: &Path) -> Result<Vec<String>> {
    let manifest = fs::read_to_string(fuzz_dir.join("Cargo.toml"))
        .with_context(|| format!("reading {}", fuzz_dir.join("Cargo.toml").display()))?;
    Ok(bin_names(&manifest))
}

/// The `name = "…"` of each `[[bin]]` table, in order.
fn bin_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if in_bin && let Some(value) = line.strip_prefix("name") {
            let value = value.trim_start().trim_start_matches('=').trim();
            names.push(value.trim_matches('"').to_owned());
        }
    }
    names
}

/// `cargo ARGS` in `fuzz/` with `RUSTC_BOOTSTRAP=1`, which cargo-fuzz's
/// sanitizer flags need on a stable toolchain.
fn fuzz_cargo(fuzz_dir: &Path, args: &[&str]) -> Result<()> {
    eprintln!("$ (cd fuzz && RUSTC_BOOTSTRAP=1 cargo {})", args.join(" "));
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(fuzz_dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .status()
        .with_context(|| {
            format!(
                "running cargo {} (is cargo-fuzz installed?)",
                args.join(" ")
            )
        })?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Fills `dir` with the starting inputs of `target`: documents for the
/// parser's targets, datasets written by `readout` for a reader's.
fn prepare_seeds(target: &str, readout: &Path, dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let root = root();
    let mut documents = files_in(&root.join("seeds"))?;
    documents.extend(
        files_in(&root.join("tests").join("corpus"))?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html")),
    );
    if target.starts_with("parse_") {
        for (i, document) in documents.iter().enumerate() {
            let name = document
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            fs::copy(
                document,
                dir.join(format!("{i}-{}", name.unwrap_or_default())),
            )
            .with_context(|| format!("copying {}", document.display()))?;
        }
        return Ok(());
    }
    let Some(format) = target.strip_prefix("read_") else {
        eprintln!("fuzz: {target}: no seeds known for this target; it starts empty");
        return Ok(());
    };
    // Datasets: the seeds, the corpus, and one per seed document.
    let scratch = dir.with_extension("scratch");
    if scratch.exists() {
        fs::remove_dir_all(&scratch)?;
    }
    fs::create_dir_all(&scratch)?;
    let mut sources: Vec<Vec<PathBuf>> = vec![
        vec![root.join("seeds")],
        vec![root.join("tests").join("corpus")],
    ];
    sources.extend(files_in(&root.join("seeds"))?.into_iter().map(|p| vec![p]));
    let extension = match format {
        // Directory formats.
        "csv" | "parquet" => "",
        "turtle" => ".ttl",
        "ntriples" => ".nt",
        "sqlite" => ".db",
        other => &format!(".{other}"),
    };
    for (i, inputs) in sources.iter().enumerate() {
        let out = scratch.join(format!("{i}{extension}"));
        let mut command = Command::new(readout);
        command
            .arg("extract")
            .args(inputs)
            .arg("-o")
            .arg(&out)
            .args(["--to", format, "--quiet"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let output = command
            .output()
            .with_context(|| format!("running {}", readout.display()))?;
        // Exit 1 is "some inputs skipped": the dataset is still written.
        if !out.exists() {
            eprintln!(
                "fuzz: {target}: readout could not write a {format} seed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
            continue;
        }
        let seed = dir.join(format!("written-{i}"));
        if out.is_dir() {
            fs::write(&seed, pack_dir(&out)?)?;
        } else {
            fs::copy(&out, &seed)?;
        }
    }
    fs::remove_dir_all(&scratch)?;
    if format == "json" {
        // Hand-written expectations are JSON too: more shapes to start from.
        for (i, file) in files_in(&root.join("tests").join("corpus"))?
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .enumerate()
        {
            fs::copy(file, dir.join(format!("expected-{i}.json")))?;
        }
    }
    Ok(())
}

/// A directory as one input of a directory format's target: `--- NAME\n`
/// then each file's bytes.
fn pack_dir(dir: &Path) -> Result<Vec<u8>> {
    let mut packed = Vec::new();
    for file in files_in(dir)? {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        packed.extend_from_slice(FILE_MARKER.as_bytes());
        packed.extend_from_slice(name.unwrap_or_default().as_bytes());
        packed.push(b'\n');
        packed.extend(fs::read(&file).with_context(|| format!("reading {}", file.display()))?);
        if packed.last() != Some(&b'\n') {
            packed.push(b'\n');
        }
    }
    Ok(packed)
}

/// The regular files directly in `dir`, sorted; none if it does not exist.
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The artifacts libFuzzer has left for `target` (crash-, timeout-, oom-, leak-).
fn artifacts(fuzz_dir: &Path, target: &str) -> Result<BTreeSet<PathBuf>> {
    Ok(files_in(&fuzz_dir.join("artifacts").join(target))?
        .into_iter()
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                ["crash-", "timeout-", "oom-", "leak-"]
                    .iter()
                    .any(|prefix| n.starts_with(prefix))
            })
        })
        .collect())
}

fn run_target(fuzz_dir: &Path, target: &str, seconds: u64, seeds: &Path) -> Result<Outcome> {
    let corpus = fuzz_dir.join("corpus").join(target);
    fs::create_dir_all(&corpus)?;
    let logs = fuzz_dir.join("target").join("logs");
    fs::create_dir_all(&logs)?;
    let log = logs.join(format!("{target}.log"));
    let before = artifacts(fuzz_dir, target)?;
    eprintln!("fuzz: {target} for {seconds} s (log: {})", log.display());
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["fuzz", "run", target])
        .arg(&corpus)
        .arg(seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        // An input that takes this long is a hang, reported like a crash.
        .arg("-timeout=60")
        .arg("-rss_limit_mb=4096")
        .arg("-print_final_stats=1")
        .current_dir(fuzz_dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&log)?)
        .stderr(fs::File::options().append(true).open(&log)?)
        .status()
        .with_context(|| format!("running cargo fuzz run {target}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    let output = fs::read_to_string(&log).unwrap_or_default();
    let new_artifacts = artifacts(fuzz_dir, target)?.difference(&before).count();
    let (execs, reported_seconds) = parse_libfuzzer(&output);
    // A failed run that left no artifact (a build error, say) still counts.
    let crashes = if !status.success() && new_artifacts == 0 {
        1
    } else {
        new_artifacts
    };
    Ok(Outcome {
        target: target.to_owned(),
        seconds: reported_seconds.unwrap_or(elapsed),
        execs,
        crashes,
        log,
    })
}

/// Executions and seconds from libFuzzer's output: "Done N runs in S
/// second(s)", else the last "#N …" status line.
fn parse_libfuzzer(output: &str) -> (Option<u64>, Option<f64>) {
    for line in output.lines().rev() {
        if let Some(rest) = line.trim().strip_prefix("Done ")
            && let Some((runs, rest)) = rest.split_once(" runs in ")
            && let Ok(runs) = runs.trim().parse()
        {
            let seconds = rest.split_whitespace().next().and_then(|s| s.parse().ok());
            return (Some(runs), seconds);
        }
    }
    let mut last = None;
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix('#')
            && let Some(n) = rest.split_whitespace().next()
            && let Ok(n) = n.parse::<u64>()
        {
            last = Some(n);
        }
    }
    (last, None)
}

fn table(outcomes: &[Outcome]) -> Vec<String> {
    let mut rows = vec![[
        "target".to_owned(),
        "seconds".to_owned(),
        "execs".to_owned(),
        "crashes".to_owned(),
        "log".to_owned(),
    ]];
    for o in outcomes {
        rows.push([
            o.target.clone(),
            format!("{:.0}", o.seconds),
            o.execs.map_or_else(|| "?".to_owned(), |n| n.to_string()),
            o.crashes.to_string(),
            o.log.display().to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|r| {
            format!(
                "{:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}  {}",
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
            )
            .trim_end()
            .to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_names_are_read_from_the_manifest() {
        let manifest = "[package]\nname = \"readout-fuzz\"\n\n[[bin]]\nname = \"parse_text\"\npath = \"x.rs\"\n\n[[bin]]\nname = \"read_json\"\n";
        assert_eq!(bin_names(manifest), ["parse_text", "read_json"]);
    }

    #[test]
    fn libfuzzer_done_line_gives_runs_and_seconds() {
        let output = "#1024\tpulse  cov: 10 ft: 20\nDone 123456 runs in 301 second(s)\n";
        assert_eq!(parse_libfuzzer(output), (Some(123456), Some(301.0)));
    }

    #[test]
    fn without_a_done_line_the_last_status_line_counts() {
        let output =
            "#2\tINITED cov: 1\n#4096\tpulse  cov: 10\n==123== ERROR: libFuzzer: deadly signal\n";
        assert_eq!(parse_libfuzzer(output), (Some(4096), None));
    }

    #[test]
    fn table_has_one_row_per_target() {
        let rows = table(&[Outcome {
            target: "read_json".into(),
            seconds: 300.4,
            execs: Some(42),
            crashes: 0,
            log: PathBuf::from("l"),
        }]);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].starts_with("target"));
        assert!(rows[1].starts_with("read_json"));
        assert!(rows[1].contains(" 300 ") && rows[1].contains(" 42 "));
    }
}
