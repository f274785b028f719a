//! The shared vocabulary from `dimensions.yaml` — the dimensions, topics and red-line acts
//! every scenario of a folder names — with its JSON form (the pack `dimensions.json`).

use crate::json_record;
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The id used in scenarios.
    pub id: String,
    /// What learners see.
    pub label: String,
    /// A sentence on what it means.
    pub description: Option<String>,
}

json_record!(Vocabulary {
    dimensions,
    topics,
    red_lines
});
json_record!(RedLine { id, label, reason });
json_record!(Label {
    id,
    label,
    description
});
