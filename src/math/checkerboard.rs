//! Why transposed convolution makes checkerboard artifacts, and what the
//! resize-convolution alternative does instead (Odena, Dumoulin & Olah,
//! *Deconvolution and Checkerboard Artifacts*, Distill 2016,
//! <https://distill.pub/2016/deconv-checkerboard/>).
//!
//! Every input cell of `conv_transpose2d` stamps the whole kernel onto the
//! output. How many stamps cover an output cell is the *overlap map*: the
//! transposed convolution of an all-ones input with an all-ones kernel.
//!
//! ```text
//! overlap[o_h, o_w] = #{ (i, t) : i·s − p + t·d = o }      (per axis, then multiplied)
//!                   = rows[o_h] · cols[o_w]                 (separable)
//! rows[o] = #{ (i, t) : 0 ≤ i < in, 0 ≤ t < k, i·s − p + t·d = o }
//! ```
//!
//! Away from the borders every tap position can contribute — the *interior*
//!
//! ```text
//! interior:  o + p ≥ d·(k−1)   and   o + p ≤ (in−1)·s
//! ```
//!
//! — and there the count depends only on the phase `(o + p) mod s`:
//!
//! ```text
//! rows[o] = #{ t < k : t·d ≡ o + p  (mod s) }
//! ```
//!
//! With dilation 1 this is the same for every phase exactly when `k mod s
//! = 0`: `k = 3, s = 2` alternates 2, 1, 2, 1 (a checkerboard in 2-D),
//! `k = 4, s = 2` is 2 everywhere. A flat image therefore comes out striped
//! unless the kernel happens to balance the phases:
//!
//! ```text
//! constant_response = conv_transpose2d(ones(in), w)
//! ```
//!
//! The article's alternative resizes first (nearest or bilinear, as
//! PyTorch's `F.interpolate`) and then runs a stride-1 "same" convolution,
//! whose overlap is `k_h·k_w` on the whole interior:
//!
//! ```text
//! nearest:   src = floor(dst·in/out)
//! bilinear:  src = max(0, (dst + 0.5)·in/out − 0.5)          (align_corners = False)
//!            y = (1−λ)·x[floor(src)] + λ·x[min(floor(src)+1, in−1)],  λ = src − floor(src)
//! same pad:  before = (k−1)/2 (floor),  after = k−1−before
//! resize_conv(x)[o] = Σ_t w[t] · resized[o − before + t]     (0 outside)
//! ```

use super::conv::correlate;
use super::conv_transpose::conv_transpose2d_unchecked;
use super::grid::Grid;
use super::params::{Axis, Geometry, Op, Pair, WideUnsigned};

/// How many kernel taps land on each output cell of the transposed
/// convolution (= `conv_transpose2d` of an all-ones input with an all-ones
/// kernel), counted directly by visiting every input cell and every tap.
///
/// ```text
/// overlap[o] = #{ (input cell i, tap t) : i·s − p + t·d = o }
/// ```
///
/// ```
/// use convt::math::{overlap_map, ConvParams, Geometry, Op, Pair};
/// let p = ConvParams { stride: Pair::square(2), ..ConvParams::default() };
/// let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(3), Pair::square(3), p).unwrap();
/// let m = overlap_map(&g);
/// assert_eq!(m.shape(), Pair::square(7));
/// assert_eq!(m.to_rows()[2], vec![2.0, 2.0, 4.0, 2.0, 4.0, 2.0, 2.0]);
/// ```
///
/// # Panics
///
/// If `g.op()` is not [`Op::ConvTranspose2d`].
pub fn overlap_map(g: &Geometry) -> Grid {
    assert!(
        g.op() == Op::ConvTranspose2d,
        "the overlap map needs a conv_transpose2d geometry"
    );
    let (inp, k, out) = (g.input(), g.kernel(), g.output());
    let mut map = Grid::zeros(out.h, out.w);
    for ih in 0..inp.h {
        for iw in 0..inp.w {
            for kh in 0..k.h {
                for kw in 0..k.w {
                    if let Some(o) = g.reach_inside(Pair::new(ih, iw), Pair::new(kh, kw)) {
                        map.set(o.h, o.w, map.get(o.h, o.w) + 1.0);
                    }
                }
            }
        }
    }
    map
}

/// `conv_transpose2d` of an all-ones input with `kernel`: what a flat image
/// becomes. Uneven overlap shows up here as stripes or a checkerboard unless
/// the kernel's weights happen to balance the phases.
///
/// ```text
/// constant_response[o] = Σ_{(i, t) : i·s − p + t·d = o} w[t]
/// ```
///
/// # Panics
///
/// If `g.op()` is not [`Op::ConvTranspose2d`] or `kernel.shape()` differs
/// from `g.kernel()`.
pub fn constant_response(g: &Geometry, kernel: &Grid) -> Grid {
    let inp = g.input();
    conv_transpose2d_unchecked(g, &Grid::filled(inp.h, inp.w, 1.0), kernel)
}

/// The interpolation of [`resize`], as PyTorch's `F.interpolate` modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Resize {
    /// `mode="nearest"`: copy the source cell `floor(dst·in/out)`.
    #[default]
    Nearest,
    /// `mode="bilinear", align_corners=False`: blend the two nearest source
    /// cells on each axis.
    Bilinear,
}

/// Resizes `input` to shape `out` as PyTorch's `F.interpolate` does, per
/// axis:
///
/// ```text
/// Nearest:   src = floor(dst·in/out)
/// Bilinear:  src = max(0, (dst + 0.5)·in/out − 0.5)      (align_corners = False)
///            i0 = floor(src), i1 = min(i0 + 1, in − 1), λ = src − i0
///            value = (1−λ)·x[i0] + λ·x[i1]               (then the same across the other axis)
/// ```
///
/// Nearest uses exact integer arithmetic; PyTorch computes `dst·scale` in
/// `f32`, which can only differ when `dst·in/out` is an exact integer that
/// `f32` rounds down — never within the app's sizes.
///
/// An empty `out` gives an empty grid; an empty `input` gives zeros of shape
/// `out` (there is nothing to sample).
///
/// ```
/// use convt::math::{resize, Grid, Pair, Resize};
/// let x = Grid::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
/// let y = resize(&x, Pair::square(4), Resize::Bilinear);
/// assert_eq!(y.to_rows()[0], vec![1.0, 1.25, 1.75, 2.0]);
/// let n = resize(&x, Pair::new(1, 4), Resize::Nearest);
/// assert_eq!(n.data(), &[1.0, 1.0, 2.0, 2.0]);
/// ```
///
/// # Panics
///
/// If `out.h · out.w` overflows `usize` or cannot be allocated (as
/// [`Grid::zeros`]).
pub fn resize(input: &Grid, out: Pair, mode: Resize) -> Grid {
    let mut y = Grid::zeros(out.h, out.w);
    if input.is_empty() || y.is_empty() {
        return y;
    }
    // The map is separable: compute each axis' sources once.
    let rows = axis_sources(input.rows(), out.h, mode);
    let cols = axis_sources(input.cols(), out.w, mode);
    for (r, &(r0, r1, lr)) in rows.iter().enumerate() {
        for (c, &(c0, c1, lc)) in cols.iter().enumerate() {
            let top = lerp(input.get(r0, c0), input.get(r0, c1), lc);
            let bottom = lerp(input.get(r1, c0), input.get(r1, c1), lc);
            y.set(r, c, lerp(top, bottom, lr));
        }
    }
    y
}

/// `(1−λ)·a + λ·b`, written so that `λ = 0` returns `a` exactly (nearest
/// mode, and bilinear on exact source positions).
fn lerp(a: f64, b: f64, lambda: f64) -> f64 {
    if lambda == 0.0 {
        a
    } else {
        (1.0 - lambda) * a + lambda * b
    }
}

/// For every destination index on one axis: the two source indices and the
/// weight `λ` of the second. `input >= 1`.
fn axis_sources(input: usize, out: usize, mode: Resize) -> Vec<(usize, usize, f64)> {
    let last = input - 1;
    (0..out)
        .map(|dst| match mode {
            Resize::Nearest => {
                // floor(dst·in/out) < in since dst < out; the min only guards.
                let src =
                    (dst as WideUnsigned * input as WideUnsigned / out as WideUnsigned) as usize;
                (src.min(last), src.min(last), 0.0)
            }
            Resize::Bilinear => {
                let scale = input as f64 / out as f64;
                let src = ((dst as f64 + 0.5) * scale - 0.5).max(0.0);
                // src < in − 0.5, so the floor is a valid index; min guards.
                let i0 = (src.floor() as usize).min(last);
                let i1 = (i0 + 1).min(last);
                let lambda = if i0 == i1 { 0.0 } else { src - i0 as f64 };
                (i0, i1, lambda)
            }
        })
        .collect()
}

/// The "same" zero padding before a stride-1 correlation with a kernel of
/// length `k`: `(k−1)/2` before, the rest after.
fn same_before(kernel: Pair) -> Pair {
    Pair::new(
        kernel.h.saturating_sub(1) / 2,
        kernel.w.saturating_sub(1) / 2,
    )
}

/// Resize to `out`, then a stride-1, dilation-1 correlation with `kernel`
/// with zero "same" padding, so the result has shape `out` — the Distill
/// article's recommended alternative to transposed convolution (Odena et al.
/// 2016).
///
/// ```text
/// before = (k−1)/2,  after = k−1−before              (per axis)
/// y[o] = Σ_t w[t] · resize(x, out)[o − before + t]    (0 outside)
/// ```
///
/// An empty `kernel` gives zeros of shape `out`.
///
/// # Panics
///
/// As [`resize`].
pub fn resize_conv(input: &Grid, kernel: &Grid, out: Pair, mode: Resize) -> Grid {
    let resized = resize(input, out, mode);
    if kernel.is_empty() {
        return Grid::zeros(out.h, out.w);
    }
    correlate(
        &resized,
        kernel,
        Pair::square(1),
        same_before(kernel.shape()),
        Pair::square(1),
        out,
    )
}

/// How many kernel taps land on each cell for [`resize_conv`]: an all-ones
/// kernel of shape `kernel` over an all-ones resized grid of shape `out`,
/// with the same "same" padding. `k_h·k_w` everywhere except within
/// `(k−1)/2` of a border.
///
/// ```
/// use convt::math::{resize_conv_overlap, Pair};
/// let m = resize_conv_overlap(Pair::square(3), Pair::square(4));
/// assert_eq!(m.to_rows()[1], vec![6.0, 9.0, 9.0, 6.0]);
/// ```
///
/// # Panics
///
/// If `out.h · out.w` or `kernel.h · kernel.w` overflows `usize` or cannot
/// be allocated.
pub fn resize_conv_overlap(kernel: Pair, out: Pair) -> Grid {
    let ones = Grid::filled(kernel.h, kernel.w, 1.0);
    resize_conv(
        &Grid::filled(out.h, out.w, 1.0),
        &ones,
        out,
        Resize::Nearest,
    )
}

/// The verdict on one axis of an overlap map: is the interior profile flat,
/// and if not, what repeats.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisEvenness {
    /// Whether every interior value on this axis' profile is the same
    /// (vacuously `true` for an empty interior).
    pub even: bool,
    /// The repeating pattern of the interior profile: one period, indexed by
    /// the phase `(o + p) mod s` — so `pattern[0]` is the count where input
    /// cells land with their first tap (e.g. `[2.0, 1.0]` for `k = 3, s = 2`
    /// at any padding). The single value when even; only the phases the
    /// interior contains when it is shorter than the stride; empty for an
    /// empty interior.
    pub pattern: Vec<f64>,
    /// Smallest interior value (0 for an empty interior).
    pub min: f64,
    /// Largest interior value (0 for an empty interior).
    pub max: f64,
    /// The interior index range `[start, end)` used on this axis; `start ==
    /// end` when the output is too small to have one.
    pub interior: (usize, usize),
}

/// Per-axis evenness of an overlap map, `[H, W]`, judged from the map
/// itself.
///
/// The overlap map of a transposed convolution is separable,
/// `map[i][j] = rows[i]·cols[j]`. The row profile is read off the map along
/// the column `j*` with the most taps (the first such column inside the
/// width's interior when it has one), divided by that column's tap count —
/// counted directly from the geometry, never from a closed formula; likewise
/// for the columns. Evenness is judged on the interior
///
/// ```text
/// o + p ≥ d·(k−1)   and   o + p ≤ (in−1)·s        (every tap position can contribute)
/// ```
///
/// With dilation 1 an axis is even iff `k mod s = 0`; with dilation the
/// phases can even be empty (`k = 4, s = 2, d = 2` gives `[4, 0]`).
///
/// `g` is the transposed geometry whose map `overlap` is; values outside
/// `overlap` (a map of another shape) read as 0. If a whole axis of the map
/// has no taps, the map is all zeros and the other axis' profile is 0.
///
/// ```
/// use convt::math::{evenness, overlap_map, ConvParams, Geometry, Op, Pair};
/// let p = ConvParams { stride: Pair::square(2), ..ConvParams::default() };
/// let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(4), Pair::square(3), p).unwrap();
/// let [h, w] = evenness(&g, &overlap_map(&g));
/// assert!(!h.even);
/// assert_eq!(h.pattern, vec![2.0, 1.0]);
/// assert_eq!((h.min, h.max, h.interior), (1.0, 2.0, (2, 7)));
/// assert_eq!(w, h);
/// ```
///
/// Never panics.
pub fn evenness(g: &Geometry, overlap: &Grid) -> [AxisEvenness; 2] {
    let counts = [axis_counts(g, Axis::H), axis_counts(g, Axis::W)];
    let interiors = [interior(g, Axis::H), interior(g, Axis::W)];
    let value = |r: usize, c: usize| -> f64 {
        match (i64::try_from(r), i64::try_from(c)) {
            (Ok(r), Ok(c)) => overlap.at(r, c).unwrap_or(0.0),
            _ => 0.0,
        }
    };
    // The line through the other axis at its best-covered index.
    let line = |other: usize| -> Option<(usize, f64)> {
        best_covered(&counts[other], interiors[other]).map(|(j, n)| (j, n as f64))
    };
    let profile = |axis: usize| -> Vec<f64> {
        let len = counts[axis].len();
        match line(1 - axis) {
            Some((j, n)) => (0..len)
                .map(|i| {
                    let v = if axis == 0 { value(i, j) } else { value(j, i) };
                    v / n
                })
                .collect(),
            None => vec![0.0; len],
        }
    };
    let judge = |axis: usize| -> AxisEvenness {
        let ax = Axis::BOTH[axis];
        let p = g.params();
        judge_axis(
            &profile(axis),
            interiors[axis],
            p.stride.get(ax),
            p.padding.get(ax),
        )
    };
    [judge(0), judge(1)]
}

/// The index of `counts` that the most taps reach, the first of them, within
/// `interior` (`[start, end)`) or, if none there is reached, anywhere; with
/// its count. `None` when no tap lands at all.
fn best_covered(counts: &[usize], (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let best = |range: std::ops::Range<usize>| {
        range
            .filter_map(|j| counts.get(j).map(|&n| (j, n)))
            .filter(|&(_, n)| n > 0)
            // max_by_key keeps the last maximum; reverse to keep the first.
            .rev()
            .max_by_key(|&(_, n)| n)
    };
    best(start..end).or_else(|| best(0..counts.len()))
}

/// The output row whose profile shows the width axis' pattern: the interior
/// row the most taps reach (the first of them), as [`evenness`] reads the
/// width axis along. A row in the middle can be one no tap reaches (with
/// dilation 2 and stride 2 every other row is), and its profile would be
/// flat zeros. Row 0 when no tap lands at all.
///
/// ```
/// use convt::math::{profile_row, ConvParams, Geometry, Op, Pair};
/// let p = ConvParams {
///     stride: Pair::square(2),
///     padding: Pair::square(1),
///     output_padding: Pair::square(1),
///     dilation: Pair::square(2),
/// };
/// let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(3), Pair::square(2), p).unwrap();
/// // Output 6×6; taps land on rows 1, 3 and 5 only (row 2, the middle, gets none).
/// assert_eq!(g.output(), Pair::square(6));
/// assert_eq!(profile_row(&g), 1);
/// ```
///
/// Never panics.
pub fn profile_row(g: &Geometry) -> usize {
    best_covered(&axis_counts(g, Axis::H), interior(g, Axis::H)).map_or(0, |(row, _)| row)
}

/// Taps landing on each output index of one axis, counted over every input
/// index and tap (the 1-D overlap).
fn axis_counts(g: &Geometry, axis: Axis) -> Vec<usize> {
    let (inp, k, out) = (
        g.input().get(axis),
        g.kernel().get(axis),
        g.output().get(axis),
    );
    let mut counts = vec![0usize; out];
    for i in 0..inp {
        for t in 0..k {
            let (cell, weight) = match axis {
                Axis::H => (Pair::new(i, 0), Pair::new(t, 0)),
                Axis::W => (Pair::new(0, i), Pair::new(0, t)),
            };
            let (h, w) = g.reach(cell, weight);
            let o = if axis == Axis::H { h } else { w };
            if let Some(n) = usize::try_from(o).ok().and_then(|o| counts.get_mut(o)) {
                *n += 1;
            }
        }
    }
    counts
}

/// The interior `[start, end)` on one axis, clipped to the output; `start
/// == end` when empty.
///
/// ```text
/// start = max(0, d·(k−1) − p),   end = min(out, (in−1)·s − p + 1)
/// ```
fn interior(g: &Geometry, axis: Axis) -> (usize, usize) {
    let p = g.params();
    // Within the caps every term is far below 2⁶³.
    let (i, k, s, pad, d) = (
        g.input().get(axis) as i64,
        g.kernel().get(axis) as i64,
        p.stride.get(axis) as i64,
        p.padding.get(axis) as i64,
        p.dilation.get(axis) as i64,
    );
    let out = g.output().get(axis) as i64;
    let start = (d * (k - 1) - pad).clamp(0, out);
    let end = ((i - 1) * s - pad + 1).clamp(start, out);
    (start as usize, end as usize)
}

/// The verdict on one axis' profile over `interior`.
fn judge_axis(
    profile: &[f64],
    interior: (usize, usize),
    stride: usize,
    padding: usize,
) -> AxisEvenness {
    let (start, end) = interior;
    let values = profile.get(start..end).unwrap_or(&[]);
    if values.is_empty() {
        return AxisEvenness {
            even: true,
            pattern: Vec::new(),
            min: 0.0,
            max: 0.0,
            interior,
        };
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Counts are small integers, so exact equality is right for a true
    // overlap map; the tolerance only absorbs rounding in foreign maps.
    let even = max - min <= 1e-9 * max.abs().max(1.0);
    let pattern = if even {
        vec![min]
    } else {
        let stride = stride.max(1);
        let mut by_phase: Vec<Option<f64>> = vec![None; stride];
        for (o, &v) in (start..end).zip(values) {
            let slot = &mut by_phase[(o + padding) % stride];
            if slot.is_none() {
                *slot = Some(v);
            }
        }
        by_phase.into_iter().flatten().collect()
    };
    AxisEvenness {
        even,
        pattern,
        min,
        max,
        interior,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::params::ConvParams;

    fn geometry(i: usize, k: usize, s: usize, p: usize, d: usize) -> Geometry {
        let params = ConvParams {
            stride: Pair::square(s),
            padding: Pair::square(p),
            dilation: Pair::square(d),
            ..ConvParams::default()
        };
        Geometry::try_new(
            Op::ConvTranspose2d,
            Pair::square(i),
            Pair::square(k),
            params,
        )
        .unwrap()
    }

    #[test]
    fn one_axis_counts_and_interior() {
        let g = geometry(3, 3, 2, 0, 1);
        assert_eq!(axis_counts(&g, Axis::H), vec![1, 1, 2, 1, 2, 1, 1]);
        assert_eq!(interior(&g, Axis::W), (2, 5));
        // Padding larger than the reach clips both ends.
        let g = geometry(2, 1, 3, 1, 1);
        assert_eq!(g.output(), Pair::square(2));
        assert_eq!(interior(&g, Axis::H), (0, 2));
    }

    #[test]
    fn no_taps_at_all() {
        // in 1, k 2, d 3, p 1: taps reach −1 and 2, the output is 0..2.
        let g = geometry(1, 2, 1, 1, 3);
        let m = overlap_map(&g);
        assert!(m.data().iter().all(|&v| v == 0.0));
        let [h, _] = evenness(&g, &m);
        assert_eq!(h.interior.0, h.interior.1);
        assert!(h.even && h.pattern.is_empty());
    }

    #[test]
    fn axis_sources_bilinear_edges() {
        let s = axis_sources(2, 4, Resize::Bilinear);
        assert_eq!(
            s,
            vec![(0, 1, 0.0), (0, 1, 0.25), (0, 1, 0.75), (1, 1, 0.0)]
        );
        let s = axis_sources(3, 2, Resize::Nearest);
        assert_eq!(s, vec![(0, 0, 0.0), (1, 1, 0.0)]);
    }
}
