//! Stage 2, layering: a layer (rank) for every node, each edge of the DAG pointing down.
//!
//! Longest path from the sources (each node just under its lowest predecessor), then one
//! pass bottom-up that pulls each node with more edges out than in down to just above its
//! highest successor: a branch that starts nowhere (an unreachable part) sits beside the
//! nodes it leads into rather than at the top, and fan-outs get shorter edges. Network
//! simplex would shorten edges further at many times the code; re-measure if maps look
//! stretched.

/// The layer of each node; `dag` has no cycle (self-loops, flagged by `self_loop` for each
/// edge in order, are ignored).
pub(super) fn ranks(
    n: usize,
    dag: &[(usize, usize)],
    self_loop: impl Iterator<Item = bool>,
) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (&(from, to), is_loop) in dag.iter().zip(self_loop) {
        if !is_loop {
            succ[from].push(to);
            indegree[to] += 1;
        }
    }
    // Kahn's order; the DAG has no cycle, so every node comes out.
    let mut topo = Vec::with_capacity(n);
    let mut left = indegree.clone();
    let mut ready: Vec<usize> = (0..n).rev().filter(|&v| left[v] == 0).collect();
    while let Some(v) = ready.pop() {
        topo.push(v);
        for &w in &succ[v] {
            left[w] -= 1;
            if left[w] == 0 {
                ready.push(w);
            }
        }
    }
    debug_assert_eq!(topo.len(), n, "the graph given to ranks has a cycle");
    let mut rank = vec![0usize; n];
    for &v in &topo {
        for &w in &succ[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    for &v in topo.iter().rev() {
        if succ[v].len() > indegree[v] {
            if let Some(lowest) = succ[v].iter().map(|&w| rank[w]).min() {
                rank[v] = rank[v].max(lowest - 1);
            }
        }
    }
    let top = rank.iter().copied().min().unwrap_or(0);
    for r in &mut rank {
        *r -= top;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(n: usize, dag: &[(usize, usize)], expected: &[usize]) {
        let got = ranks(n, dag, dag.iter().map(|(a, b)| a == b));
        assert_eq!(got, expected, "{dag:?}");
        for &(a, b) in dag {
            if a != b {
                assert!(got[a] < got[b], "{dag:?}: {a} -> {b}");
            }
        }
    }

    #[test]
    fn every_edge_points_down_and_sources_sit_by_their_successors() {
        check(3, &[(0, 1), (1, 2)], &[0, 1, 2]);
        check(4, &[(0, 1), (1, 2), (0, 2), (2, 3)], &[0, 1, 2, 3]);
        // Node 3 starts nowhere and leads into 2: pulled down beside 1.
        check(4, &[(0, 1), (1, 2), (3, 2)], &[0, 1, 2, 1]);
        check(2, &[(0, 0), (0, 1)], &[0, 1]);
        check(3, &[], &[0, 0, 0]);
    }
}
