//! scenario-core: everything learners and trainers rely on, with no web or file I/O.
//!
//! The modules follow a scenario through its stages:
//!
//! ```text
//!  author half (feature `author`)                player half (always)
//!
//!  text ─────────► load ──────────────────────► model ◄─────────── pack::read
//!  bytes → YAML    walk the tree against        Scenario,          the packs the app
//!  with positions, format v1, every problem     Vocabulary,        fetches: the model
//!  diagnostics     at its key or value          their JSON forms   and its routes
//!                    │                             │                  ▲
//!                    ▼                             ▼                  │
//!                  analysis ──► pack::write ───────┼──────────────────┘
//!                  state graph, checks, stats,     │   (scenario pack, at build time)
//!                  passing searches, routes,       ▼
//!                  audit                          play
//!                                                 Session, score, replay a route
//! ```
//!
//! [`text`] (positions, YAML, diagnostics) → [`load`] (a validated [`model::Scenario`] and
//! every [`Diagnostic`], with the [`analysis`] of its paths) → [`play`] (a [`Session`] as a
//! value, [`score`] by the normative rules). [`pack`] carries the model to the app as JSON
//! ([`json`]), so the learner's app reads packs and plays, and never loads or analyses.
//!
//! Two halves, by cargo feature: without features the crate is the **player** half the
//! learner's app runs (`model`, `play`, `pack::read`, `json`, `hash`, `text::span`); the
//! `author` feature adds the **author** half (`text`'s YAML and diagnostics, `load`,
//! `analysis`, `pack::write`), which the CLI and the studio use.

// The docs describe the whole crate; built without `author`, their links into the author
// half have nothing to point at.
#![cfg_attr(not(feature = "author"), allow(rustdoc::broken_intra_doc_links))]

#[cfg(feature = "author")]
pub mod analysis;
pub mod hash;
pub mod index;
pub mod json;
#[cfg(feature = "author")]
pub mod load;
pub mod model;
pub mod pack;
pub mod play;
pub mod text;

#[cfg(feature = "author")]
pub use load::{load_scenario, load_scenario_for_map, load_vocabulary, Loaded, LoadedForMap};
pub use model::{Scenario, Vocabulary};
pub use play::routes::{session_at, Routes};
pub use play::scoring::{score, ScoreResult};
pub use play::session::Session;
#[cfg(feature = "author")]
pub use text::diagnostic::{Code, Diagnostic, Severity};
pub use text::span::Span;

/// Whether this build holds the author half (the `author` feature): the learner's app
/// asserts at compile time that its wasm does not.
pub const AUTHOR: bool = cfg!(feature = "author");
