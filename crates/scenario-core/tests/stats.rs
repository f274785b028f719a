//! `stats` against brute force: on many small generated scenarios (with variables,
//! conditions, conditional `next` and red lines), every complete playthrough is enumerated
//! through the public `Session` API and scored; the dynamic-programming stats must agree.
//! Also: the bundled scenario's hand-computed results (written independently of the code).

use scenario_core::analysis::passing::{passing_negative_endings, CHECK_ACCUMULATOR_BUDGET};
use scenario_core::analysis::stats::{stats, BigCount, Count};
use scenario_core::analysis::RangeLimit;
use scenario_core::model::Outcome;
use scenario_core::{load_scenario, load_vocabulary, score, Code, Scenario, Session};

const DIMENSIONS: &str = include_str!("../../../tests/fixtures/spec/dimensions.yaml");

use scenario_testkit::gen::Rng;

/// A score from -3 to 3.
fn points(rng: &mut Rng) -> i64 {
    rng.below(7) as i64 - 3
}

/// An acyclic scenario: node i only leads to nodes after it; the last three are endings.
fn generate(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let inner = 3 + rng.below(5) as usize;
    let total = inner + 3;
    let mut yaml = format!(
        "format: 1\nid: gen\ntitle: g\nsummary: s\nsetting: s\naudiences: [induction]\ntopics: [safeguarding]\n\
         dimensions: [boundaries, listening]\nvariables: {{ v: 0 }}\npass: {{ overall: {}, each: {} }}\nstart: n0\nnodes:\n",
        40 + rng.below(40),
        20 + rng.below(50)
    );
    let target = |rng: &mut Rng, i: usize| i + 1 + rng.below((total - i - 1) as u64) as usize;
    for i in 0..inner {
        yaml.push_str(&format!("  n{i}:\n"));
        if rng.below(5) == 0 {
            let to = target(&mut rng, i);
            yaml.push_str(&format!("    next: n{to}\n"));
            continue;
        }
        yaml.push_str("    choices:\n");
        let choices = 2 + rng.below(3);
        for c in 0..choices {
            let to = target(&mut rng, i);
            yaml.push_str(&format!(
                "      - id: c{c}\n        text: t\n        feedback: f\n        scores: {{ boundaries: {}, listening: {} }}\n",
                points(&mut rng),
                points(&mut rng)
            ));
            if rng.below(3) == 0 {
                yaml.push_str(&format!(
                    "        set: {{ v: {} }}\n",
                    rng.below(3) as i64 - 1
                ));
            }
            // Conditions only on later choices, so the first two are always offered.
            if c >= 2 && rng.below(2) == 0 {
                yaml.push_str(&format!(
                    "        if: \"v >= {} or score.listening < {}\"\n",
                    rng.below(2),
                    points(&mut rng)
                ));
            }
            if rng.below(6) == 0 {
                yaml.push_str("        critical: red line\n");
            }
            if rng.below(3) == 0 {
                let other = target(&mut rng, i);
                yaml.push_str(&format!(
                    "        next:\n          - if: \"score.boundaries >= {}\"\n            to: n{to}\n          - to: n{other}\n",
                    points(&mut rng)
                ));
            } else {
                yaml.push_str(&format!("        next: n{to}\n"));
            }
        }
    }
    for (k, outcome) in ["positive", "mixed", "negative"].iter().enumerate() {
        yaml.push_str(&format!(
            "  n{}:\n    ending: {{ outcome: {outcome}, title: t, text: t }}\n",
            inner + k
        ));
    }
    yaml
}

/// Every complete playthrough, as its list of choice ids.
fn enumerate(s: &Scenario) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut stack: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(prefix) = stack.pop() {
        let session = Session::replay(s, 0, &prefix).expect("enumerated choices are offered");
        if session.is_finished(s) {
            out.push(prefix);
            continue;
        }
        for choice in session.offered(s) {
            let mut longer = prefix.clone();
            longer.push(choice.id.clone());
            stack.push(longer);
        }
    }
    out
}

#[test]
fn stats_agree_with_enumerating_every_playthrough() {
    let vocabulary = load_vocabulary(DIMENSIONS).value.expect("dimensions load");
    let mut compared = 0;
    for seed in 1..=300u64 {
        let yaml = generate(seed);
        let loaded = load_scenario(&yaml, "gen", &vocabulary);
        let Some(s) = loaded.value else {
            // Generated graphs may hold a decision whose only choices are conditional and
            // false, which the checker refuses; those are not playable, so not compared.
            assert!(
                loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::NoChoiceOffered),
                "seed {seed}: {:#?}",
                loaded.diagnostics
            );
            continue;
        };
        let paths = enumerate(&s);
        let st = stats(&s);
        assert_eq!(
            st.paths,
            Count::Exact(BigCount::from_u64(paths.len() as u64)),
            "seed {seed}"
        );
        let lengths: Vec<u64> = paths.iter().map(|p| p.len() as u64).collect();
        assert_eq!(st.shortest, lengths.iter().min().copied(), "seed {seed}");
        assert_eq!(
            st.longest,
            lengths
                .iter()
                .max()
                .map(|&m| Count::Exact(BigCount::from_u64(m))),
            "seed {seed}"
        );
        let ranges = st.scores.expect("acyclic scenarios have exact ranges");
        let results: Vec<_> = paths
            .iter()
            .map(|p| score(&s, &Session::play_to_end(&s, p).expect("complete")))
            .collect();
        for (d, range) in ranges.dimensions.iter().enumerate() {
            let percents: Vec<i64> = results
                .iter()
                .filter_map(|r| r.dimensions[d].percent)
                .collect();
            assert_eq!(
                range.min,
                percents.iter().min().copied(),
                "seed {seed} dim {d}"
            );
            assert_eq!(
                range.max,
                percents.iter().max().copied(),
                "seed {seed} dim {d}"
            );
        }
        let overall: Vec<i64> = results.iter().filter_map(|r| r.overall).collect();
        assert_eq!(
            ranges.overall.min,
            overall.iter().min().copied(),
            "seed {seed}"
        );
        assert_eq!(
            ranges.overall.max,
            overall.iter().max().copied(),
            "seed {seed}"
        );
        assert_eq!(
            ranges.can_pass,
            results.iter().any(|r| r.passed),
            "seed {seed}"
        );
        assert_eq!(
            ranges.can_fail,
            results.iter().any(|r| !r.passed),
            "seed {seed}"
        );
        compared += 1;
    }
    assert!(
        compared > 200,
        "only {compared} generated scenarios were playable"
    );
}

#[test]
fn a_cycle_makes_paths_unbounded() {
    let vocabulary = load_vocabulary(DIMENSIONS).value.expect("dimensions load");
    let yaml = "format: 1\nid: loop\ntitle: t\nsummary: s\nsetting: s\naudiences: [induction]\ntopics: [safeguarding]\n\
                dimensions: [listening]\nstart: a\nnodes:\n  a:\n    choices:\n\
                \x20     - { id: again, text: t, feedback: f, scores: { listening: -1 }, next: a }\n\
                \x20     - { id: done, text: t, feedback: f, scores: { listening: 1 }, next: end }\n\
                \x20 end: { ending: { outcome: positive, title: t, text: t } }\n";
    let s = load_scenario(yaml, "loop", &vocabulary)
        .value
        .expect("loads");
    let st = stats(&s);
    assert_eq!(st.paths, Count::Unbounded);
    assert_eq!(st.longest, Some(Count::Unbounded));
    assert_eq!(st.shortest, Some(1));
}

/// The checker's `passing-negative-ending` warning against brute force: on the same
/// generated scenarios, the negative endings some passing playthrough reaches are exactly
/// those found by enumerating and scoring every playthrough through the public API; each
/// example route replays to its ending, passes, and has the best overall percent of the
/// passing playthroughs that end there; and `load_scenario` warns at exactly those endings.
#[test]
fn passing_negative_endings_agree_with_enumerating_every_playthrough() {
    let vocabulary = load_vocabulary(DIMENSIONS).value.expect("dimensions load");
    let (mut compared, mut flagged) = (0, 0);
    for seed in 1..=300u64 {
        let yaml = generate(seed);
        let loaded = load_scenario(&yaml, "gen", &vocabulary);
        let Some(s) = loaded.value else { continue };
        let mut best_passing: std::collections::BTreeMap<String, Option<i64>> = Default::default();
        for p in enumerate(&s) {
            let r = score(&s, &Session::play_to_end(&s, &p).expect("complete"));
            if r.passed && r.outcome == Some(Outcome::Negative) {
                let ending = r.ending.expect("finished");
                let best = best_passing.entry(ending).or_insert(r.overall);
                *best = (*best).max(r.overall);
            }
        }
        let found = passing_negative_endings(&s, CHECK_ACCUMULATOR_BUDGET).expect("acyclic");
        let found_ids: Vec<String> = found.iter().map(|f| s.nodes[f.ending].id.clone()).collect();
        let expected_ids: Vec<String> = best_passing.keys().cloned().collect();
        let mut sorted = found_ids.clone();
        sorted.sort();
        assert_eq!(sorted, expected_ids, "seed {seed}");
        for f in &found {
            let ids: Vec<String> = f.choice_ids(&s).into_iter().map(str::to_owned).collect();
            let r = score(
                &s,
                &Session::play_to_end(&s, &ids).expect("the route is playable"),
            );
            let ending = &s.nodes[f.ending].id;
            assert_eq!(r.ending.as_ref(), Some(ending), "seed {seed}");
            assert!(r.passed, "seed {seed}: the example does not pass");
            assert_eq!(r.overall, f.overall, "seed {seed}");
            assert_eq!(
                Some(&f.overall),
                best_passing.get(ending),
                "seed {seed}: not the best"
            );
        }
        let mut warned: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::PassingNegativeEnding)
            .map(|d| {
                let line = yaml.lines().nth(d.span.line - 1).expect("line");
                line.trim().trim_end_matches(':')
            })
            .collect();
        warned.sort_unstable();
        assert_eq!(warned, expected_ids, "seed {seed}");
        flagged += found.len();
        compared += 1;
    }
    // The generator must exercise both answers, or the comparison proves little.
    assert!(
        flagged > 20,
        "only {flagged} endings flagged over {compared} scenarios"
    );
    assert!(
        flagged < compared,
        "every scenario flagged: {flagged} of {compared}"
    );
}

#[test]
fn passing_negative_search_gives_up_on_a_cycle_and_the_checker_says_nothing() {
    let vocabulary = load_vocabulary(DIMENSIONS).value.expect("dimensions load");
    // `again` loops back; `done` ends on a negative ending. Every playthrough passes (the
    // loop only adds a choice scored at the best), yet with a cycle there is no finite set
    // of results to search, so the search reports why and the checker does not guess.
    let yaml = "format: 1\nid: loop\ntitle: t\nsummary: s\nsetting: s\naudiences: [induction]\ntopics: [safeguarding]\n\
                dimensions: [listening]\nstart: a\nnodes:\n  a:\n    choices:\n\
                \x20     - { id: again, text: t, feedback: f, scores: { listening: 1 }, next: a }\n\
                \x20     - { id: done, text: t, feedback: f, scores: { listening: 1 }, next: b }\n\
                \x20 b:\n    choices:\n\
                \x20     - { id: x, text: t, feedback: f, scores: { listening: 1 }, next: end }\n\
                \x20     - { id: y, text: t, feedback: f, scores: { listening: -1 }, next: end }\n\
                \x20 end: { ending: { outcome: negative, title: t, text: t } }\n";
    let loaded = load_scenario(yaml, "loop", &vocabulary);
    let s = loaded.value.expect("loads");
    assert_eq!(
        passing_negative_endings(&s, CHECK_ACCUMULATOR_BUDGET),
        Err(RangeLimit::Cycle)
    );
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.code != Code::PassingNegativeEnding),
        "{:#?}",
        loaded.diagnostics
    );
}

/// The search's budget counts the accumulators it makes, not only those it keeps. Here 50
/// decisions leave 51 distinct accumulators, and then a decision with 2,000 choices that
/// all score alike and lead to the same node makes 102,000 more, which merge back into 51.
/// Counting only those kept (under 1,500 in all), the search did that work whatever the
/// budget, and the work grows as accumulators times choices. Counting all, it gives up at
/// the budget.
#[test]
fn passing_negative_search_counts_merged_accumulators_as_work() {
    let vocabulary = load_vocabulary(DIMENSIONS).value.expect("dimensions load");
    let mut yaml = String::from(
        "format: 1\nid: wide\ntitle: t\nsummary: s\nsetting: s\naudiences: [induction]\n\
         topics: [safeguarding]\ndimensions: [boundaries, listening]\nstart: n0\nnodes:\n",
    );
    for i in 0..50 {
        yaml.push_str(&format!(
            "  n{i}:\n    choices:\n\
             \x20     - {{ text: a, feedback: f, scores: {{ boundaries: 3, listening: -3 }}, next: n{} }}\n\
             \x20     - {{ text: b, feedback: f, scores: {{ boundaries: -3, listening: 3 }}, next: n{} }}\n\
             \x20     - {{ text: c, feedback: f, next: n{} }}\n",
            i + 1,
            i + 1,
            i + 1
        ));
    }
    yaml.push_str("  n50:\n    choices:\n");
    for c in 0..2000 {
        yaml.push_str(&format!(
            "      - {{ text: t{c}, feedback: f, next: end }}\n"
        ));
    }
    yaml.push_str("  end: { ending: { outcome: negative, title: t, text: t } }\n");
    let loaded = load_scenario(&yaml, "wide", &vocabulary);
    let s = loaded.value.expect("loads");
    assert_eq!(
        passing_negative_endings(&s, CHECK_ACCUMULATOR_BUDGET),
        Err(RangeLimit::Budget)
    );
}
