//! The first screen: a card per bundled scenario (title, summary, audiences, minutes and
//! an Open button), and a notice in place of any file that failed to load.

use crate::catalogue::{Catalogue, Entry};
use crate::components::load_error::LoadErrorNotice;
use scenario_core::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CatalogueScreen`].
#[derive(Properties, PartialEq)]
pub struct CatalogueProps {
    /// Everything bundled.
    pub catalogue: Rc<Catalogue>,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Open the scenario with this id.
    pub on_open: Callback<String>,
}

/// The catalogue.
#[function_component(CatalogueScreen)]
pub fn catalogue_screen(props: &CatalogueProps) -> Html {
    let catalogue = &props.catalogue;
    html! {
        <section class="catalogue" aria-labelledby="catalogue-heading">
            <h1 id="catalogue-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Practice scenarios" }</h1>
            <p class="lede">
                { "Short conversations to practise holding professional boundaries while you listen. \
                   Every choice gets feedback, and a debrief at the end shows how you did on each skill." }
            </p>
            if let Some(failed) = &catalogue.vocabulary_error {
                <LoadErrorNotice failed={failed.clone()} />
            }
            if catalogue.entries.is_empty() {
                <p class="notice">{ "No scenarios are bundled with this build." }</p>
            }
            <ul class="cards">
                { for catalogue.entries.iter().map(|entry| match entry {
                    Entry::Ready(scenario) => card(scenario, &props.on_open),
                    Entry::Failed(failed) => html! {
                        <li class="card card-error"><LoadErrorNotice failed={failed.clone()} /></li>
                    },
                }) }
            </ul>
        </section>
    }
}

fn card(scenario: &Scenario, on_open: &Callback<String>) -> Html {
    let id = scenario.id.clone();
    let onclick = on_open.reform(move |_: MouseEvent| id.clone());
    let heading_id = format!("card-{}", scenario.id);
    html! {
        <li class="card" data-testid={format!("scenario-card-{}", scenario.id)}>
            <h2 id={heading_id} class="card-title">{ &scenario.title }</h2>
            <p class="card-summary">{ &scenario.summary }</p>
            <dl class="meta">
                if !scenario.audiences.is_empty() {
                    <div><dt>{ "For" }</dt><dd>{ audiences(&scenario.audiences) }</dd></div>
                }
                if let Some(minutes) = scenario.minutes {
                    <div><dt>{ "Time" }</dt><dd>{ minutes_text(minutes) }</dd></div>
                }
            </dl>
            <button type="button" class="button primary" data-testid={format!("open-{}", scenario.id)} {onclick}>
                { "Open" }<span class="visually-hidden">{ format!(": {}", scenario.title) }</span>
            </button>
        </li>
    }
}

/// `induction, refresher` → `Induction, refresher`.
pub fn audiences(audiences: &[String]) -> String {
    let joined = audiences.join(", ").replace('-', " ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

/// `About 10 minutes`.
pub fn minutes_text(minutes: u32) -> String {
    if minutes == 1 {
        "About 1 minute".to_owned()
    } else {
        format!("About {minutes} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_reads_naturally() {
        assert_eq!(
            audiences(&["induction".into(), "refresher".into()]),
            "Induction, refresher"
        );
        assert_eq!(audiences(&["prison-staff".into()]), "Prison staff");
        assert_eq!(audiences(&[]), "");
        assert_eq!(minutes_text(1), "About 1 minute");
        assert_eq!(minutes_text(10), "About 10 minutes");
    }
}
