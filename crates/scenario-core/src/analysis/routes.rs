//! Finding the trainer's routes ([`Routes::of`]): the shortest real route of choices to every
//! node, breadth first over the exact state graph, stored as a tree of choices that routes
//! share. `scenario pack` finds them; the app replays them ([`crate::play::routes`]).

use super::graph::{StateGraph, STATE_BUDGET};
use crate::model::Scenario;
use crate::play::routes::Routes;
use std::collections::VecDeque;

impl Routes {
    /// Finds the shortest route to every node of `scenario`.
    pub fn of(scenario: &Scenario) -> Routes {
        let graph = StateGraph::explore(scenario, STATE_BUDGET);
        // Breadth first over states, remembering how each was first reached.
        let mut parent: Vec<Option<(usize, Option<usize>)>> = vec![None; graph.states.len()];
        let mut seen = vec![false; graph.states.len()];
        let mut order = Vec::new();
        let mut found: Vec<Option<usize>> = vec![None; scenario.nodes.len()];
        let mut queue = VecDeque::from([0usize]);
        seen[0] = true;
        while let Some(state) = queue.pop_front() {
            order.push(state);
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
        // Keep only the states some node's route passes through.
        let mut needed = vec![false; graph.states.len()];
        for &state in found.iter().flatten() {
            let mut state = state;
            while !needed[state] {
                needed[state] = true;
                match parent[state] {
                    Some((from, _)) => state = from,
                    None => break,
                }
            }
        }
        // Number them in the order they were reached, so an earlier route always comes first.
        let mut route_of: Vec<usize> = vec![0; graph.states.len()];
        let mut steps = Vec::new();
        for &state in order.iter().filter(|&&s| needed[s]) {
            route_of[state] = match parent[state] {
                None => 0,
                Some((from, None)) => route_of[from],
                Some((from, Some(choice))) => {
                    steps.push((route_of[from], choice));
                    steps.len()
                }
            };
        }
        let ends = found.iter().map(|s| s.map(|s| route_of[s])).collect();
        Routes { steps, ends }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::routes::{path_to, session_at, MAX_ROUTE_MOVES};
    use crate::play::session::Session;
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
    fn a_route_replays_as_many_moves_as_the_exploration_visits_states() {
        assert_eq!(MAX_ROUTE_MOVES, STATE_BUDGET);
    }

    #[test]
    fn finds_the_shortest_route_that_really_gets_there() {
        let s = scenario();
        let r = Routes::of(&s);
        assert_eq!(path_to(&s, &r, "open"), route(&[]));
        assert_eq!(path_to(&s, &r, "pause"), route(&["cold"]));
        assert_eq!(path_to(&s, &r, "ask"), route(&["cold"]));
        // Only warmth opens the way to `late`.
        assert_eq!(path_to(&s, &r, "late"), route(&["warm", "go-on"]));
        assert_eq!(path_to(&s, &r, "done"), route(&["cold", "end-now"]));
        assert_eq!(path_to(&s, &r, "island"), None, "unreachable");
        assert_eq!(path_to(&s, &r, "nowhere"), None, "no such node");
        assert_eq!(r.ends.len(), s.nodes.len());
        let reached: Vec<&str> = (0..s.nodes.len())
            .filter(|&i| r.reaches(i))
            .map(|i| s.nodes[i].id.as_str())
            .collect();
        assert_eq!(reached, ["open", "pause", "ask", "late", "done"]);
        // The routes share their beginnings: cold, warm, cold+end-now, warm+go-on.
        assert_eq!(r.steps.len(), 4);
        assert_eq!(r.check(s.nodes.len()), Ok(()));
    }

    #[test]
    fn a_session_stops_at_the_node_itself_passages_included() {
        let s = scenario();
        let r = Routes::of(&s);
        let at = |node: &str| session_at(&s, &r, 42, node).expect("reachable");
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
        assert_eq!(session_at(&s, &r, 1, "island"), None);
    }

    /// Found by the structured fuzzer (2026-11-26): a route that goes round the same
    /// passages several times, with other slot values each time, is longer than the
    /// scenario has nodes. The replay used to give up after about that many moves, so the
    /// trainer's jump said "no route leads to `late`".
    #[test]
    fn a_route_may_pass_the_same_passages_many_times() {
        const LOOP: &str = r#"format: 1
id: loop
title: "Loop"
summary: "Loop."
setting: "A room."
audiences: [induction]
topics: [t]
characters:
  dan: { name: Dan }
dimensions: [b]
variables: { trust: 0 }
start: ask
nodes:
  ask:
    narration: "Again?"
    choices:
      - id: again
        text: "Again."
        scores: { b: 1 }
        feedback: "Again."
        set: { trust: 1 }
        next: one
      - id: stop
        text: "Stop."
        scores: { b: 0 }
        feedback: "Stop."
        next: done
  one:
    narration: "One."
    next: two
  two:
    narration: "Two."
    next: three
  three:
    narration: "Three."
    next:
      - if: "trust >= 5"
        to: late
      - to: ask
  late:
    ending: { outcome: positive, title: "Late", text: "Late." }
  done:
    ending: { outcome: negative, title: "Done", text: "Done." }
"#;
        let vocabulary = load_vocabulary(DIMENSIONS).value.expect("vocabulary loads");
        let s = load_scenario(LOOP, "loop", &vocabulary)
            .value
            .expect("the loop scenario loads");
        let r = Routes::of(&s);
        // Five rounds of four moves: 21 nodes on the way, and the scenario has 6.
        let late = session_at(&s, &r, 1, "late").expect("the route to `late` replays");
        assert_eq!(late.trail.len(), 21);
        assert_eq!(late.slots[0], 5, "trust");
        assert_eq!(path_to(&s, &r, "late"), route(&["again"; 5]));
    }

    /// Routes arrive in packs, which travel like any file: a damaged tree is refused by
    /// `check`, and a route that is not one a learner could take replays to `None`.
    #[test]
    fn a_damaged_tree_is_refused_or_leads_nowhere() {
        let s = scenario();
        let good = Routes::of(&s);
        let nodes = s.nodes.len();
        let mut short = good.clone();
        short.ends.pop();
        assert!(short.check(nodes).unwrap_err().contains("name 5 nodes"));
        let mut forward = good.clone();
        forward.steps[0].0 = 3;
        assert!(forward
            .check(nodes)
            .unwrap_err()
            .contains("before the route it extends"));
        let mut beyond = good.clone();
        beyond.ends[0] = Some(99);
        assert!(beyond.check(nodes).unwrap_err().contains("is 99"));

        // Well formed, but the route to `late` now takes a choice that does not exist, or
        // ends at `done` instead: both are refused on replay, never a wrong session.
        let late = s.node_index("late").expect("late");
        let mut absent = good.clone();
        let last = absent.ends[late].expect("reached") - 1;
        absent.steps[last].1 = 7;
        assert_eq!(absent.check(nodes), Ok(()));
        assert_eq!(session_at(&s, &absent, 1, "late"), None);
        let mut wrong = good.clone();
        wrong.ends[late] = wrong.ends[s.node_index("done").expect("done")];
        assert_eq!(session_at(&s, &wrong, 1, "late"), None);
        // A step that extends itself is refused on replay too, rather than looping.
        let mut cycle = good.clone();
        cycle.steps[last].0 = last + 1;
        assert!(cycle.check(nodes).is_err());
        assert_eq!(session_at(&s, &cycle, 1, "late"), None);
    }
}
