#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod dates;
mod explain;
mod gazetteer;
mod merge;
mod names;
mod people;
mod stream;
mod titles;

pub use explain::{Explanation, Reason, Rule};
pub use stream::{ExtractionSource, StreamOptions, Streamed};

use gazetteer::{
    CountriesFile, CountryEntry, GazetteerFile, ParserCountriesFile, PersonEntry, TopicAliasEntry,
};
use names::{Name, parse_name};
use readout_model::{Dataset, TopicKind, slug};
use readout_parse::Extraction;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;
use titles::Roles;

/// What can go wrong while normalizing: a gazetteer file that cannot be
/// read, or an explanation asked for something the dataset does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NormalizeError {
    /// A gazetteer file is not valid TOML, has a key this crate does not know
    /// in one of its sections, or a value of the wrong form.
    #[error("{origin}:{line}: {message}")]
    Gazetteer {
        /// The file (or other origin) the text came from.
        origin: String,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// [`Normalizer::explain`] was asked about a name or id the dataset has
    /// no person or meeting for.
    #[error("the dataset has no person or meeting {query:?}")]
    NotFound {
        /// What was asked for.
        query: String,
    },
    /// A scratch file of [`Normalizer::normalize_streamed`] or an
    /// [`ExtractionSource`] could not be written or read.
    #[error("{location}: {message}")]
    Io {
        /// The file, or what it is.
        location: String,
        /// What went wrong.
        message: String,
    },
}

const PEOPLE: &str = include_str!("../data/people.toml");
const ROLES: &str = include_str!("../data/roles.toml");
const PLACES: &str = include_str!("../data/places.toml");
const TOPICS: &str = include_str!("../data/topics.toml");
const COUNTRIES: &str = include_str!("../data/countries.toml");

/// The top-level sections of a gazetteer file this crate reads (see
/// [`Normalizer::add_gazetteer_toml`]). A program that gives one file to the
/// parser too can check its sections against the union of both crates'.
pub const GAZETTEER_SECTIONS: &[&str] = &["honorifics", "person", "role", "place", "topic_alias"];

/// One canonical place name and its country.
#[derive(Debug, Clone)]
struct PlaceName {
    name: String,
    country: Option<String>,
}

/// One canonical topic.
#[derive(Debug, Clone)]
struct TopicName {
    id: String,
    label: String,
    kind: Option<TopicKind>,
}

/// Resolves extractions into a dataset with its gazetteers: known people and
/// their offices, roles, places, topic aliases, countries. The built-in
/// gazetteers come with [`Normalizer::default`]; user files are added with
/// [`Normalizer::add_gazetteer_toml`].
///
/// ```
/// use readout_normalize::Normalizer;
///
/// let mut normalizer = Normalizer::default();
/// normalizer
///     .add_gazetteer_toml(
///         r#"
/// [[person]]
/// name = "Ivan Petrov"
/// variants = ["Iwan Petrow"]
/// country = "RU"
/// offices = [{ role = "Deputy Foreign Minister", start = "2020-01-01" }]
///
/// [[topic]]   # read by the parser, ignored here
/// id = "arctic"
/// "#,
///         "my.toml",
///     )
///     .unwrap();
/// let data = normalizer.normalize(Vec::new());
/// assert!(data.meetings.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    honorifics: HashSet<String>,
    people: Vec<PersonEntry>,
    person_by_key: HashMap<String, Vec<usize>>,
    person_by_surname: HashMap<String, Vec<usize>>,
    roles: Roles,
    places: HashMap<String, PlaceName>,
    topics: HashMap<String, TopicName>,
    countries: HashMap<String, String>,
}

impl Default for Normalizer {
    /// A normalizer with the built-in gazetteers (`data/*.toml`).
    fn default() -> Self {
        let mut n = Normalizer {
            honorifics: HashSet::new(),
            people: Vec::new(),
            person_by_key: HashMap::new(),
            person_by_surname: HashMap::new(),
            roles: Roles::default(),
            places: HashMap::new(),
            topics: HashMap::new(),
            countries: HashMap::new(),
        };
        // The built-in files are tested to load; an error here is a
        // packaging mistake, and leaves that file's entries out.
        // Normalization's own forms first, then every country the parser
        // knows, so that no country the parser reads is lost here.
        let own: Result<CountriesFile, _> = toml::from_str(COUNTRIES);
        let parser: Result<ParserCountriesFile, _> =
            toml::from_str(readout_parse::gazetteer::COUNTRIES);
        let mut all = own.map(|file| file.country).unwrap_or_default();
        all.extend(
            parser
                .map(|file| file.country)
                .unwrap_or_default()
                .into_iter()
                .map(|c| CountryEntry {
                    code: c.code,
                    names: c.names,
                    demonyms: c.demonyms,
                }),
        );
        // The first form given wins, as in the titles below.
        for c in all.iter().rev() {
            for name in c.names.iter().chain(&c.demonyms) {
                n.countries.insert(titles_key(name), c.code.clone());
            }
            n.countries.insert(titles_key(&c.code), c.code.clone());
        }
        n.roles.add_countries(&all);
        for (text, origin) in [
            (PEOPLE, "data/people.toml"),
            (ROLES, "data/roles.toml"),
            (PLACES, "data/places.toml"),
            (TOPICS, "data/topics.toml"),
        ] {
            let _ = n.add_gazetteer_toml(text, origin);
        }
        n
    }
}

/// The lookup key of a country, place or topic name: its words folded.
fn titles_key(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .map(names::fold)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Normalizer {
    /// A normalizer with no gazetteer at all: names are clustered by rule
    /// only, titles kept as written, places and topics as the parser gave
    /// them.
    ///
    /// ```
    /// let n = readout_normalize::Normalizer::empty();
    /// assert!(n.normalize(Vec::new()).people.is_empty());
    /// ```
    pub fn empty() -> Self {
        Normalizer {
            honorifics: HashSet::new(),
            people: Vec::new(),
            person_by_key: HashMap::new(),
            person_by_surname: HashMap::new(),
            roles: Roles::default(),
            places: HashMap::new(),
            topics: HashMap::new(),
            countries: HashMap::new(),
        }
    }

    /// Adds the entries of one gazetteer file, read from `text`; `origin`
    /// names the file in errors and in explanations. The sections this crate
    /// reads are `honorifics`, `[[person]]`, `[[role]]`, `[[place]]` and
    /// `[[topic_alias]]` (see the crate documentation for their keys); other
    /// sections, such as the parser's `[[topic]]` and `[[country]]`, are
    /// ignored. An entry for a person already known (same name and country)
    /// replaces it; other entries add to the built-in ones. On error nothing
    /// is added.
    ///
    /// ```
    /// let mut n = readout_normalize::Normalizer::default();
    /// let err = n
    ///     .add_gazetteer_toml("[[person]]\nname = \"A B\"\ncountry = \"RU\"\nborn = 1950\n", "my.toml")
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("my.toml:4: unknown field `born`"), "{err}");
    /// ```
    pub fn add_gazetteer_toml(&mut self, text: &str, origin: &str) -> Result<(), NormalizeError> {
        let file: GazetteerFile = gazetteer::read(text, origin)?;
        for h in &file.honorifics {
            let key = names::fold(h);
            if !key.is_empty() {
                self.honorifics.insert(key);
            }
        }
        for entry in file.person {
            let same = self.people.iter().position(|p| {
                slug(&p.name) == slug(&entry.name) && p.country.get_ref() == entry.country.get_ref()
            });
            match same {
                Some(i) => self.people[i] = entry,
                None => self.people.push(entry),
            }
        }
        self.reindex_people();
        self.roles.add_roles(&file.role);
        for place in &file.place {
            let canonical = PlaceName {
                name: place.name.clone(),
                country: place.country.as_ref().map(|c| c.get_ref().clone()),
            };
            for written in std::iter::once(&place.name).chain(&place.variants) {
                self.places.insert(titles_key(written), canonical.clone());
            }
        }
        for topic in &file.topic_alias {
            self.add_topic_alias(topic);
        }
        Ok(())
    }

    fn add_topic_alias(&mut self, topic: &TopicAliasEntry) {
        let canonical = TopicName {
            id: topic.id.clone(),
            label: topic.label.clone(),
            kind: topic
                .kind
                .as_ref()
                .and_then(|k| TopicKind::from_name(k.get_ref())),
        };
        for alias in [&topic.id, &topic.label].into_iter().chain(&topic.aliases) {
            self.topics.insert(slug(alias), canonical.clone());
        }
    }

    fn reindex_people(&mut self) {
        self.person_by_key.clear();
        self.person_by_surname.clear();
        for (i, p) in self.people.iter().enumerate() {
            let country = Some(p.country.get_ref().as_str());
            let main = parse_name(&p.name, &self.honorifics, country);
            if !main.surname_only() {
                let list = self
                    .person_by_surname
                    .entry(main.surname.clone())
                    .or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
            for written in std::iter::once(&p.name).chain(&p.variants) {
                let name = parse_name(written, &self.honorifics, country);
                let list = self.person_by_key.entry(name.key().to_owned()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }

    /// Takes a written name apart with this normalizer's honorifics.
    fn name(&self, written: &str, country: Option<&str>) -> Name {
        parse_name(written, &self.honorifics, country)
    }

    /// The ISO 3166-1 alpha-2 code for a code, country name or demonym.
    fn country(&self, written: &str) -> Option<String> {
        let w = written.trim();
        if w.len() == 2 && w.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Some(w.to_ascii_uppercase());
        }
        self.countries.get(&titles_key(w)).cloned()
    }

    /// Resolves the extractions of many documents into one dataset: people,
    /// roles, places and topics to canonical forms, the same meeting reported
    /// by several documents merged into one record with every source, and
    /// each meeting coded in PLOVER and CAMEO terms. The output depends only
    /// on the set of documents given, not on their order, and is in canonical
    /// order ([`Dataset::canonicalize`]).
    ///
    /// ```
    /// use readout_parse::{parse, Input, Markup};
    /// let found = parse(&Input { path: Some("a.txt"), bytes: b"Headline\n\nText.", markup: Markup::Text });
    /// let data = readout_normalize::Normalizer::default().normalize(vec![found]);
    /// assert_eq!(data.documents.len(), 1);
    /// assert!(readout_model::validate(&data).is_empty());
    /// ```
    pub fn normalize(&self, extractions: Vec<Extraction>) -> Dataset {
        stream::normalize(self, extractions)
    }

    /// Normalizes as [`Normalizer::normalize`] does, in passes over
    /// extractions read from `source` when needed, with the default
    /// [`StreamOptions`]: what the passes hold past a limit goes to scratch
    /// files in `scratch_dir`, and the meetings come one at a time from the
    /// [`Streamed`] returned, in canonical order, each exactly as
    /// `normalize` makes it. Errors are a source or a scratch file that
    /// cannot be read or written, and name it.
    ///
    /// ```
    /// use readout_normalize::Normalizer;
    /// use readout_parse::{parse, Input, Markup};
    /// let text = "Lavrov meets Wang Yi\n\nMOSCOW, September 18, 2023. Russian Foreign Minister Sergey Lavrov met with Chinese Foreign Minister Wang Yi in Moscow.";
    /// let found = vec![parse(&Input { path: Some("a.txt"), bytes: text.as_bytes(), markup: Markup::Text })];
    /// let n = Normalizer::default();
    /// let dir = std::env::temp_dir();
    /// let mut streamed = n.normalize_streamed(&found, &dir).unwrap();
    /// assert_eq!(streamed.len(), 1);
    /// let meeting = streamed.next_meeting().unwrap().unwrap();
    /// assert!(streamed.next_meeting().unwrap().is_none());
    /// let whole = n.normalize(found);
    /// assert_eq!(whole.meetings, [meeting]);
    /// assert_eq!(whole.people, streamed.head.people);
    /// ```
    pub fn normalize_streamed(
        &self,
        source: &dyn ExtractionSource,
        scratch_dir: &Path,
    ) -> Result<Streamed, NormalizeError> {
        self.normalize_streamed_with(source, scratch_dir, &StreamOptions::default())
    }

    /// [`Normalizer::normalize_streamed`] with options: how much is held in
    /// memory, whether the documents are kept.
    ///
    /// ```
    /// use readout_normalize::{Normalizer, StreamOptions};
    /// use readout_parse::{parse, Input, Markup};
    /// let found = vec![parse(&Input { path: Some("a.txt"), bytes: b"Headline\n\nText.", markup: Markup::Text })];
    /// let n = Normalizer::default();
    /// let options = StreamOptions::default().spill_bytes(0);
    /// let streamed = n.normalize_streamed_with(&found, &std::env::temp_dir(), &options).unwrap();
    /// assert_eq!(streamed.into_dataset().unwrap(), n.normalize(found));
    /// ```
    pub fn normalize_streamed_with(
        &self,
        source: &dyn ExtractionSource,
        scratch_dir: &Path,
        options: &StreamOptions,
    ) -> Result<Streamed, NormalizeError> {
        stream::normalize_streamed(self, source, scratch_dir, options)
    }

    /// Combines datasets built separately (by `normalize` over parts of a
    /// corpus, read back from any format) into one, with the rules
    /// [`Normalizer::normalize`] applies: documents are united by id, people
    /// resolved again across datasets, and each meeting is taken apart into
    /// the reports of its source documents, which are merged again, so that
    /// a meeting reported in two datasets becomes one record. Every choice
    /// depends on content, never on the order of the datasets or of their
    /// lists: merging the datasets of the parts of a corpus gives the
    /// dataset of the whole corpus.
    ///
    /// ```
    /// use readout_normalize::Normalizer;
    /// use readout_parse::{parse, Input, Markup};
    ///
    /// let read = |path: &str, text: &str| {
    ///     parse(&Input { path: Some(path), bytes: text.as_bytes(), markup: Markup::Text })
    /// };
    /// let a = read("a.txt", "Lavrov meets Wang Yi\n\nMOSCOW, September 18, 2023. Russian Foreign Minister Sergey Lavrov met with Chinese Foreign Minister Wang Yi in Moscow.");
    /// let b = read("b.txt", "Wang Yi meets Lavrov\n\nOn September 18, 2023, Chinese Foreign Minister Wang Yi met with Russian Foreign Minister Sergei Lavrov in Moscow.");
    /// let n = Normalizer::default();
    /// let at_once = n.normalize(vec![a.clone(), b.clone()]);
    /// let merged = n.merge(vec![n.normalize(vec![b]), n.normalize(vec![a])]);
    /// assert_eq!(merged, at_once);
    /// assert_eq!(merged.documents.len(), 2);
    /// ```
    pub fn merge(&self, datasets: Vec<Dataset>) -> Dataset {
        merge::merge(self, datasets)
    }

    /// Says why the names of one person were taken as one person, or why the
    /// reports of one meeting were taken as one meeting. `query` is a person
    /// id, a person's name or one of its aliases (any case), or a meeting id.
    /// The explanation is recomputed from `data` and this normalizer's
    /// gazetteers, the same every time.
    ///
    /// ```
    /// use readout_normalize::{Normalizer, NormalizeError};
    /// let n = Normalizer::default();
    /// let data = readout_model::Dataset::default();
    /// assert!(matches!(n.explain(&data, "Lavrov"), Err(NormalizeError::NotFound { .. })));
    /// ```
    pub fn explain(&self, data: &Dataset, query: &str) -> Result<Explanation, NormalizeError> {
        explain::explain(self, data, query)
    }
}

/// The normalizer with the built-in gazetteers, read once per process.
static DEFAULT: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);

/// Resolves extractions with the built-in gazetteers: the shortcut for
/// `Normalizer::default().normalize(extractions)`, without reading the
/// gazetteers again on every call.
///
/// ```
/// use readout_parse::{parse, Input, Markup};
/// let found = parse(&Input { path: Some("a.txt"), bytes: b"Headline\n\nText.", markup: Markup::Text });
/// let data = readout_normalize::normalize(vec![found]);
/// assert_eq!(data.documents.len(), 1);
/// assert_eq!(data.documents[0].headline.as_deref(), Some("Headline"));
/// ```
pub fn normalize(extractions: Vec<Extraction>) -> Dataset {
    DEFAULT.normalize(extractions)
}

/// Says why names or reports were merged, with the built-in gazetteers: the
/// shortcut for `Normalizer::default().explain(data, query)`.
///
/// ```
/// let data = readout_model::Dataset::default();
/// assert!(readout_normalize::explain(&data, "wang-yi").is_err());
/// ```
pub fn explain(data: &Dataset, query: &str) -> Result<Explanation, NormalizeError> {
    DEFAULT.explain(data, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_gazetteers_load() {
        for (text, origin) in [
            (PEOPLE, "data/people.toml"),
            (ROLES, "data/roles.toml"),
            (PLACES, "data/places.toml"),
            (TOPICS, "data/topics.toml"),
        ] {
            if let Err(e) = gazetteer::read(text, origin) {
                panic!("{e}");
            }
        }
        let countries: CountriesFile = toml::from_str(COUNTRIES).unwrap();
        assert!(countries.country.len() > 50);
        let n = Normalizer::default();
        assert!(n.people.len() > 100);
        assert_eq!(n.country("Russian"), Some("RU".into()));
        assert_eq!(n.country("People's Republic of China"), Some("CN".into()));
        assert_eq!(n.country("de"), Some("DE".into()));
    }

    #[test]
    fn every_country_the_parser_knows_is_known_here() {
        let parser: ParserCountriesFile =
            toml::from_str(readout_parse::gazetteer::COUNTRIES).unwrap();
        let n = Normalizer::default();
        for c in &parser.country {
            for name in c.names.iter().chain(&c.demonyms) {
                assert!(n.country(name).is_some(), "{name} ({})", c.code);
            }
        }
        assert_eq!(n.country("Albanian"), Some("AL".into()));
        assert_eq!(n.country("Fiji"), Some("FJ".into()));
    }

    #[test]
    fn every_office_names_a_known_role_and_variants_are_unambiguous() {
        let n = Normalizer::default();
        let roles: GazetteerFile = gazetteer::read(ROLES, "roles").unwrap();
        let names: HashSet<&str> = roles.role.iter().map(|r| r.name.as_str()).collect();
        let mut keys: HashMap<String, &str> = HashMap::new();
        for p in &n.people {
            for o in &p.offices {
                assert!(names.contains(o.role.as_str()), "{}: {}", p.name, o.role);
            }
            for written in std::iter::once(&p.name).chain(&p.variants) {
                let key = n.name(written, Some(p.country.get_ref())).key().to_owned();
                if let Some(other) = keys.insert(key.clone(), &p.name) {
                    assert_eq!(other, p.name, "{written:?} ({key}) names two entries");
                }
            }
        }
    }
}
