//! "Copy link" and "Copy embed code": copies the current URL or a ready
//! `<iframe>` snippet. Where the clipboard API is unavailable (plain http,
//! some iframes) the text is shown selected for manual copying.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::hooks::{use_effect_on, use_element_ref, use_local_state};
use crate::app::i18n::Lang;
use crate::app::promise::when_settled;

/// Props of [`Share`].
#[derive(Properties, PartialEq, Clone)]
pub struct ShareProps {
    /// Interface language.
    pub lang: Lang,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Copied(String),
    Manual(String),
}

/// The page's address, and the same with `embed=1`.
fn current_url(embed: bool) -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    if embed {
        with_embed(&href)
    } else {
        href
    }
}

/// `href` with `embed=1` among its query parameters (before any fragment,
/// where a browser would not read it), unless it has it already.
fn with_embed(href: &str) -> String {
    let (address, fragment) = href.split_at(href.find('#').unwrap_or(href.len()));
    let query = address.split_once('?').map_or("", |(_, q)| q);
    // `embed=1` as a parameter of its own, not inside another's value.
    if query.split('&').any(|p| p == "embed=1") {
        return href.to_string();
    }
    let sep = if !address.contains('?') {
        "?"
    } else if address.ends_with(['?', '&']) {
        ""
    } else {
        "&"
    };
    format!("{address}{sep}embed=1{fragment}")
}

/// An `<iframe>` for the current state, for a course page.
pub fn iframe_snippet(url: &str, title: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"700\" height=\"900\" style=\"border:0;max-width:100%\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>",
        esc(url),
        esc(title)
    )
}

/// Copies `text` to the clipboard and reports whether it worked (`false`
/// where the API is missing — plain http, some iframes — or refuses).
pub fn copy_to_clipboard(text: String, done: Callback<bool>) {
    let navigator = gloo::utils::window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok());
    let Some(clipboard) = clipboard else {
        done.emit(false);
        return;
    };
    when_settled(
        &clipboard.write_text(&text),
        Box::new(move |written| done.emit(written.is_ok())),
    );
}

/// Share and embed buttons.
#[component]
pub fn Share(props: &ShareProps) -> Html {
    let t = props.lang.strings();
    let status = use_local_state(|| Status::Idle);
    let field = use_element_ref();
    {
        let field = field.clone();
        use_effect_on((*status).clone(), move |s| {
            if let (Status::Manual(_), Some(input)) = (s, field.cast::<HtmlInputElement>()) {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let copy = |text_of: fn(&'static str) -> String| {
        let status = status.clone();
        let title = t.iframe_title();
        Callback::from(move |_: MouseEvent| {
            let text = text_of(title);
            let status = status.clone();
            let done = text.clone();
            copy_to_clipboard(
                text,
                Callback::from(move |ok: bool| {
                    status.set(if ok {
                        Status::Copied(done.clone())
                    } else {
                        Status::Manual(done.clone())
                    })
                }),
            );
        })
    };
    let share = copy(|_| current_url(false));
    let embed = copy(|title| iframe_snippet(&current_url(true), title));
    let (message, text) = match &*status {
        Status::Idle => (None, None),
        Status::Copied(text) => (Some(t.copied()), Some(text.clone())),
        Status::Manual(text) => (Some(t.copy_manually()), Some(text.clone())),
    };
    html! {
        <div class="share">
            <button type="button" class="button" data-action="share" onclick={share}>{ t.share() }</button>
            <button type="button" class="button" data-action="embed" onclick={embed}>{ t.embed() }</button>
            if let Some(message) = message {
                <p class="share-status" role="status">{ message }</p>
            }
            if let Some(text) = text {
                <label class="share-field">
                    <span class="sr-only">{ t.share_field() }</span>
                    <input ref={field} type="text" readonly=true value={text} data-share-text="" />
                </label>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::with_embed;

    #[test]
    fn embed_goes_into_the_query_once() {
        let cases = [
            ("http://h/", "http://h/?embed=1"),
            ("http://h/?op=conv2d", "http://h/?op=conv2d&embed=1"),
            ("http://h/?", "http://h/?embed=1"),
            ("http://h/?a=1&", "http://h/?a=1&embed=1"),
            ("http://h/?a=1&embed=1", "http://h/?a=1&embed=1"),
            ("http://h/?xembed=10", "http://h/?xembed=10&embed=1"),
            ("http://h/#part", "http://h/?embed=1#part"),
            ("http://h/?a=1#x?embed=1", "http://h/?a=1&embed=1#x?embed=1"),
        ];
        for (href, expected) in cases {
            assert_eq!(with_embed(href), expected, "{href}");
        }
    }
}
