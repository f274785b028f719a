//! SCORM 1.2 and 2004 (4th edition) run-time data: what the [`Recorder`] writes to the LMS
//! for each [`Event`], through the [`Api`] trait (the browser's `API` / `API_1484_11`
//! object in `browser.rs`, a fake in the tests). The table of elements is in `docs/lms.md`,
//! "What each standard records".

use crate::lms::facts::{self, Judgement};
use crate::lms::Event;
use scenario_core::{Scenario, ScoreResult, Session};

/// Which SCORM run-time API the LMS offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2: `window.API`, `LMSInitialize` …
    Scorm12,
    /// SCORM 2004: `window.API_1484_11`, `Initialize` …
    Scorm2004,
}

/// The LMS side of the run-time API, one method per call of the standard. The browser's
/// implementation calls the LMS's object; `true` means the LMS answered `"true"`.
pub trait Api {
    /// `LMSInitialize("")` / `Initialize("")`.
    fn initialize(&mut self) -> bool;
    /// `LMSGetValue` / `GetValue` (an empty string when the LMS has nothing).
    fn get(&mut self, element: &str) -> String;
    /// `LMSSetValue` / `SetValue`.
    fn set(&mut self, element: &str, value: &str) -> bool;
    /// `LMSCommit("")` / `Commit("")`.
    fn commit(&mut self) -> bool;
    /// `LMSFinish("")` / `Terminate("")`.
    fn terminate(&mut self) -> bool;
    /// `GetLastError()` and `GetErrorString(code)`.
    fn last_error(&mut self) -> (String, String);
}

/// What the recorder says to the learner when the LMS refuses or cannot be reached.
pub const UNREACHABLE: &str = "The learning system did not answer, so it is not recording this session. Your progress is still saved in this browser.";

/// Records one launch (one SCO session) in the LMS.
pub struct Recorder<A: Api> {
    api: A,
    version: Version,
    open: bool,
    /// The next free `cmi.interactions.n`.
    next_interaction: usize,
    /// `cmi.objectives.n.id` as the LMS holds them.
    objectives: Vec<String>,
    /// The LMS holds a passed/failed result (from this launch or before): a new play-through
    /// does not set it back to incomplete; the next ending replaces it.
    has_result: bool,
    /// The first refusal, as a sentence for the learner.
    notice: Option<String>,
}

impl<A: Api> Recorder<A> {
    /// Initializes the LMS session and reads what resuming needs; returns the recorder and
    /// the saved session to resume (`cmi.suspend_data`, unless this is a first entry).
    pub fn start(mut api: A, version: Version) -> (Recorder<A>, Option<String>) {
        let open = api.initialize();
        let mut recorder = Recorder {
            api,
            version,
            open,
            next_interaction: 0,
            objectives: Vec::new(),
            has_result: false,
            notice: None,
        };
        if !open {
            recorder.notice = Some(UNREACHABLE.to_owned());
            return (recorder, None);
        }
        let v12 = version == Version::Scorm12;
        let count = |r: &mut Recorder<A>, element: &str| -> usize {
            r.api.get(element).trim().parse().unwrap_or(0)
        };
        recorder.next_interaction = count(&mut recorder, "cmi.interactions._count");
        let objectives = count(&mut recorder, "cmi.objectives._count");
        recorder.objectives = (0..objectives)
            .map(|n| recorder.api.get(&format!("cmi.objectives.{n}.id")))
            .collect();
        let status = recorder.api.get(if v12 {
            "cmi.core.lesson_status"
        } else {
            "cmi.success_status"
        });
        recorder.has_result = matches!(status.as_str(), "passed" | "failed");
        let entry = recorder
            .api
            .get(if v12 { "cmi.core.entry" } else { "cmi.entry" });
        let saved = if entry == "ab-initio" {
            None
        } else {
            Some(recorder.api.get("cmi.suspend_data")).filter(|s| !s.trim().is_empty())
        };
        (recorder, saved)
    }

    /// The plain sentence for the learner once the LMS has refused a call.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn set(&mut self, element: &str, value: &str) {
        if self.open && !self.api.set(element, value) {
            self.refused();
        }
    }

    fn refused(&mut self) {
        if self.notice.is_none() {
            let (code, text) = self.api.last_error();
            let why = if text.trim().is_empty() {
                format!("error {code}")
            } else {
                format!("error {code}: {}", text.trim())
            };
            self.notice = Some(format!(
                "The learning system did not accept your progress ({why}). Your progress is still saved in this browser; if this keeps happening, tell your training team."
            ));
        }
    }

    fn commit(&mut self) {
        if self.open && !self.api.commit() {
            self.refused();
        }
    }

    /// Writes what `events` mean for `session` and commits once. `now` is the time, ISO 8601
    /// in UTC (`2026-12-03T16:05:11.123Z`); `shuffle` whether choices were shown shuffled.
    pub fn record(&mut self, scenario: &Scenario, session: &Session, events: &[Event], now: &str) {
        if !self.open || events.is_empty() {
            return;
        }
        let v12 = self.version == Version::Scorm12;
        let result = scenario_core::score(scenario, session);
        for event in events {
            match event {
                Event::Opened | Event::Restarted { .. } => {
                    if !self.has_result {
                        if v12 {
                            self.set("cmi.core.lesson_status", "incomplete");
                        } else {
                            self.set("cmi.completion_status", "incomplete");
                        }
                    }
                }
                Event::Decided(index) => self.interaction(scenario, session, &result, *index, now),
                Event::Ended => self.ending(scenario, &result),
            }
        }
        let finished = session.is_finished(scenario);
        let location = if v12 {
            "cmi.core.lesson_location"
        } else {
            "cmi.location"
        };
        self.set(location, &session.node);
        self.set("cmi.suspend_data", &session.to_json());
        let exit = match (v12, finished) {
            (_, false) => "suspend",
            (true, true) => "",
            (false, true) => "normal",
        };
        self.set(if v12 { "cmi.core.exit" } else { "cmi.exit" }, exit);
        self.commit();
    }

    fn interaction(
        &mut self,
        scenario: &Scenario,
        session: &Session,
        result: &ScoreResult,
        index: usize,
        now: &str,
    ) {
        // The order shown does not matter to the LMS: file order.
        let Some(decision) = facts::decision(scenario, session, result, index, false) else {
            return;
        };
        let v12 = self.version == Version::Scorm12;
        let n = self.next_interaction;
        self.next_interaction += 1;
        let key = |field: &str| format!("cmi.interactions.{n}.{field}");
        self.set(&key("id"), &decision.interaction);
        self.set(&key("type"), "choice");
        let word = match (decision.judgement, v12) {
            (Judgement::Strongest, _) => "correct",
            (Judgement::Neutral, _) => "neutral",
            (Judgement::Weak, true) => "wrong",
            (Judgement::Weak, false) => "incorrect",
        };
        if let Some(best) = result.decisions.get(index).and_then(|r| r.best.first()) {
            self.set(&key("correct_responses.0.pattern"), best);
        }
        if v12 {
            self.set(&key("student_response"), &decision.chosen.id);
            self.set(&key("result"), word);
            // CMITime: the time of day, hh:mm:ss (UTC).
            self.set(&key("time"), now.get(11..19).unwrap_or("00:00:00"));
        } else {
            self.set(&key("learner_response"), &decision.chosen.id);
            self.set(&key("result"), word);
            let text: String = decision.chosen.text.chars().take(250).collect();
            self.set(&key("description"), &text);
            // time(second,10,0), YYYY-MM-DDThh:mm:ss[.s[TZD]]: a time zone only after
            // hundredths of a second, so `…:11.12Z` (UTC), never `…:11Z`.
            let stamp = format!("{}Z", now.get(..22).unwrap_or("1970-01-01T00:00:00.00"));
            self.set(&key("timestamp"), &stamp);
        }
    }

    fn ending(&mut self, scenario: &Scenario, result: &ScoreResult) {
        let v12 = self.version == Version::Scorm12;
        for dimension in &result.dimensions {
            let n = match self.objectives.iter().position(|id| *id == dimension.id) {
                Some(n) => n,
                None => {
                    self.objectives.push(dimension.id.clone());
                    let n = self.objectives.len() - 1;
                    self.set(&format!("cmi.objectives.{n}.id"), &dimension.id);
                    n
                }
            };
            let key = |field: &str| format!("cmi.objectives.{n}.{field}");
            let passed = dimension.percent.map(|p| p >= scenario.pass.each);
            if let Some(percent) = dimension.percent {
                if !v12 {
                    self.set(&key("score.scaled"), &facts::scaled(percent));
                }
                self.set(&key("score.raw"), &percent.to_string());
                self.set(&key("score.min"), "0");
                self.set(&key("score.max"), "100");
            }
            let status = match passed {
                Some(true) => "passed",
                Some(false) => "failed",
                None if v12 => "completed",
                None => "unknown",
            };
            if v12 {
                self.set(&key("status"), status);
            } else {
                self.set(&key("success_status"), status);
                self.set(&key("completion_status"), "completed");
            }
        }
        let status = if result.passed { "passed" } else { "failed" };
        let score = if v12 { "cmi.core.score" } else { "cmi.score" };
        if let Some(overall) = result.overall {
            if !v12 {
                self.set("cmi.score.scaled", &facts::scaled(overall));
            }
            self.set(&format!("{score}.raw"), &overall.to_string());
            self.set(&format!("{score}.min"), "0");
            self.set(&format!("{score}.max"), "100");
        }
        if v12 {
            self.set("cmi.core.lesson_status", status);
        } else {
            self.set("cmi.completion_status", "completed");
            self.set("cmi.success_status", status);
        }
        self.has_result = true;
    }

    /// The page is being hidden: the time so far, and a commit (the page may not come back).
    pub fn hide(&mut self, seconds: u64) {
        self.session_time(seconds);
        self.commit();
    }

    fn session_time(&mut self, seconds: u64) {
        if self.version == Version::Scorm12 {
            let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
            self.set("cmi.core.session_time", &format!("{h:04}:{m:02}:{s:02}"));
        } else {
            self.set("cmi.session_time", &format!("PT{seconds}S"));
        }
    }

    /// The page is going away: the time, a last commit and `LMSFinish`/`Terminate`, once.
    pub fn finish(&mut self, seconds: u64) {
        if !self.open {
            return;
        }
        self.session_time(seconds);
        self.commit();
        if !self.api.terminate() {
            self.refused();
        }
        self.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lms::facts::tests::{bundled, bundled_stems};
    use crate::lms::Tracker;
    use scenario_core::model::NodeKind;
    use std::collections::BTreeMap;

    /// The SCORM 1.2 limit on `cmi.suspend_data` (real LMSs hold no more; 2004 allows
    /// 64,000, and so does scorm-again for 1.2).
    const SUSPEND_DATA_LIMIT_12: usize = 4096;

    /// An LMS in memory: every call logged, values kept, some elements refused.
    #[derive(Default)]
    struct FakeLms {
        values: BTreeMap<String, String>,
        calls: Vec<String>,
        refuse: Vec<&'static str>,
        initialize_fails: bool,
    }

    impl Api for &mut FakeLms {
        fn initialize(&mut self) -> bool {
            self.calls.push("initialize".into());
            !self.initialize_fails
        }
        fn get(&mut self, element: &str) -> String {
            self.values.get(element).cloned().unwrap_or_default()
        }
        fn set(&mut self, element: &str, value: &str) -> bool {
            if self.refuse.iter().any(|r| element.starts_with(r)) {
                return false;
            }
            self.values.insert(element.into(), value.into());
            true
        }
        fn commit(&mut self) -> bool {
            self.calls.push("commit".into());
            !self.refuse.contains(&"commit")
        }
        fn terminate(&mut self) -> bool {
            self.calls.push("terminate".into());
            true
        }
        fn last_error(&mut self) -> (String, String) {
            ("351".into(), "General Set Failure".into())
        }
    }

    const BEST: [&str; 6] = [
        "quiet-room",
        "limits",
        "ask-today",
        "explain-next",
        "ring-999",
        "exact",
    ];
    const CRITICAL: [&str; 6] = [
        "quiet-room",
        "promise",
        "reflect-strength",
        "explain-next",
        "ring-999",
        "exact",
    ];

    /// Plays `route` decision by decision, recording as the app does.
    fn play(lms: &mut FakeLms, version: Version, route: &[&str]) -> Session {
        let scenario = bundled("promise-you-wont-tell");
        let (mut recorder, _) = Recorder::start(lms, version);
        let mut tracker = Tracker::default();
        let mut session = Session::replay(&scenario, 9, &[]).unwrap();
        let events = tracker.observe(&scenario, &session);
        recorder.record(&scenario, &session, &events, "2026-12-03T16:05:11.123Z");
        for choice in route {
            session.choose(&scenario, choice).unwrap();
            session.proceed_through_passages(&scenario).unwrap();
            let events = tracker.observe(&scenario, &session);
            recorder.record(&scenario, &session, &events, "2026-12-03T16:05:11.123Z");
        }
        recorder.hide(70);
        recorder.finish(75);
        session
    }

    #[test]
    fn scorm12_full_playthrough_records_the_core_result() {
        let mut lms = FakeLms::default();
        play(&mut lms, Version::Scorm12, &BEST);
        let v = |k: &str| lms.values.get(k).cloned().unwrap_or_default();
        assert_eq!(v("cmi.core.lesson_status"), "passed");
        assert_eq!(v("cmi.core.score.raw"), "97");
        assert_eq!(v("cmi.core.score.min"), "0");
        assert_eq!(v("cmi.core.score.max"), "100");
        assert_eq!(v("cmi.objectives.0.id"), "safeguarding");
        assert_eq!(v("cmi.objectives.0.score.raw"), "100");
        assert_eq!(v("cmi.objectives.1.id"), "listening");
        assert_eq!(v("cmi.objectives.1.score.raw"), "90");
        assert_eq!(v("cmi.objectives.1.status"), "passed");
        assert_eq!(v("cmi.interactions.0.id"), "workshop");
        assert_eq!(v("cmi.interactions.0.type"), "choice");
        assert_eq!(v("cmi.interactions.0.student_response"), "quiet-room");
        assert_eq!(v("cmi.interactions.0.time"), "16:05:11");
        assert_eq!(v("cmi.interactions.5.student_response"), "exact");
        assert_eq!(v("cmi.interactions.6.id"), "");
        assert_eq!(v("cmi.core.exit"), "");
        assert_eq!(v("cmi.core.session_time"), "0000:01:15");
        assert_eq!(v("cmi.core.lesson_location"), "end-positive");
        let commits = lms.calls.iter().filter(|c| *c == "commit").count();
        assert_eq!(
            commits,
            1 + BEST.len() + 2,
            "one commit per step, on hiding and at the end"
        );
        assert_eq!(lms.calls.last().map(String::as_str), Some("terminate"));
        assert!(lms.calls.iter().filter(|c| *c == "terminate").count() == 1);
    }

    #[test]
    fn scorm2004_records_in_its_own_terms() {
        let mut lms = FakeLms::default();
        play(&mut lms, Version::Scorm2004, &CRITICAL);
        let v = |k: &str| lms.values.get(k).cloned().unwrap_or_default();
        assert_eq!(v("cmi.completion_status"), "completed");
        assert_eq!(v("cmi.success_status"), "failed");
        assert_eq!(v("cmi.score.scaled"), "0.79");
        assert_eq!(v("cmi.score.raw"), "79");
        assert_eq!(v("cmi.objectives.0.score.scaled"), "0.73");
        assert_eq!(v("cmi.objectives.0.success_status"), "passed");
        assert_eq!(v("cmi.interactions.1.learner_response"), "promise");
        assert_eq!(v("cmi.interactions.1.result"), "incorrect");
        assert!(!v("cmi.interactions.1.description").is_empty());
        assert_eq!(v("cmi.interactions.1.timestamp"), "2026-12-03T16:05:11.12Z");
        assert_eq!(v("cmi.exit"), "normal");
        assert_eq!(v("cmi.session_time"), "PT75S");
    }

    #[test]
    fn leaving_mid_scenario_suspends_and_the_save_resumes() {
        let mut lms = FakeLms::default();
        let session = play(&mut lms, Version::Scorm12, &BEST[..3]);
        assert_eq!(lms.values["cmi.core.exit"], "suspend");
        assert_eq!(lms.values["cmi.core.lesson_status"], "incomplete");
        assert_eq!(lms.values["cmi.core.lesson_location"], session.node);
        // The LMS relaunches with entry resume.
        lms.values.insert("cmi.core.entry".into(), "resume".into());
        lms.values
            .insert("cmi.interactions._count".into(), "3".into());
        let (_, saved) = Recorder::start(&mut lms, Version::Scorm12);
        let scenario = bundled("promise-you-wont-tell");
        let resumed = Session::restore(&saved.unwrap(), &scenario).unwrap();
        assert_eq!(
            resumed, session,
            "node, scores, decisions and seed (choice order)"
        );
        // A first entry ignores old data.
        lms.values
            .insert("cmi.core.entry".into(), "ab-initio".into());
        assert_eq!(Recorder::start(&mut lms, Version::Scorm12).1, None);
    }

    #[test]
    fn a_refusing_lms_gets_a_notice_and_nothing_breaks() {
        let mut lms = FakeLms {
            refuse: vec!["cmi.suspend_data", "commit"],
            ..FakeLms::default()
        };
        let scenario = bundled("promise-you-wont-tell");
        let (mut recorder, _) = Recorder::start(&mut lms, Version::Scorm12);
        let session = Session::replay(&scenario, 1, &[]).unwrap();
        recorder.record(
            &scenario,
            &session,
            &[Event::Opened],
            "2026-12-03T16:05:11Z",
        );
        let notice = recorder.notice().unwrap();
        assert!(
            notice.contains("error 351") && notice.contains("still saved in this browser"),
            "{notice}"
        );
        let mut down = FakeLms {
            initialize_fails: true,
            ..FakeLms::default()
        };
        let (mut recorder, saved) = Recorder::start(&mut down, Version::Scorm2004);
        assert_eq!(saved, None);
        assert_eq!(recorder.notice(), Some(UNREACHABLE));
        recorder.record(
            &scenario,
            &session,
            &[Event::Opened],
            "2026-12-03T16:05:11Z",
        );
        recorder.finish(1);
        assert_eq!(
            down.calls,
            ["initialize"],
            "no call after a failed initialize"
        );
    }

    #[test]
    fn a_new_play_through_does_not_undo_a_result() {
        let mut lms = FakeLms::default();
        lms.values
            .insert("cmi.core.lesson_status".into(), "passed".into());
        play(&mut lms, Version::Scorm12, &BEST[..2]);
        assert_eq!(lms.values["cmi.core.lesson_status"], "passed");
    }

    /// Every play-through of `scenario` from its start (depth first), to its ending.
    fn every_playthrough(scenario: &Scenario, session: Session, out: &mut impl FnMut(&Session)) {
        if session.is_finished(scenario) {
            out(&session);
            return;
        }
        if !matches!(session.current(scenario).kind, NodeKind::Decision(_)) {
            return;
        }
        for choice in session.offered(scenario) {
            let mut next = session.clone();
            if next.choose(scenario, &choice.id).is_ok()
                && next.proceed_through_passages(scenario).is_ok()
            {
                every_playthrough(scenario, next, out);
            }
        }
    }

    #[test]
    fn suspend_data_fits_scorm12_on_every_bundled_playthrough() {
        let mut longest = (0, String::new());
        for stem in bundled_stems() {
            let scenario = bundled(&stem);
            let start = Session::replay(&scenario, u64::MAX, &[]).unwrap();
            every_playthrough(&scenario, start, &mut |session| {
                // the largest save is the last one before the ending, or the ending's
                let size = session.to_json().chars().count();
                if size > longest.0 {
                    longest = (
                        size,
                        format!(
                            "{stem}: {:?}",
                            session.taken.iter().map(|t| &t.choice).collect::<Vec<_>>()
                        ),
                    );
                }
            });
        }
        eprintln!(
            "longest suspend_data: {} characters ({})",
            longest.0, longest.1
        );
        assert!(
            longest.0 > 0 && longest.0 <= SUSPEND_DATA_LIMIT_12,
            "{longest:?}"
        );
    }
}
