//! The player: start, back, play/pause, forward, end, a scrubber over all
//! positions, speed, and the step caption in an `aria-live` region.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::hint;
use crate::app::hooks::use_memo_on;
use crate::app::Dispatch;

use crate::app::caption::{breakdown, step_caption, zero_caption};
use crate::app::i18n::{fill, Lang};
use crate::app::model::{Derived, Model};
use crate::app::prefs::{Prefs, Stepping};
use crate::app::state::{Action, CellRef};
use crate::app::value::format_exact;
use crate::app::Shared;
use crate::math::{Op, ZeroInsertion};

use super::icon::{icon, IconName};
use super::step_detail::{step_detail, zero_detail};

/// Speeds offered (multipliers of the base rate).
const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

/// Props of [`Player`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlayerProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Its timeline.
    pub derived: Shared<Derived>,
    /// Position, `0..=steps`.
    pub position: usize,
    /// Whether playing.
    pub playing: bool,
    /// Speed multiplier.
    pub speed: f64,
    /// The focused cell (for the "29 = 8 + 21" breakdown).
    pub focus: Option<CellRef>,
    /// Stepping mode and the rest of the preferences.
    pub prefs: Prefs,
    /// Interface language.
    pub lang: Lang,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Player controls and caption.
#[component]
pub fn Player(props: &PlayerProps) -> Html {
    let t = props.lang.strings();
    let stepping = props.prefs.stepping;
    let zero_mode = props.derived.zero_stepping(stepping);
    let steps = props.derived.steps(stepping);
    // Zero-insertion stepping reads the padded grid and the flipped kernel.
    let zero = use_memo_on(
        (props.model.clone(), props.derived.clone(), zero_mode),
        |(m, d, on)| on.then(|| ZeroInsertion::new(&d.geometry, &m.input, &m.kernel)),
    );
    let position = props.position.min(steps);
    let finished = position >= steps;
    let act = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let on_scrub = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                if let Ok(p) = input.value().parse::<usize>() {
                    dispatch.dispatch(Action::Seek(p));
                }
            }
        })
    };
    let on_speed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Ok(s) = crate::app::value::parse_value(&select.value()) {
                    dispatch.dispatch(Action::SetSpeed(s));
                }
            }
        })
    };
    let caption = use_memo_on(
        (
            props.model.clone(),
            props.derived.clone(),
            position,
            props.lang,
            zero.clone(),
        ),
        |(m, d, p, lang, zero)| match zero.as_ref() {
            Some(z) => zero_caption(*lang, d, z, *p),
            None => step_caption(*lang, m, d, *p),
        },
    );
    let detail = match props.focus {
        Some(CellRef::Output(cell)) => {
            breakdown(props.lang, &props.model, &props.derived, cell, position)
        }
        _ => None,
    };
    let status = if finished {
        t.finished().to_string()
    } else {
        fill(
            t.position_of(),
            &[("step", &(position + 1)), ("steps", &steps)],
        )
    };
    // While playing fast, narrate only the position, not every sentence.
    let narrate_full = !props.playing || props.speed <= 1.0;
    html! {
        <section class="section player" aria-labelledby="player-heading"
            data-player="" data-step={position.to_string()} data-steps={steps.to_string()}>
            <h2 id="player-heading">{ t.player_heading() }</h2>
            <div class="player-controls" role="group" aria-label={t.player_heading()}>
                { icon_button("start", t.go_start(), IconName::Start, position == 0, act(Action::Seek(0))) }
                { icon_button("back", t.step_back(), IconName::Back, position == 0, act(Action::StepBy(-1))) }
                if props.playing {
                    <button type="button" class="button primary play" data-action="pause" onclick={act(Action::Pause)}>{ icon(IconName::Pause) }{ t.pause() }</button>
                } else {
                    <button type="button" class="button primary play" data-action="play" disabled={steps == 0} onclick={act(Action::Play)}>{ icon(IconName::Play) }{ t.play() }</button>
                }
                { icon_button("forward", t.step_forward(), IconName::Forward, finished, act(Action::StepBy(1))) }
                { icon_button("end", t.go_end(), IconName::End, finished, act(Action::Seek(steps))) }
                <label class="scrubber">
                    <span class="sr-only">{ t.scrubber() }</span>
                    <input type="range" min="0" max={steps.to_string()} step="1" value={position.to_string()}
                        data-control="scrubber" aria-valuetext={status.clone()} oninput={on_scrub} />
                </label>
                <label class="speed">
                    <span>{ t.speed() }</span>
                    <select data-control="speed" onchange={on_speed}>
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={format_exact(*s)} selected={(*s - props.speed).abs() < 1e-9}>{ format!("{}×", format_exact(*s)) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if props.model.op == Op::ConvTranspose2d {
                { stepping_switch(props.prefs, &props.dispatch) }
            }
            <p class="player-status">{ status.clone() }</p>
            <p class="caption" aria-live="polite" data-caption="">
                { if narrate_full { (*caption).clone() } else { status } }
            </p>
            if let Some(detail) = detail {
                <p class="breakdown" data-breakdown="">{ detail }</p>
            }
            { match zero.as_ref() {
                Some(z) => zero_detail(z, &props.derived, position, props.lang, &props.dispatch),
                None => step_detail(&props.model, &props.derived, position, props.lang, &props.dispatch),
            } }
            { hint(t.shortcuts()) }
        </section>
    }
}

/// One of the player's icon buttons, named in words (label and tooltip).
fn icon_button(
    action: &'static str,
    label: &'static str,
    name: IconName,
    disabled: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" class="button icon" data-action={action} aria-label={label} title={label}
            {disabled} {onclick}>{ icon(name) }</button>
    }
}

/// Scatter or zero-insertion stepping (transposed convolution only).
fn stepping_switch(prefs: Prefs, dispatch: &Dispatch) -> Html {
    let t = prefs.lang.strings();
    let choice = |stepping: Stepping, label: &'static str| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |_| {
            dispatch.dispatch(Action::SetPrefs(Prefs { stepping, ..prefs }))
        });
        html! {
            <label class="stepping-choice">
                <input type="radio" name="stepping" value={stepping.word()} checked={prefs.stepping == stepping} {onchange} />
                <span>{ label }</span>
            </label>
        }
    };
    html! {
        <fieldset class="stepping" data-control="stepping">
            <legend>{ t.stepping_label() }</legend>
            { choice(Stepping::Direct, t.stepping_direct()) }
            { choice(Stepping::ZeroInsertion, t.stepping_zero()) }
        </fieldset>
    }
}
