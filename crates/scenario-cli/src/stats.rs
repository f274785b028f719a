//! `scenario stats`: counts, playthroughs and the score range a scenario's paths can reach.

use crate::source::load_whole;
use crate::{Format, Outcome};
use scenario_core::analysis::stats::{stats, Count, Range, Stats};
use scenario_core::analysis::RangeLimit;
use scenario_core::Scenario;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// One value of the `stats` JSON: a count larger than u64 is written out digit by digit as
/// a JSON number. (A `serde_json::Value` cannot hold one: converting it to `Value` read it
/// as an f64, which rounded it, or failed with "number out of range" past 1e308.)
#[derive(Serialize)]
#[serde(untagged)]
pub enum Field {
    Value(Value),
    Number(Box<RawValue>),
}

impl From<Value> for Field {
    fn from(value: Value) -> Self {
        Field::Value(value)
    }
}

fn count_json(count: &Count) -> anyhow::Result<Field> {
    Ok(match count {
        Count::Unbounded => json!("unbounded").into(),
        Count::Exact(n) => match n.to_u64() {
            Some(v) => json!(v).into(),
            None => Field::Number(RawValue::from_string(n.to_string())?),
        },
    })
}

fn range_json(r: &Range) -> Value {
    json!({"min": r.min, "max": r.max})
}

fn limit_note(limit: RangeLimit) -> &'static str {
    match limit {
        RangeLimit::Cycle => "a cycle lets scores keep changing: score ranges are not computed",
        RangeLimit::Budget => "too many distinct score combinations: score ranges are not computed",
        RangeLimit::States => {
            "the state graph is past the checker's budget: score ranges are not computed"
        }
    }
}

/// The JSON documented for `stats --format json`, keys in alphabetical order.
pub fn stats_json(scenario: &Scenario, s: &Stats) -> anyhow::Result<BTreeMap<&'static str, Field>> {
    let mut out = BTreeMap::new();
    out.insert("nodes", json!(s.nodes).into());
    out.insert("decisions", json!(s.decisions).into());
    out.insert("passages", json!(s.passages).into());
    out.insert("endings", json!(s.endings).into());
    out.insert("paths", count_json(&s.paths)?);
    out.insert("shortest", json!(s.shortest).into());
    out.insert(
        "longest",
        match &s.longest {
            Some(c) => count_json(c)?,
            None => Value::Null.into(),
        },
    );
    let mut dims = Map::new();
    match &s.scores {
        Ok(r) => {
            for (label, range) in scenario.dimensions.iter().zip(&r.dimensions) {
                dims.insert(label.id.clone(), range_json(range));
            }
            out.insert("dimensions", Value::Object(dims).into());
            out.insert("overall", range_json(&r.overall).into());
            out.insert("can_pass", json!(r.can_pass).into());
            out.insert("can_fail", json!(r.can_fail).into());
        }
        Err(limit) => {
            for label in &scenario.dimensions {
                dims.insert(label.id.clone(), range_json(&Range::default()));
            }
            out.insert("dimensions", Value::Object(dims).into());
            out.insert("overall", range_json(&Range::default()).into());
            out.insert("can_pass", Value::Null.into());
            out.insert("can_fail", Value::Null.into());
            out.insert("note", json!(limit_note(*limit)).into());
        }
    }
    out.insert("red_line_choices", json!(s.red_line_choices).into());
    out.insert(
        "red_line_on_passing",
        match s.red_line_on_passing {
            Ok(found) => json!(found),
            Err(_) => Value::Null,
        }
        .into(),
    );
    Ok(out)
}

fn text(scenario: &Scenario, s: &Stats) -> String {
    let count = |c: &Count| match c {
        Count::Unbounded => "unbounded".to_string(),
        Count::Exact(n) => n.to_string(),
    };
    let range = |r: &Range| match (r.min, r.max) {
        (Some(a), Some(b)) => format!("{a}% – {b}%"),
        _ => "not assessed".to_string(),
    };
    let mut out = format!(
        "{}\n  nodes {} (decisions {}, passages {}, endings {})\n  playthroughs {}\n  decisions per playthrough {} – {}\n",
        scenario.title,
        s.nodes,
        s.decisions,
        s.passages,
        s.endings,
        count(&s.paths),
        s.shortest.map_or("-".into(), |v| v.to_string()),
        s.longest.as_ref().map_or("-".into(), count),
    );
    match &s.scores {
        Ok(r) => {
            for (label, dr) in scenario.dimensions.iter().zip(&r.dimensions) {
                out.push_str(&format!("  {:<36} {}\n", label.label, range(dr)));
            }
            out.push_str(&format!("  {:<36} {}\n", "Overall", range(&r.overall)));
            out.push_str(&format!(
                "  some playthrough passes: {}\n",
                if r.can_pass { "yes" } else { "no" }
            ));
            out.push_str(&format!(
                "  some playthrough fails: {}\n",
                if r.can_fail { "yes" } else { "no" }
            ));
        }
        Err(limit) => out.push_str(&format!("  {}\n", limit_note(*limit))),
    }
    out.push_str(&format!(
        "  choices that cross a red line: {}; on a passing playthrough: {}\n",
        s.red_line_choices,
        match s.red_line_on_passing {
            Ok(true) => "yes",
            Ok(false) => "no",
            Err(_) => "not worked out",
        }
    ));
    out
}

/// Runs `stats`.
pub fn run(file: &Path, format: Format) -> Outcome {
    let Some(scenario) = &load_whole(file, "summarised")? else {
        return Ok(ExitCode::from(1));
    };
    let s = stats(scenario);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&stats_json(scenario, &s)?)?
        ),
        Format::Text => print!("{}", text(scenario, &s)),
    }
    Ok(ExitCode::SUCCESS)
}
