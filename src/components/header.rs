//! The header on every screen: the app's name, links to the scenarios, the history, the
//! settings and the glossary (the current one marked), a "Trainer mode" marker when it is on,
//! and the "If this brings something up" panel, so support is one step away from any screen.
//! It also holds the description every glossary link in scenario text points to.

use crate::components::linked::HINT_ID;
use crate::route::Route;
use yew::prelude::*;

/// Props of [`SiteHeader`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The screen on show.
    pub route: Route,
    /// Is trainer mode on?
    pub trainer: bool,
}

/// The site header.
#[function_component(SiteHeader)]
pub fn site_header(props: &HeaderProps) -> Html {
    let screen = props.route.screen();
    let link = |route: Route, label: &str| {
        let current = (screen == route).then_some("page");
        html! {
            <li><a href={route.to_hash()} aria-current={current}>{ label.to_owned() }</a></li>
        }
    };
    html! {
        <header class="site-header">
            <div class="header-inner">
                <a class="brand" href="#/">{ "Scenario Quiz" }</a>
                <nav aria-label="Main">
                    <ul class="nav">
                        { link(Route::home(), "Scenarios") }
                        { link(Route::History, "History") }
                        { link(Route::Settings, "Settings") }
                        { link(Route::Glossary(None), "Glossary") }
                    </ul>
                </nav>
                <span id={HINT_ID} hidden=true>{ "Glossary entry" }</span>
                if props.trainer {
                    <a class="mode-tag" href="#/settings" data-testid="trainer-tag">{ "Trainer mode" }</a>
                }
                <details class="support" data-testid="support">
                    <summary>{ "If this brings something up" }</summary>
                    <div class="support-body">
                        <p>{ "These scenarios touch on sexual offending. It is normal for them to stir up feelings or memories, especially if you or someone close to you has been affected by abuse." }</p>
                        <ul>
                            <li>{ "You can stop at any time. Your progress is saved on this device." }</li>
                            <li>{ "Take a break and talk to your manager, your supervisor or a colleague you trust." }</li>
                            <li>{ "Use your employer\u{2019}s support service, such as an employee assistance programme. Your manager or HR can tell you how to reach it." }</li>
                            <li>{ "Bring anything that stays with you to supervision: that is what it is for." }</li>
                        </ul>
                    </div>
                </details>
            </div>
        </header>
    }
}
