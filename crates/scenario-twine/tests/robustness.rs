//! The import never panics and stays fast, whatever it is given (the studio runs it in the
//! browser, where a panic or a long loop loses the page): mutated fixtures and generated
//! markup import or are refused with diagnostics, and any construct repeated (closed or not)
//! is read in time linear in the file's size. Whatever is returned loads without errors.

use scenario_core::model::Vocabulary;
use scenario_core::{load_scenario, load_vocabulary};
use scenario_twine::import;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vocabulary() -> Vocabulary {
    let text = std::fs::read_to_string(root().join("scenarios/dimensions.yaml"))
        .unwrap_or_else(|e| panic!("cannot read scenarios/dimensions.yaml: {e}"));
    load_vocabulary(&text)
        .value
        .unwrap_or_else(|| panic!("scenarios/dimensions.yaml does not load"))
}

/// Imports `bytes`; whatever is returned must load without errors.
fn import_checked(bytes: &[u8], vocabulary: &Vocabulary, what: &str) {
    let loaded = import(bytes, vocabulary);
    if let Some(imported) = &loaded.value {
        let check = load_scenario(&imported.yaml, &imported.id, vocabulary);
        assert_eq!(check.errors(), 0, "{what}: {:?}", check.diagnostics);
    } else {
        assert!(
            loaded.diagnostics.iter().any(|d| d.is_error()),
            "{what}: nothing imported, and no error says why"
        );
    }
}

/// A small xorshift generator: the same cases on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let vocabulary = vocabulary();
    let dir = root().join("tests/fixtures/twine");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "twee" || e == "html"))
        .collect();
    files.sort();
    const INSERTS: &[&[u8]] = &[
        b"[[",
        b"]]",
        b"<<",
        b">>",
        b"(a:",
        b")",
        b"[",
        b"]",
        b"{",
        b"}",
        b"<",
        b">",
        b"&",
        b"&#x1F;",
        b"&amp;",
        b"\n::",
        b"\n:: ",
        b"\\",
        b"\"",
        b"<tw-passagedata name=\"x\">",
        b"</tw-passagedata>",
        b"</tw-storydata>",
        b"<!--",
        b"-->",
        b"$",
        b"_",
        b"|",
        b"->",
        b"<-",
        b"\xC3",
        b"\xA9",
        b"\xE2\x80\xA8",
        b"\r",
        b"\0",
        "é".as_bytes(),
    ];
    for file in &files {
        let original = std::fs::read(file).unwrap_or_default();
        for round in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(bytes.len() + 1);
                match rng.below(3) {
                    0 if at < bytes.len() => {
                        let end = (at + 1 + rng.below(8)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => {
                        let insert = INSERTS[rng.below(INSERTS.len())];
                        bytes.splice(at..at, insert.iter().copied());
                    }
                }
            }
            import_checked(
                &bytes,
                &vocabulary,
                &format!("{} round {round}", file.display()),
            );
        }
    }
}

/// How long importing `unit` repeated to `size` bytes after `prefix` takes.
fn time(prefix: &str, unit: &str, size: usize, vocabulary: &Vocabulary) -> Duration {
    let mut text = String::from(prefix);
    while text.len() + unit.len() <= size {
        text.push_str(unit);
    }
    let started = Instant::now();
    import_checked(text.as_bytes(), vocabulary, unit);
    started.elapsed()
}

/// Four times the input takes well under sixteen times as long (what a scan going back
/// over the text for each construct would take), with slack for a busy machine.
fn assert_linear(prefix: &str, unit: &str, vocabulary: &Vocabulary) {
    let small = time(prefix, unit, 32 * 1024, vocabulary);
    let large = time(prefix, unit, 128 * 1024, vocabulary);
    assert!(
        large < small * 10 + Duration::from_millis(300),
        "{unit:?} after {prefix:?}: 32 KiB took {small:?}, 128 KiB {large:?}"
    );
}

#[test]
fn any_unclosed_construct_repeated_is_read_in_linear_time() {
    let vocabulary = vocabulary();
    for unit in [
        "[", "[[", "[[a", "<", "<a", "<<", "<%", "<!--", "(", "(a:", "{", "$a", "&", "&a", "''",
        "//", "|a>", "?a", "[img[", "/*", "\\", "a[[b]]", "[[a]]", "[[P]]\n",
    ] {
        for prefix in [
            ":: Start\n",
            "<tw-storydata name=\"s\"><tw-passagedata pid=\"1\" name=\"Start\">",
        ] {
            assert_linear(prefix, unit, &vocabulary);
        }
    }
    // A megabyte of one construct, once: refused or imported, never a hang.
    assert!(time(":: Start\n", "[", 1024 * 1024 - 16, &vocabulary) < Duration::from_secs(60));
}
