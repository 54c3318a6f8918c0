//! The parser never panics, whatever it is given, and every span it returns
//! lies on the document text (values fold runs of whitespace to one space).

use proptest::prelude::*;
use readout_parse::{Extraction, Input, Markup, parse};

/// Cases per property (4 properties).
const CASES: u32 = 1000;

/// Values are the written words with runs of whitespace folded to one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(found: &Extraction) {
    let text = &found.document.text;
    let on = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    for ev in &found.document.evidence {
        assert!(on(ev.start, ev.end), "{ev:?}");
    }
    for m in &found.meetings {
        for p in &m.participants {
            for n in p.names_as_written.iter().chain(&p.titles_as_written) {
                assert_eq!(text.get(n.start..n.end).map(fold), Some(fold(&n.value)));
            }
        }
        for s in &m.statements {
            assert_eq!(
                text.get(s.text.start..s.text.end),
                Some(s.text.value.as_str())
            );
            assert!(s.speakers.iter().all(|&i| i < m.participants.len()));
        }
        for t in &m.topics {
            assert!(on(t.start, t.end));
        }
        if let Some(d) = &m.date {
            assert!(on(d.start, d.end));
        }
    }
}

/// Words of readouts, so that random text reaches the deeper rules.
const WORDS: &[&str] = &[
    "Wang Yi",
    "Sergei Lavrov",
    "met with",
    "held talks with",
    "Foreign Minister",
    "Russian",
    "Chinese",
    "State Councilor and",
    "of Russia",
    "in Moscow",
    "On September 18, 2023",
    "local time",
    "Both sides",
    "He said",
    "Lavrov said",
    "the two sides",
    "on the sidelines of",
    "G20 summit",
    "BRICS",
    "UN",
    "Home > News",
    "2023-09-19 10:50",
    "Rome, 1 November 2021(TDI):",
    "MOSCOW, March 3 (Reuters) -",
    "phone call",
    "via video link",
    "his Russian counterpart",
    ".",
    ",",
    "\n",
    "\n\n",
    " ",
    "—",
    "’s",
    "President",
    "Xi Jinping",
    "on Monday",
    "yesterday",
    "who came to China to attend",
    "in Tunxi, Anhui Province",
    "Dr.",
    "S.",
    "---\ntitle: \"x\"\n---\n",
    "# ",
    "[a](b)",
    "é",
    "\u{feff}",
    "<p>",
    "</p>",
    "<h1>",
    "&amp;",
];

fn readout_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..80).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_text(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check(&parse(&Input { path: None, bytes: &bytes, markup: Markup::Text }));
    }

    #[test]
    fn arbitrary_bytes_as_html(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check(&parse(&Input { path: None, bytes: &bytes, markup: Markup::Html }));
    }

    #[test]
    fn arbitrary_strings(s in "\\PC{0,1000}") {
        check(&parse(&Input { path: None, bytes: s.as_bytes(), markup: Markup::Text }));
    }

    #[test]
    fn readout_like_strings(s in readout_like()) {
        check(&parse(&Input { path: None, bytes: s.as_bytes(), markup: Markup::Text }));
        check(&parse(&Input { path: None, bytes: s.as_bytes(), markup: Markup::Html }));
    }
}
