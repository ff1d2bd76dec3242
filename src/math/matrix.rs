//! [`ConvMatrix`]: the convolution matrix C, sparse, built from the geometry
//! alone.
//!
//! Rows of C are the few-side cells, columns the many-side cells, both
//! row-major (see [`Geometry::few`] / [`Geometry::many`]):
//!
//! ```text
//! C[r, c] = w[kh, kw]   when c = reach(r, (kh, kw)) lies inside the many side
//!         = 0           otherwise
//! conv2d:            vec(y) = C  · vec(x)     (rows = output cells, columns = input cells)
//! conv_transpose2d:  vec(y) = Cᵀ · vec(x)     (rows = input cells,  columns = output cells)
//! ```
//!
//! This is the matrix of Dumoulin & Visin, <https://arxiv.org/abs/1603.07285>,
//! section 4.1: for their 4×4 input and 3×3 kernel, C is 4×16.
//!
//! Each entry holds at most one weight, so no two taps ever need adding into
//! one cell of C: per axis `reach = f·s − p + t·d`, and with `d >= 1` distinct
//! taps `t` of one row `f` land on distinct columns; with `s >= 1` one tap
//! reaches a given column from at most one row. Hence a row holds at most
//! `k_h·k_w` entries and so does a column, and
//!
//! ```text
//! nnz <= min(rows, cols) · k_h·k_w <= 64² · 9² = 331 776
//! ```
//!
//! (one side is always the input). The taps are stored, not the values: a
//! kernel edit never rebuilds C, and products look the weights up.

use super::grid::{accumulate, Grid};
use super::params::{Geometry, Pair};

/// One non-zero of row r of C: its column and which kernel weight it holds
/// (row-major index `kh·k_w + kw`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tap {
    /// Column of C (a many-side cell, row-major).
    pub col: u32,
    /// Row-major kernel index `kh·k_w + kw`.
    pub weight: u16,
}

/// One non-zero of column c of C (= row c of Cᵀ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColTap {
    /// Row of C (a few-side cell, row-major).
    pub row: u32,
    /// Row-major kernel index `kh·k_w + kw`.
    pub weight: u16,
}

/// The convolution matrix C of a [`Geometry`], sparse. Rows = few-side cells
/// (row-major), columns = many-side cells. conv2d: `vec(y) = C·vec(x)`;
/// conv_transpose2d: `vec(y) = Cᵀ·vec(x)`.
///
/// It depends only on the geometry: kernel *values* are looked up at use, so
/// editing a weight never rebuilds it. Stored twice, as CSR (rows) and CSC
/// (columns), so both a row and a column are a slice.
///
/// ```
/// use convt::math::{ConvMatrix, ConvParams, Geometry, Grid, Op, Pair};
/// let g = Geometry::try_new(Op::Conv2d, Pair::square(4), Pair::square(3), ConvParams::default()).unwrap();
/// let c = ConvMatrix::new(&g);
/// assert_eq!((c.rows(), c.cols(), c.nnz()), (4, 16, 36));
/// let w = Grid::from_vec(3, 3, (1..=9).map(f64::from).collect()).unwrap();
/// assert_eq!(c.to_dense(&w).to_rows()[0],
///     vec![1.0, 2.0, 3.0, 0.0, 4.0, 5.0, 6.0, 0.0, 7.0, 8.0, 9.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvMatrix {
    rows: usize,
    cols: usize,
    kernel: Pair,
    /// `taps[row_start[r]..row_start[r + 1]]` is row r.
    row_start: Vec<usize>,
    taps: Vec<Tap>,
    /// `col_taps[col_start[c]..col_start[c + 1]]` is column c.
    col_start: Vec<usize>,
    col_taps: Vec<ColTap>,
}

/// For each few index on one axis, the (tap, many index) pairs that land
/// inside, in tap order (hence in increasing many index).
fn axis_hits(
    few: usize,
    kernel: usize,
    many: usize,
    s: usize,
    p: usize,
    d: usize,
) -> Vec<Vec<(usize, usize)>> {
    // Within the caps every term is < 2¹², so i64 is exact.
    let many = many as i64;
    (0..few)
        .map(|f| {
            (0..kernel)
                .filter_map(|t| {
                    let m = f as i64 * s as i64 - p as i64 + t as i64 * d as i64;
                    (0..many).contains(&m).then_some((t, m as usize))
                })
                .collect()
        })
        .collect()
}

impl ConvMatrix {
    /// Builds C for `g`: `O(nnz)` after two tiny per-axis tables, because
    /// reach separates into a row part and a column part.
    pub fn new(g: &Geometry) -> ConvMatrix {
        let (few, many, k, p) = (g.few(), g.many(), g.kernel(), g.params());
        let hits_h = axis_hits(few.h, k.h, many.h, p.stride.h, p.padding.h, p.dilation.h);
        let hits_w = axis_hits(few.w, k.w, many.w, p.stride.w, p.padding.w, p.dilation.w);
        let (rows, cols) = (few.area(), many.area());

        let nnz: usize =
            hits_h.iter().map(Vec::len).sum::<usize>() * hits_w.iter().map(Vec::len).sum::<usize>();
        let mut row_start = Vec::with_capacity(rows + 1);
        let mut taps = Vec::with_capacity(nnz);
        let mut col_count = vec![0usize; cols + 1];
        row_start.push(0);
        for hh in &hits_h {
            for hw in &hits_w {
                // Row-major taps give increasing columns: rows of C come out sorted.
                for &(kh, mh) in hh {
                    for &(kw, mw) in hw {
                        let col = mh * many.w + mw;
                        col_count[col + 1] += 1;
                        // cols <= 256² and k_h·k_w <= 81, so both casts are exact.
                        taps.push(Tap {
                            col: col as u32,
                            weight: (kh * k.w + kw) as u16,
                        });
                    }
                }
                row_start.push(taps.len());
            }
        }

        let mut col_start = col_count;
        for c in 0..cols {
            col_start[c + 1] += col_start[c];
        }
        let mut next = col_start.clone();
        let mut col_taps = vec![ColTap { row: 0, weight: 0 }; taps.len()];
        // Visiting rows in order fills every column in increasing row order.
        for r in 0..rows {
            for tap in &taps[row_start[r]..row_start[r + 1]] {
                let c = tap.col as usize;
                col_taps[next[c]] = ColTap {
                    row: r as u32,
                    weight: tap.weight,
                };
                next[c] += 1;
            }
        }

        ConvMatrix {
            rows,
            cols,
            kernel: k,
            row_start,
            taps,
            col_start,
            col_taps,
        }
    }

    /// Number of rows (few-side cells).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (many-side cells).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of stored non-zeros (structural: a zero weight still counts).
    pub fn nnz(&self) -> usize {
        self.taps.len()
    }

    /// The non-zeros of row `r`, sorted by column; empty if `r >= rows()`.
    pub fn row(&self, r: usize) -> &[Tap] {
        if r >= self.rows {
            return &[];
        }
        &self.taps[self.row_start[r]..self.row_start[r + 1]]
    }

    /// The non-zeros of column `c`, sorted by row; empty if `c >= cols()`.
    pub fn column(&self, c: usize) -> &[ColTap] {
        if c >= self.cols {
            return &[];
        }
        &self.col_taps[self.col_start[c]..self.col_start[c + 1]]
    }

    /// The kernel index held at (`r`, `c`), or `None` for a structural zero
    /// (or a position outside C). Binary search in row `r`.
    pub fn entry(&self, r: usize, c: usize) -> Option<u16> {
        let row = self.row(r);
        let c = u32::try_from(c).ok()?;
        row.binary_search_by_key(&c, |t| t.col)
            .ok()
            .map(|i| row[i].weight)
    }

    /// `C·v`, with the weights of `kernel`: a `cols()`-long vector in, a
    /// `rows()`-long vector out (conv2d of `v` as a flattened input).
    ///
    /// # Panics
    ///
    /// If `kernel`'s shape is not the geometry's or `v.len() != cols()`.
    pub fn mul(&self, kernel: &Grid, v: &[f64]) -> Vec<f64> {
        self.assert_kernel(kernel);
        let (len, cols) = (v.len(), self.cols);
        assert!(
            len == cols,
            "C·v needs a vector of C's column count {cols}, not {len}"
        );
        let w = kernel.data();
        (0..self.rows)
            .map(|r| {
                accumulate(
                    self.row(r)
                        .iter()
                        .map(|t| w[usize::from(t.weight)] * v[t.col as usize]),
                )
            })
            .collect()
    }

    /// `Cᵀ·v`, with the weights of `kernel`: a `rows()`-long vector in, a
    /// `cols()`-long vector out (conv_transpose2d of `v` as a flattened input).
    ///
    /// Each entry is summed from `+0.0` ([`accumulate`]), as the scatter's
    /// zeroed output is: an entry no weight reaches is `0`, not `-0`.
    ///
    /// # Panics
    ///
    /// If `kernel`'s shape is not the geometry's or `v.len() != rows()`.
    pub fn mul_transposed(&self, kernel: &Grid, v: &[f64]) -> Vec<f64> {
        self.assert_kernel(kernel);
        let (len, rows) = (v.len(), self.rows);
        assert!(
            len == rows,
            "Cᵀ·v needs a vector of C's row count {rows}, not {len}"
        );
        let w = kernel.data();
        (0..self.cols)
            .map(|c| {
                accumulate(
                    self.column(c)
                        .iter()
                        .map(|t| w[usize::from(t.weight)] * v[t.row as usize]),
                )
            })
            .collect()
    }

    /// C as a dense `rows() × cols()` grid with the weights of `kernel`. For
    /// small sizes and tests only: at the caps it would be gigabytes.
    ///
    /// # Panics
    ///
    /// If `kernel`'s shape is not the geometry's.
    pub fn to_dense(&self, kernel: &Grid) -> Grid {
        self.assert_kernel(kernel);
        let mut dense = Grid::zeros(self.rows, self.cols);
        let w = kernel.data();
        for r in 0..self.rows {
            for t in self.row(r) {
                dense.set(r, t.col as usize, w[usize::from(t.weight)]);
            }
        }
        dense
    }

    fn assert_kernel(&self, kernel: &Grid) {
        let shape = kernel.shape();
        assert!(
            shape == self.kernel,
            "kernel shape {shape} differs from the geometry's {}",
            self.kernel
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::params::{ConvParams, Op};
    use crate::math::{conv2d_unchecked, conv_transpose2d_unchecked};

    fn article_kernel() -> Grid {
        Grid::from_rows(&[
            vec![1.0, 4.0, 1.0],
            vec![1.0, 4.0, 3.0],
            vec![3.0, 3.0, 1.0],
        ])
        .unwrap()
    }

    #[test]
    fn article_matrix() {
        let g = Geometry::try_new(
            Op::Conv2d,
            Pair::square(4),
            Pair::square(3),
            ConvParams::default(),
        )
        .unwrap();
        let c = ConvMatrix::new(&g);
        let d = c.to_dense(&article_kernel());
        let z = [0.0; 4];
        let band = [1.0, 4.0, 1.0, 0.0, 1.0, 4.0, 3.0, 0.0, 3.0, 3.0, 1.0, 0.0];
        let shift = |n: usize| -> Vec<f64> {
            let mut row = vec![0.0; n];
            row.extend_from_slice(&band);
            row.extend_from_slice(&z);
            row.truncate(16);
            row.resize(16, 0.0);
            row
        };
        assert_eq!(d.rows(), 4);
        assert_eq!(d.cols(), 16);
        assert_eq!(
            d.to_rows()[0],
            vec![1.0, 4.0, 1.0, 0.0, 1.0, 4.0, 3.0, 0.0, 3.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        );
        // Rows 1, 2, 3 are row 0 shifted by 1, 4 and 5 columns.
        assert_eq!(d.to_rows()[1], shift(1));
        assert_eq!(d.to_rows()[2], shift(4));
        assert_eq!(d.to_rows()[3], shift(5));
        assert_eq!(c.entry(0, 5), Some(4));
        assert_eq!(c.entry(0, 3), None);
        assert_eq!(c.entry(9, 0), None);
        assert_eq!(c.column(5).len(), 4);
        assert!(c.row(4).is_empty());
    }

    #[test]
    fn products_match_the_loops() {
        let p = ConvParams {
            stride: Pair::new(2, 3),
            padding: Pair::new(1, 2),
            output_padding: Pair::new(1, 0),
            dilation: Pair::new(1, 2),
        };
        let x = Grid::from_vec(3, 4, (0..12).map(|v| f64::from(v) - 5.0).collect()).unwrap();
        let w = Grid::from_vec(2, 3, vec![1.0, -2.0, 3.0, 0.5, 4.0, -1.0]).unwrap();
        let t = Geometry::try_new(Op::ConvTranspose2d, x.shape(), w.shape(), p).unwrap();
        let ct = ConvMatrix::new(&t);
        let y = conv_transpose2d_unchecked(&t, &x, &w);
        assert_eq!(ct.mul_transposed(&w, x.data()), y.data());
        let g = Geometry::try_new(Op::Conv2d, y.shape(), w.shape(), p).unwrap();
        let c = ConvMatrix::new(&g);
        assert_eq!(c.mul(&w, y.data()), conv2d_unchecked(&g, &y, &w).data());
        // Entries no weight reaches are +0, like the loops' (== cannot
        // tell -0 from 0).
        let signs = |v: &[f64]| v.iter().map(|x| x.is_sign_negative()).collect::<Vec<_>>();
        assert_eq!(signs(&ct.mul_transposed(&w, x.data())), signs(y.data()));
        let y_zero = ct.mul_transposed(&w, &vec![0.0; x.data().len()]);
        assert!(y_zero.iter().all(|v| *v == 0.0 && v.is_sign_positive()));
        assert!(c
            .mul(&w, &vec![0.0; y.data().len()])
            .iter()
            .all(|v| v.is_sign_positive()));
        // CSR and CSC hold the same entries.
        for r in 0..ct.rows() {
            for tap in ct.row(r) {
                let col = ct.column(tap.col as usize);
                assert!(col.contains(&ColTap {
                    row: r as u32,
                    weight: tap.weight
                }));
            }
        }
        let total: usize = (0..ct.cols()).map(|c| ct.column(c).len()).sum();
        assert_eq!(total, ct.nnz());
    }

    #[test]
    fn builds_at_the_caps() {
        let g = Geometry::try_new(
            Op::ConvTranspose2d,
            Pair::square(64),
            Pair::square(9),
            ConvParams {
                stride: Pair::square(3),
                ..ConvParams::default()
            },
        )
        .unwrap();
        let c = ConvMatrix::new(&g);
        assert_eq!(c.nnz(), 64 * 64 * 81);
        assert_eq!(c.rows(), 64 * 64);
        assert_eq!(c.cols(), 198 * 198);
    }
}
