//! From a story as read to a scenario skeleton: which passages become nodes, their ids, the
//! start, links to choices (or a passage's `next`, or nothing: an ending), placeholders for
//! links to missing passages, a way out of loops with none, and passages too long for one
//! text split across several nodes. Everything that does not map is reported here or by
//! [`crate::markup`].

use crate::markup::{self, LinkKind};
use crate::source::{Findings, Mapped};
use crate::story::{Passage, Start, Story, StoryFormat};
use scenario_core::load::{MAX_NODES, MAX_TEXT_CHARS};
use scenario_core::text::diagnostic::did_you_mean_within;
use scenario_core::Code;
use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};

/// A scenario skeleton, ready to be written as YAML.
#[derive(Debug)]
pub(crate) struct Skeleton {
    /// The scenario id, from the title.
    pub id: String,
    /// The title.
    pub title: String,
    /// The IFID and story format, for the file's opening comment.
    pub ifid: Option<String>,
    pub format: Option<String>,
    /// The start node.
    pub start: String,
    /// The nodes, passages in file order, then placeholders.
    pub nodes: Vec<Node>,
    /// How many passages became nodes.
    pub passages: usize,
}

/// One node of the skeleton.
#[derive(Debug)]
pub(crate) struct Node {
    pub id: String,
    /// Where it came from, for a comment above it.
    pub origin: String,
    pub narration: Option<String>,
    /// Its links: none makes an ending, one a passage, more a decision.
    pub exits: Vec<Exit>,
    /// An ending's title and text (used when there is no exit).
    pub ending: (String, String),
}

/// A link out of a node.
#[derive(Debug)]
pub(crate) struct Exit {
    pub text: String,
    pub next: String,
}

/// SugarCube's special passages: run by the format, never shown as a story step.
const SPECIAL_NAMES: &[&str] = &[
    "StoryInit",
    "StoryCaption",
    "StoryMenu",
    "StoryBanner",
    "StorySubtitle",
    "StoryAuthor",
    "StoryInterface",
    "StoryShare",
    "StoryDisplayTitle",
    "PassageReady",
    "PassageDone",
    "PassageHeader",
    "PassageFooter",
];

/// Tags that make a passage special (SugarCube's `widget`, Harlowe's `startup`, `header`,
/// `footer` and their `debug-` forms).
const SPECIAL_TAGS: &[&str] = &[
    "widget",
    "startup",
    "header",
    "footer",
    "debug-startup",
    "debug-header",
    "debug-footer",
];

/// The id of the ending loops without a way out are given.
const LOOP_END: &str = "end-of-loop";

/// Builds the skeleton; `None` when there is nothing to import (reported as an error).
pub(crate) fn build(story: &Story, findings: &mut Findings) -> Option<Skeleton> {
    let format = StoryFormat::of(story.format.as_deref());
    let imported = select(story, findings);
    if imported.is_empty() {
        findings.error(
            Code::TwineNoPassages,
            story.passages.first().map_or(0, |p| p.name_at),
            "the story has no passages that can become nodes, so there is nothing to import",
        );
        return None;
    }
    if imported.len() > MAX_NODES {
        findings.error(
            Code::TwineTooManyPassages,
            imported[MAX_NODES].name_at,
            format!(
                "the story has {} passages; a scenario has at most {MAX_NODES} nodes",
                imported.len()
            ),
        );
        findings.hint("split the story into several scenarios");
        return None;
    }
    let mut ids = Ids::default();
    let passage_ids: Vec<String> = imported.iter().map(|p| ids.fresh(&slug(&p.name))).collect();
    let by_name: HashMap<&str, usize> = imported
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    let start = start_passage(story, &imported, &by_name, findings);

    let mut nodes: Vec<Node> = Vec::with_capacity(imported.len());
    let mut missing: Vec<Node> = Vec::new();
    let mut missing_ids: HashMap<String, String> = HashMap::new();
    let mut known = Known {
        names: story.passages.iter().map(|p| p.name.as_str()).collect(),
        suggestions: Cell::new(SUGGESTION_BUDGET),
    };
    for (i, passage) in imported.iter().enumerate() {
        let scanned = markup::scan(&passage.text, format, findings);
        let mut exits = Vec::new();
        for link in scanned.links.iter().filter(|l| l.kind == LinkKind::Passage) {
            let found = by_name
                .get(link.target.as_str())
                .or_else(|| by_name.get(link.target.trim()));
            let next = match found {
                Some(&k) => passage_ids[k].clone(),
                None => missing_target(
                    &mut known,
                    &passage.text,
                    link,
                    &mut ids,
                    &mut missing_ids,
                    &mut missing,
                    findings,
                ),
            };
            let text = if link.text.is_empty() {
                link.target.trim().to_string()
            } else {
                link.text.clone()
            };
            let text = cut(
                text,
                passage.text.source(link.start),
                "a link's words",
                findings,
            );
            exits.push(Exit { text, next });
        }
        let narration = Some(scanned.narration).filter(|n| !n.is_empty());
        let title = cut(
            passage.name.trim().to_string(),
            passage.name_at,
            "a passage name, an ending's title",
            findings,
        );
        if exits.is_empty() {
            findings.warning(
                Code::TwineEnding,
                passage.name_at,
                format!(
                    "the passage `{}` has no links, so it became an ending with outcome `mixed`: \
                     set its outcome (positive, mixed or negative){}",
                    passage.name,
                    if narration.is_none() {
                        " and write its text"
                    } else {
                        ""
                    }
                ),
            );
        }
        nodes.push(Node {
            id: passage_ids[i].clone(),
            origin: format!("Twine passage {}", crate::emit::quote_inline(&passage.name)),
            narration,
            exits,
            ending: (title, String::new()),
        });
    }
    let passages = nodes.len();
    nodes.extend(missing);
    give_loops_a_way_out(&mut nodes, start, &imported, &mut ids, findings);
    let nodes = split_long_texts(nodes, &imported, &mut ids, findings);
    if nodes.len() > MAX_NODES {
        findings.error(
            Code::TwineTooManyPassages,
            0,
            format!(
                "with its placeholder endings and long passages split, the scenario would have \
                 {} nodes; a scenario has at most {MAX_NODES}",
                nodes.len()
            ),
        );
        findings.hint("split the story into several scenarios");
        return None;
    }
    let (title, id) = title_and_id(story, findings);
    Some(Skeleton {
        id,
        title,
        ifid: story.ifid.clone(),
        format: story.format.as_ref().map(|f| match &story.format_version {
            Some(v) => format!("{f} {v}"),
            None => f.clone(),
        }),
        start: nodes[start].id.clone(),
        nodes,
        passages,
    })
}

/// The passages that become nodes, in file order; the others reported.
fn select<'s>(story: &'s Story, findings: &mut Findings) -> Vec<&'s Passage> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for p in &story.passages {
        if p.has_tag("script") {
            findings.warning(
                Code::TwineScript,
                p.name_at,
                format!(
                    "the passage `{}` is the story's JavaScript (tagged `script`): nothing in a \
                     scenario runs code, so it was not imported",
                    p.name
                ),
            );
            continue;
        }
        if p.has_tag("stylesheet") {
            findings.warning(
                Code::TwineStylesheet,
                p.name_at,
                format!(
                    "the passage `{}` is the story's stylesheet (tagged `stylesheet`): the app has \
                     its own styles, so it was not imported",
                    p.name
                ),
            );
            continue;
        }
        let special_tag = p
            .tags
            .iter()
            .find(|(t, _)| SPECIAL_TAGS.contains(&t.as_str()));
        if SPECIAL_NAMES.contains(&p.name.as_str()) || special_tag.is_some() {
            let why = match special_tag {
                Some((tag, _)) => format!("tagged `{tag}`"),
                None => "SugarCube runs a passage of that name itself".to_string(),
            };
            findings.warning(
                Code::TwineSpecialPassage,
                p.name_at,
                format!(
                    "the passage `{}` is special ({why}): the story format runs it around the \
                     other passages, which a scenario cannot do, so it was not imported",
                    p.name
                ),
            );
            findings.hint("move what the reader must see into the passages where it belongs");
            continue;
        }
        if !seen.insert(p.name.as_str()) {
            findings.warning(
                Code::TwineDuplicatePassage,
                p.name_at,
                format!(
                    "there is already a passage named `{}`; this one was not imported",
                    p.name
                ),
            );
            continue;
        }
        for (tag, at) in &p.tags {
            findings.warning_len(
                Code::TwineTag,
                *at,
                tag.chars().count(),
                format!(
                    "the tag `{tag}` on passage `{}` does not map; it was left out",
                    p.name
                ),
            );
        }
        out.push(p);
    }
    out
}

/// The index (in `imported`) of the start passage: the one the file names, else `Start`,
/// else the first.
fn start_passage(
    story: &Story,
    imported: &[&Passage],
    by_name: &HashMap<&str, usize>,
    findings: &mut Findings,
) -> usize {
    let fallback = by_name.get("Start").copied().unwrap_or(0);
    let instead = || format!("`{}` is the start instead", imported[fallback].name);
    match &story.start {
        Some(Start::Name(name, at)) => by_name.get(name.as_str()).copied().unwrap_or_else(|| {
            findings.warning(
                Code::TwineNoStart,
                *at,
                format!(
                    "StoryData names `{name}` as the start, but no imported passage has that \
                     name; {}",
                    instead()
                ),
            );
            fallback
        }),
        Some(Start::Pid(pid, at)) => {
            let passage = story
                .passages
                .iter()
                .find(|p| p.pid.as_deref() == Some(pid));
            let found = passage.and_then(|p| by_name.get(p.name.as_str()).copied());
            found.unwrap_or_else(|| {
                findings.warning(
                    Code::TwineNoStart,
                    *at,
                    format!(
                        "`startnode` is {pid}, but no imported passage has that pid{}; {}",
                        passage.map_or(String::new(), |p| format!(" (it is `{}`)", p.name)),
                        instead()
                    ),
                );
                fallback
            })
        }
        None => by_name.get("Start").copied().unwrap_or_else(|| {
            findings.warning(
                Code::TwineNoStart,
                imported[0].name_at,
                format!(
                    "the story does not say where it starts, and no passage is called `Start`; \
                     its first passage, `{}`, is the start",
                    imported[0].name
                ),
            );
            0
        }),
    }
}

/// Edit-distance cells the "did you mean" hints of one import may spend (as the core's
/// loader does): a story with thousands of broken links still imports in bounded time.
const SUGGESTION_BUDGET: usize = 20_000_000;

/// Every passage name in the file, and what is left of the hints' budget.
struct Known<'s> {
    names: HashSet<&'s str>,
    suggestions: Cell<usize>,
}

/// The placeholder ending a link to a missing passage leads to (one per name), reported.
fn missing_target(
    known: &mut Known,
    text: &Mapped,
    link: &markup::Link,
    ids: &mut Ids,
    missing_ids: &mut HashMap<String, String>,
    missing: &mut Vec<Node>,
    findings: &mut Findings,
) -> String {
    let name = link.target.trim();
    let id = match missing_ids.get(name) {
        Some(id) => id.clone(),
        None => {
            let id = ids.fresh(&format!("missing-{}", slug(name)));
            missing_ids.insert(name.to_string(), id.clone());
            missing.push(Node {
                id: id.clone(),
                origin: format!(
                    "placeholder: the Twine story links to {}, which it does not have",
                    crate::emit::quote_inline(name)
                ),
                narration: None,
                exits: Vec::new(),
                ending: (
                    format!("Missing: {}", name.chars().take(200).collect::<String>()),
                    "Write this part of the story, or change the choice that leads here."
                        .to_string(),
                ),
            });
            id
        }
    };
    let exists = known.names.contains(name);
    findings.warning(
        Code::TwineMissingPassage,
        text.source(link.start),
        if exists {
            format!(
                "the passage `{name}` was not imported (see its own warning), so this link leads \
                 to a placeholder ending, `{id}`"
            )
        } else {
            format!(
                "there is no passage `{name}`, so this link leads to a placeholder ending, `{id}`"
            )
        },
    );
    if !exists {
        let names = known.names.iter().copied();
        if let Some(close) = did_you_mean_within(name, names, &known.suggestions) {
            findings.hint(format!("did you mean `{close}`?"));
        }
    }
    id
}

/// Gives every reachable node from which no ending can be reached a choice to a placeholder
/// ending (the checker refuses such traps). Nodes are taken in file order; each one given a
/// way out frees every node that leads to it.
fn give_loops_a_way_out(
    nodes: &mut Vec<Node>,
    start: usize,
    imported: &[&Passage],
    ids: &mut Ids,
    findings: &mut Findings,
) {
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            n.exits
                .iter()
                .filter_map(|e| index.get(e.next.as_str()).copied())
                .collect()
        })
        .collect();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (from, to) in edges.iter().enumerate() {
        for &t in to {
            preds[t].push(from);
        }
    }
    let mut reachable = vec![false; nodes.len()];
    let mut queue = VecDeque::from([start]);
    reachable[start] = true;
    while let Some(n) = queue.pop_front() {
        for &t in &edges[n] {
            if !reachable[t] {
                reachable[t] = true;
                queue.push_back(t);
            }
        }
    }
    let mut ends = vec![false; nodes.len()];
    let free = |from: Vec<usize>, ends: &mut Vec<bool>| {
        let mut queue: VecDeque<usize> = from.into();
        while let Some(n) = queue.pop_front() {
            for &p in &preds[n] {
                if !ends[p] {
                    ends[p] = true;
                    queue.push_back(p);
                }
            }
        }
    };
    let endings: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].exits.is_empty())
        .collect();
    for &e in &endings {
        ends[e] = true;
    }
    free(endings, &mut ends);
    let mut loop_end: Option<String> = None;
    for n in 0..nodes.len() {
        if !reachable[n] || ends[n] {
            continue;
        }
        let id = loop_end.get_or_insert_with(|| ids.fresh(LOOP_END)).clone();
        nodes[n].exits.push(Exit {
            text: "End here".to_string(),
            next: id.clone(),
        });
        ends[n] = true;
        free(vec![n], &mut ends);
        let name_at = imported.get(n).map_or(0, |p| p.name_at);
        findings.warning(
            Code::TwineNoWayOut,
            name_at,
            format!(
                "from `{}` the story only goes round in a loop, and the checker refuses a scenario \
                 with no way to an ending: a choice \"End here\" leading to a placeholder ending, \
                 `{id}`, was added",
                nodes[n].id
            ),
        );
        findings.hint("change it into the way out the story should have");
    }
    if let Some(id) = loop_end {
        nodes.push(Node {
            id,
            origin: "placeholder: a way out of a loop the Twine story has no exit from".into(),
            narration: None,
            exits: Vec::new(),
            ending: (
                "The end of the loop".into(),
                "Write how this ends, or change the choice that leads here.".into(),
            ),
        });
    }
}

/// Splits a node whose text is over the limit for one text into a chain of nodes (each a
/// passage leading to the next), at paragraph, line or word breaks; reported.
fn split_long_texts(
    nodes: Vec<Node>,
    imported: &[&Passage],
    ids: &mut Ids,
    findings: &mut Findings,
) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for (n, mut node) in nodes.into_iter().enumerate() {
        let too_long = |s: &str| s.chars().count() > MAX_TEXT_CHARS;
        if !node.narration.as_deref().is_some_and(too_long) {
            out.push(node);
            continue;
        }
        let narration = node.narration.take().unwrap_or_default();
        let parts = split_text(&narration, MAX_TEXT_CHARS);
        let mut chain: Vec<String> = vec![node.id.clone()];
        for k in 2..=parts.len() {
            chain.push(ids.fresh(&format!("{}-part-{k}", node.id)));
        }
        findings.warning(
            Code::TwineLongText,
            imported.get(n).map_or(0, |p| p.name_at),
            format!(
                "this passage's text is {} characters, over the limit of {MAX_TEXT_CHARS} for one \
                 text, so it was split across {} nodes: {}",
                narration.chars().count(),
                parts.len(),
                chain.join(", ")
            ),
        );
        let last = parts.len() - 1;
        let (exits, ending) = (std::mem::take(&mut node.exits), node.ending.clone());
        let mut exits = Some(exits);
        for (k, part) in parts.into_iter().enumerate() {
            let is_last = k == last;
            out.push(Node {
                id: chain[k].clone(),
                origin: if k == 0 {
                    node.origin.clone()
                } else {
                    format!("{}, continued ({} of {})", node.origin, k + 1, last + 1)
                },
                narration: Some(part),
                exits: if is_last {
                    exits.take().unwrap_or_default()
                } else {
                    vec![Exit {
                        text: "Continue".into(),
                        next: chain[k + 1].clone(),
                    }]
                },
                ending: ending.clone(),
            });
        }
    }
    out
}

/// `text` in pieces of at most `max` characters, broken after a blank line, else a line
/// break, else a space, else anywhere; pieces trimmed.
fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..limit];
        let cut_at = window
            .rfind("\n\n")
            .or_else(|| window.rfind('\n'))
            .or_else(|| window.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        parts.push(rest[..cut_at].trim().to_string());
        rest = rest[cut_at..].trim();
    }
    parts.push(rest.to_string());
    parts
}

/// `text` cut to the limit for one text, reported when it was over it.
fn cut(text: String, at: usize, what: &str, findings: &mut Findings) -> String {
    let count = text.chars().count();
    if count <= MAX_TEXT_CHARS {
        return text;
    }
    findings.warning(
        Code::TwineLongText,
        at,
        format!(
            "this text ({what}) has {count} characters, over the limit of {MAX_TEXT_CHARS} for \
             one text; it was cut to that"
        ),
    );
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// The scenario's title and id: the story's title and an id made from it.
fn title_and_id(story: &Story, findings: &mut Findings) -> (String, String) {
    let (title, at) = match &story.title {
        Some((t, at)) if !t.trim().is_empty() => (t.trim().to_string(), *at),
        _ => {
            findings.warning(
                Code::TwineNoTitle,
                story.title.as_ref().map_or(0, |t| t.1),
                "the story has no title, so the scenario is called `Imported Twine story`, with the \
                 id `twine-story`",
            );
            findings.hint("in a Twee file, the title is the text of the `StoryTitle` passage");
            return ("Imported Twine story".into(), "twine-story".into());
        }
    };
    let title = cut(title, at, "the story's title", findings);
    let id = slug(&title);
    if id.is_empty() {
        findings.warning(
            Code::TwineNoTitle,
            at,
            "the story's title has no letters or digits an id can be made of, so the id is \
             `twine-story`",
        );
        findings.hint("change `id` and rename the file to match");
        return (title, "twine-story".into());
    }
    (title, id)
}

/// Ids handed out so far; each new one unique.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    /// `base` (an id-shaped text, made from a name), or `base-2`, `base-3`… when taken.
    fn fresh(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "passage" } else { base };
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let stem = &base[..base.len().min(64 - suffix.len())];
            let candidate = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
            if self.taken.insert(candidate.clone()) {
                self.next_suffix.insert(base.to_string(), n);
                return candidate;
            }
        }
    }
}

/// An id made from a name: lower-case ASCII letters and digits (common accented letters
/// made plain), anything else a hyphen, apostrophes dropped, at most 64 characters. May
/// be empty.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '\u{2019}') {
            continue;
        }
        let plain = if c.is_ascii_alphanumeric() {
            Some(c.to_string())
        } else {
            fold(c).map(str::to_string)
        };
        match plain {
            Some(p) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push_str(&p);
            }
            None => gap = true,
        }
        if out.len() >= 64 {
            break;
        }
    }
    out.truncate(64);
    out.trim_end_matches('-').to_string()
}

/// Plain letters for common accented lower-case ones.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario_core::model::is_scenario_id;

    #[test]
    fn slugs_are_ids() {
        for (name, id) in [
            ("Start", "start"),
            ("The Cave (north)!", "the-cave-north"),
            ("Dan's room", "dans-room"),
            ("Café — Noël", "cafe-noel"),
            ("日本語", ""),
            ("--x--", "x"),
            ("ÉTÉ", "ete"),
        ] {
            assert_eq!(slug(name), id, "{name}");
        }
        let long = slug(&"word ".repeat(40));
        assert!(long.len() <= 64 && is_scenario_id(&long), "{long}");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["a", "a", "a-2", "a", ""]
            .iter()
            .map(|b| ids.fresh(b))
            .collect();
        assert_eq!(got, ["a", "a-2", "a-2-2", "a-3", "passage"]);
        let long = "x".repeat(64);
        let second = ids.fresh(&long);
        let third = ids.fresh(&long);
        let again = ids.fresh(&long);
        assert!(second == long && third.len() == 64 && again.len() == 64 && third != again);
    }

    #[test]
    fn long_text_splits_at_breaks() {
        let text = format!("{}\n\n{}", "a".repeat(30), "b ".repeat(20));
        let parts = split_text(&text, 35);
        assert_eq!(parts[0], "a".repeat(30));
        assert!(parts.iter().all(|p| p.chars().count() <= 35));
        assert_eq!(
            parts.concat().replace(' ', ""),
            text.replace([' ', '\n'], "")
        );
        assert_eq!(split_text(&"é".repeat(10), 4).len(), 3);
    }
}
