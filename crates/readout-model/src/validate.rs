//! Checks that a dataset holds together: every id resolves and every span
//! falls on its document's text.

use crate::{Dataset, FORMAT, document_id, sha256_hex};
use std::collections::HashSet;
use std::fmt;

/// One thing wrong with a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a path into the dataset such as `meetings[3].participants[0].person`.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Every problem in `data`: a wrong `format` value, a repeated id, a reference
/// to a document, person or topic that is not there, a document whose hash or
/// id does not match its text, and an evidence span that does not fall on the
/// document text (or whose quoted text differs from it). Empty when the
/// dataset is sound.
///
/// ```
/// let data = readout_model::Dataset::default();
/// assert!(readout_model::validate(&data).is_empty());
/// ```
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |at: String, message: String| problems.push(Problem { at, message });
    if data.format != FORMAT {
        report(
            "format".into(),
            format!("is {:?}, expected {FORMAT:?}", data.format),
        );
    }
    let mut documents = HashSet::new();
    for (i, doc) in data.documents.iter().enumerate() {
        if !documents.insert(doc.id.as_str()) {
            report(
                format!("documents[{i}].id"),
                format!("{} is repeated", doc.id),
            );
        }
        let sha = sha256_hex(doc.text.as_bytes());
        if doc.sha256 != sha {
            report(
                format!("documents[{i}].sha256"),
                "does not match the text".into(),
            );
        }
        if doc.id != document_id(&doc.sha256) {
            report(
                format!("documents[{i}].id"),
                format!("{} does not match the sha256", doc.id),
            );
        }
        for (j, ev) in doc.evidence.iter().enumerate() {
            if ev.document != doc.id {
                report(
                    format!("documents[{i}].evidence[{j}].document"),
                    format!("{} is not this document", ev.document),
                );
            }
        }
    }
    let mut people = HashSet::new();
    for (i, person) in data.people.iter().enumerate() {
        if !people.insert(person.id.as_str()) {
            report(
                format!("people[{i}].id"),
                format!("{} is repeated", person.id),
            );
        }
    }
    let mut topics = HashSet::new();
    for (i, topic) in data.topics.iter().enumerate() {
        if !topics.insert(topic.id.as_str()) {
            report(
                format!("topics[{i}].id"),
                format!("{} is repeated", topic.id),
            );
        }
    }
    let mut meetings = HashSet::new();
    // Spans are many and documents can be too: look texts up by id, once.
    let texts: std::collections::HashMap<&str, &crate::Document> =
        data.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let check_span = |at: String,
                      document: &str,
                      start: usize,
                      end: usize,
                      quoted: Option<&str>|
     -> Option<Problem> {
        let Some(doc) = texts.get(document) else {
            return Some(Problem {
                at: format!("{at}.document"),
                message: format!("no document {document}"),
            });
        };
        let text = &doc.text;
        if start > end || end > text.len() {
            return Some(Problem {
                at,
                message: format!(
                    "span {start}..{end} is outside the {} bytes of {document}",
                    text.len()
                ),
            });
        }
        let Some(slice) = text.get(start..end) else {
            return Some(Problem {
                at,
                message: format!("span {start}..{end} splits a character of {document}"),
            });
        };
        match quoted {
            Some(q) if q != slice => Some(Problem {
                at: format!("{at}.text"),
                message: format!("{q:?} differs from the document's {slice:?} at {start}..{end}"),
            }),
            _ => None,
        }
    };
    let mut span_problems = Vec::new();
    for (i, meeting) in data.meetings.iter().enumerate() {
        let here = format!("meetings[{i}]");
        if !meetings.insert(meeting.id.as_str()) {
            report(format!("{here}.id"), format!("{} is repeated", meeting.id));
        }
        for (j, p) in meeting.participants.iter().enumerate() {
            if !people.contains(p.person.as_str()) {
                report(
                    format!("{here}.participants[{j}].person"),
                    format!("no person {}", p.person),
                );
            }
        }
        for (j, t) in meeting.topics.iter().enumerate() {
            if !topics.contains(t.as_str()) {
                report(format!("{here}.topics[{j}]"), format!("no topic {t}"));
            }
        }
        for (j, s) in meeting.sources.iter().enumerate() {
            if !documents.contains(s.as_str()) {
                report(format!("{here}.sources[{j}]"), format!("no document {s}"));
            }
        }
        if let Some(coding) = &meeting.coding {
            for (j, id) in coding.actors.iter().chain(&coding.recipients).enumerate() {
                if !people.contains(id.as_str()) {
                    report(format!("{here}.coding[{j}]"), format!("no person {id}"));
                }
            }
        }
        for (j, st) in meeting.statements.iter().enumerate() {
            for (k, sp) in st.speakers.iter().enumerate() {
                if !people.contains(sp.as_str()) {
                    report(
                        format!("{here}.statements[{j}].speakers[{k}]"),
                        format!("no person {sp}"),
                    );
                }
            }
            let ev = &st.evidence;
            span_problems.extend(check_span(
                format!("{here}.statements[{j}].evidence"),
                &ev.document,
                ev.start,
                ev.end,
                None,
            ));
        }
        for (j, ev) in meeting.evidence.iter().enumerate() {
            span_problems.extend(check_span(
                format!("{here}.evidence[{j}]"),
                &ev.document,
                ev.start,
                ev.end,
                Some(&ev.text),
            ));
        }
    }
    for (i, doc) in data.documents.iter().enumerate() {
        for (j, ev) in doc.evidence.iter().enumerate() {
            span_problems.extend(check_span(
                format!("documents[{i}].evidence[{j}]"),
                &ev.document,
                ev.start,
                ev.end,
                Some(&ev.text),
            ));
        }
    }
    problems.extend(span_problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    fn sample() -> Dataset {
        let doc = Document::new(Some("a.txt".into()), "On Monday Wang Yi met Lavrov.".into());
        let person = Person {
            id: "wang-yi".into(),
            name: "Wang Yi".into(),
            aliases: vec![],
            country: Some("CN".into()),
            wikidata: None,
        };
        let meeting = Meeting {
            id: "undated-wang-yi-meeting".into(),
            date: None,
            date_basis: None,
            kind: MeetingKind::Meeting,
            place: Place::default(),
            occasion: None,
            participants: vec![Participant {
                person: "wang-yi".into(),
                country: Some("CN".into()),
                roles: vec![],
                titles_as_written: vec![],
                notes: vec![],
            }],
            topics: vec![],
            coding: None,
            statements: vec![],
            sources: vec![doc.id.clone()],
            evidence: vec![Evidence {
                field: "participant:wang-yi".into(),
                document: doc.id.clone(),
                start: 10,
                end: 17,
                text: "Wang Yi".into(),
            }],
        };
        Dataset {
            documents: vec![doc],
            people: vec![person],
            meetings: vec![meeting],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_sound_dataset_has_no_problems() {
        assert_eq!(validate(&sample()), vec![]);
    }

    #[test]
    fn dangling_references_are_each_reported() {
        let mut data = sample();
        data.meetings[0].participants[0].person = "nobody".into();
        data.meetings[0].topics.push("ukraine".into());
        data.meetings[0].sources.push("doc-missing".into());
        let problems = validate(&data);
        let at: Vec<&str> = problems.iter().map(|p| p.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "meetings[0].participants[0].person",
                "meetings[0].topics[0]",
                "meetings[0].sources[1]"
            ]
        );
    }

    #[test]
    fn spans_off_the_text_are_reported() {
        let mut data = sample();
        data.meetings[0].evidence[0].start = 11;
        data.meetings[0].evidence[0].end = 18;
        let far = Evidence {
            end: 999,
            ..data.meetings[0].evidence[0].clone()
        };
        data.meetings[0].evidence.push(far);
        let problems = validate(&data);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("differs"));
        assert!(problems[1].message.contains("outside"));
    }

    #[test]
    fn a_changed_text_breaks_the_hash() {
        let mut data = sample();
        data.documents[0].text.push('!');
        let problems = validate(&data);
        assert_eq!(problems[0].at, "documents[0].sha256");
    }
}
