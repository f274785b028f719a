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
//! Measured on 2026-12-03 (rustc 1.95, this repository's release profile: opt-level "z",
//! LTO, one codegen unit, panic abort, symbols stripped; wasm sizes are a
//! `wasm32-unknown-unknown` cdylib that lays out a generated graph, minus the same cdylib
//! without the layout, before wasm-opt; times native, opt-level 3, on a graph shaped like
//! the core's benchmark generator — decisions of three choices, a passage every fifth node,
//! a loop back every fiftieth — with labelled edges):
//!
//! | candidate | wasm added (gzip) | 60 nodes | 500 nodes | 5,000 nodes | fit |
//! | --- | --- | --- | --- | --- | --- |
//! | `layout-rs` 0.1.3 | +104 KB (+41 KB) | 40 nodes: > 20 s | — | — | emits its own SVG (presentation colours, no classes or `data-node`); 20 nodes took 0.6 s |
//! | `dagre` 0.1.2 | +310 KB (+82 KB) | 117 ms | 919 ms | 1,000 nodes: 5.0 s | the closest to what we need (sizes, edge labels), but string-keyed graphs; does not build without its default `json` feature |
//! | `rust-sugiyama` 0.4.0 | +173 KB (+57 KB) | 4.8 ms | 9.2 ms | 163 ms | no node sizes and no edge labels (one spacing for all); pulls in petgraph |
//! | this crate | +39 KB (+15 KB) | 0.3 ms | 29 ms | 163 ms | sizes, labels in their own row, ports, straight long edges |
//!
//! None of the kept crates both fits our graphs and stays small and fast, and a layered
//! layout of this kind is ~700 lines. Re-measure (`crate docs` table, same harness: a
//! cdylib per candidate) if `rust-sugiyama` gains node sizes and edge labels, or `dagre`
//! gets an index-based graph: either would then be worth its size.
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
