//! Stage 4, coordinates: x by sweeps that pull each row towards its neighbours, y by rows.
//!
//! One sweep places one row at a time, keeping its order and the minimum separations, as
//! close as possible (least squares, weighted) to where its neighbours in the row above
//! (downward sweep) or below (upward sweep) want it: the mean x of each vertex's
//! neighbours. Under "x[i+1] - x[i] >= sep[i]" that is a weighted isotonic regression on
//! x minus the cumulative separations, which pool-adjacent-violators solves exactly in
//! one pass. Segments between two dummies weigh 8, between a dummy and a node 2, between
//! two nodes 1 (Gansner et al.'s weights), so long edges come out straight. The last two
//! sweeps use both sides, which centres a node between its parents and children.
//! Simpler than Brandes–Köpf, and never leaves a row overlapping: each sweep's result
//! meets every separation by construction.

use super::order::Rows;
use super::Options;

/// The x of every vertex's centre.
pub(super) fn xs(rows: &Rows, options: &Options, sweeps: usize) -> Vec<f64> {
    let vertices = &rows.vertices;
    let separation = |a: usize, b: usize| {
        let (va, vb) = (&vertices[a], &vertices[b]);
        let gap = if !va.dummy && !vb.dummy {
            options.node_gap
        } else if va.width > 0.0 && vb.width > 0.0 {
            options.label_gap
        } else {
            options.edge_gap
        };
        (vertices[a].width + vertices[b].width) / 2.0 + gap
    };
    let mut x = vec![0.0f64; vertices.len()];
    for row in &rows.rows {
        let mut cursor = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                cursor += separation(row[i - 1], v);
            }
            x[v] = cursor;
        }
    }
    let weight = |a: usize, b: usize| match (vertices[a].dummy, vertices[b].dummy) {
        (true, true) => 8.0,
        (false, false) => 1.0,
        _ => 2.0,
    };
    let mut targets = Vec::new();
    let mut offsets = Vec::new();
    let total = sweeps + 2;
    for sweep in 0..total {
        let both = sweep >= sweeps;
        let downward = sweep % 2 == 0;
        let row_order: Vec<usize> = if downward {
            (0..rows.rows.len()).collect()
        } else {
            (0..rows.rows.len()).rev().collect()
        };
        for r in row_order {
            let row = &rows.rows[r];
            if row.is_empty() {
                continue;
            }
            targets.clear();
            offsets.clear();
            let mut offset = 0.0;
            for (i, &v) in row.iter().enumerate() {
                if i > 0 {
                    offset += separation(row[i - 1], v);
                }
                offsets.push(offset);
                let vertex = &vertices[v];
                let near = vertex
                    .up
                    .iter()
                    .filter(|_| both || downward)
                    .chain(vertex.down.iter().filter(|_| both || !downward));
                let (mut sum, mut weights) = (0.0, 0.0);
                for &w in near {
                    let k = weight(v, w);
                    sum += k * x[w];
                    weights += k;
                }
                // Nothing on that side: stay put, lightly.
                let (target, weight) = if weights > 0.0 {
                    (sum / weights, weights)
                } else {
                    (x[v], 0.01)
                };
                targets.push((target - offset, weight));
            }
            let fitted = isotonic(&targets);
            for ((&v, y), offset) in row.iter().zip(fitted).zip(&offsets) {
                x[v] = y + offset;
            }
        }
    }
    // Shift so the leftmost edge of anything sits at the margin.
    let left = vertices
        .iter()
        .enumerate()
        .map(|(v, vx)| x[v] - vx.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for value in &mut x {
            *value += options.margin - left;
        }
    }
    x
}

/// Weighted least-squares fit of a non-decreasing sequence to `(target, weight)` pairs
/// (pool adjacent violators).
fn isotonic(points: &[(f64, f64)]) -> Vec<f64> {
    // Blocks: (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(points.len());
    for &(t, w) in points {
        blocks.push((t * w, w, 1));
        while blocks.len() >= 2 {
            let last = blocks[blocks.len() - 1];
            let prev = blocks[blocks.len() - 2];
            if prev.0 / prev.1 <= last.0 / last.1 {
                break;
            }
            blocks.pop();
            let merged = blocks.last_mut().expect("two blocks were there");
            merged.0 += last.0;
            merged.1 += last.1;
            merged.2 += last.2;
        }
    }
    let mut out = Vec::with_capacity(points.len());
    for (sum, weight, count) in blocks {
        out.extend(std::iter::repeat_n(sum / weight, count));
    }
    out
}

/// The y of each row's centre, and the height down to the last row's bottom (top margin
/// included). A row with nothing tall in it (a label row without labels) takes no room: its
/// bends sit in the middle of the gap above the next row. The gap under a row grows with
/// how far sideways its segments down run (up to [`STEEPEST_GAP`]), so that a wide fan-out
/// is drawn steeply enough not to graze the labels beside it.
pub(super) fn ys(rows: &Rows, options: &Options, x: &[f64]) -> (Vec<f64>, f64) {
    let mut centres = Vec::with_capacity(rows.rows.len());
    let mut cursor = options.margin;
    let mut last_bottom = options.margin;
    for row in &rows.rows {
        let height = row
            .iter()
            .map(|&v| rows.vertices[v].height)
            .fold(0.0f64, f64::max);
        let sideways = row
            .iter()
            .flat_map(|&v| {
                rows.vertices[v]
                    .down
                    .iter()
                    .map(move |&w| (x[w] - x[v]).abs())
            })
            .fold(0.0f64, f64::max);
        let gap = (sideways * SLOPE).clamp(options.row_gap, STEEPEST_GAP.max(options.row_gap));
        if height > 0.0 {
            centres.push(cursor + height / 2.0);
            last_bottom = cursor + height;
            cursor += height + gap;
        } else {
            centres.push((cursor - gap / 2.0).max(options.margin));
        }
    }
    (centres, last_bottom)
}

/// Gap per unit of sideways run of a row's segments.
const SLOPE: f64 = 0.12;
/// The largest gap [`ys`] leaves under a row.
const STEEPEST_GAP: f64 = 60.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_fits_are_non_decreasing_and_exact_when_already_sorted() {
        assert_eq!(isotonic(&[(1.0, 1.0), (2.0, 1.0)]), vec![1.0, 2.0]);
        assert_eq!(isotonic(&[(2.0, 1.0), (0.0, 1.0)]), vec![1.0, 1.0]);
        assert_eq!(isotonic(&[(3.0, 3.0), (0.0, 1.0)]), vec![2.25, 2.25]);
        assert_eq!(
            isotonic(&[(0.0, 1.0), (5.0, 1.0), (1.0, 1.0), (6.0, 1.0)]),
            vec![0.0, 3.0, 3.0, 6.0]
        );
        assert!(isotonic(&[]).is_empty());
    }
}
