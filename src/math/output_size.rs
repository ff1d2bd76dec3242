//! Why `conv_transpose2d` has `output_padding`: with stride `s > 1`, conv2d
//! maps several input lengths to the same output length (the floor drops
//! the remainder), so going back is ambiguous, and `output_padding` picks
//! which of them the transposed convolution produces.
//!
//! Per axis, with kernel `k`, stride `s`, padding `p` and dilation `d`:
//!
//! ```text
//! conv2d:            out = floor((in + 2p − d·(k−1) − 1) / s) + 1
//! every input with that output:
//!                    in ∈ [lo, lo + s − 1],   lo = (out−1)·s − 2p + d·(k−1) + 1   (in ≥ 1)
//! conv_transpose2d:  len = (in−1)·s − 2p + d·(k−1) + output_padding + 1
//!                    output_padding ∈ 0..max(s, d)  (PyTorch's limit)
//! so                 output_padding = target − len(output_padding = 0)
//! ```
//!
//! The transposed convolution of a conv2d output of length `out` with
//! `output_padding = 0` gives exactly `lo`; adding `output_padding = r`
//! gives `lo + r`, recovering an input of length `lo + r`. See Dumoulin &
//! Visin, <https://arxiv.org/abs/1603.07285>, section 4.6, and PyTorch's
//! `ConvTranspose2d` documentation.

use super::caps::MAX_STRIDE;
use super::params::{
    conv2d_output_len, conv_transpose2d_len_wide, conv_transpose2d_output_len, Axis, Geometry,
    Pair, Wide,
};

/// Every conv2d input length that gives conv output length `output` with
/// these parameters, ascending — several when `stride > 1`.
///
/// ```text
/// in ∈ [(out−1)·s − 2p + d·(k−1) + 1,  … + s − 1],   those ≥ 1
/// ```
///
/// Each candidate is checked with [`conv2d_output_len`], so every returned
/// length really gives `output`. Empty if none: `output == 0`, `stride ==
/// 0`, or a stride above [`MAX_STRIDE`] (which
/// keeps the list small for any argument). Never panics.
///
/// ```
/// use convt::math::conv_input_lens;
/// assert_eq!(conv_input_lens(2, 3, 2, 0, 1), vec![5, 6]);
/// assert_eq!(conv_input_lens(3, 3, 1, 1, 1), vec![3]);
/// // Large padding: the candidates −1 and 0 are not lengths.
/// assert_eq!(conv_input_lens(1, 1, 3, 1, 1), vec![1]);
/// ```
pub fn conv_input_lens(
    output: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Vec<usize> {
    if output == 0 || stride == 0 || stride > MAX_STRIDE {
        return Vec::new();
    }
    // The smallest candidate is the transposed length of `output` with
    // output_padding 0, in saturating Wide: no usize argument overflows it.
    let lo = conv_transpose2d_len_wide(output, kernel, stride, padding, 0, dilation);
    (0..stride as Wide)
        .map(|r| lo.saturating_add(r))
        .filter_map(|len| usize::try_from(len).ok())
        .filter(|&len| {
            len >= 1 && conv2d_output_len(len, kernel, stride, padding, dilation) == Some(output)
        })
        .collect()
}

/// The transposed-conv output lengths reachable with `output_padding` in
/// `0..max(stride, dilation)`: `(smallest, largest)`, the smallest from
/// `output_padding = 0`.
///
/// ```text
/// smallest = (in−1)·s − 2p + d·(k−1) + 1
/// largest  = smallest + max(s, d) − 1
/// ```
///
/// `None` if even `output_padding = 0` gives an empty output, or if `stride`
/// or `dilation` is 0 (invalid). Never panics (huge values saturate as in
/// [`conv_transpose2d_output_len`]).
///
/// ```
/// use convt::math::transposed_output_range;
/// assert_eq!(transposed_output_range(2, 3, 2, 0, 1), Some((5, 6)));
/// assert_eq!(transposed_output_range(3, 3, 1, 1, 1), Some((3, 3)));
/// assert_eq!(transposed_output_range(1, 1, 1, 1, 1), None);
/// ```
pub fn transposed_output_range(
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Option<(usize, usize)> {
    if stride == 0 || dilation == 0 {
        return None;
    }
    let len = |op| conv_transpose2d_output_len(input, kernel, stride, padding, op, dilation);
    let smallest = len(0)?;
    let largest = len(stride.max(dilation) - 1).unwrap_or(smallest);
    Some((smallest, largest))
}

/// The `output_padding` that makes the transposed output `target` long, if
/// there is one below PyTorch's limit `max(stride, dilation)`.
///
/// ```text
/// output_padding = target − ((in−1)·s − 2p + d·(k−1) + 1),   0 ≤ output_padding < max(s, d)
/// ```
///
/// For every target in [`transposed_output_range`] this is `Some`. It is
/// also `Some` when `output_padding = 0` alone would give an empty output
/// (so the range is `None`) but a larger one reaches `target ≥ 1`.
/// `None` for `target == 0`, a zero `stride` or `dilation`, or a target out
/// of reach. The answer is checked with [`conv_transpose2d_output_len`], so
/// `Some(op)` always round-trips. Never panics.
///
/// ```
/// use convt::math::output_padding_for;
/// // conv2d with k 3, s 2 maps both 5 and 6 to 2; going back:
/// assert_eq!(output_padding_for(5, 2, 3, 2, 0, 1), Some(0));
/// assert_eq!(output_padding_for(6, 2, 3, 2, 0, 1), Some(1));
/// assert_eq!(output_padding_for(7, 2, 3, 2, 0, 1), None);
/// // output_padding 0 gives length 0 here; 1 gives length 1.
/// assert_eq!(output_padding_for(1, 1, 2, 1, 8, 15), Some(1));
/// ```
pub fn output_padding_for(
    target: usize,
    input: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Option<usize> {
    if target == 0 || stride == 0 || dilation == 0 || input == 0 || kernel == 0 {
        return None;
    }
    // The length with output_padding 0, possibly ≤ 0.
    let base = conv_transpose2d_len_wide(input, kernel, stride, padding, 0, dilation);
    let op = usize::try_from((target as Wide).saturating_sub(base)).ok()?;
    let fits = op < stride.max(dilation)
        && conv_transpose2d_output_len(input, kernel, stride, padding, op, dilation)
            == Some(target);
    fits.then_some(op)
}

/// The output_padding, per axis, with which the transposed convolution of a
/// conv2d's output regains exactly that conv2d's input shape — the length
/// the stride's floor division dropped:
///
/// ```text
/// output_padding = (in + 2p − d·(k−1) − 1) mod s
/// ```
///
/// It is below the stride, so it is always valid. `g` is read as a
/// convolution (its input is the larger side) whatever its `op`.
///
/// ```
/// use convt::math::{restoring_output_padding, ConvParams, Geometry, Op, Pair};
/// let p = ConvParams { stride: Pair::square(2), ..ConvParams::default() };
/// let g = Geometry::try_new(Op::Conv2d, Pair::new(6, 5), Pair::square(3), p).unwrap();
/// assert_eq!(restoring_output_padding(&g), Pair::new(1, 0));
/// ```
pub fn restoring_output_padding(g: &Geometry) -> Pair {
    let p = g.params();
    let axis = |axis: Axis| {
        let (i, pad, d, k, s) = (
            g.input().get(axis) as i64,
            p.padding.get(axis) as i64,
            p.dilation.get(axis) as i64,
            g.kernel().get(axis) as i64,
            p.stride.get(axis).max(1) as i64,
        );
        (i + 2 * pad - d * (k - 1) - 1).rem_euclid(s) as usize
    };
    Pair::new(axis(Axis::H), axis(Axis::W))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_extremes() {
        let m = usize::MAX;
        assert!(conv_input_lens(m, m, m, m, m).is_empty());
        assert!(conv_input_lens(0, 3, 2, 0, 1).is_empty());
        assert!(conv_input_lens(5, 3, 0, 0, 1).is_empty());
        let _ = conv_input_lens(m, m, MAX_STRIDE, 0, m);
        let _ = transposed_output_range(m, m, m, m, m);
        assert_eq!(transposed_output_range(2, 3, 0, 0, 1), None);
        let _ = output_padding_for(m, m, m, m, m, m);
        assert_eq!(output_padding_for(0, 2, 3, 2, 0, 1), None);
    }

    #[test]
    fn dilation_wider_than_stride() {
        // output_padding may reach max(s, d) − 1 = 2 here.
        assert_eq!(transposed_output_range(2, 2, 1, 0, 3), Some((5, 7)));
        assert_eq!(output_padding_for(7, 2, 2, 1, 0, 3), Some(2));
    }

    #[test]
    fn restoring_output_padding_gives_back_the_conv_input() {
        use crate::math::{ConvParams, Op};
        for i in 1..=9 {
            for k in 1..=4 {
                for st in 1..=3 {
                    for pad in 0..=3 {
                        for d in 1..=2 {
                            let params = ConvParams {
                                stride: Pair::new(st, 1),
                                padding: Pair::new(pad, 0),
                                dilation: Pair::new(d, 1),
                                ..ConvParams::default()
                            };
                            let Ok(g) = Geometry::try_new(
                                Op::Conv2d,
                                Pair::new(i, 1),
                                Pair::new(k, 1),
                                params,
                            ) else {
                                continue;
                            };
                            let op = restoring_output_padding(&g).h;
                            assert!(op < st);
                            let back = conv_transpose2d_output_len(g.output().h, k, st, pad, op, d);
                            assert_eq!(back, Some(i), "in {i} k {k} s {st} p {pad} d {d}");
                        }
                    }
                }
            }
        }
    }
}
