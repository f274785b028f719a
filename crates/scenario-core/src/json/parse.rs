//! Parsing JSON text into a [`Json`] value, strictly (RFC 8259: a damaged save is refused,
//! never misread), with nesting bounded and the place of the first problem in the error.

use std::fmt;

/// Objects and arrays nested deeper than this are refused (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Numbers keep their text, so integers convert exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, its members in file order (keys are unique).
    Obj(Vec<(String, Json)>),
}

/// Why a text is not JSON, or not the record expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(pub String);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    /// `expected {what}`: a value of another type or shape than the field's.
    pub fn expected(what: &str) -> JsonError {
        JsonError(format!("expected {what}"))
    }
}

impl Json {
    /// Parses one JSON value; whitespace around it is allowed, anything else is not.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        let value = p.value(0).and_then(|v| {
            p.ws();
            if p.i < p.s.len() {
                Err("trailing characters")
            } else {
                Ok(v)
            }
        });
        value.map_err(|why| {
            let before = &p.s[..p.i.min(p.s.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            JsonError(format!("{why} at line {line} column {column}"))
        })
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let here = self.peek() == Some(byte);
        self.i += usize::from(here);
        here
    }

    /// A value inside `depth` arrays and objects.
    fn value(&mut self, depth: usize) -> Result<Json, &'static str> {
        let open = self.peek();
        if matches!(open, Some(b'[' | b'{')) && depth >= MAX_DEPTH {
            return Err("nesting too deep");
        }
        match open {
            None => Err("EOF while parsing a value"),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `]`");
                        }
                    }
                }
                Ok(Json::Arr(items))
            }
            Some(b'{') => {
                self.i += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        if self.peek() != Some(b'"') {
                            return Err("expected a key");
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err("expected `:`");
                        }
                        let value = self.value(depth + 1)?;
                        members.push((key, value));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `}`");
                        }
                    }
                }
                // Sorted, so that a huge object costs n log n, not n² (comparing each key
                // with every earlier one took 35 s for 100,000 keys).
                let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                if keys.windows(2).any(|pair| pair[0] == pair[1]) {
                    return Err("duplicate key");
                }
                Ok(Json::Obj(members))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in [
                    ("null", Json::Null),
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                ] {
                    if self.s[self.i..].starts_with(word.as_bytes()) {
                        self.i += word.len();
                        return Ok(value);
                    }
                }
                Err("expected a value")
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, &'static str> {
        let start = self.i;
        self.i += usize::from(self.s[self.i] == b'-');
        let leading_zero = self.s.get(self.i) == Some(&b'0');
        let n = self.digits();
        if n == 0 || (leading_zero && n > 1) {
            return Err("invalid number");
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err("invalid number");
            }
        }
        // The bytes are ASCII digits, signs, `.` and `e`: valid UTF-8.
        Ok(Json::Num(
            String::from_utf8_lossy(&self.s[start..self.i]).into_owned(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, &'static str> {
        let hex = self.s.get(self.i..self.i + 4).ok_or("EOF in an escape")?;
        let hex = std::str::from_utf8(hex).map_err(|_| "invalid escape")?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| "invalid escape")?;
        if hex.starts_with(['+', '-']) {
            return Err("invalid escape");
        }
        self.i += 4;
        Ok(code)
    }

    /// A string, the opening quote at `self.i`.
    fn string(&mut self) -> Result<String, &'static str> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err("EOF while parsing a string");
            };
            self.i += 1;
            match b {
                b'"' => break,
                0..=0x1f => return Err("control character in a string"),
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return Err("EOF while parsing a string");
                    };
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xd800..0xdc00).contains(&code) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err("lone surrogate in an escape");
                                }
                                self.i += 2;
                                let low = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&low) {
                                    return Err("lone surrogate in an escape");
                                }
                                code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                            }
                            char::from_u32(code).ok_or("lone surrogate in an escape")?
                        }
                        _ => return Err("invalid escape"),
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => out.push(b),
            }
        }
        // The input is a `&str`, and escapes add whole characters.
        String::from_utf8(out).map_err(|_| "invalid UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(text: &str) -> bool {
        Json::parse(text).is_ok()
    }

    #[test]
    fn accepts_rfc_8259_values_and_refuses_the_rest() {
        for ok in [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "12",
            "-1.5e+3",
            "1E2",
            "\"\"",
            "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"",
            "[]",
            "[1, [2, {}]]",
            "{\"a\": 1, \"b\": [true, null]}",
            "\r\n\t{}\n",
        ] {
            assert!(parses(ok), "{ok:?} should parse");
        }
        for bad in [
            "",
            " ",
            "nul",
            "True",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "0x10",
            "NaN",
            "\"unterminated",
            "\"tab\there\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u+123\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\":1,\"a\":2}",
            "{} {}",
            "[] x",
            "// comment\n{}",
        ] {
            assert!(!parses(bad), "{bad:?} should be refused");
        }
    }

    #[test]
    fn strings_decode_escapes_and_surrogate_pairs() {
        assert_eq!(
            Json::parse("\"a\\u00e9\\ud83d\\ude00\\n\\/\"").unwrap(),
            Json::Str("aé😀\n/".into())
        );
        assert_eq!(
            Json::parse("\"é😀 as is\"").unwrap(),
            Json::Str("é😀 as is".into())
        );
    }

    #[test]
    fn nesting_is_bounded_without_recursing_past_the_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parses(&deep(MAX_DEPTH)));
        let err = Json::parse(&deep(MAX_DEPTH + 1)).unwrap_err();
        assert!(err.0.starts_with("nesting too deep"), "{err}");
        // Far deeper input is refused at the limit, not by overflowing the stack.
        assert!(!parses(&"[".repeat(1_000_000)));
    }

    #[test]
    fn a_repeated_key_is_found_among_many() {
        // 100,000 keys: checked by sorting (58 ms in a release build), not by comparing each
        // key with every earlier one (35 s).
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":{i}")).collect();
        let object = |extra: &str| format!("{{{}{extra}}}", keys.join(","));
        let parsed = Json::parse(&object("")).unwrap();
        assert_eq!(parsed.fields().unwrap().get::<u32>("k99999"), Ok(99_999));
        let err = Json::parse(&object(",\"k0\":0")).unwrap_err();
        assert!(err.0.starts_with("duplicate key"), "{err}");
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            Json::parse("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err().0,
            "expected `,` or `}` at line 3 column 3"
        );
        assert_eq!(
            Json::parse("[\"é\", x]").unwrap_err().0,
            "expected a value at line 1 column 7"
        );
    }
}
