//! A panic in wasm kills the app. This module shows a visible, translated
//! panel instead of a page that silently stops: a title, a "reload with
//! defaults" link and the error (plain DOM, no Yew: Yew is what just died).
//! Every input path is validated so that nothing should ever reach it.
//!
//! The release build compiles std with `panic = "immediate-abort"`
//! (`scripts/build-release.sh`, 14.5 KiB gzip less): a panic there is a bare
//! `unreachable` trap, no hook runs and no message exists. The trap reaches
//! the page as a `WebAssembly.RuntimeError` thrown out of whichever call
//! into the wasm was running — an event handler, an animation frame, a
//! timer or a promise — so the panel is shown from the window's `error` and
//! `unhandledrejection` events, once the app has mounted (before that,
//! `static/loader.js` reports a failed start in `#boot`). Debug builds and
//! the tests keep the panic hook, which shows the panic's message.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;

use super::i18n::Lang;

/// Installs the hook and the listeners (once, at start).
pub fn install() {
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show_panel(&message);
    }));
    let window = gloo::utils::window();
    for (event_type, field) in [("error", "error"), ("unhandledrejection", "reason")] {
        EventListener::new(&window, event_type, move |event| {
            let error = js_sys::Reflect::get(event, &field.into()).unwrap_or_default();
            if let Some(trap) = error.dyn_ref::<js_sys::WebAssembly::RuntimeError>() {
                let text: String = trap.unchecked_ref::<js_sys::Error>().to_string().into();
                show_panel(&text);
            }
        })
        .forget();
    }
}

fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Once: a debug build's hook has shown the panic's message already. And
    // not before the app has mounted: #boot then says that start-up failed.
    if let Ok(Some(_)) = document.query_selector("[data-panic], #boot") {
        return;
    }
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
        make("p", "panic-title", t.panic_title()),
        make("pre", "panic-message", message),
        make("a", "button primary", t.panic_reload()),
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
