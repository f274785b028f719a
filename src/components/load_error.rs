//! A plain notice for a bundled file the core refused: the file's name and each error as
//! `file:line:column message`, so whoever maintains the scenarios can find and fix it.

use crate::catalogue::FailedFile;
use yew::prelude::*;

/// Props of [`LoadErrorNotice`].
#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    /// The file and its errors.
    pub failed: FailedFile,
}

/// The notice.
#[function_component(LoadErrorNotice)]
pub fn load_error_notice(props: &LoadErrorProps) -> Html {
    let failed = &props.failed;
    let count = failed.errors.len();
    html! {
        <section class="notice notice-error" data-testid="load-error">
            <h2 class="notice-title">{ format!("{} could not be loaded", failed.file) }</h2>
            <p>
                { if count == 1 { "It has 1 error. ".to_owned() } else { format!("It has {count} errors. ") } }
                { "Whoever looks after the scenarios can fix it; everything else still works." }
            </p>
            <ul class="errors">
                { for failed.errors.iter().map(|error| html! {
                    <li>
                        <code>{ &error.location }</code>{ " " }{ &error.message }
                        if let Some(hint) = &error.hint {
                            <span class="hint">{ format!(" (hint: {hint})") }</span>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}
