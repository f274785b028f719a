//! Fuzz target (c): arbitrary text as a saved session, parsed by `scenario_core::json` and by
//! serde_json (an independent parser, which wrote the saves before it), which must agree; a
//! session read is written back to a text that reads the same and holds exactly its fields,
//! as serde_json reads them. The assertions live in
//! crates/scenario-testkit/src/json_oracle.rs. The same text, read as a scenario pack
//! (what the app fetches), is refused or read without a panic, and what is read can be played
//! and its texts cut at their glossary links;
//! read as the index of the packs (fetched first), it is refused or read without a panic, and
//! every pack name read is one the app may fetch.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scenario_fuzz::json_oracle;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        json_oracle::agrees(text);
        if let Ok((scenario, routes, links)) = scenario_core::pack::read_scenario(text, "fuzz") {
            // Every index was checked on reading: replaying the pack's route to each node,
            // and finding the routes afresh, must not panic; nor cutting each text at its
            // glossary links, as the app does.
            for node in &scenario.nodes {
                let _ = scenario_core::session_at(&scenario, &routes, 0, &node.id);
            }
            let _ = scenario_core::Routes::of(&scenario);
            for (place, links) in &links.0 {
                let text = place.text(&scenario).expect("checked on reading");
                let _ = scenario_core::model::links::pieces(text, links);
            }
        }
        if let Ok(index) = scenario_core::index::read_index::<scenario_core::index::Listing>(text) {
            assert!(scenario_core::index::is_pack_name(&index.vocabulary));
            for entry in &index.scenarios {
                assert!(scenario_core::index::is_pack_name(&entry.file));
                assert!(!entry.stem().is_empty() && !entry.stem().contains('/'));
            }
        }
    }
});
