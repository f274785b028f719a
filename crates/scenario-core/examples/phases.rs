//! Times the phases of loading a generated scenario: a profiling aid for the benchmark.
use scenario_core::load::{load_scenario_with, Limits};
use scenario_testkit::generate::generate;
use std::time::Instant;

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
        let parsed = scenario_core::text::yaml::parse(&src).is_ok();
        let parse = t.elapsed();
        let t = Instant::now();
        let loaded = load_scenario_with(&src, "gen", &vocab, limits);
        let total = t.elapsed();
        println!(
            "bytes {} parsed {parsed} parse {parse:?} load-total {total:?} first diagnostic {:?}",
            src.len(),
            loaded.diagnostics.first().map(|d| d.code.as_str())
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
