//! `scenario stats`: counts, playthroughs and the score range a scenario's paths can reach.

use crate::{Format, Outcome};
use std::path::Path;

/// Runs `stats`.
pub fn run(file: &Path, format: Format) -> Outcome {
    let _ = (file, format);
    anyhow::bail!("`stats` is being written")
}
