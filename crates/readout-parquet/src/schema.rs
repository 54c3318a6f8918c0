//! The tables of the Parquet layout: their names and columns, in one place,
//! so that writing, reading and the documentation cannot drift apart.

use arrow_schema::{DataType, Field, Schema};
use std::collections::HashMap;
use std::sync::Arc;

/// The Arrow type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// UTF-8 string.
    Text,
    /// 32-bit signed integer: positions in a list.
    Int32,
    /// 64-bit signed integer: byte offsets.
    Int64,
    /// Days since 1970-01-01.
    Date32,
}

impl Kind {
    /// The name used in the documentation.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Int32 => "int32",
            Kind::Int64 => "int64",
            Kind::Date32 => "date32",
        }
    }

    fn data_type(self) -> DataType {
        match self {
            Kind::Text => DataType::Utf8,
            Kind::Int32 => DataType::Int32,
            Kind::Int64 => DataType::Int64,
            Kind::Date32 => DataType::Date32,
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnSpec {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) nullable: bool,
    /// Computed from other columns when written and ignored when read back
    /// (the typed copy of a date string), so a file without it still reads.
    pub(crate) derived: bool,
}

/// One table, written as `<name>.parquet`.
#[derive(Debug)]
pub(crate) struct TableSpec {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [ColumnSpec],
}

impl TableSpec {
    /// The file name of the table inside the dataset directory.
    pub(crate) fn file_name(&self) -> String {
        format!("{}.parquet", self.name)
    }

    /// The Arrow schema of the table, carrying the table name and the
    /// dataset format as metadata.
    pub(crate) fn schema(&self) -> Schema {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| Field::new(c.name, c.kind.data_type(), c.nullable))
            .collect();
        Schema::new(fields).with_metadata(HashMap::from([
            (FORMAT_KEY.to_owned(), readout_model::FORMAT.to_owned()),
            (TABLE_KEY.to_owned(), self.name.to_owned()),
        ]))
    }

    /// The position of a column, by name.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// A shared handle on [`TableSpec::schema`].
    pub(crate) fn schema_ref(&self) -> Arc<Schema> {
        Arc::new(self.schema())
    }
}

/// The key-value metadata entry that names the dataset format.
pub(crate) const FORMAT_KEY: &str = "readout.format";
/// The key-value metadata entry that names the table.
pub(crate) const TABLE_KEY: &str = "readout.table";

const fn col(name: &'static str, kind: Kind) -> ColumnSpec {
    ColumnSpec {
        name,
        kind,
        nullable: false,
        derived: false,
    }
}

const fn opt(name: &'static str, kind: Kind) -> ColumnSpec {
    ColumnSpec {
        name,
        kind,
        nullable: true,
        derived: false,
    }
}

const fn derived_date(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        kind: Kind::Date32,
        nullable: true,
        derived: true,
    }
}

use Kind::{Int32, Int64, Text};

pub(crate) static DOCUMENTS: TableSpec = TableSpec {
    name: "documents",
    columns: &[
        col("id", Text),
        opt("path", Text),
        col("sha256", Text),
        opt("outlet", Text),
        opt("headline", Text),
        opt("published", Text),
        derived_date("published_date"),
        col("text", Text),
    ],
};

pub(crate) static DOCUMENT_EVIDENCE: TableSpec = TableSpec {
    name: "document_evidence",
    columns: &[
        col("document", Text),
        col("ordinal", Int32),
        col("field", Text),
        col("start", Int64),
        col("end", Int64),
        col("text", Text),
    ],
};

pub(crate) static PEOPLE: TableSpec = TableSpec {
    name: "people",
    columns: &[
        col("id", Text),
        col("name", Text),
        opt("country", Text),
        opt("wikidata", Text),
    ],
};

pub(crate) static PERSON_ALIASES: TableSpec = TableSpec {
    name: "person_aliases",
    columns: &[
        col("person", Text),
        col("ordinal", Int32),
        col("alias", Text),
    ],
};

pub(crate) static TOPICS: TableSpec = TableSpec {
    name: "topics",
    columns: &[col("id", Text), col("label", Text), col("kind", Text)],
};

pub(crate) static MEETINGS: TableSpec = TableSpec {
    name: "meetings",
    columns: &[
        col("id", Text),
        opt("date", Text),
        derived_date("date_value"),
        opt("date_basis", Text),
        col("kind", Text),
        opt("city", Text),
        opt("region", Text),
        opt("country", Text),
        opt("occasion", Text),
    ],
};

pub(crate) static PARTICIPANTS: TableSpec = TableSpec {
    name: "participants",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("person", Text),
        opt("country", Text),
    ],
};

pub(crate) static PARTICIPANT_ROLES: TableSpec = TableSpec {
    name: "participant_roles",
    columns: &[
        col("meeting", Text),
        col("participant", Int32),
        col("person", Text),
        col("ordinal", Int32),
        col("role", Text),
    ],
};

pub(crate) static PARTICIPANT_TITLES: TableSpec = TableSpec {
    name: "participant_titles",
    columns: &[
        col("meeting", Text),
        col("participant", Int32),
        col("person", Text),
        col("ordinal", Int32),
        col("title", Text),
    ],
};

pub(crate) static PARTICIPANT_NOTES: TableSpec = TableSpec {
    name: "participant_notes",
    columns: &[
        col("meeting", Text),
        col("participant", Int32),
        col("person", Text),
        col("ordinal", Int32),
        col("note", Text),
    ],
};

pub(crate) static MEETING_TOPICS: TableSpec = TableSpec {
    name: "meeting_topics",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("topic", Text),
    ],
};

pub(crate) static MEETING_CODING: TableSpec = TableSpec {
    name: "meeting_coding",
    columns: &[
        col("meeting", Text),
        col("plover", Text),
        col("mode", Text),
        col("cameo", Text),
    ],
};

pub(crate) static CODING_ACTORS: TableSpec = TableSpec {
    name: "coding_actors",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("person", Text),
    ],
};

pub(crate) static CODING_RECIPIENTS: TableSpec = TableSpec {
    name: "coding_recipients",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("person", Text),
    ],
};

pub(crate) static STATEMENTS: TableSpec = TableSpec {
    name: "statements",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("text", Text),
        col("document", Text),
        col("start", Int64),
        col("end", Int64),
    ],
};

pub(crate) static STATEMENT_SPEAKERS: TableSpec = TableSpec {
    name: "statement_speakers",
    columns: &[
        col("meeting", Text),
        col("statement", Int32),
        col("ordinal", Int32),
        col("person", Text),
    ],
};

pub(crate) static EVIDENCE: TableSpec = TableSpec {
    name: "evidence",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("field", Text),
        col("document", Text),
        col("start", Int64),
        col("end", Int64),
        col("text", Text),
    ],
};

pub(crate) static MEETING_SOURCES: TableSpec = TableSpec {
    name: "meeting_sources",
    columns: &[
        col("meeting", Text),
        col("ordinal", Int32),
        col("document", Text),
    ],
};

/// Every table, in the order they are written and documented.
pub(crate) static ALL: [&TableSpec; 18] = [
    &DOCUMENTS,
    &DOCUMENT_EVIDENCE,
    &PEOPLE,
    &PERSON_ALIASES,
    &TOPICS,
    &MEETINGS,
    &PARTICIPANTS,
    &PARTICIPANT_ROLES,
    &PARTICIPANT_TITLES,
    &PARTICIPANT_NOTES,
    &MEETING_TOPICS,
    &MEETING_CODING,
    &CODING_ACTORS,
    &CODING_RECIPIENTS,
    &STATEMENTS,
    &STATEMENT_SPEAKERS,
    &EVIDENCE,
    &MEETING_SOURCES,
];
