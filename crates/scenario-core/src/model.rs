//! The validated model: a scenario with ids resolved to indices, conditions parsed and
//! scores laid out per dimension, and the vocabulary it was checked against. Built by
//! [`crate::load`] (or read from a pack, [`crate::pack`]); immutable afterwards (the
//! [`crate::play`] session holds the learner's state apart from it). Each type's JSON form,
//! which packs carry, stands beside it.

pub mod condition;
pub mod glossary;
pub mod links;
pub mod node;
pub mod scenario;
pub mod vocabulary;

pub use condition::{Expr, Op, Operand};
pub use glossary::{Glossary, Term};
pub use node::{Branch, Choice, Condition, Ending, Line, Next, Node, NodeKind, Outcome};
pub use scenario::{Character, Debrief, Pass, Scenario};
pub use vocabulary::{Label, RedLine, Vocabulary};

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
