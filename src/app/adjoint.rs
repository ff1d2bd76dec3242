//! The adjoint identity with live numbers: for random integer z and x,
//! `⟨conv2d(z), x⟩ = ⟨z, conv_transpose2d(x)⟩`, each side computed by its
//! own function in `src/math` (never by C and its own transpose, which could
//! not disagree).

use super::model::Model;
use crate::math::{
    conv2d_unchecked, conv_transpose2d_unchecked, restoring_output_padding, ConvParams, Geometry,
    Grid, Op, Pair,
};

/// Both sides of the identity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdjointCheck {
    /// ⟨conv2d(·), ·⟩.
    pub lhs: f64,
    /// ⟨·, conv_transpose2d(·)⟩.
    pub rhs: f64,
    /// Whether conv2d's result was cropped to x's shape (output_padding ≥ stride).
    pub cropped: bool,
}

/// Small integers −3…3 from a seed (xorshift64*), so both sides are exact.
pub fn random_grid(shape: Pair, seed: u64) -> Grid {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut g = Grid::zeros(shape.h, shape.w);
    for r in 0..shape.h {
        for c in 0..shape.w {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            g.set(
                r,
                c,
                ((s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % 7) as f64 - 3.0,
            );
        }
    }
    g
}

fn dot(a: &Grid, b: &Grid, shape: Pair) -> f64 {
    let mut sum = 0.0;
    for r in 0..shape.h {
        for c in 0..shape.w {
            sum += a.get(r, c) * b.get(r, c);
        }
    }
    sum
}

/// Checks the identity for `model`'s kernel and parameters with random z, x.
/// `None` when the other direction's grid would exceed the caps (e.g. a
/// transposed output larger than 64 cannot be a conv2d input).
pub fn check(model: &Model, seed: u64) -> Option<AdjointCheck> {
    let g = model.geometry();
    let p = model.params;
    let k = &model.kernel;
    match model.op {
        Op::ConvTranspose2d => {
            // x: transposed input; z: transposed output.
            let x = random_grid(g.input(), seed);
            let z = random_grid(g.output(), seed.wrapping_add(1));
            let conv = Geometry::try_new(Op::Conv2d, g.output(), g.kernel(), p).ok()?;
            let cz = conv2d_unchecked(&conv, &z, k);
            let cropped = cz.shape() != x.shape();
            let lhs = dot(&cz, &x, x.shape());
            let rhs = dot(&z, &conv_transpose2d_unchecked(&g, &x, k), z.shape());
            Some(AdjointCheck { lhs, rhs, cropped })
        }
        Op::Conv2d => {
            // x: convolution input; z: convolution output. The transposed
            // convolution regains x's shape with output_padding
            // (in + 2p − d·(k−1) − 1) mod s.
            let x = random_grid(g.input(), seed);
            let z = random_grid(g.output(), seed.wrapping_add(1));
            let tp = ConvParams {
                output_padding: restoring_output_padding(&g),
                ..p
            };
            let t = Geometry::try_new(Op::ConvTranspose2d, g.output(), g.kernel(), tp).ok()?;
            let lhs = dot(&conv2d_unchecked(&g, &x, k), &z, z.shape());
            let rhs = dot(&x, &conv_transpose2d_unchecked(&t, &z, k), x.shape());
            Some(AdjointCheck {
                lhs,
                rhs,
                cropped: false,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::presets::Preset;

    #[test]
    fn holds_for_every_preset_and_seed() {
        for preset in Preset::ALL {
            for op in [Op::Conv2d, Op::ConvTranspose2d] {
                let m = preset.model(op);
                for seed in 0..20 {
                    let c = check(&m, seed).expect("presets are small");
                    assert_eq!(c.lhs, c.rhs, "{preset:?} {op:?} seed {seed}");
                }
            }
        }
    }

    #[test]
    fn crops_when_output_padding_reaches_the_stride() {
        let mut m = Preset::Article.model(Op::ConvTranspose2d);
        m.params.dilation = Pair::square(3);
        m.params.output_padding = Pair::new(2, 0);
        let m = Model::try_new(m.op, m.input, m.kernel, m.params).unwrap();
        let c = check(&m, 7).unwrap();
        assert!(c.cropped);
        assert_eq!(c.lhs, c.rhs);
    }
}
