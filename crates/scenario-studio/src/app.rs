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
    /// The trainer's own dimensions.yaml (name, text), or `None` for the bundled one.
    dimensions: Option<(String, String)>,
    seq: u32,
    checker: Option<Checker>,
    debounce: Option<Timeout>,
    deadline: Option<Timeout>,
    /// The editor's selection and scroll when "Preview" was pressed, restored after.
    caret: Option<(u32, u32, i32)>,
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
    let dimensions_name = use_state(|| None::<String>);
    // `scenario stats`'s figures for the current text, once the worker sends them.
    let stats = use_state(|| None::<Rc<Vec<(String, String)>>>);
    // The branching map of the current text, once the worker sends it.
    let map = use_state(|| None::<Rc<crate::check::Map>>);
    // The drafts kept in this browser (re-read when one is started, opened or deleted).
    let drafts_list = use_state(drafts::list);
    let current_slot = use_state(String::new);
    let preview = use_state(|| None::<(Rc<scenario_core::Scenario>, Rc<scenario_core::Routes>)>);
    let session = use_mut_ref(Session::default);

    // Runs the check of the editor's text now.
    let check_now = {
        let editor = editor.clone();
        let session = session.clone();
        let status = status.clone();
        let stats = stats.clone();
        let map = map.clone();
        Rc::new(move || {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            let mut s = session.borrow_mut();
            s.seq += 1;
            let seq = s.seq;
            let dimensions = s.dimensions.as_ref().map(|(_, text)| text.clone());
            if let Some(checker) = s.checker.as_mut() {
                checker.send(seq, &text, dimensions.as_deref());
            }
            status.set(Status::Checking);
            stats.set(None);
            map.set(None);
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
        let drafts_list = drafts_list.clone();
        let current_slot = current_slot.clone();
        Rc::new(move |text: String| {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            area.set_value(&text);
            area.set_selection_range(0, 0).ok();
            area.set_scroll_top(0);
            let slot = drafts::new_slot(js_sys::Date::now());
            session.borrow_mut().slot = slot.clone();
            changed(true);
            drafts_list.set(drafts::list());
            current_slot.set(slot);
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
        let dimensions_name = dimensions_name.clone();
        let stats = stats.clone();
        let map = map.clone();
        let current_slot = current_slot.clone();
        let url = props.worker_url.to_string();
        use_effect_with((), move |_| {
            let session2 = session.clone();
            let status2 = status.clone();
            let stats2 = stats.clone();
            let map2 = map.clone();
            let checker = Checker::new(url, move |answer| match answer {
                Answer::Checked(seq, result) => {
                    let mut s = session2.borrow_mut();
                    if seq == s.seq {
                        s.deadline = None;
                        status2.set(Status::Checked(Rc::new(result)));
                    }
                }
                Answer::Map(seq, drawn) => {
                    if seq == session2.borrow().seq {
                        map2.set(drawn.map(Rc::new));
                    }
                }
                Answer::Stats(seq, rows) => {
                    if seq == session2.borrow().seq {
                        stats2.set(Some(Rc::new(rows)));
                    }
                }
                Answer::Failed(message) => {
                    session2.borrow_mut().deadline = None;
                    status2.set(Status::Failed(message));
                }
            });
            session.borrow_mut().checker = Some(checker);
            if let Some((name, text)) = drafts::load_dimensions() {
                dimensions_name.set(Some(name.clone()));
                session.borrow_mut().dimensions = Some((name, text));
            }
            if let Some((slot, text)) = drafts::load_current() {
                if let Some(area) = editor.cast::<HtmlTextAreaElement>() {
                    area.set_value(&text);
                    session.borrow_mut().slot = slot.clone();
                    current_slot.set(slot);
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
    // The trainer's own dimensions.yaml: kept (so a reload checks the same way) until they
    // go back to the bundled one.
    let set_dimensions = {
        let session = session.clone();
        let dimensions_name = dimensions_name.clone();
        let notice = notice.clone();
        let check_now = check_now.clone();
        Rc::new(move |dimensions: Option<(String, String)>| {
            if !drafts::save_dimensions(dimensions.as_ref()) {
                notice.set(Some("This browser would not keep the dimensions file (its storage is full or blocked); it is used until you reload.".into()));
            }
            dimensions_name.set(dimensions.as_ref().map(|(name, _)| name.clone()));
            session.borrow_mut().dimensions = dimensions;
            check_now();
        })
    };
    let on_dimensions_file = {
        let set_dimensions = set_dimensions.clone();
        let notice = notice.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let set_dimensions = set_dimensions.clone();
                let notice = notice.clone();
                spawn_local(async move {
                    let name = file.name();
                    match read_file(file).await {
                        Ok(text) => set_dimensions(Some((name, text))),
                        Err(e) => notice.set(Some(e)),
                    }
                });
            }
            input.set_value("");
        })
    };
    let on_bundled_dimensions = {
        let set_dimensions = set_dimensions.clone();
        Callback::from(move |_: MouseEvent| set_dimensions(None))
    };
    let open_draft = {
        let editor = editor.clone();
        let session = session.clone();
        let changed = changed.clone();
        let current_slot = current_slot.clone();
        let notice = notice.clone();
        move |slot: String| {
            let editor = editor.clone();
            let session = session.clone();
            let changed = changed.clone();
            let current_slot = current_slot.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let (Some(area), Some(text)) =
                    (editor.cast::<HtmlTextAreaElement>(), drafts::load(&slot))
                else {
                    notice.set(Some("That draft is no longer in this browser.".into()));
                    return;
                };
                area.set_value(&text);
                area.set_selection_range(0, 0).ok();
                area.set_scroll_top(0);
                session.borrow_mut().slot = slot.clone();
                current_slot.set(slot.clone());
                changed(true);
                area.focus().ok();
            })
        }
    };
    let delete_draft = {
        let drafts_list = drafts_list.clone();
        let notice = notice.clone();
        move |slot: String, id: String| {
            let drafts_list = drafts_list.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let sure = gloo::utils::window()
                    .confirm_with_message(&format!(
                        "Delete the draft “{id}” from this browser? This cannot be undone."
                    ))
                    .unwrap_or(false);
                if !sure {
                    return;
                }
                if !drafts::delete(&slot) {
                    notice.set(Some("The browser would not delete the draft.".into()));
                }
                drafts_list.set(drafts::list());
            })
        }
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

    // A node chosen on the map (click, or Enter / Space on a focused node): the editor goes
    // to where the node is defined. The SVG is scenario-map's (see below), so its nodes are
    // found by their `data-node`.
    let map_nodes = map.as_ref().map(|m| m.nodes.clone()).unwrap_or_default();
    let go_to_node = {
        let editor = editor.clone();
        let map_nodes = map_nodes.clone();
        Rc::new(move |target: Option<web_sys::EventTarget>| -> bool {
            let Some(id) = target
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-node]").ok().flatten())
                .and_then(|el| el.get_attribute("data-node"))
            else {
                return false;
            };
            let (Some(node), Some(area)) = (
                map_nodes.iter().find(|n| n.id == id),
                editor.cast::<HtmlTextAreaElement>(),
            ) else {
                return false;
            };
            let (start, end) = utf16_range(&area.value(), node.line, node.column, node.len);
            area.focus().ok();
            area.set_selection_range(start as u32, end as u32).ok();
            true
        })
    };
    let on_map_click = {
        let go_to_node = go_to_node.clone();
        Callback::from(move |e: MouseEvent| {
            go_to_node(e.target());
        })
    };
    let on_map_key = {
        let go_to_node = go_to_node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.key() == "Enter" || e.key() == " ") && go_to_node(e.target()) {
                e.prevent_default();
            }
        })
    };
    let stats_rows = stats.as_deref().cloned().unwrap_or_default();
    let stats_pending = stats.is_none() && matches!(&*status, Status::Checked(r) if r.errors == 0);
    // Not drawn while previewing: its edges carry the same `data-choice` names as the
    // preview's choice buttons, and a hidden copy of the map serves nobody.
    let map_svg = map
        .as_ref()
        .filter(|_| preview.is_none())
        .map(|m| m.svg.clone());

    // "Preview": the text as the core loads it (here, on the page: only on demand), played
    // in the learner's screens; "Back to editing" returns to the same place in the editor.
    let on_preview = {
        let editor = editor.clone();
        let session = session.clone();
        let notice = notice.clone();
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = editor.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            let dimensions = session.borrow().dimensions.as_ref().map(|(_, t)| t.clone());
            let vocabulary = match crate::check::vocabulary(dimensions.as_deref()) {
                Ok(v) => v,
                Err(_) => {
                    notice.set(Some(
                        "The preview needs a dimensions.yaml that loads: see the Problems list."
                            .into(),
                    ));
                    return;
                }
            };
            let loaded = scenario_core::load_scenario(&text, file_stem(&text), &vocabulary);
            let Some(scenario) = loaded.value else {
                notice.set(Some(format!(
                    "The preview plays a file that loads without errors; this one has {}. Fix them first (see the Problems list).",
                    match loaded.errors() { 1 => "1 error".to_owned(), n => format!("{n} errors") }
                )));
                return;
            };
            let routes = scenario_core::Routes::of(&scenario);
            session.borrow_mut().caret = Some((
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
                area.scroll_top(),
            ));
            notice.set(None);
            preview.set(Some((Rc::new(scenario), Rc::new(routes))));
        })
    };
    let on_back_to_editing = {
        let preview = preview.clone();
        Callback::from(move |()| preview.set(None))
    };
    {
        let editor = editor.clone();
        let session = session.clone();
        use_effect_with(preview.is_some(), move |previewing| {
            if !*previewing {
                if let (Some((start, end, scroll)), Some(area)) = (
                    session.borrow_mut().caret.take(),
                    editor.cast::<HtmlTextAreaElement>(),
                ) {
                    area.focus().ok();
                    area.set_selection_range(start, end).ok();
                    area.set_scroll_top(scroll);
                }
            }
        });
    }

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
                if let Some((scenario, routes)) = &*preview {
                    <crate::preview::Preview scenario={scenario.clone()} routes={routes.clone()} on_back={on_back_to_editing} />
                }
                <div class="studio-editing" hidden={preview.is_some()}>
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
                        <label for="open-dimensions">{ "Open a dimensions.yaml" }</label>
                        <input type="file" id="open-dimensions" accept=".yaml,.yml,text/yaml" onchange={on_dimensions_file} />
                        <span class="hint" data-testid="dimensions-in-use">{
                            match &*dimensions_name {
                                Some(name) => format!("Checking against {name} (opened)."),
                                None => "Checking against the bundled dimensions.yaml.".to_owned(),
                            }
                        }</span>
                        if dimensions_name.is_some() {
                            <button type="button" class="button" onclick={on_bundled_dimensions}>{ "Use the bundled dimensions.yaml" }</button>
                        }
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
                    if !drafts_list.is_empty() {
                        <h3 id="drafts-heading">{ "Your drafts in this browser" }</h3>
                        <ul class="drafts" aria-labelledby="drafts-heading">
                            { for drafts_list.iter().map(|d| {
                                let started = scenario_quiz::browser::local_date(
                                    &String::from(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(d.slot.parse::<u64>().unwrap_or(0) as f64)).to_iso_string()),
                                    true,
                                );
                                let open_now = *current_slot == d.slot;
                                html! {
                                    <li>
                                        { format!("{} (started {started})", d.id) }
                                        if open_now {
                                            <span class="hint">{ " open now" }</span>
                                        } else {
                                            { " " }
                                            <button type="button" class="button" aria-label={format!("Open the draft {}", d.id)} onclick={open_draft(d.slot.clone())}>{ "Open" }</button>
                                            { " " }
                                            <button type="button" class="button danger" aria-label={format!("Delete the draft {}", d.id)} onclick={delete_draft(d.slot.clone(), d.id.clone())}>{ "Delete" }</button>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
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
                        { " " }
                        <button type="button" class="button" onclick={on_preview}>{ "Preview" }</button>
                    </p>
                </section>
                <section class="studio-problems" aria-labelledby="problems-heading">
                    <h2 id="problems-heading">{ "Problems" }</h2>
                    <p role="status" class="check-status" data-testid="check-status">{ status_text }</p>
                    <ul class="problems" aria-label="Problems">
                        { for problems.iter().map(|p| html! {
                            <li class={classes!("problem", p.severity.clone())}>
                                if p.file.is_none() {
                                    <button type="button" class="problem-link" onclick={go_to(p.line, p.column, p.len)}
                                        data-code={p.code.clone()} data-line={p.line.to_string()}>
                                        <span class="severity">{ format!("{} {}", p.severity, p.code) }</span>
                                        { " " }{ p.describe() }
                                    </button>
                                } else {
                                    <p data-code={p.code.clone()}>
                                        <span class="severity">{ format!("{} {}", p.severity, p.code) }</span>
                                        { " " }{ p.describe() }
                                    </p>
                                }
                                if let Some(hint) = &p.hint {
                                    <p class="problem-hint">{ hint.clone() }</p>
                                }
                            </li>
                        }) }
                    </ul>
                </section>
                <section class="studio-stats" aria-labelledby="stats-heading">
                    <h2 id="stats-heading">{ "Stats" }</h2>
                    if stats_pending {
                        <p class="hint">{ "Working out the figures…" }</p>
                    } else if stats_rows.is_empty() {
                        <p class="hint">{ "The figures appear once the file loads without errors." }</p>
                    } else {
                        <table class="stats">
                            <caption class="visually-hidden">{ "What the file's playthroughs can do (scenario stats)" }</caption>
                            <tbody>
                                { for stats_rows.iter().map(|(what, value)| html! {
                                    <tr><th scope="row">{ what.clone() }</th><td>{ value.clone() }</td></tr>
                                }) }
                            </tbody>
                        </table>
                    }
                </section>
                <section class="studio-map" aria-labelledby="map-heading">
                    <h2 id="map-heading">{ "Map" }</h2>
                    if let Some(svg) = map_svg {
                        <p class="hint">{ "Choose a node (click, or Tab to it and press Enter) to go to it in the editor. Dashed edges are conditional, red ones cross a red line." }</p>
                        // scenario-map's SVG: only fixed class names and escaped text (every id
                        // and scenario text goes through its `escape`, tested by parsing each
                        // map as XML), no `style` attribute and no script; the page's CSS
                        // (map.css) styles it.
                        <div class="map-view" onclick={on_map_click} onkeydown={on_map_key}>
                            { Html::from_html_unchecked(svg.into()) }
                        </div>
                        <details class="map-list">
                            <summary>{ "The map as a list" }</summary>
                            <ul aria-label="Nodes">
                                { for map_nodes.iter().map(|n| html! {
                                    <li>
                                        <button type="button" class="problem-link" onclick={go_to(n.line, n.column, n.len)}>{ n.id.clone() }</button>
                                        { format!(": {}", n.description) }
                                    </li>
                                }) }
                            </ul>
                        </details>
                    } else {
                        <p class="hint">{ "The map appears once the file's structure loads." }</p>
                    }
                </section>
                </div>
            </main>
        </div>
    }
}
