#![no_main]
//! The readout/1 JSON reader on arbitrary bytes: an error or a valid dataset, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = readout_json::from_slice(bytes, "fuzz.json") {
        assert!(readout_model::validate(&data).is_empty());
    }
});
