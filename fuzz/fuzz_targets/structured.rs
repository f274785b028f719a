//! Fuzz target (b), structure-aware: the bytes choose a scenario (nodes, choices,
//! conditions, branches, variables, scores), rendered to valid YAML that mostly loads,
//! then the same pipeline as `load_bytes`, so the fuzzer spends its time in the checker,
//! the analysis, stats and play rather than in YAML syntax errors.
//!
//! The input given to the pipeline is `yaml NUL rest-of-the-bytes`, a `load_bytes` input:
//! set SQ_FUZZ_DUMP=path to write it, and a crash found here replays with `load_bytes`
//! and in the regression tests. It skips `load_bytes`'s second load of the text as a
//! vocabulary (`run_scenario_bytes`): a generated scenario is never one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scenario_fuzz::{pipeline, structured_input, VOCABULARY};

fuzz_target!(|data: &[u8]| {
    let Some(input) = structured_input(data) else {
        return;
    };
    if let Ok(path) = std::env::var("SQ_FUZZ_DUMP") {
        let _ = std::fs::write(path, &input);
    }
    pipeline::run_scenario_bytes(&input, &VOCABULARY);
});
