//! A scenario's nodes: what each says (narration, spoken lines) and what kind of step it is,
//! a decision (its choices: `load::choices`), a passage (`next`: `load::next`) or an ending.

use super::choices::build_choice;
use super::declarations::Declarations;
use super::next::build_next;
use super::walker::{unknown_id, Fields, Walker};
use crate::model::{Choice, Ending, Line, Node, NodeKind, Outcome};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::span::Span;
use crate::text::yaml::{Yaml, YamlValue};

const NODE_KEYS: &[&str] = &["narration", "say", "choices", "next", "ending"];
const ENDING_KEYS: &[&str] = &["outcome", "title", "text"];

/// The node `id` (its key `key`, its map `value`), or `None` when it has errors.
pub(super) fn build_node(
    w: &mut Walker,
    decl: &Declarations,
    id: &str,
    key: &Yaml,
    value: &Yaml,
) -> Option<Node> {
    let what = format!("node `{id}`");
    let f = w.fields(value, &what, key.span, NODE_KEYS, &[])?;
    let narration = w.optional_text(&f, "narration", "`narration`");
    let say = f
        .get("say")
        .map(|s| spoken_lines(w, decl, s))
        .unwrap_or_default();
    if !exactly_one_kind(w, &f, &what, key) {
        return None;
    }
    let kind = if let Some(c) = f.get("choices") {
        NodeKind::Decision(decision(w, decl, &what, c)?)
    } else if let Some(n) = f.get("next") {
        NodeKind::Passage(build_next(w, decl, n)?)
    } else {
        NodeKind::Ending(ending(w, &f, id, key)?)
    };
    Some(Node {
        id: id.to_string(),
        span: key.span,
        narration,
        say,
        kind,
    })
}

/// The spoken lines of `say:`, each `character: line` with a declared character.
fn spoken_lines(w: &mut Walker, decl: &Declarations, s: &Yaml) -> Vec<Line> {
    let mut say = Vec::new();
    for item in w.list(s, "`say`").unwrap_or_default() {
        match &item.value {
            YamlValue::Map(entries) if entries.len() == 1 => {
                let (who, line) = &entries[0];
                let who_name = who.text().unwrap_or("").to_string();
                if !decl.characters.contains(&who_name) {
                    let d = unknown_id(
                        &w.suggestions,
                        Code::UnknownCharacter,
                        who.span,
                        &format!("`{who_name}` is not one of the scenario's `characters`"),
                        &who_name,
                        decl.characters.iter().map(String::as_str),
                    );
                    w.push(if decl.characters.is_empty() {
                        d.with_hint(format!(
                            "declare it: `characters: {{ {who_name}: {{ name: … }} }}`"
                        ))
                    } else {
                        d
                    });
                }
                if let Some(text) = w.text(line, "a spoken line") {
                    say.push(Line {
                        character: who_name,
                        text,
                    });
                }
            }
            _ => w.push(
                Diagnostic::error(
                    Code::WrongType,
                    item.span,
                    "each `say` entry should be one `character: line`",
                )
                .with_hint("for example `- dan: \"Can I tell you something?\"`"),
            ),
        }
    }
    say
}

/// Whether the node is exactly one of decision (`choices`), passage (`next`) and ending
/// (`ending`); a `node-kind` error at its key when not.
fn exactly_one_kind(w: &mut Walker, f: &Fields, what: &str, key: &Yaml) -> bool {
    let kinds = [f.has("choices"), f.has("next"), f.has("ending")];
    let count = kinds.iter().filter(|k| **k).count();
    if count == 1 {
        return true;
    }
    let message = if count == 0 {
        format!(
            "{what} is neither a decision (`choices`), a passage (`next`) nor an ending (`ending`)"
        )
    } else {
        let present: Vec<&str> = ["choices", "next", "ending"]
            .into_iter()
            .zip(kinds)
            .filter(|(_, k)| *k)
            .map(|(n, _)| n)
            .collect();
        format!(
            "{what} has {}: a node is exactly one of decision, passage or ending",
            present.join(" and ")
        )
    };
    w.push(
        Diagnostic::error(Code::NodeKind, key.span, message).with_hint(
            "give a decision `choices`, a passage `next`, an ending `ending` — one of the three",
        ),
    );
    false
}

/// A decision's choices (`c`, the `choices:` value), each with an id of its own.
fn decision(w: &mut Walker, decl: &Declarations, what: &str, c: &Yaml) -> Option<Vec<Choice>> {
    let items = w.list(c, "`choices`")?;
    if items.is_empty() {
        w.push(
            Diagnostic::error(Code::EmptyList, c.span, format!("{what} has an empty `choices` list"))
                .with_hint("a decision offers at least two responses; a node with one way on is a passage (`next`)"),
        );
        return None;
    }
    let mut choices = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match build_choice(w, decl, what, i, item) {
            Some(choice) => {
                if let Some(first) = choices.iter().find(|c: &&Choice| c.id == choice.id) {
                    w.push(
                        Diagnostic::error(
                            Code::DuplicateChoiceId,
                            choice_id_span(item),
                            format!("choice id `{}` is used twice in {what} (first at line {})", choice.id, first.span.line),
                        )
                        .with_hint("choice ids default to 1, 2, … by position; give each choice its own `id`"),
                    );
                    ok = false;
                }
                choices.push(choice);
            }
            None => ok = false,
        }
    }
    ok.then_some(choices)
}

/// The ending of node `id`: its outcome, title and text.
fn ending(w: &mut Walker, f: &Fields, id: &str, key: &Yaml) -> Option<Ending> {
    let e = f.get("ending")?;
    let ef = w.fields(
        e,
        &format!("the ending of `{id}`"),
        f.key_span("ending").unwrap_or(key.span),
        ENDING_KEYS,
        ENDING_KEYS,
    )?;
    let outcome = ef.get("outcome").and_then(|o| {
        let text = w.text(o, "`outcome`")?;
        let outcome = match text.as_str() {
            "positive" => Outcome::Positive,
            "mixed" => Outcome::Mixed,
            "negative" => Outcome::Negative,
            _ => {
                w.push(unknown_id(
                    &w.suggestions,
                    Code::BadValue,
                    o.span,
                    &format!("`{text}` is not an outcome"),
                    &text,
                    ["positive", "mixed", "negative"].into_iter(),
                ));
                return None;
            }
        };
        Some(outcome)
    });
    let title = ef.get("title").and_then(|t| w.text(t, "`title`"));
    let text = ef.get("text").and_then(|t| w.text(t, "`text`"));
    Some(Ending {
        outcome: outcome?,
        title: title?,
        text: text?,
    })
}

/// Where a choice's id stands: its `id` value, or the choice itself when the id is implicit.
fn choice_id_span(item: &Yaml) -> Span {
    if let YamlValue::Map(entries) = &item.value {
        if let Some((_, v)) = entries.iter().find(|(k, _)| k.text() == Some("id")) {
            return v.span;
        }
    }
    item.span
}
