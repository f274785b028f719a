//! The report a trainer reads, built from a [`Tally`] (whichever path counted it) and, when
//! given, the scenario file (choice texts, scores, feedback, red-line labels). Everything
//! here is arithmetic on counts: quartiles, shares, the weak/critical classification and the
//! ranking of "where learners go wrong"; the renderers only lay it out.
//!
//! **Weak choice.** At each answer, the choices *offered* there (the statement's `choices`)
//! are compared by total score (the sum over dimensions), as the debrief's review does: the
//! *strongest* are those with the highest total among the offered choices that cross no red
//! line (among all offered, if every one does). An answer is *critical* when its choice
//! crosses a red line, *strong* when its choice is a strongest one, *weak* otherwise. Scores
//! come from the scenario file when given, else from the `scores` extension of statements
//! that chose each choice; an answer where some offered choice's score is unknown (nobody
//! chose it, and no file) is *unclassified*.

use crate::cohort::{ChoiceCount, Filter, LearnerRow, PercentCount, Tally};
use crate::statement::InputStats;
use crate::time::format_instant;
use scenario_core::model::{NodeKind, Scenario, Vocabulary};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The report format's name, written first in the JSON.
pub const FORMAT: &str = "scenario-quiz-cohort-report/1";

/// How to build the report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the numbers came from (`xapi-statements`, `lrs`, `clickhouse`, `lms-…`).
    pub source: String,
    /// The trainer asked for names (`--names`).
    pub names: bool,
    /// The cohort filter, to say in the report what was selected.
    pub filter: Filter,
    /// The scenario file's path or name, for messages.
    pub scenario_file: Option<String>,
}

/// Min, quartiles, max, mean and a histogram in 10-point bins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// Values counted.
    pub n: u64,
    /// Lowest.
    pub min: Option<i64>,
    /// First quartile (nearest rank: the ⌈n/4⌉-th value).
    pub q1: Option<i64>,
    /// Median (the ⌈n/2⌉-th value).
    pub median: Option<i64>,
    /// Third quartile (the ⌈3n/4⌉-th value).
    pub q3: Option<i64>,
    /// Highest.
    pub max: Option<i64>,
    /// Mean, to one decimal.
    pub mean: Option<f64>,
    /// 0–9, 10–19, …, 80–89, 90–100.
    pub histogram: Vec<Bin>,
    /// Finished attempts where it was not assessed (no choice there made a difference).
    pub not_assessed: u64,
}

/// A histogram bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bin {
    /// Lowest percent in the bin.
    pub from: i64,
    /// Highest percent in the bin.
    pub to: i64,
    /// Attempts.
    pub count: u64,
}

/// One dimension's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionRow {
    /// Dimension id.
    pub id: String,
    /// Its label (from the scenario file), else the id.
    pub label: String,
    /// The percents.
    pub distribution: Distribution,
}

/// A scenario version seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRow {
    /// The fingerprint ("" when the statements carry none).
    pub fingerprint: String,
    /// Attempts.
    pub attempts: u64,
    /// Whether it is the scenario file's (only with a file).
    pub matches_file: Option<bool>,
}

/// An ending reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingRow {
    /// The ending node.
    pub ending: String,
    /// Its title, from the file.
    pub title: Option<String>,
    /// positive, mixed or negative.
    pub outcome: String,
    /// Attempts.
    pub attempts: u64,
    /// Of finished attempts.
    pub share: Option<f64>,
}

/// A red-line act committed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedLineRow {
    /// The act id.
    pub act: String,
    /// Its label (from `dimensions.yaml`).
    pub label: Option<String>,
    /// Choices taken that commit it.
    pub times: u64,
    /// Attempts in which it was committed.
    pub attempts: u64,
    /// Of all attempts.
    pub share_of_attempts: Option<f64>,
}

/// One choice at a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRow {
    /// The choice id.
    pub id: String,
    /// Its text.
    pub text: Option<String>,
    /// Times chosen.
    pub count: u64,
    /// Of the answers at this decision.
    pub share: Option<f64>,
    /// Times offered.
    pub offered: u64,
    /// Learners who chose it.
    pub learners: u64,
    /// Score per dimension.
    pub scores: Option<BTreeMap<String, i64>>,
    /// Its feedback (file only).
    pub feedback: Option<String>,
    /// Crosses a red line.
    pub critical: bool,
    /// The red-line acts it commits.
    pub red_lines: Vec<String>,
    /// A strongest choice of the decision (highest total of its non-critical choices,
    /// counting every choice in the file, or every choice seen without one).
    pub strongest: Option<bool>,
    /// Whether the scenario file has it (only with a file).
    pub in_scenario: Option<bool>,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The node id.
    pub node: String,
    /// What the learner faces (narration or last spoken line, from the file).
    pub prompt: Option<String>,
    /// Answers given.
    pub answers: u64,
    /// Attempts that answered it.
    pub attempts: u64,
    /// Learners who answered it.
    pub learners: u64,
    /// Answers with a strongest choice.
    pub strong: u64,
    /// Answers with a weak choice.
    pub weak: u64,
    /// Answers with a red-line choice.
    pub critical: u64,
    /// Answers that could not be classified.
    pub unclassified: u64,
    /// (weak + critical) ÷ classified answers.
    pub weak_or_critical_share: Option<f64>,
    /// Whether the scenario file has this node as a decision (only with a file).
    pub in_scenario: Option<bool>,
    /// The choices.
    pub choices: Vec<ChoiceRow>,
}

/// A decision ranked by where learners go wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongRow {
    /// The node id.
    pub node: String,
    /// Classified answers.
    pub answers: u64,
    /// Weak answers.
    pub weak: u64,
    /// Critical answers.
    pub critical: u64,
    /// (weak + critical) ÷ classified answers.
    pub share: f64,
}

/// A step on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRow {
    /// The decision.
    pub from: String,
    /// The choice.
    pub choice: String,
    /// The next decision or the ending; `null`: left before the next decision.
    pub to: Option<String>,
    /// Times taken.
    pub traversals: u64,
    /// Learners who took it.
    pub learners: u64,
    /// Of the cohort's learners.
    pub learner_share: Option<f64>,
}

/// The cohort report for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`FORMAT`].
    pub format: &'static str,
    /// Where the numbers came from.
    pub source: String,
    /// The scenario activity IRI.
    pub activity: String,
    /// The scenario id (file).
    pub scenario_id: Option<String>,
    /// The scenario title (file).
    pub title: Option<String>,
    /// The file's fingerprint.
    pub file_fingerprint: Option<String>,
    /// What was selected.
    pub cohort: CohortInfo,
    /// `aggregate`, `names`, or `aggregate (names asked for; the source has none)`.
    pub learners_shown: String,
    /// Attempts.
    pub attempts: u64,
    /// Attempts that reached an ending.
    pub finished: u64,
    /// Attempts passed.
    pub passed: u64,
    /// Attempts failed.
    pub failed: u64,
    /// passed ÷ finished.
    pub pass_rate: Option<f64>,
    /// Distinct learners.
    pub learners: u64,
    /// Distinct registrations (xAPI only).
    pub registrations: Option<u64>,
    /// Attempts with a red line crossed.
    pub attempts_with_red_line: u64,
    /// Attempts outside the date range (left out).
    pub attempts_outside_dates: u64,
    /// Attempts per scenario version.
    pub versions: Vec<VersionRow>,
    /// Overall percent of finished attempts.
    pub overall: Distribution,
    /// Per dimension.
    pub dimensions: Vec<DimensionRow>,
    /// Endings reached.
    pub endings: Vec<EndingRow>,
    /// Red-line acts committed.
    pub red_lines: Vec<RedLineRow>,
    /// Every decision, in the file's order (or by first decision number).
    pub decisions: Vec<Decision>,
    /// Decisions by (weak + critical) share, highest first.
    pub where_learners_go_wrong: Vec<WrongRow>,
    /// Steps between decisions with the share of learners on each.
    pub edges: Vec<EdgeRow>,
    /// One row per learner, only with names.
    pub learner_rows: Option<Vec<LearnerRow>>,
    /// Things the trainer should know (versions, unknown choices, skipped statements).
    pub warnings: Vec<String>,
    /// What was read.
    pub input: InputStats,
}

/// The cohort as selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortInfo {
    /// `--grouping`.
    pub grouping: Option<String>,
    /// `--registration`s.
    pub registrations: Vec<String>,
    /// `--since`.
    pub since: Option<String>,
    /// `--until`.
    pub until: Option<String>,
}

/// A fraction to four decimals (so shares print and compare the same on every path).
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

/// The distribution of `(percent, attempts)` rows.
pub fn distribution(rows: &[(Option<i64>, u64)]) -> Distribution {
    let mut values: Vec<(i64, u64)> = rows
        .iter()
        .filter_map(|&(p, c)| p.map(|p| (p, c)))
        .collect();
    values.sort();
    let not_assessed = rows.iter().filter(|r| r.0.is_none()).map(|r| r.1).sum();
    let n: u64 = values.iter().map(|v| v.1).sum();
    let nth = |k: u64| {
        let mut seen = 0;
        for &(p, c) in &values {
            seen += c;
            if seen >= k {
                return Some(p);
            }
        }
        None
    };
    let mut histogram: Vec<Bin> = (0..10)
        .map(|i| Bin {
            from: i * 10,
            to: if i == 9 { 100 } else { i * 10 + 9 },
            count: 0,
        })
        .collect();
    for &(p, c) in &values {
        histogram[(p.clamp(0, 100) / 10).min(9) as usize].count += c;
    }
    let sum: i128 = values
        .iter()
        .map(|&(p, c)| i128::from(p) * i128::from(c))
        .sum();
    Distribution {
        n,
        min: values.first().map(|v| v.0),
        q1: if n > 0 { nth(n.div_ceil(4)) } else { None },
        median: if n > 0 { nth(n.div_ceil(2)) } else { None },
        q3: if n > 0 {
            nth((3 * n).div_ceil(4))
        } else {
            None
        },
        max: values.last().map(|v| v.0),
        mean: (n > 0).then(|| (sum as f64 / n as f64 * 10.0).round() / 10.0),
        histogram,
        not_assessed,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Strong,
    Weak,
    Critical,
    Unknown,
}

struct Known {
    total: i64,
    critical: bool,
}

impl Report {
    /// Builds the report of `tally`, with the scenario file's texts when given.
    pub fn build(
        tally: &Tally,
        input: &InputStats,
        scenario: Option<&Scenario>,
        vocabulary: Option<&Vocabulary>,
        options: &Options,
    ) -> Report {
        let mut warnings = Vec::new();
        let file_fp = scenario.map(|s| s.fingerprint.to_string());
        let file_name = options
            .scenario_file
            .clone()
            .or_else(|| scenario.map(|s| format!("{}.yaml", s.id)))
            .unwrap_or_default();
        let versions: Vec<VersionRow> = tally
            .versions
            .iter()
            .map(|v| VersionRow {
                fingerprint: v.fingerprint.clone(),
                attempts: v.count,
                matches_file: file_fp.as_ref().map(|f| *f == v.fingerprint),
            })
            .collect();
        if let Some(f) = &file_fp {
            let other: Vec<&VersionRow> = versions
                .iter()
                .filter(|v| v.matches_file == Some(false) && !v.fingerprint.is_empty())
                .collect();
            if !other.is_empty() {
                let n: u64 = other.iter().map(|v| v.attempts).sum();
                warnings.push(format!(
                    "{n} of {} attempts were played on another version of {file_name} (fingerprint {}; the file's is {f}): texts, scores and the weak/strong split come from the file as it is now",
                    tally.attempts,
                    other.iter().map(|v| v.fingerprint.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
        }

        // Scores and red lines known for each (node, choice).
        let mut known: HashMap<(&str, &str), Known> = HashMap::new();
        for c in &tally.choices {
            if let Some(scores) = &c.scores {
                known.insert(
                    (&c.node, &c.choice),
                    Known {
                        total: scores.values().sum(),
                        critical: c.critical,
                    },
                );
            }
        }
        if let Some(s) = scenario {
            for node in &s.nodes {
                if let NodeKind::Decision(choices) = &node.kind {
                    for c in choices {
                        known.insert(
                            (&node.id, &c.id),
                            Known {
                                total: c.scores.iter().sum(),
                                critical: c.critical.is_some(),
                            },
                        );
                    }
                }
            }
        }
        let critical_seen: HashMap<(&str, &str), bool> = tally
            .choices
            .iter()
            .map(|c| ((c.node.as_str(), c.choice.as_str()), c.critical))
            .collect();
        let classify = |node: &str, offered: &[String], choice: &str| -> Class {
            let is_critical = known
                .get(&(node, choice))
                .map(|k| k.critical)
                .or_else(|| critical_seen.get(&(node, choice)).copied());
            if is_critical == Some(true) {
                return Class::Critical;
            }
            let infos: Option<Vec<(&str, &Known)>> = offered
                .iter()
                .map(|o| known.get(&(node, o.as_str())).map(|k| (o.as_str(), k)))
                .collect();
            let Some(infos) = infos else {
                return Class::Unknown;
            };
            let Some(chosen) = known.get(&(node, choice)) else {
                return Class::Unknown;
            };
            let safe: Vec<&(&str, &Known)> = infos.iter().filter(|(_, k)| !k.critical).collect();
            let pool: Vec<&(&str, &Known)> = if safe.is_empty() {
                infos.iter().collect()
            } else {
                safe
            };
            let top = pool.iter().map(|(_, k)| k.total).max();
            if pool.iter().any(|(id, _)| *id == choice) && Some(chosen.total) == top {
                Class::Strong
            } else {
                Class::Weak
            }
        };
        let mut classes: HashMap<&str, [u64; 4]> = HashMap::new();
        for o in &tally.offers {
            let class = classify(&o.node, &o.offered, &o.choice);
            let slot = classes.entry(&o.node).or_default();
            slot[class as usize] += o.answers;
        }

        // Decisions, in the file's order, then the rest by first decision number.
        let file_decisions: Vec<&scenario_core::model::Node> = scenario
            .map(|s| {
                s.nodes
                    .iter()
                    .filter(|n| matches!(n.kind, NodeKind::Decision(_)))
                    .collect()
            })
            .unwrap_or_default();
        let mut order: Vec<String> = file_decisions.iter().map(|n| n.id.clone()).collect();
        let mut rest: Vec<&crate::cohort::NodeCount> = tally
            .nodes
            .iter()
            .filter(|n| !order.contains(&n.node))
            .collect();
        rest.sort_by(|a, b| (a.first_number, &a.node).cmp(&(b.first_number, &b.node)));
        order.extend(rest.iter().map(|n| n.node.clone()));
        for n in &rest {
            if scenario.is_some() {
                warnings.push(format!(
                    "decision `{}` is not in {file_name} ({} answers): the file changed since these attempts",
                    n.node, n.answers
                ));
            }
        }
        let mut decisions = Vec::new();
        for node_id in &order {
            let count = tally.nodes.iter().find(|n| &n.node == node_id);
            let file_node = file_decisions.iter().find(|n| &n.id == node_id);
            let answers = count.map_or(0, |c| c.answers);
            let seen: Vec<&ChoiceCount> = tally
                .choices
                .iter()
                .filter(|c| &c.node == node_id)
                .collect();
            let mut rows = Vec::new();
            let mut strongest_ids: Vec<String> = Vec::new();
            if let Some(node) = file_node {
                if let NodeKind::Decision(choices) = &node.kind {
                    let safe: Vec<_> = choices.iter().filter(|c| c.critical.is_none()).collect();
                    let pool: Vec<_> = if safe.is_empty() {
                        choices.iter().collect()
                    } else {
                        safe
                    };
                    let top = pool.iter().map(|c| c.scores.iter().sum::<i64>()).max();
                    strongest_ids = pool
                        .iter()
                        .filter(|c| Some(c.scores.iter().sum::<i64>()) == top)
                        .map(|c| c.id.clone())
                        .collect();
                    for c in choices {
                        let t = seen.iter().find(|s| s.choice == c.id);
                        let dims = scenario.map(|s| &s.dimensions[..]).unwrap_or_default();
                        rows.push(ChoiceRow {
                            id: c.id.clone(),
                            text: Some(c.text.clone()),
                            count: t.map_or(0, |t| t.answers),
                            share: share(t.map_or(0, |t| t.answers), answers),
                            offered: t.map_or(0, |t| t.offered),
                            learners: t.map_or(0, |t| t.learners),
                            scores: Some(
                                dims.iter()
                                    .zip(&c.scores)
                                    .map(|(d, &x)| (d.id.clone(), x))
                                    .collect(),
                            ),
                            feedback: c.feedback.clone(),
                            critical: c.critical.is_some(),
                            red_lines: c.red_lines.clone(),
                            strongest: Some(strongest_ids.contains(&c.id)),
                            in_scenario: Some(true),
                        });
                    }
                }
            } else {
                let with_scores: Vec<&&ChoiceCount> =
                    seen.iter().filter(|c| c.scores.is_some()).collect();
                if with_scores.len() == seen.len() && !seen.is_empty() {
                    let safe: Vec<_> = seen.iter().filter(|c| !c.critical).collect();
                    let pool: Vec<_> = if safe.is_empty() {
                        seen.iter().collect()
                    } else {
                        safe
                    };
                    let total =
                        |c: &ChoiceCount| c.scores.as_ref().map_or(0, |s| s.values().sum::<i64>());
                    let top = pool.iter().map(|c| total(c)).max();
                    strongest_ids = pool
                        .iter()
                        .filter(|c| Some(total(c)) == top)
                        .map(|c| c.choice.clone())
                        .collect();
                }
            }
            let mut extra: Vec<&&ChoiceCount> = seen
                .iter()
                .filter(|s| !rows.iter().any(|r: &ChoiceRow| r.id == s.choice))
                .collect();
            extra.sort_by(|a, b| b.answers.cmp(&a.answers).then(a.choice.cmp(&b.choice)));
            for t in extra {
                if file_node.is_some() {
                    let fps: Vec<&str> = t
                        .versions
                        .iter()
                        .map(|v| {
                            if v.fingerprint.is_empty() {
                                "none"
                            } else {
                                v.fingerprint.as_str()
                            }
                        })
                        .collect();
                    warnings.push(format!(
                        "choice `{}` at `{node_id}` is not in {file_name} ({} answers, scenario fingerprint {}): the file changed since these attempts",
                        t.choice,
                        t.answers,
                        fps.join(", ")
                    ));
                }
                rows.push(ChoiceRow {
                    id: t.choice.clone(),
                    text: t.text.clone(),
                    count: t.answers,
                    share: share(t.answers, answers),
                    offered: t.offered,
                    learners: t.learners,
                    scores: t.scores.clone(),
                    feedback: None,
                    critical: t.critical,
                    red_lines: t.red_lines.clone(),
                    strongest: if strongest_ids.is_empty() {
                        None
                    } else {
                        Some(strongest_ids.contains(&t.choice))
                    },
                    in_scenario: scenario.map(|_| false),
                });
            }
            let [strong, weak, critical, unclassified] =
                classes.get(node_id.as_str()).copied().unwrap_or_default();
            let prompt = file_node.and_then(|n| {
                n.say
                    .last()
                    .map(|l| l.text.clone())
                    .or_else(|| n.narration.clone())
            });
            decisions.push(Decision {
                node: node_id.clone(),
                prompt,
                answers,
                attempts: count.map_or(0, |c| c.attempts),
                learners: count.map_or(0, |c| c.learners),
                strong,
                weak,
                critical,
                unclassified,
                weak_or_critical_share: share(weak + critical, strong + weak + critical),
                in_scenario: scenario.map(|_| file_node.is_some()),
                choices: rows,
            });
        }
        let mut wrong: Vec<WrongRow> = decisions
            .iter()
            .filter_map(|d| {
                let n = d.strong + d.weak + d.critical;
                d.weak_or_critical_share.map(|share| WrongRow {
                    node: d.node.clone(),
                    answers: n,
                    weak: d.weak,
                    critical: d.critical,
                    share,
                })
            })
            .collect();
        wrong.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then(b.answers.cmp(&a.answers))
                .then(a.node.cmp(&b.node))
        });
        let unclassified: u64 = decisions.iter().map(|d| d.unclassified).sum();
        if unclassified > 0 {
            warnings.push(format!(
                "{unclassified} answers could not be called strong or weak: some choice offered with them was never chosen and there is no scenario file to give its score (use --scenario)"
            ));
        }

        let dims_percent = |rows: &[PercentCount]| -> Vec<(Option<i64>, u64)> {
            rows.iter().map(|r| (r.percent, r.attempts)).collect()
        };
        let mut dim_ids: Vec<String> = scenario
            .map(|s| s.dimensions.iter().map(|d| d.id.clone()).collect())
            .unwrap_or_default();
        for r in &tally.dimensions {
            if !dim_ids.contains(&r.dimension) {
                dim_ids.push(r.dimension.clone());
            }
        }
        let dimensions = dim_ids
            .iter()
            .map(|id| {
                let rows: Vec<PercentCount> = tally
                    .dimensions
                    .iter()
                    .filter(|r| &r.dimension == id)
                    .cloned()
                    .collect();
                DimensionRow {
                    id: id.clone(),
                    label: scenario
                        .and_then(|s| s.dimensions.iter().find(|d| &d.id == id))
                        .map_or_else(|| id.clone(), |d| d.label.clone()),
                    distribution: distribution(&dims_percent(&rows)),
                }
            })
            .collect();
        let endings = tally
            .endings
            .iter()
            .map(|e| EndingRow {
                ending: e.ending.clone(),
                title: scenario.and_then(|s| {
                    s.nodes
                        .iter()
                        .find(|n| n.id == e.ending)
                        .and_then(|n| match &n.kind {
                            NodeKind::Ending(x) => Some(x.title.clone()),
                            _ => None,
                        })
                }),
                outcome: e.outcome.clone(),
                attempts: e.attempts,
                share: share(e.attempts, tally.finished),
            })
            .collect();
        let mut red_lines: Vec<RedLineRow> = tally
            .red_lines
            .iter()
            .map(|r| RedLineRow {
                act: r.act.clone(),
                label: vocabulary
                    .and_then(|v| v.red_line(&r.act))
                    .map(|x| x.label.clone()),
                times: r.times,
                attempts: r.attempts,
                share_of_attempts: share(r.attempts, tally.attempts),
            })
            .collect();
        red_lines.sort_by(|a, b| b.attempts.cmp(&a.attempts).then(a.act.cmp(&b.act)));
        let edges = tally
            .edges
            .iter()
            .map(|e| EdgeRow {
                from: e.from.clone(),
                choice: e.choice.clone(),
                to: e.to.clone(),
                traversals: e.traversals,
                learners: e.learners,
                learner_share: share(e.learners, tally.learners),
            })
            .collect();
        let has_names = tally
            .learner_rows
            .as_ref()
            .is_some_and(|rows| rows.iter().any(|r| r.name.is_some()));
        let learners_shown = if !options.names {
            "aggregate".to_string()
        } else if has_names {
            "names".to_string()
        } else {
            warnings.push("names were asked for, but the source has no learner names: learners are shown in aggregate only".into());
            "aggregate (names asked for; the source has none)".to_string()
        };
        let skipped = input.skipped_total();
        if skipped > 0 {
            let parts: Vec<String> = input
                .skipped
                .iter()
                .map(|s| format!("{} {} ({})", s.count, s.reason, s.examples.join(", ")))
                .collect();
            warnings.push(format!(
                "{skipped} statement{} skipped: {}",
                if skipped == 1 { "" } else { "s" },
                parts.join("; ")
            ));
        }
        if tally.outside_dates > 0 {
            warnings.push(format!(
                "{} attempts started outside the date range and are left out",
                tally.outside_dates
            ));
        }
        Report {
            format: FORMAT,
            source: options.source.clone(),
            activity: tally.scenario.clone(),
            scenario_id: scenario.map(|s| s.id.clone()),
            title: scenario.map(|s| s.title.clone()),
            file_fingerprint: file_fp,
            cohort: CohortInfo {
                grouping: options.filter.grouping.clone(),
                registrations: options.filter.registrations.clone(),
                since: options.filter.since.map(format_instant),
                until: options.filter.until.map(format_instant),
            },
            learners_shown,
            attempts: tally.attempts,
            finished: tally.finished,
            passed: tally.passed,
            failed: tally.finished - tally.passed.min(tally.finished),
            pass_rate: share(tally.passed, tally.finished),
            learners: tally.learners,
            registrations: tally.registrations,
            attempts_with_red_line: tally.red_line_attempts,
            attempts_outside_dates: tally.outside_dates,
            versions,
            overall: distribution(&dims_percent(&tally.overall)),
            dimensions,
            endings,
            red_lines,
            decisions,
            where_learners_go_wrong: wrong,
            edges,
            learner_rows: if has_names && options.names {
                tally.learner_rows.clone()
            } else {
                None
            },
            warnings,
            input: input.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_are_nearest_rank() {
        let d = distribution(&[
            (Some(10), 1),
            (Some(20), 1),
            (Some(30), 1),
            (Some(40), 1),
            (None, 2),
        ]);
        assert_eq!(
            (d.n, d.min, d.q1, d.median, d.q3, d.max),
            (4, Some(10), Some(10), Some(20), Some(30), Some(40))
        );
        assert_eq!(d.mean, Some(25.0));
        assert_eq!(d.not_assessed, 2);
        let d = distribution(&[(Some(100), 3), (Some(0), 1)]);
        assert_eq!(d.histogram[9].count, 3);
        assert_eq!(d.histogram[0].count, 1);
        assert_eq!(distribution(&[]).median, None);
    }
}
