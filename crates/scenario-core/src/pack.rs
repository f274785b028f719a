//! Packed scenarios: what the app fetches, so the browser never parses YAML.
//!
//! The build runs every bundled file through [`crate::load`] natively (`scenario pack`, a
//! trunk hook) and writes one JSON file per YAML file: the loaded model with the trainer's
//! jump routes ([`Routes`]), or the file's errors as `file:line:column` lines. The app only
//! reads these ([`read_scenario`], [`read_vocabulary`]), which keeps the YAML parser, the
//! loader, the checker and the state-graph exploration out of the wasm. A file that fails
//! to load still reaches the learner as a notice, exactly as the loader reported it.
//!
//! A pack is a build artefact, but it travels over the network like any file, so reading one
//! trusts nothing: a damaged, truncated or hand-edited pack, or one from another version of
//! the app, is a [`FailedFile`] that says so, never a panic. [`read_scenario`] checks every
//! index the session and scoring rely on (see `structure`).

use crate::condition::{Expr, Op, Operand};
use crate::diagnostic::{Diagnostic, Span};
use crate::json::{self, Fields, FromJson, Json, JsonError, ToJson};
use crate::json_record;
use crate::model::{
    Branch, Character, Choice, Condition, Debrief, Ending, Label, Line, Next, Node, NodeKind,
    Outcome, Pass, RedLine, Scenario, Vocabulary, SCORE_RANGE,
};
use crate::route_to::Routes;

/// The pack format this version writes and reads (2: scenario packs carry `routes`; 3:
/// choices carry the `red_lines` they cross, and the vocabulary its red-line acts).
pub const FORMAT: u32 = 3;

/// Conditions nest at most this deep in a pack (the loader allows 32).
const MAX_CONDITION_DEPTH: usize = 64;

/// One error of a file that could not be loaded, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// `file:line:column`, or just the file when there is no position.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is a hint.
    pub hint: Option<String>,
}

json_record!(FileError {
    location,
    message,
    hint
});

impl FileError {
    /// The error of a diagnostic of `file`.
    pub fn of(file: &str, diagnostic: &Diagnostic) -> FileError {
        FileError {
            location: format!("{file}:{}:{}", diagnostic.span.line, diagnostic.span.column),
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        }
    }

    /// `location message`, as the notice shows it.
    pub fn line(&self) -> String {
        format!("{} {}", self.location, self.message)
    }
}

/// A file that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFile {
    /// The file name, e.g. `broken.yaml`.
    pub file: String,
    /// Its errors (at least one).
    pub errors: Vec<FileError>,
}

impl FailedFile {
    /// A failure with one error at no position.
    pub fn one(file: &str, message: String, hint: Option<&str>) -> FailedFile {
        FailedFile {
            file: file.to_owned(),
            errors: vec![FileError {
                location: file.to_owned(),
                message,
                hint: hint.map(str::to_owned),
            }],
        }
    }

    /// The file `<stem>.yaml`, whose pack `<stem>.json` could not be fetched.
    pub fn unfetched(stem: &str, why: &str) -> FailedFile {
        FailedFile::one(
            &format!("{stem}.yaml"),
            format!("the app could not fetch scenarios/{stem}.json, the packed form of this file: {why}"),
            Some("reload the page; if it keeps happening, tell whoever runs this site"),
        )
    }
}

/// What a pack holds: the loaded value, or the file's errors.
pub type Packed<T> = Result<T, FailedFile>;

// ---------------------------------------------------------------------------------------
// Writing (native: this is where the loader runs).

/// A file packed for the app: the text to write, and the file's errors when it has any (the
/// pack holds them too), so the build can report them without reading the pack back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The pack's JSON, one line.
    pub text: String,
    /// The errors it holds instead of a value.
    pub failed: Option<FailedFile>,
}

/// Loads `dimensions.yaml` and packs it. Returns the vocabulary to pack the scenarios
/// against (empty when the file has errors, as the app has always done) and the pack.
pub fn pack_vocabulary(src: &str) -> (Vocabulary, Pack) {
    let file = "dimensions.yaml";
    let loaded = crate::load::load_vocabulary(src);
    match outcome(file, loaded.value, &loaded.diagnostics) {
        Ok(vocabulary) => {
            let pack = written(file, &[("vocabulary", &vocabulary)]);
            (vocabulary, pack)
        }
        Err(failed) => (Vocabulary::default(), refused(failed)),
    }
}

/// Loads the scenario `<stem>.yaml` for play, against `vocabulary`, finds its routes and
/// packs both.
pub fn pack_scenario(src: &str, stem: &str, vocabulary: &Vocabulary) -> Pack {
    let file = format!("{stem}.yaml");
    let loaded = crate::load::load_scenario_to_play(src, stem, vocabulary);
    match outcome(&file, loaded.value, &loaded.diagnostics) {
        Ok(scenario) => {
            let routes = Routes::of(&scenario);
            written(&file, &[("scenario", &scenario), ("routes", &routes)])
        }
        Err(failed) => refused(failed),
    }
}

/// Packs a file that never reached the loader (unreadable bytes, too large) as its errors.
pub fn pack_errors(file: &str, diagnostics: &[Diagnostic]) -> Pack {
    refused(failure(file, diagnostics))
}

/// The value when no diagnostic is an error; otherwise the errors.
fn outcome<T>(file: &str, value: Option<T>, diagnostics: &[Diagnostic]) -> Packed<T> {
    match value {
        Some(value) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(value),
        _ => Err(failure(file, diagnostics)),
    }
}

/// The errors among `diagnostics`, or a general one when there are none.
fn failure(file: &str, diagnostics: &[Diagnostic]) -> FailedFile {
    let mut errors: Vec<FileError> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| FileError::of(file, d))
        .collect();
    if errors.is_empty() {
        errors.push(FileError {
            location: format!("{file}:1:1"),
            message: "the file could not be loaded".into(),
            hint: None,
        });
    }
    FailedFile {
        file: file.to_owned(),
        errors,
    }
}

/// The pack of a file that loaded: the format, the file's name and `members`.
fn written(file: &str, members: &[(&str, &dyn ToJson)]) -> Pack {
    let mut all: Vec<(&str, &dyn ToJson)> = vec![("pack", &FORMAT), ("file", &file)];
    all.extend_from_slice(members);
    let mut text = String::new();
    json::write_object(&mut text, &all);
    text.push('\n');
    Pack { text, failed: None }
}

/// The pack of a file that did not load: the format, the file's name and its errors.
fn refused(failed: FailedFile) -> Pack {
    let text = written(&failed.file, &[("errors", &failed.errors)]).text;
    Pack {
        text,
        failed: Some(failed),
    }
}

// ---------------------------------------------------------------------------------------
// Reading (in the browser).

/// Reads the pack of `dimensions.yaml` (fetched as `dimensions.json`).
pub fn read_vocabulary(text: &str) -> Packed<Vocabulary> {
    read(text, "dimensions", |fields| required(fields, "vocabulary"))
}

/// Reads the pack of `<stem>.yaml` (fetched as `<stem>.json`): the scenario and its routes,
/// checking that every index in them is in range.
pub fn read_scenario(text: &str, stem: &str) -> Packed<(Scenario, Routes)> {
    read(text, stem, |fields| {
        let scenario: Scenario = required(fields, "scenario")?;
        structure(&scenario)?;
        let routes: Routes = required(fields, "routes")?;
        routes.check(scenario.nodes.len())?;
        Ok((scenario, routes))
    })
}

/// A member every pack of its kind has.
fn required<T: FromJson>(fields: &Fields<'_>, key: &str) -> Result<T, String> {
    let value: Option<T> = fields.get(key).map_err(|e| e.0)?;
    value.ok_or_else(|| format!("it has no `{key}`"))
}

fn read<T>(
    text: &str,
    stem: &str,
    value: impl FnOnce(&Fields<'_>) -> Result<T, String>,
) -> Packed<T> {
    let yaml = format!("{stem}.yaml");
    let unreadable = |why: String| {
        FailedFile::one(
            &yaml,
            format!("the app could not read {stem}.json, the packed form of this file: {why}"),
            Some("rebuild the app (`trunk build`) and publish all of dist/ together"),
        )
    };
    let root = Json::parse(text).map_err(|e| unreadable(e.0))?;
    let fields = root.fields().map_err(|e| unreadable(e.0))?;
    let format: u32 = fields.get("pack").map_err(|e| unreadable(e.0))?;
    if format != FORMAT {
        return Err(unreadable(format!(
            "it is pack format {format}, and this version of the app reads format {FORMAT}"
        )));
    }
    let file: String = fields.get("file").map_err(|e| unreadable(e.0))?;
    let errors: Option<Vec<FileError>> = fields.get("errors").map_err(|e| unreadable(e.0))?;
    match errors {
        Some(errors) if !errors.is_empty() => Err(FailedFile { file, errors }),
        Some(_) => Err(unreadable("`errors` is empty".into())),
        None => value(&fields).map_err(unreadable),
    }
}

/// Everything the session, scoring and screens index by is in range: the start, every
/// `next`, every score row, every `set` and every condition's slot; and every score is in
/// the format's -3..3, which keeps the scoring sums far from overflow.
fn structure(s: &Scenario) -> Result<(), String> {
    let nodes = s.nodes.len();
    let in_range = |to: usize, what: &str| {
        if to < nodes {
            Ok(())
        } else {
            Err(format!("{what} leads to node {to}, and there are {nodes}"))
        }
    };
    in_range(s.start, "the start")?;
    if s.dimension_spans.len() != s.dimensions.len() {
        return Err("`dimension_spans` does not match `dimensions`".into());
    }
    let slots = s.slot_count();
    let condition = |c: &Option<Condition>, at: &str| match c.as_ref().map(|c| max_slot(&c.expr)) {
        Some(slot) if slot >= slots => Err(format!("a condition at {at} names slot {slot}")),
        _ => Ok(()),
    };
    let next = |n: &Next, at: &str| {
        if n.branches.is_empty() {
            return Err(format!("`next` at {at} has no branch"));
        }
        n.branches.iter().try_for_each(|b| {
            in_range(b.to, at)?;
            condition(&b.condition, at)
        })
    };
    for node in &s.nodes {
        let at = format!("node `{}`", node.id);
        match &node.kind {
            NodeKind::Decision(choices) => {
                if choices.is_empty() {
                    return Err(format!("{at} offers no choice"));
                }
                for c in choices {
                    if c.scores.iter().any(|v| !SCORE_RANGE.contains(v)) {
                        return Err(format!(
                            "choice `{}` at {at} has a score outside -3..3",
                            c.id
                        ));
                    }
                    if c.scores.len() != s.dimensions.len() {
                        return Err(format!(
                            "choice `{}` at {at} has the wrong number of scores",
                            c.id
                        ));
                    }
                    if c.set.iter().any(|&(slot, _)| slot >= s.variables.len()) {
                        return Err(format!(
                            "choice `{}` at {at} sets an unknown variable",
                            c.id
                        ));
                    }
                    condition(&c.condition, &at)?;
                    next(&c.next, &at)?;
                }
            }
            NodeKind::Passage(n) => next(n, &at)?,
            NodeKind::Ending(_) => {}
        }
    }
    Ok(())
}

/// The highest slot a condition reads.
fn max_slot(e: &Expr) -> usize {
    match e {
        Expr::Compare { operand, .. } => operand.slot,
        Expr::Not(e) => max_slot(e),
        Expr::And(a, b) | Expr::Or(a, b) => max_slot(a).max(max_slot(b)),
    }
}

// ---------------------------------------------------------------------------------------
// The model as JSON. Field names are the model's; a `Span` is `[offset, line, column, len]`;
// a condition's expression is flat, in postfix order (see `Expr`'s impls), so no pack nests
// deeper than a few levels whatever the condition.

json_record!(Vocabulary {
    dimensions,
    topics,
    red_lines
});
json_record!(RedLine { id, label, reason });
json_record!(Routes { steps, ends });
json_record!(Label {
    id,
    label,
    description
});
json_record!(Scenario {
    id,
    title,
    summary,
    setting,
    content_note,
    audiences,
    topics,
    minutes,
    characters,
    dimensions,
    dimension_spans,
    pass,
    variables,
    start,
    nodes,
    debrief,
    trainer_notes,
    fingerprint
});
json_record!(Pass { overall, each });
json_record!(Character { id, name, role });
json_record!(Debrief {
    key_points,
    reflection
});
json_record!(Node {
    id,
    span,
    narration,
    say,
    kind
});
json_record!(Line { character, text });
json_record!(Choice {
    id,
    span,
    text,
    scores,
    feedback,
    set,
    condition,
    critical,
    red_lines,
    next
});
json_record!(Condition { source, expr });
json_record!(Next { branches });
json_record!(Branch { condition, to });
json_record!(Ending {
    outcome,
    title,
    text
});

fn wrong(what: &str) -> JsonError {
    JsonError(format!("expected {what}"))
}

impl ToJson for Span {
    fn write_json(&self, out: &mut String) {
        [self.offset, self.line, self.column, self.len].write_json(out);
    }
}

impl FromJson for Span {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match <Vec<usize>>::from_json(value)?.as_slice() {
            &[offset, line, column, len] => Ok(Span {
                offset,
                line,
                column,
                len,
            }),
            _ => Err(wrong("a span [offset, line, column, len]")),
        }
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Arr(items) if items.len() == 2 => {
                Ok((A::from_json(&items[0])?, B::from_json(&items[1])?))
            }
            _ => Err(wrong("a pair")),
        }
    }
}

impl ToJson for Outcome {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl FromJson for Outcome {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match String::from_json(value)?.as_str() {
            "positive" => Ok(Outcome::Positive),
            "mixed" => Ok(Outcome::Mixed),
            "negative" => Ok(Outcome::Negative),
            _ => Err(wrong("positive, mixed or negative")),
        }
    }
}

/// `{"decision": [choices]}`, `{"passage": next}` or `{"ending": ending}`.
impl ToJson for NodeKind {
    fn write_json(&self, out: &mut String) {
        match self {
            NodeKind::Decision(choices) => json::write_object(out, &[("decision", choices)]),
            NodeKind::Passage(next) => json::write_object(out, &[("passage", next)]),
            NodeKind::Ending(ending) => json::write_object(out, &[("ending", ending)]),
        }
    }
}

impl FromJson for NodeKind {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        match value {
            Json::Obj(members) if members.len() == 1 => {
                let (key, value) = &members[0];
                match key.as_str() {
                    "decision" => Ok(NodeKind::Decision(FromJson::from_json(value)?)),
                    "passage" => Ok(NodeKind::Passage(FromJson::from_json(value)?)),
                    "ending" => Ok(NodeKind::Ending(FromJson::from_json(value)?)),
                    _ => Err(wrong("decision, passage or ending")),
                }
            }
            _ => Err(wrong("a node kind")),
        }
    }
}

/// One step of an expression in postfix order: a comparison
/// `[name, offset, slot, op, value]`, or `"not"`, `"and"`, `"or"` applied to what precedes.
impl ToJson for Expr {
    fn write_json(&self, out: &mut String) {
        fn postfix(e: &Expr, out: &mut String, first: &mut bool) {
            let step = |out: &mut String, first: &mut bool| {
                if !std::mem::take(first) {
                    out.push(',');
                }
            };
            match e {
                Expr::Compare { operand, op, value } => {
                    step(out, first);
                    out.push('[');
                    operand.name.write_json(out);
                    out.push(',');
                    operand.offset.write_json(out);
                    out.push(',');
                    operand.slot.write_json(out);
                    out.push(',');
                    op.as_str().write_json(out);
                    out.push(',');
                    value.write_json(out);
                    out.push(']');
                }
                Expr::Not(a) => {
                    postfix(a, out, first);
                    step(out, first);
                    "not".write_json(out);
                }
                Expr::And(a, b) | Expr::Or(a, b) => {
                    postfix(a, out, first);
                    postfix(b, out, first);
                    step(out, first);
                    let name = if matches!(e, Expr::And(..)) {
                        "and"
                    } else {
                        "or"
                    };
                    name.write_json(out);
                }
            }
        }
        out.push('[');
        postfix(self, out, &mut true);
        out.push(']');
    }
}

impl FromJson for Expr {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        let Json::Arr(steps) = value else {
            return Err(wrong("a condition"));
        };
        // Each entry is an expression and its depth; the depth is bounded so that evaluating
        // and dropping the expression cannot exhaust the stack.
        let mut stack: Vec<(Expr, usize)> = Vec::new();
        for step in steps {
            let (expr, depth) = match step {
                Json::Arr(parts) if parts.len() == 5 => {
                    let op = match String::from_json(&parts[3])?.as_str() {
                        "==" => Op::Eq,
                        "!=" => Op::Ne,
                        "<" => Op::Lt,
                        "<=" => Op::Le,
                        ">" => Op::Gt,
                        ">=" => Op::Ge,
                        _ => return Err(wrong("a comparison operator")),
                    };
                    let operand = Operand {
                        name: FromJson::from_json(&parts[0])?,
                        offset: FromJson::from_json(&parts[1])?,
                        slot: FromJson::from_json(&parts[2])?,
                    };
                    let value = FromJson::from_json(&parts[4])?;
                    (Expr::Compare { operand, op, value }, 1)
                }
                Json::Str(name) if name == "not" => {
                    let (a, d) = stack
                        .pop()
                        .ok_or_else(|| wrong("a condition before `not`"))?;
                    (Expr::Not(Box::new(a)), d + 1)
                }
                Json::Str(name) if name == "and" || name == "or" => {
                    let (b, db) = stack
                        .pop()
                        .ok_or_else(|| wrong("two conditions before it"))?;
                    let (a, da) = stack
                        .pop()
                        .ok_or_else(|| wrong("two conditions before it"))?;
                    let (a, b) = (Box::new(a), Box::new(b));
                    let e = if name == "and" {
                        Expr::And(a, b)
                    } else {
                        Expr::Or(a, b)
                    };
                    (e, da.max(db) + 1)
                }
                _ => return Err(wrong("a comparison, `not`, `and` or `or`")),
            };
            if depth > MAX_CONDITION_DEPTH {
                return Err(JsonError(format!(
                    "a condition nests deeper than {MAX_CONDITION_DEPTH} levels"
                )));
            }
            stack.push((expr, depth));
        }
        match (stack.pop(), stack.is_empty()) {
            (Some((expr, _)), true) => Ok(expr),
            _ => Err(wrong("exactly one condition")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_scenario_to_play, load_vocabulary};

    fn bundled(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn vocabulary() -> Vocabulary {
        load_vocabulary(&bundled("dimensions.yaml"))
            .value
            .expect("the vocabulary loads")
    }

    #[test]
    fn every_bundled_scenario_reads_back_as_the_loader_built_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let (vocab, vocab_pack) = pack_vocabulary(&bundled("dimensions.yaml"));
        assert_eq!(vocab_pack.failed, None);
        assert_eq!(read_vocabulary(&vocab_pack.text), Ok(vocabulary()));
        assert_eq!(vocab, vocabulary());
        let mut count = 0;
        for entry in std::fs::read_dir(dir).expect("scenarios/") {
            let path = entry.expect("an entry").path();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a name")
                .to_owned();
            if path.extension().is_none_or(|e| e != "yaml")
                || stem == "dimensions"
                || stem == "glossary"
            {
                continue;
            }
            let src = std::fs::read_to_string(&path).expect("readable");
            let loaded = load_scenario_to_play(&src, &stem, &vocab)
                .value
                .expect("loads");
            let packed = pack_scenario(&src, &stem, &vocab);
            assert_eq!(packed.failed, None, "{stem}");
            let routes = Routes::of(&loaded);
            assert_eq!(
                read_scenario(&packed.text, &stem),
                Ok((loaded, routes)),
                "{stem}"
            );
            count += 1;
        }
        assert!(count >= 10, "only {count} bundled scenarios");
    }

    #[test]
    fn a_file_with_errors_packs_its_errors_at_their_positions() {
        let packed = pack_scenario(
            "format: 1\nid: broken\ntitle: [unclosed\n",
            "broken",
            &vocabulary(),
        );
        let failed = read_scenario(&packed.text, "broken").expect_err("errors");
        assert_eq!(packed.failed.as_ref(), Some(&failed));
        assert_eq!(failed.file, "broken.yaml");
        assert!(
            failed.errors[0].location.starts_with("broken.yaml:"),
            "{failed:?}"
        );
        let (vocab, packed) = pack_vocabulary("dimensions: [");
        assert_eq!(vocab, Vocabulary::default());
        let failed = read_vocabulary(&packed.text).expect_err("errors");
        assert_eq!(packed.failed.as_ref(), Some(&failed));
        assert_eq!(failed.file, "dimensions.yaml");
        assert!(
            failed.errors[0].location.starts_with("dimensions.yaml:2:1"),
            "{failed:?}"
        );
    }

    #[test]
    fn conditions_round_trip_through_the_postfix_form() {
        let src = bundled("got-kids.yaml");
        let vocab = vocabulary();
        let loaded = load_scenario_to_play(&src, "got-kids", &vocab)
            .value
            .expect("loads");
        let mut seen = 0;
        for node in &loaded.nodes {
            if let NodeKind::Decision(choices) = &node.kind {
                for c in choices.iter().filter_map(|c| c.condition.as_ref()) {
                    let text = json::to_string(&c.expr);
                    assert_eq!(json::from_str::<Expr>(&text), Ok(c.expr.clone()), "{text}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "got-kids has conditional choices");
        let nested = r#"[["a",0,0,">=",1],["b",9,1,"<",-2],"not","and","not"]"#;
        let expr: Expr = json::from_str(nested).expect("reads");
        assert_eq!(json::to_string(&expr), nested);
        assert!(!expr.eval(&[1, 0]) && expr.eval(&[0, 0]));
    }

    #[test]
    fn a_damaged_pack_is_refused_with_a_reason_and_never_panics() {
        let (vocab, _) = pack_vocabulary(&bundled("dimensions.yaml"));
        let good = pack_scenario(&bundled("got-kids.yaml"), "got-kids", &vocab).text;
        let reason = |text: &str| {
            read_scenario(text, "got-kids").expect_err("refused").errors[0]
                .message
                .clone()
        };
        assert!(reason("").contains("could not read got-kids.json"));
        assert!(reason(&good[..good.len() / 2]).contains("got-kids.json"));
        let format = format!("\"pack\":{FORMAT}");
        assert!(reason(&good.replacen(&format, "\"pack\":1", 1)).contains("format 1"));
        // The field is named once, by the JSON reader.
        let wrong_type = reason(&good.replacen(&format, "\"pack\":\"one\"", 1));
        assert!(
            wrong_type.ends_with("packed form of this file: `pack`: expected an integer"),
            "{wrong_type}"
        );
        let out_of_range = good.replacen("\"start\":", "\"start\":9999,\"x\":", 1);
        assert!(
            reason(&out_of_range).contains("the start leads to node 9999"),
            "{}",
            reason(&out_of_range)
        );
        // The routes are checked against the scenario they came with.
        let without = good.replacen("\"routes\":", "\"old_routes\":", 1);
        assert!(
            reason(&without).contains("it has no `routes`"),
            "{}",
            reason(&without)
        );
        let short = good.replacen("\"ends\":[", "\"ends\":[0,", 1);
        assert!(
            reason(&short).contains("the routes name"),
            "{}",
            reason(&short)
        );
        let deep = format!(
            "[[\"a\",0,0,\">=\",1]{}]",
            ",\"not\"".repeat(MAX_CONDITION_DEPTH)
        );
        assert!(json::from_str::<Expr>(&deep).is_err());
        assert!(json::from_str::<Expr>(r#"["and"]"#).is_err());
        assert!(json::from_str::<Expr>(r#"[["a",0,0,">=",1],["a",0,0,">=",1]]"#).is_err());
    }
}
