//! The debrief's reflection questions (their glossary terms linked), each with a free-text
//! box whose answer is kept on this device (the app saves it; this only shows it and reports
//! edits). In print, the written answers appear as text and unanswered questions are left
//! out.

use crate::components::text::linked_inline;
use crate::notes::Notes;
use scenario_core::model::links::{Links, Place};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`Reflection`].
#[derive(Properties)]
pub struct ReflectionProps {
    /// The questions.
    pub questions: Vec<String>,
    /// The scenario's glossary links (those of `Place::Reflection`).
    pub links: Rc<Links>,
    /// The answers written so far.
    pub notes: Rc<Notes>,
    /// The learner edited the answer to a question: (question, answer).
    pub on_answer: Callback<(String, String)>,
}

/// The links come with the scenario and never change: compared by pointer, not walked.
impl PartialEq for ReflectionProps {
    fn eq(&self, other: &Self) -> bool {
        self.questions == other.questions
            && Rc::ptr_eq(&self.links, &other.links)
            && self.notes == other.notes
            && self.on_answer == other.on_answer
    }
}

/// The reflection questions.
#[function_component(Reflection)]
pub fn reflection(props: &ReflectionProps) -> Html {
    if props.questions.is_empty() {
        return Html::default();
    }
    let answered = props
        .questions
        .iter()
        .any(|q| !props.notes.answer(q).is_empty());
    html! {
        <section class={classes!("reflection", (!answered).then_some("no-print"))} aria-labelledby="reflection-heading">
            <h2 id="reflection-heading">{ "Questions to reflect on" }</h2>
            <p class="hint no-print">{ "Your answers are saved on this device only, as you type. They are included if you print this page or export your data." }</p>
            <ol class="questions">
                { for props.questions.iter().enumerate().map(|(i, question)| {
                    let id = format!("reflection-{}", i + 1);
                    let answer = props.notes.answer(question).to_owned();
                    let oninput = {
                        let question = question.clone();
                        props.on_answer.reform(move |e: InputEvent| {
                            (question.clone(), e.target_unchecked_into::<HtmlTextAreaElement>().value())
                        })
                    };
                    html! {
                        <li class={classes!("question", answer.is_empty().then_some("no-print"))} value={(i + 1).to_string()}>
                            <label for={id.clone()}>{ linked_inline(question, props.links.at(Place::Reflection(i))) }</label>
                            <textarea id={id.clone()} class="no-print" data-testid={id.clone()} rows="3" value={answer.clone()} {oninput} />
                            <p class="print-only answer">{ answer }</p>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
