//! Downloads for slides: the figure (grids and C) as SVG or PNG, and the
//! checkerboard section's plots as one PNG. Files are made in the page
//! (Blob / canvas) and saved through a temporary `<a download>`: nothing
//! leaves the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};
use yew::prelude::*;

use crate::app::export::figure_svg;
use crate::app::i18n::Lang;
use crate::app::model::{Derived, Model};
use crate::app::Shared;

use super::plot::{context, css_var};

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
        // Not at once: a browser may start reading the file after the click
        // returns (Firefox does), and a revoked URL has nothing to read.
        gloo::timers::callback::Timeout::new(10_000, move || {
            let _ = Url::revoke_object_url(&url);
        })
        .forget();
    }
}

/// A new canvas, not in the page, and its 2D context.
fn new_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let ctx = context(&canvas).ok()?;
    Some((canvas, ctx))
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
        if let Some((canvas, ctx)) = new_canvas() {
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
            let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &loaded, 0.0, 0.0, w as f64, h as f64,
            );
            if let Ok(png) = canvas.to_data_url_with_type("image/png") {
                save(&png, "convt-figure.png");
            }
        }
        let _ = Url::revoke_object_url(&revoke);
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    // The closure frees itself after its one call.
    onload.forget();
    image.set_src(&url);
}

/// Downloads the checkerboard section's plots as one PNG, each with its
/// caption below it — one file, so that the browser does not ask whether the
/// page may save several — in the colours they are drawn in. A plot not
/// drawn yet (far below the screen) is left out.
pub fn download_plots() {
    if let Some(png) = plots_sheet() {
        save(&png, "convt-plots.png");
    }
}

/// A plot placed on the sheet: its canvas, where it goes, its caption lines.
struct Placed {
    canvas: HtmlCanvasElement,
    x: f64,
    y: f64,
    lines: Vec<String>,
}

fn plots_sheet() -> Option<String> {
    let document = gloo::utils::document();
    // In page order: the section's group headings and its plots.
    let nodes = document
        .query_selector_all("[data-section=checkerboard] :is(h3, figure.plot)")
        .ok()?;
    let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    let (pad, gap, line, heading_h) = (16.0 * dpr, 24.0 * dpr, 16.0 * dpr, 24.0 * dpr);
    let max_w = 1200.0 * dpr;
    let (sheet, ctx) = new_canvas()?;
    let font = format!("{}px sans-serif", (12.0 * dpr).round() as u32);
    let heading_font = format!("600 {}px sans-serif", (14.0 * dpr).round() as u32);
    ctx.set_font(&font);
    // Left to right; a new row when the next plot would pass max_w, and for
    // each group, under its heading.
    let mut placed = Vec::new();
    let mut headings: Vec<(String, f64)> = Vec::new();
    let mut heading = None;
    let (mut x, mut y, mut row_h, mut width) = (pad, pad, 0.0_f64, 0.0_f64);
    for i in 0..nodes.length() {
        let Some(node) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if node.tag_name() == "H3" {
            // A group none of whose plots is drawn loses its heading too.
            heading = node.text_content();
            continue;
        }
        let Some(canvas) = node
            .query_selector("canvas")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            .filter(drawn)
        else {
            continue;
        };
        let caption = node
            .query_selector("figcaption")
            .ok()
            .flatten()
            .and_then(|c| c.text_content())
            .unwrap_or_default();
        let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
        let cell_w = w.max(200.0 * dpr);
        let lines = wrap(&ctx, &caption, cell_w);
        let cell_h = h + 6.0 * dpr + lines.len() as f64 * line;
        if x > pad && (x + cell_w > max_w || heading.is_some()) {
            (x, y, row_h) = (pad, y + row_h + gap, 0.0);
        }
        if let Some(text) = heading.take() {
            headings.push((text, y));
            y += heading_h;
        }
        placed.push(Placed {
            canvas,
            x,
            y,
            lines,
        });
        x += cell_w + gap;
        row_h = row_h.max(cell_h);
        width = width.max(x - gap + pad);
    }
    if placed.is_empty() {
        return None;
    }
    let height = y + row_h + pad;
    sheet.set_width(width.ceil() as u32);
    sheet.set_height(height.ceil() as u32);
    // Resizing reset the context: background, then the fonts again.
    ctx.set_fill_style_str(&css_var("--surface", "#ffffff"));
    ctx.fill_rect(0.0, 0.0, width.ceil(), height.ceil());
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(&css_var("--text", "#1d1f23"));
    ctx.set_font(&heading_font);
    for (text, top) in &headings {
        let _ = ctx.fill_text(text, pad, *top);
    }
    ctx.set_font(&font);
    for p in &placed {
        // One plot that fails to draw leaves a gap, not an empty download.
        let _ = ctx.draw_image_with_html_canvas_element(&p.canvas, p.x, p.y);
        let top = p.y + f64::from(p.canvas.height()) + 6.0 * dpr;
        for (k, text) in p.lines.iter().enumerate() {
            let _ = ctx.fill_text(text, p.x, top + k as f64 * line);
        }
    }
    sheet.to_data_url_with_type("image/png").ok()
}

/// Whether a plot's canvas has been drawn: sized by its drawing (an undrawn
/// canvas has no CSS size), and not empty (drawImage refuses a canvas of
/// zero pixels).
fn drawn(canvas: &HtmlCanvasElement) -> bool {
    canvas.width() > 0
        && canvas.height() > 0
        && !canvas
            .style()
            .get_property_value("width")
            .unwrap_or_default()
            .is_empty()
}

/// `text` in lines no wider than `width` in `ctx`'s font, broken at spaces
/// or, in Chinese (which has none), between characters.
fn wrap(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> Vec<String> {
    // Words: a space ends one, and a CJK character is one of its own.
    let (mut words, mut word) = (Vec::new(), String::new());
    for c in text.chars() {
        word.push(c);
        if c == ' ' || c >= '\u{2E80}' {
            words.push(std::mem::take(&mut word));
        }
    }
    words.push(word);
    let fits = |s: &str| ctx.measure_text(s).map_or(true, |m| m.width() <= width);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in words {
        let joined = format!("{current}{word}");
        if current.is_empty() || fits(joined.trim_end()) {
            current = joined;
        } else {
            lines.push(current.trim_end().to_string());
            current = word.trim_start().to_string();
        }
    }
    if !current.trim().is_empty() {
        lines.push(current.trim_end().to_string());
    }
    lines
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
            <button type="button" class="button" data-action="download-svg" onclick={svg}>{ t.download_svg() }</button>
            <button type="button" class="button" data-action="download-png" onclick={png}>{ t.download_png() }</button>
        </div>
    }
}
