//! scenario-quiz: the Yew app that plays the bundled branching scenarios in the browser.
//!
//! Code map: [`catalogue`] loads the fetched files through the core; [`route`] and
//! [`filter`] parse the hash URL; [`player`] is the pure play state (reducer); [`settings`],
//! [`history`], [`notes`] and [`export`] are the pure device data and its exports;
//! [`browser`] and [`storage`] wrap the browser calls; [`app`] wires them together;
//! [`components`] are the screens.
//! Invariant: no score is computed here; the core's `score` is the only source.
//! Invariant: the wasm never contains the core's author half (loader, checker, analysis).

mod app;
mod browser;
mod catalogue;
mod components;
mod export;
mod filter;
mod history;
// The LMS/LRS runtime: only in the `lms` build (and in the native tests).
#[cfg(any(feature = "lms", test))]
mod lms;
mod notes;
mod player;
mod route;
mod settings;
mod storage;

#[cfg(test)]
mod saves;

// The learner's wasm never contains the author half of the core (YAML, the loader, the
// checker and the analysis): the app depends on scenario-core without its `author` feature,
// and this fails the wasm build if anything turns it on (tests/author_boundary.rs checks the
// dependency graph too).
#[cfg(target_arch = "wasm32")]
const _: () = assert!(
    !scenario_core::AUTHOR,
    "scenario-core's `author` feature is on in the learner's wasm"
);

// The allocator of the wasm build: talc in place of the standard library's dlmalloc, for
// size (docs/performance.md, "Size"). Native builds and tests keep the system allocator.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // Before the first render: an LMS's saved session must be in place when the app opens.
    #[cfg(feature = "lms")]
    lms::browser::start();
    yew::Renderer::<app::App>::new().render();
}
