//! Test scaffolding shared by scenario-core's tests and benchmarks, the app's native tests
//! and the fuzz targets, in one crate instead of files included by `#[path]` (a dev-dependency
//! only: nothing here reaches the app or the CLI).
//!
//! - [`gen`]: a seeded generator of awkward text and damaged copies of a text;
//! - [`generate`]: large generated scenarios (benchmarks, limits);
//! - [`pipeline`]: the whole pipeline a file goes through, with the checker's promises as
//!   assertions (the fuzz targets and the kept fuzz findings);
//! - [`json_oracle`]: the saved-session JSON against serde_json;
//! - [`golden`]: golden files, the saved records' reference;
//! - [`files`]: the workspace's folders and the bundled scenarios;
//! - [`author`]: the core's author half, for the tests of the learner's app.

pub mod author;
pub mod files;
pub mod gen;
pub mod generate;
pub mod golden;
pub mod json_oracle;
pub mod pipeline;
