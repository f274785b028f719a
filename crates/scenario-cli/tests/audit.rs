//! `scenario audit` on a fixture library whose figures are worked out by hand in its files'
//! comments (`tests/fixtures/audit/`), on the bundled library (within the limits CI holds
//! it to), and its exit codes.

mod support;

use serde_json::{json, Value};
use support::scenario;

fn audit_json(path: &str) -> (Value, Option<i32>) {
    let run = scenario(&["audit", "--format", "json", path]);
    let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "audit JSON does not parse ({e}):\n{}{}",
            run.stdout, run.stderr
        )
    });
    (value, run.code)
}

#[test]
fn the_fixture_library_audits_to_its_hand_worked_figures() {
    let (v, code) = audit_json("tests/fixtures/audit/");
    assert_eq!(code, Some(0), "advice, not a refusal, without --strict");
    assert_eq!(v["decisions"], 4);
    assert_eq!(v["strongest_longest"], 3);
    assert_eq!(v["strongest_shortest"], 1);
    let guessable = &v["scenarios"][0];
    assert_eq!(guessable["id"], "guessable");
    assert_eq!(
        guessable["strongest_longest"],
        json!(["ask", "listen", "more"])
    );
    assert_eq!(guessable["red_line_on_passing"], json!([]));
    assert_eq!(guessable["red_line_on_positive"], json!(["ask/promise"]));
    assert_eq!(
        guessable["minus_three_on_passing"],
        json!(["listen/shrug", "more/close"])
    );
    assert_eq!(
        guessable["minus_three_on_positive"],
        json!(["ask/promise", "listen/shrug"])
    );
    assert_eq!(guessable["red_lines"], json!(["secret"]));
    let plain = &v["scenarios"][1];
    assert_eq!(plain["strongest_shortest"], json!(["ask"]));
    assert_eq!(plain["minus_three_on_positive"], json!([]));
    assert_eq!(
        v["repeated_reflection"],
        json!([{"question": "How does your role contribute to public protection?", "scenarios": ["guessable", "plain"]}])
    );
    assert_eq!(
        v["coverage"]["red_lines"]["unmonitored-contact"],
        json!(["plain"])
    );
    assert_eq!(v["coverage"]["dimensions"]["selfcare"], json!([]));
    let breaches = v["breaches"].as_array().expect("breaches");
    assert_eq!(breaches.len(), 2, "{breaches:?}");
    assert!(breaches[0].as_str().unwrap().contains("3 of 4 decisions"));
    assert!(breaches[1]
        .as_str()
        .unwrap()
        .starts_with("guessable: a choice scored -3"));
}

#[test]
fn strict_fails_past_the_limits_and_text_says_why() {
    let run = scenario(&["audit", "--strict", "tests/fixtures/audit/"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("also the longest text   3 of 4 decisions (75%"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("over: guessable: a choice scored -3 can still end positively"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_with_errors_is_named_and_fails_the_audit() {
    let (v, code) = audit_json("tests/fixtures/diagnostics/trap.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(
        v["not_audited"],
        json!(["tests/fixtures/diagnostics/trap.yaml"])
    );
}
