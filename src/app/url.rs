//! The page's state in its query string — a public interface that course
//! pages link and embed with (every parameter is listed in the README).
//!
//! ```text
//! op=conv_transpose2d|conv2d  input=2,1;4,4  kernel=1,4,1;1,4,3;3,3,1
//! stride=N|H,W  padding=…  output_padding=…  dilation=…  step=K
//! lang=en|zh  theme=auto|light|dark  embed=1  section=all|grids|matrix
//! readonly=1  controls=0  autoplay=1  speed=0.25…4  mode=direct|zero-insertion
//! ```
//!
//! A missing parameter takes its default; for a duplicated one the first
//! wins; unknown ones are ignored; one that does not parse takes its default
//! and yields an alert. If the combination is invalid, the parameter the
//! error names takes its default, repeatedly, until the model is valid.
//! Grids are refused by row and column count before their values are parsed.

use super::i18n::Lang;
use super::model::Model;
use super::prefs::{resize_from_word, resize_word, Prefs, Section, Stepping, Theme};
use super::state::{Alert, Loaded, ParamKind, State, UrlReason, SPEED_RANGE};
use super::value::{
    format_exact, format_grid, format_pair, parse_grid, parse_pair, parse_value, ValueError,
};
use crate::math::caps::{MAX_INPUT, MAX_KERNEL};
use crate::math::{ConvParams, Grid, Op, Resize};

/// Parameters after this many `&`-separated pieces are ignored, so a huge
/// query costs no more than a normal one.
const MAX_PIECES: usize = 64;

/// Decodes `%XX` escapes and nothing else: `+` stays `+` because it is a
/// legal exponent sign in values. Invalid escapes are kept as text, and so
/// is the whole text if its escapes do not decode to UTF-8: it is then
/// refused as typed (`%FF`), not as a replacement character, and no lossy
/// decoder is compiled in for it.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The query's parameters, decoded, first occurrence of each name only.
pub fn parameters(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut out: Vec<(String, String)> = Vec::new();
    for piece in query.split('&').take(MAX_PIECES) {
        if piece.is_empty() {
            continue;
        }
        let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
        let k = percent_decode(k);
        if !out.iter().any(|(name, _)| *name == k) {
            out.push((k, percent_decode(v)));
        }
    }
    out
}

/// The language a query string asks for, else `default_lang`: the language
/// [`read`] chooses, without reading the rest.
pub fn read_lang(query: &str, default_lang: Lang) -> Lang {
    parameters(query)
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_tag(&v))
        .unwrap_or(default_lang)
}

/// Reads a state from a query string. `default_lang` is used when the URL
/// names no language (the browser's language).
pub fn read(query: &str, default_lang: Lang) -> Loaded {
    let params = parameters(query);
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut alerts = Vec::new();
    let mut refuse =
        |name: &'static str, reason: UrlReason| alerts.push(Alert::UrlParam { name, reason });

    let op = match get("op") {
        None => Op::ConvTranspose2d,
        Some("conv2d") => Op::Conv2d,
        Some("conv_transpose2d") => Op::ConvTranspose2d,
        Some(_) => {
            refuse("op", UrlReason::UnknownWord);
            Op::ConvTranspose2d
        }
    };
    let article = Model::article(op);
    let mut grid = |name: &'static str, max: usize, default: &Grid| match get(name) {
        None => default.clone(),
        Some(text) => match parse_grid(text, max)
            .and_then(|(r, c, data)| Grid::from_vec(r, c, data).map_err(|_| ValueError::EmptyRow))
        {
            Ok(g) => g,
            Err(e) => {
                refuse(name, UrlReason::Value(e));
                default.clone()
            }
        },
    };
    let mut input = grid("input", MAX_INPUT, &article.input);
    let mut kernel = grid("kernel", MAX_KERNEL, &article.kernel);

    let mut params = ConvParams::default();
    let defaults = ConvParams::default();
    for (name, kind) in PARAM_NAMES {
        if let Some(text) = get(name) {
            match parse_pair(text) {
                Ok(v) => kind.set_in(&mut params, v),
                Err(e) => refuse(name, UrlReason::Value(e)),
            }
        }
    }

    // Reset whatever the validation error names until the model is valid.
    // Each round resets one parameter that still differs from its default,
    // so this ends after at most six rounds, with the article's example if
    // nothing else is valid.
    let model = loop {
        let error = match Model::try_new(op, input.clone(), kernel.clone(), params) {
            Ok(m) => break m,
            Err(e) => e,
        };
        let differs = |kind: ParamKind| match kind {
            ParamKind::InputSize => input != article.input,
            ParamKind::KernelSize => kernel != article.kernel,
            other => other.of_params(&params) != other.of_params(&defaults),
        };
        // The parameter the error names first; for an output of the wrong
        // size, the most recently listed parameter that is not at its default.
        let candidates = ParamKind::blamed_by(&error).into_iter().chain([
            ParamKind::OutputPadding,
            ParamKind::Padding,
            ParamKind::Dilation,
            ParamKind::Stride,
            ParamKind::KernelSize,
            ParamKind::InputSize,
        ]);
        let Some(kind) = candidates.into_iter().find(|&k| differs(k)) else {
            break article.clone();
        };
        refuse(kind.id(), UrlReason::Param(error));
        match kind {
            ParamKind::InputSize => input = article.input.clone(),
            ParamKind::KernelSize => kernel = article.kernel.clone(),
            other => other.set_in(&mut params, other.of_params(&defaults)),
        }
    };

    let step = get("step").and_then(|t| match t.trim().parse::<usize>() {
        Ok(s) => Some(s),
        Err(_) => {
            refuse("step", UrlReason::Value(ValueError::NotWhole));
            None
        }
    });
    let speed = match get("speed").map(parse_value) {
        None => 1.0,
        Some(Ok(s)) if (SPEED_RANGE.0..=SPEED_RANGE.1).contains(&s) => s,
        Some(Ok(_)) => {
            refuse("speed", UrlReason::Value(ValueError::TooLarge));
            1.0
        }
        Some(Err(e)) => {
            refuse("speed", UrlReason::Value(e));
            1.0
        }
    };
    let word = |name: &'static str| get(name).map(|w| (name, w));
    let lang = match word("lang") {
        None => default_lang,
        Some((name, w)) => Lang::from_tag(w).unwrap_or_else(|| {
            refuse(name, UrlReason::UnknownWord);
            default_lang
        }),
    };
    let theme = match word("theme") {
        None => Theme::Auto,
        Some((name, w)) => Theme::from_word(w).unwrap_or_else(|| {
            refuse(name, UrlReason::UnknownWord);
            Theme::Auto
        }),
    };
    let section = match word("section") {
        None => Section::All,
        Some((name, w)) => Section::from_word(w).unwrap_or_else(|| {
            refuse(name, UrlReason::UnknownWord);
            Section::All
        }),
    };
    let stepping = match word("mode") {
        None => Stepping::Direct,
        Some((name, w)) => Stepping::from_word(w).unwrap_or_else(|| {
            refuse(name, UrlReason::UnknownWord);
            Stepping::Direct
        }),
    };
    let resize = match word("resize") {
        None => Resize::Nearest,
        Some((name, w)) => resize_from_word(w).unwrap_or_else(|| {
            refuse(name, UrlReason::UnknownWord);
            Resize::Nearest
        }),
    };
    let flag = |name: &str| matches!(get(name), Some("1" | "true"));
    let prefs = Prefs {
        lang,
        theme,
        embed: flag("embed"),
        section,
        readonly: flag("readonly"),
        hide_controls: matches!(get("controls"), Some("0" | "false")),
        autoplay: flag("autoplay"),
        stepping,
        resize,
    };
    Loaded {
        model,
        step,
        speed,
        prefs,
        alerts,
    }
}

/// URL names of the per-axis parameters.
const PARAM_NAMES: [(&str, ParamKind); 4] = [
    ("stride", ParamKind::Stride),
    ("padding", ParamKind::Padding),
    ("output_padding", ParamKind::OutputPadding),
    ("dilation", ParamKind::Dilation),
];

/// Writes the full state as a query string (without the leading `?`).
/// Values are written unescaped: `,` `;` `.` `-` and digits are legal in a query.
pub fn write(state: &State) -> String {
    write_with(&write_model(&state.model), state)
}

/// The problem's part of the query (operation, grids, parameters): the
/// expensive part, which the page keeps between renders of the same model.
pub fn write_model(m: &Model) -> String {
    let mut q = vec![
        format!("op={}", m.op.name()),
        format!(
            "input={}",
            format_grid(m.input.rows(), m.input.cols(), m.input.data())
        ),
        format!(
            "kernel={}",
            format_grid(m.kernel.rows(), m.kernel.cols(), m.kernel.data())
        ),
    ];
    for (name, kind) in PARAM_NAMES {
        if kind == ParamKind::OutputPadding && m.op == Op::Conv2d {
            continue;
        }
        q.push(format!("{name}={}", format_pair(kind.of_params(&m.params))));
    }
    q.join("&")
}

/// The full query from the problem's part (see [`write_model`]) and the
/// rest of `state`: step, view preferences, speed.
pub fn write_with(model_part: &str, state: &State) -> String {
    let mut q = vec![model_part.to_string()];
    if !state.finished() {
        q.push(format!("step={}", state.position));
    }
    let p = &state.prefs;
    q.push(format!("lang={}", p.lang.tag()));
    if p.theme != Theme::Auto {
        q.push(format!("theme={}", p.theme.word()));
    }
    if p.embed {
        q.push("embed=1".into());
    }
    if p.section != Section::All {
        q.push(format!("section={}", p.section.word()));
    }
    if p.readonly {
        q.push("readonly=1".into());
    }
    if p.hide_controls {
        q.push("controls=0".into());
    }
    if p.autoplay {
        q.push("autoplay=1".into());
    }
    if p.stepping != Stepping::Direct {
        q.push(format!("mode={}", p.stepping.word()));
    }
    if p.resize != Resize::Nearest {
        q.push(format!("resize={}", resize_word(p.resize)));
    }
    if state.speed != 1.0 {
        q.push(format!("speed={}", format_exact(state.speed)));
    }
    q.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Action;
    use crate::math::Pair;

    fn load(q: &str) -> State {
        State::new(Prefs::default()).apply(Action::Load(Box::new(read(q, Lang::En))))
    }

    #[test]
    fn read_lang_chooses_the_language_read_chooses() {
        for query in [
            "",
            "lang=zh",
            "lang=en",
            "lang=zh-CN",
            "lang=ZH_tw",
            "lang=fr",
            "lang=",
            "lang=%7A%68",
            "lang=zh&lang=en",
            "lang=en&lang=zh",
            "stride=0&lang=zh",
            "lang",
        ] {
            for default in [Lang::En, Lang::Zh] {
                assert_eq!(
                    read_lang(query, default),
                    read(query, default).prefs.lang,
                    "{query:?} with {default:?}"
                );
            }
        }
    }

    #[test]
    fn empty_query_is_the_article() {
        let s = load("");
        assert_eq!(
            s.model.input.to_rows(),
            vec![vec![2.0, 1.0], vec![4.0, 4.0]]
        );
        assert!(s.finished());
        assert!(s.alerts.is_empty());
    }

    #[test]
    fn conv2d_without_input_shows_the_article_input() {
        let s = load("op=conv2d");
        assert_eq!(s.model.input.shape(), Pair::new(4, 4));
        assert_eq!(
            s.derived.output.to_rows(),
            vec![vec![122.0, 148.0], vec![126.0, 134.0]]
        );
    }

    #[test]
    fn round_trip() {
        let q = "op=conv_transpose2d&input=1,-2.5;3,0&kernel=1,2&stride=2,3&padding=0,1&output_padding=1,0&dilation=1&step=2&lang=zh&theme=dark&embed=1&section=matrix&readonly=1&controls=0&mode=zero-insertion&speed=2";
        let s = load(q);
        assert!(s.alerts.is_empty(), "{:?}", s.alerts);
        assert_eq!(write(&s), q);
    }

    #[test]
    fn bad_parameters_take_defaults_with_alerts() {
        let s = load("stride=0&input=1,2;3&padding=abc&unknown=5&stride=3&output_padding=5");
        assert_eq!(s.model.params.stride, Pair::new(1, 1));
        assert_eq!(s.model.input.shape(), Pair::new(2, 2));
        assert_eq!(s.model.params.output_padding, Pair::new(0, 0));
        let names: Vec<_> = s
            .alerts
            .iter()
            .filter_map(|(_, a)| match a {
                Alert::UrlParam { name, .. } => Some(*name),
                _ => None,
            })
            .collect();
        assert!(
            names.contains(&"input") && names.contains(&"padding"),
            "{names:?}"
        );
        assert!(
            names.contains(&"stride") && names.contains(&"output_padding"),
            "{names:?}"
        );
    }

    #[test]
    fn huge_inputs_are_refused_cheaply() {
        let big = vec!["1"; 100].join(",");
        let rows = vec![big.as_str(); 100].join(";");
        let s = load(&format!("input={rows}"));
        assert_eq!(s.model.input.shape(), Pair::new(2, 2));
        let long = "x".repeat(100_000);
        let s = load(&format!("kernel={long}&{long}"));
        assert_eq!(s.model.kernel.shape(), Pair::new(3, 3));
    }

    #[test]
    fn an_input_too_small_for_the_kernel_falls_back_without_looping() {
        let s = load("op=conv2d&input=1,2;3,4");
        assert_eq!(s.model.input.shape(), Pair::new(4, 4));
        assert_eq!(s.alerts.len(), 1, "{:?}", s.alerts);
        let s = load("op=conv2d&input=1,2;3,4&kernel=1,1,1;1,1,1;1,1,1&stride=2");
        assert!(s.alerts.len() <= 3, "{:?}", s.alerts);
        let s = load("op=conv2d&input=0,-5,1,7,-1&output_padding=0,4");
        assert_eq!(s.derived.output.rows(), s.derived.geometry.output().h);
    }

    #[test]
    fn percent_encoding_is_accepted() {
        let s = load("input=2%2C1%3B4%2C4&kernel=1%2C2");
        assert_eq!(s.model.input.shape(), Pair::new(2, 2));
        assert_eq!(s.model.kernel.shape(), Pair::new(1, 2));
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E4%B8%AD%2C1"), "中,1");
        assert_eq!(percent_decode("1%2C%FF"), "1%2C%FF");
    }
}
