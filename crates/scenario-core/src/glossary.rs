//! The glossary: words a new worker may not know (`scenarios/glossary.yaml`), and the
//! "Who's who" of the network around the man they work with, built from the terms that say
//! what their role in it is.
//!
//! Player side (in the wasm): the model, its pack ([`read_glossary`], trusting nothing), and
//! [`link`], which finds the terms in a scenario's text. Author side (native only: YAML):
//! [`load`], the loader with its diagnostics, and the pack writer; nothing on the player side
//! uses it, so it can sit behind the `author` feature. The glossary is not a
//! scenario: every listing of `scenarios/*.yaml` skips `glossary.yaml`, as it skips
//! `dimensions.yaml`.

pub mod link;
pub mod load;

use crate::json::{Json, JsonError};
use crate::json_record;
use crate::pack::{FailedFile, FileError, Packed, FORMAT};

/// The glossary as loaded: every term, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The first paragraph of the "Who's who" explainer.
    pub network_intro: Option<String>,
    /// The terms, in file order (the explainer's order; the glossary screen sorts them).
    pub terms: Vec<Term>,
}

/// One entry of the glossary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// The entry's id (`offender-manager`): lowercase letters, digits and hyphens; the app's
    /// address of the entry is `#/glossary/<id>`.
    pub id: String,
    /// The word or phrase as the glossary shows it (`Offender manager`); found in text too.
    pub term: String,
    /// Other forms found in text and linked to this entry (`probation officer`, plurals).
    pub also: Vec<String>,
    /// What it means, in plain words.
    pub means: String,
    /// For people and roles in the network around him: what they do, in one line.
    pub network: Option<String>,
}

impl Glossary {
    /// The entry with this id.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// The terms with a `network` line, in file order: the "Who's who".
    pub fn network(&self) -> impl Iterator<Item = (&Term, &str)> {
        self.terms
            .iter()
            .filter_map(|t| t.network.as_deref().map(|line| (t, line)))
    }
}

json_record!(Glossary {
    network_intro,
    terms
});
json_record!(Term {
    id,
    term,
    also,
    means,
    network
});

/// A term's id: lowercase letters, digits and hyphens, starting with a letter or digit, at
/// most 64 (it is the entry's address, `#/glossary/<id>`, and part of element ids). The
/// scenario ids' rule, written here too so that the player side needs nothing of the loader.
pub fn is_term_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The file the glossary is written in, beside the scenarios.
pub const FILE: &str = "glossary.yaml";

/// Reads the pack of `glossary.yaml` (fetched as `glossary.json`): the glossary, or the
/// file's errors, or why the pack itself could not be read (damaged, another version). A
/// glossary read here has valid, unique ids and no empty form, so links and the entries'
/// element ids can rely on them.
pub fn read_glossary(text: &str) -> Packed<Glossary> {
    let unreadable = |why: String| {
        FailedFile::one(
            FILE,
            format!("the app could not read glossary.json, the packed form of this file: {why}"),
            Some("rebuild the app (`trunk build`) and publish all of dist/ together"),
        )
    };
    let read = || -> Result<Result<Glossary, Vec<FileError>>, JsonError> {
        let root = Json::parse(text)?;
        let fields = root.fields()?;
        let format: u32 = fields.get("pack")?;
        if format != FORMAT {
            return Err(JsonError(format!(
                "it is pack format {format}, and this version of the app reads format {FORMAT}"
            )));
        }
        if let Some(errors) = fields.get::<Option<Vec<FileError>>>("errors")? {
            if errors.is_empty() {
                return Err(JsonError("`errors` is empty".into()));
            }
            return Ok(Err(errors));
        }
        let glossary: Glossary = fields.get("glossary")?;
        check(&glossary).map_err(JsonError)?;
        Ok(Ok(glossary))
    };
    match read() {
        Ok(Ok(glossary)) => Ok(glossary),
        Ok(Err(errors)) => Err(FailedFile {
            file: FILE.to_owned(),
            errors,
        }),
        Err(e) => Err(unreadable(e.0)),
    }
}

/// What the app relies on in a glossary read from a pack. (No `{:?}` in these messages: its
/// string escaping brings Unicode tables into the wasm, 2.8 KB gzip.)
fn check(glossary: &Glossary) -> Result<(), String> {
    for (n, t) in glossary.terms.iter().enumerate() {
        if !is_term_id(&t.id) {
            return Err(format!("term {} has an id that is not valid", n + 1));
        }
        if glossary.terms[..n].iter().any(|u| u.id == t.id) {
            return Err(format!("the id `{}` is used twice", t.id));
        }
        if std::iter::once(&t.term)
            .chain(&t.also)
            .any(|form| !link::can_start_word(form))
        {
            return Err(format!("`{}` has a form that is empty", t.id));
        }
    }
    Ok(())
}
