//! The bundled scenarios in `scenarios/`: each loads with no errors or warnings, can be
//! passed and failed, reaches at least three endings, and plays exactly to the results that
//! were computed by hand, independently of this code, in `tests/fixtures/expected/`.

use scenario_core::model::NodeKind;
use scenario_core::stats::stats;
use scenario_core::{load_scenario, load_vocabulary, score, Session};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && p.file_name().is_some_and(|n| n != "dimensions.yaml")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            (stem, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect()
}

#[test]
fn every_bundled_scenario_is_clean_passable_failable_and_branching() {
    let vocabulary_src =
        std::fs::read_to_string(root().join("scenarios/dimensions.yaml")).expect("dimensions.yaml");
    let vocabulary = load_vocabulary(&vocabulary_src);
    assert!(
        vocabulary.diagnostics.is_empty(),
        "{:#?}",
        vocabulary.diagnostics
    );
    let vocabulary = vocabulary.value.expect("loads");
    let scenarios = bundled();
    assert!(!scenarios.is_empty());
    for (stem, src) in &scenarios {
        let loaded = load_scenario(src, stem, &vocabulary);
        assert!(
            loaded.diagnostics.is_empty(),
            "{stem}: {:#?}",
            loaded.diagnostics
        );
        let s = loaded.value.expect("loads");
        let st = stats(&s);
        let ranges = st.scores.as_ref().expect("exact score ranges");
        assert!(ranges.can_pass, "{stem}: no playthrough passes");
        assert!(ranges.can_fail, "{stem}: no playthrough fails");
        let graph =
            scenario_core::analysis::StateGraph::explore(&s, scenario_core::analysis::STATE_BUDGET);
        let mut endings: Vec<usize> = graph
            .states
            .iter()
            .map(|st| st.node)
            .filter(|&n| matches!(s.nodes[n].kind, NodeKind::Ending(_)))
            .collect();
        endings.sort_unstable();
        endings.dedup();
        assert!(
            endings.len() >= 3,
            "{stem}: only {} endings reachable",
            endings.len()
        );
    }
}

#[test]
fn bundled_scenarios_play_to_the_hand_computed_results() {
    let vocabulary_src =
        std::fs::read_to_string(root().join("scenarios/dimensions.yaml")).expect("dimensions.yaml");
    let vocabulary = load_vocabulary(&vocabulary_src).value.expect("loads");
    let mut checked = 0;
    for (stem, src) in bundled() {
        let expected_path = root()
            .join("tests/fixtures/expected")
            .join(format!("{stem}.json"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let s = load_scenario(&src, &stem, &vocabulary)
            .value
            .expect("loads");
        let cases: Vec<Value> = serde_json::from_str(&expected).expect("expected JSON parses");
        for case in cases {
            let choices: Vec<String> =
                serde_json::from_value(case["choices"].clone()).expect("choices");
            let session = Session::play_to_end(&s, &choices)
                .unwrap_or_else(|e| panic!("{stem} {}: {e}", case["name"]));
            let r = score(&s, &session);
            let mut dims = serde_json::Map::new();
            for d in &r.dimensions {
                dims.insert(
                    d.id.clone(),
                    json!({"earned": d.earned, "possible": d.possible, "percent": d.percent}),
                );
            }
            let got = json!({
                "ending": r.ending, "outcome": r.outcome, "passed": r.passed, "overall": r.overall,
                "dimensions": dims, "critical": r.critical,
            });
            for key in [
                "ending",
                "outcome",
                "passed",
                "overall",
                "dimensions",
                "critical",
            ] {
                assert_eq!(got[key], case[key], "{stem} {}: {key}", case["name"]);
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "hand-computed cases checked: {checked}");
}
