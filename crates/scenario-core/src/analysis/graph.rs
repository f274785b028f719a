//! The state graph every analysis walks: the states a learner can really be in, and the
//! moves between them.
//!
//! A state is a node plus the values that conditions read (declared variables and running
//! dimension sums; values no condition reads are left out, so a scenario without
//! conditions has exactly one state per node and the analysis stays linear). States are
//! explored exactly, breadth first, up to [`STATE_BUDGET`]; past it the checker says so and
//! falls back to a node-level view that ignores conditions, which can still prove a node
//! unreachable or a trap (it over-approximates what can happen) but never guesses.

use crate::model::{NodeIndex, NodeKind, Scenario};
use rustc_hash::FxHashMap;

/// How many states the exact exploration may visit.
#[cfg(not(fuzzing))]
pub const STATE_BUDGET: usize = 200_000;
/// Under the fuzzers (`--cfg fuzzing`, set by cargo-fuzz) the budget is smaller, so that
/// inputs whose states run past it cost milliseconds rather than a second each, and the
/// code past the budget is exercised more often. Nothing else differs.
#[cfg(fuzzing)]
pub const STATE_BUDGET: usize = 2_000;

/// How many moves (a choice or a passage followed from one state) the exploration may
/// evaluate. States alone do not bound the work: 200,000 states of a node with 20,000
/// choices are four billion moves (a 1 MiB file took minutes; see docs/performance.md).
/// Past it the exploration stops as past [`STATE_BUDGET`] (`truncated`).
#[cfg(not(fuzzing))]
pub const MOVE_BUDGET: usize = 1_000_000;
/// Smaller under the fuzzers, as [`STATE_BUDGET`] is.
#[cfg(fuzzing)]
pub const MOVE_BUDGET: usize = 50_000;

/// One state: a node and the values of the slots conditions read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct State {
    /// Where the learner is.
    pub node: NodeIndex,
    /// Values of [`StateGraph::tracked`] slots, in that order.
    pub values: Box<[i64]>,
}

/// A move from one state to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The choice taken (index into the decision's choices), or `None` for Continue.
    pub choice: Option<usize>,
    /// The state reached.
    pub to: usize,
}

/// The explored state graph.
#[derive(Debug, Clone)]
pub struct StateGraph {
    /// Slots that conditions read, in ascending order.
    pub tracked: Vec<usize>,
    /// All states found; state 0 is the start.
    pub states: Vec<State>,
    /// Outgoing moves per state.
    pub edges: Vec<Vec<Edge>>,
    /// True when a budget stopped the exploration before it was complete.
    pub truncated: bool,
    /// States `..expanded` had their moves followed (all of them unless [`MOVE_BUDGET`]
    /// stopped the exploration); the others were found but not looked at.
    pub expanded: usize,
}

/// Slots read by any condition in the scenario.
fn tracked_slots(scenario: &Scenario) -> Vec<usize> {
    let mut slots = Vec::new();
    for node in &scenario.nodes {
        match &node.kind {
            NodeKind::Decision(choices) => {
                for choice in choices {
                    if let Some(c) = &choice.condition {
                        c.expr.slots(&mut slots);
                    }
                    for b in &choice.next.branches {
                        if let Some(c) = &b.condition {
                            c.expr.slots(&mut slots);
                        }
                    }
                }
            }
            NodeKind::Passage(next) => {
                for b in &next.branches {
                    if let Some(c) = &b.condition {
                        c.expr.slots(&mut slots);
                    }
                }
            }
            NodeKind::Ending(_) => {}
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

impl StateGraph {
    /// Explores the scenario's states from its start, up to `budget` states.
    pub fn explore(scenario: &Scenario, budget: usize) -> StateGraph {
        let tracked = tracked_slots(scenario);
        let slot_count = scenario.slot_count();
        let variables = scenario.variables.len();
        // Full slot vector for evaluating conditions; untracked slots stay at their initial
        // values, which no condition reads anyway.
        let mut full = vec![0i64; slot_count];
        for (i, (_, v)) in scenario.variables.iter().enumerate() {
            full[i] = *v;
        }
        let start = State {
            node: scenario.start,
            values: tracked.iter().map(|&s| full[s]).collect(),
        };
        let mut states = vec![start.clone()];
        let mut edges: Vec<Vec<Edge>> = vec![Vec::new()];
        let mut truncated = false;
        let mut moves_left = MOVE_BUDGET;
        // States are looked up by value; FxHash, as rustc does, because SipHash's resistance
        // to chosen collisions buys nothing for an author's own file and cost a fifth of
        // this function (docs/performance.md, "Checker").
        let mut index: FxHashMap<State, usize> = FxHashMap::default();
        index.insert(start, 0);
        // Scratch space reused for every move (no allocation per choice or per move that
        // reaches a state already found): the slots after a choice, and the state a move
        // reaches, looked up before it is copied in as a new state.
        let mut after = full.clone();
        let mut probe = State {
            node: scenario.start,
            values: vec![0; tracked.len()].into_boxed_slice(),
        };
        let mut next_to_visit = 0;
        while next_to_visit < states.len() {
            let node = states[next_to_visit].node;
            let cost = match &scenario.nodes[node].kind {
                NodeKind::Decision(choices) => choices.len().max(1),
                _ => 1,
            };
            if cost > moves_left {
                truncated = true;
                break;
            }
            moves_left -= cost;
            let current = next_to_visit;
            next_to_visit += 1;
            for (k, &slot) in tracked.iter().enumerate() {
                full[slot] = states[current].values[k];
            }
            // Adds the move to `probe` (a new state unless past the budget), in the order
            // the moves are found.
            let mut add_move = |choice: Option<usize>,
                                probe: &State,
                                states: &mut Vec<State>,
                                edges: &mut Vec<Vec<Edge>>| {
                let id = match index.get(probe) {
                    Some(&id) => id,
                    None => {
                        if states.len() >= budget {
                            truncated = true;
                            return;
                        }
                        let id = states.len();
                        index.insert(probe.clone(), id);
                        states.push(probe.clone());
                        edges.push(Vec::new());
                        id
                    }
                };
                edges[current].push(Edge { choice, to: id });
            };
            match &scenario.nodes[node].kind {
                NodeKind::Ending(_) => {}
                NodeKind::Passage(next) => {
                    if let Some(to) = next.resolve(&full) {
                        probe.node = to;
                        probe.values.copy_from_slice(&states[current].values);
                        add_move(None, &probe, &mut states, &mut edges);
                    }
                }
                NodeKind::Decision(choices) => {
                    for (ci, choice) in choices.iter().enumerate() {
                        if !choice.condition.as_ref().is_none_or(|c| c.expr.eval(&full)) {
                            continue;
                        }
                        after.copy_from_slice(&full);
                        for &(slot, amount) in &choice.set {
                            after[slot] = after[slot].saturating_add(amount);
                        }
                        for (d, score) in choice.scores.iter().enumerate() {
                            after[variables + d] = after[variables + d].saturating_add(*score);
                        }
                        if let Some(to) = choice.next.resolve(&after) {
                            probe.node = to;
                            for (value, &s) in probe.values.iter_mut().zip(&tracked) {
                                *value = after[s];
                            }
                            add_move(Some(ci), &probe, &mut states, &mut edges);
                        }
                    }
                }
            }
        }
        StateGraph {
            tracked,
            states,
            edges,
            truncated,
            expanded: next_to_visit,
        }
    }

    /// For each state, whether some ending state can be reached from it.
    pub fn can_finish(&self, scenario: &Scenario) -> Vec<bool> {
        self.can_reach(scenario, |kind| matches!(kind, NodeKind::Ending(_)))
    }

    /// For each state, whether a state whose node is a `target` can be reached from it
    /// (backwards from the targets).
    pub fn can_reach(&self, scenario: &Scenario, target: impl Fn(&NodeKind) -> bool) -> Vec<bool> {
        let n = self.states.len();
        // Predecessors as one flat list (`preds[first[s]..first[s + 1]]` lead to `s`), in
        // the order a list per state would hold them, without an allocation per state.
        let mut first = vec![0usize; n + 1];
        for e in self.edges.iter().flatten() {
            first[e.to + 1] += 1;
        }
        for s in 0..n {
            first[s + 1] += first[s];
        }
        let mut fill = first.clone();
        let mut preds = vec![0usize; first[n]];
        for (from, edges) in self.edges.iter().enumerate() {
            for e in edges {
                preds[fill[e.to]] = from;
                fill[e.to] += 1;
            }
        }
        let mut ok = vec![false; n];
        let mut stack: Vec<usize> = (0..n)
            .filter(|&s| target(&scenario.nodes[self.states[s].node].kind))
            .collect();
        for &s in &stack {
            ok[s] = true;
        }
        while let Some(s) = stack.pop() {
            for &p in &preds[first[s]..first[s + 1]] {
                if !ok[p] {
                    ok[p] = true;
                    stack.push(p);
                }
            }
        }
        ok
    }
}

/// Node-level view ignoring conditions: every choice offered, every branch possible.
/// Returns (reachable from start, can reach an ending).
pub(super) fn node_level(scenario: &Scenario) -> (Vec<bool>, Vec<bool>) {
    let n = scenario.nodes.len();
    let mut succ: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (i, node) in scenario.nodes.iter().enumerate() {
        match &node.kind {
            NodeKind::Decision(choices) => {
                for c in choices {
                    succ[i].extend(c.next.branches.iter().map(|b| b.to));
                }
            }
            NodeKind::Passage(next) => succ[i].extend(next.branches.iter().map(|b| b.to)),
            NodeKind::Ending(_) => {}
        }
    }
    let mut reach = vec![false; n];
    let mut stack = vec![scenario.start];
    reach[scenario.start] = true;
    while let Some(i) = stack.pop() {
        for &j in &succ[i] {
            if !reach[j] {
                reach[j] = true;
                stack.push(j);
            }
        }
    }
    let mut pred: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (i, s) in succ.iter().enumerate() {
        for &j in s {
            pred[j].push(i);
        }
    }
    let mut finish = vec![false; n];
    let mut stack: Vec<NodeIndex> = (0..n)
        .filter(|&i| matches!(scenario.nodes[i].kind, NodeKind::Ending(_)))
        .collect();
    for &i in &stack {
        finish[i] = true;
    }
    while let Some(i) = stack.pop() {
        for &p in &pred[i] {
            if !finish[p] {
                finish[p] = true;
                stack.push(p);
            }
        }
    }
    (reach, finish)
}

/// Choices offered in state `s` (indices into the decision's choices).
pub fn offered_in(scenario: &Scenario, graph: &StateGraph, s: usize) -> Vec<usize> {
    let mut offered = Vec::new();
    Offered::new(scenario).of(graph, s, &mut offered);
    offered
}

/// [`offered_in`] for many states, with its slot vector reused (the checker asks it of
/// every state).
pub(super) struct Offered<'a> {
    scenario: &'a Scenario,
    full: Vec<i64>,
}

impl<'a> Offered<'a> {
    pub(super) fn new(scenario: &'a Scenario) -> Self {
        Offered {
            scenario,
            full: vec![0i64; scenario.slot_count()],
        }
    }

    /// Writes the choices offered in state `s` into `out` (emptied first).
    pub(super) fn of(&mut self, graph: &StateGraph, s: usize, out: &mut Vec<usize>) {
        out.clear();
        let state = &graph.states[s];
        let NodeKind::Decision(choices) = &self.scenario.nodes[state.node].kind else {
            return;
        };
        // Conditions read tracked slots only; the others stay 0, as in a fresh vector.
        for (k, &slot) in graph.tracked.iter().enumerate() {
            self.full[slot] = state.values[k];
        }
        let full = &self.full;
        out.extend(
            choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.condition.as_ref().is_none_or(|cond| cond.expr.eval(full)))
                .map(|(i, _)| i),
        );
    }
}
