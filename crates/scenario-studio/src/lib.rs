//! scenario-studio: the page where trainers write, check and (next) map and preview
//! scenarios in the browser, `studio.html` beside the learner's `index.html`. Its own wasm,
//! built by scripts/studio.sh into dist/studio/: it enables the core's `author` half (the
//! loader, checker and analysis), which the learner's app never contains.
//!
//! Code map: [`check`] runs the core's load and analysis on the editor's text and is what the
//! web worker calls ([`check_in_worker`]); [`worker`] is the page's side of that worker;
//! [`lines`] converts the core's line/column to the editor's offsets; [`drafts`] keeps the
//! work in localStorage; [`template`] is `scenario new`'s template; [`app`] is the page.
//! Invariant: the studio checks with the same core calls as `scenario check`; it never has
//! its own rules.

pub mod app;
pub mod check;
pub mod drafts;
pub mod lines;
pub mod preview;
pub mod template;
pub mod worker;

use wasm_bindgen::prelude::*;

/// Starts the studio page (web/studio-loader.js calls it); `worker_url` is the checker's
/// worker script with this wasm's file names.
#[wasm_bindgen]
pub fn start_studio(worker_url: String) {
    let props = app::StudioProps {
        worker_url: worker_url.into(),
    };
    yew::Renderer::<app::Studio>::with_props(props).render();
}

/// The worker's entry (web/studio-worker.js): checks `text` against `dimensions` (the bundled
/// file when `undefined`/`null`) and returns the result as JSON.
#[wasm_bindgen]
pub fn check_in_worker(text: &str, dimensions: Option<String>) -> String {
    let checked = check::check_only(text, dimensions.as_deref());
    let json = serde_json::to_string(&checked.result).unwrap_or_else(|_| "{}".to_owned());
    LAST_CHECK.with(|last| *last.borrow_mut() = Some(checked));
    json
}

thread_local! {
    /// The worker's last check, for its map and stats answers (the text is loaded once).
    static LAST_CHECK: std::cell::RefCell<Option<check::Checked>> = const { std::cell::RefCell::new(None) };
}

/// The worker's second answer: the last check's map as JSON (`null` when there is none).
#[wasm_bindgen]
pub fn map_in_worker() -> String {
    LAST_CHECK.with(|last| check::map_json(last.borrow().as_ref().and_then(|c| c.map()).as_ref()))
}

/// The worker's third answer (web/studio-worker.js): `scenario stats`'s figures for `text`
/// as JSON, after the check's answer.
#[wasm_bindgen]
pub fn stats_in_worker() -> String {
    LAST_CHECK.with(|last| {
        check::rows_json(
            &last
                .borrow()
                .as_ref()
                .map(|c| c.stats())
                .unwrap_or_default(),
        )
    })
}
