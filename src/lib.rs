//! scenario-quiz: the Yew app that plays the bundled branching scenarios in the browser, as
//! a library, for the studio (`crates/scenario-studio`), whose preview renders the same
//! screens ([`components`]) driven by the same reducer ([`player`]).
//!
//! The learner's binary (`src/main.rs`) declares these same modules and compiles them
//! itself rather than through this library: through the library its wasm grew by 0.7 KB
//! gzip (measured 2026-12-03, release build: 135.5 → 136.2 KB, with 1.1 KB of the budget
//! left); compiled itself it stays what it was (+3 bytes raw, −4 bytes gzip). A module
//! added to one list belongs in the other.
//!
//! Code map: [`catalogue`] loads the fetched files through the core; [`route`] and
//! [`filter`] parse the hash URL; [`player`] is the pure play state (reducer); [`settings`],
//! [`history`], [`notes`] and [`export`] are the pure device data and its exports;
//! [`browser`] and [`storage`] wrap the browser calls; [`app`] wires them together;
//! [`components`] are the screens.
//! Invariant: no score is computed here; the core's `score` is the only source.
//! Invariant: the wasm never contains the core's author half (loader, checker, analysis).

pub mod app;
pub mod browser;
pub mod catalogue;
pub mod components;
pub mod export;
pub mod filter;
pub mod history;
// The LMS/LRS runtime: only in the `lms` build (and in the native tests), as in src/main.rs.
#[cfg(any(feature = "lms", test))]
pub mod lms;
pub mod notes;
pub mod player;
pub mod route;
pub mod settings;
pub mod storage;

#[cfg(test)]
mod saves;
