//! The LMS and LRS runtime (issue 17): what a learner's play-through tells a SCORM LMS
//! ([`scorm`]) and an xAPI LRS ([`xapi`], with its persistent [`queue`]). Compiled into the
//! wasm only with the `lms` cargo feature, which builds the second variant of the app
//! (`dist/lms/`) that `web/loader.js` loads when an LMS API or xAPI launch parameters are
//! there; the plain build, which every other learner gets, has none of it
//! (`docs/lms.md`, "The runtime"). Everything here but [`browser`] is pure and tested
//! natively: the LMS is a trait, the clock and ids come in as values.
//!
//! [`Tracker`] turns the successive sessions the app saves into [`Event`]s (opened,
//! restarted, decided, ended); [`facts`] reads what each event means off the scenario and
//! the core's score; the two standards write those facts their own way.

pub mod facts;
pub mod queue;
pub mod scorm;
pub mod xapi;

#[cfg(feature = "lms")]
pub mod browser;

use scenario_core::{Scenario, Session};

/// What happened between two sessions the app saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The scenario was opened in this page (a fresh start or a resume).
    Opened,
    /// A new attempt replaced the previous one: "Restart", or "try a different approach"
    /// from an earlier decision (its first `kept` decisions are the old attempt's).
    Restarted {
        /// Decisions carried over from the previous attempt.
        kept: usize,
    },
    /// Decision `index` (0-based, in `session.taken`) was taken.
    Decided(usize),
    /// The session reached its ending.
    Ended,
}

/// What the tracker remembers of the last session it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    scenario: String,
    seed: u64,
    choices: Vec<String>,
    finished: bool,
}

/// Follows one scenario's sessions through a page's life. The first scenario opened (or
/// the one the LMS resumes) is the one recorded; others play as they would without an LMS.
#[derive(Debug, Default, Clone)]
pub struct Tracker {
    seen: Option<Seen>,
}

impl Tracker {
    /// The events that lead from the last session seen to `session`.
    pub fn observe(&mut self, scenario: &Scenario, session: &Session) -> Vec<Event> {
        let now = Seen {
            scenario: scenario.id.clone(),
            seed: session.seed,
            choices: session.taken.iter().map(|t| t.choice.clone()).collect(),
            finished: session.is_finished(scenario),
        };
        let mut events = Vec::new();
        match &self.seen {
            None => events.push(Event::Opened),
            Some(before) if before.scenario != now.scenario => return events,
            Some(before) if before == &now => return events,
            Some(before) => {
                let kept = before
                    .choices
                    .iter()
                    .zip(&now.choices)
                    .take_while(|(a, b)| a == b)
                    .count();
                let continued = before.seed == now.seed && kept == before.choices.len();
                let mut from = kept;
                if !continued {
                    if before.seed != now.seed {
                        from = 0;
                    }
                    events.push(Event::Restarted { kept: from });
                }
                events.extend((from..now.choices.len()).map(Event::Decided));
                if now.finished && (!before.finished || !continued) {
                    events.push(Event::Ended);
                }
            }
        }
        self.seen = Some(now);
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lms::facts::tests::bundled;

    /// promise-you-wont-tell's best route, to its positive ending.
    const BEST_ROUTE: [&str; 6] = [
        "quiet-room",
        "limits",
        "ask-today",
        "explain-next",
        "ring-999",
        "exact",
    ];

    fn choices(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn events_follow_play_restart_and_resume() {
        let scenario = bundled("promise-you-wont-tell");
        let route = choices(&BEST_ROUTE);
        let at = |n: usize, seed: u64| Session::replay(&scenario, seed, &route[..n]).unwrap();
        let mut tracker = Tracker::default();
        // Resumed after two decisions: opened, nothing re-sent.
        assert_eq!(tracker.observe(&scenario, &at(2, 7)), [Event::Opened]);
        assert_eq!(tracker.observe(&scenario, &at(2, 7)), []);
        assert_eq!(tracker.observe(&scenario, &at(3, 7)), [Event::Decided(2)]);
        assert_eq!(
            tracker.observe(&scenario, &at(6, 7)),
            [
                Event::Decided(3),
                Event::Decided(4),
                Event::Decided(5),
                Event::Ended
            ]
        );
        // The debrief shown again: nothing.
        assert_eq!(tracker.observe(&scenario, &at(6, 7)), []);
        // "Try a different approach" from decision 5: a new attempt keeping four.
        assert_eq!(
            tracker.observe(&scenario, &at(4, 7)),
            [Event::Restarted { kept: 4 }]
        );
        assert_eq!(
            tracker.observe(&scenario, &at(6, 7)),
            [Event::Decided(4), Event::Decided(5), Event::Ended]
        );
        // Restart: a new seed, nothing kept.
        assert_eq!(
            tracker.observe(&scenario, &at(0, 8)),
            [Event::Restarted { kept: 0 }]
        );
        assert_eq!(tracker.observe(&scenario, &at(1, 8)), [Event::Decided(0)]);
        // Another scenario opened in the same page is not recorded.
        let other = bundled("got-kids");
        let session = Session::new(&other, 1);
        assert_eq!(tracker.observe(&other, &session), []);
        assert_eq!(tracker.observe(&scenario, &at(2, 8)), [Event::Decided(1)]);
    }

    #[test]
    fn a_finished_session_opened_again_is_not_ended_again() {
        let scenario = bundled("promise-you-wont-tell");
        let route = choices(&BEST_ROUTE);
        let done = Session::replay(&scenario, 3, &route).unwrap();
        let mut tracker = Tracker::default();
        assert_eq!(tracker.observe(&scenario, &done), [Event::Opened]);
        assert_eq!(tracker.observe(&scenario, &done), []);
    }
}
