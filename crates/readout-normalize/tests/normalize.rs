//! Normalization over extractions built by hand, spelled as real reports
//! spell them.

use readout_model::{Dataset, DateBasis, Document, MeetingKind, TopicKind, validate};
use readout_normalize::{NormalizeError, Normalizer, Rule, normalize};
use readout_parse::{
    Extraction, MeetingMention, ParticipantMention, PlaceMention, Spanned, StatementMention,
    TopicMention,
};

/// The span of the first `needle` in `text` (the `n`th with `needle#n`).
fn at(text: &str, needle: &str) -> Spanned<String> {
    let (needle, nth) = match needle.rsplit_once('#') {
        Some((n, k)) => (n, k.parse::<usize>().unwrap()),
        None => (needle, 1),
    };
    let start = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
        .0;
    Spanned::new(needle.to_owned(), start, start + needle.len())
}

struct Report {
    text: String,
    path: String,
    published: Option<String>,
    meetings: Vec<MeetingMention>,
}

impl Report {
    fn new(path: &str, text: &str) -> Self {
        Report {
            text: text.to_owned(),
            path: path.to_owned(),
            published: None,
            meetings: Vec::new(),
        }
    }

    fn published(mut self, day: &str) -> Self {
        self.published = Some(day.to_owned());
        self
    }

    /// A participant: full name, every written form, titles, and the words
    /// giving the country with its code.
    fn person(
        &self,
        name: &str,
        written: &[&str],
        titles: &[&str],
        country: Option<(&str, &str)>,
    ) -> ParticipantMention {
        ParticipantMention {
            name: name.to_owned(),
            names_as_written: written.iter().map(|w| at(&self.text, w)).collect(),
            titles_as_written: titles.iter().map(|t| at(&self.text, t)).collect(),
            country: country.map(|(code, words)| {
                let s = at(&self.text, words);
                Spanned::new(code.to_owned(), s.start, s.end)
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn meeting(
        mut self,
        date: Option<(&str, &str)>,
        kind: MeetingKind,
        city: Option<&str>,
        country: Option<(&str, &str)>,
        occasion: Option<&str>,
        participants: Vec<ParticipantMention>,
        topics: &[(&str, &str, &str)],
    ) -> Self {
        let text = &self.text;
        let statements = vec![StatementMention {
            speakers: (0..participants.len()).collect(),
            text: Spanned::new(text.clone(), 0, text.len()),
        }];
        let mention = MeetingMention {
            date: date.map(|(iso, words)| {
                let s = at(text, words);
                Spanned::new(iso.to_owned(), s.start, s.end)
            }),
            date_basis: date.map(|_| DateBasis::Stated),
            kind,
            kind_span: None,
            place: PlaceMention {
                city: city.map(|c| at(text, c)),
                region: None,
                country: country.map(|(code, words)| {
                    let s = at(text, words);
                    Spanned::new(code.to_owned(), s.start, s.end)
                }),
            },
            occasion: occasion.map(|o| at(text, o)),
            participants,
            statements,
            topics: topics
                .iter()
                .map(|(id, label, words)| {
                    let s = at(text, words);
                    TopicMention {
                        id: (*id).to_owned(),
                        label: (*label).to_owned(),
                        kind: TopicKind::Organization,
                        start: s.start,
                        end: s.end,
                    }
                })
                .collect(),
        };
        self.meetings.push(mention);
        self
    }

    /// The one extraction of a plain meeting on `date` (ISO, words): no
    /// place, occasion or topic.
    fn met(self, date: (&str, &str), participants: Vec<ParticipantMention>) -> Extraction {
        self.meeting(
            Some(date),
            MeetingKind::Meeting,
            None,
            None,
            None,
            participants,
            &[],
        )
        .build()
    }

    fn build(self) -> Extraction {
        let mut document = Document::new(Some(self.path), self.text);
        document.published = self.published;
        Extraction {
            document,
            dateline: None,
            meetings: self.meetings,
            mentions: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// A report of Wang Yi meeting Sergey Lavrov, as a seed document spells it.
struct WangMeetsLavrov {
    path: &'static str,
    text: &'static str,
    published: Option<&'static str>,
    /// Wang Yi's titles, and the words giving his country with its code.
    wang_titles: &'static [&'static str],
    wang_country: Option<(&'static str, &'static str)>,
    /// Lavrov's full name, every written form, his title and country.
    lavrov: &'static str,
    lavrov_written: &'static [&'static str],
    lavrov_title: &'static str,
    lavrov_country: (&'static str, &'static str),
    /// The meeting: date (ISO, words), kind, city, country, occasion, topics.
    date: (&'static str, &'static str),
    kind: MeetingKind,
    city: Option<&'static str>,
    country: Option<(&'static str, &'static str)>,
    occasion: Option<&'static str>,
    topics: &'static [(&'static str, &'static str, &'static str)],
}

impl WangMeetsLavrov {
    fn build(&self) -> Extraction {
        let mut r = Report::new(self.path, self.text);
        if let Some(day) = self.published {
            r = r.published(day);
        }
        let wang = r.person("Wang Yi", &["Wang Yi"], self.wang_titles, self.wang_country);
        let lavrov = r.person(
            self.lavrov,
            self.lavrov_written,
            &[self.lavrov_title],
            Some(self.lavrov_country),
        );
        r.meeting(
            Some(self.date),
            self.kind,
            self.city,
            self.country,
            self.occasion,
            vec![wang, lavrov],
            self.topics,
        )
        .build()
    }
}

/// Five reports spelled as the seed documents spell them.
fn seed_like() -> Vec<Extraction> {
    [
        WangMeetsLavrov {
            path: "000.txt",
            text: "Rome, 1 November 2021: Chinese State Councilor and Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov on the sidelines of the G20 summit. The Chinese Foreign Minister said the United Nations matters.",
            published: Some("2021-11-01"),
            wang_titles: &[
                "Chinese State Councilor and Foreign Minister",
                "Chinese Foreign Minister",
            ],
            wang_country: Some(("CN", "Chinese")),
            lavrov: "Sergei Lavrov",
            lavrov_written: &["Sergei Lavrov"],
            lavrov_title: "Russian Foreign Minister",
            lavrov_country: ("RU", "Russian"),
            date: ("2021-11-01", "1 November 2021"),
            kind: MeetingKind::Meeting,
            city: Some("Rome"),
            country: None,
            occasion: Some("G20 summit"),
            topics: &[("g20", "G20", "G20"), ("un", "UN", "United Nations")],
        },
        WangMeetsLavrov {
            path: "001.txt",
            text: "On September 18, 2023 local time, Member of the Political Bureau of the CPC Central Committee and Foreign Minister Wang Yi met with Russian Foreign Minister Sergei Lavrov in Moscow.",
            published: None,
            wang_titles: &[
                "Member of the Political Bureau of the CPC Central Committee and Foreign Minister",
            ],
            wang_country: None,
            lavrov: "Sergei Lavrov",
            lavrov_written: &["Sergei Lavrov"],
            lavrov_title: "Russian Foreign Minister",
            lavrov_country: ("RU", "Russian"),
            date: ("2023-09-18", "On September 18, 2023"),
            kind: MeetingKind::Meeting,
            city: Some("Moscow"),
            country: None,
            occasion: None,
            topics: &[],
        },
        WangMeetsLavrov {
            path: "002.txt",
            text: "On March 30, 2022, State Councilor and Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergey Lavrov in Tunxi, Anhui Province, China, during the Third Foreign Ministers' Meeting. Lavrov said Russia agrees.",
            published: None,
            wang_titles: &["State Councilor and Foreign Minister"],
            wang_country: None,
            lavrov: "Sergey Lavrov",
            lavrov_written: &["Sergey Lavrov", "Lavrov"],
            lavrov_title: "Russian Foreign Minister",
            lavrov_country: ("RU", "Russian"),
            date: ("2022-03-30", "On March 30, 2022"),
            kind: MeetingKind::Talks,
            city: Some("Tunxi"),
            country: Some(("CN", "China")),
            occasion: Some("Third Foreign Ministers' Meeting"),
            topics: &[],
        },
        WangMeetsLavrov {
            path: "003.txt",
            text: "On July 26, 2019, State Councilor and Foreign Minister Wang Yi met with Foreign Minister Sergey Lavrov of Russia in Rio de Janeiro, Brazil, at the Formal Meeting of the BRICS Ministers of Foreign Affairs.",
            published: None,
            wang_titles: &["State Councilor and Foreign Minister"],
            wang_country: None,
            lavrov: "Sergey Lavrov",
            lavrov_written: &["Sergey Lavrov"],
            lavrov_title: "Foreign Minister#2",
            lavrov_country: ("RU", "of Russia"),
            date: ("2019-07-26", "On July 26, 2019"),
            kind: MeetingKind::Meeting,
            city: None,
            country: Some(("BR", "Brazil")),
            occasion: Some("Formal Meeting of the BRICS Ministers of Foreign Affairs"),
            topics: &[],
        },
        WangMeetsLavrov {
            path: "004.txt",
            text: "On February 16, 2017, Foreign Minister Wang Yi met with Foreign Minister Sergei Lavrov of Russia in Bonn on the sidelines of the G20 Foreign Ministers' Meeting.",
            published: None,
            wang_titles: &["Foreign Minister"],
            wang_country: None,
            lavrov: "Sergei Lavrov",
            lavrov_written: &["Sergei Lavrov"],
            lavrov_title: "Foreign Minister#2",
            lavrov_country: ("RU", "of Russia"),
            date: ("2017-02-16", "On February 16, 2017"),
            kind: MeetingKind::Meeting,
            city: Some("Bonn"),
            country: None,
            occasion: Some("G20 Foreign Ministers' Meeting"),
            topics: &[],
        },
    ]
    .iter()
    .map(WangMeetsLavrov::build)
    .collect()
}

fn json(data: &Dataset) -> String {
    serde_json::to_string(data).unwrap()
}

#[test]
fn seed_spellings_give_two_people_and_five_meetings() {
    let data = normalize(seed_like());
    assert_eq!(validate(&data), vec![]);
    let ids: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["sergey-lavrov", "wang-yi"]);
    let lavrov = &data.people[0];
    assert_eq!(lavrov.name, "Sergey Lavrov");
    assert_eq!(lavrov.aliases, ["Lavrov", "Sergei Lavrov"]);
    assert_eq!(lavrov.country.as_deref(), Some("RU"));
    assert_eq!(data.people[1].country.as_deref(), Some("CN"));
    assert_eq!(data.meetings.len(), 5);
    for m in &data.meetings {
        assert_eq!(m.sources.len(), 1);
        assert_eq!(m.participants.len(), 2);
        assert!(
            m.participants.iter().all(|p| p.notes.is_empty()),
            "{:?}",
            m.participants
        );
    }
}

#[test]
fn titles_become_canonical_roles() {
    let data = normalize(seed_like());
    let roles = |date: &str, person: &str| -> Vec<String> {
        let m = data
            .meetings
            .iter()
            .find(|m| m.date.as_deref() == Some(date))
            .unwrap();
        m.participants
            .iter()
            .find(|p| p.person == person)
            .unwrap()
            .roles
            .clone()
    };
    assert_eq!(
        roles("2023-09-18", "wang-yi"),
        [
            "Member of the Political Bureau of the CPC Central Committee",
            "Foreign Minister"
        ]
    );
    assert_eq!(
        roles("2021-11-01", "wang-yi"),
        ["State Councilor", "Foreign Minister"]
    );
    assert_eq!(roles("2021-11-01", "sergey-lavrov"), ["Foreign Minister"]);
    assert_eq!(roles("2019-07-26", "sergey-lavrov"), ["Foreign Minister"]);
}

#[test]
fn meetings_are_coded_from_place_and_countries() {
    let data = normalize(seed_like());
    let coding = |date: &str| {
        let m = data
            .meetings
            .iter()
            .find(|m| m.date.as_deref() == Some(date))
            .unwrap();
        let c = m.coding.as_ref().unwrap();
        (
            c.mode.as_str(),
            c.cameo.as_str(),
            c.actors.join(","),
            c.recipients.join(","),
        )
    };
    // Moscow: Wang Yi visits Russia.
    assert_eq!(
        coding("2023-09-18"),
        ("visit", "042", "wang-yi".into(), "sergey-lavrov".into())
    );
    // Tunxi, China: Lavrov visits.
    assert_eq!(
        coding("2022-03-30"),
        ("visit", "042", "sergey-lavrov".into(), "wang-yi".into())
    );
    // Rome, Bonn, Brazil: summits in a third country, both sides actors.
    for date in ["2021-11-01", "2017-02-16", "2019-07-26"] {
        let (mode, cameo, actors, recipients) = coding(date);
        assert_eq!((mode, cameo), ("multilateral", "044"), "{date}");
        assert_eq!(actors.split(',').count(), 2);
        assert!(recipients.is_empty());
    }
    let rome = data
        .meetings
        .iter()
        .find(|m| m.date.as_deref() == Some("2021-11-01"))
        .unwrap();
    assert_eq!(
        rome.place.country.as_deref(),
        Some("IT"),
        "filled from the city"
    );
}

/// The same talks as reported by a ministry and by a news agency.
fn two_outlets() -> Vec<Extraction> {
    let a = Report::new(
        "mfa.txt",
        "On 5 June 2024, External Affairs Minister Dr. S. Jaishankar held talks with Foreign Minister Wang Yi in Beijing on the Group of Twenty.",
    );
    let jai = a.person(
        "Dr. S. Jaishankar",
        &["Dr. S. Jaishankar"],
        &["External Affairs Minister"],
        None,
    );
    let wang = a.person("Wang Yi", &["Wang Yi"], &["Foreign Minister"], None);
    let a = a
        .meeting(
            Some(("2024-06-05", "5 June 2024")),
            MeetingKind::Talks,
            Some("Beijing"),
            None,
            None,
            vec![jai, wang],
            &[("group-of-twenty", "Group of Twenty", "Group of Twenty")],
        )
        .build();
    let b = Report::new(
        "agency.txt",
        "PEKING, June 6 - Indian Foreign Minister Subrahmanyam Jaishankar met Chinese counterpart Wang Yi on Wednesday, discussing the G20 and the United Nations. Jaishankar said ties matter.",
    )
    .published("2024-06-06");
    let jai = b.person(
        "Subrahmanyam Jaishankar",
        &["Subrahmanyam Jaishankar", "Jaishankar#2"],
        &["Indian Foreign Minister"],
        Some(("IN", "Indian")),
    );
    let wang = b.person("Wang Yi", &["Wang Yi"], &[], Some(("CN", "Chinese")));
    let b = b
        .meeting(
            Some(("2024-06-05", "on Wednesday")),
            MeetingKind::Meeting,
            Some("PEKING"),
            Some(("CN", "PEKING")),
            None,
            vec![jai, wang],
            &[("g20", "G20", "G20"), ("un", "UN", "United Nations")],
        )
        .build();
    vec![a, b]
}

#[test]
fn two_outlets_reporting_one_meeting_give_one_meeting_with_two_sources() {
    let data = normalize(two_outlets());
    assert_eq!(validate(&data), vec![]);
    assert_eq!(data.meetings.len(), 1, "{:#?}", data.meetings);
    let m = &data.meetings[0];
    assert_eq!(m.sources.len(), 2);
    assert_eq!(m.place.city.as_deref(), Some("Beijing"));
    assert_eq!(m.place.country.as_deref(), Some("CN"));
    assert_eq!(m.topics, ["g20", "united-nations"]);
    assert_eq!(m.statements.len(), 2, "each report's statement kept");
    let ids: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["subrahmanyam-jaishankar", "wang-yi"]);
    assert_eq!(
        data.people[0].aliases,
        ["Jaishankar", "S. Jaishankar"],
        "honorific stripped"
    );
    let jai = &m.participants[0];
    assert_eq!(jai.person, "subrahmanyam-jaishankar");
    assert_eq!(jai.roles, ["External Affairs Minister"]);
    assert_eq!(jai.country.as_deref(), Some("IN"));
    // One evidence entry per field per document.
    let mut seen = std::collections::HashSet::new();
    for ev in &m.evidence {
        assert!(seen.insert((&ev.field, &ev.document)), "{ev:?} repeated");
    }
    assert_eq!(
        m.evidence
            .iter()
            .filter(|e| e.field == "participant:subrahmanyam-jaishankar")
            .count(),
        2
    );
    let coding = m.coding.as_ref().unwrap();
    assert_eq!(coding.mode, "visit");
    assert_eq!(coding.actors, ["subrahmanyam-jaishankar"]);
    assert_eq!(coding.recipients, ["wang-yi"]);
}

#[test]
fn a_report_without_a_stated_day_merges_by_its_publication_day() {
    let mut reports = two_outlets();
    reports[1].meetings[0].date = None;
    reports[1].meetings[0].date_basis = None;
    let data = normalize(reports);
    assert_eq!(data.meetings.len(), 1);
    assert_eq!(data.meetings[0].date.as_deref(), Some("2024-06-05"));
}

#[test]
fn a_phone_call_and_a_meeting_on_one_day_stay_two() {
    let a = Report::new(
        "call.txt",
        "On 3 May 2023 Wang Yi spoke by phone with Sergey Lavrov.",
    );
    let p = vec![
        a.person("Wang Yi", &["Wang Yi"], &[], Some(("CN", "Wang Yi"))),
        a.person("Sergey Lavrov", &["Sergey Lavrov"], &[], None),
    ];
    let a = a
        .meeting(
            Some(("2023-05-03", "3 May 2023")),
            MeetingKind::PhoneCall,
            None,
            None,
            None,
            p,
            &[],
        )
        .build();
    let b = Report::new(
        "meeting.txt",
        "On 3 May 2023 Wang Yi met Sergei Lavrov in Moscow.",
    );
    let p = vec![
        b.person("Wang Yi", &["Wang Yi"], &[], None),
        b.person("Sergei Lavrov", &["Sergei Lavrov"], &[], None),
    ];
    let b = b
        .meeting(
            Some(("2023-05-03", "3 May 2023")),
            MeetingKind::Meeting,
            Some("Moscow"),
            None,
            None,
            p,
            &[],
        )
        .build();
    let data = normalize(vec![a, b]);
    assert_eq!(validate(&data), vec![]);
    assert_eq!(data.meetings.len(), 2);
    assert_eq!(data.people.len(), 2);
    let call = data
        .meetings
        .iter()
        .find(|m| m.kind == MeetingKind::PhoneCall)
        .unwrap();
    let coding = call.coding.as_ref().unwrap();
    assert_eq!(
        (coding.mode.as_str(), coding.cameo.as_str()),
        ("phone", "041")
    );
    let why = Normalizer::default()
        .explain(&data, &call.id)
        .unwrap()
        .to_string();
    assert!(why.contains("kept apart"), "{why}");
    assert!(why.contains("phone_call"), "{why}");
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let text = "On 2 March 2022 Andrei Lavrov met Sergey Lavrov. On 3 March 2022 John Smith of Britain met John Smith of the United States. On 4 March 2022 Anna Petrova met Maria Petrova.";
    let r = Report::new("same-surname.txt", text);
    let m1 = vec![
        r.person(
            "Andrei Lavrov",
            &["Andrei Lavrov"],
            &[],
            Some(("RU", "Andrei")),
        ),
        r.person(
            "Sergey Lavrov",
            &["Sergey Lavrov"],
            &[],
            Some(("RU", "Sergey")),
        ),
    ];
    let m2 = vec![
        r.person("John Smith", &["John Smith"], &[], Some(("GB", "Britain"))),
        r.person(
            "John Smith",
            &["John Smith#2"],
            &[],
            Some(("US", "United States")),
        ),
    ];
    let m3 = vec![
        r.person("Anna Petrova", &["Anna Petrova"], &[], Some(("RU", "Anna"))),
        r.person(
            "Maria Petrova",
            &["Maria Petrova"],
            &[],
            Some(("RU", "Maria")),
        ),
    ];
    let r = r
        .meeting(
            Some(("2022-03-02", "2 March 2022")),
            MeetingKind::Meeting,
            None,
            None,
            None,
            m1,
            &[],
        )
        .meeting(
            Some(("2022-03-03", "3 March 2022")),
            MeetingKind::Meeting,
            None,
            None,
            None,
            m2,
            &[],
        )
        .meeting(
            Some(("2022-03-04", "4 March 2022")),
            MeetingKind::Meeting,
            None,
            None,
            None,
            m3,
            &[],
        );
    let data = normalize(vec![r.build()]);
    assert_eq!(validate(&data), vec![]);
    let ids: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "andrei-lavrov",
            "anna-petrova",
            "john-smith",
            "john-smith-2",
            "maria-petrova",
            "sergey-lavrov"
        ]
    );
    let why = Normalizer::default()
        .explain(&data, "Sergey Lavrov")
        .unwrap();
    assert!(
        why.reasons
            .iter()
            .any(|r| r.rule == Rule::KeptApart && r.text.contains("andrei-lavrov"))
    );
}

#[test]
fn unknown_people_cluster_by_transliteration_and_surname() {
    let text = "On 1 May 2024 Yevgeny Ivanov met Wang Yi. On 1 May 2024 Evgeny Ivanov, Russian envoy, met Wang Yi; Mr. Ivanov said so. Yevgeny Ivanov again.";
    let r = Report::new("a.txt", &format!("{text} (a)"));
    let m = vec![
        r.person(
            "Yevgeny Ivanov",
            &["Yevgeny Ivanov"],
            &[],
            Some(("RU", "Yevgeny")),
        ),
        r.person("Wang Yi", &["Wang Yi"], &[], None),
    ];
    let a = r.met(("2024-05-01", "1 May 2024"), m);
    let r = Report::new("b.txt", &format!("{text} (b)"));
    let m = vec![
        r.person(
            "Evgeny Ivanov",
            &["Evgeny Ivanov", "Mr. Ivanov"],
            &["Russian envoy"],
            None,
        ),
        r.person("Wang Yi", &["Wang Yi#2"], &[], None),
    ];
    let b = r.met(("2024-05-01", "1 May 2024#2"), m);
    let r = Report::new("c.txt", &format!("{text} (c)"));
    let m = vec![
        r.person("Mr. Ivanov", &["Mr. Ivanov"], &[], Some(("RU", "Russian"))),
        r.person("Wang Yi", &["Wang Yi"], &[], None),
    ];
    let c = r.met(("2024-05-02", "1 May 2024"), m);
    let d = Report::new("d.txt", &format!("{text} Yevgeny Ivanov."));
    let m = vec![
        d.person(
            "Yevgeny Ivanov",
            &["Yevgeny Ivanov#3"],
            &[],
            Some(("RU", "Russian")),
        ),
        d.person("Wang Yi", &["Wang Yi"], &[], None),
    ];
    let d = d.met(("2024-06-01", "1 May 2024"), m);
    let data = normalize(vec![a, b, c, d]);
    let ids: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["wang-yi", "yevgeny-ivanov"]);
    assert_eq!(
        data.people[1].aliases,
        ["Evgeny Ivanov", "Ivanov"],
        "{:#?}",
        data.people
    );
    assert_eq!(data.people[1].country.as_deref(), Some("RU"));
    // a, b and c are one meeting (1 and 2 May); d a month later is another.
    assert_eq!(data.meetings.len(), 2);
    assert_eq!(data.meetings[0].sources.len(), 3);
    let why = readout_normalize::explain(&data, "yevgeny-ivanov")
        .unwrap()
        .to_string();
    assert!(why.contains("[transliteration] \"Evgeny Ivanov\""), "{why}");
    assert!(why.contains("[surname] \"Ivanov\""), "{why}");
}

#[test]
fn a_title_that_contradicts_the_date_is_noted() {
    let r = Report::new(
        "late.txt",
        "On 4 April 2024 State Councilor Wang Yi met Foreign Minister Sergey Lavrov.",
    );
    let p = vec![
        r.person(
            "Wang Yi",
            &["Wang Yi"],
            &["State Councilor"],
            Some(("CN", "Wang")),
        ),
        r.person(
            "Sergey Lavrov",
            &["Sergey Lavrov"],
            &["Foreign Minister"],
            None,
        ),
    ];
    let r = r.met(("2024-04-04", "4 April 2024"), p);
    let data = normalize(vec![r]);
    let m = &data.meetings[0];
    let wang = m
        .participants
        .iter()
        .find(|p| p.person == "wang-yi")
        .unwrap();
    assert_eq!(wang.roles, ["State Councilor"], "kept, not dropped");
    assert_eq!(wang.notes.len(), 1);
    assert!(
        wang.notes[0].contains("State Councilor")
            && wang.notes[0].contains("2018-03-19 to 2023-03-12"),
        "{}",
        wang.notes[0]
    );
    let lavrov = m
        .participants
        .iter()
        .find(|p| p.person == "sergey-lavrov")
        .unwrap();
    assert!(lavrov.notes.is_empty());
    assert_eq!(m.coding, None, "place unknown");
}

#[test]
fn output_is_the_same_bytes_whatever_the_input_order() {
    let mut input = seed_like();
    input.extend(two_outlets());
    let forward = json(&normalize(input.clone()));
    input.reverse();
    let backward = json(&normalize(input.clone()));
    assert_eq!(forward, backward);
    // A document given twice counts once.
    input.push(input[0].clone());
    assert_eq!(json(&normalize(input)), forward);
}

#[test]
fn a_user_gazetteer_adds_people_and_ignores_the_parsers_sections() {
    let r = Report::new("x.txt", "On 1 May 2024 Iwan Petrow met Wang Yi in Kiev.");
    let p = vec![
        r.person("Iwan Petrow", &["Iwan Petrow"], &[], None),
        r.person("Wang Yi", &["Wang Yi"], &[], None),
    ];
    let r = r
        .meeting(
            Some(("2024-05-01", "1 May 2024")),
            MeetingKind::Meeting,
            Some("Kiev"),
            None,
            None,
            p,
            &[],
        )
        .build();
    let mut n = Normalizer::default();
    n.add_gazetteer_toml(
        r#"
[[topic]]
id = "arctic"
label = "Arctic"
whatever = "the parser's business"

[[country]]
code = "XK"

[[person]]
name = "Ivan Petrov"
variants = ["Ivan A. Petrov"]
country = "UA"
wikidata = "Q1"
"#,
        "mine.toml",
    )
    .unwrap();
    let data = n.normalize(vec![r]);
    let ivan = data
        .person("ivan-petrov")
        .expect("canonical name from the file");
    assert_eq!(ivan.aliases, ["Iwan Petrow"]);
    assert_eq!(ivan.wikidata.as_deref(), Some("Q1"));
    assert_eq!(data.meetings[0].place.city.as_deref(), Some("Kyiv"));
    let coding = data.meetings[0].coding.as_ref().unwrap();
    assert_eq!(coding.recipients, ["ivan-petrov"]);
    let why = n.explain(&data, "iwan petrow").unwrap().to_string();
    assert!(why.contains("mine.toml:"), "{why}");
}

#[test]
fn gazetteer_errors_name_the_file_and_line() {
    let cases = [
        (
            "[[person]]\nname = \"A\"\ncountry = \"RU\"\nborn = 1\n",
            4,
            "unknown field `born`",
        ),
        (
            "[[person]]\nname = \"A\"\ncountry = \"Russia\"\n",
            3,
            "not an ISO 3166-1",
        ),
        (
            "[[person]]\nname = \"A\"\ncountry = \"RU\"\noffices = [{ role = \"President\", start = \"2020-02-30\" }]\n",
            4,
            "not YYYY-MM-DD",
        ),
        (
            "[[role]]\nname = \"X\"\nvariant = [\"Y\"]\n",
            3,
            "unknown field `variant`",
        ),
        (
            "[[topic_alias]]\nid = \"x\"\nlabel = \"X\"\nkind = \"thing\"\n",
            4,
            "kind \"thing\"",
        ),
        ("[[place]\nname = \"X\"\n", 1, ""),
        (
            "[[person]]\nname = \"A\"\ncountry = \"RU\"\nwikidata = \"7747\"\n",
            4,
            "not an item id",
        ),
    ];
    for (text, line, message) in cases {
        let mut n = Normalizer::default();
        let before = json(&n.normalize(seed_like()));
        let err = n.add_gazetteer_toml(text, "bad.toml").unwrap_err();
        match &err {
            NormalizeError::Gazetteer {
                origin,
                line: l,
                message: m,
            } => {
                assert_eq!(origin, "bad.toml");
                assert_eq!(*l, line, "{text}: {err}");
                assert!(m.contains(message), "{text}: {err}");
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().starts_with(&format!("bad.toml:{line}: ")));
        assert_eq!(
            json(&n.normalize(seed_like())),
            before,
            "nothing added on error"
        );
    }
}

#[test]
fn explain_says_why_names_and_reports_were_merged() {
    let mut input = seed_like();
    input.extend(two_outlets());
    let data = normalize(input);
    let n = Normalizer::default();
    let person = n.explain(&data, "Sergei Lavrov").unwrap();
    assert_eq!(
        person.subject,
        "person sergey-lavrov \"Sergey Lavrov\" (RU)"
    );
    let text = person.to_string();
    assert!(text.contains("[canonical name] \"Sergey Lavrov\" is the name of the gazetteer entry at data/people.toml:"), "{text}");
    assert!(
        text.contains("[gazetteer] \"Sergei Lavrov\" is listed"),
        "{text}"
    );
    assert!(text.contains("[gazetteer] \"Lavrov\" is listed"), "{text}");
    assert_eq!(
        person,
        n.explain(&data, "sergey-lavrov").unwrap(),
        "deterministic"
    );

    let merged = data.meetings.iter().find(|m| m.sources.len() == 2).unwrap();
    let text = n.explain(&data, &merged.id).unwrap().to_string();
    assert!(text.starts_with(&format!("meeting {}\n", merged.id)));
    assert!(
        text.contains("(mfa.txt)") && text.contains("(agency.txt)"),
        "{text}"
    );
    assert!(
        text.contains("[participants] all 2 reports name the same participants"),
        "{text}"
    );
    assert!(text.contains("[coding] CONSULT visit, CAMEO 042"), "{text}");
    assert!(matches!(
        n.explain(&data, "nobody"),
        Err(NormalizeError::NotFound { .. })
    ));
}

#[test]
fn east_asian_names_in_either_order_are_one_person_others_are_not() {
    let text =
        "On 1 May 2024 Akiba Takeo met Ali Hassan. On 1 June 2024 Takeo Akiba met Hassan Ali.";
    let r = Report::new("order.txt", text);
    let m1 = vec![
        r.person("Akiba Takeo", &["Akiba Takeo"], &[], Some(("JP", "Akiba"))),
        r.person("Ali Hassan", &["Ali Hassan"], &[], Some(("PK", "Ali"))),
    ];
    let m2 = vec![
        r.person("Takeo Akiba", &["Takeo Akiba"], &[], Some(("JP", "Akiba"))),
        r.person("Hassan Ali", &["Hassan Ali"], &[], Some(("PK", "Ali"))),
    ];
    let r = r
        .meeting(
            Some(("2024-05-01", "1 May 2024")),
            MeetingKind::Meeting,
            None,
            None,
            None,
            m1,
            &[],
        )
        .meeting(
            Some(("2024-06-01", "1 June 2024")),
            MeetingKind::Meeting,
            None,
            None,
            None,
            m2,
            &[],
        );
    let data = normalize(vec![r.build()]);
    let ids: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["akiba-takeo", "ali-hassan", "hassan-ali"]);
    let why = readout_normalize::explain(&data, "Takeo Akiba")
        .unwrap()
        .to_string();
    assert!(why.contains("[name order]"), "{why}");
}

#[test]
fn a_participant_without_a_stated_country_takes_the_persons() {
    let data = normalize(seed_like());
    for m in &data.meetings {
        for p in &m.participants {
            let expected = if p.person == "wang-yi" { "CN" } else { "RU" };
            assert_eq!(
                p.country.as_deref(),
                Some(expected),
                "{} in {}",
                p.person,
                m.id
            );
        }
    }
}
