#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use readout_model::{
    Dataset, Evidence, Meeting, Participant, Person, Place, Span, Statement, Topic, meeting_id,
    slug, unique_ids,
};
use readout_parse::{Extraction, Spanned};
use std::collections::BTreeMap;

/// Turns the extractions of many documents into one dataset: people by
/// canonical name, topics by gazetteer id, one meeting record per reported
/// meeting, every fact with its evidence.
///
/// ```
/// use readout_parse::{parse, Input, Markup};
/// let found = parse(&Input { path: Some("a.txt"), bytes: b"Headline\n\nText.", markup: Markup::Text });
/// let data = readout_normalize::normalize(vec![found]);
/// assert_eq!(data.documents.len(), 1);
/// assert_eq!(data.documents[0].headline.as_deref(), Some("Headline"));
/// ```
pub fn normalize(extractions: Vec<Extraction>) -> Dataset {
    let mut data = Dataset::default();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    let mut seen_documents = std::collections::BTreeSet::new();
    for extraction in extractions {
        let doc = extraction.document;
        if !seen_documents.insert(doc.id.clone()) {
            continue;
        }
        let evidence = |field: String, s: usize, e: usize| Evidence {
            field,
            document: doc.id.clone(),
            start: s,
            end: e,
            text: doc.text.get(s..e).unwrap_or_default().to_owned(),
        };
        let from = |field: &str, s: &Spanned<String>| evidence(field.to_owned(), s.start, s.end);
        for mention in extraction.meetings {
            let ids: Vec<String> = mention.participants.iter().map(|p| slug(&p.name)).collect();
            let mut meeting_evidence = Vec::new();
            let mut participants = Vec::new();
            for (p, id) in mention.participants.iter().zip(&ids) {
                let person = people.entry(id.clone()).or_insert_with(|| Person {
                    id: id.clone(),
                    name: p.name.clone(),
                    aliases: Vec::new(),
                    country: p.country.as_ref().map(|c| c.value.clone()),
                    wikidata: None,
                });
                for written in &p.names_as_written {
                    if written.value != person.name && !person.aliases.contains(&written.value) {
                        person.aliases.push(written.value.clone());
                    }
                    meeting_evidence.push(from(&format!("participant:{id}"), written));
                }
                for t in &p.titles_as_written {
                    meeting_evidence.push(from(&format!("title:{id}"), t));
                }
                participants.push(Participant {
                    person: id.clone(),
                    country: p.country.as_ref().map(|c| c.value.clone()),
                    roles: Vec::new(),
                    titles_as_written: p
                        .titles_as_written
                        .iter()
                        .map(|t| t.value.clone())
                        .collect(),
                    notes: Vec::new(),
                });
            }
            if let Some(d) = &mention.date {
                meeting_evidence.push(from("date", d));
            }
            if let Some((s, e)) = mention.kind_span {
                meeting_evidence.push(evidence("kind".into(), s, e));
            }
            for part in [
                &mention.place.city,
                &mention.place.region,
                &mention.place.country,
            ]
            .into_iter()
            .flatten()
            {
                meeting_evidence.push(from("place", part));
            }
            if let Some(o) = &mention.occasion {
                meeting_evidence.push(from("occasion", o));
            }
            let mut topic_ids = Vec::new();
            for t in &mention.topics {
                topics.entry(t.id.clone()).or_insert_with(|| Topic {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    kind: t.kind,
                });
                if !topic_ids.contains(&t.id) {
                    topic_ids.push(t.id.clone());
                }
                meeting_evidence.push(evidence(format!("topic:{}", t.id), t.start, t.end));
            }
            let statements = mention
                .statements
                .iter()
                .map(|s| Statement {
                    speakers: s
                        .speakers
                        .iter()
                        .filter_map(|i| ids.get(*i).cloned())
                        .collect(),
                    text: s.text.value.clone(),
                    evidence: Span {
                        document: doc.id.clone(),
                        start: s.text.start,
                        end: s.text.end,
                    },
                })
                .collect();
            let date = mention.date.as_ref().map(|d| d.value.clone());
            data.meetings.push(Meeting {
                id: meeting_id(date.as_deref(), &ids, mention.kind.as_str()),
                date,
                date_basis: mention.date_basis,
                kind: mention.kind,
                place: Place {
                    city: mention.place.city.map(|c| c.value),
                    region: mention.place.region.map(|r| r.value),
                    country: mention.place.country.map(|c| c.value),
                },
                occasion: mention.occasion.map(|o| o.value),
                participants,
                topics: topic_ids,
                coding: None,
                statements,
                sources: vec![doc.id.clone()],
                evidence: meeting_evidence,
            });
        }
        data.documents.push(doc);
    }
    data.people = people.into_values().collect();
    data.topics = topics.into_values().collect();
    let ids = unique_ids(data.meetings.iter().map(|m| m.id.clone()).collect());
    for (meeting, id) in data.meetings.iter_mut().zip(ids) {
        meeting.id = id;
    }
    data.canonicalize();
    data
}
