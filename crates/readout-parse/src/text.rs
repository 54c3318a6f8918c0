//! Decoding bytes and reading the head of a page: headline and publication date.

use crate::{Diagnostic, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// UTF-8 (lossy, with a diagnostic at the first bad byte) or UTF-16 with a BOM.
pub(crate) fn decode(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> String {
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(true),
        [0xFE, 0xFF, ..] => return utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => return lossy(rest, 3, diagnostics),
        _ => {}
    }
    lossy(bytes, 0, diagnostics)
}

fn lossy(bytes: &[u8], base: usize, diagnostics: &mut Vec<Diagnostic>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            diagnostics.push(Diagnostic {
                offset: Some(base + e.valid_up_to()),
                message: format!(
                    "invalid UTF-8 at byte {}; invalid sequences replaced with U+FFFD",
                    base + e.valid_up_to()
                ),
            });
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// The head of a page.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub(crate) headline: Option<Spanned<String>>,
    pub(crate) published: Option<Spanned<String>>,
}

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?\s*$").expect("valid regex")
});

/// Navigation crumbs and similar chrome at the top of a page.
fn is_chrome(line: &str) -> bool {
    let l = line.trim();
    l.contains(" > ") || l.starts_with("Home") && l.split_whitespace().count() <= 3
}

/// The first lines of a page: the headline is the first line that is not
/// chrome; a line holding only a date (and time) is the publication date.
pub(crate) fn header(text: &str) -> Header {
    let mut header = Header::default();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if n > 12 {
            break;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || is_chrome(trimmed) {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = (start + lead, start + lead + trimmed.len());
        if let Some(c) = PUBLISHED.captures(trimmed) {
            let date = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
            let value = match (c.get(4), c.get(5)) {
                (Some(h), Some(m)) => format!("{date}T{:0>2}:{}", h.as_str(), m.as_str()),
                _ => date,
            };
            header.published = Some(Spanned::new(value, span.0, span.1));
            break;
        }
        if header.headline.is_none() {
            header.headline = Some(Spanned::new(trimmed.to_owned(), span.0, span.1));
        } else {
            break;
        }
    }
    header
}
