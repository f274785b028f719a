//! The core's author half (its `author` feature), for the tests of a crate that depends on the
//! core without it: the learner's app, whose tests load and pack scenarios as the build does.
//! As a dev-dependency this reaches the app's native tests only; its wasm build never sees
//! it (tests/author_boundary.rs, at the workspace root, holds that).

pub use scenario_core::analysis::links::Linker;
pub use scenario_core::load::load_glossary;
pub use scenario_core::load::{load_scenario, load_vocabulary};
pub use scenario_core::pack::{pack_scenario, pack_vocabulary};

use scenario_core::{Routes, Scenario};

/// The routes of `scenario`, found as `scenario pack` finds them (`Routes::of`).
pub fn routes_of(scenario: &Scenario) -> Routes {
    Routes::of(scenario)
}
