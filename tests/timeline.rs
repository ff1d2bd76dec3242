//! The animation timeline: step count, every step's taps against the reach
//! formula written out here, border cropping, conv padding cells, partial sums
//! at every position and the per-cell contributions.
//!
//! ```text
//! transposed: step k = input cell k (row-major), scatters to  o = i·s + k·d − p
//! conv2d:     step k = output cell k (row-major), gathers from  i = o·s + k·d − p
//! ```

mod common;

use common::{grid, mat, Mat, Spec, SplitMix64};
use convt::math::*;

struct Setup {
    op: Op,
    x: Mat,
    w: Mat,
    spec: Spec,
}

impl Setup {
    fn geometry(&self) -> Geometry {
        let (x, w) = (grid(&self.x), grid(&self.w));
        Geometry::try_new(self.op, x.shape(), w.shape(), self.spec.params()).expect("valid setup")
    }
}

/// A spread of geometries: square and rectangular, strides, dilations,
/// padding that crops, output_padding (also ≥ stride).
fn setups() -> Vec<Setup> {
    let mut rng = SplitMix64(0x5eed);
    type Shape = (usize, usize);
    let shapes: [(Shape, Shape, Spec); 8] = [
        ((3, 3), (3, 3), Spec::square(2, 1, 0, 1)),
        ((2, 2), (3, 3), Spec::square(1, 0, 0, 1)),
        ((4, 4), (3, 3), Spec::square(1, 0, 0, 1)),
        (
            (3, 4),
            (2, 3),
            Spec {
                stride: [2, 1],
                padding: [0, 1],
                output_padding: [1, 0],
                dilation: [1, 2],
            },
        ),
        ((2, 3), (2, 2), Spec::square(1, 0, 2, 3)),
        (
            (5, 2),
            (3, 1),
            Spec {
                stride: [3, 1],
                padding: [2, 0],
                output_padding: [2, 0],
                dilation: [2, 1],
            },
        ),
        (
            (4, 5),
            (4, 2),
            Spec {
                stride: [1, 3],
                padding: [3, 1],
                output_padding: [0, 1],
                dilation: [1, 1],
            },
        ),
        ((6, 6), (2, 2), Spec::square(2, 0, 1, 2)),
    ];
    let mut out = Vec::new();
    for (xs, ks, spec) in shapes {
        for op in [Op::ConvTranspose2d, Op::Conv2d] {
            let x = rng.mat(xs.0, xs.1, -4, 4);
            let w = rng.mat(ks.0, ks.1, -4, 4);
            let setup = Setup { op, x, w, spec };
            let (xg, wg) = (grid(&setup.x), grid(&setup.w));
            if Geometry::try_new(op, xg.shape(), wg.shape(), spec.params()).is_ok() {
                out.push(setup);
            }
        }
    }
    assert!(out.len() >= 12, "most setups are valid in both modes");
    out
}

/// Reach written out: few-side cell `c`, weight `k` → c·s − p + k·d per axis.
fn reach(spec: &Spec, c: (usize, usize), k: (usize, usize)) -> (i64, i64) {
    (
        (c.0 * spec.stride[0]) as i64 - spec.padding[0] as i64 + (k.0 * spec.dilation[0]) as i64,
        (c.1 * spec.stride[1]) as i64 - spec.padding[1] as i64 + (k.1 * spec.dilation[1]) as i64,
    )
}

fn inside(r: (i64, i64), shape: Pair) -> Option<Pair> {
    (r.0 >= 0 && r.1 >= 0 && (r.0 as usize) < shape.h && (r.1 as usize) < shape.w)
        .then(|| Pair::new(r.0 as usize, r.1 as usize))
}

#[test]
fn step_count_and_taps() {
    for s in setups() {
        let g = s.geometry();
        let t = Timeline::new(g);
        let (xr, xc) = common::dims(&s.x);
        let (kr, kc) = common::dims(&s.w);
        let few = match s.op {
            Op::ConvTranspose2d => Pair::new(xr, xc),
            Op::Conv2d => g.output(),
        };
        let many = match s.op {
            Op::ConvTranspose2d => g.output(),
            Op::Conv2d => Pair::new(xr, xc),
        };
        assert_eq!(t.steps(), few.h * few.w, "{:?} {:?}", s.op, s.spec);
        for k in 0..t.steps() {
            let step = t.step(k).expect("step in range");
            let cell = (k / few.w, k % few.w);
            assert_eq!(step.index, k);
            assert_eq!(step.cell, Pair::new(cell.0, cell.1));
            assert_eq!(step.taps.len(), kr * kc);
            for (n, tap) in step.taps.iter().enumerate() {
                let wk = (n / kc, n % kc);
                assert_eq!(
                    tap.weight,
                    Pair::new(wk.0, wk.1),
                    "taps in kernel row-major order"
                );
                let r = reach(&s.spec, cell, wk);
                assert_eq!(tap.reach, r, "{:?} step {k} tap {n}", s.op);
                assert_eq!(tap.cell, inside(r, many), "{:?} step {k} tap {n}", s.op);
            }
        }
        assert_eq!(t.step(t.steps()), None);
        assert_eq!(t.step(t.steps() + 10), None);
    }
}

/// 3×3 input, 3×3 kernel, stride 2, padding 1 (output 5×5): the corner input
/// cell reaches exactly 4 outputs, the centre reaches all 9.
#[test]
fn border_taps_are_cropped() {
    let g = Geometry::try_new(
        Op::ConvTranspose2d,
        Pair::square(3),
        Pair::square(3),
        Spec::square(2, 1, 0, 1).params(),
    )
    .unwrap();
    assert_eq!(g.output(), Pair::square(5));
    let t = Timeline::new(g);
    assert_eq!(t.steps(), 9);
    let inside_count = |k: usize| {
        t.step(k)
            .unwrap()
            .taps
            .iter()
            .filter(|tap| tap.cell.is_some())
            .count()
    };
    assert_eq!(inside_count(0), 4);
    assert_eq!(inside_count(4), 9);
    assert_eq!(inside_count(8), 4); // bottom-right: o = 4 + k − 1 ∈ {3, 4, 5}
    assert_eq!(inside_count(1), 6);
    let corner: Vec<Pair> = t
        .step(0)
        .unwrap()
        .taps
        .iter()
        .filter_map(|tap| tap.cell)
        .collect();
    assert_eq!(
        corner,
        vec![
            Pair::new(0, 0),
            Pair::new(0, 1),
            Pair::new(1, 0),
            Pair::new(1, 1)
        ]
    );
    // The cropped taps of the corner are the ones reaching row or column −1.
    let step = t.step(0).unwrap();
    assert_eq!(step.taps[0].reach, (-1, -1));
    assert_eq!(step.taps[0].cell, None);
    assert_eq!(step.taps[4].reach, (0, 0));
}

/// conv2d with padding: taps reading the zero border have `cell: None`.
#[test]
fn conv_padding_cells_have_no_cell() {
    let g = Geometry::try_new(
        Op::Conv2d,
        Pair::square(4),
        Pair::square(3),
        Spec::square(1, 1, 0, 1).params(),
    )
    .unwrap();
    assert_eq!(g.output(), Pair::square(4));
    let t = Timeline::new(g);
    assert_eq!(t.steps(), 16);
    let first = t.step(0).unwrap();
    let none: Vec<Pair> = first
        .taps
        .iter()
        .filter(|tap| tap.cell.is_none())
        .map(|tap| tap.weight)
        .collect();
    // Output (0,0) reads input rows/cols −1..=1: the first kernel row and column hit padding.
    assert_eq!(
        none,
        vec![
            Pair::new(0, 0),
            Pair::new(0, 1),
            Pair::new(0, 2),
            Pair::new(1, 0),
            Pair::new(2, 0)
        ]
    );
    assert_eq!(first.taps[4].cell, Some(Pair::new(0, 0)));
    // An interior output reads no padding.
    assert!(t.step(5).unwrap().taps.iter().all(|tap| tap.cell.is_some()));
}

#[test]
fn partial_outputs_at_every_position() {
    for s in setups() {
        let g = s.geometry();
        let t = Timeline::new(g);
        let (xg, wg) = (grid(&s.x), grid(&s.w));
        let out = g.output();
        let final_out = match s.op {
            Op::ConvTranspose2d => conv_transpose2d(&xg, &wg, &s.spec.params()).unwrap(),
            Op::Conv2d => conv2d(&xg, &wg, &s.spec.params()).unwrap(),
        };
        let (kr, kc) = common::dims(&s.w);
        let (xr, xc) = common::dims(&s.x);
        for position in 0..=t.steps() + 1 {
            let shown = t.partial_output(&xg, &wg, position);
            assert_eq!(shown.len(), out.h * out.w);
            match s.op {
                Op::ConvTranspose2d => {
                    // Independent partial scatter over input cells 0..=position.
                    let mut sums = vec![0.0; out.h * out.w];
                    for cell in 0..(position + 1).min(xr * xc) {
                        let (a, b) = (cell / xc, cell % xc);
                        for u in 0..kr {
                            for v in 0..kc {
                                if let Some(o) = inside(reach(&s.spec, (a, b), (u, v)), out) {
                                    sums[o.h * out.w + o.w] += s.x[a][b] * s.w[u][v];
                                }
                            }
                        }
                    }
                    let want: Vec<Option<f64>> = sums.into_iter().map(Some).collect();
                    assert_eq!(shown, want, "{:?} position {position}", s.spec);
                }
                Op::Conv2d => {
                    let want: Vec<Option<f64>> = (0..out.h * out.w)
                        .map(|c| (c <= position).then(|| final_out.data()[c]))
                        .collect();
                    assert_eq!(shown, want, "{:?} position {position}", s.spec);
                }
            }
        }
        let done: Vec<Option<f64>> = final_out.data().iter().copied().map(Some).collect();
        assert_eq!(
            t.partial_output(&xg, &wg, t.steps()),
            done,
            "finished == direct op"
        );
        assert_eq!(t.partial_output(&xg, &wg, usize::MAX), done);
        // And the finished transposed output equals the naive reference too.
        if s.op == Op::ConvTranspose2d {
            let naive = common::ref_conv_transpose2d(&s.x, &s.w, &s.spec).unwrap();
            assert_eq!(mat(&final_out), naive);
        }
    }
}

#[test]
fn contributions_sum_to_partial_values() {
    for s in setups().into_iter().filter(|s| s.op == Op::ConvTranspose2d) {
        let g = s.geometry();
        let t = Timeline::new(g);
        let (xg, wg) = (grid(&s.x), grid(&s.w));
        let out = g.output();
        let (kr, kc) = common::dims(&s.w);
        let (xr, xc) = common::dims(&s.x);
        for position in [0, 1, t.steps() / 2, t.steps() - 1, t.steps()] {
            let shown = t.partial_output(&xg, &wg, position);
            for oh in 0..out.h {
                for ow in 0..out.w {
                    let o = Pair::new(oh, ow);
                    let got = t.contributions(&xg, &wg, o, position);
                    // Independent list: input cells in step order, taps in kernel order.
                    let mut want = Vec::new();
                    for cell in 0..(position + 1).min(xr * xc) {
                        let (a, b) = (cell / xc, cell % xc);
                        for u in 0..kr {
                            for v in 0..kc {
                                if inside(reach(&s.spec, (a, b), (u, v)), out) == Some(o) {
                                    want.push((
                                        Pair::new(a, b),
                                        Pair::new(u, v),
                                        s.x[a][b] * s.w[u][v],
                                    ));
                                }
                            }
                        }
                    }
                    assert_eq!(got, want, "{:?} out {o:?} position {position}", s.spec);
                    let total: f64 = got.iter().map(|c| c.2).sum();
                    assert_eq!(
                        Some(total),
                        shown[oh * out.w + ow],
                        "{:?} out {o:?} position {position}",
                        s.spec
                    );
                }
            }
        }
    }
}
