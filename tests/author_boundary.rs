//! The learner's app never pulls in the author half of the core: in the wasm build's
//! dependency graph (`cargo tree` for `wasm32-unknown-unknown`, without dev-dependencies,
//! as trunk builds it), scenario-core has no `author` feature and neither the YAML parser
//! nor the reading-level crate appears. The CLI's graph, which has the feature, shows that
//! the check can see it. The wasm build itself also asserts it (`src/main.rs`).

use std::process::Command;

/// `cargo tree` of `package` for the wasm target, with features, without dev-dependencies.
fn tree(package: &str) -> String {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--quiet",
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
            "--package",
            package,
            "--target",
            "wasm32-unknown-unknown",
            "--edges",
            "normal,build,features",
            "--prefix",
            "none",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the author half would add to a graph.
fn author_half(tree: &str) -> Vec<&str> {
    tree.lines()
        .filter(|l| {
            l.contains("scenario-core feature \"author\"")
                || l.starts_with("libyaml-safer ")
                || l.starts_with("textstat ")
        })
        .collect()
}

#[test]
fn the_learner_app_builds_the_core_without_its_author_half() {
    let app = tree("scenario-quiz");
    assert!(
        app.lines().any(|l| l.starts_with("scenario-core ")),
        "scenario-core is not in the app's graph:\n{app}"
    );
    let found = author_half(&app);
    assert!(
        found.is_empty(),
        "the learner's wasm would contain the author half: {found:?}"
    );
    // The check sees the author half where it is.
    let cli = tree("scenario-cli");
    assert!(
        author_half(&cli).len() >= 3,
        "the CLI's graph should show the author half:\n{cli}"
    );
}
