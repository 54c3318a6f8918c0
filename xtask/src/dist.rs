//! `cargo xtask dist`: the release tarball, its checksum, and a smoke check
//! of the binary inside it.

use crate::{cargo, root, target_dir};
use anyhow::{Context, Result, bail, ensure};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One file of the tarball: its path under the top directory, its bytes and mode.
struct Entry {
    path: String,
    bytes: Vec<u8>,
    mode: u32,
}

/// Builds `dist/readout-VERSION-TARGET.tar.gz` and its `.sha256`, then runs
/// the packed binary on the seeds.
pub(crate) fn run(args: &[String]) -> Result<()> {
    let host = host_triple()?;
    let target = match args {
        [] => host.clone(),
        [flag, triple] if flag == "--target" => triple.clone(),
        _ => bail!("usage: cargo xtask dist [--target TRIPLE]"),
    };
    let cross = target != host;
    let mut build = vec!["build", "--release", "--locked", "-p", "readout-cli"];
    if cross {
        build.extend(["--target", &target]);
    }
    cargo(&build)?;
    let targets = target_dir()?;
    let exe = format!("readout{}", exe_suffix(&target));
    let binary = if cross {
        targets.join(&target).join("release").join(&exe)
    } else {
        targets.join("release").join(&exe)
    };
    // Completions and the man page come from the binary itself; for another
    // target, from a host build of the same source.
    let generator = if cross {
        cargo(&["build", "--release", "--locked", "-p", "readout-cli"])?;
        targets
            .join("release")
            .join(format!("readout{}", std::env::consts::EXE_SUFFIX))
    } else {
        binary.clone()
    };

    let version = env!("CARGO_PKG_VERSION");
    let name = format!("readout-{version}-{target}");
    let root = root();
    let mut entries = vec![Entry {
        path: exe.clone(),
        bytes: fs::read(&binary).with_context(|| format!("reading {}", binary.display()))?,
        mode: 0o755,
    }];
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        let path = root.join(file);
        entries.push(Entry {
            path: file.to_owned(),
            bytes: fs::read(&path).with_context(|| format!("reading {}", path.display()))?,
            mode: 0o644,
        });
    }
    for (shell, file) in [
        ("bash", "completions/readout.bash"),
        ("zsh", "completions/_readout"),
        ("fish", "completions/readout.fish"),
    ] {
        entries.push(Entry {
            path: file.to_owned(),
            bytes: output_of(&generator, &["completions", shell])?,
            mode: 0o644,
        });
    }
    entries.push(Entry {
        path: "man/readout.1".to_owned(),
        bytes: output_of(&generator, &["manpage"])?,
        mode: 0o644,
    });

    let dist = root.join("dist");
    fs::create_dir_all(&dist).with_context(|| format!("creating {}", dist.display()))?;
    let tarball = dist.join(format!("{name}.tar.gz"));
    let bytes = tar_gz(&name, &entries, mtime())?;
    write_atomically(&tarball, &bytes)?;
    let sha = hex(&Sha256::digest(&bytes));
    let sha_file = dist.join(format!("{name}.tar.gz.sha256"));
    write_atomically(&sha_file, format!("{sha}  {name}.tar.gz\n").as_bytes())?;
    println!("{} ({} bytes)", relative(&tarball), bytes.len());
    for e in &entries {
        println!("  {name}/{} ({} bytes)", e.path, e.bytes.len());
    }
    println!("{}: {sha}", relative(&sha_file));

    if cross {
        println!("smoke check skipped: {target} binaries do not run on {host}");
        return Ok(());
    }
    smoke_check(&tarball, &name, &exe, &targets)
}

/// Unpacks the tarball and runs its binary: `--version`, then `extract` on
/// the seeds into a JSON file that must hold their five documents.
fn smoke_check(tarball: &Path, name: &str, exe: &str, targets: &Path) -> Result<()> {
    let dir = targets.join("xtask").join("dist-smoke");
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = fs::File::open(tarball).with_context(|| format!("opening {}", tarball.display()))?;
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(&dir)
        .with_context(|| format!("unpacking {}", tarball.display()))?;
    let binary = dir.join(name).join(exe);
    let version = output_of(&binary, &["--version"])?;
    let version = String::from_utf8_lossy(&version).trim().to_owned();
    ensure!(
        version == format!("readout {}", env!("CARGO_PKG_VERSION")),
        "the packed binary says {version:?}"
    );
    let seeds = root().join("seeds");
    let out = dir.join("seeds.json");
    let run = Command::new(&binary)
        .arg("extract")
        .arg(&seeds)
        .arg("-o")
        .arg(&out)
        .current_dir(&dir)
        .output()
        .with_context(|| format!("running {}", binary.display()))?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    ensure!(
        run.status.success(),
        "smoke check failed: readout extract seeds exited with {}:\n{stderr}",
        run.status
    );
    let data: serde_json::Value = serde_json::from_slice(
        &fs::read(&out).with_context(|| format!("reading {}", out.display()))?,
    )
    .context("the smoke check's output is not JSON")?;
    let documents = data["documents"].as_array().map_or(0, Vec::len);
    let seeds_count = fs::read_dir(&seeds)?.count();
    ensure!(
        data["format"] == "readout/1" && documents == seeds_count,
        "smoke check: expected readout/1 with {seeds_count} documents, got {} with {documents}",
        data["format"]
    );
    println!(
        "smoke check: {version}; readout extract seeds: {}",
        stderr.trim()
    );
    Ok(())
}

/// A gzipped tarball of `entries` under the directory `top`, the same bytes
/// for the same input (fixed modes, owner and time).
fn tar_gz(top: &str, entries: &[Entry], mtime: u64) -> Result<Vec<u8>> {
    let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::best()));
    let mut dirs: Vec<String> = vec![String::new()];
    for e in entries {
        if let Some((dir, _)) = e.path.rsplit_once('/')
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_owned());
        }
    }
    for dir in &dirs {
        let mut header = header(0o755, mtime, 0);
        header.set_entry_type(tar::EntryType::Directory);
        let path = if dir.is_empty() {
            format!("{top}/")
        } else {
            format!("{top}/{dir}/")
        };
        tar.append_data(&mut header, &path, std::io::empty())?;
    }
    for e in entries {
        let mut header = header(e.mode, mtime, e.bytes.len() as u64);
        tar.append_data(&mut header, format!("{top}/{}", e.path), e.bytes.as_slice())?;
    }
    Ok(tar.into_inner()?.finish()?)
}

fn header(mode: u32, mtime: u64, size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_mode(mode);
    header.set_mtime(mtime);
    header.set_size(size);
    header.set_uid(0);
    header.set_gid(0);
    header
}

/// The time stamped on every entry: `SOURCE_DATE_EPOCH`, else the time of
/// the last commit, else 0; never the clock, so a rebuild gives the same bytes.
fn mtime() -> u64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
    {
        return t;
    }
    Command::new("git")
        .args(["log", "-1", "--format=%ct"])
        .current_dir(root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(0)
}

fn host_triple() -> Result<String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc)
        .arg("-vV")
        .output()
        .with_context(|| format!("running {rustc} -vV"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .context("rustc -vV names no host")
}

fn exe_suffix(target: &str) -> &'static str {
    if target.contains("windows") {
        ".exe"
    } else {
        ""
    }
}

/// Runs `program ARGS`; its standard output, or an error with its standard error.
fn output_of(program: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("running {} {}", program.display(), args.join(" ")))?;
    if !out.status.success() {
        bail!(
            "{} {} failed ({}): {}",
            program.display(),
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// Writes beside `path` and renames into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("dist")
    ));
    let mut file = fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .map_or_else(|_| path.to_path_buf(), PathBuf::from)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn the_tarball_holds_every_entry_under_one_directory_and_is_reproducible() {
        let entries = [
            Entry {
                path: "readout".into(),
                bytes: b"#!binary".to_vec(),
                mode: 0o755,
            },
            Entry {
                path: "man/readout.1".into(),
                bytes: b".TH readout 1".to_vec(),
                mode: 0o644,
            },
        ];
        let a = tar_gz("readout-1.0-x", &entries, 1_700_000_000).unwrap();
        let b = tar_gz("readout-1.0-x", &entries, 1_700_000_000).unwrap();
        assert_eq!(a, b);
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(a.as_slice()));
        let mut seen = Vec::new();
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let path = entry.path().unwrap().display().to_string();
            let mode = entry.header().mode().unwrap();
            let mut body = Vec::new();
            entry.read_to_end(&mut body).unwrap();
            seen.push((path, mode, body));
        }
        let paths: Vec<&str> = seen.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "readout-1.0-x/",
                "readout-1.0-x/man/",
                "readout-1.0-x/readout",
                "readout-1.0-x/man/readout.1"
            ]
        );
        assert_eq!(seen[2].1, 0o755);
        assert_eq!(seen[2].2, b"#!binary");
        assert_eq!(seen[3].1, 0o644);
    }

    #[test]
    fn checksums_are_lower_case_hex() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
