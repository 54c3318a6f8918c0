#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod dates;
mod extraction;
pub mod gazetteer;
mod html;
mod read;
mod scan;
mod text;

pub use extraction::*;
pub use gazetteer::{Gazetteer, GazetteerError};

use readout_model::{Document, Evidence};
use std::sync::LazyLock;

/// The markup of an input document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text.
    Text,
    /// HTML: the text is taken from the markup.
    Html,
}

impl Markup {
    /// The markup a file name suggests: `.html`/`.htm`/`.xhtml` are HTML,
    /// everything else text.
    pub fn from_path(path: &str) -> Self {
        let lower = path.to_ascii_lowercase();
        if [".html", ".htm", ".xhtml"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Markup::Html
        } else {
            Markup::Text
        }
    }
}

/// One input document: its bytes and where they came from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Where the document was read from, as the user gave it.
    pub path: Option<&'a str>,
    /// The raw bytes, in UTF-8 (invalid sequences are replaced, with a
    /// diagnostic) or UTF-16 with a byte-order mark.
    pub bytes: &'a [u8],
    /// Text or HTML.
    pub markup: Markup,
}

/// A parser: the gazetteers (countries, topics, titles, page chrome)
/// compiled into matchers. Build it once and parse many documents with it.
///
/// ```
/// use readout_parse::{Input, Markup, Parser};
/// let mut parser = Parser::default();
/// parser
///     .add_gazetteer("mine.toml", "[[topic]]\nid = \"arctic-council\"\nlabel = \"Arctic Council\"\nkind = \"organization\"\n")
///     .unwrap();
/// let text = "On May 3, 2024, Foreign Minister Wang Yi met with Foreign Minister Sergey Lavrov of Russia in Beijing.\n\nThe two sides discussed the Arctic Council.";
/// let found = parser.parse(&Input { path: None, bytes: text.as_bytes(), markup: Markup::Text });
/// let meeting = &found.meetings[0];
/// assert_eq!(meeting.date.as_ref().unwrap().value, "2024-05-03");
/// assert_eq!(meeting.participants[1].country.as_ref().unwrap().value, "RU");
/// assert_eq!(meeting.topics[0].id, "arctic-council");
/// ```
#[derive(Debug, Clone)]
pub struct Parser {
    gazetteer: Gazetteer,
    compiled: read::Compiled,
}

impl Default for Parser {
    /// The parser with the built-in gazetteers.
    fn default() -> Self {
        Parser::with_gazetteer(Gazetteer::builtin())
    }
}

static DEFAULT: LazyLock<Parser> = LazyLock::new(Parser::default);

impl Parser {
    /// A parser over these gazetteers.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Self {
        let compiled = read::Compiled::new(&gazetteer);
        Parser {
            gazetteer,
            compiled,
        }
    }

    /// The gazetteers in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Adds a user gazetteer (TOML text; see [`gazetteer`] for its shape:
    /// `[[country]]` and `[[topic]]` entries are read, other sections
    /// ignored). `source_name` names the text in errors.
    pub fn add_gazetteer(&mut self, source_name: &str, toml: &str) -> Result<(), GazetteerError> {
        self.gazetteer.add_toml(source_name, toml)?;
        self.compiled = read::Compiled::new(&self.gazetteer);
        Ok(())
    }

    /// Reads one document. Never fails: what could not be read is reported
    /// in [`Extraction::diagnostics`].
    pub fn parse(&self, input: &Input<'_>) -> Extraction {
        let mut diagnostics = Vec::new();
        let decoded = text::decode(input.bytes, &mut diagnostics);
        let (text, h1) = match input.markup {
            Markup::Text => (decoded, None),
            Markup::Html => {
                let page = html::to_text(&decoded);
                (page.text, page.h1)
            }
        };
        let mut document = Document::new(input.path.map(str::to_owned), text);
        // A report is kilobytes long; a text of many megabytes is a dump or a
        // book. Bound the work per document: meetings are read from its head
        // only, which keeps every span valid (they index the whole text).
        let head = reading_limit(&document.text, READ_LIMIT);
        if head < document.text.len() {
            diagnostics.push(Diagnostic {
                offset: Some(head),
                message: format!(
                    "the text is {} bytes; meetings are read from its first {head} bytes only",
                    document.text.len()
                ),
            });
        }
        let reading = &document.text[..head];
        let layout = text::layout(reading, &self.compiled.chrome, h1);
        let found = read::read(&self.compiled, reading, &layout);
        let mut evidence = Vec::new();
        if let Some(h) = &layout.headline {
            document.headline = Some(h.value.clone());
            evidence.push(spanned_evidence("headline", &document, h));
        }
        if let Some(p) = layout
            .published
            .as_ref()
            .or(found.published_from_dateline.as_ref())
        {
            document.published = Some(p.value.clone());
            evidence.push(spanned_evidence("published", &document, p));
        }
        if let Some(o) = &found.outlet {
            document.outlet = Some(o.value.clone());
            evidence.push(spanned_evidence("outlet", &document, o));
        }
        if let Some(d) = &found.dateline {
            for part in [&d.place, &d.date].into_iter().flatten() {
                evidence.push(spanned_evidence("dateline", &document, part));
            }
        }
        document.evidence = evidence;
        if found.meetings.is_empty() && !layout.blocks.is_empty() {
            diagnostics.push(Diagnostic {
                offset: None,
                message: NO_MEETING.to_owned(),
            });
        }
        Extraction {
            document,
            dateline: found.dateline,
            meetings: found.meetings,
            mentions: found.mentions,
            diagnostics,
        }
    }
}

/// How many bytes of a document's text are read for meetings (4 MiB): a
/// hundred times the longest readout or transcript in the corpus.
pub const READ_LIMIT: usize = 4 << 20;

/// The end of the head of `text` that is read: all of it when it is short
/// enough, else up to the last line break (or character boundary) before `limit`.
fn reading_limit(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].rfind('\n').map_or(end, |i| i + 1)
}

/// Reads one document with the built-in gazetteers. Never fails: what could
/// not be read is reported in [`Extraction::diagnostics`].
///
/// ```
/// use readout_parse::{parse, Input, Markup};
/// let text = "Home > News\nWang Yi Meets with Sergey Lavrov\n2023-09-19 10:50\n\nOn September 18 ...";
/// let found = parse(&Input { path: Some("a.txt"), bytes: text.as_bytes(), markup: Markup::Text });
/// assert_eq!(found.document.headline.as_deref(), Some("Wang Yi Meets with Sergey Lavrov"));
/// assert_eq!(found.document.published.as_deref(), Some("2023-09-19T10:50"));
/// ```
pub fn parse(input: &Input<'_>) -> Extraction {
    DEFAULT.parse(input)
}

/// Evidence for `field` from a span of `document`'s text.
pub fn spanned_evidence<T>(field: &str, document: &Document, span: &Spanned<T>) -> Evidence {
    Evidence {
        field: field.to_owned(),
        document: document.id.clone(),
        start: span.start,
        end: span.end,
        text: document
            .text
            .get(span.start..span.end)
            .unwrap_or_default()
            .to_owned(),
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn a_long_text_is_read_up_to_a_line_break_before_the_limit() {
        assert_eq!(reading_limit("short", 10), 5);
        assert_eq!(reading_limit("ab\ncdef\ngh", 9), 8);
        assert_eq!(reading_limit("абвгд", 5), 4, "never inside a character");
    }
}
