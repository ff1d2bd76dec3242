//! Shapes, parameters and the validated [`Geometry`] of one convolution.
//!
//! Every parameter is per axis (`h`, `w`), as in PyTorch. The output length
//! on one axis, with input length `i`, kernel `k`, stride `s`, padding `p`,
//! output padding `op` and dilation `d` (Dumoulin & Visin, *A guide to
//! convolution arithmetic for deep learning*, <https://arxiv.org/abs/1603.07285>):
//!
//! ```text
//! conv2d:            o = floor((i + 2p − d·(k−1) − 1) / s) + 1
//! conv_transpose2d:  o = (i−1)·s − 2p + d·(k−1) + op + 1
//! ```
//!
//! Both operations pair a *few* side with a *many* side through the same
//! map: few-side cell `f` and kernel tap `t` meet many-side cell
//!
//! ```text
//! reach(f, t) = f·s − p + t·d        (per axis)
//! ```
//!
//! conv2d gathers: few = output, many = input. conv_transpose2d scatters:
//! few = input, many = output. That shared map is why
//! `conv_transpose2d` is multiplication by the transpose of conv2d's matrix.

use std::fmt;

use super::caps::{MAX_DILATION, MAX_INPUT, MAX_KERNEL, MAX_OUTPUT, MAX_PADDING, MAX_STRIDE};
use super::error::ParamError;

/// A (height, width) pair: a shape, a cell position or a per-axis parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pair {
    /// Height / row.
    pub h: usize,
    /// Width / column.
    pub w: usize,
}

impl Pair {
    /// `Pair { h, w }`.
    pub const fn new(h: usize, w: usize) -> Pair {
        Pair { h, w }
    }

    /// The same value on both axes.
    pub const fn square(n: usize) -> Pair {
        Pair { h: n, w: n }
    }

    /// The value on `axis`.
    pub fn get(self, axis: Axis) -> usize {
        match axis {
            Axis::H => self.h,
            Axis::W => self.w,
        }
    }

    /// `h · w` (saturating, so absurd shapes never overflow).
    pub fn area(self) -> usize {
        self.h.saturating_mul(self.w)
    }
}

impl fmt::Display for Pair {
    /// `"h×w"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{}", self.h, self.w)
    }
}

/// One of the two spatial axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Axis {
    /// Height (rows).
    H,
    /// Width (columns).
    W,
}

impl Axis {
    /// Both axes, height first (the order of validation).
    pub const BOTH: [Axis; 2] = [Axis::H, Axis::W];

    /// `"height"` or `"width"`.
    pub fn name(self) -> &'static str {
        match self {
            Axis::H => "height",
            Axis::W => "width",
        }
    }
}

impl fmt::Display for Axis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which operation a geometry describes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Op {
    /// `torch.nn.functional.conv2d` (cross-correlation, gather).
    Conv2d,
    /// `torch.nn.functional.conv_transpose2d` (scatter).
    #[default]
    ConvTranspose2d,
}

impl Op {
    /// PyTorch's function name: `"conv2d"` or `"conv_transpose2d"`.
    pub fn name(self) -> &'static str {
        match self {
            Op::Conv2d => "conv2d",
            Op::ConvTranspose2d => "conv_transpose2d",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Per-axis convolution parameters, as PyTorch's keyword arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConvParams {
    /// Step between kernel placements (conv2d) or between scattered input
    /// cells (conv_transpose2d).
    pub stride: Pair,
    /// Implicit zeros around the input (conv2d) or cropped from the full
    /// output (conv_transpose2d).
    pub padding: Pair,
    /// Extra rows/columns at the bottom/right of a conv_transpose2d output;
    /// ignored by conv2d.
    pub output_padding: Pair,
    /// Spacing between kernel taps.
    pub dilation: Pair,
}

impl Default for ConvParams {
    /// Stride 1, padding 0, output padding 0, dilation 1.
    fn default() -> ConvParams {
        ConvParams {
            stride: Pair::square(1),
            padding: Pair::square(0),
            output_padding: Pair::square(0),
            dilation: Pair::square(1),
        }
    }
}

/// The signed integer the size formulas are computed in, saturating: `i128`
/// where `usize` has 64 bits, `i64` where it has 32 (wasm32). Either holds
/// every product of two `usize` values below 2³¹ with room for the sums, so
/// the formulas are exact there. Beyond, a step that leaves the type's range
/// saturates: the true value is then past `usize::MAX` (a result that
/// saturates to `usize::MAX` either way) or, for a numerator, has the sign
/// the saturated one keeps, and every caller depends only on that sign. On
/// wasm32 this keeps 128-bit multiplication and division out of the app's
/// wasm (0.7 KiB gzip).
#[cfg(target_pointer_width = "64")]
pub(crate) type Wide = i128;
/// See the 64-bit definition.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type Wide = i64;

/// The unsigned integer that holds any product of two `usize` values: `u128`
/// where `usize` has 64 bits, `u64` where it has 32 (see [`Wide`]).
#[cfg(target_pointer_width = "64")]
pub(crate) type WideUnsigned = u128;
/// See the 64-bit definition.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type WideUnsigned = u64;

/// conv2d's formula in [`Wide`], saturating, so that no `usize` input
/// overflows it. `stride` must be non-zero.
fn conv2d_len_wide(
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Wide {
    let reach = (dilation as Wide).saturating_mul(kernel as Wide - 1);
    let numerator = (input as Wide)
        .saturating_add(2 * padding as Wide)
        .saturating_sub(reach)
        .saturating_sub(1);
    numerator.div_euclid(stride as Wide) + 1
}

/// conv_transpose2d's formula in [`Wide`], saturating, so that no `usize`
/// input overflows it: possibly ≤ 0 where no output exists.
pub(crate) fn conv_transpose2d_len_wide(
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    output_padding: usize,
    dilation: usize,
) -> Wide {
    (input as Wide - 1)
        .saturating_mul(stride as Wide)
        .saturating_sub(2 * padding as Wide)
        .saturating_add((dilation as Wide).saturating_mul(kernel as Wide - 1))
        .saturating_add(output_padding as Wide)
        .saturating_add(1)
}

/// The conv2d output length on one axis, or `None` when it would be `<= 0`.
///
/// ```text
/// floor((in + 2p − d·(k−1) − 1) / s) + 1
/// ```
///
/// `None` exactly when the numerator is negative (PyTorch: "kernel size can't
/// be greater than actual input size"), and also for `stride == 0`, where the
/// formula is undefined. Exact for all inputs below 2³¹; never overflows or
/// panics for any `usize` inputs (huge results saturate to `usize::MAX`).
///
/// ```
/// use convt::math::conv2d_output_len;
/// assert_eq!(conv2d_output_len(4, 3, 1, 0, 1), Some(2));
/// assert_eq!(conv2d_output_len(5, 3, 2, 1, 1), Some(3));
/// assert_eq!(conv2d_output_len(2, 5, 1, 0, 1), None);
/// ```
pub fn conv2d_output_len(
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Option<usize> {
    if stride == 0 {
        return None;
    }
    positive(conv2d_len_wide(input, kernel, stride, padding, dilation))
}

/// The conv_transpose2d output length on one axis, or `None` when it would
/// be `<= 0`.
///
/// ```text
/// (in−1)·s − 2p + d·(k−1) + output_padding + 1
/// ```
///
/// Exact for all inputs below 2³¹; never overflows or panics for any `usize`
/// inputs (huge results saturate to `usize::MAX`).
///
/// ```
/// use convt::math::conv_transpose2d_output_len;
/// assert_eq!(conv_transpose2d_output_len(2, 3, 1, 0, 0, 1), Some(4));
/// assert_eq!(conv_transpose2d_output_len(3, 3, 2, 1, 1, 1), Some(6));
/// assert_eq!(conv_transpose2d_output_len(1, 1, 1, 1, 0, 1), None);
/// ```
pub fn conv_transpose2d_output_len(
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    output_padding: usize,
    dilation: usize,
) -> Option<usize> {
    positive(conv_transpose2d_len_wide(
        input,
        kernel,
        stride,
        padding,
        output_padding,
        dilation,
    ))
}

fn positive(len: Wide) -> Option<usize> {
    if len <= 0 {
        None
    } else {
        Some(usize::try_from(len).unwrap_or(usize::MAX))
    }
}

/// A validated geometry: the operation, the input and kernel shapes, the
/// parameters and the output shape. Every value is within the caps, so all
/// index arithmetic on it fits comfortably in `i64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Geometry {
    op: Op,
    input: Pair,
    kernel: Pair,
    params: ConvParams,
    output: Pair,
}

impl Geometry {
    /// Validates shapes and parameters and computes the output shape.
    ///
    /// Validation order (first failure wins, height before width within each
    /// check): input `1..=MAX_INPUT`, kernel `1..=MAX_KERNEL`, stride
    /// `1..=MAX_STRIDE`, dilation `1..=MAX_DILATION`, padding
    /// `<= MAX_PADDING`, (conv_transpose2d only) `output_padding <
    /// max(stride, dilation)`, output length `>= 1`, output length
    /// `<= MAX_OUTPUT`. Sizes are compared with the caps before any
    /// arithmetic, so no `usize` value can overflow it.
    ///
    /// For [`Op::Conv2d`], `output_padding` is ignored and stored as (0, 0).
    ///
    /// ```
    /// use convt::math::{ConvParams, Geometry, Op, Pair};
    /// let p = ConvParams { stride: Pair::square(2), padding: Pair::square(1), ..ConvParams::default() };
    /// let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(3), Pair::square(3), p).unwrap();
    /// assert_eq!(g.output(), Pair::square(5));
    /// ```
    ///
    /// # Errors
    ///
    /// The [`ParamError`] of the first failing check.
    pub fn try_new(
        op: Op,
        input: Pair,
        kernel: Pair,
        params: ConvParams,
    ) -> Result<Geometry, ParamError> {
        let mut params = params;
        if op == Op::Conv2d {
            params.output_padding = Pair::square(0);
        }
        for axis in Axis::BOTH {
            match input.get(axis) {
                0 => return Err(ParamError::EmptyInput { axis }),
                size if size > MAX_INPUT => return Err(ParamError::InputTooLarge { axis, size }),
                _ => {}
            }
        }
        for axis in Axis::BOTH {
            match kernel.get(axis) {
                0 => return Err(ParamError::EmptyKernel { axis }),
                size if size > MAX_KERNEL => return Err(ParamError::KernelTooLarge { axis, size }),
                _ => {}
            }
        }
        for axis in Axis::BOTH {
            match params.stride.get(axis) {
                0 => return Err(ParamError::ZeroStride { axis }),
                value if value > MAX_STRIDE => {
                    return Err(ParamError::StrideTooLarge { axis, value })
                }
                _ => {}
            }
        }
        for axis in Axis::BOTH {
            match params.dilation.get(axis) {
                0 => return Err(ParamError::ZeroDilation { axis }),
                value if value > MAX_DILATION => {
                    return Err(ParamError::DilationTooLarge { axis, value })
                }
                _ => {}
            }
        }
        for axis in Axis::BOTH {
            let value = params.padding.get(axis);
            if value > MAX_PADDING {
                return Err(ParamError::PaddingTooLarge { axis, value });
            }
        }
        if op == Op::ConvTranspose2d {
            for axis in Axis::BOTH {
                let value = params.output_padding.get(axis);
                let limit = params.stride.get(axis).max(params.dilation.get(axis));
                if value >= limit {
                    return Err(ParamError::OutputPaddingTooLarge { axis, value, limit });
                }
            }
        }
        let len = |axis: Axis| -> i64 {
            let (i, k, s, p, d) = (
                input.get(axis),
                kernel.get(axis),
                params.stride.get(axis),
                params.padding.get(axis),
                params.dilation.get(axis),
            );
            let wide = match op {
                Op::Conv2d => conv2d_len_wide(i, k, s, p, d),
                Op::ConvTranspose2d => {
                    conv_transpose2d_len_wide(i, k, s, p, params.output_padding.get(axis), d)
                }
            };
            // Within the caps |wide| < 2¹⁶, so this never saturates. (On
            // wasm32 `Wide` is `i64` already.)
            #[allow(clippy::useless_conversion)]
            i64::try_from(wide).unwrap_or(if wide < 0 { i64::MIN } else { i64::MAX })
        };
        let sizes = [len(Axis::H), len(Axis::W)];
        for (axis, &size) in Axis::BOTH.iter().zip(&sizes) {
            if size <= 0 {
                return Err(ParamError::EmptyOutput { axis: *axis, size });
            }
        }
        let mut output = [0usize; 2];
        for ((axis, &size), out) in Axis::BOTH.iter().zip(&sizes).zip(&mut output) {
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            if size > MAX_OUTPUT {
                return Err(ParamError::OutputTooLarge { axis: *axis, size });
            }
            *out = size;
        }
        Ok(Geometry {
            op,
            input,
            kernel,
            params,
            output: Pair::new(output[0], output[1]),
        })
    }

    /// The operation.
    pub fn op(&self) -> Op {
        self.op
    }

    /// The input shape.
    pub fn input(&self) -> Pair {
        self.input
    }

    /// The kernel shape.
    pub fn kernel(&self) -> Pair {
        self.kernel
    }

    /// The parameters (for conv2d with `output_padding` zeroed).
    pub fn params(&self) -> ConvParams {
        self.params
    }

    /// The output shape.
    pub fn output(&self) -> Pair {
        self.output
    }

    /// Shape of the "few" side of C, i.e. its rows: conv2d → the output
    /// shape, conv_transpose2d → the input shape.
    pub fn few(&self) -> Pair {
        match self.op {
            Op::Conv2d => self.output,
            Op::ConvTranspose2d => self.input,
        }
    }

    /// Shape of the "many" side of C, i.e. its columns: conv2d → the input
    /// shape, conv_transpose2d → the output shape.
    pub fn many(&self) -> Pair {
        match self.op {
            Op::Conv2d => self.input,
            Op::ConvTranspose2d => self.output,
        }
    }

    /// The many-side position that few-side cell `cell` meets through kernel
    /// tap `weight`; may lie outside the many side (then it is padding).
    ///
    /// ```text
    /// (cell.h·s_h − p_h + weight.h·d_h,  cell.w·s_w − p_w + weight.w·d_w)
    /// ```
    ///
    /// Callers pass cells and taps of this geometry; larger values saturate
    /// rather than overflow.
    pub fn reach(&self, cell: Pair, weight: Pair) -> (i64, i64) {
        let one = |c: usize, t: usize, s: usize, p: usize, d: usize| -> i64 {
            let (c, t) = (
                i64::try_from(c).unwrap_or(i64::MAX),
                i64::try_from(t).unwrap_or(i64::MAX),
            );
            // s, p, d are within the caps, so they fit i64 exactly.
            c.saturating_mul(s as i64)
                .saturating_sub(p as i64)
                .saturating_add(t.saturating_mul(d as i64))
        };
        let p = &self.params;
        (
            one(cell.h, weight.h, p.stride.h, p.padding.h, p.dilation.h),
            one(cell.w, weight.w, p.stride.w, p.padding.w, p.dilation.w),
        )
    }

    /// `reach` when it lies inside the many side, as a cell.
    pub(crate) fn reach_inside(&self, cell: Pair, weight: Pair) -> Option<Pair> {
        let (h, w) = self.reach(cell, weight);
        let many = self.many();
        let h = usize::try_from(h).ok().filter(|&h| h < many.h)?;
        let w = usize::try_from(w).ok().filter(|&w| w < many.w)?;
        Some(Pair::new(h, w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(s: usize, p: usize, op: usize, d: usize) -> ConvParams {
        ConvParams {
            stride: Pair::square(s),
            padding: Pair::square(p),
            output_padding: Pair::square(op),
            dilation: Pair::square(d),
        }
    }

    #[test]
    fn output_len_formulas() {
        assert_eq!(conv2d_output_len(4, 3, 1, 0, 1), Some(2));
        assert_eq!(conv2d_output_len(7, 3, 2, 0, 1), Some(3));
        assert_eq!(conv2d_output_len(6, 3, 2, 0, 1), Some(2));
        assert_eq!(conv2d_output_len(5, 3, 1, 0, 2), Some(1));
        assert_eq!(conv2d_output_len(4, 3, 1, 0, 2), None);
        assert_eq!(conv2d_output_len(1, 3, 1, 1, 1), Some(1));
        assert_eq!(conv2d_output_len(1, 1, 0, 0, 1), None);
        assert_eq!(conv_transpose2d_output_len(2, 3, 1, 0, 0, 1), Some(4));
        assert_eq!(conv_transpose2d_output_len(3, 3, 2, 1, 1, 1), Some(6));
        assert_eq!(conv_transpose2d_output_len(2, 3, 2, 0, 0, 2), Some(7));
        assert_eq!(conv_transpose2d_output_len(1, 1, 1, 0, 0, 1), Some(1));
        assert_eq!(conv_transpose2d_output_len(2, 1, 1, 1, 0, 1), None);
        // Never panics, whatever the inputs.
        let m = usize::MAX;
        assert_eq!(conv2d_output_len(m, m, m, m, m), None);
        assert_eq!(conv2d_output_len(m, 1, 1, m, 1), Some(m));
        assert_eq!(conv_transpose2d_output_len(m, m, m, m, m, m), Some(m));
        assert_eq!(conv_transpose2d_output_len(0, 0, m, 0, 0, m), None);
    }

    #[test]
    fn validation_order_and_errors() {
        let t = Op::ConvTranspose2d;
        let ok = params(1, 0, 0, 1);
        let e = |op, i: Pair, k: Pair, p| Geometry::try_new(op, i, k, p).unwrap_err();
        assert_eq!(
            e(t, Pair::new(3, 0), Pair::new(0, 3), ok),
            ParamError::EmptyInput { axis: Axis::W }
        );
        assert_eq!(
            e(t, Pair::new(65, 0), Pair::square(3), ok),
            ParamError::InputTooLarge {
                axis: Axis::H,
                size: 65
            }
        );
        assert_eq!(
            e(t, Pair::square(3), Pair::new(1, 10), params(0, 0, 0, 1)),
            ParamError::KernelTooLarge {
                axis: Axis::W,
                size: 10
            }
        );
        assert_eq!(
            e(t, Pair::square(3), Pair::square(3), params(0, 99, 0, 0)),
            ParamError::ZeroStride { axis: Axis::H }
        );
        assert_eq!(
            e(
                t,
                Pair::square(3),
                Pair::square(3),
                params(usize::MAX, 0, 0, 1)
            ),
            ParamError::StrideTooLarge {
                axis: Axis::H,
                value: usize::MAX
            }
        );
        assert_eq!(
            e(t, Pair::square(3), Pair::square(3), params(1, 99, 0, 0)),
            ParamError::ZeroDilation { axis: Axis::H }
        );
        assert_eq!(
            e(t, Pair::square(3), Pair::square(3), params(1, 99, 0, 17)),
            ParamError::DilationTooLarge {
                axis: Axis::H,
                value: 17
            }
        );
        assert_eq!(
            e(t, Pair::square(3), Pair::square(3), params(1, 65, 5, 1)),
            ParamError::PaddingTooLarge {
                axis: Axis::H,
                value: 65
            }
        );
        let mut p = params(2, 0, 0, 3);
        p.output_padding.w = 3;
        assert_eq!(
            e(t, Pair::square(3), Pair::square(3), p),
            ParamError::OutputPaddingTooLarge {
                axis: Axis::W,
                value: 3,
                limit: 3
            }
        );
        // Output padding below dilation but not below stride is allowed.
        p.output_padding.w = 2;
        assert!(Geometry::try_new(t, Pair::square(3), Pair::square(3), p).is_ok());
        // conv2d ignores output padding entirely and stores zero.
        let g = Geometry::try_new(
            Op::Conv2d,
            Pair::square(3),
            Pair::square(3),
            params(1, 0, 99, 1),
        )
        .unwrap();
        assert_eq!(g.params().output_padding, Pair::square(0));
        assert_eq!(
            e(
                Op::Conv2d,
                Pair::square(2),
                Pair::square(3),
                params(3, 0, 0, 1)
            ),
            ParamError::EmptyOutput {
                axis: Axis::H,
                size: 0
            }
        );
        assert_eq!(
            e(t, Pair::new(1, 1), Pair::square(1), params(1, 3, 0, 1)),
            ParamError::EmptyOutput {
                axis: Axis::H,
                size: -5
            }
        );
        assert_eq!(
            e(t, Pair::new(64, 64), Pair::square(9), params(16, 0, 0, 1)),
            ParamError::OutputTooLarge {
                axis: Axis::H,
                size: 63 * 16 + 9
            }
        );
    }

    #[test]
    fn few_many_and_reach() {
        let p = params(2, 1, 0, 1);
        let g =
            Geometry::try_new(Op::ConvTranspose2d, Pair::new(3, 4), Pair::square(3), p).unwrap();
        assert_eq!(g.output(), Pair::new(5, 7));
        assert_eq!((g.few(), g.many()), (Pair::new(3, 4), Pair::new(5, 7)));
        assert_eq!(g.reach(Pair::new(0, 0), Pair::new(0, 0)), (-1, -1));
        assert_eq!(g.reach(Pair::new(2, 3), Pair::new(2, 1)), (5, 6));
        assert_eq!(g.reach_inside(Pair::new(2, 3), Pair::new(2, 1)), None);
        assert_eq!(
            g.reach_inside(Pair::new(2, 3), Pair::new(1, 1)),
            Some(Pair::new(4, 6))
        );
        let c = Geometry::try_new(Op::Conv2d, Pair::new(3, 4), Pair::square(3), p).unwrap();
        assert_eq!((c.few(), c.many()), (Pair::new(2, 2), Pair::new(3, 4)));
    }
}
