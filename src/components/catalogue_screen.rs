//! The first screen: filters (audience, topic), then a card per bundled scenario that
//! matches (title, summary, audiences, topics, minutes, this device's best result and an
//! Open button), all from the index (no pack is needed), and a notice in place of any file
//! that failed to load (its errors once its pack, which holds them, has arrived).

use crate::catalogue::{Catalogue, Pack, Packs};
use crate::components::load_error::LoadErrorNotice;
use crate::components::text::isolated_list;
use crate::filter::Filter;
use crate::history::{Best, History};
use scenario_core::index::Listing;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`CatalogueScreen`].
#[derive(Properties, PartialEq)]
pub struct CatalogueProps {
    /// Everything bundled.
    pub catalogue: Rc<Catalogue>,
    /// The packs fetched so far (a failed file's holds its errors).
    pub packs: Rc<Packs>,
    /// What is shown.
    pub filter: Filter,
    /// Past attempts on this device (for the "best result" on each card).
    pub history: Rc<History>,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Open the scenario with this id.
    pub on_open: Callback<String>,
    /// Show a different selection.
    pub on_filter: Callback<Filter>,
}

/// The catalogue.
#[function_component(CatalogueScreen)]
pub fn catalogue_screen(props: &CatalogueProps) -> Html {
    let catalogue = &props.catalogue;
    let filter = &props.filter;
    let shows = |l: &Listing| filter.matches(&l.audiences, &l.topics);
    let total = catalogue.listed().count();
    let shown = catalogue.listed().filter(|l| shows(l)).count();
    let options = |labels: &[scenario_core::model::Label]| -> Vec<(String, String)> {
        labels
            .iter()
            .map(|l| (l.label.clone(), l.id.clone()))
            .collect()
    };
    let audience_options = options(&catalogue.audiences);
    let topic_options = options(&catalogue.topics);
    let on_audience = {
        let (filter, on_filter) = (filter.clone(), props.on_filter.clone());
        Callback::from(move |audience: Option<String>| {
            on_filter.emit(Filter {
                audience,
                ..filter.clone()
            })
        })
    };
    let on_topic = {
        let (filter, on_filter) = (filter.clone(), props.on_filter.clone());
        Callback::from(move |topic: Option<String>| {
            on_filter.emit(Filter {
                topic,
                ..filter.clone()
            })
        })
    };
    let on_clear = props.on_filter.reform(|_: MouseEvent| Filter::default());
    html! {
        <section class="catalogue" aria-labelledby="catalogue-heading">
            <h1 id="catalogue-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Practice scenarios" }</h1>
            <p class="lede">
                { "Short conversations to practise holding professional boundaries while you listen. \
                   Every choice gets feedback, and a debrief at the end shows how you did on each skill." }
            </p>
            { for catalogue.notices.iter().map(|failed| html! { <LoadErrorNotice failed={failed.clone()} /> }) }
            if catalogue.entries.is_empty() && catalogue.notices.is_empty() {
                <p class="notice">{ "No scenarios are bundled with this build." }</p>
            }
            if total > 0 {
                <form class="filters" aria-label="Filter the scenarios" onsubmit={|e: SubmitEvent| e.prevent_default()}>
                    { select("filter-audience", "For", "Everyone", &audience_options, filter.audience.as_deref(), on_audience) }
                    { select("filter-topic", "Topic", "All topics", &topic_options, filter.topic.as_deref(), on_topic) }
                    <p class="filter-count" role="status" data-testid="filter-count">
                        { if shown == total { format!("Showing all {total} scenarios") } else { format!("Showing {shown} of {total} scenarios") } }
                    </p>
                </form>
            }
            if shown == 0 && total > 0 {
                <p class="notice" data-testid="no-match">
                    { "No scenario matches both filters. " }
                    <button type="button" class="link-button" onclick={on_clear}>{ "Show all scenarios" }</button>
                </p>
            }
            <ul class="cards">
                { for catalogue.entries.iter().enumerate().filter_map(|(i, entry)| match &entry.listing {
                    Some(listing) if shows(listing) => {
                        Some(card(listing, props.history.best(&listing.id), &props.on_open))
                    }
                    Some(_) => None,
                    None => Some(match props.packs.get(i) {
                        Some(Pack::Failed(failed)) => html! {
                            <li class="card card-error"><LoadErrorNotice failed={failed.clone()} /></li>
                        },
                        // Fetched right after the first screen.
                        _ => html! {
                            <li class="card card-error"><p class="loading">{ format!("{}.yaml could not be loaded; fetching its errors\u{2026}", entry.stem) }</p></li>
                        },
                    }),
                }) }
            </ul>
        </section>
    }
}

/// A labelled `<select>` whose first option (value "") means "no filter".
fn select(
    id: &str,
    label: &str,
    all: &str,
    options: &[(String, String)],
    selected: Option<&str>,
    on_change: Callback<Option<String>>,
) -> Html {
    let onchange = on_change.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        (!value.is_empty()).then_some(value)
    });
    html! {
        <div class="field">
            <label for={id.to_owned()}>{ label.to_owned() }</label>
            <select id={id.to_owned()} data-testid={id.to_owned()} {onchange}>
                <option value="" selected={selected.is_none()}>{ all.to_owned() }</option>
                { for options.iter().map(|(text, value)| html! {
                    <option value={value.clone()} selected={selected == Some(value.as_str())}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

fn card(scenario: &Listing, best: Option<Best>, on_open: &Callback<String>) -> Html {
    let id = scenario.id.clone();
    let onclick = on_open.reform(move |_: MouseEvent| id.clone());
    let heading_id = format!("card-{}", scenario.id);
    let topics: Vec<&str> = scenario.topics.iter().map(|t| t.label.as_str()).collect();
    html! {
        <li class="card" data-testid={format!("scenario-card-{}", scenario.id)}>
            <h2 id={heading_id} class="card-title">{ &scenario.title }</h2>
            if let Some(best) = best {
                <p class="progress" data-testid="best-result">
                    <span class={classes!("badge", if best.passed { "badge-pass" } else { "badge-done" })}>
                        { if best.passed { "Passed" } else { "Completed" } }
                    </span>
                    { best_text(best) }
                </p>
            }
            <p class="card-summary">{ &scenario.summary }</p>
            <dl class="meta">
                if !scenario.audiences.is_empty() {
                    <div><dt>{ "For" }</dt><dd class="audiences">{ audiences(&scenario.audiences) }</dd></div>
                }
                if let Some(minutes) = scenario.minutes {
                    <div><dt>{ "Time" }</dt><dd>{ minutes_text(minutes) }</dd></div>
                }
                if !topics.is_empty() {
                    <div class="meta-wide"><dt>{ "Topics" }</dt><dd>{ isolated_list(topics.iter().copied()) }</dd></div>
                }
            </dl>
            <button type="button" class="button primary" data-testid={format!("open-{}", scenario.id)} {onclick}>
                { "Open" }<span class="visually-hidden">{ format!(": {}", scenario.title) }</span>
            </button>
        </li>
    }
}

/// ` Best result 85% · 2 attempts on this device`.
pub fn best_text(best: Best) -> String {
    let result = best
        .overall
        .map_or_else(String::new, |o| format!(" Best result {o}% \u{b7}"));
    let times = if best.attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{} attempts", best.attempts)
    };
    format!("{result} {times} on this device")
}

/// `induction, refresher`, which the stylesheet shows as `Induction, refresher`
/// (`.audiences::first-letter`). Audiences are free text, so the first letter may be any
/// letter: the browser capitalises it with the case tables it has, and the wasm carries none.
pub fn audiences(audiences: &[String]) -> String {
    audiences.join(", ").replace('-', " ")
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
            "induction, refresher"
        );
        assert_eq!(audiences(&["prison-staff".into()]), "prison staff");
        assert_eq!(audiences(&["équipe-de-nuit".into()]), "équipe de nuit");
        assert_eq!(audiences(&[]), "");
        assert_eq!(minutes_text(1), "About 1 minute");
        assert_eq!(minutes_text(10), "About 10 minutes");
        let best = |attempts, overall| Best {
            attempts,
            passed: true,
            overall,
        };
        assert_eq!(
            best_text(best(2, Some(85))),
            " Best result 85% \u{b7} 2 attempts on this device"
        );
        assert_eq!(best_text(best(1, None)), " 1 attempt on this device");
    }
}
