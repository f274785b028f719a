//! `glossary.yaml`: the words a new worker may not know, read with the loader's walker (the
//! same checks every file gets: unknown keys with "did you mean", missing and repeated keys,
//! wrong types, text limits) and the glossary's own: a term twice (`duplicate-term`), a form
//! two terms claim or one lists twice (`duplicate-form`), a form no text could ever contain
//! (`bad-form`), an empty meaning (`empty-text`).

use super::walker::{check_format, Walker};
use crate::analysis::links::{can_start_word, fold};
use crate::model::glossary::{is_term_id, Glossary, Term};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::{ScalarKind, Yaml, YamlValue};
use std::collections::HashMap;

/// Longest `term` or `also` form, in characters.
pub const MAX_FORM_CHARS: usize = 60;
/// Longest `means`, in characters.
pub const MAX_MEANS_CHARS: usize = 600;
/// Longest `network` line, in characters (the "Who's who" fits on one screen).
pub const MAX_NETWORK_CHARS: usize = 160;
/// Longest `network_intro`, in characters.
pub const MAX_INTRO_CHARS: usize = 400;

const TOP_KEYS: &[&str] = &["format", "network_intro", "terms"];
const TOP_REQUIRED: &[&str] = &["format", "terms"];
const TERM_KEYS: &[&str] = &["term", "also", "means", "network"];
const TERM_REQUIRED: &[&str] = &["term", "means"];

/// Where a form was first seen: its term's index and id, whether it is that term's `term`,
/// and its line.
struct Seen<'a> {
    term: usize,
    id: &'a str,
    is_term: bool,
    line: usize,
}

/// The glossary in `root` (`None` when it is not a map or has no `terms`).
pub(super) fn build_glossary(w: &mut Walker, root: &Yaml) -> Option<Glossary> {
    let top = w.fields(
        root,
        "the glossary",
        root.span.with_len(1),
        TOP_KEYS,
        TOP_REQUIRED,
    )?;
    if let Some(format) = top.get("format") {
        check_format(w, format);
    }
    let network_intro = top
        .get("network_intro")
        .and_then(|n| filled_text(w, n, "`network_intro`", MAX_INTRO_CHARS));

    let node = top.get("terms")?;
    if !matches!(node.value, YamlValue::Map(_)) {
        w.wrong_type(node, "`terms`", "a map of terms, each under its id");
        return None;
    }
    let entries = w.id_map(node, "`terms`", Code::DuplicateTerm);
    if entries.is_empty() {
        w.error(
            Code::EmptyList,
            node.span,
            "`terms` is empty: a glossary needs at least one term",
        );
    }
    let mut terms = Vec::with_capacity(entries.len());
    let mut forms: HashMap<String, Seen> = HashMap::new();
    for (id, key, value) in entries {
        if !is_term_id(id) {
            w.push(
                Diagnostic::error(Code::BadId, key.span, format!("`{id}` is not a valid term id"))
                    .with_hint("use lowercase letters, digits and hyphens, up to 64, starting with a letter or digit"),
            );
            continue;
        }
        let what = format!("term `{id}`");
        let Some(f) = w.fields(value, &what, key.span, TERM_KEYS, TERM_REQUIRED) else {
            continue;
        };
        let index = terms.len();
        let mut form = |w: &mut Walker, node: &Yaml, is_term: bool| -> Option<String> {
            let which = if is_term {
                "the `term`"
            } else {
                "an `also` form"
            };
            let text = limited_text(w, node, &format!("{which} of `{id}`"), MAX_FORM_CHARS)?;
            if !can_start_word(&text) {
                let kind = if is_term { "`term`" } else { "`also` form" };
                let what = if text.trim().is_empty() {
                    format!("the {kind} of `{id}` is empty")
                } else {
                    format!("the {kind} `{text}` of `{id}` does not start with a letter or digit")
                };
                w.push(
                    Diagnostic::error(
                        Code::BadForm,
                        node.span,
                        format!("{what}, so it can never be found in a text"),
                    )
                    .with_hint(
                        "start it with a letter or digit, as the word is written in scenarios",
                    ),
                );
                return None;
            }
            let folded = fold(&text);
            match forms.get(&folded) {
                Some(seen) if seen.term == index => w.push(
                    Diagnostic::error(
                        Code::DuplicateForm,
                        node.span,
                        format!(
                            "`{text}` is listed twice for `{id}` (first at line {})",
                            seen.line
                        ),
                    )
                    .with_hint("remove the repeat (case and spacing do not count)"),
                ),
                Some(seen) if seen.is_term && is_term => w.push(
                    Diagnostic::error(
                        Code::DuplicateTerm,
                        node.span,
                        format!(
                            "`{text}` is also the term `{}` (line {})",
                            seen.id, seen.line
                        ),
                    )
                    .with_hint("keep one entry, and merge what the two say"),
                ),
                Some(seen) => w.push(
                    Diagnostic::error(
                        Code::DuplicateForm,
                        node.span,
                        format!(
                            "`{text}` is already a form of `{}` (line {}): a link can go to one entry only",
                            seen.id, seen.line
                        ),
                    )
                    .with_hint("keep the form under one term"),
                ),
                None => {
                    forms.insert(
                        folded,
                        Seen {
                            term: index,
                            id,
                            is_term,
                            line: node.span.line,
                        },
                    );
                }
            }
            Some(text)
        };
        let term = f.get("term").and_then(|n| form(w, n, true));
        let mut also = Vec::new();
        if let Some(n) = f.get("also") {
            match &n.value {
                YamlValue::Seq(items) => {
                    also.extend(items.iter().filter_map(|item| form(w, item, false)));
                }
                _ if n.scalar() == Some(ScalarKind::Null) => {}
                _ => {
                    let found = n.kind_name();
                    w.push(
                        Diagnostic::error(
                            Code::WrongType,
                            n.span,
                            format!("`also` of `{id}` should be a list, found {found}"),
                        )
                        .with_hint("write `also: [\"first form\", \"second form\"]`"),
                    );
                }
            }
        }
        let means = f
            .get("means")
            .and_then(|n| filled_text(w, n, &format!("`means` of `{id}`"), MAX_MEANS_CHARS));
        let network = f
            .get("network")
            .and_then(|n| filled_text(w, n, &format!("`network` of `{id}`"), MAX_NETWORK_CHARS));
        // A term with errors keeps its place, so that the indices in `forms` stay right; the
        // glossary is only built when nothing is an error.
        terms.push(match (term, means) {
            (Some(term), Some(means)) => Term {
                id: id.to_owned(),
                term,
                also,
                means,
                network,
            },
            _ => Term::default(),
        });
    }
    Some(Glossary {
        network_intro,
        terms,
    })
}

/// A text of at most `limit` characters (the walker's text rules, with the glossary's
/// shorter limits).
fn limited_text(w: &mut Walker, node: &Yaml, what: &str, limit: usize) -> Option<String> {
    let text = w.text(node, what)?;
    let chars = text.chars().count();
    if chars > limit {
        w.error(
            Code::TextTooLong,
            node.span,
            format!("{what} is {chars} characters long; the limit is {limit}"),
        );
        return None;
    }
    Some(text)
}

/// A text that must say something (`means`, `network`, `network_intro`).
fn filled_text(w: &mut Walker, node: &Yaml, what: &str, limit: usize) -> Option<String> {
    let text = limited_text(w, node, what, limit)?;
    if text.trim().is_empty() {
        w.push(
            Diagnostic::error(Code::EmptyText, node.span, format!("{what} is empty"))
                .with_hint("write it, or remove the key if it is optional"),
        );
        return None;
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use crate::load::load_glossary;

    #[test]
    fn a_small_glossary_loads() {
        let src = "format: 1\nnetwork_intro: \"Nobody works alone.\"\nterms:\n  mappa:\n    term: MAPPA\n    also: [\"multi-agency public protection arrangements\"]\n    means: \"How agencies manage risk together.\"\n    network: \"They decide who is told.\"\n  recall:\n    term: Recall\n    means: Being returned to prison.\n";
        let loaded = load_glossary(src);
        assert_eq!(loaded.diagnostics, vec![]);
        let glossary = loaded.value.expect("loads");
        assert_eq!(glossary.terms.len(), 2);
        assert_eq!(glossary.terms[1].also, Vec::<String>::new());
        assert_eq!(
            glossary
                .network()
                .map(|(t, _)| t.id.as_str())
                .collect::<Vec<_>>(),
            ["mappa"]
        );
    }
}
