//! The saved session's JSON is what serde_json wrote before `scenario_core::json` replaced it
//! in the app: learners' devices hold saves in that form, and a reload must resume them. Here
//! the derive (kept on `Session` for exactly this) is the reference, on generated sessions
//! with awkward text, and on damaged copies of their JSON.

use scenario_core::json::{self, FromJson, Json};
use scenario_core::session::{Session, Taken};

#[path = "support/gen.rs"]
mod gen;
use gen::Rng;

fn session(rng: &mut Rng) -> Session {
    Session {
        version: rng.integer() as u32,
        scenario: rng.text(),
        fingerprint: rng.integer(),
        node: rng.text(),
        slots: (0..rng.below(5)).map(|_| rng.integer() as i64).collect(),
        taken: (0..rng.below(4))
            .map(|_| Taken {
                node: rng.text(),
                offered: rng.texts(),
                choice: rng.text(),
            })
            .collect(),
        trail: rng.texts(),
        seed: rng.integer(),
    }
}

#[test]
fn sessions_are_written_as_serde_json_wrote_them_and_read_back() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..3_000 {
        let s = session(&mut rng);
        let ours = s.to_json();
        assert_eq!(ours, serde_json::to_string(&s).unwrap(), "case {case}");
        assert_eq!(json::from_str::<Session>(&ours), Ok(s), "case {case}");
    }
}

#[test]
fn damaged_saves_are_accepted_or_refused_exactly_as_serde_json_did() {
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..20_000 {
        let saved = session(&mut rng).to_json();
        let text = rng.damage(&saved);
        let theirs = serde_json::from_str::<Session>(&text).ok();
        let ours = json::from_str::<Session>(&text).ok();
        assert_eq!(ours, theirs, "case {case}: {text:?}");
        if ours.is_some() {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    // Both outcomes are exercised, so agreement is not agreement on refusing everything.
    assert!(
        accepted > 1_000 && refused > 1_000,
        "{accepted} / {refused}"
    );
}

#[test]
fn values_parse_as_serde_json_parses_them() {
    let mut rng = Rng(0x5eed_1234_abcd_0003);
    for case in 0..20_000 {
        let saved = session(&mut rng).to_json();
        let text = rng.damage(&saved);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        let ours = Json::parse(&text);
        // serde_json's Value keeps the last of a repeated key; this parser refuses the object.
        let repeated = matches!(&ours, Err(e) if e.0.starts_with("duplicate key"));
        // serde_json refuses numbers beyond f64's range; this parser leaves that to the field.
        let huge = matches!(&theirs, Err(e) if e.to_string().starts_with("number out of range"));
        if !repeated && !huge {
            assert_eq!(ours.is_ok(), theirs.is_ok(), "case {case}: {text:?}");
        }
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(to_serde(&ours), theirs, "case {case}: {text:?}");
        }
    }
}

fn to_serde(value: &Json) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => serde_json::from_str(n).unwrap(),
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

#[test]
fn a_missing_version_or_field_is_damage_and_an_old_version_is_named() {
    let s = Session {
        version: 1,
        scenario: "s".into(),
        fingerprint: 7,
        node: "n".into(),
        slots: vec![],
        taken: vec![],
        trail: vec!["n".into()],
        seed: 3,
    };
    let text = s.to_json();
    assert_eq!(
        text,
        r#"{"version":1,"scenario":"s","fingerprint":7,"node":"n","slots":[],"taken":[],"trail":["n"],"seed":3}"#
    );
    let without_seed = text.replace(r#","seed":3"#, "");
    assert_eq!(
        Session::from_json(&Json::parse(&without_seed).unwrap())
            .unwrap_err()
            .0,
        "`seed`: missing field"
    );
    let unknown_field = text.replace(r#""seed":3"#, r#""seed":3,"later":{"x":[1.5]}"#);
    assert_eq!(json::from_str::<Session>(&unknown_field), Ok(s));
}
