//! Scenario text as plain text nodes: narration split into paragraphs at blank lines, and
//! spoken lines with the speaker's name. Never parsed as HTML (Yew escapes text nodes).
//! [`linked`] adds links to the glossary's terms ([`crate::components::linked`]).

use crate::components::linked::Linked;
use scenario_core::model::Line;
use scenario_core::Scenario;
use yew::prelude::*;

/// The paragraphs of `text`: blocks separated by blank lines, each joined onto one line.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// `text` as `<p>` elements, one per paragraph.
pub fn paragraphs(text: &str) -> Html {
    split_paragraphs(text)
        .into_iter()
        .map(|p| html! { <p>{ p }</p> })
        .collect()
}

/// `text` as `<p>` elements, one per paragraph, with the glossary's terms linked.
pub fn linked(text: &str) -> Html {
    html! { <Linked text={AttrValue::from(text.to_owned())} /> }
}

/// `text` set in a line (a list item, a label), with the glossary's terms linked.
pub fn linked_inline(text: &str) -> Html {
    html! { <Linked text={AttrValue::from(text.to_owned())} inline=true /> }
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

/// One spoken line: the speaker's name, then what they say (its terms linked).
pub fn spoken_line(scenario: &Scenario, line: &Line) -> Html {
    html! {
        <figure class="line">
            <figcaption class="speaker">{ speaker_name(scenario, &line.character) }<span class="visually-hidden">{ " says:" }</span></figcaption>
            <blockquote class="said">{ linked(&line.text) }</blockquote>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_break_at_blank_lines_only() {
        assert_eq!(split_paragraphs(""), Vec::<String>::new());
        assert_eq!(split_paragraphs("One line."), vec!["One line."]);
        assert_eq!(
            split_paragraphs("First\nstill first.\n\n  \nSecond.\n"),
            vec!["First still first.", "Second."]
        );
        assert_eq!(split_paragraphs("<b>not html</b>"), vec!["<b>not html</b>"]);
    }
}
