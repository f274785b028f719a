//! The Glossary (every term with its meaning, in alphabetical order, as a description list;
//! `#/glossary/<id>` scrolls to its entry and focuses it) and the one-screen Who's who (the
//! people and roles in the network around him, from the terms' `network` lines). Both have a
//! "Back" link to where the learner was, so leaving a scenario to look a word up loses
//! nothing: the play state stays open and is saved after every step.

use crate::components::linked::HINT_ID;
use crate::components::load_error::LoadErrorNotice;
use crate::glossary::{back_label, Loaded};
use crate::route::Route;
use yew::prelude::*;

/// Props of [`GlossaryScreen`] and [`NetworkScreen`].
#[derive(Properties, PartialEq)]
pub struct GlossaryProps {
    /// The glossary, once fetched (`None` while it is on its way).
    pub glossary: Option<Loaded>,
    /// The entry asked for (`#/glossary/<id>`), if any.
    #[prop_or_default]
    pub selected: Option<String>,
    /// The screen the learner came from, where "Back" goes.
    pub back: Option<Route>,
    /// Put on what the app focuses on arrival: the asked-for entry, else the heading.
    pub focus_ref: NodeRef,
}

fn back_link(back: &Option<Route>) -> Html {
    match back {
        Some(route) => html! {
            <p class="back no-print"><a href={route.to_hash()} data-testid="glossary-back">{ back_label(route) }</a></p>
        },
        None => Html::default(),
    }
}

/// What the screen shows while the glossary is on its way or when it failed, under `heading`.
fn unavailable(props: &GlossaryProps, heading: Html) -> Option<Html> {
    let body = match &props.glossary {
        None => html! { <p class="loading" role="status">{ "Loading the glossary\u{2026}" }</p> },
        Some(Err(failed)) => html! { <LoadErrorNotice failed={failed.clone()} /> },
        Some(Ok(_)) => return None,
    };
    Some(
        html! { <article class="glossary">{ back_link(&props.back) }{ heading }{ body }</article> },
    )
}

/// The glossary.
#[function_component(GlossaryScreen)]
pub fn glossary_screen(props: &GlossaryProps) -> Html {
    let ready = props
        .glossary
        .as_ref()
        .and_then(|g| g.as_ref().ok())
        .cloned();
    let selected = props
        .selected
        .as_deref()
        .filter(|id| {
            ready
                .as_ref()
                .is_some_and(|r| r.glossary.term(id).is_some())
        })
        .map(str::to_owned);
    // Another entry of the glossary (Back and Forward between entries) is not a new screen
    // for the app's focus hook: focus it here. The first arrival is the app's to focus.
    {
        let focus_ref = props.focus_ref.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(selected.clone(), move |selected| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if selected.is_some() && !first {
                crate::browser::focus(&focus_ref, false);
            }
        });
    }
    let heading_ref = if selected.is_none() {
        props.focus_ref.clone()
    } else {
        NodeRef::default()
    };
    let heading = html! {
        <h1 id="glossary-heading" tabindex="-1" ref={heading_ref}>{ "Glossary" }</h1>
    };
    if let Some(screen) = unavailable(props, heading.clone()) {
        return screen;
    }
    let Some(ready) = ready else {
        return Html::default();
    };
    let terms = &ready.glossary.terms;
    let unknown = props.selected.as_ref().filter(|_| selected.is_none());
    html! {
        <article class="glossary" aria-labelledby="glossary-heading">
            { back_link(&props.back) }
            { heading }
            <p class="lede">
                { "Words used in the scenarios that a new worker may not know. " }
                if ready.glossary.network().next().is_some() {
                    <a href="#/network" data-testid="to-network">{ "Who\u{2019}s who: the people around him, and you" }</a>
                }
            </p>
            if let Some(id) = unknown {
                <p class="notice notice-warning" role="status">{ format!("There is no entry \u{201c}{id}\u{201d} in the glossary.") }</p>
            }
            <dl class="terms" data-testid="glossary-terms">
                { for ready.alphabetical.iter().filter_map(|&i| terms.get(i)).map(|term| {
                    let is_selected = selected.as_deref() == Some(term.id.as_str());
                    html! {
                        <div class={classes!("entry", is_selected.then_some("selected"))} data-term={term.id.clone()}>
                            <dt id={format!("term-{}", term.id)} tabindex="-1"
                                ref={if is_selected { props.focus_ref.clone() } else { NodeRef::default() }}>
                                { &term.term }
                            </dt>
                            <dd>{ &term.means }</dd>
                        </div>
                    }
                }) }
            </dl>
        </article>
    }
}

/// Who's who in the network around him: one screen.
#[function_component(NetworkScreen)]
pub fn network_screen(props: &GlossaryProps) -> Html {
    let heading = html! {
        <h1 id="network-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Who\u{2019}s who" }</h1>
    };
    if let Some(screen) = unavailable(props, heading.clone()) {
        return screen;
    }
    let Some(Ok(ready)) = &props.glossary else {
        return Html::default();
    };
    html! {
        <article class="network" aria-labelledby="network-heading" data-testid="network">
            { back_link(&props.back) }
            { heading }
            if let Some(intro) = &ready.glossary.network_intro {
                <p class="lede">{ intro }</p>
            }
            <ul class="roles">
                { for ready.glossary.network().map(|(term, line)| html! {
                    <li class="role">
                        <h2><a href={Route::Glossary(Some(term.id.clone())).to_hash()} aria-describedby={HINT_ID}>{ &term.term }</a></h2>
                        <p>{ line }</p>
                    </li>
                }) }
            </ul>
            <p class="more"><a href="#/glossary">{ "Every word in the glossary" }</a></p>
        </article>
    }
}
