#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod read;
pub mod vocab;
mod write;

use oxrdf::{NamedNode, Triple, TripleRef};
use oxttl::{
    NTriplesParser, NTriplesSerializer, TurtleParseError, TurtleParser, TurtleSerializer,
    TurtleSyntaxError,
};
use readout_format::{Format, FormatError, Source, Target, write_target};
use readout_model::Dataset;
use std::fs::File;
use std::io::{self, Read, Write};

/// The base IRI records are named under unless [`Options::with_base`] says
/// otherwise: a meeting is `https://w3id.org/readout/id/meeting/{id}`.
pub const DEFAULT_BASE: &str = "https://w3id.org/readout/id/";

/// Turtle (`.ttl`): prefixed names, the triples of each subject grouped.
#[derive(Debug, Default, Clone, Copy)]
pub struct Turtle;

/// N-Triples (`.nt`): one triple a line, full IRIs, for line-based tools.
#[derive(Debug, Default, Clone, Copy)]
pub struct NTriples;

/// How records are named when written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    base: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

impl Options {
    /// Names records under `base`: `{base}meeting/{id}`, `{base}person/{id}`,
    /// `{base}topic/{id}`, `{base}document/{id}`, each id percent-encoded.
    /// `base` must be an absolute IRI ending in `/`.
    ///
    /// ```
    /// let options = readout_rdf::Options::with_base("https://example.org/data/").unwrap();
    /// assert_eq!(options.base(), "https://example.org/data/");
    /// assert!(readout_rdf::Options::with_base("not an iri/").is_err());
    /// assert!(readout_rdf::Options::with_base("https://example.org/data#").is_err());
    /// ```
    pub fn with_base(base: &str) -> Result<Self, FormatError> {
        let bad = |why: &str| FormatError::invalid(format!("base IRI {base:?}"), why);
        let iri = NamedNode::new(base).map_err(|e| bad(&format!("is not an absolute IRI: {e}")))?;
        if !iri.as_str().ends_with('/') || iri.as_str().contains(['#', '?']) {
            return Err(bad("must end in '/' and have no query or fragment"));
        }
        Ok(Options {
            base: iri.into_string(),
        })
    }

    /// The base IRI.
    pub fn base(&self) -> &str {
        &self.base
    }
}

impl Format for Turtle {
    fn name(&self) -> &'static str {
        "turtle"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["ttl"]
    }
    fn media_type(&self) -> &'static str {
        "text/turtle"
    }
    fn description(&self) -> &'static str {
        "RDF Turtle: schema.org, PROV-O and Web Annotation terms, readable back"
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        write_target(to, |w| {
            to_turtle_writer(data, w).map_err(|e| FormatError::io(to, e))
        })
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        with_source(from, |r, location| from_turtle_reader(r, location))
    }
}

impl Format for NTriples {
    fn name(&self) -> &'static str {
        "ntriples"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["nt"]
    }
    fn media_type(&self) -> &'static str {
        "application/n-triples"
    }
    fn description(&self) -> &'static str {
        "RDF N-Triples: the Turtle graph one triple a line, readable back"
    }
    fn can_read(&self) -> bool {
        true
    }
    fn write(&self, data: &Dataset, to: &Target) -> Result<(), FormatError> {
        write_target(to, |w| {
            to_ntriples_writer(data, w).map_err(|e| FormatError::io(to, e))
        })
    }
    fn read(&self, from: &Source) -> Result<Dataset, FormatError> {
        with_source(from, |r, location| from_ntriples_reader(r, location))
    }
}

/// Writes `data` as Turtle with records under [`DEFAULT_BASE`].
///
/// The same dataset always gives the same bytes: the triples come in a fixed
/// order, record by record, each subject's triples together.
///
/// ```
/// let mut out = Vec::new();
/// readout_rdf::to_turtle_writer(&readout_model::Dataset::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("@prefix schema: <http://schema.org/> ."));
/// assert!(text.contains("ro:format \"readout/1\""));
/// ```
pub fn to_turtle_writer<W: Write + ?Sized>(data: &Dataset, out: &mut W) -> io::Result<()> {
    to_turtle_writer_with(data, out, &Options::default())
}

/// Writes `data` as Turtle with records under `options`' base IRI.
///
/// ```
/// let options = readout_rdf::Options::with_base("https://example.org/d/").unwrap();
/// let mut out = Vec::new();
/// readout_rdf::to_turtle_writer_with(&readout_model::Dataset::default(), &mut out, &options).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("<https://example.org/d/> a schema:Dataset"));
/// ```
pub fn to_turtle_writer_with<W: Write + ?Sized>(
    data: &Dataset,
    out: &mut W,
    options: &Options,
) -> io::Result<()> {
    let invalid = |e| io::Error::new(io::ErrorKind::InvalidInput, e);
    // No `@base`: the serializer would write the `ro:` prefix relative to
    // it (`</readout/vocab#>`), which is correct but hard to read.
    let mut serializer = TurtleSerializer::new();
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).map_err(invalid)?;
    }
    let mut serializer = serializer.low_level();
    let mut out = io::BufWriter::new(out);
    write::triples(data, options, &mut |t| {
        serializer.serialize_triple(t, &mut out)
    })?;
    serializer.finish(&mut out)?;
    out.flush()
}

/// Writes `data` as N-Triples with records under [`DEFAULT_BASE`]: the
/// triples of [`to_turtle_writer`], in the same order, one a line.
///
/// ```
/// let mut out = Vec::new();
/// readout_rdf::to_ntriples_writer(&readout_model::Dataset::default(), &mut out).unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "<https://w3id.org/readout/id/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Dataset> .\n\
///      <https://w3id.org/readout/id/> <https://w3id.org/readout/vocab#format> \"readout/1\" .\n"
/// );
/// ```
pub fn to_ntriples_writer<W: Write + ?Sized>(data: &Dataset, out: &mut W) -> io::Result<()> {
    to_ntriples_writer_with(data, out, &Options::default())
}

/// Writes `data` as N-Triples with records under `options`' base IRI.
pub fn to_ntriples_writer_with<W: Write + ?Sized>(
    data: &Dataset,
    out: &mut W,
    options: &Options,
) -> io::Result<()> {
    let mut serializer = NTriplesSerializer::new().low_level();
    let mut out = io::BufWriter::new(out);
    write::triples(data, options, &mut |t| {
        serializer.serialize_triple(t, &mut out)
    })?;
    out.flush()
}

/// Every triple of `data` as written, in the order written.
///
/// ```
/// let triples = readout_rdf::to_triples(&readout_model::Dataset::default(), &readout_rdf::Options::default()).unwrap();
/// assert_eq!(triples.len(), 2);
/// ```
pub fn to_triples(data: &Dataset, options: &Options) -> io::Result<Vec<Triple>> {
    let mut triples = Vec::new();
    write::triples(data, options, &mut |t: TripleRef<'_>| {
        triples.push(t.into_owned());
        Ok(())
    })?;
    Ok(triples)
}

/// Streams `from` into `read`, so that the input never has to be in memory
/// whole beside the graph.
fn with_source(
    from: &Source,
    read: impl FnOnce(&mut dyn Read, &str) -> Result<Dataset, FormatError>,
) -> Result<Dataset, FormatError> {
    let location = from.to_string();
    match from {
        Source::Stdin => read(&mut io::stdin().lock(), &location),
        Source::Path(path) => {
            let mut file = File::open(path).map_err(|e| FormatError::io(&location, e))?;
            read(&mut file, &location)
        }
    }
}

fn parse_error(location: &str, e: TurtleParseError) -> FormatError {
    match e {
        TurtleParseError::Io(e) => FormatError::io(location, e),
        TurtleParseError::Syntax(e) => syntax_error(location, &e),
    }
}

fn syntax_error(location: &str, e: &TurtleSyntaxError) -> FormatError {
    let at = e.location().start;
    FormatError::syntax(
        format!("{location}:{}:{}", at.line + 1, at.column + 1),
        e.message(),
    )
}

/// Reads a dataset back from Turtle written by [`to_turtle_writer`] (or any
/// Turtle holding the same triples). `location` names the input in errors:
/// a syntax error gives its line and column, a missing term the node that
/// lacks it.
///
/// The result is canonical and valid (see [`readout_model::validate`]).
///
/// ```
/// let data = readout_model::Dataset::default();
/// let mut bytes = Vec::new();
/// readout_rdf::to_turtle_writer(&data, &mut bytes).unwrap();
/// assert_eq!(readout_rdf::from_turtle_slice(&bytes, "memory.ttl").unwrap(), data);
///
/// let err = readout_rdf::from_turtle_slice(b"@prefix x: <http://x/> .\nx:a x:b", "bad.ttl").unwrap_err();
/// assert!(err.to_string().starts_with("bad.ttl:2:"), "{err}");
/// ```
pub fn from_turtle_slice(bytes: &[u8], location: &str) -> Result<Dataset, FormatError> {
    let mut graph = read::Graph::new();
    for triple in TurtleParser::new().for_slice(bytes) {
        let triple = triple.map_err(|e| syntax_error(location, &e))?;
        graph.add(triple.as_ref());
    }
    read::dataset(&graph, location)
}

/// Reads a dataset back from Turtle as it streams from `reader`; see
/// [`from_turtle_slice`].
///
/// ```
/// let mut bytes = Vec::new();
/// readout_rdf::to_turtle_writer(&readout_model::Dataset::default(), &mut bytes).unwrap();
/// let data = readout_rdf::from_turtle_reader(bytes.as_slice(), "memory.ttl").unwrap();
/// assert!(data.meetings.is_empty());
/// ```
pub fn from_turtle_reader<R: Read>(reader: R, location: &str) -> Result<Dataset, FormatError> {
    let mut graph = read::Graph::new();
    for triple in TurtleParser::new().for_reader(reader) {
        let triple = triple.map_err(|e| parse_error(location, e))?;
        graph.add(triple.as_ref());
    }
    read::dataset(&graph, location)
}

/// Reads a dataset back from N-Triples as it streams from `reader`; see
/// [`from_ntriples_slice`].
///
/// ```
/// let err = readout_rdf::from_ntriples_reader(&b"<a> <b> <c> .\n"[..], "rel.nt").unwrap_err();
/// assert!(err.to_string().starts_with("rel.nt:1:"), "{err}");
/// ```
pub fn from_ntriples_reader<R: Read>(reader: R, location: &str) -> Result<Dataset, FormatError> {
    let mut graph = read::Graph::new();
    for triple in NTriplesParser::new().for_reader(reader) {
        let triple = triple.map_err(|e| parse_error(location, e))?;
        graph.add(triple.as_ref());
    }
    read::dataset(&graph, location)
}

/// Reads a dataset back from N-Triples written by [`to_ntriples_writer`].
///
/// ```
/// let data = readout_model::Dataset::default();
/// let mut bytes = Vec::new();
/// readout_rdf::to_ntriples_writer(&data, &mut bytes).unwrap();
/// assert_eq!(readout_rdf::from_ntriples_slice(&bytes, "memory.nt").unwrap(), data);
///
/// let err = readout_rdf::from_ntriples_slice(b"<http://x/a> <http://x/b> <http://x/c> .\n", "other.nt").unwrap_err();
/// assert_eq!(err.to_string(), "other.nt: no schema:Dataset node with ro:format \"readout/1\": not a readout dataset");
/// ```
pub fn from_ntriples_slice(bytes: &[u8], location: &str) -> Result<Dataset, FormatError> {
    let mut graph = read::Graph::new();
    for triple in NTriplesParser::new().for_slice(bytes) {
        let triple = triple.map_err(|e| syntax_error(location, &e))?;
        graph.add(triple.as_ref());
    }
    read::dataset(&graph, location)
}
