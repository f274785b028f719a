//! Where the workspace's shared files are, for tests in any crate: the root, and the
//! bundled scenarios in `scenarios/`.

use std::path::{Path, PathBuf};

/// The workspace root (where `scenarios/` and `tests/fixtures/` are).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The text of `scenarios/<name>` (a test failure when it cannot be read).
pub fn bundled(name: &str) -> String {
    let path = root().join("scenarios").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scenario files of `dir`, sorted: `scenario_core::load::scenario_files` (every
/// `*.yaml` but the folder's shared files) of its listing.
pub fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let listed = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()));
    scenario_core::load::scenario_files(listed)
}

/// The bundled scenarios: `(file stem, text)` of every scenario file in `scenarios/`, sorted.
pub fn bundled_scenarios() -> Vec<(String, String)> {
    scenario_files(&root().join("scenarios"))
        .into_iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (stem, text)
        })
        .collect()
}
