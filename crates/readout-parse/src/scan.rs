//! Fast paths for the reader: searches that give the same answers as the
//! general matchers they stand in for, at a fraction of their cost on the
//! short texts of a report.

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use regex::Regex;
use regex_automata::{Anchored, Input, PatternID, meta};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The matches of `re` in `hay` (which starts at `base` in the text) that
/// overlap none of the `claimed` spans of the text, in order, with their
/// groups: what a capture search over `hay` gives less the matches a caller
/// skips as claimed, whose groups are then never resolved (the costly part
/// of a search). Match spans are relative to `hay`, groups to the match.
pub(crate) fn unclaimed_groups(
    re: &Memo,
    hay: &str,
    base: usize,
    claimed: &[(usize, usize)],
) -> Vec<(usize, usize, Groups)> {
    re.find_iter(hay)
        .filter(|&(ms, me)| {
            let (s, e) = (base + ms, base + me);
            !claimed.iter().any(|&(a, b)| s < b && a < e)
        })
        .map(|(ms, me)| (ms, me, re.groups(hay, ms, me)))
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

/// A test that a text may hold an office of the titles gazetteer, for
/// skipping the titled-name search (`person_re` in `read.rs`) where it cannot
/// match: every office it matches holds the longest word of a listed role,
/// or "Minister" (the portfolio offices), in some case.
///
/// A text that holds an office passes a second, sharper test before the
/// titled-name search runs: a titled name ends its title with an office
/// (the last word of a role or of a portfolio, or "Minister", in any case,
/// at a word's end) that is followed by "of"/"to" (its country or body) or
/// by the name (`,` and a space, then a capital or a name particle). Most
/// paragraphs with an office word ("the president said") have no such
/// place, and this small pattern is far cheaper than the titled-name one.
#[derive(Debug, Clone)]
pub(crate) struct OfficeGate {
    /// The words, any ASCII case; `None` when no word is required.
    words: Option<AhoCorasick>,
    /// An office's end before a name or a country; `None` when the
    /// gazetteer has an office this test cannot vouch for.
    end: Option<Regex>,
}

impl OfficeGate {
    /// The gate for the `roles` and `portfolios` of a gazetteer.
    pub(crate) fn new(roles: &[String], portfolios: &[String]) -> Self {
        let mut words: Vec<&str> = Vec::new();
        for r in roles {
            // The longest of the words a space separates (the office's
            // pattern matches each of them as written, in any case).
            words.push(r.split(' ').max_by_key(|w| w.len()).unwrap_or(""));
        }
        if !portfolios.is_empty() {
            words.push("Minister");
        }
        // A word that is empty or not ASCII (which case-folding could match
        // in other ways) or no word at all: no gate.
        let gated = !words.is_empty() && words.iter().all(|w| !w.is_empty() && w.is_ascii());
        OfficeGate {
            words: gated
                .then(|| {
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(&words)
                        .ok()
                })
                .flatten(),
            end: office_end(roles, portfolios),
        }
    }

    /// Whether `text` may hold a titled name: false when the titled-name
    /// pattern cannot match it (see the type's documentation).
    pub(crate) fn may_name(&self, text: &str) -> bool {
        self.may_hold(text) && self.end.as_ref().is_none_or(|re| re.is_match(text))
    }

    /// Whether `text` may hold an office: false when it holds none of the
    /// words in any ASCII case nor a character that matches an ASCII letter
    /// ignoring case (the Kelvin sign, the long s).
    pub(crate) fn may_hold(&self, text: &str) -> bool {
        match &self.words {
            None => true,
            Some(ac) => {
                ac.is_match(text)
                    || (memchr::memchr2(0xE2, 0xC5, text.as_bytes()).is_some()
                        && text.contains(['\u{212A}', '\u{17F}']))
            }
        }
    }
}

/// The place where a titled name's title ends: the last word of a role or
/// a portfolio, or "Minister", in any case (the same case folding as the
/// offices' own pattern), ending a word and followed by "of"/"to" and a
/// space, or by an optional comma, a space and what a name starts with (a
/// capital, which also starts every honorific, or a particle). `None` when
/// there is no role, or an office is empty or has a space at an edge, so
/// that its last word is not what its pattern ends with.
///
/// The titled-name pattern is `title ,?\s+ honorific? name`, its title
/// `… role of_country (sep … role of_country)*` with every role followed by
/// a word boundary and `of_country` starting `\s+(?:of|to)\s+`: its last
/// role is followed either by `of_country` or by `,?\s+` and the name.
fn office_end(roles: &[String], portfolios: &[String]) -> Option<Regex> {
    let plain = |w: &String| !w.is_empty() && w.trim() == w;
    if roles.is_empty() || !roles.iter().chain(portfolios).all(plain) {
        return None;
    }
    let mut last: Vec<&str> = roles
        .iter()
        .chain(portfolios)
        .filter_map(|w| w.rsplit(' ').next())
        .collect();
    last.push("Minister");
    last.sort_unstable();
    last.dedup();
    let words: Vec<String> = last.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&format!(
        r"(?i:{})(?-u:\b)(?:\s+(?:of|to)\s+|,?\s+(?:\p{{Lu}}|al|el|bin|ibn|de|da|van|von|der|del|dos|la|le))",
        words.join("|")
    ))
    .ok()
}

/// A large gazetteer regex whose capture groups are resolved once per
/// distinct match and then remembered (per thread, per parser).
///
/// Finding a match is a lazy-DFA scan; resolving its groups runs an engine
/// over the regex's whole NFA (tens of thousands of states for the
/// titled-name pattern), which costs far more than the scan. The groups of a
/// match are a function of its text and of whether the bytes on either side
/// of it are word bytes (the regex's only look-around is the ASCII word
/// boundary): the groups of "Foreign Minister Wang Yi" are resolved once,
/// however often a crawl names him. The regex is the `regex` crate's own
/// engine built with `regex::RegexBuilder`'s settings, so the matches and
/// groups are those a `regex::Regex` of the pattern gives.
#[derive(Debug, Clone)]
pub(crate) struct Memo {
    re: meta::Regex,
    /// The pattern, as given.
    #[cfg(test)]
    pattern: std::sync::Arc<str>,
    /// Tells the memos of two regexes apart.
    id: u64,
    /// Whether the pattern has no look-around but `(?-u:\b)`, so that the
    /// memo may be used.
    memo: bool,
}

/// The group spans of one match, relative to its start.
pub(crate) type Groups = Rc<[Option<(usize, usize)>]>;

/// At most this many matches are remembered per regex, context and thread
/// (a few megabytes; a crawl names a few thousand officials).
const MEMO_CAPACITY: usize = 1 << 13;

/// At most this many memos (regexes × contexts) are kept per thread: a
/// program that builds many parsers does not keep the memos of old ones.
const MEMOS_CAPACITY: usize = 32;

/// (regex id, word byte before, word byte after) → match text → groups.
type Memos = HashMap<(u64, bool, bool), HashMap<Box<str>, Groups>>;

thread_local! {
    static MEMOS: RefCell<Memos> = RefCell::new(HashMap::new());
}

impl Memo {
    /// `pattern` compiled as `regex::RegexBuilder::new(pattern)
    /// .size_limit(limit).dfa_size_limit(limit)` compiles it.
    pub(crate) fn new(pattern: &str, limit: usize) -> Result<Memo, Box<meta::BuildError>> {
        static IDS: AtomicU64 = AtomicU64::new(0);
        let config = meta::Config::new()
            .nfa_size_limit(Some(limit))
            .hybrid_cache_capacity(limit)
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(regex_automata::util::syntax::Config::new().utf8(true))
            .build(pattern)
            .map_err(Box::new)?;
        let rest = pattern.replace(r"(?-u:\b)", "");
        let memo = !rest.contains(['^', '$'])
            && !["\\b", "\\B", "\\A", "\\z"]
                .iter()
                .any(|a| rest.contains(a));
        Ok(Memo {
            re,
            #[cfg(test)]
            pattern: pattern.into(),
            id: IDS.fetch_add(1, Ordering::Relaxed),
            memo,
        })
    }

    /// The first match in `hay`, as `regex::Regex::find` gives it.
    pub(crate) fn find(&self, hay: &str) -> Option<(usize, usize)> {
        self.re.find(hay).map(|m| (m.start(), m.end()))
    }

    /// The matches in `hay`, as `regex::Regex::find_iter` gives them.
    pub(crate) fn find_iter<'a>(
        &'a self,
        hay: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.re.find_iter(hay).map(|m| (m.start(), m.end()))
    }

    /// The pattern, as given.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The index of the group named `name`.
    pub(crate) fn group(&self, name: &str) -> Option<usize> {
        self.re.group_info().to_index(PatternID::ZERO, name)
    }

    /// The groups of the match `hay[start..end]` (one `find_iter` gave),
    /// relative to `start`: what the regex's capture search gives, which
    /// resolves the groups of the match it finds on the match's span alone.
    pub(crate) fn groups(&self, hay: &str, start: usize, end: usize) -> Groups {
        let resolve = || {
            let mut caps = self.re.create_captures();
            let input = Input::new(hay).span(start..end).anchored(Anchored::Yes);
            self.re.search_captures(&input, &mut caps);
            (0..caps.group_len())
                .map(|i| caps.get_group(i).map(|s| (s.start - start, s.end - start)))
                .collect::<Groups>()
        };
        if !self.memo {
            return resolve();
        }
        let word = |b: Option<&u8>| b.is_some_and(|&b| b == b'_' || b.is_ascii_alphanumeric());
        let bytes = hay.as_bytes();
        let key = (
            self.id,
            word(start.checked_sub(1).and_then(|i| bytes.get(i))),
            word(bytes.get(end)),
        );
        let text = &hay[start..end];
        MEMOS.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= MEMOS_CAPACITY && !m.contains_key(&key) {
                m.clear();
            }
            let memo = m.entry(key).or_default();
            if let Some(g) = memo.get(text) {
                return g.clone();
            }
            if memo.len() >= MEMO_CAPACITY {
                memo.clear();
            }
            let g = resolve();
            memo.insert(text.into(), g.clone());
            g
        })
    }
}

/// The alternation `w1|w2|…` of `words` (in that order of preference), each
/// escaped with its spaces as `\s+`, for a case-insensitive group, written
/// as a trie: words sharing a beginning share its states. A regex tries the
/// branches of a plain alternation one by one when it resolves groups; the
/// trie follows one path. `None` when a word is not ASCII, has spaces at an
/// edge or two together, or comes before a longer word it begins (then the
/// trie could prefer differently): the caller keeps the plain alternation.
///
/// The matches are the same: at one place in a text the words that match
/// are those along one path of the trie (sibling steps are disjoint: two
/// letters that differ ignoring ASCII case, a letter and a space), and of
/// those the trie, like the word order, prefers the longest.
pub(crate) fn folded_trie(words: &[String]) -> Option<String> {
    #[derive(Default)]
    struct Node {
        /// (step, child), in the order first reached.
        next: Vec<(String, Node)>,
        /// The preference of the word ending here.
        end: Option<usize>,
        /// The least preference of a word through a child.
        last_through: Option<usize>,
    }
    // A space stands between two other characters, so that `\s+` takes
    // all the space there is and a shared beginning matches one way only.
    let plain = |w: &String| {
        w.is_ascii()
            && !w.is_empty()
            && !w.starts_with(' ')
            && !w.ends_with(' ')
            && !w.contains("  ")
    };
    if words.is_empty() || !words.iter().all(plain) {
        return None;
    }
    let mut root = Node::default();
    for (k, w) in words.iter().enumerate() {
        let mut node = &mut root;
        for ch in w.chars() {
            let step = if ch == ' ' {
                r"\s+".to_owned()
            } else {
                regex::escape(&ch.to_ascii_lowercase().to_string())
            };
            node.last_through = Some(k);
            let at = match node.next.iter().position(|(s, _)| *s == step) {
                Some(i) => i,
                None => {
                    node.next.push((step, Node::default()));
                    node.next.len() - 1
                }
            };
            node = &mut node.next[at].1;
        }
        if node.end.is_none() {
            node.end = Some(k);
        }
    }
    fn write(node: &Node, out: &mut String) -> bool {
        if let (Some(e), Some(t)) = (node.end, node.last_through)
            && t > e
        {
            return false;
        }
        if node.next.is_empty() {
            return true;
        }
        let group = node.next.len() > 1 || node.end.is_some();
        if group {
            out.push_str("(?:");
        }
        for (i, (step, child)) in node.next.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.push_str(step);
            if !write(child, out) {
                return false;
            }
        }
        if group {
            out.push(')');
        }
        if node.end.is_some() {
            out.push('?');
        }
        true
    }
    let mut out = String::new();
    write(&root, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;
    use regex::Captures;

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

    #[test]
    fn a_text_with_an_office_passes_the_gate() {
        let g = crate::Gazetteer::builtin();
        let gate = OfficeGate::new(&g.roles, &g.portfolios);
        let mut offices: Vec<String> = g
            .roles
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        offices.push("minister".to_owned());
        let re = Regex::new(&format!("(?i:{})", offices.join("|"))).expect("regex");
        let mut passed = 0;
        for text in texts() {
            for line in text.lines() {
                if re.is_match(line) {
                    assert!(gate.may_hold(line), "{line:?}");
                    passed += 1;
                }
            }
        }
        assert!(passed > 100);
        assert!(gate.may_hold("the FOREIGN  MINISTER said"));
        assert!(gate.may_hold("Mini\u{17F}ter Lavrov"));
        assert!(!gate.may_hold("The central bank left its rate unchanged."));
        // No word to require: every text may hold an office.
        assert!(OfficeGate::new(&[" ".to_owned()], &[]).may_hold("anything"));
        assert!(OfficeGate::new(&[], &[]).may_hold("anything"));
    }

    #[test]
    fn every_titled_name_passes_the_office_end_test() {
        let g = crate::Gazetteer::builtin();
        let gate = OfficeGate::new(&g.roles, &g.portfolios);
        let person = crate::read::Compiled::new(&g);
        let mut found = 0;
        for text in texts() {
            for (s, e) in person.person_re().find_iter(&text) {
                assert!(gate.may_name(&text[s..e]), "{:?}", &text[s..e]);
                found += 1;
            }
        }
        assert!(found > 100, "{found}");
        for name in [
            "Foreign Minister Wang Yi",
            "the foreign minister, Dr. Kamil Idris",
            "Minister of State for Trade and Industry de Silva",
            "Secretary of State of the United States Antony Blinken",
            "Justice Minister al-Sabah",
        ] {
            let (s, e) = person.person_re().find_iter(name).next().expect(name);
            assert!(gate.may_name(&name[s..e]), "{name}");
        }
        // An office word with no name after it.
        assert!(gate.may_hold("the president said"));
        assert!(!gate.may_name("the president said, and the minister agreed."));
        // An office that is not written as its last word: no test.
        let odd = OfficeGate::new(&["Minister ".to_owned()], &[]);
        assert!(odd.may_name("the minister said"));
    }

    #[test]
    fn remembered_groups_are_those_of_the_capture_search() {
        let g = crate::Gazetteer::builtin();
        let compiled = crate::read::Compiled::new(&g);
        let mut found = 0;
        // Each pattern twice: the second time round, every match is remembered.
        for memo in [compiled.person_re(), compiled.title_re()]
            .into_iter()
            .flat_map(|m| [m, m])
        {
            let plain = regex::RegexBuilder::new(memo.as_str())
                .size_limit(256 << 20)
                .dfa_size_limit(256 << 20)
                .build()
                .expect("regex");
            for text in texts() {
                let all: Vec<_> = plain.captures_iter(&text).map(|c| groups(&c)).collect();
                let mine: Vec<_> = memo
                    .find_iter(&text)
                    .map(|(s, e)| {
                        memo.groups(&text, s, e)
                            .iter()
                            .map(|g| g.map(|(a, b)| (s + a, s + b)))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(mine, all);
                found += all.len();
            }
        }
        assert!(found > 1000, "{found}");
        // The same text, with a word byte before it or not, has other groups.
        let m = Memo::new(r"(?-u:\b)(?P<a>ab)|(?P<b>ab)", 1 << 20).expect("regex");
        assert!(m.memo);
        for (hay, a) in [(" ab", true), ("xab", false), (" ab", true), ("_ab", false)] {
            let (s, e) = m.find_iter(hay).next().expect("match");
            let g = m.groups(hay, s, e);
            assert_eq!(g[m.group("a").expect("a")].is_some(), a, "{hay}");
            assert_eq!(g[m.group("b").expect("b")].is_some(), !a, "{hay}");
        }
        // Past the memo's capacity, and past the number of memos a thread
        // keeps, groups are still right (the memo starts afresh).
        let many: String = (0..MEMO_CAPACITY + 10).map(|i| format!("w{i}x ")).collect();
        let memos: Vec<Memo> = (0..MEMOS_CAPACITY + 2)
            .map(|_| Memo::new(r"(?-u:\b)w(?P<n>\d+)x", 1 << 20).expect("regex"))
            .collect();
        for (k, memo) in memos.iter().enumerate() {
            let take = if k == 0 { usize::MAX } else { 3 };
            for (s, e) in memo
                .find_iter(&many)
                .take(take)
                .chain(memo.find_iter(&many).take(3))
            {
                let n = memo.group("n").expect("n");
                assert_eq!(memo.groups(&many, s, e)[n], Some((1, e - s - 1)));
            }
        }
        // Other look-around: groups are resolved every time.
        assert!(
            !Memo::new(r"^(?P<a>a)|\b(?P<b>a)", 1 << 20)
                .expect("regex")
                .memo
        );
    }

    fn groups(c: &Captures<'_>) -> Vec<Option<(usize, usize)>> {
        c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()
    }

    #[test]
    fn unclaimed_matches_are_those_of_the_full_search() {
        let pattern = r"(?-u:\b)(?:(?P<dem>Chinese|Russian)\s+)?(?P<role>Foreign\s+Minister|Minister|President)(?-u:\b)";
        let re = Regex::new(pattern).unwrap();
        let memo = Memo::new(pattern, 1 << 20).unwrap();
        let hay =
            "the Chinese Foreign Minister met President Xi and Russian Minister Lavrov; Minister";
        let all: Vec<_> = re.captures_iter(hay).map(|c| groups(&c)).collect();
        let got: Vec<_> = unclaimed_groups(&memo, hay, 0, &[])
            .iter()
            .map(|(s, _, g)| {
                g.iter()
                    .map(|x| x.map(|(a, b)| (s + a, s + b)))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(got, all);
        // A claimed span drops the matches it overlaps, and only those.
        let got: Vec<_> = unclaimed_groups(&memo, &hay[4..], 4, &[(40, 45)])
            .iter()
            .map(|&(s, e, _)| &hay[4 + s..4 + e])
            .collect();
        assert_eq!(
            got,
            ["Chinese Foreign Minister", "Russian Minister", "Minister"]
        );
    }

    /// `words` as a case-insensitive group, plainly and as a trie, each in
    /// a pattern that may make a regex back off a longer word.
    fn both_forms(words: &[String]) -> (Regex, Regex) {
        let plain: Vec<String> = words
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        let trie = folded_trie(words).expect("trie");
        let wrap = |alt: &str| {
            Regex::new(&format!(r"(?P<w>(?i:{alt}))(?-u:\b)(?P<x>\s+x)?")).expect("regex")
        };
        (wrap(&plain.join("|")), wrap(&trie))
    }

    #[test]
    fn a_trie_of_roles_prefers_as_the_alternation() {
        let words: Vec<String> = ["Foreign Minister", "Foreign Ministry", "Minister", "Min"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            folded_trie(&words).as_deref(),
            Some(r"(?:foreign\s+minist(?:er|ry)|min(?:ister)?)")
        );
        let (plain, trie) = both_forms(&words);
        for hay in [
            "the FOREIGN  minister x",
            "Foreign Ministry",
            "Minist",
            "min x",
        ] {
            let a: Vec<_> = plain.captures_iter(hay).map(|c| groups(&c)).collect();
            let b: Vec<_> = trie.captures_iter(hay).map(|c| groups(&c)).collect();
            assert_eq!(a, b, "{hay}");
        }
        assert_eq!(folded_trie(&["ab".to_owned(), "abc".to_owned()]), None);
        assert_eq!(folded_trie(&["é".to_owned()]), None);
        assert_eq!(folded_trie(&["a  b".to_owned()]), None);
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

        #[test]
        fn a_trie_matches_as_the_alternation(
            hay in "[abAB x.]{0,30}",
            words in proptest::collection::vec("[abAB.]( ?[abAB.]){0,3}", 1..8),
        ) {
            let mut words = words;
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            let (plain, trie) = both_forms(&words);
            let a: Vec<_> = plain.captures_iter(&hay).map(|c| groups(&c)).collect();
            let b: Vec<_> = trie.captures_iter(&hay).map(|c| groups(&c)).collect();
            prop_assert_eq!(a, b);
        }
    }
}
