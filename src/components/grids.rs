//! The input, kernel and output grids side by side, labelled in words.

use std::rc::Rc;

use yew::prelude::*;

use super::hint;
use crate::app::hooks::use_memo_on;
use crate::app::Dispatch;

use super::alert_line::alert_line;
use super::export::export_buttons;
use super::grid_view::{GridKind, GridView};
use crate::app::i18n::Lang;
use crate::app::links::Links;
use crate::app::model::{Derived, Model};
use crate::app::prefs::Stepping;
use crate::app::state::{Alert, Control};
use crate::app::Shared;
use crate::math::{Grid, Op, Pair, Role};

/// Props of [`Grids`].
#[derive(Properties, PartialEq, Clone)]
pub struct GridsProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Its output, C and timeline.
    pub derived: Shared<Derived>,
    /// Highlights.
    pub links: Shared<Links>,
    /// Animation position.
    pub position: usize,
    /// Stepping mode.
    pub stepping: Stepping,
    /// Interface language.
    pub lang: Lang,
    /// Values not editable.
    pub readonly: bool,
    /// Current alerts.
    pub alerts: Vec<(Control, Alert)>,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

fn values(g: &Grid) -> Shared<Vec<Option<f64>>> {
    Shared::new(g.data().iter().copied().map(Some).collect())
}

/// Input → kernel → output.
#[component]
pub fn Grids(props: &GridsProps) -> Html {
    let t = props.lang.strings();
    let m = &props.model;
    let d = &props.derived;
    let input = use_memo_on(props.model.clone(), |m| values(&m.input));
    let kernel = use_memo_on(props.model.clone(), |m| values(&m.kernel));
    let output = use_memo_on(
        (
            props.derived.clone(),
            props.model.clone(),
            props.position,
            props.stepping,
        ),
        |(d, m, p, stepping)| Shared::new(d.partial_output(m, *stepping, *p)),
    );
    let links = &props.links;
    let alert = |role: Role| {
        props
            .alerts
            .iter()
            .find(|(c, _)| *c == Control::Grid(role))
            .map(|(_, a)| t.alert(a))
    };
    let editable = |role| (!props.readonly).then_some(role);
    // The current step's own cell: a row of C (few side), or an output
    // cell when stepping through zero insertion.
    let zero = d.zero_stepping(props.stepping);
    let stepped = if zero {
        d.geometry.output()
    } else {
        d.geometry.few()
    };
    let current = (props.position < d.steps(props.stepping))
        .then(|| Pair::new(props.position / stepped.w, props.position % stepped.w));
    let (input_current, output_current) = match (m.op, zero) {
        (Op::ConvTranspose2d, false) => (current, None),
        _ => (None, current),
    };
    // Convolution draws its zero padding around the input (a few cells at
    // most, and only while the grid stays small enough for the DOM).
    let pad = if m.op == Op::Conv2d {
        let p = m.params.padding;
        let ring = Pair::new(p.h.min(4), p.w.min(4));
        let area = (m.input.rows() + 2 * ring.h) * (m.input.cols() + 2 * ring.w);
        if area <= 4096 {
            ring
        } else {
            Pair::default()
        }
    } else {
        Pair::default()
    };
    let pad_active = use_memo_on(props.links.clone(), |l| Shared::new(l.pad.clone()));
    let arrow = t.fan_hint(m.op, m.kernel.len());
    html! {
        <section class="section grids" aria-labelledby="grids-heading">
            <h2 id="grids-heading">{ t.grids_heading() }</h2>
            { hint(t.grid_hint()) }
            <div class="grid-row">
                <div class="grid-slot">
                    <GridView name="input" label={t.input()} var="x"
                        rows={m.input.rows()} cols={m.input.cols()}
                        values={(*input).clone()} active={Shared(Rc::new(links.input.clone()))}
                        kind={GridKind::Input}
                        editable={editable(Role::Input)} current={input_current}
                        pad={pad} pad_active={Some((*pad_active).clone())}
                        lang={props.lang} dispatch={props.dispatch.clone()} />
                    { alert_line(props.lang, alert(Role::Input), Control::Grid(Role::Input), &props.dispatch) }
                </div>
                <div class="grid-op" aria-hidden="true">{ if m.op == Op::ConvTranspose2d { "⊛ᵀ" } else { "⊛" } }</div>
                <div class="grid-slot">
                    <GridView name="kernel" label={t.kernel()} var="w"
                        rows={m.kernel.rows()} cols={m.kernel.cols()}
                        values={(*kernel).clone()} active={Shared(Rc::new(links.kernel.clone()))}
                        kind={GridKind::Kernel}
                        editable={editable(Role::Kernel)}
                        lang={props.lang} dispatch={props.dispatch.clone()} />
                    { alert_line(props.lang, alert(Role::Kernel), Control::Grid(Role::Kernel), &props.dispatch) }
                </div>
                <div class="grid-op" aria-hidden="true">{ "=" }</div>
                <div class="grid-slot">
                    <GridView name="output" label={t.output()} var="y"
                        rows={d.output.rows()} cols={d.output.cols()}
                        values={(*output).clone()} active={Shared(Rc::new(links.output.clone()))}
                        kind={GridKind::Output}
                        current={output_current}
                        lang={props.lang} dispatch={props.dispatch.clone()} />
                </div>
            </div>
            <p class="direction">{ arrow }</p>
            { export_buttons(&props.model, &props.derived, props.lang) }
        </section>
    }
}
