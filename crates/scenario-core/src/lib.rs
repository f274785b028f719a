//! scenario-core: everything learners and trainers rely on, with no web or file I/O.
//!
//! Flow: YAML text → [`yaml`] (positioned tree) → [`load`] (validated [`model::Scenario`] +
//! all [`diagnostic::Diagnostic`]s, including [`analysis`] of paths) → [`session::Session`]
//! (a play-through as a value) → [`scoring::score`] (the normative result record).

pub mod analysis;
pub mod audit;
pub mod condition;
pub mod diagnostic;
pub mod glossary;
pub mod json;
pub mod load;
pub mod model;
pub mod pack;
pub mod route_to;
pub mod scoring;
pub mod session;
pub mod sort;
pub mod stats;
pub mod yaml;

pub use diagnostic::{Diagnostic, Severity, Span};
pub use load::{load_scenario, load_vocabulary, Loaded};
pub use model::{Scenario, Vocabulary};
pub use scoring::{score, ScoreResult};
pub use session::Session;
