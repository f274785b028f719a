//! The validated scenario: ids resolved to indices, conditions parsed, scores laid out per
//! dimension. Built only by [`crate::load`]; immutable afterwards (the [`crate::session`]
//! holds the learner's state apart from it).

use crate::condition::Expr;
use crate::text::span::Span;
use serde::Serialize;

/// Index of a node in [`Scenario::nodes`].
pub type NodeIndex = usize;

/// The scores a choice may give a dimension: -3 (harmful) to 3 (strong).
pub const SCORE_RANGE: std::ops::RangeInclusive<i64> = -3..=3;

/// Format v1's rule for ids (choices, red-line acts, and what URLs name): lowercase letters,
/// digits and hyphens, starting with a letter or digit (`^[a-z0-9][a-z0-9-]*$`).
pub fn is_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// Format v1's rule for scenario ids: an id ([`is_id`]) of at most 64 characters
/// (`^[a-z0-9][a-z0-9-]{0,63}$`), which is also the file's name.
pub fn is_scenario_id(id: &str) -> bool {
    id.len() <= 64 && is_id(id)
}

/// The shared vocabulary from `dimensions.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vocabulary {
    /// Scoring dimensions, in file order.
    pub dimensions: Vec<Label>,
    /// Topics, in file order.
    pub topics: Vec<Label>,
    /// The red-line acts choices may name (`red_lines:`), in file order; empty in a v1
    /// `dimensions.yaml` that declares none.
    pub red_lines: Vec<RedLine>,
}

impl Vocabulary {
    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Label> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Label> {
        self.topics.iter().find(|d| d.id == id)
    }

    /// The red-line act with this id.
    pub fn red_line(&self, id: &str) -> Option<&RedLine> {
        self.red_lines.iter().find(|r| r.id == id)
    }
}

/// A red-line act, declared once in `dimensions.yaml` so that every scenario treats it the
/// same: a choice that commits it is critical, with this reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedLine {
    /// The id choices name in `red_lines:`.
    pub id: String,
    /// What the act is, in a few words ("Promising or keeping a secret from the team").
    pub label: String,
    /// Why it is a red line: what the learner reads when they cross it.
    pub reason: String,
}

/// An id with a human label and an optional description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The id used in scenarios.
    pub id: String,
    /// What learners see.
    pub label: String,
    /// A sentence on what it means.
    pub description: Option<String>,
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Character {
    /// The id used in `say`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role, e.g. "service user".
    pub role: Option<String>,
}

/// The debrief shown after every ending.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Debrief {
    /// Key points.
    pub key_points: Vec<String>,
    /// Reflection questions.
    pub reflection: Vec<String>,
}

/// A node: shared text plus what kind of step it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The node id.
    pub id: String,
    /// Where the id stands in the file.
    pub span: Span,
    /// Narration, plain text.
    pub narration: Option<String>,
    /// Spoken lines, in order.
    pub say: Vec<Line>,
    /// Decision, passage or ending.
    pub kind: NodeKind,
}

/// One spoken line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Character id.
    pub character: String,
    /// What they say.
    pub text: String,
}

/// What kind of step a node is.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// The learner picks one of the offered choices.
    Decision(Vec<Choice>),
    /// The learner presses Continue.
    Passage(Next),
    /// The scenario ends here.
    Ending(Ending),
}

/// A choice at a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Its id (`1`, `2`, … by position when not given).
    pub id: String,
    /// Where the choice starts in the file.
    pub span: Span,
    /// What the learner says or does.
    pub text: String,
    /// Score per scenario dimension, in [`Scenario::dimensions`] order (0 when left out).
    pub scores: Vec<i64>,
    /// Why it is good or weak.
    pub feedback: Option<String>,
    /// Variable slot and the amount added to it.
    pub set: Vec<(usize, i64)>,
    /// Offered only when this holds.
    pub condition: Option<Condition>,
    /// The reason this choice crosses a red line: its `critical` text, or the reasons of the
    /// red-line acts it commits.
    pub critical: Option<String>,
    /// The red-line acts it commits (ids from the vocabulary's `red_lines`), in file order.
    pub red_lines: Vec<String>,
    /// Where it leads.
    pub next: Next,
}

/// A parsed condition with its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// As written.
    pub source: String,
    /// Parsed.
    pub expr: Expr,
}

/// Where a choice or passage leads: branches tried in order; the last has no condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    /// The branches.
    pub branches: Vec<Branch>,
}

/// One branch of a `next`.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    /// Taken when this holds (always, when `None`).
    pub condition: Option<Condition>,
    /// The node it leads to.
    pub to: NodeIndex,
}

impl Next {
    /// The node reached with these slot values.
    pub fn resolve(&self, slots: &[i64]) -> Option<NodeIndex> {
        self.branches
            .iter()
            .find(|b| b.condition.as_ref().is_none_or(|c| c.expr.eval(slots)))
            .map(|b| b.to)
    }
}

/// How an ending turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Boundaries held, risk managed.
    Positive,
    /// Partly.
    Mixed,
    /// Harm or a boundary lost.
    Negative,
}

impl Outcome {
    /// As written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Positive => "positive",
            Outcome::Mixed => "mixed",
            Outcome::Negative => "negative",
        }
    }
}

/// An ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    /// How it turned out.
    pub outcome: Outcome,
    /// Its title.
    pub title: String,
    /// What happened.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_scenario_id("only-happened-once"));
        assert!(is_scenario_id("4-promise"));
        assert!(!is_scenario_id("-a"));
        assert!(!is_scenario_id("Abc"));
        assert!(!is_scenario_id(&"a".repeat(65)));
        assert!(is_scenario_id(&"a".repeat(64)));
        assert!(is_id(&"a".repeat(65)));
        assert!(is_id("listen-2") && is_id("2"));
        assert!(!is_id("") && !is_id("-a") && !is_id("a_b") && !is_id("é"));
    }
}
