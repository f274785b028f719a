//! The ending and debrief: how it ended, the result the core scored (red lines first, then
//! Passed / Not passed, overall and per-dimension bars), the decision review, key points,
//! reflection questions with answer boxes, "Try again", printing a record, and in trainer
//! mode the trainer notes and the jump list. No scoring happens here.

use crate::components::print_record::{record_footer, record_header, PrintForm};
use crate::components::reflection::Reflection;
use crate::components::review::decision_row;
use crate::components::text::{isolated, linked, linked_inline};
use crate::components::trainer::{JumpList, TrainerNotes};
use crate::notes::Notes;
use crate::player::Play;
use scenario_core::model::links::Place;
use scenario_core::model::{NodeKind, Outcome};
use scenario_core::play::scoring::DimensionScore;
use scenario_core::score;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Debrief`].
#[derive(Properties, PartialEq)]
pub struct DebriefProps {
    /// The open scenario and the learner's play-through.
    pub play: Play,
    /// The learner's reflection answers for this scenario.
    pub notes: Rc<Notes>,
    /// Show the trainer's view.
    pub trainer: bool,
    /// Today, as printed on the record.
    pub today: String,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Play the scenario again from the start.
    pub on_restart: Callback<()>,
    /// Go back to just before decision n (0-based).
    pub on_retry: Callback<usize>,
    /// Carry on playing (when the scenario is not finished).
    pub on_resume: Callback<()>,
    /// Back to the catalogue.
    pub on_back: Callback<()>,
    /// A reflection answer changed: (question, answer).
    pub on_answer: Callback<(String, String)>,
    /// Open the print dialog (the name is already on the page).
    pub on_print: Callback<()>,
    /// Trainer mode: replay to the node with this id.
    pub on_jump: Callback<String>,
}

/// The debrief.
#[function_component(Debrief)]
pub fn debrief(props: &DebriefProps) -> Html {
    let name = use_state(String::new);
    let print_requested = use_state(|| 0u32);
    {
        let on_print = props.on_print.clone();
        use_effect_with(*print_requested, move |requested| {
            if *requested > 0 {
                on_print.emit(());
            }
        });
    }
    let play = &props.play;
    let scenario = &play.scenario;
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let back = html! {
        <button type="button" class="button" data-testid="back-to-catalogue" onclick={on_back}>{ "Back to catalogue" }</button>
    };
    let current = play.session.current(scenario);
    let NodeKind::Ending(ending) = &current.kind else {
        let on_resume = props.on_resume.reform(|_: MouseEvent| ());
        return html! {
            <article class="debrief-unfinished" aria-labelledby="debrief-heading">
                <p class="eyebrow">{ &scenario.title }</p>
                <h1 id="debrief-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Not finished yet" }</h1>
                <p>{ "The debrief appears once you reach an ending." }</p>
                <div class="actions">
                    <button type="button" class="button primary" onclick={on_resume}>{ "Carry on playing" }</button>
                    { back }
                </div>
            </article>
        };
    };
    let result = score(scenario, &play.session);
    let on_restart = props.on_restart.reform(|_: MouseEvent| ());
    let on_print = {
        let (name, print_requested) = (name.clone(), print_requested.clone());
        Callback::from(move |typed: String| {
            name.set(typed);
            print_requested.set(*print_requested + 1);
        })
    };
    let pass = scenario.pass;
    html! {
        <article class="debrief" data-testid="debrief" data-ending={current.id.clone()} aria-labelledby="debrief-heading">
            { record_header(&name, &props.today, &scenario.title) }
            <p class="eyebrow no-print">{ isolated(&scenario.title) }{ ": the ending" }</p>
            <h1 id="debrief-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ &ending.title }</h1>
            <p class={classes!("outcome", outcome_class(ending.outcome))}>
                { "Outcome: " }<strong>{ outcome_label(ending.outcome) }</strong>
            </p>
            <div class="ending-text">{ linked(&ending.text, play.links.at(Place::Ending(play.session.node_index(scenario)))) }</div>

            <section class="result" aria-labelledby="result-heading">
                <h2 id="result-heading">{ "Your result" }</h2>
                if !result.critical.is_empty() {
                    <div class="critical-notice" role="note" aria-labelledby="critical-heading">
                        <h3 id="critical-heading" class="critical-title">
                            { if result.critical.len() == 1 { "You crossed a red line" } else { "You crossed red lines" } }
                        </h3>
                        <ul data-testid="critical-reasons">
                            { for result.critical.iter().map(|reason| html! { <li>{ reason }</li> }) }
                        </ul>
                        <p>{ "A red-line choice means the scenario is not passed, whatever the scores." }</p>
                    </div>
                }
                <p class="status">
                    <span class={classes!("badge", if result.passed { "badge-pass" } else { "badge-fail" })} data-testid="result-status">
                        { if result.passed { "Passed" } else { "Not passed" } }
                    </span>
                    <span class="overall" data-testid="overall">
                        { "Overall: " }
                        <strong>{ result.overall.map_or_else(|| "Not assessed".to_owned(), |p| format!("{p}%")) }</strong>
                    </span>
                </p>
                <p class="pass-rule">
                    { format!("To pass: at least {}% overall and {}% in each skill, with no red-line choice.", pass.overall, pass.each) }
                </p>
                <ul class="dimensions">
                    { for result.dimensions.iter().map(dimension_row) }
                </ul>
            </section>

            <section class="review" aria-labelledby="review-heading">
                <h2 id="review-heading">{ "Your decisions" }</h2>
                <ol class="decisions">
                    { for result.decisions.iter().enumerate().map(|(i, d)| decision_row(scenario, i, d, &props.on_retry)) }
                </ol>
            </section>

            if !scenario.debrief.key_points.is_empty() {
                <section class="key-points-section" aria-labelledby="key-points-heading">
                    <h2 id="key-points-heading">{ "Key points" }</h2>
                    <ul class="key-points">
                        { for scenario.debrief.key_points.iter().enumerate().map(|(i, p)| html! { <li>{ linked_inline(p, play.links.at(Place::KeyPoint(i))) }</li> }) }
                    </ul>
                </section>
            }
            <Reflection questions={scenario.debrief.reflection.clone()} links={play.links.clone()} notes={props.notes.clone()} on_answer={props.on_answer.clone()} />
            if props.trainer {
                <div class="no-print">
                    <TrainerNotes notes={scenario.trainer_notes.clone()} />
                    <JumpList scenario={scenario.clone()} routes={play.routes.clone()} current={current.id.clone()} on_jump={props.on_jump.clone()} />
                </div>
            }
            { record_footer() }
            <div class="actions no-print">
                <button type="button" class="button primary" data-testid="restart" onclick={on_restart}>{ "Try again" }</button>
                <PrintForm on_print={on_print} />
                { back }
            </div>
        </article>
    }
}

fn dimension_row(dimension: &DimensionScore) -> Html {
    let percent_attr = dimension
        .percent
        .map_or_else(|| "none".to_owned(), |p| p.to_string());
    let percent_text = dimension
        .percent
        .map_or_else(|| "not assessed".to_owned(), |p| format!("{p}%"));
    let width = dimension.percent.unwrap_or(0).clamp(0, 100);
    html! {
        <li class="dimension" data-testid={format!("dim-{}", dimension.id)} data-percent={percent_attr}>
            <div class="dimension-head">
                <span class="dimension-label">{ &dimension.label }</span>
                <span class="dimension-percent">{ percent_text }</span>
            </div>
            // An SVG bar: its width is an attribute, not an inline style a strict CSP would block.
            <svg class={classes!("bar", dimension.percent.is_none().then_some("bar-none"))} aria-hidden="true" focusable="false">
                <rect class="bar-track" width="100%" height="100%" rx="6" />
                if width > 0 {
                    <rect class="bar-fill" width={format!("{width}%")} height="100%" rx="6" />
                }
            </svg>
        </li>
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Positive => "Positive",
        Outcome::Mixed => "Mixed",
        Outcome::Negative => "Negative",
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Positive => "outcome-positive",
        Outcome::Mixed => "outcome-mixed",
        Outcome::Negative => "outcome-negative",
    }
}
