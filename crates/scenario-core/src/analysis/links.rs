//! Finding the glossary's terms in a scenario's texts, at build time (`scenario pack`):
//! [`Links::of`] gives, for every text the app links, the byte ranges that are a term, with
//! the term's id; the pack carries them, and the app only cuts the text at them
//! ([`crate::model::links`]).
//!
//! In a text (a narration, a spoken line, a feedback or red-line reason, an ending, a key
//! point, a reflection question), the first occurrence of each term, or of one of its `also`
//! forms, becomes a link: whole words only, ignoring the case of the letters A–Z, the longest
//! form first where forms overlap (`offender manager` before `manager`). A link never crosses
//! a paragraph break (the app shows each paragraph apart), though it may cross a line break
//! inside one. Scenario text is never turned into markup: links are ranges.
//!
//! A *word character* is a letter, a digit or a hyphen (`key-work` is one word, so
//! `air-conditioned` holds no `conditioned`); any character outside ASCII counts as a letter
//! unless it is a space or in one of the blocks of punctuation and symbols
//! ([`is_word_char`]). Letters outside A–Z match only as written (`É` is not `é`), which the
//! glossary's English terms never need. Runs of spaces and line breaks in the text match one
//! space in a form, and a curly apostrophe matches a straight one.
//!
//! Cost: one pass over the text; at each word start, a binary search for the forms that
//! begin with that word, then a comparison with each of those, longest first.

use crate::model::glossary::Glossary;
use crate::model::links::{paragraphs, Link, Links, Place};
use crate::model::{NodeKind, Scenario};
use std::cmp::Ordering;
use std::ops::Range;

/// A piece of a block of text, as byte ranges of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Plain text.
    Text(Range<usize>),
    /// The first occurrence of the term with this index (in [`Glossary::terms`]).
    Term {
        /// Where it is in the text, as written there.
        range: Range<usize>,
        /// The term's index.
        term: usize,
    },
}

/// The glossary's forms, ready to be found in text. Build it once per glossary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linker {
    /// Every form of every term, folded ([`fold`]), sorted by first word and, among forms
    /// with the same first word, longest first.
    forms: Vec<Form>,
    /// The terms' ids, by index.
    ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Form {
    /// The form folded: A–Z lowercased, curly apostrophes straight, spaces single.
    folded: String,
    /// The byte length of its first word.
    first_word: usize,
    /// The term it links to.
    term: usize,
}

impl Form {
    fn first_word(&self) -> &str {
        &self.folded[..self.first_word]
    }
}

/// Is `c` part of a word? Letters and digits, the hyphen, and every character outside
/// ASCII that is not a space or in a block of punctuation or symbols (Latin-1's signs, general
/// punctuation to miscellaneous symbols and arrows, CJK and fullwidth punctuation, emoji).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '-';
    }
    !c.is_whitespace()
        && !matches!(c,
            '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
            | '\u{2000}'..='\u{2bff}' | '\u{2e00}'..='\u{2e7f}' | '\u{3000}'..='\u{303f}'
            | '\u{fe00}'..='\u{fe6f}' | '\u{ff01}'..='\u{ff0f}' | '\u{1f000}'..='\u{1faff}')
}

/// Can `form` ever be found as whole words? It must start with a word character.
pub fn can_start_word(form: &str) -> bool {
    form.trim_start().chars().next().is_some_and(is_word_char)
}

/// `c` as forms are compared: A–Z lowercased, curly single quotes straight.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        c => c.to_ascii_lowercase(),
    }
}

/// `form` as it is compared: [`fold_char`] on every character, and every run of spaces one
/// space, none at either end.
pub fn fold(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for word in form.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(fold_char));
    }
    out
}

/// The byte length of the word at the start of `text` (0 when it does not start with one).
fn word_len(text: &str) -> usize {
    text.find(|c: char| !is_word_char(c)).unwrap_or(text.len())
}

/// Compares a folded word with a word as written in the text.
fn cmp_word(folded: &str, written: &str) -> Ordering {
    folded.chars().cmp(written.chars().map(fold_char))
}

impl Linker {
    /// The forms of every term of `glossary` (its `term` and its `also` forms).
    pub fn new(glossary: &Glossary) -> Linker {
        let mut forms = Vec::new();
        for (term, t) in glossary.terms.iter().enumerate() {
            for form in std::iter::once(&t.term).chain(&t.also) {
                let folded = fold(form);
                let first_word = word_len(&folded);
                if first_word > 0 {
                    forms.push(Form {
                        folded,
                        first_word,
                        term,
                    });
                }
            }
        }
        forms.sort_by(|a, b| {
            a.first_word()
                .cmp(b.first_word())
                .then(b.folded.len().cmp(&a.folded.len()))
        });
        Linker {
            forms,
            ids: glossary.terms.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// The segments of `text`: each term's first occurrence, unless `linked` says it was
    /// already linked earlier in the same block (a paragraph before this one), as a
    /// [`Segment::Term`], and the text around them. `linked` (one flag per term, grown as
    /// needed) is updated, so the paragraphs of one block share it.
    pub fn link(&self, text: &str, linked: &mut Vec<bool>) -> Vec<Segment> {
        if linked.len() < self.ids.len() {
            linked.resize(self.ids.len(), false);
        }
        let mut out = Vec::new();
        let mut plain = 0;
        let mut at = 0;
        let mut in_word = false;
        while let Some(c) = text[at..].chars().next() {
            let word = is_word_char(c);
            if word && !in_word {
                if let Some((end, term)) = self.match_at(text, at) {
                    if let Some(seen @ false) = linked.get_mut(term) {
                        *seen = true;
                        if plain < at {
                            out.push(Segment::Text(plain..at));
                        }
                        out.push(Segment::Term {
                            range: at..end,
                            term,
                        });
                        plain = end;
                    }
                    // A term already linked is passed over whole, so that no shorter term
                    // inside it is linked instead (`manager` in `offender manager`).
                    at = end;
                    in_word = false;
                    continue;
                }
            }
            in_word = word;
            at += c.len_utf8();
        }
        if plain < text.len() {
            out.push(Segment::Text(plain..text.len()));
        }
        out
    }

    /// The longest form that starts at byte `at` (a word start) and ends at a word's end:
    /// its end in `text` and its term.
    fn match_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let rest = &text[at..];
        let word = &rest[..word_len(rest)];
        let first = self
            .forms
            .partition_point(|f| cmp_word(f.first_word(), word) == Ordering::Less);
        self.forms[first..]
            .iter()
            .take_while(|f| cmp_word(f.first_word(), word) == Ordering::Equal)
            .find_map(|f| matches_at(&f.folded, rest).map(|len| (at + len, f.term)))
    }
}

/// The byte length of `folded` matched at the start of `text`, ending at a word boundary.
fn matches_at(folded: &str, text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    for f in folded.chars() {
        if f == ' ' {
            // One or more spaces or line breaks.
            chars.next_if(|(_, c)| c.is_whitespace())?;
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        } else {
            chars.next_if(|(_, c)| fold_char(*c) == f)?;
        }
    }
    match chars.peek() {
        None => Some(text.len()),
        Some((_, c)) if is_word_char(*c) => None,
        Some((end, _)) => Some(*end),
    }
}

impl Linker {
    /// The links of one text: the first use of each term, paragraph by paragraph.
    pub fn links_in(&self, text: &str) -> Vec<Link> {
        let mut linked = Vec::new();
        let mut out = Vec::new();
        for lines in paragraphs(text) {
            let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
                continue;
            };
            let offset = first.start;
            for segment in self.link(&text[offset..last.end], &mut linked) {
                if let Segment::Term { range, term } = segment {
                    out.push(Link {
                        start: offset + range.start,
                        end: offset + range.end,
                        term: self.ids[term].clone(),
                    });
                }
            }
        }
        out
    }
}

impl Links {
    /// The links of every text of `scenario` that the app links, found with `linker`; only
    /// the texts that have some.
    pub fn of(scenario: &Scenario, linker: &Linker) -> Links {
        let mut out = Vec::new();
        if !linker.forms.is_empty() {
            for (place, text) in linked_texts(scenario) {
                let links = linker.links_in(text);
                if !links.is_empty() {
                    out.push((place, links));
                }
            }
        }
        Links(out)
    }
}

/// Every text of `scenario` the app links terms in, with its place: narrations, spoken
/// lines, feedback and red-line reasons, endings, key points, reflection questions. Not the
/// choices' own texts (a link inside a button would be a trap), nor the introduction's.
pub fn linked_texts(scenario: &Scenario) -> Vec<(Place, &str)> {
    let mut out = Vec::new();
    for (n, node) in scenario.nodes.iter().enumerate() {
        if let Some(text) = &node.narration {
            out.push((Place::Narration(n), text.as_str()));
        }
        for (i, line) in node.say.iter().enumerate() {
            out.push((Place::Say(n, i), line.text.as_str()));
        }
        match &node.kind {
            NodeKind::Decision(choices) => {
                for (c, choice) in choices.iter().enumerate() {
                    if let Some(text) = &choice.feedback {
                        out.push((Place::Feedback(n, c), text.as_str()));
                    }
                    if let Some(text) = &choice.critical {
                        out.push((Place::Critical(n, c), text.as_str()));
                    }
                }
            }
            NodeKind::Ending(ending) => out.push((Place::Ending(n), ending.text.as_str())),
            NodeKind::Passage(_) => {}
        }
    }
    for (i, text) in scenario.debrief.key_points.iter().enumerate() {
        out.push((Place::KeyPoint(i), text.as_str()));
    }
    for (i, text) in scenario.debrief.reflection.iter().enumerate() {
        out.push((Place::Reflection(i), text.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::glossary::Term;

    fn glossary(terms: &[(&str, &[&str])]) -> Glossary {
        Glossary {
            network_intro: None,
            terms: terms
                .iter()
                .map(|(term, also)| Term {
                    id: fold(term).replace(' ', "-"),
                    term: (*term).to_owned(),
                    also: also.iter().map(|a| (*a).to_owned()).collect(),
                    means: "…".into(),
                    network: None,
                })
                .collect(),
        }
    }

    /// `text` with each link written `[as written|term index]`.
    fn marked(linker: &Linker, text: &str) -> String {
        linker
            .link(text, &mut Vec::new())
            .into_iter()
            .map(|s| match s {
                Segment::Text(r) => text[r].to_owned(),
                Segment::Term { range, term } => format!("[{}|{term}]", &text[range]),
            })
            .collect()
    }

    fn check(terms: &[(&str, &[&str])], cases: &[(&str, &str)]) {
        let linker = Linker::new(&glossary(terms));
        for (text, expected) in cases {
            assert_eq!(marked(&linker, text), *expected, "in {text:?}");
        }
    }

    #[test]
    fn whole_words_only() {
        check(
            &[("recall", &[]), ("conditioning", &["conditioned"])],
            &[
                ("He was recalled.", "He was recalled."),
                ("Recall him", "[Recall|0] him"),
                ("a recall.", "a [recall|0]."),
                ("prerecall", "prerecall"),
                ("air-conditioned rooms", "air-conditioned rooms"),
                ("conditioned-", "conditioned-"),
                ("re2recall recall2 recall", "re2recall recall2 [recall|0]"),
                ("", ""),
            ],
        );
    }

    #[test]
    fn any_case_of_a_to_z() {
        check(
            &[("MAPPA", &[]), ("Offender manager", &[])],
            &[
                ("under mappa", "under [mappa|0]"),
                ("OFFENDER MANAGER", "[OFFENDER MANAGER|1]"),
                ("her Offender Manager,", "her [Offender Manager|1],"),
            ],
        );
    }

    #[test]
    fn the_longest_form_wins() {
        check(
            &[
                ("Manager", &["line manager"]),
                ("Offender manager", &["offender managers"]),
                ("Licence", &["licence conditions"]),
            ],
            &[
                ("his offender manager", "his [offender manager|1]"),
                ("two offender managers", "two [offender managers|1]"),
                ("your line manager", "your [line manager|0]"),
                ("the licence conditions", "the [licence conditions|2]"),
                ("the licence, conditions", "the [licence|2], conditions"),
                // The shorter form of another term, then the longer one.
                (
                    "The manager and the offender manager",
                    "The [manager|0] and the [offender manager|1]",
                ),
            ],
        );
    }

    #[test]
    fn only_the_first_occurrence_in_a_block() {
        let linker = Linker::new(&glossary(&[
            ("Manager", &[]),
            ("Offender manager", &["probation officer"]),
        ]));
        assert_eq!(
            marked(
                &linker,
                "Offender manager, probation officer; the offender manager's manager."
            ),
            "[Offender manager|1], probation officer; the offender manager's [manager|0]."
        );
        // Paragraphs of one block share what was linked.
        let mut linked = Vec::new();
        let first = linker.link("Tell the manager.", &mut linked);
        let second = linker.link("The manager and the offender manager.", &mut linked);
        assert_eq!(
            first,
            vec![
                Segment::Text(0..9),
                Segment::Term {
                    range: 9..16,
                    term: 0
                },
                Segment::Text(16..17)
            ]
        );
        assert_eq!(
            second,
            vec![
                Segment::Text(0..20),
                Segment::Term {
                    range: 20..36,
                    term: 1
                },
                Segment::Text(36..37)
            ]
        );
        // An already linked term is passed over whole: no `manager` inside it.
        assert_eq!(
            marked(&linker, "Offender manager? Yes, the offender manager."),
            "[Offender manager|1]? Yes, the offender manager."
        );
    }

    #[test]
    fn punctuation_and_spacing() {
        check(
            &[
                ("Designated safeguarding lead", &["DSL"]),
                ("Employer's assistance programme", &[]),
                ("Victim blaming", &[]),
            ],
            &[
                ("(DSL)", "([DSL|0])"),
                ("the DSL's view", "the [DSL|0]'s view"),
                ("“DSL”", "“[DSL|0]”"),
                ("DSL…", "[DSL|0]…"),
                ("DSL—then", "[DSL|0]—then"),
                (
                    "designated\n   safeguarding  lead",
                    "[designated\n   safeguarding  lead|0]",
                ),
                (
                    "the employer’s assistance programme",
                    "the [employer’s assistance programme|1]",
                ),
                ("victim-blaming", "victim-blaming"),
                ("victim\u{a0}blaming", "[victim\u{a0}blaming|2]"),
            ],
        );
    }

    #[test]
    fn unicode_text_and_terms() {
        check(
            &[("Café", &[]), ("Recall", &[])],
            &[
                ("au café.", "au [café|0]."),
                ("au CAFé", "au [CAFé|0]"),
                // Outside A–Z, letters match only as written.
                ("au CAFÉ", "au CAFÉ"),
                // Letters outside ASCII are part of a word.
                ("cafés", "cafés"),
                ("décafé", "décafé"),
                ("ärecall recallé", "ärecall recallé"),
                // Emoji and the non-breaking space are not.
                ("😀recall😀", "😀[recall|1]😀"),
                ("\u{a0}recall\u{a0}", "\u{a0}[recall|1]\u{a0}"),
                ("日本recall", "日本recall"),
                ("「recall」", "「[recall|1]」"),
            ],
        );
    }

    #[test]
    fn forms_that_cannot_start_a_word_are_never_found() {
        assert!(!can_start_word(""));
        assert!(!can_start_word("   "));
        assert!(!can_start_word("(DSL)"));
        assert!(can_start_word(" DSL"));
        assert!(can_start_word("é"));
        let linker = Linker::new(&glossary(&[("", &["  ", "(x)"])]));
        assert_eq!(marked(&linker, "(x) x"), "(x) x");
    }
}
