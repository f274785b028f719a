//! Times the phases of loading a generated scenario: a profiling aid for the benchmark.
use scenario_core::load::{load_scenario_with, Limits};
use std::time::Instant;
/// A chain of decisions (3 choices: on, skip one, on) with a passage every fifth node and
/// three endings, written compactly (flow style) so that 5,000 nodes fit in the format's
/// 1 MiB limit, as a real file at the node limit must. With `conditions`, a bounded `trust`
/// variable gates one choice per node and picks a branch of `next`, so the states are
/// node × trust (0..=3).
pub fn generate(nodes: usize, conditions: bool) -> String {
    let mut y = String::with_capacity(nodes * 220);
    y.push_str(
        "format: 1\nid: gen\ntitle: Generated\nsummary: s\nsetting: s\naudiences: [induction]\n",
    );
    y.push_str("topics: [safeguarding]\ndimensions: [boundaries, safeguarding, listening]\n");
    y.push_str("characters: { dan: { name: Dan } }\n");
    if conditions {
        y.push_str("variables: { trust: 0 }\n");
    }
    y.push_str("start: n0\nnodes:\n");
    let inner = nodes - 3;
    let to = |i: usize| {
        if i >= inner {
            format!("e{}", i - inner)
        } else {
            format!("n{i}")
        }
    };
    for i in 0..inner {
        if i % 5 == 4 {
            y.push_str(&format!(
                "  n{i}: {{ narration: Later., next: {} }}\n",
                to(i + 1)
            ));
            continue;
        }
        y.push_str(&format!(
            "  n{i}:\n    say: [dan: Can I ask?]\n    choices:\n"
        ));
        y.push_str(&format!(
            "    - {{ id: a, text: Go on., scores: {{ listening: 2 }}, feedback: Open., next: {} }}\n",
            to(i + 1)
        ));
        if conditions {
            y.push_str(&format!(
                "    - {{ id: b, text: Thanks., if: trust < 3, set: {{ trust: 1 }}, feedback: Warm., next: [{{ if: trust >= 2, to: {} }}, {{ to: {} }}] }}\n",
                to(i + 2),
                to(i + 1)
            ));
        } else {
            y.push_str(&format!(
                "    - {{ id: b, text: Move on., scores: {{ listening: -1 }}, feedback: Shut., next: {} }}\n",
                to(i + 2)
            ));
        }
        y.push_str(&format!(
            "    - {{ id: c, text: I promise., scores: {{ safeguarding: -3, boundaries: -2 }}, feedback: No., next: {} }}\n",
            to(i + 1)
        ));
    }
    for (k, outcome) in ["positive", "mixed", "negative"].iter().enumerate() {
        y.push_str(&format!(
            "  e{k}: {{ ending: {{ outcome: {outcome}, title: End, text: Done }} }}\n"
        ));
    }
    y
}

fn main() {
    let vocab = scenario_core::load_vocabulary(include_str!("../../../scenarios/dimensions.yaml"))
        .value
        .expect("vocabulary");
    let mut args = std::env::args().skip(1);
    let nodes = args.next().and_then(|a| a.parse().ok()).unwrap_or(5000);
    let src = generate(nodes, args.next().is_some());
    let limits = Limits {
        max_file_bytes: usize::MAX,
        max_nodes: usize::MAX,
    };
    for _ in 0..3 {
        let t = Instant::now();
        let events = raw_events(&src);
        println!("raw libyaml-safer events {events} in {:?}", t.elapsed());
        let t = Instant::now();
        let parsed = scenario_core::yaml::parse(&src).is_ok();
        let parse = t.elapsed();
        let t = Instant::now();
        let loaded = load_scenario_with(&src, "gen", &vocab, limits);
        let total = t.elapsed();
        println!(
            "bytes {} parsed {parsed} parse {parse:?} load-total {total:?} first diagnostic {:?}",
            src.len(),
            loaded.diagnostics.first().map(|d| d.code)
        );
    }
}

#[allow(dead_code)]
fn raw_events(src: &str) -> usize {
    let mut input = src.as_bytes();
    let mut parser = libyaml_safer::Parser::new();
    parser.set_input_string(&mut input);
    let mut n = 0;
    while let Ok(e) = parser.parse() {
        n += 1;
        if matches!(e.data, libyaml_safer::EventData::StreamEnd) {
            break;
        }
    }
    n
}
