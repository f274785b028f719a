//! Times the phases of `check` on a generated scenario (the `check` benchmark's files): a
//! profiling aid for docs/performance.md.
//!
//! ```sh
//! cargo run --profile bench -p scenario-core --example phases -- 5000 [cond] [runs]
//! ```
//!
//! prints, per run, the whole load (what the benchmark times) and its phases measured
//! apart: the YAML parse, the walk that validates and builds the model (the whole less the
//! other phases), and the checker (`analysis::check`: the state graph, the checks, the
//! passing search). For instruction counts, which do not move with the machine's load, run
//! one load under callgrind and read the inclusive costs of `text::yaml::parse`,
//! `load::header::build_scenario`, `analysis::checks::check_with_budget` and `load::finish`:
//!
//! ```sh
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='phases::load_once' \
//!     target/release/examples/phases 5000 cond 1
//! ```
//!
//! (build with `CARGO_PROFILE_BENCH_DEBUG=line-tables-only CARGO_PROFILE_BENCH_STRIP=none`
//! for source lines).
use scenario_core::analysis::{self, StateGraph, STATE_BUDGET};
use scenario_core::load::{load_scenario_with, Limits};
use scenario_core::{Loaded, Scenario, Vocabulary};
use scenario_testkit::generate::generate;
use std::hint::black_box;
use std::time::{Duration, Instant};

const LIMITS: Limits = Limits {
    max_file_bytes: usize::MAX,
    max_nodes: usize::MAX,
};

/// One load, as the benchmark times it (a function of its own for callgrind's toggle).
#[inline(never)]
fn load_once(src: &str, vocabulary: &Vocabulary) -> Loaded<Scenario> {
    load_scenario_with(black_box(src), "gen", vocabulary, LIMITS)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let value = black_box(f());
    (value, t.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let vocabulary =
        scenario_core::load_vocabulary(include_str!("../../../scenarios/dimensions.yaml"))
            .value
            .expect("vocabulary");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let nodes = args.first().and_then(|a| a.parse().ok()).unwrap_or(5000);
    let conditions = args.get(1).is_some_and(|a| a == "cond");
    let runs = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3);
    let src = generate(nodes, conditions);
    println!(
        "{nodes} nodes, {} conditions, {} bytes",
        if conditions { "with" } else { "without" },
        src.len()
    );
    for _ in 0..runs {
        let (loaded, total) = timed(|| load_once(&src, &vocabulary));
        if runs == 1 {
            // Under callgrind: the one load is the profile.
            println!(
                "load {} ({} diagnostics)",
                ms(total),
                loaded.diagnostics.len()
            );
            return;
        }
        let scenario = loaded.value.as_ref().expect("the generated file loads");
        let (_, parse) = timed(|| scenario_core::text::yaml::parse(&src).is_ok());
        let (graph, explore) = timed(|| StateGraph::explore(scenario, STATE_BUDGET));
        let (_, check) = timed(|| analysis::check(scenario));
        let walk = total.saturating_sub(parse + check);
        println!(
            "load {} = parse {} + walk/build {} + check {} (of which state graph {}: {} states); {} diagnostics",
            ms(total),
            ms(parse),
            ms(walk),
            ms(check),
            ms(explore),
            graph.states.len(),
            loaded.diagnostics.len()
        );
    }
}
