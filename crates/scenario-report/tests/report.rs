//! The cohort report against generated cohorts whose answers are known: the generator's own
//! record gives the expected numbers (tests/support/gen.rs).

#[path = "support/gen.rs"]
mod gen;

use gen::{expected, generate, load, Options};
use scenario_report::{Cohort, Filter, Options as ReportOptions, Reader, Report};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled() -> (scenario_core::Scenario, scenario_core::Vocabulary) {
    load(&root().join("scenarios/promise-you-wont-tell.yaml"))
}

fn tally_of(lines: &[String], filter: Filter) -> Cohort {
    let mut reader = Reader::new(filter);
    reader.read_text(&lines.join("\n"));
    Cohort::from_reader(reader, true)
}

#[test]
fn counts_match_the_generators_record() {
    let (scenario, _) = bundled();
    let opts = Options {
        learners: 60,
        ..Options::default()
    };
    let (lines, truth) = generate(&scenario, &opts);
    let e = expected(&truth);
    let cohort = tally_of(
        &lines,
        Filter {
            activity: Some(opts.activity.clone()),
            ..Filter::default()
        },
    );
    assert_eq!(cohort.tallies.len(), 1);
    let t = &cohort.tallies[0];
    assert_eq!(
        (t.attempts, t.finished, t.passed, t.learners),
        (e.attempts, e.finished, e.passed, e.learners)
    );
    assert_eq!(t.red_line_attempts, e.red_line_attempts);
    assert_eq!(t.registrations, Some(e.learners));
    for ((node, choice), n) in &e.choices {
        let row = t
            .choices
            .iter()
            .find(|c| &c.node == node && &c.choice == choice)
            .expect("choice row");
        assert_eq!(row.answers, *n, "{node}/{choice}");
    }
    assert_eq!(
        t.choices.iter().map(|c| c.answers).sum::<u64>(),
        e.choices.values().sum::<u64>()
    );
    for (node, n) in &e.nodes {
        assert_eq!(
            t.nodes.iter().find(|x| &x.node == node).map(|x| x.answers),
            Some(*n),
            "{node}"
        );
    }
    let acts: std::collections::BTreeMap<_, _> = t
        .red_lines
        .iter()
        .map(|a| (a.act.clone(), (a.times, a.attempts)))
        .collect();
    assert_eq!(acts, e.acts);
    let dims: std::collections::BTreeMap<_, _> = t
        .dimensions
        .iter()
        .map(|d| ((d.dimension.clone(), d.percent), d.attempts))
        .collect();
    assert_eq!(dims, e.dims);
    let overall: std::collections::BTreeMap<_, _> =
        t.overall.iter().map(|d| (d.percent, d.attempts)).collect();
    assert_eq!(overall, e.overall);
    let edges: std::collections::BTreeMap<_, _> = t
        .edges
        .iter()
        .map(|d| {
            (
                (d.from.clone(), d.choice.clone(), d.to.clone()),
                d.traversals,
            )
        })
        .collect();
    assert_eq!(edges, e.edges);
    assert!(
        e.red_line_attempts > 0 && e.passed > 0 && e.passed < e.finished && e.finished < e.attempts,
        "the cohort exercises every case"
    );

    let report = Report::build(
        t,
        &cohort.input,
        Some(&scenario),
        None,
        &ReportOptions {
            names: false,
            ..ReportOptions::default()
        },
    );
    for d in &report.decisions {
        let want = e.classes.get(&d.node).copied().unwrap_or_default();
        assert_eq!(
            [d.strong, d.weak, d.critical],
            want,
            "classes at {}",
            d.node
        );
        assert_eq!(d.unclassified, 0);
    }
    let shares: Vec<f64> = report
        .where_learners_go_wrong
        .iter()
        .map(|w| w.share)
        .collect();
    assert!(
        shares.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {shares:?}"
    );
    assert_eq!(report.learners_shown, "aggregate");
    assert!(report.learner_rows.is_none());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        report.pass_rate,
        scenario_report::report::share(e.passed, e.finished)
    );
}

#[test]
fn noise_is_counted_and_changes_no_number() {
    let (scenario, _) = bundled();
    let clean = Options {
        learners: 30,
        seed: 11,
        ..Options::default()
    };
    let noisy = Options {
        noise: true,
        ..clean.clone()
    };
    let (clean_lines, _) = generate(&scenario, &clean);
    let (noisy_lines, truth) = generate(&scenario, &noisy);
    let filter = Filter {
        activity: Some(clean.activity.clone()),
        ..Filter::default()
    };
    let a = tally_of(&clean_lines, filter.clone());
    let b = tally_of(&noisy_lines, filter);
    assert_eq!(
        a.tallies, b.tallies,
        "duplicates, order and broken statements change nothing"
    );
    assert_eq!(b.input.duplicates, truth.duplicates);
    assert_eq!(b.input.other_activities, truth.other_activity);
    assert_eq!(b.input.other_verbs, truth.other_verb);
    let reasons: Vec<(String, u64)> = b
        .input
        .skipped
        .iter()
        .map(|s| (s.reason.clone(), s.count))
        .collect();
    assert!(
        reasons.contains(&("not JSON".to_string(), truth.not_json)),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(r, n)| r.contains("decision-number") && *n == truth.no_decision_number),
        "{reasons:?}"
    );
    let report = Report::build(
        &b.tallies[0],
        &b.input,
        Some(&scenario),
        None,
        &ReportOptions::default(),
    );
    let skipped = report
        .warnings
        .iter()
        .find(|w| w.contains("statements skipped"))
        .expect("skipped warning");
    assert!(skipped.starts_with("4 statements skipped: "), "{skipped}");
}

#[test]
fn a_json_array_and_json_lines_read_the_same() {
    let (scenario, _) = bundled();
    let (lines, _) = generate(
        &scenario,
        &Options {
            learners: 10,
            ..Options::default()
        },
    );
    let mut r1 = Reader::new(Filter::default());
    r1.read_text(&format!("[{}]", lines.join(",\n")));
    let mut r2 = Reader::new(Filter::default());
    r2.read_text(&lines.join("\n"));
    let page = format!("{{\"statements\": [{}], \"more\": \"\"}}", lines.join(","));
    let mut r3 = Reader::new(Filter::default());
    assert_eq!(r3.read_page(&page), Ok(None));
    let (c1, c2, c3) = (
        Cohort::from_reader(r1, false),
        Cohort::from_reader(r2, false),
        Cohort::from_reader(r3, false),
    );
    assert_eq!(c1, c2);
    assert_eq!(c1, c3);
    assert_eq!(
        c1.tallies.len(),
        1,
        "without --activity, every scenario-quiz activity"
    );
}

#[test]
fn the_cohort_filter_selects_grouping_registrations_and_dates() {
    let (scenario, _) = bundled();
    let team = Options {
        learners: 12,
        seed: 3,
        grouping: Some("https://example.org/teams/north".into()),
        ..Options::default()
    };
    let others = Options {
        learners: 9,
        seed: 4,
        start_ms: team.start_ms + 40 * 86_400_000,
        ..Options::default()
    };
    let (mut lines, team_truth) = generate(&scenario, &team);
    let (other_lines, other_truth) = generate(&scenario, &others);
    lines.extend(other_lines.iter().cloned());
    let by_grouping = tally_of(
        &lines,
        Filter {
            grouping: team.grouping.clone(),
            ..Filter::default()
        },
    );
    assert_eq!(
        by_grouping.tallies[0].attempts,
        expected(&team_truth).attempts
    );
    let since = (others.start_ms - 86_400_000) * 1000;
    let by_date = tally_of(
        &lines,
        Filter {
            since: Some(since),
            ..Filter::default()
        },
    );
    assert_eq!(by_date.tallies[0].attempts, expected(&other_truth).attempts);
    assert_eq!(
        by_date.tallies[0].outside_dates,
        expected(&team_truth).attempts
    );
    // One learner's registration.
    let first: serde_json::Value = serde_json::from_str(&other_lines[0]).expect("json");
    let registration = first["context"]["registration"]
        .as_str()
        .expect("registration")
        .to_string();
    let one = tally_of(
        &lines,
        Filter {
            registrations: vec![registration.to_uppercase()],
            ..Filter::default()
        },
    );
    let want = other_truth
        .attempts
        .iter()
        .filter(|a| a.learner == 0)
        .count() as u64;
    assert_eq!(one.tallies[0].attempts, want);
    assert_eq!(one.tallies[0].learners, 1);
}

#[test]
fn names_only_when_asked_and_present() {
    let (scenario, _) = bundled();
    let with = Options {
        learners: 5,
        ..Options::default()
    };
    let (lines, _) = generate(&scenario, &with);
    let c = tally_of(&lines, Filter::default());
    let opts = ReportOptions {
        names: true,
        ..ReportOptions::default()
    };
    let r = Report::build(&c.tallies[0], &c.input, Some(&scenario), None, &opts);
    assert_eq!(r.learners_shown, "names");
    assert_eq!(r.learner_rows.as_ref().map(Vec::len), Some(5));
    let (lines, _) = generate(
        &scenario,
        &Options {
            names: false,
            ..with
        },
    );
    let c = tally_of(&lines, Filter::default());
    let r = Report::build(&c.tallies[0], &c.input, Some(&scenario), None, &opts);
    assert!(
        r.learners_shown.starts_with("aggregate"),
        "{}",
        r.learners_shown
    );
    assert!(r.learner_rows.is_none());
}

#[test]
fn a_changed_file_is_reported_with_the_fingerprints() {
    let (scenario, _) = bundled();
    let opts = Options {
        learners: 6,
        ..Options::default()
    };
    let (mut lines, _) = generate(&scenario, &opts);
    // One learner played an older version where a choice had another id.
    let i = lines
        .iter()
        .position(|l| l.contains("/verbs/answered"))
        .expect("an answer");
    let mut v: serde_json::Value = serde_json::from_str(&lines[i]).expect("json");
    v["result"]["response"] = serde_json::json!("an-old-choice");
    v["context"]["extensions"][format!("{}scenario-fingerprint", gen::EXT)] =
        serde_json::json!("1234");
    lines[i] = v.to_string();
    let c = tally_of(&lines, Filter::default());
    let r = Report::build(
        &c.tallies[0],
        &c.input,
        Some(&scenario),
        None,
        &ReportOptions::default(),
    );
    let w = r.warnings.join("\n");
    assert!(
        w.contains("choice `an-old-choice`") && w.contains("1234"),
        "{w}"
    );
    let row = r
        .decisions
        .iter()
        .flat_map(|d| &d.choices)
        .find(|c| c.id == "an-old-choice")
        .expect("row");
    assert_eq!(row.in_scenario, Some(false));
}

/// The numbers both paths must agree on (an LMS export has no registrations, fingerprints or
/// choice texts of its own).
fn numbers(t: &scenario_report::Tally) -> String {
    let choices: Vec<_> = t
        .choices
        .iter()
        .map(|c| {
            (
                &c.node,
                &c.choice,
                c.answers,
                c.learners,
                c.offered,
                c.critical_answers,
            )
        })
        .collect();
    format!(
        "{:?}\n{:?}\n{:?}",
        (
            t.attempts,
            t.finished,
            t.passed,
            t.learners,
            t.red_line_attempts,
            &t.endings,
            &t.overall
        ),
        (&t.dimensions, &t.red_lines, &t.nodes, &t.offers),
        (&t.edges, choices)
    )
}

#[test]
fn a_moodle_export_of_the_same_cohort_gives_the_same_numbers() {
    let (scenario, _) = bundled();
    let opts = Options {
        learners: 40,
        seed: 21,
        ..Options::default()
    };
    let (lines, truth) = generate(&scenario, &opts);
    let filter = Filter {
        activity: Some(opts.activity.clone()),
        ..Filter::default()
    };
    let from_statements = tally_of(&lines, filter.clone());
    let export = gen::moodle_interactions(&scenario, &truth);
    assert!(
        export.starts_with("Name\tEmail address\tAttempt\tStarted on\tLast accessed on\tScore\t")
    );
    let from_lms =
        scenario_report::lms::read(&export, Some(&scenario), &opts.activity, &filter, false)
            .expect("reads");
    assert_eq!(
        numbers(&from_lms.tallies[0]),
        numbers(&from_statements.tallies[0])
    );
    assert_eq!(from_lms.tallies[0].registrations, None);
    assert_eq!(from_lms.input.skipped, Vec::new());
    // The same export as CSV with commas and quotes reads the same.
    let csv: String = scenario_report::lms::parse_delimited(&export)
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let again = scenario_report::lms::read(&csv, Some(&scenario), &opts.activity, &filter, false)
        .expect("reads");
    assert_eq!(
        numbers(&again.tallies[0]),
        numbers(&from_statements.tallies[0])
    );
    // Without the scenario file: the counts per decision still come out.
    let bare =
        scenario_report::lms::read(&export, None, &opts.activity, &filter, false).expect("reads");
    let e = expected(&truth);
    for ((node, choice), n) in &e.choices {
        let row = bare.tallies[0]
            .choices
            .iter()
            .find(|c| &c.node == node && &c.choice == choice)
            .expect("row");
        assert_eq!(row.answers, *n);
    }
}

#[test]
fn a_tracks_export_in_scorm_2004_terms_reads_too() {
    let (scenario, _) = bundled();
    let opts = Options {
        learners: 8,
        seed: 5,
        ..Options::default()
    };
    let (lines, truth) = generate(&scenario, &opts);
    let mut csv = String::from("user,attempt,element,value\n");
    for a in &truth.attempts {
        for (i, d) in a.decisions.iter().enumerate() {
            csv.push_str(&format!(
                "Learner {},{},cmi.interactions.{i}.id,{}\n",
                a.learner, a.lms_attempt, d.node
            ));
            csv.push_str(&format!(
                "Learner {},{},cmi.interactions.{i}.learner_response,{}\n",
                a.learner, a.lms_attempt, d.choice
            ));
            csv.push_str(&format!(
                "Learner {},{},cmi.interactions.{i}.result,{}\n",
                a.learner,
                a.lms_attempt,
                if d.scorm_result == "wrong" {
                    "incorrect"
                } else {
                    d.scorm_result
                }
            ));
        }
        let status = match &a.ended {
            Some((_, _, true, _, _)) => "passed",
            Some(_) => "failed",
            None => "unknown",
        };
        csv.push_str(&format!(
            "Learner {},{},cmi.success_status,{status}\n",
            a.learner, a.lms_attempt
        ));
    }
    let filter = Filter {
        activity: Some(opts.activity.clone()),
        ..Filter::default()
    };
    let from_lms =
        scenario_report::lms::read(&csv, Some(&scenario), &opts.activity, &filter, false)
            .expect("reads");
    let from_statements = tally_of(&lines, filter);
    assert_eq!(
        numbers(&from_lms.tallies[0]),
        numbers(&from_statements.tallies[0])
    );
}
