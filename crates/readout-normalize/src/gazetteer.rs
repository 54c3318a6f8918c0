//! The gazetteers: known people with their offices, roles, places, topic
//! aliases and countries, read from TOML.

use crate::NormalizeError;
use crate::dates::day_number;
use readout_model::TopicKind;
use serde::Deserialize;
use toml::Spanned;

/// The sections of a gazetteer file this crate owns. Other top-level keys
/// (the parser's `[[topic]]` and `[[country]]`) are left to their readers.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct GazetteerFile {
    #[serde(default)]
    pub(crate) honorifics: Vec<String>,
    #[serde(default)]
    pub(crate) person: Vec<PersonEntry>,
    #[serde(default)]
    pub(crate) role: Vec<RoleEntry>,
    #[serde(default)]
    pub(crate) place: Vec<PlaceEntry>,
    #[serde(default)]
    pub(crate) topic_alias: Vec<TopicAliasEntry>,
}

/// A known person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonEntry {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    pub(crate) country: Spanned<String>,
    #[serde(default)]
    pub(crate) wikidata: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) offices: Vec<OfficeEntry>,
    /// Where the entry was read from, filled in after reading.
    #[serde(skip)]
    pub(crate) origin: String,
    #[serde(skip)]
    pub(crate) line: usize,
}

/// One office a known person held.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OfficeEntry {
    pub(crate) role: String,
    pub(crate) start: Option<Spanned<String>>,
    pub(crate) end: Option<Spanned<String>>,
}

/// A canonical role and the ways it is written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleEntry {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    /// Where set, the variants mean this role only for these countries.
    #[serde(default)]
    pub(crate) countries: Vec<String>,
    /// A role that is this one in other words: an office check accepts either.
    #[serde(default)]
    pub(crate) same_as: Option<String>,
}

/// A place and its other spellings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlaceEntry {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    #[serde(default)]
    pub(crate) country: Option<Spanned<String>>,
}

/// Topic ids and labels that name one topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TopicAliasEntry {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) kind: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// The built-in country table (not a user section: the parser owns
/// `[[country]]` in user files).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountriesFile {
    pub(crate) country: Vec<CountryEntry>,
}

/// One country: its ISO code, names and demonyms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountryEntry {
    pub(crate) code: String,
    pub(crate) names: Vec<String>,
    #[serde(default)]
    pub(crate) demonyms: Vec<String>,
}

/// The parser's country gazetteer, of which normalization reads the code,
/// names and demonyms (the places are the parser's business).
#[derive(Debug, Deserialize)]
pub(crate) struct ParserCountriesFile {
    pub(crate) country: Vec<ParserCountry>,
}

/// One of the parser's countries.
#[derive(Debug, Deserialize)]
pub(crate) struct ParserCountry {
    pub(crate) code: String,
    pub(crate) names: Vec<String>,
    #[serde(default)]
    pub(crate) demonyms: Vec<String>,
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn bad(origin: &str, text: &str, offset: usize, message: String) -> NormalizeError {
    NormalizeError::Gazetteer {
        origin: origin.to_owned(),
        line: line_of(text, offset),
        message,
    }
}

fn check_country(origin: &str, text: &str, c: &Spanned<String>) -> Result<(), NormalizeError> {
    let v = c.get_ref();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(bad(
            origin,
            text,
            c.span().start,
            format!("country {v:?} is not an ISO 3166-1 alpha-2 code such as \"RU\""),
        ))
    }
}

fn check_date(origin: &str, text: &str, d: &Option<Spanned<String>>) -> Result<(), NormalizeError> {
    match d {
        Some(d) if day_number(d.get_ref()).is_none() => Err(bad(
            origin,
            text,
            d.span().start,
            format!("date {:?} is not YYYY-MM-DD", d.get_ref()),
        )),
        _ => Ok(()),
    }
}

/// Reads one gazetteer file and checks its values.
pub(crate) fn read(text: &str, origin: &str) -> Result<GazetteerFile, NormalizeError> {
    let mut file: GazetteerFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        bad(origin, text, offset, e.message().trim().to_owned())
    })?;
    for person in &mut file.person {
        check_country(origin, text, &person.country)?;
        person.origin = origin.to_owned();
        person.line = line_of(text, person.country.span().start);
        if let Some(q) = &person.wikidata {
            let v = q.get_ref();
            if !(v.starts_with('Q') && v.len() > 1 && v[1..].bytes().all(|b| b.is_ascii_digit())) {
                return Err(bad(
                    origin,
                    text,
                    q.span().start,
                    format!("wikidata {v:?} is not an item id such as \"Q7747\""),
                ));
            }
        }
        for office in &person.offices {
            check_date(origin, text, &office.start)?;
            check_date(origin, text, &office.end)?;
        }
    }
    for place in &file.place {
        if let Some(c) = &place.country {
            check_country(origin, text, c)?;
        }
    }
    for topic in &file.topic_alias {
        if let Some(k) = &topic.kind
            && TopicKind::from_name(k.get_ref()).is_none()
        {
            return Err(bad(
                origin,
                text,
                k.span().start,
                format!(
                    "kind {:?} is not one of organization, region, issue, initiative, other",
                    k.get_ref()
                ),
            ));
        }
    }
    Ok(file)
}
