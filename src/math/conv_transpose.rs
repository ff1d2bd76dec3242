//! `conv_transpose2d`: PyTorch's `torch.nn.functional.conv_transpose2d` for
//! one channel, no bias, as a *scatter* loop — every input cell stamps the
//! kernel, scaled by its value, onto the output.
//!
//! ```text
//! for every input cell (ih, iw) and kernel tap (kh, kw):
//!     y[ih·s_h − p_h + kh·d_h,  iw·s_w − p_w + kw·d_w] += x[ih, iw] · w[kh, kw]
//!     (contributions landing outside the output are dropped: that is the padding)
//! o = (i−1)·s − 2p + d·(k−1) + output_padding + 1        per axis
//! ```
//!
//! Every input cell uses the same map `reach` as conv2d's output cells (see
//! [`Geometry::reach`]), so `conv_transpose2d(x) = Cᵀ·vec(x)` where
//! `conv2d(x) = C·vec(x)` — hence the name. The loop here computes it
//! directly, neither through conv2d nor through the matrix. See Dumoulin &
//! Visin, <https://arxiv.org/abs/1603.07285>, chapter 4.

use super::conv::assert_shapes;
use super::error::{ParamError, Role};
use super::grid::Grid;
use super::params::{ConvParams, Geometry, Op, Pair};

/// PyTorch `conv_transpose2d`, one channel, no bias; scatter loop.
///
/// ```text
/// y[ih·s−p+kh·d, iw·s−p+kw·d] += x[ih,iw] · w[kh,kw]   when inside the output
/// ```
///
/// The example of Dumoulin & Visin's guide, the transpose of its conv2d:
///
/// ```
/// use convt::math::{conv_transpose2d, ConvParams, Grid};
/// let x = Grid::from_rows(&[vec![2.0, 1.0], vec![4.0, 4.0]]).unwrap();
/// let w = Grid::from_rows(&[
///     vec![1.0, 4.0, 1.0],
///     vec![1.0, 4.0, 3.0],
///     vec![3.0, 3.0, 1.0],
/// ]).unwrap();
/// let y = conv_transpose2d(&x, &w, &ConvParams::default()).unwrap();
/// assert_eq!(y.to_rows(), vec![
///     vec![2.0, 9.0, 6.0, 1.0],
///     vec![6.0, 29.0, 30.0, 7.0],
///     vec![10.0, 29.0, 33.0, 13.0],
///     vec![12.0, 24.0, 16.0, 4.0],
/// ]);
/// ```
///
/// # Errors
///
/// The [`ParamError`] of [`Geometry::try_new`] for [`Op::ConvTranspose2d`]
/// with the grids' shapes, then [`ParamError::ValueNotFinite`] /
/// [`ParamError::ValueTooLarge`] for the input, then for the kernel. Never
/// panics.
pub fn conv_transpose2d(
    input: &Grid,
    kernel: &Grid,
    params: &ConvParams,
) -> Result<Grid, ParamError> {
    let g = Geometry::try_new(Op::ConvTranspose2d, input.shape(), kernel.shape(), *params)?;
    input.check_values(Role::Input)?;
    kernel.check_values(Role::Kernel)?;
    Ok(conv_transpose2d_unchecked(&g, input, kernel))
}

/// The scatter loop of [`conv_transpose2d`] without re-validation, for
/// callers that already hold a [`Geometry`] ("unchecked" means not
/// re-validated; it is safe code).
///
/// # Panics
///
/// If `g.op()` is not [`Op::ConvTranspose2d`], or the grids' shapes differ
/// from `g.input()` / `g.kernel()`.
pub fn conv_transpose2d_unchecked(g: &Geometry, input: &Grid, kernel: &Grid) -> Grid {
    scatter_prefix(g, input, kernel, g.input().area())
}

/// The scatter loop over the first `cells` input cells (row-major) only —
/// what the animation shows after `cells` steps. `cells >= input area` is the
/// full result.
///
/// # Panics
///
/// As [`conv_transpose2d_unchecked`].
pub(crate) fn scatter_prefix(g: &Geometry, input: &Grid, kernel: &Grid, cells: usize) -> Grid {
    assert!(
        g.op() == Op::ConvTranspose2d,
        "the scatter loop needs a conv_transpose2d geometry"
    );
    assert_shapes(g, input, kernel);
    let out_shape = g.output();
    let mut out = Grid::zeros(out_shape.h, out_shape.w);
    let cols = input.cols();
    for (i, &x) in input.data().iter().enumerate().take(cells) {
        let cell = Pair::new(i / cols, i % cols);
        for kh in 0..kernel.rows() {
            for kw in 0..kernel.cols() {
                if let Some(o) = g.reach_inside(cell, Pair::new(kh, kw)) {
                    let v = out.get(o.h, o.w) + x * kernel.get(kh, kw);
                    out.set(o.h, o.w, v);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stride_two_padding_one_output_padding() {
        // 2×2 input, 3×3 ones kernel, s=2, p=1, op=1: 4×4 output; each input
        // cell stamps a 3×3 block at (2ih − 1, 2iw − 1), clipped to the output.
        let x = Grid::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let w = Grid::filled(3, 3, 1.0);
        let p = ConvParams {
            stride: Pair::square(2),
            padding: Pair::square(1),
            output_padding: Pair::square(1),
            ..ConvParams::default()
        };
        let y = conv_transpose2d(&x, &w, &p).unwrap();
        assert_eq!(
            y.to_rows(),
            vec![
                vec![1.0, 3.0, 2.0, 2.0],
                vec![4.0, 10.0, 6.0, 6.0],
                vec![3.0, 7.0, 4.0, 4.0],
                vec![3.0, 7.0, 4.0, 4.0],
            ]
        );
    }

    #[test]
    fn prefix_of_the_scatter() {
        let x = Grid::from_rows(&[vec![1.0, 2.0]]).unwrap();
        let w = Grid::from_rows(&[vec![1.0, 10.0]]).unwrap();
        let g = Geometry::try_new(
            Op::ConvTranspose2d,
            x.shape(),
            w.shape(),
            ConvParams::default(),
        )
        .unwrap();
        assert_eq!(scatter_prefix(&g, &x, &w, 1).data(), &[1.0, 10.0, 0.0]);
        assert_eq!(scatter_prefix(&g, &x, &w, 9).data(), &[1.0, 12.0, 20.0]);
    }
}
