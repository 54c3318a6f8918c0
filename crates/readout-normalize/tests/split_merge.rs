//! Normalizing a corpus in parts and merging the parts gives the dataset of
//! the whole corpus, byte for byte, whatever the split and the order.

use proptest::prelude::*;
use readout_normalize::Normalizer;
use readout_parse::{Extraction, Input, Markup, parse};
use std::path::Path;
use std::sync::OnceLock;

/// The extractions of the seeds and of the test corpus, parsed once.
fn corpus() -> &'static [Extraction] {
    static CORPUS: OnceLock<Vec<Extraction>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["seeds", "tests/corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("read dir") {
                let path = entry.expect("entry").path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ["txt", "html"].contains(&ext) {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "the corpus is there");
        files
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).expect("read");
                let name = path.to_string_lossy();
                parse(&Input {
                    path: Some(&name),
                    bytes: &bytes,
                    markup: Markup::from_path(&name),
                })
            })
            .collect()
    })
}

/// The extractions of a synthetic news crawl (`readout_testkit::crawl`):
/// many meetings reported twice, in other words, spellings and days.
fn crawl() -> &'static [Extraction] {
    static CRAWL: OnceLock<Vec<Extraction>> = OnceLock::new();
    CRAWL.get_or_init(|| {
        let mut lines = Vec::new();
        readout_testkit::crawl(400_000, 3, &mut lines).expect("crawl");
        let lines = String::from_utf8(lines).expect("utf-8");
        lines
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                let url = v["url"].as_str().expect("url");
                let (text, markup) = match v["text"].as_str() {
                    Some(t) => (t, Markup::Text),
                    None => (v["html"].as_str().expect("html"), Markup::Html),
                };
                let mut ex = parse(&Input {
                    path: Some(url),
                    bytes: text.as_bytes(),
                    markup,
                });
                // As the CLI does: what the corpus says of a document wins.
                if let Some(p) = v["published"].as_str() {
                    ex.document.published = Some(p.to_owned());
                    ex.document.evidence.retain(|e| e.field != "published");
                }
                if let Some(o) = v["outlet"].as_str() {
                    ex.document.outlet = Some(o.to_owned());
                    ex.document.evidence.retain(|e| e.field != "outlet");
                }
                ex
            })
            .filter(|ex| !ex.meetings.is_empty())
            .collect()
    })
}

fn bytes(data: &readout_model::Dataset) -> String {
    serde_json::to_string_pretty(data).expect("json")
}

/// Splits `all` into `shards` parts by `assign`, normalizes each part and
/// merges the parts in the order `order` gives, in one merge or in two.
fn split_and_merge(
    n: &Normalizer,
    all: &[Extraction],
    assign: &[usize],
    shards: usize,
    order: &[usize],
    nested: bool,
) -> readout_model::Dataset {
    let mut parts: Vec<Vec<Extraction>> = vec![Vec::new(); shards];
    for (i, ex) in all.iter().enumerate() {
        parts[assign[i % assign.len()] % shards].push(ex.clone());
    }
    let mut datasets: Vec<readout_model::Dataset> =
        parts.into_iter().map(|p| n.normalize(p)).collect();
    let mut ordered = Vec::new();
    for &o in order {
        if !datasets.is_empty() {
            ordered.push(datasets.remove(o % datasets.len()));
        }
    }
    ordered.append(&mut datasets);
    if nested && ordered.len() > 2 {
        let rest = ordered.split_off(2);
        let first = n.merge(ordered);
        let mut again = vec![first];
        again.extend(rest);
        n.merge(again)
    } else {
        n.merge(ordered)
    }
}

#[test]
fn merging_the_whole_corpus_with_itself_changes_nothing() {
    let n = Normalizer::default();
    let once = n.normalize(corpus().to_vec());
    assert!(once.meetings.len() > 20);
    let merged = n.merge(vec![once.clone()]);
    assert_eq!(bytes(&merged), bytes(&once));
    let twice = n.merge(vec![once.clone(), once.clone()]);
    assert_eq!(bytes(&twice), bytes(&once));
}

#[test]
fn one_dataset_per_document_merges_to_the_single_run() {
    let n = Normalizer::default();
    let once = n.normalize(corpus().to_vec());
    let mut parts: Vec<_> = corpus()
        .iter()
        .map(|e| n.normalize(vec![e.clone()]))
        .collect();
    parts.reverse();
    assert_eq!(bytes(&n.merge(parts)), bytes(&once));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_split_merged_in_any_order_is_the_single_run(
        assign in proptest::collection::vec(0usize..8, 1..64),
        shards in 2usize..6,
        order in proptest::collection::vec(0usize..8, 0..6),
        nested in any::<bool>(),
    ) {
        let n = Normalizer::default();
        let once = n.normalize(corpus().to_vec());
        let merged = split_and_merge(&n, corpus(), &assign, shards, &order, nested);
        prop_assert!(bytes(&merged) == bytes(&once), "split {assign:?} into {shards}, order {order:?}, nested {nested}");
    }

    #[test]
    fn any_split_of_a_crawl_merged_in_any_order_is_the_single_run(
        assign in proptest::collection::vec(0usize..8, 1..64),
        shards in 2usize..5,
        order in proptest::collection::vec(0usize..8, 0..5),
        nested in any::<bool>(),
    ) {
        let n = Normalizer::default();
        let once = n.normalize(crawl().to_vec());
        let merged = split_and_merge(&n, crawl(), &assign, shards, &order, nested);
        prop_assert!(bytes(&merged) == bytes(&once), "split {assign:?} into {shards}, order {order:?}, nested {nested}");
    }
}

#[test]
fn the_crawl_has_meetings_reported_twice() {
    let n = Normalizer::default();
    let once = n.normalize(crawl().to_vec());
    assert!(once.meetings.len() > 50);
    assert!(once.meetings.iter().filter(|m| m.sources.len() > 1).count() > 3);
}

fn read(path: &str, text: &str) -> Extraction {
    parse(&Input {
        path: Some(path),
        bytes: text.as_bytes(),
        markup: Markup::Text,
    })
}

fn people(data: &readout_model::Dataset) -> Vec<(String, Option<String>)> {
    data.people
        .iter()
        .map(|p| (p.id.clone(), p.country.clone()))
        .collect()
}

#[test]
fn namesakes_are_numbered_by_country_whatever_the_split() {
    let n = Normalizer::default();
    let ru = read(
        "ru.txt",
        "Petrov meets Fidan\n\nOn March 3, 2024, Russian Deputy Foreign Minister Ivan Petrov met with Turkish Foreign Minister Hakan Fidan in Ankara.\n",
    );
    let bg = read(
        "bg.txt",
        "Petrov in Athens\n\nOn May 5, 2024, Bulgarian Foreign Minister Ivan Petrov met with Greek Foreign Minister Giorgos Gerapetritis in Athens.\n",
    );
    let once = n.normalize(vec![ru.clone(), bg.clone()]);
    let petrovs: Vec<_> = people(&once)
        .into_iter()
        .filter(|(id, _)| id.starts_with("ivan-petrov"))
        .collect();
    assert_eq!(
        petrovs,
        [
            ("ivan-petrov".to_owned(), Some("BG".to_owned())),
            ("ivan-petrov-2".to_owned(), Some("RU".to_owned()))
        ]
    );
    for parts in [
        vec![n.normalize(vec![ru.clone()]), n.normalize(vec![bg.clone()])],
        vec![n.normalize(vec![bg.clone()]), n.normalize(vec![ru.clone()])],
    ] {
        assert_eq!(bytes(&n.merge(parts)), bytes(&once));
    }
}

#[test]
fn a_surname_alone_in_one_part_joins_the_full_name_of_another() {
    let n = Normalizer::default();
    let full = read(
        "full.txt",
        "Talks in Vilnius\n\nOn June 2, 2024, Lithuanian Foreign Minister Tomas Kowalczyk met with Latvian Foreign Minister Janis Ozols in Vilnius.\n",
    );
    let lone = read(
        "lone.txt",
        "Kowalczyk in Riga\n\nOn June 20, 2024, Lithuanian Foreign Minister Kowalczyk met with Latvian Foreign Minister Janis Ozols in Riga.\n",
    );
    let once = n.normalize(vec![full.clone(), lone.clone()]);
    let merged = n.merge(vec![n.normalize(vec![lone]), n.normalize(vec![full])]);
    assert_eq!(bytes(&merged), bytes(&once));
    let ids: Vec<String> = people(&merged).into_iter().map(|p| p.0).collect();
    assert!(ids.contains(&"tomas-kowalczyk".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"kowalczyk".to_owned()), "{ids:?}");
    assert_eq!(merged.meetings.len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Datasets from anywhere (any valid `readout/1`, however odd its
    /// strings) merge without a panic into a valid dataset holding every
    /// document.
    #[test]
    fn any_valid_datasets_merge_into_a_valid_one(
        a in readout_testkit::arb_dataset(),
        b in readout_testkit::arb_dataset(),
    ) {
        let merged = Normalizer::default().merge(vec![a.clone(), b.clone()]);
        let problems = readout_model::validate(&merged);
        prop_assert!(problems.is_empty(), "{problems:?}");
        let mut ids: Vec<&String> = a.documents.iter().chain(&b.documents).map(|d| &d.id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(merged.documents.len(), ids.len());
    }
}
