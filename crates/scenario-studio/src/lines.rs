//! Positions in the editor's text: the core counts 1-based lines and columns in characters,
//! the browser's `<textarea>` selects by UTF-16 code unit; this converts between them.
//! Pure, for native tests.

/// The UTF-16 offset of 1-based `line` and `column` (in characters) in `text`, clamped to
/// the end of that line (or of the text).
pub fn utf16_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf16)
                    .sum::<usize>();
        }
        offset += l.encode_utf16().count() + 1;
    }
    text.encode_utf16().count()
}

/// The UTF-16 range `(start, end)` of `len` characters from `line`:`column`, within that
/// line.
pub fn utf16_range(text: &str, line: usize, column: usize, len: usize) -> (usize, usize) {
    let start = utf16_offset(text, line, column);
    let end = utf16_offset(text, line, column.saturating_add(len.max(1)));
    (start, end.max(start))
}

/// The 1-based line of a UTF-16 `offset` (the caret).
pub fn line_of_utf16(text: &str, offset: usize) -> usize {
    let mut seen = 0;
    let mut line = 1;
    for c in text.chars() {
        if seen >= offset {
            break;
        }
        seen += c.len_utf16();
        if c == '\n' {
            line += 1;
        }
    }
    line
}

/// How many lines the editor shows for `text` (an empty text is one empty line).
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// The line-number gutter's text for `count` lines: "1\n2\n…".
pub fn gutter(count: usize) -> String {
    let mut out = String::with_capacity(count * 5);
    for n in 1..=count {
        if n > 1 {
            out.push('\n');
        }
        out.push_str(&n.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units_and_clamp_to_the_line() {
        let text = "ab\ncé𝄞x\n";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 3);
        // `𝄞` is two UTF-16 units: `x` is column 4, unit 3 + 2 + 2 = 7.
        assert_eq!(utf16_offset(text, 2, 4), 7);
        assert_eq!(utf16_offset(text, 2, 99), 8, "clamped to the end of line 2");
        assert_eq!(utf16_offset(text, 9, 1), 9, "past the last line: the end");
        assert_eq!(utf16_range(text, 2, 3, 1), (5, 7));
        assert_eq!(
            utf16_range(text, 1, 2, 0),
            (1, 2),
            "a zero length selects one character"
        );
    }

    #[test]
    fn lines_of_offsets_and_the_gutter() {
        let text = "a\nb\nc";
        assert_eq!(line_of_utf16(text, 0), 1);
        assert_eq!(line_of_utf16(text, 2), 2);
        assert_eq!(line_of_utf16(text, 4), 3);
        assert_eq!(line_count(text), 3);
        assert_eq!(line_count(""), 1);
        assert_eq!(gutter(3), "1\n2\n3");
    }
}
