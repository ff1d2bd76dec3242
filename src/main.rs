//! Browser entry point: mounts the explainer into `<body>`.

/// The wasm's allocator: talc, 1.2 KiB gzip smaller than std's dlmalloc and
/// no slower (measured 2026-11-30: 16×16 edits 13.1–13.3 against
/// 15.8–15.9 ms median, 32×32 and 64×64 the same, wasm memory 7.6 against
/// 7.7 MiB at 64×64).
///
/// The one `unsafe` of the project (the library forbids it): talc's
/// lock-free form is sound only where one thread allocates, which holds
/// for wasm32-unknown-unknown built without atomics, as this page is.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    convt::app::start();
}
