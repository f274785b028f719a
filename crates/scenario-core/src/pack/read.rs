//! Reading packs (in the learner's app): a scenario with its routes and glossary links, or
//! the vocabulary, or the file's errors; a damaged or foreign pack is a notice with the reason, and every index the
//! session and scoring rely on is checked first.

use super::{FailedFile, FileError, Packed, FORMAT};
use crate::json::{Fields, FromJson, Json};
use crate::model::links::Links;
use crate::model::{Condition, Expr, Next, NodeKind, Scenario, Vocabulary, SCORE_RANGE};
use crate::play::routes::Routes;

/// Reads the pack of `dimensions.yaml` (fetched as `dimensions.json`).
pub fn read_vocabulary(text: &str) -> Packed<Vocabulary> {
    read(text, "dimensions", |fields| required(fields, "vocabulary"))
}

/// Reads the pack of `<stem>.yaml` (fetched as `<stem>.json`): the scenario, its routes and
/// its texts' glossary links, checking that every index in them is in range and that every
/// link fits its text.
pub fn read_scenario(text: &str, stem: &str) -> Packed<(Scenario, Routes, Links)> {
    read(text, stem, |fields| {
        let scenario: Scenario = required(fields, "scenario")?;
        structure(&scenario)?;
        let routes: Routes = required(fields, "routes")?;
        routes.check(scenario.nodes.len())?;
        let links: Links = required(fields, "links")?;
        links.check(&scenario)?;
        Ok((scenario, routes, links))
    })
}

/// A member every pack of its kind has.
fn required<T: FromJson>(fields: &Fields<'_>, key: &str) -> Result<T, String> {
    let value: Option<T> = fields.get(key).map_err(|e| e.0)?;
    value.ok_or_else(|| format!("it has no `{key}`"))
}

fn read<T>(
    text: &str,
    stem: &str,
    value: impl FnOnce(&Fields<'_>) -> Result<T, String>,
) -> Packed<T> {
    let yaml = format!("{stem}.yaml");
    let unreadable = |why: String| {
        FailedFile::one(
            &yaml,
            format!("the app could not read {stem}.json, the packed form of this file: {why}"),
            Some("rebuild the app (`trunk build`) and publish all of dist/ together"),
        )
    };
    let root = Json::parse(text).map_err(|e| unreadable(e.0))?;
    let fields = root.fields().map_err(|e| unreadable(e.0))?;
    let format: u32 = fields.get("pack").map_err(|e| unreadable(e.0))?;
    if format != FORMAT {
        return Err(unreadable(format!(
            "it is pack format {format}, and this version of the app reads format {FORMAT}"
        )));
    }
    let file: String = fields.get("file").map_err(|e| unreadable(e.0))?;
    let errors: Option<Vec<FileError>> = fields.get("errors").map_err(|e| unreadable(e.0))?;
    match errors {
        Some(errors) if !errors.is_empty() => Err(FailedFile { file, errors }),
        Some(_) => Err(unreadable("`errors` is empty".into())),
        None => value(&fields).map_err(unreadable),
    }
}

/// Everything the session, scoring and screens index by is in range: the start, every
/// `next`, every score row, every `set` and every condition's slot; and every score is in
/// the format's -3..3, which keeps the scoring sums far from overflow.
fn structure(s: &Scenario) -> Result<(), String> {
    let nodes = s.nodes.len();
    let in_range = |to: usize, what: &str| {
        if to < nodes {
            Ok(())
        } else {
            Err(format!("{what} leads to node {to}, and there are {nodes}"))
        }
    };
    in_range(s.start, "the start")?;
    if s.dimension_spans.len() != s.dimensions.len() {
        return Err("`dimension_spans` does not match `dimensions`".into());
    }
    let slots = s.slot_count();
    let condition = |c: &Option<Condition>, at: &str| match c.as_ref().map(|c| max_slot(&c.expr)) {
        Some(slot) if slot >= slots => Err(format!("a condition at {at} names slot {slot}")),
        _ => Ok(()),
    };
    let next = |n: &Next, at: &str| {
        if n.branches.is_empty() {
            return Err(format!("`next` at {at} has no branch"));
        }
        n.branches.iter().try_for_each(|b| {
            in_range(b.to, at)?;
            condition(&b.condition, at)
        })
    };
    for node in &s.nodes {
        let at = format!("node `{}`", node.id);
        match &node.kind {
            NodeKind::Decision(choices) => {
                if choices.is_empty() {
                    return Err(format!("{at} offers no choice"));
                }
                for c in choices {
                    if c.scores.iter().any(|v| !SCORE_RANGE.contains(v)) {
                        return Err(format!(
                            "choice `{}` at {at} has a score outside -3..3",
                            c.id
                        ));
                    }
                    if c.scores.len() != s.dimensions.len() {
                        return Err(format!(
                            "choice `{}` at {at} has the wrong number of scores",
                            c.id
                        ));
                    }
                    if c.set.iter().any(|&(slot, _)| slot >= s.variables.len()) {
                        return Err(format!(
                            "choice `{}` at {at} sets an unknown variable",
                            c.id
                        ));
                    }
                    condition(&c.condition, &at)?;
                    next(&c.next, &at)?;
                }
            }
            NodeKind::Passage(n) => next(n, &at)?,
            NodeKind::Ending(_) => {}
        }
    }
    Ok(())
}

/// The highest slot a condition reads.
fn max_slot(e: &Expr) -> usize {
    match e {
        Expr::Compare { operand, .. } => operand.slot,
        Expr::Not(e) => max_slot(e),
        Expr::And(a, b) | Expr::Or(a, b) => max_slot(a).max(max_slot(b)),
    }
}
