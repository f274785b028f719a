//! Path analysis on the states a learner can really be in.
//!
//! A state is a node plus the values that conditions read (declared variables and running
//! dimension sums; values no condition reads are left out, so a scenario without
//! conditions has exactly one state per node and the analysis stays linear). States are
//! explored exactly, breadth first, up to [`STATE_BUDGET`]; past it the checker says so and
//! falls back to a node-level view that ignores conditions, which can still prove a node
//! unreachable or a trap (it over-approximates what can happen) but never guesses.

use crate::model::{NodeIndex, NodeKind, Scenario};
use crate::stats::{passing_negative_in, PassingNegative, CHECK_ACCUMULATOR_BUDGET};
use crate::text::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

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
        let start_values: Box<[i64]> = tracked.iter().map(|&s| full[s]).collect();
        let mut graph = StateGraph {
            tracked,
            states: vec![State {
                node: scenario.start,
                values: start_values.clone(),
            }],
            edges: vec![Vec::new()],
            truncated: false,
            expanded: 0,
        };
        let mut moves_left = MOVE_BUDGET;
        let mut index: HashMap<State, usize> = HashMap::new();
        index.insert(graph.states[0].clone(), 0);
        let mut next_to_visit = 0;
        while next_to_visit < graph.states.len() {
            let cost = match &scenario.nodes[graph.states[next_to_visit].node].kind {
                NodeKind::Decision(choices) => choices.len().max(1),
                _ => 1,
            };
            if cost > moves_left {
                graph.truncated = true;
                break;
            }
            moves_left -= cost;
            let current = next_to_visit;
            next_to_visit += 1;
            let state = graph.states[current].clone();
            for (k, &slot) in graph.tracked.iter().enumerate() {
                full[slot] = state.values[k];
            }
            let mut moves: Vec<(Option<usize>, Box<[i64]>, NodeIndex)> = Vec::new();
            match &scenario.nodes[state.node].kind {
                NodeKind::Ending(_) => {}
                NodeKind::Passage(next) => {
                    if let Some(to) = next.resolve(&full) {
                        moves.push((None, state.values.clone(), to));
                    }
                }
                NodeKind::Decision(choices) => {
                    for (ci, choice) in choices.iter().enumerate() {
                        if !choice.condition.as_ref().is_none_or(|c| c.expr.eval(&full)) {
                            continue;
                        }
                        let mut after = full.clone();
                        for &(slot, amount) in &choice.set {
                            after[slot] = after[slot].saturating_add(amount);
                        }
                        for (d, score) in choice.scores.iter().enumerate() {
                            after[variables + d] = after[variables + d].saturating_add(*score);
                        }
                        if let Some(to) = choice.next.resolve(&after) {
                            let values: Box<[i64]> =
                                graph.tracked.iter().map(|&s| after[s]).collect();
                            moves.push((Some(ci), values, to));
                        }
                    }
                }
            }
            for (choice, values, to) in moves {
                let target = State { node: to, values };
                let id = match index.get(&target) {
                    Some(&id) => id,
                    None => {
                        if graph.states.len() >= budget {
                            graph.truncated = true;
                            continue;
                        }
                        let id = graph.states.len();
                        index.insert(target.clone(), id);
                        graph.states.push(target);
                        graph.edges.push(Vec::new());
                        id
                    }
                };
                graph.edges[current].push(Edge { choice, to: id });
            }
        }
        graph.expanded = next_to_visit;
        graph
    }

    /// For each state, whether some ending state can be reached from it.
    pub fn can_finish(&self, scenario: &Scenario) -> Vec<bool> {
        self.can_reach(scenario, |kind| matches!(kind, NodeKind::Ending(_)))
    }

    /// For each state, whether a state whose node is a `target` can be reached from it
    /// (backwards from the targets).
    pub fn can_reach(&self, scenario: &Scenario, target: impl Fn(&NodeKind) -> bool) -> Vec<bool> {
        let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); self.states.len()];
        for (from, edges) in self.edges.iter().enumerate() {
            for e in edges {
                reverse[e.to].push(from);
            }
        }
        let mut ok = vec![false; self.states.len()];
        let mut stack: Vec<usize> = (0..self.states.len())
            .filter(|&s| target(&scenario.nodes[self.states[s].node].kind))
            .collect();
        for &s in &stack {
            ok[s] = true;
        }
        while let Some(s) = stack.pop() {
            for &p in &reverse[s] {
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
fn node_level(scenario: &Scenario) -> (Vec<bool>, Vec<bool>) {
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

/// Everything the checker says about paths and content: traps, decisions with no choice
/// offered, unreachable nodes and endings, thin decisions, dead choices, missing feedback,
/// unscored dimensions, decisions whose choices all score the same.
pub fn check(scenario: &Scenario) -> Vec<Diagnostic> {
    check_with_budget(scenario, STATE_BUDGET)
}

/// [`check`] with an explicit state budget (for tests and benchmarks).
pub fn check_with_budget(scenario: &Scenario, budget: usize) -> Vec<Diagnostic> {
    let (mut out, graph) = check_paths(scenario, budget);
    // Past a budget or with a cycle the search gives up and says nothing (documented with
    // the warning in docs/scenario-format.md).
    if let Ok(found) = passing_negative_in(scenario, &graph, CHECK_ACCUMULATOR_BUDGET) {
        out.extend(found.iter().map(|f| passing_negative_warning(scenario, f)));
    }
    out
}

/// Everything [`check`] reports but `passing-negative-ending`, and the state graph explored.
fn check_paths(scenario: &Scenario, budget: usize) -> (Vec<Diagnostic>, StateGraph) {
    let mut out = Vec::new();
    static_warnings(scenario, &mut out);

    let graph = StateGraph::explore(scenario, budget);
    let n = scenario.nodes.len();
    let mut reached = vec![false; n];
    let mut trap = vec![false; n];
    let mut no_choice = vec![false; n];
    let mut one_choice = vec![false; n];
    let mut offered_somewhere: Vec<Vec<bool>> = scenario
        .nodes
        .iter()
        .map(|node| match &node.kind {
            NodeKind::Decision(c) => vec![false; c.len()],
            _ => Vec::new(),
        })
        .collect();
    let can_finish = graph.can_finish(scenario);
    for (s, state) in graph.states.iter().enumerate() {
        let node = state.node;
        reached[node] = true;
        if s >= graph.expanded {
            continue; // found, not looked at: the moves budget ran out
        }
        if let NodeKind::Decision(_) = &scenario.nodes[node].kind {
            let offered: Vec<usize> = offered_in(scenario, &graph, s);
            for &c in &offered {
                offered_somewhere[node][c] = true;
            }
            match offered.len() {
                0 => no_choice[node] = true,
                1 => one_choice[node] = true,
                _ => {}
            }
        }
        if !graph.truncated && !can_finish[s] {
            trap[node] = true;
        }
    }

    if graph.truncated {
        out.push(
            Diagnostic::warning(
                Code::AnalysisBudget,
                scenario.nodes[scenario.start].span,
                if graph.expanded < graph.states.len() {
                    format!(
                        "the checker followed {MOVE_BUDGET} moves (choices and passages, from {} \
                         states of node + variable values) and stopped: paths past that were \
                         judged ignoring conditions",
                        graph.expanded
                    )
                } else {
                    format!(
                        "the checker explored {budget} states (node + variable values) and stopped: \
                         paths past that were judged ignoring conditions"
                    )
                },
            )
            .with_hint("variables that grow without limit in a loop make the states endless; bound them with a condition"),
        );
        let (reach, finish) = node_level(scenario);
        for i in 0..n {
            trap[i] = reached[i] && !finish[i];
            reached[i] = reach[i];
        }
    }

    for (i, node) in scenario.nodes.iter().enumerate() {
        let is_ending = matches!(node.kind, NodeKind::Ending(_));
        if !reached[i] {
            let (code, what) = if is_ending {
                (Code::UnreachableEnding, "ending")
            } else {
                (Code::UnreachableNode, "node")
            };
            out.push(
                Diagnostic::warning(
                    code,
                    node.span,
                    format!("no path reaches the {what} `{}`", node.id),
                )
                .with_hint("link to it from a choice or passage, or remove it"),
            );
            continue;
        }
        if no_choice[i] {
            out.push(
                Diagnostic::error(
                    Code::NoChoiceOffered,
                    node.span,
                    format!(
                        "on some path no choice of `{}` is offered: every `if` is false there",
                        node.id
                    ),
                )
                .with_hint("add a choice without `if`, or loosen the conditions"),
            );
        } else if trap[i] {
            out.push(
                Diagnostic::error(
                    Code::Trap,
                    node.span,
                    format!(
                        "`{}` is a trap: from here, on some path, no ending can be reached",
                        node.id
                    ),
                )
                .with_hint("make sure every route out of here leads on to an ending"),
            );
        }
        if let NodeKind::Decision(choices) = &node.kind {
            if one_choice[i] && choices.len() >= 2 {
                out.push(
                    Diagnostic::warning(
                        Code::FewChoices,
                        node.span,
                        format!("on some path `{}` offers only one choice", node.id),
                    )
                    .with_hint("a decision should offer at least two responses on every path"),
                );
            }
            if !graph.truncated {
                for (c, choice) in choices.iter().enumerate() {
                    if !offered_somewhere[i][c] {
                        out.push(
                            Diagnostic::warning(
                                Code::DeadChoice,
                                choice.span,
                                format!("choice `{}` of `{}` is never offered: its `if` is false on every path", choice.id, node.id),
                            )
                            .with_hint("check the condition against the variables' values on the paths here"),
                        );
                    }
                }
            }
        }
    }
    (out, graph)
}

/// The `passing-negative-ending` warning, with the example route as choice ids and as the
/// `scenario play --choose` argument that replays it.
fn passing_negative_warning(scenario: &Scenario, found: &PassingNegative) -> Diagnostic {
    let node = &scenario.nodes[found.ending];
    let ids = found.choice_ids(scenario);
    let steps: Vec<String> = found
        .route
        .iter()
        .zip(&ids)
        .map(|(&(decision, _), id)| format!("`{id}` at `{}`", scenario.nodes[decision].id))
        .collect();
    let score = match found.overall {
        Some(o) => format!("{o}% overall"),
        None => "nothing assessed".to_owned(),
    };
    let (example, replay) = if ids.is_empty() {
        // Only passages lead here: nothing is assessed and no red line can be crossed.
        (
            "a route with no decision on it passes".to_owned(),
            String::new(),
        )
    } else {
        (
            format!(
                "for example choosing {} passes ({score}, no red line crossed)",
                steps.join(", ")
            ),
            format!(
                " (replay it with `scenario play --choose {}`)",
                ids.join(",")
            ),
        )
    };
    Diagnostic::warning(
        Code::PassingNegativeEnding,
        node.span,
        format!(
            "a playthrough that passes ends at the negative ending `{}`",
            node.id
        ),
    )
    .with_hint(format!(
        "{example}; mark the choice that leads here `critical`, score that route lower, or \
         make the ending `mixed`{replay}"
    ))
}

/// Choices offered in state `s` (indices into the decision's choices).
pub fn offered_in(scenario: &Scenario, graph: &StateGraph, s: usize) -> Vec<usize> {
    let state = &graph.states[s];
    let NodeKind::Decision(choices) = &scenario.nodes[state.node].kind else {
        return Vec::new();
    };
    let mut full = vec![0i64; scenario.slot_count()];
    for (k, &slot) in graph.tracked.iter().enumerate() {
        full[slot] = state.values[k];
    }
    choices
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.condition
                .as_ref()
                .is_none_or(|cond| cond.expr.eval(&full))
        })
        .map(|(i, _)| i)
        .collect()
}

fn static_warnings(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut scored = vec![false; scenario.dimensions.len()];
    for node in &scenario.nodes {
        let NodeKind::Decision(choices) = &node.kind else {
            continue;
        };
        if choices.len() < 2 {
            out.push(
                Diagnostic::warning(
                    Code::FewChoices,
                    node.span,
                    format!(
                        "`{}` offers {} choice(s): a decision needs at least two",
                        node.id,
                        choices.len()
                    ),
                )
                .with_hint("add another response, or make the node a passage with `next`"),
            );
        }
        for choice in choices {
            if choice.feedback.is_none() {
                out.push(
                    Diagnostic::warning(
                        Code::NoFeedback,
                        choice.span,
                        format!("choice `{}` of `{}` has no `feedback`", choice.id, node.id),
                    )
                    .with_hint("say in one or two sentences why this response is strong or weak"),
                );
            }
            for (d, s) in choice.scores.iter().enumerate() {
                scored[d] |= *s != 0;
            }
        }
        if choices.len() >= 2 && choices.windows(2).all(|w| w[0].scores == w[1].scores) {
            out.push(
                Diagnostic::warning(
                    Code::SameScores,
                    node.span,
                    format!(
                        "every choice of `{}` scores the same on every dimension",
                        node.id
                    ),
                )
                .with_hint("score the responses differently, or the decision teaches nothing"),
            );
        }
    }
    for (d, dim) in scenario.dimensions.iter().enumerate() {
        if !scored[d] {
            out.push(
                Diagnostic::warning(
                    Code::UnscoredDimension,
                    scenario.dimension_spans.get(d).copied().unwrap_or_default(),
                    format!("dimension `{}` is listed but no choice scores it", dim.id),
                )
                .with_hint("score it on some choices, or remove it from `dimensions`"),
            );
        }
    }
}
