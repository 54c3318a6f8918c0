//! Writes a synthetic dataset of N meetings, for measuring the CLI on big
//! inputs: `cargo run --release -p readout-sqlite --example write_synthetic -- 100000 big.json`
//! (`.json` writes readout/1 JSON, anything else a SQLite database).
#![allow(clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: write_synthetic MEETINGS OUT(.json|.db)");
        return ExitCode::from(2);
    };
    let data = readout_testkit::synthetic(n, 42);
    let path = Path::new(out);
    let written = if out.ends_with(".json") {
        std::fs::File::create(path)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                let mut w = std::io::BufWriter::new(f);
                readout_json::to_writer(&data, &mut w).map_err(|e| e.to_string())
            })
    } else {
        readout_sqlite::to_path(&data, path).map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::FAILURE
        }
    }
}
