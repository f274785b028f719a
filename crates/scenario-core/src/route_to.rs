//! Routes from the start to a node, for trainers who "jump" to a moment: a jump is a replay
//! of real choices (found breadth first over the exact [`StateGraph`]), so the session that
//! arrives there has the slots, trail and decisions a learner could really have had.

use crate::analysis::{StateGraph, STATE_BUDGET};
use crate::model::{NodeKind, Scenario};
use crate::session::Session;
use std::collections::VecDeque;

/// For every node (by index), the shortest list of choice ids that leads from the start to
/// it, passages being continued through; `None` when it cannot be reached (or not within
/// the analysis budget).
pub fn paths_from_start(scenario: &Scenario) -> Vec<Option<Vec<String>>> {
    let graph = StateGraph::explore(scenario, STATE_BUDGET);
    // Breadth first over states, remembering how each was first reached.
    let mut parent: Vec<Option<(usize, Option<usize>)>> = vec![None; graph.states.len()];
    let mut seen = vec![false; graph.states.len()];
    let mut found: Vec<Option<usize>> = vec![None; scenario.nodes.len()];
    let mut queue = VecDeque::from([0usize]);
    seen[0] = true;
    while let Some(state) = queue.pop_front() {
        let node = graph.states[state].node;
        if found[node].is_none() {
            found[node] = Some(state);
        }
        for edge in &graph.edges[state] {
            if !seen[edge.to] {
                seen[edge.to] = true;
                parent[edge.to] = Some((state, edge.choice));
                queue.push_back(edge.to);
            }
        }
    }
    found
        .into_iter()
        .map(|state| {
            let mut state = state?;
            let mut choices = Vec::new();
            while let Some((from, choice)) = parent[state] {
                if let Some(index) = choice {
                    let NodeKind::Decision(options) = &scenario.nodes[graph.states[from].node].kind
                    else {
                        return None;
                    };
                    choices.push(options.get(index)?.id.clone());
                }
                state = from;
            }
            choices.reverse();
            Some(choices)
        })
        .collect()
}

/// The shortest list of choice ids from the start to the node with id `node`.
pub fn path_to(scenario: &Scenario, node: &str) -> Option<Vec<String>> {
    let index = scenario.node_index(node)?;
    paths_from_start(scenario).swap_remove(index)
}

/// A fresh session (with `seed`) played along [`path_to`] and stopped *at* `node`, even
/// when it is a passage (a plain replay would continue through it).
pub fn session_at(scenario: &Scenario, seed: u64, node: &str) -> Option<Session> {
    let path = path_to(scenario, node)?;
    let mut session = Session::new(scenario, seed);
    let mut choices = path.iter();
    // Each step moves one node; a route never needs more steps than the graph has states.
    for _ in 0..=scenario.nodes.len() + path.len() {
        if session.node == node {
            return Some(session);
        }
        match &session.current(scenario).kind {
            NodeKind::Passage(_) => session.proceed(scenario).ok()?,
            NodeKind::Decision(_) => {
                session.choose(scenario, choices.next()?).ok()?;
            }
            NodeKind::Ending(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_scenario, load_vocabulary};

    const DIMENSIONS: &str =
        "format: 1\ndimensions:\n  b: { label: B }\ntopics:\n  t: { label: T }\n";

    /// `late` is reachable only through `warm` then `ask`, because of a condition; `island`
    /// is never reached; `pause` is a passage.
    const SCENARIO: &str = r#"format: 1
id: routes
title: "Routes"
summary: "Routes."
setting: "A room."
audiences: [induction]
topics: [t]
characters:
  dan: { name: Dan }
dimensions: [b]
variables: { rapport: 0 }
start: open
nodes:
  open:
    narration: "Hello."
    choices:
      - id: cold
        text: "Cold."
        scores: { b: 0 }
        feedback: "Cold."
        next: pause
      - id: warm
        text: "Warm."
        scores: { b: 2 }
        set: { rapport: 1 }
        feedback: "Warm."
        next: pause
  pause:
    narration: "A pause."
    next: ask
  ask:
    say:
      - dan: "Well?"
    choices:
      - id: end-now
        text: "Bye."
        scores: { b: 0 }
        feedback: "Bye."
        next: done
      - id: go-on
        text: "Go on."
        scores: { b: 2 }
        feedback: "Go on."
        next:
          - if: "rapport >= 1"
            to: late
          - to: done
  late:
    narration: "Later."
    choices:
      - id: finish
        text: "Finish."
        scores: { b: 1 }
        feedback: "Finish."
        next: done
      - id: finish-badly
        text: "Finish badly."
        scores: { b: 0 }
        feedback: "Badly."
        next: done
  done:
    ending: { outcome: positive, title: "Done", text: "Done." }
  island:
    ending: { outcome: negative, title: "Island", text: "Never reached." }
"#;

    fn scenario() -> Scenario {
        let vocabulary = load_vocabulary(DIMENSIONS).value.expect("vocabulary loads");
        let loaded = load_scenario(SCENARIO, "routes", &vocabulary);
        loaded.value.unwrap_or_else(|| {
            let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
            panic!("test scenario loads: {errors:#?}")
        })
    }

    fn route(ids: &[&str]) -> Option<Vec<String>> {
        Some(ids.iter().map(|id| (*id).to_owned()).collect())
    }

    #[test]
    fn finds_the_shortest_route_that_really_gets_there() {
        let s = scenario();
        assert_eq!(path_to(&s, "open"), route(&[]));
        assert_eq!(path_to(&s, "pause"), route(&["cold"]));
        assert_eq!(path_to(&s, "ask"), route(&["cold"]));
        // Only warmth opens the way to `late`.
        assert_eq!(path_to(&s, "late"), route(&["warm", "go-on"]));
        assert_eq!(path_to(&s, "done"), route(&["cold", "end-now"]));
        assert_eq!(path_to(&s, "island"), None, "unreachable");
        assert_eq!(path_to(&s, "nowhere"), None, "no such node");
        let all = paths_from_start(&s);
        assert_eq!(all.len(), s.nodes.len());
        assert_eq!(all.iter().filter(|p| p.is_some()).count(), 5);
    }

    #[test]
    fn a_session_stops_at_the_node_itself_passages_included() {
        let s = scenario();
        let at = |node: &str| session_at(&s, 42, node).expect("reachable");
        let pause = at("pause");
        assert_eq!(pause.node, "pause", "stopped at the passage, not past it");
        assert_eq!(pause.trail, vec!["open", "pause"]);
        assert_eq!(pause.seed, 42);

        let late = at("late");
        assert_eq!(late.node, "late");
        assert_eq!(late.trail, vec!["open", "pause", "ask", "late"]);
        let taken: Vec<&str> = late.taken.iter().map(|t| t.choice.as_str()).collect();
        assert_eq!(taken, vec!["warm", "go-on"]);
        assert_eq!(
            late.slots,
            vec![1, 4],
            "rapport and the running sum, as if played"
        );

        assert_eq!(at("open"), Session::new(&s, 42));
        assert!(at("done").is_finished(&s));
        assert_eq!(session_at(&s, 1, "island"), None);
    }
}
