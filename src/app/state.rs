//! The page's one state and its reducer.
//!
//! [`State::apply`] is a pure function of the previous state and an
//! [`Action`]: no DOM, no timers, no URL writes (effects in `app::mod` do
//! those), so every transition is tested natively. A refused change leaves
//! the model untouched and records an [`Alert`] next to the control it came
//! from.

use std::rc::Rc;

use super::i18n::Lang;
use super::model::{resized, Derived, Model};
use super::prefs::Prefs;
use super::presets::Preset;
use super::value::ValueError;
use crate::math::caps::MAX_INPUT;
use crate::math::{
    output_padding_for, restoring_output_padding, transposed_output_range, Axis, ConvParams, Grid,
    Op, Pair, ParamError, Role,
};

/// Undo keeps at most this many earlier models.
const UNDO_DEPTH: usize = 100;

/// Slowest and fastest playback speed (steps per second at 1× is
/// [`BASE_STEPS_PER_SECOND`]).
pub const SPEED_RANGE: (f64, f64) = (0.25, 4.0);
/// Steps per second at speed 1×.
pub const BASE_STEPS_PER_SECOND: f64 = 1.5;

/// A parameter with one value per axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamKind {
    /// Input height and width (resizes the input grid).
    InputSize,
    /// Kernel height and width (resizes the kernel).
    KernelSize,
    /// Stride.
    Stride,
    /// Padding.
    Padding,
    /// output_padding (transposed convolution only).
    OutputPadding,
    /// Dilation.
    Dilation,
}

impl ParamKind {
    /// Every parameter, in the order the panel shows them.
    pub const ALL: [ParamKind; 6] = [
        ParamKind::InputSize,
        ParamKind::KernelSize,
        ParamKind::Stride,
        ParamKind::Padding,
        ParamKind::OutputPadding,
        ParamKind::Dilation,
    ];

    /// Stable name: the URL parameter, and `data-param` in the page.
    pub fn id(self) -> &'static str {
        match self {
            ParamKind::InputSize => "input",
            ParamKind::KernelSize => "kernel",
            ParamKind::Stride => "stride",
            ParamKind::Padding => "padding",
            ParamKind::OutputPadding => "output_padding",
            ParamKind::Dilation => "dilation",
        }
    }

    /// The current value of this parameter in `model`.
    pub fn read(self, model: &Model) -> Pair {
        match self {
            ParamKind::InputSize => model.input.shape(),
            ParamKind::KernelSize => model.kernel.shape(),
            _ => self.of_params(&model.params),
        }
    }

    /// This parameter's value in `p`; the two sizes are not parameters of
    /// `ConvParams` and read as (0, 0).
    pub fn of_params(self, p: &ConvParams) -> Pair {
        match self {
            ParamKind::Stride => p.stride,
            ParamKind::Padding => p.padding,
            ParamKind::OutputPadding => p.output_padding,
            ParamKind::Dilation => p.dilation,
            ParamKind::InputSize | ParamKind::KernelSize => Pair::default(),
        }
    }

    /// Sets this parameter in `p`; the two sizes are left to the caller
    /// (they resize a grid).
    pub fn set_in(self, p: &mut ConvParams, value: Pair) {
        match self {
            ParamKind::Stride => p.stride = value,
            ParamKind::Padding => p.padding = value,
            ParamKind::OutputPadding => p.output_padding = value,
            ParamKind::Dilation => p.dilation = value,
            ParamKind::InputSize | ParamKind::KernelSize => {}
        }
    }

    /// The parameter a validation error is about, so the alert lands next to it.
    pub fn blamed_by(error: &ParamError) -> Option<ParamKind> {
        use ParamError as E;
        Some(match error {
            E::EmptyInput { .. } | E::InputTooLarge { .. } => ParamKind::InputSize,
            E::EmptyKernel { .. } | E::KernelTooLarge { .. } => ParamKind::KernelSize,
            E::ZeroStride { .. } | E::StrideTooLarge { .. } => ParamKind::Stride,
            E::ZeroDilation { .. } | E::DilationTooLarge { .. } => ParamKind::Dilation,
            E::PaddingTooLarge { .. } => ParamKind::Padding,
            E::OutputPaddingTooLarge { .. } => ParamKind::OutputPadding,
            _ => return None,
        })
    }
}

/// Where an alert is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    /// Next to one parameter's control.
    Param(ParamKind),
    /// Next to a grid (a refused cell edit).
    Grid(Role),
    /// Next to the operation switch.
    Op,
    /// In the banner above the controls: refused URL parameters, and a
    /// language that could not be loaded.
    Url,
}

/// A message about a refused change; translated when rendered.
#[derive(Clone, Debug, PartialEq)]
pub enum Alert {
    /// The parameters would be invalid.
    Param(ParamError),
    /// Typed text that is not an acceptable number.
    Value(ValueError),
    /// An output size that no output_padding can give.
    OutputSize {
        /// The axis.
        axis: Axis,
        /// Smallest reachable size.
        min: usize,
        /// Largest reachable size.
        max: usize,
    },
    /// The language asked for could not be loaded; the page stays in the
    /// one it shows.
    LangUnavailable,
    /// A URL parameter was refused and took its default.
    UrlParam {
        /// The parameter's name as written in the URL.
        name: &'static str,
        /// Why it was refused.
        reason: UrlReason,
    },
}

/// Why a URL parameter was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum UrlReason {
    /// Its text did not parse.
    Value(ValueError),
    /// It parsed but made the combination invalid.
    Param(ParamError),
    /// Not one of the allowed words.
    UnknownWord,
}

/// A cell of one of the views, used for linked highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellRef {
    /// A cell of the input x.
    Input(Pair),
    /// A weight of the kernel w.
    Kernel(Pair),
    /// A cell of the output y.
    Output(Pair),
    /// An entry of C at (row, column) — Cᵀ's entries name the same one.
    Entry {
        /// Row of C.
        row: usize,
        /// Column of C.
        col: usize,
    },
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct State {
    /// The current (valid) problem.
    pub model: Rc<Model>,
    /// Output, C and timeline for `model`.
    pub derived: Rc<Derived>,
    /// Animation position, `0..=steps`; `steps` means finished.
    pub position: usize,
    /// Whether the player is running.
    pub playing: bool,
    /// Playback speed multiplier within [`SPEED_RANGE`].
    pub speed: f64,
    /// The hovered or keyboard-focused cell.
    pub hover: Option<CellRef>,
    /// The cell pinned by a click.
    pub pinned: Option<CellRef>,
    /// Messages next to the controls whose change was refused.
    pub alerts: Vec<(Control, Alert)>,
    /// Earlier models, for undo.
    pub undo: Vec<Rc<Model>>,
    /// Undone models, for redo.
    pub redo: Vec<Rc<Model>>,
    /// Language, theme, embed options.
    pub prefs: Prefs,
    /// Bumped by changes that deserve their own browser-history entry
    /// (operation, preset); the URL writer pushes instead of replacing then.
    pub history_mark: u64,
    /// A language asked for whose strings are still being fetched; until
    /// they arrive `prefs.lang` stays the language shown (see
    /// [`State::wait_for_lang`]).
    pub lang_wanted: Option<Lang>,
}

/// Equality by identity of the shared parts: cheap, and exact for a state
/// that only ever changes by replacing its `Rc`s.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model)
            && Rc::ptr_eq(&self.derived, &other.derived)
            && self.position == other.position
            && self.playing == other.playing
            && self.speed == other.speed
            && self.hover == other.hover
            && self.pinned == other.pinned
            && self.alerts == other.alerts
            && self.undo.len() == other.undo.len()
            && self.redo.len() == other.redo.len()
            && self.prefs == other.prefs
            && self.history_mark == other.history_mark
            && self.lang_wanted == other.lang_wanted
    }
}

/// Everything that can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch between conv2d and conv_transpose2d.
    SetOp(Op),
    /// Set one parameter on both axes (or one axis when unlinked).
    SetParam(ParamKind, Pair),
    /// Set the output size directly (transposed mode): picks output_padding.
    SetOutputSize(Pair),
    /// Commit a typed value into a cell of the input or kernel.
    EditCell(Role, Pair, f64),
    /// Typed text was refused by the parser before reaching the reducer.
    RefuseValue(Control, ValueError),
    /// Dismiss the alert shown at a control.
    ClearAlert(Control),
    /// Load a preset.
    Preset(Preset),
    /// Fill input and kernel with small random integers from this seed.
    Randomize(u64),
    /// Back to the article's example.
    Reset,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Jump to a position (clamped to `0..=steps`).
    Seek(usize),
    /// Step forwards (positive) or backwards (negative), clamped.
    StepBy(i64),
    /// Start playing (from the start when finished).
    Play,
    /// Pause.
    Pause,
    /// Advance one step while playing; stops at the end.
    Advance,
    /// Set playback speed (clamped to [`SPEED_RANGE`]).
    SetSpeed(f64),
    /// Hover or keyboard focus moved.
    Hover(Option<CellRef>),
    /// Click: pin (or unpin, if already pinned) a cell.
    TogglePin(CellRef),
    /// Escape: clear pinned and hovered highlights.
    ClearFocus,
    /// Change language, theme or view options.
    SetPrefs(Prefs),
    /// Replace everything with a state read from the URL (load, back/forward).
    Load(Box<Loaded>),
    /// The fetch of a language's strings ended: installed (`true`) or failed.
    LangLoaded(Lang, bool),
}

/// A state read from the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The model (already valid: refused parameters took their defaults).
    pub model: Model,
    /// The animation position, if the URL named one.
    pub step: Option<usize>,
    /// Playback speed.
    pub speed: f64,
    /// View preferences.
    pub prefs: Prefs,
    /// Messages about refused parameters.
    pub alerts: Vec<Alert>,
}

impl State {
    /// The page as it opens without parameters: the article's example, finished.
    pub fn new(prefs: Prefs) -> State {
        State::from_model(Rc::new(Model::article(Op::ConvTranspose2d)), prefs)
    }

    /// A fresh state showing `model`, finished, with nothing highlighted.
    pub fn from_model(model: Rc<Model>, prefs: Prefs) -> State {
        let derived = Rc::new(Derived::new(&model, None));
        State {
            position: derived.steps(prefs.stepping),
            model,
            derived,
            playing: false,
            speed: 1.0,
            hover: None,
            pinned: None,
            alerts: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            prefs,
            history_mark: 0,
            lang_wanted: None,
        }
    }

    /// Number of animation steps.
    pub fn steps(&self) -> usize {
        self.derived.steps(self.prefs.stepping)
    }

    /// Whether the animation is at its finished position.
    pub fn finished(&self) -> bool {
        self.position >= self.steps()
    }

    /// The cell whose connections are highlighted: pinned, else hovered.
    pub fn focus(&self) -> Option<CellRef> {
        self.pinned.or(self.hover)
    }

    /// The alert shown at `control`, if any.
    pub fn alert(&self, control: Control) -> Option<&Alert> {
        self.alerts
            .iter()
            .find(|(c, _)| *c == control)
            .map(|(_, a)| a)
    }

    /// The reducer: the next state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        match action {
            Action::SetOp(op) => next.switch_op(op),
            Action::SetParam(kind, value) => {
                let control = Control::Param(kind);
                match self.with_param(kind, value) {
                    Ok(model) => next.commit(model, control),
                    Err(e) => next.set_alert(control, Alert::Param(e)),
                }
            }
            Action::SetOutputSize(size) => {
                let control = Control::Param(ParamKind::OutputPadding);
                match self.with_output_size(size) {
                    Ok(model) => next.commit(model, control),
                    Err(alert) => next.set_alert(control, alert),
                }
            }
            Action::EditCell(role, cell, value) => {
                let control = Control::Grid(role);
                let m = &self.model;
                let mut input = m.input.clone();
                let mut kernel = m.kernel.clone();
                let grid = match role {
                    Role::Input => &mut input,
                    Role::Kernel => &mut kernel,
                };
                if cell.h < grid.rows() && cell.w < grid.cols() {
                    grid.set(cell.h, cell.w, value);
                    match Model::try_new(m.op, input, kernel, m.params) {
                        Ok(model) => next.commit(model, control),
                        Err(e) => next.set_alert(control, Alert::Param(e)),
                    }
                }
            }
            Action::RefuseValue(control, e) => next.set_alert(control, Alert::Value(e)),
            Action::ClearAlert(control) => next.alerts.retain(|(c, _)| *c != control),
            Action::Preset(preset) => {
                let model = preset.model(self.model.op);
                next.commit(model, Control::Op);
                next.history_mark += 1;
            }
            Action::Randomize(seed) => {
                let model = randomized(&self.model, seed);
                next.commit(model, Control::Op);
            }
            Action::Reset => {
                next.commit(Model::article(self.model.op), Control::Op);
                next.alerts.clear();
            }
            Action::Undo => {
                if let Some(model) = next.undo.pop() {
                    next.redo.push(Rc::clone(&self.model));
                    next.install(model);
                }
            }
            Action::Redo => {
                if let Some(model) = next.redo.pop() {
                    next.undo.push(Rc::clone(&self.model));
                    next.install(model);
                }
            }
            Action::Seek(p) => {
                next.position = p.min(self.steps());
                next.playing = self.playing && !next.finished();
            }
            Action::StepBy(delta) => {
                let p = self.position as i64 + delta;
                next.position = p.clamp(0, self.steps() as i64) as usize;
                next.playing = false;
            }
            Action::Play => {
                if self.finished() {
                    next.position = 0;
                }
                next.playing = self.steps() > 0;
            }
            Action::Pause => next.playing = false,
            Action::Advance => {
                if !self.playing {
                    return self.clone();
                }
                next.position = (self.position + 1).min(self.steps());
                next.playing = !next.finished();
            }
            Action::SetSpeed(s) => {
                if s.is_finite() {
                    next.speed = s.clamp(SPEED_RANGE.0, SPEED_RANGE.1);
                }
            }
            Action::Hover(cell) => next.hover = cell,
            Action::TogglePin(cell) => {
                next.pinned = if self.pinned == Some(cell) {
                    None
                } else {
                    Some(cell)
                };
            }
            Action::ClearFocus => {
                next.pinned = None;
                next.hover = None;
            }
            Action::SetPrefs(prefs) => {
                next.prefs = prefs;
                next.wait_for_lang(self.prefs.lang);
                if prefs.stepping != self.prefs.stepping {
                    // A different timeline: open it finished, like a fresh page.
                    next.position = next.steps();
                    next.playing = false;
                }
            }
            Action::LangLoaded(lang, installed) => {
                if self.lang_wanted == Some(lang) {
                    next.lang_wanted = None;
                    next.alerts
                        .retain(|(_, a)| !matches!(a, Alert::LangUnavailable));
                    if installed && lang.is_ready() {
                        next.prefs.lang = lang;
                    } else {
                        next.alerts.push((Control::Url, Alert::LangUnavailable));
                    }
                }
            }
            Action::Load(loaded) => {
                let Loaded {
                    model,
                    step,
                    speed,
                    prefs,
                    alerts,
                } = *loaded;
                let mut fresh = State::from_model(Rc::new(model), prefs);
                fresh.position = step.map_or(fresh.steps(), |s| s.min(fresh.steps()));
                fresh.speed = speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1);
                fresh.alerts = alerts.into_iter().map(|a| (Control::Url, a)).collect();
                fresh.history_mark = self.history_mark;
                fresh.wait_for_lang(self.prefs.lang);
                return fresh;
            }
        }
        next
    }

    /// Keeps showing `shown` (a language whose strings are here) while the
    /// language now in `prefs` is not loaded yet, and records that one as
    /// wanted: the root component fetches it and reports with
    /// [`Action::LangLoaded`]. (Switching the views' `lang` only once the
    /// strings are here keeps every memoised view from rendering, and
    /// keeping, English under a Chinese `lang`.)
    fn wait_for_lang(&mut self, shown: Lang) {
        let wanted = self.prefs.lang;
        if wanted.is_ready() {
            self.lang_wanted = None;
        } else {
            self.lang_wanted = Some(wanted);
            self.prefs.lang = shown;
        }
    }

    /// Replaces the model after a successful edit: records undo, clears the
    /// alert of the control that made it, keeps the animation position where it
    /// still exists.
    fn commit(&mut self, model: Model, control: Control) {
        if model == *self.model {
            self.alerts.retain(|(c, _)| *c != control);
            return;
        }
        self.undo.push(Rc::clone(&self.model));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.install(Rc::new(model));
        self.alerts
            .retain(|(c, _)| *c != control && *c != Control::Url);
    }

    fn install(&mut self, model: Rc<Model>) {
        let was_finished = self.finished();
        let derived = Rc::new(Derived::new(&model, Some(&self.derived)));
        let steps = derived.steps(self.prefs.stepping);
        self.position = if was_finished {
            steps
        } else {
            self.position.min(steps)
        };
        self.playing = self.playing && self.position < steps;
        // A highlighted cell may no longer exist in the new shapes.
        if derived.geometry != self.derived.geometry {
            self.hover = None;
            self.pinned = None;
        }
        self.model = model;
        self.derived = derived;
    }

    fn set_alert(&mut self, control: Control, alert: Alert) {
        self.alerts.retain(|(c, _)| *c != control);
        self.alerts.push((control, alert));
    }

    fn with_param(&self, kind: ParamKind, value: Pair) -> Result<Model, ParamError> {
        let m = &self.model;
        let (mut input, mut kernel, mut params) = (m.input.clone(), m.kernel.clone(), m.params);
        let too_big = |v: Pair, limit: usize| v.h > limit || v.w > limit;
        match kind {
            // Sizes are checked before resizing so no control can allocate a huge grid.
            ParamKind::InputSize => {
                if too_big(value, crate::math::caps::MAX_INPUT) || value.h == 0 || value.w == 0 {
                    return Err(size_error(value, crate::math::caps::MAX_INPUT, true));
                }
                input = resized(&input, value, 1.0);
            }
            ParamKind::KernelSize => {
                if too_big(value, crate::math::caps::MAX_KERNEL) || value.h == 0 || value.w == 0 {
                    return Err(size_error(value, crate::math::caps::MAX_KERNEL, false));
                }
                kernel = resized(&kernel, value, 1.0);
            }
            other => other.set_in(&mut params, value),
        }
        Model::try_new(m.op, input, kernel, params)
    }

    /// Picks output_padding so the transposed output has `size`, like PyTorch's
    /// `output_size=` argument.
    fn with_output_size(&self, size: Pair) -> Result<Model, Alert> {
        let m = &self.model;
        let p = m.params;
        let (i, k) = (m.input.shape(), m.kernel.shape());
        let pick = |axis: Axis| {
            let args = (
                i.get(axis),
                k.get(axis),
                p.stride.get(axis),
                p.padding.get(axis),
                p.dilation.get(axis),
            );
            output_padding_for(size.get(axis), args.0, args.1, args.2, args.3, args.4).ok_or_else(
                || {
                    let (min, max) =
                        transposed_output_range(args.0, args.1, args.2, args.3, args.4)
                            .unwrap_or((0, 0));
                    Alert::OutputSize { axis, min, max }
                },
            )
        };
        let params = ConvParams {
            output_padding: Pair::new(pick(Axis::H)?, pick(Axis::W)?),
            ..p
        };
        Model::try_new(m.op, m.input.clone(), m.kernel.clone(), params).map_err(Alert::Param)
    }

    /// Switching keeps kernel, stride, padding and dilation and takes the
    /// current output as the new input, so both modes show the same
    /// connectivity read in opposite directions.
    fn switch_op(&mut self, op: Op) {
        let m = Rc::clone(&self.model);
        if m.op == op {
            return;
        }
        let input = self.derived.output.clone();
        let mut params = m.params;
        if op == Op::ConvTranspose2d {
            // Choose output_padding so the transposed output regains the
            // convolution input's shape: (in + 2p − d·(k−1) − 1) mod s.
            params.output_padding = restoring_output_padding(&self.derived.geometry);
        }
        let result = if input.rows() > MAX_INPUT || input.cols() > MAX_INPUT {
            let axis = if input.rows() > MAX_INPUT {
                Axis::H
            } else {
                Axis::W
            };
            Err(ParamError::InputTooLarge {
                axis,
                size: input.shape().get(axis),
            })
        } else {
            Model::try_new(op, input, m.kernel.clone(), params)
        };
        match result {
            Ok(model) => {
                self.commit(model, Control::Op);
                self.position = self.steps();
                self.playing = false;
                self.hover = None;
                self.pinned = None;
                self.history_mark += 1;
            }
            Err(e) => self.set_alert(Control::Op, Alert::Param(e)),
        }
    }
}

fn size_error(value: Pair, limit: usize, input: bool) -> ParamError {
    let axis = if value.h == 0 || value.h > limit {
        Axis::H
    } else {
        Axis::W
    };
    let size = value.get(axis);
    match (input, size == 0) {
        (true, true) => ParamError::EmptyInput { axis },
        (true, false) => ParamError::InputTooLarge { axis, size },
        (false, true) => ParamError::EmptyKernel { axis },
        (false, false) => ParamError::KernelTooLarge { axis, size },
    }
}

/// Small random integers (−3 … 5) in input and kernel, from a seed
/// (xorshift64*: deterministic, so tests can pin it).
fn randomized(model: &Model, seed: u64) -> Model {
    let mut s = seed | 1;
    let mut next = || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        (s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % 9
    };
    let mut fill = |g: &Grid| {
        let mut out = g.clone();
        for r in 0..g.rows() {
            for c in 0..g.cols() {
                out.set(r, c, next() as f64 - 3.0);
            }
        }
        out
    };
    let input = fill(&model.input);
    let kernel = fill(&model.kernel);
    Model {
        input,
        kernel,
        ..model.clone()
    }
}

/// Convenience for tests and presets: the default parameters with a stride.
pub fn params_with(stride: usize, padding: usize, dilation: usize) -> ConvParams {
    ConvParams {
        stride: Pair::square(stride),
        padding: Pair::square(padding),
        output_padding: Pair::square(0),
        dilation: Pair::square(dilation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State::new(Prefs::default())
    }

    #[test]
    fn a_language_not_yet_loaded_is_shown_once_it_is() {
        use crate::app::i18n::{forget_zh, install_zh};
        forget_zh();
        let en = state();
        let zh = Prefs {
            lang: Lang::Zh,
            ..en.prefs
        };
        // Asked for: English stays shown, Chinese is wanted.
        let waiting = en.apply(Action::SetPrefs(zh));
        assert_eq!(
            (waiting.prefs.lang, waiting.lang_wanted),
            (Lang::En, Some(Lang::Zh))
        );
        // The fetch failed: still English, with a message in the banner.
        let failed = waiting.apply(Action::LangLoaded(Lang::Zh, false));
        assert_eq!((failed.prefs.lang, failed.lang_wanted), (Lang::En, None));
        assert_eq!(failed.alert(Control::Url), Some(&Alert::LangUnavailable));
        // A report for a language no longer wanted changes nothing.
        assert!(failed.apply(Action::LangLoaded(Lang::Zh, true)) == failed);
        // Asked again, and this time it arrives: shown, message gone.
        let waiting = failed.apply(Action::SetPrefs(zh));
        assert_eq!(waiting.lang_wanted, Some(Lang::Zh));
        // Reported before the strings are really there: refused.
        let early = waiting.apply(Action::LangLoaded(Lang::Zh, true));
        assert_eq!(early.prefs.lang, Lang::En);
        install_zh(include_str!("../../static/strings-zh.txt")).unwrap();
        let shown = waiting.apply(Action::LangLoaded(Lang::Zh, true));
        assert_eq!((shown.prefs.lang, shown.lang_wanted), (Lang::Zh, None));
        assert_eq!(shown.alert(Control::Url), None);
        // Once here, asking for it shows it at once.
        assert_eq!(en.apply(Action::SetPrefs(zh)).prefs.lang, Lang::Zh);
    }

    #[test]
    fn a_url_in_a_language_not_yet_loaded_opens_in_the_one_shown() {
        use crate::app::i18n::forget_zh;
        forget_zh();
        let en = state();
        let loaded = crate::app::url::read("lang=zh&stride=2", Lang::En);
        let opened = en.apply(Action::Load(Box::new(loaded)));
        assert_eq!(
            (opened.prefs.lang, opened.lang_wanted),
            (Lang::En, Some(Lang::Zh))
        );
        assert_eq!(opened.model.params.stride.h, 2);
        // Choosing English meanwhile drops the wish.
        let back = opened.apply(Action::SetPrefs(opened.prefs));
        assert_eq!(back.lang_wanted, None);
    }

    #[test]
    fn opens_on_the_article_finished() {
        let s = state();
        assert_eq!(s.steps(), 4);
        assert_eq!(s.position, 4);
        assert_eq!(s.derived.output.get(1, 1), 29.0);
    }

    #[test]
    fn refused_parameter_keeps_the_model_and_alerts() {
        let s = state();
        let next = s.apply(Action::SetParam(ParamKind::Stride, Pair::new(0, 0)));
        assert!(Rc::ptr_eq(&next.model, &s.model));
        assert!(matches!(
            next.alert(Control::Param(ParamKind::Stride)),
            Some(Alert::Param(ParamError::ZeroStride { .. }))
        ));
        let next = next.apply(Action::SetParam(ParamKind::Stride, Pair::new(2, 2)));
        assert!(next.alert(Control::Param(ParamKind::Stride)).is_none());
        assert_eq!(next.derived.output.shape(), Pair::new(5, 5));
    }

    #[test]
    fn switching_op_reads_the_same_connectivity_backwards() {
        let s = state().apply(Action::SetOp(Op::Conv2d));
        assert_eq!(s.model.op, Op::Conv2d);
        assert_eq!(s.model.input.shape(), Pair::new(4, 4));
        assert_eq!(s.derived.output.shape(), Pair::new(2, 2));
        let back = s.apply(Action::SetOp(Op::ConvTranspose2d));
        assert_eq!(back.model.input.shape(), Pair::new(2, 2));
        assert_eq!(back.derived.output.shape(), Pair::new(4, 4));
    }

    #[test]
    fn switch_restores_shape_with_output_padding() {
        // conv2d 5×5, k 3, s 2 → 2×2; back: (2−1)·2 + 2 + 1 = 5 needs op = (5 − 2 − 1) mod 2 = 0.
        let s = state()
            .apply(Action::SetOp(Op::Conv2d))
            .apply(Action::SetParam(ParamKind::InputSize, Pair::new(6, 6)))
            .apply(Action::SetParam(ParamKind::Stride, Pair::new(2, 2)));
        assert_eq!(s.derived.output.shape(), Pair::new(2, 2));
        let back = s.apply(Action::SetOp(Op::ConvTranspose2d));
        assert_eq!(back.model.params.output_padding, Pair::new(1, 1));
        assert_eq!(back.derived.output.shape(), Pair::new(6, 6));
    }

    #[test]
    fn undo_redo_and_player() {
        let s = state().apply(Action::EditCell(Role::Kernel, Pair::new(0, 0), 5.0));
        assert_eq!(s.model.kernel.get(0, 0), 5.0);
        let u = s.apply(Action::Undo);
        assert_eq!(u.model.kernel.get(0, 0), 1.0);
        assert_eq!(u.apply(Action::Redo).model.kernel.get(0, 0), 5.0);

        let p = state().apply(Action::Play);
        assert_eq!((p.position, p.playing), (0, true));
        let end = (0..10).fold(p, |s, _| s.apply(Action::Advance));
        assert_eq!((end.position, end.playing), (4, false));
        assert_eq!(end.apply(Action::StepBy(-10)).position, 0);
        assert_eq!(end.apply(Action::Seek(99)).position, 4);
    }

    #[test]
    fn kernel_edit_keeps_the_matrix() {
        let s = state();
        let e = s.apply(Action::EditCell(Role::Kernel, Pair::new(1, 1), -2.0));
        assert!(Rc::ptr_eq(&s.derived.matrix, &e.derived.matrix));
    }

    #[test]
    fn zero_insertion_stepping_walks_output_cells() {
        use crate::app::links::Links;
        use crate::app::prefs::Stepping;
        use crate::math::ZeroInsertion;
        let s = state();
        let z = s.apply(Action::SetPrefs(Prefs {
            stepping: Stepping::ZeroInsertion,
            ..s.prefs
        }));
        assert_eq!((z.steps(), z.position), (16, 16));
        let at = z.apply(Action::Seek(5)); // y[1,1] = 29: all four input cells under the window
        let shown = at
            .derived
            .partial_output(&at.model, Stepping::ZeroInsertion, 5);
        assert_eq!(shown[5], Some(29.0));
        assert_eq!(shown[6], None);
        let zi = ZeroInsertion::new(&at.derived.geometry, &at.model.input, &at.model.kernel);
        let links = Links::of_zero_step(&at.derived.geometry, &zi, 5);
        assert_eq!(links.input.iter().filter(|&&a| a).count(), 4);
        assert_eq!(links.window.iter().filter(|&&a| a).count(), 9);
        assert_eq!(links.output.iter().filter(|&&a| a).count(), 1);
        // y[0,0] = 2: only x[0,0] under the window, meeting w[0,0] (flipped w'[2,2]).
        let links = Links::of_zero_step(&at.derived.geometry, &zi, 0);
        assert_eq!(links.input.iter().filter(|&&a| a).count(), 1);
        assert!(links.kernel[0] && links.flipped[8]);
        // Convolution has no zero-insertion timeline: it keeps direct stepping.
        let conv = z.apply(Action::SetOp(Op::Conv2d));
        assert_eq!(conv.steps(), 4);
    }

    #[test]
    fn oversized_input_is_refused_before_allocating() {
        let s = state().apply(Action::SetParam(
            ParamKind::InputSize,
            Pair::new(100_000, 100_000),
        ));
        assert!(matches!(
            s.alert(Control::Param(ParamKind::InputSize)),
            Some(Alert::Param(ParamError::InputTooLarge { .. }))
        ));
    }
}
