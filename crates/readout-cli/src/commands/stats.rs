//! `readout stats`: what a dataset holds, in numbers.

use super::{Context, EXIT_OK, read_dataset, stdout};
use crate::cli::StatsArgs;
use crate::table::Table;
use anyhow::Result;
use readout_model::Dataset;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;

/// The statistics of one dataset; also the `--json` output.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct Stats {
    documents: usize,
    meetings: usize,
    people: usize,
    topics: usize,
    /// The earliest and latest meeting dates.
    first_date: Option<String>,
    last_date: Option<String>,
    /// Dated meetings per year (`"2023"`).
    meetings_per_year: BTreeMap<String, usize>,
    /// Meetings with no date.
    undated_meetings: usize,
    /// Meetings per kind (`meeting`, `talks`, `phone_call` …).
    meetings_by_kind: BTreeMap<String, usize>,
    /// The pairs of people who took part in the most meetings together.
    top_pairs: Vec<PairCount>,
    /// The topics raised at the most meetings.
    top_topics: Vec<TopicCount>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
struct PairCount {
    /// Person ids, in id order.
    people: [String; 2],
    /// Their names.
    names: [String; 2],
    meetings: usize,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
struct TopicCount {
    topic: String,
    label: String,
    meetings: usize,
}

fn stats(data: &Dataset, top: usize) -> Stats {
    let mut per_year = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    let mut undated = 0;
    for meeting in &data.meetings {
        match meeting.date.as_deref().and_then(|d| d.get(..4)) {
            Some(year) => *per_year.entry(year.to_owned()).or_default() += 1,
            None => undated += 1,
        }
        *by_kind.entry(meeting.kind.as_str().to_owned()).or_default() += 1;
        let people: BTreeSet<&str> = meeting
            .participants
            .iter()
            .map(|p| p.person.as_str())
            .collect();
        let people: Vec<&str> = people.into_iter().collect();
        for (i, a) in people.iter().enumerate() {
            for b in &people[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
        let raised: BTreeSet<&str> = meeting.topics.iter().map(String::as_str).collect();
        for t in raised {
            *topics.entry(t).or_default() += 1;
        }
    }
    let name = |id: &str| {
        data.person(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    // Most meetings first; ties in id order, so the output is stable.
    pairs.sort_by(|(ka, a), (kb, b)| b.cmp(a).then(ka.cmp(kb)));
    let mut topics: Vec<_> = topics.into_iter().collect();
    topics.sort_by(|(ka, a), (kb, b)| b.cmp(a).then(ka.cmp(kb)));
    let dates = data.meetings.iter().filter_map(|m| m.date.clone());
    Stats {
        documents: data.documents.len(),
        meetings: data.meetings.len(),
        people: data.people.len(),
        topics: data.topics.len(),
        first_date: dates.clone().min(),
        last_date: dates.max(),
        meetings_per_year: per_year,
        undated_meetings: undated,
        meetings_by_kind: by_kind,
        top_pairs: pairs
            .into_iter()
            .take(top)
            .map(|((a, b), n)| PairCount {
                people: [a.to_owned(), b.to_owned()],
                names: [name(a), name(b)],
                meetings: n,
            })
            .collect(),
        top_topics: topics
            .into_iter()
            .take(top)
            .map(|(t, n)| TopicCount {
                topic: t.to_owned(),
                label: data
                    .topic(t)
                    .map_or_else(|| t.to_owned(), |t| t.label.clone()),
                meetings: n,
            })
            .collect(),
    }
}

/// Prints the statistics of the dataset, as text or as JSON.
pub(crate) fn run(ctx: &Context<'_>, args: StatsArgs) -> Result<u8> {
    let data = read_dataset(ctx, &args.input)?;
    let stats = stats(&data, args.top);
    let mut out = stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        for line in render(&stats, |h| ctx.ui.header(h)) {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn render(stats: &Stats, header: impl Fn(&str) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    let mut counts = Table::new(&[false, true]);
    counts.row(["documents".to_owned(), stats.documents.to_string()]);
    counts.row(["meetings".to_owned(), stats.meetings.to_string()]);
    counts.row(["people".to_owned(), stats.people.to_string()]);
    counts.row(["topics".to_owned(), stats.topics.to_string()]);
    lines.extend(counts.lines());
    if let (Some(first), Some(last)) = (&stats.first_date, &stats.last_date) {
        lines.push(format!("dates      {first} to {last}"));
    }
    let mut section = |title: &str, table: Table, empty: &str| {
        lines.push(String::new());
        lines.push(header(title));
        if table.is_empty() {
            lines.push(format!("  {empty}"));
        } else {
            lines.extend(table.lines());
        }
    };
    let mut years = Table::new(&[false, true]).indent(2);
    for (year, n) in &stats.meetings_per_year {
        years.row([year.clone(), n.to_string()]);
    }
    if stats.undated_meetings > 0 {
        years.row(["undated".to_owned(), stats.undated_meetings.to_string()]);
    }
    section("meetings per year", years, "(no meetings)");
    let mut kinds = Table::new(&[false, true]).indent(2);
    for (kind, n) in &stats.meetings_by_kind {
        kinds.row([kind.clone(), n.to_string()]);
    }
    section("meetings by kind", kinds, "(no meetings)");
    let mut pairs = Table::new(&[false, true]).indent(2);
    for p in &stats.top_pairs {
        pairs.row([
            format!("{} and {}", p.names[0], p.names[1]),
            p.meetings.to_string(),
        ]);
    }
    section(
        "pairs who met most",
        pairs,
        "(no meeting of two or more people)",
    );
    let mut topics = Table::new(&[false, true]).indent(2);
    for t in &stats.top_topics {
        topics.row([t.label.clone(), t.meetings.to_string()]);
    }
    section("topics raised most", topics, "(no topics)");
    lines
}
