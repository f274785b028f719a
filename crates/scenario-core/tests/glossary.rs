//! The bundled glossary (`scenarios/glossary.yaml`): it loads with no diagnostic, packs and
//! reads back as the loader built it, and its terms are found in the bundled scenarios'
//! text. Also the cost of finding them: every linkable text of the longest bundled scenario,
//! linked as the app links it, timed and printed (`--nocapture` shows it; not asserted, as
//! timings on a shared machine are not).

use scenario_core::load::load_glossary;
use scenario_core::model::NodeKind;
use scenario_core::pack::{pack_glossary, read_glossary};
use scenario_core::play::links::{is_word_char, Linker, Segment};
use scenario_core::{load_scenario, load_vocabulary, Scenario};
use scenario_testkit::files::{bundled as read, bundled_scenarios};
use std::time::Instant;

fn bundled() -> Vec<Scenario> {
    let vocabulary = load_vocabulary(&read("dimensions.yaml"))
        .value
        .expect("dimensions.yaml loads");
    bundled_scenarios()
        .iter()
        .map(|(stem, src)| {
            load_scenario(src, stem, &vocabulary)
                .value
                .unwrap_or_else(|| panic!("{stem} loads"))
        })
        .collect()
}

/// Every text the app links terms in, one block each: narrations, spoken lines, feedback and
/// red-line reasons, endings, key points, reflection questions. Not the choices' own texts,
/// nor the introduction's.
fn linkable(scenario: &Scenario) -> Vec<&str> {
    let mut out = Vec::new();
    for node in &scenario.nodes {
        out.extend(node.narration.as_deref());
        out.extend(node.say.iter().map(|l| l.text.as_str()));
        match &node.kind {
            NodeKind::Decision(choices) => {
                for c in choices {
                    out.extend(c.feedback.as_deref());
                    out.extend(c.critical.as_deref());
                }
            }
            NodeKind::Ending(ending) => out.push(&ending.text),
            NodeKind::Passage(_) => {}
        }
    }
    out.extend(scenario.debrief.key_points.iter().map(String::as_str));
    out.extend(scenario.debrief.reflection.iter().map(String::as_str));
    out
}

#[test]
fn the_bundled_glossary_loads_packs_and_reads_back() {
    let src = read("glossary.yaml");
    let loaded = load_glossary(&src);
    assert_eq!(loaded.diagnostics, vec![], "glossary.yaml has diagnostics");
    let glossary = loaded.value.expect("loads");
    let pack = pack_glossary(&src);
    assert_eq!(pack.failed, None);
    assert_eq!(read_glossary(&pack.text), Ok(glossary.clone()));
    // The terms issue 14 names, and a Who's who that fits one screen.
    for id in [
        "licence",
        "recall",
        "offender-manager",
        "mappa",
        "risk-management-plan",
        "designated-safeguarding-lead",
        "collusion",
        "conditioning",
        "splitting",
    ] {
        assert!(glossary.term(id).is_some(), "no `{id}`");
    }
    let roles = glossary.network().count();
    assert!((5..=9).contains(&roles), "{roles} roles in Who's who");
}

#[test]
fn the_terms_are_found_in_the_bundled_scenarios_and_cheaply() {
    let glossary = load_glossary(&read("glossary.yaml")).value.expect("loads");
    let started = Instant::now();
    let linker = Linker::new(&glossary);
    let built = started.elapsed();

    let scenarios = bundled();
    let mut used = vec![0usize; glossary.terms.len()];
    for scenario in &scenarios {
        for text in linkable(scenario) {
            for segment in linker.link(text, &mut Vec::new()) {
                if let Segment::Term { range, term } = segment {
                    used[term] += 1;
                    // A link is whole words, as written in the text.
                    let before = text[..range.start].chars().next_back();
                    let after = text[range.end..].chars().next();
                    for c in before.into_iter().chain(after) {
                        assert!(
                            !is_word_char(c),
                            "`{}` in {}: {text:?}",
                            &text[range.clone()],
                            scenario.id
                        );
                    }
                }
            }
        }
    }
    let unused: Vec<&str> = glossary
        .terms
        .iter()
        .zip(&used)
        .filter(|(_, n)| **n == 0)
        .map(|(t, _)| t.id.as_str())
        .collect();
    eprintln!(
        "glossary: {} terms, {} linked in the bundled library; not used in any scenario text: {unused:?}",
        glossary.terms.len(),
        used.iter().sum::<usize>()
    );
    assert!(
        unused.len() * 4 < glossary.terms.len(),
        "most terms should occur somewhere: {unused:?}"
    );

    // The longest scenario, by the text the app links.
    let longest = scenarios
        .iter()
        .max_by_key(|s| linkable(s).iter().map(|t| t.len()).sum::<usize>())
        .expect("a scenario");
    let texts = linkable(longest);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    const ROUNDS: u32 = 200;
    let started = Instant::now();
    let mut links = 0;
    for _ in 0..ROUNDS {
        for text in &texts {
            links += linker
                .link(std::hint::black_box(text), &mut Vec::new())
                .iter()
                .filter(|s| matches!(s, Segment::Term { .. }))
                .count();
        }
    }
    let per_round = started.elapsed() / ROUNDS;
    eprintln!(
        "glossary: linking all {} texts of {} ({} KB, {} links) takes {per_round:?} \
         (native, this build's profile; building the linker took {built:?})",
        texts.len(),
        longest.id,
        bytes / 1024,
        links / ROUNDS as usize,
    );
}
