//! The cohort aggregation as ClickHouse SQL over the table Ralph's ClickHouse backend writes
//! (`xapi.xapi_events_all(event_id, emission_time, event)`), shipped inside the binary, and
//! the assembly of its result rows into the same [`Tally`] the Rust aggregation makes. The
//! caller runs the queries (over HTTP in the CLI) with [`parameters`]: ClickHouse query
//! parameters, typed on the server, never spliced into the SQL text.

use crate::cohort::{
    ActCount, ChoiceCount, EdgeCount, EndingCount, Filter, LearnerRow, NodeCount, OfferCount,
    PercentCount, Tally, VersionCount,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

macro_rules! query {
    ($file:literal) => {
        concat!(
            include_str!("../sql/common.sql"),
            include_str!(concat!("../sql/", $file))
        )
    };
}

/// Totals, versions, endings, overall percents.
pub const ATTEMPTS: &str = query!("attempts.sql");
/// Decisions, choices, versions of choices, offer patterns, edges.
pub const ANSWERS: &str = query!("answers.sql");
/// Dimension percents, red-line acts, choices offered.
pub const LISTS: &str = query!("lists.sql");
/// One row per learner (names).
pub const LEARNERS: &str = query!("learners.sql");

/// Escapes a value for ClickHouse's parameter text format (the "escaped" format: a
/// backslash, tab or newline in a value would otherwise be read as an escape sequence).
fn escaped(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// A string inside an `Array(String)` parameter: quoted, with `\` and `'` escaped.
fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The query parameters for `filter` (names without the `param_` prefix the HTTP interface
/// adds), and the table.
pub fn parameters(filter: &Filter, database: &str, table: &str) -> Vec<(String, String)> {
    let registrations: Vec<String> = filter
        .registrations
        .iter()
        .map(|r| quoted(&r.trim().to_ascii_lowercase()))
        .collect();
    vec![
        ("database".into(), escaped(database)),
        ("table".into(), escaped(table)),
        (
            "activity".into(),
            escaped(filter.activity.as_deref().unwrap_or("")),
        ),
        (
            "grouping".into(),
            escaped(filter.grouping.as_deref().unwrap_or("")),
        ),
        (
            "registrations".into(),
            escaped(&format!("[{}]", registrations.join(","))),
        ),
        (
            "since_us".into(),
            filter.since.unwrap_or(i64::MIN).to_string(),
        ),
        (
            "until_us".into(),
            filter.until.unwrap_or(i64::MAX).to_string(),
        ),
    ]
}

fn u(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64().unwrap_or(0),
        Value::String(s) => s.parse().unwrap_or(0),
        Value::Bool(b) => u64::from(*b),
        _ => 0,
    }
}

fn i(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct Row(BTreeMap<String, Value>);

impl Row {
    fn get(&self, k: &str) -> &Value {
        self.0.get(k).unwrap_or(&Value::Null)
    }
}

fn rows(text: &str) -> Result<Vec<Row>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l).map_err(|e| format!("a ClickHouse result row is not JSON: {e}"))
        })
        .collect()
}

fn tally_of<'a>(by: &'a mut BTreeMap<String, Tally>, scenario: &Value) -> &'a mut Tally {
    let key = s(scenario);
    by.entry(key.clone()).or_insert_with(|| Tally {
        scenario: key,
        registrations: Some(0),
        ..Tally::default()
    })
}

fn choice_of<'a>(
    choices: &'a mut BTreeMap<(String, String, String), ChoiceCount>,
    scenario: &str,
    node: &str,
    choice: &str,
) -> &'a mut ChoiceCount {
    choices
        .entry((scenario.to_string(), node.to_string(), choice.to_string()))
        .or_insert_with(|| ChoiceCount {
            node: node.to_string(),
            choice: choice.to_string(),
            answers: 0,
            learners: 0,
            offered: 0,
            critical_answers: 0,
            versions: Vec::new(),
            text: None,
            scores: None,
            red_lines: Vec::new(),
            critical: false,
        })
}

/// The tallies from the JSONEachRow results of [`ATTEMPTS`], [`ANSWERS`], [`LISTS`] and,
/// with names, [`LEARNERS`].
pub fn tallies(
    attempts: &str,
    answers: &str,
    lists: &str,
    learners: Option<&str>,
) -> Result<Vec<Tally>, String> {
    let mut by: BTreeMap<String, Tally> = BTreeMap::new();
    for r in rows(attempts)? {
        let t = tally_of(&mut by, r.get("scenario"));
        match r.get("part").as_str().unwrap_or("") {
            "total" => {
                t.attempts = u(r.get("attempts"));
                t.finished = u(r.get("finished"));
                t.passed = u(r.get("passed"));
                t.learners = u(r.get("learners"));
                t.registrations = Some(u(r.get("registrations")));
                t.red_line_attempts = u(r.get("red_line_attempts"));
                t.outside_dates = u(r.get("outside_dates"));
            }
            "version" if u(r.get("attempts")) > 0 => t.versions.push(VersionCount {
                fingerprint: s(r.get("fingerprint")),
                count: u(r.get("attempts")),
            }),
            "ending" if u(r.get("finished")) > 0 => t.endings.push(EndingCount {
                ending: s(r.get("ending")),
                outcome: s(r.get("outcome")),
                attempts: u(r.get("finished")),
            }),
            "overall" if u(r.get("finished")) > 0 => t.overall.push(PercentCount {
                dimension: String::new(),
                percent: i(r.get("overall")),
                attempts: u(r.get("finished")),
            }),
            _ => {}
        }
    }
    let mut choices: BTreeMap<(String, String, String), ChoiceCount> = BTreeMap::new();
    for r in rows(answers)? {
        let scenario = s(r.get("scenario"));
        let (node, choice) = (s(r.get("node")), s(r.get("choice")));
        match r.get("part").as_str().unwrap_or("") {
            "node" => tally_of(&mut by, r.get("scenario")).nodes.push(NodeCount {
                node: node.clone(),
                answers: u(r.get("answers")),
                attempts: u(r.get("attempts")),
                learners: u(r.get("learners")),
                first_number: u(r.get("first_number")) as u32,
            }),
            "choice" => {
                let c = choice_of(&mut choices, &scenario, &node, &choice);
                c.answers = u(r.get("answers"));
                c.learners = u(r.get("learners"));
                c.critical_answers = u(r.get("critical_answers"));
                if u(r.get("latest_has_scores")) > 0 {
                    c.scores = r.get("latest_scores").as_object().map(|m| {
                        m.iter()
                            .filter_map(|(k, v)| i(v).map(|x| (k.clone(), x)))
                            .collect()
                    });
                }
                c.red_lines = strings(r.get("latest_red_lines"));
                c.critical = u(r.get("latest_critical")) > 0;
            }
            "version" => choice_of(&mut choices, &scenario, &node, &choice)
                .versions
                .push(VersionCount {
                    fingerprint: s(r.get("fingerprint")),
                    count: u(r.get("answers")),
                }),
            "offer" => tally_of(&mut by, r.get("scenario"))
                .offers
                .push(OfferCount {
                    node: node.clone(),
                    offered: strings(r.get("offered_ids")),
                    choice: choice.clone(),
                    answers: u(r.get("answers")),
                }),
            "edge" => tally_of(&mut by, r.get("scenario")).edges.push(EdgeCount {
                from: node.clone(),
                choice: choice.clone(),
                to: r.get("next").as_str().map(str::to_string),
                traversals: u(r.get("answers")),
                learners: u(r.get("learners")),
            }),
            _ => {}
        }
    }
    for r in rows(lists)? {
        let scenario = s(r.get("scenario"));
        match r.get("part").as_str().unwrap_or("") {
            "dimension" => tally_of(&mut by, r.get("scenario"))
                .dimensions
                .push(PercentCount {
                    dimension: s(r.get("key")),
                    percent: i(r.get("percent")),
                    attempts: u(r.get("n1")),
                }),
            "red_line" => tally_of(&mut by, r.get("scenario"))
                .red_lines
                .push(ActCount {
                    act: s(r.get("key")),
                    times: u(r.get("n1")),
                    attempts: u(r.get("n2")),
                }),
            "offered" => {
                let (node, choice) = (s(r.get("key")), s(r.get("key2")));
                let c = choice_of(&mut choices, &scenario, &node, &choice);
                c.offered = u(r.get("n1"));
                c.text = Some(s(r.get("text"))).filter(|t| !t.is_empty());
            }
            _ => {}
        }
    }
    for ((scenario, _, _), c) in choices {
        by.entry(scenario.clone())
            .or_insert_with(|| Tally {
                scenario,
                ..Tally::default()
            })
            .choices
            .push(c);
    }
    if let Some(learners) = learners {
        for r in rows(learners)? {
            let t = tally_of(&mut by, r.get("scenario"));
            t.learner_rows
                .get_or_insert_with(Vec::new)
                .push(LearnerRow {
                    actor: s(r.get("actor")),
                    name: Some(s(r.get("name"))).filter(|n| !n.is_empty()),
                    attempts: u(r.get("attempts")),
                    finished: u(r.get("finished")),
                    passed: u(r.get("passed")),
                    best_overall: i(r.get("best_overall")),
                    red_line_attempts: u(r.get("red_line_attempts")),
                });
        }
    }
    let mut out: Vec<Tally> = by
        .into_values()
        .filter(|t| t.attempts > 0 || t.outside_dates > 0)
        .collect();
    for t in &mut out {
        if learners.is_some() && t.learner_rows.is_none() {
            t.learner_rows = Some(Vec::new());
        }
        t.normalize();
    }
    Ok(out)
}
