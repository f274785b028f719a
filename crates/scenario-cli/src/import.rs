//! `scenario import`: a Twee 3 or Twine 2 HTML story becomes `DIR/<id>.yaml`, a scenario
//! skeleton (scenario-twine does the work); what did not map is printed as file:line:column
//! diagnostics, rustc-style or JSON, then the next step.
//!
//! Exit codes: 0 written, 1 the story could not be imported (nothing written), 2 usage or
//! I/O (no such file or folder, the scenario file already exists).

use crate::render;
use crate::source::FileReport;
use crate::{Format, Outcome};
use anyhow::{bail, Context};
use scenario_core::load::MAX_FILE_BYTES;
use scenario_core::{load_vocabulary, Vocabulary};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The project's `dimensions.yaml`, used when DIR has none (the scenario then names its
/// first dimension and topic; `check` still needs a dimensions.yaml beside the file).
const BUNDLED_DIMENSIONS: &str = include_str!("../../../scenarios/dimensions.yaml");

/// Runs `import`.
pub fn run(file: &Path, dir: &Path, format: Format) -> Outcome {
    if !dir.is_dir() {
        bail!(
            "there is no folder {}: create it first, or choose another with --dir",
            dir.display()
        );
    }
    let bytes = read_bounded(file).with_context(|| format!("cannot read {}", file.display()))?;
    let (vocabulary, dimensions_note) = vocabulary(dir)?;
    let Some(vocabulary) = vocabulary else {
        // dimensions.yaml has errors: they were printed.
        return Ok(ExitCode::from(1));
    };
    let loaded = scenario_twine::import(&bytes, &vocabulary);
    let report = FileReport {
        path: file.to_path_buf(),
        text: scenario_twine::decode(&bytes)
            .map(str::to_string)
            .unwrap_or_default(),
        diagnostics: loaded.diagnostics,
        scenario: None,
    };
    let written = match &loaded.value {
        Some(imported) => Some(write_new(dir, &imported.id, &imported.yaml)?),
        None => None,
    };
    match format {
        Format::Json => {
            let mut json = serde_json::to_value(render::json_report(&[(
                report.display(),
                &report.diagnostics[..],
            )]))?;
            if let Some(object) = json.as_object_mut() {
                object.insert(
                    "written".into(),
                    written.as_ref().map(|p| p.display().to_string()).into(),
                );
                object.insert(
                    "next".into(),
                    written
                        .as_ref()
                        .map(|p| format!("scenario check {}", p.display()))
                        .into(),
                );
            }
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
        Format::Text => {
            for d in &report.diagnostics {
                print!("{}", render::human(&report.display(), &report.text, d));
            }
            let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = report.diagnostics.len() - errors;
            match (&written, &loaded.value) {
                (Some(path), Some(imported)) => {
                    println!(
                        "wrote {}: {} passage(s) as {} node(s); {warnings} thing(s) did not map \
                         (above)",
                        path.display(),
                        imported.passages,
                        imported.nodes
                    );
                    if let Some(note) = dimensions_note {
                        println!("{note}");
                    }
                    println!(
                        "next: read the warnings above, edit the file, then run `cargo run -q \
                         --bin scenario -- check {}`",
                        path.display()
                    );
                }
                _ => println!(
                    "error: {} could not be imported: {errors} error(s), {warnings} warning(s)",
                    file.display()
                ),
            }
        }
    }
    Ok(if written.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The file's bytes, reading at most one byte past the core's limit (the import refuses
/// a larger file with a diagnostic).
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The vocabulary the scenario will be checked against: `DIR/dimensions.yaml`, or the
/// bundled one (with a note to print) when DIR has none. `None` when DIR's has errors
/// (printed).
fn vocabulary(dir: &Path) -> anyhow::Result<(Option<Vocabulary>, Option<String>)> {
    let path = dir.join("dimensions.yaml");
    if !path.is_file() {
        let bundled = load_vocabulary(BUNDLED_DIMENSIONS).value;
        return Ok((
            bundled,
            Some(format!(
                "note: there is no dimensions.yaml in {}; the scenario names the project's \
                 dimensions, and the checker needs a dimensions.yaml beside it",
                dir.display()
            )),
        ));
    }
    let text = match crate::source::read_text(&path)
        .with_context(|| format!("cannot read {}", path.display()))?
    {
        Ok(text) => text,
        Err(d) => {
            let report = FileReport {
                path: path.clone(),
                text: String::new(),
                diagnostics: vec![d],
                scenario: None,
            };
            print!(
                "{}",
                render::human(&report.display(), &report.text, &report.diagnostics[0])
            );
            return Ok((None, None));
        }
    };
    let loaded = load_vocabulary(&text);
    if loaded.value.is_none() {
        let report = FileReport {
            path: path.clone(),
            text,
            diagnostics: loaded.diagnostics,
            scenario: None,
        };
        for d in &report.diagnostics {
            print!("{}", render::human(&report.display(), &report.text, d));
        }
        println!(
            "error: {} has errors; fix it before importing into {}",
            path.display(),
            dir.display()
        );
        return Ok((None, None));
    }
    Ok((loaded.value, None))
}

/// Writes `DIR/ID.yaml`, refusing an existing file (exit 2), like `scenario new`.
fn write_new(dir: &Path, id: &str, yaml: &str) -> anyhow::Result<PathBuf> {
    let path = dir.join(format!("{id}.yaml"));
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; it was left as it is. Delete or rename it first, or import into \
             another folder with --dir",
            path.display()
        ),
        Err(err) => return Err(err).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(yaml.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
