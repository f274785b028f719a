//! Generated scenarios for the `check` benchmark and the `phases` profiling example.

/// A chain of decisions (3 choices: on, skip one, on) with a passage every fifth node and
/// three endings, written compactly (flow style) so that 5,000 nodes fit in the format's
/// 1 MiB limit, as a real file at the node limit must. With `conditions`, a bounded `trust`
/// variable gates one choice per node and picks a branch of `next`, so the states are
/// node × trust (0..=3).
pub fn generate(nodes: usize, conditions: bool) -> String {
    let mut y = String::with_capacity(nodes * 200);
    y.push_str("format: 1\nid: gen\ntitle: Generated\nsummary: s\nsetting: s\n");
    y.push_str(
        "audiences: [induction]\ntopics: [safeguarding]\ndimensions: [safeguarding, listening]\n",
    );
    if conditions {
        y.push_str("variables: {trust: 0}\n");
    }
    y.push_str("start: n0\nnodes:\n");
    let inner = nodes - 3;
    let to = |i: usize| {
        if i >= inner {
            format!("e{}", (i - inner).min(2))
        } else {
            format!("n{i}")
        }
    };
    for i in 0..inner {
        if i % 5 == 4 {
            y.push_str(&format!(
                "  n{i}: {{narration: Later., next: {}}}\n",
                to(i + 1)
            ));
            continue;
        }
        y.push_str(&format!("  n{i}:\n    choices:\n"));
        y.push_str(&format!(
            "    - {{text: Go on, scores: {{listening: 2}}, feedback: ok, next: {}}}\n",
            to(i + 1)
        ));
        if conditions {
            y.push_str(&format!(
                "    - {{text: Hi, if: trust < 3, set: {{trust: 1}}, feedback: ok, \
                 next: [{{if: trust >= 2, to: {}}}, {{to: {}}}]}}\n",
                to(i + 2),
                to(i + 1)
            ));
        } else {
            y.push_str(&format!(
                "    - {{text: Move, scores: {{listening: -1}}, feedback: no, next: {}}}\n",
                to(i + 2)
            ));
        }
        y.push_str(&format!(
            "    - {{text: Yes, scores: {{safeguarding: -3}}, feedback: no, next: {}}}\n",
            to(i + 1)
        ));
    }
    for (k, outcome) in ["positive", "mixed", "negative"].iter().enumerate() {
        y.push_str(&format!(
            "  e{k}: {{ending: {{outcome: {outcome}, title: End, text: Done}}}}\n"
        ));
    }
    y
}
