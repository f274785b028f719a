//! "Preview": the current text played in the learner's own screens (the root package's
//! library, `src/lib.rs`): `PlayScreen` and `Debrief`, driven by the learner's reducer
//! (`player::PlayerState`), with trainer mode on so any node can be reached by the trainer's
//! jump. Nothing is stored: the preview is not a learner's attempt. The scenario and its
//! routes are built by the caller with the core's loader (`Routes::of`, author side).

use scenario_core::model::links::Links;
use scenario_core::{Routes, Scenario};
use scenario_quiz::browser;
use scenario_quiz::components::debrief::Debrief;
use scenario_quiz::components::play::PlayScreen;
use scenario_quiz::notes::Notes;
use scenario_quiz::player::{Action, PlayerState, Saved};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Preview`].
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// The scenario as the current text loads.
    pub scenario: Rc<Scenario>,
    /// Its routes (for the trainer's jump).
    pub routes: Rc<Routes>,
    /// "Back to editing".
    pub on_back: Callback<()>,
}

/// The preview.
#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    let player = use_reducer(PlayerState::default);
    let focus_ref = use_node_ref();
    {
        let player = player.clone();
        let (scenario, routes) = (props.scenario.clone(), props.routes.clone());
        use_effect_with((), move |_| {
            player.dispatch(Action::Open {
                scenario,
                routes,
                // No glossary links in the preview: the studio has no glossary.yaml open, and a
                // term's link would lead out of the studio to the site's glossary page.
                links: Rc::new(Links::default()),
                saved: Saved::default(),
                seed: browser::fresh_seed(),
            });
        });
    }
    // Each new step or screen: its heading takes the focus, as in the app.
    let step = player.play.as_ref().map(|p| {
        (
            p.step(),
            p.pending.is_some(),
            p.finished() && p.pending.is_none(),
        )
    });
    {
        let focus_ref = focus_ref.clone();
        use_effect_with(step, move |_| browser::focus(&focus_ref, true));
    }
    let Some(play) = player.play.clone() else {
        return html! { <p role="status">{ "Opening the preview…" }</p> };
    };
    let dispatch = |make: fn() -> Action| {
        let player = player.clone();
        Callback::from(move |()| player.dispatch(make()))
    };
    let on_jump = {
        let player = player.clone();
        Callback::from(move |node: String| player.dispatch(Action::JumpTo(node)))
    };
    let on_back = props.on_back.clone();
    let back = {
        let on_back = on_back.clone();
        html! {
            <p class="preview-bar">
                <button type="button" class="button" onclick={Callback::from(move |_: MouseEvent| on_back.emit(()))}>{ "Back to editing" }</button>
                <span class="hint">{ " Preview: the learner's screens with trainer mode on; nothing is saved." }</span>
            </p>
        }
    };
    if play.finished() && play.pending.is_none() {
        let on_retry = {
            let player = player.clone();
            Callback::from(move |index: usize| player.dispatch(Action::RestartBefore(index)))
        };
        let on_restart = {
            let player = player.clone();
            Callback::from(move |()| {
                player.dispatch(Action::Restart {
                    seed: browser::fresh_seed(),
                })
            })
        };
        html! {
            <div class="preview">
                { back }
                <Debrief
                    {play}
                    notes={Rc::new(Notes::default())}
                    trainer={true}
                    today={browser::local_date(&browser::now_iso(), false)}
                    focus_ref={focus_ref}
                    {on_restart}
                    {on_retry}
                    on_resume={Callback::noop()}
                    on_back={on_back}
                    on_answer={Callback::noop()}
                    on_print={Callback::from(|()| browser::print())}
                    {on_jump}
                />
            </div>
        }
    } else {
        let on_choose = {
            let player = player.clone();
            Callback::from(move |choice: String| player.dispatch(Action::Choose(choice)))
        };
        html! {
            <div class="preview">
                { back }
                <PlayScreen
                    {play}
                    shuffle={false}
                    trainer={true}
                    focus_ref={focus_ref}
                    {on_choose}
                    on_continue={dispatch(|| Action::Continue)}
                    on_debrief={Callback::noop()}
                    on_stop={on_back}
                    {on_jump}
                />
            </div>
        }
    }
}
