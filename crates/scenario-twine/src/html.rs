//! Reading a Twine 2 HTML file, published or archive (iftechfoundation/twine-specs,
//! `twine-2-htmloutput-spec.md`, `twine-2-archive-spec.md`): the `<tw-storydata>` element's
//! attributes and its `<tw-passagedata>` children, whose text is HTML-escaped and is decoded
//! exactly once.
//!
//! A published story also carries its story format's code, which can itself contain the
//! string `tw-storydata`: so the element is looked for as a tag, outside comments and the
//! contents of `<script>`, `<style>` and `<textarea>`, never by a plain text search.
//! An archive may hold several stories: the first is imported and each other one reported.

use crate::source::{Findings, Mapped};
use crate::story::{Passage, Start, Story};
use scenario_core::Code;

/// Whether `src` holds a `<tw-storydata>` element.
pub(crate) fn is_twine_html(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    next_element(src, &lower, 0, "tw-storydata").is_some()
}

/// Reads the first story of `src` (which [`is_twine_html`]).
pub(crate) fn read(src: &str, findings: &mut Findings) -> Story {
    let lower = src.to_ascii_lowercase();
    let mut story = Story::default();
    let Some(at) = next_element(src, &lower, 0, "tw-storydata") else {
        return story;
    };
    let Some(tag) = read_tag(src, at) else {
        findings.error(
            Code::TwineNotTwine,
            at,
            "the <tw-storydata> tag is not closed with `>`, so the story cannot be read",
        );
        return story;
    };
    for attr in &tag.attrs {
        let value = || Some(attr.value.text.clone());
        match attr.name.as_str() {
            "name" => story.title = Some((attr.value.text.clone(), attr.value.source(0))),
            "ifid" => story.ifid = value(),
            "format" => story.format = value(),
            "format-version" => story.format_version = value(),
            "startnode" => {
                story.start = Some(Start::Pid(attr.value.text.clone(), attr.value.source(0)))
            }
            // Editor and library data: creator, zoom, tags, options, hidden.
            _ => {}
        }
    }
    let end = children(src, &lower, tag.end, &mut story, findings);
    let mut from = end;
    while let Some(more) = next_element(src, &lower, from, "tw-storydata") {
        let name = read_tag(src, more).and_then(|t| {
            t.attrs
                .into_iter()
                .find(|a| a.name == "name")
                .map(|a| a.value.text)
        });
        findings.warning(
            Code::TwineMoreStories,
            more,
            format!(
                "this file holds more than one story; only the first was imported, not `{}`",
                name.unwrap_or_default()
            ),
        );
        findings.hint("in Twine, open that story and publish it to its own file, then import that");
        from = more + 1;
    }
    story
}

/// Reads the children of `<tw-storydata>` from `from`; returns where the element ends.
fn children(
    src: &str,
    lower: &str,
    from: usize,
    story: &mut Story,
    findings: &mut Findings,
) -> usize {
    let mut at = from;
    loop {
        let Some(lt) = lower[at..].find('<').map(|i| at + i) else {
            findings.warning(
                Code::TwineBadHtml,
                from,
                "<tw-storydata> is not closed with </tw-storydata>; the passages up to the end \
                 of the file were read",
            );
            return src.len();
        };
        stray_text(src, at, lt, findings);
        let rest = &lower[lt..];
        if rest.starts_with("</tw-storydata") {
            return lt + 1;
        }
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(src.len(), |i| lt + i + 3);
            continue;
        }
        if rest.starts_with("</") {
            // The end tag of an element read below (tw-tag, or one reported already).
            at = rest.find('>').map_or(src.len(), |i| lt + i + 1);
            continue;
        }
        let Some(tag) = read_tag(src, lt) else {
            findings.warning(
                Code::TwineBadHtml,
                lt,
                "this tag is not closed with `>`; the rest of the file was not read",
            );
            return src.len();
        };
        match tag.name.as_str() {
            "tw-passagedata" => {
                let (close, next) = match lower[tag.end..].find("</tw-passagedata") {
                    Some(i) => (
                        tag.end + i,
                        lower[tag.end + i..]
                            .find('>')
                            .map_or(src.len(), |j| tag.end + i + j + 1),
                    ),
                    None => {
                        let end = lower[tag.end..]
                            .find("</tw-storydata")
                            .map_or(src.len(), |i| tag.end + i);
                        findings.warning(
                            Code::TwineBadHtml,
                            lt,
                            "this passage is not closed with </tw-passagedata>; its text was read \
                             up to the end of the story",
                        );
                        (end, end)
                    }
                };
                passage(src, &tag, close, story, findings);
                at = next;
            }
            "style" | "script" => {
                let close = lower[tag.end..]
                    .find(&format!("</{}", tag.name))
                    .map_or(src.len(), |i| tag.end + i);
                let code = &src[tag.end..close];
                if let Some(first) = code.find(|c: char| !c.is_whitespace()) {
                    let lines = code.trim().lines().count();
                    if tag.name == "style" {
                        findings.warning(
                            Code::TwineStylesheet,
                            tag.end + first,
                            format!(
                                "the story stylesheet ({lines} line(s) of CSS) does not map: the app \
                                 has its own styles; it was left out"
                            ),
                        );
                    } else {
                        findings.warning(
                            Code::TwineScript,
                            tag.end + first,
                            format!(
                                "the story JavaScript ({lines} line(s)) does not map: nothing in a \
                                 scenario runs code; it was left out"
                            ),
                        );
                        findings.hint(
                            "what it did (variables, inventory, conditions) can often be written \
                             with the format's `variables`, `set` and `if`",
                        );
                    }
                }
                at = lower[close..]
                    .find('>')
                    .map_or(src.len(), |i| close + i + 1);
            }
            // Tag colours: editor data.
            "tw-tag" => at = tag.end,
            other => {
                findings.warning(
                    Code::TwineBadHtml,
                    lt,
                    format!("<{other}> is not part of a Twine story; it was left out"),
                );
                at = tag.end;
            }
        }
    }
}

/// Reports text between the children of `<tw-storydata>` (whitespace aside).
fn stray_text(src: &str, from: usize, to: usize, findings: &mut Findings) {
    if let Some(i) = src[from..to].find(|c: char| !c.is_whitespace()) {
        findings.warning(
            Code::TwineBadHtml,
            from + i,
            "this text inside <tw-storydata> is not in a passage; it was left out",
        );
    }
}

/// One `<tw-passagedata>` whose text runs from the tag's end to `close`.
fn passage(src: &str, tag: &Tag, close: usize, story: &mut Story, findings: &mut Findings) {
    let attr = |name: &str| tag.attrs.iter().find(|a| a.name == name);
    let Some(name) = attr("name").filter(|a| !a.value.text.is_empty()) else {
        findings.warning(
            Code::TwineBadHtml,
            tag.start,
            "this passage has no name, so it was not imported",
        );
        return;
    };
    let mut tags = Vec::new();
    if let Some(list) = attr("tags") {
        let text = &list.value.text;
        let mut i = 0;
        for word in text.split_whitespace() {
            let start = i + text[i..].find(word).unwrap_or(0);
            tags.push((word.to_string(), list.value.source(start)));
            i = start + word.len();
        }
    }
    story.passages.push(Passage {
        name: name.value.text.clone(),
        name_at: name.value.source(0),
        tags,
        pid: attr("pid").map(|a| a.value.text.clone()),
        text: decode_entities(src, tag.end, close),
    });
}

/// A start tag: its lower-case name, attributes, and where it ends (after `>`).
struct Tag {
    start: usize,
    name: String,
    attrs: Vec<Attr>,
    end: usize,
}

/// One attribute, its value decoded.
struct Attr {
    name: String,
    value: Mapped,
}

/// Reads the start tag at `at` (`src[at] == '<'`); `None` when it never ends.
fn read_tag(src: &str, at: usize) -> Option<Tag> {
    let b = src.as_bytes();
    let mut i = at + 1;
    let name_end = i + src[i..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(src.len() - i);
    let name = src[i..name_end].to_ascii_lowercase();
    i = name_end;
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some(Tag {
                start: at,
                name,
                attrs,
                end: i + 1,
            });
        }
        let attr_end = i + src[i..]
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(src.len() - i);
        let attr_name = src[i..attr_end].to_ascii_lowercase();
        i = attr_end;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Mapped::default();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close = src[i + 1..].find(quote as char)? + i + 1;
                    value = decode_entities(src, i + 1, close);
                    i = close + 1;
                }
                Some(_) => {
                    let end = i + src[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(src.len() - i);
                    value = decode_entities(src, i, end);
                    i = end;
                }
                None => return None,
            }
        }
        if attr_name.is_empty() {
            i += 1;
        } else {
            attrs.push(Attr {
                name: attr_name,
                value,
            });
        }
    }
}

/// Where the next start tag `<name` is at or after `from`, looking past comments and the
/// contents of raw-text elements. `lower` is `src` in ASCII lower case.
fn next_element(src: &str, lower: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find('<') {
        let lt = at + i;
        let rest = &lower[lt..];
        if rest.starts_with("<!--") {
            at = lt + rest.find("-->").map_or(rest.len(), |j| j + 3);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            at = lt + 1;
            continue;
        }
        let tag_name = &rest[1..];
        let name_len = tag_name
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(tag_name.len());
        let tag_name = &tag_name[..name_len];
        if tag_name == name {
            return Some(lt);
        }
        if matches!(tag_name, "script" | "style" | "textarea") {
            let close = format!("</{tag_name}");
            at = lt + rest.find(&close).unwrap_or(rest.len());
            at += 1;
            continue;
        }
        // Past this tag, quoted attribute values included.
        let mut quote = None;
        let mut j = lt + 1;
        let bytes = src.as_bytes();
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            j += 1;
        }
        at = j;
    }
    None
}

/// The named entities decoded: the five Twine writes, and a few common in hand-edited files.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("hellip", "\u{2026}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("ldquo", "\u{201c}"),
    ("rdquo", "\u{201d}"),
    ("copy", "\u{a9}"),
];

/// Decodes HTML character references in `src[start..end]`, once: `&amp;lt;` becomes `&lt;`.
/// An `&` that starts no known reference stays as it is.
fn decode_entities(src: &str, start: usize, end: usize) -> Mapped {
    let mut out = Mapped::default();
    let text = &src[start..end];
    let mut copied = 0;
    let mut search = 0;
    while let Some(i) = text[search..].find('&').map(|i| search + i) {
        search = i + 1;
        let rest = &text[i + 1..];
        let Some(semi) = rest.bytes().take(33).position(|b| b == b';') else {
            continue;
        };
        let body = &rest[..semi];
        let decoded: Option<String> = if let Some(num) = body.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(|v| {
                char::from_u32(v)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}')
                    .to_string()
            })
        } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            // An unknown one stays as written; in a passage's text the scan reports it.
            ENTITIES
                .iter()
                .find(|(name, _)| *name == body)
                .map(|(_, value)| (*value).to_string())
        } else {
            None
        };
        if let Some(decoded) = decoded {
            out.push_verbatim(&text[copied..i], start + copied);
            out.push_decoded(&decoded, start + i);
            copied = i + 1 + semi + 1;
            search = copied;
        }
    }
    out.push_verbatim(&text[copied..], start + copied);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_once() {
        let src = "a &amp;lt; &#39;b&#x27; &lt;&lt;set&gt;&gt; &bogus; & x";
        let m = decode_entities(src, 0, src.len());
        assert_eq!(m.text, "a &lt; 'b' <<set>> &bogus; & x");
        assert_eq!(
            m.source(m.text.find("<<").unwrap_or(0)),
            src.find("&lt;&lt;").unwrap_or(0)
        );
    }

    #[test]
    fn the_story_element_is_found_as_a_tag_only() {
        let src =
            "<style>tw-storydata{display:none}</style><script>var s = '<tw-storydata x>';</script>\
                   <!-- <tw-storydata> --><p title='<tw-storydata'>x</p><tw-storydata name=\"A\">";
        let lower = src.to_ascii_lowercase();
        let at = next_element(src, &lower, 0, "tw-storydata");
        assert_eq!(at, src.rfind("<tw-storydata"));
    }

    #[test]
    fn attributes_are_read_with_any_quoting() {
        let src = "<tw-passagedata pid=1 name='It&#39;s' tags=\"a  b\" hidden>";
        let tag = read_tag(src, 0).expect("a tag");
        let attrs: Vec<_> = tag
            .attrs
            .iter()
            .map(|a| (a.name.as_str(), a.value.text.as_str()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("pid", "1"),
                ("name", "It's"),
                ("tags", "a  b"),
                ("hidden", "")
            ]
        );
        assert_eq!(tag.end, src.len());
    }
}
