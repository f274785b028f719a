//! YAML text to a tree that remembers where every key and value stands.
//!
//! This is the only module that touches a YAML library, so the parser can be swapped in
//! one place. We read events from `libyaml-safer` — the libyaml grammar that `serde_yaml`
//! wraps, ported to safe Rust — because `serde_yaml` exposes no positions for values, and a
//! checker must point at the offending key or value itself. Repeated keys are kept (the
//! loader reports them at their second occurrence), aliases are expanded under a budget,
//! and nesting is bounded, so hostile input gets a diagnostic, never a hang.

use super::diagnostic::{Code, Diagnostic};
use super::position::{floor_char_boundary, span_of_offset};
use super::span::Span;
use libyaml_safer::{EventData, Mark, Parser, ScalarStyle};
use std::collections::HashMap;

/// How many values aliases may expand to in one document (the file's own values are
/// bounded by its size; aliases are how a small file could blow up).
pub const MAX_ALIAS_EXPANSION: usize = 100_000;
/// How many bytes of scalar text aliases may copy in one document: a few aliases of one
/// long text are few values but much memory (found with a 300 KB text aliased 200,000
/// times, which needed 60 GB; see docs/fuzzing.md).
pub const MAX_ALIAS_TEXT_BYTES: usize = 4 * 1024 * 1024;
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
    matches!(t, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN") || is_decimal_number(t)
}

/// Digits with an optional fraction and exponent (`1.5`, `.5`, `1.`, `2e-3`), at least
/// one digit before the exponent: what `str::parse::<f64>` accepts from these characters.
/// Written out so the wasm build carries no float parser just to tell a number from text.
fn is_decimal_number(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let whole = digits(0);
    let mut i = whole;
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        fraction = digits(i + 1);
        i += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exponent = digits(i);
        if exponent == 0 {
            return false;
        }
        i += exponent;
    }
    i == b.len()
}

fn span_between(src: &str, start: Mark, end: Mark) -> Span {
    let from = floor_char_boundary(src, (start.index as usize).min(src.len()));
    let to = floor_char_boundary(src, (end.index as usize).clamp(from, src.len()));
    // The first line of the value, found byte by byte: this runs for every event, and
    // `split('\n')` with a count of `chars` cost a twentieth of the whole load (a line break
    // is one byte, so the cut is a character boundary; ASCII text has a character a byte).
    let bytes = &src.as_bytes()[from..to];
    let line = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let first_line = src[from..from + line].trim_end_matches('\r');
    let chars = if first_line.is_ascii() {
        first_line.len()
    } else {
        first_line.chars().count()
    };
    Span {
        offset: from,
        line: start.line as usize + 1,
        column: start.column as usize + 1,
        len: chars.max(1),
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

/// Adds the node's values and the bytes of its scalar texts to `size`.
fn measure(node: &Yaml, size: &mut (usize, usize)) {
    size.0 += 1;
    match &node.value {
        YamlValue::Scalar { text, .. } => size.1 += text.len(),
        YamlValue::Seq(items) => items.iter().for_each(|i| measure(i, size)),
        YamlValue::Map(entries) => entries.iter().for_each(|(k, v)| {
            measure(k, size);
            measure(v, size);
        }),
    }
}

/// Parses one YAML document. Errors: syntax (at libyaml's position), more than one
/// document, an empty file, an unknown alias, aliases expanding past
/// [`MAX_ALIAS_EXPANSION`] values or [`MAX_ALIAS_TEXT_BYTES`], nesting past [`MAX_DEPTH`].
pub fn parse(src: &str) -> Result<Yaml, Diagnostic> {
    // libyaml-safer 0.3.0 panics ("unexpected end of input", scanner.rs) when the text ends
    // inside a block scalar without a line break (`notes: >\n  text` as the file's last
    // line), found by fuzzing (docs/fuzzing.md; upstream simonask/libyaml-safer#6). A line
    // break after the last line changes no value (YAML reads the end of the input as one)
    // and no position in the file's own text, so the parser always gets one.
    let padded;
    let mut input = if src.ends_with('\n') {
        src.as_bytes()
    } else {
        padded = format!("{src}\n");
        padded.as_bytes()
    };
    // The parser skips a byte-order mark at the start without counting it in its
    // positions; `decode` strips one, but a file can start with two (found by fuzzing:
    // every offset was then 3 bytes early). Positions here count it, like any character.
    let bom = if src.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mark = |mut m: Mark| {
        if bom > 0 {
            m.index += bom as u64;
            if m.line == 0 {
                m.column += 1;
            }
        }
        m
    };
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Yaml> = None;
    let mut anchors: HashMap<String, Yaml> = HashMap::new();
    // Values and scalar bytes copied by aliases so far.
    let mut expanded = (0usize, 0usize);
    let mut documents = 0usize;

    loop {
        let event = match parser.parse() {
            Ok(event) => event,
            Err(err) => return Err(syntax_error(src, &err, mark)),
        };
        let span = span_between(src, mark(event.start_mark), mark(event.end_mark));
        let is_sequence = matches!(event.data, EventData::SequenceStart { .. });
        let complete: Option<(Yaml, Option<String>)> = match event.data {
            EventData::StreamStart { .. } | EventData::DocumentEnd { .. } => None,
            EventData::StreamEnd => break,
            EventData::DocumentStart { .. } => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::error(
                        Code::YamlSyntax,
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
                        Code::YamlSyntax,
                        span,
                        format!("alias `*{anchor}` names no anchor defined before it"),
                    ));
                };
                measure(target, &mut expanded);
                if expanded.0 > MAX_ALIAS_EXPANSION || expanded.1 > MAX_ALIAS_TEXT_BYTES {
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
                        Code::TooDeep,
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
                            Code::YamlSyntax,
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
            Code::EmptyFile,
            span_of_offset(src, 0),
            "the file is empty: there is no scenario in it",
        )
    })
}

fn alias_budget(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::AliasBudget,
        span,
        format!(
            "YAML aliases here expand past {MAX_ALIAS_EXPANSION} values or {} MiB of text; the file is refused",
            MAX_ALIAS_TEXT_BYTES / (1024 * 1024)
        ),
    )
    .with_hint("write the repeated parts out, or use fewer nested aliases")
}

fn syntax_error(
    src: &str,
    err: &libyaml_safer::Error,
    adjust: impl Fn(Mark) -> Mark,
) -> Diagnostic {
    let span = match err.problem_mark().map(adjust) {
        Some(mark) => span_between(src, mark, mark),
        None => span_of_offset(src, 0),
    };
    let mut message = format!("YAML syntax: {}", err.problem());
    if let Some(context) = err.context() {
        message.push_str(&format!(" ({context})"));
    }
    // The line the parser stopped on, for hints about what it cannot say by itself: a tab
    // in the indentation ("found character that cannot start any token"), or a byte-order
    // mark that is not at the start of the file (two files pasted together).
    let line = {
        let at = floor_char_boundary(src, span.offset.min(src.len()));
        let start = src[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = src[at..].find(['\n', '\r']).map_or(src.len(), |i| at + i);
        &src[start..end]
    };
    let indentation = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let hint = if err.problem().contains("tab") || indentation.contains('\t') {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if line.contains('\u{feff}') {
        "remove the invisible byte-order mark (U+FEFF) on this line: it may only start a file"
    } else {
        "check indentation, quotes and colons on this line and the one before"
    };
    Diagnostic::error(Code::YamlSyntax, span.with_len(1), message).with_hint(hint)
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
    fn decimal_numbers_are_what_the_float_parser_accepts() {
        // Every string of up to 5 characters from the ones that matter, both ways.
        let alphabet = ['1', '0', '.', 'e', 'E', '-', '+'];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &words {
                for c in alphabet {
                    next.push(format!("{w}{c}"));
                }
            }
            words.extend(next.iter().cloned());
            words = next.into_iter().chain(words).collect();
            words.sort();
            words.dedup();
        }
        assert!(words.len() > 19_000);
        for w in &words {
            let t = w.trim_start_matches(['-', '+']);
            assert_eq!(is_decimal_number(t), t.parse::<f64>().is_ok(), "{w:?}");
        }
    }

    #[test]
    fn syntax_error_has_position() {
        let d = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!(d.code, Code::YamlSyntax);
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
        assert_eq!(d.code, Code::AliasBudget);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&src).unwrap_err().code, Code::TooDeep);
    }

    #[test]
    fn positions_count_line_breaks_as_the_parser_does() {
        // Old Mac (CR only), and Unicode line breaks: the parser's positions of keys and
        // span_of_offset's must agree, or diagnostics inside conditions land elsewhere.
        for src in ["a: 1\rbb: 2\rccc: 3\r", "a: 1\u{2028}bb: 2\u{85}ccc: 3\n"] {
            let y = parse(src).unwrap_or_else(|d| panic!("{d:?}"));
            let YamlValue::Map(entries) = &y.value else {
                panic!()
            };
            for (key, value) in entries {
                for node in [key, value] {
                    let computed = span_of_offset(src, node.span.offset);
                    assert_eq!(
                        (computed.line, computed.column),
                        (node.span.line, node.span.column),
                        "{src:?}"
                    );
                }
            }
            assert_eq!(entries[2].0.span.line, 3);
        }
    }

    #[test]
    fn a_second_byte_order_mark_counts_as_a_character() {
        // `decode` strips one BOM; the parser skips a leading one without counting it.
        for src in ["\u{feff}a: 1\nbb: [x: y: z]\n", "\u{feff}k: v\n  : x\n"] {
            let d = parse(src).unwrap_err();
            let at = span_of_offset(src, d.span.offset);
            assert_eq!(
                (at.line, at.column),
                (d.span.line, d.span.column),
                "{src:?}: {d:?}"
            );
        }
        let y = parse("\u{feff}a: 1\nbb: 2\n").unwrap_or_else(|d| panic!("{d:?}"));
        let YamlValue::Map(entries) = &y.value else {
            panic!()
        };
        for (k, v) in entries {
            for node in [k, v] {
                let at = span_of_offset("\u{feff}a: 1\nbb: 2\n", node.span.offset);
                assert_eq!((at.line, at.column), (node.span.line, node.span.column));
            }
        }
        assert_eq!((entries[0].0.span.line, entries[0].0.span.column), (1, 2));
    }

    #[test]
    fn a_block_scalar_at_the_very_end_parses() {
        // libyaml-safer 0.3.0 panicked here (no line break after the last line).
        let y = parse("a: >\n  text").unwrap_or_else(|d| panic!("{d:?}"));
        let YamlValue::Map(entries) = &y.value else {
            panic!()
        };
        assert_eq!(entries[0].1.text(), Some("text\n"));
        assert_eq!(
            parse("a: |-\n  x\n  y").ok().and_then(|y| match y.value {
                YamlValue::Map(e) => e[0].1.text().map(str::to_string),
                _ => None,
            }),
            Some("x\ny".to_string())
        );
    }

    #[test]
    fn a_tag_before_a_comma_in_a_flow_list_parses() {
        // libyaml-safer 0.3.0 panicked here ("TODO"); vendor/libyaml-safer/PATCHES.md.
        let y = parse("[!!str, x]").unwrap_or_else(|d| panic!("{d:?}"));
        let YamlValue::Seq(items) = &y.value else {
            panic!()
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].text(), Some("x"));
        assert_eq!(parse("[!,").unwrap_err().code, Code::YamlSyntax);
    }

    #[test]
    fn aliases_of_a_long_text_are_refused() {
        let mut src = format!("a: &a \"{}\"\nb: [", "x".repeat(100_000));
        src.push_str(&"*a, ".repeat(50));
        src.push_str("*a]\n");
        assert_eq!(parse(&src).unwrap_err().code, Code::AliasBudget);
        // A few aliases of a long text are fine.
        let ok = format!("a: &a \"{}\"\nb: [*a, *a]\n", "x".repeat(100_000));
        assert!(parse(&ok).is_ok());
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
