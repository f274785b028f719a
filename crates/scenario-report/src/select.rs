//! From a counted [`Cohort`] to the reports a trainer sees: which activities to show and which
//! scenario model goes with each. Shared by the CLI (`scenario report`) and the trainer page
//! (`report.html`), so both show the same reports of the same numbers.

use crate::cohort::{Cohort, Tally};
use crate::report::{Options, Report};
use scenario_core::model::{Scenario, Vocabulary};

/// Whether the activity IRI names the scenario `id`: the app's IRIs end in `/<id>` (its
/// launch's activity, then `#/s/<id>`; the generator's `https://…/s/<id>`), an LMS export's
/// in `:<id>` (`urn:scenario-quiz:lms:<id>`, [`crate::lms`]'s name for it).
pub fn activity_is(activity: &str, id: &str) -> bool {
    activity
        .strip_suffix(id)
        .is_some_and(|rest| rest.ends_with('/') || rest.ends_with(':'))
}

/// Which activities of a cohort to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<'a> {
    /// Every activity counted.
    All,
    /// The activities of this scenario id; when none, every one (the CLI with a scenario file
    /// and `--activity`, which has already chosen the activity).
    PreferScenario(&'a str),
    /// Only the activities of this scenario id (the page's scenario menu).
    OnlyScenario(&'a str),
}

/// The tallies to report; with none found, one empty tally for `activity` (so the report says
/// "0 attempts" instead of showing nothing).
pub fn tallies(cohort: &Cohort, pick: Pick, activity: Option<&str>) -> Vec<Tally> {
    let mut out: Vec<Tally> = match pick {
        Pick::All => cohort.tallies.clone(),
        Pick::PreferScenario(id) | Pick::OnlyScenario(id) => {
            let mine: Vec<Tally> = cohort
                .tallies
                .iter()
                .filter(|t| activity_is(&t.scenario, id))
                .cloned()
                .collect();
            if mine.is_empty() && matches!(pick, Pick::PreferScenario(_)) {
                cohort.tallies.clone()
            } else {
                mine
            }
        }
    };
    if out.is_empty() {
        out.push(Tally {
            scenario: activity.unwrap_or_default().to_string(),
            registrations: Some(0),
            ..Default::default()
        });
    }
    out
}

/// One report per tally; `model(activity)` gives the scenario (and its vocabulary) to read
/// choice texts, scores and feedback from, when there is one.
pub fn reports<'m>(
    tallies: &[Tally],
    cohort: &Cohort,
    model: impl Fn(&str) -> Option<(&'m Scenario, Option<&'m Vocabulary>)>,
    options: &Options,
) -> Vec<Report> {
    tallies
        .iter()
        .map(|t| {
            let m = model(&t.scenario);
            Report::build(
                t,
                &cohort.input,
                m.map(|m| m.0),
                m.and_then(|m| m.1),
                options,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort(activities: &[&str]) -> Cohort {
        Cohort {
            tallies: activities
                .iter()
                .map(|a| Tally {
                    scenario: a.to_string(),
                    attempts: 1,
                    ..Default::default()
                })
                .collect(),
            input: Default::default(),
        }
    }

    fn names(t: &[Tally]) -> Vec<&str> {
        t.iter().map(|t| t.scenario.as_str()).collect()
    }

    #[test]
    fn activities_are_picked_by_the_scenario_id_at_their_end() {
        assert!(activity_is(
            "https://lms.example/course#/s/got-kids",
            "got-kids"
        ));
        assert!(activity_is("https://example.org/s/got-kids", "got-kids"));
        assert!(!activity_is(
            "https://example.org/s/not-got-kids",
            "got-kids"
        ));
        assert!(!activity_is("got-kids", "got-kids"));
        assert!(activity_is("urn:scenario-quiz:lms:got-kids", "got-kids"));
        let c = cohort(&["https://x/s/a", "https://x/s/b"]);
        assert_eq!(
            names(&tallies(&c, Pick::All, None)),
            ["https://x/s/a", "https://x/s/b"]
        );
        assert_eq!(
            names(&tallies(&c, Pick::OnlyScenario("b"), None)),
            ["https://x/s/b"]
        );
        assert_eq!(
            names(&tallies(&c, Pick::PreferScenario("c"), None)),
            ["https://x/s/a", "https://x/s/b"]
        );
        let none = tallies(&c, Pick::OnlyScenario("c"), Some("urn:c"));
        assert_eq!(names(&none), ["urn:c"]);
        assert_eq!(none[0].attempts, 0);
        assert_eq!(names(&tallies(&cohort(&[]), Pick::All, None)), [""]);
    }
}
