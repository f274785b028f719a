//! The exact searches for playthroughs that **pass**: every negative ending a passing
//! playthrough reaches, with its best-scoring example route (the checker's
//! `passing-negative-ending`), and which marked choices a passing playthrough takes (red
//! lines and −3 choices, for stats and the audit). Both follow every distinct score
//! accumulator along the state graph, so they give up, with the reason, on a cycle, past the
//! state budget or past their own.

use super::accumulate::{bounds, result_of, start_acc, topological, Acc, RangeLimit};
use super::graph::{StateGraph, STATE_BUDGET};
use crate::model::{NodeIndex, NodeKind, Outcome, Scenario};
use std::collections::{HashMap, HashSet};

/// How many score accumulators the checker's search for [`PassingNegative`] playthroughs
/// may make (kept, or merged with an equal one), which bounds its work and its memory. It
/// keeps them all (to trace a route back), so the bound is lower than
/// [`ACCUMULATOR_BUDGET`](super::stats::ACCUMULATOR_BUDGET). The bundled scenarios make at most 274; files built to exhaust it cost
/// `scenario check` about 0.05 s and 15 MB more (docs/performance.md).
#[cfg(not(fuzzing))]
pub const CHECK_ACCUMULATOR_BUDGET: usize = 100_000;
/// Smaller under the fuzzers, as [`crate::analysis::STATE_BUDGET`] is.
#[cfg(fuzzing)]
pub const CHECK_ACCUMULATOR_BUDGET: usize = 5_000;

/// A complete playthrough that passes and still ends on a negative ending: the debrief
/// tells the learner they passed while the story shows harm or a boundary lost. Outcome
/// and pass are independent by the format, so this is a warning for the author, not an
/// error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassingNegative {
    /// The negative ending.
    pub ending: NodeIndex,
    /// One such playthrough, the one with the highest overall percent: each decision on the
    /// way and the choice taken there (index into its choices), in order.
    pub route: Vec<(NodeIndex, usize)>,
    /// That playthrough's overall percent (`None` when it assessed no dimension).
    pub overall: Option<i64>,
}

impl PassingNegative {
    /// The example route's choice ids, in order: what `Session::play_to_end` and
    /// `scenario play --choose` take.
    pub fn choice_ids<'a>(&self, scenario: &'a Scenario) -> Vec<&'a str> {
        self.route
            .iter()
            .map(|&(decision, c)| match &scenario.nodes[decision].kind {
                NodeKind::Decision(choices) => choices[c].id.as_str(),
                _ => "",
            })
            .collect()
    }
}

/// Every negative ending that some passing playthrough reaches, in node order, each with
/// its best-scoring example. Exact: it follows every distinct score accumulator along the
/// state graph, so it gives up (with the reason) on a cycle, on a state graph past the
/// state budget, or past `budget` accumulators made.
pub fn passing_negative_endings(
    scenario: &Scenario,
    budget: usize,
) -> Result<Vec<PassingNegative>, RangeLimit> {
    let graph = StateGraph::explore(scenario, STATE_BUDGET);
    passing_negative_in(scenario, &graph, budget)
}

/// One accumulator at a state, and where it came from: the state, the index of the
/// accumulator there and the choice taken (`None` for Continue).
struct Traced {
    acc: Acc,
    from: Option<(usize, usize, Option<usize>)>,
}

/// [`passing_negative_endings`] on a state graph already explored.
pub fn passing_negative_in(
    scenario: &Scenario,
    graph: &StateGraph,
    budget: usize,
) -> Result<Vec<PassingNegative>, RangeLimit> {
    if graph.truncated {
        return Err(RangeLimit::States);
    }
    let n = graph.states.len();
    // Only states from which a negative ending can be reached matter (so they can finish).
    let leads = graph.can_reach(
        scenario,
        |kind| matches!(kind, NodeKind::Ending(e) if e.outcome == Outcome::Negative),
    );
    if n == 0 || !leads[0] {
        return Ok(Vec::new());
    }
    let (order, cyclic) = topological(graph, &leads);
    if cyclic {
        return Err(RangeLimit::Cycle);
    }
    // Every accumulator is kept with its origin, to trace an example back; a state's index
    // of them (to merge equal ones) is only needed until the state is processed.
    let mut traced: Vec<Vec<Traced>> = (0..n).map(|_| Vec::new()).collect();
    let mut index: Vec<HashMap<Acc, usize>> = (0..n).map(|_| HashMap::new()).collect();
    traced[0].push(Traced {
        acc: start_acc(scenario.dimensions.len()),
        from: None,
    });
    let mut made = 1usize;
    // Per ending node: the best passing example so far (overall, state, accumulator).
    let mut best: Vec<Option<(Option<i64>, usize, usize)>> = vec![None; scenario.nodes.len()];
    for &s in &order {
        index[s] = HashMap::new();
        let node_index = graph.states[s].node;
        let bounds = match &scenario.nodes[node_index].kind {
            NodeKind::Ending(ending) => {
                if ending.outcome == Outcome::Negative {
                    for (i, t) in traced[s].iter().enumerate() {
                        let (_, overall, passed) = result_of(scenario, &t.acc);
                        let better = best[node_index].is_none_or(|(o, _, _)| overall > o);
                        if passed && better {
                            best[node_index] = Some((overall, s, i));
                        }
                    }
                }
                continue;
            }
            NodeKind::Passage(_) => None,
            NodeKind::Decision(choices) => Some((bounds(scenario, graph, s, choices), choices)),
        };
        for e in graph.edges[s].iter().filter(|e| leads[e.to]) {
            // Count every accumulator made, kept or merged with an equal one: the work. A
            // decision with thousands of choices after a state with thousands of
            // accumulators makes millions that merge, and counting only those kept would
            // not bound that.
            made += traced[s].len();
            if made > budget {
                return Err(RangeLimit::Budget);
            }
            for i in 0..traced[s].len() {
                let next = match (&bounds, e.choice) {
                    (Some((b, choices)), Some(c)) => b.advance(&traced[s][i].acc, &choices[c]),
                    _ => traced[s][i].acc.clone(),
                };
                // A playthrough that has crossed a red line can no longer pass.
                if next.critical || index[e.to].contains_key(&next) {
                    continue;
                }
                index[e.to].insert(next.clone(), traced[e.to].len());
                traced[e.to].push(Traced {
                    acc: next,
                    from: Some((s, i, e.choice)),
                });
            }
        }
    }
    let mut found = Vec::new();
    for (ending, example) in best.into_iter().enumerate() {
        let Some((overall, mut s, mut i)) = example else {
            continue;
        };
        let mut route = Vec::new();
        while let Some((from_s, from_i, choice)) = traced[s][i].from {
            if let Some(c) = choice {
                route.push((graph.states[from_s].node, c));
            }
            (s, i) = (from_s, from_i);
        }
        route.reverse();
        found.push(PassingNegative {
            ending,
            route,
            overall,
        });
    }
    Ok(found)
}

/// For each of `marked` (a decision node and the index of one of its choices), whether some
/// complete playthrough that **passes** takes it. Exact, like [`passing_negative_endings`]: it
/// follows every distinct score accumulator (with the marked choices taken so far) along the
/// state graph, dropping those that crossed a red line, so it gives up with the reason on a
/// cycle, past the state budget, or past `budget` accumulators made (per group of 64 marks).
pub fn marked_on_passing(
    scenario: &Scenario,
    graph: &StateGraph,
    marked: &[(NodeIndex, usize)],
    budget: usize,
) -> Result<Vec<bool>, RangeLimit> {
    if graph.truncated {
        return Err(RangeLimit::States);
    }
    let n = graph.states.len();
    let can_finish = graph.can_finish(scenario);
    if marked.is_empty() || n == 0 || !can_finish[0] {
        return Ok(vec![false; marked.len()]);
    }
    let (order, cyclic) = topological(graph, &can_finish);
    if cyclic {
        return Err(RangeLimit::Cycle);
    }
    let mut found = vec![false; marked.len()];
    for (group, chunk) in marked.chunks(64).enumerate() {
        let bit = |node: NodeIndex, choice: usize| {
            chunk
                .iter()
                .position(|&m| m == (node, choice))
                .map_or(0, |i| 1u64 << i)
        };
        let mut accs: Vec<HashSet<Acc>> = vec![HashSet::new(); n];
        accs[0].insert(start_acc(scenario.dimensions.len()));
        let mut made = 1usize;
        let mut passing_marks = 0u64;
        for &s in &order {
            let here = std::mem::take(&mut accs[s]);
            let node_index = graph.states[s].node;
            let bounds = match &scenario.nodes[node_index].kind {
                NodeKind::Ending(_) => {
                    for acc in &here {
                        if result_of(scenario, acc).2 {
                            passing_marks |= acc.marks;
                        }
                    }
                    continue;
                }
                NodeKind::Passage(_) => None,
                NodeKind::Decision(choices) => Some((bounds(scenario, graph, s, choices), choices)),
            };
            for e in graph.edges[s].iter().filter(|e| can_finish[e.to]) {
                made += here.len();
                if made > budget {
                    return Err(RangeLimit::Budget);
                }
                for acc in &here {
                    let next = match (&bounds, e.choice) {
                        (Some((b, choices)), Some(c)) => {
                            let mut next = b.advance(acc, &choices[c]);
                            next.marks |= bit(node_index, c);
                            next
                        }
                        _ => acc.clone(),
                    };
                    // A playthrough that has crossed a red line can no longer pass.
                    if !next.critical {
                        accs[e.to].insert(next);
                    }
                }
            }
        }
        for i in 0..chunk.len() {
            found[group * 64 + i] = passing_marks & (1 << i) != 0;
        }
    }
    Ok(found)
}
