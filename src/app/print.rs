//! Printing (a handout for a class). `@media print` in the stylesheet gives
//! paper the light palette and leaves out the controls; the canvases need
//! more, because their pixels are drawn by code, not styled:
//!
//! - a canvas that has never come near the screen has never been drawn
//!   (see [`super::on_screen`]), so it would print blank;
//! - one drawn in the dark theme holds dark pixels, and would print dark on
//!   a light page.
//!
//! So the root switches `<html>` to the light theme in `beforeprint`
//! ([`use_print_palette`]), every canvas then draws itself
//! ([`use_print_redraw`]) — all of this synchronously, as the browser lays
//! the page out for print when the event's listeners have returned — and
//! `afterprint` puts the theme back and redraws for the screen.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use yew::prelude::*;

use super::hooks::use_effect_on;

/// The root's part: `<html data-theme="light">` from `beforeprint` to
/// `afterprint`, then whatever was there before.
///
/// The listeners are in the capture phase: at the window, which is the
/// events' target, capturing listeners run before the others (DOM standard),
/// so the theme is switched before any canvas draws, although the canvases'
/// listeners were added first (child effects run before their parent's).
#[hook]
pub fn use_print_palette() {
    use_effect_on((), |_| {
        let window = gloo::utils::window();
        let saved = Rc::new(std::cell::RefCell::new(None::<Option<String>>));
        let options = EventListenerOptions {
            phase: EventListenerPhase::Capture,
            passive: true,
        };
        let before = {
            let saved = Rc::clone(&saved);
            EventListener::new_with_options(&window, "beforeprint", options, move |_| {
                let Some(root) = gloo::utils::document().document_element() else {
                    return;
                };
                // A second beforeprint before afterprint must not save the
                // light theme this listener itself set.
                if saved.borrow().is_none() {
                    saved.replace(Some(root.get_attribute("data-theme")));
                }
                let _ = root.set_attribute("data-theme", "light");
            })
        };
        let after = EventListener::new_with_options(&window, "afterprint", options, move |_| {
            let (Some(root), Some(theme)) =
                (gloo::utils::document().document_element(), saved.take())
            else {
                return;
            };
            let _ = match theme {
                Some(theme) => root.set_attribute("data-theme", &theme),
                None => root.remove_attribute("data-theme"),
            };
        });
        move || drop((before, after))
    });
}

/// A canvas's part: runs the latest `draw` (given on every render, so it
/// draws the current data) in `beforeprint` and in `afterprint`.
#[hook]
pub fn use_print_redraw(draw: Rc<dyn Fn()>) {
    let latest = use_mut_ref(|| Rc::clone(&draw));
    *latest.borrow_mut() = draw;
    use_effect_on((), move |_| {
        let window = gloo::utils::window();
        let listen = |event: &'static str| {
            let latest = Rc::clone(&latest);
            EventListener::new(&window, event, move |_| {
                let draw = Rc::clone(&latest.borrow());
                draw();
            })
        };
        let listeners = (listen("beforeprint"), listen("afterprint"));
        move || drop(listeners)
    });
}
