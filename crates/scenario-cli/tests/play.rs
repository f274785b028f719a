//! `scenario play`: the JSON result of a given path on the spec's example, clear errors
//! (exit 1) for choices that are not offered or paths that stop short, and the interactive
//! terminal play-through driven through stdin.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/spec/only-happened-once.yaml"
);

fn scenario(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scenario"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("it finishes")
}

#[test]
fn play_prints_the_documented_json() {
    let out = scenario(
        &["play", SPEC, "--choose", "agree,limits", "--format", "json"],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        got,
        json!({
            "scenario": "only-happened-once",
            "ending": "end-mixed",
            "outcome": "mixed",
            "passed": false,
            "overall": 50,
            "dimensions": {
                "boundaries": {"earned": 5, "possible": 8, "percent": 63},
                "safeguarding": {"earned": 6, "possible": 7, "percent": 86},
                "listening": {"earned": 0, "possible": 3, "percent": 0}
            },
            "critical": [],
            "choices": ["agree", "limits"]
        })
    );
}

#[test]
fn a_choice_not_offered_or_a_short_path_is_a_clear_error() {
    let out = scenario(
        &[
            "play",
            SPEC,
            "--choose",
            "reflect,nonsense",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`nonsense` is not offered at `secret`") && err.contains("limits, promise"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = scenario(
        &["play", SPEC, "--choose", "reflect", "--format", "json"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("before an ending"));

    let out = scenario(&["play", SPEC, "--choose", "reflect,limits,extra"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already ended"));

    let out = scenario(&["play", "/no/such/file.yaml", "--choose", "a"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn interactive_play_takes_numbers_and_shows_feedback() {
    // "x" is refused and asked again; 1 = reflect, 2 = promise; Enter continues the passage.
    let out = scenario(&["play", SPEC], "x\n1\n2\n\n");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Type a number from 1 to 2."), "{text}");
    assert!(
        text.contains("Feedback: Reflecting shows you are listening"),
        "{text}"
    );
    assert!(
        text.contains("Red line: Promising confidentiality"),
        "{text}"
    );
    assert!(text.contains("A promise you cannot keep"), "{text}");
    assert!(
        text.contains("Not passed") && text.contains("Choices: reflect,promise"),
        "{text}"
    );

    // Input that ends early is a usage problem, not a result.
    let out = scenario(&["play", SPEC], "1\n");
    assert_eq!(out.status.code(), Some(2));
}

/// The `passing-negative-ending` warning's hint ends with a `play --choose` argument; played,
/// it passes and ends at the negative ending the warning is about, which is how a trainer
/// sees for themselves what the checker means.
#[test]
fn the_passing_negative_ending_hint_replays_to_a_pass_at_that_ending() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/diagnostics/passing-negative-ending.yaml"
    );
    let check = scenario(&["check", fixture], "");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("warning[passing-negative-ending]"),
        "{report}"
    );
    let choose = report
        .split("--choose ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("the hint gives a --choose argument");
    assert_eq!(choose, "reflect,limits-later");
    let play = scenario(&["play", fixture, "--choose", choose], "");
    let out = String::from_utf8_lossy(&play.stdout);
    assert_eq!(
        play.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&play.stderr)
    );
    assert!(
        out.contains("(negative)") && out.contains("\nPassed"),
        "{out}"
    );
}
