//! scenario-quiz: the Yew app that plays the bundled branching scenarios in the browser.
//!
//! Code map: [`catalogue`] loads what `build.rs` embedded through the core; [`route`]
//! parses the hash URL; [`player`] is the pure play state (reducer); [`browser`] wraps the
//! few browser calls; [`app`] wires them together; [`components`] are the screens.
//! Invariant: no score is computed here; the core's `score` is the only source.

mod app;
mod browser;
mod catalogue;
mod components;
mod player;
mod route;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
