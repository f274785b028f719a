//! The header on every screen: the app's name, links to the scenarios, the history and
//! the settings (the current one marked), when the build wrote one the glossary page
//! (`glossary.html`, opened in a new tab: the app, and under an LMS its session, stays where
//! the learner is), the studio (studio.html, its own page), a "Trainer mode" marker when it is
//! on, and the "If this brings something up" panel, so support is one step away from any screen.

use crate::route::Route;
use scenario_core::model::glossary::PAGE;
use yew::prelude::*;

/// Props of [`SiteHeader`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The screen on show.
    pub route: Route,
    /// Is trainer mode on?
    pub trainer: bool,
    /// Is there a glossary page (the index says so)?
    pub glossary: bool,
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
                        if props.glossary {
                            <li><a href={PAGE} target="_blank" rel="noopener" aria-label="Glossary (opens in a new tab)">{ "Glossary" }</a></li>
                        }
                        // The studio is its own page (studio.html), for trainers.
                        <li><a href="studio.html">{ "Studio" }</a></li>
                    </ul>
                </nav>
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
