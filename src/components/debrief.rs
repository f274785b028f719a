//! The ending and debrief: how it ended, the result the core scored (red lines first, then
//! Passed / Not passed, overall and per-dimension bars), each decision against the
//! strongest choice, key points and reflection questions. No scoring happens here.

use crate::components::text::{paragraphs, speaker_name};
use crate::player::Play;
use scenario_core::model::{NodeKind, Outcome, Scenario};
use scenario_core::score;
use scenario_core::scoring::{DecisionReview, DimensionScore};
use yew::prelude::*;

/// Props of [`Debrief`].
#[derive(Properties, PartialEq)]
pub struct DebriefProps {
    /// The open scenario and the learner's play-through.
    pub play: Play,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Play the scenario again from the start.
    pub on_restart: Callback<()>,
    /// Carry on playing (when the scenario is not finished).
    pub on_resume: Callback<()>,
    /// Back to the catalogue.
    pub on_back: Callback<()>,
}

/// The debrief.
#[function_component(Debrief)]
pub fn debrief(props: &DebriefProps) -> Html {
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
    let pass = scenario.pass;
    html! {
        <article class="debrief" data-testid="debrief" data-ending={current.id.clone()} aria-labelledby="debrief-heading">
            <p class="eyebrow">{ format!("{}: the ending", scenario.title) }</p>
            <h1 id="debrief-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ &ending.title }</h1>
            <p class={classes!("outcome", outcome_class(ending.outcome))}>
                { "Outcome: " }<strong>{ outcome_label(ending.outcome) }</strong>
            </p>
            <div class="ending-text">{ paragraphs(&ending.text) }</div>

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
                    { for result.decisions.iter().enumerate().map(|(i, d)| decision_row(scenario, i, d)) }
                </ol>
            </section>

            if !scenario.debrief.key_points.is_empty() {
                <section aria-labelledby="key-points-heading">
                    <h2 id="key-points-heading">{ "Key points" }</h2>
                    <ul class="key-points">
                        { for scenario.debrief.key_points.iter().map(|p| html! { <li>{ p }</li> }) }
                    </ul>
                </section>
            }
            if !scenario.debrief.reflection.is_empty() {
                <section aria-labelledby="reflection-heading">
                    <h2 id="reflection-heading">{ "Questions to reflect on" }</h2>
                    <ul class="reflection">
                        { for scenario.debrief.reflection.iter().map(|q| html! { <li>{ q }</li> }) }
                    </ul>
                </section>
            }
            <div class="actions">
                <button type="button" class="button primary" data-testid="restart" onclick={on_restart}>{ "Restart" }</button>
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
            <div class={classes!("bar", dimension.percent.is_none().then_some("bar-none"))} aria-hidden="true">
                <div class="bar-fill" style={format!("width: {width}%")}></div>
            </div>
        </li>
    }
}

fn decision_row(scenario: &Scenario, index: usize, decision: &DecisionReview) -> Html {
    let node = scenario
        .node_index(&decision.node)
        .map(|i| &scenario.nodes[i]);
    let choice_text = |id: &str| -> Option<String> {
        match &node?.kind {
            NodeKind::Decision(choices) => {
                choices.iter().find(|c| c.id == id).map(|c| c.text.clone())
            }
            _ => None,
        }
    };
    // What the decision answered: the last spoken line, else the narration.
    let prompt = node.and_then(|n| {
        n.say
            .last()
            .map(|line| {
                format!(
                    "{}: \u{201c}{}\u{201d}",
                    speaker_name(scenario, &line.character),
                    line.text
                )
            })
            .or_else(|| n.narration.clone())
    });
    let strongest: Vec<String> = decision
        .best
        .iter()
        .filter_map(|id| choice_text(id))
        .collect();
    html! {
        <li class={classes!("decision", decision.critical.is_some().then_some("decision-critical"))}>
            <h3>{ format!("Decision {}", index + 1) }</h3>
            if let Some(prompt) = prompt {
                <p class="prompt">{ prompt }</p>
            }
            <p class="chosen">
                <span class="label">{ "You chose: " }</span>{ &decision.chosen_text }
                if decision.was_best {
                    <span class="tag tag-best">{ "Strongest choice" }</span>
                }
            </p>
            if let Some(reason) = &decision.critical {
                <p class="red-line"><strong>{ "Red line: " }</strong>{ reason }</p>
            }
            if let Some(feedback) = &decision.feedback {
                <div class="decision-feedback">{ paragraphs(feedback) }</div>
            }
            if !decision.was_best && !strongest.is_empty() {
                <div class="strongest">
                    <p class="label">{ if strongest.len() == 1 { "The strongest choice:" } else { "The strongest choices:" } }</p>
                    <ul>{ for strongest.iter().map(|text| html! { <li>{ text }</li> }) }</ul>
                </div>
            }
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
