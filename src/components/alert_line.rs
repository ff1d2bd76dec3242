//! Plain-language messages next to the control whose change was refused
//! (`role="alert"`), and the banner for refused URL parameters.

use yew::prelude::*;

use crate::app::Dispatch;

use crate::app::i18n::Lang;
use crate::app::state::{Action, Alert, Control};

/// One message next to a control (`text`, already translated; nothing
/// without one), with a dismiss button that clears `control`'s alert.
pub fn alert_line(lang: Lang, text: Option<String>, control: Control, dispatch: &Dispatch) -> Html {
    let Some(text) = text else {
        return html! {};
    };
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearAlert(control)))
    };
    html! {
        <p class="alert" role="alert">
            <span>{ text }</span>
            <button type="button" class="alert-dismiss" aria-label={lang.strings().dismiss} onclick={dismiss}>{ "×" }</button>
        </p>
    }
}

/// Messages about refused URL parameters (those of `alerts` at
/// [`Control::Url`]), above the controls.
pub fn alert_banner(lang: Lang, alerts: &[(Control, Alert)], dispatch: &Dispatch) -> Html {
    let t = lang.strings();
    let lines: Vec<String> = alerts
        .iter()
        .filter(|(c, _)| *c == Control::Url)
        .map(|(_, a)| t.alert(a))
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearAlert(Control::Url)))
    };
    html! {
        <div class="alert banner" role="alert" data-alert="url">
            <ul>{ for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <button type="button" class="alert-dismiss" aria-label={t.dismiss} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
