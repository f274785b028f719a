//! The bundled scenarios in `scenarios/`: each loads with no errors or warnings, can be
//! passed and failed, reaches at least three endings of different outcomes, meets the
//! library's shape (decisions per route, choices per decision, content note, debrief) and
//! its balance (dimensions, advanced features, red lines, where the best answer sits), holds
//! no markup, and plays exactly to the results computed by hand, independently of this code,
//! in `tests/fixtures/expected/`.

use scenario_core::model::{NodeKind, Scenario};
use scenario_core::stats::stats;
use scenario_core::stats::Count;
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
                && p.file_name().is_some_and(|n| n != "glossary.yaml")
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

/// Collects what is wrong across the whole library, so one run names every scenario that
/// needs work (not only the first).
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "{} problem(s):\n  {}",
            self.0.len(),
            self.0.join("\n  ")
        );
    }
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
    let mut problems = Problems::default();
    for (stem, src) in &scenarios {
        let loaded = load_scenario(src, stem, &vocabulary);
        problems.check(loaded.diagnostics.is_empty(), || {
            format!("{stem}: {:?}", loaded.diagnostics)
        });
        let Some(s) = loaded.value else {
            continue;
        };
        let st = stats(&s);
        let Ok(ranges) = st.scores.as_ref() else {
            problems.check(false, || format!("{stem}: no exact score ranges"));
            continue;
        };
        problems.check(ranges.can_pass, || format!("{stem}: no playthrough passes"));
        problems.check(ranges.can_fail, || format!("{stem}: no playthrough fails"));
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
        problems.check(endings.len() >= 3, || {
            format!("{stem}: only {} endings reachable", endings.len())
        });
    }
    problems.assert_none();
}

#[test]
fn bundled_scenarios_play_to_the_hand_computed_results() {
    let vocabulary_src =
        std::fs::read_to_string(root().join("scenarios/dimensions.yaml")).expect("dimensions.yaml");
    let vocabulary = load_vocabulary(&vocabulary_src).value.expect("loads");
    let mut checked = 0;
    let mut problems = Problems::default();
    for (stem, src) in bundled() {
        let expected_path = root()
            .join("tests/fixtures/expected")
            .join(format!("{stem}.json"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let Some(s) = load_scenario(&src, &stem, &vocabulary).value else {
            problems.check(false, || format!("{stem}: does not load"));
            continue;
        };
        let cases: Vec<Value> = serde_json::from_str(&expected).expect("expected JSON parses");
        for case in cases {
            let choices: Vec<String> =
                serde_json::from_value(case["choices"].clone()).expect("choices");
            let session = match Session::play_to_end(&s, &choices) {
                Ok(session) => session,
                Err(e) => {
                    problems.check(false, || format!("{stem} {}: {e}", case["name"]));
                    continue;
                }
            };
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
                problems.check(got[key] == case[key], || {
                    format!(
                        "{stem} {}: {key} is {}, expected {}",
                        case["name"], got[key], case[key]
                    )
                });
            }
            checked += 1;
        }
    }
    problems.assert_none();
    assert!(checked >= 3, "hand-computed cases checked: {checked}");
}

fn library() -> Vec<Scenario> {
    let vocabulary_src =
        std::fs::read_to_string(root().join("scenarios/dimensions.yaml")).expect("dimensions.yaml");
    let vocabulary = load_vocabulary(&vocabulary_src).value.expect("loads");
    bundled()
        .into_iter()
        .map(|(stem, src)| {
            load_scenario(&src, &stem, &vocabulary)
                .value
                .unwrap_or_else(|| panic!("{stem} loads"))
        })
        .collect()
}

/// Every text a learner or trainer reads in a scenario.
fn texts(s: &Scenario) -> Vec<&str> {
    let mut out: Vec<&str> = vec![&s.title, &s.summary, &s.setting];
    out.extend(s.content_note.as_deref());
    out.extend(s.trainer_notes.as_deref());
    out.extend(s.debrief.key_points.iter().map(String::as_str));
    out.extend(s.debrief.reflection.iter().map(String::as_str));
    for c in &s.characters {
        out.push(&c.name);
        out.extend(c.role.as_deref());
    }
    for node in &s.nodes {
        out.extend(node.narration.as_deref());
        out.extend(node.say.iter().map(|l| l.text.as_str()));
        match &node.kind {
            NodeKind::Decision(choices) => {
                for c in choices {
                    out.push(&c.text);
                    out.extend(c.feedback.as_deref());
                    out.extend(c.critical.as_deref());
                }
            }
            NodeKind::Ending(e) => {
                out.push(&e.title);
                out.push(&e.text);
            }
            NodeKind::Passage(_) => {}
        }
    }
    out
}

fn uses_conditions_or_variables(s: &Scenario) -> bool {
    !s.variables.is_empty()
        || s.nodes.iter().any(|n| match &n.kind {
            NodeKind::Decision(cs) => cs
                .iter()
                .any(|c| c.condition.is_some() || c.next.branches.len() > 1),
            NodeKind::Passage(next) => next.branches.len() > 1,
            NodeKind::Ending(_) => false,
        })
}

#[test]
fn each_scenario_has_the_shape_of_a_real_training_scenario() {
    let mut problems = Problems::default();
    for s in library() {
        let id = &s.id;
        let st = stats(&s);
        problems.check(
            matches!(&st.longest, Some(Count::Exact(n)) if n.to_u64().is_some_and(|n| n >= 4)),
            || {
                format!(
                    "{id}: the longest playthrough needs 4 or more decisions, has {:?}",
                    st.longest
                )
            },
        );
        let outcomes: std::collections::BTreeSet<&str> = s
            .nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Ending(e) => Some(e.outcome.as_str()),
                _ => None,
            })
            .collect();
        problems.check(outcomes.len() == 3, || {
            format!("{id}: endings of all three outcomes")
        });
        let decisions: Vec<&Vec<_>> = s
            .nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Decision(cs) => Some(cs),
                _ => None,
            })
            .collect();
        let three_or_four = decisions
            .iter()
            .filter(|cs| (3..=4).contains(&cs.len()))
            .count();
        problems.check(three_or_four * 2 > decisions.len(), || {
            format!("{id}: most decisions should offer 3 or 4 choices")
        });
        problems.check(
            decisions
                .iter()
                .flat_map(|cs| cs.iter())
                .all(|c| c.feedback.is_some()),
            || format!("{id}: feedback on every choice"),
        );
        problems.check(
            s.content_note.as_deref().is_some_and(|n| n.len() > 20),
            || format!("{id}: a content note"),
        );
        problems.check(s.trainer_notes.is_some(), || format!("{id}: trainer notes"));
        problems.check(s.debrief.key_points.len() >= 2, || {
            format!("{id}: key points")
        });
        // Each scenario asks its own reflection questions, at least two, one of them about the
        // wider network around him (no question is shared with another scenario: see
        // `no_reflection_question_is_shared`).
        problems.check(s.debrief.reflection.len() >= 2, || {
            format!("{id}: at least two reflection questions")
        });
        problems.check(
            s.debrief.reflection.iter().any(|q| {
                let q = q.to_lowercase();
                WIDER_NETWORK.iter().any(|w| q.contains(w))
            }),
            || format!("{id}: a reflection question about the wider network ({WIDER_NETWORK:?})"),
        );
        problems.check(
            !s.characters.is_empty() && s.characters.iter().all(|c| !c.name.is_empty()),
            || format!("{id}: named characters"),
        );
        // Where the strongest answer sits: not always first, not always the longest text.
        let mut best_first = 0;
        let mut best_longest = 0;
        for cs in &decisions {
            let total = |c: &scenario_core::model::Choice| c.scores.iter().sum::<i64>();
            let safe: Vec<_> = cs.iter().filter(|c| c.critical.is_none()).collect();
            let Some(best) = safe.iter().max_by_key(|c| total(c)) else {
                continue;
            };
            if std::ptr::eq(*best, &cs[0]) {
                best_first += 1;
            }
            if cs
                .iter()
                .all(|c| c.text.chars().count() <= best.text.chars().count())
            {
                best_longest += 1;
            }
        }
        problems.check(best_first < decisions.len(), || {
            format!("{id}: the strongest answer is always the first")
        });
        problems.check(best_longest < decisions.len(), || {
            format!("{id}: the strongest answer is always the longest")
        });
    }
    problems.assert_none();
}

/// Who a reflection question about the wider network names (one of them, at least).
const WIDER_NETWORK: &[&str] = &[
    "wider network",
    "offender manager",
    "mappa",
    "police",
    "designated safeguarding lead",
    "probation",
];

#[test]
fn no_reflection_question_is_shared() {
    let audit = scenario_core::audit::audit_library(&library());
    assert!(
        audit.repeated_reflection.is_empty(),
        "asked in more than one scenario: {:#?}",
        audit.repeated_reflection
    );
}

#[test]
fn no_text_holds_markup_or_graphic_detail() {
    // Words that would describe abuse rather than refer to "his offence" / "the conviction".
    const GRAPHIC: &[&str] = &[
        "rape",
        "molest",
        "fondl",
        "naked",
        "penis",
        "vagina",
        "genital",
        "porn",
        "intercourse",
        "masturbat",
    ];
    for s in library() {
        for text in texts(&s) {
            let lower = text.to_lowercase();
            assert!(
                !text.contains('<')
                    && !text.contains('>')
                    && !lower.contains("&lt;")
                    && !lower.contains("&#"),
                "{}: markup in text: {text}",
                s.id
            );
            for word in GRAPHIC {
                assert!(!lower.contains(word), "{}: `{word}` in: {text}", s.id);
            }
        }
    }
}

#[test]
fn the_library_is_balanced() {
    let lib = library();
    assert!(
        lib.len() >= 16,
        "the library covers the domain guide's twelve outlines and four more"
    );
    for dim in ["boundaries", "safeguarding", "listening", "selfcare"] {
        let assessed = lib
            .iter()
            .filter(|s| s.dimensions.iter().any(|d| d.id == dim))
            .count();
        assert!(
            assessed >= 5,
            "{dim} is assessed in only {assessed} scenarios"
        );
    }
    let advanced = lib
        .iter()
        .filter(|s| uses_conditions_or_variables(s))
        .count();
    assert!(
        advanced >= 4,
        "only {advanced} scenarios use variables or conditions"
    );
    let critical = lib
        .iter()
        .filter(|s| s.nodes.iter().any(|n| matches!(&n.kind, NodeKind::Decision(cs) if cs.iter().any(|c| c.critical.is_some()))))
        .count();
    assert!(
        critical >= 6,
        "only {critical} scenarios have a red-line choice"
    );
    for audience in ["induction", "refresher"] {
        assert!(
            lib.iter()
                .filter(|s| s.audiences.iter().any(|a| a == audience))
                .count()
                >= 4,
            "{audience} set too small"
        );
    }
    let topics: std::collections::BTreeSet<&str> = lib
        .iter()
        .flat_map(|s| s.topics.iter().map(|t| t.id.as_str()))
        .collect();
    for topic in [
        "minimisation",
        "manipulation",
        "disclosure",
        "safeguarding",
        "selfcare",
        "listening",
        "motivation",
    ] {
        assert!(topics.contains(topic), "no scenario covers topic {topic}");
    }
}
