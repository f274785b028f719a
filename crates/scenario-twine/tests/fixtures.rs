//! The import, data-driven: every Twine file in `tests/fixtures/twine/` (hand-written after
//! the Twee 3 and Twine 2 HTML specs) has beside it a `.expect` file listing the exact
//! diagnostics it must give, one line each (severity, code, line:column in the Twine file),
//!
//! ```text
//! # expect: warning twine-macro 12:1
//! ```
//!
//! and, when it imports, a `.yaml` file with the scenario it must give, which must load
//! against the project's `scenarios/dimensions.yaml` without errors. After an intended
//! change, `UPDATE_SNAPSHOTS=1 cargo test -p scenario-twine --test fixtures` rewrites both;
//! review the diff before committing.
//!
//! Inputs too big or too odd to commit (over 1 MiB, over 5,000 passages, a vocabulary with
//! no dimensions) are made here. Every code the import gives is tied to a fixture or a made
//! input, and to docs/scenario-format.md.

use scenario_core::model::Vocabulary;
use scenario_core::{load_scenario, load_vocabulary, Diagnostic};
use scenario_twine::{import, Imported, CODES};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures/twine")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The project's vocabulary, which imports are checked against.
fn vocabulary() -> Vocabulary {
    let path = root().join("scenarios/dimensions.yaml");
    let text = String::from_utf8(read(&path)).unwrap_or_default();
    load_vocabulary(&text)
        .value
        .unwrap_or_else(|| panic!("{} does not load", path.display()))
}

/// The Twine files among the fixtures, sorted.
fn fixture_files() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "twee" || e == "tw" || e == "html" || e == "txt")
        })
        .collect();
    files.sort();
    files
}

/// A diagnostic as the `.expect` files write it.
fn line(d: &Diagnostic) -> String {
    let severity = if d.is_error() { "error" } else { "warning" };
    format!(
        "# expect: {severity} {} {}:{}",
        d.code, d.span.line, d.span.column
    )
}

/// The `# expect:` lines of a `.expect` file, sorted; other lines are comments.
fn expectations(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("# expect:"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    out.sort();
    out
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

/// Compares a fixture's import with its `.expect` and `.yaml` files (or writes them).
fn check_fixture(path: &Path, vocabulary: &Vocabulary) -> Result<(), String> {
    let name = path.display().to_string();
    let loaded = import(&read(path), vocabulary);
    let mut actual: Vec<String> = loaded.diagnostics.iter().map(line).collect();
    actual.sort();
    let expect_path = path.with_extension("expect");
    let yaml_path = path.with_extension("yaml");
    if updating() {
        let old = std::fs::read_to_string(&expect_path).unwrap_or_default();
        let notes: Vec<&str> = old
            .lines()
            .filter(|l| !l.starts_with("# expect:"))
            .collect();
        let mut text = actual.join("\n");
        text.push('\n');
        for note in notes {
            text.push_str(note);
            text.push('\n');
        }
        std::fs::write(&expect_path, text).map_err(|e| e.to_string())?;
        match &loaded.value {
            Some(imported) => {
                std::fs::write(&yaml_path, &imported.yaml).map_err(|e| e.to_string())?
            }
            None => {
                let _ = std::fs::remove_file(&yaml_path);
            }
        }
    }
    let expected_text = std::fs::read_to_string(&expect_path)
        .map_err(|e| format!("{name}: cannot read {} ({e})", expect_path.display()))?;
    let expected = expectations(&expected_text);
    if expected != actual {
        let missing: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
        let extra: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
        let detail: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "  {} {}:{} {}",
                    d.code, d.span.line, d.span.column, d.message
                )
            })
            .collect();
        return Err(format!(
            "{name}: diagnostics differ\n  expected but missing: {missing:?}\n  given but not \
             expected: {extra:?}\n{}",
            detail.join("\n")
        ));
    }
    let expects_error = expected.iter().any(|e| e.starts_with("# expect: error"));
    match (&loaded.value, expects_error) {
        (Some(imported), false) => check_output(&name, imported, &yaml_path, vocabulary),
        (None, true) => {
            if yaml_path.exists() {
                return Err(format!(
                    "{name}: nothing is imported, but {} exists",
                    yaml_path.display()
                ));
            }
            Ok(())
        }
        (Some(_), true) => Err(format!("{name}: imported despite an error")),
        (None, false) => Err(format!("{name}: not imported, with no error")),
    }
}

/// The scenario equals its snapshot and loads without errors.
fn check_output(
    name: &str,
    imported: &Imported,
    yaml_path: &Path,
    vocabulary: &Vocabulary,
) -> Result<(), String> {
    let expected = std::fs::read_to_string(yaml_path)
        .map_err(|e| format!("{name}: cannot read {} ({e})", yaml_path.display()))?;
    if expected != imported.yaml {
        return Err(format!(
            "{name}: the scenario differs from {}\n--- actual\n{}",
            yaml_path.display(),
            imported.yaml
        ));
    }
    let loaded = load_scenario(&imported.yaml, &imported.id, vocabulary);
    if loaded.errors() > 0 {
        return Err(format!(
            "{name}: the scenario does not load: {:?}",
            loaded.diagnostics
        ));
    }
    Ok(())
}

#[test]
fn every_fixture_gives_exactly_its_expected_diagnostics_and_scenario() {
    let vocabulary = vocabulary();
    let files = fixture_files();
    assert!(
        files.len() >= 10,
        "fixtures missing from {}",
        fixtures_dir().display()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| check_fixture(f, &vocabulary).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Codes the made inputs below give (not committed as fixtures).
const MADE: &[&str] = &[
    "twine-too-large",
    "twine-too-many-passages",
    "twine-no-dimensions",
];

/// The one code no input can give: the import's check of its own output, which fires only
/// on a bug in the import (the tests here and the round trips in `emit.rs` keep it quiet).
const UNREACHABLE: &[&str] = &["twine-internal"];

fn codes(loaded: &scenario_core::Loaded<Imported>) -> Vec<&'static str> {
    loaded.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn made_inputs_past_the_limits_are_refused_with_a_clear_error() {
    let vocabulary = vocabulary();
    // Over 1 MiB.
    let big = format!(":: Start\n{}", "x".repeat(1024 * 1024));
    let loaded = import(big.as_bytes(), &vocabulary);
    assert_eq!(codes(&loaded), ["twine-too-large"]);
    assert!(loaded.value.is_none());
    // Over 5,000 passages.
    let many: String = (0..5_001)
        .map(|i| format!(":: P{i}\n[[P{}]]\n", i + 1))
        .collect();
    let loaded = import(many.as_bytes(), &vocabulary);
    assert!(
        codes(&loaded).contains(&"twine-too-many-passages"),
        "{:?}",
        codes(&loaded)
    );
    assert!(loaded.value.is_none());
    // Exactly 5,000 passages (the last links to a missing one): placeholders push it over.
    let limit: String = (0..5_000)
        .map(|i| format!(":: P{i}\n[[P{}]]\n", i + 1))
        .collect();
    let loaded = import(limit.as_bytes(), &vocabulary);
    assert!(
        codes(&loaded).contains(&"twine-too-many-passages"),
        "{:?}",
        codes(&loaded)
    );
    // 4,999 passages in a chain, the last an ending: imports, and loads.
    let chain: String = (0..4_999)
        .map(|i| {
            if i == 4_998 {
                format!(":: P{i}\nThe end.\n")
            } else {
                format!(":: P{i}\n[[P{}]]\n", i + 1)
            }
        })
        .collect();
    let loaded = import(chain.as_bytes(), &vocabulary);
    let imported = loaded
        .value
        .as_ref()
        .unwrap_or_else(|| panic!("{:?}", codes(&loaded)));
    assert_eq!(imported.nodes, 4_999);
    // A vocabulary without dimensions.
    let empty = Vocabulary {
        dimensions: Vec::new(),
        topics: vocabulary.topics.clone(),
        red_lines: Vec::new(),
    };
    let loaded = import(
        b":: StoryTitle\nT\n:: Start\n[[Start]] [[End]]\n:: End\nBye.",
        &empty,
    );
    assert!(
        codes(&loaded).contains(&"twine-no-dimensions"),
        "{:?}",
        codes(&loaded)
    );
    assert!(loaded.value.is_none());
}

#[test]
fn every_code_has_a_fixture_and_is_documented() {
    let mut covered: BTreeSet<String> = MADE.iter().map(|c| c.to_string()).collect();
    covered.extend(UNREACHABLE.iter().map(|c| c.to_string()));
    for file in fixture_files() {
        let text = std::fs::read_to_string(file.with_extension("expect")).unwrap_or_default();
        for e in expectations(&text) {
            if let Some(code) = e.split_whitespace().nth(3) {
                covered.insert(code.to_string());
            }
        }
    }
    let missing: Vec<_> = CODES.iter().filter(|c| !covered.contains(**c)).collect();
    assert!(missing.is_empty(), "codes with no fixture: {missing:?}");
    let unknown: Vec<_> = covered
        .iter()
        .filter(|c| !CODES.contains(&c.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "codes in fixtures but not in CODES: {unknown:?}"
    );

    let docs_path = root().join("docs/scenario-format.md");
    let docs = String::from_utf8(read(&docs_path)).unwrap_or_default();
    let undocumented: Vec<_> = CODES
        .iter()
        .filter(|c| !docs.contains(&format!("`{c}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes not explained in {}: {undocumented:?}",
        docs_path.display()
    );
}
