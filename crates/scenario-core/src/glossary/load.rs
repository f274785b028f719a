//! Author side (native only: YAML): `glossary.yaml` → [`Glossary`] plus every diagnostic,
//! each at the key or value it concerns, and the pack the app fetches (`glossary.json`).
//!
//! The same two stages and the same diagnostics as [`crate::load`] (unknown keys with "did
//! you mean", missing and repeated keys, wrong types, text limits), written with the same
//! patterns over the positioned tree of [`crate::yaml`]; and the glossary's own:
//! `duplicate-term`, `duplicate-form`, `bad-form`, `empty-text`.

use super::link::{can_start_word, fold};
use super::{is_term_id, Glossary, Term, FILE};
use crate::diagnostic::{self, did_you_mean_within, Diagnostic, Span};
use crate::json::{self, ToJson};
use crate::load::{Loaded, MAX_FILE_BYTES};
use crate::pack::{self, Pack, FORMAT};
use crate::yaml::{self, ScalarKind, Yaml, YamlValue};
use std::cell::Cell;
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

/// Edit-distance cells one file may spend on "did you mean" hints (as in the loader).
const SUGGESTION_BUDGET: usize = 20_000_000;

/// Loads `glossary.yaml`: the glossary when nothing is an error, and every diagnostic.
pub fn load_glossary(src: &str) -> Loaded<Glossary> {
    let mut w = Walker {
        diagnostics: Vec::new(),
        suggestions: Cell::new(SUGGESTION_BUDGET),
    };
    let value = if src.len() > MAX_FILE_BYTES {
        w.push(Diagnostic::error(
            "too-large",
            yaml::span_of_offset(src, 0),
            format!(
                "the file is {} KiB; files are limited to {} KiB",
                src.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
        ));
        None
    } else {
        match yaml::parse(src) {
            Ok(root) => build(&mut w, &root),
            Err(d) => {
                w.push(d);
                None
            }
        }
    };
    let mut diagnostics = w.diagnostics;
    diagnostic::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        value: if has_errors { None } else { value },
        diagnostics,
    }
}

/// Loads `glossary.yaml` and packs it for the app: the glossary, or the file's errors.
pub fn pack_glossary(src: &str) -> Pack {
    let loaded = load_glossary(src);
    match loaded.value {
        Some(glossary) => {
            let mut text = String::new();
            let members: [(&str, &dyn ToJson); 3] =
                [("pack", &FORMAT), ("file", &FILE), ("glossary", &glossary)];
            json::write_object(&mut text, &members);
            text.push('\n');
            Pack { text, failed: None }
        }
        None => pack::pack_errors(FILE, &loaded.diagnostics),
    }
}

/// Collects diagnostics while walking the file.
struct Walker {
    diagnostics: Vec<Diagnostic>,
    /// What is left of [`SUGGESTION_BUDGET`].
    suggestions: Cell<usize>,
}

/// A map's entries: key text, key node, value node.
type Entries<'y> = Vec<(&'y str, &'y Yaml, &'y Yaml)>;

fn get<'y>(entries: &Entries<'y>, key: &str) -> Option<&'y Yaml> {
    entries.iter().find(|(k, _, _)| *k == key).map(|e| e.2)
}

impl Walker {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn error(&mut self, code: &'static str, span: Span, message: String) {
        self.push(Diagnostic::error(code, span, message));
    }

    fn wrong_type(&mut self, node: &Yaml, what: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            "wrong-type",
            node.span,
            format!("{what} should be {expected}, found {found}"),
        );
    }

    /// A map's entries, with unknown keys (and a hint), repeated keys (at the second) and
    /// missing required keys (at `owner`) reported.
    fn fields<'y>(
        &mut self,
        node: &'y Yaml,
        what: &str,
        owner: Span,
        allowed: &[&str],
        required: &[&str],
    ) -> Option<Entries<'y>> {
        let YamlValue::Map(map) = &node.value else {
            self.wrong_type(node, what, "a map of keys and values");
            return None;
        };
        let mut entries: Entries<'y> = Vec::with_capacity(map.len());
        for (key, value) in map {
            let name = key.text().unwrap_or("");
            if !allowed.contains(&name) {
                let hint =
                    match did_you_mean_within(name, allowed.iter().copied(), &self.suggestions) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("allowed here: {}", allowed.join(", ")),
                    };
                self.push(
                    Diagnostic::error(
                        "unknown-key",
                        key.span,
                        format!("unknown key `{name}` in {what}"),
                    )
                    .with_hint(hint),
                );
            } else if let Some((_, first, _)) = entries.iter().find(|(k, _, _)| *k == name) {
                let line = first.span.line;
                self.error(
                    "duplicate-key",
                    key.span,
                    format!("`{name}` appears twice in {what} (first at line {line})"),
                );
            } else {
                entries.push((name, key, value));
            }
        }
        for key in required {
            if get(&entries, key).is_none() {
                self.push(
                    Diagnostic::error("missing-key", owner, format!("{what} has no `{key}`"))
                        .with_hint(format!("add `{key}:`")),
                );
            }
        }
        Some(entries)
    }

    /// A text of at most `limit` characters (numbers read as text, `true`/`false` do not).
    fn text(&mut self, node: &Yaml, what: &str, limit: usize) -> Option<String> {
        let Some(text) = node
            .text()
            .filter(|_| !matches!(node.scalar(), Some(ScalarKind::Bool(_))))
        else {
            self.wrong_type(node, what, "text");
            return None;
        };
        let chars = text.chars().count();
        if chars > limit {
            self.error(
                "text-too-long",
                node.span,
                format!("{what} is {chars} characters long; the limit is {limit}"),
            );
            return None;
        }
        Some(text.to_owned())
    }

    /// A text that must say something (`means`, `network`, `network_intro`).
    fn filled_text(&mut self, node: &Yaml, what: &str, limit: usize) -> Option<String> {
        let text = self.text(node, what, limit)?;
        if text.trim().is_empty() {
            self.push(
                Diagnostic::error("empty-text", node.span, format!("{what} is empty"))
                    .with_hint("write it, or remove the key if it is optional"),
            );
            return None;
        }
        Some(text)
    }
}

/// Where a form was first seen: its term's index and id, whether it is that term's `term`,
/// and its line.
struct Seen<'a> {
    term: usize,
    id: &'a str,
    is_term: bool,
    line: usize,
}

fn build(w: &mut Walker, root: &Yaml) -> Option<Glossary> {
    let top = w.fields(
        root,
        "the glossary",
        root.span.with_len(1),
        TOP_KEYS,
        TOP_REQUIRED,
    )?;
    if let Some(format) = get(&top, "format") {
        match format.scalar() {
            Some(ScalarKind::Int(1)) => {}
            Some(ScalarKind::Int(n)) => w.push(
                Diagnostic::error(
                    "unsupported-format",
                    format.span,
                    format!("format {n} is not supported"),
                )
                .with_hint("this version reads `format: 1`"),
            ),
            _ => w.wrong_type(format, "`format`", "the number 1"),
        }
    }
    let network_intro = get(&top, "network_intro")
        .and_then(|n| w.filled_text(n, "`network_intro`", MAX_INTRO_CHARS));

    let mut terms = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut forms: HashMap<String, Seen> = HashMap::new();
    let node = get(&top, "terms")?;
    let YamlValue::Map(entries) = &node.value else {
        w.wrong_type(node, "`terms`", "a map of terms, each under its id");
        return None;
    };
    if entries.is_empty() {
        w.error(
            "empty-list",
            node.span,
            "`terms` is empty: a glossary needs at least one term".into(),
        );
    }
    for (key, value) in entries {
        let Some(id) = key.text() else {
            w.error("wrong-type", key.span, "a term's id is empty".into());
            continue;
        };
        if !is_term_id(id) {
            w.push(
                Diagnostic::error("bad-id", key.span, format!("`{id}` is not a valid term id"))
                    .with_hint("use lowercase letters, digits and hyphens, up to 64, starting with a letter or digit"),
            );
            continue;
        }
        if let Some(first) = ids.get(id) {
            w.error(
                "duplicate-term",
                key.span,
                format!("the term `{id}` is defined twice (first at line {first})"),
            );
            continue;
        }
        ids.insert(id, key.span.line);
        let what = format!("term `{id}`");
        let Some(f) = w.fields(value, &what, key.span, TERM_KEYS, TERM_REQUIRED) else {
            continue;
        };
        let index = terms.len();
        let mut form = |w: &mut Walker, node: &Yaml, is_term: bool| -> Option<String> {
            let which = if is_term { "`term`" } else { "an `also` form" };
            let text = w.text(node, &format!("{which} of `{id}`"), MAX_FORM_CHARS)?;
            if !can_start_word(&text) {
                let kind = if is_term { "`term`" } else { "`also` form" };
                let what = if text.trim().is_empty() {
                    format!("the {kind} of `{id}` is empty")
                } else {
                    format!("the {kind} `{text}` of `{id}` does not start with a letter or digit")
                };
                w.push(
                    Diagnostic::error(
                        "bad-form",
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
            let line = node.span.line;
            match forms.get(&folded) {
                Some(seen) if seen.term == index => w.push(
                    Diagnostic::error(
                        "duplicate-form",
                        node.span,
                        format!("`{text}` is listed twice for `{id}` (first at line {})", seen.line),
                    )
                    .with_hint("remove the repeat (case and spacing do not count)"),
                ),
                Some(seen) if seen.is_term && is_term => w.push(
                    Diagnostic::error(
                        "duplicate-term",
                        node.span,
                        format!("`{text}` is also the term `{}` (line {})", seen.id, seen.line),
                    )
                    .with_hint("keep one entry, and merge what the two say"),
                ),
                Some(seen) => w.push(
                    Diagnostic::error(
                        "duplicate-form",
                        node.span,
                        format!("`{text}` is already a form of `{}` (line {}): a link can go to one entry only", seen.id, seen.line),
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
                            line,
                        },
                    );
                }
            }
            Some(text)
        };
        let term = get(&f, "term").and_then(|n| form(w, n, true));
        let mut also = Vec::new();
        if let Some(n) = get(&f, "also") {
            match &n.value {
                YamlValue::Seq(items) => {
                    also.extend(items.iter().filter_map(|item| form(w, item, false)));
                }
                _ if n.scalar() == Some(ScalarKind::Null) => {}
                _ => {
                    let found = n.kind_name();
                    w.push(
                        Diagnostic::error(
                            "wrong-type",
                            n.span,
                            format!("`also` of `{id}` should be a list, found {found}"),
                        )
                        .with_hint("write `also: [\"first form\", \"second form\"]`"),
                    );
                }
            }
        }
        let means = get(&f, "means")
            .and_then(|n| w.filled_text(n, &format!("`means` of `{id}`"), MAX_MEANS_CHARS));
        let network = get(&f, "network")
            .and_then(|n| w.filled_text(n, &format!("`network` of `{id}`"), MAX_NETWORK_CHARS));
        if let (Some(term), Some(means)) = (term, means) {
            terms.push(Term {
                id: id.to_owned(),
                term,
                also,
                means,
                network,
            });
        } else {
            // Keep the indices of later terms in step with `forms`.
            terms.push(Term::default());
        }
    }
    Some(Glossary {
        network_intro,
        terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_glossary_loads_and_packs_and_reads_back() {
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
        let pack = pack_glossary(src);
        assert_eq!(pack.failed, None);
        assert_eq!(super::super::read_glossary(&pack.text), Ok(glossary));
    }
}
