//! The development corpus (`tests/corpus/NAME.txt` + `NAME.expected.json`):
//! the built binary reads every document, each field is compared with the
//! hand-made expectation, and each field's accuracy must stay at or above
//! the floor recorded in `tests/corpus/floors.toml`.

use crate::support::{dataset, readout, root};
use readout_model::{Dataset, Meeting, Person};
use readout_parse::gazetteer::country_code;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Hits and totals per field.
#[derive(Default)]
struct Tally(BTreeMap<&'static str, (f64, f64)>);

impl Tally {
    fn add(&mut self, field: &'static str, hit: f64) {
        let e = self.0.entry(field).or_default();
        e.0 += hit;
        e.1 += 1.0;
    }
    fn ok(&mut self, field: &'static str, ok: bool) {
        self.add(field, if ok { 1.0 } else { 0.0 });
    }
    fn rate(&self, field: &str) -> Option<f64> {
        self.0.get(field).filter(|e| e.1 > 0.0).map(|(h, t)| h / t)
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
        .to_lowercase()
}

fn tokens(s: &str) -> HashSet<String> {
    const STOP: &[&str] = &["the", "of", "on", "in", "a", "an", "s"];
    norm(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The ISO code of a country as the expectations write it ("Russia", "RU").
fn code(s: Option<&str>) -> Option<String> {
    let s = s?;
    Some(
        country_code(s)
            .map(str::to_owned)
            .unwrap_or_else(|| s.to_uppercase()),
    )
}

/// Every name a person goes by, normalized.
fn names(p: Option<&Person>) -> HashSet<String> {
    p.map(|p| {
        std::iter::once(norm(&p.name))
            .chain(p.aliases.iter().map(|a| norm(a)))
            .collect()
    })
    .unwrap_or_default()
}

/// The offices in written titles: "Chinese State Councilor and Foreign
/// Minister" gives "state councilor" and "foreign minister".
fn roles(titles: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    for t in titles {
        let t = norm(t);
        let t = t.split(" of ").next().unwrap_or_default().to_owned();
        for part in t.split([',', '&']).flat_map(|p| p.split(" and ")) {
            let words: Vec<&str> = part
                .split_whitespace()
                .filter(|w| country_code(w).is_none() && *w != "the")
                .collect();
            if !words.is_empty() {
                out.insert(words.join(" "));
            }
        }
    }
    out
}

fn role_match(want: &str, have: &HashSet<String>) -> bool {
    have.iter()
        .any(|h| h == want || h.contains(want) || (h.contains(' ') && want.contains(h.as_str())))
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn variants(gp: &Value) -> HashSet<String> {
    let mut v: HashSet<String> = strs(&gp["as_written"]).iter().map(|s| norm(s)).collect();
    if let Some(n) = gp["name"].as_str() {
        v.insert(norm(n));
    }
    v
}

/// Compares one document's meetings with its expectation.
fn score_document(data: &Dataset, doc_id: &str, gold: &Value, t: &mut Tally) {
    let person = |id: &str| data.people.iter().find(|p| p.id == id);
    let got: Vec<&Meeting> = data
        .meetings
        .iter()
        .filter(|m| m.sources.iter().any(|s| s == doc_id))
        .collect();
    if gold["is_meeting_report"] == Value::Bool(false) {
        t.ok("no false meetings", got.is_empty());
        return;
    }
    let published = data
        .document(doc_id)
        .and_then(|d| d.published.clone())
        .map(|p| p[..p.len().min(10)].to_owned());
    let mut used = HashSet::new();
    for gm in gold["meetings"].as_array().into_iter().flatten() {
        let gparts: Vec<&Value> = gm["participants"]
            .as_array()
            .into_iter()
            .flatten()
            .collect();
        let overlap = |m: &Meeting| {
            let mut s: f64 = 0.0;
            for gp in &gparts {
                let v = variants(gp);
                if m.participants
                    .iter()
                    .any(|p| !v.is_disjoint(&names(person(&p.person))))
                {
                    s += 1.0;
                }
            }
            s + if m.date.as_deref() == gm["date"].as_str() {
                0.5
            } else {
                0.0
            }
        };
        let best = got
            .iter()
            .filter(|m| !used.contains(&m.id))
            .max_by(|a, b| overlap(a).total_cmp(&overlap(b)))
            .filter(|m| overlap(m) > 0.0);
        let Some(m) = best else {
            t.ok("meetings found", false);
            for f in ["date", "date_basis", "kind", "city", "country", "occasion"] {
                t.ok(f, false);
            }
            for _ in &gparts {
                t.ok("participants", false);
            }
            continue;
        };
        used.insert(m.id.clone());
        t.ok("meetings found", true);
        let gdate = gm["date"].as_str();
        t.ok(
            "date",
            match gdate {
                Some(d) => m.date.as_deref() == Some(d),
                None => m.date.is_none() || m.date == published,
            },
        );
        if let Some(b) = gm["date_basis"].as_str() {
            t.ok("date_basis", m.date_basis.map(|x| x.as_str()) == Some(b));
        }
        t.ok("kind", gm["kind"].as_str() == Some(m.kind.as_str()));
        let city = |s: Option<&str>| {
            s.map(|s| {
                tokens(s)
                    .into_iter()
                    .filter(|w| !["d", "c", "dc", "city"].contains(&w.as_str()))
                    .collect::<std::collections::BTreeSet<_>>()
            })
        };
        t.ok(
            "city",
            city(gm["city"].as_str()) == city(m.place.city.as_deref()),
        );
        t.ok(
            "country",
            code(gm["country"].as_str()) == m.place.country.clone(),
        );
        t.ok(
            "occasion",
            match (gm["occasion"].as_str(), m.occasion.as_deref()) {
                (None, None) => true,
                (Some(g), Some(p)) => {
                    let (g, p) = (tokens(g), tokens(p));
                    let union = g.union(&p).count();
                    union > 0 && g.intersection(&p).count() as f64 / union as f64 >= 0.5
                }
                _ => false,
            },
        );
        let mut matched = HashSet::new();
        for gp in &gparts {
            let v = variants(gp);
            let hit = m
                .participants
                .iter()
                .find(|p| !v.is_disjoint(&names(person(&p.person))));
            t.ok("participants", hit.is_some());
            let Some(hit) = hit else { continue };
            matched.insert(hit.person.clone());
            t.ok(
                "participant country",
                code(gp["country"].as_str()) == hit.country,
            );
            let want = roles(&strs(&gp["titles_as_written"]));
            if !want.is_empty() {
                let have = roles(&hit.titles_as_written);
                let n = want.iter().filter(|w| role_match(w, &have)).count();
                t.add("titles", n as f64 / want.len() as f64);
            }
        }
        t.ok(
            "no extra participants",
            m.participants.iter().all(|p| matched.contains(&p.person)),
        );
        let labels: Vec<String> = m
            .topics
            .iter()
            .map(|id| data.topic(id).map_or(id.clone(), |t| t.label.clone()))
            .collect();
        for g in strs(&gm["topics"]) {
            let (gn, gt) = (norm(&g), tokens(&g));
            let ok = labels.iter().any(|l| {
                let (ln, lt) = (norm(l), tokens(l));
                gn == ln
                    || gn.contains(&ln)
                    || ln.contains(&gn)
                    || (!gt.is_empty()
                        && gt.intersection(&lt).count() as f64 / gt.len() as f64 >= 0.6)
            });
            t.ok("topics", ok);
        }
        let ids: HashSet<&String> = m.participants.iter().map(|p| &p.person).collect();
        for g in strs(&gm["speakers"]) {
            let ok = if g == "both" {
                ids.len() > 1
                    && m.statements
                        .iter()
                        .any(|s| ids.iter().all(|i| s.speakers.contains(i)))
            } else {
                let v = gparts
                    .iter()
                    .find(|p| p["name"].as_str() == Some(g.as_str()))
                    .map_or_else(|| HashSet::from([norm(&g)]), |p| variants(p));
                m.statements.iter().any(|s| {
                    s.speakers.len() == 1 && !v.is_disjoint(&names(person(&s.speakers[0])))
                })
            };
            t.ok("speakers", ok);
        }
    }
}

/// The fields measured, in the order they are printed, with the key of
/// their floor in `floors.toml`.
const FIELDS: &[&str] = &[
    "meetings found",
    "date",
    "date_basis",
    "kind",
    "city",
    "country",
    "occasion",
    "participants",
    "participant country",
    "titles",
    "no extra participants",
    "topics",
    "speakers",
    "no false meetings",
];

fn extract(dir: &Path, tmp: &Path) -> Dataset {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let out = tmp.join(format!("{name}.json"));
    let run = readout(
        tmp,
        &[
            "extract",
            dir.to_str().expect("utf-8 path"),
            "-o",
            out.to_str().expect("utf-8 path"),
            "--to",
            "json",
        ],
    );
    assert!(
        run.status.success(),
        "extract {}: {}",
        dir.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    dataset(&out)
}

#[test]
#[allow(clippy::print_stdout)]
fn corpus_fields_stay_at_or_above_their_floors() {
    let dir = root().join("tests/corpus");
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = extract(&dir, tmp.path());
    let mut t = Tally::default();
    let mut expected = 0;
    for entry in std::fs::read_dir(&dir).expect("read tests/corpus") {
        let path = entry.expect("entry").path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let gold: Value = serde_json::from_slice(&std::fs::read(&path).expect("read expectation"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc = data.documents.iter().find(|d| {
            d.path
                .as_deref()
                .and_then(|p| Path::new(p).file_stem()?.to_str())
                == Some(name)
        });
        let doc = doc.unwrap_or_else(|| panic!("{name}: no document read"));
        expected += 1;
        score_document(&data, &doc.id, &gold, &mut t);
    }
    assert!(
        expected >= 20,
        "only {expected} expectations in tests/corpus"
    );

    let floors_path = dir.join("floors.toml");
    let floors: toml::Table = toml::from_str(
        &std::fs::read_to_string(&floors_path).expect("read tests/corpus/floors.toml"),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", floors_path.display()));
    println!("{:24} {:>8} {:>6} {:>6}", "field", "accuracy", "n", "floor");
    let mut below = Vec::new();
    for f in FIELDS {
        let Some(rate) = t.rate(f) else { continue };
        let n = t.0[f].1;
        let key = f.replace(' ', "_");
        let floor = floors.get(&key).and_then(|v| v.as_float()).unwrap_or(0.0);
        println!("{f:24} {rate:8.3} {n:6} {floor:6.2}");
        if rate + 1e-9 < floor {
            below.push(format!("{f}: {rate:.3} < floor {floor:.2}"));
        }
    }
    assert!(below.is_empty(), "fields below their floor: {below:?}");
}

#[test]
fn every_evidence_span_of_the_corpus_and_the_seeds_lies_on_its_text() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for dir in [root().join("tests/corpus"), root().join("seeds")] {
        let data = extract(&dir, tmp.path());
        let problems = readout_model::validate(&data);
        assert!(problems.is_empty(), "{}: {problems:?}", dir.display());
        let mut spans = 0;
        for m in &data.meetings {
            for e in &m.evidence {
                let doc = data.document(&e.document).expect("evidence document");
                assert_eq!(
                    doc.text.get(e.start..e.end),
                    Some(e.text.as_str()),
                    "{}: {} evidence",
                    m.id,
                    e.field
                );
                spans += 1;
            }
            for s in &m.statements {
                let doc = data
                    .document(&s.evidence.document)
                    .expect("statement document");
                assert_eq!(
                    doc.text.get(s.evidence.start..s.evidence.end),
                    Some(s.text.as_str())
                );
                spans += 1;
            }
        }
        for d in &data.documents {
            for e in &d.evidence {
                assert_eq!(
                    d.text.get(e.start..e.end),
                    Some(e.text.as_str()),
                    "{}",
                    e.field
                );
                spans += 1;
            }
        }
        assert!(spans > 0, "{}: no evidence at all", dir.display());
    }
}
