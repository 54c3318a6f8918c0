//! The development corpus (`tests/corpus` at the workspace root) read as a
//! perfect parser would read it: each hand annotation turned into an
//! extraction over the real text, then normalized. What normalization must
//! get right is then what the annotations say: one id per person, one person
//! per id, and the reports marked `same_meeting_as` merged into one meeting.

use readout_model::{DateBasis, Document, MeetingKind, TopicKind, slug, validate};
use readout_parse::{
    Extraction, MeetingMention, ParticipantMention, PlaceMention, Spanned, TopicMention,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `value` where the text has it, else an empty span at the start.
fn spanned(text: &str, value: &str) -> Spanned<String> {
    match text.find(value) {
        Some(start) => Spanned::new(value.to_owned(), start, start + value.len()),
        None => Spanned::new(value.to_owned(), 0, 0),
    }
}

fn string(v: &Value) -> Option<&str> {
    v.as_str()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

struct Annotated {
    name: String,
    extraction: Extraction,
    gold: Value,
}

fn corpus() -> Vec<Annotated> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().into_string().ok()?;
            n.strip_suffix(".expected.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 30, "corpus at {}", dir.display());
    names
        .into_iter()
        .map(|name| {
            let text = corpus_text(&dir, &name);
            let gold: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
            )
            .unwrap();
            let mut document = Document::new(Some(format!("{name}.txt")), text.clone());
            document.published = string(&gold["published"]).map(str::to_owned);
            let meetings = gold["meetings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| mention(&text, m))
                .collect();
            Annotated {
                name,
                extraction: Extraction {
                    document,
                    dateline: None,
                    meetings,
                    mentions: Vec::new(),
                    diagnostics: Vec::new(),
                },
                gold,
            }
        })
        .collect()
}

fn mention(text: &str, m: &Value) -> MeetingMention {
    let participants = m["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let written = strings(&p["as_written"]);
            // A parser gives the fullest form the document writes.
            let fullest = written
                .iter()
                .max_by_key(|w| (w.split_whitespace().count(), w.len()))
                .copied()
                .unwrap_or_else(|| p["name"].as_str().unwrap());
            ParticipantMention {
                name: fullest.to_owned(),
                names_as_written: written.iter().map(|w| spanned(text, w)).collect(),
                titles_as_written: strings(&p["titles_as_written"])
                    .iter()
                    .map(|t| spanned(text, t))
                    .collect(),
                country: string(&p["country"]).map(|c| spanned(text, c)),
            }
        })
        .collect();
    MeetingMention {
        date: string(&m["date"]).map(|d| Spanned::new(d.to_owned(), 0, 0)),
        date_basis: string(&m["date"])
            .and_then(|_| string(&m["date_basis"]).and_then(DateBasis::from_name)),
        kind: string(&m["kind"])
            .and_then(MeetingKind::from_name)
            .unwrap_or(MeetingKind::Other),
        kind_span: None,
        place: PlaceMention {
            city: string(&m["city"]).map(|c| spanned(text, c)),
            region: string(&m["region"]).map(|r| spanned(text, r)),
            country: string(&m["country"]).map(|c| spanned(text, c)),
        },
        occasion: string(&m["occasion"]).map(|o| spanned(text, o)),
        participants,
        statements: Vec::new(),
        topics: strings(&m["topics"])
            .iter()
            .map(|t| {
                let s = spanned(text, t);
                TopicMention {
                    id: slug(t),
                    label: (*t).to_owned(),
                    kind: TopicKind::Issue,
                    start: s.start,
                    end: s.end,
                }
            })
            .collect(),
    }
}

#[test]
fn the_corpus_gives_one_id_per_person_and_one_person_per_id() {
    let corpus = corpus();
    let docs: BTreeMap<String, String> = corpus
        .iter()
        .map(|a| (a.extraction.document.id.clone(), a.name.clone()))
        .collect();
    let data = readout_normalize::normalize(corpus.iter().map(|a| a.extraction.clone()).collect());
    assert_eq!(validate(&data), vec![]);
    // Gold name -> ids, by the order of meetings and participants.
    let mut ids_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in &corpus {
        for m in a.gold["meetings"].as_array().unwrap() {
            let date = string(&m["date"]);
            let gold: BTreeSet<&str> = m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            // The dataset meeting with this document as a source and as many
            // participants, on this date.
            let found = data
                .meetings
                .iter()
                .filter(|x| {
                    x.sources.iter().any(|s| docs[s] == a.name)
                        && x.participants.len() == gold.len()
                        && (date.is_none() || x.date.as_deref() == date)
                })
                .filter(|x| {
                    let names: BTreeSet<String> = x
                        .participants
                        .iter()
                        .flat_map(|p| {
                            let person = data.person(&p.person).unwrap();
                            std::iter::once(person.name.clone())
                                .chain(person.aliases.clone())
                                .map(|n| n.to_lowercase())
                        })
                        .collect();
                    // Some records write names in capitals (McMAHON): compare
                    // without case.
                    gold.iter().map(|g| g.to_lowercase()).all(|g| {
                        names.contains(&g)
                            || g.split_whitespace()
                                .any(|w| names.iter().any(|n| n.contains(w)))
                    })
                })
                .collect::<Vec<_>>();
            // Undated meetings in one report (a visit's several calls) can
            // match more than one record: take the one whose names are the
            // gold names exactly, if there is one.
            assert!(!found.is_empty(), "{}: {gold:?} on {date:?}", a.name);
            assert!(
                date.is_none() || found.len() == 1,
                "{}: {gold:?} on {date:?}",
                a.name
            );
            let exact = found.iter().find(|x| {
                let names: BTreeSet<String> = x
                    .participants
                    .iter()
                    .map(|p| data.person(&p.person).unwrap().name.to_lowercase())
                    .collect();
                gold.iter().all(|g| names.contains(&g.to_lowercase()))
            });
            for p in &exact.unwrap_or(&found[0]).participants {
                let person = data.person(&p.person).unwrap();
                let words = |s: &str| -> BTreeSet<String> {
                    s.to_lowercase()
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect()
                };
                let forms: Vec<BTreeSet<String>> = std::iter::once(&person.name)
                    .chain(&person.aliases)
                    .map(|n| words(n))
                    .collect();
                let name = person.name.to_lowercase();
                // An exact match of the words first; then one name word in common.
                let gold_name = gold
                    .iter()
                    .find(|g| forms.contains(&words(g)))
                    .or_else(|| {
                        gold.iter().find(|g| {
                            let g = g.to_lowercase();
                            g.split_whitespace().last() == name.split_whitespace().last()
                                || g.split_whitespace().next() == name.split_whitespace().next()
                        })
                    })
                    .unwrap_or_else(|| panic!("{}: {} not in {gold:?}", a.name, person.name));
                ids_of
                    .entry((*gold_name).to_owned())
                    .or_default()
                    .insert(person.id.clone());
            }
        }
    }
    let mut names_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, ids) in &ids_of {
        assert_eq!(ids.len(), 1, "{name} has ids {ids:?}");
        for id in ids {
            names_of.entry(id).or_default().insert(name);
        }
    }
    for (id, names) in &names_of {
        assert_eq!(names.len(), 1, "{id} stands for {names:?}");
    }
}

#[test]
fn reports_of_one_meeting_from_two_documents_merge() {
    let corpus = corpus();
    let docs: BTreeMap<String, String> = corpus
        .iter()
        .map(|a| (a.extraction.document.id.clone(), a.name.clone()))
        .collect();
    let data = readout_normalize::normalize(corpus.iter().map(|a| a.extraction.clone()).collect());
    let mut pairs = BTreeSet::new();
    let mut gold_meetings = 0;
    for a in &corpus {
        for m in a.gold["meetings"].as_array().unwrap() {
            gold_meetings += 1;
            if let Some(other) = string(&m["same_meeting_as"]) {
                let mut pair = [a.name.clone(), other.to_owned()];
                pair.sort();
                let people: BTreeSet<&str> = m["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                pairs.insert((pair, people));
            }
        }
    }
    assert!(pairs.len() >= 4, "{pairs:?}");
    for (pair, people) in &pairs {
        let merged = data.meetings.iter().find(|m| {
            let names: BTreeSet<&str> = m.sources.iter().map(|s| docs[s].as_str()).collect();
            names.contains(pair[0].as_str())
                && names.contains(pair[1].as_str())
                && m.participants.len() == people.len()
        });
        assert!(merged.is_some(), "{pair:?} not merged");
    }
    assert_eq!(data.meetings.len(), gold_meetings - pairs.len());
}

/// The text of a corpus document: a `.txt` file as it is, an `.html` file as
/// the parser reads its markup.
fn corpus_text(dir: &Path, name: &str) -> String {
    let txt = dir.join(format!("{name}.txt"));
    if txt.exists() {
        return std::fs::read_to_string(txt).unwrap();
    }
    let html = std::fs::read(dir.join(format!("{name}.html"))).unwrap();
    let input = readout_parse::Input {
        path: None,
        bytes: &html,
        markup: readout_parse::Markup::Html,
    };
    readout_parse::parse(&input).document.text
}
