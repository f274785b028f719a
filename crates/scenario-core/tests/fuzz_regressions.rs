//! Every input kept in `tests/fuzz-regressions/` (what each one broke: its README.md)
//! replayed through the fuzzers' own pipeline (`scenario_testkit::pipeline`), and what each one
//! must give now.

use scenario_core::Code;
use scenario_testkit::pipeline;

use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_kept_input_passes_the_pipeline() {
    let vocabulary = pipeline::vocabulary();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/fuzz-regressions/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "bin" || e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("readable");
        // A panic here names the file in the test's output.
        eprintln!("replaying {}", file.display());
        pipeline::run_bytes(&bytes, &vocabulary);
    }
}

#[test]
fn a_block_scalar_on_the_last_line_without_a_line_break_loads() {
    let vocabulary = pipeline::vocabulary();
    // `>` then ` a`: a folded scalar as the whole document; not a scenario, but no panic.
    for name in ["block-scalar-at-end.bin", "block-scalar-strip-at-end.bin"] {
        let report = pipeline::run_bytes(&read(name), &vocabulary);
        assert_eq!(report.codes, vec![Code::WrongType], "{name}");
    }
    // The realistic shape: a scenario whose last key is a block, with no final line break.
    let bytes = read("trainer-notes-block-at-end.yaml");
    assert_ne!(bytes.last(), Some(&b'\n'));
    let text = std::str::from_utf8(&bytes).expect("utf-8");
    let loaded = scenario_core::load_scenario(text, "promise-you-wont-tell", &vocabulary);
    assert_eq!(loaded.diagnostics, vec![]);
    assert_eq!(
        loaded.value.and_then(|s| s.trainer_notes).as_deref(),
        Some("Keep your own notes of what was said.\n")
    );
    let report = pipeline::run_bytes(&bytes, &vocabulary);
    assert!(report.loaded && report.finished, "{report:?}");
}

#[test]
fn a_tag_right_before_a_comma_in_a_flow_list_is_a_syntax_error_not_a_panic() {
    let report = pipeline::run_bytes(
        &read("tag-before-comma-in-flow.bin"),
        &pipeline::vocabulary(),
    );
    assert_eq!(report.codes, vec![Code::YamlSyntax]);
}

#[test]
fn a_file_starting_with_two_byte_order_marks_keeps_true_positions() {
    // `decode` strips one BOM; the YAML parser skipped the second without counting it, so
    // every offset was 3 bytes early (the pipeline's line:column-vs-offset check caught it).
    let bytes = read("second-bom-positions.bin");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF\xEF\xBB\xBF"));
    let report = pipeline::run_bytes(&bytes, &pipeline::vocabulary());
    assert_eq!(report.codes, vec![Code::YamlSyntax]);
}
