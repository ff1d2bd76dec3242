//! What the current step computes, as a small grid: the kernel scaled by
//! the scattering input value (transposed convolution) or the element-wise
//! products of the window (convolution), with the sum.

use yew::prelude::*;

use super::grid_view::{GridKind, GridView};
use super::hint;
use crate::app::i18n::{fill, Lang};
use crate::app::model::{Derived, Model};
use crate::app::value::format_short;
use crate::app::{Dispatch, Shared};
use crate::math::{Op, Pair, ZeroInsertion};

/// The scaled kernel or the products of the step at `position` (nothing
/// when finished).
pub fn step_detail(
    model: &Model,
    derived: &Derived,
    position: usize,
    lang: Lang,
    dispatch: &Dispatch,
) -> Html {
    let t = lang.strings();
    let Some(step) = derived.timeline.step(position) else {
        return html! {};
    };
    let m = model;
    let k = m.kernel.shape();
    let name = |var: &str, p: Pair| format!("{var}[{},{}]", p.h, p.w);
    match m.op {
        Op::ConvTranspose2d => {
            let v = m.input.get(step.cell.h, step.cell.w);
            let values: Vec<Option<f64>> = step
                .taps
                .iter()
                .map(|tap| Some(v * m.kernel.get(tap.weight.h, tap.weight.w)))
                .collect();
            let active: Vec<bool> = step.taps.iter().map(|tap| tap.cell.is_some()).collect();
            let label = fill(
                t.scaled_kernel(),
                &[("x", &name("x", step.cell)), ("v", &format_short(v))],
            );
            html! {
                <div class="step-detail">
                    <GridView name="scaled-kernel" label={label} var="x·w" rows={k.h} cols={k.w}
                        values={Shared::new(values)} active={Shared::new(active)} kind={GridKind::Kernel}
                        lang={lang} dispatch={dispatch.clone()} />
                    { hint(t.scaled_kernel_note()) }
                </div>
            }
        }
        Op::Conv2d => {
            let values: Vec<Option<f64>> = step
                .taps
                .iter()
                .map(|tap| {
                    Some(tap.cell.map_or(0.0, |x| {
                        m.input.get(x.h, x.w) * m.kernel.get(tap.weight.h, tap.weight.w)
                    }))
                })
                .collect();
            let sum: f64 = values.iter().flatten().sum();
            let active: Vec<bool> = step.taps.iter().map(|tap| tap.cell.is_some()).collect();
            let y = name("y", step.cell);
            let label = fill(t.products(), &[("y", &y)]);
            products(
                label,
                "x·w",
                k,
                values,
                active,
                fill(t.products_note(), &[("y", &y), ("sum", &format_short(sum))]),
                lang,
                dispatch,
            )
        }
    }
}

/// Zero-insertion stepping: the window of the zero-inserted input under the
/// flipped kernel for output cell `position`, as products p·w'.
pub fn zero_detail(
    z: &ZeroInsertion,
    derived: &Derived,
    position: usize,
    lang: Lang,
    dispatch: &Dispatch,
) -> Html {
    let t = lang.strings();
    let out = derived.geometry.output();
    if position >= out.area() {
        return html! {};
    }
    let cell = Pair::new(position / out.w, position % out.w);
    let taps = z.window(cell);
    let k = z.flipped_kernel.shape();
    let values: Vec<Option<f64>> = taps.iter().map(|tap| Some(tap.product)).collect();
    let active: Vec<bool> = taps
        .iter()
        .map(|tap| z.source(tap.padded.h, tap.padded.w).is_some())
        .collect();
    let y = format!("y[{},{}]", cell.h, cell.w);
    let sum: f64 = taps.iter().map(|tap| tap.product).sum();
    let label = fill(t.zero_products(), &[("y", &y)]);
    let note = fill(t.products_note(), &[("y", &y), ("sum", &format_short(sum))]);
    products(label, "p·w'", k, values, active, note, lang, dispatch)
}

/// A kernel-shaped grid of a step's products, with the sentence under it.
#[allow(clippy::too_many_arguments)] // each is one part of what is drawn
fn products(
    label: String,
    var: &'static str,
    k: Pair,
    values: Vec<Option<f64>>,
    active: Vec<bool>,
    note: String,
    lang: Lang,
    dispatch: &Dispatch,
) -> Html {
    html! {
        <div class="step-detail">
            <GridView name="products" label={label} var={var} rows={k.h} cols={k.w}
                values={Shared::new(values)} active={Shared::new(active)} kind={GridKind::Kernel}
                lang={lang} dispatch={dispatch.clone()} />
            { hint(note) }
        </div>
    }
}
