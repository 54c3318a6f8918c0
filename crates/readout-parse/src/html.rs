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
    fn text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() && self.pre == 0 {
                self.space = true;
                continue;
            }
            if c == '\n' {
                self.breaks = self.breaks.max(1);
                continue;
            }
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
            self.out.push(c);
        }
    }
}

fn walk(node: ego_tree::NodeRef<'_, Node>, e: &mut Emitter) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => e.text(t),
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED.contains(&name) || CHROME.contains(&name) {
                    continue;
                }
                if name == "br" {
                    e.breaks = e.breaks.max(1);
                    continue;
                }
                let block = BLOCKS.contains(&name);
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
