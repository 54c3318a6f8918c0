#![no_main]
//! The N-Triples reader on arbitrary bytes: an error or a valid dataset, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = readout_rdf::from_ntriples_slice(bytes, "fuzz.nt") {
        assert!(readout_model::validate(&data).is_empty());
    }
});
