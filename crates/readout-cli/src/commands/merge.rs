//! `readout merge`: datasets built separately in, one dataset out; and the
//! record-level merge `readout extract --into` uses too.

use super::{Context, EXIT_OK, check_target, input_format, output_format};
use crate::cli::MergeArgs;
use anyhow::{Context as _, Result};
use readout_format::{Source, Target};
use readout_model::{Dataset, DateBasis, Meeting, Person};
use std::collections::HashMap;

/// Reads every input, merges them in order and writes the result.
pub(crate) fn run(ctx: &Context<'_>, args: MergeArgs) -> Result<u8> {
    let target = Target::from_arg(&args.output);
    let format = output_format(&ctx.registry, &target, args.to.as_deref())?;
    let format = crate::formats::spreadsheet_safe(format, args.csv.spreadsheet_safe)?;
    check_target(&target, format.is_directory(), args.force, &args.inputs)?;
    let mut merged = Merged::default();
    for input in &args.inputs {
        merged.add(read(ctx, input, args.from.as_deref())?);
    }
    let data = merged.finish();
    format
        .write(&data, &target)
        .with_context(|| format!("writing {target}"))?;
    ctx.ui.info(format_args!(
        "merged {} datasets: {} documents, {} meetings, {} people, {} topics -> {target} ({})",
        args.inputs.len(),
        data.documents.len(),
        data.meetings.len(),
        data.people.len(),
        data.topics.len(),
        format.name()
    ));
    Ok(EXIT_OK)
}

/// Reads one dataset in the format `from` names or its extension says.
pub(crate) fn read(ctx: &Context<'_>, input: &str, from: Option<&str>) -> Result<Dataset> {
    let source = Source::from_arg(input);
    let format = input_format(&ctx.registry, &source, from)?;
    let data = format.read(&source)?;
    ctx.ui.detail(format_args!(
        "{source} ({}): {} documents, {} meetings",
        format.name(),
        data.documents.len(),
        data.meetings.len()
    ));
    Ok(data)
}

/// Datasets merged at the record level: documents, people and topics by id
/// (the first one seen wins, people gain the aliases of later ones), meetings
/// by id (sources, evidence, statements, topics and participants joined, the
/// parts of the place and the occasion filled where unknown).
#[derive(Default)]
pub(crate) struct Merged {
    data: Dataset,
    documents: HashMap<String, usize>,
    people: HashMap<String, usize>,
    topics: HashMap<String, usize>,
    /// Meetings by the id their date, people and kind give (without the
    /// number that tells apart meetings of one such id).
    meetings: HashMap<String, Vec<usize>>,
    meeting_ids: std::collections::HashSet<String>,
}

impl Merged {
    /// Adds one dataset.
    pub(crate) fn add(&mut self, mut other: Dataset) {
        let renames = self.person_renames(&other);
        if !renames.is_empty() {
            for person in &mut other.people {
                if let Some(new) = renames.get(&person.id) {
                    person.id.clone_from(new);
                }
            }
            for meeting in &mut other.meetings {
                rename_people(meeting, &renames);
            }
        }
        for document in other.documents {
            if !self.documents.contains_key(&document.id) {
                self.documents
                    .insert(document.id.clone(), self.data.documents.len());
                self.data.documents.push(document);
            }
        }
        for person in other.people {
            match self.people.get(&person.id) {
                Some(&i) => {
                    let held = &mut self.data.people[i];
                    for alias in person.aliases.into_iter().chain([person.name]) {
                        if alias != held.name && !held.aliases.contains(&alias) {
                            held.aliases.push(alias);
                        }
                    }
                    // In the order normalization gives them.
                    held.aliases.sort();
                    held.country = held.country.take().or(person.country);
                    held.wikidata = held.wikidata.take().or(person.wikidata);
                }
                None => {
                    self.people
                        .insert(person.id.clone(), self.data.people.len());
                    self.data.people.push(person);
                }
            }
        }
        for topic in other.topics {
            if !self.topics.contains_key(&topic.id) {
                self.topics.insert(topic.id.clone(), self.data.topics.len());
                self.data.topics.push(topic);
            }
        }
        for meeting in other.meetings {
            self.add_meeting(meeting);
        }
    }

    /// Joins a meeting to the held one of the same date, people and kind
    /// whose place can be the same (each part equal or unknown on one side,
    /// as normalization decides), or holds it as a new one under a free id.
    fn add_meeting(&mut self, mut meeting: Meeting) {
        let key = base_id(&meeting);
        // Reports without a day are never one meeting (normalization
        // cannot tell them to be the same), so neither are such meetings.
        let held = self
            .meetings
            .get(&key)
            .filter(|_| meeting.date.is_some())
            .and_then(|found| {
                found
                    .iter()
                    .copied()
                    .find(|&i| places_compatible(&self.data.meetings[i].place, &meeting.place))
            });
        match held {
            Some(i) => join(&mut self.data.meetings[i], meeting),
            None => {
                if self.meeting_ids.contains(&meeting.id) {
                    meeting.id = (2..)
                        .map(|n| format!("{key}-{n}"))
                        .find(|id| !self.meeting_ids.contains(id))
                        .unwrap_or(key.clone());
                }
                self.meeting_ids.insert(meeting.id.clone());
                self.meetings
                    .entry(key)
                    .or_default()
                    .push(self.data.meetings.len());
                self.data.meetings.push(meeting);
            }
        }
    }

    /// The ids the people of `other` take here: a person whose id is held by
    /// someone else (normalization numbers homonyms of other countries in
    /// the order it meets them: `marco-rubio-2`) takes the id of the held
    /// person of the same name and a compatible country, or a free number.
    fn person_renames(&self, other: &Dataset) -> HashMap<String, String> {
        let mut by_name: HashMap<&str, Vec<&Person>> = HashMap::new();
        for held in &self.data.people {
            by_name.entry(held.name.as_str()).or_default().push(held);
        }
        let mut renames = HashMap::new();
        let mut taken: std::collections::HashSet<String> =
            other.people.iter().map(|p| p.id.clone()).collect();
        for person in &other.people {
            let namesakes = by_name
                .get(person.name.as_str())
                .map_or(&[][..], Vec::as_slice);
            let exact = namesakes.iter().find(|h| h.country == person.country);
            let compatible = namesakes
                .iter()
                .find(|h| h.country.is_none() || person.country.is_none());
            let new = match exact.or(compatible) {
                Some(held) if held.id == person.id => continue,
                Some(held) => held.id.clone(),
                None if !self.people.contains_key(&person.id) => continue,
                None => {
                    let base = readout_model::slug(&person.name);
                    (2..)
                        .map(|n| format!("{base}-{n}"))
                        .find(|id| !self.people.contains_key(id) && !taken.contains(id))
                        .unwrap_or(base)
                }
            };
            taken.insert(new.clone());
            renames.insert(person.id.clone(), new);
        }
        renames
    }

    /// The merged dataset, in canonical order.
    pub(crate) fn finish(mut self) -> Dataset {
        if fold_lone_surnames(&mut self.data) {
            // Meetings of renamed people may now be one: add them all again.
            let meetings = std::mem::take(&mut self.data.meetings);
            self.meetings.clear();
            self.meeting_ids.clear();
            for meeting in meetings {
                self.add_meeting(meeting);
            }
        }
        let mut data = self.data;
        // A meeting of several reports is coded from all of them, as
        // normalization codes it.
        for i in 0..data.meetings.len() {
            if data.meetings[i].sources.len() > 1 {
                let coding = readout_normalize::coding(&data.meetings[i], &data.people);
                data.meetings[i].coding = coding;
            }
        }
        data.canonicalize();
        data
    }
}

/// A person known only by a surname in one dataset ("Aliyev") is the one
/// person of another dataset with that surname and a compatible country
/// ("Ilham Aliyev"), as normalization decides within one run: fold the first
/// into the second, re-key the meetings that change and join those that then
/// coincide.
fn fold_lone_surnames(data: &mut Dataset) -> bool {
    let fold = |s: &str| s.to_lowercase();
    let mut renames: HashMap<String, String> = HashMap::new();
    for lone in data.people.iter().filter(|p| !p.name.contains(' ')) {
        let key = fold(&lone.name);
        let mut fitting = data.people.iter().filter(|full| {
            full.id != lone.id
                && full.name.rsplit(' ').next().map(fold) == Some(key.clone())
                && full.name.contains(' ')
                && (full.country.is_none()
                    || lone.country.is_none()
                    || full.country == lone.country)
        });
        if let (Some(full), None) = (fitting.next(), fitting.next()) {
            renames.insert(lone.id.clone(), full.id.clone());
        }
    }
    if renames.is_empty() {
        return false;
    }
    let mut folded = Vec::new();
    data.people.retain(|p| match renames.get(&p.id) {
        Some(_) => {
            folded.push(p.clone());
            false
        }
        None => true,
    });
    for lone in folded {
        if let Some(full) = data.people.iter_mut().find(|p| p.id == renames[&lone.id]) {
            for alias in [lone.name].into_iter().chain(lone.aliases) {
                if alias != full.name && !full.aliases.contains(&alias) {
                    full.aliases.push(alias);
                }
            }
        }
    }
    for meeting in &mut data.meetings {
        rename_people(meeting, &renames);
    }
    true
}

/// Gives the people of a meeting their new ids (in participants, speakers,
/// coding and evidence fields) and, where one changed, the meeting its new id.
fn rename_people(meeting: &mut Meeting, renames: &HashMap<String, String>) {
    let rename = |id: &mut String| {
        if let Some(new) = renames.get(id.as_str()) {
            new.clone_into(id);
        }
    };
    let changed = meeting
        .participants
        .iter()
        .any(|p| renames.contains_key(&p.person));
    if !changed {
        return;
    }
    let mut participants: Vec<readout_model::Participant> = Vec::new();
    for mut p in std::mem::take(&mut meeting.participants) {
        rename(&mut p.person);
        match participants.iter_mut().find(|h| h.person == p.person) {
            Some(h) => h.titles_as_written.extend(p.titles_as_written),
            None => participants.push(p),
        }
    }
    meeting.participants = participants;
    for s in &mut meeting.statements {
        s.speakers.iter_mut().for_each(rename);
    }
    if let Some(c) = &mut meeting.coding {
        c.actors.iter_mut().for_each(rename);
        c.recipients.iter_mut().for_each(rename);
    }
    for e in &mut meeting.evidence {
        if let Some((field, id)) = e.field.split_once(':')
            && let Some(new) = renames.get(id)
        {
            e.field = format!("{field}:{new}");
        }
    }
    let ids: Vec<&str> = meeting
        .participants
        .iter()
        .map(|p| p.person.as_str())
        .collect();
    meeting.id = readout_model::meeting_id(meeting.date.as_deref(), &ids, meeting.kind.as_str());
}

/// The id a meeting's date, people and kind give it (see `meeting_id`).
fn base_id(meeting: &Meeting) -> String {
    let ids: Vec<&str> = meeting
        .participants
        .iter()
        .map(|p| p.person.as_str())
        .collect();
    readout_model::meeting_id(meeting.date.as_deref(), &ids, meeting.kind.as_str())
}

/// Whether two places can be one: each part equal or unknown on one side.
fn places_compatible(a: &readout_model::Place, b: &readout_model::Place) -> bool {
    let part = |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
    part(&a.city, &b.city) && part(&a.region, &b.region) && part(&a.country, &b.country)
}

/// Joins a later report of the same meeting into the record held.
fn join(held: &mut Meeting, mut other: Meeting) {
    fn extend<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
        for x in from {
            if !into.contains(&x) {
                into.push(x);
            }
        }
    }
    // The better-dated report leads, then the first document, as
    // normalization orders the reports of one meeting: the result does not
    // depend on the order the datasets are given in.
    fn rank(m: &Meeting) -> (u8, Option<&String>) {
        let basis = match m.date_basis {
            Some(DateBasis::Stated) => 0,
            Some(DateBasis::Relative) => 1,
            Some(DateBasis::Dateline) => 2,
            Some(DateBasis::Published) => 3,
            None => 4,
        };
        (basis, m.sources.first())
    }
    if rank(&other) < rank(held) {
        std::mem::swap(held, &mut other);
        std::mem::swap(&mut held.id, &mut other.id);
    }
    held.date = held.date.take().or(other.date);
    held.date_basis = held.date_basis.take().or(other.date_basis);
    held.place.city = held.place.city.take().or(other.place.city);
    held.place.region = held.place.region.take().or(other.place.region);
    held.place.country = held.place.country.take().or(other.place.country);
    held.occasion = held.occasion.take().or(other.occasion);
    held.coding = held.coding.take().or(other.coding);
    for p in other.participants {
        match held.participants.iter_mut().find(|h| h.person == p.person) {
            Some(h) => {
                h.country = h.country.take().or(p.country);
                extend(&mut h.roles, p.roles);
                extend(&mut h.titles_as_written, p.titles_as_written);
                extend(&mut h.notes, p.notes);
            }
            None => held.participants.push(p),
        }
    }
    extend(&mut held.topics, other.topics);
    extend(&mut held.statements, other.statements);
    extend(&mut held.sources, other.sources);
    extend(&mut held.evidence, other.evidence);
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_model::{Document, MeetingKind, Participant, Place};

    fn meeting(id: &str, source: &str, city: Option<&str>) -> Meeting {
        Meeting {
            id: id.into(),
            date: Some("2023-09-18".into()),
            date_basis: None,
            kind: MeetingKind::Meeting,
            place: Place {
                city: city.map(str::to_owned),
                region: None,
                country: None,
            },
            occasion: None,
            participants: vec![Participant {
                person: "wang-yi".into(),
                country: None,
                roles: Vec::new(),
                titles_as_written: vec![format!("title in {source}")],
                notes: Vec::new(),
            }],
            topics: Vec::new(),
            coding: None,
            statements: Vec::new(),
            sources: vec![source.into()],
            evidence: Vec::new(),
        }
    }

    fn dataset(doc: &str, meetings: Vec<Meeting>, alias: &str) -> Dataset {
        let mut d = Document::new(Some(format!("{doc}.txt")), doc.into());
        d.id = doc.into();
        Dataset {
            documents: vec![d],
            people: vec![Person {
                id: "wang-yi".into(),
                name: "Wang Yi".into(),
                aliases: vec![alias.into()],
                country: None,
                wikidata: None,
            }],
            meetings,
            ..Dataset::default()
        }
    }

    #[test]
    fn a_meeting_reported_in_two_datasets_is_one_record_with_both_sources() {
        let mut merged = Merged::default();
        merged.add(dataset("a", vec![meeting("m", "a", None)], "Wang"));
        merged.add(dataset(
            "b",
            vec![meeting("m", "b", Some("Beijing"))],
            "WANG Yi",
        ));
        // Same day, same people, another city: another meeting.
        merged.add(dataset(
            "a",
            vec![meeting("n", "a", Some("Moscow"))],
            "Wang",
        ));
        let data = merged.finish();
        assert_eq!(data.documents.len(), 2);
        assert_eq!(data.people.len(), 1);
        // Sorted, as normalization sorts them.
        assert_eq!(data.people[0].aliases, ["WANG Yi", "Wang"]);
        assert_eq!(data.meetings.len(), 2);
        let m = &data.meetings[0];
        assert_eq!(m.sources, ["a", "b"]);
        assert_eq!(m.place.city.as_deref(), Some("Beijing"));
        assert_eq!(
            m.participants[0].titles_as_written,
            ["title in a", "title in b"]
        );
    }

    #[test]
    fn a_lone_surname_joins_the_one_full_name_of_another_dataset() {
        let mut merged = Merged::default();
        merged.add(dataset("a", vec![meeting("m", "a", None)], "Wang"));
        let mut b = dataset("b", Vec::new(), "x");
        b.people[0] = Person {
            id: "yi".into(),
            name: "Yi".into(),
            aliases: Vec::new(),
            country: None,
            wikidata: None,
        };
        let mut lone = meeting("2023-09-18-yi-meeting", "b", None);
        lone.participants[0].person = "yi".into();
        b.meetings.push(lone);
        merged.add(b);
        let data = merged.finish();
        assert_eq!(data.people.len(), 1);
        assert!(data.people[0].aliases.contains(&"Yi".to_owned()));
        // Re-keyed to the full name, it is the meeting `a` reported.
        assert_eq!(data.meetings.len(), 1, "{:?}", data.meetings);
        assert_eq!(data.meetings[0].sources, ["a", "b"]);
        assert_eq!(data.meetings[0].participants.len(), 1);
        assert_eq!(data.meetings[0].participants[0].person, "wang-yi");
    }

    #[test]
    fn homonyms_numbered_apart_stay_apart_and_find_their_namesakes() {
        let person = |id: &str, country: &str| Person {
            id: id.into(),
            name: "Marco Rubio".into(),
            aliases: Vec::new(),
            country: Some(country.into()),
            wikidata: None,
        };
        let with = |doc: &str, people: Vec<Person>, ids: &[&str]| {
            let mut d = dataset(doc, Vec::new(), "x");
            d.people = people;
            for id in ids {
                let mut m = meeting(&format!("2023-09-18-{id}-meeting"), doc, None);
                m.participants[0].person = (*id).into();
                m.evidence.push(readout_model::Evidence {
                    field: format!("participant:{id}"),
                    document: doc.into(),
                    start: 0,
                    end: 1,
                    text: doc.into(),
                });
                d.meetings.push(m);
            }
            d
        };
        let mut merged = Merged::default();
        merged.add(with(
            "a",
            vec![person("marco-rubio", "US"), person("marco-rubio-2", "KP")],
            &["marco-rubio", "marco-rubio-2"],
        ));
        // In b, the American is number 2 and a third country is number 1.
        merged.add(with(
            "b",
            vec![person("marco-rubio", "RU"), person("marco-rubio-2", "US")],
            &["marco-rubio", "marco-rubio-2"],
        ));
        let data = merged.finish();
        let people: Vec<(&str, &str)> = data
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.country.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            people,
            [
                ("marco-rubio", "US"),
                ("marco-rubio-2", "KP"),
                ("marco-rubio-3", "RU")
            ]
        );
        let us = data
            .meetings
            .iter()
            .find(|m| m.id == "2023-09-18-marco-rubio-meeting")
            .unwrap();
        assert_eq!(us.sources, ["a", "b"]);
        assert!(
            us.evidence
                .iter()
                .all(|e| e.field == "participant:marco-rubio")
        );
        assert!(
            data.meetings
                .iter()
                .any(|m| m.id == "2023-09-18-marco-rubio-3-meeting" && m.sources == ["b"])
        );
    }
}
