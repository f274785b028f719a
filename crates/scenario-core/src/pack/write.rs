//! Writing packs (`scenario pack`, at build time): a file loaded, its routes and glossary
//! links found, as one line of JSON, or its errors.

use super::{FailedFile, FileError, Packed, FORMAT};
use crate::analysis::links::Linker;
use crate::json::{self, ToJson};
use crate::model::glossary::{Glossary, FILE as GLOSSARY_FILE};
use crate::model::links::Links;
use crate::model::Vocabulary;
use crate::play::routes::Routes;
use crate::text::diagnostic::Diagnostic;

impl FileError {
    /// The error of a diagnostic of `file`.
    pub fn of(file: &str, diagnostic: &Diagnostic) -> FileError {
        FileError {
            location: format!("{file}:{}:{}", diagnostic.span.line, diagnostic.span.column),
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        }
    }
}

/// A file packed for the app: the text to write, and the file's errors when it has any (the
/// pack holds them too), so the build can report them without reading the pack back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The pack's JSON, one line.
    pub text: String,
    /// The errors it holds instead of a value.
    pub failed: Option<FailedFile>,
}

/// Loads `dimensions.yaml` and packs it. Returns the vocabulary to pack the scenarios
/// against (empty when the file has errors, as the app has always done) and the pack.
pub fn pack_vocabulary(src: &str) -> (Vocabulary, Pack) {
    let file = "dimensions.yaml";
    let loaded = crate::load::load_vocabulary(src);
    match outcome(file, loaded.value, &loaded.diagnostics) {
        Ok(vocabulary) => {
            let pack = written(file, &[("vocabulary", &vocabulary)]);
            (vocabulary, pack)
        }
        Err(failed) => (Vocabulary::default(), refused(failed)),
    }
}

/// Loads the scenario `<stem>.yaml` against `vocabulary`, finds its routes and the glossary's
/// terms in its texts (with `glossary`, the folder's glossary; `Linker::default()` when there
/// is none) and packs all three (a pack holds the scenario or its errors; warnings are the
/// author's, never packed).
pub fn pack_scenario(src: &str, stem: &str, vocabulary: &Vocabulary, glossary: &Linker) -> Pack {
    let file = format!("{stem}.yaml");
    let loaded = crate::load::load_scenario(src, stem, vocabulary);
    match outcome(&file, loaded.value, &loaded.diagnostics) {
        Ok(scenario) => {
            let routes = Routes::of(&scenario);
            let links = Links::of(&scenario, glossary);
            written(
                &file,
                &[
                    ("scenario", &scenario),
                    ("routes", &routes),
                    ("links", &links),
                ],
            )
        }
        Err(failed) => refused(failed),
    }
}

/// Loads `glossary.yaml` for the build: the glossary, whose terms [`pack_scenario`] links and
/// which [`super::page`] writes as a page, or the file's errors, ready to print.
pub fn glossary_for_pack(src: &str) -> Packed<Glossary> {
    let loaded = crate::load::load_glossary(src);
    outcome(GLOSSARY_FILE, loaded.value, &loaded.diagnostics)
}

/// Packs a file that never reached the loader (unreadable bytes, too large) as its errors.
pub fn pack_errors(file: &str, diagnostics: &[Diagnostic]) -> Pack {
    refused(failure(file, diagnostics))
}

/// The value when no diagnostic is an error; otherwise the errors.
fn outcome<T>(file: &str, value: Option<T>, diagnostics: &[Diagnostic]) -> Packed<T> {
    match value {
        Some(value) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(value),
        _ => Err(failure(file, diagnostics)),
    }
}

/// The errors among `diagnostics`, or a general one when there are none.
pub fn failure(file: &str, diagnostics: &[Diagnostic]) -> FailedFile {
    let mut errors: Vec<FileError> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| FileError::of(file, d))
        .collect();
    if errors.is_empty() {
        errors.push(FileError {
            location: format!("{file}:1:1"),
            message: "the file could not be loaded".into(),
            hint: None,
        });
    }
    FailedFile {
        file: file.to_owned(),
        errors,
    }
}

/// The pack of a file that loaded: the format, the file's name and `members`.
fn written(file: &str, members: &[(&str, &dyn ToJson)]) -> Pack {
    let mut all: Vec<(&str, &dyn ToJson)> = vec![("pack", &FORMAT), ("file", &file)];
    all.extend_from_slice(members);
    let mut text = String::new();
    json::write_object(&mut text, &all);
    text.push('\n');
    Pack { text, failed: None }
}

/// The pack of a file that did not load: the format, the file's name and its errors.
fn refused(failed: FailedFile) -> Pack {
    let text = written(&failed.file, &[("errors", &failed.errors)]).text;
    Pack {
        text,
        failed: Some(failed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_scenario, load_vocabulary};
    use crate::model::{Expr, NodeKind};
    use crate::pack::read::{read_scenario, read_vocabulary};

    fn bundled(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The bundled glossary's matcher.
    fn glossary() -> Linker {
        Linker::new(
            &crate::load::load_glossary(&bundled("glossary.yaml"))
                .value
                .expect("the glossary loads"),
        )
    }

    fn vocabulary() -> Vocabulary {
        load_vocabulary(&bundled("dimensions.yaml"))
            .value
            .expect("the vocabulary loads")
    }

    #[test]
    fn every_bundled_scenario_reads_back_as_the_loader_built_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let (vocab, vocab_pack) = pack_vocabulary(&bundled("dimensions.yaml"));
        assert_eq!(vocab_pack.failed, None);
        assert_eq!(read_vocabulary(&vocab_pack.text), Ok(vocabulary()));
        assert_eq!(vocab, vocabulary());
        let glossary = glossary();
        let (mut count, mut linked) = (0, 0);
        let listed = std::fs::read_dir(dir)
            .expect("scenarios/")
            .map(|entry| entry.expect("an entry").path());
        for path in crate::load::scenario_files(listed) {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a name")
                .to_owned();
            let src = std::fs::read_to_string(&path).expect("readable");
            let loaded = load_scenario(&src, &stem, &vocab).value.expect("loads");
            let packed = pack_scenario(&src, &stem, &vocab, &glossary);
            assert_eq!(packed.failed, None, "{stem}");
            let routes = Routes::of(&loaded);
            let links = Links::of(&loaded, &glossary);
            linked += usize::from(!links.0.is_empty());
            assert_eq!(
                read_scenario(&packed.text, &stem),
                Ok((loaded, routes, links)),
                "{stem}"
            );
            count += 1;
        }
        assert!(count >= 10, "only {count} bundled scenarios");
        assert_eq!(
            linked, count,
            "every bundled scenario uses some glossary term"
        );
    }

    #[test]
    fn a_file_with_errors_packs_its_errors_at_their_positions() {
        let packed = pack_scenario(
            "format: 1\nid: broken\ntitle: [unclosed\n",
            "broken",
            &vocabulary(),
            &Linker::default(),
        );
        let failed = read_scenario(&packed.text, "broken").expect_err("errors");
        assert_eq!(packed.failed.as_ref(), Some(&failed));
        assert_eq!(failed.file, "broken.yaml");
        assert!(
            failed.errors[0].location.starts_with("broken.yaml:"),
            "{failed:?}"
        );
        let (vocab, packed) = pack_vocabulary("dimensions: [");
        assert_eq!(vocab, Vocabulary::default());
        let failed = read_vocabulary(&packed.text).expect_err("errors");
        assert_eq!(packed.failed.as_ref(), Some(&failed));
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(
            failed.errors[0].location.starts_with("dimensions.yaml:2:1"),
            "{failed:?}"
        );
    }

    #[test]
    fn conditions_round_trip_through_the_postfix_form() {
        let src = bundled("got-kids.yaml");
        let vocab = vocabulary();
        let loaded = load_scenario(&src, "got-kids", &vocab)
            .value
            .expect("loads");
        let mut seen = 0;
        for node in &loaded.nodes {
            if let NodeKind::Decision(choices) = &node.kind {
                for c in choices.iter().filter_map(|c| c.condition.as_ref()) {
                    let text = json::to_string(&c.expr);
                    assert_eq!(json::from_str::<Expr>(&text), Ok(c.expr.clone()), "{text}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "got-kids has conditional choices");
        let nested = r#"[["a",0,0,">=",1],["b",9,1,"<",-2],"not","and","not"]"#;
        let expr: Expr = json::from_str(nested).expect("reads");
        assert_eq!(json::to_string(&expr), nested);
        assert!(!expr.eval(&[1, 0]) && expr.eval(&[0, 0]));
    }

    #[test]
    fn a_damaged_pack_is_refused_with_a_reason_and_never_panics() {
        let (vocab, _) = pack_vocabulary(&bundled("dimensions.yaml"));
        let good = pack_scenario(&bundled("got-kids.yaml"), "got-kids", &vocab, &glossary()).text;
        let reason = |text: &str| {
            read_scenario(text, "got-kids").expect_err("refused").errors[0]
                .message
                .clone()
        };
        assert!(reason("").contains("could not read got-kids.json"));
        assert!(reason(&good[..good.len() / 2]).contains("got-kids.json"));
        let format = format!("\"pack\":{FORMAT}");
        assert!(reason(&good.replacen(&format, "\"pack\":1", 1)).contains("format 1"));
        // The field is named once, by the JSON reader.
        let wrong_type = reason(&good.replacen(&format, "\"pack\":\"one\"", 1));
        assert!(
            wrong_type.ends_with("packed form of this file: `pack`: expected an integer"),
            "{wrong_type}"
        );
        let out_of_range = good.replacen("\"start\":", "\"start\":9999,\"x\":", 1);
        assert!(
            reason(&out_of_range).contains("the start leads to node 9999"),
            "{}",
            reason(&out_of_range)
        );
        // The routes are checked against the scenario they came with.
        let without = good.replacen("\"routes\":", "\"old_routes\":", 1);
        assert!(
            reason(&without).contains("it has no `routes`"),
            "{}",
            reason(&without)
        );
        let short = good.replacen("\"ends\":[", "\"ends\":[0,", 1);
        assert!(
            reason(&short).contains("the routes name"),
            "{}",
            reason(&short)
        );
        let deep = format!(
            "[[\"a\",0,0,\">=\",1]{}]",
            ",\"not\"".repeat(crate::model::condition::MAX_JSON_DEPTH)
        );
        assert!(json::from_str::<Expr>(&deep).is_err());
        assert!(json::from_str::<Expr>(r#"["and"]"#).is_err());
        assert!(json::from_str::<Expr>(r#"[["a",0,0,">=",1],["a",0,0,">=",1]]"#).is_err());
    }
}
