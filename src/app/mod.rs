//! The single-page app: state (one reducer), URL state, linked highlighting
//! and the root component that wires effects (URL writer, history, theme,
//! language) around the views in `crate::components`.

pub mod adjoint;
pub mod caption;
pub mod codegen;
pub mod embed;
pub mod export;
pub mod hooks;
pub mod i18n;
pub mod links;
pub mod model;
pub mod on_screen;
pub mod panic;
pub mod player;
pub mod prefs;
pub mod presets;
pub mod print;
pub mod promise;
pub mod state;
pub mod translations;
pub mod url;
pub mod value;

use std::future::Future as _;
use std::pin::pin;
use std::task::{Context, Waker};

mod root;
mod shared;

pub use root::App;
pub use shared::Shared;

/// The reducer's dispatcher: compared by pointer, so it is a cheap prop that
/// never causes a re-render by itself.
pub type Dispatch = yew::functional::UseReducerDispatcher<state::State>;

/// Mounts the app into `<body>` (called by the binary's `main`), and runs
/// the first render and its effects before returning; or, when the page
/// opens in a language whose strings are fetched (Chinese), once they are
/// here, so that the first render is already in that language.
pub fn start() {
    panic::install();
    let lang = root::initial_lang();
    if lang.is_ready() {
        mount();
    } else {
        // static/loader.js started this fetch alongside the wasm's, so the
        // wait is mostly over. If it fails, or has not ended after
        // START_LANG_WAIT_MS, the page opens in English and the root
        // component, which fetches what the state still wants, tries once
        // more and then says so.
        translations::load_within(lang, START_LANG_WAIT_MS, Box::new(|_| mount()));
    }
}

/// How long the loading state waits for the strings of the language the page
/// opens in, after the wasm has started.
const START_LANG_WAIT_MS: u32 = 2000;

fn mount() {
    yew::Renderer::<App>::new().render();
    finish_first_render();
}

/// Runs everything Yew has scheduled, to the end, now.
///
/// Left to itself, Yew renders in a microtask and yields to the browser
/// once it has worked for 16 ms, before the effects. The first render takes
/// longer than that (30–40 ms here: the wasm's functions are compiled on
/// their first call), so the browser laid out and painted a page whose
/// effects had not run (canvases blank, sections not yet given their
/// props), then laid it out again after them: the first complete frame
/// came one frame and one cold layout later (about 35 ms to the render
/// mark). At start nothing waits for input yet, so nothing is lost by not
/// yielding. Later renders keep Yew's yielding.
///
/// `yew::scheduler::flush` (behind Yew's `test` feature, which adds only
/// this and its loop to the wasm: 0.4 KiB gzip) drains the scheduler
/// synchronously on its first poll; its future is then dropped, as nothing
/// needs to wait on it.
fn finish_first_render() {
    let mut flush = pin!(yew::scheduler::flush());
    let _ = flush.as_mut().poll(&mut Context::from_waker(Waker::noop()));
}
