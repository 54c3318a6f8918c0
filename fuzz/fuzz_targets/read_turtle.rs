#![no_main]
//! The Turtle reader on arbitrary bytes: an error or a valid dataset, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = readout_rdf::from_turtle_slice(bytes, "fuzz.ttl") {
        assert!(readout_model::validate(&data).is_empty());
    }
});
