//! scenario-core: everything learners and trainers rely on, with no web or file I/O.
//!
//! The modules follow a scenario through its stages:
//!
//! ```text
//! text ──────────► load ─────────► model ◄──────── pack (read)
//! bytes → YAML     walk the tree,  Scenario,        the app's packs:
//! with positions,  build the       Vocabulary       JSON of the model
//! diagnostics      model           (+ JSON form)    and routes
//!                    │                │
//!                    ▼                ▼
//!                 analysis         play
//!                 state graph,     Session, score,
//!                 checks, stats,   replay a route
//!                 routes, audit
//! ```
//!
//! [`text`] (positions, YAML, diagnostics) → [`load`] (a validated [`model::Scenario`] and
//! every [`Diagnostic`], with the [`analysis`] of its paths) → [`play`] (a [`Session`] as a
//! value, [`score`] by the normative rules). [`pack`] carries the model to the app as JSON
//! ([`json`]), so the learner's app reads packs and plays, and never loads or analyses.

pub mod analysis;
pub mod hash;
pub mod json;
pub mod load;
pub mod model;
pub mod pack;
pub mod play;
pub mod text;

pub use load::{load_scenario, load_vocabulary, Loaded};
pub use model::{Scenario, Vocabulary};
pub use play::routes::{session_at, Routes};
pub use play::scoring::{score, ScoreResult};
pub use play::session::Session;
pub use text::diagnostic::{Code, Diagnostic, Severity};
pub use text::span::Span;
