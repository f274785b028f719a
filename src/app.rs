//! The app: follows the hash route, holds the state (the play state [`PlayerState`], the
//! settings, the attempt history, the open scenario's reflection answers) and lays out the
//! page: header, main content, live region. [`screens`] builds each screen and turns what it
//! asks for into actions, navigation and saves; the side effects are the hooks in [`hooks`].

mod hooks;
mod screens;

use crate::browser;
use crate::components::header::SiteHeader;
use crate::notes::Notes;
use crate::player::{Play, PlayerState};
use crate::route::Route;
use crate::storage;
use std::rc::Rc;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let route = hooks::use_hash_route();
    let catalogue = hooks::use_catalogue();
    let player = use_reducer(PlayerState::default);
    let focus_ref = use_node_ref();
    let storage_ok = use_state(|| true);
    let settings = use_state(storage::load_settings);
    let history = use_state(|| {
        let (history, notice) = storage::load_history();
        (Rc::new(history), notice)
    });
    let notes = use_state(|| (String::new(), Rc::new(Notes::default())));
    let cleared = use_state(|| false);

    let packs = hooks::use_packs((*catalogue).clone(), &route);
    // The pack of the scenario the route is about, once it has arrived.
    let pack = catalogue
        .as_ref()
        .zip(route.scenario_id())
        .and_then(|(c, id)| c.position(id))
        .and_then(|position| packs.get(position).cloned());
    hooks::use_open_scenario(&route, pack.clone(), player.clone(), notes.clone());
    hooks::use_autosave(&player, storage_ok.clone());
    hooks::use_record_attempt(
        &player,
        settings.trainer,
        history.clone(),
        storage_ok.clone(),
    );
    hooks::use_debrief_redirect(&route, &player);
    // The LMS/LRS runtime's notice (an LMS that refused a call), in the `lms` build only.
    #[cfg(feature = "lms")]
    let lms_notice = crate::lms::browser::use_lms(&player, settings.shuffle, settings.trainer)
        .map(|notice| html! { <p class="notice notice-warning" role="status" data-testid="lms-notice">{ notice }</p> });
    #[cfg(not(feature = "lms"))]
    let lms_notice: Option<Html> = None;
    hooks::use_focus_on_change(&route, &player, pack.is_some(), focus_ref.clone());
    let (title, announcement) = describe(&route, player.play.as_ref());
    hooks::use_page_chrome(
        format!("{title} \u{2013} Scenario Quiz"),
        settings.large_text,
    );
    {
        // The "cleared" notice belongs to the moment after clearing only.
        let cleared = cleared.clone();
        use_effect_with(route.screen(), move |screen| {
            if *screen != Route::History && *cleared {
                cleared.set(false);
            }
        });
    }

    let content = match (*catalogue).clone() {
        None => html! { <p class="loading" role="status">{ "Loading the scenarios\u{2026}" }</p> },
        Some(catalogue) => {
            let ctx = screens::Ctx {
                route: (*route).clone(),
                catalogue,
                packs: Rc::new((*packs).clone()),
                pack,
                player: player.clone(),
                settings: settings.clone(),
                history: history.clone(),
                notes: notes.clone(),
                storage_ok: storage_ok.clone(),
                cleared: cleared.clone(),
                focus_ref: focus_ref.clone(),
            };
            ctx.screen()
        }
    };
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip_to_main}>{ "Skip to content" }</a>
            <SiteHeader route={(*route).clone()} trainer={settings.trainer} glossary={catalogue.as_ref().is_some_and(|c| c.glossary)} />
            <main id="main" tabindex="-1" class={classes!("page", if matches!(*route, Route::Catalogue(_)) { "wide" } else { "narrow" })}>
                if !*storage_ok {
                    <p class="notice notice-warning" role="status">
                        { "This browser is not letting the page save your progress, so reloading will start the scenario again." }
                    </p>
                }
                { for lms_notice }
                { content }
            </main>
            <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">{ announcement }</div>
        </>
    }
}

/// "Skip to content" moves focus without touching the hash (the hash is the route).
fn skip_to_main(e: MouseEvent) {
    e.prevent_default();
    browser::focus_by_id("main");
}

/// The screen's title (for the document title) and what the live region announces when it
/// comes up (nothing while feedback is on screen: its own live region reads it).
fn describe(route: &Route, play: Option<&Play>) -> (String, String) {
    let play_of = |id: &str| play.filter(|p| p.id() == id);
    let title = match route {
        Route::Catalogue(_) => "Practice scenarios".to_owned(),
        Route::History => "Your history".to_owned(),
        Route::Settings => "Settings".to_owned(),
        Route::NotFound(_) => "Not available".to_owned(),
        Route::Intro(id) => play_of(id).map_or_else(
            || "Scenario".to_owned(),
            |p| format!("{}: introduction", p.scenario.title),
        ),
        Route::Play(id) => play_of(id).map_or_else(
            || "Scenario".to_owned(),
            |p| format!("{}: step {}", p.scenario.title, p.step()),
        ),
        Route::Debrief(id) => play_of(id).map_or_else(
            || "Debrief".to_owned(),
            |p| format!("{}: debrief", p.scenario.title),
        ),
    };
    let feedback =
        matches!(route, Route::Play(id) if play_of(id).is_some_and(|p| p.pending.is_some()));
    let announcement = if feedback {
        String::new()
    } else {
        title.clone()
    };
    (title, announcement)
}
