#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod arbitrary;
mod crawl;
mod rng;
mod synthetic;

pub use arbitrary::arb_dataset;
pub use crawl::{Crawl, crawl};
pub use rng::Rng;
pub use synthetic::synthetic;
