//! Stage four, play: a learner's play-through as a value ([`session`]), scored by the
//! normative rules ([`scoring`]), and the trainer's jump to a moment, a replay of a route
//! found at pack time ([`routes`]). This is what the learner's app runs.

pub mod routes;
pub mod scoring;
pub mod session;
