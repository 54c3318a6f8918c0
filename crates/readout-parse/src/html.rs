//! Text from HTML markup, through a real HTML parser.

use scraper::{Html, Node};

/// Elements whose content is not text a reader sees.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
    "figcaption",
    "main",
];

/// Elements that are page chrome wherever they stand.
const CHROME: &[&str] = &["nav", "footer", "aside", "form", "button", "select", "menu"];

/// The text of an HTML page and where its first `<h1>` stands in it.
pub(crate) struct PageText {
    pub(crate) text: String,
    pub(crate) h1: Option<(usize, usize)>,
}

/// The visible text of an HTML document: scripts, styles, comments and
/// navigation dropped, entities decoded, whitespace folded as a browser
/// folds it, a blank line between block elements.
pub(crate) fn to_text(html: &str) -> PageText {
    let doc = Html::parse_document(html);
    let mut e = Emitter {
        out: String::with_capacity(html.len() / 2),
        space: false,
        breaks: 0,
        h1: None,
        pre: 0,
    };
    walk(doc.tree.root(), &mut e);
    e.out.push('\n');
    let h1 = e.h1.and_then(|(s, t)| {
        let part = e.out.get(s..t)?;
        let lead = part.len() - part.trim_start().len();
        let body = part.trim();
        (!body.is_empty()).then(|| (s + lead, s + lead + body.len()))
    });
    PageText { text: e.out, h1 }
}

struct Emitter {
    out: String,
    space: bool,
    breaks: u8,
    h1: Option<(usize, usize)>,
    pre: u32,
}

impl Emitter {
    /// Appends a text node: each run of characters that are neither
    /// whitespace (outside `<pre>`) nor a line break is copied whole, after
    /// the break or space that the characters before it call for.
    fn text(&mut self, t: &str) {
        let pre = self.pre > 0;
        let mut rest = t;
        while !rest.is_empty() {
            let run = rest
                .find(|c: char| if pre { c == '\n' } else { c.is_whitespace() })
                .unwrap_or(rest.len());
            if run > 0 {
                if !self.out.is_empty() {
                    if self.breaks > 0 {
                        self.out
                            .push_str(if self.breaks > 1 { "\n\n" } else { "\n" });
                    } else if self.space {
                        self.out.push(' ');
                    }
                }
                self.breaks = 0;
                self.space = false;
                self.out.push_str(&rest[..run]);
                rest = &rest[run..];
            }
            let Some(c) = rest.chars().next() else { break };
            if pre {
                // A line break kept in `<pre>`.
                self.breaks = self.breaks.max(1);
            } else {
                self.space = true;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Whether an element is in [`SKIPPED`] or [`CHROME`] (a `match` on the
/// name, which the compiler turns into a test of its length and bytes).
fn skipped(name: &str) -> bool {
    let found = matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "svg"
            | "iframe"
            | "nav"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "menu"
    );
    debug_assert_eq!(found, SKIPPED.contains(&name) || CHROME.contains(&name));
    found
}

/// Whether an element is in [`BLOCKS`].
fn is_block(name: &str) -> bool {
    let found = matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "blockquote"
            | "pre"
            | "title"
            | "dd"
            | "dt"
            | "figcaption"
            | "main"
    );
    debug_assert_eq!(found, BLOCKS.contains(&name));
    found
}

fn walk(node: ego_tree::NodeRef<'_, Node>, e: &mut Emitter) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => e.text(t),
            Node::Element(el) => {
                let name = el.name();
                if skipped(name) {
                    continue;
                }
                if name == "br" {
                    e.breaks = e.breaks.max(1);
                    continue;
                }
                let block = is_block(name);
                if block {
                    e.breaks = 2;
                }
                let h1 = name == "h1" && e.h1.is_none();
                let start = e.out.len();
                if name == "pre" {
                    e.pre += 1;
                }
                walk(child, e);
                if name == "pre" {
                    e.pre -= 1;
                }
                if h1 {
                    // The first character of the heading follows any break
                    // written before it.
                    let s = e.out[start..]
                        .find(|c: char| !c.is_whitespace())
                        .map_or(e.out.len(), |k| start + k);
                    e.h1 = Some((s, e.out.len()));
                }
                if block {
                    e.breaks = 2;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_dropped_and_entities_decoded() {
        let html = "<html><head><style>p{}</style></head><body><h1>Talks &amp; more</h1>\
                    <script>var x = '<p>';</script><!-- hidden --><p>Wang&nbsp;Yi met\n Lavrov.<p>Unclosed";
        let page = to_text(html);
        assert_eq!(
            page.text,
            "Talks & more\n\nWang Yi met Lavrov.\n\nUnclosed\n"
        );
        assert_eq!(page.h1.map(|(s, e)| &page.text[s..e]), Some("Talks & more"));
    }
}
