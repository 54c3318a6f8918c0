//! Reading the report: dateline, the meeting, its participants, statements
//! and topics.

use crate::dates;
use crate::gazetteer::{CountryIndex, Gazetteer};
use crate::scan;
use crate::text::{self, Chrome, Layout};
use crate::{
    Dateline, MeetingMention, ParticipantMention, PlaceMention, Spanned, StatementMention,
    TopicMention,
};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use readout_model::{DateBasis, MeetingKind, TopicKind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Gazetteers compiled into matchers; built once per [`crate::Parser`].
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) chrome: Chrome,
    countries: CountryIndex,
    /// Country names and demonyms, whole words.
    country_re: Regex,
    /// Offices only one country has (lower case), with its code.
    offices: Vec<(String, String)>,
    /// The first name of each country, by code.
    first_names: std::collections::HashMap<String, String>,
    /// A titled name: "Russian Foreign Minister Sergei Lavrov of Russia",
    /// its groups resolved once per distinct match.
    person_re: scan::Memo,
    /// The indices of `person_re`'s groups.
    person_groups: PersonGroups,
    /// Whether a text may hold a match of `person_re`.
    office_gate: scan::OfficeGate,
    /// A title standing alone: "the Russian Foreign Minister", "The President",
    /// its groups resolved once per distinct match.
    title_re: scan::Memo,
    /// The indices of `title_re`'s groups "title" and "dem".
    title_groups: (Option<usize>, Option<usize>),
    /// "his Chinese counterpart (Wang Yi)".
    counterpart_re: Regex,
    topics_exact: Option<AhoCorasick>,
    topics_exact_ids: Vec<usize>,
    topics_any_case: Option<AhoCorasick>,
    topics_any_case_ids: Vec<usize>,
    topics: Vec<(String, String, TopicKind)>,
    /// Lower-cased words that never belong to a name.
    role_words: HashSet<String>,
}

/// The indices of the groups of the titled-name pattern.
#[derive(Debug, Clone, Copy)]
struct PersonGroups {
    title: Option<usize>,
    name: Option<usize>,
    sfx: Option<usize>,
    of: Option<usize>,
    pre: Option<usize>,
    org: Option<usize>,
}

/// A regex built from the gazetteers: large alternations, given room for
/// their lazy DFA so that searches stay in it rather than falling back to
/// the much slower NFA simulation.
fn big(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .size_limit(256 << 20)
        .dfa_size_limit(256 << 20)
        .build()
        .expect("gazetteer regex")
}

/// An alternation of literal words, longest first, each bounded as a word
/// where its edge is a letter or digit.
///
/// Straight and curly apostrophes are one: a word with apostrophes stands in
/// the alternation, at its place, in each spelling. Consecutive words with the
/// same edges share one pair of boundaries, so that the alternation is of
/// plain literals, which the regex compiler turns into a trie (same
/// leftmost-first preference, far fewer states to follow when capturing).
fn alternation(words: &[String]) -> String {
    let mut ws: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ws.dedup();
    // (bounded at start, bounded at end, literals)
    let mut runs: Vec<(bool, bool, Vec<String>)> = Vec::new();
    for w in ws {
        let edges = (
            w.starts_with(|c: char| c.is_alphanumeric()),
            w.ends_with(|c: char| c.is_alphanumeric()),
        );
        let spellings = apostrophe_spellings(w);
        match runs.last_mut() {
            Some(run) if (run.0, run.1) == edges => run.2.extend(spellings),
            _ => runs.push((edges.0, edges.1, spellings)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(s, e, lits)| {
            let body: Vec<String> = lits.iter().map(|l| regex::escape(l)).collect();
            format!(
                "{}(?:{}){}",
                if *s { r"(?-u:\b)" } else { "" },
                body.join("|"),
                if *e { r"(?-u:\b)" } else { "" }
            )
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

/// `w` with each apostrophe straight or curly, in the order a character
/// class `['’]` would try them (they never match at the same place).
fn apostrophe_spellings(w: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for ch in w.chars() {
        if ch == '\'' || ch == '’' {
            out = out
                .into_iter()
                .flat_map(|p| [format!("{p}'"), format!("{p}’")])
                .collect();
        } else {
            for p in &mut out {
                p.push(ch);
            }
        }
    }
    out
}

/// A word of a personal name: capitalised with a lower-case letter after, an
/// initial, or a particle.
const NAME_WORD: &str = r"(?:\p{Lu}\.|(?:al|el|Al|El|bin)-\p{Lu}[\p{L}'’\-]*|\p{Lu}[\p{L}'’\-]*\p{Ll}[\p{L}'’\-]*|(?:al|el|bin|ibn|de|da|van|von|der|del|dos|la|le)(?-u:\b))";

impl Compiled {
    pub(crate) fn new(g: &Gazetteer) -> Self {
        let mut place_words: Vec<String> = Vec::new();
        let mut demonyms: Vec<String> = Vec::new();
        for c in &g.countries {
            place_words.extend(c.names.iter().cloned());
            demonyms.extend(c.demonyms.iter().cloned());
        }
        let mut all = place_words.clone();
        all.extend(demonyms.iter().cloned());
        let country_re = big(&alternation(&all));
        let roles = {
            let mut r = g.roles.clone();
            r.sort_by_key(|w| std::cmp::Reverse(w.len()));
            let parts: Vec<String> = r
                .iter()
                .map(|w| regex::escape(w).replace(' ', r"\s+"))
                .collect();
            // A minister's portfolio ("Minister of Justice", "Minister of
            // State for Law", "Justice Minister"), tried before the listed
            // offices; a rank may stand before an office ("Vice Minister").
            let mut p = g.portfolios.clone();
            p.sort_by_key(|w| std::cmp::Reverse(w.len()));
            let portfolios = p.clone();
            let p: Vec<String> = p
                .iter()
                .map(|w| regex::escape(w).replace(' ', r"\s+"))
                .collect();
            let portfolio = if p.is_empty() {
                String::new()
            } else {
                let p = scan::folded_trie(&portfolios).unwrap_or_else(|| p.join("|"));
                format!(
                    r"Minister(?:\s+of\s+State)?\s+(?:of|for)\s+(?:{p})(?-u:\b)|(?:{p})\s+Minister(?-u:\b)|"
                )
            };
            format!(
                r"(?:(?:Senior|Vice|Deputy|First|Assistant)\s+)?(?i:{portfolio}{})(?-u:\b)",
                scan::folded_trie(&r).unwrap_or_else(|| parts.join("|"))
            )
        };
        let names = alternation(&place_words);
        let dems = alternation(&demonyms);
        let orgs: Vec<String> = g
            .topics
            .iter()
            .filter(|t| t.kind == TopicKind::Organization)
            .flat_map(|t| {
                t.patterns
                    .iter()
                    .filter(|p| p.chars().any(char::is_uppercase))
                    .cloned()
            })
            .collect();
        let orgs = alternation(&orgs);
        // An office of an international body ("NATO Secretary General")
        // speaks for no country.
        let pre = format!(r"(?:(?:(?P<pre>{names}['’]s|{dems}|{names})|(?P<org>{orgs}))\s+)");
        let bodies = if g.bodies.is_empty() {
            String::new()
        } else {
            let b: Vec<String> = g.bodies.iter().map(|w| regex::escape(w)).collect();
            format!(r"(?:(?:{})\s+){{0,4}}", b.join("|"))
        };
        // "Foreign Minister of Russia", "Ambassador to Turkey", "Director
        // General of the World Intellectual Property Organization (WIPO)".
        let of_country = format!(
            r"(?:\s+(?:of|to)\s+(?:the\s+)?(?:{names}|(?:{orgs})(?:\s+\(\p{{Lu}}{{2,8}}\))?))?"
        );
        let title = format!(
            r"{pre}?{bodies}{roles}{of_country}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:{dems}\s+)?{roles}{of_country})*"
        );
        // One copy of a name word after either kind of space: half the
        // states of `(?:[ \t]+W|\s*\n\s*W)`, the same matches.
        let name = format!(r"{NAME_WORD}(?:(?:[ \t]+|\s*\n\s*){NAME_WORD}){{0,4}}");
        let person = format!(
            r"(?P<title>{title}),?\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|H\.\s?E)\.?\s+)?(?P<name>(?:\p{{Lu}}[ \t]+)?{name})(?P<sfx>,?\s+(?:Jr|Sr)\.)?(?:\s+of\s+(?:the\s+)?(?P<of>{names}))?"
        );
        let person_re = scan::Memo::new(&person, 256 << 20).expect("gazetteer regex");
        let person_groups = PersonGroups {
            title: person_re.group("title"),
            name: person_re.group("name"),
            sfx: person_re.group("sfx"),
            of: person_re.group("of"),
            pre: person_re.group("pre"),
            org: person_re.group("org"),
        };
        let title_re = scan::Memo::new(
            &format!(r"(?P<title>(?:(?P<dem>{dems})\s+)?{roles}(?:\s+and\s+{roles})*)"),
            256 << 20,
        )
        .expect("gazetteer regex");
        let title_groups = (title_re.group("title"), title_re.group("dem"));
        let counterpart_re = big(&format!(
            r"(?-u:\b)(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+(?P<dem>{dems})\s+counterparts?(?:,?\s+(?P<name>{name}))?"
        ));

        let mut exact = Vec::new();
        let mut exact_ids = Vec::new();
        let mut any = Vec::new();
        let mut any_ids = Vec::new();
        let mut topics = Vec::new();
        for (i, t) in g.topics.iter().enumerate() {
            topics.push((t.id.clone(), t.label.clone(), t.kind));
            for p in &t.patterns {
                if p.chars().any(char::is_uppercase) {
                    exact.push(p.clone());
                    exact_ids.push(i);
                } else if !p.is_empty() {
                    any.push(p.clone());
                    any_ids.push(i);
                }
            }
        }
        let build = |pats: &[String], ci: bool| {
            if pats.is_empty() {
                return None;
            }
            let build = |kind| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(ci)
                    .kind(kind)
                    .build(pats)
            };
            // A DFA searches fastest and is built once per parser; the
            // matches are the same whatever the kind.
            build(Some(aho_corasick::AhoCorasickKind::DFA))
                .or_else(|_| build(None))
                .ok()
        };
        let mut role_words = HashSet::new();
        for r in &g.roles {
            for w in r.split_whitespace() {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    role_words.insert(w.to_lowercase());
                }
            }
        }
        for p in &g.portfolios {
            for w in p.split_whitespace() {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    role_words.insert(w.to_lowercase());
                }
            }
        }
        for w in STOP_WORDS {
            role_words.insert((*w).to_owned());
        }
        Compiled {
            chrome: Chrome::new(&g.chrome_lines, &g.chrome_tails),
            countries: CountryIndex::new(&g.countries),
            country_re,
            offices: g
                .offices
                .iter()
                .map(|(o, c)| (o.to_lowercase(), c.to_ascii_uppercase()))
                .collect(),
            first_names: g
                .countries
                .iter()
                .filter_map(|c| Some((c.code.clone(), c.names.first()?.clone())))
                .collect(),
            person_re,
            person_groups,
            office_gate: scan::OfficeGate::new(&g.roles, &g.portfolios),
            title_re,
            title_groups,
            counterpart_re,
            topics_exact: build(&exact, false),
            topics_exact_ids: exact_ids,
            topics_any_case: build(&any, true),
            topics_any_case_ids: any_ids,
            topics,
            role_words,
        }
    }
}

#[cfg(test)]
impl Compiled {
    /// The titled-name pattern, for the tests of its gates.
    pub(crate) fn person_re(&self) -> &scan::Memo {
        &self.person_re
    }

    /// The lone-title pattern, for the tests of its memo.
    pub(crate) fn title_re(&self) -> &scan::Memo {
        &self.title_re
    }
}

/// Capitalised words that end a name: months, days, verbs of headlines,
/// function words.
const STOP_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "meets",
    "met",
    "meet",
    "meeting",
    "holds",
    "held",
    "hold",
    "talks",
    "says",
    "said",
    "calls",
    "call",
    "speaks",
    "spoke",
    "has",
    "had",
    "have",
    "visits",
    "visit",
    "on",
    "in",
    "at",
    "and",
    "the",
    "with",
    "of",
    "for",
    "to",
    "from",
    "by",
    "urges",
    "agree",
    "agrees",
    "discuss",
    "discusses",
    "discussed",
    "phone",
    "telephone",
    "video",
    "conversation",
    "readout",
    "statement",
    "today",
    "yesterday",
    "during",
    "after",
    "before",
    "over",
    "as",
    "while",
    "also",
    "his",
    "her",
    "their",
    "stresses",
    "expresses",
    "welcomes",
    "underscores",
    "reaffirms",
    "receives",
    "received",
    "hosts",
    "hosted",
    "joint",
    "press",
    "conference",
    "summit",
    "side",
    "sides",
    "both",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "a",
    "an",
    "but",
    "counterpart",
    "who",
    "which",
    "local",
    "time",
    "affairs",
    "foreign",
    "office",
    "southeast",
    "northeast",
    "asian",
    "east",
    "west",
    "north",
    "south",
    "european",
    "african",
    "pacific",
    "atlantic",
    "middle",
    "central",
    "global",
    "international",
    "national",
    "western",
    "eastern",
    "northern",
    "southern",
    "union",
    "republic",
    "kingdom",
    "house",
    "hall",
    "palace",
    "ministry",
    "ministers",
    "leaders",
    "people",
    "party",
    "state",
    "states",
    "united",
    "latest",
];

/// A person named in the document.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    words: Vec<String>,
    names: Vec<Spanned<String>>,
    titles: Vec<Spanned<String>>,
    country: Option<Spanned<String>>,
    /// Holds an office of an international body.
    international: bool,
}

impl Person {
    /// Whether `words` name this person (all of them among the person's words).
    fn matches(&self, words: &[String]) -> bool {
        !words.is_empty() && words.iter().all(|w| self.words.contains(w))
    }
}

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && *w != "Jr." && *w != "Sr.")
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
}

/// One mention of a person, title or name, in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    person: usize,
    /// Where the mention (title included) starts and ends.
    start: usize,
    end: usize,
}

struct Reader<'a> {
    c: &'a Compiled,
    text: &'a str,
    people: Vec<Person>,
    mentions: Vec<Mention>,
    /// Spans claimed by a titled name, which a lone title must not re-read.
    claimed: Vec<(usize, usize)>,
}

impl<'a> Reader<'a> {
    /// The person `words` name, or a new one.
    fn person(&mut self, name: &str, words: Vec<String>) -> usize {
        if let Some(i) = self.people.iter().position(|p| p.matches(&words)) {
            return i;
        }
        if let Some(i) = self
            .people
            .iter()
            .position(|p| p.words.iter().all(|w| words.contains(w)))
        {
            // A fuller form of a name seen before.
            let p = &mut self.people[i];
            p.name = name.to_owned();
            p.words = words;
            return i;
        }
        self.people.push(Person {
            name: name.to_owned(),
            words,
            names: Vec::new(),
            titles: Vec::new(),
            country: None,
            international: false,
        });
        self.people.len() - 1
    }

    /// Cuts a matched name at the first word that cannot belong to a name;
    /// returns its end (relative to `name`), or `None` when nothing is left.
    fn name_end(&self, name: &str) -> Option<usize> {
        let mut end = None;
        let mut offset = 0;
        for w in name.split_inclusive(char::is_whitespace) {
            let word = w.trim_end();
            let base = word
                .trim_end_matches(['’', '\''])
                .trim_end_matches("’s")
                .trim_end_matches("'s");
            let low = base.to_lowercase();
            if self.c.role_words.contains(low.trim_end_matches('.'))
                || self.c.countries.country(base).is_some()
                || self.c.countries.city(base).is_some()
            {
                break;
            }
            end = Some(offset + base.len());
            if base.len() != word.len() {
                // A possessive ends the name.
                break;
            }
            offset += w.len();
        }
        // A name does not end in a particle.
        end.filter(|&e| {
            let last = name[..e]
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or_default();
            last.chars().next().is_some_and(char::is_uppercase)
                || last
                    .split_once('-')
                    .is_some_and(|(_, r)| r.starts_with(char::is_uppercase))
        })
    }

    fn titled_people(&mut self, ranges: &[(usize, usize)]) {
        for &(rs, re) in ranges {
            let part = &self.text[rs..re];
            let found: Vec<(usize, usize)> = if self.c.office_gate.may_name(part) {
                self.c.person_re.find_iter(part).collect()
            } else {
                Vec::new()
            };
            for (ms, me) in found {
                let groups = self.c.person_re.groups(part, ms, me);
                // A group's span in `part`.
                let at = |i: Option<usize>| {
                    let (s, e) = groups.get(i?).copied().flatten()?;
                    Some((ms + s, ms + e))
                };
                let ix = &self.c.person_groups;
                let (Some(t), Some(n)) = (at(ix.title), at(ix.name)) else {
                    continue;
                };
                let Some(len) = self.name_end(&part[n.0..n.1]) else {
                    continue;
                };
                let whole = len == n.1 - n.0;
                let mut name_end = n.0 + len;
                let mut full = part[n.0..name_end].to_owned();
                if let Some(sfx) = at(ix.sfx).filter(|_| whole) {
                    name_end = sfx.1;
                    full = part[n.0..name_end].to_owned();
                }
                let name = full.split_whitespace().collect::<Vec<_>>().join(" ");
                let words = name_words(&name);
                let i = self.person(&name, words);
                let (ns, ne) = (rs + n.0, rs + name_end);
                self.people[i].names.push(Spanned::new(full, ns, ne));
                let t_str = &part[t.0..t.1];
                let (ts, te) = (rs + t.0, rs + t.1);
                let title = t_str.split_whitespace().collect::<Vec<_>>().join(" ");
                if !self.people[i].titles.iter().any(|x| x.value == title) {
                    self.people[i].titles.push(Spanned::new(title, ts, te));
                }
                let of = at(ix.of).filter(|_| whole);
                let country = of
                    .and_then(|o| {
                        let s = rs + o.0;
                        let start = self.text[..s].rfind("of").unwrap_or(s);
                        self.c
                            .countries
                            .country(&part[o.0..o.1])
                            .map(|code| Spanned::new(code.to_owned(), start, rs + o.1))
                    })
                    .or_else(|| {
                        at(ix.pre).and_then(|p| {
                            self.c
                                .countries
                                .country(&part[p.0..p.1])
                                .map(|code| Spanned::new(code.to_owned(), rs + p.0, rs + p.1))
                        })
                    });
                let country = country.or_else(|| {
                    let k = t_str.rfind(" of ")?;
                    let code = self.c.countries.country(&t_str[k + 4..])?;
                    Some(Spanned::new(code.to_owned(), ts + k + 1, te))
                });
                // "Director General of the World Intellectual Property
                // Organization": an office of an international body.
                let of_org = t_str.find(" of ").is_some_and(|k| {
                    let mut found = Vec::new();
                    self.c.topics_in(self.text, ts + k, te, &mut found);
                    found.iter().any(|f| f.kind == TopicKind::Organization)
                });
                if at(ix.org).is_some() || of_org {
                    self.people[i].international = true;
                }
                if self.people[i].country.is_none() {
                    self.people[i].country = country;
                }
                let end = of.map_or(ne, |o| rs + o.1);
                self.mentions.push(Mention {
                    person: i,
                    start: ts,
                    end,
                });
                self.claimed.push((ts, end));
            }
            if !scan::may_name_counterpart(part) {
                continue;
            }
            for c in self.c.counterpart_re.captures_iter(part) {
                let Some(d) = c.name("dem") else { continue };
                let len = c.name("name").and_then(|n| self.name_end(n.as_str()));
                let (Some(n), Some(len)) = (c.name("name"), len) else {
                    // "his Chinese counterpart Foreign Minister Wang Yi": the
                    // titled name that follows is the counterpart.
                    let after = rs + d.end() + " counterpart".len();
                    let next = self.mentions.iter().find(|m| {
                        m.start >= after
                            && self
                                .text
                                .get(after..m.start)
                                .is_some_and(|g| g.trim_matches([' ', ',', 's']).is_empty())
                    });
                    if let Some(m) = next.copied()
                        && self.people[m.person].country.is_none()
                    {
                        self.people[m.person].country =
                            self.c.countries.country(d.as_str()).map(|code| {
                                Spanned::new(code.to_owned(), rs + d.start(), rs + d.end())
                            });
                    }
                    continue;
                };
                let full = &part[n.start()..n.start() + len];
                let i = self.person(full, name_words(full));
                let (ns, ne) = (rs + n.start(), rs + n.start() + len);
                self.people[i]
                    .names
                    .push(Spanned::new(full.to_owned(), ns, ne));
                if self.people[i].country.is_none() {
                    self.people[i].country =
                        self.c.countries.country(d.as_str()).map(|code| {
                            Spanned::new(code.to_owned(), rs + d.start(), rs + d.end())
                        });
                }
                let m0 = c.get(0).map_or(0, |m| m.start());
                self.mentions.push(Mention {
                    person: i,
                    start: rs + m0,
                    end: ne,
                });
                self.claimed.push((rs + m0, ne));
            }
        }
    }

    /// Untitled names in one span of text (a meeting sentence), as people.
    fn bare_names(&mut self, s: usize, e: usize) {
        static NAME: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"{NAME_WORD}(?:(?:[ \t]+|\s*\n\s*){NAME_WORD}){{1,3}}"
            ))
            .expect("name regex")
        });
        let part = &self.text[s..e];
        let found: Vec<(usize, usize)> =
            NAME.find_iter(part).map(|m| (m.start(), m.end())).collect();
        for (ms, me) in found {
            let (as_, ae) = (s + ms, s + me);
            if self.claimed.iter().any(|&(a, b)| as_ < b && a < ae) {
                continue;
            }
            // Skip leading words that cannot start a name ("On", "The").
            let m = &part[ms..me];
            let mut skip = 0;
            // "the Hon Laisenia Qarase": an honorific after "the".
            let mut honorific = false;
            for w in m.split_inclusive(char::is_whitespace) {
                let low = w.trim().to_lowercase();
                if matches!(low.as_str(), "hon" | "hon." | "honourable" | "honorable") {
                    honorific = true;
                    skip += w.len();
                } else if self.c.role_words.contains(&low)
                    || self.c.countries.country(w.trim()).is_some()
                {
                    skip += w.len();
                } else {
                    break;
                }
            }
            let rest = &m[skip..];
            let before = self.text[..s + ms + skip].trim_end();
            let prev = before
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or_default();
            if !honorific
                && (skip > 0 && m[..skip].trim().eq_ignore_ascii_case("the")
                    || matches!(prev, "the" | "The" | "at" | "in" | "of" | "from" | "to"))
            {
                continue;
            }
            let Some(len) = self.name_end(rest) else {
                continue;
            };
            let name = &rest[..len];
            let last = name.split_whitespace().next_back().unwrap_or_default();
            if name.split_whitespace().count() < 2
                || self.topic_at(s + ms + skip, s + ms + skip + len)
                || self.c.countries.country(name).is_some()
                || NOT_A_PERSON.contains(&last)
            {
                continue;
            }
            let words = name_words(name);
            let i = self.person(name, words);
            let (ns, ne) = (s + ms + skip, s + ms + skip + len);
            self.people[i]
                .names
                .push(Spanned::new(name.to_owned(), ns, ne));
            let mut end = ne;
            // An apposition: "Sergey Lavrov, the Foreign Minister of Russia,".
            let after = &self.text[ne..e];
            if let Some(rest) = after.strip_prefix(", ") {
                let skip_the = if rest.starts_with("the ") { 4 } else { 0 };
                let at = ne + 2 + skip_the;
                if let Some(t) = self.c.title_re.find(&self.text[at..e]).filter(|t| t.0 == 0) {
                    let (ts, te) = (at, at + t.1);
                    let title = self.text[ts..te]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if self.people[i].country.is_none() {
                        let t = &self.text[ts..te];
                        self.people[i].country = t.rfind(" of ").and_then(|k| {
                            self.c
                                .countries
                                .country(&t[k + 4..])
                                .map(|code| Spanned::new(code.to_owned(), ts + k + 1, te))
                        });
                    }
                    if !self.people[i].titles.iter().any(|x| x.value == title) {
                        self.people[i].titles.push(Spanned::new(title, ts, te));
                    }
                    end = te;
                }
            }
            self.mentions.push(Mention {
                person: i,
                start: ns,
                end,
            });
            self.claimed.push((ns, end));
        }
    }

    fn topic_at(&self, s: usize, e: usize) -> bool {
        let mut out = Vec::new();
        self.c.topics_in(self.text, s, e, &mut out);
        !out.is_empty()
    }

    /// Every later mention of a known person by name or surname.
    fn name_mentions(&mut self, ranges: &[(usize, usize)]) {
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            let words: Vec<&str> = p
                .name
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty() && !w.ends_with('.'))
                .collect();
            forms.push((p.name.clone(), i));
            for w in [words.first(), words.last()].into_iter().flatten() {
                if w.chars().count() >= 2 && !self.c.role_words.contains(&w.to_lowercase()) {
                    forms.push(((*w).to_owned(), i));
                }
            }
        }
        if forms.is_empty() {
            return;
        }
        // A word shared by two people names neither.
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut shared = HashSet::new();
        for (f, i) in &forms {
            if let Some(j) = seen.insert(f.clone(), *i)
                && j != *i
            {
                shared.insert(f.clone());
            }
        }
        forms.retain(|(f, _)| !shared.contains(f));
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        forms.dedup_by(|a, b| a.0 == b.0);
        let patterns: Vec<memchr::memmem::Finder<'_>> = forms
            .iter()
            .map(|f| memchr::memmem::Finder::new(f.0.as_str()))
            .collect();
        for &(rs, re) in ranges {
            for (ms, me, pattern) in scan::leftmost_longest(&self.text[rs..re], &patterns) {
                let (s, e) = (rs + ms, rs + me);
                if !word_bounded(self.text, s, e) {
                    continue;
                }
                if self.claimed.iter().any(|&(a, b)| s < b && a < e) {
                    continue;
                }
                let form = &forms[pattern];
                // A lone surname followed by another name word belongs to
                // someone else ("Kim" of "Kim Sung-han").
                if !form.0.contains(' ') {
                    let mut next = self.text[e..].chars();
                    if next.next() == Some(' ')
                        && next.next().is_some_and(char::is_uppercase)
                        && next.next().is_some_and(char::is_lowercase)
                    {
                        continue;
                    }
                }
                let i = form.1;
                self.people[i]
                    .names
                    .push(Spanned::new(self.text[s..e].to_owned(), s, e));
                self.mentions.push(Mention {
                    person: i,
                    start: s,
                    end: e,
                });
                self.claimed.push((s, e));
            }
        }
    }
}

fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Compiled {
    /// Topics named in `text[s..e]`.
    fn topics_in(&self, text: &str, s: usize, e: usize, out: &mut Vec<TopicMention>) {
        // A name broken over two lines is still one name; a line break and a
        // space are one byte each, so offsets stay those of the text.
        let unwrapped;
        let part = if text[s..e].contains(['\n', '\r', '\t']) {
            unwrapped = text[s..e].replace(['\n', '\r', '\t'], " ");
            unwrapped.as_str()
        } else {
            &text[s..e]
        };
        for (ac, ids) in [
            (&self.topics_exact, &self.topics_exact_ids),
            (&self.topics_any_case, &self.topics_any_case_ids),
        ] {
            let Some(ac) = ac else { continue };
            for m in ac.find_iter(part) {
                let (ms, me) = (s + m.start(), s + m.end());
                if !word_bounded(text, ms, me) {
                    continue;
                }
                let (id, label, kind) = &self.topics[ids[m.pattern().as_usize()]];
                out.push(TopicMention {
                    id: id.clone(),
                    label: label.clone(),
                    kind: *kind,
                    start: ms,
                    end: me,
                });
            }
        }
        // "China-Philippines relations", "U.S.-India ties": the relations of
        // two countries, labelled by their short names.
        static RELATIONS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?P<a>\p{Lu}[\p{L}.]+)\s?[-–]\s?(?P<b>\p{Lu}[\p{L}.]+)\s+(?:(?:bilateral|diplomatic|economic|strategic|trade|defen[cs]e)\s+)?(?:relations|ties|relationship)(?-u:\b)")
                .expect("relations regex")
        });
        // The pattern needs a hyphen or an en dash between the two names.
        let dashed = part.as_bytes().contains(&b'-') || part.contains('–');
        for m in dashed
            .then(|| RELATIONS.captures_iter(part))
            .into_iter()
            .flatten()
        {
            let (Some(a), Some(b)) = (
                self.countries.country(&m["a"]),
                self.countries.country(&m["b"]),
            ) else {
                continue;
            };
            let (Some(na), Some(nb)) = (self.first_names.get(a), self.first_names.get(b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            // One label whichever way round the text writes the pair.
            let (first, second) = if a < b { (na, nb) } else { (nb, na) };
            let whole = m.get(0).expect("match");
            out.push(TopicMention {
                id: format!(
                    "relations-{}-{}",
                    a.min(b).to_lowercase(),
                    a.max(b).to_lowercase()
                ),
                label: format!("{first}-{second} relations"),
                kind: TopicKind::Issue,
                start: s + whole.start(),
                end: s + whole.end(),
            });
        }
    }
}

pub(crate) static MEET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<video>(?-u:\b)(?:video\s*(?:call|conference|link|meeting|talks?|chat)|videoconference|virtual\s+(?:meeting|summit|talks|call)|met\s+virtually|(?:held|had|holds|has)\s+(?:a\s+)?virtual)(?-u:\b))
        |(?P<phone>(?-u:\b)(?:(?:held|had|holds|has|have|hold|conducted|made)\s+(?:an?\s+)?(?:telephone|phone)\s+(?:conversation|call|talks?)|(?:held|had|holds|has|hold|conducted|made)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?call|(?:telephone|phone)\s+(?:conversation|call|talks?)\s+with|(?:Call|Conversation)\s+[Ww]ith|(?:spoke|speaks|talked|talks|spoken)\s+(?:\w+\s+)?(?:by|over\s+the|on\s+the|via)\s+(?:tele)?phone|(?:spoke|speaks|talked)\s+(?:today\s+|yesterday\s+|again\s+|separately\s+)?with)(?-u:\b)|(?-u:\b)called\s+\p{Lu})
        |(?P<talks>(?-u:\b)(?:(?:held|hold|holds|had|holding|began|begin|begins|opened|concluded|kicked\s+off|started|resumed|wrapped\s+up)\s+(?:\w+\s+){0,3}?talks|talks\s+(?:were|was)\s+held
            # A meeting named by the noun: 'during talks with', 'talks between'.
            |(?:during|after|following|in)\s+(?:(?:the|his|her|their|its|bilateral|formal|informal|official|closed-door|\p{L}+['’]s)\s+){0,3}talks\s+(?:with|between)|talks\s+between)(?-u:\b))
        |(?P<meet>(?-u:\b)(?:met|meets|meet\s+with|meeting\s+with|(?:is|was|are|were)\s+meeting|received|receives|(?:held|had|holds)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?meeting|hosted|hosts|visits|visited|(?:hold|held|holds|had)\s+discussions|discussions\s+with
            # 'during their bilateral meeting', 'the meeting between', 'told visiting'.
            |(?:during|after|following|at)\s+(?:(?:the|his|her|their|its|a|an|bilateral|official|closed-door|\p{L}+['’]s)\s+){0,3}meeting\s+(?:with|between)|(?:during|at|in)\s+their\s+(?:(?:bilateral|official|closed-door|state|first|second|third|summit)\s+)?(?:meeting|summit|banquet|dinner|luncheon)|meeting\s+between|told\s+(?:the\s+)?visiting
            |(?:pleasure|privilege|opportunity|honou?r)\s+(?:\w+\s+){0,2}?(?:of|to)\s+meet(?:ing)?
            |discussed\s+(?:[\w’'-]+\s+){0,6}?with
            # 'participated in the Trilateral Summit alongside A and B'.
            |(?:participated|took\s+part)\s+in\s+(?:[\w’'-]+\s+){0,8}?(?:[Ss]ummit|[Mm]eeting|[Tt]alks)\s+(?:alongside|with))(?-u:\b))
        |(?P<joint>(?-u:\b)(?:agreed|agree|agrees|exchanged\s+views|discussed)(?-u:\b))",
    )
    .expect("meeting regex")
});

/// Whether a match of [`MEET`] is its `joint` branch ("agreed",
/// "exchanged views", "discussed"), told by its text: every other branch
/// matches more words or other ones, so a match whose whole text is a
/// `joint` word came from that branch. Cheaper than resolving the groups.
fn joint(verb: &str) -> bool {
    matches!(verb, "agreed" | "agree" | "agrees" | "discussed")
        || verb
            .strip_prefix("exchanged")
            .and_then(|r| r.strip_suffix("views"))
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
}

static VIA_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:over|on|by|via)\s+(?:the\s+)?(?:tele)?phone(?-u:\b)|(?-u:\b)(?:telephone|phone)\s+(?:call|conversation)(?-u:\b)|(?-u:\b)call\s+with(?-u:\b)|(?-u:\b)calls?(?-u:\b)$").expect("phone regex")
});
static VIA_VIDEO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:via|by|through|over)\s+(?:a\s+)?video(?-u:\b)|(?-u:\b)video\s*(?:link|call|conference)(?-u:\b)|(?-u:\b)virtual(?:ly)?(?-u:\b)").expect("video regex")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3})(?:,\s*(?P<region>\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?))?,?\s+(?P<date>(?:\d{1,2}\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2}(?:,?\s+\d{4})?))(?:\.(?:\s*/(?P<slash>[^/\n]{1,20})/\.?)?\s+|\s*(?:\((?P<outlet>[^)\n]{1,40})\))?\s*(?:--|[:\-–—])\s*)")
        .expect("dateline regex")
});
static DATELINE_NO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}{3,}(?:[ \-]\p{Lu}{2,}){0,2})(?:,\s*\p{Lu}[\p{L}.]*)?\s*(?:\((?P<outlet>[^)\n]{1,40})\))?\s*(?:--|[:\-–—])\s+")
        .expect("dateline regex")
});

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    let cap = r"\p{Lu}[\p{L}.'’\-]*";
    Regex::new(&format!(
        r"(?-u:\b)(?:in|at)\s+(?:the\s+)?(?P<a>{cap}(?:\s+{cap}){{0,3}})(?:,\s+(?P<b>{cap}(?:\s+{cap}){{0,2}}))?(?:\s+of\s+(?:the\s+)?(?P<c>{cap}(?:\s+{cap}){{0,3}}))?"
    ))
    .expect("place regex")
});
static CAME_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:came|come|comes|coming|travell?ed|was|is)\s+to\s+(?:the\s+)?(?P<c>\p{Lu}[\p{L}’']*(?:\s+\p{Lu}[\p{L}’']*){0,3})|(?-u:\b)(?:visit|visiting|visits)\s+(?:to\s+)?(?:the\s+)?(?P<v>\p{Lu}[\p{L}’']*(?:\s+\p{Lu}[\p{L}’']*){0,3})")
        .expect("came-to regex")
});
static OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)on\s+the\s+(?:sidelines|margins?)\s+of|(?-u:\b)on\s+the\s+sidelines\s+at|(?-u:\b)(?:came|come|was|is|were|are|had\s+come)\s+(?:to|in)\s+[^,;]{1,60}?\s+(?:to\s+attend|for)|(?-u:\b)to\s+attend|(?-u:\b)while\s+attending|(?-u:\b)during\s+(?:the|his|her|their)|(?-u:\b)ahead\s+of|(?-u:\b)(?:as\s+part\s+of\s+the|on\s+the\s+fringes?\s+of|in\s+the\s+margins?\s+of|(?:with)?in\s+the\s+framework\s+of|on\s+the\s+occasion\s+of|at\s+the\s+sidelines\s+of))\s+(?:the\s+)?(?P<o>[^,;()]+(?:\(\p{Lu}[\p{Lu}\d\-]{1,9}\))?)")
        .expect("occasion regex")
});

/// A participant of the meeting being read: a person, with where they were
/// named in the meeting sentence.
struct Slot {
    person: usize,
}

/// What [`read`] returns.
pub(crate) struct Read {
    pub(crate) dateline: Option<Dateline>,
    pub(crate) outlet: Option<Spanned<String>>,
    pub(crate) published_from_dateline: Option<Spanned<String>>,
    pub(crate) meetings: Vec<MeetingMention>,
    pub(crate) mentions: Vec<Spanned<String>>,
}

fn dateline(
    text: &str,
    first: (usize, usize),
    published: Option<NaiveDate>,
) -> (Option<Dateline>, Option<Spanned<String>>, usize) {
    let part = &text[first.0..first.1];
    let c = DATELINE
        .captures(part)
        .filter(|c| {
            c.name("date").is_some_and(|d| {
                !dates::absolute(
                    d.as_str(),
                    published.or(NaiveDate::from_ymd_opt(2000, 1, 1)),
                )
                .is_empty()
            })
        })
        .or_else(|| DATELINE_NO_DATE.captures(part));
    let Some(c) = c else {
        return (None, None, first.0);
    };
    let whole = c.get(0).expect("match");
    let place = c.name("place").map(|p| {
        Spanned::new(
            p.as_str().to_owned(),
            first.0 + p.start(),
            first.0 + p.end(),
        )
    });
    let date = c.name("date").and_then(|d| {
        dates::absolute(d.as_str(), published).first().map(|f| {
            Spanned::new(
                f.date.format("%Y-%m-%d").to_string(),
                first.0 + d.start(),
                first.0 + d.end(),
            )
        })
    });
    let outlet = c.name("outlet").or(c.name("slash")).map(|o| {
        Spanned::new(
            o.as_str().trim().to_owned(),
            first.0 + o.start(),
            first.0 + o.end(),
        )
    });
    (
        Some(Dateline { place, date }),
        outlet,
        first.0 + whole.end(),
    )
}

fn title_case_place(p: &str) -> String {
    if p.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        p.split(' ')
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        p.to_owned()
    }
}

/// Reads the body of a document.
pub(crate) fn read(c: &Compiled, text: &str, layout: &Layout) -> Read {
    let published = layout.published.as_ref().and_then(|p| dates::iso(&p.value));
    let (dl, outlet, body_from) = match layout.blocks.first() {
        Some(&b) => dateline(text, b, published),
        None => (None, None, 0),
    };
    let dl_date = dl
        .as_ref()
        .and_then(|d| d.date.as_ref())
        .and_then(|d| dates::iso(&d.value));
    let published_from_dateline = if layout.published.is_none() {
        dl.as_ref().and_then(|d| d.date.clone())
    } else {
        None
    };
    let reference = published.or(dl_date);

    // Sentences of the body, the dateline left out of the first.
    let mut sentences = Vec::new();
    for (k, &(s, e)) in layout.blocks.iter().enumerate() {
        let s = if k == 0 { body_from.clamp(s, e) } else { s };
        text::sentences(text, s, e, &mut sentences);
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if let Some(h) = &layout.headline {
        ranges.push((h.start, h.end));
    }
    ranges.extend(layout.blocks.iter().copied());

    let mut r = Reader {
        c,
        text,
        people: Vec::new(),
        mentions: Vec::new(),
        claimed: Vec::new(),
    };
    r.titled_people(&ranges);
    // Later mentions of the people titles introduce; names found in the
    // meeting sentence get theirs after it is chosen.
    r.name_mentions(&ranges);
    // The issuer of a first-person release.
    let author = layout.author.as_ref().map(|a| {
        let i = r.person(&a.value, name_words(&a.value));
        if !r.people[i].names.iter().any(|n| n.start == a.start) {
            r.people[i].names.push(Spanned::new(
                text[a.start..a.end].to_owned(),
                a.start,
                a.end,
            ));
        }
        if let Some(o) = &layout.author_office
            && !r.people[i]
                .titles
                .iter()
                .any(|t| t.value.eq_ignore_ascii_case(&o.value))
        {
            r.people[i].titles.push(o.clone());
        }
        i
    });
    let known = r.people.len();
    // The lead introduces the people the report is about, titled or not
    // ("The Director General of …, Dr. Kamil Idris, wrapped up …").
    for &(s, e) in sentences.iter().take(3) {
        r.bare_names(s, e);
    }

    // The meeting sentence: the first that reports a meeting between people;
    // the headline when no sentence of the body does.
    let mut trigger = None;
    let mut candidates = sentences.clone();
    if let Some(h) = &layout.headline {
        candidates.push((h.start, h.end));
    }
    for &(s, e) in &candidates {
        let sent = &text[s..e];
        if !scan::may_meet(sent) {
            continue;
        }
        let Some(m) = MEET.find_iter(sent).find(|m| {
            if planned(&sent[..m.start()]) {
                return false;
            }
            if joint(m.as_str()) {
                // "X and Y agreed": a meeting only when two people agree.
                let before = r
                    .mentions
                    .iter()
                    .filter(|x| x.start >= s && x.end <= s + m.start())
                    .count()
                    + usize::from(author.is_some() && first_person(&sent[..m.start()]));
                return before >= 2;
            }
            true
        }) else {
            continue;
        };
        r.bare_names(s, e);
        let mut named_set = r
            .mentions
            .iter()
            .filter(|x| x.start >= s && x.end <= e)
            .map(|x| x.person)
            .collect::<HashSet<_>>();
        if let Some(a) = author.filter(|_| first_person(sent)) {
            named_set.insert(a);
        }
        let named = named_set.len();
        let unclaimed = |(ms, me): (usize, usize)| {
            let (a, b) = (s + ms, s + me);
            !r.claimed.iter().any(|&(x, y)| a < y && x < b)
        };
        let titled = c.title_re.find_iter(sent).filter(|m| unclaimed(*m)).count()
            + scan::may_name_counterpart(sent)
                .then(|| c.counterpart_re.find_iter(sent))
                .into_iter()
                .flatten()
                .filter(|m| unclaimed((m.start(), m.end())))
                .count();
        if named >= 2 || (named >= 1 && titled >= 1) || titled >= 2 {
            trigger = Some((s, e, s + m.start(), s + verb_end(m.as_str(), m.start())));
            break;
        }
    }
    if r.people.len() > known {
        r.name_mentions(&ranges);
    }
    r.mentions.sort_by_key(|m| m.start);

    let mut read = Read {
        dateline: dl.clone(),
        outlet,
        published_from_dateline,
        meetings: Vec::new(),
        mentions: Vec::new(),
    };
    let Some(first) = trigger else {
        read.mentions = mention_list(&r, &HashSet::new());
        return read;
    };
    // Further meetings the report goes on to: a later sentence that reports
    // a meeting between another set of people.
    let mut triggers = vec![first];
    let with_author = |mut people: Vec<usize>, sent: &str| {
        if let Some(a) = author.filter(|a| first_person(sent) && !people.contains(a)) {
            people.insert(0, a);
        }
        people
    };
    let first_people = trigger_people(c, &mut r, text, first);
    let mut sets: Vec<Vec<usize>> = vec![with_author(first_people, &text[first.0..first.1])];
    for &(s, e) in sentences.iter().filter(|x| x.0 >= first.1) {
        let sent = &text[s..e];
        if !scan::may_meet(sent) {
            continue;
        }
        let Some(m) = MEET.find_iter(sent).find(|m| {
            if joint(m.as_str()) || planned(&sent[..m.start()]) {
                return false;
            }
            let v = m.as_str();
            // A meeting named by a noun ("during the talks with") goes on
            // about the one already read.
            const NOUN: &[&str] = &[
                "during",
                "after",
                "following",
                "in ",
                "at ",
                "told",
                "talks",
                "meeting between",
            ];
            !v.starts_with("visit")
                && !v.starts_with("host")
                && !v.starts_with("receive")
                && !NOUN.iter().any(|n| v.starts_with(n))
        }) else {
            continue;
        };
        let t = (s, e, s + m.start(), s + verb_end(m.as_str(), m.start()));
        // A meeting recalled in someone's words ("X said that … Y met Z")
        // is not one this report covers.
        let before = &sent[..m.start()];
        let before = INTRO.find(before).map_or(before, |i| &before[i.end()..]);
        // Post-nominal letters ("Edwin Tong, SC") are no clause.
        let before = POST_NOMINAL.replace_all(before, " ");
        if before.contains(" that ") || before.contains(',') || SPEECH.is_match(&before) {
            continue;
        }
        r.bare_names(s, e);
        r.mentions.sort_by_key(|m| m.start);
        let mut people = with_author(trigger_people(c, &mut r, text, t), sent);
        people.sort_unstable();
        if people.len() >= 2 && !sets.iter().any(|x| people.iter().all(|p| x.contains(p))) {
            triggers.push(t);
            sets.push(people);
        }
    }
    let ctx = Context {
        author,
        reference,
        dateline: dl.as_ref(),
        dateline_date: dl_date,
    };
    let mut all_participants = HashSet::new();
    for (k, &t) in triggers.iter().enumerate() {
        // Each meeting's section: from its sentence to the next meeting's
        // (the first also holds what comes before it, and the headline).
        let from = if k == 0 { 0 } else { t.0 };
        let to = triggers.get(k + 1).map_or(usize::MAX, |n| n.0);
        let section: Vec<(usize, usize)> = sentences
            .iter()
            .copied()
            .filter(|x| x.0 >= from && x.0 < to)
            .collect();
        let mut section_ranges: Vec<(usize, usize)> = Vec::new();
        if k == 0
            && let Some(h) = &layout.headline
        {
            section_ranges.push((h.start, h.end));
        }
        if triggers.len() == 1 {
            section_ranges.extend(layout.blocks.iter().copied());
        } else {
            section_ranges.extend(section.iter().copied());
        }
        let (mut found, participants, hosts_of) =
            meeting_at(c, &mut r, text, layout, &ctx, t, &section, &section_ranges);
        // "Earlier that day, …": the day of the meeting read before.
        if let Some(prev) = read.meetings.last()
            && matches!(found.date_basis, None | Some(DateBasis::Published))
            && prev.date.is_some()
            && let Some(k) = SAME_DAY.find(&text[t.0..t.1])
        {
            found.date = prev
                .date
                .as_ref()
                .map(|d| Spanned::new(d.value.clone(), t.0 + k.start(), t.0 + k.end()));
            found.date_basis = prev.date_basis;
        }
        all_participants.extend(participants);
        match hosts_of {
            Some(v) => read.meetings.extend(split_hosts(found, v)),
            None => read.meetings.push(found),
        }
    }
    read.mentions = mention_list(&r, &all_participants);
    read
}

/// The end of a meeting verb: "called X" matched the first letter of what
/// follows, which belongs to the object.
fn verb_end(verb: &str, start: usize) -> usize {
    match verb.chars().next_back() {
        Some(c) if c.is_uppercase() && verb.starts_with("called") => {
            start + verb.trim_end_matches(c).trim_end().len()
        }
        _ => start + verb.len(),
    }
}

/// A sentence set on the day of the one before ("Earlier that day").
static SAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:earlier|later)\s+(?:that|the\s+same)\s+day|on\s+the\s+same\s+day|the\s+same\s+day)(?-u:\b)")
        .expect("same-day regex")
});

/// "I" as the subject or a member of one ("Dr Kharrazi and I").
static FIRST_PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|[\s"“(])I\s"#).expect("first-person regex"));

/// Whether a sentence of a release speaks of its author as "I".
fn first_person(sent: &str) -> bool {
    FIRST_PERSON.is_match(sent)
}

/// A future in the clause before a meeting verb ("is scheduled to be
/// welcomed before a meeting with", "will be the first ... to be visited").
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:will|shall|(?:scheduled|expected|set|due|slated|poised|planning|plans?)\s+to)(?-u:\b)")
        .expect("planned regex")
});

/// Whether the words before a meeting verb make it one to come ("will
/// hold talks", "is set to meet").
fn planned(before: &str) -> bool {
    let clause = before
        .rsplit([',', ';', ':', '('])
        .next()
        .unwrap_or_default();
    if PLANNED.is_match(clause) {
        return true;
    }
    // "X will hold talks with Y, marking their second meeting after they
    // met in Gyeongju": a meeting recalled beside one to come.
    static RECALLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:after|since|when|before)\s+(?:they|the\s+two|both|\p{Lu}\w*)(?:\s+\w+)?\s*$")
            .expect("recalled regex")
    });
    if PLANNED.is_match(before) && RECALLED.is_match(clause) {
        return true;
    }
    // "is scheduled to have a luncheon with A, who …, and meet with B":
    // a verb joined to a future one shares it.
    let joined = clause.trim_start();
    if (joined == "and" || joined.starts_with("and ") || joined.starts_with("then "))
        && PLANNED.is_match(before)
    {
        return true;
    }
    let last = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    matches!(
        last,
        "will" | "to" | "would" | "shall" | "may" | "might" | "could" | "should" | "can" | "cannot"
    ) || last.ends_with("'ll")
        || last.ends_with("’ll")
}

/// What every meeting of a document shares: the dates it may be read against.
struct Context<'a> {
    /// The issuer of a first-person release.
    author: Option<usize>,
    reference: Option<NaiveDate>,
    dateline: Option<&'a Dateline>,
    dateline_date: Option<NaiveDate>,
}

/// The people a meeting sentence names as taking part: those before the
/// verb, and those after it joined to the first by "and" or a comma.
fn trigger_people(
    c: &Compiled,
    r: &mut Reader<'_>,
    text: &str,
    (ts, te, vs, ve): (usize, usize, usize, usize),
) -> Vec<usize> {
    let mut slots: Vec<Slot> = Vec::new();
    collect_slots(c, r, text, (ts, te, vs, ve), &mut slots);
    slots.into_iter().map(|s| s.person).collect()
}

/// Reads the meeting whose sentence is `ts..te` (verb at `vs..ve`).
#[allow(clippy::too_many_arguments)]
fn meeting_at(
    c: &Compiled,
    r: &mut Reader<'_>,
    text: &str,
    layout: &Layout,
    ctx: &Context<'_>,
    (ts, te, vs, ve): (usize, usize, usize, usize),
    sentences: &[(usize, usize)],
    ranges: &[(usize, usize)],
) -> (MeetingMention, HashSet<usize>, Option<usize>) {
    let sent = &text[ts..te];

    let mut slots: Vec<Slot> = Vec::new();
    collect_slots(c, r, text, (ts, te, vs, ve), &mut slots);
    if let Some(a) = ctx
        .author
        .filter(|a| first_person(sent) && !slots.iter().any(|s| s.person == *a))
    {
        slots.insert(0, Slot { person: a });
    }
    let push = |slots: &mut Vec<Slot>, p: usize| {
        if !slots.iter().any(|s| s.person == p) {
            slots.push(Slot { person: p });
        }
    };
    // A side named only by title ("Chinese Foreign Minister meets his
    // Russian counterpart"): the person of that country named elsewhere.
    let mut title_refs: Vec<(usize, usize, Option<String>, String)> = Vec::new();
    for (ms, me, t) in scan::unclaimed_groups(&c.title_re, sent, ts, &r.claimed) {
        let (s, e) = (ts + ms, ts + me);
        if r.claimed.iter().any(|&(a, b)| s < b && a < e) {
            continue;
        }
        let group = |i: Option<usize>| {
            t.get(i?)
                .copied()
                .flatten()
                .map(|(a, b)| &sent[ms + a..ms + b])
        };
        let dem = group(c.title_groups.1)
            .and_then(|d| c.countries.country(d))
            .map(str::to_owned);
        title_refs.push((
            s,
            e,
            dem,
            group(c.title_groups.0).unwrap_or_default().to_owned(),
        ));
    }
    for t in scan::may_name_counterpart(sent)
        .then(|| c.counterpart_re.captures_iter(sent))
        .into_iter()
        .flatten()
    {
        let m = t.get(0).expect("match");
        let (s, e) = (ts + m.start(), ts + m.end());
        if r.claimed.iter().any(|&(a, b)| s < b && a < e) {
            continue;
        }
        let dem = c.countries.country(&t["dem"]).map(str::to_owned);
        title_refs.push((s, e, dem, String::new()));
    }
    for (_, _, dem, title) in &title_refs {
        if let Some(p) = resolve_title(r, &slots, dem.as_deref(), title, true) {
            push(&mut slots, p);
        }
    }

    // Countries: as written beside the name, else the country the report
    // speaks of most that no other participant holds.
    // "Dr. Idris met with the Prime Minister A, Minister B, Minister C and
    // Minister D": one visitor calling on a list of hosts, one meeting each.
    let before_verb: HashSet<usize> = r
        .mentions
        .iter()
        .filter(|m| m.start >= ts && m.end <= vs)
        .map(|m| m.person)
        .collect();
    let subjects: Vec<usize> = (0..slots.len())
        .filter(|&k| before_verb.contains(&slots[k].person))
        .collect();
    let hosts_of = match subjects.as_slice() {
        [one]
            if slots.len() >= 5 && MEET.find(&text[vs..ve]).is_none_or(|m| !joint(m.as_str())) =>
        {
            Some(*one)
        }
        _ => None,
    };
    let publisher = publisher(text);
    match hosts_of {
        // The hosts are one side: the country the report names most, unless
        // their titles say otherwise; the visitor another one, if any.
        Some(v) => {
            let hosts: Vec<Slot> = (0..slots.len())
                .filter(|&k| k != v)
                .map(|k| Slot {
                    person: slots[k].person,
                })
                .collect();
            for h in &hosts {
                assign_countries(
                    r,
                    std::slice::from_ref(h),
                    &layout.blocks,
                    publisher.clone(),
                );
            }
            let pair = [
                Slot {
                    person: slots[v].person,
                },
                Slot {
                    person: hosts[0].person,
                },
            ];
            assign_countries(r, &pair, &layout.blocks, None);
        }
        None => assign_countries(r, &slots, &layout.blocks, publisher),
    }

    let participants: HashSet<usize> = slots.iter().map(|s| s.person).collect();

    // "The Vice President and Prime Minister Sunak": the first office is
    // another participant's, named by title alone.
    let mut split_refs: Vec<(usize, usize, usize)> = Vec::new();
    for sl in &slots {
        let p = sl.person;
        for k in 0..r.people[p].titles.len() {
            let t = r.people[p].titles[k].clone();
            let Some(and) = t.value.find(" and ") else {
                continue;
            };
            let left = &t.value[..and];
            let other = slots.iter().map(|s| s.person).find(|&q| {
                q != p
                    && r.people[q]
                        .titles
                        .iter()
                        .any(|x| x.value.eq_ignore_ascii_case(left))
            });
            let Some(q) = other else { continue };
            let raw = &text[t.start..t.end];
            let Some(raw_and) = raw.find(" and ") else {
                continue;
            };
            let right_start = t.start + raw_and + 5;
            let right = text[right_start..t.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            r.people[p].titles[k] = Spanned::new(right, right_start, t.end);
            split_refs.push((t.start, t.start + raw_and, q));
            for m in r
                .mentions
                .iter_mut()
                .filter(|m| m.person == p && m.start == t.start)
            {
                m.start = right_start;
            }
        }
    }

    // Title-only references anywhere: more titles as written.
    let mut refs: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, person)
    for &(rs, re) in ranges {
        let part = &text[rs..re];
        for (ms, me, t) in scan::unclaimed_groups(&c.title_re, part, rs, &r.claimed) {
            let (s, e) = (rs + ms, rs + me);
            if r.claimed.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            let group = |i: Option<usize>| {
                t.get(i?)
                    .copied()
                    .flatten()
                    .map(|(a, b)| &part[ms + a..ms + b])
            };
            let dem = group(c.title_groups.1).and_then(|d| c.countries.country(d));
            let written = group(c.title_groups.0).unwrap_or_default();
            if let Some(p) = resolve_title(r, &slots, dem, written, false) {
                let title = written.split_whitespace().collect::<Vec<_>>().join(" ");
                // A title with its nationality is a title as written; a bare
                // office already known is only a reference.
                if dem.is_some() && !r.people[p].titles.iter().any(|x| x.value == title) {
                    r.people[p].titles.push(Spanned::new(title, s, e));
                }
                refs.push((s, e, p));
            }
        }
        if !scan::may_name_counterpart(&text[rs..re]) {
            continue;
        }
        for t in c.counterpart_re.captures_iter(&text[rs..re]) {
            let m = t.get(0).expect("match");
            let (s, e) = (rs + m.start(), rs + m.end());
            if r.claimed.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            let dem = c.countries.country(&t["dem"]);
            if let Some(p) = resolve_title(r, &slots, dem, "", false) {
                refs.push((s, e, p));
            }
        }
    }
    let mut all_refs: Vec<(usize, usize, usize)> = r
        .mentions
        .iter()
        .filter(|m| participants.contains(&m.person))
        .map(|m| (m.start, m.end, m.person))
        .collect();
    all_refs.extend(refs);
    all_refs.extend(split_refs);
    // "I" of a first-person release is its author.
    if let Some(a) = ctx.author.filter(|a| participants.contains(a)) {
        for &(rs, re) in ranges {
            for m in FIRST_PERSON.find_iter(&text[rs..re]) {
                let at = rs + m.end() - 2;
                all_refs.push((at, at + 1, a));
            }
        }
    }
    all_refs.sort();
    all_refs.dedup();

    // Date.
    let earlier: Vec<(usize, usize)> = sentences.iter().copied().filter(|x| x.1 <= ts).collect();
    let (date, date_basis) = meeting_date(
        text,
        &earlier,
        sent,
        ts,
        ctx.reference,
        ctx.dateline,
        layout,
        ctx.dateline_date,
    );
    let (date, date_basis) = if matches!(date_basis, None | Some(DateBasis::Published)) {
        later_day(
            text,
            r,
            layout,
            ctx.reference,
            (ts, te),
            sentences,
            &participants,
        )
        .unwrap_or((date, date_basis))
    } else {
        (date, date_basis)
    };

    // Kind.
    let head = layout.headline.as_ref();
    let (kind, kind_span) = meeting_kind(text, ts, te, vs, ve, head);

    // Place.
    let mut place = place_in(c, text, ts, te);
    if place.city.is_none() && place.country.is_none() {
        // Where the report goes on to say the meeting took place ("Blinken
        // met with Wang in Laos").
        for &(s, e) in sentences.iter().filter(|x| x.0 >= te) {
            let involved = r
                .mentions
                .iter()
                .any(|m| m.start >= s && m.end <= e && participants.contains(&m.person));
            if involved && scan::may_meet(&text[s..e]) && MEET.find(&text[s..e]).is_some() {
                let p = place_in(c, text, s, e);
                if p.city.is_some() || p.country.is_some() {
                    place = p;
                    break;
                }
            }
        }
    }
    if place.city.is_none()
        && place.country.is_none()
        && matches!(kind, MeetingKind::Meeting | MeetingKind::Talks)
        && let Some(p) = ctx.dateline.and_then(|d| d.place.as_ref())
    {
        let name = title_case_place(&p.value);
        if let Some(code) = c.countries.city(&name) {
            place.city = Some(Spanned::new(name, p.start, p.end));
            place.country = Some(Spanned::new(code.to_owned(), p.start, p.end));
        } else if let Some(code) = c.countries.country(&name) {
            place.country = Some(Spanned::new(code.to_owned(), p.start, p.end));
        }
    }
    // "TIRANA, Albania, May 16. … met … in Albania": the dateline's city,
    // when it lies in the country the meeting is said to be in.
    if place.city.is_none()
        && matches!(kind, MeetingKind::Meeting | MeetingKind::Talks)
        && let (Some(country), Some(p)) = (
            place.country.as_ref(),
            ctx.dateline.and_then(|d| d.place.as_ref()),
        )
    {
        let name = title_case_place(&p.value);
        if c.countries.city(&name) == Some(country.value.as_str()) {
            place.city = Some(Spanned::new(name, p.start, p.end));
        }
    }
    if matches!(kind, MeetingKind::PhoneCall | MeetingKind::VideoCall) {
        place = PlaceMention::default();
    }

    // Occasion.
    let occasion = occasion_in(text, ts, te);

    // Statements.
    let order: Vec<usize> = slots.iter().map(|s| s.person).collect();
    let mut statements = statements(c, text, sentences, (ts, te), &order, &all_refs);
    // "X and Y agreed on …": the meeting sentence is itself what both said.
    if order.len() > 1
        && MEET
            .find(&text[vs..te])
            .is_some_and(|m| joint(m.as_str()) && m.start() == 0)
    {
        statements.insert(
            0,
            StatementMention {
                speakers: (0..order.len()).collect(),
                text: Spanned::new(sent.to_owned(), ts, te),
            },
        );
    }

    // Topics, over the body.
    let mut topics = Vec::new();
    for &(s, e) in ranges {
        c.topics_in(text, s, e, &mut topics);
    }
    let mut seen = HashSet::new();
    topics.sort_by_key(|t| t.start);
    // Every place a topic is named, before repeats are dropped.
    let named: Vec<(usize, usize)> = topics.iter().map(|t| (t.start, t.end)).collect();
    topics.retain(|t| seen.insert(t.id.clone()));
    // Third countries the report speaks of are topics too.
    let mut sides: HashSet<String> = slots
        .iter()
        .filter_map(|s| r.people[s.person].country.as_ref().map(|c| c.value.clone()))
        .collect();
    if let Some(p) = &place.country {
        sides.insert(p.value.clone());
    }
    for &(bs, be) in ranges {
        for m in c.country_re.find_iter(&text[bs..be]) {
            let (ms, me) = (bs + m.start(), bs + m.end());
            // A nationality in a title or inside a topic's name ("Korean
            // Peninsula") is no third country.
            if r.claimed.iter().any(|&(a, b)| ms < b && a < me)
                || named.iter().any(|&(a, b)| ms < b && a < me)
            {
                continue;
            }
            let Some(code) = c.countries.country(m.as_str()) else {
                continue;
            };
            let Some(first) = c.first_names.get(code) else {
                continue;
            };
            let id = readout_model::slug(first);
            if sides.contains(code)
                || topics
                    .iter()
                    .any(|t| t.id == id || t.label.eq_ignore_ascii_case(first))
            {
                continue;
            }
            topics.push(TopicMention {
                id,
                label: first.clone(),
                kind: TopicKind::Region,
                start: bs + m.start(),
                end: bs + m.end(),
            });
        }
    }

    let participants_out = order
        .iter()
        .map(|&i| {
            let p = &r.people[i];
            let mut names = p.names.clone();
            names.sort_by_key(|n| n.start);
            ParticipantMention {
                name: p.name.clone(),
                names_as_written: names,
                titles_as_written: p.titles.clone(),
                country: p.country.clone(),
            }
        })
        .collect();
    let found = MeetingMention {
        date,
        date_basis,
        kind,
        kind_span,
        place,
        occasion,
        participants: participants_out,
        statements,
        topics,
    };
    (found, participants, hosts_of)
}

/// One meeting per host of a visitor who met a list of them: each holds
/// the visitor and one host, with what the two (or all) said.
fn split_hosts(found: MeetingMention, visitor: usize) -> Vec<MeetingMention> {
    let n = found.participants.len();
    (0..n)
        .filter(|&k| k != visitor)
        .map(|k| {
            let mut m = found.clone();
            m.participants = vec![
                found.participants[visitor].clone(),
                found.participants[k].clone(),
            ];
            m.statements = found
                .statements
                .iter()
                .filter_map(|st| {
                    let speakers = if st.speakers.len() == n {
                        vec![0, 1]
                    } else if st.speakers == [visitor] {
                        vec![0]
                    } else if st.speakers == [k] {
                        vec![1]
                    } else {
                        return None;
                    };
                    Some(StatementMention {
                        speakers,
                        text: st.text.clone(),
                    })
                })
                .collect();
            m
        })
        .collect()
}

/// Fills `slots` with the people a meeting sentence names as taking part.
fn collect_slots(
    c: &Compiled,
    r: &mut Reader<'_>,
    text: &str,
    (ts, te, vs, ve): (usize, usize, usize, usize),
    slots: &mut Vec<Slot>,
) {
    // Participants: the people before the verb, and those after it joined to
    // the first by "and" or a comma.
    let push = |slots: &mut Vec<Slot>, p: usize| {
        if !slots.iter().any(|s| s.person == p) {
            slots.push(Slot { person: p });
        }
    };
    let in_sentence: Vec<Mention> = r
        .mentions
        .iter()
        .filter(|m| m.start >= ts && m.end <= te)
        .copied()
        .collect();
    // "X said in a statement that A told B during their meeting": the
    // subject is after "that" when someone is named there.
    let subject_from = text[ts..vs]
        .rfind(" that ")
        .map(|k| ts + k + 6)
        .filter(|&f| {
            let after = &text[f..vs];
            !["he ", "she ", "they ", "it ", "we ", "I "]
                .iter()
                .any(|p| after.starts_with(p))
                && in_sentence.iter().any(|m| m.start >= f && m.end <= vs)
        })
        .unwrap_or(ts);
    for m in in_sentence
        .iter()
        .filter(|m| m.start >= subject_from && m.end <= vs)
    {
        push(slots, m.person);
    }
    let object_from = if ["with", "between", "alongside"]
        .iter()
        .any(|w| text[vs..ve].ends_with(w))
    {
        ve
    } else {
        text[ve..te]
            .find(" with ")
            .filter(|&k| {
                // Only when no one is named between the verb and "with".
                !in_sentence
                    .iter()
                    .any(|m| m.start >= ve && m.start < ve + k)
            })
            .map_or(ve, |k| ve + k + 6)
    };
    let mut last_end = None;
    for m in in_sentence.iter().filter(|m| m.start >= object_from) {
        match last_end {
            None => {
                push(slots, m.person);
                last_end = Some(m.end);
            }
            Some(le) => {
                let between = text.get(le..m.start).unwrap_or("").trim();
                let joined = between.is_empty()
                    || matches!(between, "," | "and" | ", and" | "as well as")
                    || c.title_re.find(between).is_some_and(|t| {
                        let before = between[..t.0].trim();
                        matches!(before, "," | "and" | ", and" | "and the" | ", and the" | "")
                    });
                if joined {
                    push(slots, m.person);
                    last_end = Some(m.end);
                } else {
                    break;
                }
            }
        }
    }
}

fn mention_list(r: &Reader<'_>, participants: &HashSet<usize>) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    for (i, p) in r.people.iter().enumerate() {
        if participants.contains(&i) {
            continue;
        }
        if let Some(n) = p.names.iter().min_by_key(|n| n.start) {
            out.push(Spanned::new(p.name.clone(), n.start, n.end));
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// The participant (or, when `any`, any person) a title names: of the
/// country given, else the one holding that office.
fn resolve_title(
    r: &Reader<'_>,
    slots: &[Slot],
    dem: Option<&str>,
    title: &str,
    any: bool,
) -> Option<usize> {
    let candidates: Vec<usize> = if any {
        (0..r.people.len()).collect()
    } else {
        slots.iter().map(|s| s.person).collect()
    };
    // The office without the nationality before it.
    let office = match dem {
        Some(_) => title
            .split_once(char::is_whitespace)
            .map_or(title, |(_, r)| r),
        None => title,
    };
    let role = office.to_lowercase();
    let holds = |i: usize| {
        !role.is_empty()
            && r.people[i]
                .titles
                .iter()
                .any(|t| t.value.to_lowercase().contains(&role))
    };
    let pick = |f: &dyn Fn(usize) -> bool| {
        let found: Vec<usize> = candidates.iter().copied().filter(|&i| f(i)).collect();
        // Prefer those already taking part.
        let inside: Vec<usize> = found
            .iter()
            .copied()
            .filter(|i| slots.iter().any(|s| s.person == *i))
            .collect();
        match (inside.len(), found.len()) {
            (1, _) => Some(inside[0]),
            (0, 1) => Some(found[0]),
            _ => None,
        }
    };
    match dem {
        Some(code) => {
            let of = |i: usize| {
                r.people[i]
                    .country
                    .as_ref()
                    .is_some_and(|c| c.value == code)
            };
            // Outside the meeting sentence a title names a participant only
            // if they hold that office.
            // Else a person of that country whose offices share a word with
            // it ("Minister"), or who is named without one; an "Ambassador"
            // is not the President.
            let akin = |i: usize| {
                let titles = &r.people[i].titles;
                titles.is_empty()
                    || role.is_empty()
                    || titles.iter().any(|t| {
                        let t = t.value.to_lowercase();
                        role.split_whitespace()
                            .any(|w| t.split_whitespace().any(|x| x == w))
                    })
            };
            pick(&|i| of(i) && (role.is_empty() || holds(i)))
                .or_else(|| any.then(|| pick(&|i| of(i) && akin(i))).flatten())
        }
        None => pick(&holds),
    }
}

/// The country of a government site the page was saved from, where its
/// front matter names the address (`source_url: https://www.whitehouse.gov/…`):
/// `.gov` and `.mil` are American; a ministry's host in a country-code
/// domain is that country's.
fn publisher(text: &str) -> Option<Spanned<String>> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?m)^(?:source_url|url|source|link|canonical_url|canonical):\s*["']?https?://(?P<host>[A-Za-z0-9.\-]+)"#)
            .expect("source regex")
    });
    let mut cut = text.len().min(4000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let c = SOURCE.captures(head)?;
    let h = c.name("host")?;
    let host = h.as_str().to_ascii_lowercase();
    let code = if host.ends_with(".gov") || host.ends_with(".mil") {
        "US".to_owned()
    } else {
        let government = [
            "gov",
            "mfa",
            "mofa",
            "fmprc",
            "mid.ru",
            "kremlin",
            "mea.",
            "president",
            "government",
            "diplomatie",
            "auswaertiges",
        ];
        if !government.iter().any(|g| host.contains(g)) {
            return None;
        }
        let tld = host.rsplit('.').next()?;
        if tld.len() != 2 {
            return None;
        }
        if tld == "uk" {
            "GB".to_owned()
        } else {
            tld.to_ascii_uppercase()
        }
    };
    Some(Spanned::new(code, h.start(), h.end()))
}

fn assign_countries(
    r: &mut Reader<'_>,
    slots: &[Slot],
    blocks: &[(usize, usize)],
    publisher: Option<Spanned<String>>,
) {
    if slots
        .iter()
        .all(|s| r.people[s.person].country.is_some() || r.people[s.person].international)
    {
        return;
    }
    // Count the countries the body names.
    let mut counts: Vec<(String, usize, usize, usize, usize)> = Vec::new(); // code, count, first, s, e
    for &(bs, be) in blocks {
        for m in r.c.country_re.find_iter(&r.text[bs..be]) {
            let Some(code) = r.c.countries.country(m.as_str()) else {
                continue;
            };
            let (s, e) = (bs + m.start(), bs + m.end());
            match counts.iter_mut().find(|c| c.0 == code) {
                Some(c) => c.1 += 1,
                None => counts.push((code.to_owned(), 1, s, s, e)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    // An office only one country has ("Secretary of State").
    for s in slots {
        let p = &r.people[s.person];
        if p.country.is_some() || p.international {
            continue;
        }
        let found = p.titles.iter().find_map(|t| {
            let lower = t.value.to_lowercase();
            r.c.offices
                .iter()
                .find(|(o, _)| {
                    lower == *o
                        || lower.starts_with(&format!("{o} "))
                        || lower.ends_with(&format!(" {o}"))
                        || lower.contains(&format!(" {o} "))
                })
                .map(|(_, code)| Spanned::new(code.clone(), t.start, t.end))
        });
        if found.is_some() {
            r.people[s.person].country = found;
        }
    }
    // The publishing government speaks for the side it does not qualify.
    if let Some(p) = publisher {
        let taken = slots.iter().any(|o| {
            r.people[o.person]
                .country
                .as_ref()
                .is_some_and(|c| c.value == p.value)
        });
        if !taken
            && let Some(s) = slots
                .iter()
                .find(|s| r.people[s.person].country.is_none() && !r.people[s.person].international)
        {
            r.people[s.person].country = Some(p);
        }
    }
    for s in slots {
        if r.people[s.person].country.is_some() || r.people[s.person].international {
            continue;
        }
        let taken: HashSet<String> = slots
            .iter()
            .filter_map(|o| r.people[o.person].country.as_ref().map(|c| c.value.clone()))
            .collect();
        if let Some(c) = counts.iter().find(|c| !taken.contains(&c.0)) {
            r.people[s.person].country = Some(Spanned::new(c.0.clone(), c.3, c.4));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn meeting_date(
    full: &str,
    earlier: &[(usize, usize)],
    sent: &str,
    ts: usize,
    reference: Option<NaiveDate>,
    dl: Option<&Dateline>,
    layout: &Layout,
    dl_date: Option<NaiveDate>,
) -> (Option<Spanned<String>>, Option<DateBasis>) {
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    if let Some(found) = sentence_date(sent, ts, reference) {
        return found;
    }
    // The meeting sentence names no day: an earlier sentence of the same
    // account that reports the meeting does ("began talks on Saturday. …
    // Blinken is meeting his counterpart …").
    for &(s, e) in earlier {
        let text_s = &full[s..e];
        if scan::may_meet(text_s)
            && MEET
                .find_iter(text_s)
                .any(|m| !joint(m.as_str()) && !planned(&text_s[..m.start()]))
            && let Some(found) = sentence_date(text_s, s, reference)
        {
            return found;
        }
    }
    if let (Some(d), Some(date)) = (dl.and_then(|d| d.date.as_ref()), dl_date) {
        return (
            Some(Spanned::new(fmt(date), d.start, d.end)),
            Some(DateBasis::Dateline),
        );
    }
    if let Some(p) = &layout.published
        && let Some(d) = dates::iso(&p.value)
    {
        return (
            Some(Spanned::new(fmt(d), p.start, p.end)),
            Some(DateBasis::Published),
        );
    }
    (None, None)
}

/// The day of a meeting whose sentence names none, from the account that
/// follows it: the lead under a headline that reports the meeting, or a
/// later sentence that reports the participants meeting ("The two leaders
/// met … on Tuesday"). Only a day within a week of the publication date.
fn later_day(
    text: &str,
    r: &Reader<'_>,
    layout: &Layout,
    reference: Option<NaiveDate>,
    (ts, te): (usize, usize),
    sentences: &[(usize, usize)],
    participants: &HashSet<usize>,
) -> Option<(Option<Spanned<String>>, Option<DateBasis>)> {
    let reference = reference?;
    let involved = |s: usize, e: usize| {
        r.mentions
            .iter()
            .any(|m| m.start >= s && m.end <= e && participants.contains(&m.person))
    };
    let near = |found: &(Option<Spanned<String>>, Option<DateBasis>)| {
        found
            .0
            .as_ref()
            .and_then(|d| dates::iso(&d.value))
            .is_some_and(|d| (d - reference).num_days().abs() <= 7)
    };
    let from_headline = layout.headline.as_ref().is_some_and(|h| h.start == ts);
    if from_headline
        && let Some(&(s, e)) = sentences.first()
        && involved(s, e)
        && let Some(found) = sentence_date(&text[s..e], s, Some(reference))
        && near(&found)
    {
        return Some(found);
    }
    for &(s, e) in sentences.iter().filter(|x| x.0 >= te) {
        let sent = &text[s..e];
        let reports = MEET
            .find_iter(sent)
            .any(|m| !joint(m.as_str()) && !planned(&sent[..m.start()]));
        let joint = ["The two", "They ", "Both "]
            .iter()
            .any(|w| sent.starts_with(w));
        if reports
            && (involved(s, e) || joint)
            && let Some(found) = sentence_date(sent, s, Some(reference))
            && near(&found)
        {
            return Some(found);
        }
    }
    None
}

/// The day a sentence gives its meeting: a date it is "on" (or that opens
/// the sentence), else a relative day, else its only date.
fn sentence_date(
    sent: &str,
    ts: usize,
    reference: Option<NaiveDate>,
) -> Option<(Option<Spanned<String>>, Option<DateBasis>)> {
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let found = dates::absolute(sent, reference);
    // A date the meeting is "on" (or that opens the sentence) is its day;
    // another date in the sentence may be of something else.
    let on = found.iter().find(|f| {
        let before = sent[..f.start].trim_end();
        let before = before.trim_end_matches(',');
        let before = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ]
        .iter()
        .find_map(|d| before.strip_suffix(d))
        .map_or(before, str::trim_end);
        before.is_empty() || before.ends_with(" on") || before.ends_with("On") || before == "on"
    });
    let relative = reference.and_then(|r| dates::relative(sent, r));
    let first = match (on, &relative) {
        (Some(f), _) => Some(f),
        (None, Some(_)) => None,
        (None, None) => found.first(),
    };
    if let Some(f) = first {
        let mut end = ts + f.end;
        // "local time" belongs to the stated date.
        let rest = &sent[f.end..];
        let t = rest.trim_start_matches([',', ' ']);
        if t.starts_with("local time") {
            end = ts + f.end + (rest.len() - t.len()) + "local time".len();
        }
        return Some((
            Some(Spanned::new(fmt(f.date), ts + f.start, end)),
            Some(DateBasis::Stated),
        ));
    }
    let f = dates::relative(sent, reference?)?;
    Some((
        Some(Spanned::new(fmt(f.date), ts + f.start, ts + f.end)),
        Some(DateBasis::Relative),
    ))
}

fn meeting_kind(
    text: &str,
    ts: usize,
    te: usize,
    vs: usize,
    ve: usize,
    head: Option<&Spanned<String>>,
) -> (MeetingKind, Option<(usize, usize)>) {
    let sent = &text[ts..te];
    if let Some(m) = VIA_VIDEO.find(sent) {
        return (MeetingKind::VideoCall, Some((ts + m.start(), ts + m.end())));
    }
    let verb = &text[vs..ve];
    if let Some(c) = MEET.captures(verb) {
        if c.name("video").is_some() {
            return (MeetingKind::VideoCall, Some((vs, ve)));
        }
        if c.name("phone").is_some() {
            return (MeetingKind::PhoneCall, Some((vs, ve)));
        }
    }
    if let Some(m) = VIA_PHONE.find(sent) {
        return (MeetingKind::PhoneCall, Some((ts + m.start(), ts + m.end())));
    }
    // A headline may say what the sentence leaves open ("Call with").
    if let Some(h) = head {
        let ht = &text[h.start..h.end];
        if let Some(m) = VIA_VIDEO.find(ht) {
            return (
                MeetingKind::VideoCall,
                Some((h.start + m.start(), h.start + m.end())),
            );
        }
        if let Some(m) = VIA_PHONE.find(ht)
            && (verb.contains("spoke") || verb.contains("talked"))
        {
            return (
                MeetingKind::PhoneCall,
                Some((h.start + m.start(), h.start + m.end())),
            );
        }
    }
    if let Some(c) = MEET.captures(verb) {
        if c.name("talks").is_some() {
            return (MeetingKind::Talks, Some((vs, ve)));
        }
        if c.name("phone").is_some() {
            return (MeetingKind::PhoneCall, Some((vs, ve)));
        }
    }
    if verb.starts_with("spoke") || verb.starts_with("talked") {
        return (MeetingKind::PhoneCall, Some((vs, ve)));
    }
    // "visited New Zealand … for talks with", "meet with … in talks over".
    if let Some(k) = text[ve..te].find(" talks") {
        let before = text[ve..ve + k].trim_end();
        if before.ends_with(" for") || before.ends_with(" in") {
            return (MeetingKind::Talks, Some((ve + k + 1, ve + k + 6)));
        }
    }
    (MeetingKind::Meeting, Some((vs, ve)))
}

/// Last words of capitalised phrases that name bodies, places or events,
/// not people ("Pacific Islands Forum", "Cold War", "Great Hall").
const NOT_A_PERSON: &[&str] = &[
    "Forum",
    "Islands",
    "Council",
    "Summit",
    "Ministry",
    "Commission",
    "Union",
    "Organisation",
    "Organization",
    "Agency",
    "Court",
    "Assembly",
    "Party",
    "Group",
    "Bank",
    "Fund",
    "Branch",
    "War",
    "Sea",
    "Ocean",
    "Peninsula",
    "Strait",
    "House",
    "Palace",
    "Hall",
    "Centre",
    "Center",
    "University",
    "Institute",
    "Committee",
    "Office",
    "Department",
    "Government",
    "Forces",
    "Army",
    "Navy",
    "Conference",
    "Airport",
    "Hotel",
    "Square",
    "Street",
    "Treaty",
    "Agreement",
    "Declaration",
    "Initiative",
    "Cooperation",
    "Community",
    "Region",
    "Province",
    "Republic",
];

/// Nouns after which "in X" is where something else is or happens.
const NOT_A_VENUE: &[&str] = &[
    "war",
    "wars",
    "conflict",
    "crisis",
    "situation",
    "fighting",
    "violence",
    "invasion",
    "aggression",
    "attack",
    "attacks",
    "offensive",
    "interests",
    "investment",
    "investments",
    "embassy",
    "elections",
    "election",
    "killings",
    "operations",
    "presence",
    "troops",
    "forces",
    "people",
    "community",
    "communities",
    "hostages",
    "death",
    "deaths",
];

fn place_in(c: &Compiled, text: &str, ts: usize, te: usize) -> PlaceMention {
    let sent = &text[ts..te];
    let mut place = PlaceMention::default();
    let sp = |s: usize, e: usize, v: String| Some(Spanned::new(v, ts + s, ts + e));
    for m in PLACE.captures_iter(sent) {
        // "its war in Ukraine", "investments in China": a place of
        // something else than the meeting.
        let word_before = sent[..m.get(0).expect("match").start()]
            .trim_end()
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or_default();
        if NOT_A_VENUE.contains(&word_before.to_lowercase().as_str()) {
            continue;
        }
        let a = m.name("a").expect("group a");
        let (a_txt, a_s, mut a_e) = (a.as_str(), a.start(), a.end());
        // "Washington, D.C." and trailing periods of the sentence.
        let a_trim = a_txt.trim_end_matches('.');
        a_e -= a_txt.len() - a_trim.len();
        let b = m.name("b");
        let of = m.name("c");
        if let Some(code) = c.countries.country(a_trim) {
            if place.country.is_none() {
                place.country = sp(a_s, a_e, code.to_owned());
            }
            if place.city.is_some() || place.country.is_some() {
                break;
            }
            continue;
        }
        // A seat of government stands for its city.
        if let Some((city, code)) = c.countries.landmark(a_trim) {
            place.city = sp(a_s, a_e, city.to_owned());
            place.country = sp(a_s, a_e, code.to_owned());
            break;
        }
        // "Tokyo Japan": a city and its country without a comma.
        if let Some(k) = a_trim.rfind(' ') {
            let (city, country) = (&a_trim[..k], &a_trim[k + 1..]);
            if let (Some(code), Some(cc)) = (c.countries.country(country), c.countries.city(city))
                && code == cc
            {
                place.city = sp(a_s, a_s + k, city.to_owned());
                place.country = sp(a_s + k + 1, a_e, code.to_owned());
                break;
            }
        }
        let city_code = c.countries.city(a_trim);
        let region = b.filter(|b| {
            let t = b.as_str().trim_end_matches('.');
            c.countries.region(t).is_some()
                || [
                    "Province",
                    "Oblast",
                    "Region",
                    "State",
                    "Prefecture",
                    "County",
                    "Krai",
                ]
                .iter()
                .any(|w| t.ends_with(w))
        });
        let b_country = b.and_then(|b| {
            c.countries
                .country(b.as_str().trim_end_matches('.'))
                .map(|k| (b, k))
        });
        let of_country = of.and_then(|o| {
            c.countries
                .country(o.as_str().trim_end_matches('.'))
                .map(|k| (o, k))
        });
        // "at the Presidential Guest House, Davao": a venue, then its city.
        if city_code.is_none()
            && let Some(b) = b
            && let Some(code) = c.countries.city(b.as_str().trim_end_matches('.'))
        {
            let t = b.as_str().trim_end_matches('.');
            place.city = sp(b.start(), b.start() + t.len(), t.to_owned());
            place.country = sp(b.start(), b.start() + t.len(), code.to_owned());
            break;
        }
        if city_code.is_none() && region.is_none() && b_country.is_none() && of_country.is_none() {
            if c.countries.region(a_trim).is_some() {
                place.region = sp(a_s, a_e, a_trim.to_owned());
                place.country = c
                    .countries
                    .region(a_trim)
                    .and_then(|k| sp(a_s, a_e, k.to_owned()));
                break;
            }
            continue;
        }
        place.city = sp(a_s, a_e, a_trim.to_owned());
        if let Some(code) = city_code {
            place.country = sp(a_s, a_e, code.to_owned());
        }
        if let Some(r) = region {
            let t = r.as_str().trim_end_matches('.');
            place.region = sp(r.start(), r.start() + t.len(), t.to_owned());
            if let Some(k) = c.countries.region(t) {
                place.country = sp(r.start(), r.start() + t.len(), k.to_owned());
            }
        }
        if let Some((w, k)) = b_country.or(of_country) {
            let t = w.as_str().trim_end_matches('.');
            place.country = sp(w.start(), w.start() + t.len(), k.to_owned());
        }
        break;
    }
    if place.country.is_none() {
        for m in CAME_TO.captures_iter(sent) {
            let Some(g) = m.name("c").or(m.name("v")) else {
                continue;
            };
            if let Some(k) = c.countries.country(g.as_str()) {
                place.country = sp(g.start(), g.end(), k.to_owned());
                break;
            }
            if let Some(k) = c.countries.city(g.as_str()) {
                place.city = sp(g.start(), g.end(), g.as_str().to_owned());
                place.country = sp(g.start(), g.end(), k.to_owned());
                break;
            }
        }
    }
    place
}

fn occasion_in(text: &str, ts: usize, te: usize) -> Option<Spanned<String>> {
    static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s+(?:in|at|on|from)\s+(?:\p{Lu}|\d)|\s+(?:held|which|where|that|and\s+(?:met|held|had))(?-u:\b)").expect("regex")
    });
    let sent = &text[ts..te];
    let mut from = 0;
    while let Some(m) = OCCASION.captures_at(sent, from) {
        let o = m.name("o")?;
        from = o.start();
        // "during their meeting …", "during his talks with … on the
        // sidelines of X": the meeting itself, not its occasion.
        let first = o.as_str().split_whitespace().next().unwrap_or_default();
        if matches!(
            first,
            "meeting"
                | "talks"
                | "discussions"
                | "conversation"
                | "call"
                | "visit"
                | "banquet"
                | "dinner"
                | "telephone"
                | "phone"
                | "bilateral"
                | "state"
                | "official"
                | "stay"
        ) {
            continue;
        }
        let mut v = o.as_str();
        if let Some(cut) = IN_PLACE.find(v) {
            v = &v[..cut.start()];
        }
        let v = v.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
        // An occasion has a name: a capital or a digit.
        if v.len() < 3 || !v.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        return Some(Spanned::new(
            v.to_owned(),
            ts + o.start(),
            ts + o.start() + v.len(),
        ));
    }
    None
}

static POST_NOMINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*\p{Lu}{2,4}(?:\s|$)").expect("post-nominal regex"));
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:said|says|told|noted|recalled|stated|added|stressed|according|reported|expected|will|would|plans?|planned)(?-u:\b)")
        .expect("speech regex")
});
static JOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Bb]oth\s+(?:sides|parties|ministers|leaders|officials|men)|[Bb]oth(?:\s+of\s+them)?|[Tt]he\s+two\s+(?:sides|counterparts|[Ff]oreign\s+[Mm]inisters|ministers|leaders|parties|officials|diplomats|presidents|top\s+diplomats|heads\s+of\s+state)|[Tt]hey|[Tt]he\s+(?:leaders|ministers|sides|parties))(?-u:\b)")
        .expect("joint regex")
});
static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:He|She)(?-u:\b)").expect("pronoun regex"));
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:In|On|During|At|As|For|Regarding|With|Over|Under|Turning|Looking|Speaking|Finally|Meanwhile|Moreover|Furthermore|However|Besides|Additionally|Then|Also|Further|Lastly|Later|Earlier|Separately|Specifically|In addition|In particular)(?-u:\b)[^,]{0,80},\s*)")
        .expect("intro regex")
});

fn statements(
    c: &Compiled,
    text: &str,
    sentences: &[(usize, usize)],
    trigger: (usize, usize),
    order: &[usize],
    refs: &[(usize, usize, usize)],
) -> Vec<StatementMention> {
    let _ = c;
    let mut out: Vec<StatementMention> = Vec::new();
    let mut last_single: Option<usize> = None;
    let mut prev_was_statement = false;
    let index = |p: usize| order.iter().position(|&q| q == p);
    for &(s, e) in sentences {
        if s < trigger.1 && trigger.0 < e {
            prev_was_statement = false;
            continue;
        }
        let sent = &text[s..e];
        let intro = INTRO.find(sent).map_or(0, |m| m.end());
        let subj = s + intro;
        let rest = &text[subj..e];
        let mut speakers: Vec<usize> = Vec::new();
        if JOINT.is_match(rest) {
            if order.len() > 1 {
                speakers = (0..order.len()).collect();
            }
        } else if PRONOUN.is_match(rest) {
            if let Some(i) = last_single.and_then(index) {
                speakers.push(i);
            }
        } else {
            // References at the start, joined by "and" (title words and
            // "the" may stand before a name).
            let mut at = subj;
            loop {
                let skip = text[at..e].len()
                    - text[at..e]
                        .trim_start_matches(|c: char| c.is_whitespace())
                        .len();
                let pos = at + skip;
                let hit = refs.iter().find(|&&(rs, _, _)| {
                    rs >= pos && rs <= pos + 4 && {
                        let gap = text[pos..rs].trim();
                        gap.is_empty()
                            || matches!(
                                gap,
                                "The" | "the" | "Mr." | "Ms." | "Mrs." | "Dr." | "Mr" | "Ms"
                            )
                    }
                });
                let Some(&(_, re, p)) = hit else { break };
                let re = re.min(e);
                if let Some(i) = index(p)
                    && !speakers.contains(&i)
                {
                    speakers.push(i);
                }
                let after = text[re..e].trim_start();
                if let Some(a) = after.strip_prefix("and ") {
                    at = e - a.len();
                } else {
                    // The subject must be followed by its verb.
                    let next = after.chars().next();
                    if !next
                        .is_some_and(|ch| ch.is_lowercase() || ch == ',' || ch == '’' || ch == '\'')
                    {
                        speakers.clear();
                    }
                    break;
                }
            }
        }
        if !speakers.is_empty() {
            speakers.sort_unstable();
            if speakers.len() == 1 {
                last_single = Some(order[speakers[0]]);
            }
            let speakers_idx = speakers;
            out.push(StatementMention {
                speakers: speakers_idx,
                text: Spanned::new(sent.to_owned(), s, e),
            });
            prev_was_statement = true;
            continue;
        }
        // A sentence with no subject of its own continues the statement
        // before it in the same paragraph.
        if prev_was_statement && let Some(last) = out.last_mut() {
            let gap = &text[last.text.end..s];
            if !gap.contains('\n') && gap.trim().is_empty() {
                last.text = Spanned::new(text[last.text.start..e].to_owned(), last.text.start, e);
                continue;
            }
        }
        prev_was_statement = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{MEET, joint};
    use crate::{Input, Markup, MeetingMention, parse};
    use readout_model::{DateBasis, MeetingKind};

    #[test]
    fn the_joint_branch_is_told_by_the_text_of_the_match() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut seen = [0, 0];
        for dir in ["seeds", "tests/corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("directory") {
                let path = entry.expect("entry").path();
                if !path.extension().is_some_and(|x| x == "txt" || x == "html") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("text");
                for c in MEET.captures_iter(&text) {
                    let m = c.get(0).expect("match");
                    let by_group = c.name("joint").is_some();
                    assert_eq!(joint(m.as_str()), by_group, "{:?}", m.as_str());
                    seen[usize::from(by_group)] += 1;
                }
            }
        }
        assert!(seen[0] > 100 && seen[1] > 10, "{seen:?}");
        for phrase in [
            "agreed",
            "They agree",
            "She agrees",
            "exchanged\n views",
            "discussed",
            "discussed trade with",
            "met",
            "held talks",
            "spoke with",
        ] {
            let c = MEET.captures(phrase).expect(phrase);
            assert_eq!(joint(&c[0]), c.name("joint").is_some(), "{phrase}");
        }
    }

    fn meetings(text: &str) -> Vec<MeetingMention> {
        parse(&Input {
            path: None,
            bytes: text.as_bytes(),
            markup: Markup::Text,
        })
        .meetings
    }

    fn value(s: &Option<crate::Spanned<String>>) -> Option<&str> {
        s.as_ref().map(|s| s.value.as_str())
    }

    #[test]
    fn a_phone_call_on_a_relative_day_has_no_place() {
        let m = meetings(
            "Ministers speak\n2024-04-03 10:00\n\nOn Monday, Foreign Minister Wang Yi held a phone call with French Foreign Minister Stéphane Séjourné in Beijing.\n\nWang Yi said the two sides should keep in touch.",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].kind, MeetingKind::PhoneCall);
        assert_eq!(value(&m[0].date), Some("2024-04-01"));
        assert_eq!(m[0].date_basis, Some(DateBasis::Relative));
        assert_eq!(m[0].place.city, None);
        assert_eq!(value(&m[0].participants[1].country), Some("FR"));
    }

    #[test]
    fn a_meeting_sentence_without_a_day_takes_the_day_of_the_lead() {
        let m = meetings(
            "Diplomats meet\n2024-07-27 15:14\n\nThe top diplomats of two powers began talks in Laos on Thursday. Secretary of State Antony Blinken is meeting his Chinese counterpart Foreign Minister Wang Yi in Vientiane.",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(value(&m[0].date), Some("2024-07-25"));
        assert_eq!(m[0].date_basis, Some(DateBasis::Relative));
    }

    #[test]
    fn a_landmark_meeting_with_an_ambassador_to_a_country() {
        let found = parse(&Input {
            path: None,
            bytes: "MOSCOW, March 3. /TASS/. President Vladimir Putin held a landmark meeting in Istanbul with U.S. Ambassador to Turkey Tom Barrack.".as_bytes(),
            markup: Markup::Text,
        });
        assert_eq!(found.document.outlet.as_deref(), Some("TASS"));
        assert_eq!(
            found.dateline.as_ref().and_then(|d| value(&d.place)),
            Some("MOSCOW")
        );
        let m = &found.meetings;
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].participants.len(), 2);
        assert_eq!(m[0].kind, MeetingKind::Meeting);
    }

    #[test]
    fn portfolios_initials_and_post_nominals() {
        let found = parse(&Input {
            path: None,
            bytes: "Minister for Law Mr K Shanmugam met with Ukraine Minister of Justice Pavlo Petrenko on 7 August 2019. Minister Shanmugam and Senior Minister of State for Law Edwin Tong, SC also met with Kazakhstan Minister of Justice Marat Beketayev.".as_bytes(),
            markup: Markup::Text,
        });
        let m = &found.meetings;
        assert_eq!(m.len(), 2);
        let names = |k: usize| -> Vec<String> {
            m[k].participants.iter().map(|p| p.name.clone()).collect()
        };
        assert_eq!(names(0), ["K Shanmugam", "Pavlo Petrenko"]);
        assert_eq!(names(1).len(), 3);
        assert_eq!(value(&m[0].participants[1].country), Some("UA"));
    }

    #[test]
    fn a_dateline_city_in_the_country_of_the_meeting_and_an_apposed_title() {
        let m = meetings(
            "SKOPJE, North Macedonia, June 3. President of the Republic of Serbia, Aleksandar Vucic, met with Prime Minister of Albania Edi Rama in North Macedonia as part of the 2nd summit of the Western Balkans Forum (WBF), agencies report.",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(value(&m[0].place.city), Some("Skopje"));
        assert_eq!(value(&m[0].place.country), Some("MK"));
        assert_eq!(
            value(&m[0].occasion),
            Some("2nd summit of the Western Balkans Forum (WBF)")
        );
        assert_eq!(value(&m[0].participants[0].country), Some("RS"));
        assert_eq!(value(&m[0].participants[1].country), Some("AL"));
    }

    #[test]
    fn video_link_and_a_city_of_a_country() {
        let m = meetings(
            "On 5 May 2022, President Xi Jinping held talks via video link with Chancellor Olaf Scholz of Germany.",
        );
        assert_eq!(m[0].kind, MeetingKind::VideoCall);
        let m = meetings(
            "On February 16, 2017 local time, Foreign Minister Wang Yi, who was in Bonn of Germany for the G20 Foreign Ministers' Meeting, met with Foreign Minister Sergei Lavrov of Russia.",
        );
        assert_eq!(value(&m[0].place.city), Some("Bonn"));
        assert_eq!(value(&m[0].place.country), Some("DE"));
        assert_eq!(
            value(&m[0].occasion),
            Some("G20 Foreign Ministers' Meeting")
        );
        assert_eq!(value(&m[0].date), Some("2017-02-16"));
        assert_eq!(
            m[0].date.as_ref().unwrap().end - m[0].date.as_ref().unwrap().start,
            "February 16, 2017 local time".len()
        );
    }

    #[test]
    fn a_side_named_by_title_is_linked_and_a_recalled_president_is_a_mention() {
        let text = "Chinese Foreign Minister meets his Russian counterpart\n\nMoscow, 1 May 2023: Chinese Foreign Minister Qin Gang met with Russian Foreign Minister Sergei Lavrov.\n\nChinese Foreign Minister expressed that President Xi Jinping's visit was a success. He added that ties are strong.\n\nBoth sides agreed to cooperate on Afghanistan.";
        let found = parse(&Input {
            path: None,
            bytes: text.as_bytes(),
            markup: Markup::Text,
        });
        let m = &found.meetings[0];
        assert_eq!(m.participants.len(), 2);
        assert_eq!(value(&m.place.city), Some("Moscow"));
        assert_eq!(m.date_basis, Some(DateBasis::Dateline));
        assert_eq!(found.document.published.as_deref(), Some("2023-05-01"));
        let speakers: Vec<&Vec<usize>> = m.statements.iter().map(|s| &s.speakers).collect();
        // "He added …" is the last named speaker's.
        assert_eq!(speakers, vec![&vec![0], &vec![0], &vec![0, 1]]);
        assert_eq!(m.statements[1].text.value, "He added that ties are strong.");
        assert!(found.mentions.iter().any(|p| p.value == "Xi Jinping"));
        assert!(m.topics.iter().any(|t| t.id == "afghanistan"));
    }

    #[test]
    fn a_press_conference_and_a_planned_meeting_report_no_meeting() {
        assert!(meetings("Foreign Ministry Spokesperson's Regular Press Conference\n\nQ: What is China's comment on the Ukraine crisis?\n\nA: China's position is consistent.").is_empty());
        assert!(meetings("President Lee Jae Myung will hold talks with President Xi Jinping in Beijing on Monday.").is_empty());
    }

    #[test]
    fn a_meeting_named_only_by_a_noun_is_read() {
        let m = meetings(
            "Ties on track\n2016-10-20\n\nPresident Xi Jinping said on Thursday that dialogue matters. Xi made the comment during talks with Philippine President Rodrigo Duterte in Beijing.",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].kind, MeetingKind::Talks);
        assert_eq!(m[0].participants.len(), 2);
        let m = meetings(
            "Statement\n2016-09-12\n\nForeign Secretary Perfecto Yasay said in a statement that President Rodrigo Duterte has told President Joko Widodo during their bilateral meeting in Jakarta last Friday that he respects the courts.",
        );
        assert_eq!(m.len(), 1);
        let names: Vec<&str> = m[0].participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Rodrigo Duterte", "Joko Widodo"]);
        assert_eq!(value(&m[0].date), Some("2016-09-09"));
    }

    #[test]
    fn the_creator_of_a_first_person_release_takes_part() {
        let m = meetings(
            "---\ntitle: \"Meeting with a minister.\"\ndate: \"2002-04-03\"\ncreators:\n  - \"Downer, Alexander\"\n  - \"Liberal Party of Australia\"\n---\n\nI had the pleasure today of meeting in Melbourne with the Minister for Public Works, Dr Abdul Khaliq Fazal.\n\nI assured Dr Fazal of our support.",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].participants[0].name, "Alexander Downer");
        assert_eq!(m[0].participants[1].name, "Abdul Khaliq Fazal");
        assert_eq!(value(&m[0].place.city), Some("Melbourne"));
        assert!(m[0].statements.iter().any(|s| s.speakers == vec![0]));
    }

    #[test]
    fn a_future_in_the_clause_and_two_countries_relations() {
        assert!(meetings("Duterte starts state visit\n\nBANDAR SERI BEGAWAN, Oct. 16 (Xinhua) -- President Rodrigo Duterte is scheduled to be accorded an official welcome on Monday before a bilateral meeting with Sultan Haji Hassanal Bolkiah.").is_empty());
        let m = meetings(
            "Talks\n2016-10-20\n\nChinese President Xi Jinping held talks with Philippine President Rodrigo Duterte in Beijing on Thursday on China-Philippines relations and the war in Ukraine.",
        );
        assert!(
            m[0].topics
                .iter()
                .any(|t| t.label == "China-Philippines relations")
        );
        assert_eq!(value(&m[0].place.city), Some("Beijing"));
    }
}
