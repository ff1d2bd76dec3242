//! A panic in wasm kills the app silently. This hook shows a visible,
//! translated panel with the message and a "reload with defaults" link
//! (plain DOM, no Yew: Yew is what just died), then logs to the console.
//! Every input path is validated so that nothing should ever reach it.

use super::i18n::Lang;

/// Installs the hook (once, at start).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show_panel(&message);
    }));
}

fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    let t = lang.strings();
    let make = |tag: &str, class: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_class_name(class);
        el.set_text_content(Some(text));
        Some(el)
    };
    let (Some(panel), Some(title), Some(detail), Some(reload)) = (
        make("div", "panic-panel", ""),
        make("p", "panic-title", t.panic_title),
        make("pre", "panic-message", message),
        make("a", "button primary", t.panic_reload),
    ) else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-panic", "");
    // The page's own address without a query: every parameter at its default.
    let _ = reload.set_attribute("href", "./");
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&reload);
    let _ = panel.append_child(&detail);
    let _ = body.prepend_with_node_1(&panel);
}
