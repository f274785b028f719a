//! The check the studio runs on every edit: the same core load and analysis as `scenario
//! check` (crates/scenario-cli), as a serializable result, computed in the web worker and read
//! on the page. Pure: no browser calls, so the tests run natively.

use scenario_core::analysis::stats::{stats, Count, Range};
use scenario_core::{
    load_scenario, load_scenario_for_map, load_vocabulary, Diagnostic, Scenario, Severity,
    Vocabulary,
};
use scenario_map::{to_svg_with, Findings, SvgOptions};
use serde::{Deserialize, Serialize};

/// The bundled `dimensions.yaml` (the one the learner's packs are checked against), used
/// unless the trainer opens their own.
pub const BUNDLED_DIMENSIONS: &str = include_str!("../../../scenarios/dimensions.yaml");

/// The file a problem is in.
pub const DIMENSIONS_FILE: &str = "dimensions.yaml";

/// One diagnostic as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: String,
    /// The diagnostic's code, as `scenario check` prints it (e.g. `unknown-node`).
    pub code: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when the core has a hint ("did you mean …").
    pub hint: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Length in characters.
    pub len: usize,
    /// `None` for the scenario being edited, `Some("dimensions.yaml")` for the vocabulary.
    pub file: Option<String>,
}

/// A node of the map, for the map's clicks and its list alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapNode {
    /// The node's id (the SVG's `data-node`).
    pub id: String,
    /// Its kind, flags and the checker's findings in a sentence (the SVG's `<title>`).
    pub description: String,
    /// Where the node is defined in the text, 1-based.
    pub line: usize,
    /// Its column, 1-based, in characters.
    pub column: usize,
    /// Length of its id in characters.
    pub len: usize,
}

/// The branching map of the text: scenario-map's layered layout as SVG (CSS classes only;
/// every scenario text escaped by scenario-map), and its nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Map {
    /// The SVG document, its stylesheet left to the page (the studio's CSS has map.css).
    pub svg: String,
    /// The nodes, in the file's order.
    pub nodes: Vec<MapNode>,
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckResult {
    /// Every diagnostic, in the core's order.
    pub problems: Vec<Problem>,
    /// How many are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// The file name the text was checked as (`<id>.yaml`).
    pub file_name: String,
    /// The map, whenever the text's structure could be built (also when the only errors are
    /// the path analysis's: traps are flagged on it).
    pub map: Option<Map>,
}

impl Problem {
    fn of(d: &Diagnostic, file: Option<&str>) -> Problem {
        Problem {
            severity: d.severity.as_str().to_owned(),
            code: d.code.as_str().to_owned(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            line: d.span.line,
            column: d.span.column,
            len: d.span.len.max(1),
            file: file.map(str::to_owned),
        }
    }

    /// How the Problems list reads it: "line 27, column 9: there is no node `nowhere`".
    pub fn describe(&self) -> String {
        let place = format!("line {}, column {}", self.line, self.column);
        match &self.file {
            Some(file) => format!("{file}, {place}: {}", self.message),
            None => format!("{place}: {}", self.message),
        }
    }
}

/// The value of the text's top-level `id:` line, unquoted, if it has one: the studio checks
/// (and downloads) the text as `<id>.yaml`, so the id always matches the file name.
pub fn declared_id(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("id:")?;
        let value = value.split(" #").next().unwrap_or(value).trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!value.is_empty()).then_some(value)
    })
}

/// The stem the text is checked and saved under: its id, or `scenario`.
pub fn file_stem(text: &str) -> &str {
    declared_id(text).unwrap_or("scenario")
}

/// Loads `dimensions` (the bundled file when `None`): the vocabulary, or the problems that
/// stop it loading.
pub fn vocabulary(dimensions: Option<&str>) -> Result<Vocabulary, Vec<Problem>> {
    let loaded = load_vocabulary(dimensions.unwrap_or(BUNDLED_DIMENSIONS));
    let problems: Vec<Problem> = loaded
        .diagnostics
        .iter()
        .map(|d| Problem::of(d, Some(DIMENSIONS_FILE)))
        .collect();
    loaded.value.ok_or(problems)
}

/// Checks `text` as `scenario check` would check `<id>.yaml` beside `dimensions` (the
/// bundled file when `None`): every error and warning of the core's load and analysis.
pub fn check(text: &str, dimensions: Option<&str>) -> CheckResult {
    let checked = check_only(text, dimensions);
    let map = checked.map();
    CheckResult {
        map,
        ..checked.result
    }
}

/// A check kept for its later answers: the result without the map, and what the map and
/// the stats are made from, so the worker loads the text once for all three answers.
pub struct Checked {
    /// The problems (`map` is `None`: [`Checked::map`] makes it).
    pub result: CheckResult,
    /// The model the map is drawn from (also despite the analysis's errors).
    model: Option<Scenario>,
    /// The core's diagnostics (the map flags what they find).
    diagnostics: Vec<Diagnostic>,
    /// The text loaded without errors: the stats can be worked out.
    clean: bool,
}

impl Checked {
    /// The branching map, when the structure loaded.
    pub fn map(&self) -> Option<Map> {
        self.model.as_ref().map(|m| map_of(m, &self.diagnostics))
    }

    /// `scenario stats`'s figures, when the text loaded without errors.
    pub fn stats(&self) -> Vec<(String, String)> {
        match &self.model {
            Some(model) if self.clean => stats_rows(model),
            _ => Vec::new(),
        }
    }
}

/// [`check`] without the map (the worker's first answer).
pub fn check_only(text: &str, dimensions: Option<&str>) -> Checked {
    let stem = file_stem(text);
    let (problems, model, diagnostics, clean) = match vocabulary(dimensions) {
        Ok(vocabulary) => {
            let loaded = load_scenario_for_map(text, stem, &vocabulary);
            let clean = loaded.loaded.value.is_some();
            let model = loaded.model().cloned();
            let diagnostics = loaded.loaded.diagnostics;
            let problems = diagnostics.iter().map(|d| Problem::of(d, None)).collect();
            (problems, model, diagnostics, clean)
        }
        Err(problems) => (problems, None, Vec::new(), false),
    };
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error.as_str())
        .count();
    let result = CheckResult {
        warnings: problems.len() - errors,
        errors,
        problems,
        file_name: format!("{stem}.yaml"),
        map: None,
    };
    Checked {
        result,
        model,
        diagnostics,
        clean,
    }
}

/// A map as JSON (the worker's second answer), `null` when there is none.
pub fn map_json(map: Option<&Map>) -> String {
    serde_json::to_string(&map).unwrap_or_else(|_| "null".to_owned())
}

/// Reads what [`map_json`] wrote.
pub fn read_map_json(json: &str) -> Result<Option<Map>, String> {
    serde_json::from_str(json).map_err(|e| format!("the map could not be read: {e}"))
}

/// Figures as JSON (the worker's third answer).
pub fn rows_json(rows: &[(String, String)]) -> String {
    serde_json::to_string(rows).unwrap_or_else(|_| "[]".to_owned())
}

/// `scenario stats`'s figures for `text` (none when it does not load without errors), as
/// JSON: the worker's second answer to each request. Apart from [`check`] because on a large
/// file the stats' searches take several times as long as the check itself
/// (docs/performance.md, "The studio"), and the problems should not wait for them.
pub fn stats_json(text: &str, dimensions: Option<&str>) -> String {
    let rows = vocabulary(dimensions)
        .ok()
        .and_then(|v| load_scenario(text, file_stem(text), &v).value)
        .map(|scenario| stats_rows(&scenario))
        .unwrap_or_default();
    rows_json(&rows)
}

/// Reads what [`stats_json`] wrote.
pub fn read_stats_json(json: &str) -> Result<Vec<(String, String)>, String> {
    serde_json::from_str(json).map_err(|e| format!("the stats could not be read: {e}"))
}

/// `scenario stats`'s figures for `scenario` (crates/scenario-cli/src/stats.rs writes the
/// same ones as text), from the core's `analysis::stats`.
pub fn stats_rows(scenario: &Scenario) -> Vec<(String, String)> {
    let s = stats(scenario);
    let count = |c: &Count| match c {
        Count::Unbounded => "unbounded".to_owned(),
        Count::Exact(n) => n.to_string(),
    };
    let range = |r: &Range| match (r.min, r.max) {
        (Some(a), Some(b)) => format!("{a}% to {b}%"),
        _ => "not assessed".to_owned(),
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let mut rows = vec![
        (
            "Nodes".to_owned(),
            format!(
                "{} ({} decisions, {} passages, {} endings)",
                s.nodes, s.decisions, s.passages, s.endings
            ),
        ),
        ("Playthroughs".to_owned(), count(&s.paths)),
        (
            "Decisions per playthrough".to_owned(),
            format!(
                "{} to {}",
                s.shortest.map_or("-".into(), |v| v.to_string()),
                s.longest.as_ref().map_or("-".into(), count)
            ),
        ),
    ];
    match &s.scores {
        Ok(r) => {
            for (label, dr) in scenario.dimensions.iter().zip(&r.dimensions) {
                rows.push((format!("Score range: {}", label.label), range(dr)));
            }
            rows.push(("Score range: overall".to_owned(), range(&r.overall)));
            rows.push(("Some playthrough passes".to_owned(), yes_no(r.can_pass)));
            rows.push(("Some playthrough fails".to_owned(), yes_no(r.can_fail)));
        }
        Err(_) => rows.push((
            "Score ranges".to_owned(),
            "not worked out (a cycle, or past the checker's budget)".to_owned(),
        )),
    }
    rows.push((
        "Choices that cross a red line".to_owned(),
        s.red_line_choices.to_string(),
    ));
    rows.push((
        "A red line on a passing playthrough".to_owned(),
        match s.red_line_on_passing {
            Ok(found) => yes_no(found),
            Err(_) => "not worked out".to_owned(),
        },
    ));
    rows
}

/// The map of `model` with the checker's findings flagged.
fn map_of(model: &Scenario, diagnostics: &[Diagnostic]) -> Map {
    let layout = scenario_map::layout(model, &Findings::from_diagnostics(model, diagnostics));
    let svg = to_svg_with(
        &layout,
        &SvgOptions {
            stylesheet: None,
            id_prefix: "studio-map-",
            interactive: true,
        },
    );
    let nodes = layout
        .nodes
        .iter()
        .zip(&model.nodes)
        .map(|(shown, node)| MapNode {
            id: shown.id.clone(),
            description: shown.description.clone(),
            line: node.span.line,
            column: node.span.column,
            len: node.span.len.max(1),
        })
        .collect();
    Map { svg, nodes }
}

/// [`check`] as JSON, what the worker posts back to the page.
pub fn check_json(text: &str, dimensions: Option<&str>) -> String {
    // Serializing plain strings and numbers cannot fail; an empty result is the fallback.
    serde_json::to_string(&check(text, dimensions)).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads what [`check_json`] wrote.
pub fn read_json(json: &str) -> Result<CheckResult, String> {
    serde_json::from_str(json).map_err(|e| format!("the checker's answer could not be read: {e}"))
}

/// The status line for a result: "No problems", "1 error, 2 warnings".
pub fn summary(result: &CheckResult) -> String {
    let count = |n: usize, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    match (result.errors, result.warnings) {
        (0, 0) => "No problems".to_owned(),
        (e, 0) => count(e, "error"),
        (0, w) => count(w, "warning"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_id_reads_the_top_level_id_line() {
        assert_eq!(declared_id("title: x\nid: got-kids\n"), Some("got-kids"));
        assert_eq!(
            declared_id("id: \"quoted-id\" # a comment\n"),
            Some("quoted-id")
        );
        assert_eq!(declared_id("nodes:\n  id: nested\n"), None);
        assert_eq!(declared_id("id:\n"), None);
        assert_eq!(file_stem("no id here"), "scenario");
    }

    #[test]
    fn a_bundled_scenario_checks_clean_as_the_cli_does() {
        let text = include_str!("../../../scenarios/got-kids.yaml");
        let result = check(text, None);
        assert_eq!(result.errors, 0, "{:?}", result.problems);
        assert_eq!(result.file_name, "got-kids.yaml");
    }

    #[test]
    fn a_missing_node_is_reported_at_its_line_and_column_with_the_cores_code() {
        let text = include_str!("../../../tests/fixtures/diagnostics/missing-node.yaml");
        let dimensions = include_str!("../../../tests/fixtures/diagnostics/dimensions.yaml");
        let result = check(text, Some(dimensions));
        let expected: Vec<(usize, usize, String)> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .filter_map(|e| {
                // `# expect: <severity> <code> <line>:<column>`
                let mut words = e.split_whitespace();
                let (_, code, at) = (words.next()?, words.next()?, words.next()?);
                let (line, column) = at.split_once(':')?;
                Some((line.parse().ok()?, column.parse().ok()?, code.to_owned()))
            })
            .collect();
        assert!(!expected.is_empty(), "the fixture declares what it expects");
        for (line, column, code) in expected {
            assert!(
                result
                    .problems
                    .iter()
                    .any(|p| p.line == line && p.column == column && p.code == code),
                "{code} at {line}:{column} in {:?}",
                result.problems
            );
        }
    }

    #[test]
    fn the_map_names_every_node_at_its_line_and_flags_a_trap() {
        let text = include_str!("../../../scenarios/got-kids.yaml");
        let map = check(text, None).map.expect("a clean file has a map");
        assert!(map.nodes.len() > 3);
        for node in &map.nodes {
            assert!(
                map.svg.contains(&format!("data-node=\"{}\"", node.id)),
                "{}",
                node.id
            );
            let line = text.lines().nth(node.line - 1).unwrap_or_default();
            assert!(
                line.trim_start().starts_with(&format!("{}:", node.id)),
                "{} at {line:?}",
                node.id
            );
        }
        assert!(
            !map.svg.contains("<style"),
            "the page brings the stylesheet (CSP)"
        );
        let trap = include_str!("../../../tests/fixtures/diagnostics/trap.yaml");
        let dimensions = include_str!("../../../tests/fixtures/diagnostics/dimensions.yaml");
        let result = check(trap, Some(dimensions));
        assert!(result.errors > 0);
        let map = result
            .map
            .expect("a trap is the analysis's error: the map is still drawn");
        assert!(map.svg.contains("trap\" data-node="), "the trap is flagged");
        assert!(check("{{{{ :", None).map.is_none());
    }

    #[test]
    fn the_kept_check_gives_the_same_map_and_stats() {
        let text = include_str!("../../../scenarios/got-kids.yaml");
        let checked = check_only(text, None);
        assert!(checked.result.map.is_none());
        let map = checked.map();
        assert_eq!(map, check(text, None).map);
        assert_eq!(read_map_json(&map_json(map.as_ref())), Ok(map));
        assert_eq!(rows_json(&checked.stats()), stats_json(text, None));
        assert!(check_only("id: x\n", None).stats().is_empty());
    }

    #[test]
    fn stats_are_the_cores_for_a_clean_file_only() {
        let json = stats_json(include_str!("../../../scenarios/got-kids.yaml"), None);
        let rows: std::collections::HashMap<_, _> = read_stats_json(&json)
            .expect("it reads back")
            .into_iter()
            .collect();
        assert!(
            rows["Playthroughs"].parse::<u64>().is_ok_and(|n| n > 1),
            "{rows:?}"
        );
        assert!(rows.contains_key("Score range: overall"), "{rows:?}");
        assert_eq!(
            read_stats_json(&stats_json("id: x\n", None)),
            Ok(Vec::new())
        );
    }

    #[test]
    fn not_yaml_and_binary_give_problems_not_panics() {
        for text in ["{{{{ :", "\u{0}\u{1}\u{fffd}\u{fffd}", "", "- a\n- b\n"] {
            let result = check(text, None);
            assert!(result.errors > 0, "{text:?} gave {result:?}");
        }
    }

    #[test]
    fn the_result_survives_its_json() {
        let result = check("id: x\n", None);
        assert_eq!(read_json(&check_json("id: x\n", None)), Ok(result));
        assert!(read_json("not json").is_err());
    }

    #[test]
    fn summaries_count_errors_and_warnings() {
        let mut r = CheckResult::default();
        assert_eq!(summary(&r), "No problems");
        r.errors = 1;
        r.warnings = 2;
        assert_eq!(summary(&r), "1 error, 2 warnings");
    }

    #[test]
    fn problems_read_as_the_list_says_them() {
        let p = Problem {
            severity: "error".into(),
            code: "unknown-node".into(),
            message: "there is no node `nowhere`".into(),
            hint: None,
            line: 27,
            column: 9,
            len: 7,
            file: None,
        };
        assert_eq!(
            p.describe(),
            "line 27, column 9: there is no node `nowhere`"
        );
    }
}
