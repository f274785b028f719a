//! Printing the debrief as a record for a supervision file: a small form asks for the
//! learner's name at print time (kept only in the page while it is open, stored nowhere),
//! and a print-only header carries the name, the date and the scenario. The print
//! stylesheet (styles/app.css) hides navigation and buttons.

use crate::browser;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The header printed above the debrief.
pub fn record_header(name: &str, date: &str, scenario: &str) -> Html {
    let name = if name.trim().is_empty() {
        "\u{a0}".repeat(40)
    } else {
        name.trim().to_owned()
    };
    html! {
        <div class="print-only record-header" data-testid="print-header">
            <p class="record-title">{ "Scenario Quiz \u{2013} practice record" }</p>
            <dl class="record-meta">
                <div><dt>{ "Name" }</dt><dd class="record-name" data-testid="print-name">{ name }</dd></div>
                <div><dt>{ "Date" }</dt><dd>{ date }</dd></div>
                <div><dt>{ "Scenario" }</dt><dd>{ scenario }</dd></div>
            </dl>
        </div>
    }
}

/// The lines for a supervisor, printed at the end.
pub fn record_footer() -> Html {
    html! {
        <div class="print-only record-footer">
            <p>{ "Discussed in supervision on: ______________________" }</p>
            <p>{ "Supervisor\u{2019}s name and signature: ______________________________________" }</p>
        </div>
    }
}

/// Props of [`PrintForm`].
#[derive(Properties, PartialEq)]
pub struct PrintFormProps {
    /// Print with this name (possibly empty) on the record.
    pub on_print: Callback<String>,
}

/// "Print or save as PDF", then a one-field form for the name.
#[function_component(PrintForm)]
pub fn print_form(props: &PrintFormProps) -> Html {
    let open = use_state(|| false);
    let input_ref = use_node_ref();
    {
        let input_ref = input_ref.clone();
        use_effect_with(*open, move |open| {
            if *open {
                browser::focus(&input_ref, false);
            }
        });
    }
    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(true))
        };
        return html! {
            <button type="button" class="button" data-testid="print" {onclick}>{ "Print or save as PDF\u{2026}" }</button>
        };
    }
    let onsubmit = {
        let (input_ref, on_print) = (input_ref.clone(), props.on_print.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            on_print.emit(name);
        })
    };
    let oncancel = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    html! {
        <form class="print-form no-print" data-testid="print-form" {onsubmit}>
            <div class="field">
                <label for="print-name">{ "Your name, to print on the record" }</label>
                <p class="hint" id="print-name-hint">{ "Only printed. It is not saved anywhere." }</p>
                <input id="print-name" type="text" autocomplete="off" aria-describedby="print-name-hint" ref={input_ref} data-testid="print-name-input" />
            </div>
            <div class="actions">
                <button type="submit" class="button primary" data-testid="print-now">{ "Print" }</button>
                <button type="button" class="button" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
