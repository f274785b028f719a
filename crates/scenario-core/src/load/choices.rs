//! A decision's choices: each one's id, text and feedback, its scores per dimension, the
//! variables it changes (`set`), the condition that offers it (`if`), where it leads, and
//! the red lines it crosses (`load::red_lines`).

use super::conditions::build_condition;
use super::declarations::Declarations;
use super::next::build_next;
use super::red_lines::red_lines_of_choice;
use super::walker::{unknown_id, Fields, Walker};
use crate::model::{is_id, Choice, SCORE_RANGE};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::Yaml;

const CHOICE_KEYS: &[&str] = &[
    "id",
    "text",
    "scores",
    "feedback",
    "set",
    "if",
    "critical",
    "red_lines",
    "next",
];
const CHOICE_REQUIRED: &[&str] = &["text", "next"];

/// Choice `index` (0-based) of the decision `node_what`, or `None` when it has errors.
pub(super) fn build_choice(
    w: &mut Walker,
    decl: &Declarations,
    node_what: &str,
    index: usize,
    item: &Yaml,
) -> Option<Choice> {
    let what = format!("choice {} of {node_what}", index + 1);
    let f = w.fields(item, &what, item.span, CHOICE_KEYS, CHOICE_REQUIRED)?;
    let id = choice_id(w, &f, index)?;
    let text = f.get("text").and_then(|n| w.text(n, "`text`"));
    let feedback = w.optional_text(&f, "feedback", "`feedback`");
    let critical = w.optional_text(&f, "critical", "`critical`");
    let mut ok = true;
    let mut scores = vec![0; decl.dimensions.len()];
    if let Some(s) = f.get("scores") {
        ok &= read_scores(w, decl, s, &mut scores);
    }
    let mut set = Vec::new();
    if let Some(s) = f.get("set") {
        ok &= read_set(w, decl, s, &mut set);
    }
    let condition = match f.get("if") {
        Some(c) => {
            let parsed = build_condition(w, decl, c);
            ok &= parsed.is_some();
            parsed
        }
        None => None,
    };
    let next = f.get("next").and_then(|n| build_next(w, decl, n));
    let (red_lines, critical, red_lines_ok) =
        red_lines_of_choice(w, decl, &f, item, &scores, critical);
    if !(ok && red_lines_ok) {
        return None;
    }
    Some(Choice {
        id,
        span: item.span,
        text: text?,
        scores,
        feedback,
        set,
        condition,
        critical,
        red_lines,
        next: next?,
    })
}

/// The choice's `id`, or its position (`1`, `2`, …) when it has none.
fn choice_id(w: &mut Walker, f: &Fields, index: usize) -> Option<String> {
    let Some(n) = f.get("id") else {
        return Some((index + 1).to_string());
    };
    let id = w.text(n, "`id`")?;
    if !is_id(&id) {
        w.push(
            Diagnostic::error(
                Code::BadId,
                n.span,
                format!("`{id}` is not a valid choice id"),
            )
            .with_hint(
                "use lowercase letters, digits and hyphens, starting with a letter or digit",
            ),
        );
        return None;
    }
    Some(id)
}

/// Reads `scores:` (`s`) into `scores`, one per scenario dimension; false when one is wrong.
fn read_scores(w: &mut Walker, decl: &Declarations, s: &Yaml, scores: &mut [i64]) -> bool {
    let mut ok = true;
    for (dim, key, value) in w.id_map(s, "`scores`", Code::DuplicateKey) {
        let Some(score) = w.int(value, &format!("the score for `{dim}`")) else {
            ok = false;
            continue;
        };
        if !SCORE_RANGE.contains(&score) {
            w.push(
                Diagnostic::error(
                    Code::ScoreRange,
                    value.span,
                    format!("score {score} for `{dim}` is outside -3..3"),
                )
                .with_hint("scores are whole numbers from -3 (harmful) to 3 (strong)"),
            );
            ok = false;
        }
        match decl.dimensions.iter().position(|d| d == dim) {
            Some(i) => scores[i] = score,
            None => {
                let d = unknown_id(
                    &w.suggestions,
                    Code::UnlistedDimension,
                    key.span,
                    &format!("`{dim}` is not one of this scenario's `dimensions`"),
                    dim,
                    decl.dimensions.iter().map(String::as_str),
                );
                w.push(if d.hint.is_none() {
                    d.with_hint(format!(
                        "add `{dim}` to `dimensions:` at the top, or remove the score"
                    ))
                } else {
                    d
                });
                ok = false;
            }
        }
    }
    ok
}

/// Reads `set:` (`s`) into `set` as (variable slot, amount added); false when one is wrong.
fn read_set(w: &mut Walker, decl: &Declarations, s: &Yaml, set: &mut Vec<(usize, i64)>) -> bool {
    let mut ok = true;
    for (var, key, value) in w.id_map(s, "`set`", Code::DuplicateKey) {
        let amount = w.int(value, &format!("the change to `{var}`"));
        match decl.variables.iter().position(|v| v == var) {
            Some(slot) => {
                if let Some(amount) = amount {
                    set.push((slot, amount));
                }
            }
            None => {
                let d = unknown_id(
                    &w.suggestions,
                    Code::UndeclaredVariable,
                    key.span,
                    &format!("`{var}` is not a declared variable"),
                    var,
                    decl.variables.iter().map(String::as_str),
                );
                w.push(if d.hint.is_none() {
                    d.with_hint(format!(
                        "declare it under `variables:`, e.g. `variables: {{ {var}: 0 }}`"
                    ))
                } else {
                    d
                });
                ok = false;
            }
        }
        ok &= amount.is_some();
    }
    ok
}
