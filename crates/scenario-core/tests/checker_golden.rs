//! Everything the loader and checker say, held to a golden file, so that work on their speed
//! (docs/performance.md, "Checker speed") cannot change a word of it: every diagnostic in
//! full (severity, code, position, length, message, hint) of the diagnostics fixtures, the
//! hostile file, the bundled scenarios and damaged copies of them, random scenarios with
//! variables and conditions (states, dead choices, choices never offered, the passing search), and
//! the `check` benchmark's generated files; for each file that loads, a fingerprint of the
//! model and of the state graph (written out state by state), and for the bundled and
//! generated files also of the stats and the trainer's routes.
//!
//! The cases are chosen to run in seconds in a debug build (the stats and routes of the
//! budget-exhausting fixtures and of larger random files take tens of seconds each there;
//! their diagnostics are pinned here, their stats by tests/stats.rs).
//!
//! The golden file (`tests/golden/checker.txt`) was written by the code before the speed
//! work; `UPDATE_GOLDEN=1 cargo test -p scenario-core --features author --test
//! checker_golden` rewrites it after an intended change (review the diff).

use scenario_core::analysis::stats::stats;
use scenario_core::analysis::{StateGraph, STATE_BUDGET};
use scenario_core::hash::fnv1a;
use scenario_core::load::{load_scenario_with, Limits};
use scenario_core::{load_vocabulary, Diagnostic, Routes, Vocabulary};
use scenario_testkit::files::{bundled_scenarios, root};
use scenario_testkit::gen::Rng;
use scenario_testkit::generate::generate;
use scenario_testkit::{golden, pipeline};
use std::fmt::Write as _;

fn fingerprint(value: &impl std::fmt::Debug) -> u64 {
    fnv1a(format!("{value:?}").as_bytes())
}

/// One file: its diagnostics in full, and fingerprints of what it loads to.
fn report(out: &mut String, name: &str, src: &str, stem: &str, vocabulary: &Vocabulary) {
    report_with(out, name, src, stem, vocabulary, Limits::default(), false);
}

/// [`report`] with the stats and the routes too.
fn report_all(out: &mut String, name: &str, src: &str, stem: &str, vocabulary: &Vocabulary) {
    report_with(out, name, src, stem, vocabulary, Limits::default(), true);
}

fn report_with(
    out: &mut String,
    name: &str,
    src: &str,
    stem: &str,
    vocabulary: &Vocabulary,
    limits: Limits,
    with_stats: bool,
) {
    let loaded = load_scenario_with(src, stem, vocabulary, limits);
    let _ = writeln!(out, "== {name} ({} bytes)", src.len());
    for d in &loaded.diagnostics {
        write_diagnostic(out, d);
    }
    if let Some(s) = &loaded.value {
        let graph = StateGraph::explore(s, STATE_BUDGET);
        let _ = writeln!(
            out,
            "   loads: model {:016x}, {} states ({} expanded{}), graph {:016x}",
            fingerprint(s),
            graph.states.len(),
            graph.expanded,
            if graph.truncated { ", truncated" } else { "" },
            fnv1a(graph_text(&graph).as_bytes()),
        );
        if with_stats {
            let _ = writeln!(
                out,
                "   stats {:016x}, routes {:016x}",
                fingerprint(&stats(s)),
                fingerprint(&Routes::of(s)),
            );
        }
    }
}

/// The state graph as text: its tracked slots, each state (node, values, moves), whether
/// a budget stopped it and how far it got. (Written out rather than `Debug`, so that a
/// change of representation that keeps the graph keeps the fingerprint.)
fn graph_text(graph: &StateGraph) -> String {
    let mut text = format!(
        "{:?} {} {}\n",
        graph.tracked, graph.truncated, graph.expanded
    );
    for (s, state) in graph.states.iter().enumerate() {
        let _ = write!(text, "{} {:?}:", state.node, state.values);
        for e in &graph.edges[s] {
            let _ = write!(text, " {:?}>{}", e.choice, e.to);
        }
        text.push('\n');
    }
    text
}

fn write_diagnostic(out: &mut String, d: &Diagnostic) {
    let _ = writeln!(
        out,
        "   {} {} {}:{}+{} @{}: {}",
        d.severity.as_str(),
        d.code,
        d.span.line,
        d.span.column,
        d.span.len,
        d.span.offset,
        d.message
    );
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "     hint: {hint}");
    }
}

/// A random scenario: 4 to 16 nodes (decisions, passages, endings of every outcome), up to
/// three variables with conditions on them and on the running scores (`and`, `or`, `not`),
/// `set`, branches, critical choices and red lines, missing feedback.
fn random_scenario(rng: &mut Rng, id: &str) -> String {
    let nodes = 4 + rng.below(13) as usize;
    let variables = rng.below(4) as usize;
    let names = ["trust", "risk", "mood"];
    let dimensions = ["boundaries", "safeguarding", "listening"];
    let mut y = format!(
        "format: 1\nid: {id}\ntitle: Random\nsummary: s\nsetting: s\naudiences: [induction]\n\
         topics: [safeguarding]\ndimensions: [boundaries, safeguarding, listening]\n"
    );
    if rng.below(3) == 0 {
        let _ = writeln!(
            y,
            "pass: {{overall: {}, each: {}}}",
            rng.below(101),
            rng.below(101)
        );
    }
    if variables > 0 {
        y.push_str("variables: {");
        for (i, name) in names.iter().take(variables).enumerate() {
            let _ = write!(
                y,
                "{}{name}: {}",
                if i > 0 { ", " } else { "" },
                rng.below(3) as i64 - 1
            );
        }
        y.push_str("}\n");
    }
    y.push_str("start: n0\nnodes:\n");
    let endings = 1 + rng.below(3) as usize;
    let inner = nodes - endings;
    let target = |rng: &mut Rng, i: usize| -> String {
        // Forward only, sometimes to an ending: with loops, conditions on values that grow
        // round them exhaust the state budget, which costs tens of seconds in a debug build
        // (the `analysis-budget` fixture pins that case).
        match rng.below(10) {
            0..=2 => format!("e{}", rng.below(endings as u64)),
            _ => {
                let j = i + 1 + rng.below(3) as usize;
                if j >= inner {
                    format!("e{}", rng.below(endings as u64))
                } else {
                    format!("n{j}")
                }
            }
        }
    };
    let condition = |rng: &mut Rng| -> String {
        let comparison = |rng: &mut Rng| {
            let name = if variables > 0 && rng.below(3) > 0 {
                names[rng.below(variables as u64) as usize].to_string()
            } else {
                format!("score.{}", dimensions[rng.below(3) as usize])
            };
            let op = ["==", "!=", "<", "<=", ">", ">="][rng.below(6) as usize];
            format!("{name} {op} {}", rng.below(5) as i64 - 1)
        };
        match rng.below(5) {
            0 => format!("{} and {}", comparison(rng), comparison(rng)),
            1 => format!("{} or not {}", comparison(rng), comparison(rng)),
            2 => format!("not ({} or {})", comparison(rng), comparison(rng)),
            _ => comparison(rng),
        }
    };
    let next = |rng: &mut Rng, i: usize| -> String {
        if rng.below(4) == 0 {
            let first = condition(rng);
            let to_first = target(rng, i);
            let to_last = target(rng, i);
            format!("[{{if: \"{first}\", to: {to_first}}}, {{to: {to_last}}}]")
        } else {
            target(rng, i)
        }
    };
    for i in 0..inner {
        if rng.below(5) == 0 {
            let to = next(rng, i);
            let _ = writeln!(y, "  n{i}: {{narration: Later., next: {to}}}");
            continue;
        }
        let _ = writeln!(y, "  n{i}:\n    choices:");
        for _ in 0..1 + rng.below(4) {
            let mut choice = String::from("{text: Say it");
            if rng.below(6) > 0 {
                choice.push_str(", feedback: ok");
            }
            let mut scored: Vec<String> = Vec::new();
            for d in dimensions {
                if rng.below(2) == 0 {
                    scored.push(format!("{d}: {}", rng.below(7) as i64 - 3));
                }
            }
            if !scored.is_empty() {
                let _ = write!(choice, ", scores: {{{}}}", scored.join(", "));
            }
            if variables > 0 && rng.below(3) == 0 {
                let name = names[rng.below(variables as u64) as usize];
                let _ = write!(choice, ", set: {{{name}: {}}}", rng.below(3) as i64 - 1);
            }
            if rng.below(4) == 0 {
                let _ = write!(choice, ", if: \"{}\"", condition(rng));
            }
            match rng.below(12) {
                0 => choice.push_str(", critical: Never."),
                1 if scored
                    .iter()
                    .all(|s| !s.contains(": 1") && !s.contains(": 2") && !s.contains(": 3")) =>
                {
                    choice.push_str(", red_lines: [secret]")
                }
                _ => {}
            }
            let to = next(rng, i);
            let _ = writeln!(y, "    - {choice}, next: {to}}}");
        }
    }
    for k in 0..endings {
        let outcome = ["positive", "mixed", "negative"][rng.below(3) as usize];
        let _ = writeln!(
            y,
            "  e{k}: {{ending: {{outcome: {outcome}, title: End, text: Done}}}}"
        );
    }
    y
}

#[test]
fn every_diagnostic_and_analysis_is_as_before() {
    let vocabulary = pipeline::vocabulary();
    let mut out = String::new();

    let fixtures = root().join("tests/fixtures/diagnostics");
    let fixture_vocabulary = load_vocabulary(
        &std::fs::read_to_string(fixtures.join("dimensions.yaml")).expect("dimensions.yaml"),
    )
    .value
    .expect("the fixtures' dimensions.yaml loads");
    for path in scenario_testkit::files::scenario_files(&fixtures) {
        let src = std::fs::read_to_string(&path).expect("fixture");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // glossary-*.yaml are glossaries (the CLI's diagnostics test checks each as a
        // glossary.yaml), not scenarios: loading them as scenarios would pin nothing useful.
        if stem.starts_with("glossary-") {
            continue;
        }
        report(&mut out, stem, &src, stem, &fixture_vocabulary);
    }

    let hostile = root().join("tests/fixtures/hostile/hostile.yaml");
    let src = std::fs::read_to_string(&hostile).expect("hostile.yaml");
    report(&mut out, "hostile", &src, "hostile", &vocabulary);

    let mut rng = Rng(0x5eed_c0de_1234_5678);
    for (stem, src) in bundled_scenarios() {
        report_all(&mut out, &stem, &src, &stem, &vocabulary);
        for k in 0..3 {
            let damaged = rng.damage(&src);
            report(
                &mut out,
                &format!("{stem} damaged {k}"),
                &damaged,
                &stem,
                &vocabulary,
            );
        }
    }

    for k in 0..60 {
        let id = format!("random-{k}");
        let src = random_scenario(&mut rng, &id);
        report(&mut out, &id, &src, &id, &vocabulary);
    }

    let raised = Limits {
        max_file_bytes: usize::MAX,
        max_nodes: usize::MAX,
    };
    for nodes in [1_000, 5_000] {
        for conditions in [false, true] {
            let src = generate(nodes, conditions);
            let name = format!("generated {nodes} conditions {conditions}");
            report_with(&mut out, &name, &src, "gen", &vocabulary, raised, true);
        }
    }

    golden::assert_file(
        &root().join("crates/scenario-core/tests/golden/checker.txt"),
        &out,
    );
}
