//! `scenario play`: play a scenario with given choices (`--choose a,b`) and print the
//! result, or interactively in the terminal for authors.

use crate::source::load_whole;
use crate::{Format, Outcome};
use scenario_core::model::{Node, NodeKind, Scenario};
use scenario_core::{score, ScoreResult, Session};
use serde_json::{json, Map, Value};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

/// The result as the JSON documented for `play --format json`.
pub fn result_json(result: &ScoreResult) -> Value {
    let mut dimensions = Map::new();
    for d in &result.dimensions {
        dimensions.insert(
            d.id.clone(),
            json!({"earned": d.earned, "possible": d.possible, "percent": d.percent}),
        );
    }
    json!({
        "scenario": result.scenario,
        "ending": result.ending,
        "outcome": result.outcome.map(|o| o.as_str()),
        "passed": result.passed,
        "overall": result.overall,
        "dimensions": dimensions,
        "critical": result.critical,
        "choices": result.choices,
    })
}

/// Runs `play`.
pub fn run(file: &Path, choose: Option<&str>, format: Format) -> Outcome {
    let Some(scenario) = &load_whole(file, "played")? else {
        return Ok(ExitCode::from(1));
    };
    let session = match choose {
        Some(list) => {
            let choices: Vec<String> = list
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            match Session::play_to_end(scenario, &choices) {
                Ok(session) => session,
                Err(err) => {
                    eprintln!("error: {err}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        None => match interactive(scenario)? {
            Some(session) => session,
            None => {
                eprintln!("error: input ended before the scenario did");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let result = score(scenario, &session);
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&result_json(&result))?),
        Format::Text => print!("{}", summary(scenario, &result)),
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(scenario: &Scenario, result: &ScoreResult) -> String {
    let mut out = String::new();
    let ending = result
        .ending
        .as_deref()
        .and_then(|id| scenario.node_index(id))
        .map(|i| &scenario.nodes[i]);
    if let Some(Node {
        kind: NodeKind::Ending(e),
        ..
    }) = ending
    {
        out.push_str(&format!("Ending: {} ({})\n", e.title, e.outcome.as_str()));
    }
    out.push_str(if result.passed {
        "Passed\n"
    } else {
        "Not passed\n"
    });
    for reason in &result.critical {
        out.push_str(&format!("Red line crossed: {reason}\n"));
    }
    let pct = |p: Option<i64>| p.map_or("not assessed".to_string(), |p| format!("{p}%"));
    out.push_str(&format!("Overall: {}\n", pct(result.overall)));
    for d in &result.dimensions {
        out.push_str(&format!(
            "  {:<36} {:>12}  ({}/{})\n",
            d.label,
            pct(d.percent),
            d.earned,
            d.possible
        ));
    }
    out.push_str(&format!("Choices: {}\n", result.choices.join(",")));
    out
}

fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Plays in the terminal: numbered choices, feedback after each. `None` when input ends.
fn interactive(scenario: &Scenario) -> anyhow::Result<Option<Session>> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = std::io::stdout();
    let mut session = Session::new(scenario, 0);
    writeln!(out, "{}\n{}\n", scenario.title, scenario.setting)?;
    loop {
        let node = session.current(scenario);
        if let Some(n) = &node.narration {
            writeln!(out, "{}\n", paragraphs(n))?;
        }
        for line in &node.say {
            let name = scenario
                .character(&line.character)
                .map_or(line.character.as_str(), |c| c.name.as_str());
            writeln!(out, "{name}: {}", line.text)?;
        }
        match &node.kind {
            NodeKind::Ending(e) => {
                writeln!(out, "\n== {} ==\n{}\n", e.title, paragraphs(&e.text))?;
                return Ok(Some(session));
            }
            NodeKind::Passage(_) => {
                writeln!(out, "\n[press Enter to continue]")?;
                out.flush()?;
                if lines.next().transpose()?.is_none() {
                    return Ok(None);
                }
                session.proceed(scenario)?;
            }
            NodeKind::Decision(_) => {
                let offered = session.offered(scenario);
                writeln!(out)?;
                for (i, c) in offered.iter().enumerate() {
                    writeln!(out, "  {}. {}", i + 1, c.text)?;
                }
                let picked = loop {
                    write!(out, "> ")?;
                    out.flush()?;
                    let Some(line) = lines.next().transpose()? else {
                        return Ok(None);
                    };
                    match line.trim().parse::<usize>() {
                        Ok(n) if (1..=offered.len()).contains(&n) => {
                            break offered[n - 1].id.clone()
                        }
                        _ => writeln!(out, "Type a number from 1 to {}.", offered.len())?,
                    }
                };
                let chosen = session.choose(scenario, &picked)?;
                if let Some(reason) = &chosen.critical {
                    writeln!(out, "\n!! Red line: {reason}")?;
                }
                if let Some(feedback) = &chosen.feedback {
                    writeln!(out, "\nFeedback: {feedback}\n")?;
                }
            }
        }
    }
}
