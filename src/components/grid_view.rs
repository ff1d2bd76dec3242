//! One grid (input, kernel or output) as an ARIA grid: arrow keys move,
//! Enter or typing edits, Enter/Tab commits, Escape cancels; hover, focus
//! and click report the cell for linked highlighting.
//!
//! Events are delegated to the `<table>` and read `data-row`/`data-col`
//! from the target, so a 64×64 grid has a handful of listeners, not 4096.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::grid_row::{CellEditor, GridRow, GridRowProps};
use crate::app::hooks::{use_effect_on, use_element_ref, use_local_state, use_memo_on};
use crate::app::on_screen::use_lagging_rows;
use crate::app::Dispatch;

use crate::app::i18n::Lang;
use crate::app::state::{Action, CellRef, Control};
use crate::app::value::{format_exact, format_short, parse_value};
use crate::app::Shared;
use crate::math::{Pair, Role};

/// A vertical drag in progress on an editable cell.
struct Drag {
    cell: Pair,
    start_y: i32,
    value: f64,
    steps: i32,
    moved: bool,
}

/// The grid a cell stands for (flattened vectors stand for the input or output).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKind {
    /// Input x.
    Input,
    /// Kernel w.
    Kernel,
    /// Output y.
    Output,
}

impl GridKind {
    /// The highlight reference of cell `p`.
    pub fn cell(self, p: Pair) -> CellRef {
        match self {
            GridKind::Input => CellRef::Input(p),
            GridKind::Kernel => CellRef::Kernel(p),
            GridKind::Output => CellRef::Output(p),
        }
    }
}

/// Props of [`GridView`].
#[derive(Properties, PartialEq, Clone)]
pub struct GridViewProps {
    /// `data-grid` name: "input", "kernel", "output", …
    pub name: AttrValue,
    /// Heading in words, e.g. "Input".
    pub label: AttrValue,
    /// Variable letter used in cell names: x, w, y.
    pub var: AttrValue,
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Values, row-major; `None` for a cell with no value yet.
    pub values: Shared<Vec<Option<f64>>>,
    /// Cells connected to the focus, row-major.
    pub active: Shared<Vec<bool>>,
    /// Which grid this grid's cells stand for, for highlighting.
    pub kind: GridKind,
    /// Editable grids name their role.
    #[prop_or_default]
    pub editable: Option<Role>,
    /// Cell to emphasise (the current animation step's own cell).
    #[prop_or_default]
    pub current: Option<Pair>,
    /// For a flattened vector (one column): the width of the grid it came
    /// from, so cell i names and links grid cell (i / width, i % width).
    #[prop_or_default]
    pub flat_width: Option<usize>,
    /// Cells drawn with a dashed outline (e.g. the input cells inside the
    /// zero-inserted grid), row-major.
    #[prop_or_default]
    pub marked: Option<Shared<Vec<bool>>>,
    /// Zero padding drawn around the grid (convolution input), per side.
    #[prop_or_default]
    pub pad: Pair,
    /// Padding positions (relative to the grid) in the focused window.
    #[prop_or_default]
    pub pad_active: Option<Shared<Vec<(i64, i64)>>>,
    /// Interface language.
    pub lang: Lang,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

fn cell_of(target: Option<web_sys::EventTarget>) -> Option<Pair> {
    let cell = cell_element(target)?;
    let r = cell.get_attribute("data-row")?.parse().ok()?;
    let c = cell.get_attribute("data-col")?.parse().ok()?;
    Some(Pair::new(r, c))
}

/// The part of a row-major grid vector that is one row (`span`), or
/// nothing when the vector is shorter (e.g. no highlights given).
fn row_part<T: Clone>(v: &[T], span: &std::ops::Range<usize>) -> Vec<T> {
    v.get(span.clone()).map(<[T]>::to_vec).unwrap_or_default()
}

/// Grids of at least this many cells (from 23×23; the flattened vectors
/// are drawn only up to 256 cells) render their rows far from the screen
/// after the frame ([`use_lagging_rows`]), and catch them up this many
/// cells per task; smaller ones render every row with every change.
pub const LAG_MIN_CELLS: usize = 512;

/// Cell widths, in characters of the widest shown value (`.chars-N` in the
/// style sheet); `format_short` gives at most 9 characters, and a longer
/// text would overflow its cell rather than widen the grid.
const CHARS_MIN: usize = 3;
const CHARS_MAX: usize = 9;
const CHARS_CLASSES: [&str; CHARS_MAX - CHARS_MIN + 1] = [
    "chars-3", "chars-4", "chars-5", "chars-6", "chars-7", "chars-8", "chars-9",
];

/// Whether the focus that `e` (a focusout) moves goes to an element inside
/// `container`, i.e. stays within the same grid or matrix.
pub fn focus_stays_in(e: &FocusEvent, container: Option<&web_sys::Node>) -> bool {
    e.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .zip(container)
        .is_some_and(|(to, container)| container.contains(Some(&to)))
}

/// The grid cell (`[data-row]`) an event target is in.
fn cell_element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    let el: Element = target?.dyn_into().ok()?;
    el.closest("[data-row]").ok()?
}

/// Moves focus from the cell editor to its cell while the page is clean.
/// Removing a focused element makes the browser restyle and lay out the
/// whole page at that moment — after the edit's changes are in, that is a
/// second full layout in the same frame.
fn focus_cell_of(target: Option<web_sys::EventTarget>) {
    let cell = cell_element(target).and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(cell) = cell {
        let _ = cell.focus();
    }
}

/// An input, kernel or output grid.
#[component]
pub fn GridView(props: &GridViewProps) -> Html {
    let cursor = use_local_state(|| Pair::new(0, 0));
    let editing = use_local_state(|| None::<String>);
    let table = use_element_ref();
    let editor = use_element_ref();
    // Bumped when keyboard navigation should move DOM focus to the cursor cell.
    let focus_token = use_local_state(|| 0u32);
    // Set while Enter or Escape closes the editor: removing the focused
    // editor fires blur/focusout, which must neither commit a second time
    // nor clear the highlight the refocused cell sets again (each would be
    // one more page-wide render per edit).
    let closing = use_mut_ref(|| false);
    let cursor_v = Pair::new(
        cursor.h.min(props.rows.saturating_sub(1)),
        cursor.w.min(props.cols.saturating_sub(1)),
    );

    {
        let table = table.clone();
        let editor = editor.clone();
        let editing_now = editing.is_some();
        let closing = closing.clone();
        use_effect_on((*focus_token, editing_now), move |(token, editing_now)| {
            *closing.borrow_mut() = false;
            if *editing_now {
                if let Some(input) = editor.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    let len = input.value().len() as u32;
                    let _ = input.set_selection_range(len, len);
                }
            } else if *token > 0 {
                if let Some(table) = table.cast::<Element>() {
                    if let Ok(Some(cell)) = table.query_selector("[tabindex='0']") {
                        if let Ok(cell) = cell.dyn_into::<HtmlElement>() {
                            let _ = cell.focus();
                        }
                    }
                }
            }
        });
    }

    let commit = {
        let editing = editing.clone();
        let dispatch = props.dispatch.clone();
        let role = props.editable;
        move |text: &str, at: Pair| {
            if let Some(role) = role {
                match parse_value(text) {
                    Ok(v) => dispatch.dispatch(Action::EditCell(role, at, v)),
                    Err(e) => dispatch.dispatch(Action::RefuseValue(Control::Grid(role), e)),
                }
            }
            editing.set(None);
        }
    };

    let onkeydown = {
        let cursor = cursor.clone();
        let editing = editing.clone();
        let focus_token = focus_token.clone();
        let dispatch = props.dispatch.clone();
        let (rows, cols) = (props.rows, props.cols);
        let values = props.values.clone();
        let editable = props.editable.is_some();
        let commit = commit.clone();
        let closing = closing.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(draft) = (*editing).clone() {
                match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        *closing.borrow_mut() = true;
                        focus_cell_of(e.target());
                        commit(&draft, cursor_v);
                        focus_token.set(*focus_token + 1);
                    }
                    "Tab" => commit(&draft, cursor_v),
                    "Escape" => {
                        e.prevent_default();
                        e.stop_propagation();
                        *closing.borrow_mut() = true;
                        focus_cell_of(e.target());
                        editing.set(None);
                        focus_token.set(*focus_token + 1);
                    }
                    _ => {}
                }
                return;
            }
            let at = cell_of(e.target()).unwrap_or(cursor_v);
            let mut to = at;
            match e.key().as_str() {
                "ArrowUp" => to.h = at.h.saturating_sub(1),
                "ArrowDown" => to.h = (at.h + 1).min(rows - 1),
                "ArrowLeft" => to.w = at.w.saturating_sub(1),
                "ArrowRight" => to.w = (at.w + 1).min(cols - 1),
                "Home" if e.ctrl_key() => to = Pair::new(0, 0),
                "End" if e.ctrl_key() => to = Pair::new(rows - 1, cols - 1),
                "Home" => to.w = 0,
                "End" => to.w = cols - 1,
                "Enter" | "F2" if editable => {
                    e.prevent_default();
                    let v = values
                        .get(at.h * cols + at.w)
                        .copied()
                        .flatten()
                        .unwrap_or(0.0);
                    cursor.set(at);
                    editing.set(Some(format_exact(v)));
                    return;
                }
                "Escape" => {
                    dispatch.dispatch(Action::ClearFocus);
                    return;
                }
                k if editable
                    && k.chars().count() == 1
                    && !e.ctrl_key()
                    && !e.meta_key()
                    && !e.alt_key()
                    && k != " " =>
                {
                    e.prevent_default();
                    cursor.set(at);
                    editing.set(Some(k.to_string()));
                    return;
                }
                _ => return,
            }
            e.prevent_default();
            // Keep the page's own shortcuts (←/→ step the animation) out of grids.
            e.stop_propagation();
            cursor.set(to);
            focus_token.set(*focus_token + 1);
        })
    };

    let cell_ref = {
        let kind = props.kind;
        let flat = props.flat_width;
        move |p: Pair| match flat {
            Some(w) if w > 0 => kind.cell(Pair::new(p.h / w, p.h % w)),
            _ => kind.cell(p),
        }
    };
    let onmouseover = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(p) = cell_of(e.target()) {
                dispatch.dispatch(Action::Hover(Some(cell_ref(p))));
            }
        })
    };
    let onmouseleave = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Hover(None)))
    };
    let onfocusin = {
        let dispatch = props.dispatch.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(p) = cell_of(e.target()) {
                if *cursor != p {
                    cursor.set(p);
                }
                dispatch.dispatch(Action::Hover(Some(cell_ref(p))));
            }
        })
    };
    let onfocusout = {
        let dispatch = props.dispatch.clone();
        let table = table.clone();
        let closing = closing.clone();
        Callback::from(move |e: FocusEvent| {
            if *closing.borrow() {
                return;
            }
            // Focus moving to another cell or into the cell editor stays in
            // the grid: clearing the highlight would re-render the whole page
            // only for the next focusin to set it again.
            if !focus_stays_in(&e, table.cast::<web_sys::Node>().as_ref()) {
                dispatch.dispatch(Action::Hover(None));
            }
        })
    };
    // Dragging vertically on an editable cell with a mouse or a pen nudges
    // its value by 1 per 8 px; a drag is not a click, so it does not pin.
    // Not by touch: on a phone these grids fill the width, and a swipe
    // over them must scroll the page (touch edits by double tap).
    let drag = use_mut_ref(|| None::<Drag>);
    let onpointerdown = {
        let drag = drag.clone();
        let values = props.values.clone();
        let cols = props.cols;
        let editable = props.editable.is_some() && editing.is_none();
        Callback::from(move |e: PointerEvent| {
            if !editable || e.button() != 0 || e.pointer_type() == "touch" {
                return;
            }
            if let Some(p) = cell_of(e.target()) {
                let value = values
                    .get(p.h * cols + p.w)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0);
                *drag.borrow_mut() = Some(Drag {
                    cell: p,
                    start_y: e.client_y(),
                    value,
                    steps: 0,
                    moved: false,
                });
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let dispatch = props.dispatch.clone();
        let role = props.editable;
        Callback::from(move |e: PointerEvent| {
            let mut state = drag.borrow_mut();
            let (Some(d), Some(role)) = (state.as_mut(), role) else {
                return;
            };
            if e.buttons() & 1 == 0 {
                *state = None;
                return;
            }
            let steps = (d.start_y - e.client_y()) / 8;
            if steps != d.steps {
                d.steps = steps;
                d.moved = true;
                let value = (d.value + steps as f64)
                    .clamp(-crate::math::MAX_ABS_VALUE, crate::math::MAX_ABS_VALUE);
                dispatch.dispatch(Action::EditCell(role, d.cell, value));
            }
        })
    };
    let onclick = {
        let dispatch = props.dispatch.clone();
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let dragged = drag.borrow_mut().take().is_some_and(|d| d.moved);
            if dragged {
                return;
            }
            if let Some(p) = cell_of(e.target()) {
                dispatch.dispatch(Action::TogglePin(cell_ref(p)));
            }
        })
    };
    // The wheel nudges only the value being edited, never a merely hovered
    // cell: inside a course page the wheel must scroll the page.
    let onwheel = {
        let editing = editing.clone();
        Callback::from(move |e: WheelEvent| {
            let Some(draft) = (*editing).clone() else {
                return;
            };
            let Ok(v) = parse_value(&draft) else { return };
            e.prevent_default();
            let step = if e.delta_y() < 0.0 { 1.0 } else { -1.0 };
            editing.set(Some(format_exact(v + step)));
        })
    };
    let ondblclick = {
        let editing = editing.clone();
        let cursor = cursor.clone();
        let values = props.values.clone();
        let cols = props.cols;
        let editable = props.editable.is_some();
        Callback::from(move |e: MouseEvent| {
            if let (true, Some(p)) = (editable, cell_of(e.target())) {
                let v = values
                    .get(p.h * cols + p.w)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0);
                cursor.set(p);
                editing.set(Some(format_exact(v)));
            }
        })
    };
    let oninput = {
        let editing = editing.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                editing.set(Some(input.value()));
            }
        })
    };
    let onblur_editor = {
        let editing = editing.clone();
        let commit = commit.clone();
        let closing = closing.clone();
        Callback::from(move |_: FocusEvent| {
            if *closing.borrow() {
                return;
            }
            if let Some(draft) = (*editing).clone() {
                commit(&draft, cursor_v);
            }
        })
    };

    // Each value's shown text, once per change of values (not per row
    // render), and the widest one: every cell of a grid gets that fixed
    // width, so a changed value never makes the browser re-measure the grid.
    let texts = use_memo_on(props.values.clone(), |values| {
        let texts: Vec<AttrValue> = values
            .iter()
            .map(|v| v.map_or(AttrValue::Static(""), |v| format_short(v).into()))
            .collect();
        let widest = texts.iter().map(|t| t.chars().count()).max().unwrap_or(1);
        (Shared::new(texts), widest)
    });
    let (texts, widest) = (texts.0.clone(), texts.1);
    let max_abs = props
        .values
        .iter()
        .flatten()
        .fold(0.0_f64, |m, v| m.max(v.abs()));
    let pad = props.pad;
    let pad_cells = |r: i64, cols: std::ops::Range<i64>| {
        cols.map(|c| {
            let active = props.pad_active.as_ref().is_some_and(|p| p.contains(&(r, c)));
            html! {
                <td class="cell pad" aria-hidden="true" data-pad="" data-active={active.then_some("true")}>{ "0" }</td>
            }
        })
        .collect::<Html>()
    };
    let pad_row = |r: i64| {
        let cells = pad_cells(r, -(pad.w as i64)..(props.cols + pad.w) as i64);
        html! { <tr class="pad-row" aria-hidden="true">{ cells }</tr> }
    };
    let top = (-(pad.h as i64)..0).map(pad_row);
    let bottom = (props.rows as i64..(props.rows + pad.h) as i64).map(pad_row);
    let cols = props.cols;
    // One memoised row component per grid row: a hover that changes which
    // cells are active re-renders only the rows whose highlights changed.
    let rows: Vec<GridRowProps> = (0..props.rows)
        .map(|r| {
            let span = r * cols..(r + 1) * cols;
            let editor = (cursor_v.h == r && editing.is_some()).then(|| CellEditor {
                draft: (*editing).clone().unwrap_or_default(),
                node: editor.clone(),
                oninput: oninput.clone(),
                onwheel: onwheel.clone(),
                onblur: onblur_editor.clone(),
            });
            let pads = (pad.w > 0).then(|| {
                (
                    pad_cells(r as i64, -(pad.w as i64)..0),
                    pad_cells(r as i64, cols as i64..(cols + pad.w) as i64),
                )
            });
            GridRowProps {
                row: r,
                cols,
                values: row_part(&props.values, &span),
                texts: row_part(&texts, &span),
                active: row_part(&props.active, &span),
                marked: props
                    .marked
                    .as_ref()
                    .map(|m| row_part(m, &span))
                    .unwrap_or_default(),
                cursor: (cursor_v.h == r).then_some(cursor_v.w),
                current: props.current.filter(|p| p.h == r).map(|p| p.w),
                editor,
                pads,
                max_abs,
                label: props.label.clone(),
                var: props.var.clone(),
                flat_width: props.flat_width,
                readonly: props.editable.is_none(),
                lang: props.lang,
            }
        })
        .collect();
    // Long grids render the rows far from the screen after the frame.
    let lag = props.rows * props.cols >= LAG_MIN_CELLS;
    let slice = (LAG_MIN_CELLS / cols.max(1)).max(1);
    let rows = use_lagging_rows(table.clone(), rows, GridRowProps::is_live, slice, lag);
    let rows = rows.into_iter().map(|row| {
        let key = row.row;
        html! { <GridRow {key} ..row /> }
    });

    html! {
        <figure CLASS={format!("grid grid-{}", props.name)}>
            <figcaption>
                <span class="grid-label">{ props.label.clone() }</span>
                <span class="grid-shape">{ format!(" {} ({}×{})", props.var, props.rows, props.cols) }</span>
            </figcaption>
            <table ref={table}
                role="grid"
                CLASS={CHARS_CLASSES[widest.clamp(CHARS_MIN, CHARS_MAX) - CHARS_MIN]}
                aria-label={format!("{} {}×{}", props.label, props.rows, props.cols)}
                data-grid={props.name.clone()}
                data-rows={props.rows.to_string()}
                data-cols={props.cols.to_string()}
                {onkeydown} {onmouseover} {onmouseleave} {onfocusin} {onfocusout} {onclick} {ondblclick}
                {onpointerdown} {onpointermove}>
                { for top }
                { for rows }
                { for bottom }
            </table>
        </figure>
    }
}
