//! A scenario's nodes — decisions with their choices, passages, endings — and where each
//! leads (`next`, with its conditional branches), with the JSON form a pack carries.

use super::condition::Expr;
use super::NodeIndex;
use crate::json::{self, FromJson, Json, JsonError, ToJson};
use crate::json_record;
use crate::text::span::Span;
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Score per scenario dimension, in [`Scenario::dimensions`](super::Scenario::dimensions) order (0 when left out).
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

json_record!(Node {
    id,
    span,
    narration,
    say,
    kind
});
json_record!(Line { character, text });
json_record!(Choice {
    id,
    span,
    text,
    scores,
    feedback,
    set,
    condition,
    critical,
    red_lines,
    next
});
json_record!(Condition { source, expr });
json_record!(Next { branches });
json_record!(Branch { condition, to });
json_record!(Ending {
    outcome,
    title,
    text
});

impl ToJson for Outcome {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl FromJson for Outcome {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match String::from_json(value)?.as_str() {
            "positive" => Ok(Outcome::Positive),
            "mixed" => Ok(Outcome::Mixed),
            "negative" => Ok(Outcome::Negative),
            _ => Err(JsonError::expected("positive, mixed or negative")),
        }
    }
}

/// `{"decision": [choices]}`, `{"passage": next}` or `{"ending": ending}`.
impl ToJson for NodeKind {
    fn write_json(&self, out: &mut String) {
        match self {
            NodeKind::Decision(choices) => json::write_object(out, &[("decision", choices)]),
            NodeKind::Passage(next) => json::write_object(out, &[("passage", next)]),
            NodeKind::Ending(ending) => json::write_object(out, &[("ending", ending)]),
        }
    }
}

impl FromJson for NodeKind {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Obj(members) if members.len() == 1 => {
                let (key, value) = &members[0];
                match key.as_str() {
                    "decision" => Ok(NodeKind::Decision(FromJson::from_json(value)?)),
                    "passage" => Ok(NodeKind::Passage(FromJson::from_json(value)?)),
                    "ending" => Ok(NodeKind::Ending(FromJson::from_json(value)?)),
                    _ => Err(JsonError::expected("decision, passage or ending")),
                }
            }
            _ => Err(JsonError::expected("a node kind")),
        }
    }
}
