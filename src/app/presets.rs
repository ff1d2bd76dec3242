//! Ready-made examples that show one idea each.

use super::model::{article_kernel, Model};
use crate::math::{ConvParams, Grid, Op, Pair};

/// A named example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// The source article's example.
    Article,
    /// DCGAN-style up-sampling: 4×4 kernel, stride 2, padding 1 (even overlap).
    Dcgan,
    /// 3×3 kernel, stride 2: uneven overlap, the checkerboard.
    Uneven,
    /// Dilation 2.
    Dilated,
    /// A kernel with a single 1 in the centre and padding 1: output = input.
    Identity,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 5] = [
        Preset::Article,
        Preset::Dcgan,
        Preset::Uneven,
        Preset::Dilated,
        Preset::Identity,
    ];

    /// Stable identifier (used in tests and the menu's values).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Article => "article",
            Preset::Dcgan => "dcgan",
            Preset::Uneven => "uneven",
            Preset::Dilated => "dilated",
            Preset::Identity => "identity",
        }
    }

    /// Parses an identifier.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The preset's problem for operation `op`.
    pub fn model(self, op: Op) -> Model {
        let square = |n: usize, f: &dyn Fn(usize, usize) -> f64| {
            let mut g = Grid::zeros(n, n);
            for r in 0..n {
                for c in 0..n {
                    g.set(r, c, f(r, c));
                }
            }
            g
        };
        let params = |s: usize, p: usize, d: usize| ConvParams {
            stride: Pair::square(s),
            padding: Pair::square(p),
            output_padding: Pair::square(0),
            dilation: Pair::square(d),
        };
        let counting = |n: usize| square(n, &|r, c| ((r * n + c) % 5 + 1) as f64);
        let (input, kernel, params) = match self {
            Preset::Article => return Model::article(op),
            Preset::Dcgan => (
                counting(if op == Op::Conv2d { 8 } else { 4 }),
                square(4, &|r, c| [1., 3., 3., 1.][r] * [1., 3., 3., 1.][c] / 4.0),
                params(2, 1, 1),
            ),
            Preset::Uneven => (
                square(if op == Op::Conv2d { 9 } else { 4 }, &|_, _| 1.0),
                square(3, &|_, _| 1.0),
                params(2, 0, 1),
            ),
            Preset::Dilated => (
                counting(if op == Op::Conv2d { 7 } else { 3 }),
                article_kernel(),
                params(1, 0, 2),
            ),
            Preset::Identity => (
                counting(4),
                square(3, &|r, c| if r == 1 && c == 1 { 1.0 } else { 0.0 }),
                params(1, 1, 1),
            ),
        };
        Model::try_new(op, input, kernel, params)
            .unwrap_or_else(|_| unreachable!("presets are valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_in_both_modes() {
        for p in Preset::ALL {
            for op in [Op::Conv2d, Op::ConvTranspose2d] {
                let m = p.model(op);
                assert_eq!(m.op, op);
                assert_eq!(Preset::from_id(p.id()), Some(p));
            }
        }
    }
}
