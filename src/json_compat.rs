//! What this app saves on a learner's device (history, reflection notes, settings, the
//! pending-feedback marker) and exports is the JSON serde_json wrote from `#[derive]`d records
//! before `scenario_core::json` replaced it in the wasm. Devices hold saves in that form, so
//! the derives stay on the records in tests as the reference: generated records must be
//! written to the same text, and damaged copies accepted or refused exactly as before.

use crate::export;
use crate::history::{Attempt, DimensionResult, History};
use crate::notes::{Answer, Notes};
use crate::player::PendingMarker;
use crate::settings::Settings;
use scenario_core::json::{self, FromJson, ToJson};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;

use scenario_testkit::gen::Rng;

fn option(rng: &mut Rng) -> Option<i64> {
    (rng.below(3) > 0).then(|| rng.integer() as i64)
}

fn attempt(rng: &mut Rng) -> Attempt {
    Attempt {
        date: rng.text(),
        scenario: rng.text(),
        title: rng.text(),
        ending: rng.text(),
        ending_title: rng.text(),
        outcome: rng.text(),
        overall: option(rng),
        passed: rng.below(2) == 0,
        red_lines: rng.integer() as usize,
        dimensions: (0..rng.below(3))
            .map(|_| DimensionResult {
                id: rng.text(),
                label: rng.text(),
                percent: option(rng),
            })
            .collect(),
        key: rng.text(),
    }
}

fn history(rng: &mut Rng) -> History {
    History {
        version: rng.below(3) as u32,
        attempts: (0..rng.below(3)).map(|_| attempt(rng)).collect(),
    }
}

fn answers(rng: &mut Rng) -> Vec<Answer> {
    (0..rng.below(3))
        .map(|_| Answer {
            question: rng.text(),
            answer: rng.text(),
        })
        .collect()
}

fn notes(rng: &mut Rng) -> Notes {
    Notes {
        answers: answers(rng),
    }
}

fn settings(rng: &mut Rng) -> Settings {
    Settings {
        shuffle: rng.below(2) == 0,
        trainer: rng.below(2) == 0,
        large_text: rng.below(2) == 0,
    }
}

fn marker(rng: &mut Rng) -> PendingMarker {
    PendingMarker {
        step: rng.integer() as usize,
        node: rng.text(),
        choice: rng.text(),
    }
}

/// Writes generated records and damaged copies of them, comparing with serde_json.
fn same_as_serde<T>(seed: u64, generate: fn(&mut Rng) -> T)
where
    T: ToJson + FromJson + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let mut rng = Rng(seed);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..4_000 {
        let value = generate(&mut rng);
        let text = json::to_string(&value);
        assert_eq!(text, serde_json::to_string(&value).unwrap(), "case {case}");
        assert_eq!(
            json::from_str::<T>(&text).as_ref(),
            Ok(&value),
            "case {case}"
        );
        let damaged = rng.damage(&text);
        let ours = json::from_str::<T>(&damaged).ok();
        assert_eq!(
            ours,
            serde_json::from_str::<T>(&damaged).ok(),
            "case {case}: {damaged:?}"
        );
        if ours.is_some() {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    assert!(accepted > 100 && refused > 100, "{accepted} / {refused}");
}

#[test]
fn history_is_saved_and_read_as_before() {
    same_as_serde(11, history);
}

#[test]
fn notes_are_saved_and_read_as_before() {
    same_as_serde(12, notes);
}

#[test]
fn settings_are_saved_and_read_as_before() {
    same_as_serde(13, settings);
}

#[test]
fn the_pending_marker_is_saved_and_read_as_before() {
    same_as_serde(14, marker);
}

#[test]
fn a_history_without_a_version_reads_as_version_0() {
    let text = r#"{"attempts":[]}"#;
    assert_eq!(
        json::from_str::<History>(text),
        Ok(History {
            version: 0,
            attempts: vec![]
        })
    );
    assert_eq!(
        json::from_str::<History>(text).ok(),
        serde_json::from_str(text).ok()
    );
}

#[test]
fn the_json_export_is_written_as_before() {
    #[derive(Serialize)]
    struct JsonExport<'a> {
        app: &'static str,
        format: u32,
        exported: &'a str,
        attempts: &'a [Attempt],
        reflections: &'a [export::Reflection],
    }
    let mut rng = Rng(15);
    for case in 0..500 {
        let attempts: Vec<Attempt> = (0..rng.below(3)).map(|_| attempt(&mut rng)).collect();
        let reflections: Vec<export::Reflection> = (0..rng.below(3))
            .map(|_| export::Reflection {
                scenario: rng.text(),
                answers: answers(&mut rng),
            })
            .collect();
        let exported = rng.text();
        let before = serde_json::to_string(&JsonExport {
            app: "scenario-quiz",
            format: 1,
            exported: &exported,
            attempts: &attempts,
            reflections: &reflections,
        })
        .unwrap();
        assert_eq!(
            export::json(&attempts, &reflections, &exported),
            before,
            "case {case}"
        );
    }
}

#[test]
fn saves_as_found_on_a_device_are_read() {
    let text = include_str!("../tests/fixtures/saves/history.json");
    let history = json::from_str::<History>(text).unwrap();
    assert_eq!(
        Some(&history),
        serde_json::from_str::<History>(text).ok().as_ref()
    );
    assert_eq!(history.attempts[0].overall, None);
    assert_eq!(history.attempts[0].dimensions[1].percent, None);
    assert_eq!(json::to_string(&history), text);
    let text = include_str!("../tests/fixtures/saves/notes.json");
    let notes = json::from_str::<Notes>(text).unwrap();
    assert_eq!(
        notes.answers[0].answer,
        "Say it sooner.\nWrite it down \u{2014} same day."
    );
    assert_eq!(
        Some(&notes),
        serde_json::from_str::<Notes>(text).ok().as_ref()
    );
}
