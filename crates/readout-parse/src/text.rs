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

/// Where the parts of a document stand in its text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub(crate) headline: Option<Spanned<String>>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub(crate) published: Option<Spanned<String>>,
    /// Paragraphs of the report, chrome left out: byte ranges of the text.
    pub(crate) blocks: Vec<(usize, usize)>,
    /// The person a release is issued by, as the front matter names them
    /// (`creators: - "Downer, Alexander"`), written "Given Surname"; the
    /// span is the name as written. "I" of a first-person release is them.
    pub(crate) author: Option<Spanned<String>>,
    /// The office a release is issued from when the front matter names it
    /// (`source: "MINISTER FOR FOREIGN AFFAIRS"`): the author's title.
    pub(crate) author_office: Option<Spanned<String>>,
}

static CREATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}'’\-]+),\s+(\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]*)?)$")
        .expect("valid regex")
});

/// The first item of a YAML list of creators when it is a person written
/// "Surname, Given": "Given Surname" and the item's span.
fn creator(text: &str, s: usize, e: usize) -> Option<Spanned<String>> {
    let (start, line) = lines(&text[s..e]).find(|(_, l)| l.trim_start().starts_with("- "))?;
    let item = line.trim_start().trim_start_matches("- ").trim_end();
    let inner = item.trim_matches(['"', '\'']);
    let c = CREATOR.captures(inner)?;
    let at = s + start + line.find(inner)?;
    Some(Spanned::new(
        format!("{} {}", &c[2], &c[1]),
        at,
        at + inner.len(),
    ))
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Published|Updated|Posted|Date|Release Date|Released)(?: on| at)?\s*:?\s*)?`?(?:(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?|(?:\w+day,?\s+)?((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})|(\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}))(?:[,\s]+(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?)\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)?`?\s*$")
        .expect("valid regex")
});

/// A line that holds only a publication date (and time); the value is
/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
fn date_line(line: &str) -> Option<String> {
    let c = DATE_LINE.captures(line.trim())?;
    if let Some(y) = c.get(1) {
        let date = format!("{}-{:0>2}-{:0>2}", y.as_str(), &c[2], &c[3]);
        return Some(match (c.get(4), c.get(5)) {
            (Some(h), Some(m)) => format!("{date}T{:0>2}:{}", h.as_str(), m.as_str()),
            _ => date,
        });
    }
    let written = c.get(6).or(c.get(7))?.as_str();
    let found = crate::dates::absolute(written, None);
    found.first().map(|f| f.date.format("%Y-%m-%d").to_string())
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").expect("valid regex"));

/// A Markdown line as a reader sees it: heading marks and link targets left
/// out.
fn md_plain(line: &str) -> std::borrow::Cow<'_, str> {
    let t = line.trim_start_matches('#').trim_start();
    if t.contains("](") {
        std::borrow::Cow::Owned(MD_LINK.replace_all(t, "$1").into_owned())
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

/// The chrome of pages, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    lines: Vec<String>,
    tails: Vec<String>,
    /// The most characters a line of `lines` has: a line with more letters
    /// and digits than this is none of them.
    longest: usize,
}

/// Lower case, letters, digits, `#` and single spaces only.
fn bare(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

impl Chrome {
    pub(crate) fn new(lines: &[String], tails: &[String]) -> Self {
        let lines: Vec<String> = lines.iter().map(|l| bare(l)).collect();
        Chrome {
            longest: lines.iter().map(|l| l.chars().count()).max().unwrap_or(0),
            lines,
            tails: tails.iter().map(|l| bare(l)).collect(),
        }
    }

    /// Navigation crumbs: "Home > China News", "HomeNewsDiplomatic News…".
    fn is_crumb(line: &str) -> bool {
        let l = line.trim();
        if l.contains(" > ") || l.contains(" » ") || l.contains(" / Home") {
            return true;
        }
        match l.strip_prefix("Home") {
            Some(rest) => {
                rest.is_empty()
                    || rest.starts_with(|c: char| c.is_uppercase() || "|>/»:-".contains(c))
                    || rest.trim_start().starts_with(['>', '|', '/', '»'])
            }
            None => false,
        }
    }

    fn is_chrome(&self, line: &str) -> bool {
        if Self::is_crumb(line) {
            return true;
        }
        let t = line.trim();
        if t.len() > 200 && t.contains(". ") {
            // A paragraph of prose, not a button or a label.
            return false;
        }
        // Every letter or digit of a line gives its bare form one character
        // or more: count them before building it (up to one more than the
        // longest line has, all the test below needs).
        let letters = t
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(self.longest + 1)
            .count();
        if letters == 0 {
            // Only punctuation or symbols: a rule, "\###", "* * *".
            return !t.is_empty();
        }
        if letters <= self.longest && self.lines.contains(&bare(t)) {
            return true;
        }
        // A label and its value ("Source: …") has a colon.
        if !t.contains(':') {
            return false;
        }
        let lower = t
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.lines.iter().any(|l| {
            lower.strip_prefix(l.as_str()).is_some_and(|r| {
                r.trim_start().starts_with(':') && (r.len() < 60 || r.contains("]("))
            })
        })
    }

    fn is_tail(&self, line: &str) -> bool {
        if line.len() > 60 {
            return false;
        }
        let b = bare(line);
        !b.is_empty() && self.tails.contains(&b)
    }
}

/// A line of the text: its byte range without the line break.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = offset;
        offset += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// The span of the trimmed part of `line`, which starts at `start`.
fn trimmed(start: usize, line: &str) -> (usize, usize, &str) {
    let lead = line.len() - line.trim_start().len();
    let t = line.trim();
    (start + lead, start + lead + t.len(), t)
}

/// Reads YAML front matter (`---` … `---`) as written by page archivers:
/// `title:` is the headline, `published_time:`/`date:` the publication date.
/// Returns where the body starts.
fn front_matter(text: &str, layout: &mut Layout) -> usize {
    if !text.starts_with("---\n") && !text.starts_with("---\r\n") {
        return 0;
    }
    let Some(close) = text[3..].find("\n---").map(|i| i + 3) else {
        return 0;
    };
    let after = text[close + 4..]
        .find('\n')
        .map_or(text.len(), |i| close + 4 + i + 1);
    let head = &text[..close];
    let mut entries: Vec<(&str, usize, usize)> = Vec::new();
    for (start, line) in lines(head) {
        if line.starts_with(char::is_whitespace) {
            // A continuation of the previous value.
            if let Some(last) = entries.last_mut() {
                last.2 = start + line.len();
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            let vs = start + k.len() + 1;
            let lead = v.len() - v.trim_start().len();
            entries.push((k.trim(), vs + lead, start + line.len()));
        }
    }
    let mut published: Option<Spanned<String>> = None;
    for (k, s, e) in entries {
        if k == "creators" {
            layout.author = creator(text, s, e);
            continue;
        }
        let raw = text[s..e].trim_end();
        if k == "source" {
            let v = yaml_scalar(raw);
            let low = v.to_lowercase();
            let office = [
                "minister",
                "secretary",
                "president",
                "ambassador",
                "chancellor",
            ]
            .iter()
            .any(|o| low.contains(o))
                && v.split_whitespace().count() <= 8
                && v.chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’');
            if office && let Some(at) = raw.find(v.as_str()) {
                layout.author_office = Some(Spanned::new(v.clone(), s + at, s + at + v.len()));
            }
            continue;
        }
        let e = s + raw.len();
        if s >= e {
            continue;
        }
        match k {
            "title" | "headline" => {
                let v = yaml_scalar(raw);
                if !v.is_empty() {
                    layout.headline = Some(Spanned::new(v, s, e));
                }
            }
            "published_time" | "published_at" | "published" | "date" | "datePublished" => {
                if let Some(d) = date_line(yaml_scalar(raw).get(..16).unwrap_or(&yaml_scalar(raw)))
                    .or_else(|| date_line(yaml_scalar(raw).get(..10).unwrap_or_default()))
                {
                    let better = published.as_ref().is_none_or(|p| d.len() > p.value.len());
                    if better {
                        published = Some(Spanned::new(d, s, e));
                    }
                }
            }
            _ => {}
        }
    }
    layout.published = published;
    after
}

/// The value of a YAML scalar as written on one or more lines: quotes,
/// escapes and folded line breaks undone.
fn yaml_scalar(raw: &str) -> String {
    let raw = raw.trim();
    let quote = raw.chars().next();
    let body = match quote {
        Some(q @ ('"' | '\'')) if raw.len() >= 2 && raw.ends_with(q) => &raw[1..raw.len() - 1],
        _ => return raw.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == Some('"') => match chars.next() {
                Some('\n') | Some('\r') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some('_') | Some(' ') => out.push(' '),
                Some('n') => out.push(' '),
                Some('t') => out.push(' '),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(ch);
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            '\n' | '\r' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':'])
}

/// Splits a document into its head (headline, publication date) and the
/// paragraphs of its body, leaving page chrome out.
pub(crate) fn layout(text: &str, chrome: &Chrome, h1: Option<(usize, usize)>) -> Layout {
    let mut layout = Layout::default();
    let body_start = front_matter(text, &mut layout);
    let mut h1_end = 0;
    if let Some((s, e)) = h1.filter(|_| layout.headline.is_none())
        && let Some(t) = text.get(s..e)
        && !t.contains('\n')
    {
        layout.headline = Some(Spanned::new(t.to_owned(), s, e));
        h1_end = e;
    }
    let mut in_head = true;
    let mut head_lines = 0;
    let mut block: Option<(usize, usize)> = None;
    let mut tail = false;
    // The headline was a Markdown heading of the body: a list of other
    // stories may follow it with no paragraph between.
    let mut md_headline = false;
    for (start, line) in lines(&text[body_start..]) {
        let start = start + body_start;
        let (s, e, t) = trimmed(start, line);
        let blank = t.is_empty() || t.chars().all(|c| c.is_whitespace() || c == '\u{a0}');
        if blank || tail || chrome.is_chrome(t) || chrome.is_tail(t) {
            if !blank && chrome.is_tail(t) && (!in_head || md_headline) {
                tail = true;
            }
            if let Some(b) = block.take() {
                layout.blocks.push(b);
            }
            continue;
        }
        if s < h1_end {
            // Before the page's heading: navigation and banners.
            if let Some(d) = date_line(t).filter(|_| layout.published.is_none()) {
                layout.published = Some(Spanned::new(d, s, e));
            }
            continue;
        }
        // A Markdown heading ("# Headline") is the headline whatever it ends with.
        let md_heading = t.starts_with("# ") || t.starts_with("## ");
        let (s, t) = if t.starts_with('#') {
            let rest = t.trim_start_matches('#').trim_start();
            (e - rest.len(), rest)
        } else {
            (s, t)
        };
        if in_head {
            head_lines += 1;
            if let Some(d) = date_line(&md_plain(t)) {
                if layout.published.is_none() {
                    layout.published = Some(Spanned::new(d, s, e));
                }
                continue;
            }
            let words = t.split_whitespace().count();
            let headline_like = md_heading || (words <= 30 && !t.ends_with(['.', ',', ';']));
            if layout.headline.is_none() && headline_like && head_lines <= 6 {
                layout.headline = Some(Spanned::new(t.to_owned(), s, e));
                md_headline = md_heading;
                continue;
            }
            if layout.headline.as_ref().is_some_and(|h| h.value == t) {
                // The headline repeated under the crumbs.
                continue;
            }
            // Short labels under the headline ("Readout", "Office of the
            // Spokesperson") stay in the head, where a date line may follow.
            let label = headline_like && words <= 6;
            if !headline_like || head_lines > 6 || (layout.headline.is_some() && !label) {
                in_head = false;
            } else {
                continue;
            }
        }
        if layout
            .headline
            .as_ref()
            .is_some_and(|h| h.value == t && h.start != s)
        {
            continue;
        }
        match block.as_mut() {
            Some(b) => b.1 = e,
            None => block = Some((s, e)),
        }
        if ends_sentence(t) && !t.ends_with(':') {
            // A line ending a sentence may end a paragraph; wrapped text
            // loses nothing by being cut at a sentence end.
            if let Some(b) = block.take() {
                layout.blocks.push(b);
            }
        }
    }
    if let Some(b) = block.take() {
        layout.blocks.push(b);
    }
    layout
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "Prof",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Vol", "vs", "e.g", "i.e", "H.E", "Amb", "Adm", "Capt", "Maj", "Messrs",
];

/// The sentences of one paragraph `text[start..end]`, as byte ranges of the text.
pub(crate) fn sentences(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let para = &text[start..end];
    let bytes = para.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'!' || b == b'?' {
            let mut j = i + 1;
            // Closing quotes and brackets stay with the sentence.
            while j < bytes.len() {
                let rest = &para[j..];
                if let Some(c) = rest.chars().next().filter(|c| "\"'”’)]".contains(*c)) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let ws_end = para[j..]
                .find(|c: char| !c.is_whitespace())
                .map_or(para.len(), |k| j + k);
            let next_ok = para[ws_end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
            if ws_end > j && next_ok && (b != b'.' || !abbreviation(&para[from..i])) {
                out.push((start + from, start + j));
                from = ws_end;
                i = ws_end;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    let rest = para[from..].trim_end();
    if !rest.is_empty() {
        out.push((start + from, start + from + rest.len()));
    }
}

/// Whether the word before a period is an abbreviation or an initial.
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    if word.is_empty() {
        return false;
    }
    let last = word.rsplit('.').next().unwrap_or(word);
    // An initial ("R.", "U.S.") is one capital letter.
    if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome() -> Chrome {
        let g = crate::gazetteer::Gazetteer::builtin();
        Chrome::new(&g.chrome_lines, &g.chrome_tails)
    }

    #[test]
    fn head_and_blocks() {
        let text = "Home > China News\nWang Yi Meets X\n2023-09-19 10:50\n\nOn May 1 they met.\nHe said so.\n\nSuggest to a friend:\n";
        let l = layout(text, &chrome(), None);
        assert_eq!(l.headline.unwrap().value, "Wang Yi Meets X");
        assert_eq!(l.published.unwrap().value, "2023-09-19T10:50");
        let blocks: Vec<&str> = l.blocks.iter().map(|b| &text[b.0..b.1]).collect();
        assert_eq!(blocks, vec!["On May 1 they met.", "He said so."]);
    }

    #[test]
    fn crumbs_run_together_and_tails() {
        let text = "HomeNewsDiplomatic NewsA meets B\n\nA meets B\n\nRome, 1 May 2021: A met B.\n\nFollow us\n\nMost Popular\nOther story\n";
        let l = layout(text, &chrome(), None);
        assert_eq!(l.headline.unwrap().value, "A meets B");
        let blocks: Vec<&str> = l.blocks.iter().map(|b| &text[b.0..b.1]).collect();
        assert_eq!(blocks, vec!["Rome, 1 May 2021: A met B."]);
    }

    #[test]
    fn front_matter_title_and_date() {
        let text = "---\ndate: '2021-11-16'\npublished_time: 2021-11-16 00:19:14-05:00\ntitle: \"Readout of President\\_Biden\\u2019s Call with\\\n  \\ President Xi\"\n---\n \nPresident Biden spoke\ntoday with President Xi.\n";
        let l = layout(text, &chrome(), None);
        assert_eq!(
            l.headline.unwrap().value,
            "Readout of President Biden’s Call with President Xi"
        );
        assert_eq!(l.published.unwrap().value, "2021-11-16T00:19");
        assert_eq!(l.blocks.len(), 1);
    }

    #[test]
    fn sentence_split_keeps_initials_and_abbreviations() {
        let t = "President Joseph R. Biden, Jr. met Xi. He said “yes.” The U.S. side agreed. Done";
        let mut out = Vec::new();
        sentences(t, 0, t.len(), &mut out);
        let s: Vec<&str> = out.iter().map(|r| &t[r.0..r.1]).collect();
        assert_eq!(
            s,
            vec![
                "President Joseph R. Biden, Jr. met Xi.",
                "He said “yes.”",
                "The U.S. side agreed.",
                "Done"
            ]
        );
    }
}
