//! Shared by the fuzz targets: the pipeline and the JSON oracle (from `scenario-testkit`,
//! shared with the core's tests) and the structure-aware scenario generator.

pub use scenario_testkit::{json_oracle, pipeline};

use arbitrary::{Result, Unstructured};
use scenario_core::Vocabulary;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// The bundled vocabulary, loaded once per process.
pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(pipeline::vocabulary);

/// Dimension ids of the bundled `dimensions.yaml` (and one that is not there).
const DIMENSIONS: &[&str] = &[
    "boundaries",
    "safeguarding",
    "listening",
    "selfcare",
    "empathy",
];
/// Topic ids (and one that is not there).
const TOPICS: &[&str] = &[
    "minimisation",
    "manipulation",
    "safeguarding",
    "listening",
    "cooking",
];
/// Variable names the generator declares (the last one is never declared).
const VARIABLES: &[&str] = &["trust", "risk", "rapport", "mood"];
/// Texts, from plain to awkward for YAML and for the app.
const TEXTS: &[&str] = &[
    "Go on.",
    "I hear you.",
    "That's not OK: we agreed.",
    "\"Quoted\" and 'single' and # not a comment",
    "Ünïcødé — “curly” ✓ 🙂",
    "<script>alert(1)</script> {{ x }}",
    "line one\nline two\n\nparagraph",
    "  leading and trailing spaces  ",
    "\u{202E}reversed\u{202C} and\ttab",
    "true",
    "12",
    "~",
    "",
];

/// One generated scenario, rendered straight to YAML.
struct Gen<'u, 'a> {
    u: &'u mut Unstructured<'a>,
    out: String,
    nodes: usize,
    variables: usize,
    dimensions: Vec<&'static str>,
    /// Whether this scenario may hold mistakes (errors the loader must report).
    mistakes: bool,
}

/// The `load_bytes` input for these bytes: a generated scenario, a NUL, and the unused
/// bytes (which drive the play-through). `None` when the bytes cannot make a scenario.
pub fn structured_input(data: &[u8]) -> Option<Vec<u8>> {
    let mut u = Unstructured::new(data);
    let yaml = generate(&mut u).ok()?;
    let mut input = yaml.into_bytes();
    input.push(0);
    input.extend_from_slice(u.take_rest());
    Some(input)
}

/// A scenario's YAML, decided by `u`: mostly valid (every id resolves, scores in range,
/// the last `next` branch unconditional), with a small chance of each kind of mistake so
/// the diagnostics are exercised too.
pub fn generate(u: &mut Unstructured) -> Result<String> {
    let mut g = Gen {
        u,
        out: String::with_capacity(2048),
        nodes: 0,
        variables: 0,
        dimensions: Vec::new(),
        mistakes: false,
    };
    g.mistakes = g.one_in(4)?;
    g.scenario()?;
    Ok(g.out)
}

impl Gen<'_, '_> {
    /// Once in `n`, in the scenarios chosen to hold mistakes (a quarter of them).
    fn mistake(&mut self, n: u32) -> Result<bool> {
        Ok(self.mistakes && self.one_in(n)?)
    }

    /// True once in `n` (decided by the input; false once the input is used up, as
    /// `int_in_range` then gives its lower bound).
    fn one_in(&mut self, n: u32) -> Result<bool> {
        Ok(self.u.int_in_range(0..=n - 1)? == n - 1)
    }

    fn text(&mut self) -> Result<String> {
        let t = *self.u.choose(TEXTS)?;
        Ok(quote(t))
    }

    fn scenario(&mut self) -> Result<()> {
        let id = if self.mistake(20)? { "other-id" } else { "gen" };
        let title = self.text()?;
        let format = if self.mistake(30)? { 2 } else { 1 };
        let _ = write!(
            self.out,
            "format: {format}\nid: {id}\ntitle: {title}\nsummary: \"A generated scenario.\"\n\
             setting: \"Anywhere.\"\naudiences: [induction]\n",
        );
        let topics = if self.mistake(20)? { 5 } else { 4 };
        let topic = *self.u.choose(&TOPICS[..topics])?;
        let _ = writeln!(self.out, "topics: [{topic}]");
        if self.u.arbitrary()? {
            let _ = writeln!(self.out, "minutes: {}", self.u.int_in_range(1..=30)?);
        }
        if self.u.arbitrary()? {
            self.out
                .push_str("characters:\n  dan: { name: Dan, role: service user }\n");
        }
        // Dimensions: a non-empty subset of the bundled four (rarely one not listed).
        let mask: u8 = self.u.int_in_range(1..=15)?;
        self.dimensions = (0..4)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| DIMENSIONS[i])
            .collect();
        let mut listed = self.dimensions.clone();
        if self.mistake(20)? {
            listed.push(DIMENSIONS[4]);
        }
        let _ = writeln!(self.out, "dimensions: [{}]", listed.join(", "));
        if self.u.arbitrary()? {
            let overall = self.u.int_in_range(0..=100)?;
            let each = self.u.int_in_range(0..=100)?;
            let _ = writeln!(self.out, "pass: {{ overall: {overall}, each: {each} }}");
        }
        self.variables = self.u.int_in_range(0..=3)?;
        if self.variables > 0 {
            self.out.push_str("variables: {");
            for (v, name) in VARIABLES.iter().enumerate().take(self.variables) {
                let value: i64 = if self.one_in(30)? {
                    self.u.arbitrary()?
                } else {
                    self.u.int_in_range(-3..=3)?
                };
                let sep = if v == 0 { " " } else { ", " };
                let _ = write!(self.out, "{sep}{name}: {value}");
            }
            self.out.push_str(" }\n");
        }
        self.nodes = self.u.int_in_range(1..=16)?;
        let start = self.node_ref()?;
        let _ = writeln!(self.out, "start: {start}\nnodes:");
        for i in 0..self.nodes {
            self.node(i)?;
        }
        if self.u.arbitrary()? {
            self.out.push_str(
                "debrief:\n  key_points: [\"Never promise secrecy.\"]\n  reflection: [\"What next?\"]\n",
            );
        }
        Ok(())
    }

    /// A node id: `n0`..; rarely one that does not exist.
    fn node_ref(&mut self) -> Result<String> {
        if self.mistake(40)? {
            return Ok("nowhere".into());
        }
        Ok(format!("n{}", self.u.int_in_range(0..=self.nodes - 1)?))
    }

    fn node(&mut self, i: usize) -> Result<()> {
        // The last node is an ending more often than not, so most scenarios can finish.
        let kind = if i + 1 == self.nodes && !self.one_in(8)? {
            2
        } else {
            self.u.int_in_range(0..=2)?
        };
        let _ = writeln!(self.out, "  n{i}:");
        if self.u.arbitrary()? {
            let t = self.text()?;
            let _ = writeln!(self.out, "    narration: {t}");
        }
        match kind {
            0 => {
                if self.out.contains("characters:") && self.one_in(3)? {
                    let t = self.text()?;
                    let who = if self.mistake(20)? { "sam" } else { "dan" };
                    let _ = writeln!(self.out, "    say:\n      - {who}: {t}");
                }
                let count = self.u.int_in_range(1..=4)?;
                self.out.push_str("    choices:\n");
                for c in 0..count {
                    self.choice(c)?;
                }
            }
            1 => {
                self.out.push_str("    next:");
                self.next(6)?;
            }
            _ => {
                let outcome = *self.u.choose(&["positive", "mixed", "negative"])?;
                let t = self.text()?;
                let _ = writeln!(
                    self.out,
                    "    ending: {{ outcome: {outcome}, title: \"End\", text: {t} }}"
                );
            }
        }
        if self.mistake(30)? {
            // A second kind on the same node, or an unknown key.
            let extra = if self.u.arbitrary()? {
                "    ending: { outcome: mixed, title: T, text: T }\n"
            } else {
                "    colour: blue\n"
            };
            self.out.push_str(extra);
        }
        Ok(())
    }

    fn choice(&mut self, c: usize) -> Result<()> {
        let pad = "        ";
        let id = match self.u.int_in_range(0..=39)? {
            0..=24 => format!("c{c}"),
            25..=38 => String::new(),          // numbered automatically
            _ if self.mistakes => "c0".into(), // possibly a duplicate
            _ => format!("c{c}"),
        };
        let text = self.text()?;
        if id.is_empty() {
            let _ = writeln!(self.out, "      - text: {text}");
        } else {
            let _ = writeln!(self.out, "      - id: {id}\n{pad}text: {text}");
        }
        // Scores: each listed dimension, in -3..3 (rarely outside, or unlisted).
        let mut scores = Vec::new();
        for d in 0..self.dimensions.len() {
            if self.u.int_in_range(0..=3)? > 0 {
                let s: i64 = if self.mistake(40)? {
                    4
                } else {
                    self.u.int_in_range(-3..=3)?
                };
                scores.push(format!("{}: {s}", self.dimensions[d]));
            }
        }
        if self.mistake(40)? {
            scores.push("empathy: 1".into());
        }
        if !scores.is_empty() {
            let _ = writeln!(self.out, "{pad}scores: {{ {} }}", scores.join(", "));
        }
        if !self.one_in(10)? {
            let t = self.text()?;
            let _ = writeln!(self.out, "{pad}feedback: {t}");
        }
        if self.one_in(8)? {
            let t = self.text()?;
            let _ = writeln!(self.out, "{pad}critical: {t}");
        }
        if self.variables > 0 && self.one_in(3)? {
            let mut set = Vec::new();
            for name in VARIABLES.iter().take(self.variables) {
                if self.u.arbitrary()? {
                    let amount = self.u.int_in_range(-2..=2)?;
                    set.push(format!("{name}: {amount}"));
                }
            }
            if !set.is_empty() {
                let _ = writeln!(self.out, "{pad}set: {{ {} }}", set.join(", "));
            }
        }
        if self.one_in(3)? {
            let cond = self.condition(0)?;
            let _ = writeln!(self.out, "{pad}if: {}", quote(&cond));
        }
        self.out.push_str(pad);
        self.out.push_str("next:");
        self.next(10)
    }

    /// `next`: one node, or a list of branches (conditions on all but the last).
    fn next(&mut self, indent: usize) -> Result<()> {
        if self.u.int_in_range(0..=2)? > 0 {
            let to = self.node_ref()?;
            let _ = writeln!(self.out, " {to}");
            return Ok(());
        }
        let branches = self.u.int_in_range(1..=3)?;
        self.out.push('\n');
        for b in 0..branches {
            let pad = " ".repeat(indent);
            let to = self.node_ref()?;
            let last = b + 1 == branches;
            if !last || self.mistake(20)? {
                let cond = self.condition(0)?;
                let _ = writeln!(self.out, "{pad}- if: {}\n{pad}  to: {to}", quote(&cond));
            } else {
                let _ = writeln!(self.out, "{pad}- to: {to}");
            }
        }
        Ok(())
    }

    /// A condition over the declared variables and `score.<dimension>`; rarely a name that
    /// is not declared or text that does not parse.
    fn condition(&mut self, depth: usize) -> Result<String> {
        if depth >= 3 || self.u.int_in_range(0..=2)? > 0 {
            if self.mistake(40)? {
                return Ok("trust >=".into());
            }
            let name = if self.variables > 0 && self.u.arbitrary()? {
                let v = if self.mistake(30)? {
                    3
                } else {
                    self.u.int_in_range(0..=self.variables - 1)?
                };
                VARIABLES[v].to_string()
            } else if self.variables == 0 && self.mistake(30)? {
                VARIABLES[0].to_string()
            } else {
                let d = self.u.int_in_range(0..=self.dimensions.len() - 1)?;
                format!("score.{}", self.dimensions[d])
            };
            let op = *self.u.choose(&["==", "!=", "<", "<=", ">", ">="])?;
            let value = self.u.int_in_range(-4..=4)?;
            return Ok(format!("{name} {op} {value}"));
        }
        Ok(match self.u.int_in_range(0..=2)? {
            0 => format!("not {}", self.condition(depth + 1)?),
            1 => format!(
                "({} and {})",
                self.condition(depth + 1)?,
                self.condition(depth + 1)?
            ),
            _ => format!(
                "{} or {}",
                self.condition(depth + 1)?,
                self.condition(depth + 1)?
            ),
        })
    }
}

/// A YAML double-quoted scalar holding exactly `s`.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') => {
                let _ = write!(q, "\\u{:04X}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator is only useful if most of what it makes loads and plays: from
    /// pseudo-random bytes, count the scenarios that load and the play-throughs that finish.
    #[test]
    fn most_generated_scenarios_load() {
        let mut state = 1u64;
        let (mut made, mut loaded, mut finished) = (0, 0, 0);
        let mut codes = std::collections::BTreeMap::new();
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..600)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 33) as u8
                })
                .collect();
            let Some(input) = structured_input(&bytes) else {
                continue;
            };
            made += 1;
            let report = pipeline::run_bytes(&input, &VOCABULARY);
            loaded += usize::from(report.loaded);
            finished += usize::from(report.finished);
            for c in report.codes {
                *codes.entry(c.as_str()).or_insert(0) += 1;
            }
        }
        println!("made {made}, loaded {loaded}, finished {finished}; codes: {codes:?}");
        assert!(made > 480, "{made}");
        assert!(loaded * 2 > made, "only {loaded} of {made} loaded");
    }
}
