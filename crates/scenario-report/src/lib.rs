//! scenario-report: what a cohort chose at each decision, where it went wrong, which red
//! lines it crossed and how it did on each dimension.
//!
//! Pipeline, all pure (callers do the I/O and hand over text, so this compiles to
//! `wasm32-unknown-unknown` for the trainer page as it does for the CLI):
//!
//! ```text
//! xAPI statements ─► statement::Reader ─┐
//! LMS export (CSV) ─► lms::read ────────┼─► cohort::Cohort (a Tally per scenario: counts only)
//! ClickHouse rows (sql/*.sql) ─► sql ───┘        │
//!                                                ▼
//!            report::Report::build(tally, scenario file?, vocabulary?, options)
//!                                                │
//!                      render: json / csv / html (with svg charts)
//! ```
//!
//! [`select`] picks the activities and the scenario model of each report, and [`lrs`] holds the
//! statements API's addresses: both shared by the CLI and the trainer page, so the two show
//! the same report.

pub mod cohort;
pub mod lms;
pub mod lrs;
pub mod render;
pub mod report;
pub mod select;
pub mod sql;
pub mod statement;
pub mod svg;
pub mod time;

pub use cohort::{Cohort, Filter, Tally};
pub use report::{Options, Report};
pub use statement::Reader;
