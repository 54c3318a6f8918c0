//! People: each participant mention resolved to one canonical person.

use crate::Normalizer;
use crate::names::{Name, given_compatible};
use readout_model::{Person, slug, unique_ids};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What one mention says of a participant: shared by every mention that
/// says the same, so that a corpus's mentions cost little more than their
/// documents' numbers.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Said {
    /// The fullest name the document gives, taken apart.
    pub(crate) name: Name,
    /// Every form written, honorifics stripped.
    pub(crate) forms: Vec<String>,
    /// ISO code of the side they speak for, where known.
    pub(crate) country: Option<String>,
}

/// One participant as one meeting mention names them, ready to resolve.
#[derive(Debug, Clone)]
pub(crate) struct NameMention {
    /// Index of the document (in the sorted order of documents).
    pub(crate) doc: usize,
    /// What it says of them.
    pub(crate) said: Arc<Said>,
}

impl NameMention {
    /// A mention in document `doc` saying `said`.
    pub(crate) fn new(doc: usize, name: Name, forms: Vec<String>, country: Option<String>) -> Self {
        NameMention {
            doc,
            said: Arc::new(Said {
                name,
                forms,
                country,
            }),
        }
    }

    /// The name, taken apart.
    pub(crate) fn name(&self) -> &Name {
        &self.said.name
    }

    /// The side they speak for, where known.
    pub(crate) fn country(&self) -> Option<&String> {
        self.said.country.as_ref()
    }
}

/// The people found and, for each mention, the index of its person.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    pub(crate) people: Vec<Person>,
    pub(crate) person_of: Vec<usize>,
    /// For each person, the gazetteer entry it comes from.
    pub(crate) entry_of: Vec<Option<usize>>,
}

/// How good a written form is as a canonical name: a full name before a
/// single word, fewer words in capitals ("WANG Yi"), the longer, then the
/// first in alphabetical order.
fn name_rank(
    form: &str,
) -> (
    bool,
    std::cmp::Reverse<usize>,
    usize,
    std::cmp::Reverse<&str>,
) {
    let capitals = form
        .split(' ')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1)
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    (
        form.contains(' '),
        std::cmp::Reverse(capitals),
        form.chars().count(),
        std::cmp::Reverse(form),
    )
}

/// Countries whose names English texts write in either order.
pub(crate) fn either_order(country: &str) -> bool {
    matches!(
        country,
        "CN" | "TW" | "HK" | "MO" | "JP" | "KR" | "KP" | "VN"
    )
}

fn compatible_country(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl Normalizer {
    /// The gazetteer entry a name stands for: one entry with this name key
    /// (any listed variant, any transliteration), else the one entry with
    /// this surname and a compatible given name, always of a compatible
    /// country. Two candidates or more are no answer.
    pub(crate) fn known_person(&self, name: &Name, country: Option<&str>) -> Option<usize> {
        let fits =
            |i: &&usize| compatible_country(Some(self.people[**i].country.get_ref()), country);
        if let Some(list) = self.person_by_key.get(name.key()) {
            let found: Vec<&usize> = list.iter().filter(fits).collect();
            if found.len() == 1 {
                return Some(*found[0]);
            }
            if found.len() > 1 {
                return None;
            }
        }
        let list = self.person_by_surname.get(&name.surname)?;
        let found: Vec<&usize> = list
            .iter()
            .filter(fits)
            .filter(|i| {
                let entry = &self.people[**i];
                let known = self.name(&entry.name, Some(entry.country.get_ref()));
                given_compatible(&name.given, &known.given)
            })
            .collect();
        (found.len() == 1).then(|| *found[0])
    }

    /// Of the mentions `doc` of one document (in order), each surname alone
    /// that takes a fuller name the document gives: (its mention, the
    /// mention of the full name).
    fn adoptions(&self, mentions: &[NameMention], doc: &[usize]) -> Vec<(usize, usize)> {
        let mut full_in_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        // Failing that, a lone word may be a given name the document used
        // after the full one ("Prime Minister Shehbaz").
        let mut given_in_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in doc {
            let m = &mentions[i];
            if let (false, Some(first)) = (m.name().surname_only(), m.name().given.first()) {
                let list = given_in_doc.entry(first.as_str()).or_default();
                if !list
                    .iter()
                    .any(|j| mentions[*j].name().key() == m.name().key())
                {
                    list.push(i);
                }
            }
            if !m.name().surname_only() {
                let list = full_in_doc.entry(m.name().surname.as_str()).or_default();
                if !list
                    .iter()
                    .any(|j| mentions[*j].name().key() == m.name().key())
                {
                    list.push(i);
                }
            }
        }
        let mut adopt: Vec<(usize, usize)> = Vec::new();
        if full_in_doc.is_empty() && given_in_doc.is_empty() {
            return adopt;
        }
        for &i in doc {
            let m = &mentions[i];
            if !m.name().surname_only() {
                continue;
            }
            let fitting = |list: Option<&Vec<usize>>| -> Vec<usize> {
                list.into_iter()
                    .flatten()
                    .filter(|j| {
                        compatible_country(
                            mentions[**j].country().map(String::as_str),
                            m.country().map(String::as_str),
                        )
                    })
                    .copied()
                    .collect()
            };
            let word = m.name().surname.as_str();
            let by_surname = fitting(full_in_doc.get(word));
            let fits = if by_surname.is_empty() {
                fitting(given_in_doc.get(word))
            } else {
                by_surname
            };
            if fits.len() == 1 {
                adopt.push((i, fits[0]));
            }
        }
        adopt
    }

    /// Resolves every mention to a person.
    pub(crate) fn resolve_people(&self, mentions: &mut [NameMention]) -> Resolved {
        // A surname alone takes the full name the same document gives to
        // one person of that surname: a document at a time, so that what
        // is held for it is let go before the next.
        let mut by_doc: Vec<usize> = (0..mentions.len()).collect();
        if !mentions.windows(2).all(|w| w[0].doc <= w[1].doc) {
            by_doc.sort_by_key(|i| mentions[*i].doc);
        }
        let mut start = 0;
        while start < by_doc.len() {
            let d = mentions[by_doc[start]].doc;
            let end = start
                + by_doc[start..]
                    .iter()
                    .take_while(|i| mentions[**i].doc == d)
                    .count();
            let adopt = self.adoptions(mentions, &by_doc[start..end]);
            start = end;
            for (i, j) in adopt {
                let (own, full) = (&mentions[i].said, &mentions[j].said);
                let said = Said {
                    name: full.name.clone(),
                    forms: own.forms.clone(),
                    country: own.country.clone().or_else(|| full.country.clone()),
                };
                mentions[i].said = Arc::new(said);
            }
        }
        drop(by_doc);

        // Clusters: one per gazetteer entry met, then by rule.
        struct Cluster {
            entry: Option<usize>,
            surname: String,
            given: Vec<String>,
            country: Option<String>,
            members: Vec<usize>,
        }
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut by_entry: HashMap<usize, usize> = HashMap::new();
        let mut unknown: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut cache: HashMap<(&str, Option<&str>), Option<usize>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            let country = m.country().map(String::as_str);
            let known = *cache
                .entry((m.name().key(), country))
                .or_insert_with(|| self.known_person(m.name(), country));
            match known {
                Some(e) => {
                    let c = *by_entry.entry(e).or_insert_with(|| {
                        clusters.push(Cluster {
                            entry: Some(e),
                            surname: String::new(),
                            given: Vec::new(),
                            country: Some(self.people[e].country.get_ref().clone()),
                            members: Vec::new(),
                        });
                        clusters.len() - 1
                    });
                    clusters[c].members.push(i);
                }
                None => unknown
                    .entry(m.name().surname.as_str())
                    .or_default()
                    .push(i),
            }
        }
        for (surname, mut list) in unknown {
            // Fullest names first, so that a surname alone finds its person.
            list.sort_by(|a, b| {
                let (ma, mb) = (&mentions[*a], &mentions[*b]);
                (
                    std::cmp::Reverse(ma.name().given.len()),
                    ma.country(),
                    &ma.name().clean,
                    a,
                )
                    .cmp(&(
                        std::cmp::Reverse(mb.name().given.len()),
                        mb.country(),
                        &mb.name().clean,
                        b,
                    ))
            });
            let first = clusters.len();
            for i in list {
                let m = &mentions[i];
                let candidates: Vec<usize> = (first..clusters.len())
                    .filter(|c| {
                        let cl = &clusters[*c];
                        // Across documents, a name without a country is
                        // not taken for one of the people of that name with
                        // one: which of them it would join would depend on
                        // which others a run holds, and merged datasets
                        // could not take the choice back.
                        cl.surname == surname
                            && cl.country.as_ref() == m.country()
                            && given_compatible(&cl.given, &m.name().given)
                    })
                    .collect();
                let chosen = if m.name().surname_only() {
                    (candidates.len() == 1).then(|| candidates[0])
                } else {
                    candidates
                        .iter()
                        .copied()
                        .find(|c| clusters[*c].given.concat() == m.name().given.concat())
                        .or_else(|| candidates.first().copied())
                };
                match chosen {
                    Some(c) => {
                        let cl = &mut clusters[c];
                        if m.name().given.len() > cl.given.len() {
                            cl.given = m.name().given.clone();
                        }
                        cl.members.push(i);
                    }
                    None => clusters.push(Cluster {
                        entry: None,
                        surname: surname.to_owned(),
                        given: m.name().given.clone(),
                        country: m.country().cloned(),
                        members: vec![i],
                    }),
                }
            }
        }

        // East Asian names reach English in both orders ("Akiba Takeo",
        // "Takeo Akiba"): unknown people of one such country whose full
        // names have the same words are one person.
        let mut by_words: HashMap<(String, Vec<String>), usize> = HashMap::new();
        for c in 0..clusters.len() {
            let Some(country) = clusters[c].country.clone() else {
                continue;
            };
            if clusters[c].entry.is_some() || !either_order(&country) {
                continue;
            }
            let mut words: Vec<Vec<String>> = clusters[c]
                .members
                .iter()
                .map(|i| {
                    mentions[*i]
                        .name()
                        .key()
                        .split(' ')
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .filter(|w| w.len() == 2)
                .map(|mut w| {
                    w.sort();
                    w
                })
                .collect();
            words.sort();
            words.dedup();
            let mut into = None;
            for w in words {
                match by_words.get(&(country.clone(), w.clone())) {
                    Some(&other) if other != c && into.is_none() => into = Some(other),
                    Some(_) => {}
                    None => {
                        by_words.insert((country.clone(), w), into.unwrap_or(c));
                    }
                }
            }
            if let Some(other) = into {
                let members = std::mem::take(&mut clusters[c].members);
                clusters[other].members.extend(members);
            }
        }
        clusters.retain(|c| !c.members.is_empty());

        // Each cluster to a person.
        let mut people: Vec<(Person, Option<usize>, Vec<usize>)> = Vec::new();
        for cl in clusters {
            let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
            let mut forms: Vec<&str> = Vec::new();
            for i in &cl.members {
                let m = &mentions[*i];
                if let Some(c) = m.country() {
                    *countries.entry(c.as_str()).or_default() += 1;
                }
                forms.extend(m.said.forms.iter().map(String::as_str));
                forms.push(m.name().clean.as_str());
            }
            let (name, country, wikidata) = match cl.entry {
                Some(e) => {
                    let entry = &self.people[e];
                    (
                        entry.name.clone(),
                        Some(entry.country.get_ref().clone()),
                        entry.wikidata.as_ref().map(|q| q.get_ref().clone()),
                    )
                }
                None => {
                    // The fullest form, from the set of forms only (not how
                    // often each was written), so that datasets built apart
                    // and merged name the person as one run would.
                    let best = forms
                        .iter()
                        .copied()
                        .filter(|f| !f.is_empty())
                        .max_by(|a, b| name_rank(a).cmp(&name_rank(b)))
                        .unwrap_or("");
                    let country = countries
                        .iter()
                        .max_by(|a, b| {
                            (a.1, std::cmp::Reverse(a.0)).cmp(&(b.1, std::cmp::Reverse(b.0)))
                        })
                        .map(|(c, _)| (*c).to_owned())
                        .or(cl.country);
                    (best.to_owned(), country, None)
                }
            };
            let mut aliases: Vec<String> = forms
                .into_iter()
                .filter(|f| *f != name && !f.is_empty())
                .map(str::to_owned)
                .collect();
            aliases.sort();
            aliases.dedup();
            let person = Person {
                id: slug(&name),
                name,
                aliases,
                country,
                wikidata,
            };
            people.push((person, cl.entry, cl.members));
        }
        // Namesakes are numbered by what they are, never by input order.
        people.sort_by(|a, b| {
            (
                &a.0.id,
                &a.0.country,
                &a.0.name,
                &a.0.aliases,
                &a.0.wikidata,
            )
                .cmp(&(
                    &b.0.id,
                    &b.0.country,
                    &b.0.name,
                    &b.0.aliases,
                    &b.0.wikidata,
                ))
        });
        let ids = unique_ids(people.iter().map(|p| p.0.id.clone()).collect());
        let mut out = Resolved {
            person_of: vec![0; mentions.len()],
            ..Resolved::default()
        };
        for (k, ((mut person, entry, members), id)) in people.into_iter().zip(ids).enumerate() {
            person.id = id;
            for i in members {
                out.person_of[i] = k;
            }
            out.people.push(person);
            out.entry_of.push(entry);
        }
        out
    }
}
