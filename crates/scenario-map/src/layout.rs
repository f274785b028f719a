//! From a scenario to a [`Layout`]: what each node and edge says and how big it is drawn,
//! laid out by [`crate::sugiyama`], as plain data a renderer (the SVG writer, a Yew
//! component) draws without further computation.
//!
//! Sizes come from character counts: the default stylesheet sets monospace text
//! ([`NODE_FONT_PX`], [`LABEL_FONT_PX`]), whose advance is about 0.6 em, so boxes fit their
//! text without measuring it in a browser. A stylesheet that draws wider text must widen
//! nothing else: it would only overflow the boxes.

use crate::findings::Findings;
use crate::sugiyama::{self, Graph, GraphEdge, Options, Point, Size};
use scenario_core::model::{Choice, Next, NodeKind, Outcome, Scenario};

/// Font size of node text in the default stylesheet, px.
pub const NODE_FONT_PX: f64 = 12.0;
/// Font size of edge labels in the default stylesheet, px.
pub const LABEL_FONT_PX: f64 = 11.0;
/// Room kept at the left of a critical edge's label for the red-line marker, px.
pub const MARKER_ROOM: f64 = 14.0;
/// Slant of a decision's hexagon on each side, px.
pub const DECISION_SLANT: f64 = 10.0;

const CHAR_EM: f64 = 0.62;
pub(crate) const NODE_LINE: f64 = 16.0;
pub(crate) const LABEL_LINE: f64 = 13.0;
const NODE_PAD_X: f64 = 10.0;
pub(crate) const NODE_PAD_Y: f64 = 6.0;
pub(crate) const LABEL_PAD: f64 = 3.0;
/// Longest node id or label line shown whole; longer ones end in `…` (the title has all).
const MAX_CHARS: usize = 28;

/// A rectangle, top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// True when the two overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// The centre.
    pub fn centre(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }

    fn around(centre: Point, size: Size) -> Rect {
        Rect {
            x: centre.x - size.width / 2.0,
            y: centre.y - size.height / 2.0,
            width: size.width,
            height: size.height,
        }
    }
}

/// What kind of step a node is (drawn in a different shape each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Choices (a hexagon).
    Decision,
    /// A Continue button (a rounded box).
    Passage,
    /// An ending (a pill), with its outcome.
    Ending(Outcome),
}

impl Kind {
    /// The CSS class names of this kind (`decision`, `passage`, `ending positive`, …).
    pub fn classes(self) -> &'static str {
        match self {
            Kind::Decision => "decision",
            Kind::Passage => "passage",
            Kind::Ending(Outcome::Positive) => "ending positive",
            Kind::Ending(Outcome::Mixed) => "ending mixed",
            Kind::Ending(Outcome::Negative) => "ending negative",
        }
    }
}

/// What the map flags on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    /// The scenario's start.
    pub start: bool,
    /// No path reaches it (`unreachable-node` / `unreachable-ending`).
    pub unreachable: bool,
    /// A trap: on some path no ending can be reached from it (`trap`, `no-choice-offered`).
    pub trap: bool,
    /// One of its choices is critical (a red line).
    pub critical_choice: bool,
}

/// A node as laid out. Its index in [`Layout::nodes`] is its index in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// The node's id.
    pub id: String,
    /// Decision, passage or ending (with outcome).
    pub kind: Kind,
    /// Start, unreachable, trap, has a critical choice.
    pub flags: Flags,
    /// Its layer, 0 at the top (edges point to higher layers, except [`MapEdge::back`]).
    pub layer: usize,
    /// Where it is drawn.
    pub rect: Rect,
    /// The text drawn in it, one entry per line: the id (shortened past 28 characters),
    /// then the ending's outcome, then `unreachable` / `trap`.
    pub lines: Vec<String>,
    /// Everything about it in a sentence or two, for a tooltip or a screen reader (the
    /// SVG's `<title>`): kind, start, the ending's title, the checker's messages.
    pub description: String,
}

/// How an edge is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A choice of a decision: its index among the node's choices and its id.
    Choice {
        /// Index among the decision's choices.
        index: usize,
        /// The choice's id.
        id: String,
    },
    /// A passage's Continue.
    Continue,
}

/// An edge's label as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    /// The text, one entry per line: the choice id, then its condition (shortened).
    pub lines: Vec<String>,
    /// Where it is drawn; on a critical edge the first [`MARKER_ROOM`] px hold the marker.
    pub rect: Rect,
}

/// An edge as laid out: one per choice or Continue, and per branch of a conditional `next`.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEdge {
    /// Index of the node it leaves.
    pub from: usize,
    /// Index of the node it enters.
    pub to: usize,
    /// The choice, or Continue.
    pub via: Via,
    /// The choice is critical (a red line).
    pub critical: bool,
    /// Taken only under a condition: the choice has an `if`, or this is one branch of a
    /// conditional `next`.
    pub conditional: bool,
    /// Reversed to break a cycle: it points back up (or is a loop on its own node).
    pub back: bool,
    /// The polyline from `from`'s border to `to`'s border; the arrowhead goes at the end.
    pub points: Vec<Point>,
    /// The label, when the edge has one (every choice, and conditional Continues).
    pub label: Option<EdgeLabel>,
    /// The edge in a sentence, for a tooltip or a screen reader.
    pub description: String,
}

/// The branching map of a scenario, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's title.
    pub title: String,
    /// Size of the whole drawing (the SVG's viewBox is `0 0 width height`).
    pub size: Size,
    /// The nodes, in the scenario's order.
    pub nodes: Vec<MapNode>,
    /// The edges, in the file's order (node by node, choice by choice, branch by branch).
    pub edges: Vec<MapEdge>,
    /// Edge crossings left.
    pub crossings: usize,
    /// Said on the map when it is drawn with less care than usual (a very large file).
    pub notice: Option<String>,
}

/// Lays out the map of `scenario`, flagging what `findings` says.
pub fn layout(scenario: &Scenario, findings: &Findings) -> Layout {
    layout_with(scenario, findings, &Options::default())
}

/// [`layout`] with other spacing or effort.
pub fn layout_with(scenario: &Scenario, findings: &Findings, options: &Options) -> Layout {
    let mut nodes: Vec<MapNode> = Vec::with_capacity(scenario.nodes.len());
    let mut edges: Vec<MapEdge> = Vec::new();
    for (i, node) in scenario.nodes.iter().enumerate() {
        let kind = match &node.kind {
            NodeKind::Decision(_) => Kind::Decision,
            NodeKind::Passage(_) => Kind::Passage,
            NodeKind::Ending(e) => Kind::Ending(e.outcome),
        };
        let critical: Vec<&str> = match &node.kind {
            NodeKind::Decision(choices) => choices
                .iter()
                .filter(|c| c.critical.is_some())
                .map(|c| c.id.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let flags = Flags {
            start: i == scenario.start,
            unreachable: findings.unreachable(i).is_some(),
            trap: findings.trap(i).is_some(),
            critical_choice: !critical.is_empty(),
        };
        let mut lines = vec![shorten(&node.id)];
        let mut description = format!("{}: ", node.id);
        match &node.kind {
            NodeKind::Decision(choices) => {
                description.push_str(&format!("decision, {} choice(s)", choices.len()));
            }
            NodeKind::Passage(_) => description.push_str("passage"),
            NodeKind::Ending(e) => {
                lines.push(e.outcome.as_str().to_string());
                description.push_str(&format!("{} ending “{}”", e.outcome.as_str(), e.title));
            }
        }
        if flags.start {
            description.push_str("; the start");
        }
        if flags.critical_choice {
            description.push_str(&format!("; red-line choice: {}", critical.join(", ")));
        }
        if let Some(message) = findings.unreachable(i) {
            lines.push("unreachable".to_string());
            description.push_str(&format!("; unreachable: {message}"));
        }
        if let Some(message) = findings.trap(i) {
            lines.push("trap".to_string());
            description.push_str(&format!("; trap: {message}"));
        }
        nodes.push(MapNode {
            id: node.id.clone(),
            kind,
            flags,
            layer: 0,
            rect: Rect::default(),
            lines,
            description,
        });
        match &node.kind {
            NodeKind::Decision(choices) => {
                for (index, choice) in choices.iter().enumerate() {
                    push_choice(&mut edges, scenario, i, index, choice);
                }
            }
            NodeKind::Passage(next) => {
                for (to, condition) in branches(next) {
                    let description = format!(
                        "Continue: {} → {}{}",
                        node.id,
                        scenario.nodes[to].id,
                        condition
                            .as_ref()
                            .map_or(String::new(), |c| format!("; {c}"))
                    );
                    edges.push(MapEdge {
                        from: i,
                        to,
                        via: Via::Continue,
                        critical: false,
                        conditional: condition.is_some(),
                        back: false,
                        points: Vec::new(),
                        label: condition.map(|c| EdgeLabel {
                            lines: vec![shorten(&c)],
                            rect: Rect::default(),
                        }),
                        description,
                    });
                }
            }
            NodeKind::Ending(_) => {}
        }
    }

    let graph = Graph {
        nodes: nodes.iter().map(node_size).collect(),
        edges: edges
            .iter()
            .map(|e| GraphEdge {
                from: e.from,
                to: e.to,
                label: e.label.as_ref().map(|l| label_size(l, e.critical)),
            })
            .collect(),
        roots: vec![scenario.start],
    };
    let placed = sugiyama::layout(&graph, options);
    for (i, node) in nodes.iter_mut().enumerate() {
        node.layer = placed.layers[i];
        node.rect = Rect::around(placed.centres[i], graph.nodes[i]);
    }
    for (k, edge) in edges.iter_mut().enumerate() {
        let p = &placed.edges[k];
        edge.points.clone_from(&p.points);
        edge.back = p.reversed || edge.from == edge.to;
        if let (Some(label), Some(centre), Some(size)) =
            (edge.label.as_mut(), p.label, graph.edges[k].label)
        {
            label.rect = Rect::around(centre, size);
        }
        if edge.back {
            edge.description.push_str("; goes back (a loop)");
        }
    }
    let notice = placed.reduced.then(|| {
        format!(
            "A large map ({} nodes): laid out with fewer passes, so more edges may cross.",
            nodes.len()
        )
    });
    Layout {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        size: placed.size,
        nodes,
        edges,
        crossings: placed.crossings,
        notice,
    }
}

/// One edge per branch of the choice's `next`.
fn push_choice(
    edges: &mut Vec<MapEdge>,
    scenario: &Scenario,
    from: usize,
    index: usize,
    choice: &Choice,
) {
    let offered = choice
        .condition
        .as_ref()
        .map(|c| format!("offered if {}", c.source));
    for (to, branch) in branches(&choice.next) {
        let mut lines = vec![shorten(&choice.id)];
        let mut description = format!(
            "choice {}: {} → {}",
            choice.id, scenario.nodes[from].id, scenario.nodes[to].id
        );
        for condition in [&offered, &branch].into_iter().flatten() {
            lines.push(shorten(condition));
            description.push_str(&format!("; {condition}"));
        }
        if let Some(reason) = &choice.critical {
            description.push_str(&format!("; red line: {reason}"));
        }
        edges.push(MapEdge {
            from,
            to,
            via: Via::Choice {
                index,
                id: choice.id.clone(),
            },
            critical: choice.critical.is_some(),
            conditional: offered.is_some() || branch.is_some(),
            back: false,
            points: Vec::new(),
            label: Some(EdgeLabel {
                lines,
                rect: Rect::default(),
            }),
            description,
        });
    }
}

/// Each branch of a `next`, with `if …` / `otherwise` when there is more than one.
fn branches(next: &Next) -> Vec<(usize, Option<String>)> {
    let conditional = next.branches.len() > 1;
    next.branches
        .iter()
        .map(|b| {
            let text = match (&b.condition, conditional) {
                (Some(c), _) => Some(format!("if {}", c.source)),
                (None, true) => Some("otherwise".to_string()),
                (None, false) => None,
            };
            (b.to, text)
        })
        .collect()
}

/// `text` on one line, at most [`MAX_CHARS`] characters (then `…`).
fn shorten(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= MAX_CHARS {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

fn text_width(lines: &[String], font: f64) -> f64 {
    let chars = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    chars as f64 * font * CHAR_EM
}

fn node_size(node: &MapNode) -> Size {
    let slant = if node.kind == Kind::Decision {
        2.0 * DECISION_SLANT
    } else {
        0.0
    };
    Size {
        width: (text_width(&node.lines, NODE_FONT_PX) + 2.0 * NODE_PAD_X + slant).max(56.0),
        height: node.lines.len() as f64 * NODE_LINE + 2.0 * NODE_PAD_Y,
    }
}

fn label_size(label: &EdgeLabel, critical: bool) -> Size {
    let marker = if critical { MARKER_ROOM } else { 0.0 };
    Size {
        width: text_width(&label.lines, LABEL_FONT_PX) + 2.0 * LABEL_PAD + marker,
        height: label.lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_shortened_to_one_line() {
        assert_eq!(shorten("short"), "short");
        assert_eq!(shorten("two\nlines"), "two lines");
        let long = "a".repeat(40);
        let cut = shorten(&long);
        assert_eq!(cut.chars().count(), MAX_CHARS);
        assert!(cut.ends_with('…'));
    }
}
