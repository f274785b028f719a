//! The studio page: open (a file, drag and drop, the template, a bundled scenario), edit in a
//! plain `<textarea>` with line numbers, see the checker's problems as you type, keep the
//! draft, download the YAML.
//!
//! Why a `<textarea>` and not CodeMirror 6 (issue 16 asks for one or "an equally capable
//! editor"): a native textarea is fully accessible as it is (labelled, its own undo, Tab
//! leaves it, screen readers know it), costs nothing in the bundle and injects no styles
//! under the strict CSP; CodeMirror would add about 117 KiB gzip (docs/toolchain notes) and
//! needs its constructed stylesheets checked under the CSP. What it lacks: inline underlines
//! and gutter markers at the problems (the Problems list moves the caret there instead).
//! The textarea is never re-rendered with a `value` (that would clear the browser's undo
//! history): its text is set through its node only when another file is opened.

use crate::check::{file_stem, summary, CheckResult};
use crate::drafts;
use crate::lines::{gutter, line_count, utf16_range};
use crate::worker::{Answer, Checker};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// How long after the last keystroke the check starts (ms).
const DEBOUNCE_MS: u32 = 300;

/// How long a check may take before its worker is stopped (ms).
const CHECK_LIMIT_MS: u32 = 10_000;

/// Texts larger than this are not put in the editor (bytes): twice the core's limit for a
/// scenario file (`load::MAX_FILE_BYTES`, 1 MiB), so a file a little over it is still opened
/// and gets the core's own "too large" problem. Why a limit at all: Chromium lays out a
/// textarea of 10 MB / 300,000 lines in about 17 s on this machine kind (measured
/// 2026-12-03), during which the page cannot answer; a file that large cannot be checked
/// anyway.
const MAX_EDIT_BYTES: usize = 2 * scenario_core::load::MAX_FILE_BYTES;

/// The notice for a text too large to edit.
fn too_large(what: &str, bytes: f64) -> String {
    format!(
        "{what} is {:.1} MB, too large to edit here: scenario files are limited to {} KiB, as `scenario check` says. Split it into smaller scenarios.",
        bytes / 1024.0 / 1024.0,
        scenario_core::load::MAX_FILE_BYTES / 1024
    )
}

/// Props of [`Studio`].
#[derive(Properties, PartialEq)]
pub struct StudioProps {
    /// The checker's worker script (web/studio-worker.js with the wasm's file names).
    pub worker_url: AttrValue,
}

/// What the checker shows.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Checking,
    Checked(Rc<CheckResult>),
    Failed(String),
}

/// The bundled scenarios "Start from…" offers: (file stem, title).
type Bundled = Vec<(String, String)>;

/// Everything the handlers share that is not rendered.
#[derive(Default)]
struct Session {
    slot: String,
    seq: u32,
    checker: Option<Checker>,
    debounce: Option<Timeout>,
    deadline: Option<Timeout>,
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = gloo::utils::window();
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| format!("{url} could not be read"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url} could not be read"))
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    if file.size() > MAX_EDIT_BYTES as f64 {
        return Err(too_large(&file.name(), file.size()));
    }
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{} could not be read", file.name()))
}

/// The studio page.
#[function_component(Studio)]
pub fn studio(props: &StudioProps) -> Html {
    let editor = use_node_ref();
    let gutter_ref = use_node_ref();
    let lines = use_state(|| 1usize);
    let status = use_state(|| Status::Idle);
    let notice = use_state(|| None::<String>);
    let bundled = use_state(Bundled::new);
    let session = use_mut_ref(Session::default);

    // Runs the check of the editor's text now.
    let check_now = {
        let editor = editor.clone();
        let session = session.clone();
        let status = status.clone();
        Rc::new(move || {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            let mut s = session.borrow_mut();
            s.seq += 1;
            let seq = s.seq;
            if let Some(checker) = s.checker.as_mut() {
                checker.send(seq, &text, None);
            }
            status.set(Status::Checking);
            let (session2, status2) = (session.clone(), status.clone());
            s.deadline = Some(Timeout::new(CHECK_LIMIT_MS, move || {
                let mut s = session2.borrow_mut();
                if s.seq == seq {
                    if let Some(checker) = s.checker.as_mut() {
                        checker.restart();
                    }
                    status2.set(Status::Failed(format!(
                        "The check took longer than {} seconds and was stopped. The file may be too large or too deeply nested for the browser; `scenario check` on the command line has no such limit.",
                        CHECK_LIMIT_MS / 1000
                    )));
                }
            }));
        })
    };

    // After every change: keep the draft, renumber, and check once typing pauses.
    let changed = {
        let editor = editor.clone();
        let session = session.clone();
        let lines = lines.clone();
        let notice = notice.clone();
        let check_now = check_now.clone();
        Rc::new(move |immediately: bool| {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            lines.set(line_count(&text));
            let mut s = session.borrow_mut();
            if s.slot.is_empty() {
                s.slot = drafts::new_slot(js_sys::Date::now());
            }
            if drafts::save(&s.slot, &text) {
                notice.set(None);
            } else {
                notice.set(Some("This browser would not keep the draft (its storage is full or blocked). Your text is still here: download it to keep it.".into()));
            }
            let check_now = check_now.clone();
            if immediately {
                s.debounce = None;
                drop(s);
                check_now();
            } else {
                s.debounce = Some(Timeout::new(DEBOUNCE_MS, move || check_now()));
            }
        })
    };

    // Puts a whole new text in the editor (opening a file, the template, a bundled one) in a
    // new draft slot, so the previous draft stays in storage.
    let open_text = {
        let editor = editor.clone();
        let session = session.clone();
        let changed = changed.clone();
        Rc::new(move |text: String| {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            area.set_value(&text);
            area.set_selection_range(0, 0).ok();
            area.set_scroll_top(0);
            session.borrow_mut().slot = drafts::new_slot(js_sys::Date::now());
            changed(true);
            area.focus().ok();
        })
    };

    // On mount: start the worker, restore the draft, list the bundled scenarios.
    {
        let editor = editor.clone();
        let session = session.clone();
        let status = status.clone();
        let changed = changed.clone();
        let bundled = bundled.clone();
        let url = props.worker_url.to_string();
        use_effect_with((), move |_| {
            let session2 = session.clone();
            let status2 = status.clone();
            let checker = Checker::new(url, move |answer| match answer {
                Answer::Checked(seq, result) => {
                    let mut s = session2.borrow_mut();
                    if seq == s.seq {
                        s.deadline = None;
                        status2.set(Status::Checked(Rc::new(result)));
                    }
                }
                Answer::Failed(message) => {
                    session2.borrow_mut().deadline = None;
                    status2.set(Status::Failed(message));
                }
            });
            session.borrow_mut().checker = Some(checker);
            if let Some((slot, text)) = drafts::load_current() {
                if let Some(area) = editor.cast::<HtmlTextAreaElement>() {
                    area.set_value(&text);
                    session.borrow_mut().slot = slot;
                    changed(true);
                }
            }
            spawn_local(async move {
                if let Ok(text) = fetch_text("scenarios/index.json").await {
                    if let Ok(index) =
                        scenario_core::index::read_index::<scenario_core::index::Listing>(&text)
                    {
                        bundled.set(
                            index
                                .scenarios
                                .iter()
                                .filter_map(|e| {
                                    let listing = e.scenario.as_ref()?;
                                    Some((e.stem().to_owned(), listing.title.clone()))
                                })
                                .collect(),
                        );
                    }
                }
            });
            || ()
        });
    }

    // A paste or drop that would make the text too large to edit is refused with a notice
    // (see MAX_EDIT_BYTES), before the browser lays it out. Yew has no `onbeforeinput`
    // attribute, so the listener is added to the textarea here.
    {
        let editor = editor.clone();
        let notice = notice.clone();
        use_effect_with((), move |_| {
            let area = editor.cast::<HtmlTextAreaElement>();
            let area2 = area.clone();
            let listener =
                Closure::<dyn FnMut(web_sys::InputEvent)>::new(move |e: web_sys::InputEvent| {
                    let Some(added) = e
                        .data_transfer()
                        .and_then(|d| d.get_data("text/plain").ok())
                    else {
                        return;
                    };
                    let current = area2.as_ref().map_or(0, |a| a.text_length() as usize);
                    if current + added.len() > MAX_EDIT_BYTES {
                        e.prevent_default();
                        notice.set(Some(too_large(
                            "The pasted text",
                            (current + added.len()) as f64,
                        )));
                    }
                });
            if let Some(area) = &area {
                area.add_event_listener_with_callback(
                    "beforeinput",
                    listener.as_ref().unchecked_ref(),
                )
                .ok();
            }
            move || {
                if let Some(area) = area {
                    area.remove_event_listener_with_callback(
                        "beforeinput",
                        listener.as_ref().unchecked_ref(),
                    )
                    .ok();
                }
            }
        });
    }

    let on_input = {
        let changed = changed.clone();
        Callback::from(move |_: InputEvent| changed(false))
    };
    let on_scroll = {
        let editor = editor.clone();
        let gutter_ref = gutter_ref.clone();
        Callback::from(move |_: Event| {
            if let (Some(area), Some(g)) = (
                editor.cast::<HtmlTextAreaElement>(),
                gutter_ref.cast::<web_sys::Element>(),
            ) {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };

    let open_file = {
        let open_text = open_text.clone();
        let notice = notice.clone();
        Rc::new(move |file: web_sys::File| {
            let open_text = open_text.clone();
            let notice = notice.clone();
            spawn_local(async move {
                match read_file(file).await {
                    Ok(text) => open_text(text),
                    Err(e) => notice.set(Some(e)),
                }
            });
        })
    };
    let on_file = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file);
            }
            input.set_value("");
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let open_file = open_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                open_file(file);
            }
        })
    };
    let on_template = {
        let open_text = open_text.clone();
        Callback::from(move |_: MouseEvent| {
            open_text(crate::template::new_scenario("new-scenario"))
        })
    };
    let start_from = use_node_ref();
    let on_start_from = {
        let start_from = start_from.clone();
        let open_text = open_text.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(select) = start_from.cast::<HtmlSelectElement>() else {
                return;
            };
            let stem = select.value();
            if stem.is_empty() {
                return;
            }
            let open_text = open_text.clone();
            let notice = notice.clone();
            spawn_local(async move {
                match fetch_text(&format!("studio/scenarios/{stem}.yaml")).await {
                    Ok(text) => open_text(text),
                    Err(e) => notice.set(Some(format!(
                        "The bundled scenario could not be opened: {e}"
                    ))),
                }
            });
        })
    };
    let on_download = {
        let editor = editor.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            let name = format!("{}.yaml", file_stem(&text));
            if !scenario_quiz::browser::download(&name, "text/yaml", &text) {
                notice.set(Some("The browser refused the download.".into()));
            }
        })
    };
    // A problem chosen in the list: select it in the editor and put the focus there.
    let go_to = {
        let editor = editor.clone();
        move |line: usize, column: usize, len: usize| {
            let editor = editor.clone();
            Callback::from(move |_: MouseEvent| {
                let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                    return;
                };
                let (start, end) = utf16_range(&area.value(), line, column, len);
                area.focus().ok();
                area.set_selection_range(start as u32, end as u32).ok();
            })
        }
    };

    let status_text = match &*status {
        Status::Idle => "Open a file or start from the template.".to_owned(),
        Status::Checking => "Checking…".to_owned(),
        Status::Checked(r) => format!("{} in {}.", summary(r), r.file_name),
        Status::Failed(m) => format!("The check failed: {m}"),
    };
    let problems = match &*status {
        Status::Checked(r) => r.problems.clone(),
        _ => Vec::new(),
    };

    html! {
        <div class="studio" ondragover={on_drag_over} ondrop={on_drop}>
            <header class="site-header">
                <div class="header-inner">
                    <a class="brand" href="index.html">{ "Scenario Quiz" }</a>
                    <nav aria-label="Main">
                        <ul class="nav">
                            <li><a href="index.html">{ "Scenarios" }</a></li>
                            <li><a href="studio.html" aria-current="page">{ "Studio" }</a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main class="studio-main">
                <h1>{ "Scenario studio" }</h1>
                <p>{ "Write a scenario, see every problem the checker finds as you type, and download the YAML. Your draft is kept in this browser." }</p>
                <section class="studio-open" aria-labelledby="open-heading">
                    <h2 id="open-heading">{ "Open" }</h2>
                    <div class="open-row">
                        <label for="open-file">{ "Open a scenario file" }</label>
                        <input type="file" id="open-file" accept=".yaml,.yml,text/yaml" onchange={on_file} />
                        <span class="hint">{ "or drop a file anywhere on the page" }</span>
                    </div>
                    <div class="open-row">
                        <button type="button" class="button" onclick={on_template}>{ "New from template" }</button>
                    </div>
                    <div class="open-row">
                        <label for="start-from">{ "Start from…" }</label>
                        <select id="start-from" ref={start_from}>
                            { for bundled.iter().map(|(stem, title)| html! {
                                <option value={stem.clone()}>{ title.clone() }</option>
                            }) }
                        </select>
                        <button type="button" class="button" onclick={on_start_from} disabled={bundled.is_empty()}>{ "Open this scenario" }</button>
                    </div>
                </section>
                if let Some(n) = &*notice {
                    <p class="notice" role="alert">{ n.clone() }</p>
                }
                <section class="studio-edit" aria-labelledby="edit-heading">
                    <h2 id="edit-heading" class="visually-hidden">{ "Edit" }</h2>
                    <label for="yaml" class="editor-label">{ "Scenario YAML" }</label>
                    <div class="editor">
                        <pre class="gutter" aria-hidden="true" ref={gutter_ref}>{ gutter(*lines) }</pre>
                        <textarea id="yaml" ref={editor} spellcheck="false" autocomplete="off"
                            wrap="off" oninput={on_input} onscroll={on_scroll} />
                    </div>
                    <p class="editor-actions">
                        <button type="button" class="button primary" onclick={on_download}>{ "Download YAML" }</button>
                    </p>
                </section>
                <section class="studio-problems" aria-labelledby="problems-heading">
                    <h2 id="problems-heading">{ "Problems" }</h2>
                    <p role="status" class="check-status" data-testid="check-status">{ status_text }</p>
                    <ul class="problems" aria-label="Problems">
                        { for problems.iter().map(|p| html! {
                            <li class={classes!("problem", p.severity.clone())}>
                                <button type="button" class="problem-link" onclick={go_to(p.line, p.column, p.len)}
                                    data-code={p.code.clone()} data-line={p.line.to_string()}>
                                    <span class="severity">{ format!("{} {}", p.severity, p.code) }</span>
                                    { " " }{ p.describe() }
                                </button>
                                if let Some(hint) = &p.hint {
                                    <p class="problem-hint">{ hint.clone() }</p>
                                }
                            </li>
                        }) }
                    </ul>
                </section>
            </main>
        </div>
    }
}
