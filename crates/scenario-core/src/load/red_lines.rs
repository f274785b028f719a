//! The red lines a choice crosses (`red_lines:`, acts declared once in `dimensions.yaml`):
//! such a choice is critical with the acts' reasons, the same in every scenario, and scores
//! 0 or less everywhere; a critical choice that names no act is warned about.

use super::declarations::Declarations;
use super::walker::{unknown_id, Fields, Walker};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::{Yaml, YamlValue};

/// The red-line acts choice `item` crosses (its fields `f`, its `scores`), and its critical
/// reason: the acts' reasons, or its own `critical` text when it names none; false when
/// something is wrong.
pub(super) fn red_lines_of_choice(
    w: &mut Walker,
    decl: &Declarations,
    f: &Fields,
    item: &Yaml,
    scores: &[i64],
    critical: Option<String>,
) -> (Vec<String>, Option<String>, bool) {
    let mut ok = true;
    let red_lines = match f.get("red_lines") {
        Some(list) => {
            let acts = build_red_lines(w, decl, list);
            ok &= acts.is_some();
            acts.unwrap_or_default()
        }
        None => Vec::new(),
    };
    if red_lines.is_empty() {
        if let (Some(_), false) = (&critical, decl.red_lines.is_empty()) {
            let span = f.key_span("critical").unwrap_or(item.span);
            w.push(
                Diagnostic::warning(
                    Code::CriticalWithoutRedLine,
                    span,
                    "this critical choice names no red-line act, so it may be treated differently in another scenario",
                )
                .with_hint(format!(
                    "name the act instead, e.g. `red_lines: [{}]`, and move what is particular to this moment into `feedback`",
                    decl.red_lines[0].id
                )),
            );
        }
        return (red_lines, critical, ok);
    }
    ok &= red_line_rules(w, decl, f, scores);
    let reasons = red_lines
        .iter()
        .filter_map(|id| decl.red_lines.iter().find(|r| &r.id == id))
        .map(|r| r.reason.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    (red_lines, Some(reasons), ok)
}

/// A choice's `red_lines`: a non-empty list of the vocabulary's red-line acts, each once.
fn build_red_lines(w: &mut Walker, decl: &Declarations, list: &Yaml) -> Option<Vec<String>> {
    let items = w.text_list(list, "`red_lines`");
    if items.is_empty() {
        if matches!(list.value, YamlValue::Seq(_)) {
            w.push(
                Diagnostic::error(Code::EmptyList, list.span, "`red_lines` is empty")
                    .with_hint("name the red-line acts this choice commits, or remove the key"),
            );
        }
        return None;
    }
    let mut acts: Vec<String> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (act, span) in items {
        if acts.contains(&act) {
            w.error(
                Code::DuplicateKey,
                span,
                format!("red line `{act}` is listed twice"),
            );
            ok = false;
        } else if decl.red_lines.iter().any(|r| r.id == act) {
            acts.push(act);
        } else {
            let d = unknown_id(
                &w.suggestions,
                Code::UnknownRedLine,
                span,
                &format!("`{act}` is not a red line in dimensions.yaml"),
                &act,
                decl.red_lines.iter().map(|r| r.id.as_str()),
            );
            w.push(if decl.red_lines.is_empty() {
                d.with_hint("dimensions.yaml declares no `red_lines:`; add them there first")
            } else {
                d
            });
            ok = false;
        }
    }
    ok.then_some(acts)
}

/// A choice that commits a red-line act is critical with the vocabulary's reason, the same
/// in every scenario: it may not give its own `critical` text, nor score above 0 anywhere.
fn red_line_rules(w: &mut Walker, decl: &Declarations, f: &Fields, scores: &[i64]) -> bool {
    let mut ok = true;
    if let Some(span) = f.key_span("critical") {
        w.push(
            Diagnostic::error(
                Code::CriticalWithRedLine,
                span,
                "a choice that names `red_lines` takes its red-line reason from dimensions.yaml",
            )
            .with_hint(
                "remove `critical:`, and put what is particular to this moment in `feedback`",
            ),
        );
        ok = false;
    }
    for (d, &score) in scores.iter().enumerate() {
        if score > 0 {
            let span = f
                .get("scores")
                .and_then(|s| match &s.value {
                    YamlValue::Map(entries) => entries
                        .iter()
                        .find(|(k, _)| k.text() == Some(decl.dimensions[d].as_str()))
                        .map(|(_, v)| v.span),
                    _ => None,
                })
                .unwrap_or_else(|| f.key_span("red_lines").unwrap_or_default());
            w.push(
                Diagnostic::error(
                    Code::RedLineScore,
                    span,
                    format!(
                        "this choice crosses a red line but scores {score} for `{}`",
                        decl.dimensions[d]
                    ),
                )
                .with_hint("a choice that crosses a red line scores 0 or less on every dimension"),
            );
            ok = false;
        }
    }
    ok
}
