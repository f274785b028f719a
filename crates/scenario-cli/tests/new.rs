//! `scenario new`: the written template passes `check --deny-warnings` beside either
//! dimensions.yaml (the project's and the spec's), plays to every kind of ending, and an
//! existing file, a bad id or a missing folder is refused with exit 2.

mod support;

use std::path::Path;
use support::{root, scenario_in, Scratch};

/// A scratch folder with the given dimensions.yaml copied in.
fn folder_with(dimensions: &str) -> Scratch {
    let scratch = Scratch::new("new");
    std::fs::copy(
        root().join(dimensions),
        scratch.path().join("dimensions.yaml"),
    )
    .unwrap_or_else(|e| panic!("cannot copy {dimensions}: {e}"));
    scratch
}

fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("scratch path is not UTF-8: {}", path.display()))
}

#[test]
fn the_template_checks_clean_beside_either_dimensions_file() {
    for dimensions in [
        "scenarios/dimensions.yaml",
        "tests/fixtures/spec/dimensions.yaml",
    ] {
        let scratch = folder_with(dimensions);
        let dir = path_str(scratch.path());
        let run = scenario_in(scratch.path(), &["new", "sam-lets-me", "--dir", dir]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stdout.contains("sam-lets-me.yaml"), "{}", run.stdout);

        let file = scratch.path().join("sam-lets-me.yaml");
        let run = scenario_in(
            scratch.path(),
            &["check", "--deny-warnings", path_str(&file)],
        );
        assert_eq!(
            run.code,
            Some(0),
            "beside {dimensions}:\n{}{}",
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.ends_with("0 error(s), 0 warning(s)\n"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn the_default_folder_is_scenarios() {
    let scratch = Scratch::new("new-default");
    std::fs::create_dir(scratch.path().join("scenarios")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        root().join("scenarios/dimensions.yaml"),
        scratch.path().join("scenarios/dimensions.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = scenario_in(scratch.path(), &["new", "gift-then-phone"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = scenario_in(scratch.path(), &["check", "--deny-warnings"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("checked 1 scenario file(s): 0 error(s), 0 warning(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_template_reaches_every_outcome() {
    let scratch = folder_with("scenarios/dimensions.yaml");
    let dir = path_str(scratch.path());
    assert_eq!(
        scenario_in(scratch.path(), &["new", "t", "--dir", dir]).code,
        Some(0)
    );
    let file = scratch.path().join("t.yaml");
    for (choices, outcome, passed) in [
        ("ask-more,check", "positive", true),
        ("ask-more,notice", "positive", true),
        ("flat-no,check", "mixed", false),
        ("flat-no,give-in", "negative", false),
        ("post-it", "negative", false),
    ] {
        let run = scenario_in(
            scratch.path(),
            &[
                "play",
                path_str(&file),
                "--choose",
                choices,
                "--format",
                "json",
            ],
        );
        assert_eq!(run.code, Some(0), "{choices}: {}", run.stderr);
        let result: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{choices}: {e}\n{}", run.stdout));
        assert_eq!(result["outcome"], outcome, "{choices}");
        assert_eq!(result["passed"], passed, "{choices}");
    }
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let scratch = folder_with("scenarios/dimensions.yaml");
    let dir = path_str(scratch.path());
    let file = scratch.path().join("sam-lets-me.yaml");
    assert_eq!(
        scenario_in(scratch.path(), &["new", "sam-lets-me", "--dir", dir]).code,
        Some(0)
    );
    std::fs::write(&file, "# my work\n").unwrap_or_else(|e| panic!("{e}"));

    let run = scenario_in(scratch.path(), &["new", "sam-lets-me", "--dir", dir]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        "# my work\n"
    );
}

#[test]
fn bad_ids_and_missing_folders_are_refused() {
    let scratch = folder_with("scenarios/dimensions.yaml");
    let dir = path_str(scratch.path());
    for id in ["Sam", "sam_lets_me", "-sam", "../sam", "", &"a".repeat(65)] {
        let run = scenario_in(scratch.path(), &["new", "--dir", dir, "--", id]);
        assert_eq!(run.code, Some(2), "{id:?}");
        assert!(
            run.stderr.contains("not a valid scenario id"),
            "{id:?}: {}",
            run.stderr
        );
    }
    let only_dimensions = std::fs::read_dir(scratch.path())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(only_dimensions, 1, "nothing was written");

    let missing = scratch.path().join("no-such-folder");
    let run = scenario_in(scratch.path(), &["new", "sam", "--dir", path_str(&missing)]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("there is no folder"), "{}", run.stderr);
}
