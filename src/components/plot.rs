//! Drawing on canvases with `plotters` (`plotters-canvas`): heatmaps with a
//! colour bar, a one-row profile, and grey-level pictures. Each `draw_*`
//! takes plain data and a canvas, sizes the canvas for the device pixel
//! ratio (CSS size set through CSSOM, which the page's CSP allows), and
//! returns an error instead of panicking.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

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

/// The colour of `t` in 0…1 on the viridis scale.
pub fn viridis(t: f64) -> RGBColor {
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
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
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

fn parse_hex(c: &str) -> RGBColor {
    let hex = c.trim_start_matches('#');
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    if hex.len() == 6 {
        RGBColor(byte(0), byte(2), byte(4))
    } else {
        RGBColor(0, 0, 0)
    }
}

/// Sizes `canvas` to `css_w`×`css_h` CSS pixels at the device pixel ratio;
/// returns the ratio.
fn size_canvas(canvas: &HtmlCanvasElement, css_w: f64, css_h: f64) -> f64 {
    let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    canvas.set_width((css_w * dpr).round() as u32);
    canvas.set_height((css_h * dpr).round() as u32);
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{css_w}px"));
    let _ = style.set_property("height", &format!("{css_h}px"));
    dpr
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Fills one square of `cell` CSS pixels per grid value, coloured by
/// `colour` of the value scaled to 0…1 between the grid's min and max;
/// returns (min, max).
fn draw_cells(
    area: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    grid: &Grid,
    cell: f64,
    dpr: f64,
    colour: impl Fn(f64) -> RGBColor,
) -> Result<(f64, f64), String> {
    let (lo, hi) = grid
        .data()
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let px = |v: f64| (v * dpr).round() as i32;
    for r in 0..grid.rows() {
        for c in 0..grid.cols() {
            let t = ((grid.get(r, c) - lo) / span).clamp(0.0, 1.0);
            let (x0, y0) = (c as f64 * cell, r as f64 * cell);
            area.draw(&Rectangle::new(
                [(px(x0), px(y0)), (px(x0 + cell), px(y0 + cell))],
                colour(t).filled(),
            ))
            .map_err(err)?;
        }
    }
    Ok((lo, hi))
}

/// A heatmap of `grid` with a colour bar labelled with its min and max.
///
/// # Errors
/// The drawing backend's error, as text.
pub fn draw_heatmap(canvas: &HtmlCanvasElement, grid: &Grid, max_css_w: f64) -> DrawResult {
    let (rows, cols) = (grid.rows().max(1), grid.cols().max(1));
    let bar = 56.0;
    let cell = ((max_css_w - bar) / cols as f64).clamp(2.0, 28.0).floor();
    let (w, h) = (cols as f64 * cell + bar, (rows as f64 * cell).max(60.0));
    let dpr = size_canvas(canvas, w, h);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let area = backend.into_drawing_area();
    let bg = parse_hex(&css_var("--surface", "#ffffff"));
    let fg = parse_hex(&css_var("--text", "#1d1f23"));
    area.fill(&bg).map_err(err)?;
    let (lo, hi) = draw_cells(&area, grid, cell, dpr, viridis)?;
    let px = |v: f64| (v * dpr).round() as i32;
    // Colour bar with its two end values.
    let bx = cols as f64 * cell + 10.0;
    let steps = 24;
    for i in 0..steps {
        let t = 1.0 - i as f64 / (steps - 1) as f64;
        let y0 = i as f64 * (h - 8.0) / steps as f64 + 4.0;
        let y1 = (i + 1) as f64 * (h - 8.0) / steps as f64 + 4.0;
        area.draw(&Rectangle::new(
            [(px(bx), px(y0)), (px(bx + 10.0), px(y1))],
            viridis(t).filled(),
        ))
        .map_err(err)?;
    }
    let font = ("sans-serif", 11.0 * dpr).into_font().color(&fg);
    let label = |v: f64| crate::app::value::format_short(if v.is_finite() { v } else { 0.0 });
    area.draw(&Text::new(
        label(hi),
        (px(bx + 14.0), px(4.0)),
        font.clone(),
    ))
    .map_err(err)?;
    area.draw(&Text::new(label(lo), (px(bx + 14.0), px(h - 16.0)), font))
        .map_err(err)?;
    area.present().map_err(err)
}

/// A line plot of one output row, with the value range on the left and
/// cell indices below.
///
/// # Errors
/// The drawing backend's error, as text.
pub fn draw_profile(canvas: &HtmlCanvasElement, values: &[f64], css_w: f64) -> DrawResult {
    let h = 140.0;
    let dpr = size_canvas(canvas, css_w, h);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let area = backend.into_drawing_area();
    let bg = parse_hex(&css_var("--surface", "#ffffff"));
    let fg = parse_hex(&css_var("--text", "#1d1f23"));
    let line = parse_hex(&css_var("--pos", "#0072b2"));
    let muted = parse_hex(&css_var("--faint", "#6b7079"));
    area.fill(&bg).map_err(err)?;
    let (lo, hi) = values
        .iter()
        .fold((0.0_f64, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let (left, right, top, bottom) = (44.0, 10.0, 10.0, 24.0);
    let n = values.len().max(2);
    let x = |i: usize| left + (css_w - left - right) * i as f64 / (n - 1) as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo));
    let px = |v: f64| (v * dpr).round() as i32;
    let axis = ShapeStyle {
        color: muted.to_rgba(),
        filled: false,
        stroke_width: dpr.round() as u32,
    };
    area.draw(&PathElement::new(
        vec![
            (px(left), px(top)),
            (px(left), px(h - bottom)),
            (px(css_w - right), px(h - bottom)),
        ],
        axis,
    ))
    .map_err(err)?;
    let points: Vec<(i32, i32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (px(x(i)), px(y(v))))
        .collect();
    let stroke = ShapeStyle {
        color: line.to_rgba(),
        filled: false,
        stroke_width: (2.0 * dpr).round() as u32,
    };
    area.draw(&PathElement::new(points.clone(), stroke))
        .map_err(err)?;
    for p in points {
        area.draw(&Circle::new(p, px(2.5), line.filled()))
            .map_err(err)?;
    }
    let font = ("sans-serif", 11.0 * dpr).into_font().color(&fg);
    let label = crate::app::value::format_short;
    area.draw(&Text::new(
        label(hi),
        (px(2.0), px(top - 2.0)),
        font.clone(),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        label(lo),
        (px(2.0), px(h - bottom - 12.0)),
        font.clone(),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        "0".to_string(),
        (px(left), px(h - 16.0)),
        font.clone(),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        format!("{}", values.len().saturating_sub(1)),
        (px(css_w - right - 14.0), px(h - 16.0)),
        font,
    ))
    .map_err(err)?;
    area.present().map_err(err)
}

/// A grey-level picture (values scaled from their min…max to black…white).
///
/// # Errors
/// The drawing backend's error, as text.
pub fn draw_picture(canvas: &HtmlCanvasElement, grid: &Grid, css_size: f64) -> DrawResult {
    let (rows, cols) = (grid.rows().max(1), grid.cols().max(1));
    let cell = (css_size / rows.max(cols) as f64).max(1.0);
    let dpr = size_canvas(canvas, cols as f64 * cell, rows as f64 * cell);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let area = backend.into_drawing_area();
    draw_cells(&area, grid, cell, dpr, |t| {
        let g = (t * 255.0).round() as u8;
        RGBColor(g, g, g)
    })?;
    area.present().map_err(err)
}
