//! Limits and hostile input (format v1's Limits, docs/scenario-format.md): a file over
//! 1 MiB, over 5,000 nodes, a text over 4,000 characters, YAML aliases that multiply, deep
//! nesting, very long lines, bytes that are not UTF-8, a byte-order mark, CRLF (and CR)
//! line endings, tabs. Each gets a clear diagnostic at the right place, or loads as YAML
//! says it should.
//!
//! Bounded time and memory are not asserted with clocks here (timings on a shared machine
//! make flaky tests). What is asserted is the behaviour that bounds them: refusal before
//! parsing, budgets that are reached and said, every diagnostic still reported, at the
//! right line and column. The timings of these inputs, measured separately in a release
//! build, are in docs/performance.md ("Hostile inputs").
//!
//! Already covered elsewhere and not repeated: flow nesting past 64 and a billion-laughs
//! list (unit tests in src/yaml.rs), CRLF copies of every diagnostics fixture and the CLI's
//! generated over-1-MiB / not-UTF-8 / over-5,000-nodes fixtures
//! (crates/scenario-cli/tests/diagnostics.rs).

#[path = "support/pipeline.rs"]
mod pipeline;

#[path = "../benches/generate.rs"]
mod generate;

use scenario_core::diagnostic::Diagnostic;
use scenario_core::load::{MAX_FILE_BYTES, MAX_NODES, MAX_TEXT_CHARS};
use scenario_core::model::Scenario;
use scenario_core::stats::{stats, BigCount, Count};
use scenario_core::yaml::{self, MAX_DEPTH};
use scenario_core::{load_scenario, Loaded, Vocabulary};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vocabulary() -> Vocabulary {
    pipeline::vocabulary()
}

/// A clean scenario (no diagnostics); `{id}` and `{title}` are replaced.
const CLEAN: &str = include_str!("../../../tests/fixtures/clean-scenario.yaml.in");

fn clean(id: &str) -> String {
    CLEAN.replace("{id}", id).replace("{title}", "A secret")
}

fn load(src: &str, stem: &str) -> Loaded<Scenario> {
    let loaded = load_scenario(src, stem, &vocabulary());
    pipeline::check_diagnostics(src, &loaded.diagnostics);
    loaded
}

/// (code, line, column) of every diagnostic.
fn found(loaded: &Loaded<Scenario>) -> Vec<(&'static str, usize, usize)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.span.line, d.span.column))
        .collect()
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn only_error(loaded: &Loaded<Scenario>) -> &Diagnostic {
    assert!(loaded.value.is_none());
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    &loaded.diagnostics[0]
}

/// Compares two loaded scenarios, ignoring where things are (a BOM or CRs move every
/// offset) and the fingerprint (of the text, which differs): every text, id, score,
/// condition and link must be the same.
fn same_content(a: &Scenario, b: &Scenario) {
    fn without_places(s: &Scenario) -> Scenario {
        let mut s = s.clone();
        s.fingerprint = 0;
        s.dimension_spans.clear();
        for node in &mut s.nodes {
            node.span = Default::default();
            if let scenario_core::model::NodeKind::Decision(choices) = &mut node.kind {
                for choice in choices {
                    choice.span = Default::default();
                }
            }
        }
        s
    }
    assert_eq!(without_places(a), without_places(b));
    assert_eq!(stats(a), stats(b));
}

fn bundled() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("scenarios")).expect("scenarios/") {
        let path = entry.expect("entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if path.extension().is_some_and(|e| e == "yaml")
            && stem != "dimensions"
            && stem != "glossary"
        {
            out.push((stem, std::fs::read_to_string(&path).expect("readable")));
        }
    }
    out.sort();
    out
}

// --- size ------------------------------------------------------------------------------

#[test]
fn a_file_over_1_mib_is_refused_before_it_is_parsed() {
    // Unclosed brackets would be a syntax error (and 64+ deep): the size check comes first.
    let src = "[".repeat(MAX_FILE_BYTES + 1);
    let d = only_error(&load(&src, "big")).clone();
    assert_eq!((d.code, d.span.line, d.span.column), ("too-large", 1, 1));
    assert!(d.message.contains("1024 KiB"), "{}", d.message);
}

#[test]
fn a_file_of_exactly_1_mib_loads() {
    let mut src = clean("exactly");
    src.push_str("# ");
    while src.len() < MAX_FILE_BYTES - 1 {
        src.push('x');
    }
    src.push('\n');
    assert_eq!(src.len(), MAX_FILE_BYTES);
    let loaded = load(&src, "exactly");
    assert_eq!(found(&loaded), vec![]);
    assert!(loaded.value.is_some());
}

#[test]
fn five_thousand_nodes_load_and_one_more_is_refused_at_the_nodes_key() {
    // The benchmark's generator writes a 5,000-node file under 1 MiB.
    let src = generate::generate(MAX_NODES, false);
    assert!(src.len() <= MAX_FILE_BYTES, "{} bytes", src.len());
    let loaded = load(&src, "gen");
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics.first());
    assert_eq!(loaded.value.map(|s| s.nodes.len()), Some(MAX_NODES));

    let src = generate::generate(MAX_NODES + 1, false);
    let (line, column) = position_of(&src, "nodes:");
    let d = only_error(&load(&src, "gen")).clone();
    assert_eq!(
        (d.code, d.span.line, d.span.column),
        ("too-many-nodes", line, column)
    );
    assert!(d.message.contains("5001 nodes"), "{}", d.message);
}

#[test]
fn texts_are_limited_to_4000_characters_not_bytes() {
    // 'é' is two bytes: 4,000 of them are 8,000 bytes and still within the limit.
    let at_limit = CLEAN
        .replace("{id}", "long-title")
        .replace("{title}", &"é".repeat(MAX_TEXT_CHARS));
    let loaded = load(&at_limit, "long-title");
    assert_eq!(found(&loaded), vec![]);
    assert_eq!(
        loaded.value.map(|s| s.title.chars().count()),
        Some(MAX_TEXT_CHARS)
    );

    let over = CLEAN
        .replace("{id}", "long-title")
        .replace("{title}", &"é".repeat(MAX_TEXT_CHARS + 1));
    let (line, column) = position_of(&over, "\"é");
    let d = only_error(&load(&over, "long-title")).clone();
    assert_eq!(
        (d.code, d.span.line, d.span.column),
        ("text-too-long", line, column)
    );
    assert!(d.message.contains("4001 characters"), "{}", d.message);
}

#[test]
fn a_condition_over_4000_characters_is_a_long_text_not_a_deep_tree() {
    // `a == 1 and a == 1 and …` would build an expression thousands deep; it is refused as
    // text first.
    let long = vec!["rapport >= 1"; 400].join(" and ");
    assert!(long.len() > MAX_TEXT_CHARS);
    let src = clean("long-if")
        .replace(
            "dimensions: [safeguarding]",
            "dimensions: [safeguarding]\nvariables: { rapport: 0 }",
        )
        .replace(
            "        next: end-bad",
            &format!("        if: \"{long}\"\n        next: end-bad"),
        );
    let loaded = load(&src, "long-if");
    assert_eq!(
        loaded
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        vec!["text-too-long"]
    );
}

// --- aliases -----------------------------------------------------------------------------

#[test]
fn aliases_that_multiply_maps_are_refused_at_the_alias() {
    // Billion laughs with maps, nine levels of ten: 10^9 values if expanded.
    let mut src =
        String::from("a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9, q: 0}\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let items: Vec<String> = (0..10).map(|i| format!("k{i}: *{previous}")).collect();
        let _ = writeln!(src, "{name}: &{name} {{{}}}", items.join(", "));
        previous = name;
    }
    let loaded = load(&src, "laughs");
    let d = only_error(&loaded);
    assert_eq!(d.code, "alias-budget");
    // Refused at the alias that crosses the budget: `a` is 21 values (keys count), `b`
    // 221, `c` 2,221, `d` 22,221; lines 2-4 copy 24,630 values, and the fourth `*d` on
    // line 5 passes 100,000.
    assert_eq!((d.span.line, d.span.column), (5, 36), "{d:?}");
}

#[test]
fn aliases_of_one_long_text_are_refused_for_their_size() {
    // Few values, much text: 900 KB once in the file, 40 copies would be 36 MB.
    let mut src = format!("a: &a \"{}\"\nb: [", "x".repeat(900_000));
    src.push_str(&"*a, ".repeat(40));
    src.push_str("*a]\n");
    assert!(src.len() < MAX_FILE_BYTES);
    let d = only_error(&load(&src, "long-alias")).clone();
    assert_eq!((d.code, d.span.line), ("alias-budget", 2));
    assert!(d.message.contains("MiB of text"), "{}", d.message);
}

#[test]
fn a_few_aliases_load_as_copies() {
    let src = clean("aliases")
        .replace(
            "        feedback: \"State the limits of confidentiality before he discloses.\"",
            "        feedback: &why \"State the limits of confidentiality before he discloses.\"",
        )
        .replace(
            "        feedback: \"Never promise secrecy.\"",
            "        feedback: *why",
        );
    let loaded = load(&src, "aliases");
    assert_eq!(found(&loaded), vec![]);
    let scenario = loaded.value.expect("loads");
    let scenario_core::model::NodeKind::Decision(choices) = &scenario.nodes[0].kind else {
        panic!("a decision")
    };
    assert_eq!(choices[0].feedback, choices[1].feedback);
}

// --- nesting -----------------------------------------------------------------------------

#[test]
fn nesting_is_allowed_to_64_levels_and_refused_past_them() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(yaml::parse(&nested(MAX_DEPTH)).is_ok());
    let d = yaml::parse(&nested(MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(
        (d.code, d.span.line, d.span.column),
        ("too-deep", 1, MAX_DEPTH + 1)
    );
}

#[test]
fn deep_block_indentation_is_refused_at_the_first_level_too_deep() {
    // 1,400 levels of `k:` indented one more space each: about 1 MB.
    let mut src = String::new();
    for i in 0..1_400 {
        let _ = writeln!(src, "{}k:", " ".repeat(i));
    }
    assert!(src.len() < MAX_FILE_BYTES);
    let d = only_error(&load(&src, "deep")).clone();
    assert_eq!(d.code, "too-deep");
    // The map that opens level 65 starts on line 65, at its `k`.
    assert_eq!((d.span.line, d.span.column), (MAX_DEPTH + 1, MAX_DEPTH + 1));
}

// --- long lines --------------------------------------------------------------------------

#[test]
fn a_whole_scenario_on_one_line_loads_with_true_columns() {
    // 3,000 nodes in flow style on a single line of about 200 KB, the last `next` naming a
    // node that does not exist: reported at its column, counted in characters.
    let mut nodes = String::new();
    for i in 0..3_000 {
        let _ = write!(
            nodes,
            "n{i}: {{narration: \"Später …\", next: n{}}}, ",
            i + 1
        );
    }
    nodes.push_str("n3000: {next: nowhere}, e: {ending: {outcome: positive, title: E, text: E}}");
    let src = format!(
        "{{format: 1, id: one-line, title: T, summary: S, setting: S, audiences: [induction], \
         topics: [safeguarding], dimensions: [safeguarding], start: n0, nodes: {{{nodes}}}}}\n"
    );
    assert_eq!(src.lines().count(), 1);
    let (line, column) = position_of(&src, "nowhere");
    let loaded = load(&src, "one-line");
    assert_eq!(found(&loaded), vec![("missing-node", line, column)]);
    assert!(column > 100_000 && column < src.len(), "{column}");
}

#[test]
fn a_1_mb_comment_line_is_just_a_comment() {
    let mut src = clean("comment");
    src.push('#');
    src.push_str(&" ü".repeat((MAX_FILE_BYTES - src.len() - 10) / 3));
    src.push('\n');
    let loaded = load(&src, "comment");
    assert_eq!(found(&loaded), vec![]);
}

#[test]
fn a_text_on_a_900_kb_line_is_too_long_not_slow() {
    let src = clean("long-line").replace(
        "    say:\n",
        &format!("    narration: \"{}\"\n    say:\n", "word ".repeat(180_000)),
    );
    let (line, column) = position_of(&src, "\"word");
    let d = only_error(&load(&src, "long-line")).clone();
    assert_eq!(
        (d.code, d.span.line, d.span.column),
        ("text-too-long", line, column)
    );
    assert!(d.message.contains("900000 characters"), "{}", d.message);
}

// --- encodings ---------------------------------------------------------------------------

#[test]
fn bytes_that_are_not_utf8_are_reported_where_they_are() {
    let text = clean("bytes");
    let (title_line, title_column) = position_of(&text, "A secret");
    let cases: Vec<(&str, Vec<u8>, (usize, usize))> = vec![
        // Latin-1 é in the title.
        (
            "latin-1",
            text.replacen("A secret", "A s\u{1}cret", 1).into_bytes(),
            (title_line, title_column + 3),
        ),
        // A UTF-16 file: its BOM is not UTF-8.
        (
            "utf-16",
            [
                b"\xFF\xFE".as_slice(),
                &text
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
            (1, 1),
        ),
        // Overlong encoding of '/', a UTF-16 surrogate, a lone continuation byte.
        (
            "overlong",
            text.replacen("A secret", "A s\u{2}cret", 1).into_bytes(),
            (title_line, title_column + 3),
        ),
        (
            "surrogate",
            text.replacen("A secret", "A s\u{3}cret", 1).into_bytes(),
            (title_line, title_column + 3),
        ),
        (
            "continuation",
            text.replacen("A secret", "A s\u{4}cret", 1).into_bytes(),
            (title_line, title_column + 3),
        ),
        // A multi-byte character cut off by the end of the file.
        (
            "truncated",
            [text.as_bytes(), b"# \xE2\x80"].concat(),
            (text.lines().count() + 1, 3),
        ),
    ];
    for (name, mut bytes, (line, column)) in cases {
        // Put the bad bytes in place of the markers.
        let marker = bytes.iter().position(|&b| (1..=4).contains(&b));
        if let Some(at) = marker {
            let bad: &[u8] = match bytes[at] {
                1 => b"\xE9",
                2 => b"\xC0\xAF",
                3 => b"\xED\xA0\x80",
                _ => b"\x80",
            };
            bytes.splice(at..=at, bad.iter().copied());
        }
        let d = yaml::decode(&bytes).expect_err(name);
        assert_eq!(
            (d.code, d.span.line, d.span.column),
            ("not-utf8", line, column),
            "{name}: {d:?}"
        );
        assert!(
            d.hint.as_deref().is_some_and(|h| h.contains("UTF-8")),
            "{name}"
        );
        // The whole pipeline gives up there too.
        assert!(
            !pipeline::run_bytes(&bytes, &vocabulary()).decoded,
            "{name}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_changes_no_position() {
    let vocabulary = vocabulary();
    for (stem, text) in bundled() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let decoded = yaml::decode(&bytes).unwrap_or_else(|d| panic!("{stem}: {d:?}"));
        let with = load_scenario(decoded, &stem, &vocabulary);
        let without = load_scenario(&text, &stem, &vocabulary);
        assert_eq!(found(&with), vec![], "{stem}");
        same_content(&with.value.expect("loads"), &without.value.expect("loads"));
    }
    // A fixture with a diagnostic: the same line and column with a BOM.
    let fixture = std::fs::read(root().join("tests/fixtures/diagnostics/undeclared-variable.yaml"))
        .expect("fixture");
    let plain = load(
        std::str::from_utf8(&fixture).expect("utf-8"),
        "undeclared-variable",
    );
    let bom = [b"\xEF\xBB\xBF".as_slice(), &fixture].concat();
    let with_bom = load(yaml::decode(&bom).expect("decodes"), "undeclared-variable");
    assert_eq!(found(&with_bom), found(&plain));
    assert_eq!(found(&plain).len(), 3);
}

#[test]
fn a_byte_order_mark_inside_the_file_gets_its_own_hint() {
    // Two files pasted together: the second one's BOM is on line 2.
    let d = yaml::parse("a: 1\n\u{feff}b: 2\n").unwrap_err();
    assert_eq!((d.code, d.span.line), ("yaml-syntax", 2));
    assert!(
        d.hint.as_deref().is_some_and(|h| h.contains("U+FEFF")),
        "{d:?}"
    );
    // In a quoted text it is just a character.
    let y = yaml::parse("a: \"x\u{feff}y\"\n").unwrap_or_else(|d| panic!("{d:?}"));
    let yaml::YamlValue::Map(entries) = &y.value else {
        panic!()
    };
    assert_eq!(entries[0].1.text(), Some("x\u{feff}y"));
}

// --- line endings --------------------------------------------------------------------------

#[test]
fn crlf_and_cr_files_load_to_the_same_scenarios() {
    let vocabulary = vocabulary();
    for (stem, text) in bundled() {
        let lf = load_scenario(&text, &stem, &vocabulary)
            .value
            .expect("loads");
        for (name, ending) in [("CRLF", "\r\n"), ("CR", "\r")] {
            let other = text.replace('\n', ending);
            let loaded = load_scenario(&other, &stem, &vocabulary);
            assert_eq!(found(&loaded), vec![], "{stem} with {name}");
            same_content(&loaded.value.expect("loads"), &lf);
        }
    }
}

#[test]
fn positions_inside_conditions_are_right_with_every_line_ending() {
    // Conditions are positioned by the loader itself, not by the parser: with CR-only
    // line endings they were once reported on line 1 (found writing these tests).
    let fixture =
        std::fs::read_to_string(root().join("tests/fixtures/diagnostics/undeclared-variable.yaml"))
            .expect("fixture");
    let lf = found(&load(&fixture, "undeclared-variable"));
    assert_eq!(
        lf,
        vec![
            ("undeclared-variable", 27, 28),
            ("undeclared-variable", 29, 36),
            ("undeclared-variable", 38, 17)
        ]
    );
    for ending in ["\r\n", "\r", "\u{2028}"] {
        let other = fixture.replace('\n', ending);
        assert_eq!(
            found(&load(&other, "undeclared-variable")),
            lf,
            "{ending:?}"
        );
    }
}

// --- tabs ----------------------------------------------------------------------------------

#[test]
fn tab_indentation_is_a_syntax_error_that_says_tabs() {
    let src = clean("tabs").replace("  end-bad:\n    ending:", "  end-bad:\n\tending:");
    let (line, _) = position_of(&src, "\tending");
    let d = only_error(&load(&src, "tabs")).clone();
    assert_eq!(
        (d.code, d.span.line, d.span.column),
        ("yaml-syntax", line, 1)
    );
    assert!(
        d.hint.as_deref().is_some_and(|h| h.contains("tabs")),
        "{d:?}"
    );
}

#[test]
fn tabs_where_yaml_allows_them_load() {
    // After a colon, between flow items, and inside quoted text.
    let src = clean("tabs")
        .replace("title: \"A secret\"", "title:\t\"A\tsecret\"")
        .replace(
            "audiences: [induction]",
            "audiences: [induction,\trefresher]",
        );
    let loaded = load(&src, "tabs");
    assert_eq!(found(&loaded), vec![]);
    let scenario = loaded.value.expect("loads");
    assert_eq!(scenario.title, "A\tsecret");
    assert_eq!(scenario.audiences, vec!["induction", "refresher"]);
}

// --- work budgets: every diagnostic still reported --------------------------------------------

#[test]
fn thousands_of_missing_nodes_are_all_reported_with_hints_for_the_first() {
    // 2,000 nodes with long ids, each pointing at a missing near-namesake: every one is
    // reported; "did you mean" hints stop when their budget is spent (this file took
    // minutes before the budget), and the later ones list known ids instead.
    let id = |i: usize| format!("a-node-with-a-rather-long-identifier-{i:05}");
    let mut src = format!(
        "format: 1\nid: many-missing\ntitle: T\nsummary: S\nsetting: S\naudiences: [induction]\n\
         topics: [safeguarding]\ndimensions: [safeguarding]\nstart: {}\nnodes:\n",
        id(0)
    );
    for i in 0..2_000 {
        let _ = writeln!(src, "  {}: {{next: x{}}}", id(i), id(i));
    }
    src.push_str("  e: {ending: {outcome: positive, title: E, text: E}}\n");
    let loaded = load(&src, "many-missing");
    let missing: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-node")
        .collect();
    assert_eq!(missing.len(), 2_000);
    assert_eq!(
        missing[0].hint.as_deref(),
        Some(format!("did you mean `{}`?", id(0)).as_str())
    );
    let last = missing[1_999].hint.as_deref().unwrap_or("");
    assert!(last.starts_with("known: "), "{last}");
    for (i, d) in missing.iter().enumerate() {
        assert_eq!(d.span.line, 11 + i, "{d:?}");
    }
}

#[test]
fn thousands_of_undeclared_names_in_conditions_are_all_at_their_place() {
    let mut src = clean("many-undeclared");
    let mut extra = String::new();
    for i in 0..3_000 {
        let _ = writeln!(
            extra,
            "      - {{id: c{i}, text: t, if: \"zz{i} > 1\", next: end-good}}"
        );
    }
    src = src.replace(
        "      - id: limits\n",
        &format!("{extra}      - id: limits\n"),
    );
    let loaded = load(&src, "many-undeclared");
    let undeclared: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "undeclared-variable")
        .collect();
    assert_eq!(undeclared.len(), 3_000);
    // Each choice is on its own line, after the line `    choices:`.
    let (first, _) = position_of(&src, "      - {id: c0,");
    for (i, d) in undeclared.iter().enumerate() {
        let line = format!("      - {{id: c{i}, text: t, if: \"zz{i} > 1\", next: end-good}}");
        let column = line.find("zz").map_or(0, |c| c + 1);
        assert_eq!((d.span.line, d.span.column), (first + i, column), "{d:?}");
    }
}

#[test]
fn a_decision_with_many_choices_in_a_growing_loop_stops_at_the_moves_budget() {
    // 400 choices, each adding to `visits` and coming back, and a condition that reads
    // `visits`: the states (node + visits) are endless and each costs 400 moves. The
    // exploration stops at its moves budget and says so; the scenario still loads (a
    // warning).
    let mut src = clean("many-choices")
        .replace(
            "dimensions: [safeguarding]",
            "dimensions: [safeguarding]\nvariables: { visits: 0 }",
        )
        .replace(
            "        next: end-good\n",
            "        next: [{ if: visits > 1000000, to: end-bad }, { to: end-good }]\n",
        );
    let mut extra = String::new();
    for i in 0..400 {
        let _ = writeln!(
            extra,
            "      - {{id: again-{i}, text: t, feedback: f, set: {{visits: {}}}, next: ask}}",
            i % 7 + 1
        );
    }
    src = src.replace(
        "      - id: limits\n",
        &format!("{extra}      - id: limits\n"),
    );
    let loaded = load(&src, "many-choices");
    let budget: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "analysis-budget")
        .collect();
    assert_eq!(budget.len(), 1, "{:?}", found(&loaded));
    assert!(budget[0].message.contains("moves"), "{}", budget[0].message);
    assert_eq!(loaded.errors(), 0, "{:?}", found(&loaded));
    // stats() follows the same budget and says the score ranges are out of reach.
    let s = stats(&loaded.value.expect("loads"));
    assert!(s.scores.is_err());
}

#[test]
fn path_counts_of_thousands_of_digits_are_exact() {
    // Two choices both lead round a counter 1,000 times: 2^1000 playthroughs.
    let src = clean("counter")
        .replace("dimensions: [safeguarding]", "dimensions: [safeguarding]\nvariables: { n: 0 }")
        .replace(
            "        next: end-good\n",
            "        set: { n: 1 }\n        next: [{ if: n >= 1000, to: end-good }, { to: ask }]\n",
        )
        .replace(
            "        next: end-bad\n",
            "        set: { n: 1 }\n        next: [{ if: n >= 1000, to: end-good }, { to: ask }]\n",
        )
        .replace("  end-bad:\n    ending: { outcome: negative, title: \"A promise you cannot keep\", text: \"You now hold a secret.\" }\n", "");
    let loaded = load(&src, "counter");
    assert_eq!(loaded.errors(), 0, "{:?}", found(&loaded));
    let s = stats(&loaded.value.expect("loads"));
    let mut expected = BigCount::from_u64(1);
    for _ in 0..1_000 {
        let copy = expected.clone();
        expected.add(&copy);
    }
    assert_eq!(s.paths, Count::Exact(expected));
    assert_eq!(s.shortest, Some(1_000));
}
