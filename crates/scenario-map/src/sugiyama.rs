//! A layered (Sugiyama) drawing of any directed graph whose nodes have sizes and whose edges
//! may carry a label: knows nothing of scenarios, so it can be measured and tested alone.
//!
//! The four classic stages, one file each, run in order by [`layout`]:
//!
//! 1. [`acyclic`]: a depth-first search from the roots reverses the edges that close a cycle
//!    (the back edges), so what remains is a DAG; reversed edges are drawn the right way
//!    round again at the end.
//! 2. [`layers`]: longest-path ranks, then nodes with more edges out than in are pulled down
//!    next to their successors (shorter edges). Every edge then spans at least two *rows*:
//!    node rows are even, and the odd row under each holds the edges' labels, so a label
//!    takes a place of its own in the row and never sits on a node.
//! 3. [`order`]: edges longer than one row become chains of dummy vertices; rows are ordered
//!    by depth-first discovery, then by alternating barycenter sweeps, keeping the order
//!    with the fewest crossings (counted exactly, O(E log V) per pair of rows).
//! 4. [`position`]: x by repeated sweeps, each placing a row as close as possible to the
//!    weighted mean of its neighbours under the minimum separations (a weighted isotonic
//!    regression, solved exactly in linear time by pool-adjacent-violators); dummy-to-dummy
//!    segments weigh most, so long edges run straight. y from the rows' heights.
//!
//! Self-loops are drawn as a loop on the node's right, for which the node is given room.

mod acyclic;
mod layers;
mod order;
mod position;

/// A width and a height, in SVG user units (px).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Horizontal extent.
    pub width: f64,
    /// Vertical extent.
    pub height: f64,
}

/// A point, in SVG user units, y downwards.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position (down).
    pub y: f64,
}

/// An edge to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    /// Index of the source node.
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// The size of the edge's label, when it has one.
    pub label: Option<Size>,
}

/// The graph to lay out: node sizes, and edges between them (parallel edges and self-loops
/// allowed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    /// Each node's size.
    pub nodes: Vec<Size>,
    /// The edges.
    pub edges: Vec<GraphEdge>,
    /// Nodes to start the cycle-breaking search from, in priority order (the scenario's
    /// start); every other node follows in index order.
    pub roots: Vec<usize>,
}

/// Spacing and effort.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Horizontal gap between neighbours in a row.
    pub node_gap: f64,
    /// Horizontal gap next to a dummy (an edge passing through a row).
    pub edge_gap: f64,
    /// Horizontal gap between two labels, or a label and a node.
    pub label_gap: f64,
    /// Vertical gap between a row and the next.
    pub row_gap: f64,
    /// Margin around the drawing.
    pub margin: f64,
    /// Crossing-reduction sweeps for graphs up to [`Options::full_effort_vertices`].
    pub order_sweeps: usize,
    /// Positioning sweeps for graphs up to [`Options::full_effort_vertices`].
    pub position_sweeps: usize,
    /// Past this many vertices (nodes plus dummies) the sweeps are cut to
    /// [`Options::reduced_sweeps`] each, and [`Placed::reduced`] says so.
    pub full_effort_vertices: usize,
    /// Sweeps of each kind on graphs past [`Options::full_effort_vertices`].
    pub reduced_sweeps: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            node_gap: 24.0,
            edge_gap: 10.0,
            label_gap: 14.0,
            row_gap: 14.0,
            margin: 16.0,
            order_sweeps: 24,
            position_sweeps: 16,
            // Measured (crate docs): the bundled scenarios have at most ~1,000 vertices;
            // 5,000-node stress files about 20,000, where full effort still runs in a
            // fraction of a second natively. The cut is for larger graphs (other uses).
            full_effort_vertices: 60_000,
            reduced_sweeps: 4,
        }
    }
}

/// An edge as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEdge {
    /// The polyline from the source's border to the target's border, in the edge's own
    /// direction (also for reversed edges).
    pub points: Vec<Point>,
    /// The centre of the label, when the edge has one.
    pub label: Option<Point>,
    /// The edge was reversed to break a cycle (it points upwards, or sideways on a loop).
    pub reversed: bool,
}

/// The graph as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Each node's centre.
    pub centres: Vec<Point>,
    /// Each node's layer (0 at the top).
    pub layers: Vec<usize>,
    /// Each edge, in the order given.
    pub edges: Vec<PlacedEdge>,
    /// The whole drawing's size (margins included).
    pub size: Size,
    /// Vertices laid out: nodes plus the dummies of long edges.
    pub vertices: usize,
    /// Edge crossings left after ordering.
    pub crossings: usize,
    /// The sweeps were cut because the graph is past [`Options::full_effort_vertices`].
    pub reduced: bool,
}

/// Lays `graph` out top to bottom.
pub fn layout(graph: &Graph, options: &Options) -> Placed {
    let n = graph.nodes.len();
    // Self-loops take no part in the layering; their node is widened on the right.
    let mut sizes = graph.nodes.clone();
    let mut loop_room = vec![0.0f64; n];
    for e in graph.edges.iter().filter(|e| e.from == e.to) {
        let label = e.label.map_or(0.0, |l| l.width + 6.0);
        loop_room[e.from] = loop_room[e.from].max(LOOP_REACH + label);
    }
    for (size, room) in sizes.iter_mut().zip(&loop_room) {
        // Symmetric, so the node stays centred on its vertex.
        size.width += 2.0 * room;
    }
    let reversed = acyclic::back_edges(n, &graph.edges, &graph.roots);
    let dag: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .zip(&reversed)
        .map(|(e, &r)| if r { (e.to, e.from) } else { (e.from, e.to) })
        .collect();
    let ranks = layers::ranks(n, &dag, graph.edges.iter().map(|e| e.from == e.to));
    let mut rows = order::Rows::build(
        &sizes,
        &dag,
        &ranks,
        graph.edges.iter().map(|e| e.label),
        &graph.roots,
    );
    let reduced = rows.vertices.len() > options.full_effort_vertices;
    let (order_sweeps, position_sweeps) = if reduced {
        (options.reduced_sweeps, options.reduced_sweeps)
    } else {
        (options.order_sweeps, options.position_sweeps)
    };
    let crossings = rows.reduce_crossings(order_sweeps);
    let xs = position::xs(&rows, options, position_sweeps);
    let (ys, heights) = position::ys(&rows, options, &xs);

    let centre = |v: usize| Point {
        x: xs[v],
        y: ys[rows.vertices[v].row],
    };
    let mut edges = Vec::with_capacity(graph.edges.len());
    for (k, e) in graph.edges.iter().enumerate() {
        if e.from == e.to {
            let c = centre(e.from);
            let right = c.x + graph.nodes[e.from].width / 2.0;
            let h = graph.nodes[e.from].height / 4.0;
            edges.push(PlacedEdge {
                points: vec![
                    Point {
                        x: right,
                        y: c.y - h,
                    },
                    Point {
                        x: right + LOOP_REACH,
                        y: c.y - h,
                    },
                    Point {
                        x: right + LOOP_REACH,
                        y: c.y + h,
                    },
                    Point {
                        x: right,
                        y: c.y + h,
                    },
                ],
                label: e.label.map(|l| Point {
                    x: right + LOOP_REACH + 3.0 + l.width / 2.0,
                    y: c.y,
                }),
                reversed: false,
            });
            continue;
        }
        let chain = &rows.chains[k];
        let mut points = Vec::with_capacity(chain.len());
        let (first, last) = (chain[0], chain[chain.len() - 1]);
        let port = |v: usize, toward: usize, down: bool| -> Point {
            let c = centre(v);
            let half = graph.nodes[v].height / 2.0;
            let offset = rows.port_offset(v, toward, down, graph.nodes[v].width);
            Point {
                x: c.x + offset,
                y: if down { c.y + half } else { c.y - half },
            }
        };
        points.push(port(first, chain[1], true));
        for &d in &chain[1..chain.len() - 1] {
            points.push(centre(d));
        }
        points.push(port(last, chain[chain.len() - 2], false));
        let label = e.label.map(|_| centre(chain[1]));
        if reversed[k] {
            points.reverse();
        }
        edges.push(PlacedEdge {
            points,
            label,
            reversed: reversed[k],
        });
    }
    let width = rows
        .vertices
        .iter()
        .enumerate()
        .map(|(v, vx)| xs[v] + vx.width / 2.0)
        .fold(0.0f64, f64::max)
        + options.margin;
    let height = heights + options.margin;
    Placed {
        centres: (0..n).map(centre).collect(),
        layers: ranks,
        edges,
        size: Size { width, height },
        vertices: rows.vertices.len(),
        crossings,
        reduced,
    }
}

/// How far a self-loop reaches right of its node.
const LOOP_REACH: f64 = 18.0;
