//! The checker's diagnostics, data-driven: every fixture in `tests/fixtures/diagnostics/`
//! states the exact diagnostics it must produce in its leading comment lines,
//!
//! ```text
//! # expect: error unknown-key 22:9
//! ```
//!
//! one line per diagnostic (severity, code, line:column), and `scenario check --format json`
//! must report exactly that set. Fixtures too big or too odd to commit (over 1 MiB, not
//! UTF-8, over 5,000 nodes, no dimensions.yaml beside it) are written to a scratch folder
//! by [`generated_fixtures_match_their_expectations`] and checked the same way.
//!
//! A fixture named `glossary-*.yaml` is a glossary: it is checked as `glossary.yaml`, the
//! name the checker reads a glossary by, copied into a scratch folder of its own.
//!
//! Also here: every diagnostic code the core emits has a fixture and a section in
//! docs/scenario-format.md; the exit codes of `check`; a snapshot of the rustc-style output.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use support::{assert_snapshot, root, scenario, Scratch};

/// Every code the checker can report. Keep in step with the core: a test below scans the
/// sources for codes missing here, and each code needs a fixture and a documented meaning.
const CODES: &[&str] = &[
    "alias-budget",
    "analysis-budget",
    "bad-condition",
    "bad-form",
    "bad-id",
    "bad-value",
    "critical-with-red-line",
    "critical-without-red-line",
    "dead-choice",
    "duplicate-choice-id",
    "duplicate-form",
    "duplicate-key",
    "duplicate-node",
    "duplicate-term",
    "empty-file",
    "empty-list",
    "empty-text",
    "few-choices",
    "id-mismatch",
    "missing-key",
    "missing-node",
    "next-last-if",
    "no-choice-offered",
    "no-dimensions",
    "no-feedback",
    "passing-negative-ending",
    "red-line-score",
    "node-kind",
    "not-utf8",
    "same-scores",
    "score-range",
    "text-too-long",
    "too-deep",
    "too-large",
    "too-many-nodes",
    "trap",
    "undeclared-variable",
    "unknown-character",
    "unknown-dimension",
    "unknown-key",
    "unknown-red-line",
    "unknown-topic",
    "unlisted-dimension",
    "unreachable-ending",
    "unreachable-node",
    "unscored-dimension",
    "unsupported-format",
    "wrong-type",
    "yaml-syntax",
];

/// One diagnostic as compared: severity, code, line, column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    severity: String,
    code: String,
    line: u64,
    column: u64,
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}:{}",
            self.severity, self.code, self.line, self.column
        )
    }
}

fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures/diagnostics")
}

/// The committed fixtures, sorted.
fn committed_fixtures() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && p.file_name().is_some_and(|n| n != "dimensions.yaml")
        })
        .collect();
    files.sort();
    files
}

/// Reads the `# expect:` lines that open a fixture (bytes, as a fixture need not be UTF-8).
fn expectations(bytes: &[u8], name: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    for line in bytes.split(|b| *b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else {
            break;
        };
        let line = line.trim_end_matches('\r');
        if !line.starts_with('#') {
            break;
        }
        let Some(rest) = line.strip_prefix("# expect:") else {
            continue;
        };
        let parts: Vec<&str> = rest.split_whitespace().collect();
        let parsed = match parts.as_slice() {
            [severity @ ("error" | "warning"), code, position] => {
                position.split_once(':').and_then(|(l, c)| {
                    Some(Expected {
                        severity: severity.to_string(),
                        code: code.to_string(),
                        line: l.parse().ok()?,
                        column: c.parse().ok()?,
                    })
                })
            }
            _ => None,
        };
        out.push(parsed.unwrap_or_else(|| {
            panic!("{name}: malformed expectation `{line}`; write `# expect: error|warning CODE LINE:COLUMN`")
        }));
    }
    out.sort();
    out
}

/// What `check --format json` reports for `path`, sorted, and the exit code.
fn actual(path: &Path) -> (Vec<Expected>, Option<i32>) {
    let path_text = path
        .to_str()
        .unwrap_or_else(|| panic!("path is not UTF-8: {}", path.display()));
    let run = scenario(&["check", "--format", "json", path_text]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: JSON report does not parse ({e}):\n{}{}",
            path.display(),
            run.stdout,
            run.stderr
        )
    });
    let mut out = Vec::new();
    for file in report["files"].as_array().into_iter().flatten() {
        let diagnostics = file["diagnostics"].as_array().cloned().unwrap_or_default();
        if file["path"].as_str() != Some(path_text) {
            assert!(
                diagnostics.is_empty(),
                "{}: diagnostics on {}: {diagnostics:?}",
                path.display(),
                file["path"]
            );
            continue;
        }
        for d in diagnostics {
            out.push(Expected {
                severity: d["severity"].as_str().unwrap_or("?").to_string(),
                code: d["code"].as_str().unwrap_or("?").to_string(),
                line: d["line"].as_u64().unwrap_or(0),
                column: d["column"].as_u64().unwrap_or(0),
            });
        }
    }
    out.sort();
    (out, run.code)
}

/// Checks one fixture; returns a description of every way it differs, or nothing.
fn check_fixture(path: &Path) -> Option<String> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let expected = expectations(&bytes, &name);
    if expected.is_empty() {
        return Some(format!("{name}: no `# expect:` lines"));
    }
    let (actual, code) = if name.starts_with("glossary-") {
        let scratch = Scratch::new("glossary-fixture");
        let copy = scratch.path().join("glossary.yaml");
        std::fs::write(&copy, &bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", copy.display()));
        actual(&copy)
    } else {
        actual(path)
    };
    let mut problems = String::new();
    if expected != actual {
        let _ = writeln!(problems, "{name}: diagnostics differ");
        for e in expected.iter().filter(|e| !actual.contains(e)) {
            let _ = writeln!(problems, "    expected, not reported: {e}");
        }
        for a in actual.iter().filter(|a| !expected.contains(a)) {
            let _ = writeln!(problems, "    reported, not expected: {a}");
        }
    }
    let has_error = expected.iter().any(|e| e.severity == "error");
    let want_code = Some(if has_error { 1 } else { 0 });
    if code != want_code {
        let _ = writeln!(
            problems,
            "{name}: exit code {code:?}, expected {want_code:?}"
        );
    }
    (!problems.is_empty()).then_some(problems)
}

#[test]
fn committed_fixtures_match_their_expectations() {
    let fixtures = committed_fixtures();
    assert!(
        fixtures.len() >= 30,
        "only {} fixtures found",
        fixtures.len()
    );
    let problems: Vec<String> = fixtures.iter().filter_map(|f| check_fixture(f)).collect();
    assert!(
        problems.is_empty(),
        "{} fixture(s) differ:\n{}",
        problems.len(),
        problems.join("")
    );
}

/// Trainers on Windows save files with CRLF line endings: every position must be the same.
#[test]
fn committed_fixtures_match_with_crlf_line_endings() {
    let scratch = Scratch::new("crlf");
    std::fs::copy(
        fixtures_dir().join("dimensions.yaml"),
        scratch.path().join("dimensions.yaml"),
    )
    .unwrap_or_else(|e| panic!("cannot copy dimensions.yaml: {e}"));
    let mut problems = Vec::new();
    for path in committed_fixtures() {
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut crlf = Vec::with_capacity(bytes.len() + bytes.len() / 20);
        for b in bytes {
            if b == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(b);
        }
        let copy = scratch.path().join(path.file_name().unwrap_or_default());
        std::fs::write(&copy, crlf)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", copy.display()));
        problems.extend(check_fixture(&copy));
    }
    assert!(
        problems.is_empty(),
        "with CRLF line endings:\n{}",
        problems.join("")
    );
}

#[test]
fn fixture_names_equal_their_ids() {
    for path in committed_fixtures() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = expectations(text.as_bytes(), &stem);
        let is_the_point = expected
            .iter()
            .any(|e| e.code == "id-mismatch" || e.code == "bad-id");
        let id = text
            .lines()
            .find_map(|l| l.strip_prefix("id:"))
            .map(|v| v.split('#').next().unwrap_or("").trim());
        if let Some(id) = id {
            assert!(
                id == stem || is_the_point,
                "{}: id `{id}` differs from the file name",
                path.display()
            );
        }
    }
}

/// A scenario with no diagnostics, for the generated fixtures (shared with the core's
/// limits tests): `{id}` and `{title}` are replaced.
const CLEAN: &str = include_str!("../../../tests/fixtures/clean-scenario.yaml.in");

/// The clean scenario as `id`, titled "A secret".
fn clean(id: &str) -> String {
    CLEAN.replace("{id}", id).replace("{title}", "A secret")
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the generated text"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Writes `DIR/ID.yaml`: one `# expect:` line, then `body` (bytes).
fn write_fixture(dir: &Path, id: &str, expect: &str, body: &[u8]) -> PathBuf {
    let path = dir.join(format!("{id}.yaml"));
    let mut bytes = format!("# expect: {expect}\n").into_bytes();
    bytes.extend_from_slice(body);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

#[test]
fn generated_fixtures_match_their_expectations() {
    let scratch = Scratch::new("diagnostics");
    let dir = scratch.path();
    std::fs::copy(
        fixtures_dir().join("dimensions.yaml"),
        dir.join("dimensions.yaml"),
    )
    .unwrap_or_else(|e| panic!("cannot copy dimensions.yaml: {e}"));
    let mut files = Vec::new();

    // Over 1 MiB: refused before it is read as YAML.
    let mut big = clean("too-large");
    big.push_str("trainer_notes: >-\n");
    while big.len() <= 1024 * 1024 {
        big.push_str(
            "  Record the date, time, place and his exact words as facts, and keep your notes.\n",
        );
    }
    files.push(write_fixture(
        dir,
        "too-large",
        "error too-large 1:1",
        big.as_bytes(),
    ));

    // A Latin-1 é in the title: reported at that byte (the expect line comes first).
    let text = clean("not-utf8").replace("A secret", "A secr\u{1}t");
    let (line, column) = position_of(&text, "\u{1}");
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect();
    files.push(write_fixture(
        dir,
        "not-utf8",
        &format!("error not-utf8 {}:{column}", line + 1),
        &bytes,
    ));

    // 5,002 nodes: refused at the `nodes` key.
    let mut many = clean("too-many-nodes");
    for i in 0..5000 {
        let _ = writeln!(many, "  extra-{i}: {{ next: end-good }}");
    }
    let (line, column) = position_of(&many, "nodes:");
    files.push(write_fixture(
        dir,
        "too-many-nodes",
        &format!("error too-many-nodes {}:{column}", line + 1),
        many.as_bytes(),
    ));

    // No dimensions.yaml beside the scenario.
    let lonely = dir.join("lonely");
    std::fs::create_dir(&lonely).unwrap_or_else(|e| panic!("{e}"));
    let text = clean("no-dimensions");
    files.push(write_fixture(
        &lonely,
        "no-dimensions",
        "error no-dimensions 1:1",
        text.as_bytes(),
    ));

    let problems: Vec<String> = files.iter().filter_map(|f| check_fixture(f)).collect();
    assert!(problems.is_empty(), "{}", problems.join(""));
}

#[test]
fn every_code_has_a_fixture_and_a_documented_meaning() {
    let mut covered = BTreeSet::new();
    for path in committed_fixtures() {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for e in expectations(&bytes, &path.display().to_string()) {
            assert!(
                CODES.contains(&e.code.as_str()),
                "{}: unknown code `{}`",
                path.display(),
                e.code
            );
            covered.insert(e.code);
        }
    }
    // Written by `generated_fixtures_match_their_expectations`.
    covered.extend(["too-large", "not-utf8", "too-many-nodes", "no-dimensions"].map(String::from));
    let missing: Vec<&&str> = CODES.iter().filter(|c| !covered.contains(**c)).collect();
    assert!(missing.is_empty(), "codes with no fixture: {missing:?}");

    let docs = std::fs::read_to_string(root().join("docs/scenario-format.md"))
        .unwrap_or_else(|e| panic!("cannot read docs/scenario-format.md: {e}"));
    let undocumented: Vec<&&str> = CODES
        .iter()
        .filter(|c| {
            !docs
                .lines()
                .any(|l| l.starts_with('#') && l.contains(&format!("`{c}`")))
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes with no heading in docs/scenario-format.md: {undocumented:?}"
    );
}

/// Code-shaped string literals passed straight to the functions that make diagnostics.
fn codes_in_source(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in [
        "Diagnostic::error(",
        "Diagnostic::warning(",
        ".error(",
        "unknown_id(",
    ] {
        for (at, _) in src.match_indices(call) {
            let rest = src[at + call.len()..].trim_start();
            let Some(literal) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) else {
                continue;
            };
            let code_shaped = !literal.is_empty()
                && literal
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if code_shaped {
                out.push(literal.to_string());
            }
        }
    }
    out
}

#[test]
fn the_list_of_codes_covers_the_sources() {
    let mut found = BTreeSet::new();
    let mut dirs = vec![
        root().join("crates/scenario-core/src"),
        root().join("crates/scenario-cli/src"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.extend(codes_in_source(
                    &std::fs::read_to_string(&path).unwrap_or_default(),
                ));
            }
        }
    }
    assert!(found.len() >= 25, "the scan found only {found:?}");
    let unknown: Vec<&String> = found
        .iter()
        .filter(|c| !CODES.contains(&c.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "codes in the sources but not in CODES (add a fixture and docs): {unknown:?}"
    );
}

#[test]
fn exit_codes() {
    let cases: [(&[&str], i32); 6] = [
        (&["check", "tests/fixtures/spec/only-happened-once.yaml"], 0),
        (&["check", "--deny-warnings", "tests/fixtures/spec/"], 0),
        (
            &["check", "tests/fixtures/diagnostics/missing-node.yaml"],
            1,
        ),
        (&["check", "tests/fixtures/diagnostics/no-feedback.yaml"], 0),
        (
            &[
                "check",
                "--deny-warnings",
                "tests/fixtures/diagnostics/no-feedback.yaml",
            ],
            1,
        ),
        (
            &["check", "tests/fixtures/diagnostics/no-such-file.yaml"],
            2,
        ),
    ];
    for (args, code) in cases {
        let run = scenario(args);
        assert_eq!(
            run.code,
            Some(code),
            "scenario {}\n{}{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
    }
    let run = scenario(&["check", "tests/fixtures/diagnostics/no-such-file.yaml"]);
    assert!(
        run.stderr.contains("no such file or folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_report_counts_errors_and_warnings() {
    let run = scenario(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/diagnostics/few-choices.yaml",
    ]);
    let report: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(0), Some(2))
    );
    let file = report["files"]
        .as_array()
        .and_then(|files| {
            files.iter().find(|f| {
                f["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("few-choices.yaml"))
            })
        })
        .unwrap_or_else(|| panic!("no report for few-choices.yaml: {report}"));
    assert_eq!(
        file["diagnostics"][0]["message"],
        "on some path `secret` offers only one choice"
    );
}

#[test]
fn human_output_snapshot() {
    let run = scenario(&["check", "tests/fixtures/diagnostics/missing-key.yaml"]);
    assert_eq!(run.code, Some(1));
    assert_snapshot("check-missing-key.txt", &run.stdout);
}
