//! The few things the app asks of the browser: the location hash, localStorage, a seed,
//! focus and scrolling, and the first-screen performance mark. Each degrades quietly when
//! the browser refuses (storage blocked, no window) instead of throwing.

use crate::player::Saved;
use crate::route::Route;
use gloo::storage::{LocalStorage, Storage};
use std::cell::Cell;
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
