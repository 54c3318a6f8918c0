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
}
