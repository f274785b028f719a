//! What this app saves on a learner's device (history, reflection notes, settings, the
//! pending-feedback marker) and exports, held to golden files in `tests/fixtures/saves/`:
//! devices keep saves in today's format, so a reload must read them and the app must go on
//! writing them the same.
//!
//! Two kinds of golden file. Saves as found on a device (`history.json`, `notes.json`,
//! `settings.json`, `pending.json`) are read and written back byte for byte, and the JSON
//! export of those records is `export.json`. Corpora (`corpus/*.txt`) keep, for thousands of
//! generated records with awkward text and a damaged copy of each, the text written and
//! whether and how the damaged copy is read. The corpora were made when serde_json's derive,
//! which wrote every save before `scenario_core::json`, still held this code to its format
//! (the two agreed on every case), so they keep that reference without the derives.
//! `UPDATE_GOLDEN=1 cargo test` rewrites them after an intended change to a format.

use crate::export;
use crate::history::{Attempt, DimensionResult, History};
use crate::notes::{Answer, Notes};
use crate::player::PendingMarker;
use crate::settings::Settings;
use scenario_core::json::{self, FromJson, ToJson};
use scenario_testkit::gen::Rng;
use scenario_testkit::golden::{self, Corpus};
use std::fmt::Debug;

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

/// Writes generated records and reads damaged copies of them, comparing both with the
/// corpus `corpus/<name>.txt`; a record read back undamaged is the record written.
fn same_as_golden<T>(name: &str, what: &str, seed: u64, generate: fn(&mut Rng) -> T)
where
    T: ToJson + FromJson + PartialEq + Debug,
{
    let mut rng = Rng(seed);
    let mut corpus = Corpus::new(
        golden::saves(&format!("corpus/{name}.txt")),
        &format!(
            "{what} (src/saves.rs, seed {seed}): 4,000 generated, each written, then a damaged copy read.\n\
             Made when serde_json's derive agreed with every case."
        ),
    );
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..4_000 {
        let value = generate(&mut rng);
        let text = json::to_string(&value);
        assert_eq!(
            json::from_str::<T>(&text).as_ref(),
            Ok(&value),
            "case {case}"
        );
        let damaged = rng.damage(&text);
        let read = json::from_str::<T>(&damaged).ok();
        corpus.case(&text, read.as_ref().map(json::to_string).as_deref());
        if read.is_some() {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    corpus.finish();
    assert!(accepted > 100 && refused > 100, "{accepted} / {refused}");
}

#[test]
fn history_is_saved_and_read_as_before() {
    same_as_golden("history", "Attempt histories", 11, history);
}

#[test]
fn notes_are_saved_and_read_as_before() {
    same_as_golden("notes", "Reflection notes", 12, notes);
}

#[test]
fn settings_are_saved_and_read_as_before() {
    same_as_golden("settings", "Settings", 13, settings);
}

#[test]
fn the_pending_marker_is_saved_and_read_as_before() {
    same_as_golden("pending", "Pending-feedback markers", 14, marker);
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
}

#[test]
fn the_json_export_is_written_as_before() {
    let mut rng = Rng(15);
    let mut corpus = Corpus::new(
        golden::saves("corpus/export.txt"),
        "JSON exports (src/saves.rs, seed 15): 500 generated, each written.\n\
         Made when serde_json's derive agreed with every case.",
    );
    for _ in 0..500 {
        let attempts: Vec<Attempt> = (0..rng.below(3)).map(|_| attempt(&mut rng)).collect();
        let reflections: Vec<export::Reflection> = (0..rng.below(3))
            .map(|_| export::Reflection {
                scenario: rng.text(),
                answers: answers(&mut rng),
            })
            .collect();
        let exported = rng.text();
        corpus.written(&export::json(&attempts, &reflections, &exported));
    }
    corpus.finish();
}

/// The golden save `name`, and its text.
fn read<T: FromJson>(name: &str) -> (T, String) {
    let path = golden::saves(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value = json::from_str::<T>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (value, text)
}

/// Reads the golden save `name` as a `T`, and writes it back byte for byte.
fn read_back<T: ToJson + FromJson>(name: &str) -> T {
    let (value, text) = read::<T>(name);
    assert_eq!(json::to_string(&value), text, "{name} written back");
    value
}

#[test]
fn saves_as_found_on_a_device_are_read_and_written_back() {
    let history: History = read_back("history.json");
    assert_eq!(history.attempts[0].overall, None);
    assert_eq!(history.attempts[0].dimensions[1].percent, None);
    // Written by hand with a `\u2014` escape, which the app writes as the character itself.
    let (notes, text): (Notes, _) = read("notes.json");
    assert_eq!(
        notes.answers[0].answer,
        "Say it sooner.\nWrite it down \u{2014} same day."
    );
    assert_eq!(json::to_string(&notes), text.replace("\\u2014", "\u{2014}"));
    let settings: Settings = read_back("settings.json");
    assert_eq!(
        settings,
        Settings {
            shuffle: false,
            trainer: true,
            large_text: true
        }
    );
    let marker: PendingMarker = read_back("pending.json");
    assert_eq!((marker.step, marker.choice.as_str()), (3, "listen"));
    // The export of those records, as a trainer's file holds it.
    let reflections = [export::Reflection {
        scenario: "got-kids".into(),
        answers: notes.answers,
    }];
    golden::assert_file(
        &golden::saves("export.json"),
        &export::json(&history.attempts, &reflections, "2026-11-23T10:05:00.000Z"),
    );
}
