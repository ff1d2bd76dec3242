//! The operation switch: convolution (many-to-one) or transposed
//! convolution (one-to-many).

use yew::prelude::*;

use crate::app::Dispatch;

use super::alert_line::AlertLine;
use crate::app::i18n::Lang;
use crate::app::state::{Action, Alert, Control};
use crate::math::Op;

/// Props of [`OpSwitch`].
#[derive(Properties, PartialEq, Clone)]
pub struct OpSwitchProps {
    /// Current operation.
    pub op: Op,
    /// Interface language.
    pub lang: Lang,
    /// A refused switch's message.
    pub alert: Option<Alert>,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Two radio buttons in a fieldset.
#[component]
pub fn OpSwitch(props: &OpSwitchProps) -> Html {
    let t = props.lang.strings();
    let choice = |op: Op, label: &'static str, hint: &'static str| {
        let dispatch = props.dispatch.clone();
        let onchange = Callback::from(move |_| dispatch.dispatch(Action::SetOp(op)));
        html! {
            <label class={classes!("op-choice", (props.op == op).then_some("selected"))}>
                <input type="radio" name="op" value={op.name()} checked={props.op == op} {onchange} />
                <span class="op-name">{ label }</span>
                <span class="op-hint">{ hint }</span>
            </label>
        }
    };
    html! {
        <fieldset class="op-switch" data-control="op">
            <legend>{ t.op_label }</legend>
            { choice(Op::ConvTranspose2d, t.op_transposed, t.op_transposed_hint) }
            { choice(Op::Conv2d, t.op_conv, t.op_conv_hint) }
            <AlertLine lang={props.lang} text={props.alert.as_ref().map(|a| t.alert(a))} control={Control::Op} dispatch={props.dispatch.clone()} />
        </fieldset>
    }
}
