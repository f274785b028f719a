//! Scenario text with the glossary's terms linked: in each block (a narration, a spoken
//! line, a feedback, an ending, a key point, a reflection question) the first occurrence of
//! each term becomes a link to its entry (`scenario_core::play::links`). The text stays
//! plain text: the pieces are text nodes and `<a>` elements made here, never markup from a
//! string. The matching runs once per text (`use_memo`), not on every render, and again only
//! when the text or the glossary changes.

use crate::components::text::split_paragraphs;
use crate::glossary::{current, Ready};
use scenario_core::play::links::Segment;
use yew::prelude::*;

/// The id of the hidden description every term link points to (in the site header).
pub const HINT_ID: &str = "term-link-hint";

/// A piece of a paragraph: text, or a term as written with its entry's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// A term: the words as written, and the entry's id.
    Term(String, String),
}

/// `text` as paragraphs of pieces (one paragraph when `inline`), each term linked once in
/// the whole block; all plain text without a glossary.
pub fn pieces(text: &str, inline: bool, glossary: Option<&Ready>) -> Vec<Vec<Piece>> {
    let paragraphs = if inline {
        vec![text.to_owned()]
    } else {
        split_paragraphs(text)
    };
    let Some(ready) = glossary else {
        return paragraphs
            .into_iter()
            .map(|p| vec![Piece::Text(p)])
            .collect();
    };
    let mut linked = Vec::new();
    paragraphs
        .iter()
        .map(|p| {
            ready
                .linker
                .link(p, &mut linked)
                .into_iter()
                .map(|segment| match segment {
                    Segment::Text(range) => Piece::Text(p[range].to_owned()),
                    Segment::Term { range, term } => Piece::Term(
                        p[range].to_owned(),
                        ready
                            .glossary
                            .terms
                            .get(term)
                            .map_or_else(String::new, |t| t.id.clone()),
                    ),
                })
                .collect()
        })
        .collect()
}

/// Props of [`Linked`].
#[derive(Properties, PartialEq)]
pub struct LinkedProps {
    /// The text, as the scenario has it.
    pub text: AttrValue,
    /// Set it in the line as it is (a list item, a label) instead of as paragraphs.
    #[prop_or_default]
    pub inline: bool,
}

/// Text with its terms linked to the glossary.
#[function_component(Linked)]
pub fn linked(props: &LinkedProps) -> Html {
    // The glossary is in before any screen shows, and never changes.
    let blocks = use_memo((props.text.clone(), props.inline), |(text, inline)| {
        pieces(text, *inline, current().as_deref())
    });
    if props.inline {
        line(&blocks[0])
    } else {
        blocks
            .iter()
            .map(|p| html! { <p>{ line(p) }</p> })
            .collect()
    }
}

/// One paragraph's pieces: text nodes, and a link for each term. Made once, not per branch
/// of [`linked`] (the wasm is smaller).
#[inline(never)]
fn line(pieces: &[Piece]) -> Html {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => html! { text.clone() },
            Piece::Term(text, id) => html! {
                <a class="term" href={format!("#/glossary/{id}")} aria-describedby={HINT_ID}>{ text.clone() }</a>
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario_testkit::author::pack_glossary;

    fn ready() -> std::rc::Rc<Ready> {
        let src = "format: 1\nterms:\n  recall:\n    term: Recall\n    also: [recalled]\n    means: Back to prison.\n  offender-manager:\n    term: Offender manager\n    means: Probation.\n";
        Ready::from_fetched(Ok(pack_glossary(src).text)).expect("reads")
    }

    #[test]
    fn each_term_once_per_block_across_its_paragraphs() {
        let ready = ready();
        let text = "He was recalled by his offender manager.\n\nA recall <b>is</b> rare.";
        assert_eq!(
            pieces(text, false, Some(&ready)),
            vec![
                vec![
                    Piece::Text("He was ".into()),
                    Piece::Term("recalled".into(), "recall".into()),
                    Piece::Text(" by his ".into()),
                    Piece::Term("offender manager".into(), "offender-manager".into()),
                    Piece::Text(".".into()),
                ],
                vec![Piece::Text("A recall <b>is</b> rare.".into())],
            ]
        );
        assert_eq!(
            pieces("Recall.\n\nRecall.", true, Some(&ready)),
            vec![vec![
                Piece::Term("Recall".into(), "recall".into()),
                Piece::Text(".\n\nRecall.".into()),
            ]]
        );
        assert_eq!(
            pieces("Recall.\n\nAgain.", false, None),
            vec![
                vec![Piece::Text("Recall.".into())],
                vec![Piece::Text("Again.".into())]
            ]
        );
    }
}
