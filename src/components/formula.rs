//! The output-size formulas with the live numbers substituted.

use yew::prelude::*;

use crate::app::i18n::Lang;
use crate::math::{Axis, Geometry, Op};

/// `out = (in − 1)·s − 2p + d·(k − 1) + output_padding + 1`, per axis, with numbers.
pub fn formula(g: Geometry, lang: Lang) -> Html {
    let t = lang.strings();
    let p = g.params();
    let line = |axis: Axis| {
        let (i, k, o) = (
            g.input().get(axis),
            g.kernel().get(axis),
            g.output().get(axis),
        );
        let (s, pad, op, d) = (
            p.stride.get(axis),
            p.padding.get(axis),
            p.output_padding.get(axis),
            p.dilation.get(axis),
        );
        let numbers = match g.op() {
            Op::ConvTranspose2d => {
                format!("({i} − 1)·{s} − 2·{pad} + {d}·({k} − 1) + {op} + 1 = {o}")
            }
            Op::Conv2d => format!("⌊({i} + 2·{pad} − {d}·({k} − 1) − 1) / {s}⌋ + 1 = {o}"),
        };
        html! {
            <tr>
                <th scope="row">{ t.axis(axis) }</th>
                <td class="formula-numbers" data-axis={if axis == Axis::H { "h" } else { "w" }}>{ numbers }</td>
            </tr>
        }
    };
    let general = match g.op() {
        Op::ConvTranspose2d => {
            "out = (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1"
        }
        Op::Conv2d => "out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1",
    };
    html! {
        <section class="section formula" aria-labelledby="formula-heading" data-section="formula">
            <h2 id="formula-heading">{ t.formula_heading }</h2>
            <p class="formula-general"><code>{ general }</code></p>
            <table class="formula-table">
                { line(Axis::H) }
                { line(Axis::W) }
            </table>
        </section>
    }
}
