//! xAPI: the launch parameters (`endpoint`, `auth`, `actor`, `registration`, `activity_id`,
//! `grouping` in the page's query string) and the statements each [`Event`] makes, as
//! `docs/lms.md` ("xAPI statements") lists them. Pure: the statement ids and the clock come
//! in from the caller; sending is the [`crate::lms::queue`]'s and `browser.rs`'s business.

use crate::lms::facts;
use crate::lms::Event;
use scenario_core::json::{self, Json, ToJson};
use scenario_core::{Scenario, ScoreResult, Session};

/// The base of every extension IRI (a name; it need not resolve).
pub const EXTENSIONS: &str = "https://scenario-quiz.github.io/xapi/extensions/";

/// The language of every name and description.
const LANGUAGE: &str = "en-GB";

const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs/";

/// How long a decision's description may be (characters).
const PROMPT_CHARS: usize = 250;

/// The xAPI launch, read from the query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// The LRS's base URL, ending `/`.
    pub endpoint: String,
    /// The whole `Authorization` header value.
    pub auth: String,
    /// The Agent, as JSON text.
    pub actor: String,
    /// The registration (UUID), when given.
    pub registration: Option<String>,
    /// The scenario's activity IRI, when given.
    pub activity_id: Option<String>,
    /// The cohort: a JSON Activity for `contextActivities.grouping`, or a Group for
    /// `context.team`, as JSON text.
    pub grouping: Option<Grouping>,
}

/// Where the launch's `grouping` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouping {
    /// An Activity (JSON text), for `context.contextActivities.grouping`.
    Activity(String),
    /// A Group (JSON text), for `context.team` (a Group is not allowed among activities).
    Team(String),
}

/// `%XX` and `+` decoded (`application/x-www-form-urlencoded`); `None` when not UTF-8.
pub fn url_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The launch in `query` (`location.search`, with or without `?`): `Ok(None)` without an
/// `endpoint`, an error sentence when the launch is incomplete or damaged.
pub fn parse_launch(query: &str) -> Result<Option<Launch>, String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let get = |name: &str| -> Option<String> {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
            .find(|(key, _)| url_decode(key).as_deref() == Some(name))
            .and_then(|(_, value)| url_decode(value))
            .filter(|v| !v.trim().is_empty())
    };
    let Some(mut endpoint) = get("endpoint") else {
        return Ok(None);
    };
    if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
        return Err(format!(
            "the xAPI endpoint `{endpoint}` is not an http(s) address"
        ));
    }
    if !endpoint.ends_with('/') {
        endpoint.push('/');
    }
    let auth = get("auth").ok_or("the xAPI launch has no `auth`")?;
    let actor_text = get("actor").ok_or("the xAPI launch has no `actor`")?;
    let actor = Json::parse(&actor_text)
        .ok()
        .and_then(|a| agent(&a))
        .ok_or("the xAPI launch's `actor` is not a JSON Agent")?;
    let grouping = match get("grouping") {
        None => None,
        Some(text) if text.trim_start().starts_with('{') => {
            let value =
                Json::parse(&text).map_err(|_| "the xAPI launch's `grouping` is not JSON")?;
            let group = matches!(&value, Json::Obj(m) if m.iter().any(|(k, v)| k == "objectType" && *v == Json::Str("Group".into())));
            let text = json::to_string(&Value(&value));
            Some(if group {
                Grouping::Team(text)
            } else {
                Grouping::Activity(text)
            })
        }
        Some(iri) => Some(Grouping::Activity(activity_ref(&iri))),
    };
    Ok(Some(Launch {
        endpoint,
        auth,
        actor,
        registration: get("registration"),
        activity_id: get("activity_id"),
        grouping,
    }))
}

/// The Agent as JSON text; launchers that give each field as a one-element array (the
/// older TinCan launch) are accepted and flattened.
fn agent(value: &Json) -> Option<String> {
    let Json::Obj(members) = value else {
        return None;
    };
    let flat: Vec<(String, Json)> = members
        .iter()
        .map(|(k, v)| match v {
            Json::Arr(items) if k != "member" => {
                (k.clone(), items.first().cloned().unwrap_or(Json::Null))
            }
            v => (k.clone(), v.clone()),
        })
        .collect();
    let identified = flat
        .iter()
        .any(|(k, _)| matches!(k.as_str(), "mbox" | "mbox_sha1sum" | "openid" | "account"));
    identified.then(|| json::to_string(&Value(&Json::Obj(flat))))
}

/// A parsed JSON value, written back compactly.
struct Value<'a>(&'a Json);

impl ToJson for Value<'_> {
    fn write_json(&self, out: &mut String) {
        match self.0 {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => b.write_json(out),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => s.write_json(out),
            Json::Arr(items) => {
                let items: Vec<Value> = items.iter().map(Value).collect();
                items.write_json(out);
            }
            Json::Obj(members) => {
                let values: Vec<(&str, Value)> = members
                    .iter()
                    .map(|(k, v)| (k.as_str(), Value(v)))
                    .collect();
                let refs: Vec<(&str, &dyn ToJson)> =
                    values.iter().map(|(k, v)| (*k, v as &dyn ToJson)).collect();
                json::write_object(out, &refs);
            }
        }
    }
}

/// JSON text written as it is.
struct Raw(String);

impl ToJson for Raw {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

fn obj(members: &[(&str, &dyn ToJson)]) -> Raw {
    let mut out = String::new();
    json::write_object(&mut out, members);
    Raw(out)
}

fn lang(text: &str) -> Raw {
    obj(&[(LANGUAGE, &text)])
}

fn activity_ref(id: &str) -> String {
    obj(&[("objectType", &"Activity"), ("id", &id)]).0
}

fn ext(name: &str) -> String {
    format!("{EXTENSIONS}{name}")
}

/// One statement, its id fixed when it is made (a resend never duplicates it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its UUID.
    pub id: String,
    /// The statement as JSON text.
    pub body: String,
}

/// What every statement of a recorded attempt shares.
pub struct Attempt<'a> {
    /// The launch.
    pub launch: &'a Launch,
    /// The scenario's activity IRI (the launch's, or the page's address `#/s/<id>`).
    pub activity: &'a str,
    /// The registration: the launch's, or one kept on this device for the activity.
    pub registration: &'a str,
    /// The scenario.
    pub scenario: &'a Scenario,
}

impl Attempt<'_> {
    fn scenario_object(&self) -> Raw {
        let s = self.scenario;
        let definition = obj(&[
            ("type", &"http://adlnet.gov/expapi/activities/simulation"),
            ("name", &lang(&s.title)),
            ("description", &lang(&s.summary)),
        ]);
        obj(&[
            ("objectType", &"Activity"),
            ("id", &self.activity),
            ("definition", &definition),
        ])
    }

    fn context(&self, parent: bool) -> Raw {
        let parents = parent.then(|| vec![Raw(activity_ref(self.activity))]);
        let grouping = match &self.launch.grouping {
            Some(Grouping::Activity(a)) => Some(vec![Raw(a.clone())]),
            _ => None,
        };
        let mut activities: Vec<(&str, &dyn ToJson)> = Vec::new();
        if let Some(p) = &parents {
            activities.push(("parent", p));
        }
        if let Some(g) = &grouping {
            activities.push(("grouping", g));
        }
        let activities = obj(&activities);
        let fingerprint = self.scenario.fingerprint.to_string();
        let extensions = obj(&[(&ext("scenario-fingerprint"), &fingerprint)]);
        let team = match &self.launch.grouping {
            Some(Grouping::Team(t)) => Some(Raw(t.clone())),
            _ => None,
        };
        let mut members: Vec<(&str, &dyn ToJson)> = vec![("registration", &self.registration)];
        if parents.is_some() || grouping.is_some() {
            members.push(("contextActivities", &activities));
        }
        if let Some(t) = &team {
            members.push(("team", t));
        }
        members.push(("platform", &"scenario-quiz"));
        members.push(("language", &LANGUAGE));
        members.push(("extensions", &extensions));
        obj(&members)
    }

    fn statement(
        &self,
        id: String,
        verb: &str,
        object: &Raw,
        result: Option<&Raw>,
        parent: bool,
        now: &str,
    ) -> Statement {
        let verb = obj(&[
            ("id", &format!("{ADL_VERBS}{verb}")),
            ("display", &lang(verb)),
        ]);
        let actor = Raw(self.launch.actor.clone());
        let context = self.context(parent);
        let mut members: Vec<(&str, &dyn ToJson)> = vec![
            ("id", &id),
            ("actor", &actor),
            ("verb", &verb),
            ("object", object),
        ];
        if let Some(r) = result {
            members.push(("result", r));
        }
        members.push(("context", &context));
        members.push(("timestamp", &now));
        let body = obj(&members).0;
        Statement { id, body }
    }

    /// The statements `events` make for `session`. `ids` gives a fresh UUID per statement,
    /// `now` the time (ISO 8601), `seconds` the time since the attempt was opened here.
    pub fn statements(
        &self,
        session: &Session,
        events: &[Event],
        shuffle: bool,
        now: &str,
        seconds: u64,
        ids: &mut dyn FnMut() -> String,
    ) -> Vec<Statement> {
        let scenario = self.scenario;
        let result = scenario_core::score(scenario, session);
        let mut out = Vec::new();
        for event in events {
            match event {
                Event::Opened => out.push(self.initialized(ids(), now)),
                Event::Restarted { .. } => {
                    out.push(self.terminated(ids(), now));
                    out.push(self.initialized(ids(), now));
                }
                Event::Decided(index) => {
                    if let Some(s) = self.answered(ids(), session, &result, *index, shuffle, now) {
                        out.push(s);
                    }
                }
                Event::Ended => {
                    if let Some(s) = self.ended(ids(), session, &result, now) {
                        out.push(s);
                        let duration = format!("PT{seconds}S");
                        let done = obj(&[("completion", &true), ("duration", &duration)]);
                        let object = self.scenario_object();
                        out.push(self.statement(
                            ids(),
                            "completed",
                            &object,
                            Some(&done),
                            false,
                            now,
                        ));
                    }
                }
            }
        }
        out
    }

    fn initialized(&self, id: String, now: &str) -> Statement {
        self.statement(id, "initialized", &self.scenario_object(), None, false, now)
    }

    /// `terminated`: the learner left the attempt (restart, or the page closed).
    pub fn terminated(&self, id: String, now: &str) -> Statement {
        self.statement(id, "terminated", &self.scenario_object(), None, false, now)
    }

    fn answered(
        &self,
        id: String,
        session: &Session,
        result: &ScoreResult,
        index: usize,
        shuffle: bool,
        now: &str,
    ) -> Option<Statement> {
        let scenario = self.scenario;
        let d = facts::decision(scenario, session, result, index, shuffle)?;
        let choices: Vec<Raw> = d
            .shown
            .iter()
            .map(|c| obj(&[("id", &c.id), ("description", &lang(&c.text))]))
            .collect();
        let definition = obj(&[
            (
                "type",
                &"http://adlnet.gov/expapi/activities/cmi.interaction",
            ),
            ("name", &lang(&format!("Decision: {}", d.node.id))),
            ("description", &lang(&facts::prompt(d.node, PROMPT_CHARS))),
            ("interactionType", &"choice"),
            ("choices", &choices),
        ]);
        let object_id = format!("{}/decision/{}", self.activity, d.node.id);
        let object = obj(&[
            ("objectType", &"Activity"),
            ("id", &object_id),
            ("definition", &definition),
        ]);
        let scores: Vec<(&str, &i64)> = scenario
            .dimensions
            .iter()
            .zip(&d.chosen.scores)
            .map(|(dim, s)| (dim.id.as_str(), s))
            .collect();
        let scores = obj(&scores
            .iter()
            .map(|(k, v)| (*k, *v as &dyn ToJson))
            .collect::<Vec<_>>());
        let extensions = obj(&[
            (&ext("scores"), &scores),
            (&ext("red-lines"), &d.chosen.red_lines),
            (&ext("decision-number"), &d.number),
        ]);
        let result = obj(&[
            ("response", &d.chosen.id),
            ("success", &d.chosen.critical.is_none()),
            ("extensions", &extensions),
        ]);
        Some(self.statement(id, "answered", &object, Some(&result), true, now))
    }

    fn ended(
        &self,
        id: String,
        session: &Session,
        result: &ScoreResult,
        now: &str,
    ) -> Option<Statement> {
        let end = facts::ending(self.scenario, session)?;
        let scaled: Vec<(&str, Option<Raw>)> = result
            .dimensions
            .iter()
            .map(|d| (d.id.as_str(), d.percent.map(|p| Raw(facts::scaled(p)))))
            .collect();
        let dimensions = obj(&scaled
            .iter()
            .map(|(k, v)| (*k, v as &dyn ToJson))
            .collect::<Vec<_>>());
        let percents: Vec<(&str, &Option<i64>)> = result
            .dimensions
            .iter()
            .map(|d| (d.id.as_str(), &d.percent))
            .collect();
        let percents = obj(&percents
            .iter()
            .map(|(k, v)| (*k, *v as &dyn ToJson))
            .collect::<Vec<_>>());
        let extensions = obj(&[
            (&ext("dimensions"), &dimensions),
            (&ext("dimension-percents"), &percents),
            (&ext("red-lines-crossed"), &end.red_lines),
            (&ext("ending"), &end.node),
            (&ext("outcome"), &end.outcome.as_str()),
        ]);
        let score = result.overall.map(|o| {
            obj(&[
                ("scaled", &Raw(facts::scaled(o))),
                ("raw", &o),
                ("min", &0u32),
                ("max", &100u32),
            ])
        });
        let mut members: Vec<(&str, &dyn ToJson)> = Vec::new();
        if let Some(s) = &score {
            members.push(("score", s));
        }
        members.push(("success", &result.passed));
        members.push(("completion", &true));
        members.push(("extensions", &extensions));
        let verb = if result.passed { "passed" } else { "failed" };
        let object = self.scenario_object();
        Some(self.statement(id, verb, &object, Some(&obj(&members)), false, now))
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::lms::facts::tests::bundled;
    use crate::lms::Tracker;

    pub const QUERY: &str = "?endpoint=http%3A%2F%2F127.0.0.1%3A8100%2FxAPI%2F&auth=Basic%20dTpw&actor=%7B%22mbox%22%3A%22mailto%3Alearner%40example.org%22%2C%22name%22%3A%22A%20Learner%22%7D&registration=ec531277-b57b-4c15-8d91-d292c5b2b8f7&activity_id=https%3A%2F%2Ftraining.example.org%2Fscenarios%2Fpromise";

    #[test]
    fn the_launch_is_read_from_the_query() {
        let launch = parse_launch(QUERY).unwrap().unwrap();
        assert_eq!(launch.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(launch.auth, "Basic dTpw");
        assert_eq!(
            launch.actor,
            r#"{"mbox":"mailto:learner@example.org","name":"A Learner"}"#
        );
        assert_eq!(
            launch.registration.as_deref(),
            Some("ec531277-b57b-4c15-8d91-d292c5b2b8f7")
        );
        assert_eq!(
            launch.activity_id.as_deref(),
            Some("https://training.example.org/scenarios/promise")
        );
        assert_eq!(parse_launch("").unwrap(), None);
        assert_eq!(parse_launch("?x=1").unwrap(), None);
        assert!(parse_launch("?endpoint=https%3A%2F%2Flrs%2F")
            .unwrap_err()
            .contains("auth"));
        assert!(parse_launch("?endpoint=ftp%3A%2F%2Flrs%2F&auth=x&actor=%7B%7D").is_err());
        assert!(
            parse_launch("?endpoint=https://l/&auth=x&actor=%7B%22name%22%3A%22no%20id%22%7D")
                .is_err()
        );
        let tincan = "?endpoint=https://l/x&auth=a&actor=%7B%22name%22%3A%5B%22A%22%5D%2C%22mbox%22%3A%5B%22mailto%3Aa%40example.org%22%5D%7D&grouping=%7B%22objectType%22%3A%22Group%22%2C%22name%22%3A%22Intake%22%2C%22member%22%3A%5B%5D%7D";
        let launch = parse_launch(tincan).unwrap().unwrap();
        assert_eq!(launch.endpoint, "https://l/x/");
        assert_eq!(
            launch.actor,
            r#"{"name":"A","mbox":"mailto:a@example.org"}"#
        );
        assert!(matches!(launch.grouping, Some(Grouping::Team(_))));
        let iri = parse_launch("?endpoint=https://l/&auth=a&actor=%7B%22mbox%22%3A%22mailto%3Aa%40example.org%22%7D&grouping=https%3A%2F%2Fx.org%2Fcohort%2F7").unwrap().unwrap();
        assert_eq!(
            iri.grouping,
            Some(Grouping::Activity(
                r#"{"objectType":"Activity","id":"https://x.org/cohort/7"}"#.into()
            ))
        );
    }

    #[test]
    fn url_decoding() {
        assert_eq!(url_decode("a%20b+c%2"), Some("a b c%2".into()));
        assert_eq!(url_decode("%zz%41"), Some("%zzA".into()));
        assert_eq!(url_decode("%C3%A9"), Some("é".into()));
        assert_eq!(url_decode("%FF"), None);
    }

    /// The statements of one play-through of `route`, as JSON values.
    pub fn play(route: &[&str]) -> Vec<Json> {
        let launch = parse_launch(QUERY).unwrap().unwrap();
        let scenario = bundled("promise-you-wont-tell");
        let attempt = Attempt {
            launch: &launch,
            activity: "https://training.example.org/scenarios/promise",
            registration: "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            scenario: &scenario,
        };
        let mut n = 0;
        let mut ids = || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012}")
        };
        let mut tracker = Tracker::default();
        let mut session = Session::replay(&scenario, 4, &[]).unwrap();
        let mut all = attempt.statements(
            &session,
            &tracker.observe(&scenario, &session),
            true,
            "2026-12-03T16:05:11.123Z",
            0,
            &mut ids,
        );
        for choice in route {
            session.choose(&scenario, choice).unwrap();
            session.proceed_through_passages(&scenario).unwrap();
            let events = tracker.observe(&scenario, &session);
            all.extend(attempt.statements(
                &session,
                &events,
                true,
                "2026-12-03T16:05:12.000Z",
                61,
                &mut ids,
            ));
        }
        all.push(attempt.terminated(ids(), "2026-12-03T16:06:00.000Z"));
        all.iter()
            .map(|s| Json::parse(&s.body).expect("a statement is JSON"))
            .collect()
    }

    fn at<'a>(value: &'a Json, path: &[&str]) -> &'a Json {
        path.iter().fold(value, |v, key| match v {
            Json::Obj(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or(&Json::Null),
            _ => &Json::Null,
        })
    }

    #[test]
    fn statements_of_a_critical_playthrough() {
        let all = play(&[
            "quiet-room",
            "promise",
            "reflect-strength",
            "explain-next",
            "ring-999",
            "exact",
        ]);
        let verbs: Vec<String> = all
            .iter()
            .map(|s| match at(s, &["verb", "id"]) {
                Json::Str(v) => v.rsplit('/').next().unwrap().to_owned(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            verbs,
            [
                "initialized",
                "answered",
                "answered",
                "answered",
                "answered",
                "answered",
                "answered",
                "failed",
                "completed",
                "terminated"
            ]
        );
        let promise = &all[2];
        assert_eq!(
            at(promise, &["result", "response"]),
            &Json::Str("promise".into())
        );
        assert_eq!(at(promise, &["result", "success"]), &Json::Bool(false));
        let number = format!("{EXTENSIONS}decision-number");
        assert_eq!(
            at(promise, &["result", "extensions", &number]),
            &Json::Num("2".into())
        );
        match at(promise, &["object", "id"]) {
            Json::Str(id) => assert!(
                id.starts_with("https://training.example.org/scenarios/promise/decision/"),
                "{id}"
            ),
            other => panic!("object id {other:?}"),
        }
        let failed = &all[7];
        assert_eq!(
            at(failed, &["result", "score", "raw"]),
            &Json::Num("79".into())
        );
        assert_eq!(
            at(failed, &["result", "score", "scaled"]),
            &Json::Num("0.79".into())
        );
        assert_eq!(at(failed, &["result", "success"]), &Json::Bool(false));
        let fp = format!("{EXTENSIONS}scenario-fingerprint");
        for s in &all {
            assert!(
                matches!(at(s, &["context", "extensions", &fp]), Json::Str(_)),
                "fingerprint as a string"
            );
            assert_eq!(
                at(s, &["context", "registration"]),
                &Json::Str("ec531277-b57b-4c15-8d91-d292c5b2b8f7".into())
            );
            assert_eq!(
                at(s, &["context", "platform"]),
                &Json::Str("scenario-quiz".into())
            );
        }
        assert_eq!(
            at(&all[0], &["context", "contextActivities"]),
            &Json::Null,
            "no parent on the scenario's own statements"
        );
        assert!(matches!(
            at(&all[1], &["context", "contextActivities", "parent"]),
            Json::Arr(_)
        ));
    }
}
