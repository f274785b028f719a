//! `scenario package`: each scenario file as a SCORM package for an LMS,
//! `OUT/<id>-<standard>.zip` (see the `scenario-package` crate for what is in it and why).
//!
//! The I/O half: reads the built app (`--app`, a release `dist/`, all of it but its
//! `scenarios/` folder, which the package replaces with this scenario's; its LMS build in
//! `lms/` included, and required: without it the package would record nothing), the schema files
//! (`--schemas`, the `definitionFiles` folder `scripts/scorm-schemas.sh` prints), and each
//! scenario with the `dimensions.yaml` beside it (files outside `scenarios/` work too); packs
//! it as the build does (`scenario_core::pack`) and writes the zip. `scripts/package.sh`
//! builds the app and calls this.
//!
//! A file with errors is printed rustc-style (file:line:column) and gets no package; the
//! others still do. Exit 0 when every file was packaged, 1 when one had errors, 2 on a usage
//! or I/O problem (nothing half-written: each zip is written beside its name and renamed).

use crate::source::{load_whole, read_text};
use crate::Outcome;
use anyhow::{bail, Context};
use scenario_core::analysis::links::Linker;
use scenario_core::pack;
use scenario_package::{package, scenario_files, Course, File, Standard};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `package`.
pub fn run(
    standard: Standard,
    app: &Path,
    schemas: &Path,
    out: &Path,
    files: &[PathBuf],
) -> Outcome {
    if files.is_empty() {
        bail!("name at least one scenario file to package");
    }
    let app_files = read_app(app)?;
    check_lms_build(app, &app_files)?;
    let schema_dir = schemas.join(standard.schema_folder());
    let mut schema_files = Vec::new();
    for name in standard.schema_files() {
        let path = schema_dir.join(name);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read the schema file {} (bash scripts/scorm-schemas.sh fetches them)",
                path.display()
            )
        })?;
        schema_files.push(File::new(*name, bytes));
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;

    let mut failed = 0;
    let mut written: Vec<(String, PathBuf)> = Vec::new();
    for file in files {
        let Some(scenario) = load_whole(file, "packaged")? else {
            failed += 1;
            continue;
        };
        let folder = file.parent().unwrap_or(Path::new("."));
        // load_whole read it already; the packs are written from the same texts, as the
        // build writes them
        let dimensions = folder.join("dimensions.yaml");
        let vocabulary_src = match read_text(&dimensions)? {
            Ok(src) => src,
            Err(d) => bail!("cannot read {}: {}", dimensions.display(), d.message),
        };
        let src = match read_text(file)? {
            Ok(src) => src,
            Err(d) => bail!("cannot read {}: {}", file.display(), d.message),
        };
        let (vocabulary, vocabulary_pack) = pack::pack_vocabulary(&vocabulary_src);
        // No glossary links: a package's index says it has no glossary page (not yet wired
        // for packages), so its texts link to nothing.
        let scenario_pack =
            pack::pack_scenario(&src, &scenario.id, &vocabulary, &Linker::default());
        let course = Course::of(&scenario);
        let mut content = app_files.clone();
        content.extend(
            scenario_files(
                &scenario.id,
                &vocabulary_pack.text,
                &scenario_pack.text,
                &[],
            )
            .with_context(|| format!("cannot package {}", file.display()))?,
        );
        let made = package(standard, &course, content, &schema_files)
            .with_context(|| format!("cannot package {}", file.display()))?;
        if let Some((_, first)) = written.iter().find(|(name, _)| *name == made.file_name) {
            bail!(
                "{} and {} are both the scenario `{}`: their packages would have the same name",
                first.display(),
                file.display(),
                scenario.id
            );
        }
        let target = out.join(&made.file_name);
        let partial = out.join(format!(".{}.partial", made.file_name));
        std::fs::write(&partial, &made.zip)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, &target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        println!(
            "{}: {} ({} bytes, {} files listed, identifiers scenario-quiz.{}.*, version {})",
            target.display(),
            standard.label(),
            made.zip.len(),
            made.listed.len(),
            course.id,
            course.version
        );
        written.push((made.file_name, file.clone()));
    }
    if failed > 0 {
        eprintln!(
            "packaged {} of {} file(s): {failed} with errors, not packaged",
            written.len(),
            files.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The app's LMS build must be there: `index.html`'s loader tag names it and both files are
/// among the app's (a release build; `scripts/lms-variant.sh` is a release-only hook).
fn check_lms_build(app: &Path, files: &[File]) -> anyhow::Result<()> {
    let page = files.iter().find(|f| f.path == scenario_package::LAUNCH);
    let named = page
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .and_then(scenario_package::lms_build);
    let present = |path: &str| files.iter().any(|f| f.path == path);
    match named {
        Some([js, wasm]) if present(js) && present(wasm) => Ok(()),
        _ => bail!(
            "{} has no LMS build (lms/, named in index.html's loader tag), so a package of it \
             would record nothing in an LMS: package a release build (bash scripts/build.sh)",
            app.display()
        ),
    }
}

/// Every file of the built app under `app`, at its path relative to it, but its
/// `scenarios/` folder (the build's packs and index).
fn read_app(app: &Path) -> anyhow::Result<Vec<File>> {
    if !app.join(scenario_package::LAUNCH).is_file() {
        bail!(
            "{} is not a built app (no {}): build it first (bash scripts/build.sh)",
            app.display(),
            scenario_package::LAUNCH
        );
    }
    let mut files = Vec::new();
    let mut todo = vec![(app.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = todo.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                bail!("{}: a file name that is not UTF-8", entry.path().display());
            };
            let path = entry.path();
            let relative = format!("{prefix}{name}");
            if path.is_dir() {
                if relative != "scenarios" {
                    todo.push((path, format!("{relative}/")));
                }
            } else {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                files.push(File::new(relative, bytes));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
