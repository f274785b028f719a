//! Routes from the start to every node, for trainers who "jump" to a moment: a jump is a
//! replay of real choices, so the session that arrives there has the slots, trail and
//! decisions a learner could really have had.
//!
//! The routes are found by exploring the state graph (`Routes::of`, in
//! [`crate::analysis`]), which is author work: `scenario pack` does it and the pack carries
//! the routes, so the app only replays them ([`session_at`]).

use super::session::Session;
use crate::json_record;
use crate::model::{NodeIndex, NodeKind, Scenario};

/// The shortest route from the start to every node, stored as a tree of choices so that
/// routes share their common beginnings (about one step per node, however long the routes).
///
/// Routes are numbered: route `0` is the start itself (no choice taken); route `k + 1` is
/// route `steps[k].0` followed by the choice at position `steps[k].1` of the decision where
/// that route stops (passages are continued through). A step's earlier route always has a
/// smaller number, so every route is finite.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routes {
    /// The steps of the tree, in breadth-first order: `(earlier route, choice position)`.
    pub steps: Vec<(usize, usize)>,
    /// For every node (by index), the number of its route; `None` when it cannot be reached
    /// (or not within the analysis budget).
    pub ends: Vec<Option<usize>>,
}

impl Routes {
    /// Whether node `node` can be reached.
    pub fn reaches(&self, node: NodeIndex) -> bool {
        matches!(self.ends.get(node), Some(Some(_)))
    }

    /// The choice positions of route `route`, first choice first.
    fn positions(&self, mut route: usize) -> Option<Vec<usize>> {
        let mut positions = Vec::new();
        while route > 0 {
            let &(earlier, position) = self.steps.get(route - 1)?;
            if earlier >= route {
                return None;
            }
            positions.push(position);
            route = earlier;
        }
        positions.reverse();
        Some(positions)
    }

    /// Whether the tree is well formed for a scenario of `nodes` nodes: one end per node,
    /// every route number in range and every step after the route it extends. (Choice
    /// positions are checked as a route is replayed.)
    pub fn check(&self, nodes: usize) -> Result<(), String> {
        if self.ends.len() != nodes {
            return Err(format!(
                "the routes name {} nodes, and there are {nodes}",
                self.ends.len()
            ));
        }
        if let Some(k) = (0..self.steps.len()).find(|&k| self.steps[k].0 > k) {
            return Err(format!("route step {k} comes before the route it extends"));
        }
        match self.ends.iter().flatten().find(|&&r| r > self.steps.len()) {
            Some(r) => Err(format!(
                "a node's route is {r}, and there are {}",
                self.steps.len() + 1
            )),
            None => Ok(()),
        }
    }
}

json_record!(Routes { steps, ends });

/// The most moves a route replays: the state budget of the exploration that found it
/// (`analysis::STATE_BUDGET`, which a test holds this to), as a route never visits a state
/// twice.
#[cfg(not(fuzzing))]
pub const MAX_ROUTE_MOVES: usize = 200_000;
/// Under the fuzzers, as `analysis::STATE_BUDGET`.
#[cfg(fuzzing)]
pub const MAX_ROUTE_MOVES: usize = 2_000;

/// A fresh session (with `seed`) played along the route to `node` and stopped *at* `node`,
/// even when it is a passage (a plain replay would continue through it). `None` when no
/// route leads there, or the route is not one a learner could take.
pub fn session_at(scenario: &Scenario, routes: &Routes, seed: u64, node: &str) -> Option<Session> {
    let index = scenario.node_index(node)?;
    let positions = routes.positions((*routes.ends.get(index)?)?)?;
    let mut session = Session::new(scenario, seed);
    let mut positions = positions.iter();
    // Each move goes to a new state of the explored graph (a shortest route never comes
    // back to one), and the graph has at most MAX_ROUTE_MOVES states: past that many moves,
    // the route is not one `Routes::of` found. (A bound by nodes is too small: a route can
    // pass the same passages many times, with other slot values each time.)
    for _ in 0..MAX_ROUTE_MOVES {
        if session.node == node {
            return Some(session);
        }
        match &session.current(scenario).kind {
            NodeKind::Passage(_) => session.proceed(scenario).ok()?,
            NodeKind::Decision(choices) => {
                let id = &choices.get(*positions.next()?)?.id;
                session.choose(scenario, id).ok()?;
            }
            NodeKind::Ending(_) => return None,
        }
    }
    None
}

/// The choice ids of the route to the node with id `node`: those a session replayed along it
/// took.
pub fn path_to(scenario: &Scenario, routes: &Routes, node: &str) -> Option<Vec<String>> {
    let session = session_at(scenario, routes, 0, node)?;
    Some(session.taken.into_iter().map(|t| t.choice).collect())
}
