//! The problem being explained — operation, input, kernel, parameters — and
//! everything derived from it by `src/math`.
//!
//! A [`Model`] is only ever built through [`Model::try_new`], so a model that
//! exists is valid; the UI keeps the last valid one on screen while an alert
//! explains what was wrong with a refused change.

use std::rc::Rc;

use super::prefs::Stepping;

use crate::math::{
    conv2d_unchecked, conv_transpose2d_unchecked, ConvMatrix, ConvParams, Geometry, Grid, Op, Pair,
    ParamError, Role, Timeline,
};

/// A validated problem: grids and parameters whose geometry is within the caps.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Which operation the page explains.
    pub op: Op,
    /// The input x.
    pub input: Grid,
    /// The kernel w.
    pub kernel: Grid,
    /// Stride, padding, output_padding, dilation (per axis).
    pub params: ConvParams,
}

impl Model {
    /// Validates the geometry and the values.
    ///
    /// # Errors
    /// The first [`ParamError`] found.
    pub fn try_new(
        op: Op,
        input: Grid,
        kernel: Grid,
        params: ConvParams,
    ) -> Result<Model, ParamError> {
        let geometry = Geometry::try_new(op, input.shape(), kernel.shape(), params)?;
        input.check_values(Role::Input)?;
        kernel.check_values(Role::Kernel)?;
        Ok(Model {
            op,
            input,
            kernel,
            params: geometry.params(),
        })
    }

    /// The article's example for `op`: transposed convolution of
    /// `[[2,1],[4,4]]`, or convolution of the article's 4×4 input, with the
    /// article's 3×3 kernel, stride 1, padding 0.
    pub fn article(op: Op) -> Model {
        let input = match op {
            Op::ConvTranspose2d => article_grid(&[&[2., 1.], &[4., 4.]]),
            Op::Conv2d => article_grid(&[
                &[4., 5., 8., 7.],
                &[1., 8., 8., 8.],
                &[3., 6., 6., 4.],
                &[6., 5., 7., 8.],
            ]),
        };
        Model {
            op,
            input,
            kernel: article_kernel(),
            params: ConvParams::default(),
        }
    }

    /// The geometry; infallible because a model is valid by construction.
    pub fn geometry(&self) -> Geometry {
        Geometry::try_new(
            self.op,
            self.input.shape(),
            self.kernel.shape(),
            self.params,
        )
        // `unwrap_or_else` rather than `expect`: `expect` would format the
        // error with `Debug`, which puts its formatting code in the wasm.
        .unwrap_or_else(|_| unreachable!("a Model is validated on construction"))
    }
}

/// The article's kernel `[[1,4,1],[1,4,3],[3,3,1]]`.
pub fn article_kernel() -> Grid {
    article_grid(&[&[1., 4., 1.], &[1., 4., 3.], &[3., 3., 1.]])
}

fn article_grid(rows: &[&[f64]]) -> Grid {
    let rows: Vec<Vec<f64>> = rows.iter().map(|r| r.to_vec()).collect();
    Grid::from_rows(&rows).unwrap_or_else(|_| unreachable!("the article's grids are rectangular"))
}

/// What the views draw: the output, C and the timeline, computed by `src/math`.
#[derive(Debug)]
pub struct Derived {
    /// The validated geometry.
    pub geometry: Geometry,
    /// The complete output.
    pub output: Grid,
    /// The sparse convolution matrix C (structure only; weights looked up in the kernel).
    pub matrix: Rc<ConvMatrix>,
    /// The step-through animation's timeline.
    pub timeline: Timeline,
}

impl Derived {
    /// Computes everything for `model`, reusing `previous`'s matrix when the
    /// geometry has not changed (C's structure depends on the geometry only,
    /// so editing a value never rebuilds it).
    pub fn new(model: &Model, previous: Option<&Derived>) -> Derived {
        let geometry = model.geometry();
        let output = match model.op {
            Op::Conv2d => conv2d_unchecked(&geometry, &model.input, &model.kernel),
            Op::ConvTranspose2d => {
                conv_transpose2d_unchecked(&geometry, &model.input, &model.kernel)
            }
        };
        let matrix = match previous {
            Some(p) if p.geometry == geometry => Rc::clone(&p.matrix),
            _ => Rc::new(ConvMatrix::new(&geometry)),
        };
        Derived {
            geometry,
            output,
            matrix,
            timeline: Timeline::new(geometry),
        }
    }

    /// Whether `stepping` applies: zero insertion exists for the transposed
    /// convolution only.
    pub fn zero_stepping(&self, stepping: Stepping) -> bool {
        stepping == Stepping::ZeroInsertion && self.geometry.op() == Op::ConvTranspose2d
    }

    /// Number of animation steps; position `steps` is "finished". Direct
    /// stepping walks the rows of C (few-side cells); zero insertion walks
    /// the output cells.
    pub fn steps(&self, stepping: Stepping) -> usize {
        if self.zero_stepping(stepping) {
            self.geometry.output().area()
        } else {
            self.timeline.steps()
        }
    }

    /// The output as shown at `position` (see [`Timeline::partial_output`]);
    /// zero-insertion stepping fills output cells in row-major order.
    pub fn partial_output(
        &self,
        model: &Model,
        stepping: Stepping,
        position: usize,
    ) -> Vec<Option<f64>> {
        if self.zero_stepping(stepping) {
            return self
                .output
                .data()
                .iter()
                .enumerate()
                .map(|(i, &v)| (i <= position).then_some(v))
                .collect();
        }
        self.timeline
            .partial_output(&model.input, &model.kernel, position)
    }
}

/// Resizes a grid to `shape`, keeping the values that still fit and filling
/// new cells with `fill`.
pub fn resized(grid: &Grid, shape: Pair, fill: f64) -> Grid {
    let mut out = Grid::filled(shape.h, shape.w, fill);
    for r in 0..shape.h.min(grid.rows()) {
        for c in 0..shape.w.min(grid.cols()) {
            out.set(r, c, grid.get(r, c));
        }
    }
    out
}
