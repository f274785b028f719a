//! Playing a step: narration, spoken lines and either the choices (numbered buttons; the
//! keys 1–9 choose too), the feedback on the choice just taken (in a polite live region,
//! with a red-line notice when it crossed one) or a Continue button on a passage. In trainer
//! mode every choice shows its scores and route, and a "jump to a moment" list is offered.

use crate::browser::{is_typing_or_shortcut, KeyListener};
use crate::components::text::{linked, spoken_line};
use crate::components::trainer::{choice_details, JumpList};
use crate::player::Play;
use scenario_core::model::links::Place;
use scenario_core::model::{NodeIndex, NodeKind};
use yew::prelude::*;

/// Props of [`PlayScreen`].
#[derive(Properties, PartialEq)]
pub struct PlayProps {
    /// The open scenario and the learner's progress in it.
    pub play: Play,
    /// Shuffle the choices (else file order).
    pub shuffle: bool,
    /// Show the trainer's view.
    pub trainer: bool,
    /// Put on the new content's heading; the app focuses it on every step.
    pub focus_ref: NodeRef,
    /// Take the choice with this id.
    pub on_choose: Callback<String>,
    /// Move on (past feedback or a passage).
    pub on_continue: Callback<()>,
    /// Go to the debrief (shown only if an ending is ever on screen without feedback).
    pub on_debrief: Callback<()>,
    /// Stop for now, back to the catalogue.
    pub on_stop: Callback<()>,
    /// Trainer mode: replay to the node with this id.
    pub on_jump: Callback<String>,
}

/// The playing screen.
#[function_component(PlayScreen)]
pub fn play_screen(props: &PlayProps) -> Html {
    let play = &props.play;
    let scenario = &play.scenario;
    let pending = play.pending.as_ref();
    let choices = if pending.is_none() {
        play.session.display_order(scenario, props.shuffle)
    } else {
        Vec::new()
    };
    let keyed: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();

    // The number keys choose, while choices are on screen.
    {
        let on_choose = props.on_choose.clone();
        use_effect_with(keyed.clone(), move |keyed| {
            let keyed = keyed.clone();
            let listener = (!keyed.is_empty()).then(|| {
                KeyListener::new(move |event| {
                    if is_typing_or_shortcut(&event) {
                        return;
                    }
                    let chosen = event
                        .key()
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| n.checked_sub(1))
                        .and_then(|i| keyed.get(i));
                    if let Some(id) = chosen {
                        event.prevent_default();
                        on_choose.emit(id.clone());
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Under pending feedback, the decision it answers stays on screen.
    let shown = pending.map_or_else(|| play.session.node_index(scenario), |p| p.node);
    let Some(node) = scenario.nodes.get(shown) else {
        return html! { <p class="notice notice-error">{ "This step could not be found in the scenario." }</p> };
    };
    let step_ref = if pending.is_none() {
        props.focus_ref.clone()
    } else {
        NodeRef::default()
    };
    let on_continue = props.on_continue.reform(|_: MouseEvent| ());

    let body = match (&node.kind, pending) {
        (NodeKind::Decision(all), Some(pending)) => {
            let text = all
                .iter()
                .find(|c| c.id == pending.choice)
                .map(|c| c.text.clone())
                .unwrap_or_default();
            html! {
                <div class="your-choice">
                    <h3>{ "You chose" }</h3>
                    <p>{ text }</p>
                </div>
            }
        }
        (NodeKind::Decision(_), None) => {
            let count = choices.len();
            html! {
                <>
                    <h3 id="choices-heading" class="choices-heading">{ "What do you do?" }</h3>
                    if (2..=9).contains(&count) {
                        <p class="hint" id="choices-hint">{ format!("Choose a response, or press a number key from 1 to {count}.") }</p>
                    }
                    <ol class="choices" aria-labelledby="choices-heading">
                        { for choices.iter().enumerate().map(|(i, choice)| {
                            let id = choice.id.clone();
                            let onclick = props.on_choose.reform(move |_: MouseEvent| id.clone());
                            html! {
                                <li>
                                    <button type="button" class="choice" data-choice={choice.id.clone()} {onclick}>
                                        if i < 9 {
                                            <span class="choice-key" aria-hidden="true">{ i + 1 }</span>
                                        }
                                        <span class="choice-text">{ &choice.text }</span>
                                    </button>
                                    if props.trainer {
                                        { choice_details(scenario, choice) }
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                </>
            }
        }
        (NodeKind::Passage(_), _) => html! {
            <div class="actions">
                <button type="button" class="button primary" data-testid="continue" onclick={on_continue.clone()}>{ "Continue" }</button>
            </div>
        },
        (NodeKind::Ending(ending), _) => {
            let on_debrief = props.on_debrief.reform(|_: MouseEvent| ());
            html! {
                <div class="actions">
                    <p><strong>{ &ending.title }</strong></p>
                    <button type="button" class="button primary" data-testid="continue" onclick={on_debrief}>{ "See how it went" }</button>
                </div>
            }
        }
    };

    let feedback = pending.map(|pending| {
        // The choice's place in its decision, where the pack's links for its texts are.
        let at = match &node.kind {
            NodeKind::Decision(all) => all.iter().position(|c| c.id == pending.choice),
            _ => None,
        };
        let links = |place: fn(NodeIndex, usize) -> Place| {
            at.map_or(&[][..], |c| play.links.at(place(pending.node, c)))
        };
        let label = if play.finished() { "See how it went" } else { "Continue" };
        html! {
            <section class="feedback" data-testid="feedback" aria-labelledby="feedback-heading">
                <h2 id="feedback-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Feedback on your choice" }</h2>
                if let Some(reason) = &pending.critical {
                    <div class="critical-notice" data-testid="critical-notice">
                        <p class="critical-title">{ "This crosses a red line" }</p>
                        { linked(reason, links(Place::Critical)) }
                    </div>
                }
                { pending.feedback.as_deref().map_or_else(|| html! { <p>{ "There is no feedback for this choice." }</p> }, |text| linked(text, links(Place::Feedback))) }
                <div class="actions">
                    <button type="button" class="button primary" data-testid="continue" onclick={on_continue.clone()}>{ label }</button>
                </div>
            </section>
        }
    });

    let on_stop = props.on_stop.reform(|_: MouseEvent| ());
    html! {
        <article class="play" aria-labelledby="play-heading">
            <h1 id="play-heading" class="play-title">{ &scenario.title }</h1>
            if let Some(notice) = &play.notice {
                <p class="notice notice-warning" role="status" data-testid="resume-notice">{ notice }</p>
            }
            if let Some(error) = &play.error {
                <p class="notice notice-error" role="alert">{ format!("That step could not be taken: {error}.") }</p>
            }
            <section class="step" aria-labelledby="step-heading" data-node={node.id.clone()}>
                <h2 id="step-heading" class="step-heading" tabindex="-1" ref={step_ref}>{ format!("Step {}", play.step()) }</h2>
                if let Some(narration) = &node.narration {
                    <div class="narration">{ linked(narration, play.links.at(Place::Narration(shown))) }</div>
                }
                { for node.say.iter().enumerate().map(|(i, line)| spoken_line(scenario, line, play.links.at(Place::Say(shown, i)))) }
                { body }
            </section>
            <div class="feedback-region" aria-live="polite">
                { feedback.unwrap_or_default() }
            </div>
            if props.trainer {
                <JumpList scenario={scenario.clone()} routes={play.routes.clone()} current={node.id.clone()} on_jump={props.on_jump.clone()} />
            }
            <p class="stop">
                <button type="button" class="link-button" data-testid="stop" onclick={on_stop}>{ "Stop for now" }</button>
                { " Your progress is saved on this device, so you can come back to it." }
            </p>
        </article>
    }
}
