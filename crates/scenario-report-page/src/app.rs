//! The page: pick a scenario (or all), a source (a statements file or an LMS export, chosen or
//! dropped; or an LRS), the cohort, and whether to show names; then the report, which is
//! scenario-report's HTML as the CLI prints it. Fields are read when the form is sent (no
//! state per keystroke). Errors go in one alert box that takes focus, each linked to its
//! field; the report's heading takes focus when the report appears.

use crate::browser::{self, Site};
use crate::form::{self, id, CohortFields, FieldError};
use crate::reports::{self, FileKind};
use scenario_report::Options;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The page's inputs from the loader.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The statements reader's worker script, with this wasm's file names in its query.
    pub worker_url: AttrValue,
}

/// Where the results come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    File,
    Lrs,
}

/// What the page shows under the form.
#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Working(String),
    Failed(Vec<FieldError>),
    /// The report's markup, and how it was read (`12,000 statements read in 1.2 s`).
    Report(AttrValue, String),
}

const ERRORS: &str = "report-errors";
const SCENARIO: &str = "report-scenario";
const KEY: &str = "lrs-key";
const SECRET: &str = "lrs-secret";
const NAMES: &str = "report-names";

fn general(message: impl Into<String>) -> Vec<FieldError> {
    vec![FieldError {
        field: "",
        message: message.into(),
    }]
}

fn value(id: &str) -> String {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return String::new();
    };
    if let Some(i) = element.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            return if i.checked() {
                "on".into()
            } else {
                String::new()
            };
        }
        return i.value();
    }
    if let Some(s) = element.dyn_ref::<HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = element.dyn_ref::<HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}

/// Everything the form asks for, read when it is sent.
struct Request {
    only: Option<String>,
    fields: CohortFields,
    names: bool,
}

async fn make_report(
    site: Rc<Site>,
    source: Source,
    file: Option<web_sys::File>,
    worker_url: String,
    set: Callback<Outcome>,
) -> Outcome {
    let request = Request {
        only: Some(value(SCENARIO)).filter(|s| !s.is_empty()),
        fields: CohortFields {
            grouping: value(id::GROUPING),
            registrations: value(id::REGISTRATIONS),
            since: value(id::SINCE),
            until: value(id::UNTIL),
        },
        names: !value(NAMES).is_empty(),
    };
    let scenario = request
        .only
        .as_deref()
        .and_then(|only| site.scenarios.iter().find(|s| s.id == only));
    let read_note;
    let (cohort, source_name) = match source {
        Source::File => {
            let Some(file) = file else {
                return Outcome::Failed(vec![FieldError {
                    field: id::FILE,
                    message: "Statements or LMS file: choose a file, or drop one on the page."
                        .into(),
                }]);
            };
            let filter = match form::filter(&request.fields, None) {
                Ok(f) => f,
                Err(errors) => return Outcome::Failed(errors),
            };
            let name = file.name();
            let head = browser::file_text(
                &file
                    .slice_with_i32_and_i32(0, 64)
                    .unwrap_or_else(|_| file.clone().into()),
            )
            .await
            .unwrap_or_default();
            match reports::file_kind(&name, &head) {
                FileKind::Statements => {
                    set.emit(Outcome::Working(format!(
                        "Reading {name} ({}) as xAPI statements…",
                        mb(file.size())
                    )));
                    let (cohort, ms) =
                        match browser::worker_cohort(&worker_url, &file, &filter, request.names)
                            .await
                        {
                            Ok(c) => c,
                            Err(e) => return Outcome::Failed(general(format!("{name}: {e}"))),
                        };
                    if let Some(problem) = reports::statements_problem(&cohort, &name) {
                        return Outcome::Failed(general(problem));
                    }
                    read_note = format!(
                        "{name}: {} statements read in {:.1} s, off the page (a web worker).",
                        cohort.input.read,
                        ms / 1000.0
                    );
                    (cohort, "xapi-statements")
                }
                FileKind::LmsExport => {
                    set.emit(Outcome::Working(format!(
                        "Reading {name} as an LMS export…"
                    )));
                    let text = match browser::file_text(&file).await {
                        Ok(t) => t,
                        Err(e) => return Outcome::Failed(general(format!("{name}: {e}"))),
                    };
                    read_note = format!("{name}: read as an LMS export.");
                    match reports::lms_cohort(&text, scenario, &filter, request.names) {
                        Ok(c) => (c, "lms-export"),
                        Err(e) => return Outcome::Failed(general(format!("{name}: {e}"))),
                    }
                }
            }
        }
        Source::Lrs => {
            let endpoint = value(id::ENDPOINT).trim().to_string();
            let activity = value(id::ACTIVITY).trim().to_string();
            let mut errors = Vec::new();
            if endpoint.is_empty() {
                errors.push(FieldError {
                    field: id::ENDPOINT,
                    message:
                        "LRS endpoint: give the xAPI endpoint (e.g. https://lrs.example.org/xAPI/)."
                            .into(),
                });
            } else if let Err(e) = scenario_report::lrs::check_url(&endpoint) {
                errors.push(FieldError {
                    field: id::ENDPOINT,
                    message: format!("LRS endpoint: {e}."),
                });
            }
            if activity.is_empty() {
                errors.push(FieldError {
                    field: id::ACTIVITY,
                    message: "Scenario activity IRI: give the activity the statements are about (the launch's activity id).".into(),
                });
            }
            let filter = form::filter(&request.fields, Some(&activity));
            let filter = match (filter, errors.is_empty()) {
                (Ok(f), true) => f,
                (Ok(_), false) => return Outcome::Failed(errors),
                (Err(mut more), _) => {
                    errors.append(&mut more);
                    return Outcome::Failed(errors);
                }
            };
            let (key, secret) = (value(KEY), value(SECRET));
            let auth = if key.is_empty() && secret.is_empty() {
                None
            } else {
                match browser::basic_auth(&key, &secret) {
                    Ok(a) => Some(a),
                    Err(e) => return Outcome::Failed(general(format!("LRS key and secret: {e}"))),
                }
            };
            set.emit(Outcome::Working(format!(
                "Fetching statements from {endpoint}…"
            )));
            let progress = {
                let set = set.clone();
                let endpoint = endpoint.clone();
                move |pages: u32, read: u64| {
                    set.emit(Outcome::Working(format!(
                        "Fetching statements from {endpoint}: {read} read, {pages} pages…"
                    )))
                }
            };
            let cohort = match browser::lrs_cohort(
                &endpoint,
                auth.as_deref(),
                filter,
                request.names,
                progress,
            )
            .await
            {
                Ok(c) => c,
                Err(e) => return Outcome::Failed(general(e)),
            };
            if let Some(problem) = reports::statements_problem(&cohort, "The LRS") {
                return Outcome::Failed(general(problem));
            }
            read_note = format!("{} statements read from {endpoint}.", cohort.input.read);
            (cohort, "lrs")
        }
    };
    let filter = match source {
        Source::Lrs => form::filter(&request.fields, Some(&value(id::ACTIVITY))),
        Source::File => form::filter(&request.fields, None),
    }
    .unwrap_or_default();
    let options = Options {
        source: source_name.into(),
        names: request.names,
        filter,
        scenario_file: None,
    };
    let html = reports::html(
        &cohort,
        &site.scenarios,
        site.vocabulary.as_ref(),
        request.only.as_deref(),
        &options,
    );
    Outcome::Report(html.into(), read_note)
}

/// The cohort report page.
#[function_component(Page)]
pub fn page(props: &PageProps) -> Html {
    let site = use_state(|| None::<Rc<Site>>);
    let source = use_state(|| Source::File);
    let outcome = use_state(|| Outcome::Idle);
    let dropped = use_mut_ref(|| None::<web_sys::File>);
    let chosen = use_state(String::new);
    let busy = matches!(*outcome, Outcome::Working(_));

    {
        let site = site.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                site.set(Some(Rc::new(browser::load_site().await)));
            });
        });
    }
    {
        // Focus follows what appears: the errors, or the report's first heading.
        use_effect_with((*outcome).clone(), move |o| match o {
            Outcome::Failed(_) => browser::focus_by_id(ERRORS),
            Outcome::Report(..) => browser::focus_by_id("r0-h"),
            _ => {}
        });
    }

    let on_submit = {
        let site = site.clone();
        let source = *source;
        let outcome = outcome.clone();
        let dropped = dropped.clone();
        let worker_url = props.worker_url.to_string();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(site) = (*site).clone() else { return };
            if matches!(*outcome, Outcome::Working(_)) {
                return;
            }
            let file = dropped.borrow().clone().or_else(|| {
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(id::FILE))
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    .and_then(|i| i.files())
                    .and_then(|f| f.get(0))
            });
            let set = {
                let outcome = outcome.clone();
                Callback::from(move |o: Outcome| outcome.set(o))
            };
            outcome.set(Outcome::Working("Starting…".into()));
            let worker_url = worker_url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = make_report(site, source, file, worker_url, set.clone()).await;
                set.emit(result);
            });
        })
    };
    let on_file = {
        let dropped = dropped.clone();
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            *dropped.borrow_mut() = None;
            let name = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
                .map(|f| f.name())
                .unwrap_or_default();
            chosen.set(name);
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let dropped: Rc<RefCell<Option<web_sys::File>>> = dropped.clone();
        let chosen = chosen.clone();
        let source = source.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                chosen.set(format!("{} (dropped)", file.name()));
                *dropped.borrow_mut() = Some(file);
                source.set(Source::File);
            }
        })
    };
    let pick_source = |s: Source| {
        let source = source.clone();
        Callback::from(move |_: Event| source.set(s))
    };

    let scenarios = match &*site {
        None => html! { <option value="" disabled=true>{ "Loading the scenarios…" }</option> },
        Some(site) => site
            .scenarios
            .iter()
            .map(|s| html! { <option value={s.id.clone()}>{ &s.title }</option> })
            .collect::<Html>(),
    };
    let notices = match &*site {
        Some(site) if !site.notices.is_empty() => html! {
            <div class="notice" role="note">
                <p>{ "Some of the site's scenario files could not be read, so their reports show ids instead of texts:" }</p>
                <ul>{ for site.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            </div>
        },
        _ => html! {},
    };
    let described = |field: &str| -> Option<AttrValue> {
        match &*outcome {
            Outcome::Failed(errors) if errors.iter().any(|e| e.field == field) => {
                Some(AttrValue::from(format!("{field}-error")))
            }
            _ => None,
        }
    };
    let field_error = |field: &str| -> Html {
        match &*outcome {
            Outcome::Failed(errors) => errors
                .iter()
                .filter(|e| e.field == field)
                .take(1)
                .map(|e| html! { <p class="field-error" id={format!("{field}-error")}>{ &e.message }</p> })
                .collect(),
            _ => html! {},
        }
    };
    let invalid = |field: &str| described(field).map(|_| AttrValue::from("true"));

    html! {
        <>
        <header class="page-head">
            <p class="site"><a href="./">{ "Scenario Quiz" }</a></p>
            <h1>{ "Cohort report" }</h1>
            <p>{ "For trainers: what a group chose at each decision, where it went wrong, which red lines were crossed and how it did on each dimension. The file or the LRS's answers stay in this browser; nothing is sent anywhere else." }</p>
        </header>
        <main id="main">
            <form class="report-form" aria-labelledby="form-h" onsubmit={on_submit} novalidate=true>
                <h2 id="form-h">{ "What to report" }</h2>
                { notices }
                <div class="field">
                    <label for={SCENARIO}>{ "Scenario" }</label>
                    <select id={SCENARIO}>
                        <option value="">{ "All scenarios in the results" }</option>
                        { scenarios }
                    </select>
                </div>
                <fieldset>
                    <legend>{ "Where the results are" }</legend>
                    <div class="choice">
                        <input type="radio" id="source-file-choice" name="source" checked={*source == Source::File} onchange={pick_source(Source::File)} />
                        <label for="source-file-choice">{ "A file: xAPI statements exported from an LRS, or an LMS export" }</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id="source-lrs-choice" name="source" checked={*source == Source::Lrs} onchange={pick_source(Source::Lrs)} />
                        <label for="source-lrs-choice">{ "An LRS (learning record store)" }</label>
                    </div>
                </fieldset>
                if *source == Source::File {
                    <div class="field drop-zone" ondragover={on_drag_over} ondrop={on_drop}>
                        <label for={id::FILE}>{ "Statements file (JSON array or JSON lines) or LMS export (Moodle SCORM interactions report, CSV)" }</label>
                        <p class="hint" id="source-file-hint">{ "Choose the file, or drop it here. An LMS export is of one scenario: pick it above." }</p>
                        { field_error(id::FILE) }
                        <input type="file" id={id::FILE} accept=".json,.jsonl,.ndjson,.csv,.tsv,.txt,application/json,text/csv,text/plain"
                            aria-describedby={described(id::FILE).unwrap_or_else(|| "source-file-hint".into())} aria-invalid={invalid(id::FILE)} onchange={on_file} />
                        if !chosen.is_empty() {
                            <p class="chosen" data-testid="chosen-file">{ format!("Chosen: {}", *chosen) }</p>
                        }
                    </div>
                } else {
                    <fieldset>
                        <legend>{ "The LRS" }</legend>
                        <p class="hint">{ "The LRS must allow this page's origin (CORS), and this site's Content-Security-Policy must name the LRS's origin (docs/security.md)." }</p>
                        <div class="field">
                            <label for={id::ENDPOINT}>{ "xAPI endpoint" }</label>
                            { field_error(id::ENDPOINT) }
                            <input type="url" id={id::ENDPOINT} placeholder="https://lrs.example.org/xAPI/" autocomplete="url"
                                aria-describedby={described(id::ENDPOINT)} aria-invalid={invalid(id::ENDPOINT)} />
                        </div>
                        <div class="field">
                            <label for={id::ACTIVITY}>{ "Scenario activity IRI" }</label>
                            { field_error(id::ACTIVITY) }
                            <input type="url" id={id::ACTIVITY} placeholder="https://lms.example.org/course#/s/got-kids"
                                aria-describedby={described(id::ACTIVITY)} aria-invalid={invalid(id::ACTIVITY)} />
                        </div>
                        <div class="field">
                            <label for={KEY}>{ "Key (user name)" }</label>
                            <input type="text" id={KEY} autocomplete="username" />
                        </div>
                        <div class="field">
                            <label for={SECRET}>{ "Secret (password)" }</label>
                            <input type="password" id={SECRET} autocomplete="current-password" />
                        </div>
                    </fieldset>
                }
                <fieldset>
                    <legend>{ "Which learners (optional)" }</legend>
                    <div class="field">
                        <label for={id::GROUPING}>{ "Team or group (grouping activity IRI)" }</label>
                        { field_error(id::GROUPING) }
                        <input type="text" id={id::GROUPING} aria-describedby={described(id::GROUPING)} aria-invalid={invalid(id::GROUPING)} />
                    </div>
                    <div class="field">
                        <label for={id::REGISTRATIONS}>{ "Registrations (one per line, or separated by commas)" }</label>
                        { field_error(id::REGISTRATIONS) }
                        <textarea id={id::REGISTRATIONS} rows="3" aria-describedby={described(id::REGISTRATIONS)} aria-invalid={invalid(id::REGISTRATIONS)} />
                    </div>
                    <div class="field dates">
                        <div>
                            <label for={id::SINCE}>{ "Attempts started from (UTC)" }</label>
                            { field_error(id::SINCE) }
                            <input type="date" id={id::SINCE} aria-describedby={described(id::SINCE)} aria-invalid={invalid(id::SINCE)} />
                        </div>
                        <div>
                            <label for={id::UNTIL}>{ "until, not including (UTC)" }</label>
                            { field_error(id::UNTIL) }
                            <input type="date" id={id::UNTIL} aria-describedby={described(id::UNTIL)} aria-invalid={invalid(id::UNTIL)} />
                        </div>
                    </div>
                </fieldset>
                <div class="choice">
                    <input type="checkbox" id={NAMES} />
                    <label for={NAMES}>{ "Show learners by name (when the source has names). Otherwise learners are shown only in aggregate." }</label>
                </div>
                <button type="submit" class="primary" disabled={site.is_none()} aria-disabled={busy.then_some("true")}>{ "Make the report" }</button>
            </form>
            <p class="status" role="status" data-testid="status">{
                match &*outcome {
                    Outcome::Working(s) => s.clone(),
                    _ => String::new(),
                }
            }</p>
            if let Outcome::Failed(errors) = &*outcome {
                <div class="errors" id={ERRORS} role="alert" tabindex="-1" data-testid="errors">
                    <h2>{ "The report could not be made" }</h2>
                    <ul>
                        { for errors.iter().map(|e| if e.field.is_empty() {
                            html! { <li>{ &e.message }</li> }
                        } else {
                            html! { <li><a href={format!("#{}", e.field)}>{ &e.message }</a></li> }
                        }) }
                    </ul>
                </div>
            }
            if let Outcome::Report(markup, note) = &*outcome {
                <div class="report-output" data-testid="report">
                    <p class="report-actions">
                        <span data-testid="read-note">{ note }</span>{ " " }
                        <button type="button" onclick={Callback::from(|_| browser::print())}>{ "Print the report" }</button>
                    </p>
                    { Html::from_html_unchecked(markup.clone()) }
                </div>
            }
        </main>
        </>
    }
}
