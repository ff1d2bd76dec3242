//! Plain-language messages next to the control whose change was refused
//! (`role="alert"`), and the banner for refused URL parameters.

use yew::prelude::*;

use crate::app::Dispatch;

use crate::app::i18n::{Lang, LANG_UNAVAILABLE_ZH};
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
            <button type="button" class="alert-dismiss" aria-label={lang.strings().dismiss()} onclick={dismiss}>{ "×" }</button>
        </p>
    }
}

/// Messages about refused URL parameters and a language that could not be
/// loaded (those of `alerts` at [`Control::Url`]), above the controls.
pub fn alert_banner(lang: Lang, alerts: &[(Control, Alert)], dispatch: &Dispatch) -> Html {
    let t = lang.strings();
    let shown: Vec<&Alert> = alerts
        .iter()
        .filter(|(c, _)| *c == Control::Url)
        .map(|(_, a)| a)
        .collect();
    // A language that could not be loaded is reported in the language shown
    // and, on a line of its own, in the one asked for.
    let lang_unavailable = shown.contains(&&Alert::LangUnavailable);
    if shown.is_empty() {
        return html! {};
    }
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearAlert(Control::Url)))
    };
    html! {
        <div class="alert banner" role="alert" data-alert="url">
            <ul>
                { for shown.into_iter().map(|a| html! { <li>{ t.alert(a) }</li> }) }
                if lang_unavailable {
                    <li lang="zh">{ LANG_UNAVAILABLE_ZH }</li>
                }
            </ul>
            <button type="button" class="alert-dismiss" aria-label={t.dismiss()} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
