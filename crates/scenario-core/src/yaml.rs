//! YAML text to a tree that remembers where every key and value stands.
//!
//! This is the only module that touches a YAML library, so the parser can be swapped in
//! one place. We read events from `libyaml-safer` — the libyaml grammar that `serde_yaml`
//! wraps, ported to safe Rust — because `serde_yaml` exposes no positions for values, and a
//! checker must point at the offending key or value itself. Repeated keys are kept (the
//! loader reports them at their second occurrence), aliases are expanded under a budget,
//! and nesting is bounded, so hostile input gets a diagnostic, never a hang.

use crate::diagnostic::{Diagnostic, Span};
use libyaml_safer::{EventData, Mark, Parser, ScalarStyle};
use std::collections::HashMap;

/// How many values aliases may expand to in one document (the file's own values are
/// bounded by its size; aliases are how a small file could blow up).
pub const MAX_ALIAS_EXPANSION: usize = 100_000;
/// How deeply collections may nest.
pub const MAX_DEPTH: usize = 64;

/// A YAML node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Yaml {
    /// The node.
    pub value: YamlValue,
    /// Where it starts (for a scalar, `len` covers it on its first line).
    pub span: Span,
}

/// A YAML node's content.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlValue {
    /// A scalar with its text as written (after YAML's quoting and folding rules).
    Scalar {
        /// The scalar's text.
        text: String,
        /// Plain (unquoted, untagged) scalars are typed by their text: `12` is a number,
        /// `~` is null; quoted ones are always text.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in source order, repeated keys included.
    Map(Vec<(Yaml, Yaml)>),
}

/// What a scalar means.
#[derive(Debug, Clone, PartialEq)]
pub enum ScalarKind<'a> {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number that fits in an `i64`.
    Int(i64),
    /// A number with a fraction or exponent.
    Float,
    /// Anything else.
    Text(&'a str),
}

impl Yaml {
    /// The scalar's meaning, or `None` for a collection.
    pub fn scalar(&self) -> Option<ScalarKind<'_>> {
        match &self.value {
            YamlValue::Scalar { text, plain } => Some(classify(text, *plain)),
            _ => None,
        }
    }

    /// The scalar's text, whatever its type (numbers included), or `None` for a collection
    /// or a null.
    pub fn text(&self) -> Option<&str> {
        match (&self.value, self.scalar()) {
            (_, Some(ScalarKind::Null)) => None,
            (YamlValue::Scalar { text, .. }, _) => Some(text),
            _ => None,
        }
    }

    /// A word for the node's type, for messages ("a list", "a number", …).
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            YamlValue::Seq(_) => "a list",
            YamlValue::Map(_) => "a map",
            YamlValue::Scalar { .. } => match self.scalar() {
                Some(ScalarKind::Null) => "nothing",
                Some(ScalarKind::Bool(_)) => "true/false",
                Some(ScalarKind::Int(_)) | Some(ScalarKind::Float) => "a number",
                _ => "text",
            },
        }
    }
}

fn classify(text: &str, plain: bool) -> ScalarKind<'_> {
    if !plain {
        return ScalarKind::Text(text);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" => return ScalarKind::Bool(true),
        "false" | "False" | "FALSE" => return ScalarKind::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_int(text) {
        return ScalarKind::Int(n);
    }
    if is_float(text) {
        return ScalarKind::Float;
    }
    ScalarKind::Text(text)
}

/// YAML 1.2 core-schema integers: decimal with an optional sign, `0x…`, `0o…`.
fn parse_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<i64>().ok()?
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn is_float(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '+']);
    matches!(t, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN")
        || (t.bytes().any(|b| b.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
            && t.parse::<f64>().is_ok())
}

/// Turns raw file bytes into text: strips a UTF-8 byte-order mark and reports bytes that
/// are not UTF-8 at their line and column.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            // Safe: the prefix up to `valid_up_to` is valid UTF-8 by definition.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let span = span_of_offset(prefix, prefix.len());
            Err(Diagnostic::error(
                "not-utf8",
                span.with_len(1),
                format!(
                    "the file is not UTF-8 text (byte 0x{:02X} at this place)",
                    bytes[err.valid_up_to()]
                ),
            )
            .with_hint("save the file as UTF-8 in your editor"))
        }
    }
}

/// The line and column of byte `offset` in `src` (1-based; column in characters).
pub fn span_of_offset(src: &str, offset: usize) -> Span {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        offset,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        len: 1,
    }
}

fn floor_char_boundary(src: &str, mut offset: usize) -> usize {
    while offset > 0 && !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn span_between(src: &str, start: Mark, end: Mark) -> Span {
    let from = floor_char_boundary(src, (start.index as usize).min(src.len()));
    let to = floor_char_boundary(src, (end.index as usize).clamp(from, src.len()));
    let first_line = src[from..to].split('\n').next().unwrap_or("");
    Span {
        offset: from,
        line: start.line as usize + 1,
        column: start.column as usize + 1,
        len: first_line.trim_end_matches('\r').chars().count().max(1),
    }
}

enum Frame {
    Seq {
        items: Vec<Yaml>,
        span: Span,
        anchor: Option<String>,
    },
    Map {
        entries: Vec<(Yaml, Yaml)>,
        key: Option<Yaml>,
        span: Span,
        anchor: Option<String>,
    },
}

fn count_nodes(node: &Yaml) -> usize {
    match &node.value {
        YamlValue::Scalar { .. } => 1,
        YamlValue::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        YamlValue::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
}

/// Parses one YAML document. Errors: syntax (at libyaml's position), more than one
/// document, an empty file, an unknown alias, aliases expanding past
/// [`MAX_ALIAS_EXPANSION`], nesting past [`MAX_DEPTH`].
pub fn parse(src: &str) -> Result<Yaml, Diagnostic> {
    let mut input = src.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Yaml> = None;
    let mut anchors: HashMap<String, Yaml> = HashMap::new();
    let mut expanded = 0usize;
    let mut documents = 0usize;

    loop {
        let event = match parser.parse() {
            Ok(event) => event,
            Err(err) => return Err(syntax_error(src, &err)),
        };
        let span = span_between(src, event.start_mark, event.end_mark);
        let is_sequence = matches!(event.data, EventData::SequenceStart { .. });
        let complete: Option<(Yaml, Option<String>)> = match event.data {
            EventData::StreamStart { .. } | EventData::DocumentEnd { .. } => None,
            EventData::StreamEnd => break,
            EventData::DocumentStart { .. } => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::error(
                        "yaml-syntax",
                        span,
                        "a scenario file holds one YAML document; this starts a second one",
                    )
                    .with_hint("remove the `---` line, or split the file in two"));
                }
                None
            }
            EventData::Alias { anchor } => {
                let Some(target) = anchors.get(&anchor) else {
                    return Err(Diagnostic::error(
                        "yaml-syntax",
                        span,
                        format!("alias `*{anchor}` names no anchor defined before it"),
                    ));
                };
                expanded += count_nodes(target);
                if expanded > MAX_ALIAS_EXPANSION {
                    return Err(alias_budget(span));
                }
                Some((target.clone(), None))
            }
            EventData::Scalar {
                anchor,
                tag,
                value,
                style,
                ..
            } => {
                let plain = style == ScalarStyle::Plain && tag.is_none();
                Some((
                    Yaml {
                        value: YamlValue::Scalar { text: value, plain },
                        span,
                    },
                    anchor,
                ))
            }
            EventData::SequenceStart { anchor, .. } | EventData::MappingStart { anchor, .. } => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(
                        "too-deep",
                        span,
                        format!("lists and maps nest more than {MAX_DEPTH} deep here"),
                    ));
                }
                let span = span.with_len(1);
                stack.push(if is_sequence {
                    Frame::Seq {
                        items: Vec::new(),
                        span,
                        anchor,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        key: None,
                        span,
                        anchor,
                    }
                });
                None
            }
            EventData::SequenceEnd | EventData::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    span,
                    anchor,
                }) => Some((
                    Yaml {
                        value: YamlValue::Seq(items),
                        span,
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    entries,
                    span,
                    anchor,
                    ..
                }) => Some((
                    Yaml {
                        value: YamlValue::Map(entries),
                        span,
                    },
                    anchor,
                )),
                None => None,
            },
        };
        let Some((node, anchor)) = complete else {
            continue;
        };
        if let Some(name) = anchor {
            anchors.insert(name, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    if !matches!(node.value, YamlValue::Scalar { .. }) {
                        return Err(Diagnostic::error(
                            "yaml-syntax",
                            node.span,
                            "a key must be a single word or text, not a list or a map",
                        ));
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    root.ok_or_else(|| {
        Diagnostic::error(
            "empty-file",
            span_of_offset(src, 0),
            "the file is empty: there is no scenario in it",
        )
    })
}

fn alias_budget(span: Span) -> Diagnostic {
    Diagnostic::error(
        "alias-budget",
        span,
        format!("YAML aliases here expand past {MAX_ALIAS_EXPANSION} values; the file is refused"),
    )
    .with_hint("write the repeated parts out, or use fewer nested aliases")
}

fn syntax_error(src: &str, err: &libyaml_safer::Error) -> Diagnostic {
    let span = match err.problem_mark() {
        Some(mark) => span_between(src, mark, mark),
        None => span_of_offset(src, 0),
    };
    let mut message = format!("YAML syntax: {}", err.problem());
    if let Some(context) = err.context() {
        message.push_str(&format!(" ({context})"));
    }
    let hint = if err.problem().contains("tab") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else {
        "check indentation, quotes and colons on this line and the one before"
    };
    Diagnostic::error("yaml-syntax", span.with_len(1), message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(y: &Yaml) -> Vec<(&str, usize, usize)> {
        match &y.value {
            YamlValue::Map(entries) => entries
                .iter()
                .map(|(k, _)| (k.text().unwrap_or(""), k.span.line, k.span.column))
                .collect(),
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn keeps_positions_and_repeated_keys() {
        let y = parse("a: 1\nb:\n  c: x\na: 2\n").unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(map_keys(&y), vec![("a", 1, 1), ("b", 2, 1), ("a", 4, 1)]);
    }

    #[test]
    fn types_plain_scalars_like_yaml_core() {
        let y =
            parse("[12, '12', ~, -3, 0x10, 1.5, true, hello]").unwrap_or_else(|d| panic!("{d:?}"));
        let YamlValue::Seq(items) = y.value else {
            panic!()
        };
        let kinds: Vec<_> = items.iter().map(|i| i.scalar()).collect();
        assert_eq!(
            kinds,
            vec![
                Some(ScalarKind::Int(12)),
                Some(ScalarKind::Text("12")),
                Some(ScalarKind::Null),
                Some(ScalarKind::Int(-3)),
                Some(ScalarKind::Int(16)),
                Some(ScalarKind::Float),
                Some(ScalarKind::Bool(true)),
                Some(ScalarKind::Text("hello")),
            ]
        );
    }

    #[test]
    fn syntax_error_has_position() {
        let d = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert_eq!(d.span.line, 3);
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            src.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        let d = parse(&src).unwrap_err();
        assert_eq!(d.code, "alias-budget");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&src).unwrap_err().code, "too-deep");
    }

    #[test]
    fn decode_strips_bom_and_reports_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").ok(), Some("a: 1"));
        let d = decode(b"a: 1\nb: \xFF\n").unwrap_err();
        assert_eq!((d.code, d.span.line, d.span.column), ("not-utf8", 2, 4));
    }

    #[test]
    fn crlf_and_unicode_columns() {
        let y = parse("é: 1\r\nb: 2\r\n").unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(map_keys(&y), vec![("é", 1, 1), ("b", 2, 1)]);
        let YamlValue::Map(entries) = &y.value else {
            panic!()
        };
        assert_eq!(entries[0].1.span.column, 4);
    }
}
