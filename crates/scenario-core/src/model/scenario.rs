//! One validated scenario: its header (title, audiences, dimensions, pass marks, variables,
//! debrief) and its nodes by index, with the JSON form a pack carries.

use super::node::Node;
use super::vocabulary::Label;
use super::NodeIndex;
use crate::json_record;
use crate::text::span::Span;
/// One scenario, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Equal to the file stem.
    pub id: String,
    /// Title shown in the catalogue.
    pub title: String,
    /// One or two sentences for the catalogue.
    pub summary: String,
    /// Where and with whom.
    pub setting: String,
    /// Shown before the learner starts (project extension; a default is shown when absent).
    pub content_note: Option<String>,
    /// Who it is for (`induction`, `refresher`, …).
    pub audiences: Vec<String>,
    /// Topics, resolved against the vocabulary.
    pub topics: Vec<Label>,
    /// Estimated minutes.
    pub minutes: Option<u32>,
    /// Characters who speak in `say`.
    pub characters: Vec<Character>,
    /// Dimensions scored here, resolved against the vocabulary; score vectors follow this order.
    pub dimensions: Vec<Label>,
    /// Where each dimension is listed in the file (for diagnostics).
    pub dimension_spans: Vec<Span>,
    /// Pass thresholds.
    pub pass: Pass,
    /// Declared variables and their initial values; slots `0..variables.len()`.
    pub variables: Vec<(String, i64)>,
    /// The first node.
    pub start: NodeIndex,
    /// All nodes, in file order.
    pub nodes: Vec<Node>,
    /// Shown after every ending.
    pub debrief: Debrief,
    /// Shown only in trainer mode.
    pub trainer_notes: Option<String>,
    /// A fingerprint of the source text, so a saved session can tell the file changed.
    pub fingerprint: u64,
}

impl Scenario {
    /// The node with this id.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Number of value slots conditions can read: variables, then one running sum per dimension.
    pub fn slot_count(&self) -> usize {
        self.variables.len() + self.dimensions.len()
    }

    /// The character with this id.
    pub fn character(&self, id: &str) -> Option<&Character> {
        self.characters.iter().find(|c| c.id == id)
    }
}

/// Pass thresholds, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Minimum overall percent.
    pub overall: i64,
    /// Minimum percent on every assessed dimension.
    pub each: i64,
}

impl Default for Pass {
    fn default() -> Self {
        Pass {
            overall: 70,
            each: 50,
        }
    }
}

/// Someone who speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Character {
    /// The id used in `say`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role, e.g. "service user".
    pub role: Option<String>,
}

/// The debrief shown after every ending.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Debrief {
    /// Key points.
    pub key_points: Vec<String>,
    /// Reflection questions.
    pub reflection: Vec<String>,
}

json_record!(Scenario {
    id,
    title,
    summary,
    setting,
    content_note,
    audiences,
    topics,
    minutes,
    characters,
    dimensions,
    dimension_spans,
    pass,
    variables,
    start,
    nodes,
    debrief,
    trainer_notes,
    fingerprint
});
json_record!(Pass { overall, each });
json_record!(Character { id, name, role });
json_record!(Debrief {
    key_points,
    reflection
});
