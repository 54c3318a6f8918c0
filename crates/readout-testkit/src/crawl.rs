//! A synthetic news crawl as JSON Lines, for scale tests and benchmarks:
//! a share of meeting readouts (ministry style and news style, with the same
//! meeting reported again by a second outlet, in other words and spellings,
//! published the next day) among many unrelated news articles.
//!
//! The sentence patterns are those of the readouts under `tests/corpus/` and
//! `seeds/`: "X met with Y on the sidelines of Z", "held a phone call",
//! "received … in …", datelines, "the two sides exchanged views on …",
//! reported speech. Everything is deterministic for a given seed.

use crate::Rng;
use std::io::{self, Write};

/// (given name, surname, spelling variant, country code, country adjective, title)
const PEOPLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("Wang", "Yi", "Wang Yi", "CN", "Chinese", "Foreign Minister"),
    (
        "Sergey",
        "Lavrov",
        "Sergei Lavrov",
        "RU",
        "Russian",
        "Foreign Minister",
    ),
    (
        "Antony",
        "Blinken",
        "Anthony Blinken",
        "US",
        "American",
        "Secretary of State",
    ),
    (
        "Subrahmanyam",
        "Jaishankar",
        "S. Jaishankar",
        "IN",
        "Indian",
        "External Affairs Minister",
    ),
    (
        "Hakan",
        "Fidan",
        "Hakan Fidan",
        "TR",
        "Turkish",
        "Foreign Minister",
    ),
    (
        "Faisal",
        "bin Farhan",
        "Faisal bin Farhan Al Saud",
        "SA",
        "Saudi",
        "Foreign Minister",
    ),
    (
        "Penny",
        "Wong",
        "Penny Wong",
        "AU",
        "Australian",
        "Foreign Minister",
    ),
    (
        "Annalena",
        "Baerbock",
        "Annalena Bärbock",
        "DE",
        "German",
        "Foreign Minister",
    ),
    (
        "Yoko",
        "Kamikawa",
        "Kamikawa Yoko",
        "JP",
        "Japanese",
        "Foreign Minister",
    ),
    (
        "Cho",
        "Tae-yul",
        "Cho Tae-Yul",
        "KR",
        "South Korean",
        "Foreign Minister",
    ),
    (
        "Catherine",
        "Colonna",
        "Catherine Colona",
        "FR",
        "French",
        "Minister for Europe and Foreign Affairs",
    ),
    (
        "David",
        "Cameron",
        "David Cameron",
        "GB",
        "British",
        "Foreign Secretary",
    ),
    (
        "Retno",
        "Marsudi",
        "Retno L.P. Marsudi",
        "ID",
        "Indonesian",
        "Foreign Minister",
    ),
    (
        "Mauro",
        "Vieira",
        "Mauro Luiz Iecker Vieira",
        "BR",
        "Brazilian",
        "Foreign Minister",
    ),
    (
        "Ahmed",
        "Attaf",
        "Ahmed Attaf",
        "DZ",
        "Algerian",
        "Foreign Minister",
    ),
    (
        "Jeyhun",
        "Bayramov",
        "Ceyhun Bayramov",
        "AZ",
        "Azerbaijani",
        "Foreign Minister",
    ),
    (
        "Ishaq",
        "Dar",
        "Muhammad Ishaq Dar",
        "PK",
        "Pakistani",
        "Deputy Prime Minister and Foreign Minister",
    ),
    (
        "Melanie",
        "Joly",
        "Mélanie Joly",
        "CA",
        "Canadian",
        "Minister of Foreign Affairs",
    ),
    (
        "Abdullah",
        "bin Zayed",
        "Abdullah bin Zayed Al Nahyan",
        "AE",
        "Emirati",
        "Foreign Minister",
    ),
    (
        "Vivian",
        "Balakrishnan",
        "Vivian Balakrishnan",
        "SG",
        "Singaporean",
        "Minister for Foreign Affairs",
    ),
];

/// (city, country code)
const PLACES: &[(&str, &str)] = &[
    ("Beijing", "CN"),
    ("Moscow", "RU"),
    ("Washington", "US"),
    ("New Delhi", "IN"),
    ("Ankara", "TR"),
    ("Riyadh", "SA"),
    ("Canberra", "AU"),
    ("Berlin", "DE"),
    ("Tokyo", "JP"),
    ("Seoul", "KR"),
    ("Paris", "FR"),
    ("London", "GB"),
    ("Jakarta", "ID"),
    ("Brasilia", "BR"),
    ("Algiers", "DZ"),
    ("Baku", "AZ"),
    ("Islamabad", "PK"),
    ("Ottawa", "CA"),
    ("Abu Dhabi", "AE"),
    ("Singapore", "SG"),
    ("Geneva", "CH"),
    ("Vientiane", "LA"),
    ("New York", "US"),
];

const OCCASIONS: &[&str] = &[
    "the G20 Foreign Ministers' Meeting",
    "the 79th session of the UN General Assembly",
    "the ASEAN Regional Forum",
    "the Munich Security Conference",
    "the BRICS Foreign Ministers' Meeting",
    "the Shanghai Cooperation Organisation Council of Foreign Ministers",
    "the East Asia Summit",
];

const TOPICS: &[&str] = &[
    "the situation in Ukraine",
    "the Middle East",
    "Gaza",
    "climate change",
    "trade and investment",
    "the Korean Peninsula",
    "counter-terrorism",
    "energy security",
    "the South China Sea",
    "food security",
    "nuclear non-proliferation",
    "maritime cooperation",
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

const OUTLETS: &[&str] = &[
    "Xinhua",
    "TASS",
    "Reuters",
    "Anadolu Agency",
    "Press Trust of India",
    "Yonhap",
    "Kyodo",
    "Antara",
    "Trend",
    "Dawn",
];

/// Paragraphs of the news that makes up most of a crawl.
const NEWS: &[&str] = &[
    "The central bank left its benchmark interest rate unchanged on Thursday, citing easing inflation and a resilient labour market, and signalled that cuts could come later in the year.",
    "Heavy rain caused flooding across the northern provinces, forcing thousands of residents to leave their homes as rivers burst their banks; emergency services said the water was expected to recede by the weekend.",
    "The national football team secured a place in the final after a 2-1 victory, with a late header deciding a match that had been level for most of the second half.",
    "Shares in technology companies rose sharply after quarterly results beat analysts' expectations, lifting the main index to its highest close in three months.",
    "The ministry of health announced a vaccination campaign for schoolchildren, to begin next month in all public schools, and urged parents to check their children's records.",
    "Officials said the new metro line would open to passengers in the spring, two years later than planned, after delays in tunnelling under the old city centre.",
    "A spokesperson for the foreign ministry told a regular press briefing that the government had no comment on media reports about the negotiations.",
    "Farmers protested outside parliament against proposed changes to subsidies, blocking traffic for several hours before police negotiated an end to the demonstration.",
    "The film festival opened with the premiere of a drama about three generations of a fishing family, and runs for ten days with more than two hundred screenings.",
    "Unemployment fell to its lowest level in a decade, the statistics office said, although wage growth continued to lag behind rising housing costs.",
    "Researchers at the university published a study showing that coastal wetlands store far more carbon than previously estimated.",
    "The airline said it would add direct flights to five new destinations from the summer, as passenger numbers returned to their levels before the pandemic.",
];

/// One meeting, to be reported once or twice.
struct Meeting {
    a: usize,
    b: usize,
    year: u32,
    month: usize,
    day: u32,
    city: usize,
    occasion: Option<usize>,
    phone: bool,
    topics: Vec<usize>,
}

fn full(p: usize) -> String {
    format!("{} {}", PEOPLE[p].0, PEOPLE[p].1)
}

fn date_words(m: &Meeting) -> String {
    format!("{} {}, {}", MONTHS[m.month], m.day, m.year)
}

fn iso(m: &Meeting, day_offset: u32) -> String {
    format!(
        "{}-{:02}-{:02}",
        m.year,
        m.month + 1,
        (m.day + day_offset).min(28)
    )
}

fn topic_list(m: &Meeting) -> String {
    let names: Vec<&str> = m.topics.iter().map(|&t| TOPICS[t]).collect();
    match names.as_slice() {
        [] => "bilateral relations".to_owned(),
        [one] => format!("bilateral relations and {one}"),
        [init @ .., last] => format!("bilateral relations, {} and {last}", init.join(", ")),
    }
}

/// The readout of the ministry of the first participant.
fn ministry_readout(m: &Meeting, rng: &mut Rng) -> String {
    let (a, b) = (PEOPLE[m.a], PEOPLE[m.b]);
    let (city, _) = PLACES[m.city];
    let headline = if m.phone {
        format!(
            "{} {} Holds Phone Call with {} {}",
            a.5,
            full(m.a),
            b.5,
            full(m.b)
        )
    } else {
        format!("{} {} Meets with {} {}", a.5, full(m.a), b.5, full(m.b))
    };
    let opening = match (m.phone, m.occasion) {
        (true, _) => format!(
            "On {}, {} {} {} held a phone call with {} {} {} at the latter's request.",
            date_words(m),
            a.4,
            a.5,
            full(m.a),
            b.4,
            b.5,
            full(m.b)
        ),
        (false, Some(o)) => format!(
            "On {}, {} {} {} met with {} {} {} on the sidelines of {} in {}.",
            date_words(m),
            a.4,
            a.5,
            full(m.a),
            b.4,
            b.5,
            full(m.b),
            OCCASIONS[o],
            city
        ),
        (false, None) => format!(
            "On {}, {} {} {} received {} {} {}, who is on an official visit, in {}.",
            date_words(m),
            a.4,
            a.5,
            full(m.a),
            b.4,
            b.5,
            full(m.b),
            city
        ),
    };
    let said = format!(
        "{} said that {} stands ready to work with {} to implement the important consensus reached by the two leaders and to deepen cooperation in {}.",
        full(m.a),
        a.4.split(' ').next_back().unwrap_or(a.4),
        b.4,
        TOPICS[*rng.pick(&m.topics)]
    );
    let replied = format!(
        "{} said that the relationship has maintained a sound momentum and that the two sides should keep up high-level exchanges.",
        b.1
    );
    let views = format!("The two sides also exchanged views on {}.", topic_list(m));
    format!(
        "Home > News\n{headline}\n{} 10:{:02}\n\n{opening}\n\n{said}\n\n{replied}\n\n{views}\n",
        iso(m, rng.below(2) as u32),
        rng.below(60)
    )
}

/// A news agency's report of the same meeting: a dateline, other spellings.
fn news_report(m: &Meeting, outlet: &str, rng: &mut Rng) -> String {
    let (a, b) = (PEOPLE[m.a], PEOPLE[m.b]);
    let (city, _) = PLACES[m.city];
    let verb = if m.phone {
        "spoke by telephone with"
    } else {
        "held talks with"
    };
    let headline = format!(
        "{} {} {} {}",
        a.1,
        if m.phone { "speaks to" } else { "meets" },
        b.2,
        city
    );
    let where_ = match (m.phone, m.occasion) {
        (true, _) => String::new(),
        (false, Some(o)) => format!(" on the margins of {}", OCCASIONS[o]),
        (false, None) => String::new(),
    };
    let news = NEWS[rng.below(NEWS.len())];
    format!(
        "{headline}\n\n{city}, {} {} {} ({outlet}) -- {} {} {verb} his {} counterpart {}{where_}, the ministry said. \
The ministers discussed {} and agreed to stay in close contact.\n\n\
\"We had a frank and constructive conversation,\" {} told reporters afterwards.\n\nIn other news: {news}\n",
        m.day,
        MONTHS[m.month],
        m.year,
        a.4,
        a.2,
        b.4,
        b.2,
        topic_list(m),
        a.1,
    )
}

/// An article that reports no meeting.
fn unrelated(rng: &mut Rng) -> String {
    let paragraphs = 2 + rng.below(5);
    let mut text = format!(
        "{}\n\n",
        NEWS[rng.below(NEWS.len())]
            .split(',')
            .next()
            .unwrap_or("News")
    );
    for _ in 0..paragraphs {
        text.push_str(NEWS[rng.below(NEWS.len())]);
        text.push_str("\n\n");
    }
    text
}

fn html(text: &str) -> String {
    let mut out = String::from("<html><head><title>Report</title></head><body><article>");
    for (i, para) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        let esc = para
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        if i == 0 {
            out.push_str(&format!("<h1>{esc}</h1>"));
        } else {
            out.push_str(&format!("<p>{esc}</p>"));
        }
    }
    out.push_str("</article></body></html>");
    out
}

/// What [`crawl`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crawl {
    /// JSON Lines written, one document each.
    pub documents: u64,
    /// Meetings reported (some of them by two documents).
    pub meetings: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// Writes about `size` bytes of a synthetic news crawl to `sink`, one JSON
/// object per line (`{"url", "text"|"html", "published"?, "outlet"?}`), the
/// same bytes for the same `size` and `seed`.
///
/// ```
/// let mut out = Vec::new();
/// let crawl = readout_testkit::crawl(20_000, 7, &mut out).unwrap();
/// assert!(crawl.bytes >= 20_000 && crawl.documents > 0);
/// assert_eq!(out.len() as u64, crawl.bytes);
/// ```
pub fn crawl(size: u64, seed: u64, sink: &mut dyn Write) -> io::Result<Crawl> {
    let mut rng = Rng::new(seed);
    let mut written = Crawl {
        documents: 0,
        meetings: 0,
        bytes: 0,
    };
    while written.bytes < size {
        let n = written.documents;
        // About one document in five reports a meeting, as in a crawl that
        // was filtered loosely for diplomacy.
        let (text, is_html, published, outlet) = if rng.chance(20) {
            let a = rng.below(PEOPLE.len());
            let b = (a + 1 + rng.below(PEOPLE.len() - 1)) % PEOPLE.len();
            let topics = (0..1 + rng.below(3))
                .map(|_| rng.below(TOPICS.len()))
                .collect();
            let m = Meeting {
                a,
                b,
                year: 2015 + rng.below(11) as u32,
                month: rng.below(12),
                day: 1 + rng.below(28) as u32,
                city: rng.below(PLACES.len()),
                occasion: rng.chance(30).then(|| rng.below(OCCASIONS.len())),
                phone: rng.chance(25),
                topics,
            };
            written.meetings += 1;
            // A third of the meetings are reported again by an agency.
            if rng.chance(33) {
                let outlet = *rng.pick(OUTLETS);
                let text = news_report(&m, outlet, &mut rng);
                write_line(
                    sink,
                    &mut written,
                    n,
                    &text,
                    false,
                    Some(iso(&m, 1)),
                    Some(outlet),
                )?;
            }
            (ministry_readout(&m, &mut rng), rng.chance(40), None, None)
        } else {
            (
                unrelated(&mut rng),
                rng.chance(50),
                None,
                Some(*rng.pick(OUTLETS)),
            )
        };
        let text = if is_html { html(&text) } else { text };
        write_line(sink, &mut written, n, &text, is_html, published, outlet)?;
    }
    Ok(written)
}

fn write_line(
    sink: &mut dyn Write,
    written: &mut Crawl,
    n: u64,
    text: &str,
    is_html: bool,
    published: Option<String>,
    outlet: Option<&str>,
) -> io::Result<()> {
    let mut line = serde_json::json!({
        "url": format!("https://news.example/{}/{n:08}-{}", if is_html { "html" } else { "text" }, written.documents),
    });
    line[if is_html { "html" } else { "text" }] = text.into();
    if let Some(p) = published {
        line["published"] = p.into();
    }
    if let Some(o) = outlet {
        line["outlet"] = o.into();
    }
    let mut bytes = serde_json::to_vec(&line)?;
    bytes.push(b'\n');
    sink.write_all(&bytes)?;
    written.bytes += bytes.len() as u64;
    written.documents += 1;
    Ok(())
}
