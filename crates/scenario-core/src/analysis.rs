//! Stage three, analysis: what the author needs to know beyond one file's errors, on the
//! states a learner can really be in ([`graph`]). The checker's path warnings and errors
//! ([`check`]), what the paths can score ([`stats`]), the searches for passing playthroughs
//! that end badly or take a marked choice ([`passing`]), the trainer's routes
//! (`Routes::of`) and the library audit ([`audit`]). None of it runs in the learner's app.

mod accumulate;
pub mod audit;
mod checks;
pub mod graph;
pub mod links;
pub mod passing;
mod routes;
pub mod stats;

pub use accumulate::RangeLimit;
pub use checks::{check, check_with_budget};
pub use graph::{offered_in, Edge, State, StateGraph, MOVE_BUDGET, STATE_BUDGET};
