//! Playback on `requestAnimationFrame`: while playing, advance one step every
//! `1 / (BASE_STEPS_PER_SECOND · speed)` seconds. The frame handle is owned
//! by the effect and cancelled on teardown; playback pauses when the tab is
//! hidden. Keyboard shortcuts for the player live here too.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use super::hooks::use_effect_on;
use super::state::{Action, State, BASE_STEPS_PER_SECOND};

struct Loop {
    frame: Option<AnimationFrame>,
    last: Option<f64>,
    carry: f64,
}

fn schedule(state: Rc<RefCell<Loop>>, interval_ms: f64, dispatch: UseReducerDispatcher<State>) {
    let next = Rc::clone(&state);
    let handle = request_animation_frame(move |now| {
        let steps = {
            let mut l = next.borrow_mut();
            let elapsed = l.last.map_or(0.0, |last| (now - last).max(0.0));
            l.last = Some(now);
            // A long pause (background tab, debugger) must not fast-forward.
            l.carry = (l.carry + elapsed).min(interval_ms * 2.0);
            let steps = (l.carry / interval_ms).floor();
            l.carry -= steps * interval_ms;
            steps as usize
        };
        for _ in 0..steps {
            dispatch.dispatch(Action::Advance);
        }
        schedule(next, interval_ms, dispatch);
    });
    state.borrow_mut().frame = Some(handle);
}

/// Runs the player while `playing`, at `speed`.
#[hook]
pub fn use_player(playing: bool, speed: f64, dispatch: UseReducerDispatcher<State>) {
    use_effect_on((playing, speed.to_bits()), move |&(playing, speed_bits)| {
        let speed = f64::from_bits(speed_bits);
        let state = Rc::new(RefCell::new(Loop {
            frame: None,
            last: None,
            carry: 0.0,
        }));
        let hidden = if playing {
            let interval_ms = 1000.0 / (BASE_STEPS_PER_SECOND * speed);
            schedule(Rc::clone(&state), interval_ms, dispatch.clone());
            let dispatch = dispatch.clone();
            Some(EventListener::new(
                &gloo::utils::document(),
                "visibilitychange",
                move |_| {
                    if gloo::utils::document().hidden() {
                        dispatch.dispatch(Action::Pause);
                    }
                },
            ))
        } else {
            None
        };
        move || {
            // Dropping the handle cancels the pending frame.
            state.borrow_mut().frame = None;
            drop(hidden);
        }
    });
}

/// Whether a key event comes from somewhere that keeps its own meaning for
/// the keys: text fields, radio groups and checkboxes, selects, grids and
/// the matrix canvases (the player's scrubber is handled as a player control).
fn in_editing_context(target: &Element) -> bool {
    target
        .closest("input:not([type=range]), select, textarea, [role=grid], canvas")
        .ok()
        .flatten()
        .is_some()
}

/// Page-wide shortcuts: Space play/pause, ←/→ step, Home/End start/end,
/// Escape clears the pinned highlight.
/// On the player's own controls ←/→ and Home/End do the same (the scrubber
/// moves exactly one step per press); Space keeps its meaning of pressing
/// the focused button.
#[hook]
pub fn use_player_keys(dispatch: UseReducerDispatcher<State>, playing: bool, steps: usize) {
    use_effect_on((playing, steps), move |&(playing, steps)| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                let on_player = target
                    .as_ref()
                    .and_then(|t| t.closest("[data-player]").ok().flatten())
                    .is_some();
                let on_page = target.as_ref().is_none_or(|t| {
                    matches!(t.tag_name().as_str(), "BODY" | "HTML" | "MAIN")
                        || t.closest("button, a, summary").ok().flatten().is_none()
                });
                if e.key() == "Escape" {
                    // Escape clears a pinned highlight from anywhere (an open cell
                    // editor handles its own Escape first and stops it).
                    dispatch.dispatch(Action::ClearFocus);
                    return;
                }
                if target.as_ref().is_some_and(in_editing_context) && !on_player {
                    return;
                }
                let action = match e.key().as_str() {
                    " " if !on_player && on_page => {
                        Some(if playing { Action::Pause } else { Action::Play })
                    }
                    "ArrowLeft" if on_player || on_page => Some(Action::StepBy(-1)),
                    "ArrowRight" if on_player || on_page => Some(Action::StepBy(1)),
                    "Home" if on_player || on_page => Some(Action::Seek(0)),
                    "End" if on_player || on_page => Some(Action::Seek(steps)),
                    _ => None,
                };
                if let Some(action) = action {
                    e.prevent_default();
                    dispatch.dispatch(action);
                }
            },
        );
        move || drop(listener)
    });
}
