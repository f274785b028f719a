//! The learner's answers to a scenario's reflection questions, kept on this device only.
//! Answers are stored with their question's text, so an edited scenario never shows an
//! answer under a different question. Parsing never fails.

use scenario_core::{json, json_record};

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The question, as the scenario asks it.
    pub question: String,
    /// What the learner wrote.
    pub answer: String,
}

/// A scenario's reflection answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Non-empty answers, in the order first written.
    pub answers: Vec<Answer>,
}

impl Notes {
    /// The notes saved as `json`; empty when there is nothing usable.
    pub fn parse(json: Option<&str>) -> Notes {
        json.and_then(|text| json::from_str(text).ok())
            .unwrap_or_default()
    }

    /// The notes as JSON, for saving.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// The answer to `question` ("" when none).
    pub fn answer(&self, question: &str) -> &str {
        self.answers
            .iter()
            .find(|a| a.question == question)
            .map_or("", |a| a.answer.as_str())
    }

    /// Sets the answer to `question`; an empty (or blank) answer removes it.
    pub fn set(&mut self, question: &str, answer: &str) {
        let blank = answer.trim().is_empty();
        match self.answers.iter().position(|a| a.question == question) {
            Some(i) if blank => {
                self.answers.remove(i);
            }
            Some(i) => answer.clone_into(&mut self.answers[i].answer),
            None if blank => {}
            None => self.answers.push(Answer {
                question: question.to_owned(),
                answer: answer.to_owned(),
            }),
        }
    }

    /// Nothing written?
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}

json_record!(Answer { question, answer });
json_record!(Notes { answers });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_follow_their_question() {
        let mut notes = Notes::default();
        assert_eq!(notes.answer("Q1?"), "");
        notes.set("Q1?", "First, with \"quotes\"\nand a new line.");
        notes.set("Q2?", "Second.");
        notes.set("Q1?", "First, edited.");
        assert_eq!(notes.answer("Q1?"), "First, edited.");
        assert_eq!(notes.answers.len(), 2);
        notes.set("Q2?", "  \n");
        assert_eq!(notes.answer("Q2?"), "");
        assert_eq!(notes.answers.len(), 1);
        notes.set("Q3?", "");
        assert_eq!(notes.answers.len(), 1, "a blank answer is not stored");
        assert_eq!(Notes::parse(Some(&notes.to_json())), notes);
    }

    #[test]
    fn damaged_notes_are_empty() {
        for bad in [None, Some("nope"), Some(r#"{"answers": 1}"#)] {
            assert!(Notes::parse(bad).is_empty(), "{bad:?}");
        }
    }
}
