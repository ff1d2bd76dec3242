//! The caps: the largest sizes, parameters and values the explainer accepts.
//!
//! They keep every derived quantity small enough for `i64` arithmetic and the
//! convolution matrix C small enough to build on every edit. At the caps,
//! C has at most
//!
//! ```text
//! MAX_INPUT² · MAX_KERNEL² = 64² · 9² = 331 776 non-zeros
//! ```
//!
//! (each few-side cell reaches each many-side cell through at most one tap,
//! and either side of C is the input, so the product bounds both modes).

/// Largest input height and width.
pub const MAX_INPUT: usize = 64;
/// Largest kernel height and width.
pub const MAX_KERNEL: usize = 9;
/// Largest stride on either axis.
pub const MAX_STRIDE: usize = 16;
/// Largest dilation on either axis.
pub const MAX_DILATION: usize = 16;
/// Largest padding on either axis.
pub const MAX_PADDING: usize = 64;
/// Largest output height and width.
pub const MAX_OUTPUT: usize = 256;
/// Largest magnitude of any input or kernel value: every value must be finite
/// and `|v| <= MAX_ABS_VALUE`, so sums of at most 81 products stay far from
/// overflow and keep a useful number of exact digits.
pub const MAX_ABS_VALUE: f64 = 1e9;
