//! The runtime's only contact with the browser: finding the LMS's API object, calling it,
//! reading the xAPI launch from the address, sending statements with `fetch` (`keepalive`
//! as the page goes), keeping the queue in localStorage, the page's `pagehide`,
//! `visibilitychange` and `online` events, and the hook that hands every saved session to
//! the pure code in the modules beside this one.

use crate::lms::queue::{self, Item, Outcome, Queue};
use crate::lms::scorm::{Api, Recorder, Version};
use crate::lms::xapi::{self, Attempt, Launch};
use crate::lms::Tracker;
use crate::player::PlayerState;
use crate::{browser, storage};
use js_sys::{Function, Reflect};
use scenario_core::{Scenario, Session};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// How many windows up the parent chain (and the opener's) the API is looked for: the ADL
/// wrapper's bound.
const MAX_PARENTS: usize = 7;

/// The largest body sent with `keepalive` (the browser's limit for all such requests of a
/// page is 64 KiB).
const KEEPALIVE_BYTES: usize = 60_000;

/// The LMS's API object, called by name.
struct JsApi {
    object: JsValue,
    version: Version,
}

impl JsApi {
    fn call(&self, v12: &str, v2004: &str, args: &[&str]) -> JsValue {
        let name = if self.version == Version::Scorm12 {
            v12
        } else {
            v2004
        };
        let Some(f) = Reflect::get(&self.object, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        else {
            return JsValue::FALSE;
        };
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        f.apply(&self.object, &args).unwrap_or(JsValue::FALSE)
    }

    fn ok(value: JsValue) -> bool {
        value.as_bool().unwrap_or(false) || value.as_string().as_deref() == Some("true")
    }

    fn text(value: JsValue) -> String {
        value
            .as_string()
            // a number (an LMS that answers `_count` with one): integers only, no float
            // formatting in the wasm
            .or_else(|| value.as_f64().map(|n| (n as i64).to_string()))
            .unwrap_or_default()
    }
}

impl Api for JsApi {
    fn initialize(&mut self) -> bool {
        Self::ok(self.call("LMSInitialize", "Initialize", &[""]))
    }
    fn get(&mut self, element: &str) -> String {
        Self::text(self.call("LMSGetValue", "GetValue", &[element]))
    }
    fn set(&mut self, element: &str, value: &str) -> bool {
        Self::ok(self.call("LMSSetValue", "SetValue", &[element, value]))
    }
    fn commit(&mut self) -> bool {
        Self::ok(self.call("LMSCommit", "Commit", &[""]))
    }
    fn terminate(&mut self) -> bool {
        Self::ok(self.call("LMSFinish", "Terminate", &[""]))
    }
    fn last_error(&mut self) -> (String, String) {
        let code = Self::text(self.call("LMSGetLastError", "GetLastError", &[]));
        let text = Self::text(self.call("LMSGetErrorString", "GetErrorString", &[&code]));
        (code, text)
    }
}

/// `name` on `window` or one of its parents (at most [`MAX_PARENTS`] up); a window of
/// another origin ends the search there.
fn find_in_parents(mut window: JsValue, name: &str) -> Option<JsValue> {
    for _ in 0..=MAX_PARENTS {
        if window.is_undefined() || window.is_null() {
            return None;
        }
        let found = Reflect::get(&window, &name.into()).ok()?;
        if found.is_object() {
            return Some(found);
        }
        let parent = Reflect::get(&window, &"parent".into()).ok()?;
        if parent == window {
            return None;
        }
        window = parent;
    }
    None
}

/// The LMS's API, as the standards say to look for it: this window and its parents, then
/// the opener and its parents; SCORM 2004's `API_1484_11` before 1.2's `API`.
fn discover() -> Option<JsApi> {
    let window: JsValue = web_sys::window()?.into();
    let opener = Reflect::get(&window, &"opener".into()).unwrap_or(JsValue::NULL);
    for (name, version) in [
        ("API_1484_11", Version::Scorm2004),
        ("API", Version::Scorm12),
    ] {
        if let Some(object) =
            find_in_parents(window.clone(), name).or_else(|| find_in_parents(opener.clone(), name))
        {
            return Some(JsApi { object, version });
        }
    }
    None
}

/// The xAPI side: the launch, the queue and the sender's state.
struct Lrs {
    launch: Launch,
    queue: Queue,
    failures: u32,
    sending: bool,
    retry: Option<gloo::timers::callback::Timeout>,
    notice: Option<String>,
}

/// Everything the runtime holds for the page.
struct Runtime {
    scorm: Option<Recorder<JsApi>>,
    lrs: Option<Lrs>,
    tracker: Tracker,
    scenario: Option<Rc<Scenario>>,
    activity: String,
    registration: String,
    page_start: f64,
    attempt_start: f64,
    launch_notice: Option<String>,
    on_notice: Option<Callback<Option<String>>>,
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut Runtime) -> R) -> Option<R> {
    RUNTIME.with(|r| r.borrow_mut().as_mut().map(f))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn seconds_since(start: f64) -> u64 {
    ((now_ms() - start) / 1000.0).max(0.0) as u64
}

fn queue_key() -> String {
    format!("{}/xapi-queue", storage::KEY_PREFIX)
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn save_queue(queue: &Queue) {
    if let Some(s) = local() {
        let _ = s.set_item(&queue_key(), &queue.to_json());
    }
}

/// A new statement id (UUID v4, from the browser's `crypto.randomUUID`).
fn uuid() -> String {
    let crypto = web_sys::window().and_then(|w| Reflect::get(&w, &"crypto".into()).ok());
    crypto
        .and_then(|c| {
            let f: Function = Reflect::get(&c, &"randomUUID".into())
                .ok()?
                .dyn_into()
                .ok()?;
            f.call0(&c).ok()?.as_string()
        })
        .unwrap_or_default()
}

/// Starts the runtime before the app renders: finds the LMS, reads the xAPI launch, and
/// puts a session the LMS asks to resume where the app looks for saved progress.
pub fn start() {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    let (lrs, launch_notice) = match xapi::parse_launch(&search) {
        Ok(Some(launch)) => {
            let queue = Queue::parse(local().and_then(|s| s.get_item(&queue_key()).ok().flatten()).as_deref());
            (Some(Lrs { launch, queue, failures: 0, sending: false, retry: None, notice: None }), None)
        }
        Ok(None) => (None, None),
        Err(why) => (None, Some(format!("This page was opened to send results to a learning record store, but {why}, so nothing will be sent. Your progress is saved in this browser."))),
    };
    let scorm = discover().map(|api| {
        let version = api.version;
        let (recorder, saved) = Recorder::start(api, version);
        if let Some(saved) = saved {
            resume_from_lms(&saved);
        }
        recorder
    });
    if scorm.is_none() && lrs.is_none() && launch_notice.is_none() {
        return;
    }
    let page = location.href().unwrap_or_default();
    let page = page.split(['?', '#']).next().unwrap_or_default().to_owned();
    let registration = lrs
        .as_ref()
        .and_then(|l| l.launch.registration.clone())
        .unwrap_or_else(|| stored_registration(&page));
    RUNTIME.with(|r| {
        *r.borrow_mut() = Some(Runtime {
            scorm,
            lrs,
            tracker: Tracker::default(),
            scenario: None,
            activity: page,
            registration,
            page_start: now_ms(),
            attempt_start: now_ms(),
            launch_notice,
            on_notice: None,
        })
    });
    listen("pagehide", |_| leave());
    listen("online", |_| kick());
    listen("visibilitychange", |_| {
        let hidden = Reflect::get(&gloo::utils::document(), &"visibilityState".into())
            .ok()
            .and_then(|v| v.as_string())
            .is_some_and(|v| v == "hidden");
        if hidden {
            with(|rt| {
                let seconds = seconds_since(rt.page_start);
                if let Some(s) = rt.scorm.as_mut() {
                    s.hide(seconds);
                }
            });
            flush_keepalive();
        }
    });
    kick();
}

/// Without a launch `registration`, one kept on this device per page (so a learner's
/// attempts still group; the cohort report needs one).
fn stored_registration(page: &str) -> String {
    let key = format!("{}/xapi-registration/{page}", storage::KEY_PREFIX);
    if let Some(id) = local().and_then(|s| s.get_item(&key).ok().flatten()) {
        return id;
    }
    let id = uuid();
    if let Some(s) = local() {
        let _ = s.set_item(&key, &id);
    }
    id
}

/// The LMS's saved session becomes the app's saved progress for its scenario (unless this
/// browser holds the same attempt further on), and the app opens on it when the address
/// names no screen or that scenario's introduction (where a package's manifest launches it:
/// crates/scenario-package).
fn resume_from_lms(saved: &str) {
    use scenario_core::json::Json;
    let fields = |text: &str| -> Option<(String, String, usize)> {
        let Json::Obj(members) = Json::parse(text).ok()? else {
            return None;
        };
        let get = |k: &str| members.iter().find(|(n, _)| n == k).map(|(_, v)| v);
        let Some(Json::Str(id)) = get("scenario") else {
            return None;
        };
        let seed = match get("seed") {
            Some(Json::Num(n)) => n.clone(),
            _ => String::new(),
        };
        let taken = match get("taken") {
            Some(Json::Arr(t)) => t.len(),
            _ => 0,
        };
        Some((id.clone(), seed, taken))
    };
    let Some((id, seed, taken)) = fields(saved) else {
        return;
    };
    let local = storage::load_saved(&id).session;
    let further_here = local
        .as_deref()
        .and_then(fields)
        .is_some_and(|(_, s, t)| s == seed && t > taken);
    if !further_here {
        storage::save(&id, saved, None);
    }
    use crate::route::Route;
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let launched = hash.is_empty() || hash == "#" || hash == "#/";
    if launched || Route::parse(&hash) == Route::Intro(id.clone()) {
        browser::replace(&Route::Play(id));
    }
}

fn listen(event: &str, f: impl Fn(web_sys::Event) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(f);
    let target: web_sys::EventTarget = if event == "visibilitychange" {
        gloo::utils::document().into()
    } else {
        gloo::utils::window().into()
    };
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn notify() {
    let (callback, notice) = with(|rt| {
        let notice = rt
            .scorm
            .as_ref()
            .and_then(|s| s.notice().map(str::to_owned))
            .or_else(|| rt.launch_notice.clone())
            .or_else(|| rt.lrs.as_ref().and_then(|l| l.notice.clone()));
        (rt.on_notice.clone(), notice)
    })
    .unwrap_or((None, None));
    if let Some(callback) = callback {
        callback.emit(notice);
    }
}

/// A session the app saved: what it means goes to the LMS and the LRS.
fn observe(scenario: &Rc<Scenario>, session: &Session, shuffle: bool) {
    with(|rt| {
        let events = rt.tracker.observe(scenario, session);
        if events.is_empty() {
            return;
        }
        if rt.scenario.is_none() {
            rt.scenario = Some(scenario.clone());
        }
        let now = browser::now_iso();
        if let Some(s) = rt.scorm.as_mut() {
            s.record(scenario, session, &events, &now);
        }
        if events.iter().any(|e| {
            matches!(
                e,
                crate::lms::Event::Opened | crate::lms::Event::Restarted { .. }
            )
        }) {
            rt.attempt_start = now_ms();
        }
        let seconds = seconds_since(rt.attempt_start);
        let activity = attempt_activity(rt, scenario);
        let Some(lrs) = rt.lrs.as_mut() else {
            return;
        };
        let attempt = Attempt {
            launch: &lrs.launch,
            activity: &activity,
            registration: &rt.registration,
            scenario,
        };
        let mut ids = uuid;
        for statement in attempt.statements(session, &events, shuffle, &now, seconds, &mut ids) {
            lrs.queue.push(Item {
                endpoint: lrs.launch.endpoint.clone(),
                id: statement.id,
                body: statement.body,
            });
        }
        save_queue(&lrs.queue);
    });
    notify();
    kick();
}

fn attempt_activity(rt: &Runtime, scenario: &Scenario) -> String {
    rt.lrs
        .as_ref()
        .and_then(|l| l.launch.activity_id.clone())
        .unwrap_or_else(|| format!("{}#/s/{}", rt.activity, scenario.id))
}

/// The page is going: `terminated` for an open attempt, the queue sent with `keepalive`,
/// and the LMS session finished (once).
fn leave() {
    with(|rt| {
        let now = browser::now_iso();
        let seconds = seconds_since(rt.page_start);
        if let (Some(scenario), true) = (rt.scenario.clone(), rt.lrs.is_some()) {
            let activity = attempt_activity(rt, &scenario);
            if let Some(lrs) = rt.lrs.as_mut() {
                let attempt = Attempt {
                    launch: &lrs.launch,
                    activity: &activity,
                    registration: &rt.registration,
                    scenario: &scenario,
                };
                let statement = attempt.terminated(uuid(), &now);
                lrs.queue.push(Item {
                    endpoint: lrs.launch.endpoint.clone(),
                    id: statement.id,
                    body: statement.body,
                });
                save_queue(&lrs.queue);
            }
            rt.scenario = None;
        }
        if let Some(s) = rt.scorm.as_mut() {
            s.finish(seconds);
        }
    });
    flush_keepalive();
}

fn request(lrs: &Launch, body: String, keepalive: bool) -> Option<js_sys::Promise> {
    let headers = js_sys::Object::new();
    for (k, v) in [
        ("Content-Type", "application/json"),
        ("X-Experience-API-Version", "1.0.3"),
        ("Authorization", lrs.auth.as_str()),
    ] {
        let _ = Reflect::set(&headers, &k.into(), &v.into());
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    // `keepalive` (not in web-sys's stable API): the request outlives the page.
    let _ = Reflect::set(&init, &"keepalive".into(), &keepalive.into());
    init.set_cache(web_sys::RequestCache::NoStore);
    let url = format!("{}statements", lrs.endpoint);
    Some(web_sys::window()?.fetch_with_str_and_init(&url, &init))
}

/// Every waiting statement of this launch in one `keepalive` POST, as the page is hidden
/// or goes: the page may not live to see the answer, so nothing is removed; the next page
/// load sends them again one by one, and the LRS answers 204 for those it has.
fn flush_keepalive() {
    with(|rt| {
        if let Some(lrs) = rt.lrs.as_ref() {
            if let Some(batch) = lrs.queue.batch(&lrs.launch.endpoint, KEEPALIVE_BYTES) {
                let _ = request(&lrs.launch, batch, true);
            }
        }
    });
}

/// Sends the queue's head, then the next, until it is empty or a send fails.
fn kick() {
    let start = with(|rt| match rt.lrs.as_mut() {
        Some(lrs) if !lrs.sending => {
            lrs.sending = true;
            lrs.retry = None;
            true
        }
        _ => false,
    })
    .unwrap_or(false);
    if start {
        wasm_bindgen_futures::spawn_local(send_loop());
    }
}

async fn send_loop() {
    loop {
        let next = with(|rt| {
            let lrs = rt.lrs.as_ref()?;
            let item = lrs.queue.head(&lrs.launch.endpoint)?.clone();
            Some((lrs.launch.clone(), item))
        })
        .flatten();
        let Some((launch, item)) = next else {
            with(|rt| {
                if let Some(lrs) = rt.lrs.as_mut() {
                    lrs.sending = false;
                    lrs.failures = 0;
                    lrs.notice = None;
                }
            });
            notify();
            return;
        };
        let status = match request(&launch, item.body.clone(), false) {
            Some(promise) => match JsFuture::from(promise).await {
                Ok(r) => r
                    .dyn_into::<web_sys::Response>()
                    .map(|r| r.status())
                    .unwrap_or(0),
                Err(_) => 0,
            },
            None => 0,
        };
        let outcome = queue::outcome(status);
        let keep_going = with(|rt| {
            let lrs = rt.lrs.as_mut()?;
            match outcome {
                Outcome::Delivered => {
                    lrs.queue.remove(&item.id);
                    lrs.failures = 0;
                }
                Outcome::Rejected => {
                    lrs.queue.remove(&item.id);
                    reject(&item, status);
                }
                Outcome::Retry => {
                    lrs.failures += 1;
                    lrs.sending = false;
                    lrs.notice = Some("Your results have not reached the learning record store yet. They are kept in this browser and will be sent when it answers.".to_owned());
                    let wait = queue::backoff_ms(lrs.failures);
                    lrs.retry = Some(gloo::timers::callback::Timeout::new(wait, kick));
                }
            }
            save_queue(&lrs.queue);
            Some(outcome != Outcome::Retry)
        })
        .flatten()
        .unwrap_or(false);
        if !keep_going {
            notify();
            return;
        }
    }
}

/// A statement the LRS refused as such: kept on the device (`xapi-rejected`), never resent.
fn reject(item: &Item, status: u16) {
    let key = format!("{}/xapi-rejected", storage::KEY_PREFIX);
    if let Some(s) = local() {
        let mut rejected = Queue::parse(s.get_item(&key).ok().flatten().as_deref());
        rejected.push(item.clone());
        let _ = s.set_item(&key, &rejected.to_json());
    }
    // console.warn through Reflect: web-sys's `console` feature would rebuild web-sys, and
    // everything on it, for this build alone.
    let message = format!(
        "xAPI: the LRS refused statement {} (HTTP {status}); kept under {key}",
        item.id
    );
    let console = Reflect::get(&js_sys::global(), &"console".into()).ok();
    if let Some((console, warn)) = console.and_then(|c| {
        let warn: Function = Reflect::get(&c, &"warn".into()).ok()?.dyn_into().ok()?;
        Some((c, warn))
    }) {
        let _ = warn.call1(&console, &message.into());
    }
}

/// Hands every session the app saves to the runtime (not in trainer mode, where play is a
/// demonstration); returns the notice to show the learner, if any.
#[hook]
pub fn use_lms(player: &PlayerState, shuffle: bool, trainer: bool) -> Option<String> {
    let notice = use_state_eq(|| None::<String>);
    {
        let notice = notice.clone();
        use_effect_with((), move |_| {
            with(|rt| rt.on_notice = Some(Callback::from(move |n| notice.set(n))));
            notify();
        });
    }
    let progress = player
        .play
        .as_ref()
        .filter(|_| !trainer)
        .map(|play| (play.scenario.clone(), play.session.clone()));
    let key = progress
        .as_ref()
        .map(|(s, session)| (s.id.clone(), session.clone()));
    use_effect_with(key, move |_| {
        if let Some((scenario, session)) = progress {
            observe(&scenario, &session, shuffle);
        }
    });
    (*notice).clone()
}
