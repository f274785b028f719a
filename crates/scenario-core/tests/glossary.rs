//! The bundled glossary (`scenarios/glossary.yaml`): it loads with no diagnostic, its page
//! holds an entry for every term and a Who's who, and its terms are found in the bundled
//! scenarios' texts as `scenario pack` finds them (whole words, each link an entry on the
//! page). Also the cost of finding them, now paid at build time: every linkable text of the
//! longest bundled scenario, timed and printed (`--nocapture` shows it; not asserted, as
//! timings on a shared machine are not).

use scenario_core::analysis::links::{is_word_char, linked_texts, Linker};
use scenario_core::load::load_glossary;
use scenario_core::model::links::Links;
use scenario_core::pack::page::{glossary_page, AppPage};
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

#[test]
fn the_bundled_glossary_loads_and_becomes_a_page() {
    let src = read("glossary.yaml");
    let loaded = load_glossary(&src);
    assert_eq!(loaded.diagnostics, vec![], "glossary.yaml has diagnostics");
    let glossary = loaded.value.expect("loads");
    let app = AppPage {
        csp: "default-src 'self'".into(),
        stylesheet: "./app.css".into(),
    };
    let page = glossary_page(&glossary, &app);
    for term in &glossary.terms {
        assert!(
            page.contains(&format!(" id=\"{}\"", term.id)),
            "{}",
            term.id
        );
    }
    assert!(page.contains("<h2 id=\"whos_who\">"));
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
        for (place, links) in Links::of(scenario, &linker).0 {
            let text = place.text(scenario).expect("a text of the scenario");
            for link in links {
                let term = glossary
                    .terms
                    .iter()
                    .position(|t| t.id == link.term)
                    .expect("a term of the glossary");
                used[term] += 1;
                // A link is whole words, as written in the text.
                let before = text[..link.start].chars().next_back();
                let after = text[link.end..].chars().next();
                for c in before.into_iter().chain(after) {
                    assert!(
                        !is_word_char(c),
                        "`{}` in {}: {text:?}",
                        &text[link.start..link.end],
                        scenario.id
                    );
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
    let text_of = |s: &Scenario| linked_texts(s).iter().map(|(_, t)| t.len()).sum::<usize>();
    let longest = scenarios
        .iter()
        .max_by_key(|s| text_of(s))
        .expect("a scenario");
    const ROUNDS: u32 = 200;
    let started = Instant::now();
    let mut links = 0;
    for _ in 0..ROUNDS {
        links += Links::of(std::hint::black_box(longest), &linker)
            .0
            .iter()
            .map(|(_, l)| l.len())
            .sum::<usize>();
    }
    let per_round = started.elapsed() / ROUNDS;
    eprintln!(
        "glossary: linking all {} texts of {} ({} KB, {} links) takes {per_round:?} at build \
         time (native, this build's profile; building the linker took {built:?})",
        linked_texts(longest).len(),
        longest.id,
        text_of(longest) / 1024,
        links / ROUNDS as usize,
    );
}
