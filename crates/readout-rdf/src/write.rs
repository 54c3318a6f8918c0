//! Dataset → triples, in one fixed order, grouped by subject.

use crate::Options;
use crate::vocab::*;
use oxrdf::{Literal, NamedNode, NamedNodeRef, Term, TripleRef};
use readout_model::{Dataset, Document, Evidence, Meeting, Person, Span, Topic};
use std::collections::HashMap;
use std::io;

/// The triples of one subject, in the order they are written.
struct Block {
    subject: NamedNode,
    properties: Vec<(NamedNodeRef<'static>, Term)>,
}

/// Collects triples subject by subject, so that the Turtle serializer can
/// group them; blocks are written in the order they were opened.
#[derive(Default)]
struct Blocks {
    blocks: Vec<Block>,
}

impl Blocks {
    fn open(&mut self, subject: NamedNode) -> usize {
        self.blocks.push(Block {
            subject,
            properties: Vec::new(),
        });
        self.blocks.len() - 1
    }

    fn add(&mut self, block: usize, predicate: NamedNodeRef<'static>, object: impl Into<Term>) {
        self.blocks[block]
            .properties
            .push((predicate, object.into()));
    }

    fn add_str(&mut self, block: usize, predicate: NamedNodeRef<'static>, value: &str) {
        self.add(block, predicate, Literal::new_simple_literal(value));
    }

    fn add_opt(&mut self, block: usize, predicate: NamedNodeRef<'static>, value: Option<&str>) {
        if let Some(v) = value {
            self.add_str(block, predicate, v);
        }
    }

    fn add_number(&mut self, block: usize, predicate: NamedNodeRef<'static>, value: usize) {
        self.add(
            block,
            predicate,
            Literal::new_typed_literal(value.to_string(), XSD_INTEGER),
        );
    }

    /// An RDF list of `items` under `predicate`, its cells named
    /// `{cells}-1`, `{cells}-2` …; nothing for an empty list.
    fn list(
        &mut self,
        block: usize,
        predicate: NamedNodeRef<'static>,
        cells: &str,
        items: Vec<Term>,
    ) -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let names = (1..=items.len())
            .map(|k| iri(format!("{cells}-{k}")))
            .collect::<io::Result<Vec<_>>>()?;
        self.add(block, predicate, names[0].clone());
        for (k, item) in items.into_iter().enumerate() {
            let cell = self.open(names[k].clone());
            self.add(cell, RDF_FIRST, item);
            match names.get(k + 1) {
                Some(next) => self.add(cell, RDF_REST, next.clone()),
                None => self.add(cell, RDF_REST, RDF_NIL.into_owned()),
            }
        }
        Ok(())
    }

    fn emit(&self, sink: &mut dyn FnMut(TripleRef<'_>) -> io::Result<()>) -> io::Result<()> {
        for block in &self.blocks {
            for (predicate, object) in &block.properties {
                sink(TripleRef::new(&block.subject, *predicate, object))?;
            }
        }
        Ok(())
    }

    fn clear(&mut self) {
        self.blocks.clear();
    }
}

/// A checked IRI; the parts the crate builds are percent-encoded, so a
/// failure here means a bad base IRI, which [`Options`] already rejects.
fn iri(s: String) -> io::Result<NamedNode> {
    NamedNode::new(s).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

/// Percent-encodes an id for use as one path segment: every byte outside
/// `A-Z a-z 0-9 - _ ~` (the dot too, so that `.` and `..` stay plain names)
/// becomes `%XX`. The mapping is one-to-one.
pub(crate) fn encode_segment(id: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(id.len());
    for &b in id.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'~' {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// Whether `s` is a calendar date `YYYY-MM-DD` that `xsd:date` accepts.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year > 0 && (1..=days).contains(&day)
}

/// Whether `s` is `YYYY-MM-DDTHH:MM` with a valid date and time.
pub(crate) fn is_minute(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 16 || b[10] != b'T' || b[13] != b':' || !is_date(&s[..10]) {
        return false;
    }
    let two = |i: usize| -> Option<u32> {
        (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit())
            .then(|| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0'))
    };
    matches!((two(11), two(14)), (Some(h), Some(m)) if h < 24 && m < 60)
}

/// A date as `xsd:date`, a date and minute as `xsd:dateTime` (with `:00`
/// seconds, which the reader drops again), anything else as a plain string,
/// so that the exact text always comes back.
fn date_literal(s: &str) -> Literal {
    if is_date(s) {
        Literal::new_typed_literal(s, XSD_DATE)
    } else if is_minute(s) {
        Literal::new_typed_literal(format!("{s}:00"), XSD_DATE_TIME)
    } else {
        Literal::new_simple_literal(s)
    }
}

struct Writer<'a> {
    base: &'a str,
    texts: HashMap<&'a str, &'a str>,
    blocks: Blocks,
}

impl<'a> Writer<'a> {
    fn record(&self, kind: &str, id: &str) -> io::Result<NamedNode> {
        iri(format!("{}{kind}/{}", self.base, encode_segment(id)))
    }

    fn document(&mut self, doc: &Document) -> io::Result<()> {
        let subject = self.record("document", &doc.id)?;
        let b = self.blocks.open(subject.clone());
        self.blocks.add(b, RDF_TYPE, SCHEMA_ARTICLE.into_owned());
        self.blocks.add(b, RDF_TYPE, PROV_ENTITY.into_owned());
        self.blocks.add_str(b, SCHEMA_IDENTIFIER, &doc.id);
        self.blocks.add_opt(b, RO_PATH, doc.path.as_deref());
        self.blocks.add_str(b, SCHEMA_SHA256, &doc.sha256);
        self.blocks
            .add_opt(b, SCHEMA_PUBLISHER, doc.outlet.as_deref());
        self.blocks
            .add_opt(b, SCHEMA_HEADLINE, doc.headline.as_deref());
        if let Some(published) = &doc.published {
            self.blocks
                .add(b, SCHEMA_DATE_PUBLISHED, date_literal(published));
        }
        self.blocks.add_str(b, SCHEMA_TEXT, &doc.text);
        self.evidence(&subject, &doc.evidence)
    }

    fn person(&mut self, person: &Person) -> io::Result<()> {
        let subject = self.record("person", &person.id)?;
        let b = self.blocks.open(subject.clone());
        self.blocks.add(b, RDF_TYPE, SCHEMA_PERSON.into_owned());
        self.blocks.add_str(b, SCHEMA_IDENTIFIER, &person.id);
        self.blocks.add_str(b, SCHEMA_NAME, &person.name);
        for (k, alias) in person.aliases.iter().enumerate() {
            if !person.aliases[..k].contains(alias) {
                self.blocks.add_str(b, SCHEMA_ALTERNATE_NAME, alias);
            }
        }
        self.blocks
            .add_opt(b, SCHEMA_NATIONALITY, person.country.as_deref());
        match person.wikidata.as_deref() {
            Some(q) if is_wikidata_item(q) => {
                self.blocks
                    .add(b, OWL_SAME_AS, iri(format!("{WIKIDATA}{q}"))?);
            }
            other => self.blocks.add_opt(b, RO_WIKIDATA, other),
        }
        let aliases = person
            .aliases
            .iter()
            .map(|a| Literal::new_simple_literal(a).into())
            .collect();
        self.blocks.list(
            b,
            RO_ALIASES,
            &format!("{}#aliases", subject.as_str()),
            aliases,
        )
    }

    fn topic(&mut self, topic: &Topic) -> io::Result<()> {
        let subject = self.record("topic", &topic.id)?;
        let b = self.blocks.open(subject);
        self.blocks
            .add(b, RDF_TYPE, SCHEMA_DEFINED_TERM.into_owned());
        self.blocks.add_str(b, SCHEMA_IDENTIFIER, &topic.id);
        self.blocks.add_str(b, SCHEMA_NAME, &topic.label);
        self.blocks.add_str(b, RO_TOPIC_KIND, topic.kind.as_str());
        Ok(())
    }

    fn people(&self, ids: &[String]) -> io::Result<Vec<Term>> {
        ids.iter()
            .map(|id| self.record("person", id).map(Term::from))
            .collect()
    }

    fn meeting(&mut self, meeting: &Meeting) -> io::Result<()> {
        let subject = self.record("meeting", &meeting.id)?;
        let at = |fragment: &str| iri(format!("{}#{fragment}", subject.as_str()));
        let b = self.blocks.open(subject.clone());
        self.blocks.add(b, RDF_TYPE, SCHEMA_EVENT.into_owned());
        self.blocks.add_str(b, SCHEMA_IDENTIFIER, &meeting.id);
        if let Some(date) = &meeting.date {
            self.blocks.add(b, SCHEMA_START_DATE, date_literal(date));
        }
        if let Some(basis) = meeting.date_basis {
            self.blocks.add_str(b, RO_DATE_BASIS, basis.as_str());
        }
        self.blocks
            .add_str(b, RO_MEETING_KIND, meeting.kind.as_str());
        let place = &meeting.place;
        let has_place = place.city.is_some() || place.region.is_some() || place.country.is_some();
        if has_place {
            self.blocks.add(b, SCHEMA_LOCATION, at("place")?);
        }
        self.blocks
            .add_opt(b, RO_OCCASION, meeting.occasion.as_deref());
        for (k, p) in meeting.participants.iter().enumerate() {
            if !meeting.participants[..k]
                .iter()
                .any(|q| q.person == p.person)
            {
                self.blocks
                    .add(b, SCHEMA_ATTENDEE, self.record("person", &p.person)?);
            }
        }
        for k in 1..=meeting.participants.len() {
            self.blocks
                .add(b, RO_PARTICIPANT, at(&format!("participant-{k}"))?);
        }
        for (k, t) in meeting.topics.iter().enumerate() {
            if !meeting.topics[..k].contains(t) {
                self.blocks.add(b, SCHEMA_ABOUT, self.record("topic", t)?);
            }
        }
        let topics = meeting
            .topics
            .iter()
            .map(|t| self.record("topic", t).map(Term::from))
            .collect::<io::Result<Vec<_>>>()?;
        self.blocks.list(
            b,
            RO_TOPICS,
            &format!("{}#topics", subject.as_str()),
            topics,
        )?;
        if meeting.coding.is_some() {
            self.blocks.add(b, RO_CODING_PROPERTY, at("coding")?);
        }
        for k in 1..=meeting.statements.len() {
            self.blocks
                .add(b, RO_STATEMENT_PROPERTY, at(&format!("statement-{k}"))?);
        }
        for source in &meeting.sources {
            self.blocks
                .add(b, PROV_WAS_DERIVED_FROM, self.record("document", source)?);
        }

        if has_place {
            let p = self.blocks.open(at("place")?);
            self.blocks.add(p, RDF_TYPE, SCHEMA_PLACE.into_owned());
            self.blocks.add(p, SCHEMA_ADDRESS, at("address")?);
            let a = self.blocks.open(at("address")?);
            self.blocks
                .add(a, RDF_TYPE, SCHEMA_POSTAL_ADDRESS.into_owned());
            self.blocks
                .add_opt(a, SCHEMA_ADDRESS_LOCALITY, place.city.as_deref());
            self.blocks
                .add_opt(a, SCHEMA_ADDRESS_REGION, place.region.as_deref());
            self.blocks
                .add_opt(a, SCHEMA_ADDRESS_COUNTRY, place.country.as_deref());
        }
        for (k, p) in meeting.participants.iter().enumerate() {
            let name = format!("participant-{}", k + 1);
            let node = at(&name)?;
            let cells = node.as_str().to_owned();
            let n = self.blocks.open(node);
            self.blocks.add(n, RDF_TYPE, RO_PARTICIPATION.into_owned());
            self.blocks.add_number(n, RO_ORDINAL, k + 1);
            self.blocks
                .add(n, RO_PERSON, self.record("person", &p.person)?);
            self.blocks.add_opt(n, RO_COUNTRY, p.country.as_deref());
            let strings = |v: &[String]| -> Vec<Term> {
                v.iter()
                    .map(|s| Literal::new_simple_literal(s).into())
                    .collect()
            };
            self.blocks
                .list(n, RO_ROLES, &format!("{cells}-roles"), strings(&p.roles))?;
            self.blocks.list(
                n,
                RO_TITLES_AS_WRITTEN,
                &format!("{cells}-titles"),
                strings(&p.titles_as_written),
            )?;
            self.blocks
                .list(n, RO_NOTES, &format!("{cells}-notes"), strings(&p.notes))?;
        }
        if let Some(coding) = &meeting.coding {
            let c = self.blocks.open(at("coding")?);
            self.blocks.add(c, RDF_TYPE, RO_CODING.into_owned());
            self.blocks.add_str(c, RO_PLOVER, &coding.plover);
            self.blocks.add_str(c, RO_MODE, &coding.mode);
            self.blocks.add_str(c, RO_CAMEO, &coding.cameo);
            let actors = self.people(&coding.actors)?;
            let recipients = self.people(&coding.recipients)?;
            let cells = format!("{}#coding", subject.as_str());
            self.blocks
                .list(c, RO_ACTORS, &format!("{cells}-actors"), actors)?;
            self.blocks
                .list(c, RO_RECIPIENTS, &format!("{cells}-recipients"), recipients)?;
        }
        for (k, st) in meeting.statements.iter().enumerate() {
            let name = format!("statement-{}", k + 1);
            let node = at(&name)?;
            let s = self.blocks.open(node.clone());
            self.blocks.add(s, RDF_TYPE, RO_STATEMENT.into_owned());
            self.blocks.add_number(s, RO_ORDINAL, k + 1);
            let speakers = self.people(&st.speakers)?;
            self.blocks.list(
                s,
                RO_SPEAKERS,
                &format!("{}-speakers", node.as_str()),
                speakers,
            )?;
            self.blocks.add_str(s, SCHEMA_TEXT, &st.text);
            let target = at(&format!("{name}-span"))?;
            self.blocks.add(s, RO_SPAN, target.clone());
            self.target(target, &at(&name)?, &st.evidence, None)?;
        }
        self.evidence(&subject, &meeting.evidence)
    }

    /// An `oa:SpecificResource` for a span, with a position selector and,
    /// when the quoted text is known, a quote selector.
    fn target(
        &mut self,
        target: NamedNode,
        owner: &NamedNode,
        span: &Span,
        quote: Option<&str>,
    ) -> io::Result<()> {
        let t = self.blocks.open(target);
        self.blocks
            .add(t, RDF_TYPE, OA_SPECIFIC_RESOURCE.into_owned());
        self.blocks
            .add(t, OA_HAS_SOURCE, self.record("document", &span.document)?);
        let position = iri(format!("{}-position", owner.as_str()))?;
        self.blocks.add(t, OA_HAS_SELECTOR, position.clone());
        let quote_node = match quote {
            Some(_) => {
                let q = iri(format!("{}-quote", owner.as_str()))?;
                self.blocks.add(t, OA_HAS_SELECTOR, q.clone());
                Some(q)
            }
            None => None,
        };
        let p = self.blocks.open(position);
        self.blocks
            .add(p, RDF_TYPE, OA_TEXT_POSITION_SELECTOR.into_owned());
        // Web Annotation counts code points; readout counts bytes. Both are
        // written; the byte offsets are the ones read back.
        let chars = self.texts.get(span.document.as_str()).and_then(|text| {
            let start = text.get(..span.start)?.chars().count();
            let len = text.get(span.start..span.end)?.chars().count();
            Some((start, start + len))
        });
        if let Some((start, end)) = chars {
            self.blocks.add_number(p, OA_START, start);
            self.blocks.add_number(p, OA_END, end);
        }
        self.blocks.add_number(p, RO_BYTE_START, span.start);
        self.blocks.add_number(p, RO_BYTE_END, span.end);
        if let (Some(q), Some(exact)) = (quote_node, quote) {
            let n = self.blocks.open(q);
            self.blocks
                .add(n, RDF_TYPE, OA_TEXT_QUOTE_SELECTOR.into_owned());
            self.blocks.add_str(n, OA_EXACT, exact);
        }
        Ok(())
    }

    /// Evidence as Web Annotations whose body is the record they evidence.
    fn evidence(&mut self, body: &NamedNode, evidence: &[Evidence]) -> io::Result<()> {
        for (k, ev) in evidence.iter().enumerate() {
            let name = iri(format!("{}#evidence-{}", body.as_str(), k + 1))?;
            let a = self.blocks.open(name.clone());
            self.blocks.add(a, RDF_TYPE, OA_ANNOTATION.into_owned());
            self.blocks.add_number(a, RO_ORDINAL, k + 1);
            self.blocks
                .add(a, OA_MOTIVATED_BY, OA_IDENTIFYING.into_owned());
            self.blocks.add(a, OA_HAS_BODY, body.clone());
            self.blocks.add_str(a, RO_FIELD, &ev.field);
            let target = iri(format!("{}-target", name.as_str()))?;
            self.blocks.add(a, OA_HAS_TARGET, target.clone());
            let span = Span {
                document: ev.document.clone(),
                start: ev.start,
                end: ev.end,
            };
            self.target(target, &name, &span, Some(&ev.text))?;
        }
        Ok(())
    }
}

/// Whether `q` is a Wikidata item id, `Q` and a number without leading zero.
fn is_wikidata_item(q: &str) -> bool {
    let Some(digits) = q.strip_prefix('Q') else {
        return false;
    };
    !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Calls `sink` with every triple of `data`, record by record, each record's
/// subjects grouped: the dataset node, documents, people, topics, meetings.
pub(crate) fn triples(
    data: &Dataset,
    options: &Options,
    sink: &mut dyn FnMut(TripleRef<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut w = Writer {
        base: &options.base,
        texts: data
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect(),
        blocks: Blocks::default(),
    };
    let dataset = w.blocks.open(iri(options.base.clone())?);
    w.blocks.add(dataset, RDF_TYPE, SCHEMA_DATASET.into_owned());
    w.blocks.add_str(dataset, RO_FORMAT, &data.format);
    w.blocks.emit(sink)?;
    w.blocks.clear();
    for doc in &data.documents {
        w.document(doc)?;
        w.blocks.emit(sink)?;
        w.blocks.clear();
    }
    for person in &data.people {
        w.person(person)?;
        w.blocks.emit(sink)?;
        w.blocks.clear();
    }
    for topic in &data.topics {
        w.topic(topic)?;
        w.blocks.emit(sink)?;
        w.blocks.clear();
    }
    for meeting in &data.meetings {
        w.meeting(meeting)?;
        w.blocks.emit(sink)?;
        w.blocks.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_one_to_one() {
        assert_eq!(encode_segment("sergey-lavrov"), "sergey-lavrov");
        assert_eq!(encode_segment("a b/c#d.e"), "a%20b%2Fc%23d%2Ee");
        assert_eq!(encode_segment("%"), "%25");
        assert_eq!(encode_segment("ван"), "%D0%B2%D0%B0%D0%BD");
        assert_eq!(encode_segment(".."), "%2E%2E");
    }

    #[test]
    fn only_real_dates_are_typed() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-1-01"));
        assert!(is_minute("2023-09-19T10:50"));
        assert!(!is_minute("2023-09-19T24:00"));
        assert!(!is_minute("2023-09-19T10:50:00"));
        assert!(is_wikidata_item("Q42"));
        assert!(!is_wikidata_item("Q042"));
        assert!(!is_wikidata_item("Q"));
        assert!(!is_wikidata_item("P31"));
    }
}
