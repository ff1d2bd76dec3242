//! Plain-language messages next to the control whose change was refused
//! (`role="alert"`), and the banner for refused URL parameters.

use yew::prelude::*;

use crate::app::Dispatch;

use crate::app::i18n::Lang;
use crate::app::state::{Action, Alert, Control};

/// Props of [`AlertLine`].
#[derive(Properties, PartialEq, Clone)]
pub struct AlertLineProps {
    /// Interface language.
    pub lang: Lang,
    /// The message, already translated; nothing is rendered without one.
    pub text: Option<String>,
    /// The control it belongs to (dismissing clears it).
    pub control: Control,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// One message next to a control, with a dismiss button.
#[component]
pub fn AlertLine(props: &AlertLineProps) -> Html {
    let Some(text) = props.text.clone() else {
        return html! {};
    };
    let dismiss = {
        let dispatch = props.dispatch.clone();
        let control = props.control;
        Callback::from(move |_| dispatch.dispatch(Action::ClearAlert(control)))
    };
    html! {
        <p class="alert" role="alert">
            <span>{ text }</span>
            <button type="button" class="alert-dismiss" aria-label={props.lang.strings().dismiss} onclick={dismiss}>{ "×" }</button>
        </p>
    }
}

/// Props of [`AlertBanner`].
#[derive(Properties, PartialEq, Clone)]
pub struct AlertBannerProps {
    /// Interface language.
    pub lang: Lang,
    /// All alerts; the banner shows those about the URL.
    pub alerts: Vec<(Control, Alert)>,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Messages about refused URL parameters, above the controls.
#[component]
pub fn AlertBanner(props: &AlertBannerProps) -> Html {
    let t = props.lang.strings();
    let lines: Vec<String> = props
        .alerts
        .iter()
        .filter(|(c, _)| *c == Control::Url)
        .map(|(_, a)| t.alert(a))
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    let dismiss = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearAlert(Control::Url)))
    };
    html! {
        <div class="alert banner" role="alert" data-alert="url">
            <ul>{ for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <button type="button" class="alert-dismiss" aria-label={t.dismiss} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
