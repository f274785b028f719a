//! The page's cohort fields as the report's [`Filter`]: registrations as a list, dates as
//! instants, with an error naming the field (the page puts it next to that field). Pure, so
//! the rules are tested natively; the CLI's flags take the same forms (`--since` accepts the
//! same dates through [`scenario_report::time::parse_bound`]).

use scenario_report::{time, Filter};

/// What the trainer typed (trimmed when read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CohortFields {
    /// The grouping (team) activity IRI, or empty.
    pub grouping: String,
    /// Registrations, separated by commas, spaces or new lines.
    pub registrations: String,
    /// From this date (`YYYY-MM-DD`, as a date input gives it), or empty.
    pub since: String,
    /// Until this date, exclusive, or empty.
    pub until: String,
}

/// A field the trainer must correct: its element id and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input's id, for the error's link and `aria-describedby`.
    pub field: &'static str,
    /// What is wrong, as a sentence.
    pub message: String,
}

/// The input ids, shared with [`crate::app`].
pub mod id {
    /// The grouping input.
    pub const GROUPING: &str = "cohort-grouping";
    /// The registrations text area.
    pub const REGISTRATIONS: &str = "cohort-registrations";
    /// The first day.
    pub const SINCE: &str = "cohort-since";
    /// The day after the last.
    pub const UNTIL: &str = "cohort-until";
    /// The statements or LMS file input.
    pub const FILE: &str = "source-file";
    /// The LRS endpoint.
    pub const ENDPOINT: &str = "lrs-endpoint";
    /// The scenario activity IRI for the LRS.
    pub const ACTIVITY: &str = "lrs-activity";
}

/// Splits a list of registrations (commas, white space, new lines), dropping empties.
pub fn registrations(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

/// The filter of these fields, for `activity` (the LRS's; `None` reads every scenario-quiz
/// activity in a file), or every field that is wrong.
pub fn filter(fields: &CohortFields, activity: Option<&str>) -> Result<Filter, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut bound = |text: &str, field: &'static str, what: &str| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = time::parse_bound(text);
        if parsed.is_none() {
            errors.push(FieldError {
                field,
                message: format!("{what}: “{text}” is not a date (YYYY-MM-DD)."),
            });
        }
        parsed
    };
    let since = bound(&fields.since, id::SINCE, "From");
    let until = bound(&fields.until, id::UNTIL, "Until");
    if let (Some(s), Some(u)) = (since, until) {
        if u <= s {
            errors.push(FieldError {
                field: id::UNTIL,
                message: "Until: the date must be after the From date.".into(),
            });
        }
    }
    let grouping = fields.grouping.trim();
    if !grouping.is_empty() && !grouping.contains(':') {
        errors.push(FieldError {
            field: id::GROUPING,
            message: format!("Team or group: “{grouping}” is not an activity IRI (e.g. https://example.org/teams/north)."),
        });
    }
    let registrations = registrations(&fields.registrations);
    for r in &registrations {
        if scenario_report::statement::parse_uuid(r).is_none() {
            errors.push(FieldError {
                field: id::REGISTRATIONS,
                message: format!("Registrations: “{r}” is not a registration UUID."),
            });
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Filter {
        activity: activity.map(str::to_string),
        grouping: (!grouping.is_empty()).then(|| grouping.to_string()),
        registrations,
        since,
        until,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const R1: &str = "0b7a3c0e-6b0a-4e55-9a0f-1c2d3e4f5a6b";
    const R2: &str = "1b7a3c0e-6b0a-4e55-9a0f-1c2d3e4f5a6b";

    #[test]
    fn empty_fields_select_everything() {
        assert_eq!(
            filter(&CohortFields::default(), None),
            Ok(Filter::default())
        );
    }

    #[test]
    fn fields_become_the_filter() {
        let f = filter(
            &CohortFields {
                grouping: " https://example.org/teams/north ".into(),
                registrations: format!("{R1},\n {R2}\n"),
                since: "2026-01-01".into(),
                until: "2026-02-01".into(),
            },
            Some("urn:a"),
        )
        .expect("valid");
        assert_eq!(f.activity.as_deref(), Some("urn:a"));
        assert_eq!(
            f.grouping.as_deref(),
            Some("https://example.org/teams/north")
        );
        assert_eq!(f.registrations, [R1, R2]);
        assert_eq!(f.since, time::parse_bound("2026-01-01"));
        assert_eq!(f.until, time::parse_bound("2026-02-01"));
    }

    #[test]
    fn each_wrong_field_is_named() {
        let errors = filter(
            &CohortFields {
                grouping: "north".into(),
                registrations: "not-a-uuid".into(),
                since: "2026-13-45".into(),
                until: "yesterday".into(),
            },
            None,
        )
        .expect_err("all wrong");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [id::SINCE, id::UNTIL, id::GROUPING, id::REGISTRATIONS]
        );
        assert!(errors[0].message.contains("2026-13-45"), "{errors:?}");
        let backwards = filter(
            &CohortFields {
                since: "2026-02-01".into(),
                until: "2026-01-01".into(),
                ..Default::default()
            },
            None,
        )
        .expect_err("until before since");
        assert_eq!(backwards[0].field, id::UNTIL);
    }
}
