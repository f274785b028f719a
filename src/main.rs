//! The learner's app: renders [`scenario_quiz::app::App`] (the library in `src/lib.rs` holds
//! the app, its screens and the play reducer, which the studio shares).

// The learner's wasm never contains the author half of the core (YAML, the loader, the
// checker and the analysis): the app depends on scenario-core without its `author` feature,
// and this fails the wasm build if anything turns it on (tests/author_boundary.rs checks the
// dependency graph too).
#[cfg(target_arch = "wasm32")]
const _: () = assert!(
    !scenario_core::AUTHOR,
    "scenario-core's `author` feature is on in the learner's wasm"
);

fn main() {
    yew::Renderer::<scenario_quiz::app::App>::new().render();
}
