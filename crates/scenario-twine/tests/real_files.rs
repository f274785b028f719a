//! The import on real public Twine files and against an independent implementation, both
//! from the npm package `extwee` 2.3.18 (MIT), pinned in package.json and installed by
//! scripts/setup.sh (`npm ci`): nothing fetched is committed, nothing is skipped.
//!
//! - Real files: the story files extwee ships in its package (`logs/arrays.twee`, a Twee 3
//!   story for Snowman; `logs/arrays.html`, the same story published by Twine 2.2.1 with
//!   Snowman 1.3.0's code around it; `logs/example.html`, extwee's own Twine 2 HTML of the
//!   Twee file) import, load without errors, and give the same scenario.
//! - Oracle: extwee converts each hand-written Twee fixture to Twine 2 HTML
//!   (`scripts/twee-to-html.mjs`); importing that HTML gives the same scenario as importing
//!   the Twee file, and the same kinds of diagnostics.

use scenario_core::model::Vocabulary;
use scenario_core::{load_scenario, load_vocabulary, Loaded};
use scenario_twine::{import, Imported};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const EXTWEE_VERSION: &str = "2.3.18";

/// extwee's folder in node_modules, checked to be the pinned version.
fn extwee() -> PathBuf {
    let dir = root().join("node_modules/extwee");
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap_or_else(|e| {
        panic!(
            "npm package extwee is not installed ({}: {e}): run scripts/setup.sh (npm ci \
             installs extwee {EXTWEE_VERSION} from package-lock.json)",
            dir.display()
        )
    });
    assert!(
        manifest.contains(&format!("\"version\": \"{EXTWEE_VERSION}\"")),
        "node_modules/extwee is not version {EXTWEE_VERSION}: run scripts/setup.sh"
    );
    dir
}

fn vocabulary() -> Vocabulary {
    let text = std::fs::read_to_string(root().join("scenarios/dimensions.yaml"))
        .unwrap_or_else(|e| panic!("cannot read scenarios/dimensions.yaml: {e}"));
    load_vocabulary(&text)
        .value
        .unwrap_or_else(|| panic!("scenarios/dimensions.yaml does not load"))
}

/// The scenario without its opening comment line (which names the IFID and format).
fn body(imported: &Imported) -> &str {
    imported.yaml.split_once('\n').map_or("", |(_, rest)| rest)
}

fn imported<'a>(name: &str, loaded: &'a Loaded<Imported>, vocabulary: &Vocabulary) -> &'a Imported {
    let imported = loaded
        .value
        .as_ref()
        .unwrap_or_else(|| panic!("{name} did not import: {:?}", loaded.diagnostics));
    let check = load_scenario(&imported.yaml, &imported.id, vocabulary);
    assert_eq!(check.errors(), 0, "{name}: {:?}", check.diagnostics);
    imported
}

fn codes(loaded: &Loaded<Imported>) -> BTreeSet<&'static str> {
    loaded.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn the_story_files_extwee_ships_import_and_agree() {
    let dir = extwee();
    let vocabulary = vocabulary();
    let mut bodies = Vec::new();
    for file in ["logs/arrays.twee", "logs/arrays.html", "logs/example.html"] {
        let path = dir.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{} is missing from extwee {EXTWEE_VERSION}: {e}",
                path.display()
            )
        });
        let loaded = import(&bytes, &vocabulary);
        let imported = imported(file, &loaded, &vocabulary);
        assert_eq!(imported.id, "arrays-in-snowman", "{file}");
        assert_eq!((imported.passages, imported.nodes), (5, 5), "{file}");
        // Snowman's `<% %>` code and `<hr />` in the passages, the story's JavaScript, and
        // the two passages without links.
        let expected: BTreeSet<&str> = ["twine-script", "twine-html", "twine-ending"].into();
        assert_eq!(codes(&loaded), expected, "{file}: {:?}", loaded.diagnostics);
        let snowman_code = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == scenario_core::Code::TwineScript && d.message.contains("<% … %>"))
            .count();
        assert_eq!(snowman_code, 18, "{file}");
        bodies.push((file, body(imported).to_string()));
    }
    // Twine 2.2.1's publication holds the passages in another order; extwee's keeps the
    // Twee file's, so its HTML gives exactly the Twee file's scenario.
    assert_eq!(
        bodies[0].1, bodies[2].1,
        "{} and {}",
        bodies[0].0, bodies[2].0
    );
    let nodes = |yaml: &str| -> BTreeSet<String> {
        yaml.lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(nodes(&bodies[0].1), nodes(&bodies[1].1));
}

/// Twee fixtures whose HTML from extwee cannot give the same import, and why.
const NOT_COMPARABLE: &[(&str, &str)] = &[
    (
        "structure.twee",
        "it has a header without a name, which extwee refuses ('Malformed passage header!')",
    ),
    (
        "not-utf8.twee",
        "node reads its bad byte as U+FFFD, so extwee's HTML is UTF-8 and imports",
    ),
    (
        "no-title.twee",
        "extwee gives a story without a title the name 'Untitled Story'",
    ),
];

/// Diagnostics only a Twee file can give, or that extwee's HTML settles: text before the
/// first header, Twee headers and StoryData, and a missing start (extwee always writes a
/// `startnode`, the first passage when the story names none).
const TWEE_ONLY: &[&str] = &[
    "twine-stray-text",
    "twine-bad-header",
    "twine-bad-story-data",
    "twine-no-start",
];

#[test]
fn importing_extwees_html_of_each_twee_fixture_gives_the_same_scenario() {
    extwee();
    let vocabulary = vocabulary();
    let dir = root().join("tests/fixtures/twine");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "twee"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "Twee fixtures missing from {}",
        dir.display()
    );
    let output = Command::new("node")
        .arg(root().join("scripts/twee-to-html.mjs"))
        .args(&files)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (run scripts/setup.sh): {e}"));
    assert!(
        output.status.success(),
        "scripts/twee-to-html.mjs failed (run scripts/setup.sh):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let converted: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("scripts/twee-to-html.mjs printed no JSON: {e}"));
    let mut compared = 0;
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let entry = &converted[file.to_str().unwrap_or("")];
        if let Some((_, why)) = NOT_COMPARABLE.iter().find(|(n, _)| *n == name) {
            // Not compared, for the reason given; the reason must still hold.
            let holds = match name {
                "structure.twee" => entry.get("error").is_some(),
                "no-title.twee" => entry["html"]
                    .as_str()
                    .is_some_and(|h| h.contains("name=\"Untitled Story\"")),
                _ => entry["html"]
                    .as_str()
                    .is_some_and(|h| h.contains('\u{fffd}')),
            };
            assert!(
                holds,
                "{name}: the reason it is not compared no longer holds ({why})"
            );
            continue;
        }
        let html = entry["html"]
            .as_str()
            .unwrap_or_else(|| panic!("extwee did not convert {name}: {entry}"));
        let from_twee = import(&std::fs::read(file).unwrap_or_default(), &vocabulary);
        let from_html = import(html.as_bytes(), &vocabulary);
        let codes_of = |loaded: &Loaded<Imported>| -> BTreeSet<&'static str> {
            codes(loaded)
                .into_iter()
                .filter(|c| !TWEE_ONLY.contains(c))
                .collect()
        };
        assert_eq!(
            codes_of(&from_twee),
            codes_of(&from_html),
            "{name}: the Twee and HTML imports report different kinds of problems\n--- twee\n{:?}\n--- html\n{:?}",
            from_twee.diagnostics,
            from_html.diagnostics
        );
        match (&from_twee.value, &from_html.value) {
            (Some(_), Some(_)) => {
                let twee = imported(name, &from_twee, &vocabulary);
                let html = imported(name, &from_html, &vocabulary);
                assert_eq!(body(twee), body(html), "{name}: the scenarios differ");
            }
            (None, None) => {}
            _ => panic!("{name}: one import succeeded and the other did not"),
        }
        compared += 1;
    }
    assert_eq!(compared, files.len() - NOT_COMPARABLE.len());
}
