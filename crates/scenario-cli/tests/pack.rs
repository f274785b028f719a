//! `scenario pack`, which the build runs: every scenario file of a folder becomes the JSON
//! the app fetches, listed in `index.json`; a broken file is packed as its errors (and
//! printed), without failing the build; the shared files are not scenarios; a missing folder,
//! or a file whose pack would overwrite the index, is a usage error.

mod support;

use scenario_core::index::{read_index, Index};
use scenario_core::model::links::Place;
use scenario_core::pack::{read_scenario, read_vocabulary};
use support::{root, scenario, Scratch};

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("scratch path is UTF-8")
}

#[test]
fn a_folder_packs_file_for_file_and_a_broken_one_as_its_errors() {
    let scratch = Scratch::new("pack");
    let src = scratch.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    for name in ["dimensions.yaml", "sam-lets-me.yaml"] {
        std::fs::copy(root().join("scenarios").join(name), src.join(name)).expect("copy");
    }
    std::fs::write(
        src.join("broken.yaml"),
        "format: 1\nid: broken\ntitle: [unclosed\n",
    )
    .expect("write");
    std::fs::write(src.join("notes.txt"), "not a scenario").expect("write");
    // The folder's shared files are not scenarios (the glossary becomes a page only with
    // --site: the next test).
    std::fs::write(src.join("glossary.yaml"), "format: 1\nterms: []\n").expect("write");
    // A name the app could not fetch by is left out, and said so.
    std::fs::write(src.join("what#now.yaml"), "format: 1\n").expect("write");
    let out = scratch.path().join("out");

    let run = scenario(&["pack", path_str(&src), "--out", path_str(&out)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("packed 2 scenario(s)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 with errors"), "{}", run.stderr);
    assert!(run.stderr.contains("broken.yaml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("skipping") && run.stderr.contains("what#now.yaml"),
        "{}",
        run.stderr
    );

    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("out/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "broken.json",
            "dimensions.json",
            "index.json",
            "sam-lets-me.json"
        ]
    );

    let read = |name: &str| std::fs::read_to_string(out.join(name)).expect("a pack");
    let vocabulary = read_vocabulary(&read("dimensions.json")).expect("the vocabulary");
    assert!(vocabulary.dimensions.iter().any(|d| d.id == "boundaries"));
    let (scenario, routes, links) =
        read_scenario(&read("sam-lets-me.json"), "sam-lets-me").expect("the scenario");
    assert!(links.0.is_empty(), "no --site, no glossary links");
    assert_eq!(scenario.id, "sam-lets-me");
    assert!(
        routes.reaches(scenario.start),
        "the pack carries the routes"
    );
    let failed = read_scenario(&read("broken.json"), "broken").expect_err("the errors");
    assert_eq!(failed.file, "broken.yaml");
    assert!(
        failed.errors[0].location.starts_with("broken.yaml:"),
        "{failed:?}"
    );

    // The index names the vocabulary's pack and every scenario's, in file-name order, with
    // what the catalogue lists of each, or that it failed.
    let index: Index = read_index(&read("index.json")).expect("the index");
    assert_eq!(index.vocabulary, "dimensions.json");
    assert!(!index.glossary);
    let files: Vec<&str> = index.scenarios.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["broken.json", "sam-lets-me.json"]);
    assert_eq!(index.scenarios[0].scenario, None);
    let listing = index.scenarios[1].scenario.as_ref().expect("listed");
    assert_eq!(listing.id, scenario.id);
    assert_eq!(listing.title, scenario.title);
    assert_eq!(listing.summary, scenario.summary);
    assert_eq!(listing.audiences, scenario.audiences);
    assert_eq!(listing.topics, scenario.topics);
    assert_eq!(listing.minutes, scenario.minutes);
    // The topic filter's topics: those the listed scenario has (the vocabulary loaded).
    assert_eq!(index.topics.as_ref(), Some(&scenario.topics));
}

#[test]
fn a_scenario_whose_pack_would_overwrite_the_index_is_a_usage_error() {
    let scratch = Scratch::new("pack-index-name");
    let src = scratch.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::copy(
        root().join("scenarios/dimensions.yaml"),
        src.join("dimensions.yaml"),
    )
    .expect("copy");
    std::fs::write(src.join("index.yaml"), "format: 1\nid: index\n").expect("write");
    let out = scratch.path().join("out");
    let run = scenario(&["pack", path_str(&src), "--out", path_str(&out)]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("would overwrite the index"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let scratch = Scratch::new("pack-missing");
    let missing = scratch.path().join("nope");
    let run = scenario(&[
        "pack",
        path_str(&missing),
        "--out",
        path_str(scratch.path()),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("there is no folder"), "{}", run.stderr);
}

/// The built app's page, as trunk writes it: its policy and its hashed stylesheet.
const APP_PAGE: &str = r#"<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'">
<link rel="stylesheet" href="./app-0123abcd.css" integrity="sha384-x"/>
</head><body></body></html>"#;

#[test]
fn with_site_the_glossary_is_a_page_and_the_packs_link_to_it() {
    let scratch = Scratch::new("pack-glossary");
    let src = scratch.path().join("src");
    let site = scratch.path().join("site");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::create_dir(&site).expect("mkdir");
    for name in ["dimensions.yaml", "glossary.yaml", "sam-lets-me.yaml"] {
        std::fs::copy(root().join("scenarios").join(name), src.join(name)).expect("copy");
    }
    std::fs::write(site.join("index.html"), APP_PAGE).expect("write");
    let out = site.join("scenarios");
    let pack = || {
        scenario(&[
            "pack",
            path_str(&src),
            "--out",
            path_str(&out),
            "--site",
            path_str(&site),
        ])
    };
    let run = pack();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("packed 1 scenario(s)"),
        "{}",
        run.stderr
    );
    let read = |path: &std::path::Path| std::fs::read_to_string(path).expect("written");
    let page = read(&site.join("glossary.html"));
    assert!(page.contains("<div class=\"entry\" id=\"mappa\"><dt>MAPPA</dt>"));
    assert!(page.contains("<link rel=\"stylesheet\" href=\"./app-0123abcd.css\">"));
    assert!(page.contains("content=\"default-src 'self'; style-src 'self'\""));
    assert!(!page.contains("<script"));
    assert!(read(&site.join("glossary.css")).contains(".entry:target"));
    assert!(read_index(&read(&out.join("index.json")))
        .map(|i: Index| i.glossary)
        .expect("the index"));
    // The glossary is not a scenario, nor packed: the page is what the app links to.
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("out/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["dimensions.json", "index.json", "sam-lets-me.json"]
    );
    // The pack links each term's first use in a text to its entry.
    let (scenario, _, links) =
        read_scenario(&read(&out.join("sam-lets-me.json")), "sam-lets-me").expect("read");
    assert!(!links.0.is_empty());
    for (place, links) in &links.0 {
        let text = place.text(&scenario).expect("a text");
        for link in links {
            assert!(
                page.contains(&format!("id=\"{}\"", link.term)),
                "{place:?}: {} links to a missing entry",
                link.term
            );
            assert!(!text[link.start..link.end].is_empty());
        }
    }
    assert!(links
        .0
        .iter()
        .any(|(p, _)| matches!(p, Place::Feedback(..))));

    // A glossary with errors: printed, and the build goes on without a page or links.
    std::fs::remove_file(site.join("glossary.html")).expect("rm");
    std::fs::write(
        src.join("glossary.yaml"),
        "format: 1\nterms:\n  mappa: {}\n",
    )
    .expect("write");
    let run = pack();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("glossary.yaml:3:3"), "{}", run.stderr);
    assert!(run.stderr.contains("no glossary page"), "{}", run.stderr);
    assert!(!site.join("glossary.html").exists());
    let (_, _, links) =
        read_scenario(&read(&out.join("sam-lets-me.json")), "sam-lets-me").expect("read");
    assert!(links.0.is_empty());
    let index: Index = read_index(&read(&out.join("index.json"))).expect("the index");
    assert!(!index.glossary);

    // A site folder that does not hold the built app is a usage error, said plainly.
    std::fs::copy(
        root().join("scenarios/glossary.yaml"),
        src.join("glossary.yaml"),
    )
    .expect("copy");
    std::fs::write(site.join("index.html"), "<html></html>").expect("write");
    let run = pack();
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("is not the built app's page"),
        "{}",
        run.stderr
    );
}
