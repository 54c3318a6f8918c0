#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod arbitrary;
mod crawl;
mod synthetic;

pub use arbitrary::arb_dataset;
pub use crawl::{Crawl, crawl};
pub use synthetic::synthetic;
