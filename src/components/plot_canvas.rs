//! A canvas drawn with its 2D context (see [`super::plot`]) with its text
//! alternative; redrawn when its data or the theme changes, if it is on
//! screen (else when it scrolls into view), and for printing.

use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::plot::{draw_heatmap, draw_picture, draw_profile};
use crate::app::hooks::{use_effect_on, use_element_ref};
use crate::app::on_screen::use_on_screen;
use crate::app::prefs::Theme;
use crate::app::print::use_print_redraw;
use crate::app::Shared;
use crate::math::Grid;

/// What to draw.
#[derive(Clone, PartialEq)]
pub enum PlotData {
    /// A heatmap with a colour bar.
    Heatmap(Shared<Grid>),
    /// A line through these values.
    Profile(Shared<Vec<f64>>),
    /// A grey-level picture.
    Picture(Shared<Grid>),
}

/// Props of [`PlotCanvas`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlotCanvasProps {
    /// `data-plot` name (a stable test hook).
    pub name: AttrValue,
    /// The text alternative: what the plot shows, in words.
    pub label: AttrValue,
    /// The data.
    pub data: PlotData,
    /// Width available, in CSS pixels.
    #[prop_or(300.0)]
    pub width: f64,
    /// Current theme (colours are read from CSS, so a change redraws).
    pub theme: Theme,
}

/// A plot on a canvas.
#[component]
pub fn PlotCanvas(props: &PlotCanvasProps) -> Html {
    let canvas = use_element_ref();
    let on_screen = use_on_screen(canvas.clone());
    let draw = {
        let (canvas, name, data, width) = (
            canvas.clone(),
            props.name.clone(),
            props.data.clone(),
            props.width,
        );
        Rc::new(move || {
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let result = match &data {
                PlotData::Heatmap(g) => draw_heatmap(&el, g, width),
                PlotData::Profile(v) => draw_profile(&el, v, width),
                PlotData::Picture(g) => draw_picture(&el, g, width),
            };
            if let Err(e) = result {
                web_sys::console::warn_1(&format!("plot {name}: {e}").into());
            }
        })
    };
    use_print_redraw(draw.clone());
    use_effect_on(
        (
            props.data.clone(),
            props.width.to_bits(),
            props.theme,
            on_screen,
        ),
        move |(_, _, _, on_screen)| {
            // Off screen the old picture stays; it is redrawn on the way in.
            if *on_screen {
                draw();
            }
        },
    );
    html! {
        <figure class="plot">
            <canvas ref={canvas} data-plot={props.name.clone()} role="img" aria-label={props.label.clone()} />
            <figcaption class="plot-alt">{ props.label.clone() }</figcaption>
        </figure>
    }
}
