#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use readout_model::Dataset;
use serde::Serialize;
use std::io::{self, Write};

/// The page skeleton up to the embedded stylesheet.
const HEAD: &str = include_str!("../assets/head.html");
/// The stylesheet, inlined into `<style>`.
const CSS: &str = include_str!("../assets/report.css");
/// The static body: the places the script fills in.
const BODY: &str = include_str!("../assets/body.html");
/// The script that draws every view from the embedded dataset.
const JS: &str = include_str!("../assets/report.js");

/// The `id` of the `<script type="application/json">` element holding the
/// dataset, for tools that want to read the data back out of a report.
pub const DATA_ELEMENT_ID: &str = "readout-data";

/// Writes the HTML report of `data` to `out`: one self-contained page with the
/// dataset embedded as `readout/1` JSON.
///
/// The same dataset always gives the same bytes.
///
/// ```
/// let data = readout_testkit::synthetic(20, 1);
/// let mut html = Vec::new();
/// readout_report::to_writer(&data, &mut html).unwrap();
/// let html = String::from_utf8(html).unwrap();
/// assert!(html.contains(&data.meetings[0].id));
/// assert!(!html.contains("https://"), "the report loads nothing from the network");
/// ```
pub fn to_writer(data: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(HEAD.as_bytes())?;
    out.write_all(b"<style>\n")?;
    out.write_all(CSS.as_bytes())?;
    out.write_all(b"</style>\n</head>\n<body>\n")?;
    out.write_all(BODY.as_bytes())?;
    write!(
        out,
        "<script type=\"application/json\" id=\"{DATA_ELEMENT_ID}\">"
    )?;
    let mut json = serde_json::Serializer::with_formatter(&mut *out, ScriptSafe);
    data.serialize(&mut json)?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(JS.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")
}

/// Compact JSON in which no string can end the `<script>` element that holds
/// it or open a comment there: `<`, `>` and `&` are written as `\u` escapes,
/// and so are U+2028 and U+2029, which older JavaScript parsers take for line
/// ends. The result is still plain JSON and parses to the same values.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut done = 0;
        for (i, c) in fragment.char_indices() {
            let escaped = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[done..i])?;
            writer.write_all(escaped.as_bytes())?;
            done = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[done..])
    }
}

#[cfg(test)]
mod tests;
