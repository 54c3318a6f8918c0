//! Merge cost over synthetic extractions: 10k, 100k, 500k and 1M meetings,
//! about a fifth of them reported twice (another outlet, another spelling,
//! the next day or no stated day), so that blocking and clustering work as
//! on real input. The 500k/1M pair shows what doubling the input costs.
//! `merge-shards` times `Normalizer::merge` over the datasets of four shards
//! of the same input (10k, 100k, 1M meetings).

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use readout_model::{DateBasis, Document, MeetingKind, TopicKind};
use readout_parse::{
    Extraction, MeetingMention, ParticipantMention, PlaceMention, Spanned, StatementMention,
    TopicMention,
};
use readout_testkit::Rng;
use std::hint::black_box;

const GIVEN: &[&[&str]] = &[
    &["Sergey", "Sergei", "Serguei"],
    &["Yevgeny", "Evgeny", "Evgenii"],
    &["Dmitry", "Dmitriy", "Dmitri"],
    &["Mikhail", "Mihail"],
    &["Andrei", "Andrey"],
    &["Alexei", "Alexey"],
    &["Nikolai", "Nikolay"],
    &["Yuri", "Yuriy"],
    &["Georgy", "Georgiy", "Georgii"],
    &["Vasily", "Vasiliy"],
    &["Anna"],
    &["Maria"],
    &["Olga"],
    &["Pavel"],
    &["Ivan"],
    &["Natalia", "Natalya"],
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "vin", "sha", "mi", "lev", "kho", "dor", "pet", "nik", "zar", "tol", "bel", "gor",
    "sal", "ver", "mar", "tin", "bra", "sok",
];
const SUFFIXES: &[&str] = &["ov", "ev", "in", "enko", "sky", "ich"];
const CHINESE_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang",
];
const CHINESE_GIVEN: &[&str] = &[
    "Yi", "Wei", "Qiang", "Jun", "Hong", "Ming", "Gang", "Lei", "Tao",
];
const COUNTRIES: &[(&str, &str)] = &[
    ("RU", "Russian"),
    ("UA", "Ukrainian"),
    ("BY", "Belarusian"),
    ("KZ", "Kazakh"),
    ("DE", "German"),
    ("FR", "French"),
    ("IN", "Indian"),
    ("BR", "Brazilian"),
    ("TR", "Turkish"),
    ("IR", "Iranian"),
];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Deputy Foreign Minister",
    "State Councilor and Foreign Minister",
    "Special Envoy",
    "Ambassador",
];

/// One synthetic person: ways to write the given name, the surname, the
/// country and its demonym, and whether the surname comes first.
struct Someone {
    given: Vec<String>,
    surname: String,
    country: &'static str,
    demonym: &'static str,
    surname_first: bool,
}

impl Someone {
    fn written(&self, rng: &mut Rng) -> String {
        let given = &self.given[rng.below(self.given.len())];
        let mut surname = self.surname.clone();
        if surname.contains("kh") && rng.chance(30) {
            surname = surname.replace("kh", "h");
        }
        let name = if self.surname_first {
            format!("{surname} {given}")
        } else {
            format!("{given} {surname}")
        };
        if rng.chance(20) {
            format!("Mr. {name}")
        } else {
            name
        }
    }
}

fn people(rng: &mut Rng, count: usize) -> Vec<Someone> {
    (0..count)
        .map(|i| {
            if i % 10 == 0 {
                Someone {
                    given: vec![(*rng.pick(CHINESE_GIVEN)).to_owned()],
                    surname: (*rng.pick(CHINESE_SURNAMES)).to_owned(),
                    country: "CN",
                    demonym: "Chinese",
                    surname_first: true,
                }
            } else {
                let (country, demonym) = COUNTRIES[rng.below(COUNTRIES.len())];
                let mut surname = String::new();
                for _ in 0..2 {
                    surname.push_str(rng.pick::<&str>(SYLLABLES));
                }
                surname.push_str(rng.pick::<&str>(SUFFIXES));
                let mut chars = surname.chars();
                let surname = chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default();
                Someone {
                    given: GIVEN[rng.below(GIVEN.len())]
                        .iter()
                        .map(|g| (*g).to_owned())
                        .collect(),
                    surname,
                    country,
                    demonym,
                    surname_first: false,
                }
            }
        })
        .collect()
}

fn date(day: i64) -> String {
    // 2010-01-01 plus `day` days (civil-from-days, after Howard Hinnant).
    let z = day + 14_610 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Builds a text piece by piece and remembers where each piece stands.
struct Writer(String);

impl Writer {
    fn put(&mut self, s: &str) -> Spanned<String> {
        let start = self.0.len();
        self.0.push_str(s);
        Spanned::new(s.to_owned(), start, self.0.len())
    }
    fn text(&mut self, s: &str) {
        self.0.push_str(s);
    }
}

struct Event {
    a: usize,
    b: usize,
    day: i64,
    kind: MeetingKind,
    host: Option<usize>,
}

fn report(
    rng: &mut Rng,
    crowd: &[Someone],
    e: &Event,
    n: usize,
    outlet: &str,
    stated: bool,
) -> Extraction {
    let mut w = Writer(format!("{outlet} report {n}. "));
    let mut participants = Vec::new();
    for (i, who) in [e.a, e.b].into_iter().enumerate() {
        let p = &crowd[who];
        if i == 1 {
            w.text(" met ");
        }
        let demonym = w.put(p.demonym);
        w.text(" ");
        let title = w.put(rng.pick::<&str>(TITLES));
        w.text(" ");
        let name = w.written(rng, p);
        participants.push(ParticipantMention {
            name: name.value.clone(),
            names_as_written: vec![name],
            titles_as_written: vec![title],
            country: Some(Spanned::new(
                p.country.to_owned(),
                demonym.start,
                demonym.end,
            )),
        });
    }
    let city = e.host.map(|h| {
        w.text(" in ");
        w.put(&format!("Capital of {}", crowd[h].country))
    });
    let host_country = e.host.map(|h| crowd[h].country.to_owned());
    w.text(" on ");
    let date_words = w.put(&date(e.day));
    w.text(". ");
    let statement = w.put("Both sides said relations matter.");
    let surname = crowd[e.a].surname.clone();
    w.text(" ");
    let again = w.put(&surname);
    participants[0].names_as_written.push(again);
    let topic = w.put(" G20");
    let text = w.0;
    let mut document = Document::new(Some(format!("{outlet}/{n}.txt")), text);
    document.published = Some(date(e.day + 1));
    let mention = MeetingMention {
        date: stated.then_some(Spanned::new(date(e.day), date_words.start, date_words.end)),
        date_basis: stated.then_some(DateBasis::Stated),
        kind: e.kind,
        kind_span: None,
        place: PlaceMention {
            city: city.clone(),
            region: None,
            country: host_country
                .zip(city)
                .map(|(c, s)| Spanned::new(c, s.start, s.end)),
        },
        occasion: None,
        participants,
        statements: vec![StatementMention {
            speakers: vec![0, 1],
            text: statement,
        }],
        topics: vec![TopicMention {
            id: if rng.chance(50) {
                "g20"
            } else {
                "group-of-twenty"
            }
            .into(),
            label: "G20".into(),
            kind: TopicKind::Organization,
            start: topic.start + 1,
            end: topic.end,
        }],
    };
    Extraction {
        document,
        dateline: None,
        meetings: vec![mention],
        mentions: Vec::new(),
        diagnostics: Vec::new(),
    }
}

impl Writer {
    fn written(&mut self, rng: &mut Rng, p: &Someone) -> Spanned<String> {
        let name = p.written(rng);
        self.put(&name)
    }
}

/// `meetings` meetings among a crowd that grows with them; a fifth of them
/// reported a second time.
fn synthetic(meetings: usize) -> Vec<Extraction> {
    let mut rng = Rng::new(7);
    let crowd = people(&mut rng, (meetings / 20).clamp(200, 50_000));
    let mut out = Vec::with_capacity(meetings * 6 / 5);
    for n in 0..meetings {
        // A skew towards the first people, as ministers meet often.
        let r = rng.below(crowd.len());
        let a = r * rng.below(crowd.len()) / crowd.len();
        let mut b = rng.below(crowd.len());
        if b == a {
            b = (b + 1) % crowd.len();
        }
        let kind = if rng.chance(15) {
            MeetingKind::PhoneCall
        } else {
            MeetingKind::Meeting
        };
        let host = match (kind, rng.below(10)) {
            (MeetingKind::PhoneCall, _) => None,
            (_, 0..=4) => Some(a),
            (_, 5..=8) => Some(b),
            _ => None,
        };
        let e = Event {
            a,
            b,
            day: rng.below(15 * 365) as i64,
            kind,
            host,
        };
        out.push(report(&mut rng, &crowd, &e, n, "ministry", true));
        if rng.chance(20) {
            let stated = rng.chance(70);
            out.push(report(&mut rng, &crowd, &e, n, "agency", stated));
        }
    }
    out
}

fn merge(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    // READOUT_BENCH_SIZES=10000,100000 runs only those sizes.
    let sizes: Vec<usize> = std::env::var("READOUT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 500_000, 1_000_000]);
    for meetings in sizes {
        let input = synthetic(meetings);
        let normalizer = readout_normalize::Normalizer::default();
        group.throughput(Throughput::Elements(meetings as u64));
        group.bench_function(format!("{meetings}"), |b| {
            b.iter_batched(
                || input.clone(),
                |input| black_box(normalizer.normalize(input)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// `Normalizer::merge` over the datasets of four shards of the same input
/// (every fourth extraction), as `readout merge part-*.json` runs at the end
/// of a sharded extraction.
fn merge_shards(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge-shards");
    group.sample_size(10);
    let sizes: Vec<usize> = std::env::var("READOUT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    for meetings in sizes {
        let normalizer = readout_normalize::Normalizer::default();
        let mut shards: Vec<Vec<Extraction>> = vec![Vec::new(); 4];
        for (i, ex) in synthetic(meetings).into_iter().enumerate() {
            shards[i % 4].push(ex);
        }
        let parts: Vec<readout_model::Dataset> = shards
            .into_iter()
            .map(|s| normalizer.normalize(s))
            .collect();
        group.throughput(Throughput::Elements(meetings as u64));
        group.bench_function(format!("{meetings}"), |b| {
            b.iter_batched(
                || parts.clone(),
                |parts| black_box(normalizer.merge(parts)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, merge, merge_shards);
criterion_main!(benches);
