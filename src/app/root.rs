//! The root component: owns the one reducer and the effects around it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::embed::{use_resize_messages, use_step_messages};
use super::hooks::{use_effect_on, use_element_ref, use_memo_on};
use super::i18n::Lang;
use super::links::Links;
use super::on_screen::use_lagging;
use super::player::{use_player, use_player_keys};
use super::prefs::{Prefs, Section, Theme};
use super::print::use_print_palette;
use super::state::{Action, State};
use super::url;
use super::Shared;
use crate::components::{
    alert_line::alert_banner, checkerboard::Checkerboard, equivalence::Equivalence, extras::Extras,
    formula::formula, grids::Grids, header::header, matrix_form::MatrixForm, op_switch::op_switch,
    params_panel::ParamsPanel, player::Player,
};
use crate::math::ZeroInsertion;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        // Returning the same Rc lets Yew skip the re-render (0.23).
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Minimum time between two History API writes; browsers throttle or reject
/// faster ones.
const URL_WRITE_INTERVAL_MS: f64 = 250.0;

/// Even a write that is allowed at once waits this long, so that the History
/// API call (several milliseconds in Chromium) falls after the frame that
/// shows the edit rather than inside it.
const URL_WRITE_DELAY_MS: f64 = 40.0;

/// How long a switch of language waits for the strings before it says they
/// could not be loaded (about three times a slow mobile round trip and the
/// 11 KiB).
const LANG_DEADLINE_MS: u32 = 5000;

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Writes the query string at most every [`URL_WRITE_INTERVAL_MS`], always
/// landing the latest state with a trailing write, and never sooner than
/// [`URL_WRITE_DELAY_MS`] after the change.
#[derive(Default)]
struct UrlWriter {
    last_write: f64,
    written: String,
    pending: Option<(String, bool)>,
    timer: Option<Timeout>,
    history_mark: u64,
}

impl UrlWriter {
    fn request(this: &Rc<RefCell<UrlWriter>>, query: String, push: bool) {
        let mut w = this.borrow_mut();
        if w.written == query && w.pending.is_none() {
            return;
        }
        let push = push || w.pending.as_ref().is_some_and(|(_, p)| *p);
        w.pending = Some((query, push));
        let wait = (w.last_write + URL_WRITE_INTERVAL_MS - now_ms()).max(URL_WRITE_DELAY_MS);
        if w.timer.is_none() {
            let handle = Rc::clone(this);
            w.timer = Some(Timeout::new(wait.ceil() as u32, move || {
                handle.borrow_mut().timer = None;
                UrlWriter::flush(&handle);
            }));
        }
    }

    /// Back/forward moved to a history entry whose query is `search`: drops
    /// any pending write (it described the entry just left) and takes the
    /// entry's query as written.
    fn arrived(this: &Rc<RefCell<UrlWriter>>, search: &str) {
        let mut w = this.borrow_mut();
        w.pending = None;
        w.timer = None; // dropping a gloo Timeout cancels it
        w.written = search.trim_start_matches('?').to_string();
    }

    fn flush(this: &Rc<RefCell<UrlWriter>>) {
        let mut w = this.borrow_mut();
        let Some((query, push)) = w.pending.take() else {
            return;
        };
        w.last_write = now_ms();
        if let Some(history) = web_sys::window().and_then(|win| win.history().ok()) {
            let url = format!("?{query}");
            // Errors (e.g. a browser's rate limit, a sandboxed iframe) are
            // ignored: the next write carries the full state anyway.
            let _ = if push {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
        w.written = query;
    }
}

/// The language the page opens in: the URL's, else the browser's.
pub(super) fn initial_lang() -> Lang {
    url::read_lang(&location_search(), browser_lang())
}

fn initial_state() -> State {
    let loaded = url::read(&location_search(), browser_lang());
    State::new(Prefs::default()).apply(Action::Load(Box::new(loaded)))
}

/// What the sections below the player are rendered from; each section that
/// lags keeps its own copy (see `use_lagging`).
#[derive(Clone, PartialEq)]
struct SectionInputs {
    model: Shared<super::model::Model>,
    derived: Shared<super::model::Derived>,
    links: Shared<Links>,
    position: usize,
    prefs: Prefs,
}

/// The wrapper `use_lagging` watches: empty while its section is not
/// `shown`, else the section or, before the section first renders, an empty
/// stand-in of about its height.
fn lagging_slot(node: &NodeRef, shown: bool, section: Option<Html>) -> Html {
    let content = match (shown, section) {
        (false, _) => html! {},
        (true, Some(section)) => section,
        (true, None) => html! { <section class="section pending" aria-hidden="true"></section> },
    };
    html! { <div class="lagging" ref={node.clone()}>{ content }</div> }
}

/// Puts the language, the theme and the embed flag on `<html>`, and the
/// page's heading, in its language, in the document's title.
fn set_root_attributes(prefs: Prefs) {
    let document = gloo::utils::document();
    document.set_title(prefs.lang.strings().title());
    let Some(root) = document.document_element() else {
        return;
    };
    let _ = root.set_attribute("lang", prefs.lang.tag());
    // `data-embed="1"` on <html> tells a course page's own scripts (and the
    // tests) that the page runs embedded.
    let _ = if prefs.embed {
        root.set_attribute("data-embed", "1")
    } else {
        root.remove_attribute("data-embed")
    };
    let _ = match prefs.theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        t => root.set_attribute("data-theme", t.word()),
    };
}

/// The explainer page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = state.dispatcher();
    let writer = use_mut_ref(UrlWriter::default);

    // The HTML loading state goes in the first render itself, with the
    // app's first DOM. From an effect it could outlive the first frame if
    // Yew yielded to the browser before the effects (it does after 16 ms of
    // work; `super::start` keeps the first render from yielding, but the
    // loading state need not depend on that), and the page would jump when
    // it went.
    use_mut_ref(|| {
        if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
            boot.remove();
        }
    });

    // First render: follow back/forward.
    {
        let dispatch = dispatch.clone();
        let writer = Rc::clone(&writer);
        use_effect_on((), move |_| {
            // Children's effects (canvas drawing) have run by now: every grid,
            // matrix and plot of the first render is on screen. `make bench`
            // measures load-to-render up to this mark.
            if let Some(perf) = gloo::utils::window().performance() {
                let _ = perf.mark("convt:rendered");
            }
            let listener = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let search = location_search();
                // The page now shows another history entry: a write still
                // pending for the previous state must not land on it.
                UrlWriter::arrived(&writer, &search);
                let loaded = url::read(&search, browser_lang());
                dispatch.dispatch(Action::Load(Box::new(loaded)));
            });
            move || drop(listener)
        });
    }

    // Language and theme live on <html> so CSS and screen readers see them.
    // Set while rendering (a memo runs when the prefs change), not in an
    // effect: the canvases draw in their own effects, which run before this
    // component's, with the theme's colours read from CSS.
    use_memo_on(state.prefs, |prefs| set_root_attributes(*prefs));

    // The URL always holds the full state.
    {
        // Formatting the grids is the costly part: once per model, not on
        // every hover.
        let model_part = use_memo_on(Shared(Rc::clone(&state.model)), |m| url::write_model(m));
        let query = url::write_with(&model_part, &state);
        let mark = state.history_mark;
        let writer = Rc::clone(&writer);
        use_effect_on((query, mark), move |(query, mark)| {
            let push = {
                let mut w = writer.borrow_mut();
                let first = w.written.is_empty();
                let push = !first && w.history_mark != *mark;
                w.history_mark = *mark;
                if first {
                    // The first write only normalises the URL the page was opened with.
                    w.written = location_search().trim_start_matches('?').to_string();
                }
                push
            };
            UrlWriter::request(&writer, query.clone(), push);
        });
    }

    // A language asked for (the switch, back/forward) whose strings are not
    // here yet: fetch them, then let the reducer show it or say it failed.
    {
        let dispatch = dispatch.clone();
        use_effect_on(state.lang_wanted, move |wanted| {
            if let Some(lang) = *wanted {
                super::translations::load_within(
                    lang,
                    LANG_DEADLINE_MS,
                    Box::new(move |loaded| dispatch.dispatch(Action::LangLoaded(lang, loaded))),
                );
            }
        });
    }

    use_print_palette();
    use_player(state.playing, state.speed, dispatch.clone());
    use_resize_messages();
    use_step_messages(state.position, state.steps());
    {
        // `autoplay=1` starts the player once, on load.
        let dispatch = dispatch.clone();
        let autoplay = state.prefs.autoplay;
        use_effect_on((), move |_| {
            if autoplay {
                dispatch.dispatch(Action::Play);
            }
        });
    }
    use_player_keys(dispatch.clone(), state.playing, state.steps());

    let derived = Shared(Rc::clone(&state.derived));
    let model = Shared(Rc::clone(&state.model));
    let step = (!state.finished()).then_some(state.position);
    let links = {
        let focus = state.focus();
        let zero_step =
            step.filter(|_| focus.is_none() && derived.zero_stepping(state.prefs.stepping));
        let zero = use_memo_on(
            (derived.clone(), model.clone(), zero_step.is_some()),
            |(d, m, on)| on.then(|| ZeroInsertion::new(&d.geometry, &m.input, &m.kernel)),
        );
        use_memo_on(
            (derived.clone(), focus, step, zero),
            |(d, focus, step, zero)| match (zero.as_ref(), zero_step) {
                (Some(z), Some(k)) => Links::of_zero_step(&d.geometry, z, k),
                _ => Links::of(&d.geometry, &d.matrix, *focus, *step),
            },
        )
    };
    let links = Shared(links);
    let prefs = state.prefs;
    let t = prefs.lang.strings();
    let section = prefs.section;

    // The sections below the player render only what can be seen: far from
    // the screen they keep what they last rendered and catch up when changes
    // pause (see `use_lagging`). C and Cᵀ are part of the first frame; the
    // others, unless shown alone, follow it.
    let alone = section != Section::All;
    let inputs = SectionInputs {
        model: model.clone(),
        derived: derived.clone(),
        links: links.clone(),
        position: state.position,
        prefs,
    };
    let matrix_node = use_element_ref();
    let matrix = use_lagging(matrix_node.clone(), inputs.clone(), true);
    let equivalence_node = use_element_ref();
    let equivalence = use_lagging(equivalence_node.clone(), inputs.clone(), alone);
    let checkerboard_node = use_element_ref();
    let checkerboard = use_lagging(checkerboard_node.clone(), inputs.clone(), alone);
    let extras_node = use_element_ref();
    let extras = use_lagging(extras_node.clone(), inputs, alone);

    html! {
        <div CLASS={if prefs.embed { "app embed" } else { "app" }}>
            if !prefs.embed {
                { header(prefs, state.lang_wanted.is_some(), &dispatch) }
            }
            <main id="main">
                if prefs.embed {
                    // Embeds drop the visible header but keep the page's heading.
                    <h1 class="sr-only">{ t.title() }</h1>
                }
                { alert_banner(prefs.lang, &state.alerts, &dispatch) }
                if !prefs.hide_controls {
                    <div class="controls">
                        { op_switch(
                            state.model.op,
                            state.model.kernel.len(),
                            prefs.lang,
                            state.alert(super::state::Control::Op),
                            &dispatch,
                        ) }
                        <ParamsPanel
                            model={model.clone()}
                            lang={prefs.lang}
                            alerts={state.alerts.clone()}
                            readonly={prefs.readonly}
                            can_undo={!state.undo.is_empty()}
                            can_redo={!state.redo.is_empty()}
                            dispatch={dispatch.clone()} />
                    </div>
                }
                if section.shows(Section::Grids) {
                    <Grids
                        model={model.clone()}
                        derived={derived.clone()}
                        links={links.clone()}
                        position={state.position}
                        stepping={prefs.stepping}
                        lang={prefs.lang}
                        readonly={prefs.readonly}
                        alerts={state.alerts.clone()}
                        dispatch={dispatch.clone()} />
                    <Player
                        model={model.clone()}
                        derived={derived.clone()}
                        position={state.position}
                        playing={state.playing}
                        speed={state.speed}
                        focus={state.focus()}
                        prefs={prefs}
                        lang={prefs.lang}
                        dispatch={dispatch.clone()} />
                    { formula(state.derived.geometry, prefs.lang) }
                }
                // The slots stay in the page when their section is hidden
                // (`section=`), so each observer keeps watching one element.
                { lagging_slot(&matrix_node, section.shows(Section::Matrix), matrix.map(|i| html! {
                    <MatrixForm model={i.model} derived={i.derived} links={i.links}
                        position={i.position} lang={i.prefs.lang} theme={i.prefs.theme} dispatch={dispatch.clone()} />
                })) }
                { lagging_slot(&equivalence_node, section.shows(Section::Equivalence), equivalence.map(|i| html! {
                    <Equivalence model={i.model} derived={i.derived} links={i.links}
                        lang={i.prefs.lang} dispatch={dispatch.clone()} />
                })) }
                { lagging_slot(&checkerboard_node, section.shows(Section::Checkerboard), checkerboard.map(|i| html! {
                    <Checkerboard model={i.model} derived={i.derived} prefs={i.prefs} dispatch={dispatch.clone()} />
                })) }
                { lagging_slot(&extras_node, section.shows(Section::Extras), extras.map(|i| html! {
                    <Extras model={i.model} derived={i.derived} lang={i.prefs.lang}
                        readonly={i.prefs.readonly} dispatch={dispatch.clone()} />
                })) }
            </main>
            if !prefs.embed {
                <footer class="footer"><p>{ t.footer() }</p></footer>
            }
        </div>
    }
}
