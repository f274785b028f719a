//! The few things the app asks of the browser (storage is in [`crate::storage`]): the
//! packed files, the location hash, a seed, the clock, focus and scrolling, the page title
//! and root classes, key presses, downloads, printing and the first-screen performance
//! mark. Each degrades quietly when the browser refuses (no window, a blocked download)
//! instead of throwing.

use crate::catalogue::{Catalogue, Entry, Fetched, Pack};
use crate::route::Route;
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::NodeRef;

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

/// Fetches the index of the packs and reads it (see [`Catalogue::fetch`]).
pub async fn fetch_catalogue() -> Catalogue {
    Catalogue::fetch(start_fetch).await
}

/// Fetches the pack of `entry` and reads it (see [`crate::catalogue::fetch_pack`]).
pub async fn fetch_pack(entry: &Entry) -> Pack {
    crate::catalogue::fetch_pack(start_fetch, entry).await
}

/// Resolves when the browser is next idle (`requestIdleCallback`), or after 50 ms where it
/// has no such call (older Safari).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = gloo::utils::window();
        if window.request_idle_callback(&resolve).is_err() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        }
    });
    let _ = JsFuture::from(promise).await;
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

/// A seed for a new session's choice order (not for anything secret).
pub fn fresh_seed() -> u64 {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return 0;
    };
    let micros = (performance.time_origin() + performance.now()) * 1000.0;
    // the float's bits, mixed, so nearby times still give different orders
    scenario_core::hash::splitmix64(micros.to_bits())
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

/// Now, as ISO 8601 in UTC (`2026-11-23T13:05:11.000Z`).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// An ISO 8601 time in the learner's time zone, e.g. `23 Nov 2026, 13:05` (with `time`)
/// or `23 November 2026`; the input itself when it is not a date.
pub fn local_date(iso: &str, time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let style = if time { "medium" } else { "long" };
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &style.into());
    if time {
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    }
    date.to_locale_string("en-GB", &options).into()
}

/// Moves focus to the element with this id (which has `tabindex="-1"`).
pub fn focus_by_id(id: &str) {
    let element = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    gloo::utils::document().set_title(title);
}

/// Adds or removes a class on `<html>` (large text scales every `rem`).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(root) = gloo::utils::document().document_element() {
        let list = root.class_list();
        let _ = if on {
            list.add_1(class)
        } else {
            list.remove_1(class)
        };
    }
}

/// A `keydown` listener on the document, removed when dropped.
pub struct KeyListener {
    closure: Closure<dyn Fn(web_sys::KeyboardEvent)>,
}

impl KeyListener {
    /// Calls `on_key` for every key pressed anywhere on the page.
    pub fn new(on_key: impl Fn(web_sys::KeyboardEvent) + 'static) -> KeyListener {
        let closure = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(on_key);
        let _ = gloo::utils::document()
            .add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
        KeyListener { closure }
    }
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        let _ = gloo::utils::document()
            .remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
    }
}

/// Is a key press meant for a text field, a select or a shortcut (so not for the app)?
pub fn is_typing_or_shortcut(event: &web_sys::KeyboardEvent) -> bool {
    if event.ctrl_key() || event.alt_key() || event.meta_key() || event.default_prevented() {
        return true;
    }
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Offers `text` as a file download named `file_name`. Returns false when the browser
/// refused.
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let document = gloo::utils::document();
    let clicked = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .is_some_and(|a| {
            a.set_href(&url);
            a.set_download(file_name);
            let body = gloo::utils::body();
            let added = body.append_child(&a).is_ok();
            a.click();
            a.remove();
            added
        });
    // Give the browser a moment to start the download before letting go of the data.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

/// Opens the browser's print dialog (print or save as PDF).
pub fn print() {
    let _ = gloo::utils::window().print();
}
