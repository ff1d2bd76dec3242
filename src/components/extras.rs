//! What no other explainer shows: the adjoint with live numbers,
//! output_padding made clear (with an output-size control), and copyable
//! PyTorch code for the current state.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::hint;
use super::share::copy_to_clipboard;
use crate::app::adjoint::check;
use crate::app::codegen::pytorch;
use crate::app::hooks::{use_local_state, use_memo_on};
use crate::app::i18n::{fill, Lang};
use crate::app::model::{Derived, Model};
use crate::app::state::{Action, Control, ParamKind};
use crate::app::value::{format_exact, format_short, parse_whole};
use crate::app::{Dispatch, Shared};
use crate::math::{conv_input_lens, transposed_output_range, Axis, Op, Pair};

/// Props of [`Extras`].
#[derive(Properties, PartialEq, Clone)]
pub struct ExtrasProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Its output.
    pub derived: Shared<Derived>,
    /// Interface language.
    pub lang: Lang,
    /// Values not editable.
    pub readonly: bool,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Adjoint, output_padding and code.
#[component]
pub fn Extras(props: &ExtrasProps) -> Html {
    let t = props.lang.strings();
    let seed = use_local_state(|| 1u64);
    let copied = use_local_state(|| false);
    let m = &props.model;
    let g = props.derived.geometry;
    let adjoint = use_memo_on((props.model.clone(), *seed), |(m, seed)| check(m, *seed));
    let code = use_memo_on((props.model.clone(), props.derived.clone()), |(m, d)| {
        pytorch(m, &d.output)
    });

    let adjoint_view = match *adjoint {
        Some(c) => {
            let diff = (c.lhs - c.rhs).abs();
            html! {
                <div class="adjoint" data-check="adjoint" data-lhs={format_exact(c.lhs)} data-rhs={format_exact(c.rhs)}>
                    <p class="formula-numbers">{ fill(t.adj_lhs(), &[("v", &format_short(c.lhs))]) }</p>
                    <p class="formula-numbers">{ fill(t.adj_rhs(), &[("v", &format_short(c.rhs))]) }</p>
                    if c.cropped { { hint(t.adj_crop()) } }
                    <p CLASS={if diff == 0.0 { "badge ok" } else { "badge" }}>
                        { if diff == 0.0 { t.adj_equal().to_string() } else { fill(t.adj_unequal(), &[("d", &format_short(diff))]) } }
                    </p>
                </div>
            }
        }
        None => hint(fill(
            t.too_large_to_draw(),
            &[
                ("name", &"z"),
                ("rows", &g.output().h),
                ("cols", &g.output().w),
            ],
        )),
    };
    let shuffle = {
        let seed = seed.clone();
        Callback::from(move |_| seed.set(seed.wrapping_add(2)))
    };

    let output_padding_view = if m.op == Op::ConvTranspose2d {
        let p = m.params;
        let lines = [Axis::H, Axis::W].into_iter().map(|axis| {
            let (i, k, s, pad, d) = (
                g.input().get(axis),
                g.kernel().get(axis),
                p.stride.get(axis),
                p.padding.get(axis),
                p.dilation.get(axis),
            );
            let sizes: Vec<String> = conv_input_lens(i, k, s, pad, d).iter().map(|n| n.to_string()).collect();
            let op = p.output_padding.get(axis);
            html! {
                <li>
                    { fill(t.op_many_inputs(), &[("axis", &t.axis(axis)), ("s", &s), ("sizes", &sizes.join(", ")), ("out", &i)]) }
                    { " " }
                    { fill(t.op_choice(), &[("op", &op), ("size", &g.output().get(axis))]) }
                    { " " }
                    { fill(t.op_rule(), &[("limit", &s.max(d))]) }
                    if op >= s { { " " }{ t.op_beyond() } }
                </li>
            }
        });
        // Cells that exist only because of output_padding: the last rows/cols.
        let out = g.output();
        let op = p.output_padding;
        let extra: Vec<String> = (0..out.h)
            .flat_map(|r| (0..out.w).map(move |c| (r, c)))
            .filter(|&(r, c)| r + op.h >= out.h || c + op.w >= out.w)
            .take(12)
            .map(|(r, c)| {
                format!(
                    "y[{r},{c}] = {}",
                    format_short(props.derived.output.get(r, c))
                )
            })
            .collect();
        let range = |axis: Axis| {
            transposed_output_range(
                g.input().get(axis),
                g.kernel().get(axis),
                p.stride.get(axis),
                p.padding.get(axis),
                p.dilation.get(axis),
            )
            .unwrap_or((1, 1))
        };
        let size_field = |axis: Axis| {
            let (lo, hi) = range(axis);
            let dispatch = props.dispatch.clone();
            let onchange = Callback::from(move |e: Event| {
                let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                    return;
                };
                match parse_whole(&input.value()) {
                    Ok(n) => {
                        let size = if axis == Axis::H {
                            Pair::new(n, out.w)
                        } else {
                            Pair::new(out.h, n)
                        };
                        dispatch.dispatch(Action::SetOutputSize(size));
                    }
                    Err(e) => dispatch.dispatch(Action::RefuseValue(
                        Control::Param(ParamKind::OutputPadding),
                        e,
                    )),
                }
            });
            html! {
                <label class="pair-field">
                    <span class="pair-axis">{ t.axis(axis) }</span>
                    <input type="number" data-control={if axis == Axis::H { "output-size-h" } else { "output-size-w" }}
                        min={lo.to_string()} max={hi.to_string()} step="1" value={out.get(axis).to_string()}
                        disabled={props.readonly} {onchange} />
                </label>
            }
        };
        html! {
            <div class="output-padding">
                <h3>{ t.op_heading() }</h3>
                <ul>{ for lines }</ul>
                <p>{ t.op_extra() }</p>
                if !extra.is_empty() {
                    <p class="formula-numbers" data-extra-cells="">{ fill(t.op_extra_cells(), &[("cells", &extra.join(", "))]) }</p>
                }
                <fieldset class="pair-control">
                    <legend>{ t.op_size_control() }</legend>
                    <div class="pair-fields">{ size_field(Axis::H) }{ size_field(Axis::W) }</div>
                </fieldset>
            </div>
        }
    } else {
        html! {}
    };

    let copy = {
        let code = (*code).clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let copied = copied.clone();
            copy_to_clipboard(code.clone(), Callback::from(move |ok: bool| copied.set(ok)));
        })
    };
    html! {
        <section class="section extras" aria-labelledby="adj-heading" data-section="extras">
            <h2 id="adj-heading">{ t.adj_heading() }</h2>
            <p class="intro">{ t.adj_intro() }</p>
            { adjoint_view }
            <button type="button" class="button" data-action="shuffle" onclick={shuffle}>{ t.adj_shuffle() }</button>
            { output_padding_view }
            <h3>{ t.code_heading() }</h3>
            { hint(t.code_intro()) }
            <div class="code-block">
                <button type="button" class="button copy" data-action="copy-code" onclick={copy}>
                    { if *copied { t.copied() } else { t.copy() } }
                </button>
                <pre tabindex="0" aria-label={t.code_heading()}><code data-code="pytorch">{ (*code).clone() }</code></pre>
            </div>
            { hint(t.code_other()) }
        </section>
    }
}
