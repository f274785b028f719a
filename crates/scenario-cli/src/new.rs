//! `scenario new`: starts a trainer off with a scenario file that shows every feature of the
//! format, explained in comments, and that passes `check --deny-warnings` as written.
//!
//! The template is `template.yaml` beside this file, embedded at build time; `{{id}}` in it
//! is replaced by the new id. An existing file is never overwritten.

use crate::Outcome;
use anyhow::{bail, Context};
use scenario_core::load::is_scenario_id;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The template, with `{{id}}` where the id goes.
const TEMPLATE: &str = include_str!("template.yaml");

/// The template for `id`.
fn scenario_text(id: &str) -> String {
    TEMPLATE.replace("{{id}}", id)
}

/// Runs `new`: writes `DIR/ID.yaml`. A bad id, a missing folder or an existing file is a
/// usage error (exit 2) with a message saying what to do.
pub fn run(id: &str, dir: &Path) -> Outcome {
    if !is_scenario_id(id) {
        bail!(
            "`{id}` is not a valid scenario id: use 1 to 64 lowercase letters, digits and \
             hyphens, starting with a letter or digit (for example `sam-lets-me`)"
        );
    }
    if !dir.is_dir() {
        bail!(
            "there is no folder {}: create it first, or choose another with --dir",
            dir.display()
        );
    }
    let path = dir.join(format!("{id}.yaml"));
    // `create_new` refuses an existing file in the same step that creates the new one.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; it was left as it is. Choose another id, or delete the file first",
            path.display()
        ),
        Err(err) => return Err(err).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(scenario_text(id).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {}", path.display());
    if !dir.join("dimensions.yaml").is_file() {
        println!(
            "note: there is no dimensions.yaml in {}; the checker needs one beside the scenario",
            dir.display()
        );
    }
    println!(
        "next: edit it, then run `cargo run -q --bin scenario -- check {}`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_scenario_id_rule() {
        for (id, ok) in [
            ("sam-lets-me", true),
            ("4-promise", true),
            ("a", true),
            (&"a".repeat(64), true),
            (&"a".repeat(65), false),
            ("", false),
            ("-starts-with-hyphen", false),
            ("Capital", false),
            ("under_score", false),
            ("dots.yaml", false),
            ("../escape", false),
            ("spa ce", false),
            ("é", false),
        ] {
            assert_eq!(is_scenario_id(id), ok, "{id:?}");
        }
    }

    #[test]
    fn the_template_names_the_id_and_keeps_no_placeholder() {
        let text = scenario_text("sam-lets-me");
        assert!(text.contains("\nid: sam-lets-me\n"));
        assert!(!text.contains("{{"));
    }
}
