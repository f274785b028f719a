//! `scenario check`: every error and warning in the given files, rustc-style or as JSON.

use crate::render;
use crate::source::{expand, glossaries, load_glossary, Loader};
use crate::{Format, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the checker over `paths` (default `scenarios/`).
pub fn run(paths: &[PathBuf], format: Format, deny_warnings: bool) -> Outcome {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        paths.to_vec()
    };
    let files = expand(&paths)?;
    let mut loader = Loader::default();
    let mut reports = Vec::with_capacity(files.len());
    for file in &files {
        reports.push(loader.load(file)?);
    }
    // Each folder's glossary is checked too, and, like its dimensions.yaml, listed but not
    // counted among the scenario files.
    let mut glossary_reports = Vec::new();
    for glossary in glossaries(&paths) {
        glossary_reports.push(load_glossary(&glossary)?);
    }
    let all: Vec<_> = loader
        .vocabulary_reports
        .iter()
        .chain(glossary_reports.iter())
        .chain(reports.iter())
        .collect();
    let errors: usize = all
        .iter()
        .map(|f| f.diagnostics.iter().filter(|d| d.is_error()).count())
        .sum();
    let warnings: usize = all.iter().map(|f| f.diagnostics.len()).sum::<usize>() - errors;
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&render::json_report(
                &all.iter()
                    .map(|f| (f.display(), f.diagnostics.as_slice()))
                    .collect::<Vec<_>>()
            ))?
        ),
        Format::Text => {
            for file in &all {
                for d in &file.diagnostics {
                    print!("{}", render::human(&file.display(), &file.text, d));
                }
            }
            println!(
                "checked {} scenario file(s): {} error(s), {} warning(s)",
                reports.len(),
                errors,
                warnings
            );
        }
    }
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
