//! `scenario graph`: snapshots of the dot, Mermaid and SVG maps of the spec's example
//! scenario and of a scenario whose ids, titles and conditions are full of characters every
//! format treats as syntax; and the refusal of a file with errors. (The SVG's properties are
//! tested in scenario-map; here, that the command writes it.)

mod support;

use support::{assert_snapshot, scenario};

const SPEC_EXAMPLE: &str = "tests/fixtures/spec/only-happened-once.yaml";
const AWKWARD: &str = "crates/scenario-cli/tests/graph/awkward-labels.yaml";

#[test]
fn snapshots_of_every_format() {
    for (file, format, snapshot) in [
        (SPEC_EXAMPLE, "dot", "graph-only-happened-once.dot"),
        (SPEC_EXAMPLE, "mermaid", "graph-only-happened-once.mmd"),
        (AWKWARD, "dot", "graph-awkward-labels.dot"),
        (AWKWARD, "mermaid", "graph-awkward-labels.mmd"),
        (SPEC_EXAMPLE, "svg", "graph-only-happened-once.svg"),
        (AWKWARD, "svg", "graph-awkward-labels.svg"),
    ] {
        let run = scenario(&["graph", file, "--format", format]);
        assert_eq!(
            run.code,
            Some(0),
            "graph {file} --format {format}: {}",
            run.stderr
        );
        assert_eq!(run.stderr, "", "graph {file} --format {format}");
        assert_snapshot(snapshot, &run.stdout);
    }
}

#[test]
fn dot_is_the_default_format() {
    let default = scenario(&["graph", SPEC_EXAMPLE]);
    let dot = scenario(&["graph", SPEC_EXAMPLE, "--format", "dot"]);
    assert_eq!(default.code, Some(0));
    assert_eq!(default.stdout, dot.stdout);
}

#[test]
fn output_is_deterministic() {
    let first = scenario(&["graph", SPEC_EXAMPLE, "--format", "mermaid"]);
    let second = scenario(&["graph", SPEC_EXAMPLE, "--format", "mermaid"]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn svg_flags_what_the_checker_found() {
    let run = scenario(&[
        "graph",
        "tests/fixtures/diagnostics/unreachable-node.yaml",
        "--format",
        "svg",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("unreachable\" data-node=\"aside\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("no path reaches the node `aside`"));
}

#[test]
fn a_file_with_errors_is_not_drawn() {
    for format in ["dot", "svg"] {
        let run = scenario(&[
            "graph",
            "tests/fixtures/diagnostics/missing-node.yaml",
            "--format",
            format,
        ]);
        assert_eq!(run.code, Some(1));
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("error[missing-node]"), "{}", run.stderr);
        assert!(run.stderr.contains("cannot be drawn"), "{}", run.stderr);
    }
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let run = scenario(&["graph", "tests/fixtures/spec/no-such-file.yaml"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
}
