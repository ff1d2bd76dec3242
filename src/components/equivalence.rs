//! Three computations of the transposed convolution side by side — the
//! scatter loop, Cᵀ·vec(x), and zero insertion with the 180°-rotated kernel —
//! each by its own code path in `src/math`, with the largest difference
//! between them and the multiplication counts.

use yew::prelude::*;

use super::grid_view::{GridKind, GridView};
use super::hint;
use super::transposed_only::{transposed_section, SectionName};
use crate::app::hooks::use_memo_on;
use crate::app::i18n::{fill, Lang};
use crate::app::links::Links;
use crate::app::model::{Derived, Model};
use crate::app::value::format_exact;
use crate::app::{Dispatch, Shared};
use crate::math::{conv_transpose2d_unchecked, Grid, Op, ZeroInsertion};

/// Largest grid drawn cell by cell here (a 24×24 grid). Larger ones are
/// thousands of DOM cells whose restyling made every edit slow at 32×32;
/// the badge and the counts still compare them.
const DRAW_LIMIT: usize = 576;

/// Props of [`Equivalence`].
#[derive(Properties, PartialEq, Clone)]
pub struct EquivalenceProps {
    /// The problem.
    pub model: Shared<Model>,
    /// Its derived data.
    pub derived: Shared<Derived>,
    /// Highlights.
    pub links: Shared<Links>,
    /// Interface language.
    pub lang: Lang,
    /// Reducer dispatch.
    pub dispatch: Dispatch,
}

/// Everything the section shows, computed once per model (the values as
/// shared vectors, so a hover that only moves highlights re-renders no cell
/// whose value is unchanged).
pub struct Computations {
    scatter: (Grid, Shared<Vec<Option<f64>>>),
    matrix: (Grid, Shared<Vec<Option<f64>>>),
    padded: Shared<Vec<Option<f64>>>,
    flipped: Shared<Vec<Option<f64>>>,
    output: Shared<Vec<Option<f64>>>,
    zero: ZeroInsertion,
    max_diff: f64,
}

fn compute(model: &Model, derived: &Derived) -> Option<Computations> {
    let g = derived.geometry;
    if g.op() != Op::ConvTranspose2d {
        return None;
    }
    let scatter = conv_transpose2d_unchecked(&g, &model.input, &model.kernel);
    let out = g.output();
    let matrix = Grid::from_vec(
        out.h,
        out.w,
        derived
            .matrix
            .mul_transposed(&model.kernel, model.input.data()),
    )
    .ok()?;
    let zero = ZeroInsertion::new(&g, &model.input, &model.kernel);
    let max_diff = [
        scatter.max_abs_diff(&matrix),
        scatter.max_abs_diff(&zero.output),
        matrix.max_abs_diff(&zero.output),
    ]
    .into_iter()
    .map(|d| d.unwrap_or(f64::INFINITY))
    .fold(0.0, f64::max);
    Some(Computations {
        scatter: (scatter.clone(), values(&scatter)),
        matrix: (matrix.clone(), values(&matrix)),
        padded: values(&zero.padded),
        flipped: values(&zero.flipped_kernel),
        output: values(&zero.output),
        zero,
        max_diff,
    })
}

fn values(g: &Grid) -> Shared<Vec<Option<f64>>> {
    Shared::new(g.data().iter().copied().map(Some).collect())
}

/// The three-way comparison.
#[component]
pub fn Equivalence(props: &EquivalenceProps) -> Html {
    let t = props.lang.strings();
    let computed = use_memo_on((props.model.clone(), props.derived.clone()), |(m, d)| {
        compute(m, d)
    });
    let section = SectionName {
        name: "equivalence",
        heading_id: "equiv-heading",
        heading: t.equiv_heading(),
    };
    let Some(c) = computed.as_ref() else {
        return transposed_section(section, props.lang, &props.dispatch, None);
    };
    let lang = props.lang;
    let grid = |name: &'static str,
                label: &'static str,
                var: &'static str,
                (g, vals): (&Grid, &Shared<Vec<Option<f64>>>),
                active: Vec<bool>,
                kind: GridKind,
                marked: Option<Shared<Vec<bool>>>| {
        if g.len() > DRAW_LIMIT {
            return html! {
                <p class="hint" data-grid-too-large={name}>
                    { fill(t.too_large_to_draw(), &[("name", &label), ("rows", &g.rows()), ("cols", &g.cols())]) }
                </p>
            };
        }
        html! {
            <GridView name={name} label={label} var={var} rows={g.rows()} cols={g.cols()}
                values={vals.clone()} active={Shared::new(active)} kind={kind} marked={marked}
                lang={lang} dispatch={props.dispatch.clone()} />
        }
    };
    let z = &c.zero;
    let out_active = props.links.output.clone();
    // Input cells inside the stretched, padded grid are outlined as active
    // when linked, like everywhere else.
    let padded_active: Vec<bool> = if !props.links.window.is_empty() {
        props.links.window.clone()
    } else {
        (0..z.padded.len())
            .map(|i| {
                let (r, col) = (i / z.padded.cols(), i % z.padded.cols());
                z.source(r, col)
                    .is_some_and(|p| props.links.input[p.h * props.model.input.cols() + p.w])
            })
            .collect()
    };
    let sources = Shared::new(
        (0..z.padded.len())
            .map(|i| z.source(i / z.padded.cols(), i % z.padded.cols()).is_some())
            .collect::<Vec<bool>>(),
    );
    let kernel_active = props.links.kernel.clone();
    let k = props.model.kernel.shape();
    // The flipped kernel's cell (a, b) holds w[k−1−a, k−1−b].
    let flipped_active: Vec<bool> = if !props.links.flipped.is_empty() {
        props.links.flipped.clone()
    } else {
        (0..k.area())
            .map(|i| kernel_active[k.area() - 1 - i])
            .collect()
    };
    let s = props.model.params.stride;
    let note = fill(
        t.zero_inserted_note(),
        &[
            // Per axis when the strides differ, as the borders are given.
            (
                "s",
                &if s.h == s.w {
                    format!("{}", s.h - 1)
                } else {
                    format!("({}, {})", s.h - 1, s.w - 1)
                },
            ),
            ("before", &format!("({}, {})", z.before.0, z.before.1)),
            ("after", &format!("({}, {})", z.after.0, z.after.1)),
        ],
    );
    let nnz = props.derived.matrix.nnz();
    let counts = fill(
        t.mult_counts(),
        &[
            ("scatter", &nnz),
            ("matrix", &nnz),
            ("zero", &z.multiplications),
            ("zeros", &(z.multiplications - z.nonzero_multiplications)),
        ],
    );
    let body = html! {
        <>
            <p class="intro">{ t.equiv_intro() }</p>
            <div class="grid-row">
                <div class="grid-slot">
                    { grid("zero-inserted", t.zero_inserted(), "p", (&z.padded, &c.padded), padded_active, GridKind::Input, Some(sources)) }
                    { hint(note) }
                </div>
                <div class="grid-slot">
                    { grid("flipped-kernel", t.flipped_kernel(), "w'", (&z.flipped_kernel, &c.flipped), flipped_active, GridKind::Kernel, None) }
                    { hint(t.flip_note()) }
                </div>
            </div>
            <div class="grid-row three">
                { grid("via-scatter", t.via_scatter(), "y", (&c.scatter.0, &c.scatter.1), out_active.clone(), GridKind::Output, None) }
                { grid("via-matrix", t.via_matrix(), "y", (&c.matrix.0, &c.matrix.1), out_active.clone(), GridKind::Output, None) }
                { grid("via-zero-insertion", t.via_zero(), "y", (&z.output, &c.output), out_active, GridKind::Output, None) }
            </div>
            <p CLASS={if c.max_diff == 0.0 { "badge ok" } else { "badge" }}
                data-check="equivalence" data-max-abs-diff={format_exact(c.max_diff)}>
                { fill(t.max_diff(), &[("d", &format_exact(c.max_diff))]) }
            </p>
            <p class="counts" data-counts="">{ counts }</p>
        </>
    };
    transposed_section(section, props.lang, &props.dispatch, Some(body))
}
