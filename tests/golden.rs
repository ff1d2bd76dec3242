//! Golden values: the article's worked example, the d2l.ai examples and a few
//! burn-style `arange` cases. Every expected value is written out literally.
//!
//! To reproduce a case in PyTorch (one batch, one channel, no bias):
//!
//! ```text
//! import torch, torch.nn.functional as F
//! x = torch.arange(4.).reshape(1, 1, 2, 2)
//! w = torch.arange(9.).reshape(1, 1, 3, 3)
//! F.conv_transpose2d(x, w, stride=1, padding=1)             # -> [[5, 11], [23, 29]]
//! F.conv_transpose2d(x, w, stride=(1, 2), padding=(0, 1),
//!                    output_padding=(0, 1), dilation=(2, 1)) # per-axis example
//! ```

mod common;

use common::{flatten, grid_of, mat, mat_of, reshape, Mat, Spec};
use convt::math::*;

const ARTICLE_INPUT: [[f64; 4]; 4] = [
    [4.0, 5.0, 8.0, 7.0],
    [1.0, 8.0, 8.0, 8.0],
    [3.0, 6.0, 6.0, 4.0],
    [6.0, 5.0, 7.0, 8.0],
];
const ARTICLE_KERNEL: [[f64; 3]; 3] = [[1.0, 4.0, 1.0], [1.0, 4.0, 3.0], [3.0, 3.0, 1.0]];
const ARTICLE_C: [[f64; 16]; 4] = [
    [
        1., 4., 1., 0., 1., 4., 3., 0., 3., 3., 1., 0., 0., 0., 0., 0.,
    ],
    [
        0., 1., 4., 1., 0., 1., 4., 3., 0., 3., 3., 1., 0., 0., 0., 0.,
    ],
    [
        0., 0., 0., 0., 1., 4., 1., 0., 1., 4., 3., 0., 3., 3., 1., 0.,
    ],
    [
        0., 0., 0., 0., 0., 1., 4., 1., 0., 1., 4., 3., 0., 3., 3., 1.,
    ],
];
const ARTICLE_T_INPUT: [[f64; 2]; 2] = [[2.0, 1.0], [4.0, 4.0]];
const ARTICLE_T_OUTPUT: [[f64; 4]; 4] = [
    [2.0, 9.0, 6.0, 1.0],
    [6.0, 29.0, 30.0, 7.0],
    [10.0, 29.0, 33.0, 13.0],
    [12.0, 24.0, 16.0, 4.0],
];

fn geometry(op: Op, input: &Grid, kernel: &Grid, params: ConvParams) -> Geometry {
    Geometry::try_new(op, input.shape(), kernel.shape(), params).expect("valid geometry")
}

#[test]
fn article_conv2d() {
    let x = grid_of(&ARTICLE_INPUT);
    let w = grid_of(&ARTICLE_KERNEL);
    let y = conv2d(&x, &w, &ConvParams::default()).unwrap();
    assert_eq!(mat(&y), mat_of(&[[122.0, 148.0], [126.0, 134.0]]));
}

#[test]
fn article_conv_matrix_conv2d_mode() {
    let x = grid_of(&ARTICLE_INPUT);
    let w = grid_of(&ARTICLE_KERNEL);
    let g = geometry(Op::Conv2d, &x, &w, ConvParams::default());
    assert_eq!(g.few(), Pair::new(2, 2));
    assert_eq!(g.many(), Pair::new(4, 4));
    let c = ConvMatrix::new(&g);
    assert_eq!((c.rows(), c.cols(), c.nnz()), (4, 16, 36));
    assert_eq!(mat(&c.to_dense(&w)), mat_of(&ARTICLE_C));
    // C·vec(x) = vec(y)
    assert_eq!(c.mul(&w, x.data()), vec![122.0, 148.0, 126.0, 134.0]);
    // weight indices: row 0 holds w[kh,kw] at column kh·4 + kw
    let expected_row0: Vec<Tap> = (0..9u16)
        .map(|k| Tap {
            col: u32::from(k / 3 * 4 + k % 3),
            weight: k,
        })
        .collect();
    assert_eq!(c.row(0), expected_row0.as_slice());
    assert_eq!(c.entry(3, 15), Some(8));
    assert_eq!(c.entry(0, 15), None);
    assert_eq!(
        c.column(5),
        &[
            ColTap { row: 0, weight: 4 },
            ColTap { row: 1, weight: 3 },
            ColTap { row: 2, weight: 1 },
            ColTap { row: 3, weight: 0 }
        ]
    );
}

#[test]
fn article_conv_matrix_transposed_mode() {
    let x = grid_of(&ARTICLE_T_INPUT);
    let w = grid_of(&ARTICLE_KERNEL);
    let g = geometry(Op::ConvTranspose2d, &x, &w, ConvParams::default());
    assert_eq!(g.output(), Pair::new(4, 4));
    assert_eq!(g.few(), Pair::new(2, 2));
    assert_eq!(g.many(), Pair::new(4, 4));
    let c = ConvMatrix::new(&g);
    assert_eq!(mat(&c.to_dense(&w)), mat_of(&ARTICLE_C));
    let y = c.mul_transposed(&w, &[2.0, 1.0, 4.0, 4.0]);
    assert_eq!(reshape(&y, 4, 4), mat_of(&ARTICLE_T_OUTPUT));
    let direct = conv_transpose2d(&x, &w, &ConvParams::default()).unwrap();
    assert_eq!(mat(&direct), mat_of(&ARTICLE_T_OUTPUT));
}

#[test]
fn article_zero_insertion() {
    let x = grid_of(&ARTICLE_T_INPUT);
    let w = grid_of(&ARTICLE_KERNEL);
    let g = geometry(Op::ConvTranspose2d, &x, &w, ConvParams::default());
    let z = ZeroInsertion::new(&g, &x, &w);
    assert_eq!(mat(&z.stretched), mat_of(&ARTICLE_T_INPUT)); // stride 1: nothing inserted
    assert_eq!((z.before, z.after), ((2, 2), (2, 2)));
    let padded = mat_of(&[
        [0., 0., 0., 0., 0., 0.],
        [0., 0., 0., 0., 0., 0.],
        [0., 0., 2., 1., 0., 0.],
        [0., 0., 4., 4., 0., 0.],
        [0., 0., 0., 0., 0., 0.],
        [0., 0., 0., 0., 0., 0.],
    ]);
    assert_eq!(mat(&z.padded), padded);
    assert_eq!(
        mat(&z.flipped_kernel),
        mat_of(&[[1.0, 3.0, 3.0], [3.0, 4.0, 1.0], [1.0, 4.0, 1.0]])
    );
    assert_eq!(mat(&z.output), mat_of(&ARTICLE_T_OUTPUT));
    assert_eq!(z.multiplications, 16 * 9);
    assert_eq!(z.nonzero_multiplications, 4 * 9);
    assert_eq!(z.source(2, 3), Some(Pair::new(0, 1)));
    assert_eq!(z.source(0, 0), None);
}

#[test]
fn d2l_examples() {
    let k = mat_of(&[[0.0, 1.0], [2.0, 3.0]]);
    let kg = common::grid(&k);
    let cases: [(Spec, Mat); 3] = [
        (
            Spec::square(1, 0, 0, 1),
            mat_of(&[[0., 0., 1.], [0., 4., 6.], [4., 12., 9.]]),
        ),
        (
            Spec::square(2, 0, 0, 1),
            mat_of(&[
                [0., 0., 0., 1.],
                [0., 0., 2., 3.],
                [0., 2., 0., 3.],
                [4., 6., 6., 9.],
            ]),
        ),
        (Spec::square(1, 1, 0, 1), mat_of(&[[4.0]])),
    ];
    for (spec, expected) in cases {
        let y = conv_transpose2d(&kg, &kg, &spec.params()).unwrap();
        assert_eq!(mat(&y), expected, "{spec:?}");
        assert_eq!(
            common::ref_conv_transpose2d(&k, &k, &spec).unwrap(),
            expected
        );
    }
}

/// burn-style cases: `arange` input and kernel. Values computed by hand from the
/// scatter definition (and with the naive reference); reproduce with the PyTorch
/// snippet in the file header.
#[test]
fn arange_cases() {
    type Shape = (usize, usize);
    let cases: Vec<(Shape, Shape, Spec, Mat)> = vec![
        // F.conv_transpose2d(arange(4).view(1,1,2,2), arange(9).view(1,1,3,3), padding=1)
        // centre of the 4×4 full output: y[0,0] = x00·w11 + x01·w10 + x10·w01 + x11·w00 = 0+3+2+0 = 5
        (
            (2, 2),
            (3, 3),
            Spec::square(1, 1, 0, 1),
            mat_of(&[[5., 11.], [23., 29.]]),
        ),
        // stride=2, padding=1, output_padding=1
        (
            (2, 2),
            (3, 3),
            Spec::square(2, 1, 1, 1),
            mat_of(&[
                [0., 3., 4., 5.],
                [2., 10., 10., 14.],
                [8., 19., 12., 15.],
                [14., 34., 21., 24.],
            ]),
        ),
        // stride=(1,2), padding=(0,1), output_padding=(0,1), dilation=(2,1)
        (
            (2, 3),
            (2, 2),
            Spec {
                stride: [1, 2],
                padding: [0, 1],
                output_padding: [0, 1],
                dilation: [2, 1],
            },
            mat_of(&[
                [0., 0., 1., 0., 2.],
                [3., 0., 4., 0., 5.],
                [0., 2., 3., 4., 6.],
                [9., 8., 12., 10., 15.],
            ]),
        ),
        // stride=2, padding=1, dilation=2 on a 3×3 arange input, 3×3 arange kernel
        (
            (3, 3),
            (3, 3),
            Spec::square(2, 1, 0, 2),
            mat_of(&[
                [0., 0., 0., 0., 0., 0., 0.],
                [0., 6., 0., 20., 0., 26., 0.],
                [0., 0., 0., 0., 0., 0., 0.],
                [0., 36., 0., 84., 0., 84., 0.],
                [0., 0., 0., 0., 0., 0., 0.],
                [0., 90., 0., 164., 0., 134., 0.],
                [0., 0., 0., 0., 0., 0., 0.],
            ]),
        ),
    ];
    for (xs, ks, spec, expected) in cases {
        let x = common::arange(xs.0, xs.1);
        let k = common::arange(ks.0, ks.1);
        assert_eq!(
            common::ref_conv_transpose2d(&x, &k, &spec).as_ref(),
            Some(&expected),
            "reference {spec:?}"
        );
        let (xg, kg) = (common::grid(&x), common::grid(&k));
        let y = conv_transpose2d(&xg, &kg, &spec.params()).unwrap();
        assert_eq!(mat(&y), expected, "{spec:?}");
        let g = geometry(Op::ConvTranspose2d, &xg, &kg, spec.params());
        let c = ConvMatrix::new(&g);
        assert_eq!(
            c.mul_transposed(&kg, xg.data()),
            flatten(&expected),
            "Cᵀx {spec:?}"
        );
        assert_eq!(
            mat(&ZeroInsertion::new(&g, &xg, &kg).output),
            expected,
            "zero insertion {spec:?}"
        );
    }
}

/// conv2d golden case (arange): F.conv2d(arange(16).view(1,1,4,4), arange(4).view(1,1,2,2), stride=2, padding=1)
#[test]
fn arange_conv2d() {
    let x = common::grid(&common::arange(4, 4));
    let k = common::grid(&common::arange(2, 2));
    let spec = Spec::square(2, 1, 0, 1);
    // padded 6×6, windows at rows/cols 0,2,4:
    // y[0,0] = 3·x00 = 0; y[0,1] = 2·x01 + 3·x02 = 2+6 = 8; y[0,2] = 2·x03 = 6
    // y[1,0] = 1·x04 + 3·x08 = 4+24 = 28; y[1,1] = 0·x05+1·x06+2·x09+3·x0a = 6+18+30 = 54; y[1,2] = 0·x07+2·x0b = 22
    // y[2,0] = 1·x0c = 12; y[2,1] = 0·x0d + 1·x0e = 14; y[2,2] = 0·x0f = 0
    let expected = mat_of(&[[0., 8., 6.], [28., 54., 22.], [12., 14., 0.]]);
    assert_eq!(
        common::ref_conv2d(&common::arange(4, 4), &common::arange(2, 2), &spec).unwrap(),
        expected
    );
    assert_eq!(mat(&conv2d(&x, &k, &spec.params()).unwrap()), expected);
}
