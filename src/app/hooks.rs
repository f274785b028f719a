//! The app's effects, one hook each: following the hash, fetching the index of the scenarios,
//! fetching their packs (the one a route is about at once, the rest one by one at idle),
//! opening the scenario a route is about (with its saved progress and reflection answers), saving after
//! every step, recording an attempt at an ending, moving from a finished play screen to the
//! debrief, moving focus to new content, and the page title and root classes.

use crate::browser;
use crate::catalogue::{Catalogue, Pack, Packs};
use crate::history::{attempt_key, Attempt, History};
use crate::notes::Notes;
use crate::player::{Action, PendingMarker, PlayerState};
use crate::route::Route;
use crate::storage;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The attempt history and, when the saved one could not be read, why.
pub type HistoryState = (Rc<History>, Option<String>);

/// A scenario id and its reflection answers.
pub type NotesState = (String, Rc<Notes>);

/// The route in the address bar, following links and the back and forward buttons.
#[hook]
pub fn use_hash_route() -> UseStateHandle<Route> {
    let route = use_state(browser::current_route);
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
    route
}

/// The index of the bundled scenarios, fetched and read once (`None` until it is).
#[hook]
pub fn use_catalogue() -> UseStateHandle<Option<Rc<Catalogue>>> {
    let catalogue = use_state(|| None::<Rc<Catalogue>>);
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
    catalogue
}

/// A pack that arrived, by its entry's position in the catalogue.
pub struct PackArrived(pub usize, pub Pack);

impl Reducible for Packs {
    type Action = PackArrived;
    fn reduce(self: Rc<Self>, PackArrived(position, pack): PackArrived) -> Rc<Self> {
        Rc::new(self.with(position, pack))
    }
}

/// Starts fetching the pack at `position` unless it was asked for already (`asked`, by
/// position); the future dispatches it when it arrives.
fn fetch_once(
    catalogue: &Rc<Catalogue>,
    position: usize,
    asked: &std::cell::RefCell<Vec<bool>>,
    packs: &UseReducerDispatcher<Packs>,
) -> Option<impl std::future::Future<Output = ()>> {
    let entry = catalogue.entries.get(position)?.clone();
    let mut asked = asked.borrow_mut();
    if asked.len() < catalogue.entries.len() {
        asked.resize(catalogue.entries.len(), false);
    }
    if std::mem::replace(&mut asked[position], true) {
        return None;
    }
    let packs = packs.clone();
    Some(async move {
        let pack = browser::fetch_pack(&entry).await;
        packs.dispatch(PackArrived(position, pack));
    })
}

/// The scenarios' packs: the one the route is about as soon as the index is read, the failed
/// files' (which hold the errors the catalogue shows) right after the first screen, then
/// every other one, one at a time, whenever the browser is idle, so that opening a scenario
/// rarely waits and the first screen never does. Each is fetched once.
#[hook]
pub fn use_packs(catalogue: Option<Rc<Catalogue>>, route: &Route) -> UseReducerHandle<Packs> {
    let packs = use_reducer(Packs::default);
    let asked = use_mut_ref(Vec::<bool>::new);
    {
        let (catalogue, asked, dispatcher) = (catalogue.clone(), asked.clone(), packs.dispatcher());
        let id = route.scenario_id().map(str::to_owned);
        use_effect_with((id, catalogue.is_some()), move |(id, _)| {
            let position = catalogue
                .as_ref()
                .zip(id.as_deref())
                .and_then(|(c, id)| c.position(id));
            if let (Some(catalogue), Some(position)) = (catalogue, position) {
                if let Some(fetch) = fetch_once(&catalogue, position, &asked, &dispatcher) {
                    wasm_bindgen_futures::spawn_local(fetch);
                }
            }
        });
    }
    {
        let dispatcher = packs.dispatcher();
        use_effect_with(catalogue.is_some(), move |_| {
            let Some(catalogue) = catalogue else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let failed_first = (0..catalogue.entries.len())
                    .filter(|&i| catalogue.entries[i].listing.is_none())
                    .chain(
                        (0..catalogue.entries.len())
                            .filter(|&i| catalogue.entries[i].listing.is_some()),
                    );
                for position in failed_first {
                    browser::idle().await;
                    if let Some(fetch) = fetch_once(&catalogue, position, &asked, &dispatcher) {
                        fetch.await;
                    }
                }
            });
        });
    }
    packs
}

/// Opens the scenario the route is about once its pack has arrived, resuming saved progress,
/// and loads its answers.
#[hook]
pub fn use_open_scenario(
    route: &Route,
    pack: Option<Pack>,
    player: UseReducerHandle<PlayerState>,
    notes: UseStateHandle<NotesState>,
) {
    let ready = matches!(pack, Some(Pack::Ready(..)));
    let key = (route.scenario_id().map(str::to_owned), ready);
    use_effect_with(key, move |_| {
        if let Some(Pack::Ready(scenario, routes, links)) = pack {
            notes.set((
                scenario.id.clone(),
                Rc::new(storage::load_notes(&scenario.id)),
            ));
            player.dispatch(Action::Open {
                saved: storage::load_saved(&scenario.id),
                scenario,
                routes,
                links,
                seed: browser::fresh_seed(),
            });
        }
    });
}

/// Saves the open scenario after every step.
#[hook]
pub fn use_autosave(player: &PlayerState, storage_ok: UseStateHandle<bool>) {
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
            let ok = storage::save(id, &session.to_json(), pending.as_deref());
            if *storage_ok != ok {
                storage_ok.set(ok);
            }
        }
    });
}

/// Records an attempt in the history when the open scenario reaches an ending (once per
/// play-through; never in trainer mode).
#[hook]
pub fn use_record_attempt(
    player: &PlayerState,
    trainer: bool,
    history: UseStateHandle<HistoryState>,
    storage_ok: UseStateHandle<bool>,
) {
    let finished = player
        .play
        .as_ref()
        .filter(|play| play.finished())
        .map(|play| (play.scenario.clone(), play.session.clone()));
    let key = finished.as_ref().map(|(_, session)| attempt_key(session));
    use_effect_with(key, move |key| {
        let (Some(key), Some((scenario, session))) = (key, finished) else {
            return;
        };
        if trainer || history.0.contains(key) {
            return;
        }
        let result = scenario_core::score(&scenario, &session);
        let Some(attempt) = Attempt::new(&scenario, &session, &result, &browser::now_iso()) else {
            return;
        };
        let mut updated = (*history.0).clone();
        updated.record(attempt);
        if !storage::save_history(&updated) && *storage_ok {
            storage_ok.set(false);
        }
        history.set((Rc::new(updated), history.1.clone()));
    });
}

/// Once the ending's feedback has been read, the debrief takes the play screen's place.
#[hook]
pub fn use_debrief_redirect(route: &Route, player: &PlayerState) {
    let finished_here = match route {
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

/// On every new screen or step, focuses its heading (not on the very first render); also
/// when the pack of the scenario the route is about arrives (`arrived`), which replaces
/// "Opening the scenario…" with the scenario or with why it could not be loaded.
#[hook]
pub fn use_focus_on_change(route: &Route, player: &PlayerState, arrived: bool, focus_ref: NodeRef) {
    let view = (
        route.screen(),
        arrived,
        player
            .play
            .as_ref()
            .map(|p| (p.id().to_owned(), p.step(), p.pending.is_some())),
    );
    let first_render = use_mut_ref(|| true);
    use_effect_with(view, move |(_, _, step)| {
        if std::mem::replace(&mut *first_render.borrow_mut(), false) {
            return;
        }
        let feedback = step.as_ref().is_some_and(|(_, _, pending)| *pending);
        browser::focus(&focus_ref, !feedback);
    });
}

/// Keeps the document's title and the root's large-text class up to date.
#[hook]
pub fn use_page_chrome(title: String, large_text: bool) {
    use_effect_with(title, |title| browser::set_title(title));
    use_effect_with(large_text, |large| {
        browser::set_root_class("large-text", *large)
    });
}
