//! The views: one Yew function component per file. They render what
//! `app` hands them and dispatch [`crate::app::state::Action`]s; none of them
//! computes convolution maths.
//!
//! A class that is not a literal is written `CLASS={…}`, from a string. In
//! `html!`, `class={…}` makes Yew's `Classes` of it: a hashed set, built at
//! every render of the element, and 3.1 KiB gzip of wasm for its code. An
//! HTML element's attribute names are case-insensitive (the DOM lowercases
//! them), so `CLASS` sets and removes the same `class` attribute, as a plain
//! one. Only on HTML elements: SVG's names keep their case. `clippy.toml`
//! disallows `Classes`, so a `class={…}` does not creep back.

pub mod alert_line;
pub mod checkerboard;
pub mod equivalence;
pub mod export;
pub mod extras;
pub mod formula;
pub mod grid_row;
pub mod grid_view;
pub mod grids;
pub mod header;
pub mod icon;
pub mod matrix_form;
pub mod matrix_view;
pub mod op_switch;
pub mod pair_control;
pub mod params_panel;
pub mod player;
pub mod plot;
pub mod plot_canvas;
pub mod share;
pub mod step_detail;
pub mod transposed_only;

/// A hint paragraph (`<p class="hint">`): one function instead of the same
/// markup built inline at each of its dozen places, which the wasm carried
/// as a dozen copies of the element's construction.
pub fn hint(text: impl Into<yew::Html>) -> yew::Html {
    yew::html! { <p class="hint">{ text.into() }</p> }
}
