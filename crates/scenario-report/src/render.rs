//! The report laid out: JSON (the [`Report`] as it is), CSV (one row per decision and
//! choice, and a long summary table), and HTML (a standalone, accessible, printable page, or
//! its body alone for the trainer page under a strict Content-Security-Policy).

use crate::report::{Distribution, Report, FORMAT};
use crate::svg::{self, escape, Bar};
use std::fmt::Write as _;

/// JSON: one report as an object; several as `{"format": …, "reports": […]}`.
pub fn json(reports: &[Report]) -> String {
    #[derive(serde::Serialize)]
    struct Many<'a> {
        format: &'static str,
        reports: &'a [Report],
    }
    let text = match reports {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(&Many {
            format: FORMAT,
            reports: many,
        }),
    };
    let mut s = text.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A CSV cell (RFC 4180), with text that a spreadsheet would run as a formula defused.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The decisions CSV: one row per (decision, choice).
pub const CHOICES_HEADER: &str = "activity,decision,decision_answers,choice,text,count,share,offered,learners,critical,strongest,red_lines,scores,in_scenario";

/// One row per (decision, choice), `share` = count ÷ answers at that decision.
pub fn csv_choices(reports: &[Report]) -> String {
    let mut out = format!("{CHOICES_HEADER}\r\n");
    for r in reports {
        for d in &r.decisions {
            for c in &d.choices {
                let scores = c
                    .scores
                    .as_ref()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join(";")
                    })
                    .unwrap_or_default();
                let row = [
                    cell(&r.activity),
                    cell(&d.node),
                    d.answers.to_string(),
                    cell(&c.id),
                    cell(c.text.as_deref().unwrap_or("")),
                    c.count.to_string(),
                    num(c.share),
                    c.offered.to_string(),
                    c.learners.to_string(),
                    c.critical.to_string(),
                    c.strongest.map(|b| b.to_string()).unwrap_or_default(),
                    cell(&c.red_lines.join(";")),
                    cell(&scores),
                    c.in_scenario.map(|b| b.to_string()).unwrap_or_default(),
                ];
                out.push_str(&row.join(","));
                out.push_str("\r\n");
            }
        }
    }
    out
}

/// The summary CSV, long form: `activity,section,item,measure,value`.
pub fn csv_summary(reports: &[Report]) -> String {
    let mut out = String::from("activity,section,item,measure,value\r\n");
    for r in reports {
        let mut row = |section: &str, item: &str, measure: &str, value: String| {
            let _ = write!(
                out,
                "{},{},{},{},{}\r\n",
                cell(&r.activity),
                section,
                cell(item),
                measure,
                cell(&value)
            );
        };
        for (m, v) in [
            ("attempts", r.attempts.to_string()),
            ("finished", r.finished.to_string()),
            ("passed", r.passed.to_string()),
            ("failed", r.failed.to_string()),
            ("pass_rate", num(r.pass_rate)),
            ("learners", r.learners.to_string()),
            (
                "registrations",
                r.registrations.map(|x| x.to_string()).unwrap_or_default(),
            ),
            (
                "attempts_with_red_line",
                r.attempts_with_red_line.to_string(),
            ),
            ("learners_shown", r.learners_shown.clone()),
            ("statements_skipped", r.input.skipped_total().to_string()),
        ] {
            row("summary", "", m, v);
        }
        let mut dist = |item: &str, d: &Distribution| {
            for (m, v) in [
                ("n", Some(d.n as i64)),
                ("min", d.min),
                ("q1", d.q1),
                ("median", d.median),
                ("q3", d.q3),
                ("max", d.max),
                ("not_assessed", Some(d.not_assessed as i64)),
            ] {
                row(
                    "dimension",
                    item,
                    m,
                    v.map(|x| x.to_string()).unwrap_or_default(),
                );
            }
            row("dimension", item, "mean", num(d.mean));
            for b in &d.histogram {
                row(
                    "dimension",
                    item,
                    &format!("bin_{}_{}", b.from, b.to),
                    b.count.to_string(),
                );
            }
        };
        dist("overall", &r.overall);
        for dim in &r.dimensions {
            dist(&dim.id, &dim.distribution);
        }
        for a in &r.red_lines {
            row("red_line", &a.act, "times", a.times.to_string());
            row("red_line", &a.act, "attempts", a.attempts.to_string());
        }
        for w in &r.where_learners_go_wrong {
            row(
                "where_learners_go_wrong",
                &w.node,
                "weak_or_critical_share",
                w.share.to_string(),
            );
        }
        for e in &r.edges {
            let item = format!(
                "{} -[{}]-> {}",
                e.from,
                e.choice,
                e.to.as_deref().unwrap_or("(left)")
            );
            row("edge", &item, "learners", e.learners.to_string());
            row("edge", &item, "learner_share", num(e.learner_share));
        }
    }
    out
}

/// The stylesheet of the standalone page (the trainer page ships the same rules as a file).
pub const CSS: &str = include_str!("report.css");

/// A standalone HTML document: the body below with [`CSS`] in a `<style>` element.
pub fn html_document(reports: &[Report]) -> String {
    let title = match reports {
        [one] => format!(
            "Cohort report: {}",
            one.title.as_deref().unwrap_or(&one.activity)
        ),
        _ => "Cohort report".to_string(),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        escape(&title),
        html_body(reports)
    )
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(
        || "–".into(),
        |v| format!("{}%", (v * 1000.0).round() / 10.0),
    )
}

fn opt(x: Option<i64>) -> String {
    x.map_or_else(|| "–".into(), |v| v.to_string())
}

/// The report's markup with no `<style>` and no script: classes only. One `<article>` per
/// report, to go in the page's `<main>` (one per page); each heading `r<k>-h` takes focus
/// (`tabindex="-1"`), so a page can move focus to the report when it appears.
pub fn html_body(reports: &[Report]) -> String {
    let mut h = String::new();
    for (k, r) in reports.iter().enumerate() {
        let p = format!("r{k}");
        let name = r.title.clone().unwrap_or_else(|| r.activity.clone());
        let _ = write!(h, "<article class=\"cohort-report\" aria-labelledby=\"{p}-h\">\n<h1 id=\"{p}-h\" tabindex=\"-1\">Cohort report: {}</h1>\n", escape(&name));
        let _ = write!(
            h,
            "<p class=\"meta\">Activity <code>{}</code> · source: {} · learners shown: {}",
            escape(&r.activity),
            escape(&r.source),
            escape(&r.learners_shown)
        );
        if let Some(g) = &r.cohort.grouping {
            let _ = write!(h, " · grouping <code>{}</code>", escape(g));
        }
        if !r.cohort.registrations.is_empty() {
            let _ = write!(
                h,
                " · {} registrations selected",
                r.cohort.registrations.len()
            );
        }
        if r.cohort.since.is_some() || r.cohort.until.is_some() {
            let _ = write!(
                h,
                " · attempts started from {} until {}",
                escape(r.cohort.since.as_deref().unwrap_or("the start")),
                escape(r.cohort.until.as_deref().unwrap_or("now"))
            );
        }
        h.push_str("</p>\n");
        if !r.warnings.is_empty() {
            let _ = write!(h, "<section class=\"notes\" aria-labelledby=\"{p}-notes\"><h2 id=\"{p}-notes\">Notes</h2><ul>");
            for w in &r.warnings {
                let _ = write!(h, "<li>{}</li>", escape(w));
            }
            h.push_str("</ul></section>\n");
        }
        let _ = write!(h, "<section aria-labelledby=\"{p}-sum\"><h2 id=\"{p}-sum\">Summary</h2>\n<table class=\"summary\"><caption>Attempts and results</caption><tbody>");
        for (k, v) in [
            ("Attempts", r.attempts.to_string()),
            ("Learners", r.learners.to_string()),
            ("Finished (reached an ending)", r.finished.to_string()),
            ("Passed", r.passed.to_string()),
            ("Failed", r.failed.to_string()),
            ("Pass rate (passed ÷ finished)", pct(r.pass_rate)),
            (
                "Attempts that crossed a red line",
                r.attempts_with_red_line.to_string(),
            ),
        ] {
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{k}</th><td>{}</td></tr>",
                escape(&v)
            );
        }
        h.push_str("</tbody></table></section>\n");

        let _ = writeln!(
            h,
            "<section aria-labelledby=\"{p}-dims\"><h2 id=\"{p}-dims\">Results by dimension</h2>"
        );
        let mut dists: Vec<(String, String, &Distribution)> =
            vec![("overall".into(), "Overall".into(), &r.overall)];
        dists.extend(
            r.dimensions
                .iter()
                .map(|d| (d.id.clone(), d.label.clone(), &d.distribution)),
        );
        let _ = write!(h, "<table class=\"quartiles\"><caption>Percent of finished attempts: lowest, quartiles, highest</caption><thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Attempts</th><th scope=\"col\">Lowest</th><th scope=\"col\">Lower quartile</th><th scope=\"col\">Median</th><th scope=\"col\">Upper quartile</th><th scope=\"col\">Highest</th><th scope=\"col\">Mean</th><th scope=\"col\">Not assessed</th></tr></thead><tbody>");
        for (_, label, d) in &dists {
            let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(label), d.n, opt(d.min), opt(d.q1), opt(d.median), opt(d.q3), opt(d.max), d.mean.map_or("–".into(), |m| m.to_string()), d.not_assessed);
        }
        h.push_str("</tbody></table>\n");
        for (i, (id, label, d)) in dists.iter().enumerate() {
            let cid = format!("{p}-hist{i}");
            let desc = format!("Histogram of {} percents over {} finished attempts in 10-point bins; the table after the chart gives the counts.", label, d.n);
            let _ = writeln!(h, "<figure class=\"chart-figure\">{}<figcaption>{}: attempts per 10-point band</figcaption></figure>", svg::histogram(&cid, &format!("{label}: percent of finished attempts"), &desc, &d.histogram), escape(label));
            let _ = write!(h, "<table class=\"histogram\"><caption>{}: attempts per band (data of the chart above)</caption><thead><tr><th scope=\"col\">Band</th>", escape(label));
            h.push_str("<th scope=\"col\">Attempts</th></tr></thead><tbody>");
            for b in &d.histogram {
                let _ = write!(
                    h,
                    "<tr><th scope=\"row\">{}–{}%</th><td>{}</td></tr>",
                    b.from, b.to, b.count
                );
            }
            h.push_str("</tbody></table>\n");
            let _ = id;
        }
        h.push_str("</section>\n");

        let _ = writeln!(
            h,
            "<section aria-labelledby=\"{p}-red\"><h2 id=\"{p}-red\">Red lines crossed</h2>"
        );
        if r.red_lines.is_empty() {
            let _ = write!(
                h,
                "<p>No red-line act was committed{}.</p>",
                if r.attempts_with_red_line > 0 {
                    format!(
                        " by id; {} attempts took a choice marked critical",
                        r.attempts_with_red_line
                    )
                } else {
                    String::new()
                }
            );
        } else {
            h.push_str("<table><caption>Red-line acts committed</caption><thead><tr><th scope=\"col\">Act</th><th scope=\"col\">Times chosen</th><th scope=\"col\">Attempts</th><th scope=\"col\">Share of attempts</th></tr></thead><tbody>");
            for a in &r.red_lines {
                let _ = write!(h, "<tr><th scope=\"row\">{}<br><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>", escape(a.label.as_deref().unwrap_or(&a.act)), escape(&a.act), a.times, a.attempts, pct(a.share_of_attempts));
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</section>\n");

        let _ = write!(h, "<section aria-labelledby=\"{p}-wrong\"><h2 id=\"{p}-wrong\">Where learners go wrong</h2>\n<p>Decisions ranked by the share of answers that were weak (not a strongest choice offered) or crossed a red line.</p>\n<table><caption>Decisions by share of weak or red-line answers</caption><thead><tr><th scope=\"col\">Decision</th><th scope=\"col\">Answers</th><th scope=\"col\">Weak</th><th scope=\"col\">Red line</th><th scope=\"col\">Weak or red line</th></tr></thead><tbody>");
        for w in &r.where_learners_go_wrong {
            let _ = write!(h, "<tr><th scope=\"row\"><a href=\"#{p}-d-{}\">{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(&w.node), escape(&w.node), w.answers, w.weak, w.critical, pct(Some(w.share)));
        }
        h.push_str("</tbody></table></section>\n");

        let _ = writeln!(
            h,
            "<section aria-labelledby=\"{p}-dec\"><h2 id=\"{p}-dec\">Decisions</h2>"
        );
        for (i, d) in r.decisions.iter().enumerate() {
            let _ = writeln!(h, "<section class=\"decision\" id=\"{p}-d-{}\" aria-labelledby=\"{p}-d{i}\"><h3 id=\"{p}-d{i}\">Decision {}: <code>{}</code></h3>", escape(&d.node), i + 1, escape(&d.node));
            if let Some(prompt) = &d.prompt {
                let _ = writeln!(
                    h,
                    "<blockquote class=\"prompt\">{}</blockquote>",
                    escape(prompt)
                );
            }
            let _ = writeln!(
                h,
                "<p>{} answers from {} learners; {} weak, {} red line{}.</p>",
                d.answers,
                d.learners,
                d.weak,
                d.critical,
                if d.unclassified > 0 {
                    format!(", {} not classified", d.unclassified)
                } else {
                    String::new()
                }
            );
            let bars: Vec<Bar> = d
                .choices
                .iter()
                .map(|c| Bar {
                    label: format!(
                        "{}{}",
                        c.id,
                        if c.critical {
                            " (red line)"
                        } else if c.strongest == Some(true) {
                            " (strongest)"
                        } else {
                            ""
                        }
                    ),
                    count: c.count,
                    share: c.share,
                    critical: c.critical,
                    strongest: c.strongest == Some(true),
                })
                .collect();
            let desc = format!("Bar chart of how many of the {} answers at decision {} chose each choice; the table after the chart gives the same figures with the choice texts.", d.answers, d.node);
            let _ = writeln!(
                h,
                "<figure class=\"chart-figure\">{}</figure>",
                svg::bars(
                    &format!("{p}-bars{i}"),
                    &format!("Decision {}: answers per choice", d.node),
                    &desc,
                    &bars
                )
            );
            let _ = write!(h, "<table class=\"choices\"><caption>Decision <code>{}</code>: answers per choice (data of the chart above)</caption><thead><tr><th scope=\"col\">Choice</th><th scope=\"col\">Chosen</th><th scope=\"col\">Share</th><th scope=\"col\">Offered</th><th scope=\"col\">Scores</th><th scope=\"col\">Feedback</th></tr></thead><tbody>", escape(&d.node));
            for c in &d.choices {
                let mut tags = Vec::new();
                if c.strongest == Some(true) {
                    tags.push("strongest".to_string());
                }
                if c.critical {
                    tags.push(format!(
                        "red line{}",
                        if c.red_lines.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", c.red_lines.join(", "))
                        }
                    ));
                }
                if c.in_scenario == Some(false) {
                    tags.push("not in the scenario file".into());
                }
                let scores = c
                    .scores
                    .as_ref()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k} {v:+}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_else(|| "–".into());
                let _ = write!(h, "<tr><th scope=\"row\"><code>{}</code> {}{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&c.id), escape(c.text.as_deref().unwrap_or("")),
                    if tags.is_empty() { String::new() } else { format!(" <span class=\"tag\">({})</span>", escape(&tags.join("; "))) },
                    c.count, pct(c.share), c.offered, escape(&scores), escape(c.feedback.as_deref().unwrap_or("")));
            }
            h.push_str("</tbody></table></section>\n");
        }
        h.push_str("</section>\n");

        let _ = write!(h, "<section aria-labelledby=\"{p}-map\"><h2 id=\"{p}-map\">The map: where learners went from each decision</h2>\n<table><caption>Steps from each decision and choice to the next decision or ending, with the share of the cohort's learners who took them</caption><thead><tr><th scope=\"col\">From</th><th scope=\"col\">Choice</th><th scope=\"col\">To</th><th scope=\"col\">Times</th><th scope=\"col\">Learners</th><th scope=\"col\">Share of learners</th></tr></thead><tbody>");
        for e in &r.edges {
            let _ = write!(h, "<tr><th scope=\"row\"><code>{}</code></th><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(&e.from), escape(&e.choice), e.to.as_deref().map_or_else(|| "(left before the next decision)".to_string(), |t| format!("<code>{}</code>", escape(t))), e.traversals, e.learners, pct(e.learner_share));
        }
        h.push_str("</tbody></table></section>\n");

        if let Some(rows) = &r.learner_rows {
            let _ = write!(h, "<section aria-labelledby=\"{p}-people\"><h2 id=\"{p}-people\">Learners (names shown on request)</h2><table><caption>One row per learner</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Attempts</th><th scope=\"col\">Finished</th><th scope=\"col\">Passed</th><th scope=\"col\">Best overall</th><th scope=\"col\">Attempts with a red line</th></tr></thead><tbody>");
            for l in rows {
                let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(l.name.as_deref().unwrap_or(&l.actor)), l.attempts, l.finished, l.passed, opt(l.best_overall), l.red_line_attempts);
            }
            h.push_str("</tbody></table></section>\n");
        }
        let i = &r.input;
        let _ = write!(h, "<section aria-labelledby=\"{p}-in\"><h2 id=\"{p}-in\">What was read</h2><table><caption>Statements read and left out</caption><tbody>");
        for (k, v) in [
            ("Read", i.read),
            ("Used (decisions and endings)", i.used),
            ("Openings (initialized)", i.opened),
            ("Duplicates (same statement id)", i.duplicates),
            ("Other activities", i.other_activities),
            ("Other verbs", i.other_verbs),
            ("Outside the cohort", i.outside_cohort),
            ("Skipped (did not parse or fit)", i.skipped_total()),
        ] {
            let _ = write!(h, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
        }
        h.push_str("</tbody></table></section>\n</article>\n");
    }
    h
}
