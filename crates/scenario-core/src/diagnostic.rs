//! Diagnostics: what the loader and checker say about a file, and where.
//!
//! The core only *produces* diagnostics; rendering them (rustc-style snippets, JSON,
//! the app's error panel) happens in one place per front end.

use std::cell::Cell;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario is refused.
    Error,
    /// The scenario loads, but the author should look.
    Warning,
}

/// A place in a source file. `line` and `column` are 1-based; `column` counts
/// characters (not bytes). `len` is how many characters the caret should cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// Byte offset of the start in the source text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Length in characters (at least 1 when rendered).
    pub len: usize,
}

impl Span {
    /// The same start, with another length.
    pub fn with_len(self, len: usize) -> Span {
        Span { len, ..self }
    }
}

/// One finding about a scenario file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code trainers can look up in the documentation (`unknown-key`, `trap`, …).
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where.
    #[serde(skip)]
    pub span: Span,
    /// A hint on what to do about it ("did you mean `feedback`?"), when one helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            hint: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
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
    crate::sort::sort_by(diagnostics, |a, b| {
        (a.span.offset, a.severity, a.code).cmp(&(b.span.offset, b.severity, b.code))
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
