//! A small JSON reader and writer for what the app keeps on the learner's device (the
//! session, history, reflection notes, settings) and exports.
//!
//! It exists for size: serde_json and the serde-derived code for these records were about a
//! twentieth of the app's wasm. Everything saved is objects, arrays, strings, booleans, `null`
//! and integers, so that is all this module converts to Rust values; it still *parses* all of
//! RFC 8259 strictly, so that a damaged save is refused rather than misread.
//!
//! The format on disk is the one serde_json wrote with `#[derive(Serialize)]` (compact, fields
//! in declaration order, the same string escapes), and reading follows the derive's rules: a
//! missing field is an error unless it is an `Option` (then `None`), unknown fields are
//! ignored, and a number must fit the field's integer type exactly. Golden files made while
//! the derives were still the reference hold the records to that format, generated and
//! damaged (`tests/fixtures/saves/`); the parser is compared with serde_json on every text by
//! the tests and a fuzz target. Three differences from the derives, none in a field a save
//! can hold: an object with the same key twice is
//! refused wherever it is (the derive refused it only for the record's own fields); a number
//! too large for a 64-bit float (`1e999`) in a field that is ignored is accepted (serde_json
//! refused the whole text); and a string with a lone surrogate escape (`"\udea0"`) is
//! refused wherever it is (serde_json skipped an ignored field's string unchecked).

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

fn wrong(what: &str) -> JsonError {
    JsonError::expected(what)
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

    /// The members of an object, for [`Fields`].
    pub fn fields(&self) -> Result<Fields<'_>, JsonError> {
        match self {
            Json::Obj(members) => Ok(Fields(members)),
            _ => Err(wrong("an object")),
        }
    }
}

/// An object's members, read field by field.
pub struct Fields<'a>(&'a [(String, Json)]);

impl Fields<'_> {
    /// The field `name` as a `T`; a missing field is an error unless `T` is an `Option`.
    pub fn get<T: FromJson>(&self, name: &str) -> Result<T, JsonError> {
        match self.find(name) {
            Some(value) => T::from_json(value),
            None => T::missing(),
        }
        .map_err(|e| in_field(name, e))
    }

    /// The field `name`, or `default` when it is absent (`#[serde(default)]`).
    pub fn get_or<T: FromJson>(&self, name: &str, default: T) -> Result<T, JsonError> {
        match self.find(name) {
            Some(value) => T::from_json(value).map_err(|e| in_field(name, e)),
            None => Ok(default),
        }
    }

    // The generic `get`s stay small: the search and the message are made once, here, not
    // once per field type (the wasm holds one `get` per type read).
    #[inline(never)]
    fn find(&self, name: &str) -> Option<&Json> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

#[inline(never)]
fn in_field(name: &str, e: JsonError) -> JsonError {
    JsonError(format!("`{name}`: {e}"))
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

/// A value read from JSON.
pub trait FromJson: Sized {
    /// Converts `value`.
    fn from_json(value: &Json) -> Result<Self, JsonError>;
    /// The value of a field that is absent: an error, except for `Option`.
    fn missing() -> Result<Self, JsonError> {
        Err(JsonError("missing field".into()))
    }
}

impl FromJson for String {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Str(s) => Ok(s.clone()),
            _ => Err(wrong("a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Bool(b) => Ok(*b),
            _ => Err(wrong("true or false")),
        }
    }
}

fn integer(value: &Json) -> Result<i128, JsonError> {
    match value {
        // serde_json reads `-0` as the float -0.0, which no integer field takes.
        Json::Num(text) if text != "-0" => text.parse().map_err(|_| wrong("an integer")),
        _ => Err(wrong("an integer")),
    }
}

macro_rules! from_json_integer {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Json) -> Result<Self, JsonError> {
                <$t>::try_from(integer(value)?).map_err(|_| wrong("an integer in range"))
            }
        }
    )*};
}
from_json_integer!(u32, u64, i64, usize);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }
    fn missing() -> Result<Self, JsonError> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            // A loop, not `collect` into a `Result`: the same work in far less code per `T`.
            Json::Arr(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(T::from_json(item)?);
                }
                Ok(out)
            }
            _ => Err(wrong("an array")),
        }
    }
}

/// Parses `text` as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    T::from_json(&Json::parse(text)?)
}

/// A value written as JSON.
pub trait ToJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut String);
}

/// The value's JSON, compact.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Writes an object with these members, in this order.
pub fn write_object(out: &mut String, members: &[(&str, &dyn ToJson)]) {
    out.push('{');
    for (n, (key, value)) in members.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        key.write_json(out);
        out.push(':');
        value.write_json(out);
    }
    out.push('}');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\0'..='\u{1f}' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let b = c as usize;
                    out.push_str("\\u00");
                    out.push(char::from(HEX[b >> 4]));
                    out.push(char::from(HEX[b & 15]));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! to_json_integer {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        }
    )*};
}
to_json_integer!(u32, u64, i64, usize);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (n, item) in self.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// A pair is written as a two-item array.
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Arr(items) if items.len() == 2 => {
                Ok((A::from_json(&items[0])?, B::from_json(&items[1])?))
            }
            _ => Err(wrong("a pair")),
        }
    }
}

/// Implements [`ToJson`] and [`FromJson`] for a struct from one list of its fields, in the
/// order they are written, as `#[derive(Serialize, Deserialize)]` would; `field = default`
/// gives the value when the field is absent (`#[serde(default)]`).
///
/// ```
/// # use scenario_core::{json, json_record};
/// #[derive(Debug, PartialEq)]
/// struct Marker { step: usize, node: String, seen: bool }
/// json_record!(Marker { step, node, seen = false });
/// let m: Marker = json::from_str(r#"{"step":2,"node":"a"}"#).unwrap();
/// assert_eq!(json::to_string(&m), r#"{"step":2,"node":"a","seen":false}"#);
/// ```
#[macro_export]
macro_rules! json_record {
    ($record:ident { $($field:ident $(= $default:expr)?),* $(,)? }) => {
        impl $crate::json::ToJson for $record {
            fn write_json(&self, out: &mut String) {
                $crate::json::write_object(
                    out,
                    &[$((stringify!($field), &self.$field as &dyn $crate::json::ToJson)),*],
                );
            }
        }

        impl $crate::json::FromJson for $record {
            fn from_json(
                value: &$crate::json::Json,
            ) -> Result<Self, $crate::json::JsonError> {
                let fields = value.fields()?;
                Ok($record {
                    $($field: $crate::json_record!(@get fields, $field $(, $default)?)),*
                })
            }
        }
    };
    (@get $fields:ident, $field:ident) => {
        $fields.get(stringify!($field))?
    };
    (@get $fields:ident, $field:ident, $default:expr) => {
        $fields.get_or(stringify!($field), $default)?
    };
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

    #[test]
    fn integers_convert_exactly_or_not_at_all() {
        let num = |s: &str| Json::Num(s.into());
        assert_eq!(u64::from_json(&num("18446744073709551615")), Ok(u64::MAX));
        assert!(u64::from_json(&num("18446744073709551616")).is_err());
        assert!(u64::from_json(&num("-1")).is_err());
        assert_eq!(i64::from_json(&num("-9223372036854775808")), Ok(i64::MIN));
        assert!(u32::from_json(&num("4294967296")).is_err());
        assert!(u32::from_json(&num("1.0")).is_err());
        assert!(u32::from_json(&num("1e2")).is_err());
        assert!(i64::from_json(&num("-0")).is_err());
        assert!(u64::from_json(&num("1e999")).is_err());
        assert!(u32::from_json(&Json::Str("1".into())).is_err());
        assert_eq!(Option::<i64>::from_json(&Json::Null), Ok(None));
        assert_eq!(Option::<i64>::from_json(&num("7")), Ok(Some(7)));
    }

    #[test]
    fn fields_follow_the_derive_rules() {
        let value = Json::parse(r#"{"a":"x","n":null,"extra":[1]}"#).unwrap();
        let fields = value.fields().unwrap();
        assert_eq!(fields.get::<String>("a"), Ok("x".into()));
        assert_eq!(fields.get::<Option<i64>>("n"), Ok(None));
        assert_eq!(fields.get::<Option<i64>>("absent"), Ok(None));
        assert_eq!(
            fields.get::<String>("absent").unwrap_err().0,
            "`absent`: missing field"
        );
        assert_eq!(
            fields.get::<u32>("a").unwrap_err().0,
            "`a`: expected an integer"
        );
        assert_eq!(fields.get_or("absent", 5u32), Ok(5));
        assert!(fields.get_or("a", 5u32).is_err());
        assert!(Json::Arr(vec![]).fields().is_err());
    }

    #[test]
    fn writes_compact_json_with_serde_jsons_escapes() {
        let mut out = String::new();
        write_object(
            &mut out,
            &[
                ("s", &"q\"b\\n\n\t\u{1}\u{1f}\u{7f}é</script>"),
                ("n", &None::<i64>),
                ("v", &vec![1u64, u64::MAX]),
                ("b", &true),
                ("i", &-3i64),
            ],
        );
        assert_eq!(
            out,
            r#"{"s":"q\"b\\n\n\t\u0001\u001f"#.to_owned()
                + "\u{7f}é</script>\",\"n\":null,\"v\":[1,18446744073709551615],\"b\":true,\"i\":-3}"
        );
        assert_eq!(
            Json::parse(&out)
                .unwrap()
                .fields()
                .unwrap()
                .get::<String>("s"),
            Ok("q\"b\\n\n\t\u{1}\u{1f}\u{7f}é</script>".into())
        );
    }
}
