//! Positions in a text: decoding a file's bytes, and the line and column of a byte offset,
//! counted as the YAML parser counts them so that every diagnostic agrees with it.

use super::diagnostic::{Code, Diagnostic};
use super::span::Span;

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
                Code::NotUtf8,
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

/// The line and column of byte `offset` in `src` (1-based; column in characters), counting
/// line breaks as the YAML parser does, so that these positions agree with the ones it
/// gives: `\r\n`, a lone `\r`, `\n`, and U+0085, U+2028, U+2029.
pub fn span_of_offset(src: &str, offset: usize) -> Span {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src[..offset];
    let mut line = 1;
    let mut line_start = 0;
    for (i, c) in before.char_indices() {
        if is_line_break(src, i, c) {
            line += 1;
            line_start = i + c.len_utf8();
        }
    }
    Span {
        offset,
        line,
        column: before[line_start..].chars().count() + 1,
        len: 1,
    }
}

/// Whether `c`, at byte `i` of `src`, ends a line (a `\r` before `\n` does not: the pair
/// is one break, ended by the `\n`).
fn is_line_break(src: &str, i: usize, c: char) -> bool {
    match c {
        '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
        '\r' => src.as_bytes().get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// [`span_of_offset`] for many offsets of one text: line starts and a running count of
/// UTF-8 continuation bytes, so each look-up costs a binary search and at most 64 bytes
/// of counting instead of a pass over the text before it (a file with 30,000 diagnostics
/// inside conditions took 10 s that way; see docs/performance.md).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts (the first is 0).
    line_starts: Vec<usize>,
    /// `continuations[k]`: UTF-8 continuation bytes in the text's first `k * CHUNK` bytes.
    continuations: Vec<usize>,
}

const CHUNK: usize = 64;

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

impl LineIndex {
    /// Indexes `src`.
    pub fn new(src: &str) -> LineIndex {
        let bytes = src.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            src.char_indices()
                .filter(|&(i, c)| is_line_break(src, i, c))
                .map(|(i, c)| i + c.len_utf8()),
        );
        let mut continuations = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut count = 0;
        continuations.push(0);
        for chunk in bytes.chunks(CHUNK) {
            count += chunk.iter().filter(|&&b| is_continuation(b)).count();
            continuations.push(count);
        }
        LineIndex {
            line_starts,
            continuations,
        }
    }

    /// Continuation bytes before byte `offset`.
    fn continuations_before(&self, src: &str, offset: usize) -> usize {
        let k = offset / CHUNK;
        self.continuations[k]
            + src.as_bytes()[k * CHUNK..offset]
                .iter()
                .filter(|&&b| is_continuation(b))
                .count()
    }

    /// The same as [`span_of_offset`]`(src, offset)`; `src` must be the indexed text.
    pub fn span(&self, src: &str, offset: usize) -> Span {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let chars = (offset - line_start)
            - (self.continuations_before(src, offset) - self.continuations_before(src, line_start));
        Span {
            offset,
            line,
            column: chars + 1,
            len: 1,
        }
    }
}

/// `offset`, or the start of the character it falls inside.
pub(crate) fn floor_char_boundary(src: &str, mut offset: usize) -> usize {
    while offset > 0 && !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reports_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").ok(), Some("a: 1"));
        let d = decode(b"a: 1\nb: \xFF\n").unwrap_err();
        assert_eq!((d.code, d.span.line, d.span.column), (Code::NotUtf8, 2, 4));
    }

    #[test]
    fn line_index_agrees_with_span_of_offset() {
        let long = format!("{}é\n", "aé🙂".repeat(70));
        for src in [
            "",
            "a",
            "a\nb",
            "é: 1\r\nb: 2\r\n",
            "\n\n\nx",
            "🙂\n\n🙂🙂\nend",
            "a\rb\r\rc\r\n\nd",
            "a\u{85}b\u{2028}c\u{2029}d",
            &long,
        ] {
            let index = LineIndex::new(src);
            for offset in 0..=src.len() + 2 {
                assert_eq!(
                    index.span(src, offset),
                    span_of_offset(src, offset),
                    "{src:?} at {offset}"
                );
            }
        }
    }
}
