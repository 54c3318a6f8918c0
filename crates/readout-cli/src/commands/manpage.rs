//! `readout manpage` (hidden): the man page `readout.1`, for packagers.

use super::{EXIT_OK, stdout};
use crate::cli;
use anyhow::Result;
use std::io::Write;

/// Writes the man page, in roff, to standard output: clap_mangen's page for
/// `readout`, with every subcommand's full help as a section of the same
/// page (one page to install, rather than one per subcommand).
pub(crate) fn run() -> Result<u8> {
    let mut out = stdout();
    render(&mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

fn render(out: &mut dyn Write) -> std::io::Result<()> {
    let mut command = cli::command();
    // Building gives subcommands their full names (`readout extract`) and
    // the global flags.
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        writeln!(out, ".SS \"readout {}\"", sub.get_name())?;
        writeln!(out, ".nf")?;
        let help = sub.clone().render_long_help().to_string();
        for line in help.lines() {
            writeln!(out, "{}", roff_line(line))?;
        }
        writeln!(out, ".fi")?;
    }
    // The main help's closing text, one section per paragraph that opens
    // with a heading ("Examples:", "Environment:", "Exit codes:"), kept as
    // laid out.
    let after_help = command
        .get_after_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    for block in after_help.split("\n\n") {
        let mut lines = block.lines();
        let Some(heading) = lines.next() else {
            continue;
        };
        let title = match heading.trim_end_matches(':') {
            "Exit codes" => "EXIT STATUS".to_owned(),
            other => other.to_uppercase(),
        };
        writeln!(out, ".SH \"{title}\"")?;
        writeln!(out, ".nf")?;
        for line in lines {
            writeln!(out, "{}", roff_line(line))?;
        }
        writeln!(out, ".fi")?;
    }
    man.render_version_section(out)?;
    Ok(())
}

/// One line of text as roff: backslashes escaped, and a leading `.` or `'`
/// kept from being read as a request.
fn roff_line(line: &str) -> String {
    let escaped = line.replace('\\', "\\e");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_holds_every_visible_command_and_the_exit_codes() {
        let mut page = Vec::new();
        render(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with(".ie") || page.contains(".TH readout 1"));
        for command in ["extract", "convert", "formats", "stats", "show"] {
            assert!(
                page.contains(&format!(".SS \"readout {command}\"")),
                "{command}"
            );
        }
        assert!(!page.contains(".SS \"readout completions\""));
        assert!(
            page.contains("Usage: readout show [OPTIONS] <DATASET>"),
            "{page}"
        );
        assert!(
            page.contains(".SH \"EXIT STATUS\"\n.nf\n  0  success\n"),
            "{page}"
        );
        assert!(page.contains(".SH \"EXAMPLES\""));
        assert!(!page.contains("readout-extract(1)"));
    }

    #[test]
    fn text_cannot_become_a_request() {
        assert_eq!(roff_line(".SH x"), "\\&.SH x");
        assert_eq!(roff_line("a\\b"), "a\\eb");
    }
}
