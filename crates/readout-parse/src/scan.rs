//! Fast paths for the reader: searches that give the same answers as the
//! general matchers they stand in for, at a fraction of their cost on the
//! short texts of a report.

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Words one of which every match of the meeting regex (`MEET` in
/// `read.rs`) holds, as written (it is case-sensitive): a text with none of
/// them reports no meeting, and the regex need not run. A branch added to
/// that regex must hold one of these words, or have its own added here.
const MEETING_WORDS: &[&str] = &[
    "video",
    "virtual",
    "phone",
    "call",
    "Call",
    "Conversation",
    "spoke",
    "speaks",
    "talked",
    "talks",
    "met",
    "meet",
    "receive",
    "host",
    "visit",
    "discussions",
    "agree",
    // Meetings named by a noun or a phrase ("during their state banquet",
    // "told visiting", "X and I exchanged views", "discussed … with",
    // "participated in the Summit alongside").
    "told",
    "banquet",
    "summit",
    "Summit",
    "dinner",
    "luncheon",
    "Meeting",
    "Talks",
    "exchanged",
    "discussed",
    "participated",
    "took part",
];

static MEETING: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(MEETING_WORDS).expect("meeting words"));

/// Whether `text` may hold a meeting verb: false when the meeting regex
/// cannot match it.
pub(crate) fn may_meet(text: &str) -> bool {
    MEETING.is_match(text)
}

/// Whether `text` may hold "his Chinese counterpart": false when the
/// counterpart regex, which needs the word, cannot match it.
pub(crate) fn may_name_counterpart(text: &str) -> bool {
    text.contains("counterpart")
}

/// The captures of the matches of `re` in `hay` (which starts at `base` in
/// the text) that overlap none of the `claimed` spans of the text, in order:
/// what `captures_iter` gives less the matches a caller skips as claimed,
/// whose groups are then never resolved (the costly part of a search).
pub(crate) fn captures_unclaimed<'h>(
    re: &Regex,
    hay: &'h str,
    base: usize,
    claimed: &[(usize, usize)],
) -> Vec<Captures<'h>> {
    re.find_iter(hay)
        .filter(|m| {
            let (s, e) = (base + m.start(), base + m.end());
            !claimed.iter().any(|&(a, b)| s < b && a < e)
        })
        // The match found from its own start is the same match.
        .filter_map(|m| re.captures_at(hay, m.start()))
        .collect()
}

/// The non-overlapping matches of `patterns` in `hay`, leftmost first and,
/// of those starting at one place, the longest (then the first given): what
/// an Aho-Corasick automaton built with `MatchKind::LeftmostLongest` finds,
/// without building one. For the few names a document holds, searching for
/// each is much cheaper than building an automaton per document.
///
/// `patterns` are searched for as given (`Finder::new(pattern)`). Returns
/// `(start, end, pattern index)`.
pub(crate) fn leftmost_longest(hay: &str, patterns: &[Finder<'_>]) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (k, p) in patterns.iter().enumerate() {
        let len = p.needle().len();
        if len == 0 {
            continue;
        }
        let mut from = 0;
        while let Some(i) = p.find(&hay.as_bytes()[from..]) {
            let s = from + i;
            found.push((s, s + len, k));
            // Occurrences may overlap: go on from the next character (a
            // match of UTF-8 in UTF-8 starts at a character).
            from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    let mut at = 0;
    for m in found {
        if m.0 >= at {
            at = m.1;
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    fn finders<'p>(patterns: &'p [&'p str]) -> Vec<Finder<'p>> {
        patterns.iter().map(Finder::new).collect()
    }

    fn automaton(hay: &str, patterns: &[&str]) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("automaton");
        ac.find_iter(hay)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn longest_at_the_leftmost_start_wins() {
        let pats = ["Wang", "Wang Yi", "Yi", "Lavrov"];
        let hay = "Wang Yi met Lavrov; Wang and Yi.";
        assert_eq!(
            leftmost_longest(hay, &finders(&pats)),
            vec![(0, 7, 1), (12, 18, 3), (20, 24, 0), (29, 31, 2)]
        );
        assert_eq!(
            leftmost_longest(hay, &finders(&pats)),
            automaton(hay, &pats)
        );
    }

    #[test]
    fn overlapping_and_repeated_forms() {
        let pats = ["aa", "aaa", "ab", "aa"];
        for hay in ["aaaa", "aab", "abaaab", "ёaaё"] {
            assert_eq!(
                leftmost_longest(hay, &finders(&pats)),
                automaton(hay, &pats),
                "{hay}"
            );
        }
    }

    /// Every text of the seeds and the corpus.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        for dir in ["seeds", "tests/corpus"] {
            for e in std::fs::read_dir(root.join(dir)).expect("directory") {
                let p = e.expect("entry").path();
                if p.extension().is_some_and(|x| x == "txt" || x == "html") {
                    out.push(std::fs::read_to_string(&p).expect("text"));
                }
            }
        }
        assert!(out.len() > 50, "the corpus is read");
        out
    }

    #[test]
    fn every_meeting_verb_holds_a_meeting_word() {
        let mut found = 0;
        for text in texts() {
            for m in crate::read::MEET.find_iter(&text) {
                assert!(
                    may_meet(m.as_str()),
                    "{:?} holds no meeting word",
                    m.as_str()
                );
                found += 1;
            }
        }
        assert!(found > 100);
        for phrase in [
            "held a video call with",
            "met virtually",
            "had a virtual",
            "held a phone call",
            "made a courtesy call",
            "Call with",
            "Conversation With",
            "spoke by phone",
            "talked again with",
            "called Lavrov",
            "began two days of talks",
            "talks were held",
            "is meeting",
            "received",
            "hosted",
            "visited",
            "held discussions",
            "discussions with",
            "agreed",
        ] {
            let m = crate::read::MEET.find(phrase).expect(phrase);
            assert!(may_meet(m.as_str()), "{phrase}");
        }
        assert!(!may_meet("The central bank left its rate unchanged."));
    }

    fn groups(c: &Captures<'_>) -> Vec<Option<(usize, usize)>> {
        c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()
    }

    #[test]
    fn unclaimed_captures_are_those_of_the_full_search() {
        let re = Regex::new(r"(?-u:\b)(?:(?P<dem>Chinese|Russian)\s+)?(?P<role>Foreign\s+Minister|Minister|President)(?-u:\b)").unwrap();
        let hay =
            "the Chinese Foreign Minister met President Xi and Russian Minister Lavrov; Minister";
        let all: Vec<_> = re.captures_iter(hay).map(|c| groups(&c)).collect();
        let got: Vec<_> = captures_unclaimed(&re, hay, 0, &[])
            .iter()
            .map(groups)
            .collect();
        assert_eq!(got, all);
        // A claimed span drops the matches it overlaps, and only those.
        let got: Vec<_> = captures_unclaimed(&re, &hay[4..], 4, &[(40, 45)])
            .iter()
            .map(|c| c.get(0).unwrap().as_str().to_owned())
            .collect();
        assert_eq!(
            got,
            ["Chinese Foreign Minister", "Russian Minister", "Minister"]
        );
    }

    proptest! {
        #[test]
        fn the_same_matches_as_an_automaton(
            hay in "[abc ё]{0,40}",
            pats in proptest::collection::vec("[abcё]{1,4}", 1..6),
        ) {
            let pats: Vec<&str> = pats.iter().map(String::as_str).collect();
            prop_assert_eq!(leftmost_longest(&hay, &finders(&pats)), automaton(&hay, &pats));
        }
    }
}
