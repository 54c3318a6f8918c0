//! End-to-end tests: the built `readout` binary on the seeds and the corpus.

mod cli;
mod corpus;
mod support;
