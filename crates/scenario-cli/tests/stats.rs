//! `scenario stats`: the JSON carries the same figures as the text report, and a path count
//! too large for a u64 (or for an f64) is still written out exactly, as a JSON number.

mod support;

use std::fmt::Write as _;
use support::{root, scenario, scenario_in, Scratch};

/// A chain of `decisions` decisions of two choices each, both leading on: 2^decisions
/// playthroughs.
fn chain(decisions: usize) -> String {
    let mut yaml = String::from(
        "format: 1\nid: chain\ntitle: Chain\nsummary: A long chain.\nsetting: A room.\n\
         audiences: [induction]\ntopics: [disclosure]\ndimensions: [boundaries]\n\
         start: d0\nnodes:\n",
    );
    for i in 0..decisions {
        let next = if i + 1 == decisions {
            "end".to_string()
        } else {
            format!("d{}", i + 1)
        };
        write!(
            yaml,
            "  d{i}:\n    narration: Step {i}.\n    choices:\n\
             \x20     - {{ id: hold, text: Hold, scores: {{ boundaries: 1 }}, feedback: Good., next: {next} }}\n\
             \x20     - {{ id: slip, text: Slip, scores: {{ boundaries: -1 }}, feedback: Not so good., next: {next} }}\n"
        )
        .unwrap();
    }
    yaml.push_str("  end:\n    ending: { outcome: positive, title: Done, text: The end. }\n");
    yaml
}

/// The exact decimal digits of 2^n.
fn two_to_the(n: usize) -> String {
    let mut digits = vec![1u32]; // least significant first
    for _ in 0..n {
        let mut carry = 0;
        for d in &mut digits {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits
        .iter()
        .rev()
        .map(|d| char::from(b'0' + *d as u8))
        .collect()
}

#[test]
fn huge_path_counts_are_exact_json_numbers() {
    let scratch = Scratch::new("stats-huge");
    std::fs::copy(
        root().join("tests/fixtures/spec/dimensions.yaml"),
        scratch.path().join("dimensions.yaml"),
    )
    .unwrap();
    // 2^20 fits a u64; 2^70 does not (an f64 would round it); 2^1100 is past f64's range.
    for n in [20, 70, 1100] {
        let file = scratch.path().join("chain.yaml");
        std::fs::write(&file, chain(n)).unwrap();
        let file = file.to_str().unwrap();
        let run = scenario_in(scratch.path(), &["stats", file, "--format", "json"]);
        assert_eq!(run.code, Some(0), "2^{n}: {}", run.stderr);
        let expected = two_to_the(n);
        assert!(
            run.stdout.contains(&format!("\"paths\": {expected},")),
            "2^{n} = {expected}:\n{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("\"longest\": {n},")),
            "{}",
            run.stdout
        );
        let text = scenario_in(scratch.path(), &["stats", file]);
        assert!(
            text.stdout.contains(&format!("playthroughs {expected}\n")),
            "{}",
            text.stdout
        );
    }
}

#[test]
fn json_and_text_agree_on_a_bundled_scenario() {
    let file = "scenarios/promise-you-wont-tell.yaml";
    let json = scenario(&["stats", file, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "can_fail",
            "can_pass",
            "decisions",
            "dimensions",
            "endings",
            "longest",
            "nodes",
            "overall",
            "passages",
            "paths",
            "red_line_choices",
            "red_line_on_passing",
            "shortest"
        ]
    );
    let text = scenario(&["stats", file]).stdout;
    let paths = value["paths"].as_u64().unwrap();
    assert!(text.contains(&format!("playthroughs {paths}\n")), "{text}");
    let range = format!(
        "decisions per playthrough {} – {}\n",
        value["shortest"], value["longest"]
    );
    assert!(text.contains(&range), "{range:?} not in\n{text}");
    assert_eq!(value["can_pass"], true);
    assert_eq!(value["can_fail"], true);
    assert_eq!(value["red_line_on_passing"], false);
    let red = format!(
        "choices that cross a red line: {}; on a passing playthrough: no\n",
        value["red_line_choices"]
    );
    assert!(text.contains(&red), "{red:?} not in\n{text}");
}
