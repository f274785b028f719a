//! The Glossary (every term with its meaning, in alphabetical order, as a description list;
//! `#/glossary/<id>` marks its entry, which the app scrolls to and focuses) and the
//! one-screen Who's who (the people and roles in the network around him, from the terms'
//! `network` lines). Both have a "Back" link to where the learner was, so leaving a scenario
//! to look a word up loses nothing: the play state stays open and is saved after every step.
//! Plain functions, not components: they hold no state, and each component costs the wasm
//! its own machinery.

use crate::components::linked::HINT_ID;
use crate::components::load_error::LoadErrorNotice;
use crate::glossary::{back_label, Loaded, Ready};
use crate::route::Route;
use yew::prelude::*;

/// The "Back" link, the heading, and the content, or the notice of a glossary that could not
/// be had (the app shows these screens once the glossary has arrived or failed).
fn frame(
    glossary: &Loaded,
    back: Option<&Route>,
    heading: Html,
    content: impl FnOnce(&Ready) -> Html,
) -> Html {
    let body = match glossary {
        Ok(ready) => content(ready),
        Err(failed) => html! { <LoadErrorNotice failed={failed.clone()} /> },
    };
    html! {
        <>
            if let Some(route) = back {
                <p class="back no-print"><a href={route.to_hash()} data-testid="glossary-back">{ back_label(route) }</a></p>
            }
            { heading }
            { body }
        </>
    }
}

/// The glossary, at the entry `selected` when there is one.
pub fn glossary_screen(
    glossary: &Loaded,
    selected: Option<&str>,
    back: Option<&Route>,
    focus_ref: &NodeRef,
) -> Html {
    let found = glossary
        .as_ref()
        .ok()
        .zip(selected)
        .is_some_and(|(ready, id)| ready.glossary.term(id).is_some());
    let heading = html! {
        <h1 id="glossary-heading" tabindex="-1" ref={if found { NodeRef::default() } else { focus_ref.clone() }}>{ "Glossary" }</h1>
    };
    let content = |ready: &Ready| {
        let terms = &ready.glossary.terms;
        html! {
            <>
                <p class="lede">
                    { "Words used in the scenarios that a new worker may not know. " }
                    if ready.glossary.network().next().is_some() {
                        <a href="#/network" data-testid="to-network">{ "Who\u{2019}s who: the people around him, and you" }</a>
                    }
                </p>
                if selected.is_some() && !found {
                    <p class="notice notice-warning" role="status">{ "There is no such entry in the glossary." }</p>
                }
                <dl class="terms" data-testid="glossary-terms">
                    { for ready.alphabetical.iter().filter_map(|&i| terms.get(i)).map(|term| {
                        let this = selected == Some(term.id.as_str());
                        html! {
                            <div class={classes!("entry", this.then_some("selected"))}>
                                <dt id={format!("term-{}", term.id)} tabindex="-1" ref={if this { focus_ref.clone() } else { NodeRef::default() }}>{ &term.term }</dt>
                                <dd>{ &term.means }</dd>
                            </div>
                        }
                    }) }
                </dl>
            </>
        }
    };
    html! {
        <article class="glossary" aria-labelledby="glossary-heading">
            { frame(glossary, back, heading, content) }
        </article>
    }
}

/// Who's who in the network around him: one screen.
pub fn network_screen(glossary: &Loaded, back: Option<&Route>, focus_ref: &NodeRef) -> Html {
    let heading = html! {
        <h1 id="network-heading" tabindex="-1" ref={focus_ref.clone()}>{ "Who\u{2019}s who" }</h1>
    };
    let content = |ready: &Ready| {
        html! {
            <>
                if let Some(intro) = &ready.glossary.network_intro {
                    <p class="lede">{ intro }</p>
                }
                <ul class="roles">
                    { for ready.glossary.network().map(|(term, line)| html! {
                        <li class="role">
                            <h2><a href={format!("#/glossary/{}", term.id)} aria-describedby={HINT_ID}>{ &term.term }</a></h2>
                            <p>{ line }</p>
                        </li>
                    }) }
                </ul>
                <p class="more"><a href="#/glossary">{ "Every word in the glossary" }</a></p>
            </>
        }
    };
    html! {
        <article class="network" aria-labelledby="network-heading" data-testid="network">
            { frame(glossary, back, heading, content) }
        </article>
    }
}
