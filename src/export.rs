//! Exports of the attempt history for a supervision file or a spreadsheet: CSV (RFC 4180,
//! with cells a spreadsheet would run as formulas defused) and JSON (the attempts and the
//! reflection answers). Pure text in, text out; the download itself is in the browser code.

use crate::history::Attempt;
use crate::notes::Answer;
use scenario_core::{json, json_record};
use std::borrow::Cow;

/// The CSV header row.
pub const CSV_HEADER: [&str; 10] = [
    "date",
    "scenario_id",
    "scenario",
    "ending_id",
    "ending",
    "outcome",
    "overall_percent",
    "passed",
    "red_lines",
    "dimensions",
];

/// One CSV cell. A cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return)
/// gets a leading apostrophe so spreadsheets show it as text instead of running it as a
/// formula; a cell with a comma, quote or line break is quoted, quotes doubled.
pub fn csv_cell(value: &str) -> Cow<'_, str> {
    let mut cell = Cow::Borrowed(value);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell = Cow::Owned(format!("'{value}"));
    }
    if cell.contains([',', '"', '\n', '\r']) {
        cell = Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")));
    }
    cell
}

fn csv_row<'a>(cells: impl IntoIterator<Item = Cow<'a, str>>) -> String {
    let mut row = cells
        .into_iter()
        .map(|c| csv_cell(&c).into_owned())
        .collect::<Vec<_>>()
        .join(",");
    row.push_str("\r\n");
    row
}

/// `Professional boundaries 80%; Listening not assessed`.
pub fn dimensions_text(attempt: &Attempt) -> String {
    attempt
        .dimensions
        .iter()
        .map(|d| match d.percent {
            Some(p) => format!("{} {p}%", d.label),
            None => format!("{} not assessed", d.label),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The attempts as CSV: a header row, then one row per attempt, CRLF line ends, with a
/// byte-order mark so spreadsheet programs read it as UTF-8.
pub fn csv(attempts: &[Attempt]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_row(CSV_HEADER.iter().map(|h| Cow::Borrowed(*h))));
    for a in attempts {
        out.push_str(&csv_row([
            Cow::Borrowed(a.date.as_str()),
            Cow::Borrowed(a.scenario.as_str()),
            Cow::Borrowed(a.title.as_str()),
            Cow::Borrowed(a.ending.as_str()),
            Cow::Borrowed(a.ending_title.as_str()),
            Cow::Borrowed(a.outcome.as_str()),
            Cow::Owned(a.overall.map(|o| o.to_string()).unwrap_or_default()),
            Cow::Borrowed(if a.passed { "yes" } else { "no" }),
            Cow::Owned(a.red_lines.to_string()),
            Cow::Owned(dimensions_text(a)),
        ]));
    }
    out
}

/// One scenario's reflection answers, for the JSON export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflection {
    /// Scenario id.
    pub scenario: String,
    /// The answers.
    pub answers: Vec<Answer>,
}

json_record!(Reflection { scenario, answers });

/// The attempts and reflection answers as JSON, stamped `exported` (compact: the same
/// writer as the saved history, which keeps the wasm smaller).
pub fn json(attempts: &[Attempt], reflections: &[Reflection], exported: &str) -> String {
    let mut out = String::new();
    json::write_object(
        &mut out,
        &[
            ("app", &"scenario-quiz"),
            ("format", &1u32),
            ("exported", &exported),
            ("attempts", &attempts),
            ("reflections", &reflections),
        ],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::attempt;
    use crate::history::DimensionResult;

    #[test]
    fn cells_are_quoted_and_defused() {
        let check =
            |value: &str, expected: &str| assert_eq!(csv_cell(value), expected, "{value:?}");
        check("plain", "plain");
        check("", "");
        check("a, b", "\"a, b\"");
        check("say \"no\"", "\"say \"\"no\"\"\"");
        check("two\nlines", "\"two\nlines\"");
        check("cr\rhere", "\"cr\rhere\"");
        check("=1+1", "'=1+1");
        check("+44 20", "'+44 20");
        check("-2", "'-2");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\tx", "'\tx");
        check(
            "=HYPERLINK(\"x\",\"y\")",
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
        );
        check("a=b", "a=b");
        check("It\u{2019}s fine", "It\u{2019}s fine");
    }

    #[test]
    fn one_row_per_attempt_under_the_header() {
        let mut first = attempt("promise-you-wont-tell", "k1", Some(85), true);
        first.title = "Promise you won't tell".into();
        first.ending_title = "Heard, and passed on".into();
        first.dimensions = vec![
            DimensionResult {
                id: "b".into(),
                label: "Professional boundaries".into(),
                percent: Some(80),
            },
            DimensionResult {
                id: "l".into(),
                label: "Listening, rapport".into(),
                percent: None,
            },
        ];
        let mut second = attempt("x", "k2", None, false);
        second.title = "=cmd|' /C calc'!A0".into();
        second.red_lines = 2;
        let text = csv(&[first, second]);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines,
            vec![
                "date,scenario_id,scenario,ending_id,ending,outcome,overall_percent,passed,red_lines,dimensions",
                "2026-01-02T03:04:05.000Z,promise-you-wont-tell,Promise you won't tell,end,\"Heard, and passed on\",mixed,85,yes,0,\"Professional boundaries 80%; Listening, rapport not assessed\"",
                "2026-01-02T03:04:05.000Z,x,'=cmd|' /C calc'!A0,end,The end,mixed,,no,2,",
                "",
            ]
        );
        assert_eq!(
            csv(&[]).matches("\r\n").count(),
            1,
            "an empty history is a header"
        );
    }

    #[test]
    fn json_carries_attempts_and_reflections() {
        let attempts = [attempt("a", "k", Some(70), true)];
        let reflections = [Reflection {
            scenario: "a".into(),
            answers: vec![Answer {
                question: "Why?".into(),
                answer: "Because \"x\".".into(),
            }],
        }];
        let text = json(&attempts, &reflections, "2026-02-03T00:00:00.000Z");
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["app"], "scenario-quiz");
        assert_eq!(value["format"], 1);
        assert_eq!(value["exported"], "2026-02-03T00:00:00.000Z");
        assert_eq!(value["attempts"][0]["scenario"], "a");
        assert_eq!(value["attempts"][0]["overall"], 70);
        assert_eq!(value["attempts"][0]["passed"], true);
        assert_eq!(
            value["reflections"][0]["answers"][0]["answer"],
            "Because \"x\"."
        );
    }
}
