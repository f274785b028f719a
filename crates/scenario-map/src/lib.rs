//! scenario-map: the branching map of a scenario — a layered layout as plain data
//! ([`Layout`]) that a Yew component can draw itself, and the same map as a standalone SVG
//! ([`to_svg`]) for `scenario graph --format svg`.
//!
//! Flow: `Scenario` + the checker's [`Findings`] (unreachable nodes, traps: read off the
//! core's diagnostics, never recomputed) → [`layout()`] (text and sizes per node and edge)
//! → [`sugiyama::layout`] (cycle breaking, layering, crossing reduction, coordinates) →
//! [`Layout`] → [`to_svg`].
//!
//! # Why our own Sugiyama
//!
//! Measured on 2026-12-03 on this repository's 2-core machine (shared, so times vary by 2x
//! from run to run: ranges below). Wasm: a `wasm32-unknown-unknown` cdylib per candidate
//! that lays out a generated graph, built with this repository's release profile
//! (opt-level "z", LTO, one codegen unit, panic abort, symbols stripped), minus the same
//! cdylib without the layout; before wasm-opt. Times: native, opt-level 3, the same
//! generated graph (shaped like the core's benchmark generator: decisions of three
//! choices, a passage every fifth node, a choice back ten nodes every fiftieth; 120×40
//! nodes, 60×14 edge labels).
//!
//! | candidate | wasm added, raw (gzip) | 60 nodes | 500 nodes | 5,000 nodes | fit for our maps |
//! | --- | --- | --- | --- | --- | --- |
//! | `layout-rs` 0.1.3 | +104 KB (+41 KB) | 20 nodes: 0.6 s; 40: > 20 s | — | — | lays out and renders in one step, to its own SVG (presentation colours; no classes, `data-node` or titles) |
//! | `dagre` 0.1.2 | +310 KB (+82 KB) | 60–130 ms | 0.5–0.95 s | 1,000 nodes: 5 s | the closest in features (node sizes, edge labels, multigraphs), but string-keyed graphs of `Option` fields; does not build without its default `json` feature |
//! | `rust-sugiyama` 0.4.0 | +173 KB (+57 KB) | 0.4–10 ms | 3–9 ms | 80–100 ms | one spacing for every node (no sizes) and no edge labels; brings petgraph |
//! | this crate's [`sugiyama`] | +68 KB (+26 KB) | 0.4–3 ms | 4–20 ms | 37–78 ms | node sizes, labels in rows of their own, ports, straight long edges |
//!
//! The whole map (findings, [`layout()`], [`to_svg`]) adds 72 KB (29 KB gzip) to a cdylib
//! that already loads and checks a scenario with the core: that is its cost in the
//! studio's bundle, before wasm-opt. A generated 5,000-node scenario (13,092 edges, 27,868
//! vertices with dummies) takes 110–190 ms to lay out and 75–100 ms to write as SVG
//! (7 MB) natively at opt-level 3; about twice that at opt-level "z".
//!
//! None of the kept crates both fits our graphs and stays small and fast, while a layered
//! layout of this kind is under 800 lines. Re-measure (same harness: a cdylib per
//! candidate, the sizes above, the time on 5,000 nodes) if `rust-sugiyama` gains node
//! sizes and edge labels or `dagre` moves to an index-based graph: either would then be
//! worth its size against maintaining this code.
//!
//! Past [`sugiyama::Options::full_effort_vertices`] vertices (nodes + dummies) the sweeps
//! are cut and the layout's [`Layout::notice`] says so on the map; the format's 5,000-node
//! files stay under it.
//!
//! # Boundaries
//!
//! Uses scenario-core only through its public API: `model::{Scenario, NodeKind, Choice,
//! Next, Outcome}`, `analysis::check_for_play` and `Diagnostic`. Knows nothing of the
//! browser; the caller does I/O.

mod findings;
mod layout;
pub mod sugiyama;
mod svg;

pub use findings::Findings;
pub use layout::{
    layout, layout_with, EdgeLabel, Flags, Kind, Layout, MapEdge, MapNode, Rect, Via,
    DECISION_SLANT, LABEL_FONT_PX, MARKER_ROOM, NODE_FONT_PX,
};
pub use sugiyama::{Point, Size};
pub use svg::{escape, to_svg, to_svg_with, SvgOptions, DEFAULT_STYLESHEET};
