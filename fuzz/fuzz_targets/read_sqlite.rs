#![no_main]
//! The SQLite reader on arbitrary bytes written to a file and opened: an error
//! or a valid dataset, never a panic.

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One directory for this process; the database file is rewritten each input.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("readout-fuzz-sqlite-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    })
}

fuzz_target!(|bytes: &[u8]| {
    let dir = scratch();
    // Journals a previous input may have left would change how this one opens.
    for leftover in ["fuzz.db-journal", "fuzz.db-wal", "fuzz.db-shm"] {
        let _ = std::fs::remove_file(dir.join(leftover));
    }
    let path = dir.join("fuzz.db");
    std::fs::write(&path, bytes).expect("write database");
    if let Ok(data) = readout_sqlite::from_path(&path) {
        assert!(readout_model::validate(&data).is_empty());
    }
});
