//! Golden files: what today's code writes and reads, committed, as the reference tests hold
//! tomorrow's code to (the saved records' format, which learners' devices keep).
//!
//! After an intended change, `UPDATE_GOLDEN=1 cargo test` rewrites the files a test
//! compares; review the diff before committing it. Without it, a difference fails the test.

use scenario_core::hash::fnv1a;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether the tests rewrite golden files instead of comparing with them.
pub fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// `tests/fixtures/saves/<name>`, the saved records' golden files.
pub fn saves(name: &str) -> PathBuf {
    crate::files::root().join("tests/fixtures/saves").join(name)
}

/// Asserts that `actual` is the text of the golden file `path` (or rewrites it).
pub fn assert_file(path: &Path, actual: &str) {
    if updating() {
        std::fs::write(path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); UPDATE_GOLDEN=1 writes it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "{} differs:\n  golden: {expected:?}\n  now:    {actual:?}\n(UPDATE_GOLDEN=1 rewrites it after an intended change)",
        path.display()
    );
}

/// Cases per line of a [`Corpus`] file.
const PER_LINE: usize = 100;

/// Many generated cases of a record, kept compactly: for each case, the text written and
/// what reading a text gave (a damaged copy, or the text itself). A line of the file holds
/// 100 cases: one letter per case (`a` read, `r` refused, `w` only written), the FNV-1a of the texts written
/// and the FNV-1a of the texts read back (each record read, written again). A verdict that
/// changes is named by its case; a text that changes, by its line of 100.
pub struct Corpus {
    path: PathBuf,
    title: String,
    lines: Vec<String>,
    verdicts: String,
    written: String,
    read: String,
}

impl Corpus {
    /// A corpus to be compared with the golden file `path`; `title` heads the file.
    pub fn new(path: PathBuf, title: &str) -> Corpus {
        Corpus {
            path,
            title: title.to_owned(),
            lines: Vec::new(),
            verdicts: String::new(),
            written: String::new(),
            read: String::new(),
        }
    }

    /// One case: the text written, and what reading gave, written again (`None`: refused).
    pub fn case(&mut self, written: &str, read: Option<&str>) {
        if let Some(read) = read {
            self.read.push_str(read);
            self.read.push('\n');
        }
        self.push(if read.is_some() { 'a' } else { 'r' }, written);
    }

    /// One case of a text that is only written, never read (`w`).
    pub fn written(&mut self, written: &str) {
        self.push('w', written);
    }

    fn push(&mut self, verdict: char, written: &str) {
        self.verdicts.push(verdict);
        self.written.push_str(written);
        self.written.push('\n');
        if self.verdicts.len() == PER_LINE {
            self.end_line();
        }
    }

    fn end_line(&mut self) {
        if self.verdicts.is_empty() {
            return;
        }
        self.lines.push(format!(
            "{} {:016x} {:016x}",
            self.verdicts,
            fnv1a(self.written.as_bytes()),
            fnv1a(self.read.as_bytes())
        ));
        self.verdicts.clear();
        self.written.clear();
        self.read.clear();
    }

    /// Compares every case with the golden file (or rewrites it); a failure lists the cases
    /// and lines that differ.
    pub fn finish(mut self) {
        self.end_line();
        let mut text = String::new();
        for line in self.title.lines() {
            let _ = writeln!(text, "# {line}");
        }
        let _ = writeln!(
            text,
            "# {PER_LINE} cases a line: a (read), r (refused) or w (only written) each, then the FNV-1a of the texts written and of the texts read back"
        );
        for line in &self.lines {
            let _ = writeln!(text, "{line}");
        }
        if updating() {
            std::fs::write(&self.path, text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", self.path.display()));
            return;
        }
        let golden = std::fs::read_to_string(&self.path).unwrap_or_else(|e| {
            panic!(
                "cannot read {} ({e}); UPDATE_GOLDEN=1 writes it",
                self.path.display()
            )
        });
        let golden: Vec<&str> = golden.lines().filter(|l| !l.starts_with('#')).collect();
        let mut problems = String::new();
        if golden.len() != self.lines.len() {
            let _ = writeln!(
                problems,
                "{} lines of cases, the golden file has {}",
                self.lines.len(),
                golden.len()
            );
        }
        for (n, (now, then)) in self.lines.iter().zip(&golden).enumerate() {
            let first = n * PER_LINE;
            let (now, then): (Vec<&str>, Vec<&str>) =
                (now.split(' ').collect(), then.split(' ').collect());
            for (i, (a, b)) in now[0].chars().zip(then[0].chars()).enumerate() {
                if a != b {
                    let _ = writeln!(problems, "case {}: {b} then, {a} now", first + i);
                }
            }
            if now.get(1) != then.get(1) {
                let _ = writeln!(
                    problems,
                    "cases {first}..{}: a text written differs",
                    first + PER_LINE
                );
            }
            if now[0] == then[0] && now.get(2) != then.get(2) {
                let _ = writeln!(
                    problems,
                    "cases {first}..{}: a record read differs",
                    first + PER_LINE
                );
            }
        }
        assert!(
            problems.is_empty(),
            "{} differs from what is written and read now:\n{problems}(UPDATE_GOLDEN=1 rewrites it after an intended change)",
            self.path.display()
        );
    }
}
