//! The saved-session JSON against serde_json, which wrote it before `scenario_core::json`
//! replaced it in the app. Shared by scenario-core's `tests/json_compat.rs` and the `json`
//! fuzz target (`fuzz/`). Any panic is a finding.

use scenario_core::json::{self, Json};
use scenario_core::session::Session;

/// What `text` parses to, as serde_json's `Value`.
fn to_serde(value: &Json) -> serde_json::Value {
    use serde_json::Value;
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

/// Asserts that `text` is read as serde_json reads it: as a JSON value (but for the
/// differences `json.rs` documents) and as a saved session; and that a session read from it is
/// written back as serde_json writes it. Returns whether it was a session.
pub fn agrees(text: &str) -> bool {
    let theirs = serde_json::from_str::<serde_json::Value>(text);
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

    // serde_json skips an unknown field's string without checking its `\u` escapes, so it
    // took a lone surrogate there (both refuse one anywhere else).
    let lone = matches!(&ours, Err(e) if e.0.starts_with("lone surrogate"));
    let ours = json::from_str::<Session>(text).ok();
    if !repeated && !huge && !lone {
        let theirs = serde_json::from_str::<Session>(text).ok();
        assert_eq!(ours, theirs, "read as a session");
    }
    let Some(session) = ours else {
        return false;
    };
    let written = session.to_json();
    assert_eq!(written, serde_json::to_string(&session).unwrap(), "written");
    assert_eq!(
        json::from_str::<Session>(&written).as_ref(),
        Ok(&session),
        "re-read"
    );
    true
}
