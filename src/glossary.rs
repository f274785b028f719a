//! The glossary in the app: fetched on its own (`scenarios/glossary.json`, the pack of
//! `scenarios/glossary.yaml`) and read through the core, then kept for every text that links
//! its terms ([`current`]: set once, before any screen shows, and never changed; a Yew
//! context cost 0.8 KB gzip more). A glossary that did not arrive or cannot be read is a
//! notice on the Glossary screen, and scenario text then simply has no links.
//!
//! Also here: where "Back" on the Glossary and Who's who screens returns to
//! ([`use_return_to`]), and focus on the entry asked for ([`use_entry_focus`]).

use crate::browser;
use crate::catalogue::{FailedFile, Fetched};
use crate::route::Route;
use scenario_core::model::Glossary;
use scenario_core::pack::read_glossary;
use scenario_core::play::links::Linker;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A glossary read from its pack, with its terms ready to be found in text.
#[derive(Debug, PartialEq, Eq)]
pub struct Ready {
    /// The glossary.
    pub glossary: Glossary,
    /// Its forms, for [`Linker::link`].
    pub linker: Linker,
    /// The terms' indices in alphabetical order (ignoring the case of A–Z), for the list.
    pub alphabetical: Vec<usize>,
}

/// The glossary once fetched: ready, or why not.
pub type Loaded = Result<Rc<Ready>, FailedFile>;

impl Ready {
    /// Reads the fetched pack.
    pub fn from_fetched(fetched: Fetched) -> Loaded {
        let text = fetched.map_err(|why| FailedFile::unfetched("glossary", &why))?;
        let glossary = read_glossary(&text)?;
        let mut alphabetical: Vec<usize> = (0..glossary.terms.len()).collect();
        let key = |i: &usize| glossary.terms[*i].term.to_ascii_lowercase();
        alphabetical.sort_by_key(key);
        Ok(Rc::new(Ready {
            linker: Linker::new(&glossary),
            glossary,
            alphabetical,
        }))
    }
}

thread_local! {
    /// The glossary the texts link to, set once it has arrived (see [`use_glossary`]).
    static CURRENT: RefCell<Option<Rc<Ready>>> = const { RefCell::new(None) };
}

/// The glossary scenario text links to, once it has arrived and been read.
pub fn current() -> Option<Rc<Ready>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The glossary, fetched once at start-up (`None` until it arrives). The app shows its
/// screens once this and the catalogue are in, so every text is linked from its first
/// render (a glossary that cannot be had is an answer too: a notice, and no links).
#[hook]
pub fn use_glossary() -> UseStateHandle<Option<Loaded>> {
    let glossary = use_state(|| None::<Loaded>);
    {
        let glossary = glossary.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = browser::fetch_text("scenarios/glossary.json").await;
                let loaded = Ready::from_fetched(fetched);
                CURRENT.with(|c| *c.borrow_mut() = loaded.as_ref().ok().cloned());
                glossary.set(Some(loaded));
            });
        });
    }
    glossary
}

/// Focuses the entry `#/glossary/<term>` asks for when it changes without a new screen
/// (Back and Forward between entries) or once the app is `ready` after loading at that
/// address; arriving from another screen, the app's focus hook does it.
#[hook]
pub fn use_entry_focus(route: &Route, ready: bool, focus_ref: NodeRef) {
    let entry = match route {
        Route::Glossary(Some(id)) if ready => Some(id.clone()),
        _ => None,
    };
    use_effect_with(entry, move |entry| {
        if entry.is_some() {
            browser::focus(&focus_ref, false);
        }
    });
}

/// Is this the Glossary or the Who's who?
pub fn is_glossary_screen(route: &Route) -> bool {
    matches!(route, Route::Glossary(_) | Route::Network)
}

/// The last screen before the Glossary and the Who's who, where their "Back" link goes.
#[hook]
pub fn use_return_to(route: &Route) -> Option<Route> {
    let last = use_mut_ref(|| None::<Route>);
    if !is_glossary_screen(route) && !matches!(route, Route::NotFound(_)) {
        *last.borrow_mut() = Some(route.clone());
    }
    let last = last.borrow().clone();
    last
}

/// The words of a "Back" link to `route`.
pub fn back_label(route: &Route) -> &'static str {
    match route {
        Route::Play(_) => "Back to the scenario",
        Route::Intro(_) => "Back to the scenario\u{2019}s introduction",
        Route::Debrief(_) => "Back to the debrief",
        Route::History => "Back to your history",
        Route::Settings => "Back to settings",
        _ => "Back to the scenarios",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario_core::pack::FORMAT;
    use scenario_testkit::author::pack_glossary;

    const BUNDLED: &str = include_str!("../scenarios/glossary.yaml");

    #[test]
    fn the_bundled_glossary_reads_in_alphabetical_order() {
        let ready = Ready::from_fetched(Ok(pack_glossary(BUNDLED).text)).expect("reads");
        let terms: Vec<&str> = ready
            .alphabetical
            .iter()
            .map(|&i| ready.glossary.terms[i].term.as_str())
            .collect();
        let mut sorted = terms.clone();
        sorted.sort_by_key(|t| t.to_ascii_lowercase());
        assert_eq!(terms, sorted);
        assert!(terms.len() >= 20, "{terms:?}");
        assert!(ready.glossary.network().count() >= 5);
    }

    #[test]
    fn a_missing_or_damaged_glossary_is_a_notice() {
        let missing = Ready::from_fetched(Err("HTTP 404".into())).expect_err("a notice");
        assert_eq!(missing.file, "glossary.yaml");
        assert!(missing.errors[0].message.contains("HTTP 404"));
        let good = pack_glossary(BUNDLED).text;
        for damaged in [
            String::new(),
            good[..good.len() / 2].to_owned(),
            good.replace(&format!("\"pack\":{FORMAT}"), "\"pack\":99"),
            good.replace("\"id\":\"mappa\"", "\"id\":\"<b>\""),
            good.replace("\"term\":\"MAPPA\"", "\"term\":\"\""),
            good.replace("\"id\":\"recall\"", "\"id\":\"licence\""),
            format!("{{\"pack\":{FORMAT},\"file\":\"glossary.yaml\",\"errors\":[]}}"),
            "[1,2,3]".to_owned(),
        ] {
            let failed = Ready::from_fetched(Ok(damaged.clone())).expect_err(&damaged);
            assert_eq!(failed.file, "glossary.yaml");
            assert!(
                failed.errors[0]
                    .message
                    .contains("could not read glossary.json"),
                "{failed:?}"
            );
        }
        // A glossary.yaml with errors arrives as its errors, with their positions.
        let broken = pack_glossary("format: 1\nterms:\n  mappa: { term: MAPPA }\n").text;
        let failed = Ready::from_fetched(Ok(broken)).expect_err("errors");
        assert_eq!(failed.errors[0].location, "glossary.yaml:3:3");
    }

    #[test]
    fn back_goes_to_the_last_screen_before_the_glossary() {
        assert!(is_glossary_screen(&Route::Glossary(Some("mappa".into()))));
        assert!(is_glossary_screen(&Route::Network));
        assert!(!is_glossary_screen(&Route::History));
        assert_eq!(back_label(&Route::Play("a".into())), "Back to the scenario");
        assert_eq!(back_label(&Route::home()), "Back to the scenarios");
    }
}
