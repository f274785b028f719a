//! Everything the app keeps on this device, in localStorage under `scenario-quiz/v1/…`:
//! each scenario's session and pending-feedback marker, the settings, the attempt history
//! and the reflection answers. Every call degrades quietly when storage is blocked or full
//! (reads give nothing, writes report `false`); "clear my data" removes every key of ours.

use crate::history::History;
use crate::notes::Notes;
use crate::player::Saved;
use crate::settings::Settings;
use web_sys::Storage;

/// Prefix of every key the app writes.
const APP_PREFIX: &str = "scenario-quiz/";

/// Prefix of every storage key; the version changes only with the key layout.
pub(crate) const KEY_PREFIX: &str = "scenario-quiz/v1";

/// The storage key of a scenario's saved session.
pub fn session_key(id: &str) -> String {
    format!("{KEY_PREFIX}/session/{id}")
}

/// The storage key of a scenario's pending-feedback marker.
pub fn pending_key(id: &str) -> String {
    format!("{KEY_PREFIX}/pending/{id}")
}

fn settings_key() -> String {
    format!("{KEY_PREFIX}/settings")
}

fn history_key() -> String {
    format!("{KEY_PREFIX}/history")
}

fn notes_prefix() -> String {
    format!("{KEY_PREFIX}/reflection/")
}

/// localStorage, when the browser lets the page use it (blocked storage throws on access).
fn storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

fn remove(key: &str) -> bool {
    storage().is_some_and(|s| s.remove_item(key).is_ok())
}

/// Every key in storage that starts with `prefix`.
fn keys_with(prefix: &str) -> Vec<String> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// What storage holds for scenario `id`.
pub fn load_saved(id: &str) -> Saved {
    Saved {
        session: get(&session_key(id)),
        pending: get(&pending_key(id)),
    }
}

/// Saves a scenario's session and pending marker (removed when `None`). Returns false when
/// storage refused (blocked, full).
pub fn save(id: &str, session_json: &str, pending_json: Option<&str>) -> bool {
    let saved = set(&session_key(id), session_json);
    let pending_saved = match pending_json {
        Some(json) => set(&pending_key(id), json),
        None => remove(&pending_key(id)),
    };
    saved && pending_saved
}

/// The settings on this device (the defaults when none or damaged).
pub fn load_settings() -> Settings {
    Settings::parse(get(&settings_key()).as_deref())
}

/// Saves the settings; false when storage refused.
pub fn save_settings(settings: Settings) -> bool {
    set(&settings_key(), &settings.to_json())
}

/// The attempt history and, when the saved one could not be used, a notice.
pub fn load_history() -> (History, Option<String>) {
    History::parse(get(&history_key()).as_deref())
}

/// Saves the attempt history; false when storage refused.
pub fn save_history(history: &History) -> bool {
    set(&history_key(), &history.to_json())
}

/// The reflection answers for scenario `id`.
pub fn load_notes(id: &str) -> Notes {
    Notes::parse(get(&format!("{}{id}", notes_prefix())).as_deref())
}

/// Saves the reflection answers for scenario `id` (removed when empty); false when refused.
pub fn save_notes(id: &str, notes: &Notes) -> bool {
    let key = format!("{}{id}", notes_prefix());
    if notes.is_empty() {
        remove(&key)
    } else {
        set(&key, &notes.to_json())
    }
}

/// Every scenario's reflection answers, by scenario id (sorted).
pub fn all_notes() -> Vec<(String, Notes)> {
    let prefix = notes_prefix();
    let mut all: Vec<(String, Notes)> = keys_with(&prefix)
        .into_iter()
        .filter_map(|key| {
            let notes = Notes::parse(get(&key).as_deref());
            let id = key.strip_prefix(&prefix)?.to_owned();
            (!notes.is_empty()).then_some((id, notes))
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Removes everything the app stored on this device. Returns false when something could
/// not be removed (or storage is blocked).
pub fn clear_all() -> bool {
    if storage().is_none() {
        return false;
    }
    for key in keys_with(APP_PREFIX) {
        remove(&key);
    }
    keys_with(APP_PREFIX).is_empty()
}
