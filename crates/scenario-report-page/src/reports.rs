//! Between a source's text and the report's HTML, for the page: which reader a file needs,
//! the worker's job (statements → a counted [`Cohort`] as JSON) and the page's side of it, the
//! errors that stop a report (an empty file, a file with no statement that could be read,
//! each with where and what), and the report itself. Pure: no browser here, so all of it is
//! tested natively. The reading, counting, selecting and rendering are scenario-report's,
//! the same calls the CLI makes.

use scenario_core::model::{Scenario, Vocabulary};
use scenario_report::select::{self, Pick};
use scenario_report::{lms, render, Cohort, Filter, Options, Reader};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// xAPI statements: a JSON array, JSON lines or a StatementResult.
    Statements,
    /// An LMS export: Moodle's SCORM interactions report or a tracks table (CSV or tabs).
    LmsExport,
}

/// Which reader a file needs: by its name's extension, else by its first character (`[` or
/// `{` is JSON).
pub fn file_kind(name: &str, head: &str) -> FileKind {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "json" | "jsonl" | "ndjson" => FileKind::Statements,
        "csv" | "tsv" | "txt" => FileKind::LmsExport,
        _ => match head
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('[' | '{') => FileKind::Statements,
            _ => FileKind::LmsExport,
        },
    }
}

/// The worker's job: reads a statements file for the cohort `filter` (JSON of [`Filter`])
/// and returns `{"cohort": …}` or `{"error": …}`.
pub fn tally_statements(text: &str, filter: &str, names: bool) -> String {
    let filter: Filter = match serde_json::from_str(filter) {
        Ok(f) => f,
        Err(e) => {
            return serde_json::json!({ "error": format!("the page sent a bad filter: {e}") })
                .to_string()
        }
    };
    let mut reader = Reader::new(filter);
    reader.read_text(text);
    let cohort = Cohort::from_reader(reader, names);
    serde_json::json!({ "cohort": cohort }).to_string()
}

/// Reads the worker's answer.
pub fn worker_answer(json: &str) -> Result<Cohort, String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        cohort: Option<Cohort>,
        error: Option<String>,
    }
    let answer: Answer = serde_json::from_str(json)
        .map_err(|e| format!("the statements reader's answer could not be read ({e})"))?;
    match (answer.cohort, answer.error) {
        (Some(cohort), _) => Ok(cohort),
        (None, Some(error)) => Err(error),
        (None, None) => Err("the statements reader answered nothing".into()),
    }
}

/// Why a statements source gives no report (`what`: the file's name, or "The LRS"): nothing
/// in it, or not one statement that could be read, with the first places of each problem
/// (`line 3`, `item 2`).
pub fn statements_problem(cohort: &Cohort, what: &str) -> Option<String> {
    let input = &cohort.input;
    if input.read == 0 {
        return Some(format!("{what}: no statements in it (the file is empty)."));
    }
    let counted = input.used + input.opened + input.closing + input.duplicates;
    let skipped = input.skipped_total();
    if counted > 0 || skipped == 0 {
        return None;
    }
    let reasons: Vec<String> = input
        .skipped
        .iter()
        .map(|s| {
            let more = if s.count as usize > s.examples.len() {
                format!(" and {} more", s.count as usize - s.examples.len())
            } else {
                String::new()
            };
            format!("{}{more}: {}", s.examples.join(", "), s.reason)
        })
        .collect();
    Some(format!(
        "{what}: no statement could be read ({skipped} skipped). {}.",
        reasons.join("; ")
    ))
}

/// The cohort of an LMS export of `scenario` (the export names no scenario: the page's menu
/// does).
pub fn lms_cohort(
    text: &str,
    scenario: Option<&Scenario>,
    filter: &Filter,
    names: bool,
) -> Result<Cohort, String> {
    let activity = format!(
        "urn:scenario-quiz:lms:{}",
        scenario.map_or("scenario", |s| s.id.as_str())
    );
    lms::read(text, scenario, &activity, filter, names)
}

/// The report's markup: one report per activity counted (or only `only`'s, a scenario id),
/// each with the scenario among `scenarios` whose id ends its activity IRI — what
/// `scenario report --format html --html-body` prints for the same cohort and options.
pub fn html(
    cohort: &Cohort,
    scenarios: &[Scenario],
    vocabulary: Option<&Vocabulary>,
    only: Option<&str>,
    options: &Options,
) -> String {
    let pick = only.map_or(Pick::All, Pick::OnlyScenario);
    let tallies = select::tallies(cohort, pick, options.filter.activity.as_deref());
    let model = |activity: &str| {
        scenarios
            .iter()
            .find(|s| select::activity_is(activity, &s.id) || only == Some(s.id.as_str()))
            .map(|s| (s, vocabulary))
    };
    let reports = select::reports(&tallies, cohort, model, options);
    render::html_body(&reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_by_extension_then_by_content() {
        assert_eq!(file_kind("cohort.jsonl", "x"), FileKind::Statements);
        assert_eq!(file_kind("Export.JSON", ""), FileKind::Statements);
        assert_eq!(file_kind("moodle.csv", "["), FileKind::LmsExport);
        assert_eq!(file_kind("moodle.txt", "{"), FileKind::LmsExport);
        assert_eq!(file_kind("download", "\u{feff}  [{"), FileKind::Statements);
        assert_eq!(file_kind("download", "User\tAttempt"), FileKind::LmsExport);
    }

    fn all() -> String {
        serde_json::to_string(&Filter::default()).expect("a filter")
    }

    #[test]
    fn a_file_of_nothing_readable_says_where_and_what() {
        let text = "{\"not\": \"a statement\"\n\nnot json either\n";
        let answer = tally_statements(text, &all(), false);
        let cohort = worker_answer(&answer).expect("a cohort");
        let problem = statements_problem(&cohort, "bad.jsonl").expect("an error");
        assert!(
            problem.starts_with("bad.jsonl: no statement could be read (2 skipped)."),
            "{problem}"
        );
        assert!(
            problem.contains("line 1") && problem.contains("line 3"),
            "{problem}"
        );
        assert!(problem.contains("not JSON"), "{problem}");
        let empty = worker_answer(&tally_statements("  \n", &all(), false)).expect("a cohort");
        assert_eq!(
            statements_problem(&empty, "empty.json").as_deref(),
            Some("empty.json: no statements in it (the file is empty).")
        );
    }

    #[test]
    fn a_bad_filter_or_answer_is_an_error_not_a_panic() {
        assert!(worker_answer(&tally_statements("", "nope", false))
            .expect_err("bad filter")
            .contains("bad filter"));
        assert!(worker_answer("garbage").is_err());
        assert!(worker_answer("{}").is_err());
    }
}
