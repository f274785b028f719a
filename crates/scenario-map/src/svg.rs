//! A [`Layout`] as a standalone SVG document: the CLI's `graph --format svg`, and anything
//! that wants the map as one string.
//!
//! Only CSS classes give it a look (no `style` attribute anywhere, so a page's strict CSP
//! holds); the stylesheet is embedded in a `<style>` element or left to the page
//! ([`SvgOptions::stylesheet`]). Every piece of scenario text and every id goes through
//! [`escape`]; class names are fixed words, never scenario text. Each node is a focusable
//! `<g class="node …" data-node="ID" tabindex="0">` named by its `<title>`.

use crate::layout::{
    Kind, Layout, MapEdge, MapNode, Rect, Via, DECISION_SLANT, LABEL_LINE, LABEL_PAD, MARKER_ROOM,
    NODE_LINE, NODE_PAD_Y,
};
use crate::sugiyama::Point;
use std::fmt::Write as _;

/// The default stylesheet (also `src/map.css` in this crate).
pub const DEFAULT_STYLESHEET: &str = include_str!("map.css");

/// How the SVG is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgOptions<'a> {
    /// CSS to embed in a `<style>` element, or `None` when the page brings its own (a page
    /// under a strict CSP, which refuses inline style elements).
    pub stylesheet: Option<&'a str>,
    /// Prefix of the document's own `id`s (the arrowhead markers), so that two maps in one
    /// page do not clash.
    pub id_prefix: &'a str,
    /// Nodes are controls (`role="button"`): a page that acts when one is chosen (the
    /// studio moves its editor to the node). Off for a standalone picture.
    pub interactive: bool,
}

impl Default for SvgOptions<'_> {
    fn default() -> Self {
        SvgOptions {
            stylesheet: Some(DEFAULT_STYLESHEET),
            id_prefix: "map-",
            interactive: false,
        }
    }
}

/// Room above the map for the notice, when there is one.
const NOTICE_ROOM: f64 = 22.0;

/// The map as a standalone SVG document with the default stylesheet embedded.
pub fn to_svg(layout: &Layout) -> String {
    to_svg_with(layout, &SvgOptions::default())
}

/// The map as an SVG document, written as `options` say.
pub fn to_svg_with(layout: &Layout, options: &SvgOptions) -> String {
    let mut out = String::with_capacity(600 + 700 * layout.nodes.len());
    let top = if layout.notice.is_some() {
        NOTICE_ROOM
    } else {
        0.0
    };
    let (width, height) = (num(layout.size.width), num(layout.size.height + top));
    let p = escape(options.id_prefix);
    // `write!` into a String cannot fail.
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scenario-map\" role=\"group\" \
         aria-label=\"Branching map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
    );
    let _ = writeln!(
        out,
        "<title>Branching map of “{}” ({}): {} nodes, {} edges</title>",
        escape_text(&layout.title),
        escape_text(&layout.scenario),
        layout.nodes.len(),
        layout.edges.len()
    );
    if let Some(css) = options.stylesheet {
        let _ = writeln!(out, "<style>{}</style>", escape_text(css));
    }
    out.push_str("<defs>\n");
    for (name, class) in [
        ("arrow", "arrowhead"),
        ("arrow-critical", "arrowhead critical"),
    ] {
        let _ = writeln!(
            out,
            "<marker id=\"{p}{name}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" \
             markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path class=\"{class}\" \
             d=\"M0,0L10,5L0,10z\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\"/>"
    );
    if let Some(notice) = &layout.notice {
        let _ = writeln!(
            out,
            "<text class=\"notice\" x=\"16\" y=\"16\">{}</text>",
            escape_text(notice)
        );
    }
    if top > 0.0 {
        let _ = writeln!(out, "<g transform=\"translate(0 {})\">", num(top));
    }
    out.push_str("<g class=\"edges\">\n");
    for edge in &layout.edges {
        write_edge(&mut out, layout, edge, &p);
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for node in &layout.nodes {
        write_node(&mut out, node, options.interactive);
    }
    out.push_str("</g>\n");
    if top > 0.0 {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn write_edge(out: &mut String, layout: &Layout, edge: &MapEdge, prefix: &str) {
    let mut class = String::from("edge");
    class.push_str(match edge.via {
        Via::Choice { .. } => " choice",
        Via::Continue => " continue",
    });
    for (on, name) in [
        (edge.critical, " critical"),
        (edge.conditional, " conditional"),
        (edge.back, " back"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let _ = write!(
        out,
        "<g class=\"{class}\" data-from=\"{}\" data-to=\"{}\"",
        escape(&layout.nodes[edge.from].id),
        escape(&layout.nodes[edge.to].id)
    );
    if let Via::Choice { id, .. } = &edge.via {
        let _ = write!(out, " data-choice=\"{}\"", escape(id));
    }
    let _ = writeln!(out, "><title>{}</title>", escape_text(&edge.description));
    let marker = if edge.critical {
        "arrow-critical"
    } else {
        "arrow"
    };
    let _ = writeln!(
        out,
        "<path class=\"edge-line\" d=\"{}\" marker-end=\"url(#{prefix}{marker})\"/>",
        path(&edge.points)
    );
    if let Some(label) = &edge.label {
        let r = label.rect;
        let _ = writeln!(
            out,
            "<rect class=\"edge-label-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
            num(r.x),
            num(r.y),
            num(r.width),
            num(r.height)
        );
        let mut text_left = r.x;
        if edge.critical {
            red_line_mark(out, r.x + 1.0, r.y + LABEL_PAD);
            text_left += MARKER_ROOM;
        }
        let centre = (text_left + r.x + r.width) / 2.0;
        for (k, line) in label.lines.iter().enumerate() {
            let y = r.y + LABEL_PAD + (k as f64 + 0.5) * LABEL_LINE;
            let _ = writeln!(
                out,
                "<text class=\"edge-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 dominant-baseline=\"central\">{}</text>",
                num(centre),
                num(y),
                escape_text(line)
            );
        }
    }
    out.push_str("</g>\n");
}

fn write_node(out: &mut String, node: &MapNode, interactive: bool) {
    let mut class = format!("node {}", node.kind.classes());
    for (on, name) in [
        (node.flags.start, " start"),
        (node.flags.critical_choice, " has-critical"),
        (node.flags.unreachable, " unreachable"),
        (node.flags.trap, " trap"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let _ = writeln!(
        out,
        "<g class=\"{class}\" data-node=\"{}\" tabindex=\"0\"{}><title>{}</title>",
        escape(&node.id),
        if interactive { " role=\"button\"" } else { "" },
        escape_text(&node.description)
    );
    let r = node.rect;
    if node.flags.start {
        let ring = Rect {
            x: r.x - 4.0,
            y: r.y - 4.0,
            width: r.width + 8.0,
            height: r.height + 8.0,
        };
        shape(out, node.kind, ring, "start-ring");
    }
    shape(out, node.kind, r, "shape");
    let centre = r.centre();
    for (k, line) in node.lines.iter().enumerate() {
        let y = r.y + NODE_PAD_Y + (k as f64 + 0.5) * NODE_LINE;
        let class = if k == 0 {
            "node-text"
        } else {
            "node-text flag-text"
        };
        let _ = writeln!(
            out,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
             dominant-baseline=\"central\">{}</text>",
            num(centre.x),
            num(y),
            escape_text(line)
        );
    }
    if node.flags.critical_choice {
        // On the top-right corner, half outside: the node gap leaves room.
        red_line_mark(out, r.x + r.width - 8.0, r.y - 6.0);
    }
    out.push_str("</g>\n");
}

/// The outline of a node of `kind` in `r`, with `class`.
fn shape(out: &mut String, kind: Kind, r: Rect, class: &str) {
    match kind {
        Kind::Decision => {
            let s = DECISION_SLANT;
            let (x0, x1, y0, y1, ym) = (
                r.x,
                r.x + r.width,
                r.y,
                r.y + r.height,
                r.y + r.height / 2.0,
            );
            let _ = writeln!(
                out,
                "<polygon class=\"{class}\" points=\"{},{} {},{} {},{} {},{} {},{} {},{}\"/>",
                num(x0 + s),
                num(y0),
                num(x1 - s),
                num(y0),
                num(x1),
                num(ym),
                num(x1 - s),
                num(y1),
                num(x0 + s),
                num(y1),
                num(x0),
                num(ym)
            );
        }
        Kind::Passage | Kind::Ending(_) => {
            let radius = if kind == Kind::Passage {
                4.0
            } else {
                r.height / 2.0
            };
            let _ = writeln!(
                out,
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
                num(r.x),
                num(r.y),
                num(r.width),
                num(r.height),
                num(radius)
            );
        }
    }
}

/// The red-line marker (a triangle with `!`), 12 px square, top-left at (x, y).
fn red_line_mark(out: &mut String, x: f64, y: f64) {
    let _ = writeln!(
        out,
        "<path class=\"red-line-mark\" d=\"M{},{}L{},{}L{},{}z\"/><path class=\"red-line-bang\" \
         d=\"M{},{}V{}M{},{}V{}\"/>",
        num(x + 6.0),
        num(y),
        num(x + 12.0),
        num(y + 11.0),
        num(x),
        num(y + 11.0),
        num(x + 6.0),
        num(y + 3.5),
        num(y + 7.0),
        num(x + 6.0),
        num(y + 9.0),
        num(y + 9.2)
    );
}

/// An SVG path through `points`.
fn path(points: &[Point]) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (k, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{},{}",
            if k == 0 { 'M' } else { 'L' },
            num(p.x),
            num(p.y)
        );
    }
    d
}

/// A coordinate with at most one decimal, without a trailing `.0` (written straight into
/// the output: a 5,000-node map has some 300,000 of them).
fn num(value: f64) -> Num {
    Num((value * 10.0).round() as i64)
}

/// A number in tenths, displayed as [`num`] says.
struct Num(i64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sign, tenths) = if self.0 < 0 {
            ("-", -self.0)
        } else {
            ("", self.0)
        };
        match tenths % 10 {
            0 => write!(f, "{sign}{}", tenths / 10),
            d => write!(f, "{sign}{}.{d}", tenths / 10),
        }
    }
}

/// Text safe in XML content and in double- or single-quoted attributes: markup characters
/// as entities, line breaks and tabs as character references (kept in attributes), and
/// characters XML 1.0 forbids (other control characters, U+FFFE, U+FFFF) as U+FFFD.
pub fn escape(text: &str) -> String {
    escape_as(text, true)
}

/// [`escape`] for element content only: quotes, line breaks and tabs stay as they are.
fn escape_text(text: &str) -> String {
    escape_as(text, false)
}

fn escape_as(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&#39;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_any_text_safe_in_xml() {
        for (text, expected) in [
            ("plain", "plain"),
            ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
            ("say \"no\" 'now'", "say &quot;no&quot; &#39;now&#39;"),
            ("two\nlines\r\tx", "two&#10;lines&#13;&#9;x"),
            ("bell\u{7}", "bell\u{fffd}"),
            ("]]>", "]]&gt;"),
        ] {
            assert_eq!(escape(text), expected, "{text:?}");
        }
        assert_eq!(
            escape_text("a \"b\"\r\n<c>\u{1}"),
            "a \"b\"\n&lt;c&gt;\u{fffd}"
        );
    }

    #[test]
    fn numbers_have_one_decimal_at_most() {
        for (value, expected) in [
            (1.0, "1"),
            (1.25, "1.3"),
            (-0.04, "0"),
            (-2.5, "-2.5"),
            (-3.0, "-3"),
            (12.345, "12.3"),
            (100.0, "100"),
        ] {
            assert_eq!(num(value).to_string(), expected, "{value}");
        }
    }
}
