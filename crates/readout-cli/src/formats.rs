//! The one place formats are registered, each behind its cargo feature.

use anyhow::{Result, bail};
use readout_format::{Format, Registry};

/// Every format this build was compiled with.
pub(crate) fn registry() -> Registry {
    let mut registry = Registry::new();
    #[cfg(feature = "json")]
    registry
        .register(Box::new(readout_json::Json))
        .register(Box::new(readout_json::JsonLines));
    #[cfg(feature = "csv")]
    registry.register(Box::new(readout_csv::Csv::default()));
    #[cfg(feature = "sqlite")]
    registry.register(Box::new(readout_sqlite::Sqlite));
    #[cfg(feature = "rdf")]
    registry
        .register(Box::new(readout_rdf::Turtle))
        .register(Box::new(readout_rdf::NTriples));
    #[cfg(feature = "parquet")]
    registry.register(Box::new(readout_parquet::Parquet));
    registry
}

/// Where `readout extract` writes when no `-o` is given: SQLite when it is
/// built in, JSON otherwise.
pub(crate) fn default_output(registry: &Registry) -> &'static str {
    if registry.by_name("sqlite").is_some() {
        "readout.db"
    } else {
        "readout.json"
    }
}

/// The writer for `format` with `--spreadsheet-safe` applied: the guarded CSV
/// writer for CSV, an error for any other format.
pub(crate) fn spreadsheet_safe(format: &dyn Format, on: bool) -> Result<&dyn Format> {
    if !on {
        return Ok(format);
    }
    #[cfg(feature = "csv")]
    if format.name() == "csv" {
        static GUARDED: readout_csv::Csv = readout_csv::Csv {
            spreadsheet_safe: true,
        };
        return Ok(&GUARDED);
    }
    bail!(
        "--spreadsheet-safe guards CSV output only; this output is written as {}",
        format.name()
    )
}
