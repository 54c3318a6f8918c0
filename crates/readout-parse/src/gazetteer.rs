//! Gazetteers: countries (names, demonyms, capitals, cities, regions), topics,
//! titles and page chrome, read from the TOML data files in `data/` and
//! extensible at run time.
//!
//! A user gazetteer is TOML text with any of these sections; other sections
//! are ignored, so one file can serve several tools:
//!
//! ```toml
//! [[country]]
//! code = "XK"                        # ISO 3166-1 alpha-2
//! names = ["Kosovo"]                 # as written in reports
//! demonyms = ["Kosovar"]
//! capital = "Pristina"               # a capital implies its country
//! cities = ["Prizren"]
//! regions = []                       # provinces, states
//!
//! [[topic]]
//! id = "arctic-council"
//! label = "Arctic Council"
//! kind = "organization"              # organization | region | issue | initiative | other
//! patterns = ["Arctic Council"]      # an all-lower-case pattern ignores case
//! ```
//!
//! An entry whose `code` (country) or `id` (topic) is already known adds its
//! names and patterns to the known entry.

use readout_model::TopicKind;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The built-in country gazetteer (`[[country]]`: code, names, demonyms,
/// capital, cities, regions, landmarks), public so that normalization reads
/// countries from the same list the parser does.
pub const COUNTRIES: &str = include_str!("../data/countries.toml");
const TOPICS: &str = include_str!("../data/topics.toml");
const TITLES: &str = include_str!("../data/titles.toml");
const CHROME: &str = include_str!("../data/chrome.toml");

/// A gazetteer file that could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GazetteerError {
    /// The TOML text is not valid, or an entry lacks a required key.
    #[error("{}: {message}", located(.source_name, *.line))]
    Toml {
        /// The name of the file or text, as the caller gave it.
        source_name: String,
        /// The 1-based line, where TOML gives it.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A topic names a kind that does not exist.
    #[error("{source_name}:{line}: topic {id:?} has unknown kind {kind:?}")]
    TopicKind {
        /// The name of the file or text.
        source_name: String,
        /// The 1-based line of the kind.
        line: usize,
        /// The topic id.
        id: String,
        /// The kind as written.
        kind: String,
    },
}

/// `NAME:LINE`, or `NAME` where the line is not known.
fn located(source_name: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{source_name}:{line}"),
        None => source_name.to_owned(),
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The top-level sections of a gazetteer file this crate reads. A program
/// that gives one file to several readers can check a file's sections
/// against the union of theirs.
pub const SECTIONS: &[&str] = &[
    "country",
    "topic",
    "roles",
    "bodies",
    "portfolios",
    "offices",
];

/// One country.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Names as written in reports.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives of nationality.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// The capital.
    #[serde(default)]
    pub capital: Option<String>,
    /// Other cities.
    #[serde(default)]
    pub cities: Vec<String>,
    /// Provinces, states and other regions.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Seats of government and the city they stand in ("White House" =
    /// "Washington").
    #[serde(default)]
    pub landmarks: std::collections::BTreeMap<String, String>,
}

/// One topic.
#[derive(Debug, Clone)]
pub struct TopicEntry {
    /// Stable id.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// What kind of topic.
    pub kind: TopicKind,
    /// The words that name it.
    pub patterns: Vec<String>,
}

#[derive(Deserialize)]
struct RawTopic {
    id: String,
    label: Option<String>,
    kind: Option<toml::Spanned<String>>,
    #[serde(default)]
    patterns: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawFile {
    #[serde(default)]
    country: Vec<Country>,
    #[serde(default)]
    topic: Vec<RawTopic>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    bodies: Vec<String>,
    #[serde(default)]
    portfolios: Vec<String>,
    #[serde(default)]
    offices: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct ChromeFile {
    lines: Vec<String>,
    tails: Vec<String>,
}

/// Everything the parser knows about the world, before it is compiled into
/// matchers.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Countries.
    pub countries: Vec<Country>,
    /// Topics.
    pub topics: Vec<TopicEntry>,
    /// Offices that make up titles.
    pub roles: Vec<String>,
    /// Words naming the body an office belongs to, which may stand before it.
    pub bodies: Vec<String>,
    /// What a minister is minister of: each makes the offices "Minister of
    /// P", "Minister for P", "Minister of State for P" and "P Minister".
    pub portfolios: Vec<String>,
    /// Offices only one country has, with its ISO code.
    pub offices: std::collections::BTreeMap<String, String>,
    /// Lines of page chrome (lower case, without punctuation).
    pub chrome_lines: Vec<String>,
    /// Lines after which the rest of a page is chrome.
    pub chrome_tails: Vec<String>,
}

impl Gazetteer {
    /// The gazetteer built into the crate.
    pub fn builtin() -> Self {
        let mut g = Gazetteer::default();
        for (name, text) in [
            ("data/countries.toml", COUNTRIES),
            ("data/topics.toml", TOPICS),
            ("data/titles.toml", TITLES),
        ] {
            // The built-in files are checked by this crate's tests.
            if let Err(e) = g.add_toml(name, text) {
                debug_assert!(false, "{e}");
            }
        }
        if let Ok(c) = toml::from_str::<ChromeFile>(CHROME) {
            g.chrome_lines = c.lines;
            g.chrome_tails = c.tails;
        }
        g
    }

    /// Adds the `[[country]]` and `[[topic]]` entries (and `roles` and
    /// `portfolios` lists, a portfolio making "Minister of P" offices) of
    /// a TOML text; other sections are ignored. `source_name` names the text
    /// in errors.
    pub fn add_toml(&mut self, source_name: &str, text: &str) -> Result<(), GazetteerError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| GazetteerError::Toml {
            source_name: source_name.to_owned(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().replace('\n', " "),
        })?;
        for c in raw.country {
            let code = c.code.to_ascii_uppercase();
            if let Some(known) = self.countries.iter_mut().find(|k| k.code == code) {
                known.names.extend(c.names);
                known.demonyms.extend(c.demonyms);
                known.cities.extend(c.cities);
                known.regions.extend(c.regions);
                known.landmarks.extend(c.landmarks);
                if c.capital.is_some() {
                    known.capital = c.capital;
                }
            } else {
                // "President of the Republic of Azerbaijan": the formal name
                // of a country written as "Republic of" its short name.
                let mut c = Country { code, ..c };
                if let Some(first) = c.names.first().cloned()
                    && !first.contains("Republic")
                    && !first.starts_with("the ")
                {
                    let formal = format!("Republic of {first}");
                    if !c.names.contains(&formal) {
                        c.names.push(formal);
                    }
                }
                self.countries.push(c);
            }
        }
        for t in raw.topic {
            let kind = match &t.kind {
                None => TopicKind::Other,
                Some(k) => {
                    TopicKind::from_name(k.get_ref()).ok_or_else(|| GazetteerError::TopicKind {
                        source_name: source_name.to_owned(),
                        line: line_of(text, k.span().start),
                        id: t.id.clone(),
                        kind: k.get_ref().clone(),
                    })?
                }
            };
            if let Some(known) = self.topics.iter_mut().find(|k| k.id == t.id) {
                known.patterns.extend(t.patterns);
                if let Some(l) = t.label {
                    known.label = l;
                }
                if t.kind.is_some() {
                    known.kind = kind;
                }
            } else {
                let label = t.label.unwrap_or_else(|| t.id.clone());
                let mut patterns = t.patterns;
                if patterns.is_empty() {
                    patterns.push(label.clone());
                }
                self.topics.push(TopicEntry {
                    id: t.id,
                    label,
                    kind,
                    patterns,
                });
            }
        }
        self.roles.extend(raw.roles);
        self.portfolios.extend(raw.portfolios);
        self.bodies.extend(raw.bodies);
        self.offices.extend(raw.offices);
        Ok(())
    }
}

/// Lookups over a gazetteer's countries, by lower-cased form.
#[derive(Debug, Clone, Default)]
pub(crate) struct CountryIndex {
    /// Names, demonyms and codes.
    by_word: HashMap<String, usize>,
    /// Capitals and cities.
    by_city: HashMap<String, usize>,
    /// Regions.
    by_region: HashMap<String, usize>,
    /// Landmarks: their city and country.
    by_landmark: HashMap<String, (String, usize)>,
    codes: Vec<String>,
}

/// Lower case, curly apostrophes straight, one space between words, without
/// a leading "the"/"of" or a trailing "'s".
fn key(s: &str) -> String {
    // A single word of ASCII letters, digits and hyphens (most lookups: the
    // words of a name) has nothing to trim, join or strip: its lower case.
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return s.to_ascii_lowercase();
    }
    key_of_any(s)
}

/// [`key`] for any text.
fn key_of_any(s: &str) -> String {
    let mut k = s.trim().replace('’', "'").to_lowercase();
    k = k.split_whitespace().collect::<Vec<_>>().join(" ");
    for prefix in ["of the ", "of ", "the "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest.to_owned();
        }
    }
    if let Some(rest) = k.strip_suffix("'s") {
        k = rest.to_owned();
    }
    k.trim_end_matches([' ', ',', '.']).to_owned()
}

impl CountryIndex {
    pub(crate) fn new(countries: &[Country]) -> Self {
        let mut idx = CountryIndex::default();
        for (i, c) in countries.iter().enumerate() {
            idx.codes.push(c.code.clone());
            for w in c.names.iter().chain(&c.demonyms) {
                idx.by_word.entry(key(w)).or_insert(i);
            }
            idx.by_word.entry(c.code.to_ascii_lowercase()).or_insert(i);
            for city in c.capital.iter().chain(&c.cities) {
                idx.by_city.entry(key(city)).or_insert(i);
            }
            for r in &c.regions {
                idx.by_region.entry(key(r)).or_insert(i);
            }
            for (l, city) in &c.landmarks {
                idx.by_landmark.entry(key(l)).or_insert((city.clone(), i));
            }
        }
        idx
    }

    pub(crate) fn country(&self, s: &str) -> Option<&str> {
        let k = key(s);
        // A two-letter code must be written in capitals to count.
        if k.len() == 2 && !s.trim().chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.by_word.get(&k).map(|&i| self.codes[i].as_str())
    }

    pub(crate) fn city(&self, s: &str) -> Option<&str> {
        self.by_city.get(&key(s)).map(|&i| self.codes[i].as_str())
    }

    /// The city and country of a landmark ("White House").
    pub(crate) fn landmark(&self, s: &str) -> Option<(&str, &str)> {
        self.by_landmark
            .get(&key(s))
            .map(|(city, i)| (city.as_str(), self.codes[*i].as_str()))
    }

    pub(crate) fn region(&self, s: &str) -> Option<&str> {
        let k = key(s);
        let k = k
            .trim_end_matches(" province")
            .trim_end_matches(" region")
            .trim_end_matches(" oblast")
            .trim_end_matches(" state");
        self.by_region.get(k).map(|&i| self.codes[i].as_str())
    }
}

static DEFAULT_INDEX: LazyLock<CountryIndex> =
    LazyLock::new(|| CountryIndex::new(&Gazetteer::builtin().countries));

/// The ISO 3166-1 alpha-2 code of a country named, or of its people: a name
/// ("Russia", "the Russian Federation"), a demonym ("Russian"), a possessive
/// ("Russia's"), "of Germany", or a code in capitals ("RU"). Uses the built-in
/// gazetteer.
///
/// ```
/// use readout_parse::gazetteer::country_code;
/// assert_eq!(country_code("of Germany"), Some("DE"));
/// assert_eq!(country_code("Russian"), Some("RU"));
/// assert_eq!(country_code("the People’s Republic of China"), Some("CN"));
/// assert_eq!(country_code("Atlantis"), None);
/// ```
pub fn country_code(s: &str) -> Option<&'static str> {
    DEFAULT_INDEX.country(s)
}

/// The ISO code of the country a city (a capital or another city of the
/// built-in gazetteer) lies in.
///
/// ```
/// assert_eq!(readout_parse::gazetteer::city_country("Moscow"), Some("RU"));
/// ```
pub fn city_country(s: &str) -> Option<&'static str> {
    DEFAULT_INDEX.city(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_word_has_the_key_of_any_text(s in "[aZ9\\- ’'.,s]{0,8}|[A-Za-z0-9-]{0,8}") {
            proptest::prop_assert_eq!(key(&s), key_of_any(&s));
        }
    }

    #[test]
    fn builtin_files_read() {
        let mut g = Gazetteer::default();
        g.add_toml("countries", COUNTRIES).unwrap();
        g.add_toml("topics", TOPICS).unwrap();
        g.add_toml("titles", TITLES).unwrap();
        assert!(g.countries.len() > 50);
        assert!(g.topics.iter().any(|t| t.id == "brics"));
        assert!(toml::from_str::<ChromeFile>(CHROME).is_ok());
    }

    #[test]
    fn user_entries_extend_and_errors_name_the_file() {
        let mut g = Gazetteer::builtin();
        g.add_toml(
            "mine.toml",
            "[meta]\nx = 1\n[[topic]]\nid = \"brics\"\npatterns = [\"BRICS+\"]\n[[topic]]\nid = \"arctic-council\"\nlabel = \"Arctic Council\"\nkind = \"organization\"\n",
        )
        .unwrap();
        let b = g.topics.iter().find(|t| t.id == "brics").unwrap();
        assert!(b.patterns.contains(&"BRICS+".to_owned()));
        let a = g.topics.iter().find(|t| t.id == "arctic-council").unwrap();
        assert_eq!(a.patterns, vec!["Arctic Council".to_owned()]);
        let err = g.add_toml("bad.toml", "[[topic]]\nid = 3").unwrap_err();
        assert!(err.to_string().starts_with("bad.toml:2: "), "{err}");
        let err = g
            .add_toml("k.toml", "[[topic]]\nid = \"x\"\nkind = \"planet\"")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "k.toml:3: topic \"x\" has unknown kind \"planet\""
        );
        let err = g
            .add_toml("m.toml", "\n[[topic]]\nlabel = \"x\"\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("m.toml:2: "), "{err}");
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }

    #[test]
    fn country_forms() {
        assert_eq!(country_code("Russia's"), Some("RU"));
        assert_eq!(country_code("RU"), Some("RU"));
        assert_eq!(country_code("ru"), None);
        assert_eq!(city_country("Bonn"), Some("DE"));
        assert_eq!(DEFAULT_INDEX.region("Anhui Province"), Some("CN"));
    }
}
