//! Replays files (or every file in folders) through the pipeline natively, without
//! libFuzzer: prints each input that panics and how long the slowest took.
//!
//!   cargo +nightly run --release --example replay -- fuzz/corpus/load_bytes [more...]
use scenario_fuzz::{pipeline, VOCABULARY};
use std::time::{Duration, Instant};

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        let path = std::path::PathBuf::from(arg);
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(&path)
                .expect("readable folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(path);
        }
    }
    std::panic::set_hook(Box::new(|_| {}));
    let (mut failed, mut slowest) = (0, (Duration::ZERO, String::new()));
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            continue; // gone: a running fuzzer replaced it
        };
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| pipeline::run_bytes(&bytes, &VOCABULARY));
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, file.display().to_string());
        }
        if let Err(e) = result {
            failed += 1;
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            println!(
                "PANIC {}: {}",
                file.display(),
                msg.lines().next().unwrap_or("")
            );
        }
    }
    println!(
        "{} inputs, {failed} panicked; slowest {:?} ({})",
        files.len(),
        slowest.0,
        slowest.1
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
