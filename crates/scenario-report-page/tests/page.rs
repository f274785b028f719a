//! The page's report against a generated cohort whose answers are known (scenario-report's
//! generator, tests/support/gen.rs): the worker's path (statements → cohort JSON → cohort) and
//! the built site's packs give the same report as the CLI's path (the YAML scenario, the
//! reader in one go), and the numbers are the generator's.

#[path = "../../scenario-report/tests/support/gen.rs"]
mod gen;

use scenario_core::analysis::links::Linker;
use scenario_core::pack::{pack_scenario, pack_vocabulary, read_scenario, read_vocabulary};
use scenario_report::select::{self, Pick};
use scenario_report::{render, Cohort, Filter, Options, Reader};
use scenario_report_page::reports::{html, tally_statements, worker_answer};
use std::path::{Path, PathBuf};

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

#[test]
fn the_page_shows_what_the_cli_prints() {
    let file = scenarios().join("promise-you-wont-tell.yaml");
    let (scenario, vocabulary) = gen::load(&file);
    let opts = gen::Options {
        learners: 30,
        activity: "https://lms.example/course#/s/promise-you-wont-tell".into(),
        ..Default::default()
    };
    let (lines, truth) = gen::generate(&scenario, &opts);
    let text = lines.join("\n");

    // The page: the worker's JSON, the packs the build writes.
    let filter = Filter::default();
    let answer = tally_statements(&text, &serde_json::to_string(&filter).unwrap(), false);
    let cohort = worker_answer(&answer).expect("the worker's answer reads");
    let (_, vocab_pack) =
        pack_vocabulary(&std::fs::read_to_string(scenarios().join("dimensions.yaml")).unwrap());
    let packed_vocabulary = read_vocabulary(&vocab_pack.text).expect("vocabulary pack");
    let pack = pack_scenario(
        &std::fs::read_to_string(&file).unwrap(),
        "promise-you-wont-tell",
        &packed_vocabulary,
        &Linker::default(),
    );
    let (packed, _, _) = read_scenario(&pack.text, "promise-you-wont-tell").expect("pack reads");
    let options = Options {
        source: "xapi-statements".into(),
        names: false,
        filter: filter.clone(),
        scenario_file: None,
    };
    let page = html(
        &cohort,
        std::slice::from_ref(&packed),
        Some(&packed_vocabulary),
        Some("promise-you-wont-tell"),
        &options,
    );

    // The CLI's path: the reader in one go, the YAML scenario.
    let mut reader = Reader::new(filter);
    reader.read_text(&text);
    let cli_cohort = Cohort::from_reader(reader, false);
    assert_eq!(
        cohort, cli_cohort,
        "the worker's JSON carries the whole cohort"
    );
    let tallies = select::tallies(&cli_cohort, Pick::PreferScenario(&scenario.id), None);
    let reports = select::reports(
        &tallies,
        &cli_cohort,
        |_| Some((&scenario, Some(&vocabulary))),
        &options,
    );
    assert_eq!(
        page,
        render::html_body(&reports),
        "page and CLI render the same report"
    );

    // And the numbers are the generator's.
    let e = gen::expected(&truth);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(
        (r.attempts, r.passed, r.learners),
        (e.attempts, e.passed, e.learners)
    );
    assert!(page.contains(&format!(
        "<tr><th scope=\"row\">Attempts</th><td>{}</td></tr>",
        e.attempts
    )));
    assert!(page.contains("Cohort report: "), "titled from the pack");
    assert!(!page.contains("<main"), "the page gives the one <main>");
}

#[test]
fn a_scenario_without_attempts_is_an_empty_report_of_it() {
    let file = scenarios().join("promise-you-wont-tell.yaml");
    let (scenario, vocabulary) = gen::load(&file);
    let cohort = Cohort::default();
    let page = html(
        &cohort,
        std::slice::from_ref(&scenario),
        Some(&vocabulary),
        Some(&scenario.id),
        &Options::default(),
    );
    assert!(
        page.contains(&format!(
            "Cohort report: {}",
            scenario.title.replace('\'', "&#39;")
        )) || page.contains("Cohort report: ")
    );
    assert!(
        page.contains("<tr><th scope=\"row\">Attempts</th><td>0</td></tr>"),
        "{page}"
    );
}

#[test]
fn text_from_the_statements_is_text_never_markup() {
    let (scenario, _) = gen::load(&scenarios().join("promise-you-wont-tell.yaml"));
    let opts = gen::Options {
        learners: 5,
        activity: "https://example.org/s/promise-you-wont-tell".into(),
        ..Default::default()
    };
    let (lines, _) = gen::generate(&scenario, &opts);
    let hostile = "<img src=x onerror=alert(1)>";
    let lines: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["actor"]["name"] = hostile.into();
            if let Some(choices) = v["object"]["definition"]["choices"].as_array_mut() {
                for c in choices {
                    c["description"] = serde_json::json!({ "en-GB": hostile });
                }
            }
            v.to_string()
        })
        .collect();
    let filter = serde_json::to_string(&Filter::default()).unwrap();
    let cohort = worker_answer(&tally_statements(&lines.join("\n"), &filter, true)).unwrap();
    let options = Options {
        names: true,
        ..Options::default()
    };
    // No scenario model: the choice texts come from the statements.
    let page = html(&cohort, &[], None, None, &options);
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the text is shown, escaped"
    );
    assert!(!page.contains("<img"), "never as markup");
}
