//! Loading: YAML text → validated [`Scenario`] plus *all* diagnostics.
//!
//! Two stages, as in the style guide: the positioned YAML tree ([`crate::text::yaml`]) is walked
//! against format v1, collecting every problem at the key or value it concerns; only when
//! nothing is an error is the model built and the path analysis ([`crate::analysis`]) run.
//! Loading never panics and never stops at the first problem.

use crate::analysis;
use crate::condition;
use crate::model::condition::Expr;
use crate::model::*;
use crate::text::diagnostic::{self, did_you_mean_within, Code, Diagnostic};
use crate::text::position::{self, LineIndex};
use crate::text::span::Span;
use crate::text::yaml::{self, ScalarKind, Yaml, YamlValue};
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::path::PathBuf;

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Most nodes a scenario may have.
pub const MAX_NODES: usize = 5_000;
/// Longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// The limits a scenario file is held to. [`Limits::default`] is format v1's; benchmarks
/// raise them to measure growth past them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_file_bytes: usize,
    /// Most nodes.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_nodes: MAX_NODES,
        }
    }
}

/// The files a scenario folder shares among its scenarios, which are not scenarios: the
/// vocabulary every scenario is loaded against, and the glossary.
pub const SHARED_FILES: &[&str] = &["dimensions.yaml", "glossary.yaml"];

/// Of the paths listed in a scenario folder, the scenarios: every `*.yaml` but the folder's
/// [`SHARED_FILES`], sorted. The caller lists the folder (the core reads no files); the CLI,
/// the tests and the tools all choose the scenarios here.
pub fn scenario_files(listed: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = listed
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_none_or(|n| !SHARED_FILES.contains(&n))
        })
        .collect();
    files.sort();
    files
}

/// A scenario (when it has no errors) and everything said about it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The value, present only when no diagnostic is an error.
    pub value: Option<T>,
    /// Every error and warning, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Keys of a scenario file, for unknown-key hints.
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
const NODE_KEYS: &[&str] = &["narration", "say", "choices", "next", "ending"];
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
const BRANCH_KEYS: &[&str] = &["if", "to"];
const ENDING_KEYS: &[&str] = &["outcome", "title", "text"];
const CHARACTER_KEYS: &[&str] = &["name", "role"];
const CHARACTER_REQUIRED: &[&str] = &["name"];
const PASS_KEYS: &[&str] = &["overall", "each"];
const DEBRIEF_KEYS: &[&str] = &["key_points", "reflection"];
const VOCABULARY_KEYS: &[&str] = &["format", "dimensions", "topics", "red_lines"];
const VOCABULARY_REQUIRED: &[&str] = &["format", "dimensions", "topics"];
const LABEL_KEYS: &[&str] = &["label", "description"];
const LABEL_REQUIRED: &[&str] = &["label"];
const RED_LINE_KEYS: &[&str] = &["label", "reason"];

/// Collects diagnostics while walking one file.
struct Walker<'s> {
    src: &'s str,
    diagnostics: Vec<Diagnostic>,
    /// Positions inside scalars (conditions), built on first use.
    lines: OnceCell<LineIndex>,
    /// What is left of [`SUGGESTION_BUDGET`].
    suggestions: Cell<usize>,
}

/// Edit-distance cells one file may spend on "did you mean" hints (about 0.1 s); past it,
/// hints list the known names instead. Only files with thousands of unknown names reach it.
const SUGGESTION_BUDGET: usize = 20_000_000;

/// The entries of a map, checked for unknown, repeated and missing keys.
struct Fields<'y> {
    entries: Vec<(&'y str, &'y Yaml, &'y Yaml)>,
}

impl<'y> Fields<'y> {
    fn get(&self, key: &str) -> Option<&'y Yaml> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.span)
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'s> Walker<'s> {
    fn new(src: &'s str) -> Self {
        Walker {
            src,
            diagnostics: Vec::new(),
            lines: OnceCell::new(),
            suggestions: Cell::new(SUGGESTION_BUDGET),
        }
    }

    fn error(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, span, message));
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn wrong_type(&mut self, node: &Yaml, what: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            Code::WrongType,
            node.span,
            format!("{what} should be {expected}, found {found}"),
        );
    }

    /// Reads a map: unknown keys (with a hint), repeated keys (at the second one) and missing
    /// required keys (at `owner`, the place that names the map) are reported.
    fn fields<'y>(
        &mut self,
        node: &'y Yaml,
        what: &str,
        owner: Span,
        allowed: &[&str],
        required: &[&str],
    ) -> Option<Fields<'y>> {
        let YamlValue::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a map of keys and values");
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
        };
        for (key, value) in entries {
            let name = key.text().unwrap_or("");
            if !allowed.contains(&name) {
                let mut d = Diagnostic::error(
                    Code::UnknownKey,
                    key.span,
                    format!("unknown key `{name}` in {what}"),
                );
                d = match did_you_mean_within(name, allowed.iter().copied(), &self.suggestions) {
                    Some(close) => d.with_hint(format!("did you mean `{close}`?")),
                    None => d.with_hint(format!("allowed here: {}", allowed.join(", "))),
                };
                self.push(d);
                continue;
            }
            if let Some(first) = fields.key_span(name) {
                self.error(
                    Code::DuplicateKey,
                    key.span,
                    format!(
                        "`{name}` appears twice in {what} (first at line {})",
                        first.line
                    ),
                );
                continue;
            }
            fields.entries.push((name, key, value));
        }
        for key in required {
            if !fields.has(key) {
                self.push(
                    Diagnostic::error(Code::MissingKey, owner, format!("{what} has no `{key}`"))
                        .with_hint(format!("add `{key}:`")),
                );
            }
        }
        Some(fields)
    }

    /// Entries of a map whose keys are ids (nodes, characters, variables, …); repeated ids are
    /// reported at the second occurrence with `duplicate_code`.
    fn id_map<'y>(
        &mut self,
        node: &'y Yaml,
        what: &str,
        duplicate_code: Code,
    ) -> Vec<(&'y str, &'y Yaml, &'y Yaml)> {
        let YamlValue::Map(entries) = &node.value else {
            if node.scalar() != Some(ScalarKind::Null) {
                self.wrong_type(node, what, "a map");
            }
            return Vec::new();
        };
        let mut out: Vec<(&str, &Yaml, &Yaml)> = Vec::with_capacity(entries.len());
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        for (key, value) in entries {
            let Some(name) = key.text() else {
                self.error(
                    Code::WrongType,
                    key.span,
                    format!("a key in {what} is empty"),
                );
                continue;
            };
            if let Some(first) = seen.get(name) {
                self.error(
                    duplicate_code,
                    key.span,
                    format!("`{name}` is defined twice in {what} (first at line {first})"),
                );
                continue;
            }
            seen.insert(name, key.span.line);
            out.push((name, key, value));
        }
        out
    }

    fn text(&mut self, node: &Yaml, what: &str) -> Option<String> {
        // Numbers read as text (`title: 2024`); `true`/`false` do not: a bare `true` in a
        // text field (`critical: true`) is almost always a mistake.
        let Some(text) = node
            .text()
            .filter(|_| !matches!(node.scalar(), Some(ScalarKind::Bool(_))))
        else {
            self.wrong_type(node, what, "text");
            return None;
        };
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.error(
                Code::TextTooLong,
                node.span,
                format!("{what} is {chars} characters long; the limit is {MAX_TEXT_CHARS}"),
            );
            return None;
        }
        Some(text.to_string())
    }

    fn optional_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        fields.get(key).and_then(|n| self.text(n, what))
    }

    fn int(&mut self, node: &Yaml, what: &str) -> Option<i64> {
        match node.scalar() {
            Some(ScalarKind::Int(n)) => Some(n),
            _ => {
                self.wrong_type(node, what, "a whole number");
                None
            }
        }
    }

    fn list<'y>(&mut self, node: &'y Yaml, what: &str) -> Option<&'y [Yaml]> {
        match &node.value {
            YamlValue::Seq(items) => Some(items),
            _ => {
                self.wrong_type(node, what, "a list");
                None
            }
        }
    }

    fn text_list(&mut self, node: &Yaml, what: &str) -> Vec<(String, Span)> {
        let Some(items) = self.list(node, what) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                self.text(item, &format!("an entry of {what}"))
                    .map(|t| (t, item.span))
            })
            .collect()
    }

    /// The span of byte `offset` inside a scalar's text (see [`source_offset_in_scalar`]);
    /// the scalar's own span when the source and the text cannot be lined up.
    fn span_in_scalar(&self, node: &Yaml, offset: usize, len: usize) -> Span {
        let start = node.span.offset.min(self.src.len());
        match node
            .text()
            .and_then(|text| text.get(..offset))
            .and_then(|before| source_offset_in_scalar(&self.src[start..], before))
        {
            Some(at) => self
                .lines
                .get_or_init(|| LineIndex::new(self.src))
                .span(self.src, start + at)
                .with_len(len.max(1)),
            None => node.span,
        }
    }
}

/// Where, in `src` (the source from a scalar's first character on), the scalar's value
/// continues after `before` (a prefix of the value): walks the source alongside the value,
/// stepping over the opening quote or block header, escapes, `''`, and the line breaks and
/// indentation that folding turned into spaces. `None` when the two do not line up.
fn source_offset_in_scalar(src: &str, before: &str) -> Option<usize> {
    let (mut pos, double_quoted) = match src.as_bytes().first() {
        Some(b'"') => (1, true),
        Some(b'\'') => (1, false),
        Some(b'|') | Some(b'>') => (src.find('\n')? + 1, false),
        _ => (0, false),
    };
    let single_quoted = src.starts_with('\'');
    for c in before.chars() {
        loop {
            let rest = src.get(pos..)?;
            let sc = rest.chars().next()?;
            if double_quoted && sc == '\\' {
                let escaped = rest[1..].chars().next()?;
                if escaped == '\n' || escaped == '\r' {
                    // An escaped line break adds nothing to the value.
                    pos += 1;
                    continue;
                }
                // Any other escape is one character of the value.
                let digits = match escaped {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                pos += 1 + escaped.len_utf8() + digits;
                break;
            }
            if single_quoted && c == '\'' && rest.starts_with("''") {
                pos += 2;
                break;
            }
            if sc == c {
                pos += sc.len_utf8();
                break;
            }
            if sc.is_whitespace() {
                // Indentation, or a line break that folding turned into `c`.
                pos += sc.len_utf8();
                continue;
            }
            return None;
        }
    }
    // The operand itself may start after a line break (escaped, in double quotes).
    loop {
        let rest = src.get(pos..)?;
        let skipped = rest.len() - rest.trim_start().len();
        if skipped > 0 {
            pos += skipped;
        } else if double_quoted && (rest.starts_with("\\\n") || rest.starts_with("\\\r")) {
            pos += 1;
        } else {
            return Some(pos);
        }
    }
}

/// Reads `dimensions.yaml`: the scoring dimensions and topics scenarios may name.
pub fn load_vocabulary(src: &str) -> Loaded<Vocabulary> {
    let mut w = Walker::new(src);
    let value = (|| {
        let root = match yaml::parse(src) {
            Ok(root) => root,
            Err(d) => {
                w.push(d);
                return None;
            }
        };
        let fields = w.fields(
            &root,
            "dimensions.yaml",
            root.span,
            VOCABULARY_KEYS,
            VOCABULARY_REQUIRED,
        )?;
        if let Some(format) = fields.get("format") {
            check_format(&mut w, format);
        }
        let mut vocabulary = Vocabulary::default();
        for (key, list) in [
            ("dimensions", &mut vocabulary.dimensions),
            ("topics", &mut vocabulary.topics),
        ] {
            let Some(node) = fields.get(key) else {
                continue;
            };
            for (id, key_node, value) in w.id_map(node, &format!("`{key}`"), Code::DuplicateKey) {
                let what = format!("`{id}`");
                let Some(label_fields) =
                    w.fields(value, &what, key_node.span, LABEL_KEYS, LABEL_REQUIRED)
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
        }
        if let Some(node) = fields.get("red_lines") {
            for (id, key_node, value) in w.id_map(node, "`red_lines`", Code::DuplicateKey) {
                if !is_id(id) {
                    w.push(
                        Diagnostic::error(
                            Code::BadId,
                            key_node.span,
                            format!("`{id}` is not a valid red-line id"),
                        )
                        .with_hint("use lowercase letters, digits and hyphens, starting with a letter or digit"),
                    );
                    continue;
                }
                let what = format!("red line `{id}`");
                let Some(f) = w.fields(value, &what, key_node.span, RED_LINE_KEYS, RED_LINE_KEYS)
                else {
                    continue;
                };
                let label = f.get("label").and_then(|n| w.text(n, "`label`"));
                let reason = f.get("reason").and_then(|n| w.text(n, "`reason`"));
                if let (Some(label), Some(reason)) = (label, reason) {
                    vocabulary.red_lines.push(RedLine {
                        id: id.to_string(),
                        label,
                        reason,
                    });
                }
            }
        }
        Some(vocabulary)
    })();
    finish(w, value)
}

fn finish<T>(w: Walker, value: Option<T>) -> Loaded<T> {
    let mut diagnostics = w.diagnostics;
    diagnostic::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        value: if has_errors { None } else { value },
        diagnostics,
    }
}

fn check_format(w: &mut Walker, node: &Yaml) {
    match node.scalar() {
        Some(ScalarKind::Int(1)) => {}
        Some(ScalarKind::Int(n)) => w.push(
            Diagnostic::error(
                Code::UnsupportedFormat,
                node.span,
                format!("format {n} is not supported"),
            )
            .with_hint("this version reads `format: 1`"),
        ),
        _ => w.wrong_type(node, "`format`", "the number 1"),
    }
}

/// What the node walk needs to know about the scenario's declarations.
struct Declarations<'a> {
    node_ids: HashMap<&'a str, NodeIndex>,
    /// The node ids sorted, for hints (built on the first missing node).
    sorted_node_ids: OnceCell<Vec<&'a str>>,
    dimensions: Vec<String>,
    variables: Vec<String>,
    characters: Vec<String>,
    /// The vocabulary's red-line acts, which choices name in `red_lines`.
    red_lines: &'a [RedLine],
}

impl Declarations<'_> {
    fn slot_of(&self, name: &str) -> Result<usize, String> {
        if let Some(dim) = name.strip_prefix("score.") {
            return match self.dimensions.iter().position(|d| d == dim) {
                Some(i) => Ok(self.variables.len() + i),
                None => Err(format!(
                    "`{name}`: `{dim}` is not a dimension of this scenario"
                )),
            };
        }
        self.variables
            .iter()
            .position(|v| v == name)
            .ok_or_else(|| format!("`{name}` is not a declared variable"))
    }
}

/// Loads one scenario file. `file_stem` is the file name without `.yaml` (the `id` must
/// equal it); `vocabulary` comes from the `dimensions.yaml` beside the file.
pub fn load_scenario(src: &str, file_stem: &str, vocabulary: &Vocabulary) -> Loaded<Scenario> {
    load_scenario_with(src, file_stem, vocabulary, Limits::default())
}

/// [`load_scenario`] with other limits.
pub fn load_scenario_with(
    src: &str,
    file_stem: &str,
    vocabulary: &Vocabulary,
    limits: Limits,
) -> Loaded<Scenario> {
    let mut w = Walker::new(src);
    if src.len() > limits.max_file_bytes {
        w.error(
            Code::TooLarge,
            position::span_of_offset(src, 0),
            format!(
                "the file is {} KiB; scenario files are limited to {} KiB",
                src.len() / 1024,
                limits.max_file_bytes / 1024
            ),
        );
        return finish(w, None);
    }
    let root = match yaml::parse(src) {
        Ok(root) => root,
        Err(d) => {
            w.push(d);
            return finish(w, None);
        }
    };
    let scenario = build(&mut w, &root, file_stem, vocabulary, limits.max_nodes);
    let has_errors = w.diagnostics.iter().any(Diagnostic::is_error);
    if let (Some(scenario), false) = (&scenario, has_errors) {
        w.diagnostics.extend(analysis::check(scenario));
    }
    finish(w, scenario)
}

fn build(
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

    let id = top.get("id").and_then(|n| {
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
                .with_hint(format!("rename the file to `{id}.yaml` or set `id: {file_stem}`")),
            );
        }
        Some(id)
    });
    let title = top.get("title").and_then(|n| w.text(n, "`title`"));
    let summary = top.get("summary").and_then(|n| w.text(n, "`summary`"));
    let setting = top.get("setting").and_then(|n| w.text(n, "`setting`"));
    let content_note = w.optional_text(&top, "content_note", "`content_note`");
    let trainer_notes = w.optional_text(&top, "trainer_notes", "`trainer_notes`");

    let audiences = top.get("audiences").map_or_else(Vec::new, |n| {
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
    });

    let topics = top.get("topics").map_or_else(Vec::new, |n| {
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
    });

    let minutes = top.get("minutes").and_then(|n| {
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
    });

    let mut dimensions: Vec<Label> = Vec::new();
    let mut dimension_spans = Vec::new();
    if let Some(n) = top.get("dimensions") {
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
                    dimension_spans.push(span);
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
    }

    let pass = top.get("pass").map_or_else(Pass::default, |n| {
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
    });

    let mut characters = Vec::new();
    if let Some(n) = top.get("characters") {
        for (cid, key, value) in w.id_map(n, "`characters`", Code::DuplicateKey) {
            let what = format!("character `{cid}`");
            let Some(f) = w.fields(value, &what, key.span, CHARACTER_KEYS, CHARACTER_REQUIRED)
            else {
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
    }

    let mut variables = Vec::new();
    if let Some(n) = top.get("variables") {
        for (name, _key, value) in w.id_map(n, "`variables`", Code::DuplicateKey) {
            if let Some(v) = w.int(value, &format!("variable `{name}`")) {
                variables.push((name.to_string(), v));
            }
        }
    }

    let debrief = top.get("debrief").map_or_else(Debrief::default, |n| {
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
    });

    // Nodes: ids first, so `next` can name a node defined further down.
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
        dimensions: dimensions.iter().map(|d| d.id.clone()).collect(),
        variables: variables.iter().map(|(v, _)| v.clone()).collect(),
        characters: characters.iter().map(|c| c.id.clone()).collect(),
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

fn unknown_id<'a>(
    budget: &Cell<usize>,
    code: Code,
    span: Span,
    message: &str,
    word: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let d = Diagnostic::error(code, span, message);
    match did_you_mean_within(word, known.clone(), budget) {
        Some(close) => d.with_hint(format!("did you mean `{close}`?")),
        None => {
            let list: Vec<&str> = known.take(12).collect();
            if list.is_empty() {
                d
            } else {
                d.with_hint(format!("known: {}", list.join(", ")))
            }
        }
    }
}

fn resolve_node(w: &mut Walker, decl: &Declarations, name: &str, node: &Yaml) -> Option<NodeIndex> {
    if let Some(&i) = decl.node_ids.get(name) {
        return Some(i);
    }
    let ids = decl.sorted_node_ids.get_or_init(|| {
        let mut ids: Vec<&str> = decl.node_ids.keys().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    });
    w.push(unknown_id(
        &w.suggestions,
        Code::MissingNode,
        node.span,
        &format!("there is no node `{name}`"),
        name,
        ids.iter().copied(),
    ));
    None
}

fn build_condition(w: &mut Walker, decl: &Declarations, node: &Yaml) -> Option<Condition> {
    let source = w.text(node, "a condition")?;
    let mut expr: Expr = match condition::parse(&source) {
        Ok(expr) => expr,
        Err(err) => {
            let span = w.span_in_scalar(node, err.offset, 1);
            w.push(
                Diagnostic::error(
                    Code::BadCondition,
                    span,
                    format!("this condition does not parse: {}", err.message),
                )
                .with_hint("conditions look like `rapport >= 1 and score.listening > 0`"),
            );
            return None;
        }
    };
    let mut ok = true;
    for operand in expr.operands_mut() {
        match decl.slot_of(&operand.name) {
            Ok(slot) => operand.slot = slot,
            Err(message) => {
                ok = false;
                let span = w.span_in_scalar(node, operand.offset, operand.name.chars().count());
                let (code, known): (Code, Vec<String>) = if operand.name.starts_with("score.") {
                    (
                        Code::UnlistedDimension,
                        decl.dimensions
                            .iter()
                            .map(|d| format!("score.{d}"))
                            .collect(),
                    )
                } else {
                    (Code::UndeclaredVariable, decl.variables.clone())
                };
                let mut d = unknown_id(
                    &w.suggestions,
                    code,
                    span,
                    &message,
                    &operand.name,
                    known.iter().map(String::as_str),
                );
                if d.hint.is_none() && code == Code::UndeclaredVariable {
                    d = d.with_hint(format!(
                        "declare it under `variables:`, e.g. `variables: {{ {}: 0 }}`",
                        operand.name
                    ));
                }
                w.push(d);
            }
        }
    }
    ok.then_some(Condition { source, expr })
}

fn build_next(w: &mut Walker, decl: &Declarations, node: &Yaml) -> Option<Next> {
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

fn build_node(
    w: &mut Walker,
    decl: &Declarations,
    id: &str,
    key: &Yaml,
    value: &Yaml,
) -> Option<Node> {
    let what = format!("node `{id}`");
    let f = w.fields(value, &what, key.span, NODE_KEYS, &[])?;
    let narration = w.optional_text(&f, "narration", "`narration`");
    let mut say = Vec::new();
    if let Some(s) = f.get("say") {
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
    }

    let kinds = [f.has("choices"), f.has("next"), f.has("ending")];
    let count = kinds.iter().filter(|k| **k).count();
    if count != 1 {
        let message = if count == 0 {
            format!("{what} is neither a decision (`choices`), a passage (`next`) nor an ending (`ending`)")
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
        w.push(Diagnostic::error(Code::NodeKind, key.span, message).with_hint(
            "give a decision `choices`, a passage `next`, an ending `ending` — one of the three",
        ));
        return None;
    }

    let kind = if let Some(c) = f.get("choices") {
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
            match build_choice(w, decl, &what, i, item) {
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
        if !ok {
            return None;
        }
        NodeKind::Decision(choices)
    } else if let Some(n) = f.get("next") {
        NodeKind::Passage(build_next(w, decl, n)?)
    } else {
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
        NodeKind::Ending(Ending {
            outcome: outcome?,
            title: title?,
            text: text?,
        })
    };
    Some(Node {
        id: id.to_string(),
        span: key.span,
        narration,
        say,
        kind,
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

fn build_choice(
    w: &mut Walker,
    decl: &Declarations,
    node_what: &str,
    index: usize,
    item: &Yaml,
) -> Option<Choice> {
    let what = format!("choice {} of {node_what}", index + 1);
    let f = w.fields(item, &what, item.span, CHOICE_KEYS, CHOICE_REQUIRED)?;
    let id = match f.get("id") {
        Some(n) => {
            let id = w.text(n, "`id`")?;
            if !is_id(&id) {
                w.push(
                    Diagnostic::error(Code::BadId, n.span, format!("`{id}` is not a valid choice id"))
                        .with_hint("use lowercase letters, digits and hyphens, starting with a letter or digit"),
                );
                return None;
            }
            id
        }
        None => (index + 1).to_string(),
    };
    let text = f.get("text").and_then(|n| w.text(n, "`text`"));
    let feedback = w.optional_text(&f, "feedback", "`feedback`");
    let mut critical = w.optional_text(&f, "critical", "`critical`");
    let mut ok = true;

    let mut scores = vec![0; decl.dimensions.len()];
    if let Some(s) = f.get("scores") {
        for (dim, key, value) in w.id_map(s, "`scores`", Code::DuplicateKey) {
            let Some(score) = w.int(value, &format!("the score for `{dim}`")) else {
                ok = false;
                continue;
            };
            if !crate::model::SCORE_RANGE.contains(&score) {
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
    }

    let mut set = Vec::new();
    if let Some(s) = f.get("set") {
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
    let red_lines = match f.get("red_lines") {
        Some(list) => {
            let acts = build_red_lines(w, decl, list);
            ok &= acts.is_some();
            acts.unwrap_or_default()
        }
        None => Vec::new(),
    };
    if !red_lines.is_empty() {
        ok &= red_line_rules(w, decl, &f, &scores);
        critical = Some(
            red_lines
                .iter()
                .filter_map(|id| decl.red_lines.iter().find(|r| &r.id == id))
                .map(|r| r.reason.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
    } else if let (Some(_), false) = (&critical, decl.red_lines.is_empty()) {
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
    if !ok {
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
