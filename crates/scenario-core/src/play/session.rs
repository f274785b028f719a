//! A learner's play-through as a value: where they are, variable values, running scores and
//! every decision taken. The presentation *pulls*: it asks [`Session::offered`], calls
//! [`Session::choose`] or [`Session::proceed`], and renders. Sessions serialize (with a
//! format version and the scenario's fingerprint) so a reload resumes exactly.

use crate::hash::{fnv1a, splitmix64, GOLDEN_GAMMA};
use crate::json::{self, FromJson, Json, JsonError};
use crate::model::{Choice, Node, NodeIndex, NodeKind, Scenario};
use std::fmt;

/// Version of the saved-session format; bump when [`Session`]'s shape changes.
pub const SAVE_FORMAT: u32 = 1;

/// One decision the learner took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// The decision node's id.
    pub node: String,
    /// Ids of the choices offered there, in file order (after `if`).
    pub offered: Vec<String>,
    /// The id of the choice taken.
    pub choice: String,
}

/// A play-through in progress (or finished).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// [`SAVE_FORMAT`] when saved.
    pub version: u32,
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's fingerprint when the session started.
    pub fingerprint: u64,
    /// The current node's id.
    pub node: String,
    /// Variable values, then running dimension sums (the slots conditions read).
    pub slots: Vec<i64>,
    /// Decisions taken, in order.
    pub taken: Vec<Taken>,
    /// Every node visited, in order, the current one last.
    pub trail: Vec<String>,
    /// Seed for the choice order shown to this learner (see [`Session::display_order`]).
    pub seed: u64,
}

/// Why a step could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayError {
    /// `choose` was called where the node is not a decision.
    NotADecision {
        /// The current node.
        node: String,
    },
    /// `proceed` was called where the node is not a passage.
    NotAPassage {
        /// The current node.
        node: String,
    },
    /// The choice is not offered here.
    NotOffered {
        /// The current node.
        node: String,
        /// The id asked for.
        choice: String,
        /// The ids that are offered.
        offered: Vec<String>,
    },
    /// The scenario ended before all requested choices were used.
    AlreadyEnded {
        /// The ending reached.
        node: String,
    },
    /// No choice is offered at this decision (the checker refuses such scenarios).
    NothingOffered {
        /// The current node.
        node: String,
    },
    /// No `next` branch applies (the checker refuses such scenarios).
    NoBranch {
        /// The node.
        node: String,
    },
    /// The play-through stopped before an ending.
    NotFinished {
        /// Where it stopped.
        node: String,
        /// What is offered there.
        offered: Vec<String>,
    },
    /// Passages lead round in a circle with no decision.
    PassageLoop {
        /// Where the loop was noticed.
        node: String,
    },
}

impl fmt::Display for PlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlayError::NotADecision { node } => write!(f, "`{node}` is not a decision"),
            PlayError::NotAPassage { node } => write!(f, "`{node}` is not a passage"),
            PlayError::NotOffered {
                node,
                choice,
                offered,
            } => write!(
                f,
                "choice `{choice}` is not offered at `{node}`; offered: {}",
                offered.join(", ")
            ),
            PlayError::AlreadyEnded { node } => {
                write!(
                    f,
                    "the scenario already ended at `{node}`; there are more choices than decisions"
                )
            }
            PlayError::NothingOffered { node } => write!(f, "no choice is offered at `{node}`"),
            PlayError::NoBranch { node } => write!(f, "no `next` branch applies at `{node}`"),
            PlayError::NotFinished { node, offered } => write!(
                f,
                "the choices end at decision `{node}` before an ending; offered there: {}",
                offered.join(", ")
            ),
            PlayError::PassageLoop { node } => write!(f, "passages loop forever from `{node}`"),
        }
    }
}

impl std::error::Error for PlayError {}

/// Why a saved session cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// Not JSON of the right shape.
    Corrupt(String),
    /// Saved by another version of the app.
    OldVersion(u32),
    /// For another scenario.
    OtherScenario(String),
    /// The scenario file changed since the session started.
    ScenarioChanged,
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreError::Corrupt(e) => write!(f, "the saved progress is damaged ({e})"),
            RestoreError::OldVersion(v) => write!(
                f,
                "the saved progress is from an older version (format {v})"
            ),
            RestoreError::OtherScenario(id) => {
                write!(f, "the saved progress belongs to scenario `{id}`")
            }
            RestoreError::ScenarioChanged => {
                write!(f, "the scenario has changed since this progress was saved")
            }
        }
    }
}

impl std::error::Error for RestoreError {}

/// What choosing did, for immediate feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The choice's id.
    pub id: String,
    /// Its feedback.
    pub feedback: Option<String>,
    /// Its red-line reason, when it crosses one.
    pub critical: Option<String>,
}

impl Session {
    /// A new play-through at the scenario's start.
    pub fn new(scenario: &Scenario, seed: u64) -> Session {
        let mut slots = vec![0; scenario.slot_count()];
        for (i, (_, value)) in scenario.variables.iter().enumerate() {
            slots[i] = *value;
        }
        let start = scenario.nodes[scenario.start].id.clone();
        Session {
            version: SAVE_FORMAT,
            scenario: scenario.id.clone(),
            fingerprint: scenario.fingerprint,
            node: start.clone(),
            slots,
            taken: Vec::new(),
            trail: vec![start],
            seed,
        }
    }

    /// Resumes a saved session, refusing damaged, old or mismatched saves.
    pub fn restore(json: &str, scenario: &Scenario) -> Result<Session, RestoreError> {
        let corrupt = |e: JsonError| RestoreError::Corrupt(e.0);
        let value = Json::parse(json).map_err(corrupt)?;
        let fields = value.fields().map_err(corrupt)?;
        let version: u32 = fields.get("version").map_err(corrupt)?;
        if version != SAVE_FORMAT {
            return Err(RestoreError::OldVersion(version));
        }
        let session = Session::from_json(&value).map_err(corrupt)?;
        if session.scenario != scenario.id {
            return Err(RestoreError::OtherScenario(session.scenario));
        }
        if session.fingerprint != scenario.fingerprint {
            return Err(RestoreError::ScenarioChanged);
        }
        if scenario.node_index(&session.node).is_none()
            || session.slots.len() != scenario.slot_count()
            || session.trail.last() != Some(&session.node)
        {
            return Err(RestoreError::Corrupt("it does not fit the scenario".into()));
        }
        Ok(session)
    }

    /// The session as JSON, for saving.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// The current node's index.
    pub fn node_index(&self, scenario: &Scenario) -> NodeIndex {
        scenario.node_index(&self.node).unwrap_or(scenario.start)
    }

    /// The current node.
    pub fn current<'a>(&self, scenario: &'a Scenario) -> &'a Node {
        &scenario.nodes[self.node_index(scenario)]
    }

    /// Has the play-through reached an ending?
    pub fn is_finished(&self, scenario: &Scenario) -> bool {
        matches!(self.current(scenario).kind, NodeKind::Ending(_))
    }

    /// The choices offered at the current node (after `if`), in file order.
    pub fn offered<'a>(&self, scenario: &'a Scenario) -> Vec<&'a Choice> {
        match &self.current(scenario).kind {
            NodeKind::Decision(choices) => choices
                .iter()
                .filter(|c| {
                    c.condition
                        .as_ref()
                        .is_none_or(|cond| cond.expr.eval(&self.slots))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The offered choices in the order this learner sees them: shuffled by the session's
    /// seed and the node (stable across reloads), or file order when `shuffle` is false.
    pub fn display_order<'a>(&self, scenario: &'a Scenario, shuffle: bool) -> Vec<&'a Choice> {
        let mut offered = self.offered(scenario);
        if shuffle {
            let mut state = self.seed
                ^ fnv1a(self.node.as_bytes())
                ^ (self.trail.len() as u64).wrapping_mul(GOLDEN_GAMMA);
            for i in (1..offered.len()).rev() {
                state = splitmix64(state);
                let j = (state % (i as u64 + 1)) as usize;
                offered.swap(i, j);
            }
        }
        offered
    }

    fn go_to(&mut self, scenario: &Scenario, to: NodeIndex) {
        self.node = scenario.nodes[to].id.clone();
        self.trail.push(self.node.clone());
    }

    /// Takes the offered choice `id`: applies `set` and scores, records it, and moves along
    /// its `next` (stopping at the next node, passage or not).
    pub fn choose(&mut self, scenario: &Scenario, id: &str) -> Result<Chosen, PlayError> {
        let node = self.current(scenario);
        match &node.kind {
            NodeKind::Decision(_) => {}
            NodeKind::Ending(_) => {
                return Err(PlayError::AlreadyEnded {
                    node: node.id.clone(),
                })
            }
            NodeKind::Passage(_) => {
                return Err(PlayError::NotADecision {
                    node: node.id.clone(),
                })
            }
        }
        let offered = self.offered(scenario);
        let Some(choice) = offered.iter().find(|c| c.id == id) else {
            return Err(PlayError::NotOffered {
                node: node.id.clone(),
                choice: id.to_string(),
                offered: offered.iter().map(|c| c.id.clone()).collect(),
            });
        };
        let mut slots = self.slots.clone();
        for &(slot, amount) in &choice.set {
            slots[slot] = slots[slot].saturating_add(amount);
        }
        let variables = scenario.variables.len();
        for (d, score) in choice.scores.iter().enumerate() {
            slots[variables + d] = slots[variables + d].saturating_add(*score);
        }
        let to = choice
            .next
            .resolve(&slots)
            .ok_or_else(|| PlayError::NoBranch {
                node: node.id.clone(),
            })?;
        self.taken.push(Taken {
            node: node.id.clone(),
            offered: offered.iter().map(|c| c.id.clone()).collect(),
            choice: choice.id.clone(),
        });
        self.slots = slots;
        let chosen = Chosen {
            id: choice.id.clone(),
            feedback: choice.feedback.clone(),
            critical: choice.critical.clone(),
        };
        self.go_to(scenario, to);
        Ok(chosen)
    }

    /// Continues from a passage to its `next`.
    pub fn proceed(&mut self, scenario: &Scenario) -> Result<(), PlayError> {
        let node = self.current(scenario);
        let NodeKind::Passage(next) = &node.kind else {
            return Err(PlayError::NotAPassage {
                node: node.id.clone(),
            });
        };
        let to = next
            .resolve(&self.slots)
            .ok_or_else(|| PlayError::NoBranch {
                node: node.id.clone(),
            })?;
        self.go_to(scenario, to);
        Ok(())
    }

    /// Continues through passages until a decision or an ending.
    pub fn proceed_through_passages(&mut self, scenario: &Scenario) -> Result<(), PlayError> {
        let mut steps = 0;
        while matches!(self.current(scenario).kind, NodeKind::Passage(_)) {
            steps += 1;
            if steps > scenario.nodes.len() {
                return Err(PlayError::PassageLoop {
                    node: self.node.clone(),
                });
            }
            self.proceed(scenario)?;
        }
        Ok(())
    }

    /// Plays `choices` in order from the start, continuing through passages by itself.
    /// Does not require an ending (see [`Session::play_to_end`]).
    pub fn replay(
        scenario: &Scenario,
        seed: u64,
        choices: &[String],
    ) -> Result<Session, PlayError> {
        let mut session = Session::new(scenario, seed);
        session.proceed_through_passages(scenario)?;
        for id in choices {
            if session.offered(scenario).is_empty() && !session.is_finished(scenario) {
                return Err(PlayError::NothingOffered {
                    node: session.node.clone(),
                });
            }
            session.choose(scenario, id)?;
            session.proceed_through_passages(scenario)?;
        }
        Ok(session)
    }

    /// Plays `choices` and requires that they end the scenario.
    pub fn play_to_end(scenario: &Scenario, choices: &[String]) -> Result<Session, PlayError> {
        let session = Session::replay(scenario, 0, choices)?;
        if !session.is_finished(scenario) {
            return Err(PlayError::NotFinished {
                node: session.node.clone(),
                offered: session
                    .offered(scenario)
                    .iter()
                    .map(|c| c.id.clone())
                    .collect(),
            });
        }
        Ok(session)
    }

    /// The same learner's session restarted just before decision `index` (0-based), keeping
    /// the seed so choices appear in the same order.
    pub fn restart_before(&self, scenario: &Scenario, index: usize) -> Result<Session, PlayError> {
        let choices: Vec<String> = self
            .taken
            .iter()
            .take(index)
            .map(|t| t.choice.clone())
            .collect();
        Session::replay(scenario, self.seed, &choices)
    }
}

// The saved form, field for field as learners' devices hold it (held to the golden files in
// tests/fixtures/saves/ by tests/saved_session.rs).
crate::json_record!(Taken {
    node,
    offered,
    choice
});
crate::json_record!(Session {
    version,
    scenario,
    fingerprint,
    node,
    slots,
    taken,
    trail,
    seed
});
