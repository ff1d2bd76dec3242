//! Talking to a course page that embeds convt in an iframe. Messages carry
//! only plain data — a type and numbers — and the page listens to none.
//!
//! ```text
//! {type: "convt:resize", height: <px>}    whenever the page's height changes
//! {type: "convt:step", step, steps}        whenever the animation position changes
//! ```

use wasm_bindgen::prelude::*;
use web_sys::{ResizeObserver, Window};
use yew::prelude::*;

use super::hooks::use_effect_on;

fn parent() -> Option<Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    // Not framed: the parent is the window itself.
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

fn post(fields: &[(&str, JsValue)]) {
    let Some(parent) = parent() else { return };
    let message = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), v);
    }
    // The course page's origin is not known in advance; the data is public.
    let _ = parent.post_message(&message, "*");
}

/// Posts `convt:resize` whenever the document's height changes.
#[hook]
pub fn use_resize_messages() {
    use_effect_on((), |_| {
        let mut last = 0.0_f64;
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            let height = gloo::utils::document()
                .document_element()
                .map_or(0.0, |e| e.scroll_height() as f64);
            if (height - last).abs() >= 1.0 {
                last = height;
                post(&[("type", "convt:resize".into()), ("height", height.into())]);
            }
        });
        let observer =
            parent().and_then(|_| ResizeObserver::new(callback.as_ref().unchecked_ref()).ok());
        if let (Some(observer), Some(body)) = (&observer, gloo::utils::document().body()) {
            observer.observe(&body);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(callback);
        }
    });
}

/// Posts `convt:step` when the position changes.
#[hook]
pub fn use_step_messages(step: usize, steps: usize) {
    use_effect_on((step, steps), |&(step, steps)| {
        post(&[
            ("type", "convt:step".into()),
            ("step", (step as f64).into()),
            ("steps", (steps as f64).into()),
        ]);
    });
}
