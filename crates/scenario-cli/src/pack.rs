//! `scenario pack`: turns a folder of YAML files into what the app fetches.
//!
//! Every `*.yaml` file in the folder becomes `OUT/<stem>.json` (see `scenario_core::pack`):
//! the scenario as the loader built it, or the file's errors, which the app shows as a
//! notice. `dimensions.yaml` becomes `OUT/dimensions.json` and is what the scenarios are
//! loaded against; `glossary.yaml`, when there is one, becomes `OUT/glossary.json`. trunk
//! runs this after every build (`Trunk.toml`, `[[hooks]]`), so the browser never parses
//! YAML.
//!
//! A file with errors does not stop the pack, as it never stopped the app: its errors are
//! printed here and packed for the app. Exit 0 then; 2 when a file cannot be read or
//! written.

use crate::source::{expand, read_text};
use crate::Outcome;
use anyhow::{bail, Context};
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
        match path.file_stem().and_then(|s| s.to_str()) {
            Some(stem) => stems.push(stem.to_owned()),
            None => eprintln!("skipping {}: its name is not valid UTF-8", path.display()),
        }
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

    let mut failed = 0;
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
    }
    let glossary = dir.join(scenario_core::glossary::FILE);
    if glossary.is_file() {
        let packed = match read_text(&glossary)
            .with_context(|| format!("cannot read {}", glossary.display()))?
        {
            Ok(src) => scenario_core::glossary::load::pack_glossary(&src),
            Err(d) => pack::pack_errors(scenario_core::glossary::FILE, &[d]),
        };
        report("glossary", &packed);
        write("glossary.json", &packed.text)?;
    }
    eprintln!(
        "packed {} scenario(s) into {}{}",
        stems.len(),
        out.display(),
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
