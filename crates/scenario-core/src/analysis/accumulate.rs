//! What the exact score searches share: a playthrough's running score (an accumulator per
//! state, equal ones merged), how a decision advances it by the normative scoring rules, a
//! complete playthrough's result, and the order states are visited in. Each search gives up
//! with a [`RangeLimit`] rather than guess.

use super::graph::{offered_in, StateGraph};
use crate::model::{Choice, Scenario};
use crate::play::scoring::{percent, round_half_up};

/// Why score ranges could not be computed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeLimit {
    /// A cycle lets scores keep changing, so there is no finite set of results.
    Cycle,
    /// More score combinations to follow than the search's budget.
    Budget,
    /// The state graph itself was past [`STATE_BUDGET`](super::STATE_BUDGET).
    States,
}

/// Accumulated score along a path: earned and possible per dimension, and whether a red
/// line was crossed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Acc {
    pub(super) earned: Box<[i64]>,
    pub(super) possible: Box<[i64]>,
    pub(super) critical: bool,
    /// Which of up to 64 marked choices were taken (`marked_on_passing`; 0 elsewhere).
    pub(super) marks: u64,
}

/// Topological order of the useful states (those that can still finish), and whether some
/// useful state was left out of it, which means a cycle among them.
pub(super) fn topological(graph: &StateGraph, useful: &[bool]) -> (Vec<usize>, bool) {
    let n = graph.states.len();
    let mut indegree = vec![0usize; n];
    for s in (0..n).filter(|&s| useful[s]) {
        for e in &graph.edges[s] {
            if useful[e.to] {
                indegree[e.to] += 1;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut ready: Vec<usize> = (0..n).filter(|&s| useful[s] && indegree[s] == 0).collect();
    while let Some(s) = ready.pop() {
        order.push(s);
        for e in &graph.edges[s] {
            if useful[e.to] {
                indegree[e.to] -= 1;
                if indegree[e.to] == 0 {
                    ready.push(e.to);
                }
            }
        }
    }
    let cyclic = order.len() < useful.iter().filter(|u| **u).count();
    (order, cyclic)
}

/// The accumulator a complete playthrough starts with.
pub(super) fn start_acc(dims: usize) -> Acc {
    Acc {
        earned: vec![0; dims].into(),
        possible: vec![0; dims].into(),
        critical: false,
        marks: 0,
    }
}

/// Per dimension, the best and worst score among the choices offered in decision state `s`
/// (the normative scoring counts a decision for a dimension only where they differ).
pub(super) fn bounds(
    scenario: &Scenario,
    graph: &StateGraph,
    s: usize,
    choices: &[Choice],
) -> Bounds {
    let offered = offered_in(scenario, graph, s);
    let dims = scenario.dimensions.len();
    let over = |d: usize, pick: fn(i64, i64) -> i64| {
        offered
            .iter()
            .map(|&c| choices[c].scores[d])
            .reduce(pick)
            .unwrap_or(0)
    };
    Bounds {
        best: (0..dims).map(|d| over(d, i64::max)).collect(),
        worst: (0..dims).map(|d| over(d, i64::min)).collect(),
    }
}

pub(super) struct Bounds {
    best: Vec<i64>,
    worst: Vec<i64>,
}

impl Bounds {
    /// `acc` after taking `choice` at this decision.
    pub(super) fn advance(&self, acc: &Acc, choice: &Choice) -> Acc {
        let mut next = acc.clone();
        for d in 0..self.best.len() {
            if self.best[d] > self.worst[d] {
                next.earned[d] += choice.scores[d] - self.worst[d];
                next.possible[d] += self.best[d] - self.worst[d];
            }
        }
        next.critical |= choice.critical.is_some();
        next
    }
}

/// A complete playthrough's result by the normative rules: each dimension's percent (`None`
/// when not assessed), the overall percent, and whether it passes.
pub(super) fn result_of(scenario: &Scenario, acc: &Acc) -> (Vec<Option<i64>>, Option<i64>, bool) {
    let percents: Vec<Option<i64>> = (0..acc.possible.len())
        .map(|d| (acc.possible[d] > 0).then(|| percent(acc.earned[d], acc.possible[d])))
        .collect();
    let assessed: Vec<i64> = percents.iter().flatten().copied().collect();
    let overall =
        (!assessed.is_empty()).then(|| round_half_up(assessed.iter().sum(), assessed.len() as i64));
    let passed = !acc.critical
        && overall.is_none_or(|o| o >= scenario.pass.overall)
        && assessed.iter().all(|&p| p >= scenario.pass.each);
    (percents, overall, passed)
}
