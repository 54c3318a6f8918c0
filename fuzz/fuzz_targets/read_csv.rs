#![no_main]
//! The CSV directory reader on arbitrary bytes split into table files (see
//! `shared/dir_input.rs`): an error or a valid dataset, never a panic.

use libfuzzer_sys::fuzz_target;

#[path = "shared/dir_input.rs"]
mod dir_input;

fuzz_target!(|bytes: &[u8]| {
    let dir = dir_input::write(bytes, "csv");
    if let Ok(data) = readout_csv::from_dir(&dir) {
        assert!(readout_model::validate(&data).is_empty());
    }
});
