//! One-sentence captions of animation steps, with the numbers and 0-based
//! indices: `x[1,0] = 4 adds 4·w[2,1] = 12 to y[3,1]`. Built from the
//! timeline in `src/math`; only the wording lives here.

use super::i18n::{fill, Lang};
use super::model::{Derived, Model};
use super::value::format_short;
use crate::math::{accumulate, Op, Pair, ZeroInsertion};

fn name(var: &str, p: Pair) -> String {
    format!("{var}[{},{}]", p.h, p.w)
}

/// The caption of zero-insertion step `position` (output cell `position`).
pub fn zero_caption(lang: Lang, derived: &Derived, z: &ZeroInsertion, position: usize) -> String {
    let t = lang.strings();
    let out = derived.geometry.output();
    if position >= out.area() {
        return t.cap_finished().to_string();
    }
    let cell = Pair::new(position / out.w, position % out.w);
    let taps = z.window(cell);
    let terms: Vec<String> = taps
        .iter()
        .map(|tap| {
            let w = z.flipped_kernel.get(tap.flipped.h, tap.flipped.w);
            format!("{}·{}", format_short(tap.value), format_short(w))
        })
        .collect();
    let sum = accumulate(taps.iter().map(|tap| tap.product));
    let meeting = taps
        .iter()
        .filter(|tap| z.source(tap.padded.h, tap.padded.w).is_some())
        .count();
    fill(
        t.cap_zero(),
        &[
            ("y", &name("y", cell)),
            ("terms", &terms.join(" + ")),
            ("sum", &format_short(sum)),
            ("n", &meeting),
            ("k", &taps.len()),
        ],
    )
}

/// The caption of the current position (`steps` = finished).
pub fn step_caption(lang: Lang, model: &Model, derived: &Derived, position: usize) -> String {
    let t = lang.strings();
    let Some(step) = derived.timeline.step(position) else {
        return t.cap_finished().to_string();
    };
    let k = &model.kernel;
    match model.op {
        Op::ConvTranspose2d => {
            let v = model.input.get(step.cell.h, step.cell.w);
            let terms: Vec<String> = step
                .taps
                .iter()
                .filter_map(|tap| {
                    let y = tap.cell?;
                    let w = k.get(tap.weight.h, tap.weight.w);
                    Some(fill(
                        t.cap_scatter_term(),
                        &[
                            ("v", &format_short(v)),
                            ("w", &name("w", tap.weight)),
                            ("p", &format_short(v * w)),
                            ("y", &name("y", y)),
                        ],
                    ))
                })
                .collect();
            let x = name("x", step.cell);
            if terms.is_empty() {
                return fill(t.cap_scatter_none(), &[("x", &x), ("v", &format_short(v))]);
            }
            let sep = if lang == Lang::Zh { "；" } else { "; " };
            fill(
                t.cap_scatter(),
                &[
                    ("x", &x),
                    ("v", &format_short(v)),
                    ("terms", &terms.join(sep)),
                ],
            )
        }
        Op::Conv2d => {
            let mut sum = 0.0;
            let terms: Vec<String> = step
                .taps
                .iter()
                .map(|tap| match tap.cell {
                    Some(x) => {
                        let (xv, wv) =
                            (model.input.get(x.h, x.w), k.get(tap.weight.h, tap.weight.w));
                        sum += xv * wv;
                        format!("{}·{}", format_short(xv), format_short(wv))
                    }
                    None => fill(
                        t.cap_gather_padding(),
                        &[
                            ("x", &format!("x[{},{}]", tap.reach.0, tap.reach.1)),
                            ("w", &name("w", tap.weight)),
                        ],
                    ),
                })
                .collect();
            fill(
                t.cap_gather(),
                &[
                    ("y", &name("y", step.cell)),
                    ("terms", &terms.join(" + ")),
                    ("sum", &format_short(sum)),
                ],
            )
        }
    }
}

/// For transposed convolution: how output cell `out` is built, as
/// `y[1,1] = 29 = 8 + 21`, from the input cells that reached it up to
/// `position`.
pub fn breakdown(
    lang: Lang,
    model: &Model,
    derived: &Derived,
    out: Pair,
    position: usize,
) -> Option<String> {
    if model.op != Op::ConvTranspose2d {
        return None;
    }
    let t = lang.strings();
    let parts = derived
        .timeline
        .contributions(&model.input, &model.kernel, out, position);
    let y = name("y", out);
    if parts.is_empty() {
        return Some(fill(t.cap_breakdown_none(), &[("y", &y)]));
    }
    let sum = accumulate(parts.iter().map(|(_, _, v)| *v));
    let terms: Vec<String> = parts.iter().map(|(_, _, v)| format_short(*v)).collect();
    Some(fill(
        t.cap_breakdown(),
        &[
            ("y", &y),
            ("sum", &format_short(sum)),
            ("terms", &terms.join(" + ")),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::State;

    #[test]
    fn article_captions() {
        let s = State::new(Default::default());
        let c = step_caption(Lang::En, &s.model, &s.derived, 2);
        assert!(
            c.starts_with("x[1,0] = 4 adds 4·w[0,0] = 4 to y[1,0]"),
            "{c}"
        );
        assert!(c.contains("4·w[2,1] = 12 to y[3,1]"), "{c}");
        let b = breakdown(Lang::En, &s.model, &s.derived, Pair::new(1, 1), 4).unwrap();
        assert_eq!(b, "y[1,1] = 29 = 8 + 1 + 16 + 4");
        let conv = State::from_model(
            std::rc::Rc::new(Model::article(Op::Conv2d)),
            Default::default(),
        );
        let c = step_caption(Lang::En, &conv.model, &conv.derived, 0);
        assert_eq!(
            c,
            "y[0,0] = 4·1 + 5·4 + 8·1 + 1·1 + 8·4 + 8·3 + 3·3 + 6·3 + 6·1 = 122."
        );
    }
}
