//! Checkerboard artifacts: how many kernel taps land on each output cell,
//! what a constant input becomes, one row's profile, the per-axis verdict,
//! and the same for resize-then-convolve (Odena, Dumoulin & Olah 2016) —
//! plus a small picture up-sampled both ways.

use yew::prelude::*;

use super::export::download_plots;
use super::hint;
use super::plot::min_max;
use super::plot_canvas::{PlotCanvas, PlotData};
use super::transposed_only::{transposed_section, SectionName};
use crate::app::hooks::use_memo_on;
use crate::app::i18n::{fill, Lang};
use crate::app::model::{Derived, Model};
use crate::app::prefs::{resize_from_word, Prefs};
use crate::app::state::Action;
use crate::app::value::format_short;
use crate::app::Dispatch;
use crate::app::Shared;
use crate::math::{
    constant_response, conv_transpose2d_unchecked, evenness, overlap_map, profile_row, resize_conv,
    resize_conv_overlap, sample_image, Axis, AxisEvenness, Geometry, Grid, Op, Resize,
};

/// Side of the built-in picture.
const PICTURE: usize = 16;

/// Props of [`Checkerboard`].
#[derive(Properties, PartialEq, Clone)]
pub struct CheckerboardProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Its geometry.
    pub derived: Shared<Derived>,
    /// View preferences: the language, the theme (plots redraw on change)
    /// and the resize mode (kept in the URL).
    pub prefs: Prefs,
    /// Reducer dispatch (the resize mode is a preference).
    pub dispatch: Dispatch,
}

struct Maps {
    overlap: Shared<Grid>,
    constant: Shared<Grid>,
    profile: Shared<Vec<f64>>,
    profile_row: usize,
    verdict: [AxisEvenness; 2],
    resize_overlap: Shared<Grid>,
    resize_constant: Shared<Grid>,
    picture: Shared<Grid>,
    upsampled: Result<(Shared<Grid>, Shared<Grid>), crate::math::ParamError>,
}

fn maps(model: &Model, g: &Geometry, mode: Resize) -> Maps {
    let overlap = overlap_map(g);
    let constant = constant_response(g, &model.kernel);
    let verdict = evenness(g, &overlap);
    let out = g.output();
    // Always a row of the output: those are what `profile_row` picks among.
    let profile_row = profile_row(g);
    let profile = (0..out.w).map(|c| constant.get(profile_row, c)).collect();
    let ones = Grid::filled(g.input().h, g.input().w, 1.0);
    let resize_constant = resize_conv(&ones, &model.kernel, out, mode);
    let resize_overlap = resize_conv_overlap(model.kernel.shape(), out);
    let picture = sample_image(PICTURE);
    let upsampled = Geometry::try_new(
        Op::ConvTranspose2d,
        picture.shape(),
        model.kernel.shape(),
        model.params,
    )
    .map(|pg| {
        let transposed = conv_transpose2d_unchecked(&pg, &picture, &model.kernel);
        let resized = resize_conv(&picture, &model.kernel, pg.output(), mode);
        (Shared::new(transposed), Shared::new(resized))
    });
    Maps {
        overlap: Shared::new(overlap),
        constant: Shared::new(constant),
        profile: Shared::new(profile),
        profile_row,
        verdict,
        resize_overlap: Shared::new(resize_overlap),
        resize_constant: Shared::new(resize_constant),
        picture: Shared::new(picture),
        upsampled,
    }
}

/// Profiles up to this long are read out value by value.
const PROFILE_VALUES_LISTED: usize = 12;

/// The per-axis sentence about evenness.
pub fn verdict_text(lang: Lang, axis: Axis, v: &AxisEvenness, stride: usize) -> String {
    let t = lang.strings();
    let name = t.axis(axis);
    if v.interior.1 - v.interior.0 < stride.max(1) {
        return fill(t.cb_too_small(), &[("axis", &name)]);
    }
    if v.even {
        return fill(
            t.cb_even(),
            &[("axis", &name), ("value", &format_short(v.max))],
        );
    }
    let pattern: Vec<String> = v.pattern.iter().map(|x| format_short(*x)).collect();
    fill(
        t.cb_uneven(),
        &[
            ("axis", &name),
            ("pattern", &pattern.join(", ")),
            ("period", &v.pattern.len()),
        ],
    )
}

/// The checkerboard section.
#[component]
pub fn Checkerboard(props: &CheckerboardProps) -> Html {
    let t = props.prefs.lang.strings();
    let mode = props.prefs.resize;
    let g = props.derived.geometry;
    let computed = use_memo_on(
        (props.model.clone(), props.derived.clone(), mode),
        |(m, d, mode)| {
            (d.geometry.op() == Op::ConvTranspose2d).then(|| maps(m, &d.geometry, *mode))
        },
    );
    let section = SectionName {
        name: "checkerboard",
        heading_id: "cb-heading",
        heading: t.cb_heading(),
    };
    let Some(maps) = computed.as_ref() else {
        return transposed_section(section, props.prefs.lang, &props.dispatch, None);
    };
    let alt = |name: &'static str, grid: &Grid| {
        let (lo, hi) = min_max(grid.data());
        fill(
            t.cb_plot_alt(),
            &[
                ("name", &name),
                ("rows", &grid.rows()),
                ("cols", &grid.cols()),
                ("min", &format_short(lo)),
                ("max", &format_short(hi)),
            ],
        )
    };
    let verdicts = [Axis::H, Axis::W].into_iter().enumerate().map(|(i, axis)| {
        let text = verdict_text(props.prefs.lang, axis, &maps.verdict[i], g.params().stride.get(axis));
        html! { <li data-evenness={if axis == Axis::H { "h" } else { "w" }} data-even={maps.verdict[i].even.to_string()}>{ text }</li> }
    });
    let on_mode = {
        let dispatch = props.dispatch.clone();
        let prefs = props.prefs;
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(resize) = resize_from_word(&select.value()) {
                    dispatch.dispatch(Action::SetPrefs(Prefs { resize, ..prefs }));
                }
            }
        })
    };
    let theme = props.prefs.theme;
    // The row's values in words (the plot is a canvas): all of them while
    // they are few, else their range.
    let profile_label = {
        let values = if maps.profile.len() <= PROFILE_VALUES_LISTED {
            let v: Vec<String> = maps.profile.iter().map(|&v| format_short(v)).collect();
            v.join(", ")
        } else {
            let (lo, hi) = min_max(&maps.profile);
            fill(
                t.cb_profile_range(),
                &[("min", &format_short(lo)), ("max", &format_short(hi))],
            )
        };
        fill(
            t.cb_profile(),
            &[("row", &maps.profile_row), ("values", &values)],
        )
    };
    let plot = |name: &'static str, label: String, data: PlotData| {
        html! { <PlotCanvas name={name} label={label} data={data} theme={theme} width={300.0} /> }
    };
    let pictures = match &maps.upsampled {
        Ok((transposed, resized)) => {
            let picture_alt = |name: &'static str, g: &Grid| {
                fill(
                    t.cb_picture_alt(),
                    &[("name", &name), ("rows", &g.rows()), ("cols", &g.cols())],
                )
            };
            html! {
                <div class="plot-row">
                    { plot("picture", picture_alt(t.cb_picture_input(), &maps.picture), PlotData::Picture(maps.picture.clone())) }
                    { plot("picture-transposed", picture_alt(t.cb_transposed(), transposed), PlotData::Picture(transposed.clone())) }
                    { plot("picture-resize-conv", picture_alt(t.cb_resize(), resized), PlotData::Picture(resized.clone())) }
                </div>
            }
        }
        Err(e) => hint(fill(
            t.cb_picture_invalid(),
            &[("reason", &t.param_error(e))],
        )),
    };
    let body = html! {
        <>
            <p class="intro">{ t.cb_intro() }</p>
            <h3>{ t.cb_transposed() }</h3>
            <div class="plot-row">
                { plot("overlap", alt(t.cb_overlap(), &maps.overlap), PlotData::Heatmap(maps.overlap.clone())) }
                { plot("constant-response", alt(t.cb_constant(), &maps.constant), PlotData::Heatmap(maps.constant.clone())) }
                { plot("profile", profile_label, PlotData::Profile(maps.profile.clone())) }
            </div>
            <ul class="verdict">{ for verdicts }</ul>
            <h3>{ t.cb_resize() }</h3>
            <label class="preset-select">
                <span>{ t.cb_mode() }</span>
                <select data-control="resize-mode" onchange={on_mode}>
                    <option value="nearest" selected={mode == Resize::Nearest}>{ t.cb_nearest() }</option>
                    <option value="bilinear" selected={mode == Resize::Bilinear}>{ t.cb_bilinear() }</option>
                </select>
            </label>
            <div class="plot-row">
                { plot("resize-overlap", alt(t.cb_overlap(), &maps.resize_overlap), PlotData::Heatmap(maps.resize_overlap.clone())) }
                { plot("resize-constant-response", alt(t.cb_constant(), &maps.resize_constant), PlotData::Heatmap(maps.resize_constant.clone())) }
            </div>
            <button type="button" class="button" data-action="download-plots"
                onclick={Callback::from(|_: MouseEvent| download_plots())}>{ t.download_plots() }</button>
            <h3>{ t.cb_picture() }</h3>
            { pictures }
        </>
    };
    transposed_section(section, props.prefs.lang, &props.dispatch, Some(body))
}
