//! The glossary in the app: fetched on its own (`scenarios/glossary.json`, the pack of
//! `scenarios/glossary.yaml`), read through the core, and handed to every text that links its
//! terms through a context ([`GlossaryContext`]). A glossary that did not arrive or cannot be
//! read is a notice on the Glossary screen, and scenario text then simply has no links.
//!
//! Also here: where "Back" on the Glossary and Who's who screens returns to
//! ([`use_return_to`]).

use crate::browser;
use crate::catalogue::{FailedFile, Fetched};
use crate::route::Route;
use scenario_core::glossary::link::Linker;
use scenario_core::glossary::{read_glossary, Glossary};
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
        scenario_core::sort::sort_by(&mut alphabetical, |a, b| key(a).cmp(&key(b)));
        Ok(Rc::new(Ready {
            linker: Linker::new(&glossary),
            glossary,
            alphabetical,
        }))
    }
}

/// What texts read to link terms: the glossary, when it is ready. Compared by pointer.
#[derive(Debug, Clone, Default)]
pub struct GlossaryContext(pub Option<Rc<Ready>>);

impl PartialEq for GlossaryContext {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

/// The glossary, fetched once at start-up (`None` until it arrives).
#[hook]
pub fn use_glossary() -> UseStateHandle<Option<Loaded>> {
    let glossary = use_state(|| None::<Loaded>);
    {
        let glossary = glossary.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = browser::fetch_text("scenarios/glossary.json").await;
                glossary.set(Some(Ready::from_fetched(fetched)));
            });
        });
    }
    glossary
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
    use scenario_core::glossary::load::pack_glossary;
    use scenario_core::pack::FORMAT;

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
