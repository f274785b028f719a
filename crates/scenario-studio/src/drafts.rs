//! Drafts kept in the browser, so nobody loses work: every change is written to localStorage
//! under `scenario-quiz/v1/studio/draft/<slot>` (a slot per opened or new file, named by the
//! time it was made), and `…/studio/current` names the slot the editor shows, restored on
//! reload. Writes report `false` when storage is blocked or full; the page then says so and
//! the text stays in the editor.

use web_sys::Storage;

/// Prefix of every studio key (inside the app's own `scenario-quiz/v1`, so the learner
/// app's "clear my data" clears drafts too).
const PREFIX: &str = "scenario-quiz/v1/studio";

/// The storage key of a draft's text.
pub fn draft_key(slot: &str) -> String {
    format!("{PREFIX}/draft/{slot}")
}

/// The key naming the draft the editor shows.
pub fn current_key() -> String {
    format!("{PREFIX}/current")
}

/// The slot of a draft key, if it is one.
pub fn slot_of(key: &str) -> Option<&str> {
    key.strip_prefix(PREFIX)?
        .strip_prefix("/draft/")
        .filter(|s| !s.is_empty())
}

/// A new slot: the time in milliseconds, so slots sort by creation.
pub fn new_slot(now_ms: f64) -> String {
    format!("{:013}", now_ms.max(0.0) as u64)
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The draft the editor showed last: `(slot, text)`.
pub fn load_current() -> Option<(String, String)> {
    let storage = storage()?;
    let slot = storage.get_item(&current_key()).ok().flatten()?;
    let text = storage.get_item(&draft_key(&slot)).ok().flatten()?;
    Some((slot, text))
}

/// A draft as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its slot (the time it was started, in milliseconds).
    pub slot: String,
    /// Its text's `id:`, or "untitled".
    pub id: String,
}

/// The drafts kept in this browser, newest first.
pub fn list() -> Vec<Draft> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let len = storage.length().unwrap_or(0);
    let mut drafts: Vec<Draft> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let slot = slot_of(&key)?.to_owned();
            let text = storage.get_item(&key).ok().flatten()?;
            let id = crate::check::declared_id(&text)
                .unwrap_or("untitled")
                .to_owned();
            Some(Draft { slot, id })
        })
        .collect();
    sort_newest_first(&mut drafts);
    drafts
}

fn sort_newest_first(drafts: &mut [Draft]) {
    drafts.sort_by(|a, b| b.slot.cmp(&a.slot));
}

/// The text of draft `slot`.
pub fn load(slot: &str) -> Option<String> {
    storage()?.get_item(&draft_key(slot)).ok().flatten()
}

/// Deletes draft `slot`; `false` when storage refused.
pub fn delete(slot: &str) -> bool {
    storage().is_some_and(|s| s.remove_item(&draft_key(slot)).is_ok())
}

/// Writes `text` as draft `slot` and makes it the current one; `false` when storage refused.
pub fn save(slot: &str, text: &str) -> bool {
    storage().is_some_and(|s| {
        s.set_item(&draft_key(slot), text).is_ok() && s.set_item(&current_key(), slot).is_ok()
    })
}

/// The key of the trainer's own dimensions.yaml: its name, a newline, its text.
fn dimensions_key() -> String {
    format!("{PREFIX}/dimensions")
}

/// The trainer's own dimensions.yaml `(name, text)`, if one is kept.
pub fn load_dimensions() -> Option<(String, String)> {
    let kept = storage()?.get_item(&dimensions_key()).ok().flatten()?;
    let (name, text) = kept.split_once('\n')?;
    Some((name.to_owned(), text.to_owned()))
}

/// Keeps the trainer's own dimensions.yaml, or forgets it (`None`: the bundled one);
/// `false` when storage refused.
pub fn save_dimensions(dimensions: Option<&(String, String)>) -> bool {
    storage().is_some_and(|s| match dimensions {
        Some((name, text)) => s
            .set_item(
                &dimensions_key(),
                &format!("{}\n{text}", name.replace('\n', " ")),
            )
            .is_ok(),
        None => s.remove_item(&dimensions_key()).is_ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_slots() {
        let slot = new_slot(1_764_780_000_123.0);
        assert_eq!(slot, "1764780000123");
        assert_eq!(slot_of(&draft_key(&slot)), Some(slot.as_str()));
        assert_eq!(slot_of(&current_key()), None);
        assert_eq!(slot_of("scenario-quiz/v1/studio/draft/"), None);
        assert_eq!(slot_of("scenario-quiz/v1/session/x"), None);
    }

    #[test]
    fn newest_first() {
        let draft = |slot: &str| Draft {
            slot: slot.into(),
            id: "x".into(),
        };
        let mut drafts = vec![
            draft("0000000000001"),
            draft("1764780000123"),
            draft("0999999999999"),
        ];
        sort_newest_first(&mut drafts);
        let slots: Vec<_> = drafts.iter().map(|d| d.slot.as_str()).collect();
        assert_eq!(slots, ["1764780000123", "0999999999999", "0000000000001"]);
    }
}
