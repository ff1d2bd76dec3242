//! Checkerboard artifacts, resize-convolution, output_padding, the sample
//! image and the zero-insertion window, checked against the independent
//! loops of the core and against hand-computed values.
//!
//! ```text
//! overlap_map(g)          == conv_transpose2d(ones(in), ones(k))  == rows ⊗ cols
//! constant_response(g, w) == conv_transpose2d(ones(in), w)
//! interior pattern[r]     == #{ t < k : t·d ≡ r (mod s) }         (phase r = (o + p) mod s)
//! conv_input_lens(out)    == { in ≥ 1 : conv2d_output_len(in) = out }
//! output_padding_for(conv_transpose2d_output_len(op)) == op
//! Σ window(o).product     == conv_transpose2d(x, w)[o]
//! ```
//!
//! Values are small integers wherever sums are compared, so those
//! comparisons are exact.
#![cfg(not(target_arch = "wasm32"))]

use convt::math::*;
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    Config {
        cases: 128,
        failure_persistence: None,
        ..Config::default()
    }
}

fn grid(rows: &[&[f64]]) -> Grid {
    Grid::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
}

fn params(s: Pair, p: Pair, op: Pair, d: Pair) -> ConvParams {
    ConvParams {
        stride: s,
        padding: p,
        output_padding: op,
        dilation: d,
    }
}

/// A square transposed geometry with output_padding 0.
fn square(i: usize, k: usize, s: usize, p: usize, d: usize) -> Geometry {
    let q = params(
        Pair::square(s),
        Pair::square(p),
        Pair::square(0),
        Pair::square(d),
    );
    Geometry::try_new(Op::ConvTranspose2d, Pair::square(i), Pair::square(k), q).unwrap()
}

/// Small valid transposed geometries, every parameter per axis.
fn geometries() -> impl Strategy<Value = Geometry> {
    geometries_up_to(6)
}

/// Valid transposed geometries with inputs up to `max_input` per axis.
fn geometries_up_to(max_input: usize) -> impl Strategy<Value = Geometry> {
    let axis = (
        1..=max_input,
        1usize..=5,
        1usize..=4,
        0usize..=4,
        1usize..=3,
        0usize..4,
    );
    (axis.clone(), axis).prop_filter_map("invalid geometry", |(a, b)| {
        let q = params(
            Pair::new(a.2, b.2),
            Pair::new(a.3, b.3),
            Pair::new(a.5, b.5),
            Pair::new(a.4, b.4),
        );
        Geometry::try_new(
            Op::ConvTranspose2d,
            Pair::new(a.0, b.0),
            Pair::new(a.1, b.1),
            q,
        )
        .ok()
    })
}

/// A geometry with integer input and kernel values in −4..=4.
fn geometry_with_values() -> impl Strategy<Value = (Geometry, Grid, Grid)> {
    geometries().prop_flat_map(|g| {
        let (i, k) = (g.input(), g.kernel());
        (
            Just(g),
            prop::collection::vec(-4i32..=4, i.area()),
            prop::collection::vec(-4i32..=4, k.area()),
        )
            .prop_map(move |(g, x, w)| {
                let f = |v: Vec<i32>| v.into_iter().map(f64::from).collect::<Vec<_>>();
                (
                    g,
                    Grid::from_vec(i.h, i.w, f(x)).unwrap(),
                    Grid::from_vec(k.h, k.w, f(w)).unwrap(),
                )
            })
    })
}

/// Taps landing on each output index of one axis, by a plain 1-D scatter.
fn counts_1d(i: usize, k: usize, s: usize, p: usize, d: usize, out: usize) -> Vec<f64> {
    let mut c = vec![0.0; out];
    for ii in 0..i {
        for t in 0..k {
            let o = (ii * s + t * d) as i64 - p as i64;
            if (0..out as i64).contains(&o) {
                c[o as usize] += 1.0;
            }
        }
    }
    c
}

fn ones(shape: Pair) -> Grid {
    Grid::filled(shape.h, shape.w, 1.0)
}

// ------------------------------------------------------------ overlap map

proptest! {
    #![proptest_config(config())]

    #[test]
    fn overlap_map_is_the_all_ones_transposed_conv_and_separable(g in geometries()) {
        let map = overlap_map(&g);
        let via_conv = conv_transpose2d(&ones(g.input()), &ones(g.kernel()), &g.params()).unwrap();
        prop_assert_eq!(&map, &via_conv);
        let (i, k, q, out) = (g.input(), g.kernel(), g.params(), g.output());
        let rows = counts_1d(i.h, k.h, q.stride.h, q.padding.h, q.dilation.h, out.h);
        let cols = counts_1d(i.w, k.w, q.stride.w, q.padding.w, q.dilation.w, out.w);
        for (r, rv) in rows.iter().enumerate() {
            for (c, cv) in cols.iter().enumerate() {
                prop_assert_eq!(map.get(r, c), rv * cv);
            }
        }
    }

    #[test]
    fn constant_response_is_the_transposed_conv_of_ones((g, _x, w) in geometry_with_values()) {
        let expected = conv_transpose2d(&ones(g.input()), &w, &g.params()).unwrap();
        prop_assert_eq!(constant_response(&g, &w), expected);
    }

    /// On an interior at least one period long, the pattern is the phase
    /// count, and with dilation 1 an axis is even iff s divides k.
    #[test]
    fn evenness_matches_the_phase_counts(g in geometries_up_to(16)) {
        let verdict = evenness(&g, &overlap_map(&g));
        let q = g.params();
        let long_enough = Axis::BOTH.iter().zip(&verdict).all(|(&a, v)| {
            v.interior.1 - v.interior.0 >= q.stride.get(a)
        });
        prop_assume!(long_enough);
        for (&a, v) in Axis::BOTH.iter().zip(&verdict) {
            let (k, s, d) = (g.kernel().get(a), q.stride.get(a), q.dilation.get(a));
            let phases: Vec<f64> = (0..s)
                .map(|r| (0..k).filter(|t| (t * d) % s == r).count() as f64)
                .collect();
            let even = phases.iter().all(|&n| n == phases[0]);
            prop_assert_eq!(v.even, even);
            if even {
                prop_assert_eq!(&v.pattern, &vec![phases[0]]);
            } else {
                prop_assert_eq!(&v.pattern, &phases);
            }
            let min = phases.iter().copied().fold(f64::INFINITY, f64::min);
            let max = phases.iter().copied().fold(0.0, f64::max);
            prop_assert_eq!((v.min, v.max), (min, max));
            if d == 1 {
                prop_assert_eq!(v.even, k % s == 0);
            }
        }
    }
}

#[test]
fn overlap_map_by_hand() {
    // k 3, s 2: rows = cols = [1, 1, 2, 1, 2, 1, 1].
    let m = overlap_map(&square(3, 3, 2, 0, 1));
    let profile = [1.0, 1.0, 2.0, 1.0, 2.0, 1.0, 1.0];
    for (r, rv) in profile.iter().enumerate() {
        for (c, cv) in profile.iter().enumerate() {
            assert_eq!(m.get(r, c), rv * cv);
        }
    }
}

#[test]
#[should_panic(expected = "conv_transpose2d geometry")]
fn overlap_map_of_a_conv2d_geometry_panics() {
    let g = Geometry::try_new(
        Op::Conv2d,
        Pair::square(4),
        Pair::square(3),
        ConvParams::default(),
    )
    .unwrap();
    let _ = overlap_map(&g);
}

// ------------------------------------------------------------ evenness, fixed cases

/// k 3, s 2 alternates 2, 1. The phase is `(o + p) mod s`, so `pattern[0]`
/// is where input cells land with their first tap — 2 at every padding.
#[test]
fn k3_s2_is_uneven_with_pattern_2_1() {
    for p in 0..=2 {
        let g = square(4, 3, 2, p, 1);
        let [h, w] = evenness(&g, &overlap_map(&g));
        assert!(!h.even, "p = {p}");
        assert_eq!(h.pattern, vec![2.0, 1.0], "p = {p}");
        assert_eq!((h.min, h.max), (1.0, 2.0));
        assert_eq!(h.interior, (2 - p, 7 - p));
        assert_eq!(w, h);
    }
}

#[test]
fn k4_s2_p1_is_even_at_two_per_axis() {
    let g = square(4, 4, 2, 1, 1);
    let map = overlap_map(&g);
    let [h, w] = evenness(&g, &map);
    assert_eq!(h.interior, (2, 6));
    for r in h.interior.0..h.interior.1 {
        for c in w.interior.0..w.interior.1 {
            assert_eq!(map.get(r, c), 4.0);
        }
    }
    for v in [&h, &w] {
        assert!(v.even);
        assert_eq!(v.pattern, vec![2.0]);
        assert_eq!((v.min, v.max), (2.0, 2.0));
    }
}

#[test]
fn k4_s2_d2_is_uneven_with_holes() {
    // Every tap is an even distance from its input cell: odd phases get none.
    let g = square(5, 4, 2, 0, 2);
    let map = overlap_map(&g);
    let [h, w] = evenness(&g, &map);
    assert!(!h.even);
    assert_eq!(h.pattern, vec![4.0, 0.0]);
    assert_eq!((h.min, h.max), (0.0, 4.0));
    assert_eq!(h.interior, (6, 9));
    assert_eq!(w, h);
    // In 2-D the zeros are whole rows and columns of holes.
    assert!((0..map.cols()).all(|c| map.get(7, c) == 0.0));
}

/// The interior is where every tap can contribute; a small input leaves
/// less than one period of it, and the verdict covers only those cells.
#[test]
fn an_interior_shorter_than_the_stride_holds_part_of_a_period() {
    // 4 input cells, reach d·(k−1) = 6: the interior is the single cell 6.
    let g = square(4, 4, 2, 0, 2);
    let [h, _] = evenness(&g, &overlap_map(&g));
    assert_eq!(h.interior, (6, 7));
    assert!(h.even);
    assert_eq!(h.pattern, vec![4.0]);
    // 2 input cells, k 3, s 2 (the article's size): only the centre cell.
    let g = square(2, 3, 2, 0, 1);
    let [h, _] = evenness(&g, &overlap_map(&g));
    assert_eq!(h.interior, (2, 3));
    assert_eq!(h.pattern, vec![2.0]);
    // Too small for any interior: vacuously even, nothing to show.
    let g = square(1, 3, 2, 0, 1);
    let [h, _] = evenness(&g, &overlap_map(&g));
    assert_eq!(h.interior.0, h.interior.1);
    assert!(h.even && h.pattern.is_empty());
    assert_eq!((h.min, h.max), (0.0, 0.0));
}

#[test]
fn k2_s2_is_even() {
    let g = square(3, 2, 2, 0, 1);
    let [h, w] = evenness(&g, &overlap_map(&g));
    assert!(h.even && w.even);
    assert_eq!(h.pattern, vec![1.0]);
}

#[test]
fn axes_are_judged_separately() {
    let q = params(
        Pair::square(2),
        Pair::square(0),
        Pair::square(0),
        Pair::square(1),
    );
    let g = Geometry::try_new(Op::ConvTranspose2d, Pair::square(4), Pair::new(4, 3), q).unwrap();
    let [h, w] = evenness(&g, &overlap_map(&g));
    assert!(h.even);
    assert_eq!(h.pattern, vec![2.0]);
    assert!(!w.even);
    assert_eq!(w.pattern, vec![2.0, 1.0]);
}

#[test]
fn constant_response_by_hand() {
    // k 3, s 2 overlaps unevenly, but weights 1, 2, 1 per axis balance the
    // phases (1 + 1 = 2), and p 1 crops the borders: a flat result.
    let g = square(3, 3, 2, 1, 1);
    let w = grid(&[&[1.0, 2.0, 1.0], &[2.0, 4.0, 2.0], &[1.0, 2.0, 1.0]]);
    assert_eq!(constant_response(&g, &w), Grid::filled(5, 5, 4.0));
    // An all-ones kernel leaves the checkerboard: the overlap map.
    assert_eq!(constant_response(&g, &ones(g.kernel())), overlap_map(&g));
}

// ------------------------------------------------------------ resize

#[test]
fn bilinear_upsample_by_hand() {
    let x = grid(&[&[1.0, 2.0], &[3.0, 4.0]]);
    let y = resize(&x, Pair::square(4), Resize::Bilinear);
    assert_eq!(
        y.to_rows(),
        vec![
            vec![1.0, 1.25, 1.75, 2.0],
            vec![1.5, 1.75, 2.25, 2.5],
            vec![2.5, 2.75, 3.25, 3.5],
            vec![3.0, 3.25, 3.75, 4.0],
        ]
    );
}

#[test]
fn bilinear_non_integer_scale_and_downsample() {
    // 1×3 → 1×5: scale 0.6, sources 0 (clamped), 0.4, 1.0, 1.6, 2.2 (edge).
    let x = grid(&[&[0.0, 10.0, 20.0]]);
    let y = resize(&x, Pair::new(1, 5), Resize::Bilinear);
    let expected = [0.0, 4.0, 10.0, 16.0, 20.0];
    for (v, e) in y.data().iter().zip(expected) {
        assert!((v - e).abs() < 1e-12, "{v} vs {e}");
    }
    // 1×4 → 1×2: scale 2, sources 0.5 and 2.5 average neighbours.
    let x = grid(&[&[1.0, 2.0, 3.0, 4.0]]);
    assert_eq!(
        resize(&x, Pair::new(1, 2), Resize::Bilinear).data(),
        &[1.5, 3.5]
    );
}

#[test]
fn nearest_by_hand() {
    let x = grid(&[&[1.0, 2.0], &[3.0, 4.0]]);
    // 2 → 3: floor(0·2/3, 1·2/3, 2·2/3) = 0, 0, 1.
    assert_eq!(
        resize(&x, Pair::square(3), Resize::Nearest).to_rows(),
        vec![
            vec![1.0, 1.0, 2.0],
            vec![1.0, 1.0, 2.0],
            vec![3.0, 3.0, 4.0]
        ]
    );
    // 3 → 2: floor(0, 1.5) = 0, 1.
    let x = grid(&[&[1.0, 2.0, 3.0]]);
    assert_eq!(
        resize(&x, Pair::new(1, 2), Resize::Nearest).data(),
        &[1.0, 2.0]
    );
}

#[test]
fn resize_to_the_same_shape_is_the_identity_and_empty_is_fine() {
    let x = grid(&[&[1.0, -2.0, 3.5], &[4.0, 0.25, -6.0]]);
    for mode in [Resize::Nearest, Resize::Bilinear] {
        assert_eq!(resize(&x, x.shape(), mode), x);
        assert!(resize(&x, Pair::new(0, 3), mode).is_empty());
        assert_eq!(
            resize(&Grid::zeros(0, 0), Pair::square(2), mode),
            Grid::zeros(2, 2)
        );
    }
}

// ------------------------------------------------------------ resize-conv

#[test]
fn resize_conv_has_shape_out_and_a_centred_delta_is_the_resize() {
    let x = grid(&[&[1.0, 2.0], &[3.0, 4.0]]);
    let delta = grid(&[&[0.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]]);
    for out in [Pair::square(4), Pair::new(3, 5), Pair::new(1, 1)] {
        for mode in [Resize::Nearest, Resize::Bilinear] {
            let y = resize_conv(&x, &delta, out, mode);
            assert_eq!(y.shape(), out);
            assert_eq!(y, resize(&x, out, mode));
        }
    }
    // Even kernels pad (k−1)/2 before: a 1×2 [0, 1] reads one to the right.
    let right = grid(&[&[0.0, 1.0]]);
    let y = resize_conv(&x, &right, Pair::new(2, 2), Resize::Nearest);
    assert_eq!(y.to_rows(), vec![vec![2.0, 0.0], vec![4.0, 0.0]]);
}

#[test]
fn resize_conv_overlap_by_hand() {
    // k_h 2 (before 0): rows [2, 2, 1]; k_w 4 (before 1): cols [3, 4, 4, 3, 2].
    let m = resize_conv_overlap(Pair::new(2, 4), Pair::new(3, 5));
    let (rows, cols) = ([2.0, 2.0, 1.0], [3.0, 4.0, 4.0, 3.0, 2.0]);
    for (r, rv) in rows.iter().enumerate() {
        for (c, cv) in cols.iter().enumerate() {
            assert_eq!(m.get(r, c), rv * cv);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn resize_conv_overlap_interior_is_the_kernel_area(
        kh in 1usize..=9, kw in 1usize..=9, oh in 1usize..=24, ow in 1usize..=24,
        ih in 1usize..=8, iw in 1usize..=8, bilinear in any::<bool>(),
    ) {
        let (k, out) = (Pair::new(kh, kw), Pair::new(oh, ow));
        let m = resize_conv_overlap(k, out);
        prop_assert_eq!(m.shape(), out);
        let (bh, bw) = ((kh - 1) / 2, (kw - 1) / 2);
        let (ah, aw) = (kh - 1 - bh, kw - 1 - bw);
        for r in bh..oh.saturating_sub(ah) {
            for c in bw..ow.saturating_sub(aw) {
                prop_assert_eq!(m.get(r, c), (kh * kw) as f64);
            }
        }
        // A flat image resizes to a flat image, so resize-conv of it is the
        // overlap (up to the rounding of bilinear weights).
        let mode = if bilinear { Resize::Bilinear } else { Resize::Nearest };
        let y = resize_conv(&ones(Pair::new(ih, iw)), &ones(k), out, mode);
        prop_assert_eq!(y.shape(), out);
        prop_assert!(y.max_abs_diff(&m).unwrap() < 1e-9);
    }
}

// ------------------------------------------------------------ output_padding

#[test]
fn conv_input_lens_by_hand() {
    assert_eq!(conv_input_lens(2, 3, 2, 0, 1), vec![5, 6]);
    assert_eq!(conv_input_lens(4, 3, 1, 1, 1), vec![4]);
    assert_eq!(conv_input_lens(3, 3, 2, 1, 2), vec![7, 8]);
    assert!(conv_input_lens(0, 3, 2, 0, 1).is_empty());
}

#[test]
fn output_range_by_hand() {
    assert_eq!(transposed_output_range(2, 3, 2, 0, 1), Some((5, 6)));
    assert_eq!(transposed_output_range(3, 4, 2, 1, 1), Some((6, 7)));
    assert_eq!(transposed_output_range(2, 1, 1, 1, 1), None);
    assert_eq!(output_padding_for(6, 2, 3, 2, 0, 1), Some(1));
    assert_eq!(output_padding_for(4, 2, 3, 2, 0, 1), None);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn conv_input_lens_are_exactly_the_preimage(
        out in 1usize..=20, k in 1usize..=9, s in 1usize..=16, p in 0usize..=10, d in 1usize..=4,
    ) {
        let lens = conv_input_lens(out, k, s, p, d);
        let gives = |i: usize| conv2d_output_len(i, k, s, p, d) == Some(out);
        for &i in &lens {
            prop_assert!(gives(i), "{} does not give {}", i, out);
        }
        prop_assert!(lens.windows(2).all(|w| w[1] == w[0] + 1));
        prop_assert!(lens.len() <= s);
        if let (Some(&first), Some(&last)) = (lens.first(), lens.last()) {
            prop_assert!(first == 1 || !gives(first - 1));
            prop_assert!(!gives(last + 1));
        }
        // Every length up to well past the largest candidate, brute force.
        let brute: Vec<usize> = (1..=400).filter(|&i| gives(i)).collect();
        prop_assert_eq!(lens, brute);
    }

    #[test]
    fn output_padding_round_trips(
        i in 1usize..=64, k in 1usize..=9, s in 1usize..=16, p in 0usize..=20, d in 1usize..=16,
        op_seed in 0usize..16,
    ) {
        let op = op_seed % s.max(d);
        let range = transposed_output_range(i, k, s, p, d);
        let target = conv_transpose2d_output_len(i, k, s, p, op, d);
        if let Some(target) = target {
            prop_assert_eq!(output_padding_for(target, i, k, s, p, d), Some(op));
        }
        match range {
            Some((lo, hi)) => {
                // output_padding 0 is non-empty, so every larger one is too.
                let target = target.unwrap();
                prop_assert!(lo <= target && target <= hi);
                prop_assert_eq!(hi - lo + 1, s.max(d));
                prop_assert_eq!(output_padding_for(hi + 1, i, k, s, p, d), None);
                if lo > 1 {
                    prop_assert_eq!(output_padding_for(lo - 1, i, k, s, p, d), None);
                }
            }
            None => {
                prop_assert_eq!(conv_transpose2d_output_len(i, k, s, p, 0, d), None);
            }
        }
        // Every output_padding below the limit with a non-empty output is
        // found again from its length, even when output_padding 0 is empty.
        for op in 0..s.max(d) {
            if let Some(target) = conv_transpose2d_output_len(i, k, s, p, op, d) {
                prop_assert_eq!(output_padding_for(target, i, k, s, p, d), Some(op));
            }
        }
        // Any target inside the range is reached by its output_padding.
        if let Some((lo, hi)) = range {
            for target in lo..=hi {
                let op = output_padding_for(target, i, k, s, p, d).unwrap();
                prop_assert_eq!(conv_transpose2d_output_len(i, k, s, p, op, d), Some(target));
            }
        }
    }
}

// ------------------------------------------------------------ sample image

#[test]
fn sample_image_is_deterministic_bounded_and_not_constant() {
    for n in 1..=64 {
        let img = sample_image(n);
        assert_eq!(img.shape(), Pair::square(n));
        assert_eq!(img, sample_image(n));
        assert!(img.data().iter().all(|v| (0.0..=1.0).contains(v)));
        assert!(img.check_values(Role::Input).is_ok());
        if n >= 2 {
            let first = img.data()[0];
            assert!(img.data().iter().any(|&v| v != first), "size {n}");
        }
    }
}

// ------------------------------------------------------------ zero-insertion window

proptest! {
    #![proptest_config(config())]

    #[test]
    fn window_products_sum_to_the_output((g, x, w) in geometry_with_values()) {
        let z = ZeroInsertion::new(&g, &x, &w);
        let y = conv_transpose2d(&x, &w, &g.params()).unwrap();
        prop_assert_eq!(z.output_shape(), g.output());
        let (k, d) = (g.kernel(), g.params().dilation);
        for r in 0..y.rows() {
            for c in 0..y.cols() {
                let taps = z.window(Pair::new(r, c));
                prop_assert_eq!(taps.len(), k.area());
                for (n, t) in taps.iter().enumerate() {
                    let (a, b) = (n / k.w, n % k.w);
                    prop_assert_eq!(t.flipped, Pair::new(a, b));
                    prop_assert_eq!(t.padded, Pair::new(r + a * d.h, c + b * d.w));
                    prop_assert_eq!(t.value, z.padded.get(t.padded.h, t.padded.w));
                    prop_assert_eq!(t.product, t.value * z.flipped_kernel.get(a, b));
                }
                let sum: f64 = taps.iter().map(|t| t.product).sum();
                prop_assert_eq!(sum, y.get(r, c));
            }
        }
        prop_assert!(z.window(Pair::new(y.rows(), 0)).is_empty());
        prop_assert!(z.window(Pair::new(0, y.cols())).is_empty());
    }
}
