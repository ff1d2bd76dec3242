//! [`ZeroInsertion`]: conv_transpose2d computed as an ordinary stride-1
//! convolution — insert `s−1` zeros between input cells, pad (or crop) the
//! borders, and correlate with the kernel rotated by 180°.
//!
//! Per axis, with input length `i`, kernel `k`, stride `s`, padding `p`,
//! output padding `op` and dilation `d`:
//!
//! ```text
//! stretched:  length (i−1)·s + 1,  stretched[j·s] = x[j], 0 elsewhere
//! before = d·(k−1) − p              (negative: crop that many from the start)
//! after  = d·(k−1) − p + op         (negative: crop that many from the end)
//! padded[j] = stretched[j − before] (0 outside), length stretched + before + after
//! output = correlate(padded, rotated_180(w), stride 1, dilation d)
//!        == conv_transpose2d(x, w)
//! window(o) = the taps padded[o + t·d] · rotated_180(w)[t]   (t row-major;
//!             their products sum to output[o])
//! ```
//!
//! Why it agrees: `output[o] = Σ_t w[k−1−t] · stretched[o + t·d − before]`;
//! substituting `u = k−1−t` the stretched index is `o − u·d + p`, non-zero
//! only at `i·s`, i.e. exactly where the scatter loop sends `x[i]·w[u]` to
//! `o = i·s − p + u·d`. It is Dumoulin & Visin's view of the transposed
//! convolution (<https://arxiv.org/abs/1603.07285>, chapter 4), and shows
//! the cost: most multiplications hit inserted or padded zeros, counted by
//! `multiplications − nonzero_multiplications`.

use super::conv::{assert_shapes, correlate};
use super::grid::Grid;
use super::params::{Geometry, Op, Pair};

/// conv_transpose2d as a stride-1 correlation of the zero-inserted, padded
/// input with the 180°-rotated kernel, with every intermediate kept for
/// display.
///
/// ```
/// use convt::math::{ConvParams, Geometry, Grid, Op, ZeroInsertion};
/// let x = Grid::from_rows(&[vec![2.0, 1.0], vec![4.0, 4.0]]).unwrap();
/// let w = Grid::from_rows(&[vec![1.0, 4.0, 1.0], vec![1.0, 4.0, 3.0], vec![3.0, 3.0, 1.0]]).unwrap();
/// let g = Geometry::try_new(Op::ConvTranspose2d, x.shape(), w.shape(), ConvParams::default()).unwrap();
/// let z = ZeroInsertion::new(&g, &x, &w);
/// assert_eq!(z.padded.shape().h, 6);
/// assert_eq!(z.output.to_rows()[1], vec![6.0, 29.0, 30.0, 7.0]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ZeroInsertion {
    /// The input with `s−1` zeros between neighbours: `(i−1)·s + 1` per axis.
    pub stretched: Grid,
    /// Net border added before the stretched input, `d·(k−1) − p` per axis
    /// (h, w); negative means cropped.
    pub before: (i64, i64),
    /// Net border added after it, `d·(k−1) − p + output_padding` per axis
    /// (h, w); negative means cropped.
    pub after: (i64, i64),
    /// The stretched input shifted by `before`, of length
    /// `stretched + before + after` per axis.
    pub padded: Grid,
    /// The kernel rotated by 180°.
    pub flipped_kernel: Grid,
    /// The stride-1, dilation-d correlation of `padded` with
    /// `flipped_kernel`: equal to conv_transpose2d.
    pub output: Grid,
    /// Every multiplication the stride-1 correlation does:
    /// `output area · kernel area`.
    pub multiplications: usize,
    /// Those whose padded value comes from an input cell (the rest multiply
    /// an inserted or padded zero). Equals the non-zero count of C.
    pub nonzero_multiplications: usize,
    stride: Pair,
    /// The kernel's dilation, for [`ZeroInsertion::window`].
    dilation: Pair,
}

impl ZeroInsertion {
    /// Builds every stage for the transposed geometry `g`.
    ///
    /// # Panics
    ///
    /// If `g.op()` is not [`Op::ConvTranspose2d`] or the grids' shapes differ
    /// from `g.input()` / `g.kernel()` (callers validate first).
    pub fn new(g: &Geometry, input: &Grid, kernel: &Grid) -> ZeroInsertion {
        assert!(
            g.op() == Op::ConvTranspose2d,
            "zero insertion needs a conv_transpose2d geometry"
        );
        assert_shapes(g, input, kernel);
        let (inp, k, p) = (g.input(), g.kernel(), g.params());
        let stride = p.stride;

        let mut stretched = Grid::zeros((inp.h - 1) * stride.h + 1, (inp.w - 1) * stride.w + 1);
        for r in 0..inp.h {
            for c in 0..inp.w {
                stretched.set(r * stride.h, c * stride.w, input.get(r, c));
            }
        }

        // Within the caps every term is small, so i64 is exact.
        let border = |k: usize, d: usize, pad: usize| (d * (k - 1)) as i64 - pad as i64;
        let before = (
            border(k.h, p.dilation.h, p.padding.h),
            border(k.w, p.dilation.w, p.padding.w),
        );
        let after = (
            before.0 + p.output_padding.h as i64,
            before.1 + p.output_padding.w as i64,
        );
        // A valid geometry makes this output + d·(k−1) >= 1, never negative.
        let len = |stretched: usize, b: i64, a: i64| (stretched as i64 + b + a).max(0) as usize;
        let mut padded = Grid::zeros(
            len(stretched.rows(), before.0, after.0),
            len(stretched.cols(), before.1, after.1),
        );
        for r in 0..padded.rows() {
            for c in 0..padded.cols() {
                if let Some(v) = stretched.at(r as i64 - before.0, c as i64 - before.1) {
                    padded.set(r, c, v);
                }
            }
        }

        let flipped_kernel = kernel.rotated_180();
        let output = correlate(
            &padded,
            &flipped_kernel,
            Pair::square(1),
            Pair::square(0),
            p.dilation,
            g.output(),
        );

        let mut z = ZeroInsertion {
            stretched,
            before,
            after,
            padded,
            flipped_kernel,
            output,
            multiplications: g.output().area() * k.area(),
            nonzero_multiplications: 0,
            stride,
            dilation: p.dilation,
        };
        // Whether padded[r, c] is sourced separates into a row and a column
        // condition, so the count is a product of two per-axis counts.
        let hits = |out: usize, k: usize, d: usize, source: &dyn Fn(usize) -> bool| -> usize {
            (0..out)
                .map(|o| (0..k).filter(|&t| source(o + t * d)).count())
                .sum()
        };
        let out = g.output();
        let rows_hit = hits(out.h, k.h, p.dilation.h, &|r| z.source_row(r).is_some());
        let cols_hit = hits(out.w, k.w, p.dilation.w, &|c| z.source_col(c).is_some());
        z.nonzero_multiplications = rows_hit * cols_hit;
        z
    }

    /// The input cell that `padded[r, c]` holds, if any (`None` for inserted
    /// zeros, padding, and positions outside `padded`).
    pub fn source(&self, r: usize, c: usize) -> Option<Pair> {
        Some(Pair::new(self.source_row(r)?, self.source_col(c)?))
    }

    fn source_row(&self, r: usize) -> Option<usize> {
        source_axis(
            r,
            self.padded.rows(),
            self.before.0,
            self.stretched.rows(),
            self.stride.h,
        )
    }

    fn source_col(&self, c: usize) -> Option<usize> {
        source_axis(
            c,
            self.padded.cols(),
            self.before.1,
            self.stretched.cols(),
            self.stride.w,
        )
    }
}

/// One tap of the flipped kernel over the padded, stretched input, for one
/// output cell of [`ZeroInsertion::window`].
///
/// ```text
/// product = value · flipped_kernel[flipped] ,  value = padded[padded]
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZeroTap {
    /// Position in `padded` (row, column) the tap reads.
    pub padded: Pair,
    /// The flipped-kernel cell `(a, b)` of the tap.
    pub flipped: Pair,
    /// The padded value there (0 for an inserted or border zero).
    pub value: f64,
    /// `value · flipped_kernel[a, b]`.
    pub product: f64,
}

impl ZeroInsertion {
    /// The `k_h·k_w` taps, row-major over the flipped kernel, whose products
    /// sum to output cell `out` of the stride-1, dilation-`d` correlation:
    ///
    /// ```text
    /// tap (a, b):  padded[(out.h + a·d_h, out.w + b·d_w)] · flipped[a, b]
    /// output[out] = Σ_{a, b} product
    /// ```
    ///
    /// Empty if `out` lies outside the output. Every tap of an output cell
    /// lies inside `padded` (its length is `output + d·(k−1)` per axis);
    /// a position outside would read as 0, like the correlation.
    ///
    /// ```
    /// use convt::math::{ConvParams, Geometry, Grid, Op, Pair, ZeroInsertion};
    /// let x = Grid::from_rows(&[vec![2.0, 1.0], vec![4.0, 4.0]]).unwrap();
    /// let w = Grid::from_rows(&[vec![1.0, 4.0, 1.0], vec![1.0, 4.0, 3.0], vec![3.0, 3.0, 1.0]]).unwrap();
    /// let g = Geometry::try_new(Op::ConvTranspose2d, x.shape(), w.shape(), ConvParams::default()).unwrap();
    /// let z = ZeroInsertion::new(&g, &x, &w);
    /// let taps = z.window(Pair::new(1, 1));
    /// assert_eq!(taps.len(), 9);
    /// assert_eq!(taps.iter().map(|t| t.product).sum::<f64>(), 29.0);
    /// assert!(z.window(Pair::new(4, 0)).is_empty());
    /// ```
    pub fn window(&self, out: Pair) -> Vec<ZeroTap> {
        let shape = self.output_shape();
        if out.h >= shape.h || out.w >= shape.w {
            return Vec::new();
        }
        let k = self.flipped_kernel.shape();
        let mut taps = Vec::with_capacity(k.area());
        for a in 0..k.h {
            for b in 0..k.w {
                // Bounded by the output and kernel caps: no overflow.
                let padded = Pair::new(out.h + a * self.dilation.h, out.w + b * self.dilation.w);
                let value = self
                    .padded
                    .at(padded.h as i64, padded.w as i64)
                    .unwrap_or(0.0);
                taps.push(ZeroTap {
                    padded,
                    flipped: Pair::new(a, b),
                    value,
                    product: value * self.flipped_kernel.get(a, b),
                });
            }
        }
        taps
    }

    /// The output shape (`output.shape()`, equal to the geometry's).
    pub fn output_shape(&self) -> Pair {
        self.output.shape()
    }
}

/// Which input index padded position `pos` holds on one axis, if any.
fn source_axis(
    pos: usize,
    padded: usize,
    before: i64,
    stretched: usize,
    stride: usize,
) -> Option<usize> {
    if pos >= padded {
        return None;
    }
    let j = usize::try_from(i64::try_from(pos).ok()? - before).ok()?;
    (j < stretched && j % stride == 0).then_some(j / stride)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::params::ConvParams;
    use crate::math::{conv_transpose2d_unchecked, ConvMatrix};

    #[test]
    fn article_example() {
        let x = Grid::from_rows(&[vec![2.0, 1.0], vec![4.0, 4.0]]).unwrap();
        let w = Grid::from_rows(&[
            vec![1.0, 4.0, 1.0],
            vec![1.0, 4.0, 3.0],
            vec![3.0, 3.0, 1.0],
        ])
        .unwrap();
        let g = Geometry::try_new(
            Op::ConvTranspose2d,
            x.shape(),
            w.shape(),
            ConvParams::default(),
        )
        .unwrap();
        let z = ZeroInsertion::new(&g, &x, &w);
        assert_eq!(z.stretched, x);
        assert_eq!((z.before, z.after), ((2, 2), (2, 2)));
        assert_eq!(z.padded.shape(), Pair::square(6));
        assert_eq!(z.padded.get(2, 2), 2.0);
        assert_eq!(z.padded.get(3, 3), 4.0);
        assert_eq!(z.source(3, 2), Some(Pair::new(1, 0)));
        assert_eq!(z.source(1, 2), None);
        assert_eq!(z.flipped_kernel.get(0, 0), 1.0);
        assert_eq!(z.flipped_kernel.get(0, 2), 3.0);
        assert_eq!(
            z.output.to_rows(),
            vec![
                vec![2.0, 9.0, 6.0, 1.0],
                vec![6.0, 29.0, 30.0, 7.0],
                vec![10.0, 29.0, 33.0, 13.0],
                vec![12.0, 24.0, 16.0, 4.0],
            ]
        );
        assert_eq!(z.multiplications, 16 * 9);
        assert_eq!(z.nonzero_multiplications, 4 * 9);
    }

    #[test]
    fn stride_crop_and_output_padding() {
        // p > d·(k−1) makes before negative: the stretched input is cropped.
        let p = ConvParams {
            stride: Pair::new(3, 2),
            padding: Pair::new(3, 1),
            output_padding: Pair::new(2, 1),
            dilation: Pair::new(1, 2),
        };
        let x = Grid::from_vec(3, 4, (1..=12).map(f64::from).collect()).unwrap();
        let w = Grid::from_vec(3, 2, vec![1.0, -2.0, 0.5, 3.0, -1.0, 2.0]).unwrap();
        let g = Geometry::try_new(Op::ConvTranspose2d, x.shape(), w.shape(), p).unwrap();
        let z = ZeroInsertion::new(&g, &x, &w);
        assert_eq!(z.before, (-1, 1));
        assert_eq!(z.after, (1, 2));
        assert_eq!(z.stretched.shape(), Pair::new(7, 7));
        assert_eq!(z.padded.shape(), Pair::new(7, 10));
        assert_eq!(z.source(2, 1), Some(Pair::new(1, 0)));
        assert_eq!(z.output, conv_transpose2d_unchecked(&g, &x, &w));
        assert_eq!(z.nonzero_multiplications, ConvMatrix::new(&g).nnz());
    }
}
