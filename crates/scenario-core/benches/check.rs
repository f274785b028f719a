//! How `check` (parse + validate + state analysis) scales: generated scenarios of 1,000,
//! 5,000 and 50,000 nodes, with and without conditions. The format's 5,000-node limit is
//! raised here (only here) to measure growth past it. Figures: docs/performance.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scenario_core::load::{load_scenario_with, Limits};
use scenario_core::load_vocabulary;

const DIMENSIONS: &str = include_str!("../../../scenarios/dimensions.yaml");

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

fn bench(c: &mut Criterion) {
    let vocabulary = load_vocabulary(DIMENSIONS)
        .value
        .expect("dimensions.yaml loads");
    let limits = Limits {
        max_file_bytes: usize::MAX,
        max_nodes: usize::MAX,
    };
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for conditions in [false, true] {
        for nodes in [1_000usize, 5_000, 50_000] {
            let src = generate(nodes, conditions);
            let loaded = load_scenario_with(&src, "gen", &vocabulary, limits);
            assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics.first());
            group.throughput(Throughput::Elements(nodes as u64));
            let name = if conditions {
                "with-conditions"
            } else {
                "no-conditions"
            };
            group.bench_with_input(BenchmarkId::new(name, nodes), &src, |b, src| {
                b.iter(|| load_scenario_with(black_box(src), "gen", &vocabulary, limits))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
