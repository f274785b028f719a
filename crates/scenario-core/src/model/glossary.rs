//! The glossary (`scenarios/glossary.yaml`): words a new worker may not know, each with what
//! it means, and, for the people and roles in the network around him, what they do (the
//! "Who's who"). Loaded by `load::glossary` and written as a page by `pack::page` (the author
//! half, at build time): the app never reads it, only the links the packs carry
//! ([`super::links`]) and the page's name ([`PAGE`]). The glossary
//! is not a scenario: every listing of a folder's scenarios skips `glossary.yaml`, as it
//! skips `dimensions.yaml` (`load::scenario_files`).

use super::is_scenario_id;

/// The file the glossary is written in, beside the scenarios.
pub const FILE: &str = "glossary.yaml";

/// The glossary page `scenario pack` writes beside the app's `index.html`; an entry's address
/// is `glossary.html#<term id>`.
pub const PAGE: &str = "glossary.html";

/// The glossary as loaded: every term, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The paragraph that opens the "Who's who".
    pub network_intro: Option<String>,
    /// The terms, in file order (the "Who's who" order; the A–Z list sorts them).
    pub terms: Vec<Term>,
}

/// One entry of the glossary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// The entry's id (`offender-manager`), its address ([`is_term_id`]).
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

/// A term's id: the scenario ids' rule ([`is_scenario_id`]: lowercase letters, digits and
/// hyphens, starting with a letter or digit, at most 64), as it is the entry's address.
pub fn is_term_id(id: &str) -> bool {
    is_scenario_id(id)
}
