//! The saved-session JSON against serde_json, an independent parser (which also wrote the
//! saves before `scenario_core::json` replaced it in the app). Shared by scenario-core's
//! `tests/saved_session.rs` and the `json` fuzz target (`fuzz/`). Any panic is a finding.

use scenario_core::json::{self, Json};
use scenario_core::Session;
use serde_json::{Map, Value};

/// The fields of a saved session, as written.
const SESSION_FIELDS: &[&str] = &[
    "version",
    "scenario",
    "fingerprint",
    "node",
    "slots",
    "taken",
    "trail",
    "seed",
];

/// What `text` parses to, as serde_json's `Value`.
fn to_serde(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => serde_json::from_str(n).expect("a number serde_json reads"),
        Json::Str(s) => Value::String(s.clone()),
        Json::Arr(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Obj(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

/// Asserts that `text` is read as serde_json reads it, as a JSON value (but for the
/// differences `json.rs` documents); and that a session read from it is written back to a
/// text that reads as the same session and holds exactly the session's fields of `text`,
/// each with its value as serde_json reads it. Returns whether it was a session. (Whether a
/// text is a session at all, and the exact text written, are held to the golden files in
/// `tests/fixtures/saves/`.)
pub fn agrees(text: &str) -> bool {
    let theirs = serde_json::from_str::<Value>(text);
    let ours = Json::parse(text);
    // serde_json's Value keeps the last of a repeated key; this parser refuses the object.
    let repeated = matches!(&ours, Err(e) if e.0.starts_with("duplicate key"));
    // serde_json refuses numbers beyond f64's range; this parser leaves that to the field.
    let huge = matches!(&theirs, Err(e) if e.to_string().starts_with("number out of range"));
    if !repeated && !huge {
        assert_eq!(ours.is_ok(), theirs.is_ok(), "parse: {ours:?} / {theirs:?}");
    }
    if let (Ok(ours), Ok(theirs)) = (&ours, &theirs) {
        assert_eq!(&to_serde(ours), theirs, "the parsed value");
    }

    let Ok(session) = json::from_str::<Session>(text) else {
        return false;
    };
    let written = session.to_json();
    assert_eq!(
        json::from_str::<Session>(&written).as_ref(),
        Ok(&session),
        "re-read"
    );
    let written: Value = serde_json::from_str(&written).expect("the text written is JSON");
    if let Ok(Value::Object(input)) = &theirs {
        let fields: Map<String, Value> = SESSION_FIELDS
            .iter()
            .map(|&k| (k.to_owned(), input.get(k).cloned().unwrap_or(Value::Null)))
            .collect();
        assert_eq!(written, Value::Object(fields), "written");
    }
    true
}
