//! The operation switch: convolution (many-to-one) or transposed
//! convolution (one-to-many).

use yew::prelude::*;

use crate::app::Dispatch;

use super::alert_line::alert_line;
use crate::app::i18n::Lang;
use crate::app::state::{Action, Alert, Control};
use crate::math::Op;

/// Two radio buttons in a fieldset, with the alert of a refused switch.
/// Each names how many cells one cell connects to with the current kernel
/// of `taps` weights.
pub fn op_switch(
    current: Op,
    taps: usize,
    lang: Lang,
    alert: Option<&Alert>,
    dispatch: &Dispatch,
) -> Html {
    let t = lang.strings();
    let choice = |op: Op, label: &'static str| {
        let hint = t.fan_hint(op, taps);
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |_| dispatch.dispatch(Action::SetOp(op)));
        html! {
            <label CLASS={if current == op { "op-choice selected" } else { "op-choice" }}>
                <input type="radio" name="op" value={op.name()} checked={current == op} {onchange} />
                <span class="op-name">{ label }</span>
                <span class="op-hint">{ hint }</span>
            </label>
        }
    };
    html! {
        <fieldset class="op-switch" data-control="op">
            <legend>{ t.op_label() }</legend>
            { choice(Op::ConvTranspose2d, t.op_transposed()) }
            { choice(Op::Conv2d, t.op_conv()) }
            { alert_line(lang, alert.map(|a| t.alert(a)), Control::Op, dispatch) }
        </fieldset>
    }
}
