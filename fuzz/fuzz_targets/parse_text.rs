#![no_main]
//! The parser and normalization on arbitrary bytes read as a text document.

use libfuzzer_sys::fuzz_target;
use readout_parse::{Input, Markup, parse};

fuzz_target!(|bytes: &[u8]| {
    let found = parse(&Input { path: Some("fuzz.txt"), bytes, markup: Markup::Text });
    let data = readout_normalize::normalize(vec![found]);
    assert!(readout_model::validate(&data).is_empty());
});
