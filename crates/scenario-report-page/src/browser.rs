//! What the page asks of the browser: the built site's packs (`scenarios/index.json` and the
//! packs it names, the model as the learner's app reads it), an LRS's statements pages, a
//! file's text, the web worker that reads statements files off the main thread, focus and
//! printing. Every failure is a sentence saying what and where, never a panic.

use scenario_core::index::{read_index, Unread};
use scenario_core::model::{Scenario, Vocabulary};
use scenario_core::pack::{read_scenario, read_vocabulary};
use scenario_report::{lrs, Cohort, Filter, Reader};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The scenarios the site was built with.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Site {
    /// The scenarios that loaded, in the index's order.
    pub scenarios: Vec<Scenario>,
    /// The dimensions and red-line acts (labels in the report).
    pub vocabulary: Option<Vocabulary>,
    /// Files that could not be fetched or read.
    pub notices: Vec<String>,
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

/// GETs `url` and returns its text. `headers` are sent as given (the LRS's `Authorization`
/// and xAPI version); `what` names the request in errors.
pub async fn get_text(url: &str, headers: &[(&str, &str)], what: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let h = web_sys::Headers::new().map_err(|e| describe(&e))?;
    for (name, value) in headers {
        h.set(name, value).map_err(|e| {
            format!(
                "{what}: the header {name} cannot be sent ({})",
                describe(&e)
            )
        })?;
    }
    init.set_headers(&h);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
            format!(
                "{what}: the request to {url} failed ({}). The server may be down, may not allow this page's origin (CORS), or this site's Content-Security-Policy may not allow its origin (docs/security.md, “The cohort report page”).",
                describe(&e)
            )
        })?
        .dyn_into()
        .map_err(|_| format!("{what}: the answer was not a response"))?;
    let text = JsFuture::from(response.text().map_err(|e| describe(&e))?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{what}: the answer's body could not be read"))?;
    if !response.ok() {
        let body: String = text.chars().take(300).collect();
        return Err(format!(
            "{what}: {url} answered HTTP {} {}",
            response.status(),
            body.trim()
        ));
    }
    Ok(text)
}

/// Fetches the site's index and every pack it names (relative to the page, as the learner's
/// app does); a file that cannot be fetched or read is a notice, the others still load.
pub async fn load_site() -> Site {
    let mut site = Site::default();
    let index = match get_text("scenarios/index.json", &[], "The list of scenarios").await {
        Ok(text) => match read_index::<Unread>(&text) {
            Ok(index) => index,
            Err(failed) => {
                site.notices.extend(failed.errors.iter().map(|e| e.line()));
                return site;
            }
        },
        Err(e) => {
            site.notices.push(e);
            return site;
        }
    };
    match get_text(
        &format!("scenarios/{}", index.vocabulary),
        &[],
        "The dimensions",
    )
    .await
    {
        Ok(text) => match read_vocabulary(&text) {
            Ok(v) => site.vocabulary = Some(v),
            Err(failed) => site.notices.extend(failed.errors.iter().map(|e| e.line())),
        },
        Err(e) => site.notices.push(e),
    }
    for entry in &index.scenarios {
        let stem = entry.stem();
        match get_text(&format!("scenarios/{}", entry.file), &[], stem).await {
            Ok(text) => match read_scenario(&text, stem) {
                Ok((scenario, _routes, _links)) => site.scenarios.push(scenario),
                Err(failed) => site.notices.extend(failed.errors.iter().map(|e| e.line())),
            },
            Err(e) => site.notices.push(e),
        }
    }
    site
}

/// The `Authorization` header of HTTP Basic for a key and secret (what an LRS issues);
/// UTF-8, as RFC 7617 recommends, through the browser's base64.
pub fn basic_auth(key: &str, secret: &str) -> Result<String, String> {
    let pair = format!("{key}:{secret}");
    // btoa takes a "binary string": one character per byte.
    let bytes: String = pair.bytes().map(char::from).collect();
    let window = web_sys::window().ok_or("no browser window")?;
    window
        .btoa(&bytes)
        .map(|b| format!("Basic {b}"))
        .map_err(|e| describe(&e))
}

/// Every statement of `filter.activity` from the LRS at `endpoint`, following `more`;
/// `progress(pages, statements)` after each page.
pub async fn lrs_cohort(
    endpoint: &str,
    auth: Option<&str>,
    filter: Filter,
    names: bool,
    progress: impl Fn(u32, u64),
) -> Result<Cohort, String> {
    lrs::check_url(endpoint)?;
    let base = lrs::base(endpoint);
    let activity = filter.activity.clone().unwrap_or_default();
    let mut url = lrs::first_page(&base, &activity);
    let mut headers = vec![("X-Experience-API-Version", "1.0.3")];
    if let Some(a) = auth {
        headers.push(("Authorization", a));
    }
    let mut reader = Reader::new(filter);
    let mut seen = std::collections::HashSet::new();
    let mut pages = 0u32;
    loop {
        if !seen.insert(url.clone()) {
            return Err(format!(
                "The LRS: its `more` link repeats ({url}); stopped after {pages} pages."
            ));
        }
        let page = get_text(&url, &headers, "The LRS").await?;
        pages += 1;
        let more = reader
            .read_page(&page)
            .map_err(|e| format!("The LRS, page {pages} ({url}): {e}"))?;
        progress(pages, reader.stats().read);
        match more {
            Some(more) => url = lrs::resolve_more(&base, &more),
            None => break,
        }
    }
    Ok(Cohort::from_reader(reader, names))
}

/// A file's text (read by the browser, off the main thread).
pub async fn file_text(file: &web_sys::Blob) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .map_err(|e| describe(&e))?
        .as_string()
        .ok_or_else(|| "the file is not text".into())
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a statements file in a web worker (web/report-worker.js, at `worker_url`), so a
/// file of 100,000 statements never freezes the page: the worker reads the file itself (the
/// page hands over the `File`, not its text) and answers the counted cohort as JSON, with the
/// milliseconds its reading took. One worker per file, closed after its answer.
pub async fn worker_cohort(
    worker_url: &str,
    file: &web_sys::File,
    filter: &Filter,
    names: bool,
) -> Result<(Cohort, f64), String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(worker_url, &options)
        .map_err(|e| format!("the statements reader could not start ({})", describe(&e)))?;
    let filter = serde_json::to_string(filter).map_err(|e| e.to_string())?;
    // The answer arrives as a message (or the worker fails to load: an error event).
    let mut on_message = None;
    let mut on_error = None;
    let answer = js_sys::Promise::new(&mut |resolve, _reject| {
        let r = resolve.clone();
        let m =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let _ = r.call1(&JsValue::NULL, &e.data());
            });
        let err = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            let o = js_sys::Object::new();
            set(
                &o,
                "error",
                &JsValue::from_str("the statements reader (a web worker) failed to load"),
            );
            let _ = resolve.call1(&JsValue::NULL, &o);
        });
        worker.set_onmessage(Some(m.as_ref().unchecked_ref()));
        worker.set_onerror(Some(err.as_ref().unchecked_ref()));
        on_message = Some(m);
        on_error = Some(err);
    });
    let message = js_sys::Object::new();
    set(&message, "file", file);
    set(&message, "filter", &JsValue::from_str(&filter));
    set(&message, "names", &JsValue::from_bool(names));
    worker.post_message(&message).map_err(|e| {
        format!(
            "the file could not be handed to the statements reader ({})",
            describe(&e)
        )
    })?;
    let data = JsFuture::from(answer).await.unwrap_or(JsValue::UNDEFINED);
    worker.terminate();
    drop((on_message, on_error));
    let ms = get(&data, "ms").as_f64().unwrap_or(f64::NAN);
    if let Some(json) = get(&data, "json").as_string() {
        return crate::reports::worker_answer(&json).map(|c| (c, ms));
    }
    Err(get(&data, "error")
        .as_string()
        .unwrap_or_else(|| "the statements reader answered nothing".into()))
}

/// Moves keyboard and screen-reader focus to the element with this id (it has
/// `tabindex="-1"`) and scrolls it into view.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
        element.scroll_into_view();
    }
}

/// Opens the browser's print dialogue (the page's print styles show the report only).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
