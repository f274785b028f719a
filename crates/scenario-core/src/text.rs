//! Stage one: source text with positions. A file's bytes become text ([`position`]), the text
//! a YAML tree with a [`Span`](span::Span) on every key and value ([`yaml`]), and whatever is
//! wrong with it a `Diagnostic` at the key or value concerned. Only [`span`] is in the player
//! half (the model keeps positions); the rest is the author's (the `author` feature).

#[cfg(feature = "author")]
pub mod diagnostic;
#[cfg(feature = "author")]
pub mod position;
pub mod span;
#[cfg(feature = "author")]
pub mod yaml;
