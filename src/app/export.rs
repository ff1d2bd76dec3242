//! The current figure — input, kernel and output grids with their numbers,
//! and C when it is small — as a standalone SVG for slides. Pure string
//! building (escaped), so it is tested natively; the PNG is this SVG drawn
//! onto a canvas by the browser.

use super::i18n::Lang;
use super::model::{Derived, Model};
use super::value::format_short;
use crate::math::{Grid, Op};

/// Cell size in SVG units. Every coordinate is a whole number, printed as
/// an integer (the wasm has no float printer of its own; see `value`).
const CELL: i32 = 36;
/// C is drawn when it has at most this many entries.
const MATRIX_LIMIT: usize = 1024;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One labelled grid at (x, y); returns its width.
fn grid(out: &mut String, g: &Grid, label: &str, x: i32, y: i32) -> i32 {
    let max_abs = g.data().iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    out.push_str(&format!(
        "<text x=\"{x}\" y=\"{}\" font-weight=\"600\">{}</text>",
        y - 8,
        escape(&format!("{label} ({}×{})", g.rows(), g.cols()))
    ));
    for r in 0..g.rows() {
        for c in 0..g.cols() {
            let v = g.get(r, c);
            let t = if max_abs > 0.0 {
                v.abs() / max_abs
            } else {
                0.0
            };
            // Light tints of the page's blue (positive) or orange (negative).
            let (base, tint) = if v < 0.0 {
                ((233, 155, 103), t)
            } else {
                ((128, 178, 220), t)
            };
            let mix = |b: u8| (255.0 - (255.0 - b as f64) * tint).round() as u8;
            let (cx, cy) = (x + c as i32 * CELL, y + r as i32 * CELL);
            out.push_str(&format!(
                "<rect x=\"{cx}\" y=\"{cy}\" width=\"{w}\" height=\"{w}\" rx=\"4\" fill=\"rgb({},{},{})\" stroke=\"#b0b6bf\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"monospace\">{}</text>",
                mix(base.0),
                mix(base.1),
                mix(base.2),
                cx + CELL / 2 - 1,
                cy + CELL / 2 + 5,
                escape(&format_short(v)),
                w = CELL - 3,
            ));
        }
    }
    g.cols() as i32 * CELL
}

/// The figure as an SVG document.
pub fn figure_svg(model: &Model, derived: &Derived, lang: Lang) -> String {
    let t = lang.strings();
    let mut body = String::new();
    let top = 40;
    let mut x = 20;
    x += grid(&mut body, &model.input, t.input(), x, top) + 50;
    let op = if model.op == Op::ConvTranspose2d {
        "⊛ᵀ"
    } else {
        "⊛"
    };
    body.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"22\">{op}</text>",
        x - 38,
        top + 22
    ));
    x += grid(&mut body, &model.kernel, t.kernel(), x, top) + 50;
    body.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"22\">=</text>",
        x - 34,
        top + 22
    ));
    x += grid(&mut body, &derived.output, t.output(), x, top) + 20;
    let tallest = [
        model.input.rows(),
        model.kernel.rows(),
        derived.output.rows(),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    let mut height = top + tallest as i32 * CELL + 20;
    let m = &derived.matrix;
    if m.rows() * m.cols() <= MATRIX_LIMIT {
        let c = m.to_dense(&model.kernel);
        let y = height + 40;
        let w = grid(&mut body, &c, t.matrix_c(), 20, y);
        x = x.max(w + 40);
        height = y + c.rows() as i32 * CELL + 20;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{x}\" height=\"{height}\" viewBox=\"0 0 {x} {height}\" \
         font-family=\"sans-serif\" font-size=\"14\" fill=\"#1d1f23\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>{body}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::State;

    #[test]
    fn article_figure() {
        let s = State::new(Default::default());
        let svg = figure_svg(&s.model, &s.derived, Lang::En);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(">29</text>"));
        assert!(svg.contains("Output (4×4)"));
        assert!(svg.contains("Convolution matrix C (4×16)"));
        // 4 + 9 + 16 grid cells and the 64 entries of C.
        assert_eq!(svg.matches("<rect x=").count(), 4 + 9 + 16 + 64);
    }

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
