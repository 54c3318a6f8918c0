//! End-to-end tests: the built `readout` binary on the seeds and the corpus.

mod bad_input;
mod cli;
mod commands;
mod corpus;
mod durability;
mod explain;
mod formats;
mod memory;
mod report;
mod scale;
mod shards;
mod stats_show;
mod support;
