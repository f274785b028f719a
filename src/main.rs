//! scenario-quiz: the Yew app that plays the bundled branching scenarios in the browser.
//!
//! Code map: [`catalogue`] loads the fetched files through the core; [`route`] and
//! [`filter`] parse the hash URL; [`player`] is the pure play state (reducer); [`settings`],
//! [`history`], [`notes`] and [`export`] are the pure device data and its exports;
//! [`browser`] and [`storage`] wrap the browser calls; [`app`] wires them together;
//! [`components`] are the screens.
//! Invariant: no score is computed here; the core's `score` is the only source.

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
mod json_compat;

fn main() {
    // Before the first render: an LMS's saved session must be in place when the app opens.
    #[cfg(feature = "lms")]
    lms::browser::start();
    yew::Renderer::<app::App>::new().render();
}
