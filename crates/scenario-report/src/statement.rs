//! Reading xAPI statements as an LRS exports them (a JSON array, JSON lines, or a
//! `StatementResult` page) into compact [`Event`]s: only what the cohort report counts, with
//! strings interned. Reading never fails and never panics: a statement that does not parse or
//! does not fit the design in `docs/lms.md` is counted under a reason and skipped; statements
//! about other activities, other verbs and repeated statement ids are counted and ignored.

use crate::cohort::Filter;
use crate::time::{parse_instant, Micros};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The base of every extension IRI the app writes.
pub const EXT: &str = "https://scenario-quiz.github.io/xapi/extensions/";
/// `context.platform` on every statement the app sends.
pub const PLATFORM: &str = "scenario-quiz";
/// ADL verbs the report reads.
pub mod verb {
    /// The scenario opens (play starts or resumes).
    pub const INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
    /// One decision taken.
    pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    /// An ending reached, passed.
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    /// An ending reached, failed.
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
    /// After the ending.
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    /// The learner left.
    pub const TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
}

/// An interned string.
pub type Sym = u32;

/// Interned strings: the events hold indices, so a million statements share one copy of
/// each actor, node and choice id.
#[derive(Debug, Default, Clone)]
pub struct Syms {
    map: HashMap<Box<str>, Sym>,
    list: Vec<Box<str>>,
}

impl Syms {
    /// The symbol of `s`, added when new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&n) = self.map.get(s) {
            return n;
        }
        let n = self.list.len() as Sym;
        self.list.push(s.into());
        self.map.insert(s.into(), n);
        n
    }

    /// The text of a symbol.
    pub fn get(&self, n: Sym) -> &str {
        &self.list[n as usize]
    }
}

/// A decision taken (an `answered` statement).
#[derive(Debug, Clone)]
pub struct Answer {
    /// The decision node's id.
    pub node: Sym,
    /// The choice id (`result.response`).
    pub choice: Sym,
    /// 1-based index of the decision in the attempt (`…/decision-number`).
    pub number: u32,
    /// `result.success`: false when the choice crosses a red line.
    pub success: Option<bool>,
    /// `…/red-lines`: the acts the choice commits.
    pub red_lines: Vec<Sym>,
    /// `…/scores`, when present: the choice's score per dimension.
    pub scores: Option<Vec<(Sym, i64)>>,
    /// The choices offered (`object.definition.choices`): id and text, sorted by id.
    pub offered: Vec<(Sym, Option<Sym>)>,
}

/// An ending reached (a `passed` or `failed` statement).
#[derive(Debug, Clone)]
pub struct EndingReached {
    /// `passed` (not `failed`).
    pub passed: bool,
    /// `result.score.raw`: the overall percent, when assessed.
    pub overall: Option<i64>,
    /// `…/dimension-percents`: percent per dimension, `None` when not assessed.
    pub dimensions: Vec<(Sym, Option<i64>)>,
    /// `…/red-lines-crossed`.
    pub red_lines_crossed: Vec<Sym>,
    /// `…/ending`: the ending node.
    pub ending: Option<Sym>,
    /// `…/outcome`.
    pub outcome: Option<Sym>,
}

/// What a statement says, as far as the report is concerned.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A decision.
    Answered(Box<Answer>),
    /// An ending.
    Ended(Box<EndingReached>),
}

/// One statement that counts.
#[derive(Debug, Clone)]
pub struct Event {
    /// The statement id as a number (canonical UUIDs sort as their numbers do).
    pub id: u128,
    /// `timestamp` (or `stored` when it has none), UTC microseconds.
    pub time: Micros,
    /// The scenario activity IRI.
    pub scenario: Sym,
    /// The actor's identifier (`mbox:…`, `mbox_sha1sum:…`, `openid:…`, `account:home|name`).
    pub actor: Sym,
    /// `actor.name`, when given.
    pub name: Option<Sym>,
    /// `context.registration` (lower case; empty when missing).
    pub registration: Sym,
    /// `…/scenario-fingerprint` (empty when missing).
    pub fingerprint: Sym,
    /// The decision or ending.
    pub progress: Progress,
}

/// What was read and what was left out.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputStats {
    /// Statements (or lines, or array items) read.
    pub read: u64,
    /// Statements that count (decisions and endings of the selected activities and cohort).
    pub used: u64,
    /// `initialized` statements of the selected activities and cohort (openings and resumes).
    pub opened: u64,
    /// `completed` and `terminated` statements (read, not needed for the numbers).
    pub closing: u64,
    /// A statement id seen before: counted once.
    pub duplicates: u64,
    /// About other activities (or, with no activity given, not from scenario-quiz).
    pub other_activities: u64,
    /// Verbs the report does not read, about the selected activities.
    pub other_verbs: u64,
    /// Outside the cohort's grouping or registration list.
    pub outside_cohort: u64,
    /// Skipped: did not parse or did not fit, by reason.
    pub skipped: Vec<Skipped>,
}

impl InputStats {
    /// Statements skipped, all reasons.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().map(|s| s.count).sum()
    }
}

/// One reason statements were skipped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Why.
    pub reason: String,
    /// How many.
    pub count: u64,
    /// The first few, as `item N` / `line N` with the statement id when known.
    pub examples: Vec<String>,
}

const EXAMPLES: usize = 3;

#[derive(Deserialize)]
struct RawStatement<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    actor: Option<RawActor<'a>>,
    #[serde(default)]
    verb: Option<RawId>,
    #[serde(borrow, default)]
    object: Option<RawObject<'a>>,
    #[serde(borrow, default)]
    result: Option<RawResult<'a>>,
    #[serde(borrow, default)]
    context: Option<RawContext<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    stored: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct RawActor<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    mbox: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    mbox_sha1sum: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    openid: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    account: Option<RawAccount<'a>>,
}

#[derive(Deserialize)]
struct RawAccount<'a> {
    #[serde(borrow, default, rename = "homePage")]
    home_page: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct RawId {
    id: String,
}

#[derive(Deserialize)]
struct RawObject<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    definition: Option<RawDefinition<'a>>,
}

#[derive(Deserialize)]
struct RawDefinition<'a> {
    #[serde(borrow, default)]
    choices: Option<Vec<RawChoice<'a>>>,
}

#[derive(Deserialize)]
struct RawChoice<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    description: Option<BTreeMap<Cow<'a, str>, Cow<'a, str>>>,
}

#[derive(Deserialize)]
struct RawResult<'a> {
    #[serde(borrow, default)]
    response: Option<Cow<'a, str>>,
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    score: Option<RawScore>,
    #[serde(borrow, default)]
    extensions: Option<HashMap<Cow<'a, str>, Value>>,
}

#[derive(Deserialize)]
struct RawScore {
    #[serde(default)]
    raw: Option<f64>,
}

#[derive(Deserialize)]
struct RawContext<'a> {
    #[serde(borrow, default)]
    registration: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    platform: Option<Cow<'a, str>>,
    #[serde(default, rename = "contextActivities")]
    context_activities: Option<RawContextActivities>,
    #[serde(borrow, default)]
    extensions: Option<HashMap<Cow<'a, str>, Value>>,
}

#[derive(Deserialize)]
struct RawContextActivities {
    #[serde(default)]
    grouping: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<RawId>),
    One(RawId),
}

impl OneOrMany {
    fn ids(&self) -> Vec<&str> {
        match self {
            OneOrMany::Many(v) => v.iter().map(|r| r.id.as_str()).collect(),
            OneOrMany::One(r) => vec![r.id.as_str()],
        }
    }
}

/// Parses a canonical UUID (`8-4-4-4-12` hex digits, either case) to its number.
pub fn parse_uuid(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() != 36 {
        return None;
    }
    let mut n: u128 = 0;
    for (i, &c) in b.iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
            continue;
        }
        let v = (c as char).to_digit(16)?;
        n = (n << 4) | u128::from(v);
    }
    Some(n)
}

/// The text of a language map the report shows: `en-GB`, else `en-US`, else `en`, else the
/// first language in sorted order (the ClickHouse SQL picks the same).
pub fn pick_language<'m>(map: &'m BTreeMap<Cow<'_, str>, Cow<'_, str>>) -> Option<&'m str> {
    ["en-GB", "en-US", "en"]
        .iter()
        .find_map(|k| map.get(*k))
        .or_else(|| map.values().next())
        .map(|v| v.as_ref())
}

/// Rounds a percent the way the SQL does: `floor(x + 0.5)`.
pub fn round_percent(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// Reads statements for one filter; [`crate::cohort::Cohort::from_reader`] turns them into
/// per-scenario tallies.
pub struct Reader {
    pub(crate) filter: Filter,
    pub(crate) syms: Syms,
    pub(crate) events: Vec<Event>,
    seen: HashSet<u128>,
    pub(crate) stats: InputStats,
    skipped: BTreeMap<String, (u64, Vec<String>)>,
    registrations: HashSet<String>,
}

enum Fit {
    Used(Event),
    Opened,
    Closing,
    OtherActivity,
    OtherVerb,
    OutsideCohort,
}

impl Reader {
    /// A reader keeping only what `filter` selects.
    pub fn new(filter: Filter) -> Reader {
        let registrations = filter
            .registrations
            .iter()
            .map(|r| r.trim().to_ascii_lowercase())
            .collect();
        Reader {
            filter,
            syms: Syms::default(),
            events: Vec::new(),
            seen: HashSet::new(),
            stats: InputStats::default(),
            skipped: BTreeMap::new(),
            registrations,
        }
    }

    /// What has been read so far.
    pub fn stats(&self) -> InputStats {
        let mut stats = self.stats.clone();
        stats.skipped = self
            .skipped
            .iter()
            .map(|(reason, (count, examples))| Skipped {
                reason: reason.clone(),
                count: *count,
                examples: examples.clone(),
            })
            .collect();
        stats
    }

    fn skip(&mut self, reason: impl Into<String>, place: &str) {
        let entry = self.skipped.entry(reason.into()).or_default();
        entry.0 += 1;
        if entry.1.len() < EXAMPLES {
            entry.1.push(place.to_string());
        }
    }

    /// Reads a file's text: a JSON array of statements, a `StatementResult`
    /// (`{"statements": […], "more": …}`), or JSON lines (one statement per line).
    pub fn read_text(&mut self, text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.trim_start().as_bytes().first().copied();
        if first == Some(b'[') {
            self.read_array(text, "item");
            return;
        }
        if first == Some(b'{') {
            // A StatementResult page is one object spanning the whole text.
            if let Ok(page) = serde_json::from_str::<Page>(text) {
                if let Some(statements) = page.statements {
                    self.read_array(statements.get(), "item");
                    return;
                }
            }
        }
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            self.read_one(line, &format!("line {}", n + 1));
        }
    }

    /// Reads one page of the statements API and returns its `more` link (`None` at the end:
    /// an empty `more`, or a page with no statements). An answer that is not a `StatementResult` is an error.
    pub fn read_page(&mut self, text: &str) -> Result<Option<String>, String> {
        let page: Page = serde_json::from_str(text).map_err(|e| {
            format!("the LRS answered something that is not a StatementResult: {e}")
        })?;
        let Some(statements) = page.statements else {
            return Err("the LRS answered an object without `statements`".into());
        };
        let before = self.stats.read;
        self.read_array(statements.get(), "item");
        if self.stats.read == before {
            // An empty page ends the walk whatever its `more` says (Ralph answers one empty
            // page after an exactly full last page).
            return Ok(None);
        }
        Ok(page.more.filter(|m| !m.trim().is_empty()))
    }

    fn read_array(&mut self, text: &str, label: &str) {
        let start = self.stats.read;
        let mut items: Vec<&RawValue> = Vec::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let result = serde::Deserializer::deserialize_seq(&mut de, Items(&mut items));
        for (n, raw) in items.iter().enumerate() {
            self.read_one(raw.get(), &format!("{label} {}", start as usize + n + 1));
        }
        if let Err(e) = result {
            self.stats.read += 1;
            let place = format!("after {label} {}", start as usize + items.len());
            self.skip(
                format!("the JSON array is broken ({e}); the rest of it was not read"),
                &place,
            );
        }
    }

    /// Reads one statement's JSON text; `place` names it in messages (`line 3`).
    pub fn read_one(&mut self, json: &str, place: &str) {
        self.stats.read += 1;
        let raw: RawStatement = match serde_json::from_str(json) {
            Ok(raw) => raw,
            Err(e) => {
                if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
                    self.skip("not JSON", place);
                } else {
                    self.skip(
                        format!("not a statement this report can read ({})", short_error(&e)),
                        place,
                    );
                }
                return;
            }
        };
        let Some(id) = raw.id.as_deref() else {
            self.skip("no statement id", place);
            return;
        };
        let Some(id_n) = parse_uuid(id) else {
            self.skip("the statement id is not a UUID", place);
            return;
        };
        if !self.seen.insert(id_n) {
            self.stats.duplicates += 1;
            return;
        }
        let place = format!("{place} (id {id})");
        match self.fit(&raw, id_n) {
            Ok(Fit::Used(event)) => {
                self.stats.used += 1;
                self.events.push(event);
            }
            Ok(Fit::Opened) => self.stats.opened += 1,
            Ok(Fit::Closing) => self.stats.closing += 1,
            Ok(Fit::OtherActivity) => self.stats.other_activities += 1,
            Ok(Fit::OtherVerb) => self.stats.other_verbs += 1,
            Ok(Fit::OutsideCohort) => self.stats.outside_cohort += 1,
            Err(reason) => self.skip(reason, &place),
        }
    }

    fn fit(&mut self, raw: &RawStatement, id: u128) -> Result<Fit, String> {
        let verb = raw.verb.as_ref().map(|v| v.id.as_str()).ok_or("no verb")?;
        let object = raw.object.as_ref().ok_or("no object")?;
        let answered = verb == verb::ANSWERED;
        let context = raw.context.as_ref();
        if self.filter.activity.is_none()
            && context.and_then(|c| c.platform.as_deref()) != Some(PLATFORM)
        {
            return Ok(Fit::OtherActivity);
        }
        let (scenario, node) = if answered {
            match object.id.rsplit_once("/decision/") {
                Some((s, n)) if !n.is_empty() && !n.contains('/') && !s.is_empty() => (s, Some(n)),
                _ => {
                    if self.filter.activity.is_some() {
                        return Ok(Fit::OtherActivity);
                    }
                    return Err("answered: the object id is not <activity>/decision/<node>".into());
                }
            }
        } else {
            (object.id.as_ref(), None)
        };
        if self
            .filter
            .activity
            .as_deref()
            .is_some_and(|a| a != scenario)
        {
            return Ok(Fit::OtherActivity);
        }
        let ours = [
            verb::INITIALIZED,
            verb::ANSWERED,
            verb::PASSED,
            verb::FAILED,
            verb::COMPLETED,
            verb::TERMINATED,
        ];
        if !ours.contains(&verb) {
            return Ok(Fit::OtherVerb);
        }
        let registration = context
            .and_then(|c| c.registration.as_deref())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if let Some(g) = &self.filter.grouping {
            let groupings = context
                .and_then(|c| c.context_activities.as_ref())
                .and_then(|c| c.grouping.as_ref())
                .map(|g| g.ids())
                .unwrap_or_default();
            if !groupings.contains(&g.as_str()) {
                return Ok(Fit::OutsideCohort);
            }
        }
        if !self.registrations.is_empty() && !self.registrations.contains(&registration) {
            return Ok(Fit::OutsideCohort);
        }
        match verb {
            verb::INITIALIZED => return Ok(Fit::Opened),
            verb::COMPLETED | verb::TERMINATED => return Ok(Fit::Closing),
            _ => {}
        }
        let time = raw
            .timestamp
            .as_deref()
            .or(raw.stored.as_deref())
            .ok_or("no timestamp")?;
        let time = parse_instant(time).ok_or("the timestamp is not an ISO 8601 date and time")?;
        let actor = raw.actor.as_ref().ok_or("no actor")?;
        let actor_key = if let Some(m) = &actor.mbox {
            format!("mbox:{m}")
        } else if let Some(m) = &actor.mbox_sha1sum {
            format!("mbox_sha1sum:{m}")
        } else if let Some(o) = &actor.openid {
            format!("openid:{o}")
        } else if let Some(a) = &actor.account {
            format!(
                "account:{}|{}",
                a.home_page.as_deref().unwrap_or(""),
                a.name.as_deref().unwrap_or("")
            )
        } else {
            return Err(
                "the actor has no identifier (mbox, mbox_sha1sum, openid or account)".into(),
            );
        };
        let ctx_ext = context.and_then(|c| c.extensions.as_ref());
        let fingerprint = match ctx_ext.and_then(|e| e.get(ext("scenario-fingerprint").as_str())) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => return Err("the scenario-fingerprint extension is not a string".into()),
        };
        let result = raw.result.as_ref();
        let res_ext = result.and_then(|r| r.extensions.as_ref());
        let get = |name: &str| res_ext.and_then(|e| e.get(ext(name).as_str()));
        let progress = if answered {
            let node = node.unwrap_or_default();
            let choice = result
                .and_then(|r| r.response.as_deref())
                .filter(|r| !r.is_empty())
                .ok_or("answered: no result.response (the choice id)")?;
            let number = match get("decision-number") {
                Some(Value::Number(n)) => {
                    n.as_u64().filter(|&n| n >= 1 && n <= u64::from(u32::MAX))
                }
                _ => None,
            }
            .ok_or("answered: no decision-number extension (a positive integer)")?
                as u32;
            let red_lines = self.string_list(get("red-lines"), "red-lines")?;
            let scores = match get("scores") {
                None | Some(Value::Null) => None,
                Some(Value::Object(map)) => {
                    let mut v = Vec::new();
                    for (k, x) in map {
                        let s = x
                            .as_i64()
                            .ok_or("answered: a score in the scores extension is not an integer")?;
                        v.push((self.syms.intern(k), s));
                    }
                    v.sort();
                    Some(v)
                }
                Some(_) => return Err("answered: the scores extension is not an object".into()),
            };
            let mut offered = Vec::new();
            for c in object
                .definition
                .as_ref()
                .and_then(|d| d.choices.as_ref())
                .map(|c| c.as_slice())
                .unwrap_or_default()
            {
                let text = c
                    .description
                    .as_ref()
                    .and_then(pick_language)
                    .filter(|t| !t.is_empty())
                    .map(|t| self.syms.intern(t));
                offered.push((self.syms.intern(&c.id), text));
            }
            offered.sort_by(|a, b| self.syms.get(a.0).cmp(self.syms.get(b.0)));
            offered.dedup_by(|a, b| a.0 == b.0);
            Progress::Answered(Box::new(Answer {
                node: self.syms.intern(node),
                choice: self.syms.intern(choice),
                number,
                success: result.and_then(|r| r.success),
                red_lines,
                scores,
                offered,
            }))
        } else {
            let overall = result
                .and_then(|r| r.score.as_ref())
                .and_then(|s| s.raw)
                .map(round_percent);
            let mut dimensions = Vec::new();
            match get("dimension-percents") {
                None | Some(Value::Null) => {}
                Some(Value::Object(map)) => {
                    for (k, x) in map {
                        let p = match x {
                            Value::Null => None,
                            Value::Number(n) => Some(round_percent(n.as_f64().unwrap_or(0.0))),
                            _ => {
                                return Err(
                                    "ending: a dimension percent is not a number or null".into()
                                )
                            }
                        };
                        dimensions.push((self.syms.intern(k), p));
                    }
                }
                Some(_) => {
                    return Err("ending: the dimension-percents extension is not an object".into())
                }
            }
            let red_lines_crossed =
                self.string_list(get("red-lines-crossed"), "red-lines-crossed")?;
            let text = |v: Option<&Value>| {
                v.and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let ending = text(get("ending")).map(|s| self.syms.intern(&s));
            let outcome = text(get("outcome")).map(|s| self.syms.intern(&s));
            Progress::Ended(Box::new(EndingReached {
                passed: verb == verb::PASSED,
                overall,
                dimensions,
                red_lines_crossed,
                ending,
                outcome,
            }))
        };
        let name = actor
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        Ok(Fit::Used(Event {
            id,
            time,
            scenario: self.syms.intern(scenario),
            actor: self.syms.intern(&actor_key),
            name: name.map(|n| self.syms.intern(n)),
            registration: self.syms.intern(&registration),
            fingerprint: self.syms.intern(&fingerprint),
            progress,
        }))
    }

    fn string_list(&mut self, v: Option<&Value>, what: &str) -> Result<Vec<Sym>, String> {
        match v {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for x in items {
                    let s = x
                        .as_str()
                        .ok_or_else(|| format!("the {what} extension is not a list of ids"))?;
                    out.push(self.syms.intern(s));
                }
                Ok(out)
            }
            Some(_) => Err(format!("the {what} extension is not a list of ids")),
        }
    }
}

fn ext(name: &str) -> String {
    let mut s = String::with_capacity(EXT.len() + name.len());
    s.push_str(EXT);
    s.push_str(name);
    s
}

fn short_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow, default)]
    statements: Option<&'a RawValue>,
    #[serde(default)]
    more: Option<String>,
}

/// Collects the items of a JSON array as raw text, keeping those read before an error.
struct Items<'v, 'a>(&'v mut Vec<&'a RawValue>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for Items<'_, 'a> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of statements")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            self.0.push(item);
        }
        Ok(())
    }
}
