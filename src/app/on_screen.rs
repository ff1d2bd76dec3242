//! Whether an element is on (or near) the screen, for canvases that need not
//! be redrawn while nobody can see them: an edit at 32×32 would otherwise
//! redraw two million-entry matrices and eight plots below the fold on the
//! frame that should show the edited grid. A canvas that scrolls into view
//! is drawn before it gets there (the margin is one viewport).

use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// Whether `node` is within one viewport height of the visible area:
/// `false` on the first render, then answered in the mount effect (so a
/// canvas in view is drawn before the first frame), then kept up to date by
/// an IntersectionObserver. Always `true` where the browser lacks one.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let on_screen = use_state(|| None::<bool>);
    {
        let on_screen = on_screen.clone();
        use_effect_with(node, move |node| {
            let element = node.cast::<Element>();
            let answer = on_screen.clone();
            let callback =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                    {
                        answer.set(Some(entry.is_intersecting()));
                    }
                });
            let init = IntersectionObserverInit::new();
            init.set_root_margin("100% 0px 100% 0px");
            let observer =
                IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
                    .ok();
            match (&observer, &element) {
                (Some(observer), Some(el)) => {
                    // The first answer is synchronous: a canvas in view at
                    // load is drawn in the same task as the grids.
                    on_screen.set(Some(near_viewport(el)));
                    observer.observe(el);
                }
                _ => on_screen.set(Some(true)),
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    (*on_screen).unwrap_or(false)
}

/// Whether `el` is within one viewport height above or below the viewport.
fn near_viewport(el: &Element) -> bool {
    let height = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    rect.bottom() >= -height && rect.top() <= 2.0 * height
}
