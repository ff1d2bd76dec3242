//! Whether an element is on (or near) the screen, for canvases that need not
//! be redrawn while nobody can see them: an edit at 32×32 would otherwise
//! redraw two million-entry matrices and eight plots below the fold on the
//! frame that should show the edited grid. A canvas that scrolls into view
//! is drawn before it gets there (the margin is one viewport).
//!
//! Whole sections lag the same way ([`use_lagging`]): a section far from the
//! screen keeps the props it last rendered with, so an edit or an animation
//! step renders only what can be seen, and the rest catches up as soon as
//! the changes pause or the section comes near.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
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

/// How long the props of a section off screen may lag behind after the last
/// change: a pause this long (no key repeat, no animation step) brings every
/// section up to date, so screen readers and find-in-page, which read
/// sections off screen too, never meet stale values for long.
pub const CATCH_UP_MS: u32 = 120;

/// The props a section is rendered with: `current` while `node` (the
/// section's wrapper) is on or near the screen; while it is not, the props
/// it was last rendered with, brought up to date [`CATCH_UP_MS`] after
/// `current` stops changing, or at once when it comes near the screen.
///
/// `None` until the section has first been given props: a section that is
/// not `eager` and not near the screen at load renders after the first frame
/// instead of in it.
#[hook]
pub fn use_lagging<T>(node: NodeRef, current: T, eager: bool) -> Option<T>
where
    T: Clone + PartialEq + 'static,
{
    let on_screen = use_on_screen(node);
    let given = use_mut_ref(|| None::<T>);
    let caught_up = use_force_update();
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let first = given.borrow().is_none();
    if on_screen || (first && eager) {
        *given.borrow_mut() = Some(current.clone());
    }
    let shown = given.borrow().clone();
    let behind = shown.as_ref() != Some(&current);
    {
        let given = Rc::clone(&given);
        use_effect_with((current, behind), move |(current, behind)| {
            // A newer change replaces (and so cancels) the pending catch-up.
            *timer.borrow_mut() = behind.then(|| {
                let current = current.clone();
                Timeout::new(CATCH_UP_MS, move || {
                    *given.borrow_mut() = Some(current);
                    caught_up.force_update();
                })
            });
        });
    }
    shown
}
