#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod ids;
mod validate;

pub use ids::{document_id, meeting_id, sha256_hex, slug, unique_ids};
pub use validate::{Problem, validate};

use serde::{Deserialize, Serialize};

/// The value of [`Dataset::format`] this crate reads and writes.
pub const FORMAT: &str = "readout/1";

/// One dataset of meetings, the documents they were read from, the people who
/// took part and the topics discussed.
///
/// Every list is kept in one canonical order (see [`Dataset::canonicalize`]) so
/// that the same content always serializes to the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// Always [`FORMAT`].
    pub format: String,
    /// The source documents, with their full text.
    pub documents: Vec<Document>,
    /// Every person who took part in a meeting.
    pub people: Vec<Person>,
    /// Issues, organisations and initiatives discussed.
    pub topics: Vec<Topic>,
    /// The meetings reported.
    pub meetings: Vec<Meeting>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            format: FORMAT.to_owned(),
            documents: Vec::new(),
            people: Vec::new(),
            topics: Vec::new(),
            meetings: Vec::new(),
        }
    }
}

impl Dataset {
    /// Puts every list in its canonical order: documents by path then id,
    /// people and topics by id, meetings by date then id; the lists inside a
    /// meeting keep the order they were given in, except `sources`, which is
    /// sorted.
    pub fn canonicalize(&mut self) {
        self.documents
            .sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
        self.topics.sort_by(|a, b| a.id.cmp(&b.id));
        for meeting in &mut self.meetings {
            meeting.sources.sort();
            meeting.sources.dedup();
        }
        self.meetings
            .sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// One source document: a readout page or a news article, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// `doc-` and the first 16 hex digits of [`Document::sha256`].
    pub id: String,
    /// Where the document was read from, as given by the user.
    pub path: Option<String>,
    /// SHA-256 of `text` as UTF-8, in lower-case hex.
    pub sha256: String,
    /// The outlet that published it, where the text names one.
    pub outlet: Option<String>,
    /// The headline.
    pub headline: Option<String>,
    /// Publication date (`YYYY-MM-DD`) or date and time (`YYYY-MM-DDTHH:MM`).
    pub published: Option<String>,
    /// The full text every evidence span indexes into (for HTML input, the
    /// text extracted from the markup).
    pub text: String,
    /// Where the document-level facts (headline, published, outlet,
    /// dateline) stand in `text`.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Document {
    /// A document for this text, with its hash and id filled in.
    ///
    /// ```
    /// let doc = readout_model::Document::new(Some("a.txt".into()), "Wang Yi met Lavrov.".into());
    /// assert!(doc.id.starts_with("doc-"));
    /// assert_eq!(doc.sha256.len(), 64);
    /// ```
    pub fn new(path: Option<String>, text: String) -> Self {
        let sha256 = sha256_hex(text.as_bytes());
        Document {
            id: document_id(&sha256),
            path,
            sha256,
            outlet: None,
            headline: None,
            published: None,
            text,
            evidence: Vec::new(),
        }
    }
}

/// A person who took part in at least one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The slug of the canonical name (see [`slug`]).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Every other form the name was written in.
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the country the person represents.
    pub country: Option<String>,
    /// Wikidata item id (`Q…`), where known.
    pub wikidata: Option<String>,
}

/// What kind of thing a topic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    /// An international organisation or forum (UN, BRICS, G20).
    Organization,
    /// A country, region or conflict (Ukraine, the Korean Peninsula).
    Region,
    /// An issue or policy question (nuclear proliferation, multipolarity).
    Issue,
    /// An initiative or project (Belt and Road).
    Initiative,
    /// Anything else.
    Other,
}

impl TopicKind {
    /// The name used in `readout/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Organization => "organization",
            TopicKind::Region => "region",
            TopicKind::Issue => "issue",
            TopicKind::Initiative => "initiative",
            TopicKind::Other => "other",
        }
    }

    /// Parses the name used in `readout/1`.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "organization" => TopicKind::Organization,
            "region" => TopicKind::Region,
            "issue" => TopicKind::Issue,
            "initiative" => TopicKind::Initiative,
            "other" => TopicKind::Other,
            _ => return None,
        })
    }
}

/// An issue, organisation or initiative discussed at meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Slug of the label.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// What kind of topic it is.
    pub kind: TopicKind,
}

/// How a meeting took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// An in-person meeting.
    Meeting,
    /// Formal talks.
    Talks,
    /// A telephone call.
    PhoneCall,
    /// A video call.
    VideoCall,
    /// Anything else.
    Other,
}

impl MeetingKind {
    /// The name used in `readout/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Meeting => "meeting",
            MeetingKind::Talks => "talks",
            MeetingKind::PhoneCall => "phone_call",
            MeetingKind::VideoCall => "video_call",
            MeetingKind::Other => "other",
        }
    }

    /// Parses the name used in `readout/1`.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "meeting" => MeetingKind::Meeting,
            "talks" => MeetingKind::Talks,
            "phone_call" => MeetingKind::PhoneCall,
            "video_call" => MeetingKind::VideoCall,
            "other" => MeetingKind::Other,
            _ => return None,
        })
    }
}

/// Where a meeting's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The text states the day.
    Stated,
    /// The dateline of a news article.
    Dateline,
    /// The publication date.
    Published,
    /// A relative day ("on Monday") resolved against the publication date.
    Relative,
}

impl DateBasis {
    /// The name used in `readout/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Stated => "stated",
            DateBasis::Dateline => "dateline",
            DateBasis::Published => "published",
            DateBasis::Relative => "relative",
        }
    }

    /// Parses the name used in `readout/1`.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "stated" => DateBasis::Stated,
            "dateline" => DateBasis::Dateline,
            "published" => DateBasis::Published,
            "relative" => DateBasis::Relative,
            _ => return None,
        })
    }
}

/// Where a meeting took place. Every part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// City.
    pub city: Option<String>,
    /// Region or province.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
}

/// A person's part in one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Id of a [`Person`].
    pub person: String,
    /// ISO 3166-1 alpha-2 code of the side the person spoke for.
    pub country: Option<String>,
    /// Canonical role names held at the meeting.
    pub roles: Vec<String>,
    /// The titles exactly as the text writes them.
    pub titles_as_written: Vec<String>,
    /// What normalization noticed about this participant, such as a title
    /// that contradicts the known dates of an office.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The meeting in the terms of event data (PLOVER and CAMEO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    /// PLOVER event type, `CONSULT`.
    pub plover: String,
    /// PLOVER mode: `visit`, `third-party`, `multilateral` or `phone`.
    pub mode: String,
    /// CAMEO code: `041` phone, `042` visit, `043` host, `044` third location.
    pub cameo: String,
    /// Person ids of the visiting side (both sides where neither hosts).
    pub actors: Vec<String>,
    /// Person ids of the host side.
    pub recipients: Vec<String>,
}

/// Reported speech attributed to one or more participants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Person ids of the speakers; every participant for "both sides".
    pub speakers: Vec<String>,
    /// The statement as written.
    pub text: String,
    /// Where the statement stands.
    pub evidence: Span,
}

/// A byte range of one document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Id of a [`Document`].
    pub document: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The words a fact was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The field this evidences: `date`, `kind`, `place`, `occasion`,
    /// `participant:<person id>`, `title:<person id>`, `topic:<topic id>`,
    /// `headline`, `published`, `outlet`, `dateline`.
    pub field: String,
    /// Id of a [`Document`].
    pub document: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The bytes `start..end` of the document text.
    pub text: String,
}

/// One meeting between two or more people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// See [`meeting_id`].
    pub id: String,
    /// `YYYY-MM-DD`, where known.
    pub date: Option<String>,
    /// Where the date comes from.
    pub date_basis: Option<DateBasis>,
    /// How the meeting took place.
    pub kind: MeetingKind,
    /// Where it took place.
    pub place: Place,
    /// The occasion (a summit, a conference) where the text names one.
    pub occasion: Option<String>,
    /// Who took part.
    pub participants: Vec<Participant>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Event-data coding, where it can be decided.
    pub coding: Option<Coding>,
    /// Reported speech.
    pub statements: Vec<Statement>,
    /// Ids of the documents that report this meeting.
    pub sources: Vec<String>,
    /// Where each fact stands, one entry per field per document.
    pub evidence: Vec<Evidence>,
}
