//! Device settings, remembered in storage: shuffled choices (on unless a trainer turns them
//! off for a walkthrough), trainer mode and projector-sized text. Parsing never fails: a
//! missing or damaged value gives the defaults.

use scenario_core::{json, json_record};

/// What the learner or trainer chose on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Show each decision's choices in a per-attempt shuffled order (else file order).
    pub shuffle: bool,
    /// Show every choice's scores, red lines and where it leads, trainer notes and the
    /// "jump to a moment" list; attempts are not recorded in the history.
    pub trainer: bool,
    /// Larger text for a projector or a big screen.
    pub large_text: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            shuffle: true,
            trainer: false,
            large_text: false,
        }
    }
}

impl Settings {
    /// The settings saved as `json`; the defaults when there is nothing usable.
    pub fn parse(json: Option<&str>) -> Settings {
        json.and_then(|text| json::from_str(text).ok())
            .unwrap_or_default()
    }

    /// The settings as JSON, for saving.
    pub fn to_json(self) -> String {
        json::to_string(&self)
    }
}

// A missing setting keeps its default (older saves may lack one).
json_record!(Settings {
    shuffle = Settings::default().shuffle,
    trainer = Settings::default().trainer,
    large_text = Settings::default().large_text
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anything_unusable_gives_the_defaults() {
        let defaults = Settings::default();
        assert!(defaults.shuffle && !defaults.trainer && !defaults.large_text);
        for saved in [None, Some(""), Some("{oops"), Some("[1,2]"), Some("null")] {
            assert_eq!(Settings::parse(saved), defaults, "{saved:?}");
        }
    }

    #[test]
    fn a_partial_save_keeps_the_other_defaults_and_round_trips() {
        let partial = Settings::parse(Some(r#"{"trainer": true, "unknown": 1}"#));
        assert_eq!(
            partial,
            Settings {
                trainer: true,
                ..Settings::default()
            }
        );
        let all = Settings {
            shuffle: false,
            trainer: true,
            large_text: true,
        };
        assert_eq!(Settings::parse(Some(&all.to_json())), all);
    }
}
