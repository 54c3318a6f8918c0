#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod extraction;
mod html;
mod text;

pub use extraction::*;

use readout_model::{Document, Evidence};

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

/// Reads one document. Never fails: what could not be read is reported in
/// [`Extraction::diagnostics`].
///
/// ```
/// use readout_parse::{parse, Input, Markup};
/// let text = "Home > News\nWang Yi Meets with Sergey Lavrov\n2023-09-19 10:50\n\nOn September 18 ...";
/// let found = parse(&Input { path: Some("a.txt"), bytes: text.as_bytes(), markup: Markup::Text });
/// assert_eq!(found.document.headline.as_deref(), Some("Wang Yi Meets with Sergey Lavrov"));
/// assert_eq!(found.document.published.as_deref(), Some("2023-09-19T10:50"));
/// ```
pub fn parse(input: &Input<'_>) -> Extraction {
    let mut diagnostics = Vec::new();
    let decoded = text::decode(input.bytes, &mut diagnostics);
    let text = match input.markup {
        Markup::Text => decoded,
        Markup::Html => html::to_text(&decoded),
    };
    let mut document = Document::new(input.path.map(str::to_owned), text);
    let header = text::header(&document.text);
    let mut evidence = Vec::new();
    if let Some(h) = &header.headline {
        document.headline = Some(h.value.clone());
        evidence.push(spanned_evidence("headline", &document, h));
    }
    if let Some(p) = &header.published {
        document.published = Some(p.value.clone());
        evidence.push(spanned_evidence("published", &document, p));
    }
    document.evidence = evidence;
    Extraction {
        document,
        dateline: None,
        meetings: Vec::new(),
        mentions: Vec::new(),
        diagnostics,
    }
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
