//! Downloads for slides: the figure (grids and C) as SVG or PNG, and the
//! checkerboard heatmaps as PNG. Files are made in the page (Blob / canvas)
//! and saved through a temporary `<a download>`: nothing leaves the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};
use yew::prelude::*;

use crate::app::export::figure_svg;
use crate::app::i18n::Lang;
use crate::app::model::{Derived, Model};
use crate::app::Shared;

/// Saves `href` (a blob: or data: URL) as `name`.
fn save(href: &str, name: &str) {
    let document = gloo::utils::document();
    let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(href);
    a.set_download(name);
    a.click();
}

fn svg_blob_url(svg: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

/// Downloads the figure as SVG.
pub fn download_svg(model: &Model, derived: &Derived, lang: Lang) {
    let svg = figure_svg(model, derived, lang);
    if let Some(url) = svg_blob_url(&svg) {
        save(&url, "convt-figure.svg");
        let _ = Url::revoke_object_url(&url);
    }
}

/// Downloads the figure as PNG (the SVG drawn at twice its size, at most
/// 4096 px a side).
pub fn download_png(model: &Model, derived: &Derived, lang: Lang) {
    let svg = figure_svg(model, derived, lang);
    let Some(url) = svg_blob_url(&svg) else {
        return;
    };
    let Ok(image) = HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let revoke = url.clone();
    let onload = Closure::once(move || {
        let document = gloo::utils::document();
        let canvas = document
            .create_element("canvas")
            .ok()
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
        if let Some(canvas) = canvas {
            // Twice the SVG's size for crisp slides, but never over 4096 px a
            // side: a 64×64 problem would otherwise make a 50-megapixel
            // canvas and freeze the page while encoding it.
            let (nw, nh) = (
                loaded.natural_width().max(1) as f64,
                loaded.natural_height().max(1) as f64,
            );
            let scale = (4096.0 / nw.max(nh)).min(2.0);
            let (w, h) = ((nw * scale).round() as u32, (nh * scale).round() as u32);
            canvas.set_width(w);
            canvas.set_height(h);
            let ctx = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
            if let Some(ctx) = ctx {
                let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
                    &loaded, 0.0, 0.0, w as f64, h as f64,
                );
                if let Ok(png) = canvas.to_data_url_with_type("image/png") {
                    save(&png, "convt-figure.png");
                }
            }
        }
        let _ = Url::revoke_object_url(&revoke);
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    // The closure frees itself after its one call.
    onload.forget();
    image.set_src(&url);
}

/// Downloads every heatmap canvas of the checkerboard section as PNG.
pub fn download_plots() {
    let Ok(list) = gloo::utils::document().query_selector_all("canvas[data-plot]") else {
        return;
    };
    for i in 0..list.length() {
        let Some(canvas) = list
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlCanvasElement>().ok())
        else {
            continue;
        };
        let name = canvas
            .get_attribute("data-plot")
            .unwrap_or_else(|| "plot".into());
        if let Ok(png) = canvas.to_data_url_with_type("image/png") {
            save(&png, &format!("convt-{name}.png"));
        }
    }
}

/// The two figure download buttons.
pub fn export_buttons(model: &Shared<Model>, derived: &Shared<Derived>, lang: Lang) -> Html {
    let t = lang.strings();
    let svg = {
        let (m, d) = (model.clone(), derived.clone());
        Callback::from(move |_: MouseEvent| download_svg(&m, &d, lang))
    };
    let png = {
        let (m, d) = (model.clone(), derived.clone());
        Callback::from(move |_: MouseEvent| download_png(&m, &d, lang))
    };
    html! {
        <div class="export">
            <button type="button" class="button" data-action="download-svg" onclick={svg}>{ t.download_svg }</button>
            <button type="button" class="button" data-action="download-png" onclick={png}>{ t.download_png }</button>
        </div>
    }
}
