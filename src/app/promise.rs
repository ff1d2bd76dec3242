//! [`when_settled`]: a promise's outcome, by callback.
//!
//! The page waits for two promises: the fetch of the Chinese strings
//! (`super::translations`) and the clipboard's (`crate::components::share`).
//! Awaiting them (`wasm_bindgen_futures`) brought an executor, a future per
//! use and its state machine into the wasm: 0.5 KiB of gzip more than these
//! callbacks (measured 2026-11-30).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// Calls `then` once `promise` settles: with its value, or with `Err` and
/// the reason it was rejected.
///
/// `then` runs at most once; if the promise never settles, it never runs.
pub fn when_settled(promise: &js_sys::Promise, then: Outcome) {
    let pending = Rc::new(RefCell::new(Pending {
        then: Some(then),
        callbacks: None,
    }));
    let settle = |fulfilled: bool| {
        let pending = Rc::clone(&pending);
        move |value: JsValue| {
            let (then, callbacks) = {
                let mut pending = pending.borrow_mut();
                (pending.then.take(), pending.callbacks.take())
            };
            // Both callbacks go now (the glue frees a closure that is
            // running once it returns), and with them the cycle through
            // `pending`.
            drop(callbacks);
            if let Some(then) = then {
                then(if fulfilled { Ok(value) } else { Err(value) });
            }
        }
    };
    let on_value = Closure::once(settle(true));
    let on_reason = Closure::once(settle(false));
    let _ = promise.then2(&on_value, &on_reason);
    pending.borrow_mut().callbacks = Some((on_value, on_reason));
}

/// What to call with a promise's outcome: its value, or why it was rejected.
pub type Outcome = Box<dyn FnOnce(Result<JsValue, JsValue>)>;

/// One of the two callbacks a promise holds until it settles.
type Callback = Closure<dyn FnMut(JsValue)>;

/// A promise [`when_settled`] waits for: what to call, and the two
/// callbacks (on its value, on its rejection) the promise holds until then.
struct Pending {
    then: Option<Outcome>,
    callbacks: Option<(Callback, Callback)>,
}
