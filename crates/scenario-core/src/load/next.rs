//! Where a passage or a choice leads (`next`): one node, or branches tried in order, each with
//! a condition but the last, so that a learner is never stuck.

use super::conditions::build_condition;
use super::declarations::{resolve_node, Declarations};
use super::walker::Walker;
use crate::model::{Branch, Next};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::{Yaml, YamlValue};

const BRANCH_KEYS: &[&str] = &["if", "to"];

/// Where a choice or a passage leads: a node id, or a list of branches (`if` … `to`) whose
/// last one has no `if`.
pub(super) fn build_next(w: &mut Walker, decl: &Declarations, node: &Yaml) -> Option<Next> {
    if let YamlValue::Seq(items) = &node.value {
        if items.is_empty() {
            w.error(
                Code::EmptyList,
                node.span,
                "`next` is an empty list: it needs at least one branch",
            );
            return None;
        }
        let mut branches = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let Some(f) = w.fields(item, "a `next` branch", item.span, BRANCH_KEYS, &["to"]) else {
                ok = false;
                continue;
            };
            let condition = match f.get("if") {
                Some(c) => {
                    let parsed = build_condition(w, decl, c);
                    ok &= parsed.is_some();
                    if i + 1 == items.len() {
                        w.push(
                            Diagnostic::error(
                                Code::NextLastIf,
                                f.key_span("if").unwrap_or(c.span),
                                "the last branch of `next` has an `if`: when no condition holds, the learner would be stuck",
                            )
                            .with_hint("remove the `if` from the last branch so it catches every other case"),
                        );
                        ok = false;
                    }
                    parsed
                }
                None => None,
            };
            let to = f.get("to").and_then(|t| {
                let name = w.text(t, "`to`")?;
                resolve_node(w, decl, &name, t)
            });
            match to {
                Some(to) => branches.push(Branch { condition, to }),
                None => ok = false,
            }
        }
        return ok.then_some(Next { branches });
    }
    let name = w.text(node, "`next`")?;
    let to = resolve_node(w, decl, &name, node)?;
    Some(Next {
        branches: vec![Branch {
            condition: None,
            to,
        }],
    })
}
