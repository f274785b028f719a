//! Shared by the CLI's integration tests: run the real `scenario` binary from the workspace
//! root, compare output with snapshot files, and make scratch folders.
//!
//! Snapshots live in `crates/scenario-cli/tests/snapshots/`. After an intended change to an
//! output, regenerate them with `UPDATE_SNAPSHOTS=1 cargo test -p scenario-cli` and review
//! the diff before committing.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The workspace root (where `scenarios/` and `tests/fixtures/` are).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What a run of the binary gave.
pub struct Run {
    /// The exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `scenario ARGS…` with the workspace root as the working folder.
pub fn scenario(args: &[&str]) -> Run {
    scenario_in(&root(), args)
}

/// Runs `scenario ARGS…` in `dir`.
pub fn scenario_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_scenario"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the scenario binary: {e}"))
        .into()
}

/// Compares `actual` with the snapshot file `name`; with `UPDATE_SNAPSHOTS=1` writes it instead.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read snapshot {} ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "output differs from snapshot {}\n--- expected\n{expected}\n--- actual\n{actual}\n\
         (if the change is intended: UPDATE_SNAPSHOTS=1 cargo test -p scenario-cli)",
        path.display()
    );
}

/// A fresh empty folder under Cargo's scratch space for integration tests, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    /// Makes a new folder named after `label`, unique within this test run.
    pub fn new(label: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        Scratch(path)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
