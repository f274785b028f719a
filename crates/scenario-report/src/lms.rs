//! An LMS export read as the same statements the app would have sent, so an organisation
//! with an LMS and no LRS gets the same report from the same aggregation. Two layouts:
//!
//! - **Moodle's SCORM interactions report** (`mod/scorm/report/interactions`), downloaded as
//!   text (tab-separated; comma- or semicolon-separated copies are read too): `Name`, the
//!   site's identity fields (e.g. `Email address`), `Attempt`, `Started on`, `Last accessed
//!   on`, `Score`, one column per SCO (its title: `raw/max` or the status), then for each
//!   interaction *i* from 0 the columns the trainer ticked: `Question i` (the interaction
//!   `id`), `Response i` (`student_response`; for a 2004 package, `learner_response`),
//!   `Right answer i`, `Result i`.
//! - **Tracks**, one row per data-model element and value, as Moodle keeps them
//!   (`scorm_scoes_track`: user, attempt, element, value) and as a SCORM runtime's data
//!   flattens (scorm-again): columns `user` (or `userid`, `username`, `name`), `attempt`,
//!   `element`, `value`. SCORM 1.2 (`cmi.interactions.n.student_response`,
//!   `cmi.core.lesson_status`, `cmi.core.score.raw`) and 2004 (`…learner_response`,
//!   `cmi.success_status`, `cmi.score.raw`) alike; Moodle's `cmi.interactions_0.id` spelling
//!   too.
//!
//! With the scenario file, each attempt's responses are replayed through the core
//! ([`Session`]) from the start: that gives the decision nodes, the choices offered, the
//! ending, pass and every dimension's percent exactly as the app computed them. Without it,
//! only counts per decision are possible (interaction ids name the nodes; `node-2` is the
//! second visit of `node`), and pass comes from the status when the export has it.

use crate::cohort::{Cohort, Filter};
use crate::statement::{Reader, EXT, PLATFORM};
use scenario_core::model::Scenario;
use scenario_core::{score, Session};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One LMS attempt: who, which attempt, when, the responses in order, and what the LMS says.
#[derive(Debug, Clone, Default)]
pub struct LmsAttempt {
    /// The learner as the export names them.
    pub user: String,
    /// The LMS attempt number.
    pub attempt: String,
    /// When it started, if the export says in a form read here.
    pub started: Option<i64>,
    /// (interaction id, response), in interaction order.
    pub responses: Vec<(String, String)>,
    /// passed / failed / completed / incomplete …, lower case.
    pub status: Option<String>,
    /// The overall score.
    pub score: Option<f64>,
    /// Objectives: (id, raw score).
    pub objectives: Vec<(String, Option<f64>)>,
    /// The LMS says the attempt reached an ending: a passed, failed or completed status, or
    /// a raw score (the app sets it only at an ending).
    pub ended: bool,
}

/// Splits a delimited text into records (RFC 4180 quoting), guessing the delimiter from the
/// first line: tab, else semicolon when it has more of them than commas, else comma.
pub fn parse_delimited(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delim = if first.contains('\t') {
        '\t'
    } else if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == '"' && cell.is_empty() {
            quoted = true;
        } else if c == delim {
            row.push(std::mem::take(&mut cell));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut cell));
            if row.iter().any(|c| !c.is_empty()) {
                rows.push(std::mem::take(&mut row));
            }
            row.clear();
        } else {
            cell.push(c);
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Reads a Moodle date as its interactions report writes it in English
/// ("Thursday, 3 December 2026, 2:41 PM"), or an ISO 8601 one; minutes, UTC.
pub fn parse_lms_date(text: &str) -> Option<i64> {
    if let Some(t) = crate::time::parse_bound(text) {
        return Some(t);
    }
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    // [weekday,] day month year time [AM|PM]
    let start = usize::from(parts.first().is_some_and(|p| p.parse::<u32>().is_err()));
    let day: u32 = parts.get(start)?.parse().ok()?;
    let name = parts.get(start + 1)?;
    let month = months.iter().position(|m| m.eq_ignore_ascii_case(name))? + 1;
    let year: u32 = parts.get(start + 2)?.parse().ok()?;
    let (h, m) = parts.get(start + 3)?.split_once(':')?;
    let (mut h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match parts.get(start + 4).map(|s| s.to_ascii_uppercase()) {
        Some(ref p) if p == "PM" && h < 12 => h += 12,
        Some(ref p) if p == "AM" && h == 12 => h = 0,
        _ => {}
    }
    crate::time::parse_instant(&format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:00Z"))
}

fn column(head: &[String], names: &[&str]) -> Option<usize> {
    head.iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// Reads the attempts of an LMS export (either layout). `Err` when it is neither.
pub fn attempts(text: &str) -> Result<Vec<LmsAttempt>, String> {
    let rows = parse_delimited(text);
    let Some((head, body)) = rows.split_first() else {
        return Err("the LMS export is empty".into());
    };
    if let (Some(el), Some(val)) = (column(head, &["element"]), column(head, &["value"])) {
        return Ok(tracks(head, body, el, val));
    }
    let attempt_col = column(head, &["Attempt"]).ok_or("the LMS export has neither an `Attempt` column (Moodle's interactions report) nor `element` and `value` columns (tracks)")?;
    let name_col = column(head, &["Name", "Full name", "Learner"]).unwrap_or(0);
    let started_col = column(head, &["Started on"]);
    let score_col = column(head, &["Score"]);
    let numbered = |prefix: &str| -> BTreeMap<usize, usize> {
        head.iter()
            .enumerate()
            .filter_map(|(i, h)| {
                h.trim()
                    .strip_prefix(prefix)
                    .and_then(|n| n.trim().parse().ok())
                    .map(|n| (n, i))
            })
            .collect()
    };
    let (questions, responses) = (numbered("Question "), numbered("Response "));
    if responses.is_empty() {
        return Err("the interactions report has no `Response N` columns: tick \"responses\" in the report's options and download it again".into());
    }
    // The SCO columns sit between `Score` and the first interaction column.
    let first_interaction = questions
        .values()
        .chain(responses.values())
        .min()
        .copied()
        .unwrap_or(head.len());
    let sco_cols: Vec<usize> =
        score_col.map_or(Vec::new(), |s| (s + 1..first_interaction).collect());
    let mut out = Vec::new();
    for row in body {
        let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
        if cell(attempt_col).is_empty() || cell(attempt_col) == "-" {
            continue;
        }
        let mut a = LmsAttempt {
            user: cell(name_col).to_string(),
            attempt: cell(attempt_col).to_string(),
            started: started_col.and_then(|c| parse_lms_date(cell(c))),
            score: score_col.and_then(|c| cell(c).parse().ok()),
            ..LmsAttempt::default()
        };
        for &c in &sco_cols {
            let v = cell(c).to_ascii_lowercase();
            if ["passed", "failed", "completed", "incomplete"].contains(&v.as_str()) {
                a.ended = v != "incomplete";
                a.status = Some(v);
            } else if let Some((raw, _)) = v.split_once('/') {
                if let Ok(raw) = raw.trim().parse::<f64>() {
                    a.ended = true;
                    a.score = Some(raw);
                }
            }
        }
        for (n, &rc) in &responses {
            let response = cell(rc);
            if response.is_empty() {
                continue;
            }
            let id = questions
                .get(n)
                .map(|&q| cell(q).to_string())
                .unwrap_or_default();
            a.responses.push((id, response.to_string()));
        }
        out.push(a);
    }
    Ok(out)
}

fn tracks(head: &[String], body: &[Vec<String>], el: usize, val: usize) -> Vec<LmsAttempt> {
    let user = column(head, &["user", "userid", "username", "name", "learner"]).unwrap_or(0);
    let attempt = column(head, &["attempt"]);
    let mut by: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    for row in body {
        let cell = |i: usize| row.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        let element = normalize_element(&cell(el));
        let key = (cell(user), attempt.map(&cell).unwrap_or_else(|| "1".into()));
        by.entry(key).or_default().insert(element, cell(val));
    }
    by.into_iter()
        .map(|((user, attempt), e)| {
            let mut interactions: BTreeMap<usize, (String, String)> = BTreeMap::new();
            let mut objectives: BTreeMap<usize, (String, Option<f64>)> = BTreeMap::new();
            for (k, v) in &e {
                let parts: Vec<&str> = k.split('.').collect();
                match parts.as_slice() {
                    ["cmi", "interactions", n, field] => {
                        if let Ok(n) = n.parse::<usize>() {
                            let slot = interactions.entry(n).or_default();
                            match *field {
                                "id" => slot.0 = v.clone(),
                                "student_response" | "learner_response" => slot.1 = v.clone(),
                                _ => {}
                            }
                        }
                    }
                    ["cmi", "objectives", n, rest @ ..] => {
                        if let Ok(n) = n.parse::<usize>() {
                            let slot = objectives.entry(n).or_default();
                            match rest {
                                ["id"] => slot.0 = v.clone(),
                                ["score", "raw"] => slot.1 = v.parse().ok(),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            let status = [
                "cmi.success_status",
                "cmi.core.lesson_status",
                "cmi.completion_status",
            ]
            .iter()
            .filter_map(|k| e.get(*k))
            .map(|s| s.to_ascii_lowercase())
            .find(|s| s != "unknown");
            let score = ["cmi.core.score.raw", "cmi.score.raw"]
                .iter()
                .find_map(|k| e.get(*k))
                .and_then(|s| s.parse().ok());
            LmsAttempt {
                ended: score.is_some()
                    || status
                        .as_deref()
                        .is_some_and(|s| ["passed", "failed", "completed"].contains(&s)),
                user,
                attempt,
                started: e
                    .get("x.start.time")
                    .and_then(|t| t.parse::<i64>().ok())
                    .map(|s| s * 1_000_000),
                responses: interactions
                    .into_values()
                    .filter(|(_, r)| !r.is_empty())
                    .collect(),
                status,
                score,
                objectives: objectives
                    .into_values()
                    .filter(|(id, _)| !id.is_empty())
                    .collect(),
            }
        })
        .collect()
}

/// `cmi.interactions_0.id` (Moodle's spelling) → `cmi.interactions.0.id`.
fn normalize_element(e: &str) -> String {
    let mut out = String::with_capacity(e.len());
    let b: Vec<char> = e.chars().collect();
    for (i, &c) in b.iter().enumerate() {
        if c == '_'
            && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())
            && i > 0
            && b[i - 1].is_ascii_alphabetic()
        {
            out.push('.');
        } else {
            out.push(c);
        }
    }
    out
}

/// The node an interaction id names: `node` for `node-2` when `node` came earlier in the
/// same attempt (the app's id for a second visit).
fn node_of(id: &str, earlier: &[String]) -> String {
    if let Some((base, n)) = id.rsplit_once('-') {
        if n.parse::<u32>().is_ok_and(|n| n >= 2) && earlier.iter().any(|e| e == base) {
            return base.to_string();
        }
    }
    id.to_string()
}

/// The cohort of an LMS export: every attempt turned into the statements the app would have
/// sent, read by the same [`Reader`]. `activity` names the scenario in the report.
pub fn read(
    text: &str,
    scenario: Option<&Scenario>,
    activity: &str,
    filter: &Filter,
    names: bool,
) -> Result<Cohort, String> {
    let attempts = attempts(text)?;
    let filter = Filter {
        activity: Some(activity.to_string()),
        ..filter.clone()
    };
    let mut reader = Reader::new(filter);
    let mut counter: u128 = 0;
    let mut id = || {
        counter += 1;
        let h = format!("{counter:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    };
    let mut unreadable = 0;
    for (k, a) in attempts.iter().enumerate() {
        let base_time = a.started.unwrap_or(k as i64 * 1_000_000);
        let registration = format!("lms:{}:{}", a.user, a.attempt);
        let statement = |id: String, verb: &str, object: Value, result: Value, t: i64| -> String {
            json!({
                "id": id,
                "actor": {"account": {"homePage": "lms", "name": a.user}, "name": a.user},
                "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}")},
                "object": object,
                "result": result,
                "timestamp": crate::time::format_instant(t),
                "context": {"registration": registration, "platform": PLATFORM},
            })
            .to_string()
        };
        let mut session = scenario.map(|s| Session::new(s, 0));
        let mut earlier: Vec<String> = Vec::new();
        for (n, (iid, response)) in a.responses.iter().enumerate() {
            let t = base_time + (n as i64 + 1) * 1000;
            let mut result = json!({"response": response, "extensions": {format!("{EXT}decision-number"): n + 1}});
            let mut object = json!({"id": ""});
            let mut node = None;
            if let (Some(s), Some(sess)) = (scenario, session.as_mut()) {
                let stepped = sess.proceed_through_passages(s).is_ok() && !sess.is_finished(s);
                let offered: Vec<_> = if stepped {
                    sess.offered(s).into_iter().cloned().collect()
                } else {
                    Vec::new()
                };
                if let Some(c) = offered.iter().find(|c| &c.id == response) {
                    let here = sess.current(s).id.clone();
                    let scores: BTreeMap<&str, i64> = s
                        .dimensions
                        .iter()
                        .zip(&c.scores)
                        .map(|(d, &x)| (d.id.as_str(), x))
                        .collect();
                    result["success"] = json!(c.critical.is_none());
                    result["extensions"][format!("{EXT}scores")] = json!(scores);
                    result["extensions"][format!("{EXT}red-lines")] = json!(c.red_lines);
                    object = json!({"id": format!("{activity}/decision/{here}"), "definition": {"choices":
                        offered.iter().map(|o| json!({"id": o.id})).collect::<Vec<_>>()}});
                    node = Some(here);
                    let _ = sess.choose(s, response);
                } else {
                    session = None;
                    unreadable += 1;
                }
            }
            let node = node.unwrap_or_else(|| {
                let n = if iid.is_empty() {
                    format!("#{}", n + 1)
                } else {
                    node_of(iid, &earlier)
                };
                object = json!({"id": format!("{activity}/decision/{n}")});
                n
            });
            earlier.push(node);
            reader.read_one(
                &statement(id(), "answered", object, result, t),
                &format!("attempt {} of {}", a.attempt, a.user),
            );
        }
        let ending = match (scenario, &session) {
            _ if !a.ended => None,
            (Some(s), Some(sess)) => {
                let mut sess = sess.clone();
                let _ = sess.proceed_through_passages(s);
                sess.is_finished(s).then(|| {
                    let r = score(s, &sess);
                    let percents: BTreeMap<String, Option<i64>> = r
                        .dimensions
                        .iter()
                        .map(|d| (d.id.clone(), d.percent))
                        .collect();
                    let mut res = json!({"success": r.passed, "extensions": {
                        format!("{EXT}dimension-percents"): percents,
                        format!("{EXT}ending"): r.ending,
                        format!("{EXT}outcome"): r.outcome.map(|o| o.as_str())}});
                    if let Some(o) = r.overall {
                        res["score"] = json!({"raw": o});
                    }
                    (r.passed, res)
                })
            }
            _ => match a.status.as_deref() {
                Some(st @ ("passed" | "failed")) => {
                    let mut res = json!({"success": st == "passed", "extensions": {
                        format!("{EXT}dimension-percents"): a.objectives.iter().map(|(id, p)| (id.clone(), p.map(|p| (p + 0.5).floor() as i64))).collect::<BTreeMap<_, _>>()}});
                    if let Some(o) = a.score {
                        res["score"] = json!({"raw": o});
                    }
                    Some((st == "passed", res))
                }
                _ => None,
            },
        };
        if let Some((passed, res)) = ending {
            let t = base_time + (a.responses.len() as i64 + 1) * 1000;
            let verb = if passed { "passed" } else { "failed" };
            reader.read_one(
                &statement(id(), verb, json!({"id": activity}), res, t),
                &format!("attempt {} of {}", a.attempt, a.user),
            );
        }
    }
    let mut cohort = Cohort::from_reader(reader, names);
    for t in &mut cohort.tallies {
        t.registrations = None;
    }
    if unreadable > 0 {
        cohort.input.skipped.push(crate::statement::Skipped {
            reason: "LMS attempts whose responses do not replay on the scenario file (counted without pass or scores from that point)".into(),
            count: unreadable,
            examples: Vec::new(),
        });
    }
    Ok(cohort)
}
