//! Arbitrary bytes as the files of a directory, for the readers of directory
//! formats: each line `--- NAME` starts the file NAME, the lines after it (up
//! to the next such line) are its bytes. Names that are not plain file names
//! are dropped.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A plain file name: no separator, not hidden, not empty.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// The files `bytes` describes, in order.
pub fn files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut current: Option<(String, Vec<u8>)> = None;
    let mut files = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if let Some(name) = line.strip_prefix(b"--- ") {
            files.extend(current.take());
            let name = String::from_utf8_lossy(name).trim_end().to_owned();
            current = Some((name, Vec::new()));
        } else if let Some((_, content)) = current.as_mut() {
            content.extend_from_slice(line);
        }
    }
    files.extend(current);
    files.retain(|(name, _)| plain(name));
    files
}

/// A directory of this process, emptied and filled with the files of `bytes`.
pub fn write(bytes: &[u8], kind: &str) -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        std::env::temp_dir().join(format!("readout-fuzz-{kind}-{}", std::process::id()))
    });
    let dir = root.join("dataset");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (name, content) in files(bytes) {
        std::fs::write(dir.join(name), content).expect("write file");
    }
    dir
}
