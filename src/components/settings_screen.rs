//! Settings for this device: shuffled choices, trainer mode and large text, each a checkbox
//! that takes effect at once and is remembered.

use crate::settings::Settings;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`SettingsScreen`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The current settings.
    pub settings: Settings,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// The settings changed.
    pub on_change: Callback<Settings>,
}

/// The settings page.
#[function_component(SettingsScreen)]
pub fn settings_screen(props: &SettingsProps) -> Html {
    let settings = props.settings;
    let toggle = |id: &'static str,
                  label: &'static str,
                  hint: &'static str,
                  on: bool,
                  apply: fn(Settings, bool) -> Settings| {
        let onchange = props.on_change.reform(move |e: Event| {
            apply(
                settings,
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            )
        });
        let hint_id = format!("{id}-hint");
        html! {
            <div class="setting">
                <input type="checkbox" id={id} data-testid={id} checked={on} aria-describedby={hint_id.clone()} {onchange} />
                <div>
                    <label for={id}>{ label }</label>
                    <p class="hint" id={hint_id}>{ hint }</p>
                </div>
            </div>
        }
    };
    html! {
        <section class="settings" aria-labelledby="settings-heading">
            <h1 id="settings-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Settings" }</h1>
            <p class="lede">{ "These apply to this browser on this device and are remembered." }</p>
            <form class="settings-form" onsubmit={|e: SubmitEvent| e.prevent_default()}>
                <fieldset>
                    <legend>{ "Playing" }</legend>
                    { toggle("setting-shuffle", "Shuffle the choices",
                        "Each attempt shows the responses in its own order, so the best one is never always first. Turn off to show them in the order they were written, for a walkthrough with a group.",
                        settings.shuffle, |s, on| Settings { shuffle: on, ..s }) }
                </fieldset>
                <fieldset>
                    <legend>{ "Training a group" }</legend>
                    { toggle("setting-trainer", "Trainer mode",
                        "Shows every choice\u{2019}s scores, red lines and where it leads, the trainer notes, and a list to jump to any moment. Play-throughs are not recorded in the history while it is on.",
                        settings.trainer, |s, on| Settings { trainer: on, ..s }) }
                    { toggle("setting-large-text", "Large text",
                        "Bigger text for a projector or a screen at the front of a room.",
                        settings.large_text, |s, on| Settings { large_text: on, ..s }) }
                    // The trainer's page, its own bundle (report.html, docs/lms.md).
                    <p><a href="report.html">{ "Cohort report" }</a></p>
                </fieldset>
            </form>
            <p>{ "To remove everything this app keeps on this device, use " }<a href="#/history">{ "Clear my data on the History page" }</a>{ "." }</p>
        </section>
    }
}
