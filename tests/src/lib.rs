//! End-to-end tests of the `readout` binary live under `tests/`; this crate has no library code.
