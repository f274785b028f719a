//! The screens and their parts. Components take props and emit callbacks; only
//! [`crate::app`] dispatches actions, navigates and saves.

pub mod catalogue_screen;
pub mod debrief;
pub mod header;
pub mod history_screen;
pub mod intro;
pub mod load_error;
pub mod play;
pub mod print_record;
pub mod reflection;
pub mod review;
pub mod settings_screen;
pub mod text;
pub mod trainer;
