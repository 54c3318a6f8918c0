//! Datasets through Turtle and N-Triples and back, checked against JSON and
//! against an independent Turtle parser.

use proptest::prelude::*;
use readout_model::Dataset;
use rio_api::model::{Literal, Subject, Term};
use rio_api::parser::TriplesParser;
use std::collections::BTreeSet;

fn turtle(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_rdf::to_turtle_writer(data, &mut out).unwrap();
    out
}

fn ntriples(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_rdf::to_ntriples_writer(data, &mut out).unwrap();
    out
}

fn json(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    readout_json::to_writer(data, &mut out).unwrap();
    out
}

/// Triples as N-Triples lines, the form both parsers can be compared in.
fn rio_lines(turtle: &[u8]) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    rio_turtle::TurtleParser::new(turtle, None)
        .parse_all(&mut |t| -> Result<(), rio_turtle::TurtleError> {
            lines.insert(format!("{t} ."));
            Ok(())
        })
        .unwrap();
    lines
}

/// The N-Triples output, parsed by oxttl and printed in rio's N-Triples
/// form so that both sides escape alike.
fn oxttl_lines(nt: &[u8]) -> BTreeSet<String> {
    oxttl::NTriplesParser::new()
        .for_slice(nt)
        .map(|t| {
            let t = t.unwrap();
            let subject = match &t.subject {
                oxrdf::NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                other => panic!("blank node {other} in the output"),
            };
            let object = match &t.object {
                oxrdf::Term::NamedNode(n) => {
                    Term::NamedNode(rio_api::model::NamedNode { iri: n.as_str() })
                }
                oxrdf::Term::Literal(l) if l.datatype() == oxrdf::vocab::xsd::STRING => {
                    Term::Literal(Literal::Simple { value: l.value() })
                }
                oxrdf::Term::Literal(l) => Term::Literal(Literal::Typed {
                    value: l.value(),
                    datatype: rio_api::model::NamedNode {
                        iri: l.datatype().as_str(),
                    },
                }),
                other => panic!("unexpected object {other}"),
            };
            let triple = rio_api::model::Triple {
                subject: Subject::NamedNode(rio_api::model::NamedNode { iri: &subject }),
                predicate: rio_api::model::NamedNode {
                    iri: t.predicate.as_str(),
                },
                object,
            };
            format!("{triple} .")
        })
        .collect()
}

fn check(data: &Dataset) -> Result<(), TestCaseError> {
    let original = json(data);
    let from_json = readout_json::from_slice(&original, "in.json").unwrap();

    let ttl = turtle(&from_json);
    let back = readout_rdf::from_turtle_slice(&ttl, "t.ttl")
        .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&ttl))))?;
    prop_assert_eq!(
        String::from_utf8(json(&back)).unwrap(),
        String::from_utf8(original.clone()).unwrap()
    );
    prop_assert_eq!(turtle(&back), ttl.clone(), "Turtle output is not stable");

    let nt = ntriples(&from_json);
    let back = readout_rdf::from_ntriples_slice(&nt, "t.nt")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(json(&back), original);

    prop_assert_eq!(rio_lines(&ttl), oxttl_lines(&nt));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_datasets_survive_json_rdf_json(data in readout_testkit::arb_dataset()) {
        check(&data)?;
    }
}

#[test]
fn a_synthetic_dataset_survives_both_formats() {
    check(&readout_testkit::synthetic(120, 11)).unwrap();
}

#[test]
fn same_dataset_same_bytes() {
    let data = readout_testkit::synthetic(30, 3);
    assert_eq!(turtle(&data), turtle(&data.clone()));
    assert_eq!(ntriples(&data), ntriples(&data.clone()));
}

#[test]
fn an_empty_dataset_is_the_dataset_node_alone() {
    let data = Dataset::default();
    check(&data).unwrap();
    assert_eq!(rio_lines(&turtle(&data)).len(), 2);
}
