//! Scenario text as plain text nodes: narration split into paragraphs at blank lines, and
//! spoken lines with the speaker's name, and the glossary's terms in them linked to its page
//! where the scenario's pack says they are (`scenario_core::model::links`: found at build
//! time, so the app only cuts the text). Never parsed as HTML: text nodes (Yew escapes them)
//! and `<a>` elements made here.

use scenario_core::model::glossary::PAGE;
use scenario_core::model::links::{pieces, Link, Piece};
use scenario_core::model::Line;
use scenario_core::Scenario;
use yew::prelude::*;

/// `text` as `<p>` elements, one per paragraph.
pub fn paragraphs(text: &str) -> Html {
    with_links(text, &[], false)
}

/// `text` as `<p>` elements, one per paragraph, each of `links` (from the scenario's pack,
/// checked against this text when the pack was read) a link to its glossary entry.
pub fn linked(text: &str, links: &[Link]) -> Html {
    with_links(text, links, false)
}

/// `text` set in a line (a list item, a label), its paragraphs joined by a space, with its
/// `links`.
pub fn linked_inline(text: &str, links: &[Link]) -> Html {
    with_links(text, links, true)
}

/// What [`paragraphs`], [`linked`] and [`linked_inline`] show: one function with one
/// `html!` per shape, as each `html!` is code in the wasm.
#[inline(never)]
fn with_links(text: &str, links: &[Link], inline: bool) -> Html {
    let paragraphs = pieces(text, links);
    if inline {
        let mut all = Vec::new();
        for (n, paragraph) in paragraphs.into_iter().enumerate() {
            if n > 0 {
                all.push(Piece {
                    text: " ".into(),
                    term: None,
                });
            }
            all.extend(paragraph);
        }
        return line(&all);
    }
    paragraphs
        .iter()
        .map(|p| html! { <p>{ line(p) }</p> })
        .collect()
}

/// One paragraph's pieces: text nodes, and for a use of a term an `<a>` to its entry on the
/// glossary page, opened in a new tab so that the app (and, under an LMS, its session) stays
/// where the learner is; `noopener`, so that the page and any app started from it cannot
/// reach this window or the LMS through it. Its `title` is its description (a screen reader
/// reads it after the term; a mouse shows it): an attribute, not an element the link points
/// to, as every element is code in the wasm.
fn line(pieces: &[Piece]) -> Html {
    pieces
        .iter()
        .map(|piece| match piece.term {
            None => html! { piece.text.clone() },
            Some(term) => html! {
                <a class="term" href={format!("{PAGE}#{term}")} target="_blank" rel="noopener" title="Glossary entry, opens in a new tab">{ piece.text.clone() }</a>
            },
        })
        .collect()
}

/// Scenario text set in a line of app text (`{title}: the ending`, `{label} +2`): a `<bdi>`,
/// so a bidi override or isolate the text leaves open cannot turn the app's words around.
pub fn isolated(text: &str) -> Html {
    html! { <bdi>{ text.to_owned() }</bdi> }
}

/// Labels from the scenario files, `, `-separated, each [`isolated`].
pub fn isolated_list<'a>(labels: impl IntoIterator<Item = &'a str>) -> Html {
    labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| html! { <>{ if i > 0 { ", " } else { "" } }{ isolated(label) }</> })
        .collect()
}

/// The display name of a character (its id when the scenario does not name it).
pub fn speaker_name<'a>(scenario: &'a Scenario, character: &'a str) -> &'a str {
    scenario
        .character(character)
        .map_or(character, |c| c.name.as_str())
}

/// One spoken line: the speaker's name, then what they say, with its glossary `links`.
pub fn spoken_line(scenario: &Scenario, line: &Line, links: &[Link]) -> Html {
    html! {
        <figure class="line">
            <figcaption class="speaker">{ speaker_name(scenario, &line.character) }<span class="visually-hidden">{ " says:" }</span></figcaption>
            <blockquote class="said">{ linked(&line.text, links) }</blockquote>
        </figure>
    }
}
