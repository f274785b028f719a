//! A passage's text, read for what maps and what does not: its links (which become choices),
//! and every macro, variable, hook, insert, HTML tag, comment or formatting mark, each
//! reported where it is in the source. Nothing is interpreted: the text is kept as plain
//! text, links turned into their words (or left out when a line holds only links).
//!
//! Links follow the rules the Twine 2 editor draws its arrows by (`parse-links.ts`): a link
//! is `[[…]]` on one line, up to the first `]]`; a setter (`][…`) is cut off; then the
//! rightmost `->`, else the leftmost `<-`, else the rightmost `|` divides the words from
//! the target; a target like `scheme://…` is an external link.

use crate::source::{Findings, Mapped};
use crate::story::StoryFormat;
use scenario_core::Code;

/// What a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkKind {
    /// A passage, by name.
    Passage,
    /// A web address.
    External,
    /// Nothing (`[[]]`).
    Empty,
}

/// One `[[…]]` link.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// Text offsets of `[[` and just past `]]`.
    pub start: usize,
    pub end: usize,
    /// The words the reader sees.
    pub text: String,
    /// The passage (or address) it leads to.
    pub target: String,
    /// What kind of link it is.
    pub kind: LinkKind,
}

/// A passage's text, read.
#[derive(Debug, Clone)]
pub(crate) struct Scanned {
    /// The links, in text order.
    pub links: Vec<Link>,
    /// The plain text: links replaced by their words, lines of links only left out, runs
    /// of blank lines made one, trimmed.
    pub narration: String,
}

/// Reads `text` (a passage's, mapped to the source), reporting what does not map.
pub(crate) fn scan(text: &Mapped, format: StoryFormat, findings: &mut Findings) -> Scanned {
    let links = find_links(&text.text);
    for link in &links {
        report_link(text, link, findings);
    }
    Scanner {
        text,
        format,
        findings,
        links: &links,
        open_marks: Vec::new(),
        attached_hook: None,
    }
    .run();
    Scanned {
        narration: narration(&text.text, &links),
        links,
    }
}

/// The `[[…]]` links of `t`.
fn find_links(t: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut i = 0;
    let mut line_end = 0;
    while let Some(k) = t[i..].find("[[") {
        let start = i + k;
        if start >= line_end {
            line_end = t[start..].find(['\n', '\r']).map_or(t.len(), |e| start + e);
        }
        let Some(close) = t[start + 2..line_end].find("]]") else {
            // No `]]` closes anything later on this line either.
            i = line_end;
            continue;
        };
        let inner = &t[start + 2..start + 2 + close];
        let end = start + 2 + close + 2;
        let inner = inner.split_once("][").map_or(inner, |(link, _setter)| link);
        let (text, target) = divide(inner);
        let kind = if target.trim().is_empty() {
            LinkKind::Empty
        } else if is_external(target) {
            LinkKind::External
        } else {
            LinkKind::Passage
        };
        links.push(Link {
            start,
            end,
            text: text.trim().to_string(),
            target: target.to_string(),
            kind,
        });
        i = end;
    }
    links
}

/// A link's words and target, by the editor's rules (a rule whose target would be empty
/// gives way to the next, as there).
fn divide(inner: &str) -> (&str, &str) {
    if let Some(p) = inner.rfind("->").filter(|&p| p + 2 < inner.len()) {
        return (&inner[..p], &inner[p + 2..]);
    }
    if let Some(p) = inner.find("<-").filter(|&p| p > 0) {
        return (&inner[p + 2..], &inner[..p]);
    }
    if let Some(p) = inner.rfind('|').filter(|&p| p + 1 < inner.len()) {
        return (&inner[..p], &inner[p + 1..]);
    }
    (inner, inner)
}

/// `scheme://…`, as the editor tells an external link (`^\w+:\/\/\/?\w`).
fn is_external(target: &str) -> bool {
    let Some((scheme, rest)) = target.split_once("://") else {
        return false;
    };
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    !scheme.is_empty()
        && scheme.chars().all(word)
        && rest
            .strip_prefix('/')
            .unwrap_or(rest)
            .starts_with(|c: char| word(c))
}

/// Reports the parts of a link that do not map: a setter, an external or empty link.
fn report_link(text: &Mapped, link: &Link, findings: &mut Findings) {
    let t = &text.text[link.start..link.end];
    if let Some(setter) = t.find("][") {
        findings.warning(
            Code::TwineLinkSetter,
            text.source(link.start + setter),
            "this link's setter (`][…]`) does not map; the link became a choice without it",
        );
        findings.hint("a choice can change a variable with `set`");
    }
    match link.kind {
        LinkKind::Passage => {}
        LinkKind::External => findings.warning(
            Code::TwineExternalLink,
            text.source(link.start),
            format!(
                "the link to `{}` leads out of the story, so it did not become a choice; its \
                 words stay in the text",
                link.target
            ),
        ),
        LinkKind::Empty => findings.warning(
            Code::TwineEmptyLink,
            text.source(link.start),
            "this link leads nowhere (it names no passage), so it did not become a choice",
        ),
    }
}

/// The scan of one passage's text for what does not map.
struct Scanner<'a, 'f> {
    text: &'a Mapped,
    format: StoryFormat,
    findings: &'f mut Findings,
    links: &'a [Link],
    /// Formatting marks opened and not yet closed (only the opening one is reported).
    open_marks: Vec<&'static str>,
    /// Where a hook belonging to the macro or name tag just read would start.
    attached_hook: Option<usize>,
}

/// How far the scan looks for the end of a short construct (a tag, a hook, braces).
const LOOK_AHEAD: usize = 256;

/// SugarCube and Harlowe macros that lead to another passage: their hint says so.
const LINK_MACROS: &[&str] = &[
    "goto",
    "link",
    "link-goto",
    "link-reveal-goto",
    "click-goto",
    "linkreplace",
    "button",
    "actions",
    "choice",
    "back",
    "return",
    "include",
    "display",
];

/// Formatting marks of the formats, reported once per pair.
const MARKS: &[(&str, &str)] = &[
    ("''", "bold (`''…''`)"),
    ("**", "bold (`**…**`)"),
    ("__", "underline or bold (`__…__`)"),
    ("//", "italics (`//…//`)"),
    ("~~", "strike-through (`~~…~~`)"),
    ("^^", "superscript (`^^…^^`)"),
    ("@@", "a SugarCube style (`@@…@@`)"),
];

impl<'a> Scanner<'a, '_> {
    fn t(&self) -> &'a str {
        &self.text.text
    }

    /// Reports `code` at text offset `at`, underlining up to `end` (on its line).
    fn report(&mut self, code: Code, at: usize, end: usize, message: String) {
        let t = &self.text.text;
        let end = end.min(t.len()).max(at);
        let line_end = t[at..end].find(['\n', '\r']).map_or(end, |i| at + i);
        let len = t[at..line_end].chars().count();
        self.findings
            .warning_len(code, self.text.source(at), len, message);
    }

    /// Just past the first `c` within [`LOOK_AHEAD`] bytes of `from` on its line: the end
    /// of a short construct, for underlining only. Bounded, so that a text full of
    /// unclosed brackets is still read in linear time.
    fn near(&self, from: usize, c: char) -> Option<usize> {
        let t = self.t();
        let mut end = (from + LOOK_AHEAD).min(t.len());
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        let window = &t[from..end];
        let window = &window[..window.find('\n').unwrap_or(window.len())];
        window.find(c).map(|i| from + i + c.len_utf8())
    }

    /// Where `needle` ends after `from`, or the end of the text.
    fn past(&self, from: usize, needle: &str) -> usize {
        self.t()[from..]
            .find(needle)
            .map_or(self.t().len(), |i| from + i + needle.len())
    }

    fn run(&mut self) {
        let mut i = self.chapbook_vars();
        let mut next_link = 0;
        let len = self.t().len();
        while i < len {
            while next_link < self.links.len() && self.links[next_link].start < i {
                next_link += 1;
            }
            if let Some(link) = self.links.get(next_link).filter(|l| l.start == i) {
                i = link.end;
                continue;
            }
            i = self.step(i);
        }
    }

    /// Chapbook's vars section (the lines above a `--` line): each variable reported;
    /// returns where the scan starts.
    fn chapbook_vars(&mut self) -> usize {
        if self.format != StoryFormat::Chapbook {
            return 0;
        }
        let t = self.t();
        let mut at = 0;
        let mut lines: Vec<(usize, &str)> = Vec::new();
        for line in t.split('\n') {
            if line.trim_end() == "--" {
                for (start, line) in lines {
                    let name = line.split(':').next().unwrap_or("").trim();
                    self.report(
                        Code::TwineVariable,
                        start,
                        start + line.len(),
                        format!(
                            "the Chapbook variable `{name}` (vars section) does not map; it stays in \
                             the text for you to rewrite"
                        ),
                    );
                }
                return at + line.len() + 1;
            }
            if !line.trim().is_empty() {
                lines.push((at, line));
            }
            at += line.len() + 1;
        }
        0
    }

    /// Reads what starts at `i`; returns where to go on.
    fn step(&mut self, i: usize) -> usize {
        let t = self.t();
        let rest = &t[i..];
        let c = rest.as_bytes()[0];
        let at_line_start = i == 0 || t.as_bytes()[i - 1] == b'\n';
        let prev = t[..i].chars().next_back();
        let harlowe = matches!(self.format, StoryFormat::Harlowe | StoryFormat::Unknown);
        let sugarcube = matches!(self.format, StoryFormat::SugarCube | StoryFormat::Unknown);
        match c {
            b'<' if rest.starts_with("<<") => self.sugarcube_macro(i),
            b'<' if rest.starts_with("<%") => {
                let end = self.past(i, "%>");
                self.report(
                    Code::TwineScript,
                    i,
                    end,
                    "this JavaScript (`<% … %>`, Snowman's) does not map: nothing in a scenario \
                     runs code; it stays in the text for you to rewrite"
                        .into(),
                );
                end
            }
            b'<' if rest.starts_with("<!--") => {
                let end = self.past(i, "-->");
                self.report(
                    Code::TwineComment,
                    i,
                    end,
                    "this HTML comment does not map; it stays in the text (a YAML comment, a line \
                     starting with #, is the scenario's way)"
                        .into(),
                );
                end
            }
            b'<' if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) => self.html_tag(i),
            b'<' if rest[1..].starts_with('/') => {
                // An end tag: its start tag was reported.
                let end = self.near(i, '>').unwrap_or(i + 2);
                if rest[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                    end
                } else {
                    i + 1
                }
            }
            b'(' if harlowe => self.harlowe_macro(i),
            b'[' => self.hook(i),
            b'|' if harlowe => self.hook_name(i),
            b'?' if self.format == StoryFormat::Harlowe
                && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                let end = i + 1 + ident_len(&rest[1..]);
                let name = &t[i..end];
                self.report(
                    Code::TwineHook,
                    i,
                    end,
                    format!(
                        "the hook reference `{name}` (Harlowe's) does not map; it stays in the text \
                         for you to rewrite"
                    ),
                );
                end
            }
            b'{' => self.braces(i),
            b'$' if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') => {
                let end = i + 1 + ident_len(&rest[1..]);
                self.variable(i, end);
                end
            }
            b'_' if (harlowe || sugarcube)
                && self.format != StoryFormat::Unknown
                && !rest.starts_with("__")
                && !prev.is_some_and(|p| p.is_alphanumeric() || p == '_')
                && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                let end = i + 1 + ident_len(&rest[1..]);
                self.variable(i, end);
                end
            }
            b'/' if rest.starts_with("/*") => self.comment(i, "*/"),
            b'/' if rest.starts_with("/%") => self.comment(i, "%/"),
            b'&' => self.entity(i),
            b'#' if at_line_start => self.heading(i),
            b'!' if at_line_start && sugarcube => self.heading(i),
            _ => {
                if let Some(&(mark, what)) = MARKS.iter().find(|(m, _)| rest.starts_with(m)) {
                    if mark == "//" && prev == Some(':') {
                        return i + 2;
                    }
                    if let Some(k) = self.open_marks.iter().position(|m| *m == mark) {
                        self.open_marks.remove(k);
                    } else {
                        self.open_marks.push(mark);
                        self.report(
                            Code::TwineMarkup,
                            i,
                            i + mark.len(),
                            format!(
                                "{what} does not map: scenario text is plain text; the marks stay \
                                 in the text"
                            ),
                        );
                    }
                    return i + mark.len();
                }
                i + rest.chars().next().map_or(1, char::len_utf8)
            }
        }
    }

    fn sugarcube_macro(&mut self, i: usize) -> usize {
        let t = self.t();
        let end = self.past(i, ">>");
        let body = &t[i + 2..];
        if body.starts_with('/') {
            return end; // a closing tag: its macro was reported
        }
        let name = &body[..ident_len(body)];
        if name == "script" {
            let end = self.past(i, "<</script>>");
            self.report(
                Code::TwineScript,
                i,
                end,
                "this JavaScript (`<<script>>`) does not map: nothing in a scenario runs code; it \
                 stays in the text for you to rewrite"
                    .into(),
            );
            return end;
        }
        let shown = if name.is_empty() {
            t[i..end].chars().take(24).collect::<String>()
        } else {
            format!("<<{name}>>")
        };
        let kind = match self.format {
            StoryFormat::SugarCube | StoryFormat::Unknown => "SugarCube macro",
            _ => "macro (SugarCube's syntax)",
        };
        self.macro_found(i, end, &shown, kind, name);
        end
    }

    fn harlowe_macro(&mut self, i: usize) -> usize {
        let t = self.t();
        let n = ident_len(&t[i + 1..]);
        if n == 0
            || !t[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
            || !t[i + 1 + n..].starts_with(':')
        {
            return i + 1;
        }
        let name = t[i + 1..i + 1 + n].to_string();
        let end = matching_paren(t, i);
        self.macro_found(i, end, &format!("({name}:)"), "Harlowe macro", &name);
        self.attached_hook = Some(end);
        end
    }

    fn macro_found(&mut self, i: usize, end: usize, shown: &str, kind: &str, name: &str) {
        self.report(
            Code::TwineMacro,
            i,
            end,
            format!("the {kind} `{shown}` does not map; it stays in the text for you to rewrite"),
        );
        let name = name.to_ascii_lowercase();
        if LINK_MACROS.contains(&name.as_str()) {
            self.findings.hint(
                "it leads to another passage: write that as a choice (`text`, `next`) by hand",
            );
        }
    }

    fn html_tag(&mut self, i: usize) -> usize {
        let t = self.t();
        let n = t[i + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(t.len() - i - 1);
        let name = t[i + 1..i + 1 + n].to_ascii_lowercase();
        if t[i + 1 + n..].starts_with('|') {
            // Harlowe's `<name|`, closing a named hook reported at its start.
            return i + 2 + n;
        }
        let end = self.near(i, '>').unwrap_or(i + 1 + n);
        match name.as_str() {
            "script" => {
                let end = self.past(i, "</script>");
                self.report(
                    Code::TwineScript,
                    i,
                    end,
                    "this <script> does not map: nothing in a scenario runs code; it stays in the \
                     text for you to rewrite"
                        .into(),
                );
                end
            }
            "style" => {
                let end = self.past(i, "</style>");
                self.report(
                    Code::TwineStylesheet,
                    i,
                    end,
                    "this <style> does not map: the app has its own styles; it stays in the text"
                        .into(),
                );
                end
            }
            _ => {
                self.report(
                    Code::TwineHtml,
                    i,
                    end,
                    format!(
                        "the HTML tag `<{name}>` does not map: scenario text is plain text; it stays \
                         in the text as written"
                    ),
                );
                end
            }
        }
    }

    fn hook(&mut self, i: usize) -> usize {
        if self.attached_hook.take() == Some(i) {
            return i + 1; // the hook of the macro or name tag just reported
        }
        let t = self.t();
        if t[i..].starts_with("[img[") {
            let end = self.past(i, "]]");
            self.report(
                Code::TwineMarkup,
                i,
                end,
                "this image (`[img[…]]`) does not map: scenarios have no pictures; it stays in \
                 the text"
                    .into(),
            );
            return end;
        }
        let end = self.near(i, ']').unwrap_or(i + 1);
        let what = match self.format {
            StoryFormat::Chapbook => "the Chapbook modifier",
            _ => "the hook",
        };
        self.report(
            Code::TwineHook,
            i,
            end,
            format!("{what} `[…]` does not map; its brackets stay in the text for you to rewrite"),
        );
        i + 1
    }

    /// Harlowe's `|name>[`: a named hook.
    fn hook_name(&mut self, i: usize) -> usize {
        let t = self.t();
        let n = ident_len(&t[i + 1..]);
        if n == 0 || !t[i + 1 + n..].starts_with(">[") {
            return i + 1;
        }
        let end = i + 1 + n + 1;
        self.report(
            Code::TwineHook,
            i,
            end + 1,
            format!(
                "the named hook `{}` (Harlowe's) does not map; it stays in the text for you to \
                 rewrite",
                &t[i..end]
            ),
        );
        self.attached_hook = Some(end);
        end
    }

    fn braces(&mut self, i: usize) -> usize {
        let close = self.near(i, '}');
        let (message, next) = match self.format {
            StoryFormat::Chapbook => (
                "the Chapbook insert `{…}` does not map; it stays in the text for you to rewrite",
                close.unwrap_or(i + 1),
            ),
            StoryFormat::Harlowe => (
                "Harlowe's collapsed whitespace `{…}` does not map; the braces stay in the text",
                i + 1,
            ),
            _ => (
                "the braces `{…}` (an insert or collapsed whitespace) do not map; they stay in \
                 the text for you to rewrite",
                i + 1,
            ),
        };
        self.report(Code::TwineInsert, i, close.unwrap_or(i + 1), message.into());
        next
    }

    fn variable(&mut self, i: usize, end: usize) {
        let name = self.t()[i..end].to_string();
        self.report(
            Code::TwineVariable,
            i,
            end,
            format!(
                "the variable `{name}` does not map; it stays in the text for you to rewrite (a \
                 scenario's `variables`, `set` and `if` can count things)"
            ),
        );
    }

    fn comment(&mut self, i: usize, close: &str) -> usize {
        let end = self.past(i + 2, close);
        self.report(
            Code::TwineComment,
            i,
            end,
            "this comment does not map; it stays in the text (a YAML comment, a line starting \
             with #, is the scenario's way)"
                .into(),
        );
        end
    }

    fn entity(&mut self, i: usize) -> usize {
        let t = self.t();
        let rest = &t[i + 1..];
        let body_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        if body_len == 0 || !rest[body_len..].starts_with(';') {
            return i + 1;
        }
        let end = i + 1 + body_len + 1;
        let entity = t[i..end].to_string();
        self.report(
            Code::TwineHtml,
            i,
            end,
            format!(
                "the HTML entity `{entity}` does not map: scenario text is plain text; it stays \
                 as written (type the character itself)"
            ),
        );
        end
    }

    fn heading(&mut self, i: usize) -> usize {
        let t = self.t();
        let end = t[i..].find('\n').map_or(t.len(), |e| i + e);
        self.report(
            Code::TwineMarkup,
            i,
            end,
            "this heading mark does not map: scenario text is plain text; the mark stays in the \
             text"
                .into(),
        );
        i + 1
            + t[i + 1..]
                .find(|c: char| c != t.as_bytes()[i] as char)
                .unwrap_or(0)
    }
}

/// Length of the identifier (`[A-Za-z0-9_-]`, as macro and variable names are) at the
/// start of `s`.
fn ident_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(s.len())
}

/// Just past the `)` closing the `(` at `open`, counting nesting and skipping quoted
/// strings; the end of the text when it is never closed.
fn matching_paren(t: &str, open: usize) -> usize {
    let b = t.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = open;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (None, b'(') => depth += 1,
            (None, b')') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Whether `s`, found between links on a line, is only spacing, list bullets or separators
/// (`* [[A]]`, `[[A]] | [[B]]`), so that the line holds nothing but links.
fn is_between_links(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '*' | '-' | '+' | '|' | '\u{2022}' | '\u{b7}'))
}

/// The plain text of a passage: lines holding only links (and spaces) left out, other links
/// replaced by their words, `\r` dropped, runs of blank lines made one, trimmed.
fn narration(t: &str, links: &[Link]) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut at = 0;
    let mut next = 0;
    for raw in t.split('\n') {
        let line_end = at + raw.len();
        let mut out = String::new();
        let mut copied = at;
        let mut only_links = true;
        let mut any_link = false;
        while let Some(link) = links.get(next).filter(|l| l.start < line_end) {
            only_links &= is_between_links(&t[copied..link.start]);
            out.push_str(&t[copied..link.start]);
            if link.kind != LinkKind::Empty {
                out.push_str(&link.text);
            }
            copied = link.end;
            any_link = true;
            next += 1;
        }
        only_links &= is_between_links(&t[copied..line_end]);
        out.push_str(&t[copied..line_end]);
        if !(any_link && only_links) {
            let out = out.trim_end_matches('\r').to_string();
            let blank = out.trim().is_empty();
            if !(blank && lines.last().is_some_and(|l| l.trim().is_empty())) {
                lines.push(if blank { String::new() } else { out });
            }
        }
        at = line_end + 1;
    }
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(t: &str) -> Vec<(String, String, LinkKind)> {
        find_links(t)
            .into_iter()
            .map(|l| (l.text, l.target, l.kind))
            .collect()
    }

    fn l(text: &str, target: &str, kind: LinkKind) -> (String, String, LinkKind) {
        (text.into(), target.into(), kind)
    }

    #[test]
    fn every_link_form_is_read_as_the_editor_reads_it() {
        use LinkKind::*;
        assert_eq!(
            links("[[A]] [[go|B]] [[go->C]] [[D<-go]] [[a->b->E]] [[F<-x<-y]] [[x|y|G]]"),
            [
                l("A", "A", Passage),
                l("go", "B", Passage),
                l("go", "C", Passage),
                l("go", "D", Passage),
                l("a->b", "E", Passage),
                l("x<-y", "F", Passage),
                l("x|y", "G", Passage),
            ]
        );
        assert_eq!(
            links("[[go|H][$x to 1]] [[https://example.org]] [[]] [[a\n]]"),
            [
                l("go", "H", Passage),
                l("https://example.org", "https://example.org", External),
                l("", "", Empty),
            ]
        );
    }

    #[test]
    fn the_narration_keeps_words_and_drops_lines_of_links() {
        let t = "You can [[go north|N]] or [[go south->S]].\n\n\n[[Wait|W]] | [[Run]]\r\n* [[Hide]]\nEnd.";
        assert_eq!(
            narration(t, &find_links(t)),
            "You can go north or go south.\n\nEnd."
        );
    }

    fn codes(t: &str, format: StoryFormat) -> Vec<(Code, usize)> {
        let mut f = Findings::default();
        scan(&Mapped::verbatim(t, 0), format, &mut f);
        f.into_diagnostics(t)
            .iter()
            .map(|d| (d.code, d.span.column))
            .collect()
    }

    #[test]
    fn markup_is_reported_where_it_is() {
        use StoryFormat::*;
        assert_eq!(
            codes("<<set $x to 1>> $y <</if>>", SugarCube),
            [(Code::TwineMacro, 1), (Code::TwineVariable, 17)]
        );
        assert_eq!(
            codes("(if: $x is 1)[yes] [no] |h>[a]", Harlowe),
            [
                (Code::TwineMacro, 1),
                (Code::TwineHook, 20),
                (Code::TwineHook, 25)
            ]
        );
        assert_eq!(
            codes("a: 1\n--\n{back link} [if a]", Chapbook),
            [
                (Code::TwineVariable, 1),
                (Code::TwineInsert, 1),
                (Code::TwineHook, 13)
            ]
        );
        assert_eq!(
            codes("<% s.x = 1 %><hr/> &amp; http://x.org ''b'' ''", Snowman),
            [
                (Code::TwineScript, 1),
                (Code::TwineHtml, 14),
                (Code::TwineHtml, 20),
                (Code::TwineMarkup, 39),
                (Code::TwineMarkup, 45),
            ]
        );
        // Nothing to report in plain prose.
        assert_eq!(codes("It's $5 (or so): a_b, e-mail.", Unknown), []);
    }
}
