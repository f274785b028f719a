//! `scenario package` with a stand-in app and stand-in schema files: a zip per scenario file
//! (in `scenarios/` or not), the app's own `scenarios/` left out, a file with errors reported
//! file:line:column with no zip and exit 1, byte-identical zips run after run, identifiers
//! kept across a content change, and the usage errors. The real app, the real schema files
//! and the ADL validator: tests/e2e/package.test.mjs.

mod support;

use std::path::Path;
use support::{root, scenario, Scratch};

fn path_str(path: &Path) -> &str {
    path.to_str().expect("scratch path is UTF-8")
}

/// A built app's stand-in (with a `scenarios/` folder of its own, which a package replaces,
/// and the LMS build in `lms/`, named by the loader tag as scripts/lms-variant.sh names it)
/// and a schema folder holding every file name both standards need.
fn stand_ins(scratch: &Scratch) -> (std::path::PathBuf, std::path::PathBuf) {
    let app = scratch.path().join("dist");
    std::fs::create_dir_all(app.join("scenarios")).expect("mkdir");
    std::fs::create_dir_all(app.join("lms")).expect("mkdir");
    std::fs::write(
        app.join("index.html"),
        r#"<!doctype html><script type="module" src="./loader.js" data-lms-js="./lms/app-1.js" data-lms-wasm="./lms/app-1_bg.wasm" data-js="./app.js" data-wasm="./app_bg.wasm"></script>"#,
    )
    .expect("write");
    std::fs::write(app.join("lms/app-1.js"), "// the LMS build").expect("write");
    std::fs::write(app.join("lms/app-1_bg.wasm"), [0u8, 97, 115, 109]).expect("write");
    std::fs::write(app.join("loader.js"), "// loader").expect("write");
    std::fs::write(app.join("app_bg.wasm"), [0u8, 97, 115, 109]).expect("write");
    std::fs::write(app.join("scenarios/index.json"), "{}").expect("write");
    std::fs::write(app.join("scenarios/other.json"), "{}").expect("write");
    let schemas = scratch.path().join("schemas");
    for standard in scenario_package::Standard::ALL {
        let dir = schemas.join(standard.schema_folder());
        std::fs::create_dir_all(&dir).expect("mkdir");
        for name in standard.schema_files() {
            std::fs::write(dir.join(name), format!("<!-- {name} -->")).expect("write");
        }
    }
    (app, schemas)
}

/// Every entry of a zip, read off its central directory: name and (inflated) bytes.
fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([zip[i], zip[i + 1]]));
    let u32_at =
        |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let end = zip.len() - 22;
    let mut at = u32_at(end + 16);
    (0..u16_at(end + 10))
        .map(|_| {
            let (method, compressed, len) = (u16_at(at + 10), u32_at(at + 20), u16_at(at + 28));
            let name = String::from_utf8(zip[at + 46..at + 46 + len].to_vec()).expect("utf-8");
            let data_at = u32_at(at + 42) + 30 + len;
            let data = &zip[data_at..data_at + compressed];
            let bytes = match method {
                0 => data.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec(data).expect("inflates"),
                other => panic!("{name}: method {other}"),
            };
            at += 46 + len;
            (name, bytes)
        })
        .collect()
}

fn zip_names(zip: &[u8]) -> Vec<String> {
    unzip(zip).into_iter().map(|(name, _)| name).collect()
}

/// The manifest's identifiers, in document order, and its version.
fn manifest_ids(zip: &[u8]) -> (Vec<String>, String) {
    let (_, manifest) = unzip(zip)
        .into_iter()
        .find(|(name, _)| name == "imsmanifest.xml")
        .expect("a manifest");
    let manifest = String::from_utf8(manifest).expect("utf-8");
    let quoted = |after: &str| -> Vec<String> {
        manifest
            .split(after)
            .skip(1)
            .map(|s| s[..s.find('"').expect("closed")].to_owned())
            .collect()
    };
    // the first `version` is the XML declaration's
    (quoted(" identifier=\""), quoted(" version=\"")[1].clone())
}

fn package(
    standard: &str,
    app: &Path,
    schemas: &Path,
    out: &Path,
    files: &[&Path],
) -> support::Run {
    let mut args = vec![
        "package",
        "--standard",
        standard,
        "--app",
        path_str(app),
        "--schemas",
        path_str(schemas),
        "--out",
        path_str(out),
    ];
    args.extend(files.iter().map(|f| path_str(f)));
    scenario(&args)
}

#[test]
fn each_file_gets_its_zip_and_a_file_with_errors_gets_none() {
    let scratch = Scratch::new("package");
    let (app, schemas) = stand_ins(&scratch);
    // a scenario outside scenarios/, with its own dimensions.yaml
    let elsewhere = scratch.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::copy(
        root().join("scenarios/dimensions.yaml"),
        elsewhere.join("dimensions.yaml"),
    )
    .expect("copy");
    let own = std::fs::read_to_string(root().join("scenarios/got-kids.yaml"))
        .expect("read")
        .replacen("id: got-kids", "id: my-own", 1);
    std::fs::write(elsewhere.join("my-own.yaml"), own).expect("write");
    std::fs::write(
        elsewhere.join("broken.yaml"),
        "format: 1\nid: broken\ntitle: [unclosed\n",
    )
    .expect("write");
    let out = scratch.path().join("out");

    let bundled = root().join("scenarios/sam-lets-me.yaml");
    let run = package(
        "scorm12",
        &app,
        &schemas,
        &out,
        &[
            &bundled,
            &elsewhere.join("broken.yaml"),
            &elsewhere.join("my-own.yaml"),
        ],
    );
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("broken.yaml:4:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot be packaged: it has errors"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("packaged 2 of 3 file(s)"),
        "{}",
        run.stderr
    );
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("out/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["my-own-scorm12.zip", "sam-lets-me-scorm12.zip"]);
    assert!(
        run.stdout.contains("sam-lets-me-scorm12.zip: SCORM 1.2 ("),
        "{}",
        run.stdout
    );

    let zip = std::fs::read(out.join("my-own-scorm12.zip")).expect("zip");
    assert_eq!(
        zip_names(&zip),
        [
            "adlcp_rootv1p2.xsd",
            "app_bg.wasm",
            "ims_xml.xsd",
            "imscp_rootv1p1p2.xsd",
            "imsmanifest.xml",
            "index.html",
            "lms/",
            "lms/app-1.js",
            "lms/app-1_bg.wasm",
            "loader.js",
            "scenarios/",
            "scenarios/dimensions.json",
            "scenarios/index.json",
            "scenarios/my-own.json",
        ],
        "the app's own scenarios/ is replaced by this scenario's"
    );
}

#[test]
fn zips_are_byte_identical_run_after_run_and_identifiers_survive_a_content_change() {
    let scratch = Scratch::new("package-stable");
    let (app, schemas) = stand_ins(&scratch);
    let src = scratch.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::copy(
        root().join("scenarios/dimensions.yaml"),
        src.join("dimensions.yaml"),
    )
    .expect("copy");
    let text = std::fs::read_to_string(root().join("scenarios/got-kids.yaml")).expect("read");
    std::fs::write(src.join("got-kids.yaml"), &text).expect("write");
    let file = src.join("got-kids.yaml");
    for standard in ["scorm12", "scorm2004"] {
        let first = scratch.path().join(format!("first-{standard}"));
        let second = scratch.path().join(format!("second-{standard}"));
        let a = package(standard, &app, &schemas, &first, &[&file]);
        let b = package(standard, &app, &schemas, &second, &[&file]);
        assert_eq!(
            (a.code, b.code),
            (Some(0), Some(0)),
            "{}{}",
            a.stderr,
            b.stderr
        );
        let name = format!("got-kids-{standard}.zip");
        let zip = std::fs::read(first.join(&name)).expect("zip");
        assert_eq!(
            zip,
            std::fs::read(second.join(&name)).expect("zip"),
            "{standard}"
        );

        std::fs::write(&file, text.replacen("title: \"", "title: \"Revised: ", 1)).expect("write");
        let changed_dir = scratch.path().join(format!("changed-{standard}"));
        let c = package(standard, &app, &schemas, &changed_dir, &[&file]);
        std::fs::write(&file, &text).expect("write");
        assert_eq!(c.code, Some(0), "{}", c.stderr);
        assert_ne!(zip, std::fs::read(changed_dir.join(&name)).expect("zip"));
        let (ids, version) = manifest_ids(&zip);
        let (changed_ids, changed_version) =
            manifest_ids(&std::fs::read(changed_dir.join(&name)).expect("zip"));
        assert_eq!(
            ids,
            [
                "scenario-quiz.got-kids",
                "scenario-quiz.got-kids.organization",
                "scenario-quiz.got-kids.item",
                "scenario-quiz.got-kids.sco",
            ]
        );
        assert_eq!(changed_ids, ids, "the same identifiers after a change");
        assert_ne!(changed_version, version, "a new version");
        assert_eq!(version.len(), 16);
    }
}

#[test]
fn usage_problems_exit_2_and_write_nothing() {
    let scratch = Scratch::new("package-usage");
    let (app, schemas) = stand_ins(&scratch);
    let out = scratch.path().join("out");
    let file = root().join("scenarios/got-kids.yaml");
    let run = package("scorm3000", &app, &schemas, &out, &[&file]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("use scorm12 or scorm2004"),
        "{}",
        run.stderr
    );
    let run = package(
        "scorm12",
        &scratch.path().join("nowhere"),
        &schemas,
        &out,
        &[&file],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("is not a built app (no index.html)"),
        "{}",
        run.stderr
    );
    // a build without the LMS runtime (a debug build) would record nothing in an LMS
    let debug = scratch.path().join("debug-dist");
    std::fs::create_dir_all(&debug).expect("mkdir");
    std::fs::write(debug.join("index.html"), "<!doctype html>").expect("write");
    let run = package("scorm12", &debug, &schemas, &out, &[&file]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("has no LMS build"), "{}", run.stderr);
    let run = package(
        "scorm2004",
        &app,
        &scratch.path().join("no-schemas"),
        &out,
        &[&file],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("cannot read the schema file"),
        "{}",
        run.stderr
    );
    let run = package(
        "scorm12",
        &app,
        &schemas,
        &out,
        &[&scratch.path().join("missing.yaml")],
    );
    assert_eq!(run.code, Some(2));
    let twice = package("scorm12", &app, &schemas, &out, &[&file, &file]);
    assert_eq!(twice.code, Some(2));
    assert!(twice.stderr.contains("same name"), "{}", twice.stderr);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers.iter().all(|n| n == "got-kids-scorm12.zip"),
        "no partial file left: {leftovers:?}"
    );
}
