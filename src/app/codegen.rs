//! Copyable PyTorch code for the current state: the functional form and the
//! module form, with the tensors shaped `(1, 1, H, W)` and the expected
//! result. A test parses the snippet back and recomputes it with `src/math`.

use super::model::Model;
use super::value::format_exact;
use crate::math::{Grid, Op, Pair};

/// A Python float literal that parses back to exactly `v`.
fn py_float(v: f64) -> String {
    let s = format_exact(v);
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

fn py_grid(g: &Grid) -> String {
    let rows: Vec<String> = g.to_rows().iter().map(|r| py_row(r)).collect();
    format!("[{}]", rows.join(", "))
}

fn tuple(p: Pair) -> String {
    format!("({}, {})", p.h, p.w)
}

/// The snippet for `model`, whose result is `output`.
pub fn pytorch(model: &Model, output: &Grid) -> String {
    let (x, w, p) = (&model.input, &model.kernel, &model.params);
    let mut args = format!("stride={}, padding={}", tuple(p.stride), tuple(p.padding));
    if model.op == Op::ConvTranspose2d {
        args.push_str(&format!(", output_padding={}", tuple(p.output_padding)));
    }
    args.push_str(&format!(", dilation={}", tuple(p.dilation)));
    let (function, module, layout) = match model.op {
        Op::ConvTranspose2d => (
            "conv_transpose2d",
            "ConvTranspose2d",
            "ConvTranspose2d keeps its weight as (C_in, C_out/groups, kH, kW)",
        ),
        Op::Conv2d => (
            "conv2d",
            "Conv2d",
            "Conv2d keeps its weight as (C_out, C_in/groups, kH, kW)",
        ),
    };
    let expected: Vec<String> = output
        .to_rows()
        .iter()
        .map(|r| format!("#  {}", py_row(r)))
        .collect();
    format!(
        "import torch\n\
         import torch.nn.functional as F\n\
         \n\
         x = torch.tensor({xs}, dtype=torch.float64).reshape(1, 1, {xh}, {xw})\n\
         w = torch.tensor({ws}, dtype=torch.float64).reshape(1, 1, {wh}, {ww})\n\
         y = F.{function}(x, w, {args})\n\
         print(y[0, 0])\n\
         # expected ({oh}×{ow}):\n\
         {expected}\n\
         \n\
         # The same as a module; {layout}.\n\
         m = torch.nn.{module}(1, 1, kernel_size={k}, {args}, bias=False).double()\n\
         with torch.no_grad():\n    m.weight.copy_(w)\n\
         print(m(x)[0, 0])\n",
        xs = py_grid(x),
        xh = x.rows(),
        xw = x.cols(),
        ws = py_grid(w),
        wh = w.rows(),
        ww = w.cols(),
        oh = output.rows(),
        ow = output.cols(),
        expected = expected.join("\n"),
        k = tuple(w.shape()),
    )
}

fn py_row(r: &[f64]) -> String {
    format!(
        "[{}]",
        r.iter()
            .map(|v| py_float(*v))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::presets::Preset;
    use crate::math::{conv2d, conv_transpose2d, ConvParams};

    /// Parses `[[a, b], [c, d]]`.
    fn parse_nested(s: &str) -> Vec<Vec<f64>> {
        s.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split("], [")
            .map(|row| {
                row.split(", ")
                    .map(|v| v.trim_matches(['[', ']']).parse().unwrap())
                    .collect()
            })
            .collect()
    }

    fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
        let from = s.find(start).unwrap() + start.len();
        let to = from + s[from..].find(end).unwrap();
        &s[from..to]
    }

    fn pair(s: &str, name: &str) -> Pair {
        let inner = between(s, &format!("{name}=("), ")");
        let (h, w) = inner.split_once(", ").unwrap();
        Pair::new(h.parse().unwrap(), w.parse().unwrap())
    }

    /// Reads the snippet back (tensors, their reshape, the call's keyword
    /// arguments, the expected block) and recomputes it with `src/math`.
    fn round_trip(model: &Model) {
        let out = match model.op {
            Op::Conv2d => conv2d(&model.input, &model.kernel, &model.params).unwrap(),
            Op::ConvTranspose2d => {
                conv_transpose2d(&model.input, &model.kernel, &model.params).unwrap()
            }
        };
        let code = pytorch(model, &out);
        let x = Grid::from_rows(&parse_nested(between(
            &code,
            "x = torch.tensor(",
            ", dtype",
        )))
        .unwrap();
        let w = Grid::from_rows(&parse_nested(between(
            &code,
            "w = torch.tensor(",
            ", dtype",
        )))
        .unwrap();
        assert!(code.contains(&format!("reshape(1, 1, {}, {})", x.rows(), x.cols())));
        assert!(code.contains(&format!("reshape(1, 1, {}, {})", w.rows(), w.cols())));
        let call = between(&code, "y = F.", "\n");
        let mut params = ConvParams {
            stride: pair(call, "stride"),
            padding: pair(call, "padding"),
            dilation: pair(call, "dilation"),
            ..ConvParams::default()
        };
        let recomputed = if call.starts_with("conv_transpose2d(x, w, ") {
            params.output_padding = pair(call, "output_padding");
            conv_transpose2d(&x, &w, &params).unwrap()
        } else {
            assert!(call.starts_with("conv2d(x, w, "));
            conv2d(&x, &w, &params).unwrap()
        };
        let expected: Vec<Vec<f64>> = code
            .lines()
            .filter_map(|l| l.strip_prefix("#  "))
            .map(|l| parse_nested(&format!("[{l}]"))[0].clone())
            .collect();
        assert_eq!(recomputed.to_rows(), expected);
        assert_eq!(recomputed, out);
        assert_eq!((x, w), (model.input.clone(), model.kernel.clone()));
        assert!(code.contains("bias=False"));
    }

    #[test]
    fn snippets_parse_back_to_the_same_result() {
        for preset in Preset::ALL {
            for op in [Op::Conv2d, Op::ConvTranspose2d] {
                round_trip(&preset.model(op));
            }
        }
        let mut odd = Preset::Dcgan.model(Op::ConvTranspose2d);
        odd.params.output_padding = Pair::new(1, 0);
        odd.input.set(0, 0, -0.125);
        round_trip(&odd);
    }

    #[test]
    fn article_snippet() {
        let m = Model::article(Op::ConvTranspose2d);
        let out = conv_transpose2d(&m.input, &m.kernel, &m.params).unwrap();
        let code = pytorch(&m, &out);
        assert!(code.contains(
            "x = torch.tensor([[2.0, 1.0], [4.0, 4.0]], dtype=torch.float64).reshape(1, 1, 2, 2)"
        ));
        assert!(code.contains("F.conv_transpose2d(x, w, stride=(1, 1), padding=(0, 0), output_padding=(0, 0), dilation=(1, 1))"));
        assert!(code.contains("#  [6.0, 29.0, 30.0, 7.0]"));
        assert!(code.contains("torch.nn.ConvTranspose2d(1, 1, kernel_size=(3, 3)"));
    }
}
