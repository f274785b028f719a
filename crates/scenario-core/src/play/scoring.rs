//! The normative scoring rules of format v1, applied to a session's decisions.
//!
//! At each decision reached, for each dimension `d`: `best`/`worst` are the highest/lowest
//! `scores.d` among the choices *offered* there. When `best > worst` the decision counts:
//! `earned += chosen - worst`, `possible += best - worst`. Percent is
//! `round(100 * earned / possible)` with halves up; a dimension with nothing possible is not
//! assessed. Overall is the mean of the assessed (rounded) percents, rounded the same way.
//! Passed iff no critical choice, overall ≥ `pass.overall` and every assessed dimension ≥
//! `pass.each`; with no assessed dimension only the critical rule decides.

use super::session::Session;
use crate::model::{Choice, NodeKind, Outcome, Scenario};
/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionScore {
    /// Dimension id.
    pub id: String,
    /// Its label from `dimensions.yaml`.
    pub label: String,
    /// Points earned above the worst offered choice.
    pub earned: i64,
    /// Points possible between worst and best offered choices.
    pub possible: i64,
    /// Rounded percent, or `None` when not assessed on this path.
    pub percent: Option<i64>,
}

/// One decision, for the review in the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionReview {
    /// The decision node's id.
    pub node: String,
    /// The choice taken.
    pub chosen: String,
    /// Its text.
    pub chosen_text: String,
    /// Its feedback.
    pub feedback: Option<String>,
    /// Its red-line reason, if any.
    pub critical: Option<String>,
    /// The strongest offered choice(s): highest total score, red-line choices never.
    pub best: Vec<String>,
    /// Was the choice taken among the strongest?
    pub was_best: bool,
}

/// The result of a play-through, so far or at its ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreResult {
    /// Scenario id.
    pub scenario: String,
    /// The ending node reached, when finished.
    pub ending: Option<String>,
    /// Its outcome, when finished.
    pub outcome: Option<Outcome>,
    /// Passed by the rules above (only meaningful when finished).
    pub passed: bool,
    /// Overall percent, or `None` when no dimension was assessed.
    pub overall: Option<i64>,
    /// Per dimension, in the scenario's order.
    pub dimensions: Vec<DimensionScore>,
    /// Reasons of the red-line choices taken, in order.
    pub critical: Vec<String>,
    /// Ids of the choices taken, in order.
    pub choices: Vec<String>,
    /// Decision-by-decision review.
    pub decisions: Vec<DecisionReview>,
}

/// `round(100 * earned / possible)` with halves up (`possible > 0`, `earned >= 0`).
pub fn percent(earned: i64, possible: i64) -> i64 {
    round_half_up(100 * earned, possible)
}

/// `round(numerator / denominator)`, halves up, for a positive denominator.
pub fn round_half_up(numerator: i64, denominator: i64) -> i64 {
    (2 * numerator + denominator).div_euclid(2 * denominator)
}

fn find_choice<'a>(choices: &'a [Choice], id: &str) -> Option<&'a Choice> {
    choices.iter().find(|c| c.id == id)
}

/// Scores a session by the normative rules.
pub fn score(scenario: &Scenario, session: &Session) -> ScoreResult {
    let dims = scenario.dimensions.len();
    let mut earned = vec![0i64; dims];
    let mut possible = vec![0i64; dims];
    let mut critical = Vec::new();
    let mut decisions = Vec::new();
    for taken in &session.taken {
        let Some(node) = scenario.node_index(&taken.node).map(|i| &scenario.nodes[i]) else {
            continue;
        };
        let NodeKind::Decision(choices) = &node.kind else {
            continue;
        };
        let offered: Vec<&Choice> = taken
            .offered
            .iter()
            .filter_map(|id| find_choice(choices, id))
            .collect();
        let Some(chosen) = find_choice(choices, &taken.choice) else {
            continue;
        };
        for d in 0..dims {
            let best = offered.iter().map(|c| c.scores[d]).max().unwrap_or(0);
            let worst = offered.iter().map(|c| c.scores[d]).min().unwrap_or(0);
            if best > worst {
                earned[d] += chosen.scores[d] - worst;
                possible[d] += best - worst;
            }
        }
        if let Some(reason) = &chosen.critical {
            critical.push(reason.clone());
        }
        let total = |c: &Choice| c.scores.iter().sum::<i64>();
        let safe: Vec<&&Choice> = offered.iter().filter(|c| c.critical.is_none()).collect();
        let pool: Vec<&&Choice> = if safe.is_empty() {
            offered.iter().collect()
        } else {
            safe
        };
        let top = pool.iter().map(|c| total(c)).max().unwrap_or(0);
        let best: Vec<String> = pool
            .iter()
            .filter(|c| total(c) == top)
            .map(|c| c.id.clone())
            .collect();
        decisions.push(DecisionReview {
            node: node.id.clone(),
            chosen: chosen.id.clone(),
            chosen_text: chosen.text.clone(),
            feedback: chosen.feedback.clone(),
            critical: chosen.critical.clone(),
            was_best: best.contains(&chosen.id),
            best,
        });
    }
    let dimensions: Vec<DimensionScore> = scenario
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, label)| DimensionScore {
            id: label.id.clone(),
            label: label.label.clone(),
            earned: earned[d],
            possible: possible[d],
            percent: (possible[d] > 0).then(|| percent(earned[d], possible[d])),
        })
        .collect();
    let assessed: Vec<i64> = dimensions.iter().filter_map(|d| d.percent).collect();
    let overall =
        (!assessed.is_empty()).then(|| round_half_up(assessed.iter().sum(), assessed.len() as i64));
    let passed = critical.is_empty()
        && overall.is_none_or(|o| o >= scenario.pass.overall)
        && assessed.iter().all(|&p| p >= scenario.pass.each);
    let current = session.current(scenario);
    let (ending, outcome) = match &current.kind {
        NodeKind::Ending(e) => (Some(current.id.clone()), Some(e.outcome)),
        _ => (None, None),
    };
    ScoreResult {
        scenario: scenario.id.clone(),
        ending,
        outcome,
        passed,
        overall,
        dimensions,
        critical,
        choices: session.taken.iter().map(|t| t.choice.clone()).collect(),
        decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_up() {
        assert_eq!(percent(1, 2), 50);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13); // 12.5 → 13
        assert_eq!(percent(3, 8), 38); // 37.5 → 38
        assert_eq!(percent(0, 5), 0);
        assert_eq!(percent(5, 5), 100);
        assert_eq!(round_half_up(101, 2), 51); // mean 50.5 → 51
        assert_eq!(round_half_up(100, 2), 50);
    }
}
