use super::*;
use readout_model::{
    Dataset, Document, Evidence, Meeting, MeetingKind, Participant, Person, Place,
};

fn report(data: &Dataset) -> String {
    let mut out = Vec::new();
    to_writer(data, &mut out).expect("write to memory");
    String::from_utf8(out).expect("the report is UTF-8")
}

/// The JSON between the data element's tags.
fn embedded(html: &str) -> &str {
    let open = format!("<script type=\"application/json\" id=\"{DATA_ELEMENT_ID}\">");
    let start = html.find(&open).expect("data element") + open.len();
    let len = html[start..]
        .find("</script>")
        .expect("end of data element");
    &html[start..start + len]
}

/// A dataset whose document text tries every way out of a script element.
fn hostile() -> Dataset {
    let text = "</script><script>alert(1)</script> <!-- <script> --> & \u{2028}\u{2029} \
                Außenminister Лавров met 王毅 in Zürich.</SCRIPT>"
        .to_owned();
    let doc = Document::new(Some("</script>.txt".into()), text.clone());
    let start = text.find("Лавров").expect("name");
    let end = start + "Лавров".len();
    let mut data = Dataset::default();
    data.people.push(Person {
        id: "sergey-lavrov".into(),
        name: "Sergey </script> Lavrov".into(),
        aliases: vec![],
        country: Some("RU".into()),
        wikidata: None,
    });
    data.meetings.push(Meeting {
        id: "m<1>".into(),
        date: Some("2023-09-18".into()),
        date_basis: None,
        kind: MeetingKind::Meeting,
        place: Place::default(),
        occasion: Some("<img src=x onerror=alert(1)>".into()),
        participants: vec![Participant {
            person: "sergey-lavrov".into(),
            country: Some("RU".into()),
            roles: vec![],
            titles_as_written: vec![],
            notes: vec![],
        }],
        topics: vec![],
        coding: None,
        statements: vec![],
        sources: vec![doc.id.clone()],
        evidence: vec![Evidence {
            field: "participant:sergey-lavrov".into(),
            document: doc.id.clone(),
            start,
            end,
            text: "Лавров".into(),
        }],
    });
    data.documents.push(doc);
    data
}

#[test]
fn no_text_in_the_dataset_can_end_the_data_element() {
    let data = hostile();
    let html = report(&data);
    let json = embedded(&html);
    for needle in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
        assert!(
            !json.contains(needle),
            "{needle:?} left unescaped in the data"
        );
    }
    let back: Dataset = serde_json::from_str(json).expect("the embedded data is JSON");
    assert_eq!(back, data, "the embedded data is the dataset");
    // The data element and the script element, and no other.
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 2);
}

#[test]
fn the_report_loads_nothing_from_outside_the_file() {
    let html = report(&readout_testkit::synthetic(50, 3));
    let lower = html.to_ascii_lowercase();
    for outside in [
        " src=",
        " href=",
        "url(",
        "@import",
        "fetch(",
        "xmlhttprequest",
    ] {
        assert!(
            !lower.contains(outside),
            "the report refers outside: {outside}"
        );
    }
    // The one address in the file is the SVG namespace, which is a name, not a fetch.
    let addresses = lower.matches("http").count();
    let namespace = lower.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(
        addresses,
        namespace + 1,
        "only the SVG namespace and the CSP's http-equiv"
    );
    assert!(lower.contains("content-security-policy\" content=\"default-src 'none'"));
}

#[test]
fn the_assets_cannot_end_their_own_elements_early() {
    assert!(!CSS.to_ascii_lowercase().contains("</style"));
    assert!(!JS.to_ascii_lowercase().contains("</script"));
    assert!(
        !JS.contains("innerHTML"),
        "data reaches the page only as text"
    );
    assert!(!JS.contains("insertAdjacentHTML") && !JS.contains("document.write"));
}

#[test]
fn the_same_dataset_gives_the_same_bytes() {
    let data = readout_testkit::synthetic(100, 7);
    assert_eq!(report(&data), report(&data));
}

#[test]
fn every_synthetic_meeting_is_embedded() {
    let data = readout_testkit::synthetic(300, 1);
    let html = report(&data);
    let back: Dataset = serde_json::from_str(embedded(&html)).expect("JSON");
    assert_eq!(back.meetings.len(), 300);
    assert_eq!(back, data);
}
