//! Why names became one person and reports one meeting.

use crate::dates::day_number;
use crate::merge::{days_compatible, places_compatible, remote};
use crate::names::{given_compatible, surname_first};
use crate::{NormalizeError, Normalizer};
use readout_model::{Dataset, Meeting, Person};
use std::fmt;

/// The rule a [`Reason`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A gazetteer entry names the person or lists the written form.
    Gazetteer,
    /// Where the canonical name comes from.
    CanonicalName,
    /// Two spellings with one transliteration key (Sergei/Sergey).
    Transliteration,
    /// A surname written alone, taken for the one person of that surname.
    Surname,
    /// Same surname, compatible given names (an initial, a middle name).
    GivenName,
    /// The same words in the other order, for a country whose names English
    /// texts write both ways.
    NameOrder,
    /// Someone or something that was not merged, and why.
    KeptApart,
    /// The documents that report a meeting.
    Sources,
    /// Every report names the same participants.
    Participants,
    /// The reported dates fall within the merge window.
    Date,
    /// The reports agree on in-person versus call.
    Kind,
    /// The reported places agree where both give them.
    Place,
    /// How the meeting is coded in event data.
    Coding,
}

impl Rule {
    /// A short name for the rule, as shown by [`Explanation`]'s `Display`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Gazetteer => "gazetteer",
            Rule::CanonicalName => "canonical name",
            Rule::Transliteration => "transliteration",
            Rule::Surname => "surname",
            Rule::GivenName => "given name",
            Rule::NameOrder => "name order",
            Rule::KeptApart => "kept apart",
            Rule::Sources => "sources",
            Rule::Participants => "participants",
            Rule::Date => "date",
            Rule::Kind => "kind",
            Rule::Place => "place",
            Rule::Coding => "coding",
        }
    }
}

/// One reason, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The rule that applied.
    pub rule: Rule,
    /// What it found, in a sentence.
    pub text: String,
}

/// Why a person's names or a meeting's reports were merged.
///
/// `Display` writes the subject on one line and each reason on its own line:
///
/// ```text
/// person sergey-lavrov "Sergey Lavrov" (RU)
///   [gazetteer] "Sergei Lavrov" is listed for "Sergey Lavrov" at data/people.toml:12
///   [surname] "Lavrov" is the surname alone ...
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What is explained: `person ID "NAME"` or `meeting ID`.
    pub subject: String,
    /// The reasons, in a fixed order.
    pub reasons: Vec<Reason>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.subject)?;
        for r in &self.reasons {
            writeln!(f, "  [{}] {}", r.rule.as_str(), r.text)?;
        }
        Ok(())
    }
}

pub(crate) fn explain(
    n: &Normalizer,
    data: &Dataset,
    query: &str,
) -> Result<Explanation, NormalizeError> {
    let q = query.trim();
    if let Some(m) = data.meetings.iter().find(|m| m.id == q) {
        return Ok(explain_meeting(data, m));
    }
    let lower = q.to_lowercase();
    let person = data
        .people
        .iter()
        .find(|p| p.id == q)
        .or_else(|| data.people.iter().find(|p| p.name.to_lowercase() == lower))
        .or_else(|| {
            data.people
                .iter()
                .find(|p| p.aliases.iter().any(|a| a.to_lowercase() == lower))
        });
    match person {
        Some(p) => Ok(explain_person(n, data, p)),
        None => Err(NormalizeError::NotFound {
            query: q.to_owned(),
        }),
    }
}

fn explain_person(n: &Normalizer, data: &Dataset, person: &Person) -> Explanation {
    let country = person.country.as_deref();
    let mut reasons = Vec::new();
    let mut say = |rule: Rule, text: String| reasons.push(Reason { rule, text });
    let entry = n
        .people
        .iter()
        .position(|e| e.name == person.name && Some(e.country.get_ref().as_str()) == country);
    let canonical = n.name(&person.name, country);
    match entry {
        Some(e) => {
            let entry = &n.people[e];
            let wikidata = entry
                .wikidata
                .as_ref()
                .map(|q| format!(", Wikidata {}", q.get_ref()))
                .unwrap_or_default();
            say(
                Rule::CanonicalName,
                format!(
                    "{:?} is the name of the gazetteer entry at {}:{}{wikidata}",
                    person.name, entry.origin, entry.line
                ),
            );
        }
        None => say(
            Rule::CanonicalName,
            format!(
                "{:?} is the fullest form written; no gazetteer entry names this person",
                person.name
            ),
        ),
    }
    if surname_first(country) {
        say(
            Rule::CanonicalName,
            format!(
                "names of {} are read surname first: surname key {:?}",
                country.unwrap_or_default(),
                canonical.surname
            ),
        );
    }
    for alias in &person.aliases {
        let name = n.name(alias, country);
        let listed = entry.is_some_and(|e| {
            let entry = &n.people[e];
            std::iter::once(&entry.name)
                .chain(&entry.variants)
                .any(|v| v == alias)
        });
        let text = if listed {
            let e = &n.people[entry.unwrap_or_default()];
            (
                Rule::Gazetteer,
                format!(
                    "{alias:?} is listed for {:?} at {}:{}",
                    person.name, e.origin, e.line
                ),
            )
        } else if name.key() == canonical.key() {
            (
                Rule::Transliteration,
                format!(
                    "{alias:?} and {:?} have one transliteration key {:?}",
                    person.name,
                    name.key()
                ),
            )
        } else if entry.is_some() && n.person_by_key.contains_key(name.key()) {
            (
                Rule::Gazetteer,
                format!(
                    "{alias:?} has the transliteration key {:?} of a form the gazetteer lists for {:?}",
                    name.key(),
                    person.name
                ),
            )
        } else if country.is_some_and(crate::people::either_order) && {
            let mut a: Vec<&str> = name.key().split(' ').collect();
            let mut b: Vec<&str> = canonical.key().split(' ').collect();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        } {
            (
                Rule::NameOrder,
                format!(
                    "{alias:?} has the words of {:?} in the other order, as names of {} are written both ways",
                    person.name,
                    country.unwrap_or_default()
                ),
            )
        } else if name.surname_only() && name.surname == canonical.surname {
            (
                Rule::Surname,
                format!(
                    "{alias:?} is the surname alone (key {:?}); the document that wrote it, or else the dataset, has one person of that surname and a compatible country",
                    name.surname
                ),
            )
        } else if name.surname == canonical.surname
            && given_compatible(&name.given, &canonical.given)
        {
            (
                Rule::GivenName,
                format!(
                    "{alias:?} has the surname key {:?} of {:?} and a compatible given name, same country",
                    name.surname, person.name
                ),
            )
        } else {
            (
                Rule::Surname,
                format!(
                    "{alias:?} was written for this participant in a document that also gives the full name"
                ),
            )
        };
        say(text.0, text.1);
    }
    for other in &data.people {
        if other.id == person.id {
            continue;
        }
        let o = n.name(&other.name, other.country.as_deref());
        if o.surname != canonical.surname || o.surname.is_empty() {
            continue;
        }
        let why = if other.country.is_some() && other.country != person.country {
            format!(
                "a different country ({} and {})",
                person.country.as_deref().unwrap_or("?"),
                other.country.as_deref().unwrap_or("?")
            )
        } else if !given_compatible(&o.given, &canonical.given) {
            "given names that do not match".to_owned()
        } else {
            "two separate gazetteer entries or an ambiguous surname".to_owned()
        };
        say(
            Rule::KeptApart,
            format!(
                "{:?} ({}) shares the surname key {:?} but has {why}",
                other.name, other.id, o.surname
            ),
        );
    }
    let count = data
        .meetings
        .iter()
        .filter(|m| m.participants.iter().any(|p| p.person == person.id))
        .count();
    say(
        Rule::Sources,
        format!("takes part in {count} meeting(s) of the dataset"),
    );
    Explanation {
        subject: format!(
            "person {} {:?} ({})",
            person.id,
            person.name,
            person.country.as_deref().unwrap_or("country unknown")
        ),
        reasons,
    }
}

fn participant_set(m: &Meeting) -> Vec<&str> {
    let mut ids: Vec<&str> = m.participants.iter().map(|p| p.person.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn explain_meeting(data: &Dataset, m: &Meeting) -> Explanation {
    let mut reasons = Vec::new();
    let mut say = |rule: Rule, text: String| reasons.push(Reason { rule, text });
    for source in &m.sources {
        let doc = data.document(source);
        let mut facts = Vec::new();
        for field in ["date", "kind", "place", "occasion"] {
            if let Some(ev) = m
                .evidence
                .iter()
                .find(|e| e.document == *source && e.field == field)
            {
                facts.push(format!("{field} {:?}", ev.text));
            }
        }
        let path = doc
            .and_then(|d| d.path.as_deref())
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let headline = doc
            .and_then(|d| d.headline.as_deref())
            .map(|h| format!(" {h:?}"))
            .unwrap_or_default();
        let facts = if facts.is_empty() {
            "no date, kind or place written".to_owned()
        } else {
            facts.join(", ")
        };
        say(Rule::Sources, format!("{source}{path}{headline}: {facts}"));
    }
    let ids = participant_set(m);
    if m.sources.len() > 1 {
        say(
            Rule::Participants,
            format!(
                "all {} reports name the same participants: {}",
                m.sources.len(),
                ids.join(", ")
            ),
        );
        say(
            Rule::Date,
            format!(
                "the reports date it within one day of {} (a report that states no day is placed by its publication day, up to two days later)",
                m.date.as_deref().unwrap_or("an unknown date")
            ),
        );
        say(
            Rule::Kind,
            format!(
                "the reports agree it was {} (calls merge only with calls, in-person meetings only with in-person meetings)",
                if remote(m.kind) {
                    "a call"
                } else {
                    "in person"
                }
            ),
        );
        let place = [&m.place.city, &m.place.region, &m.place.country]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        say(
            Rule::Place,
            format!(
                "the places agree where both reports give one: {}",
                if place.is_empty() {
                    "none given"
                } else {
                    &place
                }
            ),
        );
    } else {
        say(
            Rule::Sources,
            "one document reports this meeting; no other report matched it".to_owned(),
        );
    }
    let day = m.date.as_deref().and_then(day_number);
    for other in &data.meetings {
        if other.id == m.id || participant_set(other) != ids {
            continue;
        }
        let other_day = other.date.as_deref().and_then(day_number);
        let near = match (day, other_day) {
            (Some(a), Some(b)) => (a - b).abs() <= 2,
            _ => false,
        };
        if !near {
            continue;
        }
        let shared = m.sources.iter().any(|s| other.sources.contains(s));
        let why = if remote(m.kind) != remote(other.kind) {
            format!(
                "one is a {} and the other a {}",
                m.kind.as_str(),
                other.kind.as_str()
            )
        } else if shared {
            "one document reports both as separate meetings".to_owned()
        } else if !places_compatible(&m.place, &other.place) {
            "their places differ".to_owned()
        } else if !days_compatible((day.unwrap_or(0), false), (other_day.unwrap_or(0), false)) {
            "their dates are more than one day apart".to_owned()
        } else {
            "a report of one could not be matched with every report of the other".to_owned()
        };
        say(
            Rule::KeptApart,
            format!(
                "{} has the same participants on {} but {why}",
                other.id,
                other.date.as_deref().unwrap_or("?")
            ),
        );
    }
    if let Some(c) = &m.coding {
        let text = match c.mode.as_str() {
            "phone" => format!("CONSULT phone, CAMEO {}: a {}", c.cameo, m.kind.as_str()),
            "visit" => format!(
                "CONSULT visit, CAMEO {}: it took place in {}, the country of {} (hosts); {} visit",
                c.cameo,
                m.place.country.as_deref().unwrap_or("?"),
                c.recipients.join(", "),
                c.actors.join(", ")
            ),
            mode => format!(
                "CONSULT {mode}, CAMEO {}: it took place in {}, no participant's country{}",
                c.cameo,
                m.place.country.as_deref().unwrap_or("an unknown country"),
                m.occasion
                    .as_deref()
                    .map(|o| format!(", on the occasion of {o:?}"))
                    .unwrap_or_default()
            ),
        };
        say(Rule::Coding, text);
    } else {
        say(
            Rule::Coding,
            "not coded: the place's country is unknown or every participant is of it".to_owned(),
        );
    }
    Explanation {
        subject: format!("meeting {}", m.id),
        reasons,
    }
}
