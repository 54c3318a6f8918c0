//! Each command's happy path and its errors, the summary line, the progress
//! bar's silence off a terminal, help, completions and the man page.

use crate::support::*;
use std::fs;

/// A directory of `n` small reports, enough for the progress bar.
fn many_reports(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).expect("mkdir");
    for i in 0..n {
        fs::write(
            reports.join(format!("{i:03}.txt")),
            format!("Report {i}\n\nOn May 2, 2024, the foreign ministers met in Geneva.\n"),
        )
        .expect("write report");
    }
    dir
}

#[test]
fn extract_ends_with_a_one_line_summary_and_quiet_silences_it() {
    let dir = many_reports(3);
    let out = readout(dir.path(), &["extract", "reports", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("readout: read 3 documents: ") && last.ends_with(" -> out.json (json)"),
        "{err}"
    );
    let data = dataset(&dir.path().join("out.json"));
    assert!(
        last.contains(&format!(
            ": {} meetings, {} people, {} topics -> ",
            data.meetings.len(),
            data.people.len(),
            data.topics.len()
        )),
        "{last}"
    );
    let out = readout(
        dir.path(),
        &["--quiet", "extract", "reports", "-o", "quiet.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("read 3 documents"),
        "{}",
        stderr(&out)
    );
    assert!(dir.path().join("quiet.json").exists());
}

#[test]
fn the_summary_counts_skipped_inputs_by_reason() {
    let dir = many_reports(2);
    fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let out = readout(
        dir.path(),
        &[
            "extract",
            "reports",
            "empty",
            "gone1.txt",
            "gone2.txt",
            "-o",
            "out.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("readout: empty: no .txt or .html files in this directory\n"),
        "{err}"
    );
    assert!(
        err.contains("readout: gone1.txt: no such file or directory\n"),
        "{err}"
    );
    assert!(
        err.contains("readout: gone2.txt: no such file or directory\n"),
        "{err}"
    );
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("readout: read 2 documents, skipped 3 (1 empty directory, 2 not found): "),
        "{last}"
    );
    assert_eq!(dataset(&dir.path().join("out.json")).documents.len(), 2);
}

#[test]
fn an_empty_input_directory_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("dir");
    fs::create_dir_all(dir.path().join("empty/sub")).expect("mkdir");
    fs::write(dir.path().join("empty/notes.pdf"), "not a report").expect("write");
    let out = readout(dir.path(), &["extract", "empty", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: empty: no .txt or .html files in this directory\n"
    );
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let dir = many_reports(40);
    let out = readout_with(dir.path(), &["extract", "reports", "-o", "out.json"], |c| {
        c.env_remove("NO_COLOR").env("TERM", "xterm-256color");
    });
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        !err.contains('\r') && !err.contains('\x1b'),
        "progress drawn into a pipe: {err:?}"
    );
    assert!(!err.contains("reading ["), "{err:?}");
    // Nothing but the parser's warnings, if any, and the summary.
    let other: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("readout: warning: "))
        .collect();
    assert_eq!(other.len(), 1, "{err}");
    assert!(
        other[0].starts_with("readout: read 40 documents: "),
        "{err}"
    );
}

#[test]
fn verbose_names_every_document() {
    let dir = many_reports(2);
    let out = readout(
        dir.path(),
        &["--verbose", "extract", "reports", "-o", "out.json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for file in ["reports/000.txt", "reports/001.txt"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("readout: {file}: ")) && l.ends_with(" meetings")),
            "{file} not named in\n{err}"
        );
    }
    let out = readout(dir.path(), &["-q", "-v", "formats"]);
    assert_eq!(out.status.code(), Some(2), "--quiet and --verbose conflict");
}

#[test]
fn a_document_on_standard_input_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let out = readout_stdin(
        dir.path(),
        &["extract", "-", "-o", "-", "--to", "json"],
        b"Talks in Geneva\n\nOn May 2, 2024, the ministers met.\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let data: readout_model::Dataset = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(data.documents.len(), 1);
    assert_eq!(data.documents[0].path.as_deref(), Some("-"));
}

#[test]
fn convert_writes_every_readable_format_and_reads_it_back() {
    let dir = with_seeds();
    let run = readout(dir.path(), &["extract", "seeds", "-o", "seeds.json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = readout(dir.path(), &["convert", "seeds.json", "-o", "seeds.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with("seeds.json (json) -> seeds.jsonl (jsonl)\n"),
        "{}",
        stderr(&out)
    );
    let out = readout(dir.path(), &["convert", "seeds.jsonl", "-o", "back.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read(dir.path().join("seeds.json")).expect("json"),
        fs::read(dir.path().join("back.json")).expect("back")
    );
}

#[test]
fn convert_errors_name_the_file_and_write_nothing() {
    let dir = with_seeds();
    let run = readout(dir.path(), &["extract", "seeds", "-o", "seeds.json"]);
    assert!(run.status.success(), "{}", stderr(&run));

    let out = readout(dir.path(), &["convert", "missing.json", "-o", "x.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: missing.json: no such file or directory\n"
    );

    let out = readout(
        dir.path(),
        &["convert", "seeds/000_0826122ef975d78f.txt", "-o", "x.json"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).starts_with(
            "readout: seeds/000_0826122ef975d78f.txt: cannot tell the input format from the extension"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("x.json").exists());

    fs::write(dir.path().join("taken.jsonl"), "keep me").expect("write");
    let out = readout(dir.path(), &["convert", "seeds.json", "-o", "taken.jsonl"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "readout: taken.jsonl: already exists; pass --force to overwrite it\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("taken.jsonl")).expect("read"),
        "keep me"
    );
    let out = readout(
        dir.path(),
        &["convert", "seeds.json", "-o", "taken.jsonl", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let out = readout(
        dir.path(),
        &["convert", "seeds.json", "-o", "seeds.json", "--force"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("is an input"), "{}", stderr(&out));
    let out = readout(
        dir.path(),
        &["convert", "seeds.json", "-o", "x.json", "--to", "yaml"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).starts_with("readout: unknown format \"yaml\"; this build knows: "),
        "{}",
        stderr(&out)
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".readout-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn formats_lists_the_registered_formats_with_a_header() {
    let dir = tempfile::tempdir().expect("dir");
    let out = readout(dir.path(), &["formats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(header, ["name", "extensions", "read", "description"]);
    let names: Vec<&str> = lines.filter_map(|l| l.split_whitespace().next()).collect();
    assert!(
        names.contains(&"json") && names.contains(&"jsonl"),
        "{text}"
    );
}

#[test]
fn every_command_has_help_with_examples_and_exit_codes() {
    let dir = tempfile::tempdir().expect("dir");
    let main = readout(dir.path(), &["--help"]);
    assert!(main.status.success());
    let text = stdout(&main);
    for needle in [
        "Examples:",
        "Exit codes:",
        "NO_COLOR",
        "--quiet",
        "--verbose",
        "--color",
    ] {
        assert!(text.contains(needle), "{needle} not in --help\n{text}");
    }
    for hidden in ["completions", "manpage"] {
        assert!(!text.contains(hidden), "{hidden} is listed\n{text}");
    }
    for command in ["extract", "convert", "formats", "stats", "show"] {
        let out = readout(dir.path(), &[command, "--help"]);
        assert!(out.status.success(), "{command}");
        assert!(
            stdout(&out).contains(&format!("Examples:\n  readout {command}")),
            "{command} --help has no examples\n{}",
            stdout(&out)
        );
    }
    for command in ["extract", "convert", "stats", "show"] {
        let out = readout(dir.path(), &[command, "--help"]);
        assert!(
            stdout(&out).contains("Exit codes:\n  0  success"),
            "{command}"
        );
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let dir = tempfile::tempdir().expect("dir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = readout(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        // Fish writes flags as `-l person`, the others as `--person`.
        for word in ["readout", "extract", "stats", "show", "person", "since"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let out = readout(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let out = readout(dir.path(), &["manpage"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let man = stdout(&out);
    assert!(man.contains(".TH readout 1"), "{man}");
    assert!(
        man.contains("extract") && man.contains("Exit codes"),
        "{man}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("dir");
    for args in [&["completions", "bash"][..], &["manpage"], &["--help"]] {
        let mut child = Command::new(binary())
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run readout");
        // Close the reading end before reading anything, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn a_warning_names_the_file_and_byte_and_quiet_silences_it() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(
        dir.path().join("bad.txt"),
        b"Talks in Geneva\n\nThe ministers \xff met.\n",
    )
    .expect("write");
    let out = readout(dir.path(), &["extract", "bad.txt", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with("readout: warning: bad.txt: ") && l.contains("31")),
        "no warning naming the file and the byte of the bad UTF-8:\n{err}"
    );
    let out = readout(
        dir.path(),
        &["extract", "bad.txt", "-o", "quiet.json", "--quiet"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn documents_without_a_meeting_are_counted_in_one_line_and_listed_with_verbose() {
    let dir = with_seeds();
    let news = dir.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    fs::copy(
        dir.path().join("seeds/000_0826122ef975d78f.txt"),
        news.join("meeting.txt"),
    )
    .expect("copy seed");
    for i in 0..3 {
        fs::write(
            news.join(format!("w{i}.txt")),
            format!("Weather {i}\n\nRain is expected in the capital on Friday.\n"),
        )
        .expect("write");
    }
    let out = readout(dir.path(), &["extract", "news", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let about: Vec<&str> = err.lines().filter(|l| l.contains("no meeting")).collect();
    assert_eq!(
        about,
        ["readout: warning: 3 documents reported no meeting (--verbose lists them)"],
        "{err}"
    );
    // The summary still ends the run.
    assert!(
        err.lines()
            .last()
            .is_some_and(|l| l.starts_with("readout: read 4 documents: ")),
        "{err}"
    );

    let out = readout(dir.path(), &["-v", "extract", "news", "-o", "v.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let about: Vec<&str> = err.lines().filter(|l| l.contains("no meeting")).collect();
    assert_eq!(
        about,
        [
            "readout: warning: news/w0.txt: no meeting reported",
            "readout: warning: news/w1.txt: no meeting reported",
            "readout: warning: news/w2.txt: no meeting reported",
        ],
        "{err}"
    );

    let out = readout(dir.path(), &["-q", "extract", "news", "-o", "q.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
