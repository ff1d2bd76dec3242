//! Linked highlighting: which cells of every view are connected to the
//! focused cell (hovered, keyboard-focused or pinned), or to the current
//! animation step when nothing is focused.
//!
//! Everything is phrased on C, the matrix of the many-to-one direction:
//! a row of C is a *few-side* cell (conv2d: an output cell; transposed: an
//! input cell), a column a *many-side* cell, and each non-zero a kernel
//! weight. An entry (r, c) holding weight w is active when w is active and
//! its row or its column is.

use crate::math::{ConvMatrix, Geometry, Op, Pair, ZeroInsertion};

use super::state::CellRef;

/// Which cells are connected to the focus, per view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// Input cells, row-major.
    pub input: Vec<bool>,
    /// Kernel weights, row-major.
    pub kernel: Vec<bool>,
    /// Output cells, row-major.
    pub output: Vec<bool>,
    /// Rows of C.
    pub rows: Vec<bool>,
    /// Columns of C.
    pub cols: Vec<bool>,
    /// Convolution only: positions of the focused window that fall on the
    /// zero padding around the input, as (row, col) relative to the input.
    pub pad: Vec<(i64, i64)>,
    /// Zero-insertion stepping: the window of the current step on the
    /// zero-inserted, padded grid (row-major mask; empty otherwise).
    pub window: Vec<bool>,
    /// Zero-insertion stepping: the flipped kernel's taps in use.
    pub flipped: Vec<bool>,
}

impl Links {
    /// Nothing highlighted.
    pub fn none(g: &Geometry) -> Links {
        Links {
            input: vec![false; g.input().area()],
            kernel: vec![false; g.kernel().area()],
            output: vec![false; g.output().area()],
            rows: vec![false; g.few().area()],
            cols: vec![false; g.many().area()],
            pad: Vec::new(),
            window: Vec::new(),
            flipped: Vec::new(),
        }
    }

    /// Whether nothing is highlighted.
    pub fn is_empty(&self) -> bool {
        !self.kernel.iter().any(|&k| k) && !self.input.iter().any(|&k| k)
    }

    /// Whether C's entry (r, c) holding kernel weight `weight` is active.
    pub fn entry(&self, r: usize, c: usize, weight: usize) -> bool {
        self.kernel[weight] && (self.rows[r] || self.cols[c])
    }

    /// The links of zero-insertion step `step` (output cell `step`, row-major):
    /// the flipped kernel's window on the padded grid, the input cells inside
    /// it, the weights they meet, and the output cell — a column of C.
    pub fn of_zero_step(g: &Geometry, z: &ZeroInsertion, step: usize) -> Links {
        let mut links = Links::none(g);
        let out = g.output();
        if step >= out.area() {
            return links;
        }
        let cell = Pair::new(step / out.w, step % out.w);
        links.output[step] = true;
        links.cols[step] = true;
        links.window = vec![false; z.padded.len()];
        links.flipped = vec![false; z.flipped_kernel.len()];
        let k = g.kernel();
        for tap in z.window(cell) {
            links.window[tap.padded.h * z.padded.cols() + tap.padded.w] = true;
            let f = tap.flipped.h * k.w + tap.flipped.w;
            links.flipped[f] = true;
            if let Some(x) = z.source(tap.padded.h, tap.padded.w) {
                links.input[x.h * g.input().w + x.w] = true;
                // Flipped tap (a, b) is weight (k−1−a, k−1−b).
                links.kernel[k.area() - 1 - f] = true;
            }
        }
        links
    }

    /// The links of `focus` (a cell), or of animation step `step` (a few-side
    /// cell index) when there is no focus.
    pub fn of(g: &Geometry, c: &ConvMatrix, focus: Option<CellRef>, step: Option<usize>) -> Links {
        let mut links = Links::none(g);
        let few_w = g.few().w;
        let many_w = g.many().w;
        let index = |p: Pair, width: usize| p.h * width + p.w;
        // Few/many side in terms of input/output.
        let (few_is_input, many_is_input) = match g.op() {
            Op::ConvTranspose2d => (true, false),
            Op::Conv2d => (false, true),
        };
        let focus = match focus {
            Some(f) => Some(f),
            None => step.filter(|&s| s < g.few().area()).map(|s| {
                let p = Pair::new(s / few_w, s % few_w);
                if few_is_input {
                    CellRef::Input(p)
                } else {
                    CellRef::Output(p)
                }
            }),
        };
        let Some(focus) = focus else { return links };

        let mark_row = |links: &mut Links, r: usize| {
            links.rows[r] = true;
            let p = if few_is_input {
                &mut links.input
            } else {
                &mut links.output
            };
            p[r] = true;
        };
        let mark_col = |links: &mut Links, col: usize| {
            links.cols[col] = true;
            let p = if many_is_input {
                &mut links.input
            } else {
                &mut links.output
            };
            p[col] = true;
        };
        // A focused grid cell is a row (few side) or a column (many side) of C.
        let (row, col) = match focus {
            CellRef::Input(p) if few_is_input => (Some(index(p, few_w)), None),
            CellRef::Output(p) if !few_is_input => (Some(index(p, few_w)), None),
            CellRef::Input(p) | CellRef::Output(p) => (None, Some(index(p, many_w))),
            CellRef::Entry { row, col } => {
                if row < c.rows() && col < c.cols() {
                    if let Some(w) = c.entry(row, col) {
                        links.kernel[w as usize] = true;
                    }
                    mark_row(&mut links, row);
                    mark_col(&mut links, col);
                }
                return links;
            }
            CellRef::Kernel(p) => {
                if p.h < g.kernel().h && p.w < g.kernel().w {
                    let w = index(p, g.kernel().w);
                    links.kernel[w] = true;
                    for r in 0..c.rows() {
                        if let Some(tap) = c.row(r).iter().find(|t| t.weight as usize == w) {
                            mark_row(&mut links, r);
                            mark_col(&mut links, tap.col as usize);
                        }
                    }
                }
                return links;
            }
        };
        if let Some(r) = row.filter(|&r| r < c.rows()) {
            mark_row(&mut links, r);
            if g.op() == Op::Conv2d {
                let cell = Pair::new(r / few_w, r % few_w);
                let k = g.kernel();
                let inside = |(h, w): (i64, i64)| {
                    h >= 0 && w >= 0 && (h as usize) < g.input().h && (w as usize) < g.input().w
                };
                links.pad = (0..k.area())
                    .map(|i| g.reach(cell, Pair::new(i / k.w, i % k.w)))
                    .filter(|&at| !inside(at))
                    .collect();
            }
            for tap in c.row(r) {
                links.kernel[tap.weight as usize] = true;
                let p = if many_is_input {
                    &mut links.input
                } else {
                    &mut links.output
                };
                p[tap.col as usize] = true;
            }
        }
        if let Some(col) = col.filter(|&col| col < c.cols()) {
            mark_col(&mut links, col);
            for tap in c.column(col) {
                links.kernel[tap.weight as usize] = true;
                let p = if few_is_input {
                    &mut links.input
                } else {
                    &mut links.output
                };
                p[tap.row as usize] = true;
            }
        }
        links
    }
}
