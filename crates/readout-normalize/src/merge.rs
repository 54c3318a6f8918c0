//! The pipeline: extractions to reports, reports to meetings.

use crate::Normalizer;
use crate::dates::day_number;
use crate::people::NameMention;
use readout_model::{
    Coding, Dataset, DateBasis, Document, Evidence, Meeting, MeetingKind, Participant, Place, Span,
    Statement, Topic, meeting_id, slug,
};
use readout_parse::{MeetingMention, Spanned};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One meeting as one document reports it, with people resolved.
#[derive(Debug)]
pub(crate) struct Report {
    doc: usize,
    date: Option<String>,
    date_basis: Option<DateBasis>,
    /// The day compared with other reports, and whether it is only the
    /// publication day.
    day: Option<(i64, bool)>,
    kind: MeetingKind,
    place: Place,
    occasion: Option<String>,
    participants: Vec<Participant>,
    topics: Vec<String>,
    statements: Vec<Statement>,
    evidence: Vec<Evidence>,
    /// Sorted, deduplicated person ids: the blocking key.
    key: Vec<String>,
    /// Where the report stands in its document (its first evidence): orders
    /// the reports of one document by content, not by input order.
    at: usize,
}

/// What grouping reads of a report: held in memory for every report.
#[derive(Debug, Clone)]
pub(crate) struct Light {
    pub(crate) doc: usize,
    date: Option<String>,
    date_basis: Option<DateBasis>,
    day: Option<(i64, bool)>,
    kind: MeetingKind,
    place: Place,
    key: Vec<String>,
    at: usize,
}

/// The rest of a report, read only when its meeting is merged: held until
/// then where memory allows, else in a scratch file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Heavy {
    occasion: Option<String>,
    participants: Vec<Participant>,
    topics: Vec<String>,
    statements: Vec<Statement>,
    evidence: Vec<Evidence>,
}

impl Report {
    /// The report as what grouping reads and the rest.
    pub(crate) fn split(self) -> (Light, Heavy) {
        (
            Light {
                doc: self.doc,
                date: self.date,
                date_basis: self.date_basis,
                day: self.day,
                kind: self.kind,
                place: self.place,
                key: self.key,
                at: self.at,
            },
            Heavy {
                occasion: self.occasion,
                participants: self.participants,
                topics: self.topics,
                statements: self.statements,
                evidence: self.evidence,
            },
        )
    }

    /// The report again, from its two parts.
    pub(crate) fn join(light: Light, heavy: Heavy) -> Report {
        Report {
            doc: light.doc,
            date: light.date,
            date_basis: light.date_basis,
            day: light.day,
            kind: light.kind,
            place: light.place,
            occasion: heavy.occasion,
            participants: heavy.participants,
            topics: heavy.topics,
            statements: heavy.statements,
            evidence: heavy.evidence,
            key: Vec::new(),
            at: light.at,
        }
    }
}

impl crate::stream::Weigh for Heavy {
    fn weight(&self) -> usize {
        let strings = |v: &[String]| v.iter().map(|s| s.len() + 24).sum::<usize>();
        let mut w = 128 + self.occasion.as_ref().map_or(0, String::len) + strings(&self.topics);
        for p in &self.participants {
            w += 128 + p.person.len() + strings(&p.roles) + strings(&p.titles_as_written);
        }
        for s in &self.statements {
            w += 96 + s.text.len() + s.evidence.document.len() + strings(&s.speakers);
        }
        for e in &self.evidence {
            w += 96 + e.field.len() + e.document.len() + e.text.len();
        }
        w
    }
}

/// In-person and remote meetings never merge.
pub(crate) fn remote(kind: MeetingKind) -> bool {
    matches!(kind, MeetingKind::PhoneCall | MeetingKind::VideoCall)
}

fn basis_rank(b: Option<DateBasis>) -> u8 {
    match b {
        Some(DateBasis::Stated) => 0,
        Some(DateBasis::Relative) => 1,
        Some(DateBasis::Dateline) => 2,
        Some(DateBasis::Published) => 3,
        None => 4,
    }
}

/// Whether two reports' days allow one event: stated days at most one day
/// apart; a publication day from the stated day to two days after it.
pub(crate) fn days_compatible(a: (i64, bool), b: (i64, bool)) -> bool {
    match (a.1, b.1) {
        (false, false) | (true, true) => (a.0 - b.0).abs() <= 1,
        (true, false) => (0..=2).contains(&(a.0 - b.0)),
        (false, true) => (0..=2).contains(&(b.0 - a.0)),
    }
}

/// Whether two places can be one: each part equal or unknown on one side.
pub(crate) fn places_compatible(a: &Place, b: &Place) -> bool {
    let part = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    part(&a.country, &b.country) && part(&a.city, &b.city)
}

fn reports_compatible(a: &Light, b: &Light) -> bool {
    a.doc != b.doc
        && remote(a.kind) == remote(b.kind)
        && places_compatible(&a.place, &b.place)
        && match (a.day, b.day) {
            (Some(x), Some(y)) => days_compatible(x, y),
            _ => false,
        }
}

/// Blocking: only reports with the same participants are compared, and
/// within a block only those a few days apart. Reports with compatible days,
/// places and kinds make one group, the reports of one meeting.
pub(crate) fn group(reports: &[Light]) -> Vec<Vec<usize>> {
    let mut blocks: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        blocks.entry(&r.key).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (_, mut block) in blocks {
        block.sort_by_key(|i| {
            let r = &reports[*i];
            (r.day.map(|d| d.0), r.doc, r.at, *i)
        });
        let mut open: Vec<usize> = Vec::new();
        for i in block {
            let r = &reports[i];
            let Some(day) = r.day else {
                groups.push(vec![i]);
                continue;
            };
            open.retain(|g| {
                groups[*g]
                    .iter()
                    .any(|j| reports[*j].day.is_some_and(|d| d.0 >= day.0 - 2))
            });
            let joined = open.iter().copied().find(|g| {
                groups[*g]
                    .iter()
                    .all(|j| reports_compatible(&reports[*j], r))
            });
            match joined {
                Some(g) => groups[g].push(i),
                None => {
                    groups.push(vec![i]);
                    open.push(groups.len() - 1);
                }
            }
        }
    }
    groups
}

/// One meeting from the reports of one group: merged, its offices checked
/// against the gazetteer, coded.
pub(crate) fn meeting(
    n: &Normalizer,
    members: Vec<Report>,
    doc_ids: &[String],
    entries: &HashMap<&str, usize>,
    people_country: &HashMap<&str, Option<&str>>,
) -> Meeting {
    let mut m = merge_reports(members, doc_ids);
    n.check_offices(&mut m, entries);
    m.coding = coding(&m, people_country);
    m
}

/// Combines datasets built separately: the documents united (one per id),
/// the people of every dataset resolved again together, each meeting taken
/// apart into the reports of its source documents, and those reports merged
/// by [`assemble`], as [`normalize`] merges the reports of one run.
pub(crate) fn merge(n: &Normalizer, mut datasets: Vec<Dataset>) -> Dataset {
    // A document held by several datasets is read from the first one only.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (k, data) in datasets.iter().enumerate() {
        for d in &data.documents {
            owner.entry(d.id.clone()).or_insert(k);
        }
    }
    // The documents (with their texts) move, not copied.
    let mut documents: Vec<Document> = datasets
        .iter_mut()
        .flat_map(|d| std::mem::take(&mut d.documents))
        .collect();
    documents.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    documents.dedup_by(|b, a| a.id == b.id);
    let doc_index: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();

    // Each person of each dataset stands for the mentions it was made of.
    let mut names: Vec<NameMention> = Vec::new();
    for data in &datasets {
        for p in &data.people {
            let country = p.country.clone();
            let name = n.name(&p.name, country.as_deref());
            names.push(NameMention::new(
                names.len(),
                name,
                p.aliases.clone(),
                country,
            ));
        }
    }
    let resolved = n.resolve_people(&mut names);
    let mut k = 0;
    let renames: Vec<HashMap<&str, usize>> = datasets
        .iter()
        .map(|data| {
            data.people
                .iter()
                .map(|p| {
                    k += 1;
                    (p.id.as_str(), resolved.person_of[k - 1])
                })
                .collect()
        })
        .collect();

    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    for t in datasets.iter().flat_map(|d| &d.topics) {
        match topics.get(&t.id) {
            Some(held) if (&held.label, held.kind) <= (&t.label, t.kind) => {}
            _ => {
                topics.insert(t.id.clone(), t.clone());
            }
        }
    }

    let mut reports: Vec<Report> = Vec::new();
    for (k, (data, renames)) in datasets.iter().zip(&renames).enumerate() {
        let person = |id: &str| -> String {
            renames
                .get(id)
                .map_or_else(|| id.to_owned(), |p| resolved.people[*p].id.clone())
        };
        for m in &data.meetings {
            let mut participants: Vec<Participant> = Vec::new();
            for p in &m.participants {
                let id = person(&p.person);
                match participants.iter_mut().find(|x| x.person == id) {
                    Some(x) => {
                        union(&mut x.roles, &p.roles);
                        union(&mut x.titles_as_written, &p.titles_as_written);
                    }
                    None => {
                        let country = p.country.clone().or_else(|| {
                            renames
                                .get(p.person.as_str())
                                .and_then(|k| resolved.people[*k].country.clone())
                        });
                        participants.push(Participant {
                            person: id,
                            country,
                            roles: p.roles.clone(),
                            titles_as_written: p.titles_as_written.clone(),
                            notes: Vec::new(),
                        });
                    }
                }
            }
            let mut key: Vec<String> = participants.iter().map(|p| p.person.clone()).collect();
            key.sort();
            key.dedup();
            let mut sources: Vec<&String> = m.sources.iter().collect();
            sources.sort();
            sources.dedup();
            for source in sources {
                let Some(&d) = doc_index.get(source.as_str()) else {
                    continue;
                };
                if owner.get(source.as_str()) != Some(&k) {
                    continue;
                }
                let evidence: Vec<Evidence> = m
                    .evidence
                    .iter()
                    .filter(|e| e.document == *source)
                    .map(|e| {
                        let mut e = e.clone();
                        if let Some((field, id)) = e.field.split_once(':')
                            && matches!(field, "participant" | "title")
                        {
                            e.field = format!("{field}:{}", person(id));
                        }
                        e
                    })
                    .collect();
                let statements: Vec<Statement> = m
                    .statements
                    .iter()
                    .filter(|s| s.evidence.document == *source)
                    .map(|s| {
                        let mut speakers: Vec<String> = Vec::new();
                        for id in s.speakers.iter().map(|id| person(id)) {
                            if !speakers.contains(&id) {
                                speakers.push(id);
                            }
                        }
                        Statement {
                            speakers,
                            ..s.clone()
                        }
                    })
                    .collect();
                let has = |field: &str| evidence.iter().any(|e| e.field == field);
                let date = m
                    .date
                    .clone()
                    .filter(|d| has("date") && day_number(d).is_some());
                let published = documents[d].published.as_deref().and_then(day_number);
                let day = match (&date, published) {
                    (Some(date), _) => day_number(date).map(|n| (n, false)),
                    (None, Some(p)) => Some((p, true)),
                    (None, None) => None,
                };
                let at = evidence.iter().map(|e| e.start).min().unwrap_or(usize::MAX);
                reports.push(Report {
                    doc: d,
                    date_basis: date.as_ref().and(m.date_basis),
                    date,
                    day,
                    kind: m.kind,
                    place: if has("place") {
                        m.place.clone()
                    } else {
                        Place::default()
                    },
                    occasion: m.occasion.clone().filter(|_| has("occasion")),
                    participants: participants.clone(),
                    topics: m.topics.clone(),
                    statements,
                    evidence,
                    key: key.clone(),
                    at,
                });
            }
        }
    }
    crate::stream::assemble_in_memory(n, documents, resolved, reports, topics)
}

fn evidence_of(doc: &Document, field: String, start: usize, end: usize) -> Option<Evidence> {
    let text = doc.text.get(start..end)?;
    Some(Evidence {
        field,
        document: doc.id.clone(),
        start,
        end,
        text: text.to_owned(),
    })
}

impl Normalizer {
    /// One meeting mention as a report with canonical people, roles, places
    /// and topics.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn report(
        &self,
        d: usize,
        doc: &Document,
        published: Option<i64>,
        mention: &MeetingMention,
        ids: &[String],
        countries: &[Option<String>],
        roles: &[std::sync::Arc<[String]>],
        topics: &mut Vec<Topic>,
    ) -> Report {
        let mut evidence = Vec::new();
        let mut push = |field: String, s: usize, e: usize| {
            if let Some(ev) = evidence_of(doc, field, s, e) {
                evidence.push(ev);
            }
        };
        let spanned = |s: &Spanned<String>| (s.start, s.end);
        let mut participants: Vec<Participant> = Vec::new();
        for (i, p) in mention.participants.iter().enumerate() {
            let id = &ids[i];
            let mut written: Vec<&Spanned<String>> = p.names_as_written.iter().collect();
            written.sort_by_key(|w| w.start);
            if let Some(w) = written.first() {
                let (s, e) = spanned(w);
                push(format!("participant:{id}"), s, e);
            }
            let mut titles: Vec<&Spanned<String>> = p.titles_as_written.iter().collect();
            titles.sort_by_key(|t| t.start);
            if let Some(t) = titles.first() {
                let (s, e) = spanned(t);
                push(format!("title:{id}"), s, e);
            }
            let titles_as_written: Vec<String> = p
                .titles_as_written
                .iter()
                .map(|t| t.value.clone())
                .collect();
            // One person named twice in a mention is one participant.
            if let Some(existing) = participants.iter_mut().find(|x| x.person == *id) {
                union(&mut existing.roles, &roles[i]);
                union(&mut existing.titles_as_written, &titles_as_written);
                continue;
            }
            participants.push(Participant {
                person: id.clone(),
                country: countries[i].clone(),
                roles: roles[i].to_vec(),
                titles_as_written,
                notes: Vec::new(),
            });
        }
        // Only a date read as a day is evidence: a merge tells the reports
        // that gave one by it.
        if let Some(date) = &mention.date
            && day_number(&date.value).is_some()
        {
            push("date".into(), date.start, date.end);
        }
        if let Some((s, e)) = mention.kind_span {
            push("kind".into(), s, e);
        }
        for part in [
            &mention.place.city,
            &mention.place.region,
            &mention.place.country,
        ]
        .into_iter()
        .flatten()
        {
            push("place".into(), part.start, part.end);
        }
        if let Some(o) = &mention.occasion {
            push("occasion".into(), o.start, o.end);
        }
        let mut topic_ids: Vec<String> = Vec::new();
        for t in &mention.topics {
            let topic = self.topic(&t.id, &t.label, t.kind);
            if !topic_ids.contains(&topic.id) {
                topic_ids.push(topic.id.clone());
            }
            push(format!("topic:{}", topic.id), t.start, t.end);
            topics.push(topic);
        }
        let statements = mention
            .statements
            .iter()
            .map(|s| {
                let mut speakers: Vec<String> = Vec::new();
                for i in &s.speakers {
                    if let Some(id) = ids.get(*i)
                        && !speakers.contains(id)
                    {
                        speakers.push(id.clone());
                    }
                }
                Statement {
                    speakers,
                    text: s.text.value.clone(),
                    evidence: Span {
                        document: doc.id.clone(),
                        start: s.text.start,
                        end: s.text.end,
                    },
                }
            })
            .collect();
        let date = mention
            .date
            .as_ref()
            .map(|d| d.value.clone())
            .filter(|d| day_number(d).is_some());
        let day = match (&date, published) {
            (Some(d), _) => day_number(d).map(|n| (n, false)),
            (None, Some(p)) => Some((p, true)),
            (None, None) => None,
        };
        let place = self.place(&mention.place);
        let mut key: Vec<String> = ids.to_vec();
        key.sort();
        key.dedup();
        let at = evidence.iter().map(|e| e.start).min().unwrap_or(usize::MAX);
        Report {
            doc: d,
            date_basis: date.as_ref().and(mention.date_basis),
            date,
            day,
            kind: mention.kind,
            place,
            occasion: mention.occasion.as_ref().map(|o| o.value.clone()),
            participants,
            topics: topic_ids,
            statements,
            evidence,
            key,
            at,
        }
    }

    /// The canonical topic for a parser topic.
    fn topic(&self, id: &str, label: &str, kind: readout_model::TopicKind) -> Topic {
        let known = self
            .topics
            .get(&slug(id))
            .or_else(|| self.topics.get(&slug(label)));
        match known {
            Some(t) => Topic {
                id: t.id.clone(),
                label: t.label.clone(),
                kind: t.kind.unwrap_or(kind),
            },
            None => Topic {
                id: id.to_owned(),
                label: label.to_owned(),
                kind,
            },
        }
    }

    /// A place with canonical spellings and an ISO country code.
    fn place(&self, place: &readout_parse::PlaceMention) -> Place {
        let lookup = |s: &Option<Spanned<String>>| {
            s.as_ref().map(|s| {
                let key = crate::titles_key(&s.value);
                match self.places.get(&key) {
                    Some(p) => (p.name.clone(), p.country.clone()),
                    None => (s.value.trim().to_owned(), None),
                }
            })
        };
        let city = lookup(&place.city);
        let region = lookup(&place.region);
        let country = place
            .country
            .as_ref()
            .and_then(|c| self.country(&c.value))
            .or_else(|| city.as_ref().and_then(|c| c.1.clone()))
            .or_else(|| region.as_ref().and_then(|r| r.1.clone()));
        Place {
            city: city.map(|c| c.0),
            region: region.map(|r| r.0),
            country,
        }
    }

    /// Notes each role that a gazetteer entry's dated offices contradict on
    /// the meeting's date.
    pub(crate) fn check_offices(&self, meeting: &mut Meeting, entries: &HashMap<&str, usize>) {
        let Some(day) = meeting.date.as_deref().and_then(day_number) else {
            return;
        };
        for p in &mut meeting.participants {
            let Some(e) = entries.get(p.person.as_str()) else {
                continue;
            };
            let entry = &self.people[*e];
            for role in &p.roles {
                let family = self.roles.family(role);
                let offices: Vec<_> = entry
                    .offices
                    .iter()
                    .filter(|o| self.roles.family(&o.role) == family)
                    .collect();
                if offices.is_empty() {
                    continue;
                }
                let held = offices.iter().any(|o| {
                    let start = o.start.as_ref().and_then(|s| day_number(s.get_ref()));
                    let end = o.end.as_ref().and_then(|s| day_number(s.get_ref()));
                    start.is_none_or(|s| s <= day) && end.is_none_or(|e| day <= e)
                });
                if !held {
                    let spans: Vec<String> = offices
                        .iter()
                        .map(|o| {
                            let from = o.start.as_ref().map_or("?", |s| s.get_ref().as_str());
                            match &o.end {
                                Some(end) => format!("{from} to {}", end.get_ref()),
                                None => format!("since {from}"),
                            }
                        })
                        .collect();
                    let note = format!(
                        "title {role:?} does not fit the meeting date {}: {} held {} {} ({}:{})",
                        meeting.date.as_deref().unwrap_or_default(),
                        entry.name,
                        offices[0].role,
                        spans.join(" and "),
                        entry.origin,
                        entry.line
                    );
                    if !p.notes.contains(&note) {
                        p.notes.push(note);
                    }
                }
            }
        }
    }
}

fn union(into: &mut Vec<String>, from: &[String]) {
    for x in from {
        if !into.contains(x) {
            into.push(x.clone());
        }
    }
}

/// The kind a meeting of reports that disagree takes: the most specific.
fn kind_rank(kind: MeetingKind) -> u8 {
    match kind {
        MeetingKind::Other => 0,
        MeetingKind::Meeting => 1,
        MeetingKind::Talks => 2,
        MeetingKind::PhoneCall => 3,
        MeetingKind::VideoCall => 4,
    }
}

/// Merges the reports of one meeting. Every choice depends on the set of
/// reports, never on their order, and merging merged meetings gives what
/// merging their reports at once gives: the date of the best-dated report
/// (stated before relative, dateline and published; then the earliest), the
/// most specific kind, each part of the place and the occasion the first
/// in alphabetical order of those given, lists united (sorted where several
/// reports are united), statements and evidence by document.
fn merge_reports(mut members: Vec<Report>, doc_ids: &[String]) -> Meeting {
    members.sort_by(|a, b| (&doc_ids[a.doc], a.at).cmp(&(&doc_ids[b.doc], b.at)));
    let several = members.len() > 1;
    let dated = members.iter().filter(|r| r.date.is_some()).min_by(|a, b| {
        (basis_rank(a.date_basis), &a.date).cmp(&(basis_rank(b.date_basis), &b.date))
    });
    let date = dated.and_then(|r| r.date.clone());
    let date_basis = dated.and_then(|r| r.date_basis);
    let kind = members
        .iter()
        .map(|r| r.kind)
        .max_by_key(|k| kind_rank(*k))
        .unwrap_or(MeetingKind::Meeting);
    let least =
        |f: &dyn Fn(&Report) -> Option<&String>| members.iter().filter_map(f).min().cloned();
    let place = Place {
        city: least(&|r| r.place.city.as_ref()),
        region: least(&|r| r.place.region.as_ref()),
        country: least(&|r| r.place.country.as_ref()),
    };
    let occasion = least(&|r| r.occasion.as_ref());
    let mut participants: Vec<Participant> = Vec::new();
    let mut topics: Vec<String> = Vec::new();
    let mut statements = Vec::new();
    let mut sources = Vec::new();
    let mut evidence = Vec::new();
    for r in members {
        for p in r.participants {
            match participants.iter_mut().find(|x| x.person == p.person) {
                Some(x) => {
                    union(&mut x.roles, &p.roles);
                    union(&mut x.titles_as_written, &p.titles_as_written);
                    if p.country.is_some() && (x.country.is_none() || p.country < x.country) {
                        x.country = p.country;
                    }
                }
                None => participants.push(p),
            }
        }
        union(&mut topics, &r.topics);
        statements.extend(r.statements);
        sources.push(doc_ids[r.doc].clone());
        // Of each field, the first evidence.
        let first: Vec<bool> = {
            let mut seen: HashSet<&str> = HashSet::new();
            r.evidence.iter().map(|ev| seen.insert(&ev.field)).collect()
        };
        evidence.extend(
            r.evidence
                .into_iter()
                .zip(first)
                .filter_map(|(ev, first)| first.then_some(ev)),
        );
    }
    if several {
        participants.sort_by(|a, b| a.person.cmp(&b.person));
        for p in &mut participants {
            p.roles.sort();
            p.titles_as_written.sort();
        }
        topics.sort();
    }
    let ids: Vec<&str> = participants.iter().map(|p| p.person.as_str()).collect();
    Meeting {
        id: meeting_id(date.as_deref(), &ids, kind.as_str()),
        date,
        date_basis,
        kind,
        place,
        occasion,
        participants,
        topics,
        coding: None,
        statements,
        sources,
        evidence,
    }
}

/// How the meeting is coded in event data, from its kind, its place's
/// country and the participants' countries.
pub(crate) fn coding(m: &Meeting, people: &HashMap<&str, Option<&str>>) -> Option<Coding> {
    let everyone: Vec<String> = m.participants.iter().map(|p| p.person.clone()).collect();
    let make = |mode: &str, cameo: &str, actors: Vec<String>, recipients: Vec<String>| {
        Some(Coding {
            plover: "CONSULT".into(),
            mode: mode.into(),
            cameo: cameo.into(),
            actors,
            recipients,
        })
    };
    if remote(m.kind) {
        return make("phone", "041", everyone, Vec::new());
    }
    let country_of = |p: &Participant| {
        p.country.clone().or_else(|| {
            people
                .get(p.person.as_str())
                .copied()
                .flatten()
                .map(str::to_owned)
        })
    };
    let Some(place) = &m.place.country else {
        return m
            .occasion
            .as_ref()
            .and_then(|_| make("multilateral", "044", everyone, Vec::new()));
    };
    let (hosts, visitors): (Vec<&Participant>, Vec<&Participant>) = m
        .participants
        .iter()
        .partition(|p| country_of(p).as_deref() == Some(place.as_str()));
    let ids = |list: Vec<&Participant>| list.into_iter().map(|p| p.person.clone()).collect();
    if hosts.is_empty() {
        let mode = if m.occasion.is_some() {
            "multilateral"
        } else {
            "third-party"
        };
        make(mode, "044", everyone, Vec::new())
    } else if visitors.is_empty() {
        None
    } else {
        make("visit", "042", ids(visitors), ids(hosts))
    }
}
