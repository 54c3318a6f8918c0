//! The tables of the directory and their columns, in the one documented order.

/// One CSV file of the directory: its name (the file is `NAME.csv`) and its
/// columns in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The table's name; the file is `NAME.csv`.
    pub name: &'static str,
    /// The header row, in the order written.
    pub columns: &'static [&'static str],
}

impl Table {
    /// The file name, `NAME.csv`.
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// The position of `column` in the header.
    pub(crate) fn position(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }
}

pub(crate) const DATASET: Table = Table {
    name: "dataset",
    columns: &["format", "spreadsheet_safe"],
};
pub(crate) const DOCUMENTS: Table = Table {
    name: "documents",
    columns: &[
        "id",
        "path",
        "sha256",
        "outlet",
        "headline",
        "published",
        "text",
    ],
};
pub(crate) const DOCUMENT_EVIDENCE: Table = Table {
    name: "document_evidence",
    columns: &["document", "ordinal", "field", "start", "end", "text"],
};
pub(crate) const PEOPLE: Table = Table {
    name: "people",
    columns: &["id", "name", "country", "wikidata"],
};
pub(crate) const PERSON_ALIASES: Table = Table {
    name: "person_aliases",
    columns: &["person", "ordinal", "alias"],
};
pub(crate) const TOPICS: Table = Table {
    name: "topics",
    columns: &["id", "label", "kind"],
};
pub(crate) const MEETINGS: Table = Table {
    name: "meetings",
    columns: &[
        "id",
        "date",
        "date_basis",
        "kind",
        "city",
        "region",
        "country",
        "occasion",
    ],
};
pub(crate) const PARTICIPANTS: Table = Table {
    name: "participants",
    columns: &["meeting", "ordinal", "person", "country"],
};
pub(crate) const PARTICIPANT_ROLES: Table = Table {
    name: "participant_roles",
    columns: &["meeting", "participant", "ordinal", "role"],
};
pub(crate) const PARTICIPANT_TITLES: Table = Table {
    name: "participant_titles",
    columns: &["meeting", "participant", "ordinal", "title"],
};
pub(crate) const PARTICIPANT_NOTES: Table = Table {
    name: "participant_notes",
    columns: &["meeting", "participant", "ordinal", "note"],
};
pub(crate) const MEETING_TOPICS: Table = Table {
    name: "meeting_topics",
    columns: &["meeting", "ordinal", "topic"],
};
pub(crate) const MEETING_CODING: Table = Table {
    name: "meeting_coding",
    columns: &["meeting", "plover", "mode", "cameo"],
};
pub(crate) const MEETING_CODING_ACTORS: Table = Table {
    name: "meeting_coding_actors",
    columns: &["meeting", "ordinal", "person"],
};
pub(crate) const MEETING_CODING_RECIPIENTS: Table = Table {
    name: "meeting_coding_recipients",
    columns: &["meeting", "ordinal", "person"],
};
pub(crate) const STATEMENTS: Table = Table {
    name: "statements",
    columns: &["meeting", "ordinal", "text", "document", "start", "end"],
};
pub(crate) const STATEMENT_SPEAKERS: Table = Table {
    name: "statement_speakers",
    columns: &["meeting", "statement", "ordinal", "person"],
};
pub(crate) const EVIDENCE: Table = Table {
    name: "evidence",
    columns: &[
        "meeting", "ordinal", "field", "document", "start", "end", "text",
    ],
};
pub(crate) const MEETING_SOURCES: Table = Table {
    name: "meeting_sources",
    columns: &["meeting", "ordinal", "document"],
};

/// Every table of the directory, in the order they are written and read.
pub const TABLES: &[Table] = &[
    DATASET,
    DOCUMENTS,
    DOCUMENT_EVIDENCE,
    PEOPLE,
    PERSON_ALIASES,
    TOPICS,
    MEETINGS,
    PARTICIPANTS,
    PARTICIPANT_ROLES,
    PARTICIPANT_TITLES,
    PARTICIPANT_NOTES,
    MEETING_TOPICS,
    MEETING_CODING,
    MEETING_CODING_ACTORS,
    MEETING_CODING_RECIPIENTS,
    STATEMENTS,
    STATEMENT_SPEAKERS,
    EVIDENCE,
    MEETING_SOURCES,
];
