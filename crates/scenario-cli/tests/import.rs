//! `scenario import`: a Twine fixture is written as `DIR/<id>.yaml` that `check` accepts with
//! no errors; what did not map is printed as file:line:column diagnostics (snapshot), or as
//! JSON; an existing file is refused (exit 2), a file that is not Twine exits 1 and writes
//! nothing, a missing file or folder exits 2.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{assert_snapshot, root, scenario, Scratch};

/// A scratch folder with the project's dimensions.yaml.
fn folder() -> Scratch {
    let scratch = Scratch::new("import");
    std::fs::copy(
        root().join("scenarios/dimensions.yaml"),
        scratch.path().join("dimensions.yaml"),
    )
    .unwrap_or_else(|e| panic!("cannot copy dimensions.yaml: {e}"));
    scratch
}

fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("path is not UTF-8: {}", path.display()))
}

#[test]
fn every_importable_fixture_is_written_and_checks_without_errors() {
    for fixture in [
        "sugarcube.twee",
        "harlowe.twee",
        "chapbook.twee",
        "snowman.twee",
        "links.twee",
        "long.twee",
        "structure.twee",
        "no-title.twee",
        "archive.html",
        "published.html",
        "bad-html.html",
    ] {
        let scratch = folder();
        let dir = path_str(scratch.path());
        let file = format!("tests/fixtures/twine/{fixture}");
        let run = scenario(&["import", &file, "--dir", dir]);
        assert_eq!(run.code, Some(0), "{fixture}: {}{}", run.stdout, run.stderr);
        let written: Vec<_> = std::fs::read_dir(scratch.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().is_some_and(|n| n != "dimensions.yaml"))
            .collect();
        assert_eq!(written.len(), 1, "{fixture}: {written:?}");
        let written = path_str(&written[0]).to_string();
        assert!(
            run.stdout.contains(&format!("wrote {written}"))
                && run
                    .stdout
                    .contains(&format!("cargo run -q --bin scenario -- check {written}")),
            "{fixture}: {}",
            run.stdout
        );
        let check = scenario(&["check", &written]);
        assert_eq!(check.code, Some(0), "{fixture}: {}", check.stdout);
        assert!(check.stdout.contains(": 0 error(s),"), "{}", check.stdout);
    }
}

#[test]
fn what_did_not_map_is_printed_at_its_line_in_the_twine_file() {
    let scratch = folder();
    let run = scenario(&[
        "import",
        "tests/fixtures/twine/harlowe.twee",
        "--dir",
        path_str(scratch.path()),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The diagnostics, up to the summary (which names the scratch folder).
    let diagnostics = run
        .stdout
        .split("wrote ")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(diagnostics.contains("┌─ tests/fixtures/twine/harlowe.twee:15:1"));
    assert_snapshot("import-harlowe.txt", &diagnostics);
}

#[test]
fn json_lists_the_diagnostics_and_the_file_written() {
    let scratch = folder();
    let run = scenario(&[
        "import",
        "tests/fixtures/twine/sugarcube.twee",
        "--dir",
        path_str(scratch.path()),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    let written = json["written"].as_str().unwrap_or_default();
    assert!(written.ends_with("the-letter-sugarcube.yaml"), "{json}");
    assert_eq!(json["next"], format!("scenario check {written}"));
    let first = &json["files"][0]["diagnostics"][0];
    assert_eq!(first["code"], "twine-special-passage");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(14), Some(4))
    );
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 19);
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let scratch = folder();
    let dir = path_str(scratch.path());
    let target = scratch.path().join("night-shift-harlowe.yaml");
    std::fs::write(&target, "mine").unwrap_or_else(|e| panic!("{e}"));
    let run = scenario(&["import", "tests/fixtures/twine/harlowe.twee", "--dir", dir]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&target).ok().as_deref(),
        Some("mine")
    );
}

#[test]
fn a_file_that_is_not_twine_is_refused_and_nothing_is_written() {
    for fixture in [
        "not-twine.txt",
        "twine1.html",
        "no-passages.twee",
        "not-utf8.twee",
    ] {
        let scratch = folder();
        let run = scenario(&[
            "import",
            &format!("tests/fixtures/twine/{fixture}"),
            "--dir",
            path_str(scratch.path()),
        ]);
        assert_eq!(run.code, Some(1), "{fixture}: {}", run.stdout);
        assert!(
            run.stdout.contains("could not be imported"),
            "{}",
            run.stdout
        );
        let files = std::fs::read_dir(scratch.path()).map_or(0, |d| d.count());
        assert_eq!(files, 1, "{fixture}: something was written");
    }
}

#[test]
fn usage_and_io_problems_exit_2() {
    let scratch = folder();
    let dir = path_str(scratch.path());
    let run = scenario(&[
        "import",
        "tests/fixtures/twine/no-such-file.twee",
        "--dir",
        dir,
    ]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    let missing = scratch.path().join("no-such-folder");
    let run = scenario(&[
        "import",
        "tests/fixtures/twine/harlowe.twee",
        "--dir",
        path_str(&missing),
    ]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("there is no folder"), "{}", run.stderr);
}

#[test]
fn a_folder_without_dimensions_gets_the_projects_and_a_note() {
    let scratch = Scratch::new("import-bare");
    let run = scenario(&[
        "import",
        "tests/fixtures/twine/links.twee",
        "--dir",
        path_str(scratch.path()),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("note: there is no dimensions.yaml"),
        "{}",
        run.stdout
    );
    assert!(scratch.path().join("deja-vu-links-names.yaml").is_file());
}
