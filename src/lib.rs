//! `convt` — an interactive explainer of transposed convolution.
//!
//! * [`math`] is the pure compute core: `conv2d`, `conv_transpose2d`, the
//!   convolution matrix C, zero insertion and the animation timeline, with exact
//!   PyTorch semantics. It has no UI dependencies and is tested natively.
//! * `app` (state, URL, player) and `components` (one Yew component per file)
//!   are the single-page app; they are compiled with the default `ui` feature.

#![forbid(unsafe_code)]

pub mod math;

#[cfg(feature = "ui")]
pub mod app;
#[cfg(feature = "ui")]
pub mod components;
