//! All parameters, presets, randomize, reset, undo and redo.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::Dispatch;

use super::pair_control::PairControl;
use crate::app::i18n::Lang;
use crate::app::model::Model;
use crate::app::presets::Preset;
use crate::app::state::{Action, Alert, Control, ParamKind};
use crate::app::Shared;
use crate::math::caps::{MAX_DILATION, MAX_INPUT, MAX_KERNEL, MAX_PADDING, MAX_STRIDE};
use crate::math::Op;

/// Props of [`ParamsPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ParamsPanelProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Interface language.
    pub lang: Lang,
    /// Current alerts.
    pub alerts: Vec<(Control, Alert)>,
    /// Values and sizes not editable.
    pub readonly: bool,
    /// Whether Undo has something to undo.
    pub can_undo: bool,
    /// Whether Redo has something to redo.
    pub can_redo: bool,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

fn range(kind: ParamKind) -> (usize, usize) {
    match kind {
        ParamKind::InputSize => (1, MAX_INPUT),
        ParamKind::KernelSize => (1, MAX_KERNEL),
        ParamKind::Stride => (1, MAX_STRIDE),
        ParamKind::Padding => (0, MAX_PADDING),
        ParamKind::OutputPadding => (0, MAX_STRIDE.max(MAX_DILATION) - 1),
        ParamKind::Dilation => (1, MAX_DILATION),
    }
}

/// The parameter panel.
#[component]
pub fn ParamsPanel(props: &ParamsPanelProps) -> Html {
    let t = props.lang.strings();
    let m = &props.model;
    let controls = ParamKind::ALL
        .into_iter()
        .filter(|k| m.op == Op::ConvTranspose2d || *k != ParamKind::OutputPadding)
        .map(|kind| {
            let alert = props
                .alerts
                .iter()
                .find(|(c, _)| *c == Control::Param(kind))
                .map(|(_, a)| t.alert(a));
            let (min, max) = range(kind);
            html! {
                <PairControl key={kind.id()} {kind} value={kind.read(m)} {min} {max}
                    lang={props.lang} {alert} disabled={props.readonly}
                    dispatch={props.dispatch.clone()} />
            }
        });
    let button = |label: &'static str, action: Action, enabled: bool, name: &'static str| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_| dispatch.dispatch(action.clone()));
        html! {
            <button type="button" class="button" data-action={name} disabled={!enabled} {onclick}>{ label }</button>
        }
    };
    let on_preset = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Some(p) = Preset::from_id(&select.value()) {
                    dispatch.dispatch(Action::Preset(p));
                }
                select.set_value("");
            }
        })
    };
    let preset_label = |p: Preset| match p {
        Preset::Article => t.preset_article(),
        Preset::Dcgan => t.preset_dcgan(),
        Preset::Uneven => t.preset_uneven(),
        Preset::Dilated => t.preset_dilated(),
        Preset::Identity => t.preset_identity(),
    };
    let seed = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let editable = !props.readonly;
    html! {
        <section class="params" aria-labelledby="params-heading">
            <h2 id="params-heading">{ t.params_heading() }</h2>
            if props.readonly {
                <p class="readonly-note" data-readonly="">{ t.readonly_note() }</p>
            }
            <div class="params-grid">{ for controls }</div>
            // A read-only embed shows what it shows: no presets, randomize,
            // reset, undo or redo, which could only be disabled there.
            if editable {
                <div class="params-actions">
                    <label class="preset-select">
                        <span>{ t.presets() }</span>
                        <select data-control="preset" onchange={on_preset}>
                            <option value="" selected=true>{ "—" }</option>
                            { for Preset::ALL.into_iter().map(|p| html! { <option value={p.id()}>{ preset_label(p) }</option> }) }
                        </select>
                    </label>
                    { button(t.randomize(), Action::Randomize(seed), true, "randomize") }
                    { button(t.reset(), Action::Reset, true, "reset") }
                    { button(t.undo(), Action::Undo, props.can_undo, "undo") }
                    { button(t.redo(), Action::Redo, props.can_redo, "redo") }
                </div>
            }
        </section>
    }
}
