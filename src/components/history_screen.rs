//! Past attempts on this device (newest first: date, scenario and ending, overall and
//! passed or not),
//! exports as CSV and JSON, and "clear my data" behind an in-page confirmation step.

use crate::browser;
use crate::history::History;
use crate::route::Route;
use std::rc::Rc;
use yew::prelude::*;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A spreadsheet-friendly table of the attempts.
    Csv,
    /// The attempts and the reflection answers.
    Json,
}

/// Props of [`HistoryScreen`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The attempts recorded on this device.
    pub history: Rc<History>,
    /// Why the saved history could not be read, if it could not.
    pub notice: Option<String>,
    /// Is trainer mode on (attempts are then not recorded)?
    pub trainer: bool,
    /// Was everything just cleared?
    pub cleared: bool,
    /// Put on the screen's heading; the app focuses it after navigation.
    pub focus_ref: NodeRef,
    /// Download the history.
    pub on_export: Callback<ExportFormat>,
    /// Remove everything the app stored (already confirmed).
    pub on_clear: Callback<()>,
}

/// The history page.
#[function_component(HistoryScreen)]
pub fn history_screen(props: &HistoryProps) -> Html {
    let confirming = use_state(|| false);
    // Set when the question is cancelled, so focus goes back to the button that asked it.
    let cancelled = use_state(|| false);
    let confirm_ref = use_node_ref();
    let clear_ref = use_node_ref();
    let cleared_ref = use_node_ref();
    {
        let refs = (confirm_ref.clone(), clear_ref.clone(), cleared_ref.clone());
        use_effect_with(
            (*confirming, *cancelled, props.cleared),
            move |(confirming, cancelled, cleared)| {
                let (confirm_ref, clear_ref, cleared_ref) = refs;
                if *confirming {
                    browser::focus(&confirm_ref, false);
                } else if *cancelled {
                    browser::focus(&clear_ref, false);
                } else if *cleared {
                    browser::focus(&cleared_ref, false);
                }
            },
        );
    }
    let attempts = &props.history.attempts;
    let export = |format: ExportFormat| props.on_export.reform(move |_: MouseEvent| format);
    let ask = {
        let (confirming, cancelled) = (confirming.clone(), cancelled.clone());
        Callback::from(move |_: MouseEvent| {
            cancelled.set(false);
            confirming.set(true);
        })
    };
    let cancel = {
        let (confirming, cancelled) = (confirming.clone(), cancelled.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            cancelled.set(true);
        })
    };
    let clear = {
        let (confirming, on_clear) = (confirming.clone(), props.on_clear.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            on_clear.emit(());
        })
    };
    html! {
        <section class="history" aria-labelledby="history-heading">
            <h1 id="history-heading" tabindex="-1" ref={props.focus_ref.clone()}>{ "Your history on this device" }</h1>
            <p class="lede">{ "Each scenario you finish is listed here. It is kept only in this browser: nobody else sees it unless you export it." }</p>
            if props.cleared {
                <p class="notice" role="status" tabindex="-1" ref={cleared_ref} data-testid="cleared">
                    { "Everything this app stored on this device has been removed: progress, history, reflection answers and settings." }
                </p>
            }
            if let Some(notice) = &props.notice {
                <p class="notice notice-warning" role="status" data-testid="history-notice">{ notice }</p>
            }
            if props.trainer {
                <p class="notice" data-testid="trainer-not-recorded">{ "Trainer mode is on, so play-throughs are not recorded here. Turn it off in Settings to record your own attempts." }</p>
            }
            if attempts.is_empty() {
                <p data-testid="no-attempts">{ "No attempts yet. When you reach the end of a scenario, it is listed here." }</p>
            } else {
                <div class="table-wrap" role="region" aria-labelledby="attempts-caption" tabindex="0">
                    // Explicit roles: the narrow layout restyles the cells as blocks, which would
                    // otherwise lose the table semantics in some browsers.
                    <table class="attempts" data-testid="attempts" role="table">
                        <caption id="attempts-caption">
                            { if attempts.len() == 1 { "1 attempt".to_owned() } else { format!("{} attempts, newest first", attempts.len()) } }
                        </caption>
                        <thead role="rowgroup">
                            <tr role="row">
                                <th scope="col" role="columnheader">{ "Date" }</th>
                                <th scope="col" role="columnheader">{ "Scenario and ending" }</th>
                                <th scope="col" role="columnheader">{ "Overall and result" }</th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            { for attempts.iter().rev().map(|a| html! {
                                <tr role="row" data-testid="attempt" data-scenario={a.scenario.clone()}>
                                    <td role="cell" class="date">{ browser::local_date(&a.date, true) }</td>
                                    <td role="cell">
                                        <a href={Route::Intro(a.scenario.clone()).to_hash()}>{ &a.title }</a>
                                        <span class="ending">{ format!("Ending: {}", a.ending_title) }</span>
                                    </td>
                                    <td role="cell">
                                        <span class="overall">{ a.overall.map_or_else(|| "Not assessed".to_owned(), |o| format!("{o}%")) }</span>
                                        <span class={classes!("badge", if a.passed { "badge-pass" } else { "badge-fail" })}>
                                            { if a.passed { "Passed" } else { "Not passed" } }
                                        </span>
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }

            <h2>{ "Export" }</h2>
            <p>{ "Download your attempts for a supervision file or a spreadsheet. The JSON file also holds your reflection answers." }</p>
            <div class="actions">
                <button type="button" class="button" data-testid="export-csv" onclick={export(ExportFormat::Csv)}>{ "Download CSV" }</button>
                <button type="button" class="button" data-testid="export-json" onclick={export(ExportFormat::Json)}>{ "Download JSON" }</button>
            </div>

            <h2>{ "Clear my data" }</h2>
            <p>{ "Removes everything this app keeps in this browser: progress in any scenario, this history, your reflection answers and your settings." }</p>
            if *confirming {
                <div class="confirm" role="group" aria-labelledby="confirm-heading" data-testid="confirm-clear">
                    <h3 id="confirm-heading" tabindex="-1" ref={confirm_ref}>{ "Remove everything?" }</h3>
                    <p>{ "This cannot be undone. Export first if you want to keep a copy." }</p>
                    <div class="actions">
                        <button type="button" class="button danger" data-testid="confirm-clear-yes" onclick={clear}>{ "Yes, remove everything" }</button>
                        <button type="button" class="button" data-testid="confirm-clear-no" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                </div>
            } else {
                <div class="actions">
                    <button type="button" class="button" data-testid="clear" ref={clear_ref} onclick={ask}>{ "Clear my data\u{2026}" }</button>
                </div>
            }
        </section>
    }
}
