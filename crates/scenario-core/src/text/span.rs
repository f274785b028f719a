//! Where something stands in a source file: what every diagnostic points at, and what the
//! model keeps of its nodes and choices (so a pack carries positions too).

use crate::json::{FromJson, Json, JsonError, ToJson};

/// A place in a source file. `line` and `column` are 1-based; `column` counts
/// characters (not bytes). `len` is how many characters the caret should cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the start in the source text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Length in characters (at least 1 when rendered).
    pub len: usize,
}

impl Span {
    /// The same start, with another length.
    pub fn with_len(self, len: usize) -> Span {
        Span { len, ..self }
    }
}

/// A span is written `[offset, line, column, len]`.
impl ToJson for Span {
    fn write_json(&self, out: &mut String) {
        [self.offset, self.line, self.column, self.len].write_json(out);
    }
}

impl FromJson for Span {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match <Vec<usize>>::from_json(value)?.as_slice() {
            &[offset, line, column, len] => Ok(Span {
                offset,
                line,
                column,
                len,
            }),
            _ => Err(JsonError::expected("a span [offset, line, column, len]")),
        }
    }
}
