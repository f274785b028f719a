//! The learner's app never pulls in the author half of the core. Its wasm is built by trunk
//! from the workspace root (`cargo build --target wasm32-unknown-unknown --bin scenario-quiz`,
//! which selects the default members, the CLI among them, and unifies their features). In
//! that build's dependency graph (`cargo tree` the same way, without dev-dependencies),
//! scenario-core has no `author` feature and neither the YAML parser nor the reading-level
//! crate appears. The CLI's native graph, which has the feature, shows that the check can see
//! it. The wasm build itself also asserts it (`src/main.rs`).

use std::process::Command;

/// `cargo tree` from the workspace root with `args`, features shown, no dev-dependencies.
fn tree(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--quiet",
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
            "--edges",
            "normal,build,features",
            "--prefix",
            "none",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    assert!(
        out.status.success(),
        "cargo tree {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the author half adds to a graph.
fn author_half(tree: &str) -> Vec<&str> {
    let mut found: Vec<&str> = tree
        .lines()
        .filter(|l| {
            l.starts_with("scenario-core feature \"author\"")
                || l.starts_with("libyaml-safer ")
                || l.starts_with("textstat ")
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn the_learner_wasm_builds_the_core_without_its_author_half() {
    let wasm = tree(&["--target", "wasm32-unknown-unknown"]);
    assert!(
        wasm.lines().any(|l| l.starts_with("scenario-quiz "))
            && wasm.lines().any(|l| l.starts_with("scenario-core ")),
        "the app and the core are not in the wasm build's graph:\n{wasm}"
    );
    let found = author_half(&wasm);
    assert!(
        found.is_empty(),
        "the learner's wasm would contain the author half: {found:?}"
    );
    // The check sees the author half where it is.
    let cli = tree(&["--package", "scenario-cli"]);
    let found = author_half(&cli);
    for part in [
        "scenario-core feature \"author\"",
        "libyaml-safer v",
        "textstat v",
    ] {
        assert!(
            found.iter().any(|l| l.starts_with(part)),
            "the CLI's graph should show `{part}`:\n{cli}"
        );
    }
}
