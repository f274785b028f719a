//! scenario-quiz: the Yew app that plays the bundled branching scenarios in the browser.
//!
//! Code map: [`catalogue`] loads the fetched files through the core; [`route`] and
//! [`filter`] parse the hash URL; [`player`] is the pure play state (reducer); [`settings`],
//! [`history`], [`notes`] and [`export`] are the pure device data and its exports;
//! [`glossary`] fetches the glossary and shares it with the texts that link its terms;
//! [`browser`] and [`storage`] wrap the browser calls; [`app`] wires them together;
//! [`components`] are the screens.
//! Invariant: no score is computed here; the core's `score` is the only source.

mod app;
mod browser;
mod catalogue;
mod components;
mod export;
mod filter;
mod glossary;
mod history;
mod notes;
mod player;
mod route;
mod settings;
mod storage;

#[cfg(test)]
mod json_compat;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
