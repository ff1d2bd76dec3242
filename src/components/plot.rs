//! Drawing on canvases with the 2D context: heatmaps with a colour bar, a
//! one-row profile, and grey-level pictures. Each `draw_*` takes plain data
//! and a canvas, sizes the canvas for the device pixel ratio (CSS size set
//! through CSSOM, which the page's CSP allows), and returns an error
//! instead of panicking.
//!
//! Coordinates are rounded to whole device pixels so that neighbouring
//! cells meet without anti-aliased seams.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::math::Grid;

/// What went wrong while drawing (shown in the console, never a panic).
pub type DrawResult = Result<(), String>;

/// Viridis, sampled: perceptually uniform and readable with every common
/// colour-vision deficiency and in greyscale.
const VIRIDIS: [(u8, u8, u8); 6] = [
    (68, 1, 84),
    (65, 68, 135),
    (42, 120, 142),
    (34, 168, 132),
    (122, 209, 81),
    (253, 231, 37),
];

/// The colour of `t` in 0…1 on the viridis scale, as (red, green, blue).
pub fn viridis(t: f64) -> (u8, u8, u8) {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

thread_local! {
    /// Theme colours read from CSS, with the theme they were read under.
    static THEME_COLOURS: std::cell::RefCell<(String, Vec<(String, String)>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// Which palette the page shows: the `data-theme` attribute, or the system's
/// choice when it is absent. Reading these forces no style recalculation.
fn theme_key() -> String {
    let window = gloo::utils::window();
    let forced = gloo::utils::document()
        .document_element()
        .and_then(|r| r.get_attribute("data-theme"));
    forced.unwrap_or_else(|| {
        let dark = window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if dark { "auto-dark" } else { "auto-light" }.to_string()
    })
}

/// A CSS custom property of the page (theme colours), or `fallback`.
///
/// `getComputedStyle` forces a style recalculation of the whole page; with
/// thousands of cells on screen, doing that for every canvas on every
/// render cost seconds per edit. Values are cached until the theme changes.
pub fn css_var(name: &str, fallback: &str) -> String {
    let key = theme_key();
    THEME_COLOURS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != key {
            *cache = (key, Vec::new());
        }
        if let Some((_, v)) = cache.1.iter().find(|(n, _)| n == name) {
            return v.clone();
        }
        let window = gloo::utils::window();
        let value = gloo::utils::document()
            .document_element()
            .and_then(|root| window.get_computed_style(&root).ok().flatten())
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string());
        cache.1.push((name.to_string(), value.clone()));
        value
    })
}

/// `rgb(r,g,b)` for the canvas' fill style (integer formatting only: float
/// formatting would add kilobytes to the wasm).
fn rgb_css((r, g, b): (u8, u8, u8)) -> String {
    format!("rgb({r},{g},{b})")
}

/// Sizes `canvas` to `css_w`×`css_h` CSS pixels (rounded to whole pixels,
/// formatted as integers for the same reason as [`rgb_css`]) at the device
/// pixel ratio; returns the ratio.
fn size_canvas(canvas: &HtmlCanvasElement, css_w: f64, css_h: f64) -> f64 {
    let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    let (w, h) = (css_w.round() as u32, css_h.round() as u32);
    canvas.set_width((w as f64 * dpr).round() as u32);
    canvas.set_height((h as f64 * dpr).round() as u32);
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{w}px"));
    let _ = style.set_property("height", &format!("{h}px"));
    dpr
}

/// The canvas' 2D context. Called after [`size_canvas`]: resizing resets the
/// context's state, so every draw starts from the defaults.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| "no 2d context".to_string())
}

/// Sets the font for labels: 11 CSS pixels of sans-serif, anchored at their
/// top-left corner.
fn label_font(ctx: &CanvasRenderingContext2d, dpr: f64, colour: &str) {
    ctx.set_font(&format!("{}px sans-serif", (11.0 * dpr).round() as u32));
    ctx.set_text_baseline("top");
    ctx.set_text_align("start");
    ctx.set_fill_style_str(colour);
}

fn text(ctx: &CanvasRenderingContext2d, s: &str, x: f64, y: f64) -> DrawResult {
    ctx.fill_text(s, x, y)
        .map_err(|_| "fillText failed".to_string())
}

/// The smallest and largest of `values` (∞, −∞ for none): the range a
/// heatmap's colours and a plot's axis span, and that their text
/// alternatives name.
pub fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        })
}

/// Fills one square of `cell` CSS pixels per grid value, coloured by
/// `colour` of the value scaled to 0…1 between the grid's min and max;
/// returns (min, max). The fill style is set only when the colour changes
/// (neighbouring cells often share one).
fn draw_cells(
    ctx: &CanvasRenderingContext2d,
    grid: &Grid,
    cell: f64,
    dpr: f64,
    colour: impl Fn(f64) -> (u8, u8, u8),
) -> (f64, f64) {
    let (lo, hi) = min_max(grid.data());
    let span = if hi > lo { hi - lo } else { 1.0 };
    let px = |v: f64| (v * dpr).round();
    let mut last = None;
    for r in 0..grid.rows() {
        for c in 0..grid.cols() {
            let t = ((grid.get(r, c) - lo) / span).clamp(0.0, 1.0);
            let rgb = colour(t);
            if last != Some(rgb) {
                ctx.set_fill_style_str(&rgb_css(rgb));
                last = Some(rgb);
            }
            let (x0, y0) = (c as f64 * cell, r as f64 * cell);
            let (x, y) = (px(x0), px(y0));
            ctx.fill_rect(x, y, px(x0 + cell) - x, px(y0 + cell) - y);
        }
    }
    (lo, hi)
}

/// A heatmap of `grid` with a colour bar labelled with its min and max.
///
/// # Errors
/// The canvas' error, as text.
pub fn draw_heatmap(canvas: &HtmlCanvasElement, grid: &Grid, max_css_w: f64) -> DrawResult {
    let (rows, cols) = (grid.rows().max(1), grid.cols().max(1));
    let bar = 56.0;
    let cell = ((max_css_w - bar) / cols as f64).clamp(2.0, 28.0).floor();
    let (w, h) = (cols as f64 * cell + bar, (rows as f64 * cell).max(60.0));
    let dpr = size_canvas(canvas, w, h);
    let ctx = context(canvas)?;
    let px = |v: f64| (v * dpr).round();
    ctx.set_fill_style_str(&css_var("--surface", "#ffffff"));
    ctx.fill_rect(0.0, 0.0, px(w), px(h));
    let (lo, hi) = draw_cells(&ctx, grid, cell, dpr, viridis);
    // Colour bar, high values on top, with its two end values.
    let bx = cols as f64 * cell + 10.0;
    let steps = 24;
    for i in 0..steps {
        let t = 1.0 - i as f64 / (steps - 1) as f64;
        let y0 = px(i as f64 * (h - 8.0) / steps as f64 + 4.0);
        let y1 = px((i + 1) as f64 * (h - 8.0) / steps as f64 + 4.0);
        ctx.set_fill_style_str(&rgb_css(viridis(t)));
        ctx.fill_rect(px(bx), y0, px(bx + 10.0) - px(bx), y1 - y0);
    }
    label_font(&ctx, dpr, &css_var("--text", "#1d1f23"));
    let label = |v: f64| crate::app::value::format_short(if v.is_finite() { v } else { 0.0 });
    text(&ctx, &label(hi), px(bx + 14.0), px(4.0))?;
    text(&ctx, &label(lo), px(bx + 14.0), px(h - 16.0))
}

/// A line plot of one output row, with the value range on the left and
/// cell indices below.
///
/// # Errors
/// The canvas' error, as text.
pub fn draw_profile(canvas: &HtmlCanvasElement, values: &[f64], css_w: f64) -> DrawResult {
    let css_w = css_w.round();
    let h = 140.0;
    let dpr = size_canvas(canvas, css_w, h);
    let ctx = context(canvas)?;
    let line = css_var("--pos", "#0072b2");
    ctx.set_fill_style_str(&css_var("--surface", "#ffffff"));
    let px = |v: f64| (v * dpr).round();
    ctx.fill_rect(0.0, 0.0, px(css_w), px(h));
    // The value axis starts at 0 at most.
    let (lo, hi) = min_max(values);
    let lo = lo.min(0.0);
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let (left, right, top, bottom) = (44.0, 10.0, 10.0, 24.0);
    let n = values.len().max(2);
    let x = |i: usize| left + (css_w - left - right) * i as f64 / (n - 1) as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo));
    // Axes: the value axis on the left, the index axis below.
    ctx.set_stroke_style_str(&css_var("--faint", "#6b7079"));
    ctx.set_line_width(dpr.round());
    ctx.begin_path();
    ctx.move_to(px(left), px(top));
    ctx.line_to(px(left), px(h - bottom));
    ctx.line_to(px(css_w - right), px(h - bottom));
    ctx.stroke();
    // The values, joined, then a dot on each.
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (px(x(i)), px(y(v))))
        .collect();
    ctx.set_stroke_style_str(&line);
    ctx.set_line_width((2.0 * dpr).round());
    ctx.begin_path();
    for (i, &(px_x, px_y)) in points.iter().enumerate() {
        if i == 0 {
            ctx.move_to(px_x, px_y);
        } else {
            ctx.line_to(px_x, px_y);
        }
    }
    ctx.stroke();
    ctx.set_fill_style_str(&line);
    let radius = px(2.5);
    for &(cx, cy) in &points {
        ctx.begin_path();
        ctx.arc(cx, cy, radius, 0.0, std::f64::consts::TAU)
            .map_err(|_| "arc failed".to_string())?;
        ctx.fill();
    }
    label_font(&ctx, dpr, &css_var("--text", "#1d1f23"));
    let label = crate::app::value::format_short;
    text(&ctx, &label(hi), px(2.0), px(top - 2.0))?;
    text(&ctx, &label(lo), px(2.0), px(h - bottom - 12.0))?;
    text(&ctx, "0", px(left), px(h - 16.0))?;
    text(
        &ctx,
        &values.len().saturating_sub(1).to_string(),
        px(css_w - right - 14.0),
        px(h - 16.0),
    )
}

/// A grey-level picture (values scaled from their min…max to black…white).
///
/// # Errors
/// The canvas' error, as text.
pub fn draw_picture(canvas: &HtmlCanvasElement, grid: &Grid, css_size: f64) -> DrawResult {
    let (rows, cols) = (grid.rows().max(1), grid.cols().max(1));
    let cell = (css_size / rows.max(cols) as f64).max(1.0);
    let dpr = size_canvas(canvas, cols as f64 * cell, rows as f64 * cell);
    let ctx = context(canvas)?;
    draw_cells(&ctx, grid, cell, dpr, |t| {
        let g = (t * 255.0).round() as u8;
        (g, g, g)
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_ends_and_non_finite() {
        assert_eq!(viridis(0.0), VIRIDIS[0]);
        assert_eq!(viridis(1.0), VIRIDIS[5]);
        assert_eq!(viridis(0.2), VIRIDIS[1]);
        assert_eq!(viridis(2.0), VIRIDIS[5]);
        assert_eq!(viridis(f64::NAN), VIRIDIS[0]);
        assert_eq!(rgb_css(viridis(1.0)), "rgb(253,231,37)");
    }
}
