//! `scenario graph`: the branching map as Graphviz dot or Mermaid.

use crate::{GraphFormat, Outcome};
use std::path::Path;

/// Runs `graph`.
pub fn run(file: &Path, format: GraphFormat) -> Outcome {
    let _ = (file, format);
    anyhow::bail!("`graph` is being written")
}
