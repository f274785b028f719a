//! What the checker found about each node that the map flags: unreachable nodes and traps.
//!
//! Nothing is computed here: the flags are read off the core's own diagnostics
//! (`unreachable-node`, `unreachable-ending`, `trap`, `no-choice-offered`), matched to
//! nodes by span, so the map can never disagree with `scenario check`. A caller that has
//! the diagnostics of a load (the studio, after every edit) passes them in; one that has
//! only a `Scenario` asks the core's analysis for them with [`Findings::check`].

use scenario_core::analysis;
use scenario_core::model::Scenario;
use scenario_core::{Code, Diagnostic};
use std::collections::HashMap;

/// Per node (by index), the checker's message when it is unreachable or a trap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Findings {
    /// `unreachable-node` / `unreachable-ending` messages.
    pub unreachable: Vec<Option<String>>,
    /// `trap` / `no-choice-offered` messages (a node where, on some path, the learner can
    /// go no further towards an ending).
    pub trap: Vec<Option<String>>,
}

impl Findings {
    /// The findings in `diagnostics` (all of a load's diagnostics may be passed: others are
    /// ignored). A diagnostic is matched to the node whose span it carries.
    pub fn from_diagnostics(scenario: &Scenario, diagnostics: &[Diagnostic]) -> Findings {
        let n = scenario.nodes.len();
        let mut at: HashMap<usize, Option<usize>> = HashMap::with_capacity(n);
        for (i, node) in scenario.nodes.iter().enumerate() {
            at.entry(node.span.offset)
                .and_modify(|e| *e = None) // two nodes at one place: match neither
                .or_insert(Some(i));
        }
        let mut findings = Findings {
            unreachable: vec![None; n],
            trap: vec![None; n],
        };
        for d in diagnostics {
            let slot = match d.code {
                Code::UnreachableNode | Code::UnreachableEnding => &mut findings.unreachable,
                Code::Trap | Code::NoChoiceOffered => &mut findings.trap,
                _ => continue,
            };
            if let Some(&Some(i)) = at.get(&d.span.offset) {
                if scenario.nodes[i].span == d.span && slot[i].is_none() {
                    slot[i] = Some(d.message.clone());
                }
            }
        }
        findings
    }

    /// Runs the core's path analysis (the checker's) and reads its findings.
    pub fn check(scenario: &Scenario) -> Findings {
        Findings::from_diagnostics(scenario, &analysis::check(scenario))
    }

    /// The unreachable message of node `i`.
    pub fn unreachable(&self, i: usize) -> Option<&str> {
        self.unreachable.get(i).and_then(|m| m.as_deref())
    }

    /// The trap message of node `i`.
    pub fn trap(&self, i: usize) -> Option<&str> {
        self.trap.get(i).and_then(|m| m.as_deref())
    }
}
