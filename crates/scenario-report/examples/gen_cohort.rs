//! Writes a generated cohort for the scripts (Ralph round trip, ClickHouse, benchmark):
//!
//!   cargo run --release -p scenario-report --example gen_cohort -- \
//!       --scenario scenarios/promise-you-wont-tell.yaml --learners 300 --seed 7 \
//!       --activity https://example.org/s/promise-you-wont-tell --out cohort.jsonl \
//!       [--statements N] [--moodle moodle.txt] [--noise]
//!
//! `--statements N` plays learners until at least N statements are written (streamed to the
//! file as JSON lines). Prints the counts the generator's record expects, as JSON (with
//! `choices`: each decision and choice answered, and how many times).

#[path = "../tests/support/gen.rs"]
mod gen;

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut opts = gen::Options::default();
    let (mut scenario, mut out, mut moodle, mut target) = (None, None, None, None::<usize>);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--scenario" => scenario = Some(PathBuf::from(value())),
            "--learners" => opts.learners = value().parse().expect("a number"),
            "--seed" => opts.seed = value().parse().expect("a number"),
            "--activity" => opts.activity = value(),
            "--grouping" => opts.grouping = Some(value()),
            "--out" => out = Some(PathBuf::from(value())),
            "--moodle" => moodle = Some(PathBuf::from(value())),
            "--statements" => target = Some(value().parse().expect("a number")),
            "--noise" => opts.noise = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let (scenario, _) = gen::load(&scenario.expect("--scenario FILE"));
    let out = out.expect("--out FILE");
    let file = std::fs::File::create(&out).expect("create --out");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let truth = if let Some(target) = target {
        // About 20 statements per learner: play in blocks until the target is reached.
        let mut written = 0usize;
        let mut truth = gen::Truth::default();
        let mut block = 0u64;
        while written < target {
            let o = gen::Options {
                learners: ((target - written) / 20).clamp(1, 5000),
                seed: opts.seed.wrapping_add(block),
                start_ms: opts.start_ms + block as i64 * 86_400_000,
                ..opts.clone()
            };
            let offset = truth.learners;
            let t = gen::generate_into(&scenario, &o, &mut |s| {
                written += 1;
                // Learners of later blocks get their own ids.
                let s = if offset > 0 {
                    s.replace("mailto:learner", &format!("mailto:b{block}-learner"))
                } else {
                    s
                };
                w.write_all(s.as_bytes())
                    .and_then(|_| w.write_all(b"\n"))
                    .expect("write");
            });
            truth.learners += t.learners;
            truth.attempts.extend(t.attempts.into_iter().map(|mut a| {
                a.learner += offset;
                a
            }));
            block += 1;
        }
        truth
    } else {
        let (lines, truth) = gen::generate(&scenario, &opts);
        for l in &lines {
            w.write_all(l.as_bytes())
                .and_then(|_| w.write_all(b"\n"))
                .expect("write");
        }
        truth
    };
    w.flush().expect("flush");
    if let Some(m) = moodle {
        std::fs::write(m, gen::moodle_interactions(&scenario, &truth)).expect("write --moodle");
    }
    let e = gen::expected(&truth);
    // Every (decision, choice) answered, with how many times, for the browser tests that
    // check the report's per-choice counts (tests/lms/report-page.test.mjs).
    let choices: Vec<_> = e
        .choices
        .iter()
        .map(|((node, choice), n)| serde_json::json!({"node": node, "choice": choice, "count": n}))
        .collect();
    println!(
        "{}",
        serde_json::json!({"attempts": e.attempts, "finished": e.finished, "passed": e.passed, "learners": e.learners,
            "answers": e.choices.values().sum::<u64>(), "red_line_attempts": e.red_line_attempts, "choices": choices})
    );
}
