//! A cohort generator: plays N learners through a scenario with a seeded RNG and writes the
//! xAPI statements the app sends (docs/lms.md, "What the app sends"), a Moodle interactions
//! export of the same cohort, and its own record of what happened ([`Truth`]). Expected
//! numbers in the tests are computed from that record, never by the code under test.
//!
//! Used by the tests, by `examples/gen_cohort.rs` (the Ralph, ClickHouse and benchmark
//! scripts) — one copy, included with `#[path]`.

#![allow(dead_code)]
#![allow(clippy::type_complexity)] // the record's tuples read plainly in the tests

use scenario_core::model::{Choice, NodeKind, Scenario, Vocabulary};
use scenario_core::{load_scenario, load_vocabulary, score, Session};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The extension base.
pub const EXT: &str = "https://scenario-quiz.github.io/xapi/extensions/";
const ADL: &str = "http://adlnet.gov/expapi/verbs/";

/// SplitMix64: small, seeded, the same on every platform.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn uuid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        let v = (u128::from(a) << 64 | u128::from(b)) & !(0xF000u128 << 64) | (0x4000u128 << 64);
        let v = v & !(0xC000_0000_0000_0000u128) | 0x8000_0000_0000_0000u128;
        let h = format!("{v:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }
}

/// Loads a scenario file with the `dimensions.yaml` beside it.
pub fn load(path: &Path) -> (Scenario, Vocabulary) {
    let folder = path.parent().expect("a folder");
    let vocab_text =
        std::fs::read_to_string(folder.join("dimensions.yaml")).expect("dimensions.yaml");
    let vocabulary = load_vocabulary(&vocab_text)
        .value
        .expect("vocabulary loads");
    let text = std::fs::read_to_string(path).expect("scenario file");
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
    let scenario = load_scenario(&text, stem, &vocabulary)
        .value
        .expect("scenario loads");
    (scenario, vocabulary)
}

/// One decision as the generator took it.
#[derive(Debug, Clone)]
pub struct Took {
    pub node: String,
    pub choice: String,
    pub offered: Vec<String>,
    pub critical: bool,
    pub red_lines: Vec<String>,
    /// strong / weak / critical, by the generator's own reading of the scores.
    pub class: &'static str,
    /// SCORM 1.2 result word (correct / wrong / neutral).
    pub scorm_result: &'static str,
}

/// One attempt as the generator played it.
#[derive(Debug, Clone)]
pub struct TruthAttempt {
    pub learner: usize,
    pub lms_attempt: u32,
    pub decisions: Vec<Took>,
    /// ending id, outcome, passed, overall, percent per dimension.
    pub ended: Option<(
        String,
        String,
        bool,
        Option<i64>,
        Vec<(String, Option<i64>)>,
    )>,
    pub start_ms: i64,
}

/// What the generator did.
#[derive(Debug, Default, Clone)]
pub struct Truth {
    pub attempts: Vec<TruthAttempt>,
    pub learners: usize,
    /// Noise written on purpose.
    pub not_json: u64,
    pub no_decision_number: u64,
    pub other_activity: u64,
    pub other_verb: u64,
    pub duplicates: u64,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub learners: usize,
    pub seed: u64,
    pub activity: String,
    /// Duplicates, shuffled order, broken lines, other activities and verbs.
    pub noise: bool,
    /// Start time, ms since 1970.
    pub start_ms: i64,
    /// Put learner names on the actor.
    pub names: bool,
    pub grouping: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            learners: 40,
            seed: 7,
            activity: "https://example.org/scenarios/test".into(),
            noise: false,
            start_ms: 1_796_000_000_000,
            names: true,
            grouping: None,
        }
    }
}

fn iso(ms: i64) -> String {
    scenario_report::time::format_instant(ms * 1000)
}

fn total(c: &Choice) -> i64 {
    c.scores.iter().sum()
}

/// Classifies a choice among those offered: the generator's own copy of the rule.
fn classify(offered: &[&Choice], chosen: &Choice) -> (&'static str, &'static str) {
    let safe: Vec<&&Choice> = offered.iter().filter(|c| c.critical.is_none()).collect();
    let pool: Vec<&&Choice> = if safe.is_empty() {
        offered.iter().collect()
    } else {
        safe
    };
    let top = pool.iter().map(|c| total(c)).max().unwrap_or(0);
    let bottom = offered.iter().map(|c| total(c)).min().unwrap_or(0);
    let strongest = pool.iter().any(|c| c.id == chosen.id) && total(chosen) == top;
    let class = if chosen.critical.is_some() {
        "critical"
    } else if strongest {
        "strong"
    } else {
        "weak"
    };
    let scorm = if strongest {
        "correct"
    } else if chosen.critical.is_some() || total(chosen) == bottom {
        "wrong"
    } else {
        "neutral"
    };
    (class, scorm)
}

struct Writer<'a> {
    scenario: &'a Scenario,
    opts: &'a Options,
    sink: &'a mut dyn FnMut(String),
}

impl Writer<'_> {
    fn base(
        &self,
        rng: &mut Rng,
        verb: &str,
        learner: usize,
        registration: &str,
        ms: i64,
    ) -> Value {
        let mut actor =
            json!({"objectType": "Agent", "mbox": format!("mailto:learner{learner}@example.org")});
        if self.opts.names {
            actor["name"] = json!(format!("Learner {learner}"));
        }
        let mut context = json!({
            "registration": registration,
            "platform": "scenario-quiz",
            "language": "en-GB",
            "extensions": {format!("{EXT}scenario-fingerprint"): self.scenario.fingerprint.to_string()},
            "contextActivities": {}
        });
        if let Some(g) = &self.opts.grouping {
            context["contextActivities"]["grouping"] = json!([{"id": g, "objectType": "Activity"}]);
        }
        json!({
            "id": rng.uuid(),
            "actor": actor,
            "verb": {"id": format!("{ADL}{verb}"), "display": {"en-GB": verb}},
            "timestamp": iso(ms),
            "context": context,
        })
    }

    fn scenario_object(&self) -> Value {
        json!({"objectType": "Activity", "id": self.opts.activity, "definition": {
            "type": "http://adlnet.gov/expapi/activities/simulation",
            "name": {"en-GB": self.scenario.title}, "description": {"en-GB": self.scenario.summary}}})
    }

    fn push(&mut self, v: Value) {
        (self.sink)(v.to_string());
    }
}

/// Plays the cohort. Returns the statements (JSON texts, in the order an LRS would export
/// them: with noise, shuffled) and the record.
pub fn generate(scenario: &Scenario, opts: &Options) -> (Vec<String>, Truth) {
    let mut out = Vec::new();
    let mut truth = generate_into(scenario, opts, &mut |s| out.push(s));
    if opts.noise {
        add_noise(&mut out, &mut truth, &mut Rng(opts.seed ^ 0x5eed));
    }
    (out, truth)
}

/// Plays the cohort, handing each statement to `sink` in the order sent (no noise): large
/// cohorts go straight to a file.
pub fn generate_into(scenario: &Scenario, opts: &Options, sink: &mut dyn FnMut(String)) -> Truth {
    let mut rng = Rng(opts.seed);
    let mut w = Writer {
        scenario,
        opts,
        sink,
    };
    let mut truth = Truth {
        learners: opts.learners,
        ..Truth::default()
    };
    for learner in 0..opts.learners {
        let registration = rng.uuid();
        let mut ms = opts.start_ms + learner as i64 * 3_600_000 + rng.below(600_000) as i64;
        let plays = 1 + rng.below(3) as u32;
        for lms_attempt in 1..=plays {
            let mut session = Session::new(scenario, rng.next());
            let mut record = TruthAttempt {
                learner,
                lms_attempt,
                decisions: Vec::new(),
                ended: None,
                start_ms: ms,
            };
            let v = w.base(&mut rng, "initialized", learner, &registration, ms);
            let mut v = v;
            v["object"] = w.scenario_object();
            w.push(v);
            let mut number = 0u32;
            let mut abandoned = false;
            loop {
                session
                    .proceed_through_passages(scenario)
                    .expect("passages");
                if session.is_finished(scenario) {
                    break;
                }
                let node = session.current(scenario);
                let shown = session.display_order(scenario, true);
                let offered: Vec<&Choice> = session.offered(scenario);
                // Half the time a strongest offered choice (a cohort that has been taught
                // something), otherwise any: passes, fails and red lines all occur.
                let pick = if rng.chance(50) {
                    let safe: Vec<&&Choice> =
                        offered.iter().filter(|c| c.critical.is_none()).collect();
                    let top = safe.iter().map(|c| total(c)).max();
                    let best: Vec<&Choice> = safe
                        .iter()
                        .filter(|c| Some(total(c)) == top)
                        .map(|c| **c)
                        .collect();
                    if best.is_empty() {
                        shown[rng.below(shown.len() as u64) as usize]
                    } else {
                        best[rng.below(best.len() as u64) as usize]
                    }
                } else {
                    shown[rng.below(shown.len() as u64) as usize]
                };
                let (class, scorm_result) = classify(&offered, pick);
                number += 1;
                ms += 5_000 + rng.below(55_000) as i64;
                let mut v = w.base(&mut rng, "answered", learner, &registration, ms);
                v["object"] = json!({"objectType": "Activity", "id": format!("{}/decision/{}", opts.activity, node.id),
                    "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType": "choice",
                        "name": {"en-GB": format!("Decision {number}: {}", node.id)},
                        "choices": shown.iter().map(|c| json!({"id": c.id, "description": {"en-GB": c.text}})).collect::<Vec<_>>()}});
                v["context"]["contextActivities"]["parent"] =
                    json!([{"id": opts.activity, "objectType": "Activity"}]);
                let scores: BTreeMap<&str, i64> = scenario
                    .dimensions
                    .iter()
                    .zip(&pick.scores)
                    .map(|(d, &s)| (d.id.as_str(), s))
                    .collect();
                v["result"] = json!({"response": pick.id, "success": pick.critical.is_none(), "extensions": {
                    format!("{EXT}scores"): scores,
                    format!("{EXT}red-lines"): pick.red_lines,
                    format!("{EXT}decision-number"): number}});
                w.push(v);
                record.decisions.push(Took {
                    node: node.id.clone(),
                    choice: pick.id.clone(),
                    offered: offered.iter().map(|c| c.id.clone()).collect(),
                    critical: pick.critical.is_some(),
                    red_lines: pick.red_lines.clone(),
                    class,
                    scorm_result,
                });
                session.choose(scenario, &pick.id).expect("offered choice");
                if rng.chance(8) {
                    // Leaves mid-way: terminated; then resumes (initialized, same attempt) or not.
                    ms += 1_000;
                    let mut v = w.base(&mut rng, "terminated", learner, &registration, ms);
                    v["object"] = w.scenario_object();
                    w.push(v);
                    if rng.chance(60) {
                        ms += 3_600_000;
                        let mut v = w.base(&mut rng, "initialized", learner, &registration, ms);
                        v["object"] = w.scenario_object();
                        w.push(v);
                    } else {
                        abandoned = true;
                        break;
                    }
                }
                if rng.chance(3) {
                    // Restarts from the start: this attempt stays unfinished.
                    abandoned = true;
                    break;
                }
            }
            if !abandoned {
                let result = score(scenario, &session);
                let ending_id = result.ending.clone().expect("finished");
                let outcome = result.outcome.expect("outcome").as_str().to_string();
                let percents: Vec<(String, Option<i64>)> = result
                    .dimensions
                    .iter()
                    .map(|d| (d.id.clone(), d.percent))
                    .collect();
                let crossed: Vec<String> = record
                    .decisions
                    .iter()
                    .flat_map(|d| d.red_lines.clone())
                    .collect();
                ms += 2_000;
                let verb = if result.passed { "passed" } else { "failed" };
                let mut v = w.base(&mut rng, verb, learner, &registration, ms);
                v["object"] = w.scenario_object();
                let mut res = json!({"success": result.passed, "completion": true, "extensions": {
                    format!("{EXT}dimensions"): percents.iter().map(|(d, p)| (d.clone(), p.map(|p| p as f64 / 100.0))).collect::<BTreeMap<_, _>>(),
                    format!("{EXT}dimension-percents"): percents.iter().cloned().collect::<BTreeMap<_, _>>(),
                    format!("{EXT}red-lines-crossed"): crossed,
                    format!("{EXT}ending"): ending_id,
                    format!("{EXT}outcome"): outcome}});
                if let Some(o) = result.overall {
                    res["score"] =
                        json!({"scaled": o as f64 / 100.0, "raw": o, "min": 0, "max": 100});
                }
                v["result"] = res;
                w.push(v);
                for verb in ["completed", "terminated"] {
                    ms += 500;
                    let mut v = w.base(&mut rng, verb, learner, &registration, ms);
                    v["object"] = w.scenario_object();
                    if verb == "completed" {
                        v["result"] = json!({"completion": true, "duration": "PT5M"});
                    }
                    w.push(v);
                }
                record.ended = Some((ending_id, outcome, result.passed, result.overall, percents));
            }
            ms += 600_000 + rng.below(86_400_000) as i64;
            truth.attempts.push(record);
        }
    }
    truth
}

fn add_noise(out: &mut Vec<String>, truth: &mut Truth, rng: &mut Rng) {
    {
        let n = out.len();
        for _ in 0..(n / 50).max(1) {
            let i = rng.below(n as u64) as usize;
            let copy = out[i].clone();
            out.push(copy);
            truth.duplicates += 1;
        }
        out.push("{\"id\": \"broken".into());
        out.push("not json at all".into());
        out.push("[1, 2".into());
        truth.not_json += 3;
        // An answered statement without its decision-number.
        let mut lacking: Value = serde_json::from_str(
            out.iter()
                .find(|s| s.contains("/verbs/answered"))
                .expect("an answer"),
        )
        .expect("json");
        lacking["id"] = json!(rng.uuid());
        lacking["result"]["extensions"]
            .as_object_mut()
            .expect("extensions")
            .remove(&format!("{EXT}decision-number"));
        out.push(lacking.to_string());
        truth.no_decision_number += 1;
        let mut other: Value = serde_json::from_str(&out[0]).expect("json");
        other["id"] = json!(rng.uuid());
        other["object"]["id"] = json!("https://example.org/another-course");
        out.push(other.to_string());
        truth.other_activity += 1;
        let mut experienced: Value = serde_json::from_str(&out[0]).expect("json");
        experienced["id"] = json!(rng.uuid());
        experienced["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/experienced");
        out.push(experienced.to_string());
        truth.other_verb += 1;
        // Shuffle: an LRS export need not be in order.
        for i in (1..out.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            out.swap(i, j);
        }
    }
}

/// The Moodle interactions report of the same cohort: tab-separated as Moodle downloads it,
/// every column shown (question, response, right answer, result).
pub fn moodle_interactions(scenario: &Scenario, truth: &Truth) -> String {
    let width = truth
        .attempts
        .iter()
        .map(|a| a.decisions.len())
        .max()
        .unwrap_or(0);
    let mut head = vec![
        "Name".to_string(),
        "Email address".into(),
        "Attempt".into(),
        "Started on".into(),
        "Last accessed on".into(),
        "Score".into(),
        scenario.title.clone(),
    ];
    for i in 0..width {
        head.extend([
            format!("Question {i}"),
            format!("Response {i}"),
            format!("Right answer {i}"),
            format!("Result {i}"),
        ]);
    }
    let mut out = head.join("\t");
    out.push('\n');
    let mut rows = truth.attempts.clone();
    rows.sort_by_key(|a| (a.learner, a.lms_attempt));
    for a in &rows {
        let started = moodle_date(a.start_ms);
        let (score, status) = match &a.ended {
            Some((_, _, passed, overall, _)) => (
                overall.map(|o| o.to_string()).unwrap_or_default(),
                match overall {
                    Some(o) => format!("{o}/100"),
                    None => {
                        if *passed {
                            "Passed".into()
                        } else {
                            "Failed".into()
                        }
                    }
                },
            ),
            None => (String::new(), "Incomplete".into()),
        };
        let mut row = vec![
            format!("Learner {}", a.learner),
            format!("learner{}@example.org", a.learner),
            a.lms_attempt.to_string(),
            started.clone(),
            started,
            score,
            status,
        ];
        let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
        for d in &a.decisions {
            let n = seen.entry(&d.node).or_default();
            *n += 1;
            let id = if *n == 1 {
                d.node.clone()
            } else {
                format!("{}-{n}", d.node)
            };
            row.extend([
                id,
                d.choice.clone(),
                String::new(),
                d.scorm_result.to_string(),
            ]);
        }
        for _ in a.decisions.len()..width {
            row.extend([String::new(), String::new(), String::new(), String::new()]);
        }
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// Moodle's `userdate` default (`strftimedaydatetime`): "Thursday, 3 December 2026, 2:41 PM".
pub fn moodle_date(ms: i64) -> String {
    let iso = iso(ms);
    let (y, m, d) = (
        &iso[0..4],
        iso[5..7].parse::<usize>().unwrap_or(1),
        iso[8..10].parse::<u32>().unwrap_or(1),
    );
    let (h, min) = (iso[11..13].parse::<u32>().unwrap_or(0), &iso[14..16]);
    let days = ms.div_euclid(86_400_000);
    let weekday = [
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
    ][days.rem_euclid(7) as usize];
    let month = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][m - 1];
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{weekday}, {d} {month} {y}, {h12}:{min} {ampm}")
}

/// Expected counts, computed from the record alone.
#[derive(Debug, Default)]
pub struct Expected {
    pub attempts: u64,
    pub finished: u64,
    pub passed: u64,
    pub learners: u64,
    pub red_line_attempts: u64,
    pub choices: BTreeMap<(String, String), u64>,
    pub nodes: BTreeMap<String, u64>,
    pub acts: BTreeMap<String, (u64, u64)>,
    pub dims: BTreeMap<(String, Option<i64>), u64>,
    pub overall: BTreeMap<Option<i64>, u64>,
    pub classes: BTreeMap<String, [u64; 3]>,
    pub edges: BTreeMap<(String, String, Option<String>), u64>,
    pub endings: BTreeMap<String, u64>,
}

pub fn expected(truth: &Truth) -> Expected {
    let mut e = Expected::default();
    let mut learners = std::collections::BTreeSet::new();
    for a in &truth.attempts {
        e.attempts += 1;
        learners.insert(a.learner);
        let mut acts_here = std::collections::BTreeSet::new();
        if a.decisions
            .iter()
            .any(|d| d.critical || !d.red_lines.is_empty())
        {
            e.red_line_attempts += 1;
        }
        for (i, d) in a.decisions.iter().enumerate() {
            *e.choices
                .entry((d.node.clone(), d.choice.clone()))
                .or_default() += 1;
            *e.nodes.entry(d.node.clone()).or_default() += 1;
            for r in &d.red_lines {
                e.acts.entry(r.clone()).or_default().0 += 1;
                acts_here.insert(r.clone());
            }
            let slot = e.classes.entry(d.node.clone()).or_default();
            slot[match d.class {
                "strong" => 0,
                "weak" => 1,
                _ => 2,
            }] += 1;
            let to = match a.decisions.get(i + 1) {
                Some(n) => Some(n.node.clone()),
                None => a.ended.as_ref().map(|x| x.0.clone()),
            };
            *e.edges
                .entry((d.node.clone(), d.choice.clone(), to))
                .or_default() += 1;
        }
        for r in acts_here {
            e.acts.entry(r).or_default().1 += 1;
        }
        if let Some((ending, _, passed, overall, dims)) = &a.ended {
            e.finished += 1;
            if *passed {
                e.passed += 1;
            }
            *e.overall.entry(*overall).or_default() += 1;
            *e.endings.entry(ending.clone()).or_default() += 1;
            for (d, p) in dims {
                *e.dims.entry((d.clone(), *p)).or_default() += 1;
            }
        }
    }
    e.learners = learners.len() as u64;
    e
}

/// Every decision node of the scenario, in file order.
pub fn decision_ids(scenario: &Scenario) -> Vec<String> {
    scenario
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Decision(_)))
        .map(|n| n.id.clone())
        .collect()
}
