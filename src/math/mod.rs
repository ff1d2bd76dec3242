//! The pure compute core: PyTorch's `conv2d` and `conv_transpose2d` for one
//! channel, no bias, `f64` values, per-axis stride, padding, output padding
//! and dilation — and three other views of the same transposed convolution.
//!
//! ```text
//! conv2d (gather):            y[o] = Σ_t w[t] · x[o·s − p + t·d]
//! conv_transpose2d (scatter): y[i·s − p + t·d] += x[i] · w[t]
//! output length:  conv2d            floor((i + 2p − d·(k−1) − 1)/s) + 1
//!                 conv_transpose2d  (i−1)·s − 2p + d·(k−1) + op + 1
//! matrix view:    conv2d: vec(y) = C·vec(x),  conv_transpose2d: vec(y) = Cᵀ·vec(x)
//! zero insertion: conv_transpose2d(x, w) = conv(pad(stretch(x)), rot180(w), stride 1)
//! ```
//!
//! Every formula follows Dumoulin & Visin, *A guide to convolution
//! arithmetic for deep learning*, <https://arxiv.org/abs/1603.07285>.
//!
//! * [`caps`] — the limits, so the UI stays responsive at any input.
//! * [`Grid`] — a dense row-major matrix; [`Pair`], [`ConvParams`] and the
//!   validated [`Geometry`] with its output shape and the `reach` map.
//! * [`conv2d`] and [`conv_transpose2d`] — two independent loops.
//! * [`ConvMatrix`] — the sparse C, built from the geometry only.
//! * [`ZeroInsertion`] — the stride-1 convolution view, with its cost.
//! * [`Timeline`] — the animation, one few-side cell per step.
//! * [`checkerboard`] — the [`overlap_map`] and its per-axis [`evenness`]
//!   (why stride makes checkerboard artifacts), and the [`resize_conv`]
//!   alternative.
//! * [`output_size`] — why `output_padding` exists: [`conv_input_lens`],
//!   [`transposed_output_range`], [`output_padding_for`].
//! * [`image`] — the generated [`sample_image`].
//!
//! ```
//! use convt::math::*;
//! let x = Grid::from_rows(&[vec![2.0, 1.0], vec![4.0, 4.0]]).unwrap();
//! let w = Grid::from_rows(&[vec![1.0, 4.0, 1.0], vec![1.0, 4.0, 3.0], vec![3.0, 3.0, 1.0]]).unwrap();
//! let g = Geometry::try_new(Op::ConvTranspose2d, x.shape(), w.shape(), ConvParams::default()).unwrap();
//! let y = conv_transpose2d(&x, &w, &ConvParams::default()).unwrap();
//! // The same result three more ways.
//! let c = ConvMatrix::new(&g);
//! assert_eq!(c.mul_transposed(&w, x.data()), y.data());
//! assert_eq!(ZeroInsertion::new(&g, &x, &w).output, y);
//! let shown = Timeline::new(g).partial_output(&x, &w, usize::MAX);
//! assert!(shown.iter().zip(y.data()).all(|(s, v)| *s == Some(*v)));
//! ```

pub mod caps;
pub mod checkerboard;
pub mod conv;
pub mod conv_transpose;
pub mod error;
pub mod grid;
pub mod image;
pub mod matrix;
pub mod output_size;
pub mod params;
pub mod timeline;
pub mod zero_insert;

pub use caps::*;
pub use checkerboard::{
    constant_response, evenness, overlap_map, profile_row, resize, resize_conv,
    resize_conv_overlap, AxisEvenness, Resize,
};
pub use conv::{conv2d, conv2d_unchecked};
pub use conv_transpose::{conv_transpose2d, conv_transpose2d_unchecked};
pub use error::{ParamError, Role};
pub use grid::{accumulate, Grid, GridError};
pub use image::sample_image;
pub use matrix::{ColTap, ConvMatrix, Tap};
pub use output_size::{
    conv_input_lens, output_padding_for, restoring_output_padding, transposed_output_range,
};
pub use params::{
    conv2d_output_len, conv_transpose2d_output_len, Axis, ConvParams, Geometry, Op, Pair,
};
pub use timeline::{Step, StepTap, Timeline};
pub use zero_insert::{ZeroInsertion, ZeroTap};
