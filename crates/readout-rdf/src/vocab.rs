//! Every RDF term the crate writes or reads, in one table.
//!
//! The table is the single source for the writer's constants, the reader's
//! predicate index and the documentation test that keeps the vocabulary table
//! in the crate docs and `docs/formats/rdf.md` complete.

use oxrdf::NamedNodeRef;

/// schema.org, in the `http` form that RDF tools use.
pub const SCHEMA: &str = "http://schema.org/";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// The W3C Web Annotation vocabulary.
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// OWL, for `owl:sameAs`.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Wikidata entities, the objects of `owl:sameAs`.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
/// The readout vocabulary, prefix `ro:`, for what schema.org, PROV-O and Web
/// Annotation have no term for.
pub const READOUT: &str = "https://w3id.org/readout/vocab#";

/// The prefixes of the Turtle output, in the order they are declared.
pub(crate) const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("xsd", XSD),
    ("owl", OWL),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("oa", OA),
    ("wd", WIKIDATA),
    ("ro", READOUT),
];

macro_rules! namespace {
    (rdf) => {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    };
    (xsd) => {
        "http://www.w3.org/2001/XMLSchema#"
    };
    (owl) => {
        "http://www.w3.org/2002/07/owl#"
    };
    (schema) => {
        "http://schema.org/"
    };
    (prov) => {
        "http://www.w3.org/ns/prov#"
    };
    (oa) => {
        "http://www.w3.org/ns/oa#"
    };
    (ro) => {
        "https://w3id.org/readout/vocab#"
    };
}

macro_rules! terms {
    ($($name:ident = $prefix:ident $local:literal;)*) => {
        $(pub(crate) const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!(namespace!($prefix), $local));)*
        /// Every term, as (prefixed name, IRI).
        pub(crate) const ALL: &[(&str, NamedNodeRef<'static>)] = &[
            $((concat!(stringify!($prefix), ":", $local), $name),)*
        ];
    };
}

terms! {
    RDF_TYPE = rdf "type";
    RDF_FIRST = rdf "first";
    RDF_REST = rdf "rest";
    RDF_NIL = rdf "nil";
    XSD_DATE = xsd "date";
    XSD_DATE_TIME = xsd "dateTime";
    XSD_INTEGER = xsd "integer";
    OWL_SAME_AS = owl "sameAs";

    SCHEMA_DATASET = schema "Dataset";
    SCHEMA_ARTICLE = schema "Article";
    SCHEMA_PERSON = schema "Person";
    SCHEMA_DEFINED_TERM = schema "DefinedTerm";
    SCHEMA_EVENT = schema "Event";
    SCHEMA_PLACE = schema "Place";
    SCHEMA_POSTAL_ADDRESS = schema "PostalAddress";
    SCHEMA_IDENTIFIER = schema "identifier";
    SCHEMA_NAME = schema "name";
    SCHEMA_ALTERNATE_NAME = schema "alternateName";
    SCHEMA_NATIONALITY = schema "nationality";
    SCHEMA_HEADLINE = schema "headline";
    SCHEMA_PUBLISHER = schema "publisher";
    SCHEMA_DATE_PUBLISHED = schema "datePublished";
    SCHEMA_SHA256 = schema "sha256";
    SCHEMA_TEXT = schema "text";
    SCHEMA_START_DATE = schema "startDate";
    SCHEMA_LOCATION = schema "location";
    SCHEMA_ADDRESS = schema "address";
    SCHEMA_ADDRESS_LOCALITY = schema "addressLocality";
    SCHEMA_ADDRESS_REGION = schema "addressRegion";
    SCHEMA_ADDRESS_COUNTRY = schema "addressCountry";
    SCHEMA_ATTENDEE = schema "attendee";
    SCHEMA_ABOUT = schema "about";

    PROV_ENTITY = prov "Entity";
    PROV_WAS_DERIVED_FROM = prov "wasDerivedFrom";

    OA_ANNOTATION = oa "Annotation";
    OA_SPECIFIC_RESOURCE = oa "SpecificResource";
    OA_TEXT_POSITION_SELECTOR = oa "TextPositionSelector";
    OA_TEXT_QUOTE_SELECTOR = oa "TextQuoteSelector";
    OA_IDENTIFYING = oa "identifying";
    OA_MOTIVATED_BY = oa "motivatedBy";
    OA_HAS_BODY = oa "hasBody";
    OA_HAS_TARGET = oa "hasTarget";
    OA_HAS_SOURCE = oa "hasSource";
    OA_HAS_SELECTOR = oa "hasSelector";
    OA_START = oa "start";
    OA_END = oa "end";
    OA_EXACT = oa "exact";

    RO_PARTICIPATION = ro "Participation";
    RO_STATEMENT = ro "Statement";
    RO_CODING = ro "Coding";
    RO_FORMAT = ro "format";
    RO_PATH = ro "path";
    RO_ALIASES = ro "aliases";
    RO_WIKIDATA = ro "wikidata";
    RO_TOPIC_KIND = ro "topicKind";
    RO_MEETING_KIND = ro "meetingKind";
    RO_DATE_BASIS = ro "dateBasis";
    RO_OCCASION = ro "occasion";
    RO_PARTICIPANT = ro "participant";
    RO_PERSON = ro "person";
    RO_COUNTRY = ro "country";
    RO_ROLES = ro "roles";
    RO_TITLES_AS_WRITTEN = ro "titlesAsWritten";
    RO_NOTES = ro "notes";
    RO_TOPICS = ro "topics";
    RO_CODING_PROPERTY = ro "coding";
    RO_PLOVER = ro "plover";
    RO_MODE = ro "mode";
    RO_CAMEO = ro "cameo";
    RO_ACTORS = ro "actors";
    RO_RECIPIENTS = ro "recipients";
    RO_STATEMENT_PROPERTY = ro "statement";
    RO_SPEAKERS = ro "speakers";
    RO_SPAN = ro "span";
    RO_FIELD = ro "field";
    RO_ORDINAL = ro "ordinal";
    RO_BYTE_START = ro "byteStart";
    RO_BYTE_END = ro "byteEnd";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_a_valid_iri_under_a_declared_prefix() {
        for (short, term) in ALL {
            assert!(NamedNodeRef::new(term.as_str()).is_ok(), "{short}");
            let (prefix, local) = short.split_once(':').unwrap();
            let ns = PREFIXES.iter().find(|(p, _)| *p == prefix).unwrap().1;
            assert_eq!(format!("{ns}{local}"), term.as_str());
        }
    }

    #[test]
    fn the_documentation_lists_every_term() {
        let docs = concat!(
            include_str!("../README.md"),
            include_str!("../../../docs/formats/rdf.md")
        );
        for (short, _) in ALL {
            if short.starts_with("ro:") {
                assert!(
                    include_str!("../README.md").contains(&format!("`{short}`")),
                    "{short} missing from the crate README"
                );
            }
            assert!(
                include_str!("../../../docs/formats/rdf.md").contains(&format!("`{short}`")),
                "{short} missing from docs/formats/rdf.md"
            );
            assert!(docs.contains(short));
        }
    }
}
