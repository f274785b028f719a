//! Stage 3, crossing reduction: long edges become chains of dummy vertices, one per row they
//! pass, and each row is ordered to cross as few edges as the heuristic finds.
//!
//! The first order is depth-first discovery from the roots (story order: the first choice's
//! branch on the left). Then barycenter sweeps, alternately downwards (each row by its
//! upper neighbours) and upwards; after each sweep the crossings are counted exactly
//! (Barth, Jünger and Mutzel's bilayer count with a Fenwick tree) and the best order seen is
//! kept, so a sweep can never make the result worse.

use super::Size;

/// A vertex: a node of the graph, or a dummy on a long edge.
#[derive(Debug, Clone)]
pub(super) struct Vertex {
    /// Its row (node rows are even, label rows odd).
    pub row: usize,
    /// Width it takes in its row (a label's width on a label dummy, 0 on other dummies).
    pub width: f64,
    /// Height it takes in its row.
    pub height: f64,
    /// True for dummies.
    pub dummy: bool,
    /// Neighbours in the row above.
    pub up: Vec<usize>,
    /// Neighbours in the row below.
    pub down: Vec<usize>,
}

/// The layered graph: vertices, the rows in order, and each edge's chain.
#[derive(Debug, Clone)]
pub(super) struct Rows {
    /// Nodes first (vertex `v < n` is node `v`), then dummies.
    pub vertices: Vec<Vertex>,
    /// Vertex ids of each row, left to right.
    pub rows: Vec<Vec<usize>>,
    /// Each vertex's index in its row.
    pub pos: Vec<usize>,
    /// Per edge, its vertices from the DAG source to the DAG target (empty for self-loops).
    pub chains: Vec<Vec<usize>>,
}

impl Rows {
    /// Splits every edge into one segment per row and orders the rows depth first.
    pub fn build(
        sizes: &[Size],
        dag: &[(usize, usize)],
        ranks: &[usize],
        labels: impl Iterator<Item = Option<Size>>,
        roots: &[usize],
    ) -> Rows {
        let mut vertices: Vec<Vertex> = sizes
            .iter()
            .zip(ranks)
            .map(|(s, &r)| Vertex {
                row: 2 * r,
                width: s.width,
                height: s.height,
                dummy: false,
                up: Vec::new(),
                down: Vec::new(),
            })
            .collect();
        let mut chains = Vec::with_capacity(dag.len());
        for (&(a, b), label) in dag.iter().zip(labels) {
            if a == b {
                chains.push(Vec::new());
                continue;
            }
            let mut chain = vec![a];
            let (top, bottom) = (2 * ranks[a], 2 * ranks[b]);
            for row in top + 1..bottom {
                let size = match label {
                    Some(l) if row == top + 1 => l,
                    _ => Size::default(),
                };
                vertices.push(Vertex {
                    row,
                    width: size.width,
                    height: size.height,
                    dummy: true,
                    up: Vec::new(),
                    down: Vec::new(),
                });
                chain.push(vertices.len() - 1);
            }
            chain.push(b);
            for pair in chain.windows(2) {
                vertices[pair[0]].down.push(pair[1]);
                vertices[pair[1]].up.push(pair[0]);
            }
            chains.push(chain);
        }
        let row_count = vertices.iter().map(|v| v.row + 1).max().unwrap_or(0);
        let mut rows = vec![Vec::new(); row_count];
        // Depth-first discovery from the vertices with nothing above: `roots` first, then
        // in index order.
        let mut seen = vec![false; vertices.len()];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in roots.iter().copied().chain(0..vertices.len()) {
            if root >= vertices.len() || seen[root] || !vertices[root].up.is_empty() {
                continue;
            }
            seen[root] = true;
            rows[vertices[root].row].push(root);
            stack.push((root, 0));
            while let Some(top) = stack.last_mut() {
                let (v, i) = *top;
                if let Some(&w) = vertices[v].down.get(i) {
                    top.1 += 1;
                    if !seen[w] {
                        seen[w] = true;
                        rows[vertices[w].row].push(w);
                        stack.push((w, 0));
                    }
                } else {
                    stack.pop();
                }
            }
        }
        let mut pos = vec![0; vertices.len()];
        for row in &rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
        Rows {
            vertices,
            rows,
            pos,
            chains,
        }
    }

    /// Runs `sweeps` barycenter sweeps, keeps the best order found, and returns its
    /// crossings.
    pub fn reduce_crossings(&mut self, sweeps: usize) -> usize {
        let mut best = self.rows.clone();
        let mut best_crossings = self.crossings();
        let mut since_better = 0;
        for sweep in 0..sweeps {
            // Done, or four sweeps (two each way) found nothing better.
            if best_crossings == 0 || since_better >= 4 {
                break;
            }
            since_better += 1;
            if sweep % 2 == 0 {
                for r in 1..self.rows.len() {
                    self.sort_row(r, true);
                }
            } else {
                for r in (0..self.rows.len().saturating_sub(1)).rev() {
                    self.sort_row(r, false);
                }
            }
            let crossings = self.crossings();
            if crossings < best_crossings {
                since_better = 0;
                best_crossings = crossings;
                best.clone_from(&self.rows);
            }
        }
        self.rows = best;
        for row in &self.rows {
            for (i, &v) in row.iter().enumerate() {
                self.pos[v] = i;
            }
        }
        best_crossings
    }

    /// Orders row `r` by the barycenters of its neighbours above (`by_upper`) or below; a
    /// vertex without such neighbours keeps its place.
    fn sort_row(&mut self, r: usize, by_upper: bool) {
        let mut keyed: Vec<(f64, usize)> = self.rows[r]
            .iter()
            .map(|&v| {
                let vertex = &self.vertices[v];
                let near = if by_upper { &vertex.up } else { &vertex.down };
                let key = if near.is_empty() {
                    self.pos[v] as f64
                } else {
                    near.iter().map(|&w| self.pos[w] as f64).sum::<f64>() / near.len() as f64
                };
                (key, v)
            })
            .collect();
        // Stable: ties keep their current order.
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (i, &(_, v)) in keyed.iter().enumerate() {
            self.rows[r][i] = v;
            self.pos[v] = i;
        }
    }

    /// Edge crossings between every pair of adjacent rows.
    pub fn crossings(&self) -> usize {
        let mut total = 0;
        let mut tree = Vec::new();
        let mut lower: Vec<usize> = Vec::new();
        for r in 0..self.rows.len().saturating_sub(1) {
            let width = self.rows[r + 1].len();
            lower.clear();
            for &v in &self.rows[r] {
                let start = lower.len();
                lower.extend(self.vertices[v].down.iter().map(|&w| self.pos[w]));
                lower[start..].sort_unstable();
            }
            // Inversions in `lower`: pairs of segments whose ends are in opposite orders.
            tree.clear();
            tree.resize(width + 1, 0usize);
            for (seen, &p) in lower.iter().enumerate() {
                // How many earlier segments end at or left of p.
                let mut i = p + 1;
                let mut not_greater = 0;
                while i > 0 {
                    not_greater += tree[i];
                    i &= i - 1;
                }
                total += seen - not_greater;
                let mut i = p + 1;
                while i <= width {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }

    /// Horizontal offset, from `v`'s centre, where the segment towards `toward` leaves `v`
    /// (`down`: its bottom side, else its top): the segments of one side are spread over
    /// part of the width, in the order of the vertices they lead to, so they do not cross
    /// at the node.
    pub fn port_offset(&self, v: usize, toward: usize, down: bool, width: f64) -> f64 {
        let near = if down {
            &self.vertices[v].down
        } else {
            &self.vertices[v].up
        };
        if near.len() < 2 {
            return 0.0;
        }
        let here = self.pos[toward];
        let index = near.iter().filter(|&&w| self.pos[w] < here).count();
        let spread = (width * 0.5).min((near.len() - 1) as f64 * PORT_SPACING);
        -spread / 2.0 + index as f64 * spread / (near.len() - 1) as f64
    }
}

/// Preferred distance between two edges leaving the same side of a node.
const PORT_SPACING: f64 = 14.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(n: usize, dag: &[(usize, usize)], ranks: &[usize]) -> Rows {
        let sizes = vec![
            Size {
                width: 10.0,
                height: 10.0
            };
            n
        ];
        Rows::build(&sizes, dag, ranks, dag.iter().map(|_| None), &[])
    }

    #[test]
    fn long_edges_get_one_dummy_per_row_passed() {
        let rows = rows_of(3, &[(0, 1), (1, 2), (0, 2)], &[0, 1, 2]);
        assert_eq!(rows.chains[0].len(), 3);
        assert_eq!(rows.chains[2].len(), 5);
        assert_eq!(rows.vertices.len(), 3 + 1 + 1 + 3);
        for chain in &rows.chains {
            for pair in chain.windows(2) {
                assert_eq!(rows.vertices[pair[0]].row + 1, rows.vertices[pair[1]].row);
            }
        }
    }

    #[test]
    fn crossings_are_counted_exactly_and_sweeps_remove_them() {
        // 0 -> 3, 1 -> 2 with 2 left of 3: one crossing, which a sweep undoes.
        let mut rows = rows_of(4, &[(0, 3), (1, 2)], &[0, 0, 1, 1]);
        rows.rows[2] = vec![rows.chains[1][2], rows.chains[0][2]];
        for (i, &v) in rows.rows[2].clone().iter().enumerate() {
            rows.pos[v] = i;
        }
        let before = rows.crossings();
        assert_eq!(before, 1);
        assert_eq!(rows.reduce_crossings(4), 0);
        assert_eq!(rows.crossings(), 0);
    }
}
