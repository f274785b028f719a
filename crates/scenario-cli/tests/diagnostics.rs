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
//! Also here: every diagnostic code the core can emit (`scenario_core::Code`, matched
//! exhaustively) has a fixture and a section in docs/scenario-format.md; the exit codes of
//! `check`; a snapshot of the rustc-style output.

mod support;

use scenario_core::Code;
use scenario_testkit::files::scenario_files;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use support::{assert_snapshot, root, scenario, Scratch};

/// Where a code's fixture is: committed in `tests/fixtures/diagnostics/`, or written by
/// [`generated_fixtures_match_their_expectations`] (too big or too odd to commit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixture {
    Committed,
    Generated,
    /// The Twine importer's codes: `crates/scenario-twine/tests/fixtures.rs` requires each a
    /// fixture in `tests/fixtures/twine/` and a section in docs/scenario-format.md.
    Twine,
}

/// The fixture of every code the core can report: an exhaustive match, so a new
/// [`Code`] does not compile here until it is given a fixture (and the test below then
/// requires that fixture and a section in docs/scenario-format.md).
fn fixture_of(code: Code) -> Fixture {
    match code {
        Code::NotUtf8 | Code::TooLarge | Code::TooManyNodes | Code::NoDimensions => {
            Fixture::Generated
        }
        Code::YamlSyntax
        | Code::EmptyFile
        | Code::TooDeep
        | Code::AliasBudget
        | Code::TextTooLong
        | Code::UnsupportedFormat
        | Code::UnknownKey
        | Code::MissingKey
        | Code::WrongType
        | Code::BadValue
        | Code::EmptyList
        | Code::DuplicateKey
        | Code::DuplicateNode
        | Code::DuplicateChoiceId
        | Code::BadId
        | Code::IdMismatch
        | Code::MissingNode
        | Code::NodeKind
        | Code::ScoreRange
        | Code::UnlistedDimension
        | Code::UnknownDimension
        | Code::UnknownTopic
        | Code::UnknownRedLine
        | Code::CriticalWithRedLine
        | Code::RedLineScore
        | Code::UnknownCharacter
        | Code::UndeclaredVariable
        | Code::BadCondition
        | Code::NextLastIf
        | Code::NoChoiceOffered
        | Code::Trap
        | Code::DuplicateTerm
        | Code::DuplicateForm
        | Code::BadForm
        | Code::EmptyText
        | Code::CriticalWithoutRedLine
        | Code::UnreachableNode
        | Code::UnreachableEnding
        | Code::FewChoices
        | Code::DeadChoice
        | Code::NoFeedback
        | Code::UnscoredDimension
        | Code::SameScores
        | Code::PassingNegativeEnding
        | Code::AnalysisBudget => Fixture::Committed,
        Code::TwineBadHeader
        | Code::TwineBadHtml
        | Code::TwineBadStoryData
        | Code::TwineComment
        | Code::TwineDuplicatePassage
        | Code::TwineEmptyLink
        | Code::TwineEnding
        | Code::TwineExternalLink
        | Code::TwineHook
        | Code::TwineHtml
        | Code::TwineInsert
        | Code::TwineInternal
        | Code::TwineLinkSetter
        | Code::TwineLongText
        | Code::TwineMacro
        | Code::TwineMarkup
        | Code::TwineMissingPassage
        | Code::TwineMoreStories
        | Code::TwineNoDimensions
        | Code::TwineNoPassages
        | Code::TwineNoStart
        | Code::TwineNoTitle
        | Code::TwineNoWayOut
        | Code::TwineNotTwine
        | Code::TwineNotUtf8
        | Code::TwineScript
        | Code::TwineSpecialPassage
        | Code::TwineStrayText
        | Code::TwineStylesheet
        | Code::TwineTag
        | Code::TwineTooLarge
        | Code::TwineTooManyPassages
        | Code::TwineVariable => Fixture::Twine,
    }
}

/// The code written `text`, when there is one.
fn code_named(text: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.as_str() == text)
}

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
    scenario_files(&fixtures_dir())
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

    // Every code whose fixture is generated has one here.
    let written: BTreeSet<String> = files
        .iter()
        .flat_map(|f| expectations(&std::fs::read(f).unwrap_or_default(), "generated"))
        .map(|e| e.code)
        .collect();
    for code in Code::ALL
        .iter()
        .filter(|&&c| fixture_of(c) == Fixture::Generated)
    {
        assert!(
            written.contains(code.as_str()),
            "no generated fixture for `{code}`"
        );
    }

    let problems: Vec<String> = files.iter().filter_map(|f| check_fixture(f)).collect();
    assert!(problems.is_empty(), "{}", problems.join(""));
}

#[test]
fn every_code_has_a_fixture_and_a_documented_meaning() {
    let mut covered = BTreeSet::new();
    for path in committed_fixtures() {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for e in expectations(&bytes, &path.display().to_string()) {
            let code = code_named(&e.code)
                .unwrap_or_else(|| panic!("{}: unknown code `{}`", path.display(), e.code));
            assert_eq!(
                fixture_of(code),
                Fixture::Committed,
                "{}: `{code}` has a generated fixture",
                path.display()
            );
            covered.insert(e.code);
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|&&c| fixture_of(c) == Fixture::Committed && !covered.contains(c.as_str()))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes with no fixture: {missing:?}");

    let docs = std::fs::read_to_string(root().join("docs/scenario-format.md"))
        .unwrap_or_else(|e| panic!("cannot read docs/scenario-format.md: {e}"));
    // The Twine importer's codes are documented in a table of their own ("Import from
    // Twine"), which crates/scenario-twine/tests/fixtures.rs checks.
    let undocumented: Vec<&str> = Code::ALL
        .iter()
        .filter(|&&c| fixture_of(c) != Fixture::Twine)
        .map(|c| c.as_str())
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
