//! [`Timeline`]: the animation as a pure function of the step index.
//!
//! Step `k` visits few-side cell `k` (row-major):
//!
//! ```text
//! conv_transpose2d:  input cell k scatters  x[k]·w[t] to output cell reach(k, t)
//! conv2d:            output cell k gathers  Σ_t w[t]·x[reach(k, t)]
//! reach(k, t) = k·s − p + t·d   per axis         steps = few-side cell count
//! ```
//!
//! Nothing is stored per step: a step, the partial output and the
//! contributions to one output cell are all recomputed from the geometry and
//! the grids, so scrubbing is free and edits never invalidate a cache.

use super::conv::{assert_shapes, correlate_cell};
use super::conv_transpose::scatter_prefix;
use super::grid::Grid;
use super::params::{Geometry, Op, Pair};

/// One kernel tap of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepTap {
    /// The kernel cell (kh, kw).
    pub weight: Pair,
    /// The many-side position it meets, possibly outside (padding).
    pub reach: (i64, i64),
    /// That position as a many-side cell, when it is inside.
    pub cell: Option<Pair>,
}

/// Step k: conv_transpose2d → input cell k (row-major) scattering; conv2d →
/// output cell k gathering.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The step index k.
    pub index: usize,
    /// Few-side cell k.
    pub cell: Pair,
    /// All `k_h·k_w` taps, in kernel row-major order, including those that
    /// fall outside the many side.
    pub taps: Vec<StepTap>,
}

/// The steps of one geometry, derived on demand.
///
/// ```
/// use convt::math::{ConvParams, Geometry, Op, Pair, Timeline};
/// let p = ConvParams { stride: Pair::square(2), padding: Pair::square(1), ..ConvParams::default() };
/// let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(3), Pair::square(3), p).unwrap();
/// let t = Timeline::new(g);
/// assert_eq!(t.steps(), 9);
/// // The corner input cell reaches only 4 of the 5×5 outputs.
/// let corner = t.step(0).unwrap();
/// assert_eq!(corner.taps.iter().filter(|tap| tap.cell.is_some()).count(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeline {
    g: Geometry,
}

impl Timeline {
    /// The timeline of `g`.
    pub fn new(g: Geometry) -> Timeline {
        Timeline { g }
    }

    /// The geometry it animates.
    pub fn geometry(&self) -> Geometry {
        self.g
    }

    /// Number of steps: the few-side cell count (input cells for
    /// conv_transpose2d, output cells for conv2d).
    pub fn steps(&self) -> usize {
        self.g.few().area()
    }

    /// Step `k`, or `None` for `k >= steps()` (finished).
    pub fn step(&self, k: usize) -> Option<Step> {
        if k >= self.steps() {
            return None;
        }
        let few = self.g.few();
        let cell = Pair::new(k / few.w, k % few.w);
        let kernel = self.g.kernel();
        let taps = (0..kernel.h)
            .flat_map(|kh| (0..kernel.w).map(move |kw| Pair::new(kh, kw)))
            .map(|weight| StepTap {
                weight,
                reach: self.g.reach(cell, weight),
                cell: self.g.reach_inside(cell, weight),
            })
            .collect();
        Some(Step {
            index: k,
            cell,
            taps,
        })
    }

    /// The output as shown at `position` (`0..=steps()`), row-major,
    /// `output().area()` long:
    ///
    /// ```text
    /// conv_transpose2d: Some(Σ of contributions from input cells 0..=position)
    ///                   (Some(0.0) where nothing has landed yet)
    /// conv2d:           Some(final value) for output cells 0..=position, None after
    /// position >= steps(): the complete output
    /// ```
    ///
    /// # Panics
    ///
    /// If the grids' shapes differ from the geometry's.
    pub fn partial_output(&self, input: &Grid, kernel: &Grid, position: usize) -> Vec<Option<f64>> {
        let done = position.saturating_add(1).min(self.steps());
        match self.g.op() {
            Op::ConvTranspose2d => scatter_prefix(&self.g, input, kernel, done)
                .data()
                .iter()
                .map(|&v| Some(v))
                .collect(),
            Op::Conv2d => {
                assert_shapes(&self.g, input, kernel);
                let (out, p) = (self.g.output(), self.g.params());
                (0..out.area())
                    .map(|i| {
                        (i < done).then(|| {
                            let cell = Pair::new(i / out.w, i % out.w);
                            correlate_cell(input, kernel, p.stride, p.padding, p.dilation, cell)
                        })
                    })
                    .collect()
            }
        }
    }

    /// conv_transpose2d only: each contribution to output cell `out` from
    /// input cells `0..=position` (all of them when `position >= steps()`),
    /// in step order, as `(input cell, kernel cell, x·w)`. Empty for conv2d
    /// and for `out` outside the output.
    ///
    /// Each input cell contributes at most once, since distinct taps of one
    /// cell reach distinct outputs (see [`ConvMatrix`](super::ConvMatrix)).
    ///
    /// # Panics
    ///
    /// If the grids' shapes differ from the geometry's.
    pub fn contributions(
        &self,
        input: &Grid,
        kernel: &Grid,
        out: Pair,
        position: usize,
    ) -> Vec<(Pair, Pair, f64)> {
        if self.g.op() != Op::ConvTranspose2d {
            return Vec::new();
        }
        assert_shapes(&self.g, input, kernel);
        let shape = self.g.output();
        if out.h >= shape.h || out.w >= shape.w {
            return Vec::new();
        }
        let (k, p) = (self.g.kernel(), self.g.params());
        // Inverts reach on one axis: the tap t with i·s − p + t·d = o, if any.
        let tap = |o: usize, i: usize, s: usize, pad: usize, d: usize, k: usize| -> Option<usize> {
            let offset = o as i64 + pad as i64 - (i * s) as i64;
            let t = usize::try_from(offset).ok()?;
            (t % d == 0 && t / d < k).then_some(t / d)
        };
        let done = position.saturating_add(1).min(self.steps());
        let cols = input.cols();
        (0..done)
            .filter_map(|i| {
                let cell = Pair::new(i / cols, i % cols);
                let kh = tap(out.h, cell.h, p.stride.h, p.padding.h, p.dilation.h, k.h)?;
                let kw = tap(out.w, cell.w, p.stride.w, p.padding.w, p.dilation.w, k.w)?;
                let v = input.get(cell.h, cell.w) * kernel.get(kh, kw);
                Some((cell, Pair::new(kh, kw), v))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::params::ConvParams;
    use crate::math::{conv2d_unchecked, conv_transpose2d_unchecked};

    fn geometry(op: Op, input: Pair, kernel: Pair, s: usize, p: usize) -> Geometry {
        let params = ConvParams {
            stride: Pair::square(s),
            padding: Pair::square(p),
            ..ConvParams::default()
        };
        Geometry::try_new(op, input, kernel, params).unwrap()
    }

    #[test]
    fn step_counts_and_taps() {
        let t = Timeline::new(geometry(
            Op::ConvTranspose2d,
            Pair::new(2, 3),
            Pair::square(2),
            1,
            0,
        ));
        assert_eq!(t.steps(), 6);
        assert!(t.step(6).is_none());
        let s = t.step(4).unwrap();
        assert_eq!(s.cell, Pair::new(1, 1));
        assert_eq!(s.taps.len(), 4);
        assert_eq!(s.taps[1].weight, Pair::new(0, 1));
        assert_eq!(s.taps[1].cell, Some(Pair::new(1, 2)));
        let c = Timeline::new(geometry(Op::Conv2d, Pair::new(4, 5), Pair::square(3), 1, 0));
        assert_eq!(c.steps(), 2 * 3);
    }

    #[test]
    fn corner_cell_reaches_four_outputs() {
        let g = geometry(Op::ConvTranspose2d, Pair::square(3), Pair::square(3), 2, 1);
        assert_eq!(g.output(), Pair::square(5));
        let step = Timeline::new(g).step(0).unwrap();
        let inside: Vec<Pair> = step.taps.iter().filter_map(|t| t.cell).collect();
        assert_eq!(
            inside,
            vec![
                Pair::new(0, 0),
                Pair::new(0, 1),
                Pair::new(1, 0),
                Pair::new(1, 1)
            ]
        );
        assert_eq!(step.taps[0].reach, (-1, -1));
        assert_eq!(step.taps[0].cell, None);
    }

    #[test]
    fn partial_outputs_and_contributions() {
        let g = geometry(Op::ConvTranspose2d, Pair::square(3), Pair::square(3), 2, 1);
        let x = Grid::from_vec(3, 3, (1..=9).map(f64::from).collect()).unwrap();
        let w = Grid::from_vec(3, 3, (1..=9).map(|v| f64::from(v) * 10.0).collect()).unwrap();
        let t = Timeline::new(g);
        let first = t.partial_output(&x, &w, 0);
        // Input cell 0 (value 1) puts w[1..3, 1..3] on outputs (0..2, 0..2).
        assert_eq!(first[0], Some(50.0));
        assert_eq!(first[1], Some(60.0));
        assert_eq!(first[2], Some(0.0));
        let full = conv_transpose2d_unchecked(&g, &x, &w);
        let all: Vec<f64> = t.partial_output(&x, &w, 9).into_iter().flatten().collect();
        assert_eq!(all, full.data());
        assert_eq!(
            t.partial_output(&x, &w, 8),
            t.partial_output(&x, &w, usize::MAX)
        );
        // Output (2, 2) = 2·1 − 1 + 1: only input (1, 1) through the centre tap.
        let c = t.contributions(&x, &w, Pair::new(2, 2), usize::MAX);
        let sum: f64 = c.iter().map(|&(_, _, v)| v).sum();
        assert_eq!(sum, full.get(2, 2));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].0, Pair::new(1, 1));
        assert_eq!(c[0].1, Pair::new(1, 1));
        let c = t.contributions(&x, &w, Pair::new(1, 1), 0);
        assert_eq!(c, vec![(Pair::new(0, 0), Pair::new(2, 2), 90.0)]);
        assert_eq!(t.contributions(&x, &w, Pair::new(1, 1), 9).len(), 4);
        assert!(t.contributions(&x, &w, Pair::new(5, 0), 9).is_empty());
    }

    #[test]
    fn conv_partial_output() {
        let g = geometry(Op::Conv2d, Pair::new(4, 4), Pair::square(3), 1, 0);
        let x = Grid::from_vec(4, 4, (0..16).map(f64::from).collect()).unwrap();
        let w = Grid::filled(3, 3, 1.0);
        let t = Timeline::new(g);
        let full = conv2d_unchecked(&g, &x, &w);
        let p = t.partial_output(&x, &w, 1);
        assert_eq!(
            p,
            vec![Some(full.get(0, 0)), Some(full.get(0, 1)), None, None]
        );
        let done: Vec<f64> = t.partial_output(&x, &w, 4).into_iter().flatten().collect();
        assert_eq!(done, full.data());
        assert!(t.contributions(&x, &w, Pair::new(0, 0), 3).is_empty());
    }
}
