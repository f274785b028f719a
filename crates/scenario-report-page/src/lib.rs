//! scenario-report-page: the trainer's cohort report in the browser, `report.html` beside the
//! learner's `index.html`. Its own wasm (scripts/report-page.sh builds it into dist/report/),
//! so a learner opening the app downloads none of it.
//!
//! Code map: [`form`] turns the page's fields into the report's [`Filter`] (pure, tested
//! natively); [`reports`] is everything between a source's text and the report's HTML, pure
//! and shared with the CLI through scenario-report (reading, counting, selecting, rendering:
//! the page has no report logic of its own); [`browser`] fetches the site's packs and an
//! LRS's pages and runs the web worker that reads statements files off the main thread
//! (web/report-worker.js calls [`tally_in_worker`]); [`app`] is the page.
//!
//! Invariant: the page shows what `scenario report --format html --html-body` prints for the
//! same input and options: both call [`scenario_report::select`] and
//! [`scenario_report::render::html_body`].
//!
//! [`Filter`]: scenario_report::Filter

pub mod form;
pub mod reports;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Starts the page (web/report-loader.js calls it); `worker_url` is the statements reader's
/// worker script with this wasm's file names.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn start_report_page(worker_url: String) {
    let props = app::PageProps {
        worker_url: worker_url.into(),
    };
    yew::Renderer::<app::Page>::with_props(props).render();
}

/// The worker's entry (web/report-worker.js): reads a statements file's text for the cohort
/// `filter` (JSON of [`scenario_report::Filter`]) and returns the counted cohort as JSON
/// ([`reports::tally_statements`]).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn tally_in_worker(text: &str, filter: &str, names: bool) -> String {
    reports::tally_statements(text, filter, names)
}
