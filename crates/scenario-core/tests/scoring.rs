//! The normative scoring rules of format v1, one case per rule, plus the spec's own example.
//! Each case is data: a scenario, the choices taken, and the expected result record.

use scenario_core::model::Outcome;
use scenario_core::{load_scenario, load_vocabulary, score, Scenario, ScoreResult, Session};

const DIMENSIONS: &str = include_str!("../../../tests/fixtures/spec/dimensions.yaml");
const SPEC_EXAMPLE: &str = include_str!("../../../tests/fixtures/spec/only-happened-once.yaml");

fn load(id: &str, src: &str) -> Scenario {
    let vocabulary = load_vocabulary(DIMENSIONS)
        .value
        .expect("spec dimensions.yaml loads");
    let loaded = load_scenario(src, id, &vocabulary);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{id} has errors: {errors:#?}");
    loaded.value.expect("no errors means a scenario")
}

fn play(scenario: &Scenario, choices: &str) -> ScoreResult {
    let choices: Vec<String> = choices
        .split(',')
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect();
    let session =
        Session::play_to_end(scenario, &choices).unwrap_or_else(|e| panic!("{choices:?}: {e}"));
    score(scenario, &session)
}

/// (dimension, earned, possible, percent)
fn dims(result: &ScoreResult) -> Vec<(&str, i64, i64, Option<i64>)> {
    result
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.earned, d.possible, d.percent))
        .collect()
}

#[test]
fn spec_example_every_path() {
    let s = load("only-happened-once", SPEC_EXAMPLE);
    let r = play(&s, "reflect,limits");
    assert_eq!(r.ending.as_deref(), Some("end-good"));
    assert_eq!(r.outcome, Some(Outcome::Positive));
    assert_eq!(
        dims(&r),
        vec![
            ("boundaries", 8, 8, Some(100)),
            ("safeguarding", 7, 7, Some(100)),
            ("listening", 3, 3, Some(100))
        ]
    );
    assert_eq!((r.overall, r.passed), (Some(100), true));

    // Agreeing first: rapport stays 0, so the conditional `next` goes to shuts-down.
    let r = play(&s, "agree,limits");
    assert_eq!(r.ending.as_deref(), Some("end-mixed"));
    // boundaries 5/8 = 62.5 → 63 (halves up); safeguarding 6/7 → 86; listening 0/3.
    assert_eq!(
        dims(&r),
        vec![
            ("boundaries", 5, 8, Some(63)),
            ("safeguarding", 6, 7, Some(86)),
            ("listening", 0, 3, Some(0))
        ]
    );
    // (63 + 86 + 0) / 3 = 49.67 → 50
    assert_eq!((r.overall, r.passed), (Some(50), false));

    let r = play(&s, "reflect,promise");
    assert_eq!(r.ending.as_deref(), Some("end-bad"));
    // boundaries 3/8 = 37.5 → 38; overall (38 + 14 + 100) / 3 = 50.67 → 51
    assert_eq!(
        dims(&r),
        vec![
            ("boundaries", 3, 8, Some(38)),
            ("safeguarding", 1, 7, Some(14)),
            ("listening", 3, 3, Some(100))
        ]
    );
    assert_eq!(r.overall, Some(51));
    assert!(!r.passed);
    assert_eq!(
        r.critical,
        vec![
            "Promising confidentiality can leave a child at risk and hands him a hold over you."
                .to_string()
        ]
    );
    assert_eq!(r.choices, vec!["reflect", "promise"]);
}

const HEADER: &str = "format: 1
title: t
summary: s
setting: s
audiences: [induction]
topics: [safeguarding]
";

fn scenario(id: &str, body: &str) -> Scenario {
    load(id, &format!("id: {id}\n{HEADER}{body}"))
}

#[test]
fn halves_round_up_on_dimensions_and_overall() {
    let s = scenario(
        "halves",
        "dimensions: [listening, boundaries]
start: a
nodes:
  a:
    choices:
      - { id: x, text: x, scores: { listening: -2, boundaries: 1 }, feedback: f, next: b }
      - { id: y, text: y, scores: { listening: 3, boundaries: 0 }, feedback: f, next: b }
      - { id: z, text: z, scores: { listening: -3 }, feedback: f, next: b }
  b:
    choices:
      - { id: x, text: x, scores: { listening: 0 }, feedback: f, next: end }
      - { id: y, text: y, scores: { listening: 2, boundaries: 1 }, feedback: f, next: end }
  end: { ending: { outcome: mixed, title: t, text: t } }
",
    );
    // listening: (−2 − −3) + 0 = 1 of 6 + 2 = 8 → 12.5 → 13.
    // boundaries: (1 − 0) + 0 = 1 of 1 + 1 = 2 → 50. Overall (13 + 50) / 2 = 31.5 → 32.
    let r = play(&s, "x,x");
    assert_eq!(
        dims(&r),
        vec![
            ("listening", 1, 8, Some(13)),
            ("boundaries", 1, 2, Some(50))
        ]
    );
    assert_eq!(r.overall, Some(32));
}

#[test]
fn a_dimension_with_nothing_possible_is_not_assessed() {
    let s = scenario(
        "not-assessed",
        "dimensions: [listening, selfcare]
start: a
nodes:
  a:
    choices:
      - { id: x, text: x, scores: { listening: 2, selfcare: 1 }, feedback: f, next: end }
      - { id: y, text: y, scores: { listening: 0, selfcare: 1 }, feedback: f, next: end }
  end: { ending: { outcome: positive, title: t, text: t } }
",
    );
    let r = play(&s, "y");
    // selfcare scores the same on both choices: it does not count; overall is listening alone.
    assert_eq!(
        dims(&r),
        vec![("listening", 0, 2, Some(0)), ("selfcare", 0, 0, None)]
    );
    assert_eq!((r.overall, r.passed), (Some(0), false));
    let r = play(&s, "x");
    assert_eq!((r.overall, r.passed), (Some(100), true));
}

#[test]
fn with_no_assessed_dimension_only_the_critical_rule_decides() {
    let s = scenario(
        "only-critical",
        "dimensions: [listening]
start: a
nodes:
  a:
    choices:
      - { id: ok, text: x, scores: { listening: 1 }, feedback: f, next: end }
      - { id: bad, text: y, scores: { listening: 1 }, feedback: f, critical: red line, next: end }
      - { id: never, text: z, if: 'score.listening > 5', scores: { listening: -1 }, feedback: f, next: end }
  end: { ending: { outcome: mixed, title: t, text: t } }
",
    );
    let r = play(&s, "ok");
    assert_eq!(dims(&r), vec![("listening", 0, 0, None)]);
    assert_eq!((r.overall, r.passed), (None, true));
    let r = play(&s, "bad");
    assert_eq!((r.overall, r.passed), (None, false));
    assert_eq!(r.critical, vec!["red line".to_string()]);
}

#[test]
fn a_choice_hidden_by_if_changes_best_and_worst() {
    let s = scenario(
        "hidden",
        "dimensions: [boundaries]
variables: { trust: 0 }
start: a
nodes:
  a:
    choices:
      - { id: warm, text: x, set: { trust: 1 }, scores: { boundaries: 1 }, feedback: f, next: b }
      - { id: cold, text: y, scores: { boundaries: 0 }, feedback: f, next: b }
  b:
    choices:
      - { id: good, text: x, scores: { boundaries: 2 }, feedback: f, next: end }
      - { id: great, text: y, if: 'trust >= 1', scores: { boundaries: 3 }, feedback: f, next: end }
      - { id: poor, text: z, scores: { boundaries: -1 }, feedback: f, next: end }
  end: { ending: { outcome: positive, title: t, text: t } }
",
    );
    // Without trust, `great` is not offered: best at b is 2, so `good` earns all of b.
    let r = play(&s, "cold,good");
    assert_eq!(dims(&r), vec![("boundaries", 3, 4, Some(75))]);
    // With trust, `great` is offered: best is 3 and `good` falls short by one.
    let r = play(&s, "warm,good");
    assert_eq!(dims(&r), vec![("boundaries", 4, 5, Some(80))]);
    let r = play(&s, "warm,great");
    assert_eq!(dims(&r), vec![("boundaries", 5, 5, Some(100))]);
    // `great` cannot be taken when it is not offered.
    let err = Session::play_to_end(&s, &["cold".into(), "great".into()]).unwrap_err();
    assert!(err.to_string().contains("not offered"), "{err}");
}

#[test]
fn critical_fails_a_perfect_score_and_pass_thresholds_apply() {
    let s = scenario(
        "thresholds",
        "dimensions: [listening, safeguarding]
pass: { overall: 60, each: 40 }
start: a
nodes:
  a:
    choices:
      - { id: all, text: x, scores: { listening: 3, safeguarding: 3 }, feedback: f, critical: crossed, next: end }
      - { id: some, text: y, scores: { listening: 3, safeguarding: 0 }, feedback: f, next: end }
      - { id: none, text: z, scores: { listening: 0, safeguarding: -2 }, feedback: f, next: end }
  end: { ending: { outcome: mixed, title: t, text: t } }
",
    );
    let r = play(&s, "all");
    assert_eq!((r.overall, r.passed), (Some(100), false));
    // listening 100, safeguarding 2/5 = 40 → overall 70: passes 60/40.
    let r = play(&s, "some");
    assert_eq!(
        dims(&r),
        vec![
            ("listening", 3, 3, Some(100)),
            ("safeguarding", 2, 5, Some(40))
        ]
    );
    assert_eq!((r.overall, r.passed), (Some(70), true));
    // The strongest choice in the review is never a red-line one.
    assert_eq!(r.decisions[0].best, vec!["some".to_string()]);
    assert!(r.decisions[0].was_best);
}

#[test]
fn score_conditions_and_passages_route_the_story() {
    let s = scenario(
        "routes",
        "dimensions: [listening]
start: intro
nodes:
  intro:
    narration: A passage first.
    next: a
  a:
    choices:
      - { id: '1', text: x, scores: { listening: 2 }, feedback: f, next: [ { if: 'score.listening >= 2', to: good }, { to: mid } ] }
      - { text: y, scores: { listening: -1 }, feedback: f, next: [ { if: 'score.listening >= 2', to: good }, { to: mid } ] }
  mid:
    next: bad
  good: { ending: { outcome: positive, title: t, text: t } }
  bad: { ending: { outcome: negative, title: t, text: t } }
",
    );
    let r = play(&s, "1");
    assert_eq!(r.ending.as_deref(), Some("good"));
    // The second choice has no id: it is "2" by position.
    let r = play(&s, "2");
    assert_eq!(r.ending.as_deref(), Some("bad"));
    assert_eq!(r.choices, vec!["2"]);
    // Too few choices is an error, not a result.
    let s2 = load("only-happened-once", SPEC_EXAMPLE);
    let err = Session::play_to_end(&s2, &["reflect".into()]).unwrap_err();
    assert!(err.to_string().contains("before an ending"), "{err}");
}

#[test]
fn sessions_resume_exactly_and_refuse_what_does_not_fit() {
    let s = load("only-happened-once", SPEC_EXAMPLE);
    let mut session = Session::new(&s, 42);
    session.choose(&s, "reflect").expect("offered");
    let saved = session.to_json();
    let restored = Session::restore(&saved, &s).expect("restores");
    assert_eq!(restored, session);
    assert_eq!(restored.node, "secret");
    assert_eq!(
        restored
            .display_order(&s, true)
            .iter()
            .map(|c| &c.id)
            .collect::<Vec<_>>(),
        session
            .display_order(&s, true)
            .iter()
            .map(|c| &c.id)
            .collect::<Vec<_>>()
    );

    assert!(Session::restore("{not json", &s).is_err());
    let old = saved.replacen("\"version\":1", "\"version\":0", 1);
    assert_eq!(
        Session::restore(&old, &s),
        Err(scenario_core::play::session::RestoreError::OldVersion(0))
    );
    let changed = load(
        "only-happened-once",
        &SPEC_EXAMPLE.replace("Dan arrives late", "Dan arrives early"),
    );
    assert_eq!(
        Session::restore(&saved, &changed),
        Err(scenario_core::play::session::RestoreError::ScenarioChanged)
    );
    let elsewhere = saved.replacen("\"node\":\"secret\"", "\"node\":\"nowhere\"", 1);
    assert!(matches!(
        Session::restore(&elsewhere, &s),
        Err(scenario_core::play::session::RestoreError::Corrupt(_))
    ));

    // Restarting before decision 1 keeps the first choice and the seed.
    let mut done = session.clone();
    done.choose(&s, "promise").expect("offered");
    done.proceed_through_passages(&s).expect("passages");
    assert!(done.is_finished(&s));
    let again = done.restart_before(&s, 1).expect("replays");
    assert_eq!(
        (again.node.as_str(), again.seed, again.taken.len()),
        ("secret", 42, 1)
    );
}
