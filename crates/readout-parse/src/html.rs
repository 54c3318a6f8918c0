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
    "footer",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
    "figcaption",
    "main",
    "form",
];

/// The visible text of an HTML document: scripts, styles and comments
/// dropped, entities decoded, one line a block element, runs of blank lines
/// folded to one.
pub(crate) fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    // The <title> is the headline of pages that have no better one; keep it
    // first, on a line of its own.
    walk(doc.tree.root(), &mut out);
    tidy(&out)
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                walk(child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0;
    for line in raw.lines() {
        let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_dropped_and_entities_decoded() {
        let html = "<html><head><style>p{}</style></head><body><h1>Talks &amp; more</h1>\
                    <script>var x = '<p>';</script><!-- hidden --><p>Wang&nbsp;Yi met\n Lavrov.<p>Unclosed";
        assert_eq!(
            to_text(html),
            "Talks & more\nWang Yi met Lavrov.\nUnclosed\n"
        );
    }
}
