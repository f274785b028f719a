//! What a scenario's paths can score, by dynamic programming over the state graph.
//!
//! Counts of playthroughs, their shortest and longest length in decisions, and the range of
//! every dimension's percent and of the overall percent over *all* complete playthroughs,
//! with whether some playthrough passes and some fails. Nothing here lists paths one by one:
//! path counts are summed per state (exact, arbitrary size); score ranges propagate the set
//! of distinct (earned, possible, critical) accumulators per state, merging equal ones.

use crate::analysis::{offered_in, StateGraph, STATE_BUDGET};
use crate::model::{Choice, NodeIndex, NodeKind, Outcome, Scenario};
use crate::scoring::{percent, round_half_up};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// How many score accumulators the range computation may make in all (equal ones merge,
/// but each one made counts: this bounds the work, not only the memory).
#[cfg(not(fuzzing))]
pub const ACCUMULATOR_BUDGET: usize = 2_000_000;
/// Smaller under the fuzzers, as [`crate::analysis::STATE_BUDGET`] is.
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

/// Why score ranges could not be computed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeLimit {
    /// A cycle lets scores keep changing, so there is no finite set of results.
    Cycle,
    /// More score combinations to follow than [`ACCUMULATOR_BUDGET`].
    Budget,
    /// The state graph itself was past [`STATE_BUDGET`].
    States,
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

/// Accumulated score along a path: earned and possible per dimension, and whether a red
/// line was crossed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Acc {
    earned: Box<[i64]>,
    possible: Box<[i64]>,
    critical: bool,
    /// Which of up to 64 marked choices were taken ([`marked_on_passing`]; 0 elsewhere).
    marks: u64,
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

/// Topological order of the useful states (those that can still finish), and whether some
/// useful state was left out of it, which means a cycle among them.
fn topological(graph: &StateGraph, useful: &[bool]) -> (Vec<usize>, bool) {
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
fn start_acc(dims: usize) -> Acc {
    Acc {
        earned: vec![0; dims].into(),
        possible: vec![0; dims].into(),
        critical: false,
        marks: 0,
    }
}

/// Per dimension, the best and worst score among the choices offered in decision state `s`
/// (the normative scoring counts a decision for a dimension only where they differ).
fn bounds(scenario: &Scenario, graph: &StateGraph, s: usize, choices: &[Choice]) -> Bounds {
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

struct Bounds {
    best: Vec<i64>,
    worst: Vec<i64>,
}

impl Bounds {
    /// `acc` after taking `choice` at this decision.
    fn advance(&self, acc: &Acc, choice: &Choice) -> Acc {
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
fn result_of(scenario: &Scenario, acc: &Acc) -> (Vec<Option<i64>>, Option<i64>, bool) {
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

/// How many score accumulators the checker's search for [`PassingNegative`] playthroughs
/// may make (kept, or merged with an equal one), which bounds its work and its memory. It
/// keeps them all (to trace a route back), so the bound is lower than
/// [`ACCUMULATOR_BUDGET`]. The bundled scenarios make at most 274; files built to exhaust it cost
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
pub(crate) fn passing_negative_in(
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
