//! Realistic synthetic datasets of any size, for benchmarks and scale tests.

use crate::Rng;
use readout_model::*;

const GIVEN: &[&str] = &[
    "Sergey",
    "Wang",
    "Antony",
    "Subrahmanyam",
    "Yoshimasa",
    "Annalena",
    "Catherine",
    "Mauro",
    "Naledi",
    "Hakan",
    "Hossein",
    "Retno",
    "Penny",
    "Melanie",
    "James",
    "Dmytro",
    "Josep",
    "Ahmed",
    "Marise",
    "Nikos",
    "Pedro",
    "Lucia",
    "Kim",
    "Park",
    "Ali",
];
const FAMILY: &[&str] = &[
    "Lavrov",
    "Yi",
    "Blinken",
    "Jaishankar",
    "Hayashi",
    "Baerbock",
    "Colonna",
    "Vieira",
    "Pandor",
    "Fidan",
    "Amirabdollahian",
    "Marsudi",
    "Wong",
    "Joly",
    "Cleverly",
    "Kuleba",
    "Borrell",
    "Shoukry",
    "Payne",
    "Dendias",
    "Sanchez",
    "Ortega",
    "Jin",
    "Min",
    "Khan",
];
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("RU", "Russian", "Moscow"),
    ("CN", "Chinese", "Beijing"),
    ("US", "American", "Washington"),
    ("IN", "Indian", "New Delhi"),
    ("JP", "Japanese", "Tokyo"),
    ("DE", "German", "Berlin"),
    ("FR", "French", "Paris"),
    ("BR", "Brazilian", "Brasilia"),
    ("ZA", "South African", "Pretoria"),
    ("TR", "Turkish", "Ankara"),
    ("ID", "Indonesian", "Jakarta"),
    ("AU", "Australian", "Canberra"),
];
const TOPICS: &[(&str, &str, TopicKind)] = &[
    ("ukraine", "Ukraine", TopicKind::Region),
    ("brics", "BRICS", TopicKind::Organization),
    ("g20", "G20", TopicKind::Organization),
    ("united-nations", "United Nations", TopicKind::Organization),
    ("korean-peninsula", "Korean Peninsula", TopicKind::Region),
    (
        "iranian-nuclear-issue",
        "Iranian nuclear issue",
        TopicKind::Issue,
    ),
    ("belt-and-road", "Belt and Road", TopicKind::Initiative),
    ("climate-change", "climate change", TopicKind::Issue),
    ("afghanistan", "Afghanistan", TopicKind::Region),
    (
        "shanghai-cooperation-organization",
        "Shanghai Cooperation Organization",
        TopicKind::Organization,
    ),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Appends `piece` to `text` and returns its span.
fn push(text: &mut String, piece: &str) -> (usize, usize) {
    let start = text.len();
    text.push_str(piece);
    (start, text.len())
}

/// A valid dataset of `meetings` meetings between foreign ministers, with one
/// document per meeting (about one in ten reported by a second document too),
/// people, titles, places, topics, statements and evidence spans on the
/// document text. The same `seed` always gives the same dataset.
pub fn synthetic(meetings: usize, seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let pool = (meetings / 10).clamp(4, 50_000);
    let people: Vec<Person> = (0..pool)
        .map(|i| {
            let given = GIVEN[i % GIVEN.len()];
            let family = FAMILY[(i / GIVEN.len() + i) % FAMILY.len()];
            let name = if i < GIVEN.len() * FAMILY.len() {
                format!("{given} {family}")
            } else {
                format!("{given} {family} {}", i / (GIVEN.len() * FAMILY.len()))
            };
            let (country, _, _) = COUNTRIES[i % COUNTRIES.len()];
            Person {
                id: slug(&name),
                aliases: vec![family.to_owned()],
                name,
                country: Some(country.to_owned()),
                wikidata: (i % 3 == 0).then(|| format!("Q{}", 1000 + i)),
            }
        })
        .collect();
    let mut data = Dataset::default();
    let mut used_topics = std::collections::BTreeSet::new();
    for n in 0..meetings {
        let a = rng.below(pool);
        let mut b = rng.below(pool);
        if people[a].country == people[b].country {
            b = (a + 1) % pool;
        }
        let (pa, pb) = (&people[a], &people[b]);
        let ca = COUNTRIES[a % COUNTRIES.len()];
        let cb = COUNTRIES[b % COUNTRIES.len()];
        let year = 2010 + rng.below(16);
        let month = rng.below(12);
        let day = 1 + rng.below(28);
        let date = format!("{year:04}-{:02}-{day:02}", month + 1);
        let kind = match rng.below(10) {
            0..=5 => MeetingKind::Meeting,
            6..=7 => MeetingKind::Talks,
            8 => MeetingKind::PhoneCall,
            _ => MeetingKind::VideoCall,
        };
        let host = if rng.below(2) == 0 { ca } else { cb };
        let topics: Vec<&(&str, &str, TopicKind)> = (0..1 + rng.below(3))
            .map(|_| &TOPICS[rng.below(TOPICS.len())])
            .collect();

        let mut text = format!(
            "Home > News\n{} Meets with {}\n{date} 10:00\n\n",
            pa.name, pb.name
        );
        let mut spans = Vec::new();
        let date_span = push(&mut text, &format!("On {} {day}, {year}", MONTHS[month]));
        spans.push(("date", date_span));
        text.push_str(", ");
        let title_a = push(&mut text, &format!("{} Foreign Minister", ca.1));
        text.push(' ');
        let name_a = push(&mut text, &pa.name);
        let verb = match kind {
            MeetingKind::PhoneCall => " held a phone call with ",
            MeetingKind::VideoCall => " held a video call with ",
            MeetingKind::Talks => " held talks with ",
            _ => " met with ",
        };
        let kind_span = push(&mut text, verb.trim());
        text.push(' ');
        let title_b = push(&mut text, &format!("{} Foreign Minister", cb.1));
        text.push(' ');
        let name_b = push(&mut text, &pb.name);
        let mut city = None;
        if matches!(kind, MeetingKind::Meeting | MeetingKind::Talks) {
            text.push_str(" in ");
            city = Some(push(&mut text, host.2));
        }
        text.push_str(".\n\n");
        let said = push(
            &mut text,
            &format!(
                "{} said that the two countries should deepen cooperation and keep close communication on {}.",
                pa.name, topics[0].1
            ),
        );
        text.push_str("\n\n");
        let both_start = text.len();
        text.push_str("Both sides exchanged views on ");
        let mut topic_spans = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            topic_spans.push((t.0, push(&mut text, t.1)));
        }
        text.push('.');
        let both = (both_start, text.len());
        text.push('\n');

        let mut documents = vec![Document::new(Some(format!("synthetic/{n:07}.txt")), text)];
        // About one meeting in ten is reported again by a news outlet.
        if rng.below(10) == 0 {
            let mut copy = Document::new(
                Some(format!("synthetic/{n:07}-news.txt")),
                format!("{}\n(reported again by a news agency)\n", documents[0].text),
            );
            copy.outlet = Some("Synthetic News Agency".into());
            documents.push(copy);
        }
        let mut meeting_evidence = Vec::new();
        let mut statements = Vec::new();
        for doc in &mut documents {
            doc.headline = doc.text.lines().nth(1).map(str::to_owned);
            doc.published = Some(format!("{date}T10:00"));
            let ev = |field: &str, (s, e): (usize, usize), doc: &Document| Evidence {
                field: field.to_owned(),
                document: doc.id.clone(),
                start: s,
                end: e,
                text: doc.text[s..e].to_owned(),
            };
            let mut here = vec![
                ev("date", date_span, doc),
                ev("kind", kind_span, doc),
                ev(&format!("participant:{}", pa.id), name_a, doc),
                ev(&format!("title:{}", pa.id), title_a, doc),
                ev(&format!("participant:{}", pb.id), name_b, doc),
                ev(&format!("title:{}", pb.id), title_b, doc),
            ];
            if let Some(c) = city {
                here.push(ev("place", c, doc));
            }
            for (id, span) in &topic_spans {
                here.push(ev(&format!("topic:{id}"), *span, doc));
            }
            let headline_span = (12, 12 + doc.headline.as_ref().map_or(0, String::len));
            doc.evidence.push(ev("headline", headline_span, doc));
            meeting_evidence.extend(here);
            for (speakers, span) in [
                (vec![pa.id.clone()], said),
                (vec![pa.id.clone(), pb.id.clone()], both),
            ] {
                statements.push(Statement {
                    speakers,
                    text: doc.text[span.0..span.1].to_owned(),
                    evidence: Span {
                        document: doc.id.clone(),
                        start: span.0,
                        end: span.1,
                    },
                });
            }
        }
        let mut topic_ids: Vec<String> = Vec::new();
        for t in &topics {
            used_topics.insert(t.0);
            if !topic_ids.iter().any(|x| x == t.0) {
                topic_ids.push(t.0.to_owned());
            }
        }
        let participant = |p: &Person, c: &(&str, &str, &str)| Participant {
            person: p.id.clone(),
            country: Some(c.0.to_owned()),
            roles: vec!["Foreign Minister".into()],
            titles_as_written: vec![format!("{} Foreign Minister", c.1)],
            notes: Vec::new(),
        };
        let phone = matches!(kind, MeetingKind::PhoneCall | MeetingKind::VideoCall);
        let (actors, recipients) = if host.0 == ca.0 {
            (vec![pb.id.clone()], vec![pa.id.clone()])
        } else {
            (vec![pa.id.clone()], vec![pb.id.clone()])
        };
        data.meetings.push(Meeting {
            id: meeting_id(Some(&date), &[&pa.id, &pb.id], kind.as_str()),
            date: Some(date.clone()),
            date_basis: Some(DateBasis::Stated),
            kind,
            place: Place {
                city: city.map(|_| host.2.to_owned()),
                region: None,
                country: (!phone).then(|| host.0.to_owned()),
            },
            occasion: None,
            participants: vec![participant(pa, &ca), participant(pb, &cb)],
            topics: topic_ids,
            coding: Some(Coding {
                plover: "CONSULT".into(),
                mode: if phone { "phone" } else { "visit" }.into(),
                cameo: if phone { "041" } else { "042" }.into(),
                actors: if phone {
                    vec![pa.id.clone(), pb.id.clone()]
                } else {
                    actors
                },
                recipients: if phone { Vec::new() } else { recipients },
            }),
            statements,
            sources: documents.iter().map(|d| d.id.clone()).collect(),
            evidence: meeting_evidence,
        });
        data.documents.extend(documents);
    }
    let ids = unique_ids(data.meetings.iter().map(|m| m.id.clone()).collect());
    for (m, id) in data.meetings.iter_mut().zip(ids) {
        m.id = id;
    }
    let mut doc_ids = std::collections::HashSet::new();
    data.documents.retain(|d| doc_ids.insert(d.id.clone()));
    let met: std::collections::HashSet<&str> = data
        .meetings
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.person.as_str()))
        .collect();
    data.people = people
        .into_iter()
        .filter(|p| met.contains(p.id.as_str()))
        .collect();
    data.topics = TOPICS
        .iter()
        .filter(|t| used_topics.contains(t.0))
        .map(|(id, label, kind)| Topic {
            id: (*id).to_owned(),
            label: (*label).to_owned(),
            kind: *kind,
        })
        .collect();
    data.canonicalize();
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_datasets_are_valid_and_deterministic() {
        let a = synthetic(300, 1);
        assert_eq!(a.meetings.len(), 300);
        assert_eq!(validate(&a), vec![]);
        assert_eq!(a, synthetic(300, 1));
        assert_ne!(a, synthetic(300, 2));
        assert!(
            a.documents.len() > 300,
            "some meetings have a second report"
        );
    }
}
