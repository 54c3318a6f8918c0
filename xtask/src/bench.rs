//! `cargo xtask bench`: run every criterion benchmark, then print one table
//! of the results from `target/criterion`.

use crate::{cargo, cargo_output, target_dir};
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One benchmark's result.
#[derive(Debug, PartialEq)]
struct Measurement {
    /// `group/function[/parameter]`.
    id: String,
    /// Mean time per iteration, in nanoseconds.
    mean_ns: f64,
    /// What one iteration processes, where the benchmark declares it.
    throughput: Option<Throughput>,
}

/// Criterion's `Throughput`, as `benchmark.json` records it.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Throughput {
    Bytes(f64),
    BytesDecimal(f64),
    Bits(f64),
    Elements(f64),
}

pub(crate) fn run(args: &[String]) -> Result<()> {
    let (ours, passed) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    if ours.iter().any(|a| a == "--memory") {
        let rest: Vec<String> = ours.iter().filter(|a| *a != "--memory").cloned().collect();
        return crate::memory::run(&rest);
    }
    let report_only = ours.iter().any(|a| a == "--report");
    if let Some(other) = ours.iter().find(|a| *a != "--report") {
        anyhow::bail!("unknown option {other:?}; usage: cargo xtask bench [--report] [-- ARGS]");
    }
    let criterion = target_dir()?.join("criterion");
    let since = if report_only {
        None
    } else {
        let benches = bench_targets()?;
        if benches.is_empty() {
            println!(
                "no benchmarks in the workspace yet: add a criterion [[bench]] target to a crate"
            );
            return Ok(());
        }
        eprintln!("benchmarks: {}", benches.join(", "));
        let started = SystemTime::now();
        // Bench targets only: the libraries' unit tests are not benchmarks.
        let mut command = vec!["bench", "--workspace", "--locked", "--bench", "*"];
        if !passed.is_empty() {
            command.push("--");
            command.extend(passed.iter().map(String::as_str));
        }
        cargo(&command)?;
        Some(started)
    };
    let mut results = collect(&criterion, since)?;
    results.sort_by(|a, b| a.id.cmp(&b.id));
    if results.is_empty() {
        println!("no benchmark results under {}", criterion.display());
        return Ok(());
    }
    for line in table(&results) {
        println!("{line}");
    }
    Ok(())
}

/// `package/target` of every bench target in the workspace.
fn bench_targets() -> Result<Vec<String>> {
    let metadata = cargo_output(&["metadata", "--format-version", "1", "--no-deps"])?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("reading cargo metadata")?;
    let mut found = Vec::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        for target in package["targets"].as_array().into_iter().flatten() {
            let is_bench = target["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "bench"));
            if is_bench {
                found.push(format!(
                    "{}/{}",
                    package["name"].as_str().unwrap_or("?"),
                    target["name"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    Ok(found)
}

/// Every `…/new/estimates.json` under `dir` (written after `since`, if given).
fn collect(dir: &Path, since: Option<SystemTime>) -> Result<Vec<Measurement>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "new") {
                let estimates = path.join("estimates.json");
                let fresh = fs::metadata(&estimates)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| since.is_none_or(|s| t >= s));
                if fresh {
                    found.push(read_result(&path)?);
                }
            } else if path.file_name().is_none_or(|n| n != "report") {
                stack.push(path);
            }
        }
    }
    Ok(found)
}

fn read_result(new: &Path) -> Result<Measurement> {
    let read = |name: &str| -> Result<serde_json::Value> {
        let path: PathBuf = new.join(name);
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))
    };
    let estimates = read("estimates.json")?;
    let benchmark = read("benchmark.json").unwrap_or(serde_json::Value::Null);
    parse(&estimates, &benchmark).with_context(|| format!("{}: unexpected content", new.display()))
}

fn parse(estimates: &serde_json::Value, benchmark: &serde_json::Value) -> Option<Measurement> {
    let mean_ns = estimates["mean"]["point_estimate"].as_f64()?;
    let id = benchmark["full_id"]
        .as_str()
        .or_else(|| benchmark["title"].as_str())
        .unwrap_or("?")
        .to_owned();
    let t = &benchmark["throughput"];
    let number = |key: &str| t[key].as_f64();
    let throughput = number("Bytes")
        .map(Throughput::Bytes)
        .or_else(|| number("BytesDecimal").map(Throughput::BytesDecimal))
        .or_else(|| number("Bits").map(Throughput::Bits))
        .or_else(|| number("Elements").map(Throughput::Elements))
        .or_else(|| {
            t["ElementsAndBytes"]["bytes"]
                .as_f64()
                .map(Throughput::Bytes)
        });
    Some(Measurement {
        id,
        mean_ns,
        throughput,
    })
}

fn table(results: &[Measurement]) -> Vec<String> {
    let mut rows = vec![[
        "benchmark".to_owned(),
        "mean".to_owned(),
        "throughput".to_owned(),
    ]];
    for r in results {
        rows.push([
            r.id.clone(),
            time(r.mean_ns),
            r.throughput
                .map_or_else(|| "-".to_owned(), |t| throughput(t, r.mean_ns)),
        ]);
    }
    let w0 = rows.iter().map(|r| r[0].len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    rows.iter()
        .map(|[a, b, c]| {
            let pad = w1 - b.chars().count();
            format!("{a:<w0$}  {}{b}  {c}", " ".repeat(pad))
        })
        .collect()
}

fn time(ns: f64) -> String {
    let (value, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    format!("{value:.2} {unit}")
}

fn throughput(t: Throughput, mean_ns: f64) -> String {
    let per_second = |n: f64| n / (mean_ns / 1e9);
    let scaled = |n: f64, base: f64, units: [&str; 4]| {
        let mut value = n;
        let mut i = 0;
        while value >= base && i < 3 {
            value /= base;
            i += 1;
        }
        format!("{value:.2} {}", units[i])
    };
    match t {
        Throughput::Bytes(n) => scaled(per_second(n), 1024.0, ["B/s", "KiB/s", "MiB/s", "GiB/s"]),
        Throughput::BytesDecimal(n) => {
            scaled(per_second(n), 1000.0, ["B/s", "KB/s", "MB/s", "GB/s"])
        }
        Throughput::Bits(n) => scaled(
            per_second(n),
            1000.0,
            ["bit/s", "Kbit/s", "Mbit/s", "Gbit/s"],
        ),
        Throughput::Elements(n) => scaled(
            per_second(n),
            1000.0,
            ["elem/s", "Kelem/s", "Melem/s", "Gelem/s"],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn criterion_results_make_one_table() {
        let parse_bench = parse(
            &json!({"mean": {"point_estimate": 2_000_000.0, "standard_error": 1.0}}),
            &json!({"full_id": "parse/seeds", "throughput": {"Bytes": 2_097_152}}),
        )
        .unwrap();
        let merge = parse(
            &json!({"mean": {"point_estimate": 750.0}}),
            &json!({"full_id": "normalize/merge", "throughput": {"Elements": 1500}}),
        )
        .unwrap();
        let write = parse(
            &json!({"mean": {"point_estimate": 1.5e9}}),
            &json!({"full_id": "format/json write", "throughput": null}),
        )
        .unwrap();
        assert_eq!(
            table(&[parse_bench, merge, write]),
            [
                "benchmark               mean  throughput",
                "parse/seeds          2.00 ms  1000.00 MiB/s",
                "normalize/merge    750.00 ns  2.00 Gelem/s",
                "format/json write     1.50 s  -",
            ]
        );
    }
}
