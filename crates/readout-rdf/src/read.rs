//! Triples → dataset.
//!
//! The triples are first gathered into a compact graph: every node interned
//! to a number, every known predicate to its index in the vocabulary table,
//! unknown predicates dropped. Records are then found by their `rdf:type`.

use crate::vocab::*;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef};
use readout_format::FormatError;
use readout_model::{
    Coding, Dataset, DateBasis, Document, Evidence, Meeting, MeetingKind, Participant, Person,
    Place, Span, Statement, Topic, TopicKind,
};
use std::collections::HashMap;
use std::rc::Rc;

type Node = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Datatype {
    Date,
    DateTime,
    Other,
}

#[derive(Debug)]
enum Object {
    Node(Node),
    Literal(String, Datatype),
}

/// The triples of a file, indexed by subject.
pub(crate) struct Graph {
    names: Vec<Rc<str>>,
    ids: HashMap<Rc<str>, Node>,
    predicates: HashMap<&'static str, u16>,
    properties: Vec<Vec<(u16, Object)>>,
    /// Subjects in the order they first appear.
    subjects: Vec<Node>,
}

impl Graph {
    pub(crate) fn new() -> Self {
        Graph {
            names: Vec::new(),
            ids: HashMap::new(),
            predicates: ALL
                .iter()
                .enumerate()
                .map(|(i, (_, t))| (t.as_str(), i as u16))
                .collect(),
            properties: Vec::new(),
            subjects: Vec::new(),
        }
    }

    fn intern(&mut self, name: &str) -> Node {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as Node;
        let name: Rc<str> = Rc::from(name);
        self.names.push(Rc::clone(&name));
        self.ids.insert(name, id);
        self.properties.push(Vec::new());
        id
    }

    fn intern_blank(&mut self, label: &str) -> Node {
        self.intern(&format!("_:{label}"))
    }

    pub(crate) fn add(&mut self, t: TripleRef<'_>) {
        let Some(&p) = self.predicates.get(t.predicate.as_str()) else {
            return;
        };
        let s = match t.subject {
            NamedOrBlankNodeRef::NamedNode(n) => self.intern(n.as_str()),
            NamedOrBlankNodeRef::BlankNode(b) => self.intern_blank(b.as_str()),
        };
        let o = match t.object {
            TermRef::NamedNode(n) => Object::Node(self.intern(n.as_str())),
            TermRef::BlankNode(b) => Object::Node(self.intern_blank(b.as_str())),
            TermRef::Literal(l) => {
                let datatype = match l.datatype() {
                    XSD_DATE => Datatype::Date,
                    XSD_DATE_TIME => Datatype::DateTime,
                    _ => Datatype::Other,
                };
                Object::Literal(l.value().to_owned(), datatype)
            }
            #[allow(unreachable_patterns)]
            _ => return,
        };
        let props = &mut self.properties[s as usize];
        if props.is_empty() {
            self.subjects.push(s);
        }
        props.push((p, o));
    }

    fn node(&self, term: NamedNodeRef<'_>) -> Option<Node> {
        self.ids.get(term.as_str()).copied()
    }

    fn predicate(&self, term: NamedNodeRef<'_>) -> u16 {
        self.predicates[term.as_str()]
    }

    fn values(&self, s: Node, p: NamedNodeRef<'_>) -> impl Iterator<Item = &Object> {
        let p = self.predicate(p);
        self.properties[s as usize]
            .iter()
            .filter(move |(q, _)| *q == p)
            .map(|(_, o)| o)
    }

    fn has_type(&self, s: Node, class: Option<Node>) -> bool {
        class.is_some_and(|c| {
            self.values(s, RDF_TYPE)
                .any(|o| matches!(o, Object::Node(n) if *n == c))
        })
    }

    /// Subjects of this `rdf:type`, in the order they first appear.
    fn of_type(&self, class: NamedNodeRef<'_>) -> Vec<Node> {
        let Some(c) = self.node(class) else {
            return Vec::new();
        };
        let p = self.predicate(RDF_TYPE);
        self.subjects
            .iter()
            .copied()
            .filter(|s| {
                self.properties[*s as usize]
                    .iter()
                    .any(|(q, o)| *q == p && matches!(o, Object::Node(n) if *n == c))
            })
            .collect()
    }

    fn name(&self, n: Node) -> String {
        let name = &self.names[n as usize];
        if name.starts_with("_:") {
            name.to_string()
        } else {
            format!("<{name}>")
        }
    }
}

/// Reads records out of a [`Graph`], with errors that name the input, the
/// node and the missing or wrong term.
struct Reader<'a> {
    graph: &'a Graph,
    location: &'a str,
    people: HashMap<Node, String>,
    topics: HashMap<Node, String>,
    documents: HashMap<Node, String>,
    texts: HashMap<String, String>,
}

fn short(term: NamedNodeRef<'_>) -> &'static str {
    ALL.iter()
        .find(|(_, t)| *t == term)
        .map_or("?", |(s, _)| *s)
}

impl Reader<'_> {
    fn error(&self, node: Node, message: impl std::fmt::Display) -> FormatError {
        FormatError::invalid(
            self.location,
            format!("{}: {message}", self.graph.name(node)),
        )
    }

    fn at_most_one(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Option<&Object>, FormatError> {
        let mut values = self.graph.values(s, p);
        let first = values.next();
        if values.next().is_some() {
            return Err(self.error(s, format!("has more than one {}", short(p))));
        }
        Ok(first)
    }

    fn opt_string(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Option<String>, FormatError> {
        match self.at_most_one(s, p)? {
            None => Ok(None),
            Some(Object::Literal(v, _)) => Ok(Some(v.clone())),
            Some(Object::Node(n)) => Err(self.error(
                s,
                format!(
                    "{} is {}, expected a literal",
                    short(p),
                    self.graph.name(*n)
                ),
            )),
        }
    }

    fn string(&self, s: Node, p: NamedNodeRef<'_>) -> Result<String, FormatError> {
        self.opt_string(s, p)?
            .ok_or_else(|| self.error(s, format!("has no {}", short(p))))
    }

    /// A date written by the writer: `xsd:dateTime` values with `:00`
    /// seconds lose them again, everything else is kept as written.
    fn opt_date(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Option<String>, FormatError> {
        match self.at_most_one(s, p)? {
            Some(Object::Literal(v, Datatype::DateTime)) => Ok(Some(
                v.strip_suffix(":00")
                    .filter(|m| crate::write::is_minute(m))
                    .unwrap_or(v)
                    .to_owned(),
            )),
            Some(Object::Literal(v, Datatype::Date | Datatype::Other)) => Ok(Some(v.clone())),
            Some(Object::Node(n)) => Err(self.error(
                s,
                format!("{} is {}, expected a date", short(p), self.graph.name(*n)),
            )),
            None => Ok(None),
        }
    }

    fn opt_number(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Option<usize>, FormatError> {
        match self.opt_string(s, p)? {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                self.error(s, format!("{} is {v:?}, expected a whole number", short(p)))
            }),
        }
    }

    fn number(&self, s: Node, p: NamedNodeRef<'_>) -> Result<usize, FormatError> {
        self.opt_number(s, p)?
            .ok_or_else(|| self.error(s, format!("has no {}", short(p))))
    }

    fn opt_node(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Option<Node>, FormatError> {
        match self.at_most_one(s, p)? {
            None => Ok(None),
            Some(Object::Node(n)) => Ok(Some(*n)),
            Some(Object::Literal(v, _)) => Err(self.error(
                s,
                format!("{} is the literal {v:?}, expected a node", short(p)),
            )),
        }
    }

    fn node(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Node, FormatError> {
        self.opt_node(s, p)?
            .ok_or_else(|| self.error(s, format!("has no {}", short(p))))
    }

    fn nodes(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Vec<Node>, FormatError> {
        self.graph
            .values(s, p)
            .map(|o| match o {
                Object::Node(n) => Ok(*n),
                Object::Literal(v, _) => Err(self.error(
                    s,
                    format!("{} is the literal {v:?}, expected a node", short(p)),
                )),
            })
            .collect()
    }

    /// The items of the RDF list under `p`; empty when there is none.
    fn list(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Vec<&Object>, FormatError> {
        let mut items = Vec::new();
        let Some(mut cell) = self.opt_node(s, p)? else {
            return Ok(items);
        };
        let nil = self.graph.node(RDF_NIL);
        while Some(cell) != nil {
            if items.len() > self.graph.names.len() {
                return Err(self.error(s, format!("the list under {} has a cycle", short(p))));
            }
            let first = self.at_most_one(cell, RDF_FIRST)?.ok_or_else(|| {
                self.error(cell, format!("list cell of {} has no rdf:first", short(p)))
            })?;
            items.push(first);
            cell = self.node(cell, RDF_REST)?;
        }
        Ok(items)
    }

    fn string_list(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Vec<String>, FormatError> {
        self.list(s, p)?
            .into_iter()
            .map(|o| match o {
                Object::Literal(v, _) => Ok(v.clone()),
                Object::Node(n) => Err(self.error(
                    s,
                    format!(
                        "{} holds {}, expected literals",
                        short(p),
                        self.graph.name(*n)
                    ),
                )),
            })
            .collect()
    }

    fn reference(
        &self,
        s: Node,
        p: NamedNodeRef<'_>,
        target: Node,
        map: &HashMap<Node, String>,
        what: &str,
    ) -> Result<String, FormatError> {
        map.get(&target).cloned().ok_or_else(|| {
            self.error(
                s,
                format!(
                    "{} refers to {}, which is not a {what} in the input",
                    short(p),
                    self.graph.name(target)
                ),
            )
        })
    }

    fn person_list(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Vec<String>, FormatError> {
        self.list(s, p)?
            .into_iter()
            .map(|o| match o {
                Object::Node(n) => self.reference(s, p, *n, &self.people, "schema:Person"),
                Object::Literal(v, _) => Err(self.error(
                    s,
                    format!("{} holds the literal {v:?}, expected people", short(p)),
                )),
            })
            .collect()
    }

    /// Nodes under `p`, in the order of their `ro:ordinal`.
    fn ordered(&self, s: Node, p: NamedNodeRef<'_>) -> Result<Vec<Node>, FormatError> {
        let mut nodes = self
            .nodes(s, p)?
            .into_iter()
            .map(|n| Ok((self.number(n, RO_ORDINAL)?, n)))
            .collect::<Result<Vec<_>, FormatError>>()?;
        nodes.sort();
        for pair in nodes.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(self.error(
                    s,
                    format!(
                        "{} and {} have the same ro:ordinal {}",
                        self.graph.name(pair[0].1),
                        self.graph.name(pair[1].1),
                        pair[0].0
                    ),
                ));
            }
        }
        Ok(nodes.into_iter().map(|(_, n)| n).collect())
    }

    /// The identifier of every record of `class`.
    fn identifiers(&self, class: NamedNodeRef<'_>) -> Result<HashMap<Node, String>, FormatError> {
        self.graph
            .of_type(class)
            .into_iter()
            .map(|n| Ok((n, self.string(n, SCHEMA_IDENTIFIER)?)))
            .collect()
    }

    fn document(&self, n: Node) -> Result<Document, FormatError> {
        Ok(Document {
            id: self.string(n, SCHEMA_IDENTIFIER)?,
            path: self.opt_string(n, RO_PATH)?,
            sha256: self.string(n, SCHEMA_SHA256)?,
            outlet: self.opt_string(n, SCHEMA_PUBLISHER)?,
            headline: self.opt_string(n, SCHEMA_HEADLINE)?,
            published: self.opt_date(n, SCHEMA_DATE_PUBLISHED)?,
            text: self.string(n, SCHEMA_TEXT)?,
            evidence: Vec::new(),
        })
    }

    fn person(&self, n: Node) -> Result<Person, FormatError> {
        let same_as = self
            .nodes(n, OWL_SAME_AS)?
            .into_iter()
            .filter_map(|o| self.graph.names[o as usize].strip_prefix(WIKIDATA))
            .collect::<Vec<_>>();
        let literal = self.opt_string(n, RO_WIKIDATA)?;
        let wikidata = match (same_as.as_slice(), literal) {
            ([], literal) => literal,
            ([q], None) => Some((*q).to_owned()),
            _ => {
                return Err(self.error(n, "has more than one Wikidata item"));
            }
        };
        Ok(Person {
            id: self.string(n, SCHEMA_IDENTIFIER)?,
            name: self.string(n, SCHEMA_NAME)?,
            aliases: self.string_list(n, RO_ALIASES)?,
            country: self.opt_string(n, SCHEMA_NATIONALITY)?,
            wikidata,
        })
    }

    fn topic(&self, n: Node) -> Result<Topic, FormatError> {
        let kind = self.string(n, RO_TOPIC_KIND)?;
        Ok(Topic {
            id: self.string(n, SCHEMA_IDENTIFIER)?,
            label: self.string(n, SCHEMA_NAME)?,
            kind: TopicKind::from_name(&kind)
                .ok_or_else(|| self.error(n, format!("unknown ro:topicKind {kind:?}")))?,
        })
    }

    /// The document and byte range an `oa:SpecificResource` selects.
    fn span(&self, target: Node) -> Result<(Span, Option<String>), FormatError> {
        let source = self.node(target, OA_HAS_SOURCE)?;
        let document = self.reference(
            target,
            OA_HAS_SOURCE,
            source,
            &self.documents,
            "schema:Article",
        )?;
        let mut range = None;
        let mut quote = None;
        let position_class = self.graph.node(OA_TEXT_POSITION_SELECTOR);
        let quote_class = self.graph.node(OA_TEXT_QUOTE_SELECTOR);
        for selector in self.nodes(target, OA_HAS_SELECTOR)? {
            if self.graph.has_type(selector, position_class) {
                let bytes = match (
                    self.opt_number(selector, RO_BYTE_START)?,
                    self.opt_number(selector, RO_BYTE_END)?,
                ) {
                    (Some(s), Some(e)) => (s, e),
                    // Web Annotation from elsewhere: code points, turned
                    // into bytes on the document's text.
                    _ => {
                        let start = self.number(selector, OA_START)?;
                        let end = self.number(selector, OA_END)?;
                        let text = self.texts.get(&document).map_or("", String::as_str);
                        let byte = |c: usize| {
                            text.char_indices()
                                .map(|(i, _)| i)
                                .chain(std::iter::once(text.len()))
                                .nth(c)
                        };
                        match (byte(start), byte(end)) {
                            (Some(s), Some(e)) => (s, e),
                            _ => {
                                return Err(self.error(
                                    selector,
                                    format!("oa:start {start} or oa:end {end} is past the end of {document}"),
                                ));
                            }
                        }
                    }
                };
                range = Some(bytes);
            } else if self.graph.has_type(selector, quote_class) {
                quote = Some(self.string(selector, OA_EXACT)?);
            }
        }
        let (start, end) =
            range.ok_or_else(|| self.error(target, "has no oa:TextPositionSelector"))?;
        Ok((
            Span {
                document,
                start,
                end,
            },
            quote,
        ))
    }

    fn annotation(&self, n: Node) -> Result<Evidence, FormatError> {
        let target = self.node(n, OA_HAS_TARGET)?;
        let (span, quote) = self.span(target)?;
        let text = match quote {
            Some(q) => q,
            None => self
                .texts
                .get(&span.document)
                .and_then(|t| t.get(span.start..span.end))
                .ok_or_else(|| self.error(target, "has no oa:TextQuoteSelector"))?
                .to_owned(),
        };
        Ok(Evidence {
            field: self.string(n, RO_FIELD)?,
            document: span.document,
            start: span.start,
            end: span.end,
            text,
        })
    }

    fn meeting(&self, n: Node, evidence: Vec<Evidence>) -> Result<Meeting, FormatError> {
        let kind = self.string(n, RO_MEETING_KIND)?;
        let kind = MeetingKind::from_name(&kind)
            .ok_or_else(|| self.error(n, format!("unknown ro:meetingKind {kind:?}")))?;
        let date_basis = match self.opt_string(n, RO_DATE_BASIS)? {
            None => None,
            Some(b) => Some(
                DateBasis::from_name(&b)
                    .ok_or_else(|| self.error(n, format!("unknown ro:dateBasis {b:?}")))?,
            ),
        };
        let place = match self.opt_node(n, SCHEMA_LOCATION)? {
            None => Place::default(),
            Some(place) => match self.opt_node(place, SCHEMA_ADDRESS)? {
                None => Place::default(),
                Some(a) => Place {
                    city: self.opt_string(a, SCHEMA_ADDRESS_LOCALITY)?,
                    region: self.opt_string(a, SCHEMA_ADDRESS_REGION)?,
                    country: self.opt_string(a, SCHEMA_ADDRESS_COUNTRY)?,
                },
            },
        };
        let participants = self
            .ordered(n, RO_PARTICIPANT)?
            .into_iter()
            .map(|p| {
                let person = self.node(p, RO_PERSON)?;
                Ok(Participant {
                    person: self.reference(p, RO_PERSON, person, &self.people, "schema:Person")?,
                    country: self.opt_string(p, RO_COUNTRY)?,
                    roles: self.string_list(p, RO_ROLES)?,
                    titles_as_written: self.string_list(p, RO_TITLES_AS_WRITTEN)?,
                    notes: self.string_list(p, RO_NOTES)?,
                })
            })
            .collect::<Result<Vec<_>, FormatError>>()?;
        let topics = self
            .list(n, RO_TOPICS)?
            .into_iter()
            .map(|o| match o {
                Object::Node(t) => {
                    self.reference(n, RO_TOPICS, *t, &self.topics, "schema:DefinedTerm")
                }
                Object::Literal(v, _) => Err(self.error(
                    n,
                    format!("ro:topics holds the literal {v:?}, expected topics"),
                )),
            })
            .collect::<Result<Vec<_>, FormatError>>()?;
        let coding = match self.opt_node(n, RO_CODING_PROPERTY)? {
            None => None,
            Some(c) => Some(Coding {
                plover: self.string(c, RO_PLOVER)?,
                mode: self.string(c, RO_MODE)?,
                cameo: self.string(c, RO_CAMEO)?,
                actors: self.person_list(c, RO_ACTORS)?,
                recipients: self.person_list(c, RO_RECIPIENTS)?,
            }),
        };
        let statements = self
            .ordered(n, RO_STATEMENT_PROPERTY)?
            .into_iter()
            .map(|s| {
                let (evidence, _) = self.span(self.node(s, RO_SPAN)?)?;
                Ok(Statement {
                    speakers: self.person_list(s, RO_SPEAKERS)?,
                    text: self.string(s, SCHEMA_TEXT)?,
                    evidence,
                })
            })
            .collect::<Result<Vec<_>, FormatError>>()?;
        let sources = self
            .nodes(n, PROV_WAS_DERIVED_FROM)?
            .into_iter()
            .map(|d| {
                self.reference(
                    n,
                    PROV_WAS_DERIVED_FROM,
                    d,
                    &self.documents,
                    "schema:Article",
                )
            })
            .collect::<Result<Vec<_>, FormatError>>()?;
        Ok(Meeting {
            id: self.string(n, SCHEMA_IDENTIFIER)?,
            date: self.opt_date(n, SCHEMA_START_DATE)?,
            date_basis,
            kind,
            place,
            occasion: self.opt_string(n, RO_OCCASION)?,
            participants,
            topics,
            coding,
            statements,
            sources,
            evidence,
        })
    }
}

/// Rebuilds the dataset the writer wrote into `graph`.
pub(crate) fn dataset(graph: &Graph, location: &str) -> Result<Dataset, FormatError> {
    let mut reader = Reader {
        graph,
        location,
        people: HashMap::new(),
        topics: HashMap::new(),
        documents: HashMap::new(),
        texts: HashMap::new(),
    };
    let datasets = graph.of_type(SCHEMA_DATASET);
    let format = match datasets.as_slice() {
        [] => {
            return Err(FormatError::invalid(
                location,
                "no schema:Dataset node with ro:format \"readout/1\": not a readout dataset",
            ));
        }
        [one] => reader.string(*one, RO_FORMAT)?,
        _ => {
            return Err(FormatError::invalid(
                location,
                "more than one schema:Dataset node",
            ));
        }
    };
    if format != readout_model::FORMAT {
        return Err(FormatError::invalid(
            location,
            format!(
                "unknown format {format:?}, expected {:?}",
                readout_model::FORMAT
            ),
        ));
    }
    reader.documents = reader.identifiers(SCHEMA_ARTICLE)?;
    reader.people = reader.identifiers(SCHEMA_PERSON)?;
    reader.topics = reader.identifiers(SCHEMA_DEFINED_TERM)?;

    let mut documents = graph
        .of_type(SCHEMA_ARTICLE)
        .into_iter()
        .map(|n| Ok((n, reader.document(n)?)))
        .collect::<Result<Vec<_>, FormatError>>()?;
    reader.texts = documents
        .iter()
        .map(|(_, d)| (d.id.clone(), d.text.clone()))
        .collect();

    // Evidence belongs to the record that is its body.
    let mut evidence: HashMap<Node, Vec<(usize, Node, Evidence)>> = HashMap::new();
    for a in graph.of_type(OA_ANNOTATION) {
        let body = reader.node(a, OA_HAS_BODY)?;
        let ordinal = reader.number(a, RO_ORDINAL)?;
        let ev = reader.annotation(a)?;
        evidence.entry(body).or_default().push((ordinal, a, ev));
    }
    let mut take_evidence = |reader: &Reader<'_>, n: Node| -> Result<Vec<Evidence>, FormatError> {
        let mut list = evidence.remove(&n).unwrap_or_default();
        list.sort_by_key(|(k, _, _)| *k);
        for pair in list.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(reader.error(
                    n,
                    format!(
                        "evidence {} and {} have the same ro:ordinal {}",
                        graph.name(pair[0].1),
                        graph.name(pair[1].1),
                        pair[0].0
                    ),
                ));
            }
        }
        Ok(list.into_iter().map(|(_, _, e)| e).collect())
    };
    for (n, doc) in &mut documents {
        doc.evidence = take_evidence(&reader, *n)?;
    }
    let meetings = graph
        .of_type(SCHEMA_EVENT)
        .into_iter()
        .map(|n| {
            let ev = take_evidence(&reader, n)?;
            reader.meeting(n, ev)
        })
        .collect::<Result<Vec<_>, FormatError>>()?;
    if let Some((body, list)) = evidence.iter().next() {
        return Err(reader.error(
            list[0].1,
            format!(
                "oa:hasBody {} is neither a schema:Article nor a schema:Event",
                graph.name(*body)
            ),
        ));
    }
    let mut data = Dataset {
        format,
        documents: documents.into_iter().map(|(_, d)| d).collect(),
        people: graph
            .of_type(SCHEMA_PERSON)
            .into_iter()
            .map(|n| reader.person(n))
            .collect::<Result<_, _>>()?,
        topics: graph
            .of_type(SCHEMA_DEFINED_TERM)
            .into_iter()
            .map(|n| reader.topic(n))
            .collect::<Result<_, _>>()?,
        meetings,
    };
    data.canonicalize();
    readout_format::validated(data, location)
}
