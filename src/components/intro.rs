//! A scenario's introduction: title, setting, who you will meet and the content note (with a
//! pointer to the support panel), with Start (or carry on, when progress is saved) and "Not
//! today"; the trainer notes in trainer mode.

use crate::components::catalogue_screen::{audiences, minutes_text};
use crate::components::text::{isolated_list, paragraphs};
use crate::components::trainer::TrainerNotes;
use crate::player::Play;
use yew::prelude::*;

/// Shown when a scenario has no `content_note` of its own.
pub const DEFAULT_CONTENT_NOTE: &str = "This scenario involves conversations about sexual offending, described without detail. You can stop at any time; if it brings something up, talk to your manager or a colleague, or use your employer's support service.";

/// Props of [`Intro`].
#[derive(Properties, PartialEq)]
pub struct IntroProps {
    /// The open scenario and the learner's progress in it.
    pub play: Play,
    /// Show the trainer notes.
    pub trainer: bool,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Start, or carry on from saved progress.
    pub on_start: Callback<()>,
    /// Throw saved progress away and start from the beginning.
    pub on_start_over: Callback<()>,
    /// Back to the catalogue.
    pub on_not_today: Callback<()>,
}

/// The introduction.
#[function_component(Intro)]
pub fn intro(props: &IntroProps) -> Html {
    let scenario = &props.play.scenario;
    let in_progress = props.play.started() && !props.play.finished();
    let finished = props.play.finished();
    let start_label = if in_progress {
        "Carry on where you left off"
    } else if finished {
        "Start again"
    } else {
        "Start"
    };
    let note = scenario
        .content_note
        .as_deref()
        .unwrap_or(DEFAULT_CONTENT_NOTE);
    let on_start = props.on_start.reform(|_: MouseEvent| ());
    let on_start_over = props.on_start_over.reform(|_: MouseEvent| ());
    let on_not_today = props.on_not_today.reform(|_: MouseEvent| ());
    html! {
        <article class="intro" aria-labelledby="intro-heading">
            <h1 id="intro-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ &scenario.title }</h1>
            <p class="lede">{ &scenario.summary }</p>
            if let Some(notice) = &props.play.notice {
                <p class="notice notice-warning" role="status" data-testid="resume-notice">{ notice }</p>
            }
            <aside class="content-note" aria-labelledby="content-note-heading">
                <h2 id="content-note-heading">{ "Before you start" }</h2>
                { paragraphs(note) }
                <p class="support-pointer">{ "Support is always one step away: \u{201c}If this brings something up\u{201d} at the top of every page." }</p>
            </aside>
            if props.trainer {
                <TrainerNotes notes={scenario.trainer_notes.clone()} />
            }
            <h2>{ "Setting" }</h2>
            { paragraphs(&scenario.setting) }
            if !scenario.characters.is_empty() {
                <h2>{ "Who you will meet" }</h2>
                <ul class="characters">
                    { for scenario.characters.iter().map(|c| html! {
                        <li>
                            <strong>{ &c.name }</strong>
                            if let Some(role) = &c.role { { format!(", {role}") } }
                        </li>
                    }) }
                </ul>
            }
            <dl class="meta">
                if !scenario.audiences.is_empty() {
                    <div><dt>{ "For" }</dt><dd>{ audiences(&scenario.audiences) }</dd></div>
                }
                if let Some(minutes) = scenario.minutes {
                    <div><dt>{ "Time" }</dt><dd>{ minutes_text(minutes) }</dd></div>
                }
                if !scenario.topics.is_empty() {
                    <div><dt>{ "Topics" }</dt><dd>{ isolated_list(scenario.topics.iter().map(|t| t.label.as_str())) }</dd></div>
                }
            </dl>
            if in_progress {
                <p>{ "You have already started this scenario. Your progress is saved on this device." }</p>
            }
            <div class="actions">
                <button type="button" class="button primary" data-testid="start" onclick={on_start}>{ start_label }</button>
                if in_progress {
                    <button type="button" class="button" data-testid="start-over" onclick={on_start_over}>{ "Start from the beginning" }</button>
                }
                <button type="button" class="button" data-testid="not-today" onclick={on_not_today}>{ "Not today" }</button>
            </div>
        </article>
    }
}
