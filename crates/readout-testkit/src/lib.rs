#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod arbitrary;
mod synthetic;

pub use arbitrary::arb_dataset;
pub use synthetic::synthetic;
