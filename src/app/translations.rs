//! Fetches a language's strings when the page first needs them.
//!
//! The Chinese text is not in the wasm (see `super::i18n`): the release
//! build ships it as `strings-zh-<hash>.txt` and names it in the loader's
//! `data-zh` attribute (scripts/hash-strings.mjs). When the page opens in
//! Chinese, static/loader.js has already started fetching it (a preload,
//! alongside the wasm), so this fetch is answered from that one.
//!
//! A fetch can hang (a stalled connection) far longer than anyone waits, so
//! [`load_within`] gives up after a deadline: the page then opens, or stays,
//! in English and says so, and a late arrival is still installed for the
//! next switch.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;

use super::i18n::{install_zh, Lang};
use super::promise::when_settled;

/// The file of the Chinese strings, relative to the page: the loader's
/// `data-zh`, or the unhashed name of a build that has not hashed it.
fn zh_file() -> String {
    gloo::utils::document()
        .query_selector("script[data-zh]")
        .ok()
        .flatten()
        .and_then(|script| script.get_attribute("data-zh"))
        .unwrap_or_else(|| "strings-zh.txt".to_string())
}

/// Runs [`load`] and calls `done` with its outcome, or with an error once
/// `deadline_ms` have passed, whichever comes first; a failure is also
/// logged to the console (for whoever hosts the page: a missing file, a
/// refused request).
///
/// (`done` is boxed: one copy of this in the wasm for both callers.)
pub fn load_within(lang: Lang, deadline_ms: u32, done: Box<dyn FnOnce(bool)>) {
    let done = Rc::new(Cell::new(Some(done)));
    let finish = move |outcome: Result<(), String>| {
        if let Some(done) = done.take() {
            if let Err(reason) = &outcome {
                web_sys::console::warn_1(&format!("convt: {reason}").into());
            }
            done(outcome.is_ok());
        }
    };
    let on_time = finish.clone();
    load(lang, Box::new(on_time));
    Timeout::new(deadline_ms, move || {
        finish(Err("the strings did not arrive in time".to_string()))
    })
    .forget();
}

/// Makes `lang`'s strings ready, fetching and installing them unless they
/// are here already, then calls `then` with the outcome: `Ok`, or a message
/// for the console (the fetch failed or was refused, or the file is not
/// this build's, `i18n::StringsError`).
pub fn load(lang: Lang, then: Box<dyn FnOnce(Result<(), String>)>) {
    if lang.is_ready() {
        return then(Ok(()));
    }
    let file = zh_file();
    fetch_text(
        file.clone(),
        Box::new(move |text| {
            // The strings live as long as the page: the text is kept, once.
            // (A file that is refused is kept too: one per failed attempt,
            // which needs a host serving the wrong file.)
            then(text.and_then(|text| {
                install_zh(Box::leak(text.into_boxed_str()))
                    .map_err(|_| format!("{file}: not this page's strings file"))
            }))
        }),
    );
}

/// Fetches `file` as text, then calls `then` with it or with why not.
fn fetch_text(file: String, then: Box<dyn FnOnce(Result<String, String>)>) {
    let response = gloo::utils::window().fetch_with_str(&file);
    let failed = move |why: &str| Err(format!("{file}: {why}"));
    when_settled(
        &response,
        Box::new(move |response| {
            let Ok(response) = response else {
                return then(failed("the request failed"));
            };
            let response: web_sys::Response = response.unchecked_into();
            if !response.ok() {
                return then(failed(&format!("HTTP {}", response.status())));
            }
            let Ok(text) = response.text() else {
                return then(failed("the request failed"));
            };
            when_settled(
                &text,
                Box::new(move |text| {
                    then(match text.map(|t| t.as_string()) {
                        Ok(Some(text)) => Ok(text),
                        Ok(None) => failed("not text"),
                        Err(_) => failed("the request failed"),
                    })
                }),
            );
        }),
    );
}
