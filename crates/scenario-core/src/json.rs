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

mod convert;
mod parse;

pub use convert::{from_str, to_string, write_object, Fields, FromJson, ToJson};
pub use parse::{Json, JsonError, MAX_DEPTH};
