//! From events to per-scenario [`Tally`]s: attempts told apart, the cohort's date range
//! applied, and everything the report shows counted. A `Tally` is nothing but counts keyed
//! by ids; the ClickHouse SQL (`sql/`) computes the same table, so the two paths can be
//! compared value for value, and [`crate::report`] turns either into the report.
//!
//! **An attempt** is the progress statements (`answered`, `passed`, `failed`) of one actor,
//! one registration and one scenario activity, in order of (timestamp, `answered` before an
//! ending, decision-number, statement id), cut before each statement that
//! - follows an ending (`passed`/`failed`): a new play-through after a finished one; or
//! - is an `answered` whose decision-number is not above the previous `answered`'s: the
//!   learner restarted (from the start or before an earlier decision).
//!
//! `initialized` is sent both when a play-through starts and when it resumes after a reload,
//! so on its own it cannot tell a new attempt from a resumed one; a resume continues the
//! decision numbers and a restart begins them again, which is what the rule reads. An
//! attempt is *finished* when it has an ending, *passed* when that ending is `passed`.

use crate::statement::{Event, InputStats, Progress, Reader, Sym, Syms};
use crate::time::Micros;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which statements make the cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// The scenario activity IRI; `None` = every scenario-quiz activity (`context.platform`).
    pub activity: Option<String>,
    /// A `context.contextActivities.grouping` activity id every statement must carry.
    pub grouping: Option<String>,
    /// Registrations to keep (empty = all).
    pub registrations: Vec<String>,
    /// Attempts that start at or after this instant.
    pub since: Option<Micros>,
    /// Attempts that start before this instant.
    pub until: Option<Micros>,
}

/// Attempts per scenario fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionCount {
    /// `…/scenario-fingerprint` (empty when the statements carry none).
    pub fingerprint: String,
    /// Attempts (answers, in [`ChoiceCount::versions`]).
    pub count: u64,
}

/// Attempts that reached an ending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingCount {
    /// The ending node (empty when not given).
    pub ending: String,
    /// Its outcome (empty when not given).
    pub outcome: String,
    /// How many attempts.
    pub attempts: u64,
}

/// Attempts with a percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PercentCount {
    /// The dimension id (`overall` rows leave it empty).
    pub dimension: String,
    /// The percent; `None`: not assessed on that attempt's path.
    pub percent: Option<i64>,
    /// How many finished attempts.
    pub attempts: u64,
}

/// A red-line act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActCount {
    /// The act id.
    pub act: String,
    /// Choices taken that commit it.
    pub times: u64,
    /// Attempts in which it was committed.
    pub attempts: u64,
}

/// A decision node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeCount {
    /// The node id.
    pub node: String,
    /// Answers given there.
    pub answers: u64,
    /// Attempts that answered there.
    pub attempts: u64,
    /// Learners who answered there.
    pub learners: u64,
    /// The lowest decision-number it was answered with (orders decisions without a file).
    pub first_number: u32,
}

/// A choice at a decision node: chosen or only offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceCount {
    /// The node id.
    pub node: String,
    /// The choice id.
    pub choice: String,
    /// Times chosen.
    pub answers: u64,
    /// Learners who chose it.
    pub learners: u64,
    /// Times offered (in the statements' `choices`).
    pub offered: u64,
    /// Times chosen with `result.success` false (a red line).
    pub critical_answers: u64,
    /// Times chosen per scenario fingerprint.
    pub versions: Vec<VersionCount>,
    /// Its text in the latest statement offering it.
    pub text: Option<String>,
    /// Its scores in the latest statement choosing it.
    pub scores: Option<BTreeMap<String, i64>>,
    /// Its red-line acts in the latest statement choosing it.
    pub red_lines: Vec<String>,
    /// Whether that statement marked it as crossing a red line.
    pub critical: bool,
}

/// How often one set of offered choices led to one choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCount {
    /// The node id.
    pub node: String,
    /// The choices offered, sorted.
    pub offered: Vec<String>,
    /// The choice taken.
    pub choice: String,
    /// How many answers.
    pub answers: u64,
}

/// A step from one decision to what came next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeCount {
    /// The decision node.
    pub from: String,
    /// The choice taken.
    pub choice: String,
    /// The next decision node, or the ending reached; `None`: the attempt stopped there.
    pub to: Option<String>,
    /// Times taken.
    pub traversals: u64,
    /// Learners who took it.
    pub learners: u64,
}

/// One learner, only when names are asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerRow {
    /// The actor's identifier.
    pub actor: String,
    /// `actor.name` in their latest statement that has one.
    pub name: Option<String>,
    /// Attempts.
    pub attempts: u64,
    /// Finished attempts.
    pub finished: u64,
    /// Passed attempts.
    pub passed: u64,
    /// The best overall percent of a finished attempt.
    pub best_overall: Option<i64>,
    /// Attempts with a red line crossed.
    pub red_line_attempts: u64,
}

/// Everything counted for one scenario activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The scenario activity IRI.
    pub scenario: String,
    /// Attempts (see the module doc).
    pub attempts: u64,
    /// Attempts with an ending.
    pub finished: u64,
    /// Attempts with a `passed` ending.
    pub passed: u64,
    /// Distinct actors.
    pub learners: u64,
    /// Distinct registrations (`None` for an LMS export).
    pub registrations: Option<u64>,
    /// Attempts with a choice that crossed a red line (`success` false or red-line acts), or
    /// an ending listing red lines crossed.
    pub red_line_attempts: u64,
    /// Attempts after the date range or before it (not counted anywhere else).
    pub outside_dates: u64,
    /// Attempts per fingerprint (that of the attempt's first statement).
    pub versions: Vec<VersionCount>,
    /// Finished attempts per ending.
    pub endings: Vec<EndingCount>,
    /// Finished attempts per overall percent (`dimension` empty).
    pub overall: Vec<PercentCount>,
    /// Finished attempts per (dimension, percent).
    pub dimensions: Vec<PercentCount>,
    /// Red-line acts.
    pub red_lines: Vec<ActCount>,
    /// Decision nodes.
    pub nodes: Vec<NodeCount>,
    /// Choices.
    pub choices: Vec<ChoiceCount>,
    /// Offer patterns.
    pub offers: Vec<OfferCount>,
    /// Steps between decisions.
    pub edges: Vec<EdgeCount>,
    /// Per learner, only when names are asked for.
    pub learner_rows: Option<Vec<LearnerRow>>,
}

impl Tally {
    /// Sorts every list by its keys, so two tallies of the same data compare equal.
    pub fn normalize(&mut self) {
        self.versions
            .sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        self.endings
            .sort_by(|a, b| (&a.ending, &a.outcome).cmp(&(&b.ending, &b.outcome)));
        self.overall.sort_by_key(|a| a.percent);
        self.dimensions
            .sort_by(|a, b| (&a.dimension, a.percent).cmp(&(&b.dimension, b.percent)));
        self.red_lines.sort_by(|a, b| a.act.cmp(&b.act));
        self.nodes.sort_by(|a, b| a.node.cmp(&b.node));
        for c in &mut self.choices {
            c.versions.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
            c.red_lines.sort();
        }
        self.choices
            .sort_by(|a, b| (&a.node, &a.choice).cmp(&(&b.node, &b.choice)));
        self.offers.sort_by(|a, b| {
            (&a.node, &a.offered, &a.choice).cmp(&(&b.node, &b.offered, &b.choice))
        });
        self.edges
            .sort_by(|a, b| (&a.from, &a.choice, &a.to).cmp(&(&b.from, &b.choice, &b.to)));
        if let Some(rows) = &mut self.learner_rows {
            rows.sort_by(|a, b| a.actor.cmp(&b.actor));
        }
    }
}

/// The numbers for every scenario found, and what was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    /// One per scenario activity, sorted by IRI.
    pub tallies: Vec<Tally>,
    /// What was read and left out.
    pub input: InputStats,
}

struct Attempt {
    scenario: Sym,
    actor: Sym,
    events: Vec<usize>,
}

/// (from node, choice, to: next node or ending).
type EdgeKey = (Sym, Sym, Option<Sym>);

#[derive(Default)]
struct Acc {
    attempts: u64,
    finished: u64,
    passed: u64,
    learners: HashSet<Sym>,
    registrations: HashSet<Sym>,
    red_line_attempts: u64,
    outside_dates: u64,
    versions: BTreeMap<Sym, u64>,
    endings: BTreeMap<(Option<Sym>, Option<Sym>), u64>,
    overall: BTreeMap<Option<i64>, u64>,
    dimensions: BTreeMap<(Sym, Option<i64>), u64>,
    acts: BTreeMap<Sym, (u64, u64)>,
    nodes: HashMap<Sym, NodeAcc>,
    choices: HashMap<(Sym, Sym), ChoiceAcc>,
    offers: HashMap<(Sym, Vec<Sym>, Sym), u64>,
    edges: HashMap<EdgeKey, (u64, HashSet<Sym>)>,
    learners_detail: HashMap<Sym, LearnerAcc>,
}

#[derive(Default)]
struct NodeAcc {
    answers: u64,
    attempts: u64,
    learners: HashSet<Sym>,
    first_number: u32,
}

#[derive(Default)]
struct ChoiceAcc {
    answers: u64,
    learners: HashSet<Sym>,
    offered: u64,
    critical_answers: u64,
    versions: BTreeMap<Sym, u64>,
    text: Option<((Micros, u128), Sym)>,
    chosen: Option<((Micros, u128), usize)>,
}

#[derive(Default)]
struct LearnerAcc {
    name: Option<((Micros, u128), Sym)>,
    attempts: u64,
    finished: u64,
    passed: u64,
    best: Option<i64>,
    red: u64,
}

fn rank(e: &Event) -> (Micros, u8, u32, u128) {
    match &e.progress {
        Progress::Answered(a) => (e.time, 1, a.number, e.id),
        Progress::Ended(_) => (e.time, 2, 0, e.id),
    }
}

impl Cohort {
    /// Counts what `reader` read. With `names`, also one row per learner.
    pub fn from_reader(reader: Reader, names: bool) -> Cohort {
        let input = reader.stats();
        let Reader {
            filter,
            syms,
            events,
            ..
        } = reader;
        let attempts = segment(&events);
        let mut accs: BTreeMap<Sym, Acc> = BTreeMap::new();
        for attempt in attempts {
            let acc = accs.entry(attempt.scenario).or_default();
            let start = events[attempt.events[0]].time;
            if filter.since.is_some_and(|s| start < s) || filter.until.is_some_and(|u| start >= u) {
                acc.outside_dates += 1;
                continue;
            }
            count_attempt(acc, &events, &attempt);
        }
        let mut tallies: Vec<Tally> = accs
            .into_iter()
            .map(|(scenario, acc)| finish(&syms, &events, scenario, acc, names))
            .collect();
        tallies.sort_by(|a, b| a.scenario.cmp(&b.scenario));
        Cohort { tallies, input }
    }
}

/// Splits the events into attempts (the rule in the module doc).
fn segment(events: &[Event]) -> Vec<Attempt> {
    let mut groups: HashMap<(Sym, Sym, Sym), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        groups
            .entry((e.scenario, e.actor, e.registration))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    for key in keys {
        let mut list = groups.remove(&key).unwrap_or_default();
        list.sort_by_key(|&i| rank(&events[i]));
        let mut current: Option<Attempt> = None;
        let mut previous: Option<&Event> = None;
        for i in list {
            let e = &events[i];
            let cut = match (previous.map(|p| &p.progress), &e.progress) {
                (None, _) => true,
                (Some(Progress::Ended(_)), _) => true,
                (Some(Progress::Answered(p)), Progress::Answered(a)) => a.number <= p.number,
                (Some(Progress::Answered(_)), Progress::Ended(_)) => false,
            };
            if cut {
                out.extend(current.take());
                current = Some(Attempt {
                    scenario: key.0,
                    actor: key.1,
                    events: Vec::new(),
                });
            }
            if let Some(a) = current.as_mut() {
                a.events.push(i);
            }
            previous = Some(e);
        }
        out.extend(current.take());
    }
    out
}

fn count_attempt(acc: &mut Acc, events: &[Event], attempt: &Attempt) {
    let first = &events[attempt.events[0]];
    acc.attempts += 1;
    acc.learners.insert(attempt.actor);
    acc.registrations.insert(first.registration);
    *acc.versions.entry(first.fingerprint).or_default() += 1;
    let learner = acc.learners_detail.entry(attempt.actor).or_default();
    learner.attempts += 1;
    let mut red = false;
    let mut acts_here: HashSet<Sym> = HashSet::new();
    let mut nodes_here: HashSet<Sym> = HashSet::new();
    let mut ending = None;
    let answers: Vec<usize> = attempt
        .events
        .iter()
        .copied()
        .filter(|&i| matches!(events[i].progress, Progress::Answered(_)))
        .collect();
    for &i in &attempt.events {
        let e = &events[i];
        if let Some(n) = e.name {
            let key = (e.time, e.id);
            let l = acc.learners_detail.entry(attempt.actor).or_default();
            if l.name.is_none_or(|(k, _)| key > k) {
                l.name = Some((key, n));
            }
        }
        match &e.progress {
            Progress::Answered(a) => {
                if a.success == Some(false) || !a.red_lines.is_empty() {
                    red = true;
                }
                for &act in &a.red_lines {
                    acc.acts.entry(act).or_default().0 += 1;
                    acts_here.insert(act);
                }
                let node = acc.nodes.entry(a.node).or_insert_with(|| NodeAcc {
                    first_number: a.number,
                    ..NodeAcc::default()
                });
                node.answers += 1;
                node.learners.insert(attempt.actor);
                node.first_number = node.first_number.min(a.number);
                if nodes_here.insert(a.node) {
                    node.attempts += 1;
                }
                let key = (e.time, e.id);
                let choice = acc.choices.entry((a.node, a.choice)).or_default();
                choice.answers += 1;
                choice.learners.insert(attempt.actor);
                if a.success == Some(false) {
                    choice.critical_answers += 1;
                }
                *choice.versions.entry(e.fingerprint).or_default() += 1;
                if choice.chosen.is_none_or(|(k, _)| key > k) {
                    choice.chosen = Some((key, i));
                }
                for &(offered, text) in &a.offered {
                    let c = acc.choices.entry((a.node, offered)).or_default();
                    c.offered += 1;
                    if let Some(t) = text {
                        if c.text.is_none_or(|(k, _)| key > k) {
                            c.text = Some((key, t));
                        }
                    }
                }
                let offered: Vec<Sym> = a.offered.iter().map(|o| o.0).collect();
                *acc.offers.entry((a.node, offered, a.choice)).or_default() += 1;
            }
            Progress::Ended(end) => ending = Some(end),
        }
    }
    for (k, &i) in answers.iter().enumerate() {
        let Progress::Answered(a) = &events[i].progress else {
            continue;
        };
        let to = match answers.get(k + 1) {
            Some(&j) => match &events[j].progress {
                Progress::Answered(b) => Some(b.node),
                Progress::Ended(_) => None,
            },
            None => ending.map(|end| end.ending.unwrap_or(u32::MAX)),
        };
        let edge = acc.edges.entry((a.node, a.choice, to)).or_default();
        edge.0 += 1;
        edge.1.insert(attempt.actor);
    }
    for act in acts_here {
        acc.acts.entry(act).or_default().1 += 1;
    }
    if let Some(end) = ending {
        if !end.red_lines_crossed.is_empty() {
            red = true;
        }
        acc.finished += 1;
        learner_finished(acc, attempt.actor, end.passed, end.overall);
        if end.passed {
            acc.passed += 1;
        }
        *acc.endings.entry((end.ending, end.outcome)).or_default() += 1;
        *acc.overall.entry(end.overall).or_default() += 1;
        for &(d, p) in &end.dimensions {
            *acc.dimensions.entry((d, p)).or_default() += 1;
        }
    }
    if red {
        acc.red_line_attempts += 1;
        acc.learners_detail.entry(attempt.actor).or_default().red += 1;
    }
}

fn learner_finished(acc: &mut Acc, actor: Sym, passed: bool, overall: Option<i64>) {
    let l = acc.learners_detail.entry(actor).or_default();
    l.finished += 1;
    if passed {
        l.passed += 1;
    }
    if let Some(o) = overall {
        l.best = Some(l.best.map_or(o, |b| b.max(o)));
    }
}

/// An ending reached without an ending id, in edges.
pub const UNNAMED_ENDING: &str = "(ending)";

fn finish(syms: &Syms, events: &[Event], scenario: Sym, acc: Acc, names: bool) -> Tally {
    let s = |n: Sym| syms.get(n).to_string();
    let o = |n: Option<Sym>| n.map(|n| syms.get(n).to_string()).unwrap_or_default();
    let mut tally = Tally {
        scenario: s(scenario),
        attempts: acc.attempts,
        finished: acc.finished,
        passed: acc.passed,
        learners: acc.learners.len() as u64,
        registrations: Some(acc.registrations.len() as u64),
        red_line_attempts: acc.red_line_attempts,
        outside_dates: acc.outside_dates,
        versions: acc
            .versions
            .iter()
            .map(|(&f, &count)| VersionCount {
                fingerprint: s(f),
                count,
            })
            .collect(),
        endings: acc
            .endings
            .iter()
            .map(|(&(e, oc), &attempts)| EndingCount {
                ending: o(e),
                outcome: o(oc),
                attempts,
            })
            .collect(),
        overall: acc
            .overall
            .iter()
            .map(|(&percent, &attempts)| PercentCount {
                dimension: String::new(),
                percent,
                attempts,
            })
            .collect(),
        dimensions: acc
            .dimensions
            .iter()
            .map(|(&(d, percent), &attempts)| PercentCount {
                dimension: s(d),
                percent,
                attempts,
            })
            .collect(),
        red_lines: acc
            .acts
            .iter()
            .map(|(&a, &(times, attempts))| ActCount {
                act: s(a),
                times,
                attempts,
            })
            .collect(),
        nodes: acc
            .nodes
            .iter()
            .map(|(&n, v)| NodeCount {
                node: s(n),
                answers: v.answers,
                attempts: v.attempts,
                learners: v.learners.len() as u64,
                first_number: v.first_number,
            })
            .collect(),
        choices: acc
            .choices
            .iter()
            .map(|(&(node, choice), c)| {
                let chosen = c.chosen.and_then(|(_, i)| match &events[i].progress {
                    Progress::Answered(a) => Some(a),
                    Progress::Ended(_) => None,
                });
                ChoiceCount {
                    node: s(node),
                    choice: s(choice),
                    answers: c.answers,
                    learners: c.learners.len() as u64,
                    offered: c.offered,
                    critical_answers: c.critical_answers,
                    versions: c
                        .versions
                        .iter()
                        .map(|(&f, &count)| VersionCount {
                            fingerprint: s(f),
                            count,
                        })
                        .collect(),
                    text: c.text.map(|(_, t)| s(t)),
                    scores: chosen.and_then(|a| {
                        a.scores
                            .as_ref()
                            .map(|v| v.iter().map(|&(d, x)| (s(d), x)).collect())
                    }),
                    red_lines: chosen
                        .map(|a| a.red_lines.iter().map(|&r| s(r)).collect())
                        .unwrap_or_default(),
                    critical: chosen
                        .is_some_and(|a| a.success == Some(false) || !a.red_lines.is_empty()),
                }
            })
            .collect(),
        offers: acc
            .offers
            .iter()
            .map(|((node, offered, choice), &answers)| OfferCount {
                node: s(*node),
                offered: offered.iter().map(|&x| s(x)).collect(),
                choice: s(*choice),
                answers,
            })
            .collect(),
        edges: acc
            .edges
            .iter()
            .map(|(&(from, choice, to), (traversals, learners))| EdgeCount {
                from: s(from),
                choice: s(choice),
                to: to.map(|t| {
                    if t == u32::MAX {
                        UNNAMED_ENDING.to_string()
                    } else {
                        s(t)
                    }
                }),
                traversals: *traversals,
                learners: learners.len() as u64,
            })
            .collect(),
        learner_rows: names.then(|| {
            acc.learners_detail
                .iter()
                .map(|(&a, l)| LearnerRow {
                    actor: s(a),
                    name: l.name.map(|(_, n)| s(n)),
                    attempts: l.attempts,
                    finished: l.finished,
                    passed: l.passed,
                    best_overall: l.best,
                    red_line_attempts: l.red,
                })
                .collect()
        }),
    };
    tally.normalize();
    tally
}
