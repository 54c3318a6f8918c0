//! Running the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The `readout` binary cargo built beside this test (`target/<profile>/readout`),
/// or `$READOUT_BIN`.
pub(crate) fn binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("READOUT_BIN") {
        return PathBuf::from(bin);
    }
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/e2e-<hash> -> target/<profile>/readout
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let bin = profile_dir.join(format!("readout{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: build it first with `cargo build -p readout-cli` (cargo xtask ci does)",
        bin.display()
    );
    bin
}

/// Runs `readout ARGS` in `dir` with no standard input.
pub(crate) fn readout(dir: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1")
        .output()
        .expect("run readout")
}

/// Runs `readout ARGS` with `input` on standard input.
pub(crate) fn readout_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run readout");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for readout")
}

/// Standard error as text.
pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A temporary directory holding a copy of `seeds/`.
pub(crate) fn with_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).expect("mkdir seeds");
    for entry in std::fs::read_dir(root().join("seeds")).expect("read seeds") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, seeds.join(path.file_name().expect("name"))).expect("copy seed");
    }
    dir
}

/// Reads a `readout/1` JSON file.
pub(crate) fn dataset(path: &Path) -> readout_model::Dataset {
    let bytes = std::fs::read(path).expect("read dataset");
    serde_json::from_slice(&bytes).expect("readout/1 JSON")
}

/// Runs `readout ARGS` in `dir` with no standard input, after `configure`
/// has adjusted the command (environment, standard error …).
pub(crate) fn readout_with(
    dir: &Path,
    args: &[&str],
    configure: impl FnOnce(&mut Command),
) -> Output {
    let mut command = Command::new(binary());
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1");
    configure(&mut command);
    command.output().expect("run readout")
}

/// Standard output as text.
pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes `data` as `readout/1` JSON.
pub(crate) fn write_dataset(path: &Path, data: &readout_model::Dataset) {
    let bytes = serde_json::to_vec_pretty(data).expect("serialize dataset");
    std::fs::write(path, bytes).expect("write dataset");
}
