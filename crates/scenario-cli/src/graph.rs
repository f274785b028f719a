//! `scenario graph`: the branching map as Graphviz dot or Mermaid, for trainers reviewing
//! a scenario's paths at a glance; or as SVG, laid out by `scenario-map` (the studio's map,
//! same code), which also flags unreachable nodes and traps.
//!
//! The scenario is first turned into a small format-neutral [`Map`] (nodes and edges in
//! file order, with their label lines and marks), then written out by one renderer per
//! format. Each renderer owns its escaping: every piece of scenario text passes through
//! [`dot_escape`] or [`mermaid_escape`], so a quote, `<`, `&`, `#` or `|` in a title or a
//! condition can never break the output. The output is deterministic: same file, same bytes.
//!
//! What the map shows: decisions, passages and endings in different shapes; the start node
//! marked; endings coloured by outcome; an edge per choice (and per `next` branch) labelled
//! with the choice id and its non-zero scores; red-line (`critical`) choices in bold red with
//! a `RED LINE` marker; choices offered only under an `if` dotted; conditional `next` branches
//! dashed with their condition.

use crate::source::load_whole;
use crate::{GraphFormat, Outcome};
use scenario_core::model::{Choice, Next, NodeKind, Outcome as EndingOutcome, Scenario};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// Runs `graph`: prints the map of `file` to stdout, or its errors to stderr (exit 1).
pub fn run(file: &Path, format: GraphFormat) -> Outcome {
    let Some(scenario) = &load_whole(file, "drawn")? else {
        return Ok(ExitCode::from(1));
    };
    let map = Map::of(scenario);
    let text = match format {
        GraphFormat::Dot => to_dot(scenario, &map),
        GraphFormat::Mermaid => to_mermaid(scenario, &map),
        GraphFormat::Svg => {
            let findings = scenario_map::Findings::check(scenario);
            scenario_map::to_svg(&scenario_map::layout(scenario, &findings))
        }
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// What kind of step a node is, as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Decision,
    Passage,
    Ending(EndingOutcome),
}

/// A node as drawn (named `n<index>` in the output): its label lines, its shape, whether it
/// is the start.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MapNode {
    lines: Vec<String>,
    shape: Shape,
    start: bool,
}

/// How an edge depends on a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Condition {
    /// Always taken when its choice is (or when Continue is pressed).
    None,
    /// The choice is offered only when its `if` holds (drawn dotted).
    ChoiceIf,
    /// One branch of a conditional `next` (drawn dashed).
    Branch,
}

/// An edge as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MapEdge {
    from: usize,
    to: usize,
    lines: Vec<String>,
    critical: bool,
    condition: Condition,
}

/// The scenario as nodes and edges, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Map {
    nodes: Vec<MapNode>,
    edges: Vec<MapEdge>,
}

/// The marker line on a red-line choice's edge.
const RED_LINE: &str = "RED LINE";

impl Map {
    fn of(scenario: &Scenario) -> Map {
        let mut nodes = Vec::with_capacity(scenario.nodes.len());
        let mut edges = Vec::new();
        for (i, node) in scenario.nodes.iter().enumerate() {
            let (shape, lines) = match &node.kind {
                NodeKind::Decision(_) => (Shape::Decision, vec![node.id.clone()]),
                NodeKind::Passage(_) => (Shape::Passage, vec![node.id.clone()]),
                NodeKind::Ending(e) => (
                    Shape::Ending(e.outcome),
                    vec![
                        node.id.clone(),
                        e.title.clone(),
                        e.outcome.as_str().to_string(),
                    ],
                ),
            };
            nodes.push(MapNode {
                lines,
                shape,
                start: i == scenario.start,
            });
            match &node.kind {
                NodeKind::Decision(choices) => {
                    for choice in choices {
                        push_choice_edges(&mut edges, scenario, i, choice);
                    }
                }
                NodeKind::Passage(next) => {
                    for (to, branch_line) in branches(next) {
                        edges.push(MapEdge {
                            from: i,
                            to,
                            lines: branch_line.into_iter().collect(),
                            critical: false,
                            condition: if next.branches.len() > 1 {
                                Condition::Branch
                            } else {
                                Condition::None
                            },
                        });
                    }
                }
                NodeKind::Ending(_) => {}
            }
        }
        Map { nodes, edges }
    }
}

/// The first label lines of a choice's edges: its id, its non-zero scores, its `if`.
fn choice_lines(scenario: &Scenario, choice: &Choice) -> Vec<String> {
    let mut lines = vec![choice.id.clone()];
    let scores: Vec<String> = scenario
        .dimensions
        .iter()
        .zip(&choice.scores)
        .filter(|(_, s)| **s != 0)
        .map(|(d, s)| format!("{} {s:+}", d.id))
        .collect();
    if !scores.is_empty() {
        lines.push(scores.join(", "));
    }
    if let Some(c) = &choice.condition {
        lines.push(format!("offered if {}", c.source));
    }
    lines
}

/// Each branch of a `next` with its extra label line (`if …` / `otherwise`, only when the
/// `next` has more than one branch).
fn branches(next: &Next) -> Vec<(usize, Option<String>)> {
    let conditional = next.branches.len() > 1;
    next.branches
        .iter()
        .map(|b| {
            let line = match (&b.condition, conditional) {
                (Some(c), _) => Some(format!("if {}", c.source)),
                (None, true) => Some("otherwise".to_string()),
                (None, false) => None,
            };
            (b.to, line)
        })
        .collect()
}

/// One edge per branch of the choice's `next`, from node `from`.
fn push_choice_edges(edges: &mut Vec<MapEdge>, scenario: &Scenario, from: usize, choice: &Choice) {
    let head = choice_lines(scenario, choice);
    let next = &choice.next;
    for (to, branch_line) in branches(next) {
        let mut lines = head.clone();
        lines.extend(branch_line);
        if choice.critical.is_some() {
            lines.push(RED_LINE.to_string());
        }
        let condition = if next.branches.len() > 1 {
            Condition::Branch
        } else if choice.condition.is_some() {
            Condition::ChoiceIf
        } else {
            Condition::None
        };
        edges.push(MapEdge {
            from,
            to,
            lines,
            critical: choice.critical.is_some(),
            condition,
        });
    }
}

/// Fill and border colours of an ending, by outcome.
fn outcome_colours(outcome: EndingOutcome) -> (&'static str, &'static str) {
    match outcome {
        EndingOutcome::Positive => ("#c8e6c9", "#2e7d32"),
        EndingOutcome::Mixed => ("#ffe0b2", "#ef6c00"),
        EndingOutcome::Negative => ("#ffcdd2", "#c62828"),
    }
}

/// The colour of red-line edges.
const RED: &str = "#c62828";

/// Text for inside a dot double-quoted string: `\` and `"` escaped, `&` as an entity
/// (Graphviz reads entities such as `&lt;` in every label), line breaks as centred `\n`.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A dot label from lines.
fn dot_label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| dot_escape(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn to_dot(scenario: &Scenario, map: &Map) -> String {
    let mut out = String::new();
    // `write!` into a String cannot fail.
    let _ = writeln!(
        out,
        "// Branching map of `{}` (scenario graph --format dot)",
        scenario.id
    );
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&scenario.id));
    let _ = writeln!(
        out,
        "  graph [label=\"{}\", labelloc=t, fontname=\"Helvetica\", rankdir=TB];",
        dot_escape(&scenario.title)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    out.push_str("  start [shape=circle, label=\"start\", style=filled, fillcolor=\"#424242\", fontcolor=white, fontsize=9, width=0.5, fixedsize=true];\n");
    for (i, node) in map.nodes.iter().enumerate() {
        let label = dot_label(&node.lines);
        let mut attrs = match node.shape {
            Shape::Decision => format!("shape=diamond, label=\"{label}\""),
            Shape::Passage => format!("shape=box, style=rounded, label=\"{label}\""),
            Shape::Ending(outcome) => {
                let (fill, border) = outcome_colours(outcome);
                format!(
                    "shape=box, style=\"rounded,filled\", fillcolor=\"{fill}\", color=\"{border}\", penwidth=2, label=\"{label}\""
                )
            }
        };
        if node.start {
            attrs.push_str(", peripheries=2");
        }
        let _ = writeln!(out, "  n{i} [{attrs}];");
    }
    if let Some(start) = map.nodes.iter().position(|n| n.start) {
        let _ = writeln!(out, "  start -> n{start};");
    }
    for edge in &map.edges {
        let mut attrs = Vec::new();
        if !edge.lines.is_empty() {
            attrs.push(format!("label=\"{}\"", dot_label(&edge.lines)));
        }
        let style = match (edge.condition, edge.critical) {
            (Condition::Branch, true) => Some("\"dashed,bold\""),
            (Condition::ChoiceIf, true) => Some("\"dotted,bold\""),
            (Condition::None, true) => Some("bold"),
            (Condition::Branch, false) => Some("dashed"),
            (Condition::ChoiceIf, false) => Some("dotted"),
            (Condition::None, false) => None,
        };
        if let Some(style) = style {
            attrs.push(format!("style={style}"));
        }
        if edge.critical {
            attrs.push(format!(
                "color=\"{RED}\", fontcolor=\"{RED}\", penwidth=2.5"
            ));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "  n{} -> n{}{attrs};", edge.from, edge.to);
    }
    out.push_str("}\n");
    out
}

/// Text for inside a Mermaid quoted label (`"…"`): every character Mermaid could read as
/// syntax or markup becomes an entity code (`#quot;`, `#35;`, …), and line breaks become
/// `<br>`. A backslash is followed by a zero-width space, as Mermaid turns a decoded `\n`
/// into a line break. Colons and semicolons are encoded too, so no label line can look like a `style`
/// or `classDef` statement to Mermaid's pre-processor.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '(' => out.push_str("#40;"),
            ')' => out.push_str("#41;"),
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '`' => out.push_str("#96;"),
            '\\' => out.push_str("#92;#8203;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid quoted label from lines.
fn mermaid_label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| mermaid_escape(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn to_mermaid(scenario: &Scenario, map: &Map) -> String {
    let mut out = String::new();
    // Scenario ids are lowercase letters, digits and hyphens: safe in a comment.
    let _ = writeln!(
        out,
        "%% Branching map of `{}` (scenario graph --format mermaid)",
        scenario.id
    );
    out.push_str("flowchart TD\n");
    out.push_str("  start((\"start\"))\n");
    for (i, node) in map.nodes.iter().enumerate() {
        let label = mermaid_label(&node.lines);
        let _ = match node.shape {
            Shape::Decision => writeln!(out, "  n{i}{{{{\"{label}\"}}}}"),
            Shape::Passage => writeln!(out, "  n{i}(\"{label}\")"),
            Shape::Ending(_) => writeln!(out, "  n{i}([\"{label}\"])"),
        };
    }
    // Edges are numbered in the order written, for `linkStyle`; the start edge is 0.
    let mut critical_links = Vec::new();
    if let Some(start) = map.nodes.iter().position(|n| n.start) {
        let _ = writeln!(out, "  start --> n{start}");
    }
    for (k, edge) in map.edges.iter().enumerate() {
        let arrow = match (edge.condition, edge.critical) {
            (Condition::Branch | Condition::ChoiceIf, _) => "-.->",
            (Condition::None, true) => "==>",
            (Condition::None, false) => "-->",
        };
        let label = if edge.lines.is_empty() {
            String::new()
        } else {
            format!("|\"{}\"|", mermaid_label(&edge.lines))
        };
        let _ = writeln!(out, "  n{} {arrow}{label} n{}", edge.from, edge.to);
        if edge.critical {
            critical_links.push(k + 1);
        }
    }
    // No `;` at the end of style lines: Mermaid's entity pre-processor treats `#…;` there
    // as an entity code.
    out.push_str("  classDef startMarker fill:#424242,color:#ffffff,stroke:#424242\n");
    out.push_str("  classDef startNode stroke-width:4px\n");
    for outcome in [
        EndingOutcome::Positive,
        EndingOutcome::Mixed,
        EndingOutcome::Negative,
    ] {
        let (fill, border) = outcome_colours(outcome);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{border},stroke-width:2px",
            outcome.as_str()
        );
    }
    out.push_str("  class start startMarker\n");
    for (i, node) in map.nodes.iter().enumerate() {
        if node.start {
            let _ = writeln!(out, "  class n{i} startNode");
        }
        if let Shape::Ending(outcome) = node.shape {
            let _ = writeln!(out, "  class n{i} {}", outcome.as_str());
        }
    }
    for k in critical_links {
        let _ = writeln!(
            out,
            "  linkStyle {k} stroke:{RED},stroke-width:3px,color:{RED}"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_escapes_quotes_backslashes_entities_and_lines() {
        for (text, expected) in [
            ("plain", "plain"),
            ("say \"no\"", "say \\\"no\\\""),
            ("a\\b", "a\\\\b"),
            ("rapport >= 1 & <b>", "rapport >= 1 &amp; <b>"),
            ("&lt;", "&amp;lt;"),
            ("two\nlines\r\n", "two\\nlines\\n"),
            ("# | { } [ ]", "# | { } [ ]"),
        ] {
            assert_eq!(dot_escape(text), expected, "{text:?}");
        }
    }

    #[test]
    fn mermaid_escapes_everything_that_is_syntax() {
        for (text, expected) in [
            ("plain words", "plain words"),
            ("say \"no\"", "say #quot;no#quot;"),
            ("rapport >= 1", "rapport #gt;= 1"),
            ("a < b & c", "a #lt; b #amp; c"),
            ("#1 | end", "#35;1 #124; end"),
            ("[x] {y} (z)", "#91;x#93; #123;y#125; #40;z#41;"),
            ("style: x; `y`", "style#58; x#59; #96;y#96;"),
            ("a\\n b", "a#92;#8203;n b"),
            ("two\nlines", "two<br>lines"),
        ] {
            assert_eq!(mermaid_escape(text), expected, "{text:?}");
        }
    }
}
