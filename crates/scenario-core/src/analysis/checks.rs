//! What the checker says about paths and content: traps, decisions with no choice offered,
//! unreachable nodes and endings, thin decisions, dead choices, passing playthroughs that
//! end badly (`passing-negative-ending`), and the static warnings (missing feedback,
//! unscored dimensions, decisions whose choices all score the same).

use super::graph::{node_level, Offered, StateGraph, MOVE_BUDGET, STATE_BUDGET};
use super::passing::{passing_negative_in, PassingNegative, CHECK_ACCUMULATOR_BUDGET};
use crate::model::{NodeKind, Scenario};
use crate::text::diagnostic::{Code, Diagnostic};

/// Everything the checker says about paths and content: traps, decisions with no choice
/// offered, unreachable nodes and endings, thin decisions, dead choices, missing feedback,
/// unscored dimensions, decisions whose choices all score the same.
pub fn check(scenario: &Scenario) -> Vec<Diagnostic> {
    check_with_budget(scenario, STATE_BUDGET)
}

/// [`check`] with an explicit state budget (for tests and benchmarks).
pub fn check_with_budget(scenario: &Scenario, budget: usize) -> Vec<Diagnostic> {
    let (mut out, graph) = check_paths(scenario, budget);
    // Past a budget or with a cycle the search gives up and says nothing (documented with
    // the warning in docs/scenario-format.md).
    if let Ok(found) = passing_negative_in(scenario, &graph, CHECK_ACCUMULATOR_BUDGET) {
        out.extend(found.iter().map(|f| passing_negative_warning(scenario, f)));
    }
    out
}

/// Everything [`check`] reports but `passing-negative-ending`, and the state graph explored.
fn check_paths(scenario: &Scenario, budget: usize) -> (Vec<Diagnostic>, StateGraph) {
    let mut out = Vec::new();
    static_warnings(scenario, &mut out);

    let graph = StateGraph::explore(scenario, budget);
    let n = scenario.nodes.len();
    let mut reached = vec![false; n];
    let mut trap = vec![false; n];
    let mut no_choice = vec![false; n];
    let mut one_choice = vec![false; n];
    let mut offered_somewhere: Vec<Vec<bool>> = scenario
        .nodes
        .iter()
        .map(|node| match &node.kind {
            NodeKind::Decision(c) => vec![false; c.len()],
            _ => Vec::new(),
        })
        .collect();
    let can_finish = graph.can_finish(scenario);
    let mut offered_here = Offered::new(scenario);
    let mut offered = Vec::new();
    for (s, state) in graph.states.iter().enumerate() {
        let node = state.node;
        reached[node] = true;
        if s >= graph.expanded {
            continue; // found, not looked at: the moves budget ran out
        }
        if let NodeKind::Decision(_) = &scenario.nodes[node].kind {
            offered_here.of(&graph, s, &mut offered);
            for &c in &offered {
                offered_somewhere[node][c] = true;
            }
            match offered.len() {
                0 => no_choice[node] = true,
                1 => one_choice[node] = true,
                _ => {}
            }
        }
        if !graph.truncated && !can_finish[s] {
            trap[node] = true;
        }
    }

    if graph.truncated {
        out.push(
            Diagnostic::warning(
                Code::AnalysisBudget,
                scenario.nodes[scenario.start].span,
                if graph.expanded < graph.states.len() {
                    format!(
                        "the checker followed {MOVE_BUDGET} moves (choices and passages, from {} \
                         states of node + variable values) and stopped: paths past that were \
                         judged ignoring conditions",
                        graph.expanded
                    )
                } else {
                    format!(
                        "the checker explored {budget} states (node + variable values) and stopped: \
                         paths past that were judged ignoring conditions"
                    )
                },
            )
            .with_hint("variables that grow without limit in a loop make the states endless; bound them with a condition"),
        );
        let (reach, finish) = node_level(scenario);
        for i in 0..n {
            trap[i] = reached[i] && !finish[i];
            reached[i] = reach[i];
        }
    }

    for (i, node) in scenario.nodes.iter().enumerate() {
        let is_ending = matches!(node.kind, NodeKind::Ending(_));
        if !reached[i] {
            let (code, what) = if is_ending {
                (Code::UnreachableEnding, "ending")
            } else {
                (Code::UnreachableNode, "node")
            };
            out.push(
                Diagnostic::warning(
                    code,
                    node.span,
                    format!("no path reaches the {what} `{}`", node.id),
                )
                .with_hint("link to it from a choice or passage, or remove it"),
            );
            continue;
        }
        if no_choice[i] {
            out.push(
                Diagnostic::error(
                    Code::NoChoiceOffered,
                    node.span,
                    format!(
                        "on some path no choice of `{}` is offered: every `if` is false there",
                        node.id
                    ),
                )
                .with_hint("add a choice without `if`, or loosen the conditions"),
            );
        } else if trap[i] {
            out.push(
                Diagnostic::error(
                    Code::Trap,
                    node.span,
                    format!(
                        "`{}` is a trap: from here, on some path, no ending can be reached",
                        node.id
                    ),
                )
                .with_hint("make sure every route out of here leads on to an ending"),
            );
        }
        if let NodeKind::Decision(choices) = &node.kind {
            if one_choice[i] && choices.len() >= 2 {
                out.push(
                    Diagnostic::warning(
                        Code::FewChoices,
                        node.span,
                        format!("on some path `{}` offers only one choice", node.id),
                    )
                    .with_hint("a decision should offer at least two responses on every path"),
                );
            }
            if !graph.truncated {
                for (c, choice) in choices.iter().enumerate() {
                    if !offered_somewhere[i][c] {
                        out.push(
                            Diagnostic::warning(
                                Code::DeadChoice,
                                choice.span,
                                format!("choice `{}` of `{}` is never offered: its `if` is false on every path", choice.id, node.id),
                            )
                            .with_hint("check the condition against the variables' values on the paths here"),
                        );
                    }
                }
            }
        }
    }
    (out, graph)
}

/// The `passing-negative-ending` warning, with the example route as choice ids and as the
/// `scenario play --choose` argument that replays it.
fn passing_negative_warning(scenario: &Scenario, found: &PassingNegative) -> Diagnostic {
    let node = &scenario.nodes[found.ending];
    let ids = found.choice_ids(scenario);
    let steps: Vec<String> = found
        .route
        .iter()
        .zip(&ids)
        .map(|(&(decision, _), id)| format!("`{id}` at `{}`", scenario.nodes[decision].id))
        .collect();
    let score = match found.overall {
        Some(o) => format!("{o}% overall"),
        None => "nothing assessed".to_owned(),
    };
    let (example, replay) = if ids.is_empty() {
        // Only passages lead here: nothing is assessed and no red line can be crossed.
        (
            "a route with no decision on it passes".to_owned(),
            String::new(),
        )
    } else {
        (
            format!(
                "for example choosing {} passes ({score}, no red line crossed)",
                steps.join(", ")
            ),
            format!(
                " (replay it with `scenario play --choose {}`)",
                ids.join(",")
            ),
        )
    };
    Diagnostic::warning(
        Code::PassingNegativeEnding,
        node.span,
        format!(
            "a playthrough that passes ends at the negative ending `{}`",
            node.id
        ),
    )
    .with_hint(format!(
        "{example}; mark the choice that leads here `critical`, score that route lower, or \
         make the ending `mixed`{replay}"
    ))
}

fn static_warnings(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut scored = vec![false; scenario.dimensions.len()];
    for node in &scenario.nodes {
        let NodeKind::Decision(choices) = &node.kind else {
            continue;
        };
        if choices.len() < 2 {
            out.push(
                Diagnostic::warning(
                    Code::FewChoices,
                    node.span,
                    format!(
                        "`{}` offers {} choice(s): a decision needs at least two",
                        node.id,
                        choices.len()
                    ),
                )
                .with_hint("add another response, or make the node a passage with `next`"),
            );
        }
        for choice in choices {
            if choice.feedback.is_none() {
                out.push(
                    Diagnostic::warning(
                        Code::NoFeedback,
                        choice.span,
                        format!("choice `{}` of `{}` has no `feedback`", choice.id, node.id),
                    )
                    .with_hint("say in one or two sentences why this response is strong or weak"),
                );
            }
            for (d, s) in choice.scores.iter().enumerate() {
                scored[d] |= *s != 0;
            }
        }
        if choices.len() >= 2 && choices.windows(2).all(|w| w[0].scores == w[1].scores) {
            out.push(
                Diagnostic::warning(
                    Code::SameScores,
                    node.span,
                    format!(
                        "every choice of `{}` scores the same on every dimension",
                        node.id
                    ),
                )
                .with_hint("score the responses differently, or the decision teaches nothing"),
            );
        }
    }
    for (d, dim) in scenario.dimensions.iter().enumerate() {
        if !scored[d] {
            out.push(
                Diagnostic::warning(
                    Code::UnscoredDimension,
                    scenario.dimension_spans.get(d).copied().unwrap_or_default(),
                    format!("dimension `{}` is listed but no choice scores it", dim.id),
                )
                .with_hint("score it on some choices, or remove it from `dimensions`"),
            );
        }
    }
}
