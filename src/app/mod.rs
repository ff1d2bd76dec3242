//! The single-page app: state (one reducer), URL state, linked highlighting
//! and the root component that wires effects (URL writer, history, theme,
//! language) around the views in `crate::components`.

pub mod adjoint;
pub mod caption;
pub mod codegen;
pub mod embed;
pub mod export;
pub mod i18n;
pub mod links;
pub mod model;
pub mod on_screen;
pub mod panic;
pub mod player;
pub mod prefs;
pub mod presets;
pub mod print;
pub mod state;
pub mod url;
pub mod value;

mod root;
mod shared;

pub use root::App;
pub use shared::Shared;

/// The reducer's dispatcher: compared by pointer, so it is a cheap prop that
/// never causes a re-render by itself.
pub type Dispatch = yew::functional::UseReducerDispatcher<state::State>;

/// Mounts the app into `<body>` (called by the binary's `main`).
pub fn start() {
    panic::install();
    yew::Renderer::<App>::new().render();
}
