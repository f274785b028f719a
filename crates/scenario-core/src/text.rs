//! Stage one: source text with positions. A file's bytes become text ([`position`]), the text
//! a YAML tree with a [`Span`](span::Span) on every key and value ([`yaml`]), and whatever is
//! wrong with it a [`Diagnostic`](diagnostic::Diagnostic) at the key or value concerned.

pub mod diagnostic;
pub mod position;
pub mod span;
pub mod yaml;
