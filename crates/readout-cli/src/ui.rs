//! Talking to the user: messages on standard error, colour, the progress bar.
//!
//! Every message is one line starting `readout: `, so that a batch's problems
//! can be read, grepped and counted. While a progress bar is drawn, messages
//! are printed above it.

use crate::cli::Color;
use anstyle::{AnsiColor, Style};
use indicatif::ProgressBar;
use std::cell::RefCell;
use std::fmt::Display;
use std::io::IsTerminal as _;

/// How loud to be and whether to colour.
pub(crate) struct Ui {
    quiet: bool,
    verbose: bool,
    color_stderr: bool,
    color_stdout: bool,
    progress: RefCell<Option<ProgressBar>>,
}

const ERROR: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const WARNING: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const HEADER: Style = Style::new().bold();

impl Ui {
    /// From the global flags.
    pub(crate) fn new(quiet: bool, verbose: bool, color: Color) -> Self {
        let stderr = std::io::stderr().is_terminal();
        let stdout = std::io::stdout().is_terminal();
        Ui {
            quiet,
            verbose,
            color_stderr: wants_color(color, stderr),
            color_stdout: wants_color(color, stdout),
            progress: RefCell::new(None),
        }
    }

    /// Prints `readout: MESSAGE` as an error (always, even with `--quiet`).
    pub(crate) fn error(&self, message: impl Display) {
        let prefix = paint(self.color_stderr, ERROR, "readout:");
        self.eprint(format_args!("{prefix} {message}"));
    }

    /// Prints `readout: warning: MESSAGE` unless `--quiet`.
    pub(crate) fn warning(&self, message: impl Display) {
        if self.quiet {
            return;
        }
        let prefix = paint(self.color_stderr, WARNING, "warning:");
        self.eprint(format_args!("readout: {prefix} {message}"));
    }

    /// Prints `readout: MESSAGE` unless `--quiet`.
    pub(crate) fn info(&self, message: impl Display) {
        if !self.quiet {
            self.eprint(format_args!("readout: {message}"));
        }
    }

    /// Prints `readout: MESSAGE` with `--verbose` only.
    pub(crate) fn detail(&self, message: impl Display) {
        if self.verbose {
            self.eprint(format_args!("readout: {message}"));
        }
    }

    /// Whether `--verbose` was given.
    pub(crate) fn is_verbose(&self) -> bool {
        self.verbose
    }

    /// A header line for standard output, bold when colouring.
    pub(crate) fn header(&self, text: &str) -> String {
        paint(self.color_stdout, HEADER, text)
    }

    /// A progress bar for `len` steps: drawn on standard error only when it
    /// is a terminal, `--quiet` is not given and there are at least
    /// `min_len` steps; hidden (and free) otherwise. Messages printed while
    /// it exists go above it.
    pub(crate) fn progress(&self, len: u64, min_len: u64) -> ProgressBar {
        let shown = !self.quiet && len >= min_len && std::io::stderr().is_terminal();
        let bar = if shown {
            let style = indicatif::ProgressStyle::with_template(
                "{prefix} [{bar:30}] {pos}/{len} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::new(len)
                .with_style(style)
                .with_prefix("readout: reading")
        } else {
            ProgressBar::hidden()
        };
        *self.progress.borrow_mut() = Some(bar.clone());
        bar
    }

    /// Removes the progress bar from the screen.
    pub(crate) fn finish_progress(&self) {
        if let Some(bar) = self.progress.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }

    fn eprint(&self, line: std::fmt::Arguments<'_>) {
        #[allow(clippy::print_stderr)]
        match self.progress.borrow().as_ref() {
            Some(bar) if !bar.is_hidden() => bar.suspend(|| eprintln!("{line}")),
            _ => eprintln!("{line}"),
        }
    }
}

fn wants_color(choice: Color, terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}
