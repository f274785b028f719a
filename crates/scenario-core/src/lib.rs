//! scenario-core: everything learners and trainers rely on, with no web or file I/O.
//!
//! Flow: YAML text → [`text::yaml`] (positioned tree) → [`load`] (validated [`model::Scenario`] +
//! all [`Diagnostic`]s, including [`analysis`] of paths) → [`session::Session`]
//! (a play-through as a value) → [`scoring::score`] (the normative result record).

pub mod analysis;
pub mod audit;
pub mod hash;
pub mod json;
pub mod load;
pub mod model;
pub mod pack;
pub mod route_to;
pub mod scoring;
pub mod session;
pub mod stats;
pub mod text;

pub use load::{load_scenario, load_vocabulary, Loaded};
pub use model::{Scenario, Vocabulary};
pub use scoring::{score, ScoreResult};
pub use session::Session;
pub use text::diagnostic::{Code, Diagnostic, Severity};
pub use text::span::Span;
