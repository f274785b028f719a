//! Hash routes: every screen has a URL (`#/`, `#/s/<id>`, `#/s/<id>/play`,
//! `#/s/<id>/debrief`) that works from any static host or sub-folder, and the browser's
//! back button moves between them. Parsing and formatting only; no browser here.

/// A screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The list of scenarios (`#/`, also an empty hash).
    Catalogue,
    /// A scenario's introduction and content note (`#/s/<id>`).
    Intro(String),
    /// Playing a scenario (`#/s/<id>/play`).
    Play(String),
    /// The ending and debrief (`#/s/<id>/debrief`).
    Debrief(String),
    /// Anything else, kept as written so the page can say what was asked for.
    NotFound(String),
}

impl Route {
    /// The route for `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        if path.is_empty() {
            return Route::Catalogue;
        }
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["s", id] if is_id(id) => Route::Intro((*id).to_owned()),
            ["s", id, "play"] if is_id(id) => Route::Play((*id).to_owned()),
            ["s", id, "debrief"] if is_id(id) => Route::Debrief((*id).to_owned()),
            _ => Route::NotFound(hash.to_owned()),
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Catalogue => "#/".to_owned(),
            Route::Intro(id) => format!("#/s/{id}"),
            Route::Play(id) => format!("#/s/{id}/play"),
            Route::Debrief(id) => format!("#/s/{id}/debrief"),
            Route::NotFound(hash) => hash.clone(),
        }
    }

    /// The scenario this route is about, if any.
    pub fn scenario_id(&self) -> Option<&str> {
        match self {
            Route::Intro(id) | Route::Play(id) | Route::Debrief(id) => Some(id),
            Route::Catalogue | Route::NotFound(_) => None,
        }
    }
}

/// Scenario ids are file stems in kebab case (the core enforces the same on load).
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(hash: &str, expected: Route) {
        assert_eq!(Route::parse(hash), expected, "parsing {hash:?}");
    }

    #[test]
    fn parses_every_screen() {
        check("", Route::Catalogue);
        check("#", Route::Catalogue);
        check("#/", Route::Catalogue);
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
            Route::Catalogue,
            Route::Intro("a".into()),
            Route::Play("a-b".into()),
            Route::Debrief("c9".into()),
        ] {
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }
}
