//! Hash routes: every screen has a URL (`#/`, `#/?audience=…&topic=…`, `#/s/<id>`,
//! `#/s/<id>/play`, `#/s/<id>/debrief`, `#/history`, `#/settings`) that works from any
//! static host, sub-folder or LMS package, and the browser's back button moves between
//! them. Parsing and formatting only; no browser here.

use crate::filter::Filter;
use scenario_core::model::is_scenario_id;

/// A screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The list of scenarios (`#/`, also an empty hash), possibly filtered (`#/?topic=…`).
    Catalogue(Filter),
    /// A scenario's introduction and content note (`#/s/<id>`).
    Intro(String),
    /// Playing a scenario (`#/s/<id>/play`).
    Play(String),
    /// The ending and debrief (`#/s/<id>/debrief`).
    Debrief(String),
    /// Past attempts on this device, export and "clear my data" (`#/history`).
    History,
    /// Shuffle, trainer mode, large text (`#/settings`).
    Settings,
    /// Anything else, kept as written so the page can say what was asked for.
    NotFound(String),
}

impl Route {
    /// The unfiltered catalogue.
    pub fn home() -> Route {
        Route::Catalogue(Filter::default())
    }

    /// The route for `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let path = path.strip_suffix('/').unwrap_or(path);
        if path.is_empty() {
            return Route::Catalogue(Filter::parse(query));
        }
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["history"] => Route::History,
            ["settings"] => Route::Settings,
            ["s", id] if is_scenario_id(id) => Route::Intro((*id).to_owned()),
            ["s", id, "play"] if is_scenario_id(id) => Route::Play((*id).to_owned()),
            ["s", id, "debrief"] if is_scenario_id(id) => Route::Debrief((*id).to_owned()),
            _ => Route::NotFound(hash.to_owned()),
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Catalogue(filter) if filter.is_empty() => "#/".to_owned(),
            Route::Catalogue(filter) => format!("#/?{}", filter.to_query()),
            Route::Intro(id) => format!("#/s/{id}"),
            Route::Play(id) => format!("#/s/{id}/play"),
            Route::Debrief(id) => format!("#/s/{id}/debrief"),
            Route::History => "#/history".to_owned(),
            Route::Settings => "#/settings".to_owned(),
            Route::NotFound(hash) => hash.clone(),
        }
    }

    /// The scenario this route is about, if any.
    pub fn scenario_id(&self) -> Option<&str> {
        match self {
            Route::Intro(id) | Route::Play(id) | Route::Debrief(id) => Some(id),
            _ => None,
        }
    }

    /// The screen, ignoring the catalogue's filter: changing a filter is not a new screen
    /// (focus stays on the filter the learner is using).
    pub fn screen(&self) -> Route {
        match self {
            Route::Catalogue(_) => Route::home(),
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(hash: &str, expected: Route) {
        assert_eq!(Route::parse(hash), expected, "parsing {hash:?}");
    }

    #[test]
    fn parses_every_screen() {
        check("", Route::home());
        check("#", Route::home());
        check("#/", Route::home());
        check(
            "#/?audience=refresher&topic=selfcare",
            Route::Catalogue(Filter {
                audience: Some("refresher".into()),
                topic: Some("selfcare".into()),
            }),
        );
        check(
            "#/s/promise-you-wont-tell",
            Route::Intro("promise-you-wont-tell".into()),
        );
        check(
            "#/s/promise-you-wont-tell/",
            Route::Intro("promise-you-wont-tell".into()),
        );
        check("#/s/a1/play", Route::Play("a1".into()));
        check("#/s/a1/debrief", Route::Debrief("a1".into()));
        check("#/history", Route::History);
        check("#/settings/", Route::Settings);
        check("#/s/", Route::NotFound("#/s/".into()));
        check(
            "#/s/a1/elsewhere",
            Route::NotFound("#/s/a1/elsewhere".into()),
        );
        check("#/s/<script>", Route::NotFound("#/s/<script>".into()));
        check("#/x", Route::NotFound("#/x".into()));
    }

    #[test]
    fn formats_back_to_what_it_parses() {
        for route in [
            Route::home(),
            Route::Catalogue(Filter {
                audience: None,
                topic: Some("manipulation".into()),
            }),
            Route::Intro("a".into()),
            Route::Play("a-b".into()),
            Route::Debrief("c9".into()),
            Route::History,
            Route::Settings,
        ] {
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }

    #[test]
    fn a_filter_is_the_same_screen() {
        let filtered = Route::parse("#/?topic=x");
        assert_eq!(filtered.screen(), Route::home());
        assert_eq!(Route::History.screen(), Route::History);
    }
}
