//! Reading a Twee 3 file (iftechfoundation/twine-specs, `twee-3-specification.md`):
//! `:: Name [tags] {metadata}` headers, each followed by its passage's text; `StoryTitle` and
//! `StoryData` give the story's title, IFID, format and start.
//!
//! Followed where the spec leaves room: a Twee 2 position (`<x,y>`) after the tags is
//! accepted as layout; a text line starting `\::` (how compilers escape a line that would
//! read as a header) reads as `::`; text before the first header is reported.

use crate::source::{Findings, Mapped};
use crate::story::{Passage, Start, Story};
use scenario_core::json::Json;
use scenario_core::Code;

/// Reads `src` (a file in which some line starts with `::`).
pub(crate) fn read(src: &str, findings: &mut Findings) -> Story {
    let mut story = Story::default();
    // (header line start, header line without its end, content start)
    let mut headers: Vec<(usize, &str, usize)> = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        let line = &src[pos..end];
        if line.starts_with("::") {
            headers.push((pos, line.strip_suffix('\r').unwrap_or(line), end + 1));
        }
        pos = end + 1;
    }
    let first = headers.first().map_or(src.len(), |h| h.0);
    if let Some(stray) = src[..first].find(|c: char| !c.is_whitespace()) {
        findings.warning(
            Code::TwineStrayText,
            stray,
            "this text comes before the first passage header (`:: Name`), so it belongs to no \
             passage and was not imported",
        );
    }
    for (k, &(at, header, content_start)) in headers.iter().enumerate() {
        let content_end = headers.get(k + 1).map_or(src.len(), |h| h.0);
        let content_start = content_start.min(content_end);
        let Some(mut passage) = read_header(header, at, findings) else {
            continue;
        };
        passage.text = content(src, content_start, content_end);
        match passage.name.as_str() {
            "StoryTitle" => story_title(&mut story, &passage, findings),
            "StoryData" => story_data(&mut story, &passage, findings),
            _ => story.passages.push(passage),
        }
    }
    story
}

/// The passage text between `start` and `end`, trailing blank lines left out, a leading `\`
/// taken off lines that start `\::`.
fn content(src: &str, start: usize, end: usize) -> Mapped {
    let body = src[start..end].trim_end();
    let mut text = Mapped::default();
    let mut at = start;
    for (k, line) in body.split('\n').enumerate() {
        if k > 0 {
            text.push_verbatim("\n", at - 1);
        }
        match line.strip_prefix('\\') {
            Some(rest) if rest.starts_with("::") => text.push_verbatim(rest, at + 1),
            _ => text.push_verbatim(line, at),
        }
        at += line.len() + 1;
    }
    text
}

/// A header's name, tags and metadata (`line` starts with `::` at `at`); `None` when it has
/// no name (reported).
fn read_header(line: &str, at: usize, findings: &mut Findings) -> Option<Passage> {
    let chars: Vec<(usize, char)> = line
        .char_indices()
        .skip(2)
        .map(|(i, c)| (at + i, c))
        .collect();
    let mut i = 0;
    while i < chars.len() && chars[i].1 == ' ' {
        i += 1;
    }
    let name_at = chars.get(i).map_or(at, |c| c.0);
    let mut name = String::new();
    while i < chars.len() && !matches!(chars[i].1, '[' | '{') {
        if chars[i].1 == '\\' && i + 1 < chars.len() {
            i += 1;
        }
        name.push(chars[i].1);
        i += 1;
    }
    let name = name.trim_end().to_string();
    let mut tags = Vec::new();
    if chars.get(i).is_some_and(|c| c.1 == '[') {
        let open = chars[i].0;
        i += 1;
        let mut tag = String::new();
        let mut tag_at = 0;
        let mut closed = false;
        while i < chars.len() {
            let (off, c) = chars[i];
            if c == ']' {
                closed = true;
                i += 1;
                break;
            }
            if c.is_whitespace() {
                if !tag.is_empty() {
                    tags.push((std::mem::take(&mut tag), tag_at));
                }
            } else {
                if tag.is_empty() {
                    tag_at = off;
                }
                let c = if c == '\\' && i + 1 < chars.len() {
                    i += 1;
                    chars[i].1
                } else {
                    c
                };
                tag.push(c);
            }
            i += 1;
        }
        if !tag.is_empty() {
            tags.push((tag, tag_at));
        }
        if !closed {
            findings.warning(
                Code::TwineBadHeader,
                open,
                "the tag block is not closed with `]`; the rest of the line was read as tags",
            );
        }
    }
    while i < chars.len() && chars[i].1 == ' ' {
        i += 1;
    }
    // Twee 2's position, `<x,y>`: layout, like Twee 3's metadata.
    if chars.get(i).is_some_and(|c| c.1 == '<') {
        if let Some(close) = chars[i..].iter().position(|c| c.1 == '>') {
            i += close + 1;
        }
        while i < chars.len() && chars[i].1 == ' ' {
            i += 1;
        }
    }
    if let Some(&(off, '{')) = chars.get(i) {
        let metadata = line[off - at..].trim_end();
        match Json::parse(metadata) {
            Ok(Json::Obj(_)) => {}
            Ok(_) => findings.warning(
                Code::TwineBadHeader,
                off,
                "the passage's metadata is not a JSON object; it was left out",
            ),
            Err(e) => findings.warning(
                Code::TwineBadHeader,
                off,
                format!("the passage's metadata is not JSON ({e}); it was left out"),
            ),
        }
        i = chars.len();
    }
    if let Some(&(off, _)) = chars.get(i) {
        findings.warning(
            Code::TwineBadHeader,
            off,
            "this text after the passage's name and tags is not part of a Twee 3 header; it \
             was left out",
        );
    }
    if name.is_empty() {
        findings.warning(
            Code::TwineBadHeader,
            at,
            "this passage header has no name, so the passage was not imported",
        );
        findings.hint("write the name after the `::`, as in `:: The corridor`");
        return None;
    }
    Some(Passage {
        name,
        name_at,
        tags,
        pid: None,
        text: Mapped::default(),
    })
}

/// `StoryTitle`: the title is its text, lines joined.
fn story_title(story: &mut Story, passage: &Passage, findings: &mut Findings) {
    if story.title.is_some() {
        duplicate(passage, findings);
        return;
    }
    let title = passage
        .text
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    story.title = Some((title, passage.text.source(0).max(passage.name_at)));
}

/// `StoryData`: a JSON object with `ifid`, `format`, `format-version` and `start`.
fn story_data(story: &mut Story, passage: &Passage, findings: &mut Findings) {
    if story.ifid.is_some() || story.format.is_some() || story.start.is_some() {
        duplicate(passage, findings);
        return;
    }
    let at = passage.text.source(0).max(passage.name_at);
    let members = match Json::parse(&passage.text.text) {
        Ok(Json::Obj(members)) => members,
        Ok(_) => {
            findings.warning(
                Code::TwineBadStoryData,
                at,
                "StoryData is not a JSON object, so its start, format and IFID were not read",
            );
            return;
        }
        Err(e) => {
            findings.warning(
                Code::TwineBadStoryData,
                at,
                format!("StoryData is not JSON ({e}), so its start, format and IFID were not read"),
            );
            return;
        }
    };
    for (key, value) in members {
        let field = match key.as_str() {
            "ifid" => &mut story.ifid,
            "format" => &mut story.format,
            "format-version" => &mut story.format_version,
            "start" => {
                if let Json::Str(name) = value {
                    story.start = Some(Start::Name(name, at));
                } else {
                    wrong_type(&key, at, findings);
                }
                continue;
            }
            // Editor data: tag colours and zoom.
            _ => continue,
        };
        match value {
            Json::Str(text) => *field = Some(text),
            _ => wrong_type(&key, at, findings),
        }
    }
}

fn wrong_type(key: &str, at: usize, findings: &mut Findings) {
    findings.warning(
        Code::TwineBadStoryData,
        at,
        format!("StoryData's `{key}` should be text; it was not read"),
    );
}

fn duplicate(passage: &Passage, findings: &mut Findings) {
    findings.warning(
        Code::TwineDuplicatePassage,
        passage.name_at,
        format!(
            "there is already a passage named `{}`; this one was not imported",
            passage.name
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> (Option<Passage>, Vec<Code>) {
        let mut f = Findings::default();
        let p = read_header(line, 0, &mut f);
        let codes = f.into_diagnostics(line).iter().map(|d| d.code).collect();
        (p, codes)
    }

    #[test]
    fn headers_follow_the_spec() {
        let (p, codes) = header(":: An overgrown path [forest spooky] {\"position\":\"600,400\"}");
        let p = p.expect("a passage");
        assert_eq!(p.name, "An overgrown path");
        assert_eq!(p.name_at, 3);
        let tags: Vec<_> = p.tags.iter().map(|(t, at)| (t.as_str(), *at)).collect();
        assert_eq!(tags, [("forest", 22), ("spooky", 29)]);
        assert!(codes.is_empty());

        let (p, _) = header(r":: foo\[1\] \\ bar [a\]b]");
        let p = p.expect("a passage");
        assert_eq!(p.name, r"foo[1] \ bar");
        assert_eq!(p.tags[0].0, "a]b");

        let (p, codes) = header(":: Twee2 [t] <10,20>");
        assert_eq!(p.map(|p| p.name), Some("Twee2".into()));
        assert!(codes.is_empty());
    }

    #[test]
    fn bad_headers_are_reported() {
        assert_eq!(header("::   ").1, [Code::TwineBadHeader]);
        assert_eq!(header(":: A [t").1, [Code::TwineBadHeader]);
        assert_eq!(header(":: A {nope}").1, [Code::TwineBadHeader]);
        assert_eq!(header(":: A [t] trailing").1, [Code::TwineBadHeader]);
    }

    #[test]
    fn escaped_header_lines_in_text_read_as_text() {
        let src = ":: A\nline\n\\:: not a header\n\n\n";
        let mut f = Findings::default();
        let story = read(src, &mut f);
        assert_eq!(story.passages.len(), 1);
        assert_eq!(story.passages[0].text.text, "line\n:: not a header");
        assert_eq!(story.passages[0].text.source(5), 11);
    }
}
