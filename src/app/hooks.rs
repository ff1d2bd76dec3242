//! Lean versions of Yew's hooks, with the same behaviour and less wasm.
//!
//! Yew's hooks are generic, so each use compiles its own copy of their
//! machinery. For the few the page uses many times, that copy is most of
//! what a use costs; these keep generic only what needs the types. Measured
//! on the 2026-11-30 build, in the shipped gzip:
//! - one `use_effect_with` with a one-line effect cost 213 bytes
//!   ([`use_effect_on`]: −1.1 KiB for 17 uses; `use_effect` through the same
//!   machinery, [`use_effect_always`]: −0.25 KiB);
//! - `use_state` is built on a reducer per use ([`use_local_state`]: −2.2
//!   KiB for 10 uses);
//! - `use_node_ref` keeps its reference with `use_state`
//!   ([`use_element_ref`]: −0.4 KiB);
//! - `use_memo` is two hooks deep ([`use_memo_on`]: −0.15 KiB for 16 uses).
//!
//! `clippy.toml` disallows the five, so new code uses these.

use std::any::Any;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::functional::{Hook, UseForceUpdateHandle};
use yew::prelude::*;

// --- Effects ---------------------------------------------------------------
//
// `use_effect_with(deps, effect)` is generic over the dependencies, the
// effect and what the effect leaves to undo: each use compiled its own copy
// of Yew's effect state (its run-after-render logic, its destructor, its
// type information and vtables). Here the generic part is only boxing the
// dependencies and the effect, and comparing two dependency values. Which
// dependencies the effect last ran with, and when to run it again, is kept
// by one non-generic hook, `use_effect_erased`, which hands Yew's
// `use_effect_with` a number: the count of runs so far, plus one when the
// render's dependencies differ from the last run's. Yew runs the effect when
// that number differs from the one of its last run: one instance of Yew's
// machinery for every effect of the page. The behaviour is
// `use_effect_with`'s: the effect runs after the first render and after
// each render whose dependencies differ (`!=`) from those it last ran with;
// what it returns (nothing, or a closure) runs before it runs again and when
// the component goes.

/// What an effect returns: nothing to undo (`()`), or a closure that undoes
/// it (`move || …`). As Yew's `TearDown`.
pub trait Cleanup: 'static {
    /// The closure to run before the effect runs again or the component
    /// goes, boxed, if any.
    fn into_boxed(self) -> Option<Box<dyn FnOnce()>>;
}

impl Cleanup for () {
    fn into_boxed(self) -> Option<Box<dyn FnOnce()>> {
        None
    }
}

impl<F: FnOnce() + 'static> Cleanup for F {
    fn into_boxed(self) -> Option<Box<dyn FnOnce()>> {
        Some(Box::new(self))
    }
}

/// An effect whose dependencies' type is erased.
type ErasedEffect = Box<dyn FnOnce(&dyn Any) -> Option<Box<dyn FnOnce()>>>;

/// An effect's dependencies: those of its last run, and how many runs so far;
/// those of the next run, if the latest render's differ.
#[derive(Default)]
struct EffectDeps {
    ran_with: Option<Rc<dyn Any>>,
    runs: u64,
    next: Option<Rc<dyn Any>>,
}

/// Runs `effect` with `deps` after the first render and after each render
/// whose `deps` differ (`!=`) from those it last ran with; what it returns
/// runs before it runs again and when the component goes. As Yew's
/// `use_effect_with(deps, effect)`, which see.
pub fn use_effect_on<D, E, C>(deps: D, effect: E) -> impl Hook<Output = ()>
where
    D: PartialEq + 'static,
    E: FnOnce(&D) -> C + 'static,
    C: Cleanup,
{
    use_effect_erased(
        Rc::new(deps),
        |old, new| old.downcast_ref::<D>() == new.downcast_ref::<D>(),
        Box::new(move |deps: &dyn Any| {
            deps.downcast_ref::<D>()
                .and_then(|d| effect(d).into_boxed())
        }),
    )
}

/// Runs `effect` after every render; what it returns runs before the next
/// run and when the component goes. As Yew's `use_effect(effect)`, through
/// the same one instance of the machinery as [`use_effect_on`].
pub fn use_effect_always<E, C>(effect: E) -> impl Hook<Output = ()>
where
    E: FnOnce() -> C + 'static,
    C: Cleanup,
{
    use_effect_erased(
        Rc::new(()),
        |_, _| false,
        Box::new(move |_: &dyn Any| effect().into_boxed()),
    )
}

/// The one instance of the effect machinery (see above):
/// `same` compares two dependency values of the effect's type.
#[hook]
fn use_effect_erased(
    deps: Rc<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
    effect: ErasedEffect,
) {
    let state = use_mut_ref(EffectDeps::default);
    let key = {
        let mut state = state.borrow_mut();
        if state
            .ran_with
            .as_deref()
            .is_some_and(|old| same(old, &*deps))
        {
            // (Also when a render before this one changed them and this one
            // changed them back before the effect ran: as Yew's, no run.)
            state.next = None;
            state.runs
        } else {
            state.next = Some(deps);
            state.runs + 1
        }
    };
    #[allow(clippy::disallowed_methods)] // the one use (see above)
    use_effect_with(key, move |_| {
        // A clone of the Rc, not a borrow held while the effect runs.
        let deps = {
            let mut state = state.borrow_mut();
            state.runs += 1;
            state.ran_with = state.next.take();
            state.ran_with.clone()
        };
        let cleanup = deps.and_then(|deps| effect(&*deps));
        move || {
            if let Some(cleanup) = cleanup {
                cleanup();
            }
        }
    });
}

// --- State -----------------------------------------------------------------
//
// Yew builds `use_state` on `use_reducer`: each use compiled a reducer for
// its type, a dispatcher (a boxed closure) and the reducer hook's state and
// drop code. A component's own value needs a cell that survives the renders
// and a way to ask for the next render, which is one non-generic hook
// (`use_force_update`) for every use. The behaviour is `use_state`'s: the
// handle dereferences to the value of the render it was made in (a callback
// made in that render sees that value, not a later one); `set` stores the
// new value and renders the component again, equal or not.

/// A component's own value, as of one render; [`set`](Self::set) changes it
/// for the next.
pub struct LocalState<T> {
    value: Rc<T>,
    cell: Rc<RefCell<Rc<T>>>,
    render: UseForceUpdateHandle,
}

impl<T> LocalState<T> {
    /// Stores `value` and renders the component again.
    pub fn set(&self, value: T) {
        *self.cell.borrow_mut() = Rc::new(value);
        self.render.force_update();
    }
}

impl<T> Deref for LocalState<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Clone for LocalState<T> {
    fn clone(&self) -> Self {
        Self {
            value: Rc::clone(&self.value),
            cell: Rc::clone(&self.cell),
            render: self.render.clone(),
        }
    }
}

/// A value that lives as long as the component, starting as `init()`. As
/// Yew's `use_state(init)`, which see.
#[hook]
pub fn use_local_state<T: 'static>(init: impl FnOnce() -> T) -> LocalState<T> {
    let cell = use_mut_ref(|| Rc::new(init()));
    let render = use_force_update();
    let value = Rc::clone(&cell.borrow());
    LocalState {
        value,
        cell,
        render,
    }
}

/// A [`NodeRef`] that lives as long as the component. As Yew's
/// `use_node_ref`, which keeps it with `use_state` and so brings a reducer
/// for it into the wasm; a plain reference needs none.
#[hook]
pub fn use_element_ref() -> NodeRef {
    (*use_ref(NodeRef::default)).clone()
}

/// `f(&deps)`, computed again only when `deps` differ (`!=`) from those of
/// the last computation. As Yew's `use_memo(deps, f)`, in one hook instead
/// of two.
#[hook]
pub fn use_memo_on<D, T, F>(deps: D, f: F) -> Rc<T>
where
    D: PartialEq + 'static,
    T: 'static,
    F: FnOnce(&D) -> T,
{
    let memo = use_mut_ref(|| None::<(D, Rc<T>)>);
    let mut memo = memo.borrow_mut();
    if let Some((last, value)) = &*memo {
        if *last == deps {
            return Rc::clone(value);
        }
    }
    // The old value goes before the new one is made (at 64×64 some are
    // large), as in Yew's.
    *memo = None;
    let value = Rc::new(f(&deps));
    *memo = Some((deps, Rc::clone(&value)));
    value
}
