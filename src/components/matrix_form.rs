//! The article's path: flatten the input into a column vector, multiply by
//! C (convolution) or Cᵀ (transposed convolution), reshape the result.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_memo_on;
use crate::app::Dispatch;

use super::grid_view::{GridKind, GridView};
use super::matrix_view::MatrixView;
use crate::app::i18n::{fill, Lang};
use crate::app::links::Links;
use crate::app::model::{Derived, Model};
use crate::app::prefs::Theme;
use crate::app::Shared;
use crate::math::Op;

/// Props of [`MatrixForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct MatrixFormProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Output, C, timeline.
    pub derived: Shared<Derived>,
    /// Highlights.
    pub links: Shared<Links>,
    /// Animation position.
    pub position: usize,
    /// Interface language.
    pub lang: Lang,
    /// Colour theme (the matrix canvases redraw when it changes).
    pub theme: Theme,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// A flattened vector shown as a one-column grid; its cells link like the
/// grid cells they stand for.
/// Longest flattened vector drawn cell by cell (a 16×16 grid); longer ones
/// would be thousands of DOM nodes that nobody reads one by one.
const VECTOR_LIMIT: usize = 256;

/// `(name, label, var)` name the vector; `(kind, width)` the grid it flattens.
fn vector(
    (name, label, var): (&'static str, &'static str, &'static str),
    values: Shared<Vec<Option<f64>>>,
    active: &[bool],
    (kind, width): (GridKind, usize),
    props: &MatrixFormProps,
) -> Html {
    let n = values.len();
    if n > VECTOR_LIMIT {
        let t = props.lang.strings();
        return html! {
            <p class="hint" data-grid-too-large={name}>
                { fill(t.too_large_to_draw(), &[("name", &label), ("rows", &n), ("cols", &1)]) }
            </p>
        };
    }
    html! {
        <GridView name={name} label={label} var={var} rows={n} cols={1} flat_width={width}
            values={values} active={Shared(Rc::new(active.to_vec()))}
            kind={kind} lang={props.lang} dispatch={props.dispatch.clone()} />
    }
}

/// Flatten → multiply → reshape.
#[component]
pub fn MatrixForm(props: &MatrixFormProps) -> Html {
    let t = props.lang.strings();
    let m = &props.model;
    let d = &props.derived;
    let g = d.geometry;
    let matrix = Shared(Rc::clone(&d.matrix));
    // The product computed from the sparse matrix itself, so the vector the
    // page shows is what C or Cᵀ really gives; once per model, not per hover.
    let vectors = use_memo_on((props.model.clone(), props.derived.clone()), |(m, d)| {
        let x: Vec<Option<f64>> = m.input.data().iter().copied().map(Some).collect();
        let y: Vec<Option<f64>> = match m.op {
            Op::ConvTranspose2d => d.matrix.mul_transposed(&m.kernel, m.input.data()),
            Op::Conv2d => d.matrix.mul(&m.kernel, m.input.data()),
        }
        .into_iter()
        .map(Some)
        .collect();
        (Shared::new(x), Shared::new(y))
    });
    let (x, y) = (vectors.0.clone(), vectors.1.clone());
    let (few_var, many_var) = match m.op {
        Op::ConvTranspose2d => ("x", "y"),
        Op::Conv2d => ("y", "x"),
    };
    let matrix_c = html! {
        <MatrixView name="C" label={t.matrix_c()} matrix={matrix.clone()} transposed={false}
            model={props.model.clone()} row_var={few_var} row_grid_w={g.few().w}
            col_var={many_var} col_grid_w={g.many().w}
            links={props.links.clone()} lang={props.lang} theme={props.theme} dispatch={props.dispatch.clone()} />
    };
    let matrix_ct = html! {
        <MatrixView name="CT" label={t.matrix_ct()} matrix={matrix.clone()} transposed={true}
            model={props.model.clone()} row_var={few_var} row_grid_w={g.few().w}
            col_var={many_var} col_grid_w={g.many().w}
            links={props.links.clone()} lang={props.lang} theme={props.theme} dispatch={props.dispatch.clone()} />
    };
    let links = &props.links;
    let x_vec = vector(
        ("x-flat", t.flattened_input(), "x"),
        x,
        &links.input,
        (GridKind::Input, g.input().w),
        props,
    );
    // The product reshaped back into the output's grid: the last step of
    // the article's flatten → multiply → reshape.
    let out = g.output();
    let reshaped = if out.area() > VECTOR_LIMIT {
        html! {}
    } else {
        html! {
        <GridView name="y-reshaped" label={t.reshaped()} var="y" rows={out.h} cols={out.w}
            values={y.clone()} active={Shared(Rc::new(links.output.clone()))}
            kind={GridKind::Output} lang={props.lang} dispatch={props.dispatch.clone()} />
        }
    };
    let y_vec = vector(
        ("y-flat", t.flattened_output(), "y"),
        y,
        &links.output,
        (GridKind::Output, g.output().w),
        props,
    );
    let (intro, product_matrix, other_matrix) = match m.op {
        Op::ConvTranspose2d => (t.matrix_intro_transposed(), matrix_ct, matrix_c),
        Op::Conv2d => (t.matrix_intro_conv(), matrix_c, matrix_ct),
    };
    html! {
        <section class="section matrix-form" aria-labelledby="matrix-heading" data-section="matrix">
            <h2 id="matrix-heading">{ t.matrix_heading() }</h2>
            <p class="intro">{ intro }</p>
            // Each operator is kept with the term after it: on a narrow
            // screen a line then starts with "·", "=" or "→" rather than
            // ending with it beside a tall column.
            <div class="product">
                { product_matrix }
                <div class="product-term">
                    <div class="grid-op" aria-hidden="true">{ "·" }</div>
                    { x_vec }
                </div>
                <div class="product-term">
                    <div class="grid-op" aria-hidden="true">{ "=" }</div>
                    { y_vec }
                </div>
                <div class="product-term">
                    <div class="grid-op" aria-hidden="true">{ "→" }</div>
                    { reshaped }
                </div>
            </div>
            <div class="other-matrix">{ other_matrix }</div>
        </section>
    }
}
