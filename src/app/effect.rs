//! [`use_effect_on`]: Yew's `use_effect_with`, with one copy of its
//! machinery in the wasm instead of one per use.
//!
//! `use_effect_with(deps, effect)` is generic over the dependencies, the
//! effect and what the effect leaves to undo, so each use compiles its own
//! copy of Yew's effect state: its run-after-render logic, its destructor,
//! its type information and its vtables. Measured on the 2026-11-30 build,
//! one use with a one-line effect cost 213 bytes of the shipped gzip, of
//! which the effect itself was a few; the page has seventeen.
//!
//! Here the generic part is only what needs the types: boxing the
//! dependencies and the effect, and comparing two dependency values. Which
//! dependencies the effect last ran with, and when to run it again, is kept
//! by one non-generic hook, [`use_effect_erased`], which asks Yew's
//! `use_effect_with` to run whenever a counter of changes moves: one
//! instance of Yew's machinery for every effect of the page.
//!
//! The behaviour is `use_effect_with`'s: the effect runs after the first
//! render and after each render whose dependencies differ (`!=`) from those
//! it last ran with; what it returns (nothing, or a closure) runs before it
//! runs again and when the component goes. `clippy.toml` disallows
//! `use_effect_with`, so a new effect uses this one.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use yew::functional::Hook;
use yew::prelude::*;

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

/// The dependencies the effect last ran (or will next run) with, and how
/// many times they have changed.
#[derive(Default)]
struct LastDeps {
    deps: Option<Rc<dyn Any>>,
    changes: u64,
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

/// The one instance of the effect machinery (see the module's comment):
/// `same` compares two dependency values of the effect's type.
#[hook]
fn use_effect_erased(
    deps: Rc<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
    effect: ErasedEffect,
) {
    let last = use_mut_ref(LastDeps::default);
    let changes = {
        let mut last = last.borrow_mut();
        if !last.deps.as_deref().is_some_and(|old| same(old, &*deps)) {
            last.deps = Some(deps);
            last.changes += 1;
        }
        last.changes
    };
    #[allow(clippy::disallowed_methods)] // the one use (see the module's comment)
    use_effect_with(changes, move |_| {
        // A clone of the Rc, not a borrow held while the effect runs.
        let deps = RefCell::borrow(&last).deps.clone();
        let cleanup = deps.and_then(|deps| effect(&*deps));
        move || {
            if let Some(cleanup) = cleanup {
                cleanup();
            }
        }
    });
}
