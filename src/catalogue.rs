//! The catalogue: what the build packed, read from `scenarios/index.json` at start-up, and
//! each scenario's pack, fetched when it is needed.
//!
//! The build loads each YAML file through the core, packs it and lists the packs in the
//! index, with what a catalogue shows of each scenario (`scenario pack`, see
//! `scenario_core::pack` and `scenario_core::index`). [`Catalogue::fetch`] fetches the index
//! alone (and the vocabulary's pack only when the vocabulary failed, for its errors), so
//! the first screen waits for one small file, not for every pack; [`fetch_pack`] fetches and
//! reads one scenario's pack when it is opened, or at idle after the first screen (the app's
//! `use_packs` hook). So the app learns which scenarios there are from the files it fetches,
//! and adding one does not rebuild the wasm. A file that failed to load (the index lists it as
//! failed: its pack holds the errors) or a pack that did not arrive or cannot be read is a
//! [`Pack::Failed`] carrying its errors as `file:line:column message` lines, shown as a plain
//! notice on that scenario's screen, while every other scenario still works; an index that
//! cannot be fetched or read is a notice too. Nothing here touches the browser (the caller
//! hands in the fetch), and no YAML is parsed in it.

use scenario_core::index::{read_index, unfetched, Listing};
use scenario_core::model::links::Links;
use scenario_core::model::Label;
use scenario_core::pack::read_scenario;
use scenario_core::Routes;
use scenario_core::Scenario;
use std::future::Future;
use std::rc::Rc;

pub use scenario_core::pack::FailedFile;

/// Where the index is, relative to the page; the packs it names are beside it.
pub const INDEX_URL: &str = "scenarios/index.json";

/// One scenario file the build packed, as the index lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file stem: the pack is `scenarios/<stem>.json`, packed from `<stem>.yaml`.
    pub stem: String,
    /// What the catalogue shows of it; `None` when the file has errors (its pack holds them).
    pub listing: Option<Rc<Listing>>,
}

impl Entry {
    /// The id its screens have in the URL: the scenario's, or the stem of a failed file.
    pub fn id(&self) -> &str {
        self.listing.as_ref().map_or(&self.stem, |l| &l.id)
    }
}

/// What the index says the build packed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue {
    /// The files every scenario depends on, when they failed: the list of the scenarios,
    /// `scenarios/index.json`, that could not be fetched or read (then there is nothing
    /// else), or `dimensions.yaml`, with its errors.
    pub notices: Vec<FailedFile>,
    /// The scenario files, in file-name order.
    pub entries: Vec<Entry>,
    /// The topics the listed scenarios have, in the vocabulary's order (the topic filter).
    pub topics: Vec<Label>,
    /// The audiences the listed scenarios are for, sorted, with their labels (the audience
    /// filter; capitalised at build time).
    pub audiences: Vec<Label>,
    /// Whether the build wrote the glossary page the header links to.
    pub glossary: bool,
}

/// A file's text, or why it could not be fetched.
pub type Fetched = Result<String, String>;

impl Catalogue {
    /// Fetches the index with `get` (a URL relative to the page → its text) and reads it.
    /// An index without the topic filter's topics is one whose vocabulary has errors: they are
    /// read from the vocabulary's pack, for the notice.
    pub async fn fetch<F: Future<Output = Fetched>>(get: impl Fn(&str) -> F) -> Catalogue {
        let index = match get(INDEX_URL).await {
            Ok(text) => read_index::<Listing>(&text),
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
        let entries: Vec<Entry> = index
            .scenarios
            .into_iter()
            .map(|entry| Entry {
                stem: entry.stem().to_owned(),
                listing: entry.scenario.map(Rc::new),
            })
            .collect();
        let (topics, notices) = match index.topics {
            Some(topics) => (topics, Vec::new()),
            None => {
                // A failed pack has the same form whatever it packs, so the scenario reader
                // reads its errors; the vocabulary's own reader stays out of the wasm
                // (0.9 KB gzip, docs/performance.md). A pack that holds a vocabulary after
                // all (an index and packs from different builds) is a notice too.
                let failed = match get(&format!("scenarios/{}", index.vocabulary)).await {
                    Ok(text) => read_scenario(&text, "dimensions").err(),
                    Err(why) => Some(FailedFile::unfetched("dimensions", &why)),
                };
                (Vec::new(), failed.into_iter().collect())
            }
        };
        Catalogue {
            notices,
            entries,
            topics,
            audiences: index.audiences,
            glossary: index.glossary,
        }
    }

    /// The listed (loadable) scenarios, in file-name order.
    pub fn listed(&self) -> impl Iterator<Item = &Rc<Listing>> {
        self.entries.iter().filter_map(|e| e.listing.as_ref())
    }

    /// The position among the entries of the scenario whose screens have this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id() == id)
    }
}

/// A scenario's pack, once fetched and read.
#[derive(Debug, Clone)]
pub enum Pack {
    /// Loaded and ready to play, with the trainer's routes and its texts' glossary links.
    Ready(Rc<Scenario>, Rc<Routes>, Rc<Links>),
    /// Refused by the loader at build time (the pack holds its errors), or it did not arrive,
    /// or could not be read.
    Failed(FailedFile),
}

/// Scenarios are immutable once loaded, so the same one is the same `Rc` (comparing props
/// stays cheap instead of walking every node).
impl PartialEq for Pack {
    fn eq(&self, other: &Pack) -> bool {
        match (self, other) {
            (Pack::Ready(a, ..), Pack::Ready(b, ..)) => Rc::ptr_eq(a, b),
            (Pack::Failed(a), Pack::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// The packs fetched so far, by the entry's position in the [`Catalogue`] (`None`: not yet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packs(Vec<Option<Pack>>);

impl Packs {
    /// The pack of the entry at `position`, once it has arrived.
    pub fn get(&self, position: usize) -> Option<&Pack> {
        self.0.get(position).and_then(Option::as_ref)
    }

    /// These packs and the one of the entry at `position`.
    pub fn with(&self, position: usize, pack: Pack) -> Packs {
        let mut packs = self.0.clone();
        if packs.len() <= position {
            packs.resize(position + 1, None);
        }
        packs[position] = Some(pack);
        Packs(packs)
    }
}

/// Fetches the pack of `entry` with `get` and reads it; a pack that did not arrive, or that
/// cannot be read, is a failed one too.
pub async fn fetch_pack<F: Future<Output = Fetched>>(
    get: impl Fn(&str) -> F,
    entry: &Entry,
) -> Pack {
    let stem = &entry.stem;
    let read = match get(&format!("scenarios/{stem}.json")).await {
        Ok(text) => read_scenario(&text, stem),
        Err(why) => Err(FailedFile::unfetched(stem, &why)),
    };
    match read {
        Ok((scenario, routes, links)) => {
            Pack::Ready(Rc::new(scenario), Rc::new(routes), Rc::new(links))
        }
        Err(failed) => Pack::Failed(failed),
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
    /// (their terms linked to the bundled glossary's page) and index (with the topics when
    /// the vocabulary loaded), served at the URLs the build writes them to.
    fn packed_site(dimensions: &str, scenarios: &[(&str, &str)]) -> Site {
        let (vocabulary, dimensions) = pack_vocabulary(dimensions);
        let glossary = load_glossary(&read("glossary.yaml"))
            .value
            .expect("the bundled glossary loads");
        let linker = Linker::new(&glossary);
        let mut site = Site::new();
        let vocabulary_loaded = dimensions.failed.is_none();
        site.insert("scenarios/dimensions.json".into(), dimensions.text);
        let mut entries = Vec::new();
        for (stem, src) in scenarios {
            let pack = pack_scenario(src, stem, &vocabulary, &linker).text;
            entries.push(IndexEntry::of_pack(stem, &pack));
            site.insert(format!("scenarios/{stem}.json"), pack);
        }
        let mut index = Index::new("dimensions.json", entries);
        if vocabulary_loaded {
            index = index.with_topics(&vocabulary);
        }
        index.glossary = true;
        site.insert(INDEX_URL.into(), index.to_text());
        site
    }

    /// Runs a future whose fetches are all ready at once: one poll runs it to the end.
    fn run<T>(future: impl Future<Output = T>) -> T {
        let future = std::pin::pin!(future);
        let waker = std::task::Waker::noop();
        match future.poll(&mut std::task::Context::from_waker(waker)) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => unreachable!("every fetch is ready at once"),
        }
    }

    /// A fetch from `site` that notes every URL asked for in `asked`.
    fn getter<'a>(
        site: &'a Site,
        asked: &'a RefCell<Vec<String>>,
    ) -> impl Fn(&str) -> std::future::Ready<Fetched> + 'a {
        move |url: &str| {
            asked.borrow_mut().push(url.to_owned());
            std::future::ready(site.get(url).cloned().ok_or_else(|| "HTTP 404".to_owned()))
        }
    }

    /// The catalogue the app fetches from `site`, and the URLs it asked for, in order.
    fn fetch_from(site: &Site) -> (Catalogue, Vec<String>) {
        let asked = RefCell::new(Vec::new());
        let catalogue = run(Catalogue::fetch(getter(site, &asked)));
        (catalogue, asked.into_inner())
    }

    /// The pack of the scenario with this id, as the app fetches it when it is opened.
    fn open(site: &Site, catalogue: &Catalogue, id: &str) -> Pack {
        open_entry(
            site,
            &catalogue.entries[catalogue.position(id).expect("listed")],
        )
    }

    fn open_entry(site: &Site, entry: &Entry) -> Pack {
        let asked = RefCell::new(Vec::new());
        let pack = run(fetch_pack(getter(site, &asked), entry));
        assert_eq!(
            asked.into_inner(),
            [format!("scenarios/{}.json", entry.stem)]
        );
        pack
    }

    fn failed(pack: &Pack) -> &FailedFile {
        match pack {
            Pack::Failed(failed) => failed,
            Pack::Ready(..) => panic!("the pack loaded"),
        }
    }

    /// The bundled files, packed as the build packs them, and the number of scenario files.
    fn bundled_site() -> (Site, usize) {
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
        (
            packed_site(&read("dimensions.yaml"), &scenarios),
            stems.len(),
        )
    }

    #[test]
    fn every_bundled_scenario_is_listed_from_the_index_alone_and_loads_when_opened() {
        let (site, files) = bundled_site();
        let (catalogue, asked) = fetch_from(&site);
        assert_eq!(asked, [INDEX_URL], "only the index before the first screen");
        assert_eq!(catalogue.notices, []);
        assert_eq!(catalogue.entries.len(), files);
        assert!(!catalogue.entries.is_empty(), "no bundled scenario");
        assert_eq!(catalogue.listed().count(), files);
        for entry in &catalogue.entries {
            match open(&site, &catalogue, entry.id()) {
                Pack::Ready(scenario, ..) => {
                    let listing = entry.listing.as_ref().expect("listed");
                    assert_eq!(scenario.id, listing.id);
                    assert_eq!(scenario.title, listing.title);
                }
                Pack::Failed(failed) => {
                    let lines: Vec<String> = failed
                        .errors
                        .iter()
                        .map(scenario_core::pack::FileError::line)
                        .collect();
                    panic!("{} does not load:\n{}", failed.file, lines.join("\n"));
                }
            }
        }
        assert!(catalogue.position("promise-you-wont-tell").is_some());
        let audiences: Vec<(&str, &str)> = catalogue
            .audiences
            .iter()
            .map(|a| (a.id.as_str(), a.label.as_str()))
            .collect();
        assert_eq!(
            audiences,
            [("induction", "Induction"), ("refresher", "Refresher")]
        );
        let topics: Vec<&str> = catalogue.topics.iter().map(|t| t.id.as_str()).collect();
        assert!(topics.contains(&"safeguarding") && topics.contains(&"selfcare"));
    }

    #[test]
    fn a_pack_the_index_does_not_name_is_never_fetched() {
        let good = read("promise-you-wont-tell.yaml");
        let mut site = packed_site(
            &read("dimensions.yaml"),
            &[("promise-you-wont-tell", &good)],
        );
        site.insert("scenarios/stale.json".into(), "{}".into());
        let (catalogue, asked) = fetch_from(&site);
        assert_eq!(asked, [INDEX_URL]);
        assert_eq!(catalogue.entries.len(), 1);
        assert_eq!(catalogue.position("stale"), None);
        // The index says there is a glossary page, and the pack, fetched when opened, where
        // its terms are.
        assert!(catalogue.glossary);
        let Pack::Ready(scenario, _, links) = open(&site, &catalogue, "promise-you-wont-tell")
        else {
            panic!("the pack loaded");
        };
        assert!(!links.0.is_empty());
        for (place, links) in &links.0 {
            assert!(place.text(&scenario).is_some(), "{place:?}");
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
    fn a_broken_file_is_listed_as_failed_and_its_pack_holds_its_errors() {
        let good_src = read("promise-you-wont-tell.yaml");
        let good = ("promise-you-wont-tell", good_src.as_str());
        let broken = ("broken", "format: 1\nid: broken\ntitle: [unclosed\n");
        let site = packed_site(&read("dimensions.yaml"), &[broken, good]);
        let (catalogue, _) = fetch_from(&site);
        assert_eq!(catalogue.entries.len(), 2);
        assert_eq!(catalogue.entries[0].listing, None);
        assert_eq!(catalogue.entries[0].id(), "broken");
        assert_eq!(catalogue.listed().count(), 1);
        let pack = open(&site, &catalogue, "broken");
        let failed = failed(&pack);
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
        // The index says there is a glossary page, and the pack, fetched when opened, where
        // its terms are.
        assert!(catalogue.glossary);
        let Pack::Ready(scenario, _, links) = open(&site, &catalogue, "promise-you-wont-tell")
        else {
            panic!("the pack loaded");
        };
        assert!(!links.0.is_empty());
        for (place, links) in &links.0 {
            assert!(place.text(&scenario).is_some(), "{place:?}");
            assert!(!links.is_empty(), "{place:?}");
        }
    }

    #[test]
    fn a_broken_vocabulary_is_reported_from_its_pack() {
        let site = packed_site("dimensions: [", &[]);
        let (catalogue, asked) = fetch_from(&site);
        assert_eq!(asked, [INDEX_URL, "scenarios/dimensions.json"]);
        let [failed] = &catalogue.notices[..] else {
            panic!("an error for dimensions.yaml: {:?}", catalogue.notices);
        };
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(failed.errors[0].location.starts_with("dimensions.yaml:"));
    }

    #[test]
    fn an_index_without_topics_is_one_whose_vocabulary_failed() {
        let good = read("sam-lets-me.yaml");
        let mut site = packed_site(&read("dimensions.yaml"), &[("sam-lets-me", &good)]);
        let index = site[INDEX_URL].clone();
        let start = index
            .find(r#""topics":[{"id""#)
            .expect("the index's topics");
        let end = index[start..]
            .find(r#","scenarios":"#)
            .expect("then the scenarios")
            + start;
        site.insert(
            INDEX_URL.into(),
            format!("{}{}", &index[..start - 1], &index[end..]),
        );
        // The vocabulary's pack is fetched for its errors; one that holds a vocabulary (from
        // another build) is a notice too, and never a topic filter.
        let (catalogue, asked) = fetch_from(&site);
        assert_eq!(asked, [INDEX_URL, "scenarios/dimensions.json"]);
        assert_eq!(catalogue.topics, []);
        let [failed] = &catalogue.notices[..] else {
            panic!("one notice: {:?}", catalogue.notices);
        };
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(
            failed.errors[0]
                .message
                .contains("could not read dimensions.json"),
            "{failed:?}"
        );
        site.remove("scenarios/dimensions.json");
        let (catalogue, _) = fetch_from(&site);
        assert!(catalogue.notices[0].errors[0].message.contains("HTTP 404"));
        assert_eq!(
            catalogue.listed().count(),
            1,
            "the scenarios are still listed"
        );
    }

    #[test]
    fn a_pack_that_did_not_arrive_or_cannot_be_read_fails_alone() {
        let stem = "promise-you-wont-tell";
        let good_src = read(&format!("{stem}.yaml"));
        let as_id = |id: &str| good_src.replacen(&format!("id: {stem}"), &format!("id: {id}"), 1);
        let mut site = packed_site(
            &read("dimensions.yaml"),
            &[
                ("damaged", &as_id("damaged")),
                ("gone", &as_id("gone")),
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
        assert_eq!(catalogue.notices, []);
        assert_eq!(catalogue.listed().count(), 3, "the index lists all three");
        let by_stem = |stem: &str| {
            let entry = catalogue
                .entries
                .iter()
                .find(|e| e.stem == stem)
                .expect("listed");
            open_entry(&site, entry)
        };
        let gone = by_stem("gone");
        let gone = failed(&gone);
        assert_eq!(gone.errors[0].location, "gone.yaml");
        assert!(gone.errors[0].message.contains("HTTP 404"));
        assert!(gone.errors[0].message.contains("scenarios/gone.json"));
        let damaged = by_stem("damaged");
        let damaged = failed(&damaged);
        assert!(
            damaged.errors[0]
                .message
                .contains("could not read damaged.json"),
            "{damaged:?}"
        );
        assert!(matches!(by_stem(stem), Pack::Ready(..)));
    }

    #[test]
    fn packs_arrive_one_by_one_in_place() {
        let (site, _) = bundled_site();
        let (catalogue, _) = fetch_from(&site);
        let packs = Packs::default();
        assert_eq!(packs.get(3), None);
        let third = open_entry(&site, &catalogue.entries[3]);
        let packs = packs.with(3, third.clone());
        assert_eq!(packs.get(3), Some(&third));
        assert_eq!(packs.get(0), None);
        let first = open_entry(&site, &catalogue.entries[0]);
        let packs = packs.with(0, first.clone());
        assert_eq!((packs.get(0), packs.get(3)), (Some(&first), Some(&third)));
        assert_eq!(packs.get(9), None);
    }
}
