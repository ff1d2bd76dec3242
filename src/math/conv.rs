//! `conv2d`: PyTorch's `torch.nn.functional.conv2d` for one channel, no bias,
//! as a *gather* loop — every output cell reads the input cells under the
//! kernel (a cross-correlation: the kernel is not flipped).
//!
//! ```text
//! y[oh, ow] = Σ_{kh, kw} w[kh, kw] · x[oh·s_h − p_h + kh·d_h,  ow·s_w − p_w + kw·d_w]
//!             (x = 0 outside the input: the padding)
//! o = floor((i + 2p − d·(k−1) − 1) / s) + 1        per axis
//! ```
//!
//! See Dumoulin & Visin, <https://arxiv.org/abs/1603.07285>, chapter 2.
//!
//! The crate-private `correlate` is the one gather kernel: conv2d uses it
//! directly, and [`ZeroInsertion`](super::ZeroInsertion) uses it with stride
//! 1 on its own zero-inserted, padded grid and the 180°-rotated kernel.

use super::error::{ParamError, Role};
use super::grid::Grid;
use super::params::{ConvParams, Geometry, Op, Pair};

/// PyTorch `conv2d` (cross-correlation), one channel, no bias; gather loop.
///
/// ```text
/// y[oh,ow] = Σ_{kh,kw} w[kh,kw] · x[oh·s−p+kh·d, ow·s−p+kw·d]   (x = 0 outside)
/// ```
///
/// The example of Dumoulin & Visin's guide (no padding, unit stride):
///
/// ```
/// use convt::math::{conv2d, ConvParams, Grid};
/// let x = Grid::from_rows(&[
///     vec![4.0, 5.0, 8.0, 7.0],
///     vec![1.0, 8.0, 8.0, 8.0],
///     vec![3.0, 6.0, 6.0, 4.0],
///     vec![6.0, 5.0, 7.0, 8.0],
/// ]).unwrap();
/// let w = Grid::from_rows(&[
///     vec![1.0, 4.0, 1.0],
///     vec![1.0, 4.0, 3.0],
///     vec![3.0, 3.0, 1.0],
/// ]).unwrap();
/// let y = conv2d(&x, &w, &ConvParams::default()).unwrap();
/// assert_eq!(y.to_rows(), vec![vec![122.0, 148.0], vec![126.0, 134.0]]);
/// ```
///
/// # Errors
///
/// The [`ParamError`] of [`Geometry::try_new`] for [`Op::Conv2d`] with the
/// grids' shapes, then [`ParamError::ValueNotFinite`] /
/// [`ParamError::ValueTooLarge`] for the input, then for the kernel. Never
/// panics.
pub fn conv2d(input: &Grid, kernel: &Grid, params: &ConvParams) -> Result<Grid, ParamError> {
    let g = Geometry::try_new(Op::Conv2d, input.shape(), kernel.shape(), *params)?;
    input.check_values(Role::Input)?;
    kernel.check_values(Role::Kernel)?;
    Ok(conv2d_unchecked(&g, input, kernel))
}

/// The gather loop of [`conv2d`] without re-validation, for callers that
/// already hold a [`Geometry`] ("unchecked" means not re-validated; it is
/// safe code).
///
/// # Panics
///
/// If `g.op()` is not [`Op::Conv2d`], or the grids' shapes differ from
/// `g.input()` / `g.kernel()`.
pub fn conv2d_unchecked(g: &Geometry, input: &Grid, kernel: &Grid) -> Grid {
    assert!(
        g.op() == Op::Conv2d,
        "conv2d_unchecked needs a conv2d geometry"
    );
    assert_shapes(g, input, kernel);
    let p = g.params();
    correlate(input, kernel, p.stride, p.padding, p.dilation, g.output())
}

/// Panics with a clear message when the grids do not fit the geometry.
pub(crate) fn assert_shapes(g: &Geometry, input: &Grid, kernel: &Grid) {
    // `assert!` with `Display`, not `assert_eq!`: its `Debug` output would
    // put the formatting code of `Debug` in the wasm for a message that
    // validated input never shows.
    let (shape, expected) = (input.shape(), g.input());
    assert!(
        shape == expected,
        "input shape {shape} differs from the geometry's {expected}"
    );
    let (shape, expected) = (kernel.shape(), g.kernel());
    assert!(
        shape == expected,
        "kernel shape {shape} differs from the geometry's {expected}"
    );
}

/// The gather kernel: an `output`-shaped cross-correlation of `input` with
/// `kernel`, reading zeros outside `input`.
///
/// ```text
/// out[oh, ow] = Σ kernel[kh, kw] · input[oh·s_h − p_h + kh·d_h, ow·s_w − p_w + kw·d_w]
/// ```
pub(crate) fn correlate(
    input: &Grid,
    kernel: &Grid,
    stride: Pair,
    padding: Pair,
    dilation: Pair,
    output: Pair,
) -> Grid {
    let mut out = Grid::zeros(output.h, output.w);
    for oh in 0..output.h {
        for ow in 0..output.w {
            let v = correlate_cell(input, kernel, stride, padding, dilation, Pair::new(oh, ow));
            out.set(oh, ow, v);
        }
    }
    out
}

/// One output cell of [`correlate`]; the timeline uses it to show a partly
/// computed conv2d without computing the rest.
pub(crate) fn correlate_cell(
    input: &Grid,
    kernel: &Grid,
    stride: Pair,
    padding: Pair,
    dilation: Pair,
    cell: Pair,
) -> f64 {
    // Every quantity is bounded by the caps (or by the zero-insertion grid,
    // itself a few hundred cells), so plain i64 arithmetic cannot overflow.
    let base_h = cell.h as i64 * stride.h as i64 - padding.h as i64;
    let base_w = cell.w as i64 * stride.w as i64 - padding.w as i64;
    let (rows, cols) = (input.rows() as i64, input.cols() as i64);
    let (x, w, k_cols) = (input.data(), kernel.data(), kernel.cols());
    let mut sum = 0.0;
    for (kh, w_row) in w.chunks_exact(k_cols).enumerate() {
        let ih = base_h + kh as i64 * dilation.h as i64;
        if !(0..rows).contains(&ih) {
            continue;
        }
        let x_row = &x[ih as usize * input.cols()..][..input.cols()];
        for (kw, &wv) in w_row.iter().enumerate() {
            let iw = base_w + kw as i64 * dilation.w as i64;
            if (0..cols).contains(&iw) {
                sum += wv * x_row[iw as usize];
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::error::ParamError;
    use crate::math::params::Axis;

    fn grid(rows: &[&[f64]]) -> Grid {
        Grid::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn stride_padding_dilation() {
        let x = grid(&[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0], &[7.0, 8.0, 9.0]]);
        let w = grid(&[&[1.0, 0.0], &[0.0, 2.0]]);
        let p = ConvParams {
            stride: Pair::new(2, 1),
            padding: Pair::new(1, 0),
            ..ConvParams::default()
        };
        // Rows: (3 + 2 − 1 − 1)/2 + 1 = 2; cols: 3 − 1 = 2.
        let y = conv2d(&x, &w, &p).unwrap();
        // oh=0 reads input rows −1 and 0; oh=1 reads rows 1 and 2.
        assert_eq!(
            y.to_rows(),
            vec![vec![4.0, 6.0], vec![4.0 + 16.0, 5.0 + 18.0]]
        );
        let d = ConvParams {
            dilation: Pair::square(2),
            ..ConvParams::default()
        };
        assert_eq!(
            conv2d(&x, &w, &d).unwrap().to_rows(),
            vec![vec![1.0 + 18.0]]
        );
    }

    #[test]
    fn errors_never_panic() {
        let x = Grid::filled(2, 2, 1.0);
        let mut w = Grid::filled(3, 3, 1.0);
        assert_eq!(
            conv2d(&x, &w, &ConvParams::default()),
            Err(ParamError::EmptyOutput {
                axis: Axis::H,
                size: 0
            })
        );
        w.set(1, 1, f64::INFINITY);
        let p = ConvParams {
            padding: Pair::square(1),
            ..ConvParams::default()
        };
        assert_eq!(
            conv2d(&x, &w, &p),
            Err(ParamError::ValueNotFinite {
                role: Role::Kernel,
                row: 1,
                col: 1
            })
        );
        assert!(conv2d(&Grid::zeros(0, 0), &w, &p).is_err());
    }
}
