//! The packager on the bundled scenarios, with stand-in app and schema files: what goes in
//! the zip and the manifest, that both list the same files, stable identifiers, byte-equal
//! zips, and each refusal. (The real app, the real schema files and the ADL validator:
//! crates/scenario-cli/tests/package.rs and tests/infra/scorm-package.test.mjs.)

use super::*;
use scenario_core::analysis::links::Linker;
use scenario_core::pack::{pack_scenario, pack_vocabulary, read_scenario};
use std::path::Path;

fn bundled(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scenario `id` from `src`, its course and its `scenarios/` files.
fn scenario(id: &str, src: &str) -> (Course, Vec<File>) {
    let (vocabulary, vocabulary_pack) = pack_vocabulary(&bundled("dimensions.yaml"));
    let pack = pack_scenario(src, id, &vocabulary, &Linker::default());
    let (model, ..) = read_scenario(&pack.text, id).expect("the scenario loads");
    let files = scenario_files(id, &vocabulary_pack.text, &pack.text, &[]).expect("files");
    (Course::of(&model), files)
}

/// The loader tag as trunk and scripts/lms-variant.sh write it.
const INDEX_HTML: &str = "<!doctype html><title>app</title><script type=\"module\" \
    src=\"./loader.js\" data-lms-js=\"./lms/app-89ab.js\" data-lms-wasm=\"./lms/app-89ab_bg.wasm\" \
    data-js=\"./scenario-quiz-0123.js\" data-wasm=\"./scenario-quiz-0123_bg.wasm\"></script>";

fn app() -> Vec<File> {
    vec![
        File::new("index.html", INDEX_HTML),
        File::new("lms/app-89ab.js", "export default function init() {}"),
        File::new("lms/app-89ab_bg.wasm", vec![0u8, 97, 115, 109, 1, 0, 0, 0]),
        File::new("loader.js", "import init from './app.js';"),
        File::new(
            "scenario-quiz-0123_bg.wasm",
            vec![0u8, 97, 115, 109, 1, 0, 0, 0],
        ),
        File::new("styles/app-4567.css", "body{}"),
    ]
}

fn schemas(standard: Standard) -> Vec<File> {
    let mut all: Vec<File> = standard
        .schema_files()
        .iter()
        .map(|name| File::new(*name, format!("<!-- {name} -->")))
        .collect();
    all.push(File::new("unused.xsd", "not needed"));
    all
}

fn make(standard: Standard, id: &str, src: &str) -> Package {
    let (course, files) = scenario(id, src);
    let mut content = app();
    content.extend(files);
    package(standard, &course, content, &schemas(standard)).expect("packages")
}

#[test]
fn the_zip_holds_the_manifest_the_schema_files_and_every_listed_file_and_nothing_else() {
    for standard in Standard::ALL {
        let p = make(standard, "got-kids", &bundled("got-kids.yaml"));
        assert_eq!(p.file_name, format!("got-kids-{}.zip", standard.as_str()));
        assert_eq!(
            p.listed,
            [
                "index.html",
                "lms/app-89ab.js",
                "lms/app-89ab_bg.wasm",
                "loader.js",
                "scenario-quiz-0123_bg.wasm",
                "scenarios/dimensions.json",
                "scenarios/got-kids.json",
                "scenarios/index.json",
                "styles/app-4567.css",
            ]
        );
        // the manifest lists exactly these, in this order, under the one resource
        let hrefs: Vec<&str> = p
            .manifest
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<file href=\""))
            .map(|l| l.trim_end_matches("\"/>"))
            .collect();
        assert_eq!(hrefs, p.listed);
        assert_eq!(p.manifest.matches("<resource ").count(), 1);
        assert_eq!(p.manifest.matches("<item ").count(), 1);
        assert!(p.manifest.contains(" href=\"index.html\">"));
        // the LMS opens the SCO on the scenario's introduction
        assert!(p.manifest.contains(" parameters=\"#/s/got-kids\">"));
        // the zip: the listed files, the manifest, the schema files and the folders, sorted
        let mut expected: Vec<String> = p.listed.clone();
        expected.push(MANIFEST.into());
        expected.extend(standard.schema_files().iter().map(|s| (*s).to_owned()));
        expected.extend(["lms/", "scenarios/", "styles/"].map(str::to_owned));
        expected.sort();
        assert_eq!(p.entries, expected);
        assert!(!p.entries.iter().any(|e| e == "unused.xsd"));
    }
}

#[test]
fn the_package_index_lists_only_its_scenario() {
    let (_, files) = scenario("got-kids", &bundled("got-kids.yaml"));
    let index = &files
        .iter()
        .find(|f| f.path == "scenarios/index.json")
        .expect("index")
        .bytes;
    let index = scenario_core::index::read_index::<scenario_core::index::Listing>(
        std::str::from_utf8(index).expect("utf-8"),
    )
    .expect("reads");
    assert_eq!(index.scenarios.len(), 1);
    assert_eq!(index.scenarios[0].file, "got-kids.json");
    assert_eq!(index.vocabulary, "dimensions.json");
}

#[test]
fn identifiers_come_from_the_id_alone_and_the_version_from_the_text() {
    let src = bundled("got-kids.yaml");
    for standard in Standard::ALL {
        let first = make(standard, "got-kids", &src);
        let again = make(standard, "got-kids", &src);
        assert_eq!(first.zip, again.zip, "the same input, the same bytes");
        // a content change: another title and a reworded line
        let changed_src = src.replacen("title: \"", "title: \"Revised: ", 1);
        assert_ne!(changed_src, src);
        let changed = make(standard, "got-kids", &changed_src);
        assert_ne!(changed.zip, first.zip);
        let ids = |m: &str| -> Vec<String> {
            m.split("identifier=\"")
                .skip(1)
                .map(|s| s[..s.find('"').expect("closed")].to_owned())
                .collect()
        };
        assert_eq!(
            ids(&first.manifest),
            [
                "scenario-quiz.got-kids",
                "scenario-quiz.got-kids.organization",
                "scenario-quiz.got-kids.item",
                "scenario-quiz.got-kids.sco",
            ]
        );
        assert_eq!(ids(&changed.manifest), ids(&first.manifest));
        let version = |m: &str| m.split("version=\"").nth(2).map(|s| s[..16].to_owned());
        assert_ne!(version(&changed.manifest), version(&first.manifest));
        assert!(changed.manifest.contains("<title>Revised: "));
    }
    let digit = Identifiers::of("4am-call");
    assert!(digit
        .manifest
        .starts_with(|c: char| c.is_ascii_alphabetic()));
}

#[test]
fn no_mastery_score_and_the_2004_sequencing_leaves_status_to_the_app() {
    let p12 = make(Standard::Scorm12, "got-kids", &bundled("got-kids.yaml"));
    assert!(p12.manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert!(p12.manifest.contains("adlcp:scormtype=\"sco\""));
    assert!(!p12.manifest.contains("<adlcp:masteryscore"));
    let p04 = make(Standard::Scorm2004, "got-kids", &bundled("got-kids.yaml"));
    assert!(p04
        .manifest
        .contains("<schemaversion>2004 4th Edition</schemaversion>"));
    assert!(p04.manifest.contains("adlcp:scormType=\"sco\""));
    assert!(p04.manifest.contains(
        "<imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>"
    ));
    assert!(p04
        .manifest
        .contains("<imsss:controlMode choice=\"true\" flow=\"true\"/>"));
    for absent in [
        "imsss:objectives",
        "satisfiedByMeasure",
        "completionThreshold",
    ] {
        assert!(!p04.manifest.contains(absent), "{absent}");
    }
}

#[test]
fn manifests_match_their_snapshots() {
    // A fixed course, so the snapshot does not move with the bundled scenario's text.
    let course = Course {
        id: "got-kids".into(),
        title: "Got kids? <\"Tom\" & Jerry's>".into(),
        version: "0123456789abcdef".into(),
    };
    for standard in Standard::ALL {
        let p = package(standard, &course, app(), &schemas(standard)).expect("packages");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/snapshots")
            .join(format!("manifest-{}.xml", standard.as_str()));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &p.manifest).expect("write snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} ({e}): run with UPDATE_SNAPSHOTS=1", path.display()));
        assert!(
            expected == p.manifest,
            "{} differs (UPDATE_SNAPSHOTS=1 cargo test -p scenario-package, then review):\n{}",
            path.display(),
            p.manifest
        );
    }
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let course = Course {
        id: "x".into(),
        title: "X".into(),
        version: "0".into(),
    };
    let standard = Standard::Scorm12;
    let with = |extra: File| {
        let mut content = app();
        content.push(extra);
        package(standard, &course, content, &schemas(standard)).expect_err("refused")
    };
    for bad in [
        "/etc/passwd",
        "../up.js",
        "a//b.js",
        "./a.js",
        "a\\b.js",
        "",
        "dir/",
        "a\nb",
    ] {
        assert_eq!(
            with(File::new(bad, "x")),
            PackageError::BadPath(bad.into()),
            "{bad:?}"
        );
    }
    assert_eq!(
        with(File::new("loader.js", "x")),
        PackageError::Duplicate("loader.js".into())
    );
    assert_eq!(
        with(File::new(MANIFEST, "x")),
        PackageError::Reserved(MANIFEST.into())
    );
    assert_eq!(
        with(File::new("ims_xml.xsd", "x")),
        PackageError::Reserved("ims_xml.xsd".into())
    );
    let no_index: Vec<File> = app().into_iter().filter(|f| f.path != LAUNCH).collect();
    assert_eq!(
        package(standard, &course, no_index, &schemas(standard)),
        Err(PackageError::NoLaunchPage)
    );
    // an app without its LMS build (a debug build, or lms/ left out) would record nothing
    let without_lms: Vec<File> = app()
        .into_iter()
        .filter(|f| !f.path.starts_with("lms/"))
        .collect();
    assert_eq!(
        package(standard, &course, without_lms, &schemas(standard)),
        Err(PackageError::NoLmsBuild)
    );
    let untagged: Vec<File> = app()
        .into_iter()
        .map(|f| match f.path.as_str() {
            LAUNCH => File::new(
                LAUNCH,
                "<!doctype html><script src=\"./loader.js\"></script>",
            ),
            _ => f,
        })
        .collect();
    assert_eq!(
        package(standard, &course, untagged, &schemas(standard)),
        Err(PackageError::NoLmsBuild)
    );
    let mut few = schemas(standard);
    few.retain(|f| f.path != "ims_xml.xsd");
    assert_eq!(
        package(standard, &course, app(), &few),
        Err(PackageError::MissingSchema("ims_xml.xsd"))
    );
    let (vocabulary, vocabulary_pack) = pack_vocabulary(&bundled("dimensions.yaml"));
    let broken = pack_scenario(
        "format: 1\nid: broken\n",
        "broken",
        &vocabulary,
        &Linker::default(),
    );
    assert_eq!(
        scenario_files("broken", &vocabulary_pack.text, &broken.text, &[]),
        Err(PackageError::ScenarioFailed("broken".into()))
    );
    for e in [
        PackageError::BadPath("a//b".into()),
        PackageError::MissingSchema("x.xsd"),
        PackageError::NoLmsBuild,
    ] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn the_packager_does_no_io_so_that_it_runs_in_the_browser_too() {
    // The studio will call it from the wasm: bytes in, bytes out. (It also compiles for
    // wasm32-unknown-unknown: `cargo check -p scenario-package --target wasm32-unknown-unknown`.)
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for name in ["lib.rs", "manifest.rs", "zip.rs"] {
        let text = std::fs::read_to_string(src.join(name)).expect("source");
        let code = text.split("#[cfg(test)]").next().expect("code");
        for io in [
            "std::fs",
            "std::net",
            "std::time",
            "std::env",
            "std::process",
            "std::io",
        ] {
            assert!(!code.contains(io), "{name} uses {io}");
        }
    }
}

#[test]
fn the_lms_build_is_read_off_the_loader_tag() {
    assert_eq!(
        lms_build(INDEX_HTML),
        Some(["lms/app-89ab.js", "lms/app-89ab_bg.wasm"])
    );
    assert_eq!(lms_build("<script data-js=\"./a.js\"></script>"), None);
    assert_eq!(
        lms_build("<script data-lms-js=\"\" data-lms-wasm=\"./b.wasm\"></script>"),
        None
    );
    assert_eq!(lms_build("<script data-lms-js=\"./a.js"), None, "unclosed");
    assert_eq!(launch_parameters("got-kids"), "#/s/got-kids");
}
