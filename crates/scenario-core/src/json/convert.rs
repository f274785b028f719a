//! Converting between [`Json`] and Rust values: [`FromJson`] reads a value (an object field by
//! field, by the derive's rules), [`ToJson`] writes one (compact, as serde_json wrote), and
//! [`json_record!`](crate::json_record) gives a struct both from one list of its fields.

use super::parse::{Json, JsonError};

fn wrong(what: &str) -> JsonError {
    JsonError::expected(what)
}

impl Json {
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
