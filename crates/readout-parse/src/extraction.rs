//! What the parser finds in one document, before normalization.

use readout_model::{DateBasis, Document, MeetingKind, TopicKind};
use serde::{Deserialize, Serialize};

/// A value and the byte span of `Extraction::document.text` it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl<T> Spanned<T> {
    /// A value read from `start..end`.
    pub fn new(value: T, start: usize, end: usize) -> Self {
        Spanned { value, start, end }
    }
}

/// Everything the parser found in one document. The parser never fails: what
/// it could not read is in `diagnostics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document, with its text (for HTML, the text of the markup),
    /// headline, outlet, publication date and their evidence.
    pub document: Document,
    /// The dateline of a news article ("Rome, 1 November 2021(TDI):").
    pub dateline: Option<Dateline>,
    /// Each meeting reported.
    pub meetings: Vec<MeetingMention>,
    /// People named who took part in no meeting (a president whose visit is recalled).
    pub mentions: Vec<Spanned<String>>,
    /// What the parser could not read, or read with doubt.
    pub diagnostics: Vec<Diagnostic>,
}

/// A news dateline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place, as written.
    pub place: Option<Spanned<String>>,
    /// The date, `YYYY-MM-DD`.
    pub date: Option<Spanned<String>>,
}

/// One meeting as one document reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingMention {
    /// `YYYY-MM-DD`, with the words it was read from.
    pub date: Option<Spanned<String>>,
    /// Where the date comes from.
    pub date_basis: Option<DateBasis>,
    /// How it took place, with the words that say so where the text says it.
    pub kind: MeetingKind,
    /// The words that gave the kind.
    pub kind_span: Option<(usize, usize)>,
    /// Where it took place.
    pub place: PlaceMention,
    /// The occasion, as written.
    pub occasion: Option<Spanned<String>>,
    /// Who took part.
    pub participants: Vec<ParticipantMention>,
    /// Reported speech.
    pub statements: Vec<StatementMention>,
    /// Topics discussed.
    pub topics: Vec<TopicMention>,
}

/// A place as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// City, as written; for a seat of government ("at the White House")
    /// the city it stands in, with the span of the words that named it.
    pub city: Option<Spanned<String>>,
    /// Region or province, as written ("Anhui Province").
    pub region: Option<Spanned<String>>,
    /// ISO 3166-1 alpha-2 code, with the span of the words it was read from.
    pub country: Option<Spanned<String>>,
}

/// One participant as one document names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantMention {
    /// The fullest form of the name the document gives.
    pub name: String,
    /// Every place the document names them (full name, surname …).
    pub names_as_written: Vec<Spanned<String>>,
    /// Every title, exactly as written, where it stands.
    pub titles_as_written: Vec<Spanned<String>>,
    /// ISO 3166-1 alpha-2 code of the side they speak for, with the words it
    /// was read from ("Russian", "of Russia").
    pub country: Option<Spanned<String>>,
}

/// Reported speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementMention {
    /// Indexes into [`MeetingMention::participants`]; all of them for "both sides".
    pub speakers: Vec<usize>,
    /// The statement text and where it stands.
    pub text: Spanned<String>,
}

/// A topic named in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicMention {
    /// The topic's id in the gazetteer.
    pub id: String,
    /// The gazetteer's label.
    pub label: String,
    /// What kind of topic.
    pub kind: TopicKind,
    /// The words that named it.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The message of the diagnostic given for a document with text in which no
/// meeting was found, so that a program can count these apart from others.
///
/// ```
/// use readout_parse::{parse, Input, Markup, NO_MEETING};
/// let text = "Weather\n\nRain is expected in the capital on Friday.";
/// let found = parse(&Input { path: None, bytes: text.as_bytes(), markup: Markup::Text });
/// assert!(found.diagnostics.iter().any(|d| d.message == NO_MEETING));
/// ```
pub const NO_MEETING: &str = "no meeting reported";

/// Something the parser noticed about its input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Byte offset into the input (not the text) where known.
    pub offset: Option<usize>,
    /// What was noticed.
    pub message: String,
}
