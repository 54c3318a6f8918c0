//! Written titles to canonical roles.

use crate::gazetteer::{CountryEntry, RoleEntry};
use crate::names::fold;
use std::collections::HashMap;

/// What a phrase of a title means.
#[derive(Debug, Clone)]
enum Phrase {
    /// Canonical role; the countries it is restricted to (empty: any).
    Role(Vec<(String, Vec<String>)>),
    /// A demonym or "of Russia": the country, dropped from the roles.
    Country(String),
}

/// The role table: phrases of words (folded) to canonical roles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Roles {
    phrases: HashMap<String, Phrase>,
    longest: usize,
    family: HashMap<String, String>,
}

/// A title taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TitleRoles {
    /// Canonical roles, in written order; words that name no known role are
    /// kept as written.
    pub(crate) roles: Vec<String>,
    /// The country the title names ("Russian", "of Germany"), if any.
    pub(crate) country: Option<String>,
}

fn phrase_key(text: &str) -> String {
    text.split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

const SEPARATORS: &[&str] = &["and", "&", ",", ";", "/"];
/// Words that open a complement narrowing a role.
const COMPLEMENTS: &[&str] = &["of", "to", "for", "on"];
const EDGE_WORDS: &[&str] = &["the", "of", "and", "s", "for"];

/// Keeps the words left between separators as one role, as written, without
/// the joining words at its edges.
fn flush(residue: &mut Vec<&str>, out: &mut TitleRoles) {
    let mut words: &[&str] = residue;
    while let Some((first, rest)) = words.split_first() {
        if EDGE_WORDS.contains(&fold(first).as_str()) {
            words = rest;
        } else {
            break;
        }
    }
    while let Some((last, rest)) = words.split_last() {
        if EDGE_WORDS.contains(&fold(last).as_str()) {
            words = rest;
        } else {
            break;
        }
    }
    if !words.is_empty() {
        let role = words.join(" ");
        if !out.roles.contains(&role) {
            out.roles.push(role);
        }
    }
    residue.clear();
}

impl Roles {
    /// Adds roles; later entries win over earlier ones for the same phrase.
    pub(crate) fn add_roles(&mut self, entries: &[RoleEntry]) {
        for entry in entries {
            if let Some(same) = &entry.same_as {
                self.family.insert(entry.name.clone(), same.clone());
            }
            for written in std::iter::once(&entry.name).chain(&entry.variants) {
                let key = phrase_key(written);
                if key.is_empty() {
                    continue;
                }
                self.longest = self.longest.max(key.split(' ').count());
                let countries = entry.countries.clone();
                match self.phrases.get_mut(&key) {
                    Some(Phrase::Role(list)) => {
                        list.retain(|(_, c)| *c != countries);
                        list.push((entry.name.clone(), countries));
                    }
                    _ => {
                        self.phrases
                            .insert(key, Phrase::Role(vec![(entry.name.clone(), countries)]));
                    }
                }
            }
        }
    }

    /// Adds countries' names and demonyms, to be dropped from titles.
    pub(crate) fn add_countries(&mut self, entries: &[CountryEntry]) {
        for c in entries {
            let mut forms = Vec::new();
            for n in &c.names {
                forms.push(format!("of {n}"));
                forms.push(format!("of the {n}"));
                forms.push(format!("{n}'s"));
            }
            forms.extend(c.demonyms.iter().cloned());
            for form in forms {
                let key = phrase_key(&form);
                self.longest = self.longest.max(key.split(' ').count());
                self.phrases
                    .entry(key)
                    .or_insert_with(|| Phrase::Country(c.code.clone()));
            }
        }
    }

    /// The role an office check treats `role` as (its `same_as`, else itself).
    pub(crate) fn family<'a>(&'a self, role: &'a str) -> &'a str {
        self.family.get(role).map_or(role, String::as_str)
    }

    /// The longest phrase of the table starting at token `i`: its length in
    /// tokens and the canonical role (`Ok`) or the country (`Err`).
    fn lookup<'a>(
        &'a self,
        tokens: &[(&str, String)],
        i: usize,
        country: Option<&str>,
    ) -> Option<(usize, Result<&'a String, &'a String>)> {
        let max = self.longest.min(tokens.len() - i);
        for len in (1..=max).rev() {
            let key = tokens[i..i + len]
                .iter()
                .map(|t| t.1.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let found = match self.phrases.get(&key) {
                Some(Phrase::Country(code)) => Some(Err(code)),
                // A role restricted to the participant's country first, then
                // one for any country; a restricted one when the country is
                // unknown.
                Some(Phrase::Role(list)) => country
                    .and_then(|c| {
                        list.iter()
                            .rev()
                            .find(|(_, only)| only.iter().any(|o| o == c))
                    })
                    .or_else(|| list.iter().rev().find(|(_, only)| only.is_empty()))
                    .or_else(|| country.is_none().then(|| list.first()).flatten())
                    .map(|(name, _)| Ok(name)),
                None => None,
            };
            if let Some(found) = found {
                return Some((len, found));
            }
        }
        None
    }

    /// Splits one written title into roles for a participant of `country`
    /// (or of the country the title names, when `country` is unknown).
    pub(crate) fn split(&self, title: &str, country: Option<&str>) -> TitleRoles {
        let first = self.split_for(title, country);
        match (&first.country, country) {
            (Some(named), None) => {
                let mut again = self.split_for(title, Some(named));
                again.country = first.country;
                again
            }
            _ => first,
        }
    }

    fn split_for(&self, title: &str, country: Option<&str>) -> TitleRoles {
        let mut tokens: Vec<(&str, String)> = Vec::new();
        for word in title.split_whitespace() {
            // Commas and semicolons stick to words: "Minister, Deputy".
            let trimmed = word.trim_end_matches([',', ';']);
            if !trimmed.is_empty() {
                tokens.push((trimmed, fold(trimmed)));
            }
            if trimmed.len() != word.len() {
                tokens.push((",", ",".into()));
            }
        }
        let separator = |t: &(&str, String)| SEPARATORS.contains(&t.1.as_str()) || t.1.is_empty();
        let mut out = TitleRoles::default();
        let mut residue: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.lookup(&tokens, i, country) {
                Some((len, Ok(role))) => {
                    // Words before a role without a separator qualify it
                    // ("Deputy Prime Minister", "Former Foreign Minister"), and
                    // a complement after it narrows it ("Special
                    // Representative of the Government on Eurasian Affairs"):
                    // then the role is kept as written, not as the canonical
                    // role it contains.
                    let mut written: Vec<&str> = std::mem::take(&mut residue);
                    let qualified = !written.is_empty();
                    written.extend(tokens[i..i + len].iter().map(|t| t.0));
                    i += len;
                    let mut narrowed = false;
                    if i < tokens.len()
                        && COMPLEMENTS.contains(&tokens[i].1.as_str())
                        && !matches!(self.lookup(&tokens, i, country), Some((_, Err(_))))
                    {
                        while i < tokens.len() && !separator(&tokens[i]) {
                            if let Some((len, Err(code))) = self.lookup(&tokens, i, country) {
                                out.country.get_or_insert_with(|| code.clone());
                                i += len;
                                continue;
                            }
                            written.push(tokens[i].0);
                            i += 1;
                            narrowed = true;
                        }
                    }
                    let role = if qualified || narrowed {
                        written.join(" ")
                    } else {
                        role.clone()
                    };
                    if !out.roles.contains(&role) {
                        out.roles.push(role);
                    }
                }
                Some((len, Err(code))) => {
                    out.country.get_or_insert_with(|| code.clone());
                    i += len;
                }
                None => {
                    if separator(&tokens[i]) {
                        flush(&mut residue, &mut out);
                    } else {
                        residue.push(tokens[i].0);
                    }
                    i += 1;
                }
            }
        }
        flush(&mut residue, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::Normalizer;

    /// Written title, the participant's country, the roles and country expected.
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static [&'static str],
        Option<&'static str>,
    );
    const CASES: &[Case] = &[
        (
            "Member of the Political Bureau of the CPC Central Committee and Foreign Minister",
            None,
            &[
                "Member of the Political Bureau of the CPC Central Committee",
                "Foreign Minister",
            ],
            None,
        ),
        (
            "Chinese State Councilor and Foreign Minister",
            None,
            &["State Councilor", "Foreign Minister"],
            Some("CN"),
        ),
        (
            "State Councilor and Foreign Minister",
            Some("CN"),
            &["State Councilor", "Foreign Minister"],
            None,
        ),
        (
            "Russian Foreign Minister",
            None,
            &["Foreign Minister"],
            Some("RU"),
        ),
        (
            "Foreign Minister of the Russian Federation",
            None,
            &["Foreign Minister"],
            Some("RU"),
        ),
        (
            "Minister of Foreign Affairs of Germany",
            None,
            &["Foreign Minister"],
            Some("DE"),
        ),
        (
            "Russia's Minister of Foreign Affairs",
            None,
            &["Foreign Minister"],
            Some("RU"),
        ),
        ("FM", Some("RU"), &["Foreign Minister"], None),
        (
            "U.S. Secretary of State",
            None,
            &["Secretary of State"],
            Some("US"),
        ),
        (
            "Secretary of State",
            Some("US"),
            &["Secretary of State"],
            None,
        ),
        (
            "Foreign Secretary",
            Some("GB"),
            &["Foreign Secretary"],
            None,
        ),
        (
            "British Foreign Minister",
            None,
            &["Foreign Secretary"],
            Some("GB"),
        ),
        (
            "Indian Foreign Minister",
            None,
            &["External Affairs Minister"],
            Some("IN"),
        ),
        (
            "External Affairs Minister",
            None,
            &["External Affairs Minister"],
            None,
        ),
        (
            "Foreign Minister",
            Some("ZA"),
            &["Minister of International Relations and Cooperation"],
            None,
        ),
        (
            "Deputy Prime Minister and Foreign Minister",
            Some("RU"),
            &["Deputy Prime Minister", "Foreign Minister"],
            None,
        ),
        (
            "former Foreign Minister",
            Some("RU"),
            &["former Foreign Minister"],
            None,
        ),
        (
            "Special Representative of the Chinese Government on Eurasian Affairs",
            None,
            &["Special Representative of the Government on Eurasian Affairs"],
            Some("CN"),
        ),
        (
            "Head of the Presidential Administration",
            Some("RU"),
            &["Head of the Presidential Administration"],
            None,
        ),
        (
            "President, Chairman of the Central Military Commission",
            None,
            &["President", "Chairman of the Central Military Commission"],
            None,
        ),
        (
            "EU High Representative",
            None,
            &["High Representative of the Union for Foreign Affairs and Security Policy"],
            None,
        ),
        ("", None, &[], None),
        ("and , &", None, &[], None),
    ];

    #[test]
    fn titles_split_into_canonical_roles() {
        let n = Normalizer::default();
        for (title, country, roles, named) in CASES {
            let got = n.roles.split(title, *country);
            assert_eq!(got.roles, *roles, "{title:?} ({country:?})");
            assert_eq!(got.country.as_deref(), *named, "{title:?}");
        }
    }
}
