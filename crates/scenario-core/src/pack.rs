//! Stage five, packs: what the app fetches, so the browser never parses YAML.
//!
//! The build runs every bundled file through [`crate::load`] natively (`scenario pack`, a
//! trunk hook) and writes one JSON file per YAML file ([`mod@write`]): the loaded model with the
//! trainer's jump routes ([`Routes`](crate::play::routes::Routes)) and its texts' glossary
//! links ([`Links`](crate::model::links::Links)), or the file's errors as `file:line:column`
//! lines. The app only reads these ([`read`]), which keeps the YAML parser, the loader, the
//! checker, the state-graph exploration and the glossary's matcher out of the wasm. A file
//! that fails to load still reaches the learner as a notice, exactly as the loader reported
//! it. The glossary itself becomes a page of its own, `glossary.html` ([`mod@page`]), which
//! the app only links to.
//!
//! A pack is a build artefact, but it travels over the network like any file, so reading one
//! trusts nothing: a damaged, truncated or hand-edited pack, or one from another version of
//! the app, is a [`FailedFile`] that says so, never a panic. [`read_scenario`] checks every
//! index the session and scoring rely on.

#[cfg(feature = "author")]
pub mod page;
pub mod read;
#[cfg(feature = "author")]
pub mod write;

pub use read::{read_scenario, read_vocabulary};
#[cfg(feature = "author")]
pub use write::{glossary_for_pack, pack_errors, pack_scenario, pack_vocabulary, Pack};

use crate::json_record;

/// The pack format this version writes and reads (2: scenario packs carry `routes`; 3:
/// choices carry the `red_lines` they cross, and the vocabulary its red-line acts; 4:
/// scenario packs carry their texts' glossary `links`).
pub const FORMAT: u32 = 4;

/// One error of a file that could not be loaded, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// `file:line:column`, or just the file when there is no position.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is a hint.
    pub hint: Option<String>,
}

json_record!(FileError {
    location,
    message,
    hint
});

impl FileError {
    /// `location message`, as the notice shows it.
    pub fn line(&self) -> String {
        format!("{} {}", self.location, self.message)
    }
}

/// A file that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFile {
    /// The file name, e.g. `broken.yaml`.
    pub file: String,
    /// Its errors (at least one).
    pub errors: Vec<FileError>,
}

impl FailedFile {
    /// A failure with one error at no position.
    pub fn one(file: &str, message: String, hint: Option<&str>) -> FailedFile {
        FailedFile {
            file: file.to_owned(),
            errors: vec![FileError {
                location: file.to_owned(),
                message,
                hint: hint.map(str::to_owned),
            }],
        }
    }

    /// The file `<stem>.yaml`, whose pack `<stem>.json` could not be fetched.
    pub fn unfetched(stem: &str, why: &str) -> FailedFile {
        FailedFile::one(
            &format!("{stem}.yaml"),
            format!("the app could not fetch scenarios/{stem}.json, the packed form of this file: {why}"),
            Some("reload the page; if it keeps happening, tell whoever runs this site"),
        )
    }
}

/// What a pack holds: the loaded value, or the file's errors.
pub type Packed<T> = Result<T, FailedFile>;
