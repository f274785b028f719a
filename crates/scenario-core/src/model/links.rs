//! The glossary links of a scenario's texts: in each text the app links (a narration, a
//! spoken line, a feedback or red-line reason, an ending, a key point, a reflection
//! question), the byte ranges that are a glossary term, with the term's id. `scenario pack`
//! finds them at build time (`analysis::links`, against `glossary.yaml`) and the pack carries
//! them beside the scenario, as it carries the routes; the app only cuts the text at them
//! ([`pieces`]) and links each piece to `glossary.html#<id>`, so neither the glossary nor
//! the matcher is in the wasm. Reading a pack checks every range against its text
//! ([`Links::check`]).
//!
//! The text is shown as paragraphs ([`paragraphs`]): blocks separated by blank lines, each
//! line trimmed and the lines of a block joined by one space. A link lies inside one
//! paragraph and may cross the line breaks within it.

use super::glossary::is_term_id;
use super::{NodeIndex, NodeKind, Scenario};
use crate::json::{FromJson, Json, JsonError, ToJson};
use std::ops::Range;

/// Where a text the app links is, in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// A node's narration.
    Narration(NodeIndex),
    /// A node's spoken line, by its position in `say`.
    Say(NodeIndex, usize),
    /// A choice's feedback: the decision node and the choice's position in it.
    Feedback(NodeIndex, usize),
    /// A choice's red-line reason (`Choice::critical`).
    Critical(NodeIndex, usize),
    /// An ending's text.
    Ending(NodeIndex),
    /// A key point of the debrief.
    KeyPoint(usize),
    /// A reflection question of the debrief.
    Reflection(usize),
}

impl Place {
    /// The text at this place in `scenario`, when it has one.
    pub fn text(self, scenario: &Scenario) -> Option<&str> {
        let node = |n: NodeIndex| scenario.nodes.get(n);
        let choice = |n: NodeIndex, c: usize| match &node(n)?.kind {
            NodeKind::Decision(choices) => choices.get(c),
            _ => None,
        };
        match self {
            Place::Narration(n) => node(n)?.narration.as_deref(),
            Place::Say(n, i) => node(n)?.say.get(i).map(|l| l.text.as_str()),
            Place::Feedback(n, c) => choice(n, c)?.feedback.as_deref(),
            Place::Critical(n, c) => choice(n, c)?.critical.as_deref(),
            Place::Ending(n) => match &node(n)?.kind {
                NodeKind::Ending(ending) => Some(&ending.text),
                _ => None,
            },
            Place::KeyPoint(i) => scenario.debrief.key_points.get(i).map(String::as_str),
            Place::Reflection(i) => scenario.debrief.reflection.get(i).map(String::as_str),
        }
    }
}

/// One link: bytes `start..end` of a text are a use of the glossary term `term` (its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where the term starts in the text, in bytes.
    pub start: usize,
    /// Where it ends, in bytes.
    pub end: usize,
    /// The term's id, the fragment of its entry (`glossary.html#<id>`).
    pub term: String,
}

/// The links of one scenario's texts: per text, its links in order. Empty when the build had
/// no glossary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links(pub Vec<(Place, Vec<Link>)>);

impl Links {
    /// The links of the text at `place` (none when it has none).
    pub fn at(&self, place: Place) -> &[Link] {
        self.0
            .iter()
            .find(|(p, _)| *p == place)
            .map_or(&[], |(_, links)| links)
    }

    /// Whether every link fits its text in `scenario`: the text is there, and its links are
    /// in order, do not overlap, are not empty, start and end on character boundaries within
    /// it, and name a valid term id. What [`pieces`] and the links' addresses rely on.
    pub fn check(&self, scenario: &Scenario) -> Result<(), String> {
        for (place, links) in &self.0 {
            // Plain messages, no numbers: a damaged pack is rebuilt, not repaired by hand.
            let Some(text) = place.text(scenario) else {
                return Err("it links a text the scenario does not have".into());
            };
            let mut end = 0;
            for link in links {
                if link.start < end
                    || link.end <= link.start
                    || !text.is_char_boundary(link.start)
                    || !text.is_char_boundary(link.end)
                    || !is_term_id(&link.term)
                {
                    return Err("a glossary link does not fit its text".into());
                }
                end = link.end;
            }
        }
        Ok(())
    }
}

/// The paragraphs of `text`, each as the byte ranges of its lines, trimmed: blocks of
/// lines separated by blank lines. The app shows the lines of a paragraph joined by one
/// space.
pub fn paragraphs(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = start + line.trim().len();
        at += line.len() + 1;
        if start < end {
            current.push(start..end);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A piece of a paragraph as shown: text, and the id of the term it is a use of, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'l> {
    /// The text as shown (the lines of a paragraph joined by one space).
    pub text: String,
    /// The term's id when the piece links to its glossary entry.
    pub term: Option<&'l str>,
}

/// `text` as the app shows it: its [`paragraphs`], each cut into pieces at `links` (checked
/// by [`Links::check`]; links that do not fit are never a panic, only odd pieces).
pub fn pieces<'l>(text: &str, links: &'l [Link]) -> Vec<Vec<Piece<'l>>> {
    let mut next = links.iter();
    let mut coming = next.next();
    let mut open: Option<&Link> = None;
    let mut out = Vec::new();
    for lines in paragraphs(text) {
        let mut paragraph = Vec::new();
        let mut shown = String::new();
        for (n, line) in lines.into_iter().enumerate() {
            if n > 0 {
                shown.push(' ');
            }
            let mut at = line.start;
            loop {
                // Where the piece changes next: the open link's end, or the next one's start.
                let cut = match open {
                    Some(link) => link.end,
                    None => coming.map_or(usize::MAX, |link| link.start),
                };
                if cut > line.end {
                    shown.push_str(text.get(at..line.end).unwrap_or(""));
                    break;
                }
                let cut = cut.max(at);
                shown.push_str(text.get(at..cut).unwrap_or(""));
                at = cut;
                end_piece(&mut paragraph, &mut shown, open);
                if open.take().is_none() {
                    open = coming;
                    coming = next.next();
                }
            }
        }
        end_piece(&mut paragraph, &mut shown, open);
        out.push(paragraph);
    }
    out
}

/// Ends the piece being written (when it holds any text), linked to `open`'s term if any.
fn end_piece<'l>(paragraph: &mut Vec<Piece<'l>>, shown: &mut String, open: Option<&'l Link>) {
    if !shown.is_empty() {
        paragraph.push(Piece {
            text: std::mem::take(shown),
            term: open.map(|link| link.term.as_str()),
        });
    }
}

// JSON, kept flat for the wasm's sake (a tuple or record reader per shape cost 0.5 KB gzip
// more, measured 2026-12-03): the links are a list with one array per text, its place as
// three numbers (the kind, 0 to 6 in the order of `Place`'s variants, then the node or item
// and the choice or line, 0 when the kind has none) and then each link as three items, start, end and term:
// `[[1,3,1,10,14,"dsl"],[6,2,0,0,7,"mappa",20,29,"recall"]]`.

impl Place {
    /// The place as the pack writes it: its kind's number and two numbers.
    fn numbers(self) -> [usize; 3] {
        match self {
            Place::Narration(n) => [0, n, 0],
            Place::Say(n, i) => [1, n, i],
            Place::Feedback(n, c) => [2, n, c],
            Place::Critical(n, c) => [3, n, c],
            Place::Ending(n) => [4, n, 0],
            Place::KeyPoint(i) => [5, i, 0],
            Place::Reflection(i) => [6, i, 0],
        }
    }

    /// The place these numbers name (`None` for an unknown kind).
    fn of_numbers([kind, a, b]: [usize; 3]) -> Option<Place> {
        Some(match kind {
            0 => Place::Narration(a),
            1 => Place::Say(a, b),
            2 => Place::Feedback(a, b),
            3 => Place::Critical(a, b),
            4 => Place::Ending(a),
            5 => Place::KeyPoint(a),
            6 => Place::Reflection(a),
            _ => return None,
        })
    }
}

impl ToJson for Links {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (n, (place, links)) in self.0.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            let [kind, a, b] = place.numbers();
            out.push_str(&format!("[{kind},{a},{b}"));
            for link in links {
                out.push_str(&format!(",{},{},", link.start, link.end));
                link.term.write_json(out);
            }
            out.push(']');
        }
        out.push(']');
    }
}

impl FromJson for Links {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        let Json::Arr(texts) = value else {
            return Err(JsonError::expected("the links of the texts"));
        };
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            let items = match text {
                Json::Arr(items) if !items.is_empty() && items.len() % 3 == 0 => items,
                _ => return Err(JsonError::expected("a text's place and links")),
            };
            let number = |n: usize| usize::from_json(&items[n]);
            let place = Place::of_numbers([number(0)?, number(1)?, number(2)?])
                .ok_or_else(|| JsonError::expected("a kind of text"))?;
            let mut links = Vec::with_capacity(items.len() / 3 - 1);
            for n in (3..items.len()).step_by(3) {
                links.push(Link {
                    start: number(n)?,
                    end: number(n + 1)?,
                    term: String::from_json(&items[n + 2])?,
                });
            }
            out.push((place, links));
        }
        Ok(Links(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scenario with no nodes and these key points.
    fn with_key_points(key_points: &[&str]) -> Scenario {
        Scenario {
            id: "s".into(),
            title: String::new(),
            summary: String::new(),
            setting: String::new(),
            content_note: None,
            audiences: vec![],
            topics: vec![],
            minutes: None,
            characters: vec![],
            dimensions: vec![],
            dimension_spans: vec![],
            pass: Default::default(),
            variables: vec![],
            start: 0,
            nodes: vec![],
            debrief: crate::model::Debrief {
                key_points: key_points.iter().map(|p| (*p).to_owned()).collect(),
                reflection: vec![],
            },
            trainer_notes: None,
            fingerprint: 0,
        }
    }

    fn link(start: usize, end: usize, term: &str) -> Link {
        Link {
            start,
            end,
            term: term.into(),
        }
    }

    /// `text` shown with `links`: paragraphs apart with ` | `, each link `[text|term]`.
    fn shown(text: &str, links: &[Link]) -> String {
        pieces(text, links)
            .iter()
            .map(|p| {
                p.iter()
                    .map(|piece| match piece.term {
                        Some(term) => format!("[{}|{term}]", piece.text),
                        None => piece.text.clone(),
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn paragraphs_break_at_blank_lines_only() {
        let texts = |text: &str| -> Vec<String> {
            paragraphs(text)
                .into_iter()
                .map(|lines| {
                    lines
                        .into_iter()
                        .map(|r| &text[r])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        };
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("One line."), ["One line."]);
        assert_eq!(
            texts("First\nstill first.\n\n  \nSecond.\n"),
            ["First still first.", "Second."]
        );
        assert_eq!(texts("\r\n  a \r\n\r\nb\r\n"), ["a", "b"]);
        assert_eq!(texts("<b>not html</b>"), ["<b>not html</b>"]);
        assert_eq!(shown("One\n  two\n\nthree", &[]), "One two | three");
    }

    #[test]
    fn links_cut_the_paragraphs_they_are_in() {
        let text = "Tell the DSL.\n\nHis licence\n  conditions hold.";
        let dsl = text.find("DSL").unwrap();
        let licence = text.find("licence").unwrap();
        let end = text.find(" hold").unwrap();
        assert_eq!(
            shown(
                text,
                &[
                    link(dsl, dsl + 3, "dsl"),
                    link(licence, end, "licence-conditions")
                ]
            ),
            "Tell the [DSL|dsl]. | His [licence conditions|licence-conditions] hold."
        );
        // At the very start and end of a text.
        assert_eq!(shown("MAPPA", &[link(0, 5, "mappa")]), "[MAPPA|mappa]");
        // A link that (in a damaged pack) runs over a paragraph break links both parts.
        assert_eq!(shown("a b\n\nc d", &[link(2, 6, "x")]), "a [b|x] | [c|x] d");
        // One that starts in the spaces a line is trimmed of starts with the line's text.
        assert_eq!(shown("a\n  b c", &[link(2, 5, "x")]), "a [b|x] c");
    }

    #[test]
    fn links_that_do_not_fit_are_refused_when_read_and_never_a_panic() {
        let text = "é licence";
        let scenario = with_key_points(&[text]);
        let fits = |links: Vec<Link>| Links(vec![(Place::KeyPoint(0), links)]).check(&scenario);
        assert_eq!(fits(vec![link(3, 10, "licence")]), Ok(()));
        for bad in [
            vec![link(1, 10, "licence")],
            vec![link(3, 11, "licence")],
            vec![link(3, 3, "licence")],
            vec![link(3, 10, "Licence")],
            vec![link(3, 10, "")],
            vec![link(3, 10, "licence"), link(4, 5, "x")],
        ] {
            assert!(fits(bad.clone()).is_err(), "{bad:?}");
            // Cut anyway, they give odd pieces and no panic.
            let _ = pieces(text, &bad);
        }
        assert!(Links(vec![(Place::Narration(3), vec![])])
            .check(&scenario)
            .is_err());
    }

    #[test]
    fn json_round_trips() {
        let links = Links(vec![
            (Place::Narration(0), vec![link(1, 4, "dsl")]),
            (Place::Say(2, 1), vec![]),
            (
                Place::Feedback(3, 0),
                vec![link(0, 2, "a"), link(5, 9, "b")],
            ),
            (Place::Critical(3, 2), vec![]),
            (Place::Ending(7), vec![]),
            (Place::KeyPoint(1), vec![]),
            (Place::Reflection(0), vec![]),
        ]);
        let text = crate::json::to_string(&links);
        assert_eq!(
            text,
            r#"[[0,0,0,1,4,"dsl"],[1,2,1],[2,3,0,0,2,"a",5,9,"b"],[3,3,2],[4,7,0],[5,1,0],[6,0,0]]"#
        );
        assert_eq!(crate::json::from_str::<Links>(&text), Ok(links));
        assert_eq!(crate::json::from_str::<Links>("[]"), Ok(Links::default()));
        for bad in [
            "{}",
            "[[]]",
            "[[1,2]]",
            "[[7,0,0]]",
            "[[1,2,1,4]]",
            r#"[[1,2,-1]]"#,
            r#"[[1,2,1,4,5,6]]"#,
            r#"[[1,2,1,"4",5,"x"]]"#,
            r#"[["say",2,1]]"#,
        ] {
            assert!(crate::json::from_str::<Links>(bad).is_err(), "{bad}");
        }
    }
}
