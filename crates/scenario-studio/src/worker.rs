//! The page's side of the checker's web worker (web/studio-worker.js runs this crate's wasm
//! and calls [`crate::check_in_worker`]), so a slow or pathological check never blocks the
//! editor: requests carry a sequence number and the page keeps only the latest answer; a
//! worker that does not answer in time is terminated and a fresh one started.

use crate::check::{read_json, read_map_json, read_stats_json, CheckResult};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the worker answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The check of request `seq`.
    Checked(u32, CheckResult),
    /// The branching map for request `seq` (`None` when the structure did not load).
    Map(u32, Option<crate::check::Map>),
    /// `scenario stats`'s figures for request `seq` (empty when the text has errors).
    Stats(u32, Vec<(String, String)>),
    /// The worker failed (it did not start, or its answer could not be read).
    Failed(String),
}

/// The running worker and its message handlers (dropped with it).
pub struct Checker {
    url: String,
    worker: Option<Worker>,
    on_answer: std::rc::Rc<dyn Fn(Answer)>,
    /// Set when the worker reported a failure: it closes itself, and the next request
    /// starts a fresh one.
    dead: std::rc::Rc<std::cell::Cell<bool>>,
    /// Set from a request until its last answer (the stats): a worker still busy when the
    /// next request comes is replaced, so a slow stats search never holds up a check.
    busy: std::rc::Rc<std::cell::Cell<bool>>,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

impl Checker {
    /// A checker whose worker script is at `url`; `on_answer` gets every answer.
    pub fn new(url: String, on_answer: impl Fn(Answer) + 'static) -> Checker {
        let mut checker = Checker {
            url,
            worker: None,
            on_answer: std::rc::Rc::new(on_answer),
            dead: Default::default(),
            busy: Default::default(),
            _on_message: None,
            _on_error: None,
        };
        checker.spawn();
        checker
    }

    fn spawn(&mut self) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options(&self.url, &options) {
            Ok(worker) => worker,
            Err(e) => {
                (self.on_answer)(Answer::Failed(format!(
                    "the checker could not start ({})",
                    e.as_string()
                        .unwrap_or_else(|| "the browser refused".into())
                )));
                return;
            }
        };
        self.dead.set(false);
        self.busy.set(false);
        let on_answer = self.on_answer.clone();
        let dead = self.dead.clone();
        let busy = self.busy.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let seq = field(&data, "seq").as_f64().unwrap_or(-1.0);
            if let Some(map) = field(&data, "map").as_string() {
                let answer = match read_map_json(&map) {
                    Ok(map) if seq >= 0.0 => Answer::Map(seq as u32, map),
                    Ok(_) => Answer::Failed("the checker's answer had no sequence number".into()),
                    Err(e) => Answer::Failed(e),
                };
                return on_answer(answer);
            }
            if let Some(stats) = field(&data, "stats").as_string() {
                busy.set(false);
                let answer = match read_stats_json(&stats) {
                    Ok(rows) if seq >= 0.0 => Answer::Stats(seq as u32, rows),
                    Ok(_) => Answer::Failed("the checker's answer had no sequence number".into()),
                    Err(e) => Answer::Failed(e),
                };
                return on_answer(answer);
            }
            let answer = match (
                field(&data, "json").as_string(),
                field(&data, "error").as_string(),
            ) {
                (Some(json), _) => match read_json(&json) {
                    Ok(result) if seq >= 0.0 => Answer::Checked(seq as u32, result),
                    Ok(_) => Answer::Failed("the checker's answer had no sequence number".into()),
                    Err(e) => Answer::Failed(e),
                },
                (None, Some(error)) => {
                    dead.set(true);
                    Answer::Failed(error)
                }
                (None, None) => Answer::Failed("the checker's answer was empty".into()),
            };
            on_answer(answer);
        });
        let on_answer = self.on_answer.clone();
        let dead = self.dead.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            dead.set(true);
            on_answer(Answer::Failed("the checker stopped with an error".into()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.worker = Some(worker);
        self._on_message = Some(on_message);
        self._on_error = Some(on_error);
    }

    /// Asks for a check of `text` (with the trainer's `dimensions`, or the bundled ones).
    pub fn send(&mut self, seq: u32, text: &str, dimensions: Option<&str>) {
        if self.dead.get() || self.busy.get() {
            self.restart();
        } else if self.worker.is_none() {
            self.spawn();
        }
        let Some(worker) = &self.worker else { return };
        let message = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(name), &value);
        };
        set("seq", JsValue::from(seq));
        set("text", JsValue::from_str(text));
        set(
            "dimensions",
            dimensions.map_or(JsValue::NULL, JsValue::from_str),
        );
        self.busy.set(true);
        if worker.post_message(&message).is_err() {
            (self.on_answer)(Answer::Failed("the checker refused the text".into()));
        }
    }

    /// Stops a worker that is taking too long and starts a fresh one.
    pub fn restart(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.spawn();
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
    }
}
