//! `scenario report` on generated cohorts (the generator of scenario-report's tests): the
//! JSON carries the generator's numbers, the CSV and HTML lay out the same, and the Moodle
//! export of the same cohort gives the same report.

mod support;

#[path = "../../scenario-report/tests/support/gen.rs"]
mod gen;

use support::{root, scenario, Scratch};

fn cohort(scratch: &Scratch, learners: usize) -> (std::path::PathBuf, gen::Truth, gen::Options) {
    let (sc, _) = gen::load(&root().join("scenarios/promise-you-wont-tell.yaml"));
    let opts = gen::Options {
        learners,
        seed: 42,
        activity: "https://example.org/s/promise-you-wont-tell".into(),
        noise: true,
        ..gen::Options::default()
    };
    let (lines, truth) = gen::generate(&sc, &opts);
    let path = scratch.path().join("cohort.jsonl");
    std::fs::write(&path, lines.join("\n")).expect("write");
    std::fs::write(
        scratch.path().join("moodle.txt"),
        gen::moodle_interactions(&sc, &truth),
    )
    .expect("write");
    (path, truth, opts)
}

#[test]
fn json_has_the_generators_numbers() {
    let scratch = Scratch::new("report-json");
    let (file, truth, _) = cohort(&scratch, 150);
    let run = scenario(&[
        "report",
        "--statements",
        file.to_str().unwrap(),
        "--scenario",
        "scenarios/promise-you-wont-tell.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let e = gen::expected(&truth);
    assert_eq!(v["attempts"], e.attempts);
    assert_eq!(v["passed"], e.passed);
    assert_eq!(v["learners"], e.learners);
    assert!(
        v["input"]["read"].as_u64().unwrap() > 2000,
        "a few thousand statements"
    );
    for d in v["decisions"].as_array().expect("decisions") {
        for c in d["choices"].as_array().expect("choices") {
            let key = (
                d["node"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            );
            assert_eq!(
                c["count"].as_u64(),
                Some(e.choices.get(&key).copied().unwrap_or(0)),
                "{key:?}"
            );
        }
    }
    assert!(
        run.stderr.contains("statements skipped: "),
        "{}",
        run.stderr
    );
}

#[test]
fn the_moodle_export_gives_the_same_report() {
    let scratch = Scratch::new("report-lms");
    let (file, _, opts) = cohort(&scratch, 60);
    let common = [
        "--scenario",
        "scenarios/promise-you-wont-tell.yaml",
        "--activity",
        opts.activity.as_str(),
        "--format",
        "json",
    ];
    let a = scenario(
        &[
            &["report", "--statements", file.to_str().unwrap()][..],
            &common,
        ]
        .concat(),
    );
    let moodle = scratch.path().join("moodle.txt");
    let b = scenario(&[&["report", "--lms", moodle.to_str().unwrap()][..], &common].concat());
    assert_eq!(b.code, Some(0), "{}", b.stderr);
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&a.stdout).unwrap(),
        serde_json::from_str(&b.stdout).unwrap(),
    );
    for key in [
        "attempts",
        "finished",
        "passed",
        "learners",
        "pass_rate",
        "attempts_with_red_line",
        "overall",
        "dimensions",
        "endings",
        "red_lines",
        "where_learners_go_wrong",
        "edges",
    ] {
        assert_eq!(a[key], b[key], "{key}");
    }
    let counts = |v: &serde_json::Value| -> Vec<(String, String, u64)> {
        v["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| {
                d["choices"].as_array().unwrap().iter().map(move |c| {
                    (
                        d["node"].as_str().unwrap().into(),
                        c["id"].as_str().unwrap().into(),
                        c["count"].as_u64().unwrap(),
                    )
                })
            })
            .collect()
    };
    assert_eq!(counts(&a), counts(&b));
}

#[test]
fn csv_and_html_lay_out_the_report() {
    let scratch = Scratch::new("report-out");
    let (file, truth, _) = cohort(&scratch, 40);
    let summary = scratch.path().join("summary.csv");
    let csv = scenario(&[
        "report",
        "--statements",
        file.to_str().unwrap(),
        "--scenario",
        "scenarios/promise-you-wont-tell.yaml",
        "--format",
        "csv",
        "--summary-csv",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(csv.code, Some(0), "{}", csv.stderr);
    assert!(csv
        .stdout
        .starts_with(scenario_report::render::CHOICES_HEADER));
    let rows = scenario_report::lms::parse_delimited(&csv.stdout);
    let total: u64 = rows[1..]
        .iter()
        .map(|r| r[5].parse::<u64>().expect("count column"))
        .sum();
    assert_eq!(total, gen::expected(&truth).choices.values().sum::<u64>());
    let summary = std::fs::read_to_string(summary).expect("summary");
    assert!(
        summary.contains(&format!(",summary,,attempts,{}\r\n", truth.attempts.len())),
        "{summary}"
    );

    let html = scenario(&[
        "report",
        "--statements",
        file.to_str().unwrap(),
        "--scenario",
        "scenarios/promise-you-wont-tell.yaml",
        "--format",
        "html",
    ]);
    assert_eq!(html.code, Some(0), "{}", html.stderr);
    let page = html.stdout;
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("<html lang=\"en-GB\">")
            && page.contains("@media print")
    );
    assert!(
        !page.contains("<script") && !page.contains(" style=\""),
        "no scripts, no style attributes"
    );
    let charts = page.matches("<svg ").count();
    assert!(charts >= 8, "a chart per decision and dimension");
    assert_eq!(page.matches("role=\"img\"").count(), charts);
    // Every chart is followed by its data table.
    for (i, _) in page.match_indices("</svg>") {
        let next_table = page[i..].find("<table").expect("a table after the chart");
        let next_svg = page[i..].find("<svg ").unwrap_or(usize::MAX);
        assert!(next_table < next_svg, "a chart without its data table");
    }
    assert!(page.matches("<caption>").count() >= charts);
    let body = scenario(&[
        "report",
        "--statements",
        file.to_str().unwrap(),
        "--format",
        "html",
        "--html-body",
    ]);
    assert!(
        !body.stdout.contains("<style") && body.stdout.starts_with("<article"),
        "the body alone for a page under a strict CSP"
    );
}

#[test]
fn json_snapshot_of_the_spec_example() {
    let scratch = Scratch::new("report-snapshot");
    let path = root().join("tests/fixtures/spec/only-happened-once.yaml");
    let (sc, _) = gen::load(&path);
    let opts = gen::Options {
        learners: 6,
        seed: 9,
        activity: "https://example.org/s/only-happened-once".into(),
        ..gen::Options::default()
    };
    let (lines, _) = gen::generate(&sc, &opts);
    let file = scratch.path().join("cohort.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("write");
    let run = scenario(&[
        "report",
        "--statements",
        file.to_str().unwrap(),
        "--scenario",
        "tests/fixtures/spec/only-happened-once.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    support::assert_snapshot("report-only-happened-once.json", &run.stdout);
}
