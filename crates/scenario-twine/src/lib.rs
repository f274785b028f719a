//! scenario-twine: a Twee 3 or Twine 2 HTML story in, a scenario skeleton out (YAML text in
//! format v1), with a diagnostic for everything that did not map, at its line and column in
//! the Twine file. No file I/O: the CLI (`scenario import`) and the studio hand it bytes.
//!
//! Flow: bytes → [`decode`] (size, UTF-8) → `twee` or `html` (the story as written:
//! passages with their text mapped back to the source) → `build` (passages → nodes, links →
//! choices, markup scanned by `markup`) → `emit` (YAML, every text quoted) → a check of the
//! result with the core's own loader, so what is returned always loads without errors.
//!
//! It uses scenario-core only through its public API: [`Diagnostic`], [`Span`],
//! [`Severity`], [`Loaded`], [`load_scenario`], [`Vocabulary`], `load::MAX_FILE_BYTES`,
//! `load::MAX_NODES`, `load::MAX_TEXT_CHARS`, `json::Json` (StoryData and passage metadata)
//! and `diagnostic::did_you_mean`.

mod build;
mod emit;
mod html;
mod markup;
mod source;
mod story;
mod twee;

pub use source::decode;

use scenario_core::load::MAX_FILE_BYTES;
use scenario_core::model::Vocabulary;
use scenario_core::Code;
use scenario_core::{load_scenario, Diagnostic, Loaded};
use source::{start_span, Findings};

/// A story imported as a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The scenario id, made from the story's title; save the file as `<id>.yaml`.
    pub id: String,
    /// The scenario file: YAML, format v1. It loads with [`load_scenario`] against the
    /// vocabulary given to [`import`] with no errors (warnings for the scores, feedback
    /// and outcomes still to write are expected).
    pub yaml: String,
    /// How many passages became nodes.
    pub passages: usize,
    /// How many nodes the scenario has (passages, placeholder endings, split parts).
    pub nodes: usize,
}

/// Every diagnostic code the import gives. Errors (nothing is imported): `twine-too-large`,
/// `twine-not-utf8`, `twine-not-twine`, `twine-no-passages`, `twine-too-many-passages`,
/// `twine-no-dimensions`, `twine-internal`. The rest are warnings.
pub const CODES: &[&str] = &[
    "twine-bad-header",
    "twine-bad-html",
    "twine-bad-story-data",
    "twine-comment",
    "twine-duplicate-passage",
    "twine-empty-link",
    "twine-ending",
    "twine-external-link",
    "twine-hook",
    "twine-html",
    "twine-insert",
    "twine-internal",
    "twine-link-setter",
    "twine-long-text",
    "twine-macro",
    "twine-markup",
    "twine-missing-passage",
    "twine-more-stories",
    "twine-no-dimensions",
    "twine-no-passages",
    "twine-no-start",
    "twine-no-title",
    "twine-no-way-out",
    "twine-not-twine",
    "twine-not-utf8",
    "twine-script",
    "twine-special-passage",
    "twine-stray-text",
    "twine-stylesheet",
    "twine-tag",
    "twine-too-large",
    "twine-too-many-passages",
    "twine-variable",
];

/// Imports the Twine file `bytes` (Twee 3, or Twine 2 published or archive HTML). The
/// scenario's dimension and topic are the first of `vocabulary`'s (the `dimensions.yaml`
/// it will be checked against), as placeholders.
///
/// Never fails: the value is present unless a diagnostic is an error. Diagnostics are
/// sorted, with positions in the text [`decode`] gives (the bytes without a byte-order mark).
pub fn import(bytes: &[u8], vocabulary: &Vocabulary) -> Loaded<Imported> {
    match decode(bytes) {
        Ok(text) => import_text(text, vocabulary),
        Err(d) => Loaded {
            value: None,
            diagnostics: vec![d],
        },
    }
}

/// [`import`] for a file already decoded.
pub fn import_text(src: &str, vocabulary: &Vocabulary) -> Loaded<Imported> {
    let mut findings = Findings::default();
    let imported = read_and_build(src, vocabulary, &mut findings);
    let mut diagnostics = findings.into_diagnostics(src);
    let value = match imported {
        Ok(imported) => Some(imported),
        Err(internal) => {
            diagnostics.extend(internal);
            None
        }
    };
    let value = value.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    Loaded { value, diagnostics }
}

/// Reads, builds and writes the scenario; `Err` holds problems found in the YAML written
/// (positions in the YAML, not the source), empty when the cause is among `findings`.
fn read_and_build(
    src: &str,
    vocabulary: &Vocabulary,
    findings: &mut Findings,
) -> Result<Imported, Vec<Diagnostic>> {
    if src.len() > MAX_FILE_BYTES {
        if let Err(d) = decode(src.as_bytes()) {
            return Err(vec![d]);
        }
    }
    let story = if html::is_twine_html(src) {
        html::read(src, findings)
    } else if src.starts_with("::") || src.contains("\n::") {
        twee::read(src, findings)
    } else {
        findings.error(
            Code::TwineNotTwine,
            0,
            "this is neither a Twee file (no line starts with `::`) nor a Twine 2 HTML file (no \
             <tw-storydata> element)",
        );
        if src.contains("tiddler=") {
            findings.hint("this looks like a Twine 1 file: open it in Twine 2 (Library → Import), then publish it to a file or export it as Twee");
        } else {
            findings.hint("in Twine 2, use Build → Publish to File, or Build → Export as Twee");
        }
        return Err(Vec::new());
    };
    if findings.has_errors() {
        return Err(Vec::new());
    }
    let Some(skeleton) = build::build(&story, findings) else {
        return Err(Vec::new());
    };
    if vocabulary.dimensions.is_empty() || vocabulary.topics.is_empty() {
        findings.error(
            Code::TwineNoDimensions,
            0,
            "the dimensions.yaml the scenario will be checked against declares no dimensions or \
             no topics, so the scenario cannot name any",
        );
        return Err(Vec::new());
    }
    let yaml = emit::yaml(&skeleton, vocabulary);
    if yaml.len() > MAX_FILE_BYTES {
        findings.error(
            Code::TwineTooLarge,
            0,
            format!(
                "the scenario would be {} KiB, over the {} KiB a scenario file may be",
                yaml.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
        );
        findings.hint("split the story into several scenarios");
        return Err(Vec::new());
    }
    let loaded = load_scenario(&yaml, &skeleton.id, vocabulary);
    let refused: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            Diagnostic::error(
                Code::TwineInternal,
                start_span(),
                format!(
                    "the import wrote a scenario the checker refuses ({} at line {} of the YAML: \
                     {}); this is a bug in the import",
                    d.code, d.span.line, d.message
                ),
            )
            .with_hint("please report it with the Twine file")
        })
        .collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    Ok(Imported {
        id: skeleton.id,
        passages: skeleton.passages,
        nodes: skeleton.nodes.len(),
        yaml,
    })
}
