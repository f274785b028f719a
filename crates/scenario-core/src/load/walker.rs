//! The walk over a positioned YAML tree: a [`Walker`] collects every diagnostic of one file,
//! and its field helpers read maps (unknown, repeated and missing keys), id maps, texts,
//! numbers and lists, each problem reported at the key or value it concerns. Every stage
//! of the loader reads the tree through these.

use crate::text::diagnostic::{did_you_mean_within, Code, Diagnostic};
use crate::text::position::LineIndex;
use crate::text::span::Span;
use crate::text::yaml::{ScalarKind, Yaml, YamlValue};
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

/// Longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// Collects diagnostics while walking one file.
pub(super) struct Walker<'s> {
    pub(super) src: &'s str,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Positions inside scalars (conditions), built on first use.
    lines: OnceCell<LineIndex>,
    /// What is left of [`SUGGESTION_BUDGET`].
    pub(super) suggestions: Cell<usize>,
}

/// Edit-distance cells one file may spend on "did you mean" hints (about 0.1 s); past it,
/// hints list the known names instead. Only files with thousands of unknown names reach it.
const SUGGESTION_BUDGET: usize = 20_000_000;

/// The entries of a map, checked for unknown, repeated and missing keys.
pub(super) struct Fields<'y> {
    entries: Vec<(&'y str, &'y Yaml, &'y Yaml)>,
}

impl<'y> Fields<'y> {
    pub(super) fn get(&self, key: &str) -> Option<&'y Yaml> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    pub(super) fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.span)
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'s> Walker<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Walker {
            src,
            diagnostics: Vec::new(),
            lines: OnceCell::new(),
            suggestions: Cell::new(SUGGESTION_BUDGET),
        }
    }

    pub(super) fn error(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, span, message));
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn wrong_type(&mut self, node: &Yaml, what: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            Code::WrongType,
            node.span,
            format!("{what} should be {expected}, found {found}"),
        );
    }

    /// Reads a map: unknown keys (with a hint), repeated keys (at the second one) and missing
    /// required keys (at `owner`, the place that names the map) are reported.
    pub(super) fn fields<'y>(
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
    pub(super) fn id_map<'y>(
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

    pub(super) fn text(&mut self, node: &Yaml, what: &str) -> Option<String> {
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

    pub(super) fn optional_text(
        &mut self,
        fields: &Fields,
        key: &str,
        what: &str,
    ) -> Option<String> {
        fields.get(key).and_then(|n| self.text(n, what))
    }

    pub(super) fn int(&mut self, node: &Yaml, what: &str) -> Option<i64> {
        match node.scalar() {
            Some(ScalarKind::Int(n)) => Some(n),
            _ => {
                self.wrong_type(node, what, "a whole number");
                None
            }
        }
    }

    pub(super) fn list<'y>(&mut self, node: &'y Yaml, what: &str) -> Option<&'y [Yaml]> {
        match &node.value {
            YamlValue::Seq(items) => Some(items),
            _ => {
                self.wrong_type(node, what, "a list");
                None
            }
        }
    }

    pub(super) fn text_list(&mut self, node: &Yaml, what: &str) -> Vec<(String, Span)> {
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
    pub(super) fn span_in_scalar(&self, node: &Yaml, offset: usize, len: usize) -> Span {
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

/// An error (`code`, at `span`) for a name that is not one of `known`: the hint is the closest
/// known name when one is close enough (within the file's suggestion budget), else the first
/// twelve known names.
pub(super) fn unknown_id<'a>(
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

/// Checks `format:` (this version reads `format: 1`).
pub(super) fn check_format(w: &mut Walker, node: &Yaml) {
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
