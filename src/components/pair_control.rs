//! One per-axis parameter: a height and a width field linked by a checkbox
//! ("same for both axes"), with its alert underneath.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::hooks::use_local_state;
use crate::app::Dispatch;

use super::alert_line::alert_line;
use crate::app::i18n::Lang;
use crate::app::state::{Action, Control, ParamKind};
use crate::app::value::parse_whole;
use crate::math::Pair;

/// Props of [`PairControl`].
#[derive(Properties, PartialEq, Clone)]
pub struct PairControlProps {
    /// Which parameter.
    pub kind: ParamKind,
    /// Its current value.
    pub value: Pair,
    /// Smallest and largest value offered by the spin buttons.
    pub min: usize,
    /// Largest value offered by the spin buttons.
    pub max: usize,
    /// Interface language.
    pub lang: Lang,
    /// The translated alert for this control, if any.
    pub alert: Option<String>,
    /// Not editable.
    #[prop_or_default]
    pub disabled: bool,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Height × width fields for one parameter.
#[component]
pub fn PairControl(props: &PairControlProps) -> Html {
    let linked_choice = use_local_state(|| props.value.h == props.value.w);
    // Values that differ per axis (an undo, a URL, a preset) always show both
    // fields, whatever the checkbox said before.
    let linked = *linked_choice && props.value.h == props.value.w;
    let t = props.lang.strings();
    let kind = props.kind;
    let id = format!("param-{}", kind.id());
    let value = props.value;

    let on_change = |axis_h: bool| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            match parse_whole(&input.value()) {
                Ok(n) => {
                    let next = if linked {
                        Pair::new(n, n)
                    } else if axis_h {
                        Pair::new(n, value.w)
                    } else {
                        Pair::new(value.h, n)
                    };
                    dispatch.dispatch(Action::SetParam(kind, next));
                }
                Err(err) => dispatch.dispatch(Action::RefuseValue(Control::Param(kind), err)),
            }
        })
    };
    let toggle_link = {
        let linked_choice = linked_choice.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            let now = !linked;
            linked_choice.set(now);
            if now && value.h != value.w {
                dispatch.dispatch(Action::SetParam(kind, Pair::new(value.h, value.h)));
            }
        })
    };
    let field = |axis_h: bool, v: usize, label: &'static str| {
        html! {
            <label class="pair-field">
                <span class="pair-axis">{ label }</span>
                <input type="number" inputmode="numeric"
                    id={format!("{id}-{}", if axis_h { "h" } else { "w" })}
                    data-param={kind.id()} data-axis={if axis_h { "h" } else { "w" }}
                    min={props.min.to_string()} max={props.max.to_string()} step="1"
                    value={v.to_string()}
                    disabled={props.disabled}
                    aria-invalid={props.alert.is_some().then_some("true")}
                    onchange={on_change(axis_h)} />
            </label>
        }
    };
    html! {
        <fieldset class="pair-control" data-control={kind.id()}>
            <legend>{ t.param(kind) }</legend>
            <div class="pair-fields">
                if linked {
                    { field(true, value.h, t.both_axes()) }
                } else {
                    { field(true, value.h, t.height()) }
                    { field(false, value.w, t.width()) }
                }
                <label class="pair-link">
                    <input type="checkbox" checked={linked} onchange={toggle_link} disabled={props.disabled} />
                    <span>{ t.link_axes() }</span>
                </label>
            </div>
            { alert_line(props.lang, props.alert.clone(), Control::Param(kind), &props.dispatch) }
        </fieldset>
    }
}
