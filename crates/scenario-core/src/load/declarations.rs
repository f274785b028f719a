//! What the walk over a scenario's nodes needs to know about its declarations: the node
//! ids (so `next` can name a node further down), dimensions, variables (the value slots
//! conditions read), characters and the vocabulary's red-line acts.

use super::walker::{unknown_id, Walker};
use crate::model::{NodeIndex, RedLine};
use crate::text::diagnostic::Code;
use crate::text::yaml::Yaml;
use std::cell::OnceCell;
use std::collections::HashMap;

/// What the node walk needs to know about the scenario's declarations.
pub(super) struct Declarations<'a> {
    pub(super) node_ids: HashMap<&'a str, NodeIndex>,
    /// The node ids sorted, for hints (built on the first missing node).
    pub(super) sorted_node_ids: OnceCell<Vec<&'a str>>,
    pub(super) dimensions: Vec<String>,
    pub(super) variables: Vec<String>,
    pub(super) characters: Vec<String>,
    /// The vocabulary's red-line acts, which choices name in `red_lines`.
    pub(super) red_lines: &'a [RedLine],
}

impl Declarations<'_> {
    /// The value slot of a name a condition reads: a variable, or `score.<dimension>` (the
    /// running sums follow the variables).
    pub(super) fn slot_of(&self, name: &str) -> Result<usize, String> {
        if let Some(dim) = name.strip_prefix("score.") {
            return match self.dimensions.iter().position(|d| d == dim) {
                Some(i) => Ok(self.variables.len() + i),
                None => Err(format!(
                    "`{name}`: `{dim}` is not a dimension of this scenario"
                )),
            };
        }
        self.variables
            .iter()
            .position(|v| v == name)
            .ok_or_else(|| format!("`{name}` is not a declared variable"))
    }
}

/// The index of the node `name` (the value `node`); a `missing-node` error when there is
/// none, with a hint from the node ids.
pub(super) fn resolve_node(
    w: &mut Walker,
    decl: &Declarations,
    name: &str,
    node: &Yaml,
) -> Option<NodeIndex> {
    if let Some(&i) = decl.node_ids.get(name) {
        return Some(i);
    }
    let ids = decl.sorted_node_ids.get_or_init(|| {
        let mut ids: Vec<&str> = decl.node_ids.keys().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    });
    w.push(unknown_id(
        &w.suggestions,
        Code::MissingNode,
        node.span,
        &format!("there is no node `{name}`"),
        name,
        ids.iter().copied(),
    ));
    None
}
