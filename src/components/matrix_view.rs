//! C or Cᵀ, drawn from the sparse form: a table with one cell per entry
//! while that stays small, a canvas beyond (at 32×32 C has over a million
//! entries). Both show which kernel weight each non-zero is, highlight the
//! entries linked to the focus, and report hovered entries.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use super::grid_view::focus_stays_in;
use crate::app::hooks::{use_effect_on, use_element_ref, use_local_state};
use crate::app::Dispatch;

use crate::app::i18n::{fill, Lang};
use crate::app::links::Links;
use crate::app::model::Model;
use crate::app::on_screen::use_on_screen;
use crate::app::prefs::Theme;
use crate::app::print::use_print_redraw;
use crate::app::state::{Action, CellRef};
use crate::app::value::format_short;
use crate::app::Shared;
use crate::math::ConvMatrix;

/// Largest matrix drawn as a table; larger ones go to a canvas. A table
/// entry costs four DOM nodes, built on load and diffed on every edit; past
/// 16×16 entries (a 3×3 input under a 3×3 kernel) the table is wider than the
/// page anyway, and the canvas keeps hover, keyboard cursor and a text
/// alternative. (At 1 024, a 4×4 input's two 576-entry tables were half the
/// page's DOM.)
pub const TABLE_LIMIT: usize = 256;

/// Props of [`MatrixView`].
#[derive(Properties, PartialEq, Clone)]
pub struct MatrixViewProps {
    /// `data-matrix` name: "C" or "CT".
    pub name: AttrValue,
    /// Heading, e.g. "Convolution matrix C".
    pub label: AttrValue,
    /// C itself; `transposed` shows Cᵀ.
    pub matrix: Shared<ConvMatrix>,
    /// Show Cᵀ instead of C.
    pub transposed: bool,
    /// The problem (kernel values, shapes).
    pub model: Shared<Model>,
    /// Variable and width of the cells C's rows stand for (e.g. "x", 2).
    pub row_var: AttrValue,
    /// Width of the row-side grid.
    pub row_grid_w: usize,
    /// Variable of the cells C's columns stand for.
    pub col_var: AttrValue,
    /// Width of the column-side grid.
    pub col_grid_w: usize,
    /// Highlights.
    pub links: Shared<Links>,
    /// Interface language.
    pub lang: Lang,
    /// Colour theme (the canvas redraws when it changes).
    pub theme: Theme,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// `x[1,0]` for flat index 2 of a width-2 grid.
pub fn cell_name(var: &str, index: usize, width: usize) -> String {
    format!("{var}[{},{}]", index / width.max(1), index % width.max(1))
}

/// C's (row, col) for displayed entry (r, c), and the displayed entry for
/// C's (row, col): with `transposed` the swap is its own inverse.
fn to_c(transposed: bool, r: usize, c: usize) -> (usize, usize) {
    if transposed {
        (c, r)
    } else {
        (r, c)
    }
}

/// C or Cᵀ.
#[component]
pub fn MatrixView(props: &MatrixViewProps) -> Html {
    let m = &props.matrix;
    let (rows, cols) = shown_shape(m, props.transposed);
    // Row/column labels name the grid cells they stand for.
    let (row_var, row_w, col_var, col_w) = if props.transposed {
        (
            &props.col_var,
            props.col_grid_w,
            &props.row_var,
            props.row_grid_w,
        )
    } else {
        (
            &props.row_var,
            props.row_grid_w,
            &props.col_var,
            props.col_grid_w,
        )
    };
    let t = props.lang.strings();
    let summary = fill(
        t.matrix_summary(),
        &[
            ("name", &props.label),
            ("rows", &rows),
            ("cols", &cols),
            ("nnz", &m.nnz()),
        ],
    );
    let body = if rows * cols <= TABLE_LIMIT {
        matrix_table(props, rows, cols, row_var, row_w, col_var, col_w)
    } else {
        html! { <MatrixCanvas ..props.clone() /> }
    };
    html! {
        <figure class="matrix">
            <figcaption>
                <span class="grid-label">{ props.label.clone() }</span>
                <span class="grid-shape">{ format!(" ({rows}×{cols})") }</span>
            </figcaption>
            <p class="sr-only">{ summary }</p>
            <div class="matrix-scroll">{ body }</div>
        </figure>
    }
}

/// What a key does on a matrix entry (table or canvas alike).
enum EntryKey {
    /// Move to this displayed entry (arrows, Home, End).
    Move(usize, usize),
    /// Pin or unpin the entry (Enter, Space).
    Pin,
}

/// The action of `key` at displayed entry `at` of a `rows`×`cols` matrix.
fn entry_key(key: &str, (r, c): (usize, usize), rows: usize, cols: usize) -> Option<EntryKey> {
    Some(match key {
        "ArrowUp" => EntryKey::Move(r.saturating_sub(1), c),
        "ArrowDown" => EntryKey::Move((r + 1).min(rows - 1), c),
        "ArrowLeft" => EntryKey::Move(r, c.saturating_sub(1)),
        "ArrowRight" => EntryKey::Move(r, (c + 1).min(cols - 1)),
        "Home" => EntryKey::Move(r, 0),
        "End" => EntryKey::Move(r, cols - 1),
        "Enter" | " " => EntryKey::Pin,
        _ => return None,
    })
}

/// A key on displayed entry `at` of a table or canvas alike: Enter or Space
/// pins the entry; a move key returns the entry to go to and is kept from
/// the page's own shortcuts (←/→ step the animation).
fn entry_keydown(
    e: &KeyboardEvent,
    (r, c): (usize, usize),
    (rows, cols): (usize, usize),
    transposed: bool,
    dispatch: &Dispatch,
) -> Option<(usize, usize)> {
    let key = entry_key(&e.key(), (r, c), rows, cols)?;
    e.prevent_default();
    match key {
        EntryKey::Pin => {
            let (row, col) = to_c(transposed, r, c);
            dispatch.dispatch(Action::TogglePin(CellRef::Entry { row, col }));
            None
        }
        EntryKey::Move(r, c) => {
            e.stop_propagation();
            Some((r, c))
        }
    }
}

fn entry_of(target: Option<web_sys::EventTarget>) -> Option<(usize, usize)> {
    let el: Element = target?.dyn_into().ok()?;
    let cell = el.closest("[data-r]").ok()??;
    Some((
        cell.get_attribute("data-r")?.parse().ok()?,
        cell.get_attribute("data-c")?.parse().ok()?,
    ))
}

fn matrix_table(
    props: &MatrixViewProps,
    rows: usize,
    cols: usize,
    row_var: &str,
    row_w: usize,
    col_var: &str,
    col_w: usize,
) -> Html {
    let m = &props.matrix;
    let kernel = &props.model.kernel;
    let kw = kernel.cols();
    let links = &props.links;
    let t = props.lang.strings();
    let transposed = props.transposed;
    let hover = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = entry_of(e.target()) {
                let (row, col) = to_c(transposed, r, c);
                dispatch.dispatch(Action::Hover(Some(CellRef::Entry { row, col })));
            }
        })
    };
    let leave = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Hover(None)))
    };
    let click = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = entry_of(e.target()) {
                let (row, col) = to_c(transposed, r, c);
                dispatch.dispatch(Action::TogglePin(CellRef::Entry { row, col }));
            }
        })
    };
    // Keyboard: the entries are one roving tab stop (entry 0,0 takes Tab);
    // arrows, Home and End move focus, Enter or Space pins, and focus
    // highlights like hover.
    let keydown = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some((r, c)) = entry_of(e.target()) else {
                return;
            };
            let Some(to) = entry_keydown(&e, (r, c), (rows, cols), transposed, &dispatch) else {
                return;
            };
            // Yew delegates events to the page root: the table is found from
            // the target, not from `current_target`.
            let entry = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("table").ok().flatten())
                .and_then(|table| {
                    let sel = format!("[data-r=\"{}\"][data-c=\"{}\"]", to.0, to.1);
                    table.query_selector(&sel).ok().flatten()
                })
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(entry) = entry {
                let _ = entry.focus();
            }
        })
    };
    let focusin = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some((r, c)) = entry_of(e.target()) {
                let (row, col) = to_c(transposed, r, c);
                dispatch.dispatch(Action::Hover(Some(CellRef::Entry { row, col })));
            }
        })
    };
    let focusout = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: FocusEvent| {
            let table = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("table").ok().flatten());
            if !focus_stays_in(&e, table.as_deref()) {
                dispatch.dispatch(Action::Hover(None));
            }
        })
    };
    let head = (0..cols).map(|c| html! { <th scope="col">{ cell_name(col_var, c, col_w) }</th> });
    let body = (0..rows).map(|r| {
        let cells = (0..cols).map(|c| {
            let (cr, cc) = to_c(transposed, r, c);
            let tabindex = if r == 0 && c == 0 { "0" } else { "-1" };
            match m.entry(cr, cc) {
                Some(w) => {
                    let w = w as usize;
                    let value = kernel.data()[w];
                    let weight = format!("w[{},{}]", w / kw, w % kw);
                    let active = links.entry(cr, cc, w);
                    let label = fill(
                        t.matrix_entry_label(),
                        &[("name", &props.name), ("row", &r), ("col", &c), ("weight", &weight), ("value", &format_short(value))],
                    );
                    html! {
                        // The weight's index is drawn by CSS from `data-w`
                        // (`::after`): two elements fewer per entry, a third of
                        // the matrix form's DOM at the article's size.
                        <td class="nz" data-r={r.to_string()} data-c={c.to_string()} {tabindex}
                            data-w={format!("{},{}", w / kw, w % kw)}
                            data-active={active.then_some("true")} title={label.clone()} aria-label={label}>
                            { format_short(value) }
                        </td>
                    }
                }
                None => html! { <td class="zero" data-r={r.to_string()} data-c={c.to_string()} {tabindex}>{ "0" }</td> },
            }
        });
        let row_active = if transposed { links.cols[r] } else { links.rows[r] };
        html! {
            <tr CLASS={row_active.then_some("row-active")}>
                <th scope="row">{ cell_name(row_var, r, row_w) }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <table class="matrix-table" data-matrix={props.name.clone()}
            data-rows={rows.to_string()} data-cols={cols.to_string()}
            onmouseover={hover} onmouseleave={leave} onclick={click}
            onkeydown={keydown} onfocusin={focusin} onfocusout={focusout}>
            <thead><tr><td></td>{ for head }</tr></thead>
            <tbody>{ for body }</tbody>
        </table>
    }
}

/// Longest side of a matrix canvas, in canvas pixels. Beyond it entries get
/// less than a pixel each (drawn with coverage, so they blend): at the 64×64
/// cap C is 4 356 × 4 096, and one pixel per entry made two 18-megapixel
/// canvases (70 MB each) that a page shows at about 1 200 CSS pixels anyway.
const MAX_CANVAS_SIDE: f64 = 1200.0;

/// Size of one entry on the canvas, in canvas pixels: whole pixels, up to
/// 14, while that fits; below one pixel when even one would exceed
/// [`MAX_CANVAS_SIDE`].
fn cell_px(rows: usize, cols: usize) -> f64 {
    let fit = 720.0 / cols.max(rows / 2).max(1) as f64;
    if fit >= 1.0 {
        fit.min(14.0).floor()
    } else {
        (MAX_CANVAS_SIDE / rows.max(cols) as f64).min(1.0)
    }
}

/// Large matrices: a canvas, redrawn when the problem or the highlights change.
#[component]
fn MatrixCanvas(props: &MatrixViewProps) -> Html {
    let canvas = use_element_ref();
    let m = &props.matrix;
    let transposed = props.transposed;
    let (rows, cols) = shown_shape(m, transposed);
    let px = cell_px(rows, cols);
    // Keyboard cursor over the displayed entries (arrows move it while the
    // canvas has focus); it reports its entry like a hover.
    let cursor = use_local_state(|| None::<(usize, usize)>);
    let overlay = use_element_ref();
    let on_screen = use_on_screen(canvas.clone());
    // The entries change only with the problem or the kernel; highlights
    // with every hover and animation step. Highlights have a canvas of their
    // own, so a step redraws a few bands, not a million entries. Off screen
    // the old pictures stay; they are redrawn on the way in.
    // What the entries canvas shows, so that coming back on screen redraws
    // the entries only if they changed meanwhile.
    let entries_drawn = use_mut_ref(|| None);
    // Draws this render's entries (unless they are on the canvas already, or
    // `fresh` asks for them anyway) and highlights.
    let paint = {
        let (canvas, overlay) = (canvas.clone(), overlay.clone());
        let (matrix, model, links, cursor, theme) = (
            props.matrix.clone(),
            props.model.clone(),
            props.links.clone(),
            *cursor,
            props.theme,
        );
        Rc::new(move |fresh: bool| {
            let entries = Some((matrix.clone(), model.clone(), transposed, theme));
            if fresh || *entries_drawn.borrow() != entries {
                if let Some(ctx) = context_2d(&canvas) {
                    draw_entries(&ctx, &matrix, model.kernel.data(), transposed, px);
                    *entries_drawn.borrow_mut() = entries;
                }
            }
            if let Some(ctx) = context_2d(&overlay) {
                draw_highlights(&ctx, &matrix, &links, transposed, px, cursor);
            }
        })
    };
    // For paper and back (see `app::print`): the palette changes, the
    // entries do not.
    use_print_redraw({
        let paint = Rc::clone(&paint);
        Rc::new(move || paint(true))
    });
    use_effect_on(
        (
            props.matrix.clone(),
            props.model.clone(),
            props.links.clone(),
            transposed,
            *cursor,
            on_screen,
            props.theme,
        ),
        move |(.., on_screen, _)| {
            if *on_screen {
                paint(false);
            }
        },
    );
    let report = {
        let dispatch = props.dispatch.clone();
        move |at: Option<(usize, usize)>| {
            let entry = at.map(|(r, c)| {
                let (row, col) = to_c(transposed, r, c);
                CellRef::Entry { row, col }
            });
            dispatch.dispatch(Action::Hover(entry));
        }
    };
    let onkeydown = {
        let cursor = cursor.clone();
        let report = report.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = cursor.unwrap_or((0, 0));
            let Some(next) = entry_keydown(&e, at, (rows, cols), transposed, &dispatch) else {
                return;
            };
            cursor.set(Some(next));
            report(Some(next));
        })
    };
    let onfocus = {
        let cursor = cursor.clone();
        let report = report.clone();
        Callback::from(move |_: FocusEvent| {
            let at = cursor.unwrap_or((0, 0));
            cursor.set(Some(at));
            report(Some(at));
        })
    };
    let onblur = {
        let cursor = cursor.clone();
        Callback::from(move |_: FocusEvent| {
            cursor.set(None);
            report(None);
        })
    };
    let pick = move |e: &MouseEvent| -> Option<(usize, usize)> {
        let el: HtmlCanvasElement = e.target()?.dyn_into().ok()?;
        let rect = el.get_bounding_client_rect();
        // CSS pixels inside the border to canvas pixels (the canvas may be
        // shown scaled down).
        let scale = el.width() as f64 / f64::from(el.client_width().max(1));
        let x = e.client_x() as f64 - rect.left() - f64::from(el.client_left());
        let y = e.client_y() as f64 - rect.top() - f64::from(el.client_top());
        let (c, r) = ((x * scale / px).floor(), (y * scale / px).floor());
        (c >= 0.0 && r >= 0.0 && (r as usize) < rows && (c as usize) < cols)
            .then(|| to_c(transposed, r as usize, c as usize))
    };
    let onmousemove = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((row, col)) = pick(&e) {
                dispatch.dispatch(Action::Hover(Some(CellRef::Entry { row, col })));
            }
        })
    };
    let onmouseleave = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Hover(None)))
    };
    let list = |mask: &[bool]| {
        mask.iter()
            .enumerate()
            .filter(|(_, &a)| a)
            .map(|(i, _)| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let links = &props.links;
    let (active_rows, active_cols) = if transposed {
        (list(&links.cols), list(&links.rows))
    } else {
        (list(&links.rows), list(&links.cols))
    };
    let t = props.lang.strings();
    let label = fill(
        t.matrix_summary(),
        &[
            ("name", &props.label),
            ("rows", &rows),
            ("cols", &cols),
            ("nnz", &m.nnz()),
        ],
    );
    // Whole pixels, printed as integers (the wasm has no float printer).
    let (width, height) = (
        (((cols as f64) * px).ceil() as u32).to_string(),
        (((rows as f64) * px).ceil() as u32).to_string(),
    );
    html! {
        <div class="matrix-canvas-box">
            <canvas ref={canvas} class="matrix-canvas" role="img" aria-label={label}
                data-matrix={props.name.clone()} data-rows={rows.to_string()} data-cols={cols.to_string()}
                data-active-rows={active_rows} data-active-cols={active_cols}
                width={width.clone()} height={height.clone()}
                tabindex="0" {onmousemove} {onmouseleave} {onkeydown} {onfocus} {onblur} />
            <canvas ref={overlay} class="matrix-overlay" aria-hidden="true" {width} {height} />
        </div>
    }
}

/// The drawn size of an entry or band: at least one canvas pixel, so that
/// entries smaller than a pixel (large matrices) still show at full colour
/// rather than fading into their background.
fn dot(px: f64) -> f64 {
    px.max(1.0)
}

/// The 2D context of a canvas element, if it has one.
fn context_2d(node: &NodeRef) -> Option<CanvasRenderingContext2d> {
    node.cast::<HtmlCanvasElement>()?
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The displayed (rows, columns) of C, or of Cᵀ when `transposed`.
fn shown_shape(m: &ConvMatrix, transposed: bool) -> (usize, usize) {
    if transposed {
        (m.cols(), m.rows())
    } else {
        (m.rows(), m.cols())
    }
}

/// Draws the non-zeros of C or Cᵀ: grey by weight magnitude, signed hue.
fn draw_entries(
    ctx: &CanvasRenderingContext2d,
    m: &ConvMatrix,
    kernel: &[f64],
    transposed: bool,
    px: f64,
) {
    let (rows, cols) = shown_shape(m, transposed);
    let var = super::plot::css_var;
    let (bg, pos, neg) = (
        var("--surface", "#ffffff"),
        var("--pos", "#2f5d8a"),
        var("--neg", "#b35c1e"),
    );
    ctx.set_global_alpha(1.0);
    ctx.set_fill_style_str(&bg);
    ctx.fill_rect(0.0, 0.0, cols as f64 * px, rows as f64 * px);
    let max_abs = kernel
        .iter()
        .fold(0.0_f64, |a, v| a.max(v.abs()))
        .max(f64::MIN_POSITIVE);
    // Entries grouped by kernel weight, so the fill style and alpha are set
    // once per weight rather than once per entry (each set passes a colour
    // string to JS: 9 216 of them per frame at 32×32).
    let mut by_weight: Vec<Vec<(usize, usize)>> = vec![Vec::new(); kernel.len()];
    for r in 0..m.rows() {
        for tap in m.row(r) {
            let c = tap.col as usize;
            let at = to_c(transposed, r, c);
            if let Some(group) = by_weight.get_mut(tap.weight as usize) {
                group.push(at);
            }
        }
    }
    for (v, group) in kernel.iter().zip(&by_weight) {
        ctx.set_global_alpha(0.25 + 0.75 * v.abs() / max_abs);
        ctx.set_fill_style_str(if *v < 0.0 { &neg } else { &pos });
        for &(dr, dc) in group {
            ctx.fill_rect(dc as f64 * px, dr as f64 * px, dot(px), dot(px));
        }
    }
    ctx.set_global_alpha(1.0);
}

/// Draws, on the transparent canvas over the entries, the active rows and
/// columns as bands, the active entries filled and the keyboard cursor.
fn draw_highlights(
    ctx: &CanvasRenderingContext2d,
    m: &ConvMatrix,
    links: &Links,
    transposed: bool,
    px: f64,
    cursor: Option<(usize, usize)>,
) {
    let (rows, cols) = shown_shape(m, transposed);
    ctx.clear_rect(0.0, 0.0, cols as f64 * px, rows as f64 * px);
    let var = super::plot::css_var;
    let (row_mask, col_mask) = if transposed {
        (&links.cols, &links.rows)
    } else {
        (&links.rows, &links.cols)
    };
    if row_mask.iter().chain(col_mask).any(|&a| a) {
        ctx.set_fill_style_str(&var("--band", "rgba(230,160,0,0.18)"));
        for (r, _) in row_mask.iter().enumerate().filter(|(_, &a)| a) {
            ctx.fill_rect(0.0, r as f64 * px, cols as f64 * px, dot(px));
        }
        for (c, _) in col_mask.iter().enumerate().filter(|(_, &a)| a) {
            ctx.fill_rect(c as f64 * px, 0.0, dot(px), rows as f64 * px);
        }
        ctx.set_fill_style_str(&var("--active", "#e69f00"));
        for r in 0..m.rows() {
            for tap in m.row(r) {
                let c = tap.col as usize;
                if links.entry(r, c, tap.weight as usize) {
                    let (dr, dc) = to_c(transposed, r, c);
                    ctx.fill_rect(dc as f64 * px, dr as f64 * px, dot(px), dot(px));
                }
            }
        }
    }
    if let Some((r, c)) = cursor {
        // The keyboard cursor: a ring two entries wide, visible at 1 px per entry.
        ctx.set_stroke_style_str(&var("--focus", "#0b57d0"));
        ctx.set_line_width(2.0);
        let ring = 3.0 * dot(px);
        ctx.stroke_rect(c as f64 * px - dot(px), r as f64 * px - dot(px), ring, ring);
    }
}
