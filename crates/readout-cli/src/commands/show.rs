//! `readout show`: the meetings of a dataset as a table.

use super::{Context, EXIT_OK, read_dataset, stdout};
use crate::cli::ShowArgs;
use crate::table::Table;
use anyhow::{Result, bail};
use readout_model::{Dataset, Meeting, Person, Topic};
use std::io::Write as _;

/// Prints the meetings that pass the filters, one line each.
pub(crate) fn run(ctx: &Context<'_>, args: ShowArgs) -> Result<u8> {
    let data = read_dataset(ctx, &args.input)?;
    let filter = Filter::new(&data, &args)?;
    let mut meetings: Vec<&Meeting> = data.meetings.iter().filter(|m| filter.keeps(m)).collect();
    // Dated meetings in date order first, then the undated ones.
    meetings.sort_by_key(|m| m.date.is_none());
    let shown = args.limit.unwrap_or(usize::MAX).min(meetings.len());
    let mut table = Table::new(&[]);
    table.row(["date", "kind", "place", "participants", "topics"]);
    for meeting in &meetings[..shown] {
        table.row(row(&data, meeting));
    }
    if meetings.is_empty() {
        if data.meetings.is_empty() {
            ctx.ui
                .info(format_args!("{}: holds no meetings", args.input.dataset));
        } else {
            ctx.ui.info(format_args!(
                "none of the {} meetings matches",
                data.meetings.len()
            ));
        }
        return Ok(EXIT_OK);
    }
    let mut out = stdout();
    for (i, line) in table.lines().iter().enumerate() {
        if i == 0 {
            writeln!(out, "{}", ctx.ui.header(line))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    if shown < meetings.len() {
        ctx.ui.info(format_args!(
            "{shown} of {} matching meetings shown (--limit {shown})",
            meetings.len()
        ));
    }
    Ok(EXIT_OK)
}

/// The cells of one meeting: date, kind, place, participants, topics.
fn row(data: &Dataset, meeting: &Meeting) -> [String; 5] {
    let place = [
        &meeting.place.city,
        &meeting.place.region,
        &meeting.place.country,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(", ");
    let participants = meeting
        .participants
        .iter()
        .map(|p| {
            let name = data
                .person(&p.person)
                .map_or(p.person.as_str(), |x| &x.name);
            match &p.country {
                Some(c) => format!("{name} ({c})"),
                None => name.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let topics = meeting
        .topics
        .iter()
        .map(|t| data.topic(t).map_or(t.as_str(), |x| &x.label))
        .collect::<Vec<_>>()
        .join(", ");
    [
        meeting.date.clone().unwrap_or_else(|| "undated".to_owned()),
        meeting.kind.as_str().replace('_', " "),
        or_dash(place),
        or_dash(participants),
        or_dash(topics),
    ]
}

fn or_dash(s: String) -> String {
    if s.is_empty() { "-".to_owned() } else { s }
}

/// `--person`, `--topic`, `--since`, `--until`, resolved against the dataset.
struct Filter {
    people: Vec<String>,
    topics: Vec<String>,
    since: Option<String>,
    until: Option<String>,
}

impl Filter {
    /// Resolves names to ids; a name nothing answers to is an error with
    /// the nearest names as suggestions.
    fn new(data: &Dataset, args: &ShowArgs) -> Result<Self> {
        let mut people = Vec::new();
        for name in &args.person {
            match data.people.iter().find(|p| person_is(p, name)) {
                Some(p) => people.push(p.id.clone()),
                None => {
                    let near: Vec<&str> = data
                        .people
                        .iter()
                        .filter(|p| person_resembles(p, name))
                        .map(|p| p.name.as_str())
                        .take(5)
                        .collect();
                    bail!(
                        "{}: no person named {name:?}{}",
                        args.input.dataset,
                        suggest(&near)
                    );
                }
            }
        }
        let mut topics = Vec::new();
        for name in &args.topic {
            match data.topics.iter().find(|t| topic_is(t, name)) {
                Some(t) => topics.push(t.id.clone()),
                None => {
                    let near: Vec<&str> = data
                        .topics
                        .iter()
                        .filter(|t| contains_ignoring_case(&t.label, name))
                        .map(|t| t.label.as_str())
                        .take(5)
                        .collect();
                    bail!(
                        "{}: no topic named {name:?}{}",
                        args.input.dataset,
                        suggest(&near)
                    );
                }
            }
        }
        Ok(Filter {
            people,
            topics,
            since: args.since.clone(),
            until: args.until.clone(),
        })
    }

    fn keeps(&self, meeting: &Meeting) -> bool {
        let has_people = self
            .people
            .iter()
            .all(|id| meeting.participants.iter().any(|p| &p.person == id));
        let has_topics = self.topics.iter().all(|id| meeting.topics.contains(id));
        let in_range = match (&meeting.date, &self.since, &self.until) {
            (_, None, None) => true,
            (None, _, _) => false,
            (Some(date), since, until) => {
                // A partial date covers its whole year or month: compare
                // only as many characters as the bound has.
                let head = |bound: &str| date.get(..bound.len()).unwrap_or(date).to_owned();
                since.as_deref().is_none_or(|s| head(s).as_str() >= s)
                    && until.as_deref().is_none_or(|u| head(u).as_str() <= u)
            }
        };
        has_people && has_topics && in_range
    }
}

fn person_is(person: &Person, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    person.name.to_lowercase() == name
        || person.id.to_lowercase() == name
        || person.aliases.iter().any(|a| a.to_lowercase() == name)
}

fn person_resembles(person: &Person, name: &str) -> bool {
    contains_ignoring_case(&person.name, name)
        || person
            .aliases
            .iter()
            .any(|a| contains_ignoring_case(a, name))
}

fn topic_is(topic: &Topic, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    topic.label.to_lowercase() == name || topic.id.to_lowercase() == name
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    !needle.is_empty() && haystack.to_lowercase().contains(&needle)
}

fn suggest(near: &[&str]) -> String {
    if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", near.join(", "))
    }
}
