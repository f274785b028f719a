//! The Twine file as text: the size and UTF-8 checks, what the import finds (kept at byte
//! offsets of the source until the end, then turned into line and column), and text decoded
//! from the source (HTML entities, Twee escapes) with a map back to where each part came from.

use scenario_core::load::MAX_FILE_BYTES;
use scenario_core::Code;
use scenario_core::{Diagnostic, Severity, Span};

/// Turns the file's bytes into text: refuses a file over the core's size limit, strips a
/// UTF-8 byte-order mark, and reports bytes that are not UTF-8 at their line and column.
/// Positions in every diagnostic of the import are in this text.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::TwineTooLarge,
            start_span(),
            format!(
                "the file is {} KiB; files over {} KiB are not imported",
                bytes.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
        )
        .with_hint(
            "a published story carries its story format's code: export a Twee file or a \
             library archive instead (they leave it out), or split the story",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let good = &bytes[..err.valid_up_to()];
        let prefix = std::str::from_utf8(good).unwrap_or_default();
        let mut findings = Findings::default();
        findings.error(
            Code::TwineNotUtf8,
            prefix.len(),
            format!(
                "the file is not UTF-8 text (byte 0x{:02X} at this place)",
                bytes[err.valid_up_to()]
            ),
        );
        let mut list = findings.into_diagnostics(prefix);
        list.pop()
            .map(|d| d.with_hint("save the file as UTF-8 (Twine itself always does)"))
            .unwrap_or_else(|| Diagnostic::error(Code::TwineNotUtf8, start_span(), "not UTF-8"))
    })
}

/// Line 1, column 1.
pub(crate) fn start_span() -> Span {
    Span {
        offset: 0,
        line: 1,
        column: 1,
        len: 1,
    }
}

/// One finding, at a byte offset of the source.
#[derive(Debug, Clone)]
struct Finding {
    severity: Severity,
    code: Code,
    offset: usize,
    len: usize,
    message: String,
    hint: Option<String>,
}

/// What the import found, in the order found; [`Findings::into_diagnostics`] gives each its
/// line and column in one pass over the source.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    list: Vec<Finding>,
}

impl Findings {
    /// A warning at `offset`, one character long.
    pub fn warning(&mut self, code: Code, offset: usize, message: impl Into<String>) {
        self.push(Severity::Warning, code, offset, 1, message.into());
    }

    /// A warning at `offset` covering `len` characters.
    pub fn warning_len(
        &mut self,
        code: Code,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, code, offset, len, message.into());
    }

    /// An error (the file cannot be imported) at `offset`.
    pub fn error(&mut self, code: Code, offset: usize, message: impl Into<String>) {
        self.push(Severity::Error, code, offset, 1, message.into());
    }

    fn push(&mut self, severity: Severity, code: Code, offset: usize, len: usize, message: String) {
        self.list.push(Finding {
            severity,
            code,
            offset,
            len: len.max(1),
            message,
            hint: None,
        });
    }

    /// Adds a hint to the finding pushed last.
    pub fn hint(&mut self, hint: impl Into<String>) {
        if let Some(last) = self.list.last_mut() {
            last.hint = Some(hint.into());
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings as diagnostics with line and column in `src` (1-based, columns in
    /// characters, lines ended by `\n`), sorted by position. One pass over the source
    /// whatever the number of findings, so a story on one long line (as Twine writes its
    /// archives) costs no more than a short one.
    pub fn into_diagnostics(self, src: &str) -> Vec<Diagnostic> {
        let mut list = self.list;
        list.sort_by(|a, b| {
            (a.offset, a.severity, a.code, &a.message)
                .cmp(&(b.offset, b.severity, b.code, &b.message))
        });
        let mut out = Vec::with_capacity(list.len());
        let (mut line, mut column, mut at) = (1, 1, 0);
        for f in list {
            let offset = floor_boundary(src, f.offset.min(src.len()));
            for c in src[at.min(offset)..offset].chars() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            at = at.max(offset);
            out.push(Diagnostic {
                severity: f.severity,
                code: f.code,
                message: f.message,
                span: Span {
                    offset,
                    line,
                    column,
                    len: f.len,
                },
                hint: f.hint,
            });
        }
        out
    }
}

/// The largest char boundary at or before `offset`.
pub(crate) fn floor_boundary(src: &str, mut offset: usize) -> usize {
    while offset > 0 && !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Text decoded from the source, with where each part of it came from: a run copied as it
/// is maps character for character; a decoded entity or escape maps to where it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mapped {
    /// The decoded text.
    pub text: String,
    /// `(offset in text, offset in source, copied as it is)`, by text offset.
    segments: Vec<(usize, usize, bool)>,
}

impl Mapped {
    /// `text`, found as it is at `source` in the file.
    #[cfg(test)]
    pub fn verbatim(text: &str, source: usize) -> Mapped {
        let mut m = Mapped::default();
        m.push_verbatim(text, source);
        m
    }

    /// Appends `s`, copied from the source at `source`.
    pub fn push_verbatim(&mut self, s: &str, source: usize) {
        if s.is_empty() {
            return;
        }
        let here = self.text.len();
        let continues = self
            .segments
            .last()
            .is_some_and(|&(t, src, verbatim)| verbatim && src + (here - t) == source);
        if !continues {
            self.segments.push((here, source, true));
        }
        self.text.push_str(s);
    }

    /// Appends `s`, decoded from what starts at `source` (an entity, an escape).
    pub fn push_decoded(&mut self, s: &str, source: usize) {
        self.segments.push((self.text.len(), source, false));
        self.text.push_str(s);
    }

    /// Where the text's byte `offset` came from in the source.
    pub fn source(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|&(t, _, _)| t <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some((t, src, true)) => src + (offset - t),
            Some((_, src, false)) => src,
            None => self.segments.first().map_or(0, |&(_, src, _)| src),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_character_columns() {
        let src = "ab\nçd e\n\nx";
        let mut f = Findings::default();
        f.warning(Code::TwineMarkup, 10, "x");
        f.warning(Code::TwineMarkup, 0, "a");
        f.warning(Code::TwineMarkup, 7, "e");
        f.warning(Code::TwineMarkup, 7, "e again");
        let d = f.into_diagnostics(src);
        let at: Vec<(usize, usize)> = d.iter().map(|d| (d.span.line, d.span.column)).collect();
        assert_eq!(at, [(1, 1), (2, 4), (2, 4), (4, 1)]);
    }

    #[test]
    fn mapped_text_points_back_into_the_source() {
        // source: `a&amp;b` decoded to `a&b`
        let mut m = Mapped::default();
        m.push_verbatim("a", 10);
        m.push_decoded("&", 11);
        m.push_verbatim("b", 16);
        assert_eq!(m.text, "a&b");
        assert_eq!(m.source(0), 10);
        assert_eq!(m.source(1), 11);
        assert_eq!(m.source(2), 16);
        let v = Mapped::verbatim("hello", 4);
        assert_eq!(v.source(3), 7);
    }

    #[test]
    fn too_large_and_not_utf8_are_errors() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert_eq!(decode(&big).map_err(|d| d.code), Err(Code::TwineTooLarge));
        let d = decode(b"ok\n  \xFF")
            .err()
            .map(|d| (d.code, d.span.line, d.span.column));
        assert_eq!(d, Some((Code::TwineNotUtf8, 2, 3)));
        assert_eq!(decode(b"\xEF\xBB\xBF:: A").ok(), Some(":: A"));
    }
}
