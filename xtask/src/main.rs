//! Maintainer tasks: `cargo xtask ci`, `cargo xtask dist`, `cargo xtask bench`, `cargo xtask fuzz`.

mod bench;
mod corpus;
mod dist;
mod fuzz;
mod memory;
mod scale;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  ci      what CI runs: format check, clippy with warnings denied, build, all tests
  dist    release build and dist/readout-VERSION-TARGET.tar.gz (binary, README, licences,
          completions for bash/zsh/fish, man page) with its .sha256; then runs the packed
          binary on seeds/ as a smoke check
            --target TRIPLE   build for another target (the smoke check is skipped)
  bench   cargo bench over every criterion benchmark of the workspace, then one table of
          the results (benchmark, mean time, throughput)
            --report          print the table of the last results without running
            --memory          instead: peak RSS (/usr/bin/time -v) of the release readout
                              extract on generated JSON Lines corpora (.gz), with the ratio
                              of peak memory to input
              --sizes 100MB,1GB   corpus sizes   --outputs db,json   output extensions
              --bin PATH          measure this binary   --jobs N    passed to extract
            -- ARGS           passed to the benchmarks (a filter, --quick …)
  fuzz    build the cargo-fuzz targets of fuzz/ and run each for a bounded time, seeded
          from seeds/, tests/corpus/ and datasets readout writes in each format; then one
          table (target, seconds, execs, crashes). Sets RUSTC_BOOTSTRAP=1 itself.
            --seconds N       how long each target runs (default 300)
            TARGET…           only these targets
  gen-corpus  a synthetic JSON Lines corpus shaped like a news crawl (readouts, agency
          reports of the same meetings, unrelated news)
            --size 100MB -o corpus.jsonl[.gz] [--seed N]
  bench-scale the release binary on a generated corpus: extraction MB/s and docs/s at
          --jobs 1 and all cores, peak memory, merge time at 10k/100k meetings
            --size 100MB      corpus size (default 50MB)   --merge 10000,100000
            --bin PATH        time this binary instead of building the release one
";

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (Some(task.as_str()), rest),
        None => (None, &[][..]),
    };
    match task {
        Some("ci") => ci(),
        Some("dist") => dist::run(rest),
        Some("bench") => bench::run(rest),
        Some("fuzz") => fuzz::run(rest),
        Some("gen-corpus") => corpus::run(rest),
        Some("bench-scale") => scale::run(rest),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown task {other:?}\n\n{USAGE}"),
    }
}

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `cargo ARGS` in the workspace root, echoed; fails if cargo does.
pub(crate) fn cargo(args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .current_dir(root())
        .status()
        .with_context(|| format!("running cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// `cargo ARGS` in the workspace root; its standard output.
pub(crate) fn cargo_output(args: &[&str]) -> Result<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(args)
        .current_dir(root())
        .output()
        .with_context(|| format!("running cargo {}", args.join(" ")))?;
    if !out.status.success() {
        bail!(
            "cargo {} failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    String::from_utf8(out.stdout).context("cargo printed something that is not UTF-8")
}

/// The workspace's target directory (honours `CARGO_TARGET_DIR`).
pub(crate) fn target_dir() -> Result<PathBuf> {
    let metadata = cargo_output(&["metadata", "--format-version", "1", "--no-deps"])?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("reading cargo metadata")?;
    let dir = metadata["target_directory"]
        .as_str()
        .context("cargo metadata has no target_directory")?;
    Ok(PathBuf::from(dir))
}

fn ci() -> Result<()> {
    cargo(&["fmt", "--all", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ])?;
    // The end-to-end tests run the built binary, so build it first.
    cargo(&["build", "--workspace", "--bins", "--locked"])?;
    // Unit, integration and doc tests of every crate.
    cargo(&["test", "--workspace", "--locked"])?;
    println!("ci: all checks passed");
    Ok(())
}
