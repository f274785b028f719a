//! How `check` (parse + validate + state analysis) scales: generated scenarios of 1,000,
//! 5,000 and 50,000 nodes, with and without conditions. The format's 5,000-node limit is
//! raised here (only here) to measure growth past it. Figures: docs/performance.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scenario_core::load::{load_scenario_with, Limits};
use scenario_core::load_vocabulary;

use scenario_testkit::generate::generate;

const DIMENSIONS: &str = include_str!("../../../scenarios/dimensions.yaml");

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
