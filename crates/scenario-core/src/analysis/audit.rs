//! The library audit: advice to authors on what their scenarios teach and how guessable
//! they are, per scenario and for a whole folder (`scenario audit`).
//!
//! A learner should not be able to pass by spotting a pattern (the strongest answer is the
//! longest), nor by doing what the domain guide calls dangerous (a red-line act, or a
//! choice scored −3, on a playthrough that passes or ends well). The checker refuses what
//! is wrong in one file; the audit measures what only shows across choices and files, and
//! [`LibraryAudit::breaches`] holds a library to the limits CI holds the bundled one to.

use super::accumulate::RangeLimit;
use super::graph::{StateGraph, STATE_BUDGET};
use super::passing::{marked_on_passing, CHECK_ACCUMULATOR_BUDGET};
use crate::model::{Choice, NodeIndex, NodeKind, Outcome, Scenario};

/// The most decisions, as a share of a library's, whose strongest choice may also be the
/// longest (the limit: a third).
pub const MAX_STRONGEST_LONGEST: (usize, usize) = (1, 3);

/// A choice: its decision node and its index among that node's choices.
pub type ChoiceAt = (NodeIndex, usize);

/// What the audit found in one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioAudit {
    /// The scenario's id.
    pub id: String,
    /// Decisions whose choices do not all score the same total (the ones a pattern can give
    /// away).
    pub decisions: usize,
    /// Of those, the ones where a strongest choice (highest total score) is also the longest
    /// text.
    pub strongest_longest: Vec<NodeIndex>,
    /// ... and where a strongest choice is also the shortest text.
    pub strongest_shortest: Vec<NodeIndex>,
    /// Choices scored −3 on some dimension that some passing playthrough takes.
    pub minus_three_on_passing: Result<Vec<ChoiceAt>, RangeLimit>,
    /// Choices scored −3 on some dimension after which a positive ending can be reached.
    pub minus_three_on_positive: Result<Vec<ChoiceAt>, RangeLimit>,
    /// Choices that cross a red line which some passing playthrough takes.
    pub red_line_on_passing: Result<Vec<ChoiceAt>, RangeLimit>,
    /// Choices that cross a red line after which a positive ending can be reached.
    pub red_line_on_positive: Result<Vec<ChoiceAt>, RangeLimit>,
    /// Critical choices that name no red-line act.
    pub critical_without_red_line: Vec<ChoiceAt>,
    /// The red-line acts its choices cross, sorted.
    pub red_lines: Vec<String>,
    /// Its dimensions and topics (ids).
    pub dimensions: Vec<String>,
    /// Its topics (ids).
    pub topics: Vec<String>,
    /// Flesch-Kincaid grade of all choice texts, and of all feedback.
    pub reading_choices: Option<f64>,
    /// See `reading_choices`.
    pub reading_feedback: Option<f64>,
    /// Its reflection questions.
    pub reflection: Vec<String>,
}

/// What the audit found in a library (a folder of scenarios).
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryAudit {
    /// Each scenario's audit, in the order given.
    pub scenarios: Vec<ScenarioAudit>,
    /// Reflection questions asked in more than one scenario (compared ignoring case and
    /// punctuation), with the scenarios that ask them.
    pub repeated_reflection: Vec<(String, Vec<String>)>,
}

/// Audits one scenario.
pub fn audit_scenario(scenario: &Scenario) -> ScenarioAudit {
    let mut decisions = 0;
    let mut strongest_longest = Vec::new();
    let mut strongest_shortest = Vec::new();
    let mut minus_three = Vec::new();
    let mut red_line = Vec::new();
    let mut critical_without_red_line = Vec::new();
    let mut red_lines = Vec::new();
    let mut choice_texts = Vec::new();
    let mut feedback_texts = Vec::new();
    for (n, node) in scenario.nodes.iter().enumerate() {
        let NodeKind::Decision(choices) = &node.kind else {
            continue;
        };
        for (c, choice) in choices.iter().enumerate() {
            if choice.scores.contains(&-3) {
                minus_three.push((n, c));
            }
            if !choice.red_lines.is_empty() {
                red_line.push((n, c));
                red_lines.extend(choice.red_lines.iter().cloned());
            } else if choice.critical.is_some() {
                critical_without_red_line.push((n, c));
            }
            choice_texts.push(choice.text.as_str());
            feedback_texts.extend(choice.feedback.as_deref());
        }
        match pattern(choices) {
            None => {}
            Some((longest, shortest)) => {
                decisions += 1;
                if longest {
                    strongest_longest.push(n);
                }
                if shortest {
                    strongest_shortest.push(n);
                }
            }
        }
    }
    red_lines.sort();
    red_lines.dedup();

    let graph = StateGraph::explore(scenario, STATE_BUDGET);
    let on_positive = |marked: &[ChoiceAt]| -> Result<Vec<ChoiceAt>, RangeLimit> {
        if graph.truncated {
            return Err(RangeLimit::States);
        }
        let positive = graph.can_reach(
            scenario,
            |k| matches!(k, NodeKind::Ending(e) if e.outcome == Outcome::Positive),
        );
        let mut found: Vec<ChoiceAt> = marked
            .iter()
            .copied()
            .filter(|&(n, c)| {
                graph.states.iter().enumerate().any(|(s, st)| {
                    st.node == n
                        && graph.edges[s]
                            .iter()
                            .any(|e| e.choice == Some(c) && positive[e.to])
                })
            })
            .collect();
        found.sort_unstable();
        Ok(found)
    };
    let on_passing = |marked: &[ChoiceAt]| -> Result<Vec<ChoiceAt>, RangeLimit> {
        let flags = marked_on_passing(scenario, &graph, marked, CHECK_ACCUMULATOR_BUDGET)?;
        Ok(marked
            .iter()
            .zip(flags)
            .filter_map(|(&m, on)| on.then_some(m))
            .collect())
    };

    ScenarioAudit {
        id: scenario.id.clone(),
        decisions,
        strongest_longest,
        strongest_shortest,
        minus_three_on_passing: on_passing(&minus_three),
        minus_three_on_positive: on_positive(&minus_three),
        red_line_on_passing: on_passing(&red_line),
        red_line_on_positive: on_positive(&red_line),
        critical_without_red_line,
        red_lines,
        dimensions: scenario.dimensions.iter().map(|d| d.id.clone()).collect(),
        topics: scenario.topics.iter().map(|t| t.id.clone()).collect(),
        reading_choices: grade(&choice_texts),
        reading_feedback: grade(&feedback_texts),
        reflection: scenario.debrief.reflection.clone(),
    }
}

/// Whether a strongest choice (highest total score) is also the longest text, and also the
/// shortest; `None` for a decision a pattern cannot give away (fewer than two choices, or
/// every total the same).
fn pattern(choices: &[Choice]) -> Option<(bool, bool)> {
    let total = |c: &Choice| c.scores.iter().sum::<i64>();
    let best = choices.iter().map(total).max()?;
    if choices.len() < 2 || choices.iter().all(|c| total(c) == best) {
        return None;
    }
    let len = |c: &Choice| c.text.chars().count();
    let longest = choices.iter().map(len).max()?;
    let shortest = choices.iter().map(len).min()?;
    let strongest = |c: &&Choice| total(c) == best;
    Some((
        choices.iter().filter(strongest).any(|c| len(c) == longest),
        choices.iter().filter(strongest).any(|c| len(c) == shortest),
    ))
}

/// The Flesch-Kincaid grade of these texts read as one (each ends a sentence).
fn grade(texts: &[&str]) -> Option<f64> {
    if texts.is_empty() {
        return None;
    }
    let joined: String = texts
        .iter()
        .map(|t| {
            let t = t.trim();
            if t.ends_with(['.', '!', '?']) {
                format!("{t} ")
            } else {
                format!("{t}. ")
            }
        })
        .collect();
    Some(textstat::flesch_kincaid_grade(&joined))
}

/// A reflection question as compared across scenarios: lower case, letters, digits and
/// single spaces.
fn normalised(question: &str) -> String {
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Audits a library.
pub fn audit_library(scenarios: &[Scenario]) -> LibraryAudit {
    let audits: Vec<ScenarioAudit> = scenarios.iter().map(audit_scenario).collect();
    let mut asked: Vec<(String, String, Vec<String>)> = Vec::new();
    for a in &audits {
        for q in &a.reflection {
            let key = normalised(q);
            match asked.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, ids)) => {
                    if !ids.contains(&a.id) {
                        ids.push(a.id.clone());
                    }
                }
                None => asked.push((key, q.clone(), vec![a.id.clone()])),
            }
        }
    }
    LibraryAudit {
        scenarios: audits,
        repeated_reflection: asked
            .into_iter()
            .filter(|(_, _, ids)| ids.len() > 1)
            .map(|(_, q, ids)| (q, ids))
            .collect(),
    }
}

impl LibraryAudit {
    /// Decisions a pattern could give away, in all scenarios.
    pub fn decisions(&self) -> usize {
        self.scenarios.iter().map(|a| a.decisions).sum()
    }

    /// Of those, where a strongest choice is the longest.
    pub fn strongest_longest(&self) -> usize {
        self.scenarios
            .iter()
            .map(|a| a.strongest_longest.len())
            .sum()
    }

    /// Of those, where a strongest choice is the shortest.
    pub fn strongest_shortest(&self) -> usize {
        self.scenarios
            .iter()
            .map(|a| a.strongest_shortest.len())
            .sum()
    }

    /// Where the library is past the limits CI holds the bundled library to, one sentence
    /// each (empty when within them): the strongest choice is the longest in more than a
    /// third of decisions; a red-line act lies on a passing playthrough; a −3 choice can
    /// still end positively; or one of these could not be worked out exactly.
    pub fn breaches(&self) -> Vec<String> {
        let mut out = Vec::new();
        let (num, den) = MAX_STRONGEST_LONGEST;
        if self.strongest_longest() * den > self.decisions() * num {
            out.push(format!(
                "the strongest choice is also the longest in {} of {} decisions, more than {num} in {den}",
                self.strongest_longest(),
                self.decisions()
            ));
        }
        for a in &self.scenarios {
            for (what, found) in [
                (
                    "a red-line choice lies on a passing playthrough",
                    &a.red_line_on_passing,
                ),
                (
                    "a choice scored -3 can still end positively",
                    &a.minus_three_on_positive,
                ),
            ] {
                match found {
                    Ok(at) if at.is_empty() => {}
                    Ok(at) => out.push(format!("{}: {what} ({} choice(s))", a.id, at.len())),
                    Err(limit) => out.push(format!(
                        "{}: could not tell whether {what} ({limit:?})",
                        a.id
                    )),
                }
            }
        }
        out
    }
}
