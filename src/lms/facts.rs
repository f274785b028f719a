//! What a decision and an ending mean, read off the scenario, the session and the core's
//! [`scenario_core::score`]: the facts both standards record, each in its own words. No
//! score is computed here; the one rule of our own is the interaction's [`Judgement`].

use scenario_core::model::{Choice, Node, NodeKind, Outcome};
use scenario_core::{Scenario, ScoreResult, Session};

/// How a choice compares with the others offered with it (SCORM's interaction `result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// A strongest choice offered (the debrief's "strongest": highest total score among
    /// the offered choices that cross no red line).
    Strongest,
    /// Neither strongest nor weakest.
    Neutral,
    /// It crosses a red line, or has the lowest total score offered.
    Weak,
}

/// One decision the learner took, with what the LMS and LRS are told about it.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    /// 1-based number within the attempt.
    pub number: usize,
    /// The interaction id: the node's id, `<node>-2` the second time the node is reached.
    pub interaction: String,
    /// The decision node.
    pub node: &'a Node,
    /// The choice taken.
    pub chosen: &'a Choice,
    /// The choices offered, in the order this learner saw them.
    pub shown: Vec<&'a Choice>,
    /// Strongest, neutral or weak.
    pub judgement: Judgement,
}

/// The decision at `index` of `session.taken` (choices shown in the order of `shuffle`).
pub fn decision<'a>(
    scenario: &'a Scenario,
    session: &Session,
    result: &ScoreResult,
    index: usize,
    shuffle: bool,
) -> Option<Decision<'a>> {
    let taken = session.taken.get(index)?;
    let node = &scenario.nodes[scenario.node_index(&taken.node)?];
    let NodeKind::Decision(choices) = &node.kind else {
        return None;
    };
    let find = |id: &str| choices.iter().find(|c| c.id == id);
    let chosen = find(&taken.choice)?;
    let offered: Vec<&Choice> = taken.offered.iter().filter_map(|id| find(id)).collect();
    // The order on screen: the session as it stood at that decision, replayed.
    let shown = session
        .restart_before(scenario, index)
        .ok()
        .filter(|before| before.node == taken.node)
        .map(|before| before.display_order(scenario, shuffle))
        .unwrap_or_else(|| offered.clone());
    let total = |c: &Choice| c.scores.iter().sum::<i64>();
    let lowest = offered.iter().map(|c| total(c)).min().unwrap_or(0);
    let was_best = result
        .decisions
        .get(index)
        .is_some_and(|review| review.node == taken.node && review.was_best);
    let judgement = if chosen.critical.is_some() {
        Judgement::Weak
    } else if was_best {
        Judgement::Strongest
    } else if total(chosen) == lowest {
        Judgement::Weak
    } else {
        Judgement::Neutral
    };
    let visits = session.taken[..=index]
        .iter()
        .filter(|t| t.node == taken.node)
        .count();
    let interaction = if visits > 1 {
        format!("{}-{visits}", taken.node)
    } else {
        taken.node.clone()
    };
    Some(Decision {
        number: index + 1,
        interaction,
        node,
        chosen,
        shown,
        judgement,
    })
}

/// What the learner read at a decision, as one line of plain text of at most `max`
/// characters: the narration, else the last spoken line.
pub fn prompt(node: &Node, max: usize) -> String {
    let text = node
        .narration
        .as_deref()
        .or_else(|| node.say.last().map(|line| line.text.as_str()))
        .unwrap_or(&node.id);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// The ending reached and how the attempt did.
#[derive(Debug, Clone)]
pub struct Ending<'a> {
    /// The ending's node id.
    pub node: &'a str,
    /// Its outcome.
    pub outcome: Outcome,
    /// The red-line acts crossed on the attempt, each once, in the order crossed.
    pub red_lines: Vec<&'a str>,
}

/// The ending of a finished session (`None` before the ending).
pub fn ending<'a>(scenario: &'a Scenario, session: &Session) -> Option<Ending<'a>> {
    let node = session.current(scenario);
    let NodeKind::Ending(end) = &node.kind else {
        return None;
    };
    let mut red_lines: Vec<&str> = Vec::new();
    for taken in &session.taken {
        let Some(NodeKind::Decision(choices)) = scenario
            .node_index(&taken.node)
            .map(|i| &scenario.nodes[i].kind)
        else {
            continue;
        };
        for act in choices
            .iter()
            .filter(|c| c.id == taken.choice)
            .flat_map(|c| &c.red_lines)
        {
            if !red_lines.contains(&act.as_str()) {
                red_lines.push(act);
            }
        }
    }
    Some(Ending {
        node: &node.id,
        outcome: end.outcome,
        red_lines,
    })
}

/// `percent / 100` as a decimal (`97` → `0.97`, `100` → `1`, `5` → `0.05`), without floats.
pub fn scaled(percent: i64) -> String {
    let p = percent.clamp(0, 100);
    match p {
        100 => "1".to_owned(),
        0 => "0".to_owned(),
        p if p % 10 == 0 => format!("0.{}", p / 10),
        p => format!("0.{p:02}"),
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use scenario_core::{load_scenario, load_vocabulary};

    fn read(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A bundled scenario as the loader builds it (a pack read back is the same model).
    pub fn bundled(stem: &str) -> Scenario {
        let vocabulary = load_vocabulary(&read("dimensions.yaml"))
            .value
            .expect("dimensions.yaml loads");
        load_scenario(&read(&format!("{stem}.yaml")), stem, &vocabulary)
            .value
            .unwrap_or_else(|| panic!("{stem} loads"))
    }

    /// Every bundled scenario's stem.
    pub fn bundled_stems() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut stems: Vec<String> = std::fs::read_dir(dir)
            .expect("scenarios/")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| scenario_core::index::is_scenario_file(name))
            .map(|name| name.trim_end_matches(".yaml").to_owned())
            .collect();
        stems.sort();
        stems
    }

    #[test]
    fn scaled_is_a_short_decimal() {
        for (p, s) in [
            (97, "0.97"),
            (100, "1"),
            (0, "0"),
            (5, "0.05"),
            (50, "0.5"),
            (130, "1"),
        ] {
            assert_eq!(scaled(p), s);
        }
    }

    #[test]
    fn judgements_on_the_best_and_the_critical_route() {
        let scenario = bundled("promise-you-wont-tell");
        let route: Vec<String> = [
            "quiet-room",
            "promise",
            "reflect-strength",
            "explain-next",
            "ring-999",
            "exact",
        ]
        .map(String::from)
        .to_vec();
        let session = Session::replay(&scenario, 5, &route).unwrap();
        let result = scenario_core::score(&scenario, &session);
        let promise = decision(&scenario, &session, &result, 1, true).unwrap();
        assert_eq!(promise.judgement, Judgement::Weak, "a red-line choice");
        assert_eq!(promise.number, 2);
        assert_eq!(promise.chosen.id, "promise");
        let first = decision(&scenario, &session, &result, 0, false).unwrap();
        assert_eq!(first.interaction, first.node.id);
        let ids = |cs: &[&Choice]| cs.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&first.shown),
            session.taken[0].offered,
            "file order unshuffled"
        );
        for (i, review) in result.decisions.iter().enumerate() {
            let d = decision(&scenario, &session, &result, i, true).unwrap();
            if review.critical.is_none() && review.was_best {
                assert_eq!(d.judgement, Judgement::Strongest);
            }
            let mut shown = ids(&d.shown);
            shown.sort();
            let mut offered = session.taken[i].offered.clone();
            offered.sort();
            assert_eq!(shown, offered, "the shown order holds the offered choices");
        }
        let end = ending(&scenario, &session).unwrap();
        assert_eq!(end.node, "end-broken-promise");
        assert!(!end.red_lines.is_empty());
    }

    #[test]
    fn prompts_are_one_bounded_line() {
        let scenario = bundled("promise-you-wont-tell");
        for node in &scenario.nodes {
            let p = prompt(node, 120);
            assert!(p.chars().count() <= 120 && !p.contains('\n'), "{p}");
        }
    }
}
