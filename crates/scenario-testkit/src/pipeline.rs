//! The whole pipeline a scenario file goes through, with the promises the checker makes
//! turned into assertions: bytes → `position::decode` → `load_vocabulary` / `load_scenario`
//! (with the bundled `dimensions.yaml`) → when it loads, `stats()` and a play-through driven
//! by the input's bytes after its first NUL (`Session::choose` over the offered choices, `proceed` through passages, a
//! save/restore round trip, `restart_before`, `replay`), then `score()`.
//!
//! Shared by the fuzz targets (`fuzz/`) and by the regression tests that keep every input
//! the fuzzers found (scenario-core's `tests/fuzz_regressions.rs`), so a crash input replays
//! through exactly the code that found it. Uses the public API only.
//!
//! Any panic here is a finding: a panic in the core, or a broken promise:
//! * diagnostics are sorted and their spans lie inside the text, on a character boundary,
//!   with a line and column that agree with their offset;
//! * a scenario that loads without an `analysis-budget` warning (the analysis was exact)
//!   offers at least one choice at every decision a learner can reach, and every passage
//!   and choice leads somewhere;
//! * a finished play-through scores inside the ranges `stats()` computed over all paths
//!   (each dimension, overall, pass/fail possible) and takes between `shortest` and
//!   `longest` decisions;
//! * saving and restoring a session gives the same session; replaying its choices with its
//!   seed gives the same session; `restart_before(k)` keeps exactly the first k decisions;
//! * the `passing-negative-ending` warnings are exactly the endings the search finds; each
//!   example route plays to its ending, passes and scores the overall reported; and when
//!   the search completed, a play-through that passes at a negative ending was warned about.

use scenario_core::analysis::links::Linker;
use scenario_core::analysis::passing::{
    passing_negative_endings, PassingNegative, CHECK_ACCUMULATOR_BUDGET,
};
use scenario_core::analysis::stats::{stats, Count, Stats};
use scenario_core::hash::{fnv1a, splitmix64, GOLDEN_GAMMA};
use scenario_core::model::links::Links;
use scenario_core::model::{NodeKind, Outcome, Scenario};
use scenario_core::text::position;
use scenario_core::{load_scenario, load_vocabulary, score, Code, Diagnostic, Session, Vocabulary};

/// The bundled `dimensions.yaml`, the vocabulary every scenario is loaded against.
pub const DIMENSIONS: &str = include_str!("../../../scenarios/dimensions.yaml");

/// The bundled `glossary.yaml`, whose terms every scenario's texts are linked to.
pub const GLOSSARY: &str = include_str!("../../../scenarios/glossary.yaml");

/// The bundled glossary's matcher, as `scenario pack` builds it (loaded once per thread).
fn bundled_linker() -> std::rc::Rc<Linker> {
    thread_local! {
        static LINKER: std::rc::Rc<Linker> = std::rc::Rc::new(Linker::new(
            &scenario_core::load::load_glossary(GLOSSARY)
                .value
                .expect("the bundled glossary loads"),
        ));
    }
    LINKER.with(std::rc::Rc::clone)
}

/// At most this many steps (decisions and passages) per play-through: scenarios may loop.
pub const MAX_STEPS: usize = 400;

/// What happened to one input, for tests that want to assert more than "no panic".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// `position::decode` accepted the bytes.
    pub decoded: bool,
    /// Codes of the scenario's diagnostics, in order.
    pub codes: Vec<Code>,
    /// The scenario loaded (no errors).
    pub loaded: bool,
    /// The play-through reached an ending.
    pub finished: bool,
    /// Decisions taken in the play-through.
    pub decisions: usize,
}

/// The bundled vocabulary (loads without diagnostics).
pub fn vocabulary() -> Vocabulary {
    let loaded = load_vocabulary(DIMENSIONS);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.value.expect("the bundled dimensions.yaml loads")
}

/// Play decisions come from these bytes, then from a generator seeded by the whole input.
pub struct Driver<'a> {
    bytes: &'a [u8],
    state: u64,
}

impl<'a> Driver<'a> {
    /// Takes `bytes` first, then a splitmix64 stream seeded with `seed`.
    pub fn new(bytes: &'a [u8], seed: u64) -> Self {
        Driver { bytes, state: seed }
    }

    /// The next number (a byte while bytes last).
    pub fn next_u64(&mut self) -> u64 {
        if let Some((&b, rest)) = self.bytes.split_first() {
            self.bytes = rest;
            return u64::from(b);
        }
        let z = splitmix64(self.state);
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        z
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The value of a top-level `id:` line, so that a file loads under its own name (a file
/// whose `id` differs from its name is refused, which would stop the pipeline early).
pub fn stem_of(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| {
            v.split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "fuzz".to_string())
}

/// Fuzz target (a): arbitrary bytes. The bytes after the first NUL (never valid in YAML)
/// drive the play-through; the bytes before it are the file, loaded both as a vocabulary
/// (`dimensions.yaml`) and as a scenario.
pub fn run_bytes(input: &[u8], vocabulary: &Vocabulary) -> Report {
    run(input, vocabulary, true)
}

/// Fuzz target (b): the same as [`run_bytes`] without loading the file as a vocabulary too.
/// Its inputs are generated scenarios, never vocabularies, and that load was a quarter of
/// its time; `run_bytes` covers `load_vocabulary`.
pub fn run_scenario_bytes(input: &[u8], vocabulary: &Vocabulary) -> Report {
    run(input, vocabulary, false)
}

fn run(input: &[u8], vocabulary: &Vocabulary, as_vocabulary_too: bool) -> Report {
    let (file, play) = match input.iter().position(|&b| b == 0) {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => (input, &[][..]),
    };
    let mut driver = Driver::new(play, fnv1a(input));
    let text = match position::decode(file) {
        Ok(text) => text,
        Err(d) => {
            assert_eq!(d.code, Code::NotUtf8);
            assert!(d.span.offset <= file.len(), "{d:?}");
            return Report::default();
        }
    };
    if as_vocabulary_too {
        // The same text as a vocabulary file: must not panic; its diagnostics obey the rules.
        let vocabulary_loaded = load_vocabulary(text);
        check_diagnostics(text, &vocabulary_loaded.diagnostics);
        if vocabulary_loaded.value.is_some() {
            assert!(!vocabulary_loaded
                .diagnostics
                .iter()
                .any(Diagnostic::is_error));
        }
    }
    let mut report = run_text(text, &stem_of(text), vocabulary, &mut driver);
    report.decoded = true;
    report
}

/// Loads `text` as the scenario `stem` and, when it loads, plays it with `driver`.
pub fn run_text(text: &str, stem: &str, vocabulary: &Vocabulary, driver: &mut Driver) -> Report {
    let loaded = load_scenario(text, stem, vocabulary);
    check_diagnostics(text, &loaded.diagnostics);
    let mut report = Report {
        decoded: true,
        codes: loaded.diagnostics.iter().map(|d| d.code).collect(),
        ..Report::default()
    };
    let has_errors = loaded.diagnostics.iter().any(Diagnostic::is_error);
    let Some(scenario) = loaded.value else {
        assert!(
            has_errors,
            "no scenario and no error: {:?}",
            loaded.diagnostics
        );
        return report;
    };
    assert!(!has_errors, "a scenario came back with errors");
    report.loaded = true;
    // What the app receives: the scenario, its routes and its texts' links to the bundled
    // glossary, packed as the build packs them, read back whole; and every route replays to
    // its node.
    let routes = scenario_core::Routes::of(&scenario);
    let links = Links::of(&scenario, &bundled_linker());
    let packed = format!(
        "{{\"pack\":{},\"file\":\"{stem}.yaml\",\"scenario\":{},\"routes\":{},\"links\":{}}}",
        scenario_core::pack::FORMAT,
        scenario_core::json::to_string(&scenario),
        scenario_core::json::to_string(&routes),
        scenario_core::json::to_string(&links)
    );
    assert_eq!(
        scenario_core::pack::read_scenario(&packed, stem),
        Ok((scenario.clone(), routes.clone(), links)),
        "the packed scenario does not read back"
    );
    for (i, node) in scenario.nodes.iter().enumerate() {
        let at = scenario_core::session_at(&scenario, &routes, 1, &node.id);
        assert_eq!(
            at.map(|session| session.node),
            routes.reaches(i).then(|| node.id.clone()),
            "the route to `{}` does not lead there",
            node.id
        );
    }
    let exact = !report.codes.contains(&Code::AnalysisBudget);
    let stats = stats(&scenario);
    assert_eq!(stats.nodes, scenario.nodes.len());
    let passing_negative = passing_negative_endings(&scenario, CHECK_ACCUMULATOR_BUDGET).ok();
    check_passing_negative(&scenario, &loaded.diagnostics, passing_negative.as_deref());
    play(
        &scenario,
        &stats,
        passing_negative.as_deref(),
        exact,
        driver,
        &mut report,
    );
    report
}

/// The `passing-negative-ending` warnings sit at exactly the endings `found` lists (none when
/// the search gave up), and each example route plays to its ending, passes and scores the
/// overall reported.
fn check_passing_negative(
    scenario: &Scenario,
    diagnostics: &[Diagnostic],
    found: Option<&[PassingNegative]>,
) {
    let mut warned: Vec<usize> = diagnostics
        .iter()
        .filter(|d| d.code == Code::PassingNegativeEnding)
        .map(|d| d.span.offset)
        .collect();
    warned.sort_unstable();
    let mut expected: Vec<usize> = found
        .unwrap_or_default()
        .iter()
        .map(|f| scenario.nodes[f.ending].span.offset)
        .collect();
    expected.sort_unstable();
    assert_eq!(warned, expected, "passing-negative-ending warnings");
    for f in found.unwrap_or_default() {
        let ids: Vec<String> = f
            .choice_ids(scenario)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let session = Session::play_to_end(scenario, &ids)
            .unwrap_or_else(|e| panic!("an example route does not play: {e}"));
        let result = score(scenario, &session);
        assert_eq!(
            session.node_index(scenario),
            f.ending,
            "the route ends elsewhere"
        );
        assert!(result.passed, "an example route does not pass");
        assert_eq!(result.overall, f.overall, "an example route's overall");
    }
}

/// Diagnostics are sorted by position, non-empty, and point inside the text.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for pair in diagnostics.windows(2) {
        assert!(
            pair[0].span.offset <= pair[1].span.offset,
            "diagnostics out of order: {pair:?}"
        );
    }
    let lines = position::LineIndex::new(text);
    for d in diagnostics {
        assert!(!d.message.is_empty(), "{d:?}");
        assert!(!d.code.as_str().is_empty(), "{d:?}");
        assert!(d.span.offset <= text.len(), "span past the end: {d:?}");
        assert!(
            text.is_char_boundary(d.span.offset),
            "span inside a character: {d:?}"
        );
        assert!(d.span.line >= 1 && d.span.column >= 1, "{d:?}");
        // Line and column agree with the offset (the parser's marks, the loader's own
        // positions inside scalars, and the CLI's snippets all meet here). At the very end
        // the parser may stand on a line after the last one.
        if d.span.offset < text.len() {
            let at = lines.span(text, d.span.offset);
            assert_eq!(
                (at.line, at.column),
                (d.span.line, d.span.column),
                "line:column disagrees with the offset: {d:?}"
            );
        }
    }
}

fn play(
    scenario: &Scenario,
    stats: &Stats,
    passing_negative: Option<&[PassingNegative]>,
    exact: bool,
    driver: &mut Driver,
    report: &mut Report,
) {
    let seed = driver.next_u64();
    let mut session = Session::new(scenario, seed);
    // Each round trip replays from the start: two per play-through keep a run linear.
    let mut round_trips_left = 2;
    for _ in 0..MAX_STEPS {
        let node = session.current(scenario);
        match &node.kind {
            NodeKind::Ending(_) => break,
            NodeKind::Passage(_) => {
                session
                    .proceed(scenario)
                    .unwrap_or_else(|e| panic!("a passage of a loaded scenario: {e}"));
            }
            NodeKind::Decision(choices) => {
                let offered = session.offered(scenario);
                if offered.is_empty() {
                    assert!(
                        !exact,
                        "no choice offered at `{}`, but the exact analysis found none such",
                        node.id
                    );
                    break;
                }
                // The shuffled order is a permutation of the offered choices.
                let mut shown: Vec<&str> = session
                    .display_order(scenario, true)
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                let mut ids: Vec<&str> = offered.iter().map(|c| c.id.as_str()).collect();
                shown.sort_unstable();
                ids.sort_unstable();
                assert_eq!(
                    shown, ids,
                    "display order is not a permutation of the offered choices"
                );
                let pick = offered[driver.below(offered.len())];
                let chosen = session
                    .choose(scenario, &pick.id)
                    .unwrap_or_else(|e| panic!("an offered choice of a loaded scenario: {e}"));
                assert_eq!(chosen.id, pick.id);
                assert_eq!(chosen.feedback, pick.feedback);
                assert!(choices.iter().any(|c| c.id == pick.id));
                report.decisions += 1;
                if round_trips_left > 0 && driver.below(4) == 0 {
                    round_trips_left -= 1;
                    round_trips(scenario, &session, exact, driver);
                }
            }
        }
    }
    report.finished = session.is_finished(scenario);
    let result = score(scenario, &session);
    assert_eq!(result.choices.len(), session.taken.len());
    if !report.finished {
        return;
    }
    assert!(result.ending.is_some());
    // If it passed at a negative ending, the checker's search (when it completed) found it.
    if let (true, Some(Outcome::Negative), Some(found)) =
        (result.passed, result.outcome, passing_negative)
    {
        let ending = session.node_index(scenario);
        assert!(
            found.iter().any(|f| f.ending == ending),
            "passed at the negative ending `{}`, which the search did not find",
            scenario.nodes[ending].id
        );
    }
    // Replaying the choices with the seed gives the same session.
    let choices: Vec<String> = session.taken.iter().map(|t| t.choice.clone()).collect();
    let replayed = Session::replay(scenario, session.seed, &choices)
        .unwrap_or_else(|e| panic!("replaying a finished play-through: {e}"));
    assert_eq!(replayed, session, "replay differs");
    if !exact {
        return;
    }
    // stats() covers every complete play-through, so it covers this one.
    match &stats.paths {
        Count::Exact(n) => assert!(n.to_string() != "0", "a path finished, stats counts none"),
        Count::Unbounded => {}
    }
    let taken = session.taken.len() as u64;
    if let Some(shortest) = stats.shortest {
        assert!(
            taken >= shortest,
            "{taken} decisions, shortest is {shortest}"
        );
    }
    if let Some(Count::Exact(longest)) = &stats.longest {
        let longest = longest.to_u64().expect("longest fits");
        assert!(taken <= longest, "{taken} decisions, longest is {longest}");
    }
    if let Ok(ranges) = &stats.scores {
        for (d, range) in ranges.dimensions.iter().enumerate() {
            if let Some(p) = result.dimensions[d].percent {
                assert!(
                    range.min.is_some_and(|m| m <= p) && range.max.is_some_and(|m| p <= m),
                    "dimension {d}: {p}% outside {range:?}"
                );
            }
        }
        if let Some(o) = result.overall {
            let r = &ranges.overall;
            assert!(
                r.min.is_some_and(|m| m <= o) && r.max.is_some_and(|m| o <= m),
                "overall {o}% outside {r:?}"
            );
        }
        if result.passed {
            assert!(ranges.can_pass, "passed, but stats says no path passes");
        } else {
            assert!(ranges.can_fail, "failed, but stats says no path fails");
        }
    }
}

/// Save/restore gives the same session; restarting before a decision keeps the ones before
/// (when the analysis was exact: past its budget a loaded scenario may hold a loop of
/// passages that `replay` reports rather than follows).
fn round_trips(scenario: &Scenario, session: &Session, exact: bool, driver: &mut Driver) {
    let restored = Session::restore(&session.to_json(), scenario)
        .unwrap_or_else(|e| panic!("restoring a session just saved: {e:?}"));
    assert_eq!(&restored, session, "save/restore changed the session");
    let k = driver.below(session.taken.len() + 1);
    let restarted = match session.restart_before(scenario, k) {
        Ok(restarted) => restarted,
        Err(e) => {
            assert!(!exact, "restart_before({k}): {e}");
            return;
        }
    };
    assert_eq!(restarted.taken.len(), k.min(session.taken.len()));
    assert_eq!(restarted.taken[..], session.taken[..k]);
    assert_eq!(restarted.seed, session.seed);
}
