//! `scenario report`: a cohort report from xAPI statements (a file, or an LRS through the
//! statements API), an LMS export, or ClickHouse (the SQL shipped in scenario-report), as
//! HTML, JSON or CSV. All counting is scenario-report's; this file only reads and fetches.

use crate::source::Loader;
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use scenario_core::model::{Scenario, Vocabulary};
use scenario_report::select::{self, Pick};
use scenario_report::{render, sql, time, Cohort, Filter, Options, Reader, Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Report output format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A standalone, printable HTML page with SVG charts.
    Html,
    /// The report as JSON.
    Json,
    /// One row per (decision, choice); `--summary-csv FILE` writes the summary table.
    Csv,
}

/// `scenario report` arguments.
#[derive(Args)]
pub struct ReportArgs {
    /// xAPI statements as an LRS exports them: a JSON array, JSON lines or a StatementResult.
    #[arg(long, value_name = "FILE", group = "source")]
    statements: Option<PathBuf>,
    /// An LRS's xAPI endpoint (ending `/`): statements are fetched with
    /// `GET statements?activity=…&related_activities=true`, following `more`.
    #[arg(long, value_name = "ENDPOINT", group = "source", requires = "activity")]
    lrs: Option<String>,
    /// An LMS export: Moodle's SCORM interactions report (tab- or comma-separated) or a
    /// tracks table (user, attempt, element, value), SCORM 1.2 or 2004.
    #[arg(long, value_name = "FILE", group = "source")]
    lms: Option<PathBuf>,
    /// ClickHouse's HTTP interface over Ralph's table (e.g. http://127.0.0.1:8123/).
    #[arg(long, value_name = "URL", group = "source")]
    clickhouse: Option<String>,
    /// The table Ralph writes, for --clickhouse.
    #[arg(long, default_value = "xapi.xapi_events_all")]
    table: String,
    /// The `Authorization` header for --lrs or --clickhouse (e.g. 'Basic …'); default: the
    /// environment variable SCENARIO_REPORT_AUTH.
    #[arg(long, value_name = "HEADER")]
    auth: Option<String>,
    /// The scenario file: choice texts, scores, feedback, the weak/strong split, and, for an
    /// LMS export, pass and dimension results by replaying each attempt.
    #[arg(long, value_name = "FILE.yaml")]
    scenario: Option<PathBuf>,
    /// The scenario activity IRI (default: every scenario-quiz activity in the source).
    #[arg(long, value_name = "IRI")]
    activity: Option<String>,
    /// Only statements carrying this grouping activity (a team or cohort).
    #[arg(long, value_name = "IRI")]
    grouping: Option<String>,
    /// Only these registrations (repeat, or comma-separated).
    #[arg(long, value_name = "UUID", value_delimiter = ',')]
    registration: Vec<String>,
    /// Only attempts that start at or after this date (YYYY-MM-DD, UTC) or instant.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only attempts that start before this date or instant.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Show learners by name (when the source has names); otherwise only in aggregate.
    #[arg(long)]
    names: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "html")]
    format: ReportFormat,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// With --format csv: also write the summary table (activity,section,item,measure,value).
    #[arg(long, value_name = "FILE")]
    summary_csv: Option<PathBuf>,
    /// With --format html: only the report's markup, no <style> (for a page with its own CSS).
    #[arg(long)]
    html_body: bool,
}

fn filter(args: &ReportArgs) -> anyhow::Result<Filter> {
    let bound = |s: &Option<String>, what: &str| -> anyhow::Result<Option<i64>> {
        s.as_deref()
            .map(|t| {
                time::parse_bound(t).with_context(|| {
                    format!("--{what} {t}: not a date (YYYY-MM-DD) or ISO 8601 instant")
                })
            })
            .transpose()
    };
    Ok(Filter {
        activity: args.activity.clone(),
        grouping: args.grouping.clone(),
        registrations: args
            .registration
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
        since: bound(&args.since, "since")?,
        until: bound(&args.until, "until")?,
    })
}

fn load_scenario(path: &Path) -> anyhow::Result<(Scenario, Option<Vocabulary>)> {
    let mut loader = Loader::default();
    let report = loader
        .load(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let Some(scenario) = report.scenario else {
        for f in loader
            .vocabulary_reports
            .iter()
            .chain(std::iter::once(&report))
        {
            for d in &f.diagnostics {
                eprint!("{}", crate::render::human(&f.display(), &f.text, d));
            }
        }
        bail!(
            "{} has errors; fix them or leave out --scenario",
            path.display()
        );
    };
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let vocabulary = loader.vocabulary(&folder).ok().and_then(Result::ok);
    Ok((scenario, vocabulary))
}

fn auth(args: &ReportArgs) -> Option<String> {
    args.auth
        .clone()
        .or_else(|| std::env::var("SCENARIO_REPORT_AUTH").ok())
        .filter(|a| !a.trim().is_empty())
}

#[cfg(feature = "net")]
mod net {
    use anyhow::{bail, Context};
    use std::time::Duration;

    pub fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(300)))
            .http_status_as_error(false)
            .build()
            .into()
    }

    fn body(mut resp: ureq::http::Response<ureq::Body>, url: &str) -> anyhow::Result<String> {
        let status = resp.status();
        let text = resp
            .body_mut()
            .with_config()
            .limit(4 << 30)
            .read_to_string()
            .with_context(|| format!("reading the answer of {url}"))?;
        if !status.is_success() {
            bail!(
                "{url} answered {status}: {}",
                text.chars().take(500).collect::<String>()
            );
        }
        Ok(text)
    }

    pub fn get(agent: &ureq::Agent, url: &str, auth: Option<&str>) -> anyhow::Result<String> {
        let mut req = agent.get(url).header("X-Experience-API-Version", "1.0.3");
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        body(req.call().with_context(|| format!("GET {url}"))?, url)
    }

    pub fn post(
        agent: &ureq::Agent,
        url: &str,
        auth: Option<&str>,
        text: &str,
    ) -> anyhow::Result<String> {
        let mut req = agent
            .post(url)
            .header("Content-Type", "text/plain; charset=utf-8");
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        body(req.send(text).with_context(|| format!("POST {url}"))?, url)
    }
}

#[cfg(feature = "net")]
fn from_lrs(
    endpoint: &str,
    auth: Option<&str>,
    filter: Filter,
    names: bool,
) -> anyhow::Result<Cohort> {
    check_url(endpoint)?;
    let activity = filter.activity.clone().unwrap_or_default();
    let base = scenario_report::lrs::base(endpoint);
    let agent = net::agent();
    let mut reader = Reader::new(filter);
    let mut url = scenario_report::lrs::first_page(&base, &activity);
    let mut seen = std::collections::HashSet::new();
    loop {
        if !seen.insert(url.clone()) {
            bail!("the LRS's `more` link repeats ({url}): stopped");
        }
        let page = net::get(&agent, &url, auth)?;
        match reader.read_page(&page).map_err(anyhow::Error::msg)? {
            Some(more) => url = scenario_report::lrs::resolve_more(&base, &more),
            None => break,
        }
    }
    Ok(Cohort::from_reader(reader, names))
}

#[cfg(feature = "net")]
fn from_clickhouse(
    url: &str,
    table: &str,
    auth: Option<&str>,
    filter: &Filter,
    names: bool,
) -> anyhow::Result<Cohort> {
    check_url(url)?;
    let (database, table) = table.split_once('.').unwrap_or(("xapi", table));
    let params: Vec<String> = sql::parameters(filter, database, table)
        .into_iter()
        .map(|(k, v)| format!("param_{k}={}", scenario_report::lrs::encode(&v)))
        .collect();
    let sep = if url.contains('?') { '&' } else { '?' };
    let endpoint = format!("{url}{sep}default_format=JSONEachRow&{}", params.join("&"));
    let agent = net::agent();
    let run = |q: &str| net::post(&agent, &endpoint, auth, q);
    let tallies = sql::tallies(
        &run(sql::ATTEMPTS)?,
        &run(sql::ANSWERS)?,
        &run(sql::LISTS)?,
        if names {
            Some(run(sql::LEARNERS)?)
        } else {
            None
        }
        .as_deref(),
    )
    .map_err(anyhow::Error::msg)?;
    Ok(Cohort {
        tallies,
        input: Default::default(),
    })
}

#[cfg(not(feature = "net"))]
fn from_lrs(_: &str, _: Option<&str>, _: Filter, _: bool) -> anyhow::Result<Cohort> {
    bail!("this build has no HTTP client (built without the `net` feature)")
}

#[cfg(not(feature = "net"))]
fn from_clickhouse(
    _: &str,
    _: &str,
    _: Option<&str>,
    _: &Filter,
    _: bool,
) -> anyhow::Result<Cohort> {
    bail!("this build has no HTTP client (built without the `net` feature)")
}

/// Runs `scenario report`.
pub fn run(args: &ReportArgs) -> crate::Outcome {
    let filter = filter(args)?;
    let scenario = args.scenario.as_deref().map(load_scenario).transpose()?;
    let (cohort, source) = if let Some(path) = &args.statements {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut reader = Reader::new(filter.clone());
        reader.read_text(&text);
        drop(text);
        (Cohort::from_reader(reader, args.names), "xapi-statements")
    } else if let Some(endpoint) = &args.lrs {
        (
            from_lrs(endpoint, auth(args).as_deref(), filter.clone(), args.names)?,
            "lrs",
        )
    } else if let Some(path) = &args.lms {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let activity = filter.activity.clone().unwrap_or_else(|| {
            format!(
                "urn:scenario-quiz:lms:{}",
                scenario.as_ref().map_or("scenario", |s| s.0.id.as_str())
            )
        });
        (
            scenario_report::lms::read(
                &text,
                scenario.as_ref().map(|s| &s.0),
                &activity,
                &filter,
                args.names,
            )
            .map_err(anyhow::Error::msg)?,
            "lms-export",
        )
    } else if let Some(url) = &args.clickhouse {
        (
            from_clickhouse(url, &args.table, auth(args).as_deref(), &filter, args.names)?,
            "clickhouse",
        )
    } else {
        bail!("give a source: --statements FILE, --lrs ENDPOINT, --lms FILE or --clickhouse URL");
    };
    let pick = match (&scenario, &filter.activity) {
        // Without --activity, a scenario file picks the activities ending in its id.
        (Some((s, _)), None) => Pick::PreferScenario(&s.id),
        _ => Pick::All,
    };
    let tallies = select::tallies(&cohort, pick, filter.activity.as_deref());
    let options = Options {
        source: source.to_string(),
        names: args.names,
        filter: filter.clone(),
        scenario_file: args.scenario.as_ref().map(|p| p.display().to_string()),
    };
    let reports: Vec<Report> = select::reports(
        &tallies,
        &cohort,
        |_| scenario.as_ref().map(|s| (&s.0, s.1.as_ref())),
        &options,
    );
    let text = match args.format {
        ReportFormat::Json => render::json(&reports),
        ReportFormat::Csv => {
            if let Some(path) = &args.summary_csv {
                std::fs::write(path, render::csv_summary(&reports))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            render::csv_choices(&reports)
        }
        ReportFormat::Html if args.html_body => render::html_body(&reports),
        ReportFormat::Html => render::html_document(&reports),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    for r in &reports {
        for w in &r.warnings {
            eprintln!("note: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// [`scenario_report::lrs::check_url`], as an error of this command.
#[cfg(feature = "net")]
fn check_url(url: &str) -> anyhow::Result<()> {
    scenario_report::lrs::check_url(url).map_err(anyhow::Error::msg)
}
