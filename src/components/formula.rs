//! The output-size formulas of both operations with the live numbers
//! substituted: the current operation, and the other one read backwards
//! (the convolution that maps the transposed output back to its input, or
//! the transposed convolution that restores a convolution's input).

use yew::prelude::*;

use super::hint;
use crate::app::i18n::Lang;
use crate::math::{conv2d_output_len, restoring_output_padding, Axis, Geometry, Op};

const TRANSPOSED: &str = "conv_transpose2d: out = (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1";
const CONV: &str = "conv2d: out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1";

/// Both formulas, per axis, with numbers.
pub fn formula(g: Geometry, lang: Lang) -> Html {
    let t = lang.strings();
    let p = g.params();
    let line = |axis: Axis| {
        let (i, k, o) = (
            g.input().get(axis),
            g.kernel().get(axis),
            g.output().get(axis),
        );
        let (s, pad, d) = (
            p.stride.get(axis),
            p.padding.get(axis),
            p.dilation.get(axis),
        );
        let (transposed, conv) = match g.op() {
            Op::ConvTranspose2d => {
                let op = p.output_padding.get(axis);
                // The convolution of the transposed output, back towards the input.
                let back = conv2d_output_len(o, k, s, pad, d).unwrap_or(0);
                (
                    format!("({i} − 1)·{s} − 2·{pad} + {d}·({k} − 1) + {op} + 1 = {o}"),
                    format!("⌊({o} + 2·{pad} − {d}·({k} − 1) − 1) / {s}⌋ + 1 = {back}"),
                )
            }
            Op::Conv2d => {
                // The output_padding that makes the transposed convolution of
                // the output regain this input's size.
                let r = restoring_output_padding(&g).get(axis);
                (
                    format!("({o} − 1)·{s} − 2·{pad} + {d}·({k} − 1) + {r} + 1 = {i}"),
                    format!("⌊({i} + 2·{pad} − {d}·({k} − 1) − 1) / {s}⌋ + 1 = {o}"),
                )
            }
        };
        let axis_name = if axis == Axis::H { "h" } else { "w" };
        html! {
            <tr>
                <th scope="row">{ t.axis(axis) }</th>
                <td class="formula-numbers" data-axis={axis_name} data-op="conv_transpose2d">{ transposed }</td>
                <td class="formula-numbers" data-axis={axis_name} data-op="conv2d">{ conv }</td>
            </tr>
        }
    };
    let note = match g.op() {
        Op::ConvTranspose2d => t.formula_note_transposed(),
        Op::Conv2d => t.formula_note_conv(),
    };
    html! {
        <section class="section formula" aria-labelledby="formula-heading" data-section="formula">
            <h2 id="formula-heading">{ t.formula_heading() }</h2>
            <table class="formula-table">
                <thead>
                    <tr><td></td><th scope="col"><code>{ TRANSPOSED }</code></th><th scope="col"><code>{ CONV }</code></th></tr>
                </thead>
                <tbody>{ line(Axis::H) }{ line(Axis::W) }</tbody>
            </table>
            { hint(note) }
        </section>
    }
}
