//! Stage two, loading: the positioned YAML tree ([`crate::text::yaml`]) → a validated
//! [`Scenario`] plus *all* diagnostics.
//!
//! The tree is walked against format v1 (`walker`): the header and declarations
//! (`header`), the nodes (`nodes`) with their choices (`choices`), where they lead (`next`),
//! their conditions (`conditions`) and red lines (`red_lines`); the vocabulary is
//! `dimensions.yaml` (`vocabulary`), the glossary `glossary.yaml` (`glossary`). Every problem is collected at the key or
//! value it concerns; only when nothing is an error is the model built and the path
//! analysis ([`crate::analysis`]) run. Loading never panics and never stops at the first
//! problem.

mod choices;
mod conditions;
mod declarations;
mod glossary;
mod header;
mod next;
mod nodes;
mod red_lines;
mod vocabulary;
mod walker;

pub use glossary::{MAX_FORM_CHARS, MAX_INTRO_CHARS, MAX_MEANS_CHARS, MAX_NETWORK_CHARS};
pub use walker::MAX_TEXT_CHARS;

use crate::analysis;
use crate::model::{Glossary, Scenario, Vocabulary};
use crate::text::diagnostic::{self, Code, Diagnostic};
use crate::text::{position, yaml};
use glossary::build_glossary;
use header::build_scenario;
use std::path::PathBuf;
use vocabulary::build_vocabulary;
use walker::Walker;

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Most nodes a scenario may have.
pub const MAX_NODES: usize = 5_000;

/// The limits a scenario file is held to. [`Limits::default`] is format v1's; benchmarks
/// raise them to measure growth past them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_file_bytes: usize,
    /// Most nodes.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_nodes: MAX_NODES,
        }
    }
}

/// The files a scenario folder shares among its scenarios, which are not scenarios: the
/// vocabulary every scenario is loaded against, and the glossary.
pub const SHARED_FILES: &[&str] = &["dimensions.yaml", "glossary.yaml"];

/// Of the paths listed in a scenario folder, the scenarios: every `*.yaml` but the folder's
/// [`SHARED_FILES`], sorted. The caller lists the folder (the core reads no files); the CLI,
/// the tests and the tools all choose the scenarios here.
pub fn scenario_files(listed: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = listed
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_none_or(|n| !SHARED_FILES.contains(&n))
        })
        .collect();
    files.sort();
    files
}

/// A scenario (when it has no errors) and everything said about it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The value, present only when no diagnostic is an error.
    pub value: Option<T>,
    /// Every error and warning, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Reads `dimensions.yaml`: the scoring dimensions, topics and red-line acts scenarios may
/// name.
pub fn load_vocabulary(src: &str) -> Loaded<Vocabulary> {
    let mut w = Walker::new(src);
    let value = match yaml::parse(src) {
        Ok(root) => build_vocabulary(&mut w, &root),
        Err(d) => {
            w.push(d);
            None
        }
    };
    finish(w, value)
}

/// Reads `glossary.yaml`: the words a new worker may not know, and the "Who's who".
pub fn load_glossary(src: &str) -> Loaded<Glossary> {
    let mut w = Walker::new(src);
    if src.len() > MAX_FILE_BYTES {
        w.error(
            Code::TooLarge,
            position::span_of_offset(src, 0),
            format!(
                "the file is {} KiB; files are limited to {} KiB",
                src.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
        );
        return finish(w, None);
    }
    let value = match yaml::parse(src) {
        Ok(root) => build_glossary(&mut w, &root),
        Err(d) => {
            w.push(d);
            None
        }
    };
    finish(w, value)
}

/// Loads one scenario file. `file_stem` is the file name without `.yaml` (the `id` must
/// equal it); `vocabulary` comes from the `dimensions.yaml` beside the file.
pub fn load_scenario(src: &str, file_stem: &str, vocabulary: &Vocabulary) -> Loaded<Scenario> {
    load_scenario_with(src, file_stem, vocabulary, Limits::default())
}

/// [`load_scenario`] with other limits.
pub fn load_scenario_with(
    src: &str,
    file_stem: &str,
    vocabulary: &Vocabulary,
    limits: Limits,
) -> Loaded<Scenario> {
    let (w, scenario) = walk_and_check(src, file_stem, vocabulary, limits);
    finish(w, scenario)
}

/// A load for the branching map: [`Loaded`], and the model when the only errors are the
/// path analysis's (a trap, a decision where no choice is offered), which leave the file's
/// structure whole, so the map can still be drawn with those nodes flagged.
#[derive(Debug, Clone)]
pub struct LoadedForMap {
    /// What [`load_scenario`] returns for the same text.
    pub loaded: Loaded<Scenario>,
    /// The model when `loaded.value` is `None` only because of the analysis's errors.
    pub model_despite_analysis_errors: Option<Scenario>,
}

impl LoadedForMap {
    /// The model to draw: the loaded scenario, or the one built despite analysis errors.
    pub fn model(&self) -> Option<&Scenario> {
        self.loaded
            .value
            .as_ref()
            .or(self.model_despite_analysis_errors.as_ref())
    }
}

/// [`load_scenario`] for the studio's map: the same diagnostics, and the built model even
/// when the path analysis found errors (its errors never mean a broken structure).
pub fn load_scenario_for_map(src: &str, file_stem: &str, vocabulary: &Vocabulary) -> LoadedForMap {
    let (w, scenario) = walk_and_check(src, file_stem, vocabulary, Limits::default());
    let mut loaded = finish(w, None);
    if loaded.errors() == 0 {
        loaded.value = scenario;
        return LoadedForMap {
            loaded,
            model_despite_analysis_errors: None,
        };
    }
    // `walk_and_check` keeps a model only when the walk found no error: these errors are
    // the analysis's.
    LoadedForMap {
        loaded,
        model_despite_analysis_errors: scenario,
    }
}

/// Walks the tree and, when the walk found no error, runs the checker: the diagnostics so
/// far, and the model when the walk built one without errors (the analysis's own errors
/// may follow it).
fn walk_and_check<'a>(
    src: &'a str,
    file_stem: &str,
    vocabulary: &Vocabulary,
    limits: Limits,
) -> (Walker<'a>, Option<Scenario>) {
    let mut w = Walker::new(src);
    if src.len() > limits.max_file_bytes {
        w.error(
            Code::TooLarge,
            position::span_of_offset(src, 0),
            format!(
                "the file is {} KiB; scenario files are limited to {} KiB",
                src.len() / 1024,
                limits.max_file_bytes / 1024
            ),
        );
        return (w, None);
    }
    let root = match yaml::parse(src) {
        Ok(root) => root,
        Err(d) => {
            w.push(d);
            return (w, None);
        }
    };
    let scenario = build_scenario(&mut w, &root, file_stem, vocabulary, limits.max_nodes);
    if w.diagnostics.iter().any(Diagnostic::is_error) {
        return (w, None);
    }
    if let Some(scenario) = &scenario {
        w.diagnostics.extend(analysis::check(scenario));
    }
    (w, scenario)
}

fn finish<T>(w: Walker, value: Option<T>) -> Loaded<T> {
    let mut diagnostics = w.diagnostics;
    diagnostic::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        value: if has_errors { None } else { value },
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOCABULARY: &str = include_str!("../../../tests/fixtures/diagnostics/dimensions.yaml");

    fn for_map(fixture: &str, stem: &str) -> LoadedForMap {
        let vocabulary = load_vocabulary(VOCABULARY)
            .value
            .expect("the fixtures' vocabulary loads");
        load_scenario_for_map(fixture, stem, &vocabulary)
    }

    #[test]
    fn the_map_gets_a_model_when_only_the_analysis_found_errors() {
        for (stem, fixture) in [
            (
                "trap",
                include_str!("../../../tests/fixtures/diagnostics/trap.yaml"),
            ),
            (
                "no-choice-offered",
                include_str!("../../../tests/fixtures/diagnostics/no-choice-offered.yaml"),
            ),
        ] {
            let vocabulary = load_vocabulary(VOCABULARY).value.expect("vocabulary");
            let plain = load_scenario(fixture, stem, &vocabulary);
            let map = for_map(fixture, stem);
            assert!(
                plain.value.is_none() && plain.errors() > 0,
                "{stem}: an error"
            );
            assert_eq!(
                map.loaded.diagnostics, plain.diagnostics,
                "{stem}: same diagnostics"
            );
            assert!(map.loaded.value.is_none(), "{stem}: still no loaded value");
            let model = map.model().expect("a model despite the analysis's errors");
            assert_eq!(model.id, stem);
        }
    }

    #[test]
    fn the_map_gets_the_loaded_model_or_nothing_otherwise() {
        // Loads with warnings only: the loaded value, nothing else.
        let fixture = include_str!("../../../tests/fixtures/diagnostics/unreachable-node.yaml");
        let map = for_map(fixture, "unreachable-node");
        assert!(map.loaded.value.is_some() && map.model_despite_analysis_errors.is_none());
        assert!(map.model().is_some());
        // An error of the walk (a missing node): no model at all, the analysis never ran.
        let fixture = include_str!("../../../tests/fixtures/diagnostics/missing-node.yaml");
        let map = for_map(fixture, "missing-node");
        assert!(map.loaded.errors() > 0 && map.model().is_none());
        // Not YAML.
        let map = for_map("id: [", "x");
        assert!(map.model().is_none());
    }

    #[test]
    fn a_folders_scenarios_are_its_yaml_files_but_the_shared_ones() {
        let listed = [
            "b.yaml",
            "dimensions.yaml",
            "glossary.yaml",
            "a.yaml",
            "notes.md",
            "c.yml",
            "sub/dimensions.yaml",
            "d.YAML",
        ]
        .map(|p| PathBuf::from(format!("scenarios/{p}")));
        let names: Vec<String> = scenario_files(listed)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(names, ["scenarios/a.yaml", "scenarios/b.yaml"]);
    }
}
