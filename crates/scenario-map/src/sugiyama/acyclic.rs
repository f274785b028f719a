//! Stage 1, cycle breaking: which edges to reverse so that the graph has no cycle.
//!
//! A depth-first search from the roots (the scenario's start first), following edges in the
//! order given (the file's order), reverses exactly the edges that reach a node still on
//! the search's stack. For a scenario that is the "go back" choice of a loop, read in story
//! order, which is what a trainer expects to see pointing upwards. Iterative, so a
//! 5,000-node chain cannot overflow the stack.

use super::GraphEdge;

/// For each edge, whether it is reversed. Self-loops are never reversed (they are drawn
/// apart).
pub(super) fn back_edges(n: usize, edges: &[GraphEdge], roots: &[usize]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        if e.from != e.to {
            out[e.from].push(k);
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let mut reversed = vec![false; edges.len()];
    // (node, index of the next outgoing edge to follow)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots.iter().copied().chain(0..n) {
        if root >= n || mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::OnStack;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&k) = out[v].get(i) {
                top.1 += 1;
                let w = edges[k].to;
                match mark[w] {
                    Mark::New => {
                        mark[w] = Mark::OnStack;
                        stack.push((w, 0));
                    }
                    Mark::OnStack => reversed[k] = true,
                    Mark::Done => {}
                }
            } else {
                mark[v] = Mark::Done;
                stack.pop();
            }
        }
    }
    reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(pairs: &[(usize, usize)]) -> Vec<GraphEdge> {
        pairs
            .iter()
            .map(|&(from, to)| GraphEdge {
                from,
                to,
                label: None,
            })
            .collect()
    }

    #[test]
    fn reverses_only_the_edges_that_close_a_cycle() {
        for (n, pairs, roots, expected) in [
            (3, vec![(0, 1), (1, 2)], vec![0], vec![false, false]),
            (
                3,
                vec![(0, 1), (1, 2), (2, 0)],
                vec![0],
                vec![false, false, true],
            ),
            // From another root, another edge closes the same cycle.
            (
                3,
                vec![(0, 1), (1, 2), (2, 0)],
                vec![1],
                vec![true, false, false],
            ),
            (2, vec![(0, 1), (1, 1)], vec![0], vec![false, false]),
            (
                2,
                vec![(0, 1), (1, 0), (0, 1)],
                vec![0],
                vec![false, true, false],
            ),
            // A cross edge to a finished node stays.
            (
                3,
                vec![(0, 1), (0, 2), (2, 1)],
                vec![0],
                vec![false, false, false],
            ),
        ] {
            assert_eq!(back_edges(n, &edges(&pairs), &roots), expected, "{pairs:?}");
        }
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let pairs: Vec<(usize, usize)> =
            (0..n - 1).map(|i| (i, i + 1)).chain([(n - 1, 0)]).collect();
        let reversed = back_edges(n, &edges(&pairs), &[0]);
        assert_eq!(reversed.iter().filter(|&&r| r).count(), 1);
        assert!(reversed[n - 1]);
    }
}
