//! Each screen built from the app's state: its props, and callbacks that dispatch actions,
//! navigate, save (settings, reflection answers), export and clear the device's data.

use super::hooks::{HistoryState, NotesState};
use crate::browser;
use crate::catalogue::{Catalogue, Pack, Packs};
use crate::components::catalogue_screen::CatalogueScreen;
use crate::components::debrief::Debrief;
use crate::components::history_screen::{ExportFormat, HistoryScreen};
use crate::components::intro::Intro;
use crate::components::load_error::LoadErrorNotice;
use crate::components::play::PlayScreen;
use crate::components::settings_screen::SettingsScreen;
use crate::export;
use crate::history::History;
use crate::player::{Action, Play, PlayerState};
use crate::route::Route;
use crate::settings::Settings;
use crate::storage;
use std::rc::Rc;
use yew::prelude::*;

/// Everything a screen needs from the app, to build its props and callbacks.
pub struct Ctx {
    pub route: Route,
    pub catalogue: Rc<Catalogue>,
    pub packs: Rc<Packs>,
    /// The pack of the scenario the route is about, once it has arrived.
    pub pack: Option<Pack>,
    pub player: UseReducerHandle<PlayerState>,
    pub settings: UseStateHandle<Settings>,
    pub history: UseStateHandle<HistoryState>,
    pub notes: UseStateHandle<NotesState>,
    pub storage_ok: UseStateHandle<bool>,
    pub cleared: UseStateHandle<bool>,
    pub focus_ref: NodeRef,
}

impl Ctx {
    /// The screen the route asks for.
    pub fn screen(&self) -> Html {
        match &self.route {
            Route::Catalogue(filter) => html! {
                <CatalogueScreen
                    catalogue={self.catalogue.clone()}
                    packs={self.packs.clone()}
                    filter={filter.clone()}
                    history={self.history.0.clone()}
                    focus_ref={self.focus_ref.clone()}
                    on_open={Callback::from(|id| browser::navigate(&Route::Intro(id)))}
                    on_filter={Callback::from(|filter| browser::replace(&Route::Catalogue(filter)))}
                />
            },
            Route::History => self.history_screen(),
            Route::Settings => {
                let (settings, storage_ok) = (self.settings.clone(), self.storage_ok.clone());
                let on_change = Callback::from(move |new: Settings| {
                    settings.set(new);
                    if !storage::save_settings(new) {
                        storage_ok.set(false);
                    }
                });
                html! { <SettingsScreen settings={*self.settings} focus_ref={self.focus_ref.clone()} {on_change} /> }
            }
            Route::NotFound(hash) => {
                self.not_found(&format!("There is no page at {hash}."), Html::default())
            }
            Route::Intro(id) | Route::Play(id) | Route::Debrief(id) => {
                match (&self.pack, self.player.play_of(id)) {
                    (Some(Pack::Ready(..)), Some(play)) => self.scenario_screen(id, play),
                    (Some(Pack::Failed(failed)), _) => self.not_found(
                        "This scenario could not be loaded.",
                        html! { <LoadErrorNotice failed={failed.clone()} /> },
                    ),
                    // Its pack is on its way (or the open-scenario effect runs right after
                    // this render).
                    _ if self.catalogue.position(id).is_some() => html! {
                        <p class="loading" role="status">{ "Opening the scenario\u{2026}" }</p>
                    },
                    _ => self.not_found(
                        &format!("There is no scenario called \u{201c}{id}\u{201d}."),
                        Html::default(),
                    ),
                }
            }
        }
    }

    fn scenario_screen(&self, id: &str, play: &Play) -> Html {
        let player = self.player.clone();
        let dispatch = move |action: fn() -> Action| {
            let player = player.clone();
            Callback::from(move |()| player.dispatch(action()))
        };
        // From the intro, starting over adds a history entry; from the debrief it replaces
        // it, so Back does not land on a "not finished yet" debrief.
        let restart = |go: fn(&Route)| {
            let (player, id) = (self.player.clone(), id.to_owned());
            Callback::from(move |()| {
                player.dispatch(Action::Restart {
                    seed: browser::fresh_seed(),
                });
                go(&Route::Play(id.clone()));
            })
        };
        let to = |route: Route| Callback::from(move |()| browser::navigate(&route));
        let on_jump = {
            let (player, id, debrief) = (
                self.player.clone(),
                id.to_owned(),
                matches!(self.route, Route::Debrief(_)),
            );
            Callback::from(move |node: String| {
                player.dispatch(Action::JumpTo(node));
                if debrief {
                    browser::replace(&Route::Play(id.clone()));
                }
            })
        };
        let settings = *self.settings;
        match &self.route {
            Route::Intro(_) => html! {
                <Intro
                    play={play.clone()}
                    trainer={settings.trainer}
                    focus_ref={self.focus_ref.clone()}
                    on_start={if play.finished() { restart(browser::navigate) } else { to(Route::Play(id.to_owned())) }}
                    on_start_over={restart(browser::navigate)}
                    on_not_today={to(Route::home())}
                />
            },
            Route::Play(_) => {
                let player = self.player.clone();
                html! {
                    <PlayScreen
                        play={play.clone()}
                        shuffle={settings.shuffle}
                        trainer={settings.trainer}
                        focus_ref={self.focus_ref.clone()}
                        on_choose={Callback::from(move |choice| player.dispatch(Action::Choose(choice)))}
                        on_continue={dispatch(|| Action::Continue)}
                        on_debrief={to(Route::Debrief(id.to_owned()))}
                        on_stop={to(Route::home())}
                        {on_jump}
                    />
                }
            }
            _ => {
                let on_retry = {
                    let (player, id) = (self.player.clone(), id.to_owned());
                    Callback::from(move |index: usize| {
                        player.dispatch(Action::RestartBefore(index));
                        browser::replace(&Route::Play(id.clone()));
                    })
                };
                let on_answer = {
                    let (notes, storage_ok) = (self.notes.clone(), self.storage_ok.clone());
                    Callback::from(move |(question, answer): (String, String)| {
                        let (id, current) = &*notes;
                        let mut updated = (**current).clone();
                        updated.set(&question, &answer);
                        if !storage::save_notes(id, &updated) {
                            storage_ok.set(false);
                        }
                        notes.set((id.clone(), Rc::new(updated)));
                    })
                };
                let answers = if self.notes.0 == id {
                    self.notes.1.clone()
                } else {
                    Rc::default()
                };
                html! {
                    <Debrief
                        play={play.clone()}
                        notes={answers}
                        trainer={settings.trainer}
                        today={browser::local_date(&browser::now_iso(), false)}
                        focus_ref={self.focus_ref.clone()}
                        on_restart={restart(browser::replace)}
                        {on_retry}
                        on_resume={to(Route::Play(id.to_owned()))}
                        on_back={to(Route::home())}
                        {on_answer}
                        on_print={Callback::from(|()| browser::print())}
                        {on_jump}
                    />
                }
            }
        }
    }

    fn history_screen(&self) -> Html {
        let history = self.history.clone();
        let on_export = Callback::from(move |format: ExportFormat| {
            let now = browser::now_iso();
            let day = now.get(..10).unwrap_or("today");
            let attempts = &history.0.attempts;
            let (name, mime, text) = match format {
                ExportFormat::Csv => (
                    format!("scenario-quiz-history-{day}.csv"),
                    "text/csv;charset=utf-8",
                    export::csv(attempts),
                ),
                ExportFormat::Json => {
                    let reflections: Vec<export::Reflection> = storage::all_notes()
                        .into_iter()
                        .map(|(scenario, notes)| export::Reflection {
                            scenario,
                            answers: notes.answers,
                        })
                        .collect();
                    (
                        format!("scenario-quiz-history-{day}.json"),
                        "application/json",
                        export::json(attempts, &reflections, &now),
                    )
                }
            };
            browser::download(&name, mime, &text);
        });
        let on_clear = {
            let (player, settings, history, notes, cleared) = (
                self.player.clone(),
                self.settings.clone(),
                self.history.clone(),
                self.notes.clone(),
                self.cleared.clone(),
            );
            Callback::from(move |()| {
                let ok = storage::clear_all();
                player.dispatch(Action::Close);
                settings.set(Settings::default());
                history.set((Rc::new(History::default()), None));
                notes.set((String::new(), Rc::default()));
                cleared.set(ok);
            })
        };
        html! {
            <HistoryScreen
                history={self.history.0.clone()}
                notice={self.history.1.clone()}
                trainer={self.settings.trainer}
                cleared={*self.cleared}
                focus_ref={self.focus_ref.clone()}
                {on_export}
                {on_clear}
            />
        }
    }

    /// The "Not available" screen, with `details` (e.g. a load-error notice) under the message.
    fn not_found(&self, message: &str, details: Html) -> Html {
        let onclick = Callback::from(|_: MouseEvent| browser::navigate(&Route::home()));
        html! {
            <section class="not-found" aria-labelledby="not-found-heading">
                <h1 id="not-found-heading" tabindex="-1" ref={self.focus_ref.clone()}>{ "Not available" }</h1>
                <p>{ message.to_owned() }</p>
                { details }
                <div class="actions">
                    <button type="button" class="button primary" data-testid="back-to-catalogue" {onclick}>{ "Back to catalogue" }</button>
                </div>
            </section>
        }
    }
}
