//! A scenario file from the top: its header (id, texts, audiences, topics, minutes,
//! dimensions, pass marks), its declarations (characters, variables), its debrief, and then
//! its nodes (`load::nodes`), once every node id is known so that `next` can name a node
//! defined further down.

use super::declarations::{resolve_node, Declarations};
use super::nodes::build_node;
use super::walker::{check_format, unknown_id, Fields, Walker};
use crate::model::{
    is_scenario_id, Character, Debrief, Label, Node, NodeIndex, Pass, Scenario, Vocabulary,
};
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::span::Span;
use crate::text::yaml::{Yaml, YamlValue};
use std::cell::OnceCell;

const SCENARIO_KEYS: &[&str] = &[
    "format",
    "id",
    "title",
    "summary",
    "setting",
    "content_note",
    "audiences",
    "topics",
    "minutes",
    "characters",
    "dimensions",
    "pass",
    "variables",
    "start",
    "nodes",
    "debrief",
    "trainer_notes",
];
const SCENARIO_REQUIRED: &[&str] = &[
    "format",
    "id",
    "title",
    "summary",
    "setting",
    "audiences",
    "topics",
    "dimensions",
    "start",
    "nodes",
];
const CHARACTER_KEYS: &[&str] = &["name", "role"];
const CHARACTER_REQUIRED: &[&str] = &["name"];
const PASS_KEYS: &[&str] = &["overall", "each"];
const DEBRIEF_KEYS: &[&str] = &["key_points", "reflection"];

/// The scenario in `root`, loaded as `<file_stem>.yaml` against `vocabulary`, or `None` when
/// a part of it could not be built (every problem is in `w`).
pub(super) fn build_scenario(
    w: &mut Walker,
    root: &Yaml,
    file_stem: &str,
    vocabulary: &Vocabulary,
    max_nodes: usize,
) -> Option<Scenario> {
    let top = w.fields(
        root,
        "the scenario",
        root.span.with_len(1),
        SCENARIO_KEYS,
        SCENARIO_REQUIRED,
    )?;
    if let Some(format) = top.get("format") {
        check_format(w, format);
    }
    let id = top.get("id").and_then(|n| scenario_id(w, n, file_stem));
    let title = top.get("title").and_then(|n| w.text(n, "`title`"));
    let summary = top.get("summary").and_then(|n| w.text(n, "`summary`"));
    let setting = top.get("setting").and_then(|n| w.text(n, "`setting`"));
    let content_note = w.optional_text(&top, "content_note", "`content_note`");
    let trainer_notes = w.optional_text(&top, "trainer_notes", "`trainer_notes`");
    let audiences = top
        .get("audiences")
        .map_or_else(Vec::new, |n| audiences(w, n));
    let topics = top
        .get("topics")
        .map_or_else(Vec::new, |n| topics(w, n, vocabulary));
    let minutes = top.get("minutes").and_then(|n| minutes(w, n));
    let (dimensions, dimension_spans) = top
        .get("dimensions")
        .map(|n| dimensions(w, n, vocabulary))
        .unwrap_or_default();
    let pass = top
        .get("pass")
        .map_or_else(Pass::default, |n| pass(w, &top, n));
    let characters = top
        .get("characters")
        .map(|n| characters(w, n))
        .unwrap_or_default();
    let variables = top
        .get("variables")
        .map(|n| variables(w, n))
        .unwrap_or_default();
    let debrief = top
        .get("debrief")
        .map_or_else(Debrief::default, |n| debrief(w, &top, n));
    let (start, nodes) = start_and_nodes(
        w,
        &top,
        vocabulary,
        max_nodes,
        Declared {
            dimensions: &dimensions,
            variables: &variables,
            characters: &characters,
        },
    )?;
    Some(Scenario {
        id: id?,
        title: title?,
        summary: summary?,
        setting: setting?,
        content_note,
        audiences,
        topics,
        minutes,
        characters,
        dimensions,
        dimension_spans,
        pass,
        variables,
        start: start?,
        nodes,
        debrief,
        trainer_notes,
        fingerprint: crate::hash::fnv1a(w.src.as_bytes()),
    })
}

/// The scenario's `id` (the value `n`): a valid id, equal to the file's name.
fn scenario_id(w: &mut Walker, n: &Yaml, file_stem: &str) -> Option<String> {
    let id = w.text(n, "`id`")?;
    if !is_scenario_id(&id) {
        w.push(
            Diagnostic::error(Code::BadId, n.span, format!("`{id}` is not a valid scenario id"))
                .with_hint("use lowercase letters, digits and hyphens, up to 64, starting with a letter or digit"),
        );
    } else if id != file_stem {
        w.push(
            Diagnostic::error(
                Code::IdMismatch,
                n.span,
                format!("the id `{id}` does not match the file name `{file_stem}.yaml`"),
            )
            .with_hint(format!(
                "rename the file to `{id}.yaml` or set `id: {file_stem}`"
            )),
        );
    }
    Some(id)
}

/// `audiences:`, at least one.
fn audiences(w: &mut Walker, n: &Yaml) -> Vec<String> {
    let list = w.text_list(n, "`audiences`");
    if list.is_empty() && matches!(n.value, YamlValue::Seq(_)) {
        w.push(
            Diagnostic::error(
                Code::EmptyList,
                n.span,
                "`audiences` needs at least one audience",
            )
            .with_hint("for example `audiences: [induction]`"),
        );
    }
    list.into_iter().map(|(a, _)| a).collect()
}

/// `topics:`, resolved against the vocabulary's.
fn topics(w: &mut Walker, n: &Yaml, vocabulary: &Vocabulary) -> Vec<Label> {
    let mut topics = Vec::new();
    for (topic, span) in w.text_list(n, "`topics`") {
        match vocabulary.topic(&topic) {
            Some(label) => topics.push(label.clone()),
            None => w.push(unknown_id(
                &w.suggestions,
                Code::UnknownTopic,
                span,
                &format!("`{topic}` is not a topic in dimensions.yaml"),
                &topic,
                vocabulary.topics.iter().map(|t| t.id.as_str()),
            )),
        }
    }
    topics
}

/// `minutes:`, from 1 to 600.
fn minutes(w: &mut Walker, n: &Yaml) -> Option<u32> {
    let m = w.int(n, "`minutes`")?;
    if !(1..=600).contains(&m) {
        w.error(
            Code::BadValue,
            n.span,
            format!("`minutes` should be between 1 and 600, found {m}"),
        );
        return None;
    }
    Some(m as u32)
}

/// `dimensions:`, resolved against the vocabulary's, each once, and where each is listed.
fn dimensions(w: &mut Walker, n: &Yaml, vocabulary: &Vocabulary) -> (Vec<Label>, Vec<Span>) {
    let mut dimensions: Vec<Label> = Vec::new();
    let mut spans = Vec::new();
    for (dim, span) in w.text_list(n, "`dimensions`") {
        if dimensions.iter().any(|d| d.id == dim) {
            w.error(
                Code::DuplicateKey,
                span,
                format!("dimension `{dim}` is listed twice"),
            );
            continue;
        }
        match vocabulary.dimension(&dim) {
            Some(label) => {
                dimensions.push(label.clone());
                spans.push(span);
            }
            None => w.push(unknown_id(
                &w.suggestions,
                Code::UnknownDimension,
                span,
                &format!("`{dim}` is not a dimension in dimensions.yaml"),
                &dim,
                vocabulary.dimensions.iter().map(|d| d.id.as_str()),
            )),
        }
    }
    (dimensions, spans)
}

/// `pass:` (the value `n` of the scenario's fields `top`): percents from 0 to 100, the
/// defaults for what it leaves out.
fn pass(w: &mut Walker, top: &Fields, n: &Yaml) -> Pass {
    let mut pass = Pass::default();
    let key_span = top.key_span("pass").unwrap_or(n.span);
    if let Some(f) = w.fields(n, "`pass`", key_span, PASS_KEYS, &[]) {
        for (key, slot) in [("overall", &mut pass.overall), ("each", &mut pass.each)] {
            if let Some(v) = f.get(key) {
                if let Some(p) = w.int(v, &format!("`pass.{key}`")) {
                    if (0..=100).contains(&p) {
                        *slot = p;
                    } else {
                        w.error(
                            Code::BadValue,
                            v.span,
                            format!("`pass.{key}` is a percent from 0 to 100, found {p}"),
                        );
                    }
                }
            }
        }
    }
    pass
}

/// `characters:`, each with a name.
fn characters(w: &mut Walker, n: &Yaml) -> Vec<Character> {
    let mut characters = Vec::new();
    for (cid, key, value) in w.id_map(n, "`characters`", Code::DuplicateKey) {
        let what = format!("character `{cid}`");
        let Some(f) = w.fields(value, &what, key.span, CHARACTER_KEYS, CHARACTER_REQUIRED) else {
            continue;
        };
        let name = f.get("name").and_then(|v| w.text(v, "`name`"));
        let role = w.optional_text(&f, "role", "`role`");
        characters.push(Character {
            id: cid.to_string(),
            name: name.unwrap_or_default(),
            role,
        });
    }
    characters
}

/// `variables:`, each with its initial value.
fn variables(w: &mut Walker, n: &Yaml) -> Vec<(String, i64)> {
    let mut variables = Vec::new();
    for (name, _key, value) in w.id_map(n, "`variables`", Code::DuplicateKey) {
        if let Some(v) = w.int(value, &format!("variable `{name}`")) {
            variables.push((name.to_string(), v));
        }
    }
    variables
}

/// `debrief:` (the value `n`): key points and reflection questions.
fn debrief(w: &mut Walker, top: &Fields, n: &Yaml) -> Debrief {
    let key_span = top.key_span("debrief").unwrap_or(n.span);
    let mut debrief = Debrief::default();
    if let Some(f) = w.fields(n, "`debrief`", key_span, DEBRIEF_KEYS, &[]) {
        if let Some(k) = f.get("key_points") {
            debrief.key_points = w
                .text_list(k, "`key_points`")
                .into_iter()
                .map(|(t, _)| t)
                .collect();
        }
        if let Some(r) = f.get("reflection") {
            debrief.reflection = w
                .text_list(r, "`reflection`")
                .into_iter()
                .map(|(t, _)| t)
                .collect();
        }
    }
    debrief
}

/// What the header declared, for the nodes.
struct Declared<'a> {
    dimensions: &'a [Label],
    variables: &'a [(String, i64)],
    characters: &'a [Character],
}

/// `start:` and `nodes:`: the node ids first (so `next` can name a node defined further
/// down), then each node. `None` past the node limit, where nothing else is read.
fn start_and_nodes(
    w: &mut Walker,
    top: &Fields,
    vocabulary: &Vocabulary,
    max_nodes: usize,
    declared: Declared,
) -> Option<(Option<NodeIndex>, Vec<Node>)> {
    let node_entries = top
        .get("nodes")
        .map(|n| w.id_map(n, "`nodes`", Code::DuplicateNode))
        .unwrap_or_default();
    if let Some(n) = top.get("nodes") {
        if node_entries.is_empty() && !w.diagnostics.iter().any(|d| d.span == n.span) {
            w.push(Diagnostic::error(
                Code::EmptyList,
                n.span,
                "`nodes` is empty: a scenario needs at least a start and an ending",
            ));
        }
        if node_entries.len() > max_nodes {
            w.error(
                Code::TooManyNodes,
                top.key_span("nodes").unwrap_or(n.span),
                format!(
                    "the scenario has {} nodes; the limit is {max_nodes}",
                    node_entries.len()
                ),
            );
            return None;
        }
    }
    let declarations = Declarations {
        node_ids: node_entries
            .iter()
            .enumerate()
            .map(|(i, (id, _, _))| (*id, i))
            .collect(),
        sorted_node_ids: OnceCell::new(),
        dimensions: declared.dimensions.iter().map(|d| d.id.clone()).collect(),
        variables: declared.variables.iter().map(|(v, _)| v.clone()).collect(),
        characters: declared.characters.iter().map(|c| c.id.clone()).collect(),
        red_lines: &vocabulary.red_lines,
    };
    let start = top.get("start").and_then(|n| {
        let name = w.text(n, "`start`")?;
        resolve_node(w, &declarations, &name, n)
    });
    let mut nodes = Vec::with_capacity(node_entries.len());
    for (id, key, value) in &node_entries {
        if let Some(node) = build_node(w, &declarations, id, key, value) {
            nodes.push(node);
        }
    }
    Some((start, nodes))
}
