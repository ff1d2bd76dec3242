//! Shared helpers for the integration tests: a naive reference written from the
//! definitions (not from the implementation's loops), plus small utilities.
//!
//! The references work on plain `Vec<Vec<f64>>` so they share no code with
//! `convt::math` beyond the final conversion to `Grid` for comparisons.
//!
//! ```text
//! conv_transpose2d (reference): scatter every x[a,b]·w[u,v] into the FULL,
//!   uncropped output at (a·s + u·d, b·s + v·d); full length (in−1)·s + d·(k−1) + 1.
//!   Append output_padding zero rows/cols at the end, then keep rows p .. p+out,
//!   out = full + output_padding − 2p.
//! conv2d (reference): copy x into a zero grid of size in + 2p at offset p, then
//!   slide the dilated kernel (span d·(k−1)+1) with step s over it.
//! ```
#![allow(dead_code)]

use convt::math::{ConvParams, Grid, Pair};

/// A row-major matrix as nested vectors.
pub type Mat = Vec<Vec<f64>>;

/// Per-axis parameters, `[h, w]`, independent of the implementation's types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub stride: [usize; 2],
    pub padding: [usize; 2],
    pub output_padding: [usize; 2],
    pub dilation: [usize; 2],
}

impl Spec {
    /// Square parameters (same on both axes).
    pub fn square(stride: usize, padding: usize, output_padding: usize, dilation: usize) -> Spec {
        Spec {
            stride: [stride; 2],
            padding: [padding; 2],
            output_padding: [output_padding; 2],
            dilation: [dilation; 2],
        }
    }

    /// The implementation's parameter struct.
    pub fn params(&self) -> ConvParams {
        ConvParams {
            stride: Pair::new(self.stride[0], self.stride[1]),
            padding: Pair::new(self.padding[0], self.padding[1]),
            output_padding: Pair::new(self.output_padding[0], self.output_padding[1]),
            dilation: Pair::new(self.dilation[0], self.dilation[1]),
        }
    }
}

/// (rows, cols) of a non-ragged matrix.
pub fn dims(m: &Mat) -> (usize, usize) {
    let rows = m.len();
    let cols = m.first().map_or(0, Vec::len);
    assert!(m.iter().all(|r| r.len() == cols), "ragged test matrix");
    (rows, cols)
}

/// Naive conv_transpose2d: full scatter, output_padding extension, then crop.
/// `None` when the output would be empty.
pub fn ref_conv_transpose2d(x: &Mat, w: &Mat, sp: &Spec) -> Option<Mat> {
    let (ih, iw) = dims(x);
    let (kh, kw) = dims(w);
    let (s, d, p, op) = (sp.stride, sp.dilation, sp.padding, sp.output_padding);
    let full_h = (ih - 1) * s[0] + d[0] * (kh - 1) + 1;
    let full_w = (iw - 1) * s[1] + d[1] * (kw - 1) + 1;
    // The uncropped output, already extended by output_padding zeros at the end.
    let mut full = vec![vec![0.0; full_w + op[1]]; full_h + op[0]];
    for (a, xrow) in x.iter().enumerate() {
        for (b, &xv) in xrow.iter().enumerate() {
            for (u, wrow) in w.iter().enumerate() {
                for (v, &wv) in wrow.iter().enumerate() {
                    full[a * s[0] + u * d[0]][b * s[1] + v * d[1]] += xv * wv;
                }
            }
        }
    }
    let out_h = (full_h + op[0]) as i64 - 2 * p[0] as i64;
    let out_w = (full_w + op[1]) as i64 - 2 * p[1] as i64;
    if out_h <= 0 || out_w <= 0 {
        return None;
    }
    let (out_h, out_w) = (out_h as usize, out_w as usize);
    Some(
        full[p[0]..p[0] + out_h]
            .iter()
            .map(|row| row[p[1]..p[1] + out_w].to_vec())
            .collect(),
    )
}

/// Naive conv2d (cross-correlation): explicit zero padding, then slide the
/// dilated kernel. `None` when the dilated kernel does not fit.
pub fn ref_conv2d(x: &Mat, w: &Mat, sp: &Spec) -> Option<Mat> {
    let (ih, iw) = dims(x);
    let (kh, kw) = dims(w);
    let (s, d, p) = (sp.stride, sp.dilation, sp.padding);
    let (ph, pw) = (ih + 2 * p[0], iw + 2 * p[1]);
    let mut padded = vec![vec![0.0; pw]; ph];
    for (a, xrow) in x.iter().enumerate() {
        for (b, &xv) in xrow.iter().enumerate() {
            padded[a + p[0]][b + p[1]] = xv;
        }
    }
    let span_h = d[0] * (kh - 1) + 1;
    let span_w = d[1] * (kw - 1) + 1;
    if ph < span_h || pw < span_w {
        return None;
    }
    let out_h = (ph - span_h) / s[0] + 1;
    let out_w = (pw - span_w) / s[1] + 1;
    let mut y = vec![vec![0.0; out_w]; out_h];
    for (o, yrow) in y.iter_mut().enumerate() {
        for (q, yv) in yrow.iter_mut().enumerate() {
            let mut acc = 0.0;
            for (u, wrow) in w.iter().enumerate() {
                for (v, &wv) in wrow.iter().enumerate() {
                    acc += wv * padded[o * s[0] + u * d[0]][q * s[1] + v * d[1]];
                }
            }
            *yv = acc;
        }
    }
    Some(y)
}

/// The dense convolution matrix built from basis images, with no index
/// arithmetic of its own:
/// * conv2d: column c of C is vec(conv2d(e_c)), e_c the c-th input basis image;
/// * conv_transpose2d: row r of C is vec(conv_transpose2d(e_r)) (Cᵀ·e_r).
///
/// `transposed` selects the mode; `few`/`many` follow the contract.
pub fn ref_dense_matrix(
    input: (usize, usize),
    w: &Mat,
    sp: &Spec,
    transposed: bool,
) -> Option<Mat> {
    let (ih, iw) = input;
    let n_in = ih * iw;
    let mut images = Vec::with_capacity(n_in);
    for c in 0..n_in {
        let mut e = vec![vec![0.0; iw]; ih];
        e[c / iw][c % iw] = 1.0;
        let y = if transposed {
            ref_conv_transpose2d(&e, w, sp)?
        } else {
            ref_conv2d(&e, w, sp)?
        };
        images.push(flatten(&y));
    }
    if transposed {
        // rows = input cells, each row = Cᵀ e_r.
        Some(images)
    } else {
        // columns = input cells.
        let rows = images[0].len();
        Some(
            (0..rows)
                .map(|r| images.iter().map(|col| col[r]).collect())
                .collect(),
        )
    }
}

/// Row-major flattening.
pub fn flatten(m: &Mat) -> Vec<f64> {
    m.iter().flatten().copied().collect()
}

/// Row-major reshape.
pub fn reshape(v: &[f64], rows: usize, cols: usize) -> Mat {
    assert_eq!(v.len(), rows * cols, "reshape length");
    v.chunks(cols.max(1)).map(<[f64]>::to_vec).collect()
}

/// Top-left crop.
pub fn crop(m: &Mat, rows: usize, cols: usize) -> Mat {
    m[..rows].iter().map(|r| r[..cols].to_vec()).collect()
}

/// Plain dot product.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len(), "dot of different lengths");
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Nested rows → implementation `Grid`.
pub fn grid(m: &Mat) -> Grid {
    Grid::from_rows(m).expect("test matrix is a valid grid")
}

/// Literal rows → `Grid`.
pub fn grid_of<const C: usize>(rows: &[[f64; C]]) -> Grid {
    grid(&mat_of(rows))
}

/// Literal rows → `Mat`.
pub fn mat_of<const C: usize>(rows: &[[f64; C]]) -> Mat {
    rows.iter().map(|r| r.to_vec()).collect()
}

/// Implementation `Grid` → nested rows (checking the shape accessors agree).
pub fn mat(g: &Grid) -> Mat {
    let rows = g.to_rows();
    assert_eq!(rows.len(), g.rows());
    assert!(rows.iter().all(|r| r.len() == g.cols()));
    rows
}

/// A matrix filled row-major with 0, 1, 2, … (like `torch.arange(n).reshape(r, c)`).
pub fn arange(rows: usize, cols: usize) -> Mat {
    reshape(
        &(0..rows * cols).map(|v| v as f64).collect::<Vec<_>>(),
        rows,
        cols,
    )
}

/// SplitMix64: a tiny deterministic PRNG (no `rand` crate).
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// Next raw 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Integer in `lo..=hi`, as f64.
    pub fn int(&mut self, lo: i64, hi: i64) -> f64 {
        let span = (hi - lo + 1) as u64;
        (lo + (self.next_u64() % span) as i64) as f64
    }

    /// A `rows × cols` matrix of integers in `lo..=hi`.
    pub fn mat(&mut self, rows: usize, cols: usize, lo: i64, hi: i64) -> Mat {
        (0..rows)
            .map(|_| (0..cols).map(|_| self.int(lo, hi)).collect())
            .collect()
    }
}
