//! `scenario pack`: turns a folder of YAML files into what the app fetches.
//!
//! Every scenario file in the folder (every `*.yaml` but the shared `dimensions.yaml` and
//! `glossary.yaml`) becomes `OUT/<stem>.json` (see `scenario_core::pack`): the scenario as
//! the loader built it, or the file's errors, which the app shows as a notice.
//! `dimensions.yaml` becomes `OUT/dimensions.json` and is what the scenarios are loaded
//! against. With `--site SITE` (the built app's folder, as trunk's hook gives it),
//! `glossary.yaml` becomes a page, `SITE/glossary.html` and its `glossary.css`
//! (`scenario_core::pack::page`, with the policy and stylesheet of `SITE/index.html`), and each pack carries the links from its
//! texts to the page's entries, found here so that the app never runs the matcher. Last,
//! `OUT/index.json` lists the packs (see `scenario_core::index`) and says whether there is a
//! glossary page: the app fetches it first and learns from it which packs there are. trunk
//! runs this after every build (`Trunk.toml`, `[[hooks]]`), so the browser never parses
//! YAML, and adding a scenario changes the packs and the index, not the wasm.
//!
//! A file with errors does not stop the pack, as it never stopped the app: its errors are
//! printed here and packed for the app. A glossary with errors is printed too, and the build
//! goes on without it (no page, no links, no Glossary link in the app). Exit 0 then; 2 when
//! a file cannot be read or written, `SITE/index.html` is not the app's page, or a pack
//! would take the index's name (`index.yaml`).

use crate::source::{expand, read_text};
use crate::Outcome;
use anyhow::{bail, Context};
use scenario_core::analysis::links::Linker;
use scenario_core::index::{self, Index, IndexEntry};
use scenario_core::model::glossary::{FILE as GLOSSARY, PAGE};
use scenario_core::pack;
use scenario_core::pack::page::{glossary_page, AppPage, PAGE_CSS, PAGE_CSS_FILE};
use std::path::Path;
use std::process::ExitCode;

/// Runs `pack`: `dir` holds `dimensions.yaml` and the scenarios; the packs go in `out`, and
/// with `site`, the glossary page in `site`.
pub fn run(dir: &Path, out: &Path, site: Option<&Path>) -> Outcome {
    if !dir.is_dir() {
        bail!("there is no folder {}", dir.display());
    }
    let mut stems: Vec<String> = Vec::new();
    for path in
        expand(&[dir.to_path_buf()]).with_context(|| format!("cannot list {}", dir.display()))?
    {
        let Some(name) = path.file_name().and_then(|s| s.to_str()) else {
            eprintln!("skipping {}: its name is not valid UTF-8", path.display());
            continue;
        };
        let Some(stem) = name
            .strip_suffix(".yaml")
            .filter(|_| index::is_scenario_file(name))
        else {
            continue;
        };
        let pack_name = format!("{stem}.json");
        if pack_name == index::FILE_NAME {
            bail!(
                "cannot pack {}: its pack would overwrite the index of the packs, {}; rename the file",
                path.display(),
                index::FILE_NAME
            );
        }
        if !index::is_pack_name(&pack_name) {
            eprintln!(
                "skipping {}: the app fetches each pack by its name, which must not start with `.` \
                 or hold `/`, `\\`, `?`, `#` or `%`; rename the file",
                path.display()
            );
            continue;
        }
        stems.push(stem.to_owned());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let write = |name: &str, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    };

    let dimensions = dir.join("dimensions.yaml");
    let (vocabulary, packed) = match read_text(&dimensions) {
        Ok(Ok(src)) => pack::pack_vocabulary(&src),
        Ok(Err(d)) => (
            Default::default(),
            pack::pack_errors("dimensions.yaml", &[d]),
        ),
        Err(e) => bail!("cannot read {}: {e}", dimensions.display()),
    };
    report("dimensions", &packed);
    write("dimensions.json", &packed.text)?;
    let vocabulary_loaded = packed.failed.is_none();

    let glossary = match site {
        Some(site) => glossary(dir, site)?,
        None => None,
    };
    let linker = glossary.as_ref().map(Linker::new).unwrap_or_default();

    let mut failed = 0;
    let mut entries = Vec::with_capacity(stems.len());
    for stem in &stems {
        let path = dir.join(format!("{stem}.yaml"));
        let packed =
            match read_text(&path).with_context(|| format!("cannot read {}", path.display()))? {
                Ok(src) => pack::pack_scenario(&src, stem, &vocabulary, &linker),
                Err(d) => pack::pack_errors(&format!("{stem}.yaml"), &[d]),
            };
        failed += usize::from(packed.failed.is_some());
        report(stem, &packed);
        write(&format!("{stem}.json"), &packed.text)?;
        entries.push(IndexEntry::of_pack(stem, &packed.text));
    }
    let index = Index::new("dimensions.json", entries);
    // The topic filter's topics, unless the vocabulary failed: then the app reads its pack,
    // which holds its errors.
    let mut index = if vocabulary_loaded {
        index.with_topics(&vocabulary)
    } else {
        index
    };
    index.glossary = glossary.is_some();
    write(index::FILE_NAME, &index.to_text())?;
    eprintln!(
        "packed {} scenario(s) into {}, listed in {}{}",
        stems.len(),
        out.display(),
        index::FILE_NAME,
        match failed {
            0 => String::new(),
            n => format!(": {n} with errors, which the app shows as a notice"),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Loads `dir`'s glossary and writes its page into `site`, beside the app's `index.html`:
/// the glossary, or `None` when there is none or it has errors (printed).
fn glossary(dir: &Path, site: &Path) -> anyhow::Result<Option<scenario_core::model::Glossary>> {
    let path = dir.join(GLOSSARY);
    if !path.is_file() {
        eprintln!(
            "no {}: no glossary page, and no links to one",
            path.display()
        );
        return Ok(None);
    }
    let loaded =
        match read_text(&path).with_context(|| format!("cannot read {}", path.display()))? {
            Ok(src) => pack::glossary_for_pack(&src),
            Err(d) => Err(pack::write::failure(GLOSSARY, &[d])),
        };
    let glossary = match loaded {
        Ok(glossary) => glossary,
        Err(failed) => {
            eprintln!("{GLOSSARY} holds errors: no glossary page, and no links to one");
            for error in &failed.errors {
                eprintln!("  {}", error.line());
            }
            return Ok(None);
        }
    };
    let app_page = site.join("index.html");
    let html = std::fs::read_to_string(&app_page)
        .with_context(|| format!("cannot read the app's page, {}", app_page.display()))?;
    let app = AppPage::of(&html).map_err(|why| {
        anyhow::anyhow!("{} is not the built app's page: {why}", app_page.display())
    })?;
    for (name, text) in [
        (PAGE, glossary_page(&glossary, &app)),
        (PAGE_CSS_FILE, PAGE_CSS.to_owned()),
    ] {
        let path = site.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Some(glossary))
}

/// Prints a file's errors, as the app will show them.
fn report(stem: &str, packed: &pack::Pack) {
    if let Some(failed) = &packed.failed {
        eprintln!("{stem}.json ({} bytes) holds errors:", packed.text.len());
        for error in &failed.errors {
            eprintln!("  {}", error.line());
        }
    }
}
