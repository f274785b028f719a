//! The play state: which scenario is open, its [`Session`], and the feedback waiting to be
//! read after a choice. A plain struct with an [`Action`] enum and `impl Reducible`, as in
//! Yew's function_todomvc. The reducer only calls the core; everything from outside (the
//! saved JSON, the shuffle seed) comes in with the action, and saving happens in an effect
//! in [`crate::app`], so all of this runs and is tested natively.

use scenario_core::model::links::Links;
use scenario_core::model::{NodeIndex, NodeKind, Scenario};
use scenario_core::play::session::RestoreError;
use scenario_core::Session;
use scenario_core::{json, json_record};
use scenario_core::{session_at, Routes};
use std::rc::Rc;
use yew::Reducible;

/// Feedback on the choice just taken, shown before the learner moves on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The decision node the choice was taken at (still shown above the feedback).
    pub node: NodeIndex,
    /// The choice taken.
    pub choice: String,
    /// Its feedback.
    pub feedback: Option<String>,
    /// Its red-line reason, when it crosses one.
    pub critical: Option<String>,
}

/// What is saved next to the session so a reload right after a choice shows its feedback
/// again: the decision and choice, and the session's step when the feedback was pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMarker {
    /// `session.trail.len()` right after the choice.
    pub step: usize,
    /// The decision node's id.
    pub node: String,
    /// The choice's id.
    pub choice: String,
}

impl PendingMarker {
    /// The marker as JSON, for saving.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }
}

json_record!(PendingMarker { step, node, choice });

/// A scenario being played.
#[derive(Debug, Clone)]
pub struct Play {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// The trainer's routes to every node (from the scenario's pack).
    pub routes: Rc<Routes>,
    /// Its texts' links to the glossary page (from the scenario's pack).
    pub links: Rc<Links>,
    /// The learner's play-through.
    pub session: Session,
    /// Feedback on the last choice, until the learner continues.
    pub pending: Option<Pending>,
    /// Why saved progress could not be resumed, until the learner takes a step.
    pub notice: Option<String>,
    /// A step the core refused (the checker prevents these; shown, never a panic).
    pub error: Option<String>,
}

/// The scenario is compared by pointer: it is immutable once loaded, and walking every
/// node on each render would be slow.
impl PartialEq for Play {
    fn eq(&self, other: &Play) -> bool {
        Rc::ptr_eq(&self.scenario, &other.scenario)
            && Rc::ptr_eq(&self.routes, &other.routes)
            && Rc::ptr_eq(&self.links, &other.links)
            && self.session == other.session
            && self.pending == other.pending
            && self.notice == other.notice
            && self.error == other.error
    }
}

impl Play {
    fn fresh(scenario: Rc<Scenario>, routes: Rc<Routes>, links: Rc<Links>, seed: u64) -> Play {
        Play {
            session: Session::new(&scenario, seed),
            scenario,
            routes,
            links,
            pending: None,
            notice: None,
            error: None,
        }
    }

    /// The scenario's id.
    pub fn id(&self) -> &str {
        &self.scenario.id
    }

    /// Has the learner started (taken a decision or moved past the first node)?
    pub fn started(&self) -> bool {
        self.session.trail.len() > 1
    }

    /// Has the play-through reached an ending (feedback may still be pending)?
    pub fn finished(&self) -> bool {
        self.session.is_finished(&self.scenario)
    }

    /// Number of the step on screen, counting from 1.
    pub fn step(&self) -> usize {
        self.session
            .trail
            .len()
            .saturating_sub(usize::from(self.pending.is_some()))
    }

    /// The marker to save for the pending feedback, if any.
    pub fn pending_marker(&self) -> Option<PendingMarker> {
        let pending = self.pending.as_ref()?;
        Some(PendingMarker {
            step: self.session.trail.len(),
            node: self.scenario.nodes.get(pending.node)?.id.clone(),
            choice: pending.choice.clone(),
        })
    }
}

/// What storage held for a scenario when it was opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// The session JSON.
    pub session: Option<String>,
    /// The pending-feedback marker JSON.
    pub pending: Option<String>,
}

/// The app's play state: at most one open scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlayerState {
    /// The open scenario, if any.
    pub play: Option<Play>,
}

impl PlayerState {
    /// The open scenario, when it is `id`.
    pub fn play_of(&self, id: &str) -> Option<&Play> {
        self.play.as_ref().filter(|play| play.id() == id)
    }
}

/// Everything that changes the play state.
#[derive(Debug, Clone)]
pub enum Action {
    /// Open a scenario: resume `saved` when the core accepts it, else start fresh with `seed`.
    /// Does nothing when this scenario is already open.
    Open {
        /// The scenario.
        scenario: Rc<Scenario>,
        /// Its routes.
        routes: Rc<Routes>,
        /// Its texts' glossary links.
        links: Rc<Links>,
        /// What storage held for it.
        saved: Saved,
        /// Seed for a fresh session's choice order.
        seed: u64,
    },
    /// Take the offered choice with this id.
    Choose(String),
    /// Move on: past pending feedback, or through a passage.
    Continue,
    /// Start the open scenario again from the beginning.
    Restart {
        /// Seed for the new session's choice order.
        seed: u64,
    },
    /// Go back to just before decision `n` (0-based) of the open scenario, keeping the
    /// decisions before it and the choice order ("try a different approach from here").
    RestartBefore(usize),
    /// Trainer mode: replay real choices from the start to the node with this id.
    JumpTo(String),
    /// Close the open scenario (after "clear my data").
    Close,
}

impl Reducible for PlayerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let play = match action {
            Action::Open {
                scenario,
                routes,
                links,
                saved,
                seed,
            } => {
                if self.play_of(&scenario.id).is_some() {
                    return self;
                }
                open(scenario, routes, links, saved, seed)
            }
            Action::Choose(choice) => {
                let Some(mut play) = self.play.clone() else {
                    return self;
                };
                if play.pending.is_some() || play.finished() {
                    return self;
                }
                let at = play.session.node_index(&play.scenario);
                match play.session.choose(&play.scenario, &choice) {
                    Ok(chosen) => {
                        play.pending = Some(Pending {
                            node: at,
                            choice: chosen.id,
                            feedback: chosen.feedback,
                            critical: chosen.critical,
                        });
                        play.notice = None;
                        play.error = None;
                    }
                    Err(e) => play.error = Some(e.to_string()),
                }
                play
            }
            Action::Continue => {
                let Some(mut play) = self.play.clone() else {
                    return self;
                };
                if play.pending.is_some() {
                    play.pending = None;
                } else if matches!(
                    play.session.current(&play.scenario).kind,
                    NodeKind::Passage(_)
                ) {
                    match play.session.proceed(&play.scenario) {
                        Ok(()) => play.error = None,
                        Err(e) => play.error = Some(e.to_string()),
                    }
                } else {
                    return self;
                }
                play.notice = None;
                play
            }
            Action::Restart { seed } => {
                let Some(play) = &self.play else {
                    return self;
                };
                Play::fresh(
                    play.scenario.clone(),
                    play.routes.clone(),
                    play.links.clone(),
                    seed,
                )
            }
            Action::RestartBefore(index) => {
                let Some(mut play) = self.play.clone() else {
                    return self;
                };
                match play.session.restart_before(&play.scenario, index) {
                    Ok(session) => {
                        play.session = session;
                        play.error = None;
                    }
                    Err(e) => play.error = Some(e.to_string()),
                }
                play.pending = None;
                play.notice = None;
                play
            }
            Action::JumpTo(node) => {
                let Some(mut play) = self.play.clone() else {
                    return self;
                };
                match session_at(&play.scenario, &play.routes, play.session.seed, &node) {
                    Some(session) => {
                        play.session = session;
                        play.error = None;
                    }
                    None => play.error = Some(format!("no route leads to `{node}`")),
                }
                play.pending = None;
                play.notice = None;
                play
            }
            Action::Close => {
                if self.play.is_none() {
                    return self;
                }
                return Rc::new(PlayerState { play: None });
            }
        };
        Rc::new(PlayerState { play: Some(play) })
    }
}

/// Resumes `saved` or starts fresh, with a notice when a save was refused.
fn open(
    scenario: Rc<Scenario>,
    routes: Rc<Routes>,
    links: Rc<Links>,
    saved: Saved,
    seed: u64,
) -> Play {
    let Some(json) = saved.session else {
        return Play::fresh(scenario, routes, links, seed);
    };
    match Session::restore(&json, &scenario) {
        Ok(session) => {
            let pending = saved
                .pending
                .and_then(|marker| json::from_str::<PendingMarker>(&marker).ok())
                .and_then(|marker| pending_from_marker(&scenario, &session, &marker));
            Play {
                scenario,
                routes,
                links,
                session,
                pending,
                notice: None,
                error: None,
            }
        }
        Err(e) => Play {
            notice: Some(refused_notice(&e)),
            ..Play::fresh(scenario, routes, links, seed)
        },
    }
}

/// A plain sentence on why saved progress was not resumed.
pub fn refused_notice(error: &RestoreError) -> String {
    let why = match error {
        RestoreError::Corrupt(_) => "it was damaged",
        RestoreError::OldVersion(_) => "it was saved by an older version of this app",
        RestoreError::OtherScenario(_) => "it belongs to a different scenario",
        RestoreError::ScenarioChanged => "this scenario has been updated since",
    };
    format!("Your saved progress could not be used because {why}, so you are starting from the beginning.")
}

/// The pending feedback a marker describes, when it still fits the session exactly.
fn pending_from_marker(
    scenario: &Scenario,
    session: &Session,
    marker: &PendingMarker,
) -> Option<Pending> {
    let last = session.taken.last()?;
    if marker.step != session.trail.len()
        || last.node != marker.node
        || last.choice != marker.choice
    {
        return None;
    }
    let node = scenario.node_index(&marker.node)?;
    let NodeKind::Decision(choices) = &scenario.nodes[node].kind else {
        return None;
    };
    let choice = choices.iter().find(|c| c.id == marker.choice)?;
    Some(Pending {
        node,
        choice: choice.id.clone(),
        feedback: choice.feedback.clone(),
        critical: choice.critical.clone(),
    })
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use scenario_testkit::author::{load_scenario, load_vocabulary, routes_of};

    const DIMENSIONS: &str = r#"format: 1
dimensions:
  boundaries: { label: "Professional boundaries" }
  safeguarding: { label: "Safeguarding" }
topics:
  safeguarding: { label: "Responding to risk" }
"#;

    const SCENARIO: &str = r#"format: 1
id: tiny
title: "Tiny"
summary: "A tiny scenario."
setting: "A room."
audiences: [induction]
topics: [safeguarding]
characters:
  dan: { name: Dan, role: service user }
dimensions: [boundaries, safeguarding]
start: arrive
nodes:
  arrive:
    narration: "Dan arrives."
    next: secret
  secret:
    say:
      - dan: "Promise you won't tell?"
    choices:
      - id: limits
        text: "I can't promise that."
        scores: { safeguarding: 3, boundaries: 2 }
        feedback: "State the limits first."
        next: end-good
      - id: promise
        text: "Of course."
        scores: { safeguarding: -3, boundaries: -3 }
        feedback: "Never promise secrecy."
        critical: "Promising secrecy can leave a child at risk."
        next: end-bad
  end-good:
    ending: { outcome: positive, title: "Held", text: "You held the boundary." }
  end-bad:
    ending: { outcome: negative, title: "A secret", text: "You hold a secret." }
"#;

    /// A tiny scenario: a passage, one decision (one choice crosses a red line), two endings.
    pub fn scenario() -> Rc<Scenario> {
        let vocabulary = load_vocabulary(DIMENSIONS)
            .value
            .expect("test vocabulary loads");
        let loaded = load_scenario(SCENARIO, "tiny", &vocabulary);
        let errors: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        Rc::new(
            loaded
                .value
                .unwrap_or_else(|| panic!("test scenario loads: {errors:?}")),
        )
    }

    /// The routes of [`scenario`], found as `scenario pack` finds them.
    pub fn routes() -> Rc<Routes> {
        Rc::new(routes_of(&scenario()))
    }

    fn opened(saved: Saved) -> Rc<PlayerState> {
        Rc::new(PlayerState::default()).reduce(Action::Open {
            routes: routes(),
            links: Rc::default(),
            scenario: scenario(),
            saved,
            seed: 7,
        })
    }

    fn play(state: &PlayerState) -> &Play {
        state.play.as_ref().expect("a scenario is open")
    }

    fn node(state: &PlayerState) -> &str {
        &play(state).session.node
    }

    #[test]
    fn plays_through_a_passage_a_choice_and_its_feedback() {
        let state = opened(Saved::default());
        assert_eq!(node(&state), "arrive");
        assert!(!play(&state).started());
        let state = state.reduce(Action::Choose("limits".into()));
        assert_eq!(node(&state), "arrive", "no choice at a passage");
        let state = state.reduce(Action::Continue);
        assert_eq!(node(&state), "secret");
        assert_eq!(play(&state).step(), 2);
        let state = state.reduce(Action::Choose("promise".into()));
        let pending = play(&state).pending.clone().expect("feedback pending");
        assert_eq!(pending.choice, "promise");
        assert_eq!(pending.feedback.as_deref(), Some("Never promise secrecy."));
        assert_eq!(
            pending.critical.as_deref(),
            Some("Promising secrecy can leave a child at risk.")
        );
        assert_eq!(node(&state), "end-bad");
        assert_eq!(
            play(&state).step(),
            2,
            "the decision stays on screen under its feedback"
        );
        let before = state.clone();
        let state = state.reduce(Action::Choose("limits".into()));
        assert!(
            Rc::ptr_eq(&before, &state),
            "no second choice while feedback is pending"
        );
        let state = state.reduce(Action::Continue);
        assert!(play(&state).pending.is_none());
        assert!(play(&state).finished());
        let before = state.clone();
        assert!(
            Rc::ptr_eq(&before, &state.reduce(Action::Continue)),
            "nothing to continue at an ending"
        );
    }

    #[test]
    fn a_choice_not_offered_is_an_error_not_a_panic() {
        let state = opened(Saved::default())
            .reduce(Action::Continue)
            .reduce(Action::Choose("nope".into()));
        assert!(play(&state)
            .error
            .as_deref()
            .is_some_and(|e| e.contains("nope")));
        assert_eq!(node(&state), "secret");
    }

    #[test]
    fn resumes_a_save_with_its_pending_feedback() {
        let state = opened(Saved::default())
            .reduce(Action::Continue)
            .reduce(Action::Choose("limits".into()));
        let saved = Saved {
            session: Some(play(&state).session.to_json()),
            pending: play(&state).pending_marker().map(|m| m.to_json()),
        };
        let resumed = opened(saved.clone());
        assert_eq!(play(&resumed).session, play(&state).session);
        assert_eq!(play(&resumed).pending, play(&state).pending);
        assert_eq!(play(&resumed).notice, None);

        let without_marker = opened(Saved {
            pending: None,
            ..saved.clone()
        });
        assert_eq!(play(&without_marker).pending, None);
        assert_eq!(node(&without_marker), "end-good");

        let stale_marker = PendingMarker {
            step: 1,
            node: "secret".into(),
            choice: "limits".into(),
        };
        let stale = opened(Saved {
            pending: Some(stale_marker.to_json()),
            ..saved
        });
        assert_eq!(play(&stale).pending, None);
    }

    #[test]
    fn a_refused_save_starts_fresh_with_a_notice() {
        for bad in ["{not json", r#"{"version": 99}"#, ""] {
            let state = opened(Saved {
                session: Some(bad.into()),
                pending: Some("garbage".into()),
            });
            let notice = play(&state).notice.clone().expect("a notice");
            assert!(
                notice.starts_with("Your saved progress could not be used because "),
                "{notice}"
            );
            assert!(
                notice.ends_with(", so you are starting from the beginning."),
                "{notice}"
            );
            assert_eq!(node(&state), "arrive");
            assert_eq!(play(&state).pending, None);
            let state = state.reduce(Action::Continue);
            assert_eq!(
                play(&state).notice,
                None,
                "the notice goes once the learner moves on"
            );
        }
    }

    #[test]
    fn opening_the_open_scenario_keeps_it_and_restart_starts_again() {
        let state = opened(Saved::default()).reduce(Action::Continue);
        let again = state.clone().reduce(Action::Open {
            routes: routes(),
            links: Rc::default(),
            scenario: scenario(),
            saved: Saved::default(),
            seed: 1,
        });
        assert!(Rc::ptr_eq(&state, &again));
        let restarted = again.reduce(Action::Restart { seed: 3 });
        assert_eq!(node(&restarted), "arrive");
        assert_eq!(play(&restarted).session.seed, 3);
    }

    #[test]
    fn every_refusal_reads_plainly() {
        let s = scenario();
        let changed = Session {
            fingerprint: s.fingerprint ^ 1,
            ..Session::new(&s, 1)
        };
        let other = Session {
            scenario: "other".into(),
            ..Session::new(&s, 1)
        };
        let old = r#"{"version": 0}"#;
        for (json, why) in [
            (changed.to_json(), "this scenario has been updated since"),
            (other.to_json(), "it belongs to a different scenario"),
            (old.to_owned(), "an older version of this app"),
            ("{".to_owned(), "it was damaged"),
        ] {
            let state = opened(Saved {
                session: Some(json),
                pending: None,
            });
            let notice = play(&state).notice.clone().unwrap_or_default();
            assert!(notice.contains(why), "{notice}");
            assert!(
                !notice.contains('`') && !notice.contains("line"),
                "{notice}"
            );
        }
    }

    #[test]
    fn restarting_before_a_decision_keeps_the_ones_before_it() {
        let finished = opened(Saved::default())
            .reduce(Action::Continue)
            .reduce(Action::Choose("promise".into()))
            .reduce(Action::Continue);
        assert!(play(&finished).finished());
        let again = finished.reduce(Action::RestartBefore(0));
        assert_eq!(node(&again), "secret", "at the decision, past the passage");
        assert!(play(&again).session.taken.is_empty());
        assert_eq!(play(&again).session.seed, 7, "same choice order");
        assert_eq!(play(&again).pending, None);
    }

    #[test]
    fn jumping_replays_a_real_route_and_close_empties() {
        let state = opened(Saved::default()).reduce(Action::JumpTo("end-good".into()));
        assert_eq!(node(&state), "end-good");
        let taken: Vec<&str> = play(&state)
            .session
            .taken
            .iter()
            .map(|t| t.choice.as_str())
            .collect();
        assert_eq!(taken, vec!["limits"]);
        let state = state.reduce(Action::JumpTo("arrive".into()));
        assert_eq!(node(&state), "arrive");
        assert_eq!(play(&state).session.trail, vec!["arrive"]);
        let state = state.reduce(Action::JumpTo("nowhere".into()));
        assert!(play(&state).error.is_some());
        assert_eq!(node(&state), "arrive");
        let closed = state.reduce(Action::Close);
        assert_eq!(closed.play, None);
    }
}
