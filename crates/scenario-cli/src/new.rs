//! `scenario new`: starts a trainer off with a scenario file that shows every feature of the
//! format, explained in comments, and that passes `check --deny-warnings` as written.
//!
//! The template is `template.yaml` beside this file, filled in by `template.rs` (which the
//! studio shares). An existing file is never overwritten.

use crate::template::{scenario_text, TEMPLATE_ACT};
use crate::Outcome;
use anyhow::{bail, Context};
use scenario_core::model::is_scenario_id;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Whether `dir/dimensions.yaml` loads and declares [`TEMPLATE_ACT`].
fn declares_template_act(dir: &Path) -> bool {
    match crate::source::read_text(&dir.join("dimensions.yaml")) {
        Ok(Ok(text)) => scenario_core::load_vocabulary(&text)
            .value
            .is_some_and(|v| v.red_line(TEMPLATE_ACT).is_some()),
        _ => false,
    }
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
    file.write_all(scenario_text(id, declares_template_act(dir)).as_bytes())
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
        for declares_act in [true, false] {
            let text = scenario_text("sam-lets-me", declares_act);
            assert!(text.contains("\nid: sam-lets-me\n"));
            assert!(!text.contains("{{"));
            assert_eq!(
                text.contains("red_lines: [unmonitored-contact]"),
                declares_act
            );
            assert_eq!(text.contains("critical: \""), !declares_act);
        }
    }
}
