//! The app: follows the hash route, holds the play state ([`PlayerState`]), dispatches
//! what the screens ask for, and does the side effects in effects: opening a scenario with
//! its saved progress, saving after every step, moving focus, the first-screen mark.

use crate::browser;
use crate::catalogue::Catalogue;
use crate::components::catalogue_screen::CatalogueScreen;
use crate::components::debrief::Debrief;
use crate::components::intro::Intro;
use crate::components::load_error::LoadErrorNotice;
use crate::components::play::PlayScreen;
use crate::player::{Action, PendingMarker, PlayerState};
use crate::route::Route;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let catalogue = use_state(|| None::<Rc<Catalogue>>);
    let route = use_state(browser::current_route);
    let player = use_reducer(PlayerState::default);
    let focus_ref = use_node_ref();
    let storage_ok = use_state(|| true);

    // Follow the address bar (links, back and forward buttons).
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(browser::current_route()));
            let window = gloo::utils::window();
            let _ = window
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            move || {
                let _ = window.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
                drop(listener);
            }
        });
    }

    // Fetch and load the bundled scenarios once.
    {
        let catalogue = catalogue.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                catalogue.set(Some(Rc::new(browser::fetch_catalogue().await)));
            });
        });
    }

    // The first screen with content is up.
    use_effect_with(catalogue.is_some(), |loaded| {
        if *loaded {
            browser::mark_first_screen();
        }
    });

    // Open the scenario the route is about, resuming saved progress.
    {
        let player = player.clone();
        let loaded = (*catalogue).clone();
        let key = (route.scenario_id().map(str::to_owned), loaded.is_some());
        use_effect_with(key, move |(id, _)| {
            let found = loaded
                .as_ref()
                .zip(id.as_deref())
                .and_then(|(c, id)| c.scenario(id));
            if let Some(scenario) = found {
                player.dispatch(Action::Open {
                    scenario: scenario.clone(),
                    saved: browser::load_saved(&scenario.id),
                    seed: browser::fresh_seed(),
                });
            }
        });
    }

    // Save after every step.
    {
        let storage_ok = storage_ok.clone();
        let progress = player.play.as_ref().map(|play| {
            (
                play.id().to_owned(),
                play.session.clone(),
                play.pending_marker(),
            )
        });
        use_effect_with(progress, move |progress| {
            if let Some((id, session, marker)) = progress {
                let pending = marker.as_ref().map(PendingMarker::to_json);
                let ok = browser::save(id, &session.to_json(), pending.as_deref());
                if *storage_ok != ok {
                    storage_ok.set(ok);
                }
            }
        });
    }

    // Once the ending's feedback has been read, the debrief takes the play screen's place.
    {
        let finished_here = match &*route {
            Route::Play(id) => player
                .play_of(id)
                .is_some_and(|p| p.finished() && p.pending.is_none()),
            _ => false,
        };
        let id = route.scenario_id().map(str::to_owned);
        use_effect_with((finished_here, id), |(finished_here, id)| {
            if let (true, Some(id)) = (finished_here, id) {
                browser::replace(&Route::Debrief(id.clone()));
            }
        });
    }

    // On every new screen or step, focus its heading (not on the very first render).
    {
        let view = (
            (*route).clone(),
            player
                .play
                .as_ref()
                .map(|p| (p.id().to_owned(), p.step(), p.pending.is_some())),
        );
        let first_render = use_mut_ref(|| true);
        let focus_ref = focus_ref.clone();
        use_effect_with(view, move |(_, step)| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            let feedback = step.as_ref().is_some_and(|(_, _, pending)| *pending);
            browser::focus(&focus_ref, !feedback);
        });
    }

    let navigate = Callback::from(|route: Route| browser::navigate(&route));
    let Some(catalogue) = (*catalogue).clone() else {
        return frame(
            &route,
            *storage_ok,
            html! { <p class="loading" role="status">{ "Loading the scenarios…" }</p> },
        );
    };
    let content = match &*route {
        Route::Catalogue => html! {
            <CatalogueScreen
                catalogue={catalogue.clone()}
                focus_ref={focus_ref.clone()}
                on_open={navigate.reform(Route::Intro)}
            />
        },
        Route::NotFound(hash) => not_found(
            &format!("There is no page at {hash}."),
            Html::default(),
            &focus_ref,
            &navigate,
        ),
        Route::Intro(id) | Route::Play(id) | Route::Debrief(id) => {
            match (catalogue.scenario(id), player.play_of(id)) {
                (Some(_), Some(play)) => {
                    let dispatch = |action: fn() -> Action| {
                        let player = player.clone();
                        Callback::from(move |()| player.dispatch(action()))
                    };
                    let restart_to_play = {
                        let player = player.clone();
                        let id = id.clone();
                        Callback::from(move |()| {
                            player.dispatch(Action::Restart {
                                seed: browser::fresh_seed(),
                            });
                            browser::navigate(&Route::Play(id.clone()));
                        })
                    };
                    let to_catalogue = navigate.reform(|()| Route::Catalogue);
                    let to_play = navigate.reform({
                        let id = id.clone();
                        move |()| Route::Play(id.clone())
                    });
                    match &*route {
                        Route::Intro(_) => html! {
                            <Intro
                                play={play.clone()}
                                focus_ref={focus_ref.clone()}
                                on_start={if play.finished() { restart_to_play.clone() } else { to_play.clone() }}
                                on_start_over={restart_to_play}
                                on_not_today={to_catalogue}
                            />
                        },
                        Route::Play(_) => {
                            let on_choose = {
                                let player = player.clone();
                                Callback::from(move |choice: String| {
                                    player.dispatch(Action::Choose(choice))
                                })
                            };
                            let to_debrief = navigate.reform({
                                let id = id.clone();
                                move |()| Route::Debrief(id.clone())
                            });
                            html! {
                                <PlayScreen
                                    play={play.clone()}
                                    focus_ref={focus_ref.clone()}
                                    {on_choose}
                                    on_continue={dispatch(|| Action::Continue)}
                                    on_debrief={to_debrief}
                                    on_stop={to_catalogue}
                                />
                            }
                        }
                        _ => html! {
                            <Debrief
                                play={play.clone()}
                                focus_ref={focus_ref.clone()}
                                on_restart={restart_to_play}
                                on_resume={to_play}
                                on_back={to_catalogue}
                            />
                        },
                    }
                }
                // The open-scenario effect runs right after this render.
                (Some(_), None) => html! { <p class="loading">{ "Opening the scenario…" }</p> },
                (None, _) => match catalogue.failed(id) {
                    Some(failed) => not_found(
                        "This scenario could not be loaded.",
                        html! { <LoadErrorNotice failed={failed.clone()} /> },
                        &focus_ref,
                        &navigate,
                    ),
                    None => not_found(
                        &format!("There is no scenario called \u{201c}{id}\u{201d}."),
                        Html::default(),
                        &focus_ref,
                        &navigate,
                    ),
                },
            }
        }
    };

    frame(&route, *storage_ok, content)
}

/// The page around a screen: the header and the main landmark. The catalogue is a grid of
/// cards; every other screen is one reading column.
fn frame(route: &Route, storage_ok: bool, content: Html) -> Html {
    let width = if *route == Route::Catalogue {
        "wide"
    } else {
        "narrow"
    };
    html! {
        <>
            <header class={classes!("site-header", width)}>
                <a class="brand" href="#/">{ "Scenario Quiz" }</a>
            </header>
            <main id="main" class={classes!("page", width)}>
                if !storage_ok {
                    <p class="notice notice-warning" role="status">
                        { "This browser is not letting the page save your progress, so reloading will start the scenario again." }
                    </p>
                }
                { content }
            </main>
        </>
    }
}

/// The "Not available" screen, with `details` (e.g. a load-error notice) under the message.
fn not_found(
    message: &str,
    details: Html,
    focus_ref: &NodeRef,
    navigate: &Callback<Route>,
) -> Html {
    let onclick = navigate.reform(|_: MouseEvent| Route::Catalogue);
    html! {
        <section class="not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading" tabindex="-1" ref={focus_ref.clone()}>{ "Not available" }</h1>
            <p>{ message.to_owned() }</p>
            { details }
            <div class="actions">
                <button type="button" class="button primary" data-testid="back-to-catalogue" {onclick}>{ "Back to catalogue" }</button>
            </div>
        </section>
    }
}
