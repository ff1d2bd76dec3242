//! Whether an element is on (or near) the screen, for canvases that need not
//! be redrawn while nobody can see them: an edit at 32×32 would otherwise
//! redraw two million-entry matrices and eight plots below the fold on the
//! frame that should show the edited grid. A canvas that scrolls into view
//! is drawn before it gets there (the margin is one viewport).
//!
//! Whole sections lag the same way ([`use_lagging`]): a section far from the
//! screen keeps the props it last rendered with, so an edit or an animation
//! step renders only what can be seen, and the rest catches up as soon as
//! the changes pause or the section comes near. So do the rows of a long
//! grid ([`use_lagging_rows`]), a few at a time.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

use super::hooks::{use_effect_always, use_effect_on, use_local_state};

/// Whether `node` is within one viewport height of the visible area:
/// `false` on the first render, then answered in the mount effect (so a
/// canvas in view is drawn before the first frame), then kept up to date by
/// an IntersectionObserver. Always `true` where the browser lacks one.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let on_screen = use_local_state(|| None::<bool>);
    {
        let on_screen = on_screen.clone();
        use_effect_on(node, move |node| {
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
        use_effect_on((current, behind), move |(current, behind)| {
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

/// How far above and below the screen the rows of a long grid are kept up
/// to date: a quarter of a viewport is two or more frames of fast scrolling,
/// so a row is current before it shows.
const ROW_MARGIN: &str = "25% 0px 25% 0px";

/// The props each row of a long grid is rendered with: `current[i]` for a
/// row within [`ROW_MARGIN`] of the screen, for a row where `live` holds
/// (for the current or the last rendered props: the keyboard cursor, the
/// editor), and for every row on the first render and whenever the number
/// of rows changes; for any other row, the props it was last rendered with,
/// brought up to date [`CATCH_UP_MS`] after the changes pause or as soon as
/// the row comes near the screen. The catch-up brings at most `slice` rows
/// up to date per task, one task after the other, so that catching up a
/// 64×64 output is several short tasks rather than one long one (an
/// animation playing at 4× pauses long enough between steps for a
/// catch-up to start). `enabled: false` renders every row with its current
/// props.
///
/// The rows are the elements with a `data-r` attribute (the row's index)
/// inside `table`. What [`use_lagging`] does for sections, this does for the
/// rows of one grid: at 64×64 an edit changes 4 356 output cells, most of
/// them below the fold.
#[hook]
pub fn use_lagging_rows<T>(
    table: NodeRef,
    current: Vec<T>,
    live: fn(&T) -> bool,
    slice: usize,
    enabled: bool,
) -> Vec<T>
where
    T: Clone + PartialEq + 'static,
{
    let near: Rc<RefCell<Vec<bool>>> = use_mut_ref(Vec::new);
    let given: Rc<RefCell<Vec<T>>> = use_mut_ref(Vec::new);
    // Rows this render may bring up to date besides the near ones: set by
    // the catch-up timer, 0 for renders of a change.
    let budget = use_mut_ref(|| 0_usize);
    let behind = use_mut_ref(|| false);
    let refresh = use_force_update();
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let rows = current.len();
    let mut catching_up = false;

    let shown = if enabled {
        let mut given = given.borrow_mut();
        let near = near.borrow();
        let mut budget = std::mem::take(&mut *budget.borrow_mut());
        catching_up = budget > 0;
        let mut lagging = false;
        if given.len() != rows {
            *given = current;
        } else {
            let near = near.iter().copied().chain(std::iter::repeat(false));
            for ((shown, row), near) in given.iter_mut().zip(current).zip(near) {
                if *shown == row {
                    continue;
                }
                if near || live(&row) || live(shown) {
                    *shown = row;
                } else if budget > 0 {
                    budget -= 1;
                    *shown = row;
                } else {
                    lagging = true;
                }
            }
        }
        *behind.borrow_mut() = lagging;
        given.clone()
    } else {
        given.borrow_mut().clear();
        *behind.borrow_mut() = false;
        current
    };

    // Rows near the screen: one observer for all rows, made again when the
    // number of rows changes (rows are keyed by index, so their elements
    // stay otherwise).
    {
        let (near, behind, refresh) = (Rc::clone(&near), Rc::clone(&behind), refresh.clone());
        use_effect_on((table, rows, enabled), move |(table, rows, enabled)| {
            near.borrow_mut().clear();
            near.borrow_mut().resize(*rows, false);
            let callback = {
                let near = Rc::clone(&near);
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let mut arrived = false;
                    let mut near = near.borrow_mut();
                    for entry in entries.iter() {
                        let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                            continue;
                        };
                        let index = entry
                            .target()
                            .get_attribute("data-r")
                            .and_then(|r| r.parse::<usize>().ok());
                        if let Some(slot) = index.and_then(|i| near.get_mut(i)) {
                            *slot = entry.is_intersecting();
                            arrived |= *slot;
                        }
                    }
                    drop(near);
                    if arrived && *behind.borrow() {
                        refresh.force_update();
                    }
                })
            };
            let init = IntersectionObserverInit::new();
            init.set_root_margin(ROW_MARGIN);
            let observer = enabled
                .then(|| {
                    IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
                        .ok()
                })
                .flatten();
            match (&observer, table.cast::<Element>()) {
                (Some(observer), Some(table)) => {
                    if let Ok(list) = table.query_selector_all("[data-r]") {
                        for i in 0..list.length() {
                            if let Some(row) =
                                list.get(i).and_then(|n| n.dyn_into::<Element>().ok())
                            {
                                observer.observe(&row);
                            }
                        }
                    }
                }
                // No observer (or not enabled): every row counts as near.
                _ => near.borrow_mut().iter_mut().for_each(|n| *n = true),
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }

    // Catch-up: after every render of a change that left rows behind,
    // (re)armed, so it starts once the changes pause; after each slice of
    // it, the next slice at once, in a task of its own.
    {
        let behind = *behind.borrow();
        let timer = Rc::clone(&timer);
        use_effect_always(move || {
            let wait = if catching_up { 0 } else { CATCH_UP_MS };
            *timer.borrow_mut() = behind.then(|| {
                Timeout::new(wait, move || {
                    *budget.borrow_mut() = slice.max(1);
                    refresh.force_update();
                })
            });
        });
    }
    shown
}
