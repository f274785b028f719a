//! What a scenario's paths can score (`scenario stats`), by dynamic programming over the
//! state graph.
//!
//! Counts of playthroughs, their shortest and longest length in decisions, and the range of
//! every dimension's percent and of the overall percent over *all* complete playthroughs,
//! with whether some playthrough passes and some fails. Nothing here lists paths one by one:
//! path counts are summed per state (exact, arbitrary size); score ranges propagate the set
//! of distinct (earned, possible, critical) accumulators per state, merging equal ones.

use super::accumulate::{bounds, result_of, start_acc, topological, Acc, RangeLimit};
use super::graph::{StateGraph, STATE_BUDGET};
use super::passing::{marked_on_passing, CHECK_ACCUMULATOR_BUDGET};
use crate::model::{NodeIndex, NodeKind, Scenario};
use std::collections::HashSet;
use std::fmt;

/// How many score accumulators the range computation may make in all (equal ones merge,
/// but each one made counts: this bounds the work, not only the memory).
#[cfg(not(fuzzing))]
pub const ACCUMULATOR_BUDGET: usize = 2_000_000;
/// Smaller under the fuzzers, as [`STATE_BUDGET`] is.
#[cfg(fuzzing)]
pub const ACCUMULATOR_BUDGET: usize = 20_000;

/// A non-negative integer of any size (only what counting paths needs: add and print).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BigCount {
    /// Base 10^9 digits, least significant first.
    limbs: Vec<u32>,
}

const LIMB: u64 = 1_000_000_000;

impl BigCount {
    /// The number `n`.
    pub fn from_u64(mut n: u64) -> Self {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % LIMB) as u32);
            n /= LIMB;
        }
        BigCount { limbs }
    }

    /// Adds `other` to `self`.
    pub fn add(&mut self, other: &BigCount) {
        if self.limbs.len() < other.limbs.len() {
            self.limbs.resize(other.limbs.len(), 0);
        }
        // Each limb is below 10^9, so a sum is below 2 * 10^9 + 1 and the carry is 0 or 1:
        // a compare instead of a division (counts run to tens of thousands of digits).
        let mut carry = 0u32;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let Some(&o) = other.limbs.get(i) else {
                if carry == 0 {
                    break;
                }
                o_add(limb, 0, &mut carry);
                continue;
            };
            o_add(limb, o, &mut carry);
        }
        if carry > 0 {
            self.limbs.push(carry);
        }
    }

    /// The value when it fits in a `u64`.
    pub fn to_u64(&self) -> Option<u64> {
        self.limbs.iter().rev().try_fold(0u64, |acc, &l| {
            acc.checked_mul(LIMB)?.checked_add(u64::from(l))
        })
    }
}

/// `limb + other + carry` in base 10^9, the new carry in `carry`.
fn o_add(limb: &mut u32, other: u32, carry: &mut u32) {
    let sum = *limb + other + *carry; // < 2^32: 2 * (10^9 - 1) + 1
    if sum >= LIMB as u32 {
        *limb = sum - LIMB as u32;
        *carry = 1;
    } else {
        *limb = sum;
        *carry = 0;
    }
}

impl fmt::Display for BigCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.limbs.split_last() {
            None => write!(f, "0"),
            Some((top, rest)) => {
                write!(f, "{top}")?;
                for limb in rest.iter().rev() {
                    write!(f, "{limb:09}")?;
                }
                Ok(())
            }
        }
    }
}

/// A count that may be infinite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    /// Exactly this many.
    Exact(BigCount),
    /// A cycle allows endlessly many.
    Unbounded,
}

/// A minimum and maximum percent (`None` when nothing is assessed on any playthrough).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    /// Lowest.
    pub min: Option<i64>,
    /// Highest.
    pub max: Option<i64>,
}

impl Range {
    fn include(&mut self, value: i64) {
        self.min = Some(self.min.map_or(value, |m| m.min(value)));
        self.max = Some(self.max.map_or(value, |m| m.max(value)));
    }
}

/// Score ranges over all complete playthroughs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRanges {
    /// Per scenario dimension, in order.
    pub dimensions: Vec<Range>,
    /// Overall percent.
    pub overall: Range,
    /// Some playthrough passes.
    pub can_pass: bool,
    /// Some playthrough fails.
    pub can_fail: bool,
}

/// Everything `scenario stats` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// All nodes in the file.
    pub nodes: usize,
    /// Decision nodes.
    pub decisions: usize,
    /// Passage nodes.
    pub passages: usize,
    /// Ending nodes.
    pub endings: usize,
    /// Distinct complete playthroughs (sequences of choices from start to an ending).
    pub paths: Count,
    /// Fewest decisions on a complete playthrough (`None` when no ending can be reached).
    pub shortest: Option<u64>,
    /// Most decisions on a complete playthrough (`Unbounded` with a cycle).
    pub longest: Option<Count>,
    /// Score ranges, or why they could not be computed exactly.
    pub scores: Result<ScoreRanges, RangeLimit>,
    /// Choices that cross a red line (name `red_lines`).
    pub red_line_choices: usize,
    /// Whether some passing playthrough takes one of them (never, by the pass rule, unless
    /// the format's rules are broken: this is the figure that shows it).
    pub red_line_on_passing: Result<bool, RangeLimit>,
}

/// Computes [`Stats`] for a loaded scenario.
pub fn stats(scenario: &Scenario) -> Stats {
    let mut counts = [0usize; 3];
    for node in &scenario.nodes {
        counts[match node.kind {
            NodeKind::Decision(_) => 0,
            NodeKind::Passage(_) => 1,
            NodeKind::Ending(_) => 2,
        }] += 1;
    }
    let graph = StateGraph::explore(scenario, STATE_BUDGET);
    let can_finish = graph.can_finish(scenario);
    let n = graph.states.len();
    let is_decision = |s: usize| {
        matches!(
            scenario.nodes[graph.states[s].node].kind,
            NodeKind::Decision(_)
        )
    };
    let is_ending = |s: usize| {
        matches!(
            scenario.nodes[graph.states[s].node].kind,
            NodeKind::Ending(_)
        )
    };

    // Topological order of useful states (those that can still finish).
    let useful: Vec<bool> = (0..n).map(|s| can_finish[s]).collect();
    let (order, cyclic) = topological(&graph, &useful);
    let start_finishes = n > 0 && useful[0];

    let (paths, shortest, longest) = if !start_finishes {
        (Count::Exact(BigCount::default()), None, None)
    } else {
        // Backward over the topological order: paths to an ending and min/max decisions.
        // A state's count is dropped once every state before it has read it: counts can
        // have tens of thousands of digits (2^190,000 paths through a counter), and keeping
        // one per state took gigabytes (see docs/performance.md).
        let mut readers = vec![0usize; n];
        for &s in &order {
            for e in graph.edges[s].iter().filter(|e| useful[e.to]) {
                readers[e.to] += 1;
            }
        }
        let mut paths = vec![BigCount::default(); n];
        let mut short = vec![u64::MAX; n];
        let mut long = vec![0u64; n];
        for &s in order.iter().rev() {
            if is_ending(s) {
                paths[s] = BigCount::from_u64(1);
                short[s] = 0;
                continue;
            }
            let step = u64::from(is_decision(s));
            let mut here = std::mem::take(&mut paths[s]);
            for e in graph.edges[s].iter().filter(|e| useful[e.to]) {
                here.add(&paths[e.to]);
                readers[e.to] -= 1;
                if readers[e.to] == 0 && e.to != 0 {
                    paths[e.to] = BigCount::default();
                }
                short[s] = short[s].min(short[e.to].saturating_add(step));
                long[s] = long[s].max(long[e.to] + step);
            }
            paths[s] = here;
        }
        // Shortest is well defined even with cycles: a breadth-first search by decisions.
        let shortest = shortest_decisions(scenario, &graph, &useful);
        if cyclic {
            (Count::Unbounded, shortest, Some(Count::Unbounded))
        } else {
            (
                Count::Exact(std::mem::take(&mut paths[0])),
                Some(short[0]),
                Some(Count::Exact(BigCount::from_u64(long[0]))),
            )
        }
    };

    let scores = if graph.truncated {
        Err(RangeLimit::States)
    } else if cyclic {
        Err(RangeLimit::Cycle)
    } else if !start_finishes {
        Ok(ScoreRanges {
            dimensions: vec![Range::default(); scenario.dimensions.len()],
            overall: Range::default(),
            can_pass: false,
            can_fail: false,
        })
    } else {
        score_ranges(scenario, &graph, &order, &useful)
    };

    let red_line: Vec<(NodeIndex, usize)> = scenario
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(n, node)| match &node.kind {
            NodeKind::Decision(choices) => choices
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.red_lines.is_empty())
                .map(|(c, _)| (n, c))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let red_line_on_passing =
        marked_on_passing(scenario, &graph, &red_line, CHECK_ACCUMULATOR_BUDGET)
            .map(|found| found.contains(&true));

    Stats {
        nodes: scenario.nodes.len(),
        decisions: counts[0],
        passages: counts[1],
        endings: counts[2],
        paths,
        shortest,
        longest,
        scores,
        red_line_choices: red_line.len(),
        red_line_on_passing,
    }
}

/// Fewest decisions from the start to an ending (0-1 BFS: passages cost nothing).
fn shortest_decisions(scenario: &Scenario, graph: &StateGraph, useful: &[bool]) -> Option<u64> {
    let mut dist = vec![u64::MAX; graph.states.len()];
    let mut deque = std::collections::VecDeque::new();
    dist[0] = 0;
    deque.push_back(0usize);
    while let Some(s) = deque.pop_front() {
        if matches!(
            scenario.nodes[graph.states[s].node].kind,
            NodeKind::Ending(_)
        ) {
            return Some(dist[s]);
        }
        for e in graph.edges[s].iter().filter(|e| useful[e.to]) {
            let cost = u64::from(e.choice.is_some());
            if dist[s] + cost < dist[e.to] {
                dist[e.to] = dist[s] + cost;
                if cost == 0 {
                    deque.push_front(e.to);
                } else {
                    deque.push_back(e.to);
                }
            }
        }
    }
    None
}

fn score_ranges(
    scenario: &Scenario,
    graph: &StateGraph,
    order: &[usize],
    useful: &[bool],
) -> Result<ScoreRanges, RangeLimit> {
    let dims = scenario.dimensions.len();
    let n = graph.states.len();
    let mut accs: Vec<HashSet<Acc>> = vec![HashSet::new(); n];
    accs[0].insert(start_acc(dims));
    // Accumulators made so far (kept or merged with an equal one): the work, which is what
    // needs a bound (a counter loop holds few at a time but makes billions in all).
    let mut made = 1usize;
    let mut ranges = ScoreRanges {
        dimensions: vec![Range::default(); dims],
        overall: Range::default(),
        can_pass: false,
        can_fail: false,
    };
    for &s in order {
        let here = std::mem::take(&mut accs[s]);
        let node = &scenario.nodes[graph.states[s].node];
        let bounds = match &node.kind {
            NodeKind::Ending(_) => {
                for acc in &here {
                    record(scenario, acc, &mut ranges);
                }
                continue;
            }
            NodeKind::Passage(_) => None,
            NodeKind::Decision(choices) => Some((bounds(scenario, graph, s, choices), choices)),
        };
        for e in graph.edges[s].iter().filter(|e| useful[e.to]) {
            made += here.len();
            if made > ACCUMULATOR_BUDGET {
                return Err(RangeLimit::Budget);
            }
            for acc in &here {
                let next = match (&bounds, e.choice) {
                    (Some((b, choices)), Some(c)) => b.advance(acc, &choices[c]),
                    _ => acc.clone(),
                };
                accs[e.to].insert(next);
            }
        }
    }
    Ok(ranges)
}

/// Folds one complete playthrough's result into the ranges, by the normative rules.
fn record(scenario: &Scenario, acc: &Acc, ranges: &mut ScoreRanges) {
    let (percents, overall, passed) = result_of(scenario, acc);
    for (range, p) in ranges.dimensions.iter_mut().zip(&percents) {
        if let Some(p) = *p {
            range.include(p);
        }
    }
    if let Some(o) = overall {
        ranges.overall.include(o);
    }
    ranges.can_pass |= passed;
    ranges.can_fail |= !passed;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_counts_add_and_print() {
        let mut a = BigCount::from_u64(999_999_999);
        a.add(&BigCount::from_u64(1));
        assert_eq!(a.to_string(), "1000000000");
        let mut b = BigCount::from_u64(u64::MAX);
        b.add(&BigCount::from_u64(u64::MAX));
        assert_eq!(b.to_string(), "36893488147419103230");
        assert_eq!(b.to_u64(), None);
        assert_eq!(BigCount::default().to_string(), "0");
        // Carries across limbs, and a shorter number added to a longer one.
        let mut c = BigCount::from_u64(999_999_999_999_999_999);
        c.add(&BigCount::from_u64(1));
        assert_eq!(c.to_string(), "1000000000000000000");
        let mut d = BigCount::from_u64(1);
        d.add(&c);
        d.add(&BigCount::from_u64(999_999_999));
        assert_eq!(d.to_string(), "1000000001000000000");
        // Doubling 200 times is 2^200.
        let mut p = BigCount::from_u64(1);
        for _ in 0..200 {
            let q = p.clone();
            p.add(&q);
        }
        assert_eq!(
            p.to_string(),
            "1606938044258990275541962092341162602522202993782792835301376"
        );
    }
}
