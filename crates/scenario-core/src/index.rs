//! The index of the packs: which scenarios a build packed and what a catalogue lists of each,
//! so the app learns its scenarios from a file it fetches, not from a list compiled into it.
//!
//! `scenario pack` writes `index.json` beside the packs ([`crate::pack`]): the vocabulary's
//! pack, then one entry per scenario file, in file-name order, naming its pack and, when the
//! file loaded, what a catalogue shows of it ([`Listing`]); a file with errors is listed as
//! failed, and its pack holds the errors the app shows. It also labels every audience the
//! scenarios name for the catalogue's filter, capitalised at build time, where Unicode's case
//! tables are, so that the wasm carries none; and, when the vocabulary loaded, the topics the
//! listed scenarios use, in the vocabulary's order, for the topic filter, so that the app draws
//! its catalogue from this one file and fetches a scenario's pack only when it is opened
//! (without `topics`, the vocabulary failed: the app reads its pack for the errors). Adding a
//! scenario changes the index and the packs, never the wasm.
//!
//! ```json
//! {"index":1,"vocabulary":"dimensions.json",
//!  "audiences":[{"id":"induction","label":"Induction","description":null}],
//!  "topics":[{"id":"safeguarding","label":"Safeguarding","description":"…"}],
//!  "scenarios":[
//!   {"file":"got-kids.json","scenario":{"id":"got-kids","title":"…","summary":"…",
//!     "audiences":["induction"],"topics":[{"id":"…","label":"…","description":null}],"minutes":10}},
//!   {"file":"broken.json","failed":true}],
//!  "glossary":true}
//! ```
//!
//! Reading ([`read_index`]) runs in the browser and trusts nothing, like reading a pack: a
//! damaged, truncated or foreign index is a [`FailedFile`] that says so, never a panic, and
//! every name in it must be a plain file beside the index ([`is_pack_name`]), since the app
//! fetches what it names. Writing ([`IndexEntry::of_pack`], [`Index::to_text`]) runs at
//! build time, after the packs are written.

use crate::json::{self, Fields, FromJson, Json, JsonError, ToJson};
use crate::json_record;
use crate::model::{Label, Scenario};
use crate::pack::FailedFile;

/// The index format this version writes and reads.
pub const FORMAT: u32 = 1;

/// The index's file name, in the folder of the packs.
pub const FILE_NAME: &str = "index.json";

/// The files of a scenarios folder that every scenario shares, and that are not scenarios:
/// the vocabulary, and the glossary.
pub const SHARED_FILES: [&str; 2] = ["dimensions.yaml", "glossary.yaml"];

/// What the app fetches first: the vocabulary's pack and every scenario file's. `L` is how
/// an entry's listing is read: as a [`Listing`], or left [`Unread`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index<L = Listing> {
    /// The pack of `dimensions.yaml`, e.g. `dimensions.json`.
    pub vocabulary: String,
    /// Every audience the listed scenarios name, sorted, each once, with its label: the
    /// first letter capitalised, `-` as a space (`équipe-de-nuit` → `Équipe de nuit`).
    pub audiences: Vec<Label>,
    /// The vocabulary's topics that a listed scenario has, in the vocabulary's order; `None`
    /// when the vocabulary has errors: then the vocabulary's pack holds them.
    pub topics: Option<Vec<Label>>,
    /// One entry per scenario file, in file-name order.
    pub scenarios: Vec<IndexEntry<L>>,
    /// Whether the build wrote the glossary page (`glossary.html`, beside the app's page),
    /// which the app's header then links to; written only when true.
    pub glossary: bool,
}

/// One scenario file: its pack, and what a catalogue lists of it when it loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry<L = Listing> {
    /// The pack's file name, `<stem>.json`, packed from `<stem>.yaml`.
    pub file: String,
    /// What a catalogue shows; `None` when the file has errors (written `"failed": true`).
    pub scenario: Option<L>,
}

/// A listing left unread: for readers that need only which files there are and whether they
/// loaded (the app reads [`Listing`]s: its catalogue shows them, and it fetches a pack only
/// when its scenario is opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unread;

impl FromJson for Unread {
    fn from_json(_: &Json) -> Result<Self, JsonError> {
        Ok(Unread)
    }
}

/// What a catalogue lists of a scenario, and filters by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The scenario's id (its file stem).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its one or two sentences for the catalogue.
    pub summary: String,
    /// Who it is for.
    pub audiences: Vec<String>,
    /// Its topics, with the vocabulary's labels.
    pub topics: Vec<Label>,
    /// Estimated minutes.
    pub minutes: Option<u32>,
}

json_record!(Listing {
    id,
    title,
    summary,
    audiences,
    topics,
    minutes
});

impl<L> IndexEntry<L> {
    /// The file stem, `<stem>` of `<stem>.json` (the pack's name ends so, once read).
    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".json").unwrap_or(&self.file)
    }
}

/// Whether the app may fetch `name` from the index's folder: `<stem>.json`, where the stem is
/// not empty, does not start with `.`, and holds no `/`, `\`, `?`, `#`, `%` or control
/// character, so that the name is a plain file beside the index and means the same in a URL.
pub fn is_pack_name(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(|stem| {
        !stem.is_empty()
            && !stem.starts_with('.')
            && !stem
                .bytes()
                .any(|b| b < 0x20 || matches!(b, 0x7f | b'/' | b'\\' | b'?' | b'#' | b'%'))
    })
}

// ---------------------------------------------------------------------------------------
// Reading (in the browser: the player half).

/// Reads `index.json`, checking its format and that every name in it is a pack the app may
/// fetch; each listing is read as an `L` ([`Listing`], or [`Unread`]).
pub fn read_index<L: FromJson>(text: &str) -> Result<Index<L>, FailedFile> {
    json::from_str(text).map_err(|e| {
        failure(
            "read",
            &e.0,
            "rebuild the app (`trunk build`) and publish all of dist/ together",
        )
    })
}

/// The index could not be fetched (`why`: an HTTP status, the network).
pub fn unfetched(why: &str) -> FailedFile {
    failure(
        "fetch",
        why,
        "reload the page; if it keeps happening, tell whoever runs this site",
    )
}

/// The app could not `verb` the index, because `why`.
#[inline(never)]
fn failure(verb: &str, why: &str, hint: &str) -> FailedFile {
    FailedFile::one(
        "scenarios/index.json",
        format!("the app could not {verb} scenarios/index.json, the list of the scenarios: {why}"),
        Some(hint),
    )
}

/// The field `key`, a name [`is_pack_name`] accepts.
fn pack_name(fields: &Fields<'_>, key: &str) -> Result<String, JsonError> {
    let name: String = fields.get(key)?;
    if is_pack_name(&name) {
        Ok(name)
    } else {
        // Not `{name:?}`: Debug-formatting a string would bring Unicode's printable tables
        // into the wasm (+5 KB gzip); the notice shows the name as plain text.
        Err(JsonError(format!(
            "`{key}`: `{name}` is not the name of a pack"
        )))
    }
}

impl<L: FromJson> FromJson for Index<L> {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        let fields = value.fields()?;
        let format: u32 = fields.get("index")?;
        if format != FORMAT {
            return Err(JsonError(format!(
                "it is index format {format}, and this version of the app reads format {FORMAT}"
            )));
        }
        Ok(Index {
            vocabulary: pack_name(&fields, "vocabulary")?,
            audiences: fields.get("audiences")?,
            topics: fields.get("topics")?,
            scenarios: fields.get("scenarios")?,
            glossary: fields.get_or("glossary", false)?,
        })
    }
}

impl<L: FromJson> FromJson for IndexEntry<L> {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        let fields = value.fields()?;
        let scenario = if fields.get_or("failed", false)? {
            None
        } else {
            Some(fields.get("scenario")?)
        };
        Ok(IndexEntry {
            file: pack_name(&fields, "file")?,
            scenario,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Writing (at build time, after the packs: the author half; nothing below runs in the wasm).

/// Whether `file_name` in a scenarios folder is a scenario: a `.yaml` file that is not one of
/// the [`SHARED_FILES`].
pub fn is_scenario_file(file_name: &str) -> bool {
    file_name.ends_with(".yaml") && !SHARED_FILES.contains(&file_name)
}

/// `équipe-de-nuit` → `Équipe de nuit`: `-` as a space, the first letter capitalised.
pub fn audience_label(id: &str) -> String {
    let spaced = id.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

impl Listing {
    /// What a catalogue lists of `scenario`.
    pub fn of(scenario: &Scenario) -> Listing {
        Listing {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
            summary: scenario.summary.clone(),
            audiences: scenario.audiences.clone(),
            topics: scenario.topics.clone(),
            minutes: scenario.minutes,
        }
    }
}

impl IndexEntry {
    /// The entry of `<stem>.yaml`, from its pack's text as the app will read it: listed when
    /// the pack reads back as a scenario, failed otherwise.
    pub fn of_pack(stem: &str, pack: &str) -> IndexEntry {
        IndexEntry {
            file: format!("{stem}.json"),
            scenario: crate::pack::read_scenario(pack, stem)
                .ok()
                .map(|(scenario, _, _)| Listing::of(&scenario)),
        }
    }
}

impl Index {
    /// The index of the vocabulary's pack and these scenario files', with the labels of
    /// their audiences.
    pub fn new(vocabulary: &str, scenarios: Vec<IndexEntry>) -> Index {
        let mut ids: Vec<&String> = scenarios
            .iter()
            .filter_map(|entry| entry.scenario.as_ref())
            .flat_map(|listing| &listing.audiences)
            .collect();
        ids.sort();
        ids.dedup();
        let audiences = ids
            .into_iter()
            .map(|id| Label {
                id: id.clone(),
                label: audience_label(id),
                description: None,
            })
            .collect();
        Index {
            vocabulary: vocabulary.to_owned(),
            audiences,
            topics: None,
            scenarios,
            glossary: false,
        }
    }

    /// The index with `vocabulary`'s topics that a listed scenario has, in its order (for a
    /// vocabulary that loaded; an index without them tells the app the vocabulary failed).
    pub fn with_topics(mut self, vocabulary: &crate::model::Vocabulary) -> Index {
        let used = |id: &str| {
            self.scenarios
                .iter()
                .filter_map(|entry| entry.scenario.as_ref())
                .any(|listing| listing.topics.iter().any(|t| t.id == id))
        };
        let topics = vocabulary
            .topics
            .iter()
            .filter(|t| used(&t.id))
            .cloned()
            .collect();
        self.topics = Some(topics);
        self
    }

    /// The index's JSON, one line.
    pub fn to_text(&self) -> String {
        let mut text = json::to_string(self);
        text.push('\n');
        text
    }
}

impl ToJson for Index {
    fn write_json(&self, out: &mut String) {
        let mut members: Vec<(&str, &dyn ToJson)> = vec![
            ("index", &FORMAT),
            ("vocabulary", &self.vocabulary),
            ("audiences", &self.audiences),
            ("topics", &self.topics),
            ("scenarios", &self.scenarios),
        ];
        // Only when there is a page: an index without one reads as it did before.
        if self.glossary {
            members.push(("glossary", &true));
        }
        json::write_object(out, &members);
    }
}

impl ToJson for IndexEntry {
    fn write_json(&self, out: &mut String) {
        match &self.scenario {
            Some(listing) => {
                json::write_object(out, &[("file", &self.file), ("scenario", listing)])
            }
            None => json::write_object(out, &[("file", &self.file), ("failed", &true)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::Linker;
    use crate::pack::{pack_scenario, pack_vocabulary};

    fn bundled(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn sample() -> Index {
        let (vocabulary, _) = pack_vocabulary(&bundled("dimensions.yaml"));
        let none = Linker::default();
        let good = pack_scenario(&bundled("got-kids.yaml"), "got-kids", &vocabulary, &none).text;
        let broken = pack_scenario("format: 1\nid: broken\n", "broken", &vocabulary, &none).text;
        Index::new(
            "dimensions.json",
            vec![
                IndexEntry::of_pack("broken", &broken),
                IndexEntry::of_pack("got-kids", &good),
            ],
        )
        .with_topics(&vocabulary)
    }

    #[test]
    fn the_topics_are_the_used_ones_in_the_vocabularys_order() {
        let (vocabulary, _) = pack_vocabulary(&bundled("dimensions.yaml"));
        let index = sample();
        let listed: Vec<&str> = index.scenarios[1]
            .scenario
            .as_ref()
            .expect("got-kids loads")
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        let expected: Vec<&Label> = vocabulary
            .topics
            .iter()
            .filter(|t| listed.contains(&t.id.as_str()))
            .collect();
        assert!(!expected.is_empty() && expected.len() < vocabulary.topics.len());
        let topics = index.topics.as_ref().expect("the vocabulary loaded");
        assert_eq!(topics.iter().collect::<Vec<_>>(), expected);
        // Without them (a vocabulary with errors), the field reads as absent.
        let without = Index::new("dimensions.json", index.scenarios.clone());
        assert!(without.to_text().contains(r#""topics":null"#));
        assert_eq!(read_index::<Listing>(&without.to_text()), Ok(without));
        let old = index.to_text().replacen(r#""topics":"#, r#""ignored":"#, 1);
        assert_eq!(read_index::<Listing>(&old).expect("reads").topics, None);
    }

    #[test]
    fn an_index_lists_what_the_packs_hold_and_reads_back() {
        let index = sample();
        assert_eq!(index.scenarios[0].file, "broken.json");
        assert_eq!(index.scenarios[0].scenario, None);
        assert_eq!(index.scenarios[1].stem(), "got-kids");
        let listing = index.scenarios[1]
            .scenario
            .as_ref()
            .expect("got-kids loads");
        assert_eq!(listing.id, "got-kids");
        assert!(!listing.title.is_empty() && !listing.summary.is_empty());
        assert!(!listing.audiences.is_empty() && !listing.topics.is_empty());
        let audiences: Vec<(&str, &str)> = index
            .audiences
            .iter()
            .map(|a| (a.id.as_str(), a.label.as_str()))
            .collect();
        assert_eq!(
            audiences,
            listing
                .audiences
                .iter()
                .map(|a| (
                    a.as_str(),
                    if a == "induction" {
                        "Induction"
                    } else {
                        "Refresher"
                    }
                ))
                .collect::<Vec<_>>()
        );
        let text = index.to_text();
        assert!(
            text.starts_with(r#"{"index":1,"vocabulary":"dimensions.json","audiences":[{"id":"#),
            "{text}"
        );
        assert!(
            text.contains(r#""scenarios":[{"file":"broken.json","failed":true},{"file":"got-kids.json","scenario":{"id":"got-kids","#),
            "{text}"
        );
        assert!(text.ends_with("}]}\n"), "{text}");
        assert_eq!(read_index(&text), Ok(index));
        let unread = read_index::<Unread>(&text).expect("reads");
        let loaded: Vec<bool> = unread
            .scenarios
            .iter()
            .map(|e| e.scenario.is_some())
            .collect();
        assert_eq!(loaded, [false, true]);
        assert!(!unread.glossary);
        // With the glossary page: one more member, read back.
        let mut with_page = sample();
        with_page.glossary = true;
        let text = with_page.to_text();
        assert!(text.ends_with("}],\"glossary\":true}\n"), "{text}");
        assert!(read_index::<Unread>(&text).expect("reads").glossary);
        assert_eq!(read_index(&text), Ok(with_page));
    }

    #[test]
    fn a_damaged_index_is_refused_with_a_reason_and_never_panics() {
        let good = sample().to_text();
        let reason = |text: &str| {
            let failed = read_index::<Listing>(text).expect_err("refused");
            assert_eq!(failed.file, "scenarios/index.json");
            assert!(failed.errors[0].hint.is_some());
            failed.errors[0].message.clone()
        };
        assert!(reason("").starts_with("the app could not read scenarios/index.json"));
        for cut in [1, good.len() / 3, good.len() / 2, good.len() - 3] {
            assert!(reason(&good[..cut]).contains(" at line 1 column "), "{cut}");
        }
        assert!(reason("[]").ends_with("expected an object"));
        assert!(reason(&good.replacen("\"index\":1", "\"index\":2", 1)).contains("format 2"));
        assert!(reason(&good.replacen("\"index\":1,", "", 1)).contains("`index`: missing field"));
        let no_listing = good.replacen(r#""failed":true"#, r#""failed":false"#, 1);
        assert!(reason(&no_listing).contains("`scenario`: missing field"));
        let bad_minutes = good.replacen(r#""minutes":"#, r#""minutes":-"#, 1);
        assert!(
            reason(&bad_minutes).contains("`minutes`"),
            "{}",
            reason(&bad_minutes)
        );
        for name in [
            "../secret.json",
            "a/b.json",
            ".hidden.json",
            "x.yaml",
            ".json",
            "a#b.json",
            "a%2f.json",
            "a\\b.json",
            "a?.json",
            "a\\u0001.json",
        ] {
            let bad = good.replacen("broken.json", name, 1);
            assert!(reason(&bad).contains("is not the name of a pack"), "{name}");
            assert!(!is_pack_name(name), "{name}");
        }
        assert!(!is_pack_name("a\u{1}.json") && !is_pack_name("a\u{7f}.json"));
        let bad = good.replacen("dimensions.json", "/etc/passwd", 1);
        assert!(reason(&bad).contains("is not the name of a pack"));
        assert!(is_pack_name("café au lait.json") && is_pack_name("a.b.json"));
    }

    #[test]
    fn audiences_are_labelled_once_each_with_their_first_letter_capitalised() {
        assert_eq!(audience_label("équipe-de-nuit"), "Équipe de nuit");
        assert_eq!(audience_label("prison-staff"), "Prison staff");
        assert_eq!(audience_label(""), "");
        let listed = |id: &str, audiences: &[&str]| IndexEntry {
            file: format!("{id}.json"),
            scenario: Some(Listing {
                id: id.into(),
                title: String::new(),
                summary: String::new(),
                audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
                topics: Vec::new(),
                minutes: None,
            }),
        };
        let index = Index::new(
            "dimensions.json",
            vec![
                listed("a", &["refresher", "équipe-de-nuit"]),
                listed("b", &["induction", "refresher"]),
            ],
        );
        let labels: Vec<&str> = index.audiences.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["Induction", "Refresher", "Équipe de nuit"]);
    }

    #[test]
    fn the_shared_files_are_not_scenarios() {
        assert!(is_scenario_file("got-kids.yaml"));
        assert!(!is_scenario_file("dimensions.yaml"));
        assert!(!is_scenario_file("glossary.yaml"));
        assert!(!is_scenario_file("notes.txt"));
        assert!(!is_scenario_file("got-kids.yml"));
    }
}
