//! Rendering diagnostics for people (rustc-style, through codespan-reporting) and for
//! machines (the JSON shape documented in docs/scenario-format.md). It knows only a file's
//! path, its text and the core's diagnostics, not how files are read (`source.rs`).

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use scenario_core::{Diagnostic, Severity};
use serde::Serialize;

/// Byte range of a diagnostic's caret: `len` characters from its start, on its line.
fn byte_range(text: &str, d: &Diagnostic) -> std::ops::Range<usize> {
    let start = d.span.offset.min(text.len());
    let rest = &text[start..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let end = rest[..line_end]
        .char_indices()
        .nth(d.span.len.max(1))
        .map_or(line_end, |(i, _)| i);
    start..start + end
}

/// One diagnostic of the file at `path`, whose text is `text` (empty when it could not be
/// read), as rustc-style text with the source line and a caret.
pub fn human(path: &str, text: &str, d: &Diagnostic) -> String {
    let source = SimpleFile::new(path, text);
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_message(&d.message)
    .with_code(d.code.as_str());
    let report = if text.is_empty() {
        report.with_notes(vec![format!("at {path}:{}:{}", d.span.line, d.span.column)])
    } else {
        report.with_labels(vec![Label::primary((), byte_range(text, d))])
    };
    let report = match &d.hint {
        Some(hint) => report.with_notes(vec![format!("hint: {hint}")]),
        None => report,
    };
    let config = Config::default();
    term::emit_into_string(&config, &source, &report).unwrap_or_else(|_| {
        format!(
            "{path}:{}:{}: {}: {}\n",
            d.span.line, d.span.column, d.code, d.message
        )
    })
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// The machine-readable report of `check --format json`.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    errors: usize,
    warnings: usize,
}

/// Builds the JSON report for these files: each one's path and diagnostics.
pub fn json_report<'a>(files: &[(String, &'a [Diagnostic])]) -> JsonReport<'a> {
    let mut errors = 0;
    let mut warnings = 0;
    let files = files
        .iter()
        .map(|(path, diagnostics)| JsonFile {
            path: path.clone(),
            diagnostics: diagnostics
                .iter()
                .map(|d| {
                    if d.is_error() {
                        errors += 1;
                    } else {
                        warnings += 1;
                    }
                    JsonDiagnostic {
                        severity: d.severity.as_str(),
                        code: d.code.as_str(),
                        message: &d.message,
                        line: d.span.line,
                        column: d.span.column,
                    }
                })
                .collect(),
        })
        .collect();
    JsonReport {
        files,
        errors,
        warnings,
    }
}
