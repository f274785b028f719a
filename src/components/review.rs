//! The decision-by-decision review in the debrief: for each decision, what was said (the
//! step's narration and lines), the learner's response, the strongest response, any red
//! line and the feedback, with "Try a different approach from decision N". The core's
//! [`DecisionReview`] says which response was strongest; nothing is scored here.

use crate::components::text::{paragraphs, speaker_name};
use scenario_core::model::{NodeKind, Scenario};
use scenario_core::play::scoring::DecisionReview;
use yew::prelude::*;

/// One decision of the review.
pub fn decision_row(
    scenario: &Scenario,
    index: usize,
    decision: &DecisionReview,
    on_retry: &Callback<usize>,
) -> Html {
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
    let strongest: Vec<String> = decision
        .best
        .iter()
        .filter_map(|id| choice_text(id))
        .collect();
    let number = index + 1;
    let onclick = on_retry.reform(move |_: MouseEvent| index);
    html! {
        <li class={classes!("decision", decision.critical.is_some().then_some("decision-critical"))} data-testid={format!("decision-{number}")}>
            <h3>{ format!("Decision {number}") }</h3>
            if let Some(node) = node {
                <div class="said-before">
                    <p class="label">{ "What was said" }</p>
                    if let Some(narration) = &node.narration {
                        <div class="prompt">{ paragraphs(narration) }</div>
                    }
                    { for node.say.iter().map(|line| html! {
                        <p class="prompt-line">
                            <strong>{ format!("{}: ", speaker_name(scenario, &line.character)) }</strong>
                            { format!("\u{201c}{}\u{201d}", line.text) }
                        </p>
                    }) }
                </div>
            }
            <p class="chosen">
                <span class="label">{ "Your response: " }</span>{ &decision.chosen_text }
                if decision.was_best {
                    <span class="tag tag-best">{ "Strongest response" }</span>
                }
            </p>
            if let Some(reason) = &decision.critical {
                <p class="red-line"><strong>{ "Red line: " }</strong>{ reason }</p>
            }
            if !decision.was_best && !strongest.is_empty() {
                <div class="strongest">
                    if let [only] = strongest.as_slice() {
                        <p><span class="label">{ "The strongest response: " }</span>{ only }</p>
                    } else {
                        <p class="label">{ "The strongest responses:" }</p>
                        <ul>{ for strongest.iter().map(|text| html! { <li>{ text }</li> }) }</ul>
                    }
                </div>
            }
            if let Some(feedback) = &decision.feedback {
                <div class="decision-feedback">
                    <p class="label">{ "Feedback" }</p>
                    { paragraphs(feedback) }
                </div>
            }
            <p class="retry no-print">
                <button type="button" class="link-button" data-testid={format!("retry-{number}")} {onclick}>
                    { format!("Try a different approach from decision {number}") }
                </button>
            </p>
        </li>
    }
}
