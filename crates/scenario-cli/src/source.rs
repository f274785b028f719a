//! Reading scenario files from disk for the core: bounded reads, UTF-8 decoding, and the
//! `dimensions.yaml` that stands beside each scenario (read once per folder).

use scenario_core::load::{scenario_files, MAX_FILE_BYTES};
use scenario_core::model::{Scenario, Vocabulary};
use scenario_core::text::position;
use scenario_core::{load_scenario, load_vocabulary, Code, Diagnostic, Span};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file's text and what the core said about it.
pub struct FileReport {
    /// The path as given / found.
    pub path: PathBuf,
    /// The text (empty when it could not be decoded).
    pub text: String,
    /// All diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The scenario, when it has no errors.
    pub scenario: Option<Scenario>,
}

impl FileReport {
    /// The path for messages.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// Reads at most one byte past the limit, so a huge file costs no more than the limit.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a file as text, or says why not as a diagnostic (too large, not UTF-8).
pub fn read_text(path: &Path) -> std::io::Result<Result<String, Diagnostic>> {
    let bytes = read_bounded(path)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Ok(Err(Diagnostic::error(
            Code::TooLarge,
            Span {
                offset: 0,
                line: 1,
                column: 1,
                len: 1,
            },
            format!(
                "the file is over {} KiB; scenario files are limited to that",
                MAX_FILE_BYTES / 1024
            ),
        )));
    }
    Ok(position::decode(&bytes).map(str::to_string))
}

/// Loads scenario files, reading each folder's `dimensions.yaml` once.
#[derive(Default)]
pub struct Loader {
    vocabularies: HashMap<PathBuf, Result<Vocabulary, String>>,
    /// Reports for `dimensions.yaml` files read, in the order first read.
    pub vocabulary_reports: Vec<FileReport>,
}

impl Loader {
    /// The vocabulary of `folder` (its `dimensions.yaml`), read once.
    pub fn vocabulary(&mut self, folder: &Path) -> std::io::Result<Result<Vocabulary, String>> {
        if let Some(v) = self.vocabularies.get(folder) {
            return Ok(v.clone());
        }
        let path = folder.join("dimensions.yaml");
        let result = if !path.is_file() {
            Err(format!(
                "there is no dimensions.yaml in {}",
                display_folder(folder)
            ))
        } else {
            let (text, diagnostics, value) = match read_text(&path)? {
                Ok(text) => {
                    let loaded = load_vocabulary(&text);
                    (text, loaded.diagnostics, loaded.value)
                }
                Err(d) => (String::new(), vec![d], None),
            };
            let result = value.ok_or_else(|| format!("{} has errors", path.display()));
            self.vocabulary_reports.push(FileReport {
                path: path.clone(),
                text,
                diagnostics,
                scenario: None,
            });
            result
        };
        self.vocabularies
            .insert(folder.to_path_buf(), result.clone());
        Ok(result)
    }

    /// Loads one scenario file (or, when it is named `glossary.yaml`, a glossary). I/O
    /// failures are the only `Err`.
    pub fn load(&mut self, path: &Path) -> std::io::Result<FileReport> {
        if path.file_name().is_some_and(|n| n == GLOSSARY) {
            return load_glossary(path);
        }
        let text = match read_text(path)? {
            Ok(text) => text,
            Err(d) => {
                return Ok(FileReport {
                    path: path.to_path_buf(),
                    text: String::new(),
                    diagnostics: vec![d],
                    scenario: None,
                })
            }
        };
        let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let vocabulary = match self.vocabulary(&folder)? {
            Ok(v) => v,
            Err(why) => {
                return Ok(FileReport {
                    path: path.to_path_buf(),
                    text,
                    diagnostics: vec![Diagnostic::error(
                        Code::NoDimensions,
                        Span {
                            offset: 0,
                            line: 1,
                            column: 1,
                            len: 1,
                        },
                        format!("cannot check this scenario: {why}"),
                    )
                    .with_hint(
                        "scenarios read the dimensions.yaml that stands in their own folder",
                    )],
                    scenario: None,
                });
            }
        };
        let loaded = load_scenario(&text, &stem, &vocabulary);
        Ok(FileReport {
            path: path.to_path_buf(),
            text,
            diagnostics: loaded.diagnostics,
            scenario: loaded.value,
        })
    }
}

fn display_folder(folder: &Path) -> String {
    if folder.as_os_str().is_empty() {
        ".".into()
    } else {
        folder.display().to_string()
    }
}

/// Expands the paths given on the command line: files as they are, folders to their
/// scenario files (`scenario_files`: every `*.yaml` but the shared `dimensions.yaml` and
/// `glossary.yaml`), sorted.
pub fn expand(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let listed = std::fs::read_dir(path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file());
            out.extend(scenario_files(listed));
        } else if path.is_file() {
            out.push(path.clone());
        } else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{}: no such file or folder", path.display()),
            ));
        }
    }
    Ok(out)
}

/// The glossary file, which stands beside the scenarios and is not one of them.
const GLOSSARY: &str = scenario_core::model::glossary::FILE;

/// The `glossary.yaml` in each folder among `paths`, when there is one: `check` checks it
/// with the scenarios.
pub fn glossaries(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| p.join(GLOSSARY))
        .filter(|p| p.is_file())
        .collect()
}

/// Loads a glossary file. I/O failures are the only `Err`.
pub fn load_glossary(path: &Path) -> std::io::Result<FileReport> {
    let (text, diagnostics) = match read_text(path)? {
        Ok(text) => {
            let loaded = scenario_core::load::load_glossary(&text);
            (text, loaded.diagnostics)
        }
        Err(d) => (String::new(), vec![d]),
    };
    Ok(FileReport {
        path: path.to_path_buf(),
        text,
        diagnostics,
        scenario: None,
    })
}

/// Loads one scenario for a command that needs it whole (`play`, `stats`, `graph`). When it
/// has errors, prints them rustc-style to stderr, then `error: FILE cannot be WHAT: it has
/// errors`, and returns `None` (the command exits 1). I/O failures are the only `Err`.
pub fn load_whole(file: &Path, what: &str) -> anyhow::Result<Option<Scenario>> {
    let mut loader = Loader::default();
    let report = loader
        .load(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    if report.scenario.is_none() {
        for f in loader
            .vocabulary_reports
            .iter()
            .chain(std::iter::once(&report))
        {
            for d in &f.diagnostics {
                eprint!("{}", crate::render::human(&f.display(), &f.text, d));
            }
        }
        eprintln!("error: {} cannot be {what}: it has errors", file.display());
    }
    Ok(report.scenario)
}
