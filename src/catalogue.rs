//! The catalogue: the bundled vocabulary and scenarios, read from their packs at start-up.
//!
//! `build.rs` lists the files. The build loads each YAML file through the core and packs
//! it (`scenario pack`, see `scenario_core::pack`); the app fetches the packs (see
//! [`crate::browser::fetch_catalogue`]) and hands the texts here. A file that failed to
//! load — or to arrive, or to be read — becomes an [`Entry::Failed`] carrying its errors as
//! `file:line:column message` lines, so the catalogue can show it as a plain notice while
//! every other scenario still works. Nothing here touches the browser, and no YAML is
//! parsed in it.

use scenario_core::model::Label;
use scenario_core::pack::{read_scenario, read_vocabulary};
use scenario_core::Routes;
use scenario_core::Scenario;
use std::rc::Rc;

pub use scenario_core::pack::FailedFile;

/// The files listed by `build.rs`.
pub mod bundled {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

/// One bundled scenario file.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Loaded and ready to play, with the trainer's routes.
    Ready(Rc<Scenario>, Rc<Routes>),
    /// Refused by the loader.
    Failed(FailedFile),
}

/// Scenarios are immutable once loaded, so the same one is the same `Rc` (comparing props
/// stays cheap instead of walking every node).
impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        match (self, other) {
            (Entry::Ready(a, _), Entry::Ready(b, _)) => Rc::ptr_eq(a, b),
            (Entry::Failed(a), Entry::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Everything bundled with the app.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    /// The errors of `dimensions.yaml`, when it failed to load.
    pub vocabulary_error: Option<FailedFile>,
    /// The scenario files, in file-name order.
    pub entries: Vec<Entry>,
    /// The topics of `dimensions.yaml`, in its order (the catalogue's topic filter).
    pub topics: Vec<Label>,
}

/// A file's text, or why it could not be fetched.
pub type Fetched = Result<String, String>;

impl Catalogue {
    /// Packs `dimensions.yaml` and each `(file stem, YAML text)` as the build does, then
    /// reads the packs as the app does.
    #[cfg(test)]
    pub fn load(dimensions: &str, scenarios: &[(&str, &str)]) -> Catalogue {
        use scenario_core::pack::{pack_scenario, pack_vocabulary};
        let (vocabulary, dimensions) = pack_vocabulary(dimensions);
        let dimensions = dimensions.text;
        let scenarios: Vec<(String, Fetched)> = scenarios
            .iter()
            .map(|(stem, src)| {
                (
                    (*stem).to_owned(),
                    Ok(pack_scenario(src, stem, &vocabulary).text),
                )
            })
            .collect();
        Catalogue::from_fetched(Ok(dimensions), &scenarios)
    }

    /// Reads the packs that were fetched (`dimensions.json`, then each scenario's); a file
    /// that did not arrive, or that cannot be read, is a failed entry too.
    pub fn from_fetched(dimensions: Fetched, scenarios: &[(String, Fetched)]) -> Catalogue {
        let vocabulary = match &dimensions {
            Ok(text) => read_vocabulary(text),
            Err(why) => Err(FailedFile::unfetched("dimensions", why)),
        };
        let entries = scenarios
            .iter()
            .map(|(stem, fetched)| {
                let read = match fetched {
                    Ok(text) => read_scenario(text, stem),
                    Err(why) => Err(FailedFile::unfetched(stem, why)),
                };
                match read {
                    Ok((scenario, routes)) => Entry::Ready(Rc::new(scenario), Rc::new(routes)),
                    Err(failed) => Entry::Failed(failed),
                }
            })
            .collect();
        let (topics, vocabulary_error) = match vocabulary {
            Ok(vocabulary) => (vocabulary.topics, None),
            Err(failed) => (Vec::new(), Some(failed)),
        };
        Catalogue {
            vocabulary_error,
            entries,
            topics,
        }
    }

    /// The playable scenarios, in file-name order.
    pub fn ready(&self) -> impl Iterator<Item = &Rc<Scenario>> {
        self.entries.iter().filter_map(|entry| match entry {
            Entry::Ready(scenario, _) => Some(scenario),
            Entry::Failed(_) => None,
        })
    }

    /// The audiences the playable scenarios are for, sorted, each once.
    pub fn audiences(&self) -> Vec<String> {
        let mut all: Vec<String> = self.ready().flat_map(|s| s.audiences.clone()).collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The vocabulary's topics that at least one playable scenario has, in vocabulary order.
    pub fn used_topics(&self) -> Vec<&Label> {
        self.topics
            .iter()
            .filter(|t| {
                self.ready()
                    .any(|s| s.topics.iter().any(|st| st.id == t.id))
            })
            .collect()
    }

    /// The playable scenario with this id, and its routes.
    pub fn scenario(&self, id: &str) -> Option<(&Rc<Scenario>, &Rc<Routes>)> {
        self.entries.iter().find_map(|entry| match entry {
            Entry::Ready(scenario, routes) if scenario.id == id => Some((scenario, routes)),
            _ => None,
        })
    }

    /// The failed file whose stem is this id.
    pub fn failed(&self, id: &str) -> Option<&FailedFile> {
        self.entries.iter().find_map(|entry| match entry {
            Entry::Failed(failed) if failed.file.strip_suffix(".yaml") == Some(id) => Some(failed),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The bundled files, packed as the build packs them.
    fn bundled_catalogue() -> Catalogue {
        let texts: Vec<(&str, String)> = bundled::SCENARIO_FILES
            .iter()
            .map(|stem| (*stem, read(&format!("{stem}.yaml"))))
            .collect();
        let scenarios: Vec<(&str, &str)> = texts.iter().map(|(s, t)| (*s, t.as_str())).collect();
        Catalogue::load(&read("dimensions.yaml"), &scenarios)
    }

    #[test]
    fn every_bundled_scenario_loads() {
        let catalogue = bundled_catalogue();
        assert_eq!(catalogue.vocabulary_error, None);
        assert_eq!(catalogue.entries.len(), bundled::SCENARIO_FILES.len());
        assert!(!catalogue.entries.is_empty(), "no bundled scenario");
        for entry in &catalogue.entries {
            if let Entry::Failed(failed) = entry {
                let lines: Vec<String> = failed
                    .errors
                    .iter()
                    .map(scenario_core::pack::FileError::line)
                    .collect();
                panic!("{} does not load:\n{}", failed.file, lines.join("\n"));
            }
        }
        assert!(catalogue.scenario("promise-you-wont-tell").is_some());
        assert_eq!(catalogue.audiences(), vec!["induction", "refresher"]);
        let topics: Vec<&str> = catalogue
            .used_topics()
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert!(topics.contains(&"safeguarding") && topics.contains(&"selfcare"));
        assert_eq!(catalogue.ready().count(), catalogue.entries.len());
    }

    #[test]
    fn a_broken_file_becomes_a_notice_and_the_rest_still_load() {
        let good_src = read("promise-you-wont-tell.yaml");
        let good = ("promise-you-wont-tell", good_src.as_str());
        let broken = ("broken", "format: 1\nid: broken\ntitle: [unclosed\n");
        let dimensions = read("dimensions.yaml");
        let catalogue = Catalogue::load(&dimensions, &[broken, good]);
        assert_eq!(catalogue.entries.len(), 2);
        let Entry::Failed(failed) = &catalogue.entries[0] else {
            panic!("the broken file loaded");
        };
        assert_eq!(failed.file, "broken.yaml");
        assert!(!failed.errors.is_empty());
        for error in &failed.errors {
            let line = error.line();
            let mut parts = line.splitn(4, ':');
            assert_eq!(parts.next(), Some("broken.yaml"), "{line}");
            assert!(
                parts
                    .next()
                    .is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)),
                "{line}"
            );
            let (column, message) = parts
                .next()
                .and_then(|rest| rest.split_once(' '))
                .unwrap_or_default();
            assert!(column.parse::<usize>().is_ok(), "{line}");
            assert!(!message.is_empty(), "{line}");
        }
        assert_eq!(catalogue.failed("broken"), Some(failed));
        assert!(catalogue.scenario("promise-you-wont-tell").is_some());
        assert!(catalogue.scenario("broken").is_none());
    }

    #[test]
    fn a_broken_vocabulary_is_reported_too() {
        let catalogue = Catalogue::load("dimensions: [", &[]);
        let failed = catalogue
            .vocabulary_error
            .expect("an error for dimensions.yaml");
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(failed.errors[0].location.starts_with("dimensions.yaml:"));
    }

    #[test]
    fn a_file_that_did_not_arrive_is_a_notice_too() {
        use scenario_core::pack::{pack_scenario, pack_vocabulary};
        let (vocabulary, dimensions) = pack_vocabulary(&read("dimensions.yaml"));
        let dimensions = dimensions.text;
        let stem = "promise-you-wont-tell";
        let good = pack_scenario(&read(&format!("{stem}.yaml")), stem, &vocabulary).text;
        let scenarios = vec![
            ("gone".to_owned(), Err("HTTP 404".to_owned())),
            (stem.to_owned(), Ok(good.clone())),
            ("damaged".to_owned(), Ok(good[..good.len() / 3].to_owned())),
        ];
        let catalogue = Catalogue::from_fetched(Ok(dimensions), &scenarios);
        let failed = catalogue
            .failed("gone")
            .expect("a notice for the missing file");
        assert_eq!(failed.errors[0].location, "gone.yaml");
        assert!(failed.errors[0].message.contains("HTTP 404"));
        assert!(failed.errors[0].message.contains("scenarios/gone.json"));
        assert!(catalogue.scenario("promise-you-wont-tell").is_some());
        let damaged = catalogue
            .failed("damaged")
            .expect("a notice for the damaged pack");
        assert!(
            damaged.errors[0]
                .message
                .contains("could not read damaged.json"),
            "{damaged:?}"
        );
        let without_vocabulary = Catalogue::from_fetched(Err("offline".into()), &scenarios[1..]);
        assert!(without_vocabulary.vocabulary_error.is_some());
    }
}
