//! What trainer mode adds: under every choice its scores per dimension, its red line and
//! where it leads; the scenario's trainer notes; and a "jump to a moment" list that replays
//! a real route to any reachable step so a group can discuss it. Raw scores from the file
//! are shown as written; nothing is scored here.

use scenario_core::model::{Choice, Next, NodeKind, Scenario};
use scenario_core::Routes;
use std::rc::Rc;
use yew::prelude::*;

/// `tells` / `tells if rapport >= 1, otherwise wavers`.
pub fn leads_to(scenario: &Scenario, next: &Next) -> String {
    let name = |to: usize| scenario.nodes.get(to).map_or("?", |n| n.id.as_str());
    let parts: Vec<String> = next
        .branches
        .iter()
        .enumerate()
        .map(|(i, b)| match &b.condition {
            Some(c) => format!("{} if {}", name(b.to), c.source),
            None if i == 0 => name(b.to).to_owned(),
            None => format!("otherwise {}", name(b.to)),
        })
        .collect();
    parts.join(", ")
}

/// `+2` / `0` / `−1` (a real minus sign).
pub fn signed(score: i64) -> String {
    match score {
        s if s > 0 => format!("+{s}"),
        s if s < 0 => format!("\u{2212}{}", s.unsigned_abs()),
        _ => "0".to_owned(),
    }
}

/// The trainer's view of one choice.
pub fn choice_details(scenario: &Scenario, choice: &Choice) -> Html {
    html! {
        <div class="trainer-choice" data-testid="trainer-choice">
            <ul class="scores">
                { for scenario.dimensions.iter().zip(&choice.scores).map(|(d, s)| html! {
                    <li class={classes!("score", (*s > 0).then_some("score-up"), (*s < 0).then_some("score-down"))}>
                        { crate::components::text::isolated(&d.label) }{ format!("\u{a0}{}", signed(*s)) }
                    </li>
                }) }
            </ul>
            if let Some(reason) = &choice.critical {
                <p class="trainer-red-line"><strong>{ "Red line: " }</strong>{ reason }</p>
            }
            <p class="leads-to">{ "Leads to: " }<code>{ leads_to(scenario, &choice.next) }</code></p>
        </div>
    }
}

/// Props of [`TrainerNotes`].
#[derive(Properties, PartialEq)]
pub struct TrainerNotesProps {
    /// The scenario's notes for trainers.
    pub notes: Option<String>,
}

/// The scenario's trainer notes, when it has any.
#[function_component(TrainerNotes)]
pub fn trainer_notes(props: &TrainerNotesProps) -> Html {
    let Some(notes) = &props.notes else {
        return Html::default();
    };
    html! {
        <aside class="trainer-notes" aria-labelledby="trainer-notes-heading" data-testid="trainer-notes">
            <h2 id="trainer-notes-heading">{ "Trainer notes" }</h2>
            { crate::components::text::paragraphs(notes) }
        </aside>
    }
}

/// Props of [`JumpList`].
#[derive(Properties)]
pub struct JumpListProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// Its routes (which nodes can be reached).
    pub routes: Rc<Routes>,
    /// The node on screen (marked in the list).
    pub current: String,
    /// Replay to the node with this id.
    pub on_jump: Callback<String>,
}

impl PartialEq for JumpListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scenario, &other.scenario)
            && Rc::ptr_eq(&self.routes, &other.routes)
            && self.current == other.current
            && self.on_jump == other.on_jump
    }
}

/// Every reachable step, in file order, each a button that jumps there.
#[function_component(JumpList)]
pub fn jump_list(props: &JumpListProps) -> Html {
    let scenario = &props.scenario;
    let routes = &props.routes;
    html! {
        <details class="trainer-panel" data-testid="jump-list">
            <summary>{ "Jump to a moment" }</summary>
            <p class="hint">{ "Replays the shortest route of real choices to that step, so its scores are as a learner would have them." }</p>
            <ol class="jump-targets">
                { for scenario.nodes.iter().enumerate().filter(|(i, _)| routes.reaches(*i)).map(|(_, node)| {
                    let kind = match node.kind {
                        NodeKind::Decision(_) => "Decision",
                        NodeKind::Passage(_) => "Passage",
                        NodeKind::Ending(_) => "Ending",
                    };
                    let id = node.id.clone();
                    let onclick = props.on_jump.reform(move |_: MouseEvent| id.clone());
                    let here = node.id == props.current;
                    html! {
                        <li>
                            <button type="button" class="link-button" data-jump={node.id.clone()} aria-current={here.then_some("step")} {onclick}>
                                <code>{ &node.id }</code>
                            </button>
                            { format!(" {kind}: {}", snippet(node)) }
                            if here { <span class="tag">{ "on screen" }</span> }
                        </li>
                    }
                }) }
            </ol>
        </details>
    }
}

/// The start of a node's narration or first line, for the jump list.
fn snippet(node: &scenario_core::model::Node) -> String {
    let text = match &node.kind {
        NodeKind::Ending(ending) => ending.title.as_str(),
        _ => node
            .say
            .first()
            .map(|l| l.text.as_str())
            .or(node.narration.as_deref())
            .unwrap_or(""),
    };
    let mut words = String::new();
    for word in text.split_whitespace() {
        if words.chars().count() + word.chars().count() > 60 {
            words.push('\u{2026}');
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::tests::scenario;

    #[test]
    fn shows_scores_and_routes_as_written() {
        assert_eq!(signed(2), "+2");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-3), "\u{2212}3");
        let s = scenario();
        let NodeKind::Decision(choices) = &s.nodes[s.node_index("secret").expect("node")].kind
        else {
            panic!("secret is a decision");
        };
        assert_eq!(leads_to(&s, &choices[0].next), "end-good");
        let arrive = &s.nodes[s.start];
        assert_eq!(snippet(arrive), "Dan arrives.");
    }
}
