//! The screens and their parts. Components take props and emit callbacks; only
//! [`crate::app`] dispatches actions and navigates.

pub mod catalogue_screen;
pub mod debrief;
pub mod intro;
pub mod load_error;
pub mod play;
pub mod text;
