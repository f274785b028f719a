//! A scenario pack travels like any file: cut short, altered by a proxy, hand-edited. Read
//! damaged copies of real packs: each is refused with a reason or read into a scenario that
//! plays every route to every node and scores, without a panic.

use scenario_core::analysis::links::Linker;
use scenario_core::load::load_glossary;
use scenario_core::model::links::{paragraphs, pieces};
use scenario_core::pack::{pack_scenario, pack_vocabulary, read_scenario};
use scenario_core::play::routes::{path_to, Routes};
use scenario_core::{score, Session};

use scenario_testkit::files::bundled;
use scenario_testkit::gen::Rng;

#[test]
fn damaged_packs_are_refused_or_play_without_a_panic() {
    let (vocabulary, _) = pack_vocabulary(&bundled("dimensions.yaml"));
    let glossary = Linker::new(
        &load_glossary(&bundled("glossary.yaml"))
            .value
            .expect("the bundled glossary loads"),
    );
    let mut rng = Rng(0x9ac4_0001_d00d_0003);
    let (mut refused, mut read) = (0, 0);
    for stem in ["got-kids", "common-ground", "sam-lets-me"] {
        let good = pack_scenario(
            &bundled(&format!("{stem}.yaml")),
            stem,
            &vocabulary,
            &glossary,
        )
        .text;
        assert!(read_scenario(&good, stem).is_ok(), "{stem} packs");
        for case in 0..600 {
            let damaged = rng.damage(&good);
            match read_scenario(&damaged, stem) {
                Err(failed) => {
                    refused += 1;
                    assert!(!failed.errors.is_empty(), "{stem} case {case}");
                    assert!(!failed.errors[0].message.is_empty(), "{stem} case {case}");
                }
                Ok((scenario, routes, links)) => {
                    read += 1;
                    // The links read are ones that fit: cut at them, every text shows in
                    // full, each paragraph as its lines joined by a space.
                    for (place, links) in &links.0 {
                        let text = place.text(&scenario).expect("checked when read");
                        let shown: Vec<String> = pieces(text, links)
                            .iter()
                            .map(|p| p.iter().map(|piece| piece.text.as_str()).collect())
                            .collect();
                        let whole: Vec<String> = paragraphs(text)
                            .into_iter()
                            .map(|lines| {
                                let lines: Vec<&str> =
                                    lines.into_iter().map(|r| &text[r]).collect();
                                lines.join(" ")
                            })
                            .collect();
                        assert_eq!(shown, whole, "{stem} case {case}");
                    }
                    // The pack's own routes, damaged or not, and the routes found afresh:
                    // each replays to its node, or to nothing, and plays on to an end.
                    for routes in [routes, Routes::of(&scenario)] {
                        for node in &scenario.nodes {
                            let Some(ids) = path_to(&scenario, &routes, &node.id) else {
                                continue;
                            };
                            if let Ok(session) = Session::play_to_end(&scenario, &ids) {
                                let _ = score(&scenario, &session);
                            }
                        }
                    }
                }
            }
        }
    }
    println!("refused {refused}, read {read}");
    // Both outcomes are exercised: a changed letter in a text still reads.
    assert!(
        refused > 300 && read > 100,
        "refused {refused}, read {read}"
    );
}
