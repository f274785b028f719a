//! `scenario pack`: turns a folder of YAML files into what the app fetches.
//!
//! Every scenario file in the folder (every `*.yaml` but the shared `dimensions.yaml` and
//! `glossary.yaml`) becomes `OUT/<stem>.json` (see `scenario_core::pack`): the scenario as
//! the loader built it, or the file's errors, which the app shows as a notice.
//! `dimensions.yaml` becomes `OUT/dimensions.json` and is what the scenarios are loaded
//! against. Last, `OUT/index.json` lists the packs (see `scenario_core::index`): the app
//! fetches it first and learns from it which packs there are. trunk runs this after every
//! build (`Trunk.toml`, `[[hooks]]`), so the browser never parses YAML, and adding a scenario
//! changes the packs and the index, not the wasm.
//!
//! A file with errors does not stop the pack, as it never stopped the app: its errors are
//! printed here and packed for the app. Exit 0 then; 2 when a file cannot be read or
//! written, or its pack would take the index's name (`index.yaml`).

use crate::source::{expand, read_text};
use crate::Outcome;
use anyhow::{bail, Context};
use scenario_core::index::{self, Index, IndexEntry};
use scenario_core::pack;
use std::path::Path;
use std::process::ExitCode;

/// Runs `pack`: `dir` holds `dimensions.yaml` and the scenarios; the packs go in `out`.
pub fn run(dir: &Path, out: &Path) -> Outcome {
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

    let mut failed = 0;
    let mut entries = Vec::with_capacity(stems.len());
    for stem in &stems {
        let path = dir.join(format!("{stem}.yaml"));
        let packed =
            match read_text(&path).with_context(|| format!("cannot read {}", path.display()))? {
                Ok(src) => pack::pack_scenario(&src, stem, &vocabulary),
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
    let index = if vocabulary_loaded {
        index.with_topics(&vocabulary)
    } else {
        index
    };
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

/// Prints a file's errors, as the app will show them.
fn report(stem: &str, packed: &pack::Pack) {
    if let Some(failed) = &packed.failed {
        eprintln!("{stem}.json ({} bytes) holds errors:", packed.text.len());
        for error in &failed.errors {
            eprintln!("  {}", error.line());
        }
    }
}
