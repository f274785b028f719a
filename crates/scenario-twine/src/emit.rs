//! Writing the skeleton as YAML, format v1, safely: every text is a double-quoted scalar with
//! YAML's escapes, so no text can end its value, start a comment, an anchor or a tag, or
//! change the file's structure; ids and keys are written bare only when they cannot be read
//! as anything but text. Multi-line texts keep their lines (an escaped line break after each
//! `\n`), so a trainer can read and edit them.

use crate::build::{Node, Skeleton};
use scenario_core::model::Vocabulary;
use std::fmt::Write as _;

/// `s` as a double-quoted YAML scalar on one line.
pub(crate) fn quote_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape(c, &mut out);
    }
    out.push('"');
    out
}

/// `s` as a double-quoted YAML scalar whose lines after the first start at `indent`
/// spaces: each line break is written `\n\` followed by a real line break, which YAML reads
/// back as exactly one `\n` (an escaped line break adds nothing, and the indentation after
/// it is not content; a space or tab starting the next line is escaped so that it stays).
pub(crate) fn quote(s: &str, indent: usize) -> String {
    if !s.contains('\n') {
        return quote_inline(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    out.push('"');
    let mut line_start = false;
    for c in s.chars() {
        if line_start {
            line_start = false;
            if c == ' ' {
                out.push_str("\\ ");
                continue;
            }
        }
        if c == '\n' {
            out.push_str("\\n\\\n");
            out.extend(std::iter::repeat_n(' ', indent));
            line_start = true;
        } else {
            escape(c, &mut out);
        }
    }
    out.push('"');
    out
}

/// One character inside double quotes: YAML's escapes for the quote, the backslash, and
/// every character YAML does not allow as it is or reads as a line break.
fn escape(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\0' => out.push_str("\\0"),
        '\u{85}' => out.push_str("\\N"),
        '\u{2028}' => out.push_str("\\L"),
        '\u{2029}' => out.push_str("\\P"),
        c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
            let _ = write!(out, "\\x{:02X}", c as u32);
        }
        '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        c => out.push(c),
    }
}

/// An id as a YAML key or value: bare when it starts with a letter and is made of letters,
/// digits and hyphens only, and is not a word YAML reads as null or true/false; otherwise
/// quoted.
pub(crate) fn key(id: &str) -> String {
    let bare = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !matches!(
            id,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if bare {
        id.to_string()
    } else {
        quote_inline(id)
    }
}

/// A one-line comment. Callers quote what comes from the Twine file; as a second guard,
/// any character YAML could read as a line break or refuse is written as a space.
fn comment(out: &mut String, indent: usize, text: &str) {
    let text: String = text
        .chars()
        .map(|c| {
            let mut escaped = String::new();
            escape(c, &mut escaped);
            if escaped.len() == c.len_utf8() || c == '"' || c == '\\' {
                c
            } else {
                ' '
            }
        })
        .collect();
    if text.is_empty() {
        let _ = writeln!(out, "{:indent$}#", "");
    } else {
        let _ = writeln!(out, "{:indent$}# {text}", "");
    }
}

/// The placeholder text of an ending without text of its own.
const ENDING_TEXT: &str = "Write how this ending reads.";

/// The scenario file for `skeleton`, its dimensions and topics the first of `vocabulary`'s.
pub(crate) fn yaml(skeleton: &Skeleton, vocabulary: &Vocabulary) -> String {
    let mut out = String::new();
    let about = match (&skeleton.format, &skeleton.ifid) {
        (Some(f), Some(i)) => format!(" ({f}; IFID {i})"),
        (Some(f), None) => format!(" ({f})"),
        (None, Some(i)) => format!(" (IFID {i})"),
        (None, None) => String::new(),
    };
    comment(
        &mut out,
        0,
        &format!(
            "Imported from the Twine story {}{} by `scenario import`.",
            quote_inline(&skeleton.title),
            quote_inline(&about).trim_matches('"')
        ),
    );
    for line in [
        "",
        "A skeleton: each passage is a node, each link a choice, the text plain text. What did",
        "not map (macros, variables, scripts, tags, markup) was listed by the import at its line",
        "in the Twine file, and is still in the text where it was, for you to rewrite.",
        "Next: write the summary and setting; choose audiences, topics and dimensions; give each",
        "choice `scores` and `feedback` and each ending its `outcome`; then run",
    ] {
        comment(&mut out, 0, line);
    }
    comment(
        &mut out,
        0,
        &format!(
            "    cargo run -q --bin scenario -- check scenarios/{}.yaml",
            skeleton.id
        ),
    );
    comment(
        &mut out,
        0,
        "The whole format, for trainers: docs/scenario-format.md.",
    );
    let _ = writeln!(out, "format: 1");
    let _ = writeln!(out, "id: {}", key(&skeleton.id));
    let _ = writeln!(out, "title: {}", quote(&skeleton.title, 2));
    let _ = writeln!(
        out,
        "summary: {}",
        quote_inline("Write one or two sentences for the catalogue.")
    );
    let _ = writeln!(
        out,
        "setting: {}",
        quote_inline("Say where it happens and who is there.")
    );
    let _ = writeln!(out, "audiences: [induction]");
    let ids = |labels: &[scenario_core::model::Label]| {
        labels
            .iter()
            .map(|l| key(&l.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    comment(
        &mut out,
        0,
        &format!("Topics in dimensions.yaml: {}", ids(&vocabulary.topics)),
    );
    let topic = vocabulary
        .topics
        .first()
        .map_or(String::new(), |t| key(&t.id));
    let _ = writeln!(out, "topics: [{topic}]");
    comment(
        &mut out,
        0,
        &format!(
            "Dimensions in dimensions.yaml: {}",
            ids(&vocabulary.dimensions)
        ),
    );
    let dimension = vocabulary
        .dimensions
        .first()
        .map_or(String::new(), |d| key(&d.id));
    let _ = writeln!(out, "dimensions: [{dimension}]");
    let _ = writeln!(out, "start: {}", key(&skeleton.start));
    let _ = writeln!(out, "nodes:");
    for node in &skeleton.nodes {
        write_node(&mut out, node);
    }
    out
}

fn write_node(out: &mut String, node: &Node) {
    comment(out, 2, &node.origin);
    let _ = writeln!(out, "  {}:", key(&node.id));
    match node.exits.as_slice() {
        [] => {
            let text = Some(node.ending.1.as_str())
                .filter(|t| !t.is_empty())
                .or(node.narration.as_deref())
                .unwrap_or(ENDING_TEXT);
            let _ = writeln!(out, "    ending:");
            let _ = writeln!(out, "      outcome: mixed");
            let _ = writeln!(out, "      title: {}", quote(&node.ending.0, 8));
            let _ = writeln!(out, "      text: {}", quote(text, 8));
        }
        [only] => {
            if let Some(n) = &node.narration {
                let _ = writeln!(out, "    narration: {}", quote(n, 6));
            }
            comment(
                out,
                4,
                &format!("The link's words: {}", quote_inline(&only.text)),
            );
            let _ = writeln!(out, "    next: {}", key(&only.next));
        }
        exits => {
            if let Some(n) = &node.narration {
                let _ = writeln!(out, "    narration: {}", quote(n, 6));
            }
            let _ = writeln!(out, "    choices:");
            let mut used = std::collections::HashSet::new();
            let mut next_suffix: std::collections::HashMap<&str, usize> = Default::default();
            for exit in exits {
                let mut id = exit.next.clone();
                while !used.insert(id.clone()) {
                    let k = next_suffix.entry(exit.next.as_str()).or_insert(2);
                    id = format!("{}-{k}", exit.next);
                    *k += 1;
                }
                let _ = writeln!(out, "      - id: {}", key(&id));
                let _ = writeln!(out, "        text: {}", quote(&exit.text, 10));
                let _ = writeln!(out, "        next: {}", key(&exit.next));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_yaml_would_read() {
        assert_eq!(quote_inline(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(
            quote_inline("\u{1}\t\u{7f}\u{85}\u{2028}\u{feff}é"),
            "\"\\x01\\t\\x7F\\N\\L\\uFEFFé\""
        );
        assert_eq!(
            quote("a\n b\n\nc", 4),
            "\"a\\n\\\n    \\ b\\n\\\n    \\n\\\n    c\""
        );
    }

    #[test]
    fn keys_are_bare_only_when_plainly_text() {
        assert_eq!(key("start"), "start");
        assert_eq!(key("a-1"), "a-1");
        assert_eq!(key("1"), "\"1\"");
        assert_eq!(key("0x1f"), "\"0x1f\"");
        assert_eq!(key("null"), "\"null\"");
        assert_eq!(key("no"), "\"no\"");
    }
}

/// The quoting proven on the core's own loader: texts full of what YAML would otherwise
/// read (quotes, backslashes, `#`, `: `, indicators, line breaks of every kind, control
/// characters, unicode, very long and empty texts) come back exactly.
#[cfg(test)]
mod round_trip {
    use super::*;
    use scenario_core::load::MAX_TEXT_CHARS;
    use scenario_core::model::NodeKind;
    use scenario_core::{load_scenario, load_vocabulary};

    const VOCABULARY: &str =
        "format: 1\ndimensions:\n  d: { label: D }\ntopics:\n  t: { label: T }\n";

    /// Loads a scenario whose title, narration and ending texts are all `text`, with one
    /// node named `id`; returns what the loader read back, or its errors.
    #[allow(clippy::type_complexity)]
    fn load_back(text: &str, id: &str) -> Result<(String, String, String, String, String), String> {
        let yaml = format!(
            "format: 1\nid: x\ntitle: {}\nsummary: s\nsetting: s\naudiences: [a]\ntopics: [t]\n\
             dimensions: [d]\nstart: {}\nnodes:\n  {}:\n    narration: {}\n    ending:\n      \
             outcome: mixed\n      title: {}\n      text: {}\n",
            quote(text, 2),
            key(id),
            key(id),
            quote(text, 6),
            quote_inline(text),
            quote(text, 8),
        );
        let vocabulary = load_vocabulary(VOCABULARY)
            .value
            .ok_or("the test vocabulary does not load")?;
        let loaded = load_scenario(&yaml, "x", &vocabulary);
        let scenario = loaded
            .value
            .ok_or_else(|| format!("{:?}\n--- yaml\n{yaml}", loaded.diagnostics))?;
        let node = &scenario.nodes[scenario.start];
        let NodeKind::Ending(ending) = &node.kind else {
            return Err("not an ending".into());
        };
        Ok((
            node.id.clone(),
            scenario.title.clone(),
            node.narration.clone().unwrap_or_default(),
            ending.title.clone(),
            ending.text.clone(),
        ))
    }

    fn assert_round_trip(text: &str, id: &str) {
        let (node_id, title, narration, ending_title, ending_text) =
            load_back(text, id).unwrap_or_else(|e| panic!("{text:?} as {id:?}: {e}"));
        assert_eq!(title, text, "title");
        assert_eq!(narration, text, "narration");
        assert_eq!(ending_title, text, "ending title");
        assert_eq!(ending_text, text, "ending text");
        assert_eq!(node_id, id, "node id");
    }

    #[test]
    fn awkward_texts_come_back_exactly() {
        let long_line = "word ".repeat(MAX_TEXT_CHARS / 5);
        let long_lines = "a line\n".repeat(MAX_TEXT_CHARS / 7);
        for text in [
            "",
            " ",
            "  two leading spaces",
            "trailing spaces  ",
            "\n",
            "\n\nleading breaks",
            "trailing break\n",
            "a\n b\n\tc\n  \n",
            "line  \nwith trailing spaces before the break",
            "\"quoted\" and 'single' and \\backslash\\ and \\n not a break",
            "# not a comment",
            "key: value",
            "- a list?",
            "* alias",
            "& anchor",
            "! tag",
            "% directive",
            "@ reserved",
            "` reserved",
            "? key",
            "| block",
            "> folded",
            "{ flow: map }",
            "[flow, seq]",
            "---",
            "...",
            "null",
            "~",
            "true",
            "0x1F",
            "1e3",
            "é 日本 😀 \u{a0} \u{fffd}",
            "\u{85} \u{2028} \u{2029} \u{feff} \u{fffe} \u{ffff}",
            "\u{1}\u{8}\u{1b}\u{7f}\u{80}\u{9f}\r\r\n\0",
            long_line.trim_end(),
            long_lines.trim_end(),
        ] {
            assert_round_trip(text, "n");
        }
    }

    /// A small xorshift generator: the same cases on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn generated_texts_and_ids_come_back_exactly() {
        const PIECES: &[&str] = &[
            "\"", "\\", "#", ": ", " #", "-", "- ", "*", "&", "!", "%", "@", "`", "'", " ", "  ",
            "\n", "\n\n", "\n ", "\n\t", "\t", "\r", "\r\n", "é", "日本", "😀", "\u{85}",
            "\u{2028}", "\u{2029}", "\u{feff}", "\u{1}", "\u{7f}", "\u{9f}", "\u{a0}", "{", "}",
            "[", "]", ",", "?", "|", ">", "---", "...", "\\n", "\\\n", "null", "~", "a", "word",
            "\\ ", "\\\"",
        ];
        const ID_PIECES: &[&str] = &[
            "a", "z", "0", "9", "-", "null", "true", "no", "on", "y", "0x", "1e", "inf",
        ];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..1500 {
            let text: String = (0..rng.below(24))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            let id: String = (0..1 + rng.below(4))
                .map(|_| ID_PIECES[rng.below(ID_PIECES.len())])
                .collect();
            let id = id.trim_start_matches('-');
            let id = if id.is_empty() { "x" } else { id };
            assert_round_trip(&text, id);
        }
    }
}
