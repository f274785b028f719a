//! Fuzz target (a): arbitrary bytes through the whole pipeline (decode, load as vocabulary
//! and as scenario, stats, a play-through driven by the bytes after the last NUL, score).
//! The assertions live in crates/scenario-testkit/src/pipeline.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scenario_fuzz::{pipeline, VOCABULARY};

fuzz_target!(|data: &[u8]| {
    pipeline::run_bytes(data, &VOCABULARY);
});
