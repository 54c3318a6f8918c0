//! Prints what the parser reads from each file named on the command line.
#![allow(clippy::print_stdout)]

use readout_parse::{Input, Markup, Parser};

fn main() {
    let parser = Parser::default();
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{path}: cannot read");
            continue;
        };
        let found = parser.parse(&Input {
            path: Some(&path),
            bytes: &bytes,
            markup: Markup::from_path(&path),
        });
        println!("== {path}");
        println!("headline: {:?}", found.document.headline);
        println!("published: {:?}", found.document.published);
        println!("dateline: {:?}", found.dateline);
        println!(
            "mentions: {:?}",
            found.mentions.iter().map(|m| &m.value).collect::<Vec<_>>()
        );
        for m in &found.meetings {
            println!(
                "date {:?} {:?} kind {:?} place {:?} {:?} {:?} occasion {:?}",
                m.date.as_ref().map(|d| &d.value),
                m.date_basis,
                m.kind,
                m.place.city.as_ref().map(|c| &c.value),
                m.place.region.as_ref().map(|c| &c.value),
                m.place.country.as_ref().map(|c| &c.value),
                m.occasion.as_ref().map(|o| &o.value)
            );
            for p in &m.participants {
                println!(
                    "  P {} {:?} titles {:?} names {:?}",
                    p.name,
                    p.country.as_ref().map(|c| &c.value),
                    p.titles_as_written
                        .iter()
                        .map(|t| &t.value)
                        .collect::<Vec<_>>(),
                    p.names_as_written
                        .iter()
                        .map(|t| &t.value)
                        .collect::<Vec<_>>()
                );
            }
            for s in &m.statements {
                println!(
                    "  S {:?} {}",
                    s.speakers,
                    s.text
                        .value
                        .chars()
                        .take(80)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }
}
