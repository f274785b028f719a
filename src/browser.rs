//! The few things the app asks of the browser: the bundled files, the location hash,
//! localStorage, a seed, focus and scrolling, and the first-screen performance mark. Each degrades quietly when
//! the browser refuses (storage blocked, no window) instead of throwing.

use crate::catalogue::{bundled, Catalogue, Fetched};
use crate::player::Saved;
use crate::route::Route;
use gloo::storage::{LocalStorage, Storage};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::NodeRef;

/// Prefix of every storage key; the version changes only with the key layout.
const KEY_PREFIX: &str = "scenario-quiz/v1";

/// The storage key of a scenario's saved session.
pub fn session_key(id: &str) -> String {
    format!("{KEY_PREFIX}/session/{id}")
}

/// The storage key of a scenario's pending-feedback marker.
pub fn pending_key(id: &str) -> String {
    format!("{KEY_PREFIX}/pending/{id}")
}

/// Starts fetching `url` (relative to the page) and returns the text when it arrives, or
/// why not. Revalidates with the server (`no-cache`), so an updated scenario is never
/// replaced by a stale copy.
fn start_fetch(url: &str) -> impl std::future::Future<Output = Fetched> {
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let started = web_sys::window()
        .ok_or_else(|| "no browser window".to_owned())
        .map(|w| JsFuture::from(w.fetch_with_str_and_init(url, &init)));
    async move {
        let response: web_sys::Response = started?
            .await
            .map_err(|_| "the network request failed".to_owned())?
            .dyn_into()
            .map_err(|_| "the answer was not a response".to_owned())?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = response
            .text()
            .map_err(|_| "the body could not be read".to_owned())?;
        JsFuture::from(text)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| "the body is not text".to_owned())
    }
}

/// Fetches `scenarios/dimensions.yaml` and every bundled scenario (all requests start at
/// once) and loads them through the core.
pub async fn fetch_catalogue() -> Catalogue {
    let dimensions = start_fetch("scenarios/dimensions.yaml");
    let files: Vec<_> = bundled::SCENARIO_FILES
        .iter()
        .map(|stem| (*stem, start_fetch(&format!("scenarios/{stem}.yaml"))))
        .collect();
    let dimensions = dimensions.await;
    let mut scenarios = Vec::with_capacity(files.len());
    for (stem, fetched) in files {
        scenarios.push((stem.to_owned(), fetched.await));
    }
    Catalogue::from_fetched(dimensions, &scenarios)
}

/// The route in the address bar.
pub fn current_route() -> Route {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    Route::parse(&hash)
}

/// Go to `route`, adding a history entry (the back button returns).
pub fn navigate(route: &Route) {
    let _ = gloo::utils::window().location().set_hash(&route.to_hash());
}

/// Go to `route` in place of the current history entry.
pub fn replace(route: &Route) {
    let _ = gloo::utils::window().location().replace(&route.to_hash());
}

/// Is localStorage there and usable? (Blocked storage throws on access, and gloo's
/// `LocalStorage::raw` would throw with it, so check first.)
pub fn storage_available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// What storage holds for scenario `id`.
pub fn load_saved(id: &str) -> Saved {
    if !storage_available() {
        return Saved::default();
    }
    let get = |key: String| LocalStorage::raw().get_item(&key).ok().flatten();
    Saved {
        session: get(session_key(id)),
        pending: get(pending_key(id)),
    }
}

/// Saves a scenario's session and pending marker (removed when `None`). Returns false when
/// storage refused (blocked, full).
pub fn save(id: &str, session_json: &str, pending_json: Option<&str>) -> bool {
    if !storage_available() {
        return false;
    }
    let storage = LocalStorage::raw();
    let saved = storage.set_item(&session_key(id), session_json).is_ok();
    let pending_saved = match pending_json {
        Some(json) => storage.set_item(&pending_key(id), json).is_ok(),
        None => storage.remove_item(&pending_key(id)).is_ok(),
    };
    saved && pending_saved
}

/// A seed for a new session's choice order (not for anything secret).
pub fn fresh_seed() -> u64 {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return 0;
    };
    let micros = (performance.time_origin() + performance.now()) * 1000.0;
    // the float's bits, mixed, so nearby times still give different orders
    let mut z = micros.to_bits() ^ 0x9E37_79B9_7F4A_7C15;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Moves keyboard and screen-reader focus to `target` (a heading with `tabindex="-1"`),
/// scrolling to the top first when `to_top`.
pub fn focus(target: &NodeRef, to_top: bool) {
    if to_top {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

thread_local! {
    static FIRST_SCREEN_MARKED: Cell<bool> = const { Cell::new(false) };
}

/// Sets the `sq:first-screen` performance mark, once per page load.
pub fn mark_first_screen() {
    if FIRST_SCREEN_MARKED.with(|marked| marked.replace(true)) {
        return;
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("sq:first-screen");
    }
}
