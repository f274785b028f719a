//! Diagnostics: what the loader and checker say about a file, and where ([`Code`], one per
//! kind of finding, each documented in docs/scenario-format.md).
//!
//! The core only *produces* diagnostics; rendering them (rustc-style snippets, JSON,
//! the app's error panel) happens in one place per front end.

use std::cell::Cell;
use std::fmt;

use super::span::Span;

/// Declares [`Code`] from one list: each variant once, with its text.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $text:literal,)*) => {
        /// A diagnostic's stable code, which trainers look up in docs/scenario-format.md
        /// (one section per code) and which the CLI's JSON report carries.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the documentation's sections.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as reports write it (`unknown-key`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The text is not YAML (or holds more than one document).
    YamlSyntax = "yaml-syntax",
    /// The file holds no document.
    EmptyFile = "empty-file",
    /// The bytes are not UTF-8 text.
    NotUtf8 = "not-utf8",
    /// The file is over the size limit.
    TooLarge = "too-large",
    /// Lists and maps nest past the depth limit.
    TooDeep = "too-deep",
    /// YAML aliases expand past their budget.
    AliasBudget = "alias-budget",
    /// A text field is over the length limit.
    TextTooLong = "text-too-long",
    /// The scenario has more nodes than the limit.
    TooManyNodes = "too-many-nodes",
    /// `format:` names a version this one does not read.
    UnsupportedFormat = "unsupported-format",
    /// A key the format does not have here.
    UnknownKey = "unknown-key",
    /// A required key is missing.
    MissingKey = "missing-key",
    /// A value of the wrong type (text for a number, a map for a list, …).
    WrongType = "wrong-type",
    /// A value out of its range or set.
    BadValue = "bad-value",
    /// A list that must not be empty is.
    EmptyList = "empty-list",
    /// A key (or a listed id) appears twice.
    DuplicateKey = "duplicate-key",
    /// A node id is defined twice.
    DuplicateNode = "duplicate-node",
    /// Two choices of a decision have the same id.
    DuplicateChoiceId = "duplicate-choice-id",
    /// An id that breaks the format's rule for ids.
    BadId = "bad-id",
    /// The scenario's `id` differs from its file name.
    IdMismatch = "id-mismatch",
    /// A `next`, `to` or `start` names no node.
    MissingNode = "missing-node",
    /// A node is not exactly one of decision, passage or ending.
    NodeKind = "node-kind",
    /// A score outside -3..3.
    ScoreRange = "score-range",
    /// A score or condition names a dimension the scenario does not list.
    UnlistedDimension = "unlisted-dimension",
    /// The scenario lists a dimension `dimensions.yaml` does not have.
    UnknownDimension = "unknown-dimension",
    /// A topic `dimensions.yaml` does not have.
    UnknownTopic = "unknown-topic",
    /// A red-line act `dimensions.yaml` does not have.
    UnknownRedLine = "unknown-red-line",
    /// A choice names `red_lines` and gives its own `critical` text.
    CriticalWithRedLine = "critical-with-red-line",
    /// A choice that crosses a red line scores above 0.
    RedLineScore = "red-line-score",
    /// A `say` line names an undeclared character.
    UnknownCharacter = "unknown-character",
    /// A `set` or condition names an undeclared variable.
    UndeclaredVariable = "undeclared-variable",
    /// A condition does not parse.
    BadCondition = "bad-condition",
    /// The last branch of `next` has an `if`.
    NextLastIf = "next-last-if",
    /// A decision a learner can reach offers no choice.
    NoChoiceOffered = "no-choice-offered",
    /// A learner can reach a place from which no ending can be reached.
    Trap = "trap",
    /// No `dimensions.yaml` beside the scenario (the CLI's).
    NoDimensions = "no-dimensions",
    /// The glossary has a term twice (its id, or its `term` as another term's).
    DuplicateTerm = "duplicate-term",
    /// A glossary form is another term's too, or listed twice for one term.
    DuplicateForm = "duplicate-form",
    /// A glossary form that can never be found as words in a text.
    BadForm = "bad-form",
    /// A glossary text that must say something is empty.
    EmptyText = "empty-text",
    /// A critical choice names no red-line act.
    CriticalWithoutRedLine = "critical-without-red-line",
    /// No playthrough reaches a node.
    UnreachableNode = "unreachable-node",
    /// No playthrough reaches an ending.
    UnreachableEnding = "unreachable-ending",
    /// A decision offers fewer than two choices (somewhere).
    FewChoices = "few-choices",
    /// A choice whose `if` is false on every path.
    DeadChoice = "dead-choice",
    /// A choice without `feedback`.
    NoFeedback = "no-feedback",
    /// A listed dimension no choice scores.
    UnscoredDimension = "unscored-dimension",
    /// Every choice of a decision scores the same.
    SameScores = "same-scores",
    /// A playthrough that passes ends at a negative ending.
    PassingNegativeEnding = "passing-negative-ending",
    /// The path analysis stopped at its budget.
    AnalysisBudget = "analysis-budget",
    // The Twine importer's (crates/scenario-twine): each with a fixture in
    // tests/fixtures/twine/ and a section in docs/scenario-format.md, "Import from Twine".
    TwineBadHeader = "twine-bad-header",
    TwineBadHtml = "twine-bad-html",
    TwineBadStoryData = "twine-bad-story-data",
    TwineComment = "twine-comment",
    TwineDuplicatePassage = "twine-duplicate-passage",
    TwineEmptyLink = "twine-empty-link",
    TwineEnding = "twine-ending",
    TwineExternalLink = "twine-external-link",
    TwineHook = "twine-hook",
    TwineHtml = "twine-html",
    TwineInsert = "twine-insert",
    TwineInternal = "twine-internal",
    TwineLinkSetter = "twine-link-setter",
    TwineLongText = "twine-long-text",
    TwineMacro = "twine-macro",
    TwineMarkup = "twine-markup",
    TwineMissingPassage = "twine-missing-passage",
    TwineMoreStories = "twine-more-stories",
    TwineNoDimensions = "twine-no-dimensions",
    TwineNoPassages = "twine-no-passages",
    TwineNoStart = "twine-no-start",
    TwineNoTitle = "twine-no-title",
    TwineNoWayOut = "twine-no-way-out",
    TwineNotTwine = "twine-not-twine",
    TwineNotUtf8 = "twine-not-utf8",
    TwineScript = "twine-script",
    TwineSpecialPassage = "twine-special-passage",
    TwineStrayText = "twine-stray-text",
    TwineStylesheet = "twine-stylesheet",
    TwineTag = "twine-tag",
    TwineTooLarge = "twine-too-large",
    TwineTooManyPassages = "twine-too-many-passages",
    TwineVariable = "twine-variable",
}

impl Code {
    /// The code written `text` (`unknown-key`), when there is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The scenario is refused.
    Error,
    /// The scenario loads, but the author should look.
    Warning,
}

/// One finding about a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code trainers can look up in the documentation.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where.
    pub span: Span,
    /// A hint on what to do about it ("did you mean `feedback`?"), when one helps.
    pub hint: Option<String>,
}

impl Severity {
    /// `error` or `warning`, as reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            hint: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Is this an error?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, errors before warnings at the same place.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.offset, a.severity, a.code.as_str()).cmp(&(
            b.span.offset,
            b.severity,
            b.code.as_str(),
        ))
    });
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    did_you_mean_within(word, candidates, &Cell::new(usize::MAX))
}

/// [`did_you_mean`] that spends at most `budget` cells of edit-distance table, taking what
/// it spends off `budget`; when the budget runs out it suggests nothing (rather than a
/// worse match). A file with thousands of unknown names among thousands of long ids then
/// gets suggestions for the first ones, in bounded time (without a budget such a file
/// took minutes; see docs/performance.md). Candidates whose length alone puts them past
/// the typo limit are skipped for free: the result is the same as without the skip.
pub fn did_you_mean_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &Cell<usize>,
) -> Option<&'a str> {
    let word_len = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate_len = candidate.chars().count();
        let limit = (candidate_len.max(word_len) / 3).max(1);
        if candidate_len.abs_diff(word_len) > limit {
            continue; // the distance is at least the difference in length
        }
        let cost = (word_len + 1).saturating_mul(candidate_len + 1);
        if cost > budget.get() {
            budget.set(0);
            return None;
        }
        budget.set(budget.get() - cost);
        let distance = edit_distance(word, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance over characters, ignoring the case of ASCII letters (the keys and ids
/// suggested are ASCII; full Unicode lowercasing would add 17 KB of tables to the wasm
/// build for nothing), counting a swap of two neighbours as one edit (optimal string
/// alignment), so `aks` → `ask` is one typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["feedback", "scores", "next", "text"];
        assert_eq!(did_you_mean("feedbak", keys), Some("feedback"));
        assert_eq!(did_you_mean("score", keys), Some("scores"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(did_you_mean("aks", ["ask", "end"]), Some("ask"));
        assert_eq!(did_you_mean("nxet", keys), Some("next"));
        assert_eq!(did_you_mean("FEEDBACK", keys), Some("feedback"));
    }

    #[test]
    fn suggestions_stop_when_the_budget_is_spent() {
        let budget = Cell::new(100);
        // "feedbak" against "feedback": 8 x 9 = 72 cells.
        assert_eq!(
            did_you_mean_within("feedbak", ["feedback"], &budget),
            Some("feedback")
        );
        assert_eq!(budget.get(), 28);
        assert_eq!(did_you_mean_within("feedbak", ["feedback"], &budget), None);
        assert_eq!(budget.get(), 0);
        // Candidates too different in length cost nothing.
        let budget = Cell::new(0);
        assert_eq!(
            did_you_mean_within("a", ["much-longer-word"], &budget),
            None
        );
    }
}
