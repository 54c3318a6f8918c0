//! Arbitrary valid datasets.

use proptest::prelude::*;
use proptest::sample::subsequence;
use readout_model::*;

/// Strings that stress every format: empty, Unicode, quotes, newlines,
/// commas, angle brackets, backslashes, leading `=`/`+`/`-`/`@`.
fn awkward() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ]{1,12}",
        "[=+@-]?[\\PC]{0,10}",
        "[\"',;<>&\\\\\n\r\t a-z\u{e9}\u{4e2d}\u{1F600}]{0,12}",
    ]
}

fn opt_awkward() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(awkward())
}

fn iso() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![
        Just("CN".to_owned()),
        Just("RU".to_owned()),
        "[A-Z]{2}"
    ])
}

/// Byte offsets of `text` that fall on character boundaries.
fn boundaries(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .collect()
}

fn span_in(text: &str, a: usize, b: usize) -> (usize, usize) {
    let cuts = boundaries(text);
    let x = cuts[a % cuts.len()];
    let y = cuts[b % cuts.len()];
    (x.min(y), x.max(y))
}

/// An arbitrary valid dataset: every id resolves, every span falls on its
/// document's text and quotes it, lists are in canonical order.
pub fn arb_dataset() -> impl Strategy<Value = Dataset> {
    let documents = proptest::collection::vec(
        (
            opt_awkward(),
            opt_awkward(),
            opt_awkward(),
            opt_awkward(),
            "[\\PC\n]{0,60}",
        ),
        0..4,
    );
    let people = proptest::collection::vec(
        (
            awkward(),
            proptest::collection::vec(awkward(), 0..3),
            iso(),
            proptest::option::of("Q[1-9][0-9]{0,6}"),
        ),
        0..5,
    );
    let topics = proptest::collection::vec((awkward(), 0..5usize), 0..4);
    (documents, people, topics).prop_flat_map(|(documents, people, topics)| {
        let mut docs: Vec<Document> = Vec::new();
        for (i, (path, outlet, headline, published, text)) in documents.into_iter().enumerate() {
            // Two documents with one text would share an id; keep them apart.
            let mut doc = Document::new(path, format!("{text}#{i}"));
            doc.outlet = outlet;
            doc.headline = headline;
            doc.published = published;
            docs.push(doc);
        }
        let people: Vec<Person> = people
            .into_iter()
            .enumerate()
            .map(|(i, (name, aliases, country, wikidata))| Person {
                id: format!("{}-{i}", slug(&name)),
                name,
                aliases,
                country,
                wikidata,
            })
            .collect();
        let kinds = [
            TopicKind::Organization,
            TopicKind::Region,
            TopicKind::Issue,
            TopicKind::Initiative,
            TopicKind::Other,
        ];
        let topics: Vec<Topic> = topics
            .into_iter()
            .enumerate()
            .map(|(i, (label, k))| Topic {
                id: format!("{}-{i}", slug(&label)),
                label,
                kind: kinds[k],
            })
            .collect();
        let meeting = arb_meeting(docs.clone(), people.clone(), topics.clone());
        let doc_evidence =
            proptest::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..3);
        (
            Just(docs),
            Just(people),
            Just(topics),
            proptest::collection::vec(meeting, 0..4),
            doc_evidence,
        )
            .prop_map(|(mut docs, people, topics, meetings, doc_evidence)| {
                if !docs.is_empty() {
                    for (d, a, b) in doc_evidence {
                        let n = d % docs.len();
                        let (start, end) = span_in(&docs[n].text, a, b);
                        let ev = Evidence {
                            field: "headline".into(),
                            document: docs[n].id.clone(),
                            start,
                            end,
                            text: docs[n].text[start..end].to_owned(),
                        };
                        docs[n].evidence.push(ev);
                    }
                }
                let ids = unique_ids(meetings.iter().map(|m| m.id.clone()).collect());
                let meetings = meetings
                    .into_iter()
                    .zip(ids)
                    .map(|(m, id)| Meeting { id, ..m })
                    .collect();
                let mut data = Dataset {
                    documents: docs,
                    people,
                    topics,
                    meetings,
                    ..Dataset::default()
                };
                data.canonicalize();
                data
            })
    })
}

fn arb_meeting(
    docs: Vec<Document>,
    people: Vec<Person>,
    topics: Vec<Topic>,
) -> impl Strategy<Value = Meeting> {
    let person_ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let topic_ids: Vec<String> = topics.iter().map(|t| t.id.clone()).collect();
    let doc_count = docs.len();
    let kinds = prop_oneof![
        Just(MeetingKind::Meeting),
        Just(MeetingKind::Talks),
        Just(MeetingKind::PhoneCall),
        Just(MeetingKind::VideoCall),
        Just(MeetingKind::Other),
    ];
    let bases = proptest::option::of(prop_oneof![
        Just(DateBasis::Stated),
        Just(DateBasis::Dateline),
        Just(DateBasis::Published),
        Just(DateBasis::Relative),
    ]);
    let n_people = person_ids.len();
    (
        proptest::option::of("20[0-2][0-9]-[01][0-9]-[0-3][0-9]"),
        bases,
        kinds,
        (opt_awkward(), opt_awkward(), iso(), opt_awkward()),
        subsequence(person_ids.clone(), 0..=n_people),
        proptest::collection::vec(
            (
                proptest::collection::vec(awkward(), 0..3),
                proptest::collection::vec(awkward(), 0..3),
                proptest::collection::vec(awkward(), 0..2),
                iso(),
            ),
            n_people..=n_people,
        ),
        subsequence(topic_ids, 0..=topics.len()),
        proptest::option::of((awkward(), awkward(), 0..3usize)),
        proptest::collection::vec(
            (
                any::<usize>(),
                awkward(),
                any::<usize>(),
                any::<usize>(),
                any::<usize>(),
            ),
            0..3,
        ),
        subsequence((0..doc_count).collect::<Vec<_>>(), 0..=doc_count),
        proptest::collection::vec(
            (awkward(), any::<usize>(), any::<usize>(), any::<usize>()),
            0..4,
        ),
    )
        .prop_map(
            move |(
                date,
                date_basis,
                kind,
                (city, region, country, occasion),
                who,
                roles,
                topics,
                coding,
                statements,
                sources,
                evidence,
            )| {
                let participants: Vec<Participant> = who
                    .iter()
                    .zip(&roles)
                    .map(|(person, (roles, titles, notes, country))| Participant {
                        person: person.clone(),
                        country: country.clone(),
                        roles: roles.clone(),
                        titles_as_written: titles.clone(),
                        notes: notes.clone(),
                    })
                    .collect();
                let coding = coding.map(|(plover, mode, split)| {
                    let split = split.min(who.len());
                    Coding {
                        plover,
                        mode,
                        cameo: format!("04{split}"),
                        actors: who[..split].to_vec(),
                        recipients: who[split..].to_vec(),
                    }
                });
                let source_docs: Vec<&Document> = sources.iter().map(|i| &docs[*i]).collect();
                let statements = if source_docs.is_empty() {
                    Vec::new()
                } else {
                    statements
                        .into_iter()
                        .map(|(d, text, a, b, n)| {
                            let doc = source_docs[d % source_docs.len()];
                            let (start, end) = span_in(&doc.text, a, b);
                            let speakers = who.iter().take(n % (who.len() + 1)).cloned().collect();
                            Statement {
                                speakers,
                                text,
                                evidence: Span {
                                    document: doc.id.clone(),
                                    start,
                                    end,
                                },
                            }
                        })
                        .collect()
                };
                let evidence = if source_docs.is_empty() {
                    Vec::new()
                } else {
                    evidence
                        .into_iter()
                        .map(|(field, d, a, b)| {
                            let doc = source_docs[d % source_docs.len()];
                            let (start, end) = span_in(&doc.text, a, b);
                            Evidence {
                                field,
                                document: doc.id.clone(),
                                start,
                                end,
                                text: doc.text[start..end].to_owned(),
                            }
                        })
                        .collect()
                };
                Meeting {
                    id: meeting_id(date.as_deref(), &who, kind.as_str()),
                    date,
                    date_basis,
                    kind,
                    place: Place {
                        city,
                        region,
                        country,
                    },
                    occasion,
                    participants,
                    topics,
                    coding,
                    statements,
                    sources: source_docs.iter().map(|d| d.id.clone()).collect(),
                    evidence,
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn arbitrary_datasets_are_valid(data in arb_dataset()) {
            prop_assert_eq!(validate(&data), vec![]);
            let mut again = data.clone();
            again.canonicalize();
            prop_assert_eq!(again, data);
        }
    }
}
