//! The attempt history kept on this device: one [`Attempt`] per play-through that reached an
//! ending (recorded once, however often the debrief is shown), the per-scenario best result
//! the catalogue shows, and the versioned JSON it is saved as. Scores come from the core's
//! [`ScoreResult`]; nothing is computed here. A damaged save gives a plain notice and an
//! empty history, never a failure.

use scenario_core::model::NodeKind;
use scenario_core::{json, json_record};
use scenario_core::{Scenario, ScoreResult, Session};

/// Version of the saved history format.
pub const HISTORY_FORMAT: u32 = 1;

/// At most this many attempts are kept (the oldest go first), so storage never fills up.
pub const MAX_ATTEMPTS: usize = 500;

/// One dimension's result in an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionResult {
    /// Dimension id.
    pub id: String,
    /// Its label from `dimensions.yaml`.
    pub label: String,
    /// Percent, or `None` when not assessed on this path.
    pub percent: Option<i64>,
}

/// A play-through that reached an ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// When the ending was reached (ISO 8601, UTC).
    pub date: String,
    /// Scenario id.
    pub scenario: String,
    /// Scenario title.
    pub title: String,
    /// The ending's node id.
    pub ending: String,
    /// The ending's title.
    pub ending_title: String,
    /// `positive`, `mixed` or `negative`.
    pub outcome: String,
    /// Overall percent, `None` when nothing was assessed.
    pub overall: Option<i64>,
    /// Passed by the scenario's rules.
    pub passed: bool,
    /// Number of red-line choices taken.
    pub red_lines: usize,
    /// Per dimension, in the scenario's order.
    pub dimensions: Vec<DimensionResult>,
    /// Identifies the play-through (see [`attempt_key`]) so it is recorded once.
    pub key: String,
}

/// What identifies one play-through: the scenario, the session's seed (new for every fresh
/// start) and the choices taken. Showing the same debrief again gives the same key; trying
/// a different approach from a decision gives a new one as soon as a choice differs.
pub fn attempt_key(session: &Session) -> String {
    let choices: Vec<&str> = session.taken.iter().map(|t| t.choice.as_str()).collect();
    format!(
        "{}:{}:{}",
        session.scenario,
        session.seed,
        choices.join(",")
    )
}

impl Attempt {
    /// The attempt for a finished session and the core's result for it, dated `date`;
    /// `None` when the session has not reached an ending.
    pub fn new(
        scenario: &Scenario,
        session: &Session,
        result: &ScoreResult,
        date: &str,
    ) -> Option<Attempt> {
        let node = session.current(scenario);
        let NodeKind::Ending(ending) = &node.kind else {
            return None;
        };
        Some(Attempt {
            date: date.to_owned(),
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            ending: node.id.clone(),
            ending_title: ending.title.clone(),
            outcome: ending.outcome.as_str().to_owned(),
            overall: result.overall,
            passed: result.passed,
            red_lines: result.critical.len(),
            dimensions: result
                .dimensions
                .iter()
                .map(|d| DimensionResult {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    percent: d.percent,
                })
                .collect(),
            key: attempt_key(session),
        })
    }
}

/// A scenario's best result on this device, for its catalogue card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Best {
    /// How many attempts reached an ending.
    pub attempts: usize,
    /// Whether any passed.
    pub passed: bool,
    /// The highest overall among the passed attempts if any passed, else among all.
    pub overall: Option<i64>,
}

/// Every attempt recorded on this device, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// [`HISTORY_FORMAT`] (0 when the save has none).
    pub version: u32,
    /// The attempts, oldest first.
    pub attempts: Vec<Attempt>,
}

impl History {
    /// The history saved as `json` and, when it could not be used, a plain notice saying so
    /// (the history then starts empty).
    pub fn parse(json: Option<&str>) -> (History, Option<String>) {
        let Some(json) = json else {
            return (History::default(), None);
        };
        let notice = |why: &str| {
            Some(format!(
                "Your attempt history on this device could not be read ({why}), so it starts again from empty."
            ))
        };
        match json::from_str::<History>(json) {
            Ok(history) if history.version == HISTORY_FORMAT => (history, None),
            Ok(_) => (
                History::default(),
                notice("it was saved by a different version of the app"),
            ),
            Err(_) => (History::default(), notice("it was damaged")),
        }
    }

    /// The history as JSON, for saving.
    pub fn to_json(&self) -> String {
        let saved = History {
            version: HISTORY_FORMAT,
            attempts: self.attempts.clone(),
        };
        json::to_string(&saved)
    }

    /// Is the play-through with this key already recorded?
    pub fn contains(&self, key: &str) -> bool {
        self.attempts.iter().any(|a| a.key == key)
    }

    /// Records `attempt` unless its play-through is already there; keeps the newest
    /// [`MAX_ATTEMPTS`]. Returns whether it was added.
    pub fn record(&mut self, attempt: Attempt) -> bool {
        if self.contains(&attempt.key) {
            return false;
        }
        self.version = HISTORY_FORMAT;
        self.attempts.push(attempt);
        let excess = self.attempts.len().saturating_sub(MAX_ATTEMPTS);
        self.attempts.drain(..excess);
        true
    }

    /// The best result for scenario `id`, when it has been finished on this device.
    pub fn best(&self, id: &str) -> Option<Best> {
        let mine: Vec<&Attempt> = self.attempts.iter().filter(|a| a.scenario == id).collect();
        if mine.is_empty() {
            return None;
        }
        let passed = mine.iter().any(|a| a.passed);
        let overall = mine
            .iter()
            .filter(|a| a.passed == passed)
            .filter_map(|a| a.overall)
            .max();
        Some(Best {
            attempts: mine.len(),
            passed,
            overall,
        })
    }
}

// The saved form, field for field as learners' devices hold it (held to the golden files in
// tests/fixtures/saves/ by src/saves.rs).
json_record!(DimensionResult { id, label, percent });
json_record!(Attempt {
    date,
    scenario,
    title,
    ending,
    ending_title,
    outcome,
    overall,
    passed,
    red_lines,
    dimensions,
    key
});
json_record!(History {
    version = 0,
    attempts
});

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::player::tests::scenario;

    /// An attempt at scenario `id` with these results.
    pub fn attempt(id: &str, key: &str, overall: Option<i64>, passed: bool) -> Attempt {
        Attempt {
            date: "2026-01-02T03:04:05.000Z".into(),
            scenario: id.into(),
            title: format!("Title of {id}"),
            ending: "end".into(),
            ending_title: "The end".into(),
            outcome: "mixed".into(),
            overall,
            passed,
            red_lines: 0,
            dimensions: vec![],
            key: key.into(),
        }
    }

    #[test]
    fn a_finished_session_becomes_an_attempt_with_the_cores_result() {
        let s = scenario();
        let choices = ["promise".to_owned()];
        let session = Session::replay(&s, 9, &choices).expect("the path plays");
        let result = scenario_core::score(&s, &session);
        let a = Attempt::new(&s, &session, &result, "2026-05-06T07:08:09.000Z").expect("finished");
        assert_eq!(a.scenario, "tiny");
        assert_eq!(a.title, "Tiny");
        assert_eq!(
            (a.ending.as_str(), a.ending_title.as_str()),
            ("end-bad", "A secret")
        );
        assert_eq!(a.outcome, "negative");
        assert_eq!((a.overall, a.passed, a.red_lines), (Some(0), false, 1));
        let dims: Vec<(&str, Option<i64>)> = a
            .dimensions
            .iter()
            .map(|d| (d.label.as_str(), d.percent))
            .collect();
        assert_eq!(
            dims,
            vec![
                ("Professional boundaries", Some(0)),
                ("Safeguarding", Some(0))
            ]
        );
        assert_eq!(a.key, "tiny:9:promise");
        assert_eq!(a.date, "2026-05-06T07:08:09.000Z");

        let unfinished = Session::new(&s, 9);
        let result = scenario_core::score(&s, &unfinished);
        assert_eq!(Attempt::new(&s, &unfinished, &result, "x"), None);
    }

    #[test]
    fn each_play_through_is_recorded_once_and_the_oldest_go_first() {
        let mut history = History::default();
        assert!(history.record(attempt("a", "a:1:x", Some(50), false)));
        assert!(
            !history.record(attempt("a", "a:1:x", Some(50), false)),
            "same key"
        );
        assert!(history.record(attempt("a", "a:1:y", Some(80), true)));
        assert_eq!(history.attempts.len(), 2);
        for i in 0..MAX_ATTEMPTS {
            history.record(attempt("b", &format!("b:{i}"), None, true));
        }
        assert_eq!(history.attempts.len(), MAX_ATTEMPTS);
        assert!(!history.contains("a:1:x") && !history.contains("a:1:y"));
        assert!(history.contains(&format!("b:{}", MAX_ATTEMPTS - 1)));
    }

    #[test]
    fn the_best_result_prefers_a_pass_then_the_highest_overall() {
        let mut history = History::default();
        assert_eq!(history.best("a"), None);
        history.record(attempt("a", "1", Some(90), false));
        history.record(attempt("a", "2", Some(40), false));
        let best = history.best("a").expect("tried");
        assert_eq!(
            (best.attempts, best.passed, best.overall),
            (2, false, Some(90))
        );
        history.record(attempt("a", "3", Some(75), true));
        history.record(attempt("b", "4", None, true));
        let best = history.best("a").expect("tried");
        assert_eq!(
            (best.attempts, best.passed, best.overall),
            (3, true, Some(75))
        );
        let b = history.best("b").expect("tried");
        assert_eq!((b.attempts, b.passed, b.overall), (1, true, None));
    }

    #[test]
    fn saves_round_trip_and_bad_saves_give_a_notice() {
        let mut history = History::default();
        history.record(attempt("a", "1", Some(90), false));
        let (again, notice) = History::parse(Some(&history.to_json()));
        assert_eq!((again, notice), (history, None));
        assert_eq!(History::parse(None), (History::default(), None));
        for bad in [
            "{oops",
            "[]",
            r#"{"version": 7, "attempts": []}"#,
            r#"{"attempts": 3}"#,
        ] {
            let (empty, notice) = History::parse(Some(bad));
            assert_eq!(empty, History::default(), "{bad}");
            let notice = notice.unwrap_or_default();
            assert!(
                notice.starts_with("Your attempt history on this device could not be read"),
                "{bad}: {notice}"
            );
        }
    }
}
