//! Property tests: the independent paths of the compute core agree with each
//! other and with the naive reference of `common`, the two operators are
//! adjoint, and validation never panics and names the right error.
//!
//! ```text
//! conv_transpose2d(x) == reshape(Cᵀ·vec(x)) == ZeroInsertion output == naive scatter+crop
//! conv2d(z)           == reshape(C·vec(z))  == naive pad+slide
//! ⟨crop(conv2d(z)), x⟩ == ⟨z, conv_transpose2d(x)⟩         (adjoint, same k/s/p/d)
//! out_T = (in−1)·s − 2p + d·(k−1) + op + 1
//! out_C = floor((in + 2p − d·(k−1) − 1) / s) + 1
//! ```
//!
//! Values are integers in −4..=4, so every comparison is exact.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{crop, dims, dot, flatten, grid, mat, reshape, Mat, Spec};
use convt::math::*;
use proptest::prelude::*;
use proptest::test_runner::Config;

const CASES: u32 = 256;

fn config() -> Config {
    Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    }
}

// ------------------------------------------------------------ formulas (written out here)

/// out = (in−1)·s − 2p + d·(k−1) + op + 1, in i128 (no overflow for any usize).
fn transposed_len(i: usize, k: usize, s: usize, p: usize, op: usize, d: usize) -> i128 {
    (i as i128 - 1) * s as i128 - 2 * p as i128 + d as i128 * (k as i128 - 1) + op as i128 + 1
}

/// out = floor((in + 2p − d·(k−1) − 1) / s) + 1 with a true floor.
fn conv_len(i: usize, k: usize, s: usize, p: usize, d: usize) -> i128 {
    let num = i as i128 + 2 * p as i128 - d as i128 * (k as i128 - 1) - 1;
    num.div_euclid(s as i128) + 1
}

// ------------------------------------------------------------ strategies

#[derive(Clone, Debug)]
struct Case {
    x: Mat,
    w: Mat,
    spec: Spec,
}

impl Case {
    fn xg(&self) -> Grid {
        grid(&self.x)
    }
    fn wg(&self) -> Grid {
        grid(&self.w)
    }
}

/// One axis: (input, kernel, stride, dilation, padding seed, output-padding seed).
fn axis() -> impl Strategy<Value = (usize, usize, usize, usize, usize, usize)> {
    (
        1usize..=6,
        1usize..=4,
        1usize..=3,
        1usize..=3,
        0usize..=5,
        0usize..=2,
    )
}

fn values(n: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec((-4i64..=4).prop_map(|v| v as f64), n)
}

/// A valid conv_transpose2d case: output_padding < max(s, d), padding ≤ 5 and
/// small enough that the output is non-empty.
fn transposed_case() -> impl Strategy<Value = Case> {
    (axis(), axis())
        .prop_flat_map(|(ah, aw)| {
            let mut spec = Spec::square(1, 0, 0, 1);
            let mut shape = [(0, 0); 2];
            for (a, (i, k, s, d, p_seed, op_seed)) in [ah, aw].into_iter().enumerate() {
                let op = op_seed % s.max(d);
                let full = (i - 1) * s + d * (k - 1) + 1;
                let max_p = ((full + op - 1) / 2).min(5);
                spec.stride[a] = s;
                spec.dilation[a] = d;
                spec.output_padding[a] = op;
                spec.padding[a] = p_seed % (max_p + 1);
                shape[a] = (i, k);
            }
            let (xs, ks) = ((shape[0].0, shape[1].0), (shape[0].1, shape[1].1));
            (
                Just(spec),
                Just(xs),
                Just(ks),
                values(xs.0 * xs.1),
                values(ks.0 * ks.1),
            )
        })
        .prop_map(|(spec, xs, ks, xv, wv)| Case {
            x: reshape(&xv, xs.0, xs.1),
            w: reshape(&wv, ks.0, ks.1),
            spec,
        })
}

/// A valid conv2d case: padding raised when needed so the dilated kernel fits.
fn conv_case() -> impl Strategy<Value = Case> {
    (axis(), axis())
        .prop_flat_map(|(ah, aw)| {
            let mut spec = Spec::square(1, 0, 0, 1);
            let mut shape = [(0, 0); 2];
            for (a, (i, k, s, d, p_seed, _)) in [ah, aw].into_iter().enumerate() {
                let span = d * (k - 1) + 1;
                let min_p = span.saturating_sub(i).div_ceil(2);
                spec.stride[a] = s;
                spec.dilation[a] = d;
                spec.padding[a] = p_seed.max(min_p);
                shape[a] = (i, k);
            }
            let (xs, ks) = ((shape[0].0, shape[1].0), (shape[0].1, shape[1].1));
            (
                Just(spec),
                Just(xs),
                Just(ks),
                values(xs.0 * xs.1),
                values(ks.0 * ks.1),
            )
        })
        .prop_map(|(spec, xs, ks, xv, wv)| Case {
            x: reshape(&xv, xs.0, xs.1),
            w: reshape(&wv, ks.0, ks.1),
            spec,
        })
}

/// A transposed case plus a `z` of the transposed output's shape.
fn adjoint_case() -> impl Strategy<Value = (Case, Mat)> {
    transposed_case().prop_flat_map(|c| {
        let (ih, iw) = dims(&c.x);
        let (kh, kw) = dims(&c.w);
        let s = c.spec;
        let oh = transposed_len(
            ih,
            kh,
            s.stride[0],
            s.padding[0],
            s.output_padding[0],
            s.dilation[0],
        ) as usize;
        let ow = transposed_len(
            iw,
            kw,
            s.stride[1],
            s.padding[1],
            s.output_padding[1],
            s.dilation[1],
        ) as usize;
        (
            Just(c),
            values(oh * ow).prop_map(move |v| reshape(&v, oh, ow)),
        )
    })
}

// ------------------------------------------------------------ checks shared by properties

fn geometry(op: Op, c: &Case) -> Geometry {
    let (x, w) = (c.xg(), c.wg());
    Geometry::try_new(op, x.shape(), w.shape(), c.spec.params())
        .unwrap_or_else(|e| panic!("valid case refused: {e} ({c:?})"))
}

/// CSR and CSC describe the same set of entries, sorted, consistent with
/// `entry` and with `to_dense`, and every tap lands where `reach` says.
fn check_matrix_structure(g: &Geometry, m: &ConvMatrix, w: &Grid) -> Result<(), TestCaseError> {
    let (few, many, k) = (g.few(), g.many(), g.kernel());
    prop_assert_eq!(m.rows(), few.area());
    prop_assert_eq!(m.cols(), many.area());
    let mut from_rows = Vec::new();
    let mut expected_nnz = 0;
    for r in 0..m.rows() {
        let cell = Pair::new(r / few.w, r % few.w);
        let row = m.row(r);
        prop_assert!(
            row.windows(2).all(|t| t[0].col < t[1].col),
            "row {} not sorted",
            r
        );
        // Independent enumeration of the taps of this few-side cell.
        let mut expected: Vec<Tap> = Vec::new();
        for kh in 0..k.h {
            for kw in 0..k.w {
                let (s, p, d) = (g.params().stride, g.params().padding, g.params().dilation);
                let oh = (cell.h * s.h + kh * d.h) as i64 - p.h as i64;
                let ow = (cell.w * s.w + kw * d.w) as i64 - p.w as i64;
                prop_assert_eq!(g.reach(cell, Pair::new(kh, kw)), (oh, ow));
                if oh >= 0 && ow >= 0 && (oh as usize) < many.h && (ow as usize) < many.w {
                    expected.push(Tap {
                        col: (oh as usize * many.w + ow as usize) as u32,
                        weight: (kh * k.w + kw) as u16,
                    });
                }
            }
        }
        expected.sort_by_key(|t| t.col);
        expected_nnz += expected.len();
        prop_assert_eq!(row, expected.as_slice(), "row {}", r);
        for t in row {
            prop_assert_eq!(m.entry(r, t.col as usize), Some(t.weight));
            from_rows.push((t.col, r as u32, t.weight));
        }
    }
    prop_assert_eq!(m.nnz(), expected_nnz);
    let mut from_cols = Vec::new();
    for c in 0..m.cols() {
        let col = m.column(c);
        prop_assert!(
            col.windows(2).all(|t| t[0].row < t[1].row),
            "column {} not sorted",
            c
        );
        from_cols.extend(col.iter().map(|t| (c as u32, t.row, t.weight)));
    }
    from_rows.sort_unstable();
    prop_assert_eq!(from_rows, from_cols);
    // Dense form agrees with the taps and the kernel values.
    let dense = mat(&m.to_dense(w));
    for (r, drow) in dense.iter().enumerate() {
        for (c, &v) in drow.iter().enumerate() {
            let want = m.entry(r, c).map_or(0.0, |k| w.data()[k as usize]);
            prop_assert_eq!(v, want, "dense ({}, {})", r, c);
        }
    }
    Ok(())
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config())]

    /// scatter == Cᵀ·vec(x) == zero insertion == unchecked == naive reference; output shape formula.
    #[test]
    fn transposed_paths_agree(c in transposed_case()) {
        let (x, w) = (c.xg(), c.wg());
        let g = geometry(Op::ConvTranspose2d, &c);
        let expected = common::ref_conv_transpose2d(&c.x, &c.w, &c.spec).expect("non-empty");
        let (ih, iw) = dims(&c.x);
        let (kh, kw) = dims(&c.w);
        let s = c.spec;
        let oh = transposed_len(ih, kh, s.stride[0], s.padding[0], s.output_padding[0], s.dilation[0]);
        let ow = transposed_len(iw, kw, s.stride[1], s.padding[1], s.output_padding[1], s.dilation[1]);
        prop_assert_eq!(g.output(), Pair::new(oh as usize, ow as usize));
        prop_assert_eq!(dims(&expected), (oh as usize, ow as usize));
        prop_assert_eq!(g.few(), x.shape());
        prop_assert_eq!(g.many(), g.output());

        let direct = conv_transpose2d(&x, &w, &c.spec.params()).unwrap();
        prop_assert_eq!(mat(&direct), expected.clone());
        prop_assert_eq!(conv_transpose2d_unchecked(&g, &x, &w), direct);

        let m = ConvMatrix::new(&g);
        prop_assert_eq!(reshape(&m.mul_transposed(&w, x.data()), oh as usize, ow as usize), expected.clone());

        let z = ZeroInsertion::new(&g, &x, &w);
        prop_assert_eq!(mat(&z.output), expected);
    }

    /// conv2d == C·vec(x) == unchecked == naive reference; output shape formula.
    #[test]
    fn conv_paths_agree(c in conv_case()) {
        let (x, w) = (c.xg(), c.wg());
        let g = geometry(Op::Conv2d, &c);
        let expected = common::ref_conv2d(&c.x, &c.w, &c.spec).expect("kernel fits");
        let (ih, iw) = dims(&c.x);
        let (kh, kw) = dims(&c.w);
        let s = c.spec;
        let oh = conv_len(ih, kh, s.stride[0], s.padding[0], s.dilation[0]);
        let ow = conv_len(iw, kw, s.stride[1], s.padding[1], s.dilation[1]);
        prop_assert_eq!(g.output(), Pair::new(oh as usize, ow as usize));
        prop_assert_eq!(dims(&expected), (oh as usize, ow as usize));
        prop_assert_eq!(g.few(), g.output());
        prop_assert_eq!(g.many(), x.shape());

        let direct = conv2d(&x, &w, &c.spec.params()).unwrap();
        prop_assert_eq!(mat(&direct), expected.clone());
        prop_assert_eq!(conv2d_unchecked(&g, &x, &w), direct);

        let m = ConvMatrix::new(&g);
        prop_assert_eq!(reshape(&m.mul(&w, x.data()), oh as usize, ow as usize), expected);
    }

    /// The dense C equals the matrix assembled from basis images through the
    /// naive reference (conv2d: columns; transposed: rows), and the sparse
    /// structure is self-consistent.
    #[test]
    fn matrix_matches_basis_images(c in transposed_case(), conv in conv_case()) {
        let gt = geometry(Op::ConvTranspose2d, &c);
        let mt = ConvMatrix::new(&gt);
        let expected = common::ref_dense_matrix(dims(&c.x), &c.w, &c.spec, true).unwrap();
        prop_assert_eq!(mat(&mt.to_dense(&c.wg())), expected);
        check_matrix_structure(&gt, &mt, &c.wg())?;

        let gc = geometry(Op::Conv2d, &conv);
        let mc = ConvMatrix::new(&gc);
        let expected = common::ref_dense_matrix(dims(&conv.x), &conv.w, &conv.spec, false).unwrap();
        prop_assert_eq!(mat(&mc.to_dense(&conv.wg())), expected);
        check_matrix_structure(&gc, &mc, &conv.wg())?;
    }

    /// ⟨crop(conv2d(z)), x⟩ == ⟨z, conv_transpose2d(x)⟩ between the two
    /// independent functions; and C of the transposed geometry is C of the
    /// conv2d geometry on z's shape restricted to the rows in x's shape.
    #[test]
    fn adjoint_identity((c, z) in adjoint_case()) {
        let (x, w) = (c.xg(), c.wg());
        let params = c.spec.params();
        let y = conv_transpose2d(&x, &w, &params).unwrap();
        let zg = grid(&z);
        let cz = conv2d(&zg, &w, &params).expect("conv2d of the transposed output is valid");
        let (ih, iw) = dims(&c.x);
        // conv2d(z) has in + floor(op / s) rows/cols: extra ones when op >= s.
        let s = c.spec;
        prop_assert_eq!(
            (cz.rows(), cz.cols()),
            (ih + s.output_padding[0] / s.stride[0], iw + s.output_padding[1] / s.stride[1])
        );
        let lhs = dot(&flatten(&crop(&mat(&cz), ih, iw)), &flatten(&c.x));
        let rhs = dot(&flatten(&z), y.data());
        prop_assert_eq!(lhs, rhs);

        // Same statement through the matrices.
        let gt = geometry(Op::ConvTranspose2d, &c);
        let gc = Geometry::try_new(Op::Conv2d, zg.shape(), w.shape(), params).unwrap();
        let (dt, dc) = (mat(&ConvMatrix::new(&gt).to_dense(&w)), mat(&ConvMatrix::new(&gc).to_dense(&w)));
        let few_c = gc.few();
        for (r, row) in dt.iter().enumerate() {
            let (h, v) = (r / iw, r % iw);
            prop_assert_eq!(row, &dc[h * few_c.w + v], "row ({}, {})", h, v);
        }
    }

    /// Zero insertion's intermediate grids follow their definitions.
    #[test]
    fn zero_insertion_structure(c in transposed_case()) {
        let (x, w) = (c.xg(), c.wg());
        let g = geometry(Op::ConvTranspose2d, &c);
        let zi = ZeroInsertion::new(&g, &x, &w);
        let (ih, iw) = dims(&c.x);
        let (kh, kw) = dims(&c.w);
        let s = c.spec;
        let st = [(ih - 1) * s.stride[0] + 1, (iw - 1) * s.stride[1] + 1];
        prop_assert_eq!((zi.stretched.rows(), zi.stretched.cols()), (st[0], st[1]));
        for r in 0..st[0] {
            for q in 0..st[1] {
                let want = if r % s.stride[0] == 0 && q % s.stride[1] == 0 {
                    c.x[r / s.stride[0]][q / s.stride[1]]
                } else {
                    0.0
                };
                prop_assert_eq!(zi.stretched.get(r, q), want);
            }
        }
        let before = [
            (s.dilation[0] * (kh - 1)) as i64 - s.padding[0] as i64,
            (s.dilation[1] * (kw - 1)) as i64 - s.padding[1] as i64,
        ];
        let after = [before[0] + s.output_padding[0] as i64, before[1] + s.output_padding[1] as i64];
        prop_assert_eq!(zi.before, (before[0], before[1]));
        prop_assert_eq!(zi.after, (after[0], after[1]));
        let ph = (st[0] as i64 + before[0] + after[0]) as usize;
        let pw = (st[1] as i64 + before[1] + after[1]) as usize;
        prop_assert_eq!((zi.padded.rows(), zi.padded.cols()), (ph, pw));
        let mut sources = 0;
        for r in 0..ph {
            for q in 0..pw {
                let jr = r as i64 - before[0];
                let jq = q as i64 - before[1];
                let src = if jr >= 0 && jq >= 0
                    && jr % s.stride[0] as i64 == 0 && jq % s.stride[1] as i64 == 0
                    && ((jr / s.stride[0] as i64) as usize) < ih && ((jq / s.stride[1] as i64) as usize) < iw
                {
                    Some(Pair::new((jr / s.stride[0] as i64) as usize, (jq / s.stride[1] as i64) as usize))
                } else {
                    None
                };
                prop_assert_eq!(zi.source(r, q), src, "source({}, {})", r, q);
                let want = src.map_or(0.0, |p| c.x[p.h][p.w]);
                prop_assert_eq!(zi.padded.get(r, q), want);
                sources += usize::from(src.is_some());
            }
        }
        prop_assert!(sources <= ih * iw);
        prop_assert_eq!(zi.flipped_kernel, w.rotated_180());
        let out = g.output();
        prop_assert_eq!(zi.multiplications, out.area() * kh * kw);
        // Each non-zero multiply is one (input cell, tap) whose target is inside.
        let mut pairs = 0;
        for a in 0..ih {
            for b in 0..iw {
                for u in 0..kh {
                    for v in 0..kw {
                        let oh = (a * s.stride[0] + u * s.dilation[0]) as i64 - s.padding[0] as i64;
                        let ow = (b * s.stride[1] + v * s.dilation[1]) as i64 - s.padding[1] as i64;
                        if (0..out.h as i64).contains(&oh) && (0..out.w as i64).contains(&ow) {
                            pairs += 1;
                        }
                    }
                }
            }
        }
        prop_assert_eq!(zi.nonzero_multiplications, pairs);
    }

    /// Validation with arbitrary numbers (zero, caps, huge): Ok or exactly the
    /// first failing check, never a panic.
    #[test]
    fn geometry_validation_never_panics(
        transposed in any::<bool>(),
        h in raw_axis(),
        w in raw_axis(),
    ) {
        let op = if transposed { Op::ConvTranspose2d } else { Op::Conv2d };
        let input = Pair::new(h[0], w[0]);
        let kernel = Pair::new(h[1], w[1]);
        let params = ConvParams {
            stride: Pair::new(h[2], w[2]),
            padding: Pair::new(h[3], w[3]),
            output_padding: Pair::new(h[4], w[4]),
            dilation: Pair::new(h[5], w[5]),
        };
        let got = Geometry::try_new(op, input, kernel, params);
        let want = expected_validation(op, input, kernel, params);
        match (got, want) {
            (Ok(g), Ok(out)) => {
                prop_assert_eq!(g.op(), op);
                prop_assert_eq!(g.input(), input);
                prop_assert_eq!(g.kernel(), kernel);
                prop_assert_eq!(g.output(), out);
                let mut stored = params;
                if op == Op::Conv2d {
                    stored.output_padding = Pair::new(0, 0);
                }
                prop_assert_eq!(g.params(), stored);
            }
            (got, want) => prop_assert_eq!(got.map(|g| g.output()), want),
        }
    }

    /// The pub output-length helpers follow the formulas written out above.
    #[test]
    fn output_len_helpers(
        i in prop_oneof![1usize..=10, 1usize..=100_000],
        k in prop_oneof![1usize..=10, 1usize..=100_000],
        s in prop_oneof![1usize..=4, 1usize..=100_000],
        p in prop_oneof![0usize..=10, 0usize..=100_000],
        op in prop_oneof![0usize..=4, 0usize..=100_000],
        d in prop_oneof![1usize..=4, 1usize..=100_000],
    ) {
        let t = transposed_len(i, k, s, p, op, d);
        prop_assert_eq!(conv_transpose2d_output_len(i, k, s, p, op, d), (t > 0).then_some(t as usize));
        let c = conv_len(i, k, s, p, d);
        prop_assert_eq!(conv2d_output_len(i, k, s, p, d), (c > 0).then_some(c as usize));
    }

    /// One bad value anywhere in the input or the kernel is reported with its
    /// role and position; in-range extremes are accepted.
    #[test]
    fn bad_values_are_refused(
        c in transposed_case(),
        in_kernel in any::<bool>(),
        pos in any::<proptest::sample::Index>(),
        bad in prop_oneof![
            Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY),
            Just(1e10), Just(-1e10), Just(1e9 + 1.0), Just(f64::MAX), Just(-1.0e300),
        ],
        transposed in any::<bool>(),
    ) {
        let mut x = c.x.clone();
        let mut w = c.w.clone();
        let target = if in_kernel { &mut w } else { &mut x };
        let (rows, cols) = dims(target);
        let at = pos.index(rows * cols);
        let (r, q) = (at / cols, at % cols);
        target[r][q] = bad;
        let role = if in_kernel { Role::Kernel } else { Role::Input };
        let want = if bad.is_finite() {
            ParamError::ValueTooLarge { role, row: r, col: q }
        } else {
            ParamError::ValueNotFinite { role, row: r, col: q }
        };
        let (xg, wg) = (grid(&x), grid(&w));
        let bad_grid = if in_kernel { &wg } else { &xg };
        prop_assert_eq!(bad_grid.check_values(role), Err(want.clone()));
        prop_assert_eq!(if in_kernel { xg.check_values(Role::Input) } else { wg.check_values(Role::Kernel) }, Ok(()));
        let got = if transposed {
            conv_transpose2d(&xg, &wg, &c.spec.params())
        } else {
            // the transposed case's geometry may not be a valid conv2d: only
            // compare when the clean grids pass.
            let clean = conv2d(&grid(&c.x), &grid(&c.w), &c.spec.params());
            if clean.is_err() {
                return Ok(());
            }
            conv2d(&xg, &wg, &c.spec.params())
        };
        prop_assert_eq!(got, Err(want));
        // the cap itself is allowed
        let mut edge = c.x.clone();
        let (er, ec) = dims(&edge);
        edge[0][0] = -MAX_ABS_VALUE;
        edge[er - 1][ec - 1] = MAX_ABS_VALUE;
        prop_assert_eq!(grid(&edge).check_values(Role::Input), Ok(()));
    }
}

/// A number for one field: mostly in the ordinary range `lo..=hi` (so many
/// cases get past the early checks and reach the output-size checks), else
/// zero, around the field's cap, around MAX_OUTPUT, or huge.
fn dimension(lo: usize, hi: usize, cap: usize) -> impl Strategy<Value = usize> {
    prop_oneof![
        20 => lo..=hi,
        6 => lo..=cap,
        1 => Just(0usize),
        2 => cap.saturating_sub(2)..=cap + 2,
        1 => 0usize..=300,
        1 => Just(usize::MAX),
        1 => Just(usize::MAX / 2 + 1),
        1 => any::<usize>(),
    ]
}

/// (input, kernel, stride, padding, output_padding, dilation) for one axis.
fn raw_axis() -> impl Strategy<Value = [usize; 6]> {
    (
        dimension(1, 8, MAX_INPUT),
        dimension(1, 5, MAX_KERNEL),
        dimension(1, 4, MAX_STRIDE),
        dimension(0, 6, MAX_PADDING),
        dimension(0, 4, MAX_STRIDE),
        dimension(1, 4, MAX_DILATION),
    )
        .prop_map(|(i, k, s, p, op, d)| [i, k, s, p, op, d])
}

/// The contract's validation order, written independently: each check on H
/// then W, first failure wins.
fn expected_validation(
    op: Op,
    input: Pair,
    kernel: Pair,
    p: ConvParams,
) -> Result<Pair, ParamError> {
    let axes = [Axis::H, Axis::W];
    let get = |pair: Pair, a: usize| if a == 0 { pair.h } else { pair.w };
    for (a, &axis) in axes.iter().enumerate() {
        let v = get(input, a);
        if v == 0 {
            return Err(ParamError::EmptyInput { axis });
        }
        if v > MAX_INPUT {
            return Err(ParamError::InputTooLarge { axis, size: v });
        }
    }
    for (a, &axis) in axes.iter().enumerate() {
        let v = get(kernel, a);
        if v == 0 {
            return Err(ParamError::EmptyKernel { axis });
        }
        if v > MAX_KERNEL {
            return Err(ParamError::KernelTooLarge { axis, size: v });
        }
    }
    for (a, &axis) in axes.iter().enumerate() {
        let v = get(p.stride, a);
        if v == 0 {
            return Err(ParamError::ZeroStride { axis });
        }
        if v > MAX_STRIDE {
            return Err(ParamError::StrideTooLarge { axis, value: v });
        }
    }
    for (a, &axis) in axes.iter().enumerate() {
        let v = get(p.dilation, a);
        if v == 0 {
            return Err(ParamError::ZeroDilation { axis });
        }
        if v > MAX_DILATION {
            return Err(ParamError::DilationTooLarge { axis, value: v });
        }
    }
    for (a, &axis) in axes.iter().enumerate() {
        let v = get(p.padding, a);
        if v > MAX_PADDING {
            return Err(ParamError::PaddingTooLarge { axis, value: v });
        }
    }
    if op == Op::ConvTranspose2d {
        for (a, &axis) in axes.iter().enumerate() {
            let v = get(p.output_padding, a);
            let limit = get(p.stride, a).max(get(p.dilation, a));
            if v >= limit {
                return Err(ParamError::OutputPaddingTooLarge {
                    axis,
                    value: v,
                    limit,
                });
            }
        }
    }
    let mut out = [0i128; 2];
    for (a, o) in out.iter_mut().enumerate() {
        let (i, k, s, pd, d) = (
            get(input, a),
            get(kernel, a),
            get(p.stride, a),
            get(p.padding, a),
            get(p.dilation, a),
        );
        *o = match op {
            Op::ConvTranspose2d => transposed_len(i, k, s, pd, get(p.output_padding, a), d),
            Op::Conv2d => conv_len(i, k, s, pd, d),
        };
    }
    for (a, &axis) in axes.iter().enumerate() {
        if out[a] <= 0 {
            return Err(ParamError::EmptyOutput {
                axis,
                size: out[a] as i64,
            });
        }
    }
    for (a, &axis) in axes.iter().enumerate() {
        if out[a] > MAX_OUTPUT as i128 {
            return Err(ParamError::OutputTooLarge {
                axis,
                size: out[a] as usize,
            });
        }
    }
    Ok(Pair::new(out[0] as usize, out[1] as usize))
}

/// The validation property above is only as good as its inputs: draw 4000
/// deterministic samples from the same strategy, compare each with the
/// written-out validation and check every outcome kind actually occurs.
#[test]
fn geometry_validation_sample_covers_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let strategy = (any::<bool>(), raw_axis(), raw_axis());
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for _ in 0..4000 {
        let (transposed, h, w) = strategy.new_tree(&mut runner).unwrap().current();
        let op = if transposed {
            Op::ConvTranspose2d
        } else {
            Op::Conv2d
        };
        let input = Pair::new(h[0], w[0]);
        let kernel = Pair::new(h[1], w[1]);
        let params = ConvParams {
            stride: Pair::new(h[2], w[2]),
            padding: Pair::new(h[3], w[3]),
            output_padding: Pair::new(h[4], w[4]),
            dilation: Pair::new(h[5], w[5]),
        };
        let got = Geometry::try_new(op, input, kernel, params).map(|g| g.output());
        let want = expected_validation(op, input, kernel, params);
        assert_eq!(got, want, "{op:?} {input:?} {kernel:?} {params:?}");
        let kind = match got {
            Ok(_) => "Ok",
            Err(ParamError::EmptyInput { .. }) => "EmptyInput",
            Err(ParamError::InputTooLarge { .. }) => "InputTooLarge",
            Err(ParamError::EmptyKernel { .. }) => "EmptyKernel",
            Err(ParamError::KernelTooLarge { .. }) => "KernelTooLarge",
            Err(ParamError::ZeroStride { .. }) => "ZeroStride",
            Err(ParamError::StrideTooLarge { .. }) => "StrideTooLarge",
            Err(ParamError::ZeroDilation { .. }) => "ZeroDilation",
            Err(ParamError::DilationTooLarge { .. }) => "DilationTooLarge",
            Err(ParamError::PaddingTooLarge { .. }) => "PaddingTooLarge",
            Err(ParamError::OutputPaddingTooLarge { .. }) => "OutputPaddingTooLarge",
            Err(ParamError::EmptyOutput { .. }) => "EmptyOutput",
            Err(ParamError::OutputTooLarge { .. }) => "OutputTooLarge",
            Err(e) => panic!("unexpected error from try_new: {e:?}"),
        };
        *seen.entry(kind).or_default() += 1;
    }
    for kind in [
        "Ok",
        "EmptyInput",
        "InputTooLarge",
        "EmptyKernel",
        "KernelTooLarge",
        "ZeroStride",
        "StrideTooLarge",
        "ZeroDilation",
        "DilationTooLarge",
        "PaddingTooLarge",
        "OutputPaddingTooLarge",
        "EmptyOutput",
        "OutputTooLarge",
    ] {
        assert!(
            seen.get(kind).copied().unwrap_or(0) >= 5,
            "{kind} too rare: {seen:?}"
        );
    }
    if std::env::var_os("SHOW_OUTCOMES").is_some() {
        eprintln!("{seen:?}");
    }
}

// ------------------------------------------------------------ named cases

fn try_geometry(op: Op, i: usize, k: usize, spec: Spec) -> Result<Geometry, ParamError> {
    Geometry::try_new(op, Pair::square(i), Pair::square(k), spec.params())
}

/// output_padding ≥ stride is legal when the dilation is larger (PyTorch:
/// op < max(s, d)); s = 1, d = 3, op = 2.
#[test]
fn output_padding_at_least_stride() {
    let x = vec![vec![1.0, -2.0, 3.0], vec![0.0, 4.0, -1.0]];
    let w = vec![vec![2.0, -1.0], vec![1.0, 3.0]];
    let spec = Spec::square(1, 0, 2, 3);
    let (xg, wg) = (grid(&x), grid(&w));
    let y = conv_transpose2d(&xg, &wg, &spec.params()).unwrap();
    // out = (in−1)·1 − 0 + 3·(2−1) + 2 + 1
    assert_eq!((y.rows(), y.cols()), (1 + 3 + 2 + 1, 2 + 3 + 2 + 1));
    let expected = common::ref_conv_transpose2d(&x, &w, &spec).unwrap();
    assert_eq!(mat(&y), expected);
    // The two output_padding rows/cols at the end receive nothing.
    assert!(expected[5..].iter().all(|r| r.iter().all(|&v| v == 0.0)));
    assert!(expected.iter().all(|r| r[6..].iter().all(|&v| v == 0.0)));
    let g = Geometry::try_new(Op::ConvTranspose2d, xg.shape(), wg.shape(), spec.params()).unwrap();
    assert_eq!(mat(&ZeroInsertion::new(&g, &xg, &wg).output), expected);
    let m = ConvMatrix::new(&g);
    assert_eq!((m.rows(), m.cols()), (6, 7 * 8));
    assert_eq!(m.mul_transposed(&wg, xg.data()), flatten(&expected));
    // conv2d of z (7×8) has 2 + 2 = 4 rows: crop to x's 2×3 for the adjoint.
    let z = common::SplitMix64(7).mat(7, 8, -4, 4);
    let cz = conv2d(&grid(&z), &wg, &spec.params()).unwrap();
    assert_eq!((cz.rows(), cz.cols()), (2 + 2, 3 + 2));
    assert_eq!(
        dot(&flatten(&crop(&mat(&cz), 2, 3)), &flatten(&x)),
        dot(&flatten(&z), y.data())
    );
    // One more and it is refused, naming the limit max(1, 3) = 3.
    assert_eq!(
        try_geometry(Op::ConvTranspose2d, 2, 2, Spec::square(1, 0, 3, 3)).unwrap_err(),
        ParamError::OutputPaddingTooLarge {
            axis: Axis::H,
            value: 3,
            limit: 3
        }
    );
}

#[test]
fn specific_errors() {
    let t = Op::ConvTranspose2d;
    let ok = Spec::square(1, 0, 0, 1);
    assert_eq!(
        try_geometry(
            t,
            3,
            3,
            Spec {
                stride: [1, 0],
                ..ok
            }
        )
        .unwrap_err(),
        ParamError::ZeroStride { axis: Axis::W }
    );
    assert_eq!(
        try_geometry(Op::Conv2d, 3, 3, Spec::square(0, 0, 0, 1)).unwrap_err(),
        ParamError::ZeroStride { axis: Axis::H }
    );
    assert_eq!(
        try_geometry(t, 3, 3, Spec::square(1, 0, 0, 0)).unwrap_err(),
        ParamError::ZeroDilation { axis: Axis::H }
    );
    assert_eq!(
        try_geometry(t, 3, 3, Spec::square(2, 0, 2, 1)).unwrap_err(),
        ParamError::OutputPaddingTooLarge {
            axis: Axis::H,
            value: 2,
            limit: 2
        }
    );
    assert_eq!(
        try_geometry(
            t,
            3,
            3,
            Spec {
                output_padding: [0, usize::MAX],
                ..ok
            }
        )
        .unwrap_err(),
        ParamError::OutputPaddingTooLarge {
            axis: Axis::W,
            value: usize::MAX,
            limit: 1
        }
    );
    // conv2d ignores output_padding entirely.
    let g = try_geometry(
        Op::Conv2d,
        3,
        3,
        Spec {
            output_padding: [9, 9],
            ..ok
        },
    )
    .unwrap();
    assert_eq!(g.params().output_padding, Pair::new(0, 0));
    // 3×3 input, 3×3 kernel, padding 2: (3−1) − 4 + 2 + 1 = 1; padding 3: −1.
    assert!(try_geometry(t, 3, 3, Spec::square(1, 2, 0, 1)).is_ok());
    assert_eq!(
        try_geometry(t, 3, 3, Spec::square(1, 3, 0, 1)).unwrap_err(),
        ParamError::EmptyOutput {
            axis: Axis::H,
            size: -1
        }
    );
    // conv2d: 1 + 0 − 2 − 1 = −2 → floor(−2/1) + 1 = −1
    assert_eq!(
        try_geometry(Op::Conv2d, 1, 3, ok).unwrap_err(),
        ParamError::EmptyOutput {
            axis: Axis::H,
            size: -1
        }
    );
    // conv2d: 2 − 2 − 1 = −1 with stride 2 → floor(−1/2) + 1 = 0 (truncation would say 1)
    assert_eq!(
        try_geometry(Op::Conv2d, 2, 3, Spec::square(2, 0, 0, 1)).unwrap_err(),
        ParamError::EmptyOutput {
            axis: Axis::H,
            size: 0
        }
    );
    assert_eq!(
        try_geometry(t, 0, 3, ok).unwrap_err(),
        ParamError::EmptyInput { axis: Axis::H }
    );
    assert_eq!(
        try_geometry(t, 3, 0, ok).unwrap_err(),
        ParamError::EmptyKernel { axis: Axis::H }
    );
    assert_eq!(
        try_geometry(t, MAX_INPUT + 1, 3, ok).unwrap_err(),
        ParamError::InputTooLarge {
            axis: Axis::H,
            size: MAX_INPUT + 1
        }
    );
    assert_eq!(
        try_geometry(t, usize::MAX, usize::MAX, ok).unwrap_err(),
        ParamError::InputTooLarge {
            axis: Axis::H,
            size: usize::MAX
        }
    );
    assert_eq!(
        try_geometry(t, 3, MAX_KERNEL + 1, ok).unwrap_err(),
        ParamError::KernelTooLarge {
            axis: Axis::H,
            size: MAX_KERNEL + 1
        }
    );
    assert_eq!(
        try_geometry(
            t,
            3,
            3,
            Spec {
                stride: [1, MAX_STRIDE + 1],
                ..ok
            }
        )
        .unwrap_err(),
        ParamError::StrideTooLarge {
            axis: Axis::W,
            value: MAX_STRIDE + 1
        }
    );
    assert_eq!(
        try_geometry(
            t,
            3,
            3,
            Spec {
                dilation: [usize::MAX, 1],
                ..ok
            }
        )
        .unwrap_err(),
        ParamError::DilationTooLarge {
            axis: Axis::H,
            value: usize::MAX
        }
    );
    assert_eq!(
        try_geometry(
            t,
            3,
            3,
            Spec {
                padding: [0, MAX_PADDING + 1],
                ..ok
            }
        )
        .unwrap_err(),
        ParamError::PaddingTooLarge {
            axis: Axis::W,
            value: MAX_PADDING + 1
        }
    );
    // Largest everything: (64−1)·16 + 16·8 + 15 + 1 = 1152 > MAX_OUTPUT.
    assert_eq!(
        try_geometry(
            t,
            MAX_INPUT,
            MAX_KERNEL,
            Spec::square(MAX_STRIDE, 0, 15, MAX_DILATION)
        )
        .unwrap_err(),
        ParamError::OutputTooLarge {
            axis: Axis::H,
            size: 1152
        }
    );
    // One over the output cap: (64−1)·4 + 1·(5−1) + 1 = 257.
    assert_eq!(
        try_geometry(t, MAX_INPUT, 5, Spec::square(4, 0, 0, 1)).unwrap_err(),
        ParamError::OutputTooLarge {
            axis: Axis::H,
            size: MAX_OUTPUT + 1
        }
    );
    // The exact output cap is accepted: (64−1)·4 − 0 + 1·(4−1) + 0 + 1 = 256.
    let g = try_geometry(t, MAX_INPUT, 4, Spec::square(4, 0, 0, 1)).unwrap();
    assert_eq!(g.output(), Pair::square(MAX_OUTPUT));
    // Every limit exactly at its cap is accepted where the output allows it.
    assert!(try_geometry(
        Op::Conv2d,
        MAX_INPUT,
        MAX_KERNEL,
        Spec::square(MAX_STRIDE, MAX_PADDING, 0, MAX_DILATION)
    )
    .is_ok());
}

#[test]
fn error_messages_name_axis_and_numbers() {
    let e = ParamError::OutputPaddingTooLarge {
        axis: Axis::W,
        value: 3,
        limit: 2,
    };
    let msg = e.to_string();
    assert!(
        msg.contains("width") && msg.contains('3') && msg.contains('2'),
        "{msg}"
    );
    assert_eq!(e.axis(), Some(Axis::W));
    let msg = ParamError::StrideTooLarge {
        axis: Axis::H,
        value: 99,
    }
    .to_string();
    assert!(
        msg.contains("height") && msg.contains("99") && msg.contains(&MAX_STRIDE.to_string()),
        "{msg}"
    );
    assert_eq!(
        ParamError::ValueNotFinite {
            role: Role::Kernel,
            row: 0,
            col: 1
        }
        .axis(),
        None
    );
}

#[test]
fn values_at_the_cap_and_beyond() {
    let w = grid(&vec![vec![1.0]]);
    let p = ConvParams::default();
    let cap = grid(&vec![vec![MAX_ABS_VALUE, -MAX_ABS_VALUE]]);
    assert!(conv_transpose2d(&cap, &w, &p).is_ok());
    let over = grid(&vec![vec![0.0, 0.0], vec![0.0, 1e10]]);
    assert_eq!(
        conv_transpose2d(&over, &w, &p).unwrap_err(),
        ParamError::ValueTooLarge {
            role: Role::Input,
            row: 1,
            col: 1
        }
    );
    let nan = grid(&vec![vec![0.0, f64::NAN]]);
    assert_eq!(
        conv2d(
            &w,
            &nan,
            &ConvParams {
                padding: Pair::new(0, 1),
                ..p
            }
        )
        .unwrap_err(),
        ParamError::ValueNotFinite {
            role: Role::Kernel,
            row: 0,
            col: 1
        }
    );
}
