//! Page header: title, language switch and theme choice.

use yew::prelude::*;

use crate::app::Dispatch;

use crate::app::i18n::Lang;
use crate::app::prefs::{Prefs, Theme};
use crate::app::state::Action;

/// Title and page-wide switches; `switching`: the strings of the language
/// asked for are being fetched (the switch shows it is busy).
pub fn header(prefs: Prefs, switching: bool, dispatch: &Dispatch) -> Html {
    let t = prefs.lang.strings();
    let toggle_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let lang = if prefs.lang == Lang::En {
                Lang::Zh
            } else {
                Lang::En
            };
            dispatch.dispatch(Action::SetPrefs(Prefs { lang, ..prefs }))
        })
    };
    let on_theme = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(theme) = Theme::from_word(&select.value()) {
                    dispatch.dispatch(Action::SetPrefs(Prefs { theme, ..prefs }));
                }
            }
        })
    };
    let option = |theme: Theme, label: &'static str| {
        html! { <option value={theme.word()} selected={prefs.theme == theme}>{ label }</option> }
    };
    html! {
        <header class="header">
            <div class="title">
                <h1>{ t.title() }</h1>
                <p class="subtitle">{ t.subtitle() }</p>
            </div>
            <div class="header-controls">
                <super::share::Share lang={prefs.lang} />
                <button type="button" class="button" data-action="lang"
                    lang={if prefs.lang == Lang::En { "zh" } else { "en" }}
                    aria-busy={switching.then_some("true")}
                    onclick={toggle_lang}>{ t.lang_switch() }</button>
                <label class="theme-select">
                    <span>{ t.theme_label() }</span>
                    <select onchange={on_theme} data-control="theme">
                        { option(Theme::Auto, t.theme_auto()) }
                        { option(Theme::Light, t.theme_light()) }
                        { option(Theme::Dark, t.theme_dark()) }
                    </select>
                </label>
            </div>
        </header>
    }
}
