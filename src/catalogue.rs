//! The catalogue: the vocabulary and scenarios the build packed, read from their packs at
//! start-up.
//!
//! The build loads each YAML file through the core, packs it and lists the packs in
//! `scenarios/index.json` (`scenario pack`, see `scenario_core::pack` and
//! `scenario_core::index`). [`Catalogue::fetch`] fetches the index first, then every pack it
//! names, and reads them; so the app learns which scenarios there are from the files it
//! fetches, and adding one does not rebuild the wasm. A file that failed to load — or to
//! arrive, or to be read — becomes an [`Entry::Failed`] carrying its errors as
//! `file:line:column message` lines, so the catalogue can show it as a plain notice while
//! every other scenario still works; an index that cannot be fetched or read is a notice too.
//! Nothing here touches the browser (the caller hands in the fetch), and no YAML is parsed
//! in it.

use scenario_core::index::{read_index, unfetched, Unread};
use scenario_core::model::links::Links;
use scenario_core::model::Label;
use scenario_core::pack::{read_scenario, read_vocabulary};
use scenario_core::Routes;
use scenario_core::Scenario;
use std::future::Future;
use std::rc::Rc;

pub use scenario_core::pack::FailedFile;

/// Where the index is, relative to the page; the packs it names are beside it.
pub const INDEX_URL: &str = "scenarios/index.json";

/// One scenario file the build packed.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Loaded and ready to play, with the trainer's routes and its texts' glossary links.
    Ready(Rc<Scenario>, Rc<Routes>, Rc<Links>),
    /// Refused by the loader.
    Failed(FailedFile),
}

/// Scenarios are immutable once loaded, so the same one is the same `Rc` (comparing props
/// stays cheap instead of walking every node).
impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        match (self, other) {
            (Entry::Ready(a, ..), Entry::Ready(b, ..)) => Rc::ptr_eq(a, b),
            (Entry::Failed(a), Entry::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Everything the build packed for the app.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue {
    /// The files every scenario depends on, when they failed: the list of the scenarios,
    /// `scenarios/index.json`, that could not be fetched or read (then there is nothing
    /// else), or `dimensions.yaml`, with its errors.
    pub notices: Vec<FailedFile>,
    /// The scenario files, in file-name order.
    pub entries: Vec<Entry>,
    /// The topics of `dimensions.yaml`, in its order (the catalogue's topic filter).
    pub topics: Vec<Label>,
    /// The index's labels of the audiences (the catalogue's audience filter).
    pub audience_labels: Vec<Label>,
    /// Whether the build wrote the glossary page the header links to.
    pub glossary: bool,
}

/// A file's text, or why it could not be fetched.
pub type Fetched = Result<String, String>;

impl Catalogue {
    /// Fetches the index with `get` (a URL relative to the page → its text), then the
    /// vocabulary's pack and every scenario's that it names, all at once (each request starts
    /// when `get` is called), and reads them.
    pub async fn fetch<F: Future<Output = Fetched>>(get: impl Fn(&str) -> F) -> Catalogue {
        let index = match get(INDEX_URL).await {
            // Which files there are, not their listings: the packs say what to show.
            Ok(text) => read_index::<Unread>(&text),
            Err(why) => Err(unfetched(&why)),
        };
        let index = match index {
            Ok(index) => index,
            Err(failed) => {
                return Catalogue {
                    notices: vec![failed],
                    ..Catalogue::default()
                }
            }
        };
        let dimensions = get(&format!("scenarios/{}", index.vocabulary));
        let files: Vec<_> = index
            .scenarios
            .iter()
            .map(|entry| (entry.stem(), get(&format!("scenarios/{}", entry.file))))
            .collect();
        let dimensions = dimensions.await;
        let mut scenarios = Vec::with_capacity(files.len());
        for (stem, fetched) in files {
            scenarios.push((stem.to_owned(), fetched.await));
        }
        Catalogue {
            audience_labels: index.audiences,
            glossary: index.glossary,
            ..Catalogue::from_fetched(dimensions, &scenarios)
        }
    }

    /// Reads the packs that were fetched (the vocabulary's, then each scenario's by its file
    /// stem); a file that did not arrive, or that cannot be read, is a failed entry too.
    fn from_fetched(dimensions: Fetched, scenarios: &[(String, Fetched)]) -> Catalogue {
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
                    Ok((scenario, routes, links)) => {
                        Entry::Ready(Rc::new(scenario), Rc::new(routes), Rc::new(links))
                    }
                    Err(failed) => Entry::Failed(failed),
                }
            })
            .collect();
        let (topics, notices) = match vocabulary {
            Ok(vocabulary) => (vocabulary.topics, Vec::new()),
            Err(failed) => (Vec::new(), vec![failed]),
        };
        Catalogue {
            notices,
            entries,
            topics,
            ..Catalogue::default()
        }
    }

    /// The playable scenarios, in file-name order.
    pub fn ready(&self) -> impl Iterator<Item = &Rc<Scenario>> {
        self.entries.iter().filter_map(|entry| match entry {
            Entry::Ready(scenario, ..) => Some(scenario),
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

    /// What the audience filter shows for `audience`: the index's label (capitalised at
    /// build time), or the audience with `-` as a space.
    pub fn audience_label(&self, audience: &str) -> String {
        self.audience_labels
            .iter()
            .find(|l| l.id == audience)
            .map_or_else(|| audience.replace('-', " "), |l| l.label.clone())
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

    /// The playable scenario with this id, its routes and its links.
    pub fn scenario(&self, id: &str) -> Option<(&Rc<Scenario>, &Rc<Routes>, &Rc<Links>)> {
        self.entries.iter().find_map(|entry| match entry {
            Entry::Ready(scenario, routes, links) if scenario.id == id => {
                Some((scenario, routes, links))
            }
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
    use scenario_core::index::{is_scenario_file, Index, IndexEntry};
    use scenario_core::pack::{pack_scenario, pack_vocabulary};
    use scenario_testkit::author::{load_glossary, Linker};
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    fn read(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// What a site serves: URL → text (anything else is an HTTP 404).
    type Site = BTreeMap<String, String>;

    /// Packs `dimensions.yaml` and each `(file stem, YAML text)` as the build does, packs
    /// (their terms linked to the bundled glossary's page) and index, served at the URLs the
    /// build writes them to.
    fn packed_site(dimensions: &str, scenarios: &[(&str, &str)]) -> Site {
        let (vocabulary, dimensions) = pack_vocabulary(dimensions);
        let glossary = load_glossary(&read("glossary.yaml"))
            .value
            .expect("the bundled glossary loads");
        let linker = Linker::new(&glossary);
        let mut site = Site::new();
        site.insert("scenarios/dimensions.json".into(), dimensions.text);
        let mut entries = Vec::new();
        for (stem, src) in scenarios {
            let pack = pack_scenario(src, stem, &vocabulary, &linker).text;
            entries.push(IndexEntry::of_pack(stem, &pack));
            site.insert(format!("scenarios/{stem}.json"), pack);
        }
        let mut index = Index::new("dimensions.json", entries);
        index.glossary = true;
        site.insert(INDEX_URL.into(), index.to_text());
        site
    }

    /// The catalogue the app fetches from `site`, and the URLs it asked for, in order. The
    /// fetches are ready at once, so one poll runs [`Catalogue::fetch`] to the end.
    fn fetch_from(site: &Site) -> (Catalogue, Vec<String>) {
        let asked = RefCell::new(Vec::new());
        let get = |url: &str| {
            asked.borrow_mut().push(url.to_owned());
            std::future::ready(site.get(url).cloned().ok_or_else(|| "HTTP 404".to_owned()))
        };
        let catalogue = {
            let fetch = std::pin::pin!(Catalogue::fetch(get));
            let waker = std::task::Waker::noop();
            match fetch.poll(&mut std::task::Context::from_waker(waker)) {
                std::task::Poll::Ready(catalogue) => catalogue,
                std::task::Poll::Pending => unreachable!("every fetch is ready at once"),
            }
        };
        (catalogue, asked.into_inner())
    }

    /// Packs `dimensions.yaml` and each `(file stem, YAML text)` as the build does, then
    /// fetches and reads them as the app does.
    fn load(dimensions: &str, scenarios: &[(&str, &str)]) -> Catalogue {
        fetch_from(&packed_site(dimensions, scenarios)).0
    }

    /// The bundled files, packed as the build packs them.
    fn bundled_catalogue() -> (Catalogue, usize) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut stems: Vec<String> = std::fs::read_dir(&dir)
            .expect("scenarios/")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .into_string()
                    .expect("UTF-8")
            })
            .filter(|name| is_scenario_file(name))
            .map(|name| name.trim_end_matches(".yaml").to_owned())
            .collect();
        stems.sort();
        let texts: Vec<(&str, String)> = stems
            .iter()
            .map(|stem| (stem.as_str(), read(&format!("{stem}.yaml"))))
            .collect();
        let scenarios: Vec<(&str, &str)> = texts.iter().map(|(s, t)| (*s, t.as_str())).collect();
        (load(&read("dimensions.yaml"), &scenarios), stems.len())
    }

    #[test]
    fn every_bundled_scenario_loads() {
        let (catalogue, files) = bundled_catalogue();
        assert_eq!(catalogue.notices, []);
        assert_eq!(catalogue.entries.len(), files);
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
        assert_eq!(catalogue.audience_label("refresher"), "Refresher");
        assert_eq!(catalogue.audience_label("not-listed"), "not listed");
        let topics: Vec<&str> = catalogue
            .used_topics()
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert!(topics.contains(&"safeguarding") && topics.contains(&"selfcare"));
        assert_eq!(catalogue.ready().count(), catalogue.entries.len());
    }

    #[test]
    fn the_app_fetches_the_index_then_what_it_names() {
        let good = read("promise-you-wont-tell.yaml");
        let mut site = packed_site(
            &read("dimensions.yaml"),
            &[("promise-you-wont-tell", &good)],
        );
        // A pack the index does not name is never fetched, however it got there.
        site.insert("scenarios/stale.json".into(), "{}".into());
        let (catalogue, asked) = fetch_from(&site);
        assert_eq!(
            asked,
            [
                INDEX_URL,
                "scenarios/dimensions.json",
                "scenarios/promise-you-wont-tell.json"
            ]
        );
        assert_eq!(catalogue.notices, []);
        let (scenario, _, links) = catalogue.scenario("promise-you-wont-tell").expect("ready");
        assert_eq!(catalogue.entries.len(), 1);
        // The index says there is a glossary page, and the pack where its terms are.
        assert!(catalogue.glossary);
        assert!(!links.0.is_empty());
        for (place, links) in &links.0 {
            assert!(place.text(scenario).is_some(), "{place:?}");
            assert!(!links.is_empty(), "{place:?}");
        }
    }

    #[test]
    fn a_missing_or_damaged_index_is_a_notice_and_nothing_else_is_fetched() {
        let good = read("promise-you-wont-tell.yaml");
        let site = packed_site(
            &read("dimensions.yaml"),
            &[("promise-you-wont-tell", &good)],
        );
        let index = site[INDEX_URL].clone();
        for (served, says) in [
            (
                None,
                "could not fetch scenarios/index.json, the list of the scenarios: HTTP 404",
            ),
            (
                Some(index[..index.len() / 2].to_owned()),
                "could not read scenarios/index.json",
            ),
            (
                Some(index.replacen("\"index\":1", "\"index\":9", 1)),
                "index format 9",
            ),
            (
                Some(index.replacen("promise-you-wont-tell.json", "../x.json", 1)),
                "`../x.json` is not the name of a pack",
            ),
        ] {
            let mut site = site.clone();
            match served {
                Some(text) => site.insert(INDEX_URL.into(), text),
                None => site.remove(INDEX_URL),
            };
            let (catalogue, asked) = fetch_from(&site);
            assert_eq!(asked, [INDEX_URL]);
            let [failed] = &catalogue.notices[..] else {
                panic!("one notice: {:?}", catalogue.notices);
            };
            assert_eq!(failed.file, "scenarios/index.json");
            assert!(failed.errors[0].message.contains(says), "{failed:?}");
            assert!(catalogue.entries.is_empty());
        }
    }

    #[test]
    fn a_broken_file_becomes_a_notice_and_the_rest_still_load() {
        let good_src = read("promise-you-wont-tell.yaml");
        let good = ("promise-you-wont-tell", good_src.as_str());
        let broken = ("broken", "format: 1\nid: broken\ntitle: [unclosed\n");
        let dimensions = read("dimensions.yaml");
        let catalogue = load(&dimensions, &[broken, good]);
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
        let catalogue = load("dimensions: [", &[]);
        let [failed] = &catalogue.notices[..] else {
            panic!("an error for dimensions.yaml: {:?}", catalogue.notices);
        };
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(failed.errors[0].location.starts_with("dimensions.yaml:"));
    }

    #[test]
    fn a_file_that_did_not_arrive_is_a_notice_too() {
        let stem = "promise-you-wont-tell";
        let good_src = read(&format!("{stem}.yaml"));
        let mut site = packed_site(
            &read("dimensions.yaml"),
            &[
                ("damaged", &good_src),
                ("gone", &good_src),
                (stem, &good_src),
            ],
        );
        let good = site[&format!("scenarios/{stem}.json")].clone();
        site.remove("scenarios/gone.json");
        site.insert(
            "scenarios/damaged.json".into(),
            good[..good.len() / 3].to_owned(),
        );
        let (catalogue, _) = fetch_from(&site);
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
        site.remove("scenarios/dimensions.json");
        let (without_vocabulary, _) = fetch_from(&site);
        assert_eq!(without_vocabulary.notices[0].file, "dimensions.yaml");
        assert!(without_vocabulary.scenario(stem).is_some());
    }
}
