//! One row of a [`super::grid_view::GridView`]: its cells with value,
//! shade, highlight, accessible name and (for the edited cell) the editor.
//! A component of its own so that Yew skips rows whose props did not change.

use yew::prelude::*;

use crate::app::i18n::Lang;
use crate::app::value::format_exact;

/// The open cell editor and its handlers.
#[derive(Clone, PartialEq)]
pub struct CellEditor {
    /// Text typed so far.
    pub draft: String,
    /// The `<input>` (focused by the grid).
    pub node: NodeRef,
    /// Typing.
    pub oninput: Callback<InputEvent>,
    /// Wheel nudges while editing.
    pub onwheel: Callback<WheelEvent>,
    /// Leaving the editor commits.
    pub onblur: Callback<FocusEvent>,
}

/// Props of [`GridRow`].
#[derive(Properties, PartialEq, Clone)]
pub struct GridRowProps {
    /// Row index.
    pub row: usize,
    /// Columns.
    pub cols: usize,
    /// This row's values. Compared by value, not by the grid's pointer: an
    /// animation step changes a few cells, and only their rows re-render.
    pub values: Vec<Option<f64>>,
    /// This row's shown texts (`format_short`; empty for no value).
    pub texts: Vec<AttrValue>,
    /// This row's highlights.
    pub active: Vec<bool>,
    /// This row's dashed outlines (empty: none).
    pub marked: Vec<bool>,
    /// Column of the keyboard cursor, if it is in this row.
    pub cursor: Option<usize>,
    /// Column of the current animation step's own cell, if in this row.
    pub current: Option<usize>,
    /// The editor, if a cell of this row is being edited (at `cursor`).
    pub editor: Option<CellEditor>,
    /// Padding cells drawn left and right of the row.
    pub pads: Option<(Html, Html)>,
    /// Largest magnitude in the grid (for shading).
    pub max_abs: f64,
    /// The grid's name in words.
    pub label: AttrValue,
    /// Variable letter.
    pub var: AttrValue,
    /// See `GridViewProps::flat_width`.
    pub flat_width: Option<usize>,
    /// Cells are not editable.
    pub readonly: bool,
    /// Interface language.
    pub lang: Lang,
}

/// The classes a cell can have without a modifier: "cell", its colour step
/// 0…8 relative to the grid's largest magnitude, "neg" for negative values,
/// "empty" for no value. Indexed by [`shade`].
const SHADES: [&str; 18] = [
    "cell s0",
    "cell s1",
    "cell s2",
    "cell s3",
    "cell s4",
    "cell s5",
    "cell s6",
    "cell s7",
    "cell s8",
    "cell s1 neg",
    "cell s2 neg",
    "cell s3 neg",
    "cell s4 neg",
    "cell s5 neg",
    "cell s6 neg",
    "cell s7 neg",
    "cell s8 neg",
    "cell s0 empty",
];

/// Index in [`SHADES`] of a cell's classes.
fn shade(value: Option<f64>, max_abs: f64) -> usize {
    let Some(v) = value else {
        return SHADES.len() - 1;
    };
    if max_abs == 0.0 || v == 0.0 || !v.is_finite() {
        return 0;
    }
    let level = ((v.abs() / max_abs) * 8.0).ceil().clamp(1.0, 8.0) as usize;
    if v < 0.0 {
        8 + level
    } else {
        level
    }
}

/// The classes of a cell: its shade, and "editing", "current" (the
/// animation step's own cell) or "marked" when they apply. Nearly every cell
/// has none of the three: its value is then one of [`SHADES`], which a render
/// neither allocates nor copies.
fn cell_classes(
    value: Option<f64>,
    max_abs: f64,
    modifiers: [(bool, &'static str); 3],
) -> AttrValue {
    let shade = SHADES[shade(value, max_abs)];
    if modifiers.iter().all(|(on, _)| !on) {
        return AttrValue::Static(shade);
    }
    let mut classes = String::from(shade);
    for (_, name) in modifiers.iter().filter(|(on, _)| *on) {
        classes.push(' ');
        classes.push_str(name);
    }
    AttrValue::from(classes)
}

/// Row and column numbers as attribute values without allocating (grids
/// have at most 66 rows or columns, flattened vectors up to 4 356 rows).
fn index_attr(i: usize) -> AttrValue {
    const SMALL: [&str; 70] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
        "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46",
        "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61",
        "62", "63", "64", "65", "66", "67", "68", "69",
    ];
    SMALL
        .get(i)
        .map_or_else(|| AttrValue::from(i.to_string()), |s| AttrValue::Static(s))
}

impl GridRowProps {
    /// Whether this row must show its current props at once, even far from
    /// the screen: it has the keyboard cursor, the editor or the animation
    /// step's own cell.
    pub fn is_live(&self) -> bool {
        self.cursor.is_some() || self.editor.is_some() || self.current.is_some()
    }
}

/// One row of cells.
#[component]
pub fn GridRow(props: &GridRowProps) -> Html {
    let t = props.lang.strings();
    let r = props.row;
    let cells = (0..props.cols).map(|c| {
        let value = props.values.get(c).copied().flatten();
        let active = props.active.get(c).copied().unwrap_or(false);
        let is_cursor = props.cursor == Some(c);
        let text = props.texts.get(c).cloned().unwrap_or_default();
        let shown = if value.is_some() {
            text.as_str()
        } else {
            "—"
        };
        let (lr, lc) = match props.flat_width {
            Some(w) if w > 0 => (r / w, r % w),
            _ => (r, c),
        };
        // The cell's accessible name, e.g. "Input x[1,0] = 4": the notation is
        // the same in every language, only `label` is translated. Built with
        // one format! rather than a template fill: this runs for every cell.
        let name = |value: &str| format!("{} {}[{lr},{lc}] = {value}", props.label, props.var);
        let label = if active {
            format!("{} ({})", name(shown), t.cell_active())
        } else {
            name(shown)
        };
        let editor = props.editor.as_ref().filter(|_| is_cursor);
        let marked = props.marked.get(c).copied().unwrap_or(false);
        let current = props.current == Some(c);
        let class = cell_classes(
            value,
            props.max_abs,
            [
                (editor.is_some(), "editing"),
                (current, "current"),
                (marked, "marked"),
            ],
        );
        html! {
            <td role="gridcell"
                CLASS={class}
                data-row={index_attr(r)}
                data-col={index_attr(c)}
                data-value={value.map(format_exact)}
                data-active={active.then_some("true")}
                aria-label={label}
                aria-readonly={props.readonly.then_some("true")}
                tabindex={if is_cursor { "0" } else { "-1" }}>
                if let Some(ed) = editor {
                    <input ref={ed.node.clone()} class="cell-editor" type="text" inputmode="decimal"
                        aria-label={name("")}
                        value={ed.draft.clone()}
                        oninput={ed.oninput.clone()}
                        onwheel={ed.onwheel.clone()}
                        onblur={ed.onblur.clone()} />
                } else {
                    { text }
                }
            </td>
        }
    });
    let (left, right) = props.pads.clone().unwrap_or_default();
    // The row with the editor is marked for the stylesheet (it must not clip
    // the editor). A `tr:has(.editing)` selector did the same, but made the
    // browser check every class change of every cell against it: an edit's
    // style and script cost about 1 ms more at 16×16.
    let class = props.editor.is_some().then_some("editing-row");
    html! { <tr role="row" CLASS={class} data-r={index_attr(r)}>{ left }{ for cells }{ right }</tr> }
}
