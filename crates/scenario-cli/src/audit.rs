//! `scenario audit`: advice to authors across a library — where the best answer sits, red
//! lines and −3 choices that still pass or end well, coverage, reading level, repeated
//! reflection questions (scenario_core::analysis::audit). `--strict` holds the library to the limits
//! CI holds the bundled one to.

use crate::source::{expand, Loader};
use crate::{Format, Outcome};
use scenario_core::analysis::audit::{audit_library, ChoiceAt, LibraryAudit, ScenarioAudit};
use scenario_core::analysis::RangeLimit;
use scenario_core::model::{NodeKind, Scenario, Vocabulary};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `node/choice`, as the audit names a choice.
fn choice_name(s: &Scenario, (n, c): ChoiceAt) -> String {
    let node = &s.nodes[n];
    match &node.kind {
        NodeKind::Decision(choices) => format!("{}/{}", node.id, choices[c].id),
        _ => node.id.clone(),
    }
}

fn found_json(s: &Scenario, found: &Result<Vec<ChoiceAt>, RangeLimit>) -> Value {
    match found {
        Ok(at) => json!(at.iter().map(|&c| choice_name(s, c)).collect::<Vec<_>>()),
        Err(limit) => json!({ "not_computed": limit_word(*limit) }),
    }
}

fn limit_word(limit: RangeLimit) -> &'static str {
    match limit {
        RangeLimit::Cycle => "cycle",
        RangeLimit::Budget => "budget",
        RangeLimit::States => "states",
    }
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

fn round1(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!((v * 10.0).round() / 10.0))
}

fn scenario_json(s: &Scenario, a: &ScenarioAudit) -> Value {
    let nodes = |ns: &[usize]| {
        ns.iter()
            .map(|&n| s.nodes[n].id.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "id": a.id,
        "decisions": a.decisions,
        "strongest_longest": nodes(&a.strongest_longest),
        "strongest_shortest": nodes(&a.strongest_shortest),
        "minus_three_on_passing": found_json(s, &a.minus_three_on_passing),
        "minus_three_on_positive": found_json(s, &a.minus_three_on_positive),
        "red_line_on_passing": found_json(s, &a.red_line_on_passing),
        "red_line_on_positive": found_json(s, &a.red_line_on_positive),
        "critical_without_red_line": a.critical_without_red_line.iter().map(|&c| choice_name(s, c)).collect::<Vec<_>>(),
        "red_lines": a.red_lines,
        "dimensions": a.dimensions,
        "topics": a.topics,
        "reading_grade": { "choices": round1(a.reading_choices), "feedback": round1(a.reading_feedback) },
        "reflection": a.reflection,
    })
}

/// Which scenarios practise each id of `all` (every id listed, practised or not).
fn coverage<'a>(
    all: impl Iterator<Item = &'a str>,
    audits: &[ScenarioAudit],
    of: impl Fn(&ScenarioAudit) -> &[String],
) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = all.map(|id| (id.to_string(), vec![])).collect();
    for a in audits {
        for id in of(a) {
            out.entry(id.clone()).or_default().push(a.id.clone());
        }
    }
    out
}

struct Coverage {
    dimensions: BTreeMap<String, Vec<String>>,
    topics: BTreeMap<String, Vec<String>>,
    red_lines: BTreeMap<String, Vec<String>>,
}

fn coverage_of(vocabulary: Option<&Vocabulary>, audit: &LibraryAudit) -> Coverage {
    let empty = Vocabulary::default();
    let v = vocabulary.unwrap_or(&empty);
    Coverage {
        dimensions: coverage(
            v.dimensions.iter().map(|d| d.id.as_str()),
            &audit.scenarios,
            |a| &a.dimensions,
        ),
        topics: coverage(
            v.topics.iter().map(|t| t.id.as_str()),
            &audit.scenarios,
            |a| &a.topics,
        ),
        red_lines: coverage(
            v.red_lines.iter().map(|r| r.id.as_str()),
            &audit.scenarios,
            |a| &a.red_lines,
        ),
    }
}

fn text_report(
    scenarios: &[Scenario],
    audit: &LibraryAudit,
    cov: &Coverage,
    skipped: &[String],
) -> String {
    let mut out = String::new();
    let (d, l, s) = (
        audit.decisions(),
        audit.strongest_longest(),
        audit.strongest_shortest(),
    );
    let _ = writeln!(
        out,
        "Audit of {} scenario(s), {d} decision(s) whose choices score differently\n",
        scenarios.len()
    );
    let _ = writeln!(
        out,
        "Where the strongest choice sits (a learner should not find it by its length)"
    );
    let _ = writeln!(
        out,
        "  also the longest text   {l} of {d} decisions ({}%; the limit is a third)",
        percent(l, d)
    );
    let _ = writeln!(
        out,
        "  also the shortest text  {s} of {d} decisions ({}%)\n",
        percent(s, d)
    );
    let _ = writeln!(
        out,
        "  {:<28} {:>9} {:>8} {:>9} {:>14} {:>15}",
        "scenario", "decisions", "longest", "shortest", "grade choices", "grade feedback"
    );
    let grade = |g: Option<f64>| g.map_or("-".to_string(), |g| format!("{g:.1}"));
    for a in &audit.scenarios {
        let _ = writeln!(
            out,
            "  {:<28} {:>9} {:>8} {:>9} {:>14} {:>15}",
            a.id,
            a.decisions,
            a.strongest_longest.len(),
            a.strongest_shortest.len(),
            grade(a.reading_choices),
            grade(a.reading_feedback)
        );
    }
    let _ = writeln!(
        out,
        "\nRed lines and harmful choices (by the playthroughs the state graph allows)"
    );
    type Pick = fn(&ScenarioAudit) -> &Result<Vec<ChoiceAt>, RangeLimit>;
    let rows: [(&str, Pick); 4] = [
        ("red-line choices on a passing playthrough", |a| {
            &a.red_line_on_passing
        }),
        ("red-line choices that can still end positively", |a| {
            &a.red_line_on_positive
        }),
        ("choices scored -3 on a passing playthrough", |a| {
            &a.minus_three_on_passing
        }),
        ("choices scored -3 that can still end positively", |a| {
            &a.minus_three_on_positive
        }),
    ];
    for (what, pick) in rows {
        let mut lines = Vec::new();
        for (sc, a) in scenarios.iter().zip(&audit.scenarios) {
            match pick(a) {
                Ok(at) => lines.extend(
                    at.iter()
                        .map(|&c| format!("{}: {}", a.id, choice_name(sc, c))),
                ),
                Err(limit) => {
                    lines.push(format!("{}: not worked out ({})", a.id, limit_word(*limit)))
                }
            }
        }
        if lines.is_empty() {
            let _ = writeln!(out, "  {what}: none");
        } else {
            let _ = writeln!(out, "  {what}: {}", lines.len());
            for line in lines {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let untagged: Vec<String> = scenarios
        .iter()
        .zip(&audit.scenarios)
        .flat_map(|(sc, a)| {
            a.critical_without_red_line
                .iter()
                .map(move |&c| format!("{}: {}", a.id, choice_name(sc, c)))
        })
        .collect();
    if untagged.is_empty() {
        let _ = writeln!(out, "  critical choices that name no red-line act: none");
    } else {
        let _ = writeln!(
            out,
            "  critical choices that name no red-line act: {}",
            untagged.len()
        );
        for line in untagged {
            let _ = writeln!(out, "    {line}");
        }
    }
    let _ = writeln!(
        out,
        "\nCoverage (scenarios that assess, cover or practise each)"
    );
    for (title, map) in [
        ("dimensions", &cov.dimensions),
        ("topics", &cov.topics),
        ("red-line acts", &cov.red_lines),
    ] {
        let _ = writeln!(out, "  {title}");
        for (id, ids) in map {
            let _ = writeln!(
                out,
                "    {:<24} {}",
                id,
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    format!("{} ({})", ids.len(), ids.join(", "))
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "\nReflection questions asked in more than one scenario"
    );
    if audit.repeated_reflection.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (q, ids) in &audit.repeated_reflection {
        let _ = writeln!(
            out,
            "  \"{q}\": {} scenarios ({})",
            ids.len(),
            ids.join(", ")
        );
    }
    for file in skipped {
        let _ = writeln!(
            out,
            "\nnot audited: {file} has errors (run `scenario check`)"
        );
    }
    let breaches = audit.breaches();
    let _ = writeln!(
        out,
        "\nLimits for a library (what CI holds the bundled one to)"
    );
    if breaches.is_empty() {
        let _ = writeln!(out, "  within them");
    }
    for b in &breaches {
        let _ = writeln!(out, "  over: {b}");
    }
    out
}

/// Runs `audit`.
pub fn run(paths: &[PathBuf], format: Format, strict: bool) -> Outcome {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        paths.to_vec()
    };
    let files = expand(&paths)?;
    let mut loader = Loader::default();
    let mut scenarios = Vec::new();
    let mut skipped = Vec::new();
    let mut vocabulary = None;
    for file in &files {
        let report = loader.load(file)?;
        match report.scenario {
            Some(s) => scenarios.push(s),
            None => skipped.push(report.display()),
        }
        if vocabulary.is_none() {
            let folder = file.parent().unwrap_or(Path::new("."));
            vocabulary = loader.vocabulary(folder)?.ok();
        }
    }
    let audit = audit_library(&scenarios);
    let cov = coverage_of(vocabulary.as_ref(), &audit);
    let breaches = audit.breaches();
    match format {
        Format::Json => {
            let report = json!({
                "scenarios": scenarios.iter().zip(&audit.scenarios).map(|(s, a)| scenario_json(s, a)).collect::<Vec<_>>(),
                "decisions": audit.decisions(),
                "strongest_longest": audit.strongest_longest(),
                "strongest_shortest": audit.strongest_shortest(),
                "coverage": { "dimensions": cov.dimensions, "topics": cov.topics, "red_lines": cov.red_lines },
                "repeated_reflection": audit.repeated_reflection.iter().map(|(q, ids)| json!({"question": q, "scenarios": ids})).collect::<Vec<_>>(),
                "not_audited": skipped,
                "breaches": breaches,
            });
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Format::Text => print!("{}", text_report(&scenarios, &audit, &cov, &skipped)),
    }
    Ok(if !skipped.is_empty() || (strict && !breaches.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
