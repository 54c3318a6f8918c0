//! Sharding: a synthetic news crawl extracted in shards and merged gives the
//! bytes of one run over the whole crawl, whatever the merge order; `extract
//! --into` links a meeting reported again to the record held.

use crate::support::{dataset, readout, stderr};
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) {
    let run = readout(dir, args);
    assert_eq!(run.status.code(), Some(0), "{args:?}: {}", stderr(&run));
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_crawl_in_three_shards_merged_in_any_order_is_the_single_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let mut crawl = Vec::new();
    let written = readout_testkit::crawl(1_000_000, 11, &mut crawl).expect("crawl");
    assert!(written.meetings > 150, "{written:?}");
    std::fs::write(dir.join("crawl.jsonl"), &crawl).expect("write");
    // Line by line round the shards: the two reports of one meeting stand
    // next to each other, so most land in different shards.
    let text = String::from_utf8(crawl).expect("utf-8");
    let mut shards = vec![String::new(); 3];
    for (i, line) in text.lines().enumerate() {
        shards[i % 3].push_str(line);
        shards[i % 3].push('\n');
    }
    for (n, shard) in shards.iter().enumerate() {
        std::fs::write(dir.join(format!("shard-{n}.jsonl")), shard).expect("write");
    }

    for ext in ["json", "db"] {
        let once = format!("once.{ext}");
        ok(dir, &["extract", "-q", "crawl.jsonl", "-o", &once]);
        let parts: Vec<String> = (0..3).map(|n| format!("part-{n}.{ext}")).collect();
        for (n, part) in parts.iter().enumerate() {
            ok(
                dir,
                &["extract", "-q", &format!("shard-{n}.jsonl"), "-o", part],
            );
        }
        for (k, order) in [[2, 0, 1], [1, 2, 0]].iter().enumerate() {
            let merged = format!("merged-{k}.{ext}");
            let mut args = vec!["merge", "-q", "-o", &merged];
            args.extend(order.iter().map(|&i| parts[i].as_str()));
            ok(dir, &args);
            assert!(
                read(dir, &merged) == read(dir, &once),
                "{ext}: shards merged in the order {order:?} differ from one run"
            );
        }
    }
    // The merge did link reports across shards.
    let data = dataset(&dir.join("once.json"));
    assert!(data.meetings.iter().any(|m| m.sources.len() > 1));
    let parts: Vec<readout_model::Dataset> = (0..3)
        .map(|n| dataset(&dir.join(format!("part-{n}.json"))))
        .collect();
    let apart: usize = parts.iter().map(|p| p.meetings.len()).sum();
    assert!(
        apart > data.meetings.len(),
        "{apart} <= {}",
        data.meetings.len()
    );
}

const FIRST: &str = "Wang Yi Meets with Sergey Lavrov\n\n\
On September 18, 2023, Chinese Foreign Minister Wang Yi met with Russian Foreign Minister \
Sergey Lavrov in Moscow. The two sides exchanged views on bilateral relations and Ukraine.\n";
// Another spelling, another kind, and the next day (another time zone).
const AGAIN: &str = "Lavrov and Wang discuss Ukraine\n\n\
MOSCOW, Sept 19 -- Russian Foreign Minister Sergei Lavrov held talks with Chinese \
Foreign Minister Wang Yi in Moscow on September 19, 2023, the ministry said.\n";

#[test]
fn into_links_a_meeting_reported_again_and_skips_a_held_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    std::fs::write(dir.join("first.txt"), FIRST).expect("write");
    std::fs::write(dir.join("again.txt"), AGAIN).expect("write");
    ok(dir, &["extract", "-q", "first.txt", "-o", "readout.db"]);
    let run = readout(
        dir,
        &["extract", "again.txt", "first.txt", "--into", "readout.db"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("1 already held"), "{}", stderr(&run));
    ok(dir, &["convert", "readout.db", "-o", "updated.json"]);
    let updated = dataset(&dir.join("updated.json"));
    assert_eq!(updated.documents.len(), 2);
    // One meeting, with both reports as sources, under the first one's people.
    assert_eq!(updated.meetings.len(), 1, "{:#?}", updated.meetings);
    let m = &updated.meetings[0];
    assert_eq!(m.sources.len(), 2);
    assert_eq!(m.date.as_deref(), Some("2023-09-18"));
    let people: Vec<&str> = m.participants.iter().map(|p| p.person.as_str()).collect();
    assert_eq!(people, ["sergey-lavrov", "wang-yi"]);
    // As if both had been extracted at once.
    ok(
        dir,
        &["extract", "-q", "first.txt", "again.txt", "-o", "once.json"],
    );
    assert!(read(dir, "updated.json") == read(dir, "once.json"));
}
