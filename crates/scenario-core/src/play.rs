//! Stage four, play: a learner's play-through as a value ([`session`]), scored by the
//! normative rules ([`scoring`]), and the trainer's jump to a moment, a replay of a route
//! found at pack time ([`routes`]); and finding the glossary's terms in a scenario's text
//! ([`links`]). This is what the learner's app runs.

pub mod links;
pub mod routes;
pub mod scoring;
pub mod session;
