//! `dimensions.yaml`: the vocabulary every scenario of a folder is checked against, its
//! scoring dimensions and topics (labels) and its red-line acts.

use super::walker::{check_format, Walker};
use crate::model::{is_id, Label, RedLine, Vocabulary};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::Yaml;

const VOCABULARY_KEYS: &[&str] = &["format", "dimensions", "topics", "red_lines"];
const VOCABULARY_REQUIRED: &[&str] = &["format", "dimensions", "topics"];
const LABEL_KEYS: &[&str] = &["label", "description"];
const LABEL_REQUIRED: &[&str] = &["label"];
const RED_LINE_KEYS: &[&str] = &["label", "reason"];

/// The vocabulary in `root` (`None` when it is not a map).
pub(super) fn build_vocabulary(w: &mut Walker, root: &Yaml) -> Option<Vocabulary> {
    let fields = w.fields(
        root,
        "dimensions.yaml",
        root.span,
        VOCABULARY_KEYS,
        VOCABULARY_REQUIRED,
    )?;
    if let Some(format) = fields.get("format") {
        check_format(w, format);
    }
    let mut vocabulary = Vocabulary::default();
    if let Some(node) = fields.get("dimensions") {
        vocabulary.dimensions = labels(w, node, "dimensions");
    }
    if let Some(node) = fields.get("topics") {
        vocabulary.topics = labels(w, node, "topics");
    }
    if let Some(node) = fields.get("red_lines") {
        vocabulary.red_lines = red_lines(w, node);
    }
    Some(vocabulary)
}

/// The labels of `dimensions:` or `topics:` (`key`), in file order.
fn labels(w: &mut Walker, node: &Yaml, key: &str) -> Vec<Label> {
    let mut list = Vec::new();
    for (id, key_node, value) in w.id_map(node, &format!("`{key}`"), Code::DuplicateKey) {
        let what = format!("`{id}`");
        let Some(label_fields) = w.fields(value, &what, key_node.span, LABEL_KEYS, LABEL_REQUIRED)
        else {
            continue;
        };
        let label = label_fields.get("label").and_then(|n| w.text(n, "`label`"));
        let description = w.optional_text(&label_fields, "description", "`description`");
        if let Some(label) = label {
            list.push(Label {
                id: id.to_string(),
                label,
                description,
            });
        }
    }
    list
}

/// The red-line acts of `red_lines:`, in file order.
fn red_lines(w: &mut Walker, node: &Yaml) -> Vec<RedLine> {
    let mut acts = Vec::new();
    for (id, key_node, value) in w.id_map(node, "`red_lines`", Code::DuplicateKey) {
        if !is_id(id) {
            w.push(
                Diagnostic::error(
                    Code::BadId,
                    key_node.span,
                    format!("`{id}` is not a valid red-line id"),
                )
                .with_hint(
                    "use lowercase letters, digits and hyphens, starting with a letter or digit",
                ),
            );
            continue;
        }
        let what = format!("red line `{id}`");
        let Some(f) = w.fields(value, &what, key_node.span, RED_LINE_KEYS, RED_LINE_KEYS) else {
            continue;
        };
        let label = f.get("label").and_then(|n| w.text(n, "`label`"));
        let reason = f.get("reason").and_then(|n| w.text(n, "`reason`"));
        if let (Some(label), Some(reason)) = (label, reason) {
            acts.push(RedLine {
                id: id.to_string(),
                label,
                reason,
            });
        }
    }
    acts
}
