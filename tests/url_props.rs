//! Property tests of the URL reader and the value parsers.
//!
//! * `url::read` and `value::{parse_value, parse_pair, parse_grid}` never
//!   panic and return (a watchdog ends the process if a call runs longer
//!   than [`props::DEADLINE`]), for arbitrary strings and for strings built
//!   from the URL vocabulary: parameter names, digits, `,;.-e%&=`,
//!   full-width digits, huge and tiny numbers, percent escapes.
//! * Whatever `read` returns is a valid model; loaded into a `State`, it is
//!   written by `url::write` to a query that reads back without alerts to
//!   the same model (bit for bit), step, speed and preferences.
//! * A parameter whose value does not reach the state yields an alert that
//!   names it, and alerts name only parameters the query contains.
//! * A value the parser accepts is written (`format_exact`) in a form it
//!   accepts again.
//!
//! `make test` runs about 1 800 cases; `make fuzz` runs the same properties
//! (this file's [`props`], included by `benches/fuzz_parsers.rs`) over
//! 100 000 cases each.
#![cfg(all(not(target_arch = "wasm32"), feature = "ui"))]

/// Strategies and checks shared with `benches/fuzz_parsers.rs`.
pub mod props {
    use std::collections::HashMap;
    use std::io::Write;
    use std::sync::{Mutex, MutexGuard, OnceLock};
    use std::thread::{self, ThreadId};
    use std::time::{Duration, Instant};

    use convt::app::i18n::Lang;
    use convt::app::model::Model;
    use convt::app::prefs::{Prefs, Section, Stepping, Theme};
    use convt::app::state::{Action, Alert, Loaded, State, SPEED_RANGE};
    use convt::app::url::{parameters, read, write};
    use convt::app::value::{
        exponent, format_exact, format_short, parse_grid, parse_pair, parse_value, plain,
    };
    use convt::math::caps::{MAX_ABS_VALUE, MAX_INPUT, MAX_KERNEL};
    use convt::math::{ConvParams, Geometry, Grid, Op, Pair, Resize};
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    /// Longest a single parser call may take before the watchdog ends the
    /// process (a hang cannot be caught as a test failure, and shrinking a
    /// hanging case would start more of them).
    pub const DEADLINE: Duration = Duration::from_secs(10);

    // ------------------------------------------------------------ watchdog

    type Running = Mutex<HashMap<ThreadId, (Instant, String)>>;
    static RUNNING: OnceLock<Running> = OnceLock::new();

    fn running() -> MutexGuard<'static, HashMap<ThreadId, (Instant, String)>> {
        RUNNING
            .get_or_init(|| {
                thread::spawn(|| loop {
                    thread::sleep(Duration::from_millis(100));
                    let late = running()
                        .values()
                        .find(|(t, _)| t.elapsed() > DEADLINE)
                        .map(|(_, what)| what.clone());
                    if let Some(what) = late {
                        // Straight to the stream: the test harness captures
                        // `eprintln!` and would never show it.
                        let _ = writeln!(
                            std::io::stderr(),
                            "\nurl_props: {what} did not return within {DEADLINE:?} \
                             (an endless loop?); ending the process.\n"
                        );
                        std::process::exit(101);
                    }
                });
                Mutex::new(HashMap::new())
            })
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    struct Watched(ThreadId);

    impl Drop for Watched {
        fn drop(&mut self) {
            running().remove(&self.0);
        }
    }

    /// `input` shortened for messages.
    pub fn shown(input: &str) -> String {
        const KEEP: usize = 300;
        if input.chars().count() <= KEEP {
            format!("{input:?}")
        } else {
            let head: String = input.chars().take(KEEP).collect();
            format!("{head:?}… ({} chars)", input.chars().count())
        }
    }

    /// Runs `f` under the watchdog (see [`DEADLINE`]).
    pub fn watched<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
        let id = thread::current().id();
        running().insert(id, (Instant::now(), format!("{what}({})", shown(input))));
        let _watched = Watched(id);
        f()
    }

    // ------------------------------------------------------------ vocabulary

    /// Every parameter the reader knows.
    pub const NAMES: [&str; 18] = [
        "op",
        "input",
        "kernel",
        "stride",
        "padding",
        "output_padding",
        "dilation",
        "step",
        "speed",
        "lang",
        "theme",
        "section",
        "embed",
        "readonly",
        "controls",
        "autoplay",
        "mode",
        "resize",
    ];

    const WORDS: [&str; 32] = [
        "conv2d",
        "conv_transpose2d",
        "Conv2d",
        "en",
        "zh",
        "zh-CN",
        "EN_us",
        "fr",
        "auto",
        "light",
        "dark",
        "all",
        "grids",
        "matrix",
        "equivalence",
        "checkerboard",
        "extras",
        "direct",
        "zero-insertion",
        "true",
        "false",
        "1",
        "0",
        "NaN",
        "-inf",
        "+Infinity",
        "0x10",
        "1_000",
        "x",
        "",
        " ",
        "\u{3000}",
    ];

    const EXTREMES: [&str; 20] = [
        "1e400",
        "-1e400",
        "1e9",
        "-1e9",
        "1000000001",
        "999999999.99999999",
        "99999999999",
        "4294967296",
        "18446744073709551616",
        "9999999999999999999999999999999999999999",
        "99999999999999999999999999999999999999999",
        "1e-300",
        "5e-324",
        "-1e-39",
        "2.2250738585072014e-308",
        "-0",
        "+0",
        ".5",
        "5.",
        "1e+",
    ];

    const ESCAPES: [&str; 14] = [
        "%2C",
        "%2c",
        "%3B",
        "%26",
        "%3D",
        "%25",
        "%",
        "%%",
        "%zz",
        "%4",
        "%E3%80%80",
        "%FF",
        "%EF%BC%91",
        "+",
    ];

    /// One number-like token.
    pub fn atom() -> BoxedStrategy<String> {
        prop_oneof![
            4 => (-9i32..=9).prop_map(|v| v.to_string()),
            2 => "-?[0-9]{1,3}\\.[0-9]{0,3}",
            2 => "[-+]?[0-9]{1,2}(\\.[0-9])?[eE][-+]?[0-9]{1,3}",
            2 => prop::sample::select(&EXTREMES[..]).prop_map(str::to_string),
            2 => prop::sample::select(&WORDS[..]).prop_map(str::to_string),
            1 => "[０-９．]{1,3}",
            2 => "[0-9,;.\\-e%&=+ ]{0,6}",
            1 => prop::sample::select(&ESCAPES[..]).prop_map(str::to_string),
        ]
        .boxed()
    }

    fn rows_text(rows: &[Vec<String>]) -> String {
        rows.iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// A parameter value: a token, a grid of tokens (rectangular or not) or
    /// tokens run together.
    pub fn value() -> BoxedStrategy<String> {
        let grid = (1usize..6, 1usize..6)
            .prop_flat_map(|(r, c)| prop::collection::vec(prop::collection::vec(atom(), c), r))
            .prop_map(|rows| rows_text(&rows));
        let ragged = prop::collection::vec(prop::collection::vec(atom(), 0..5), 0..5)
            .prop_map(|rows| rows_text(&rows));
        prop_oneof![
            4 => atom(),
            3 => grid,
            2 => ragged,
            1 => prop::collection::vec(atom(), 0..4).prop_map(|v| v.concat()),
        ]
        .boxed()
    }

    /// A parameter name: known, percent-encoded, or not one.
    pub fn name() -> BoxedStrategy<String> {
        prop_oneof![
            8 => prop::sample::select(&NAMES[..]).prop_map(str::to_string),
            1 => prop::sample::select(&NAMES[..])
                .prop_map(|n| n.bytes().map(|b| format!("%{b:02X}")).collect()),
            1 => "[a-z_%0-9]{0,8}",
        ]
        .boxed()
    }

    /// A value that `name` accepts, mostly: valid words, small grids and
    /// parameters (their combination may still be invalid).
    pub fn plausible(name: &str) -> BoxedStrategy<String> {
        let small_grid = |max: usize| {
            (1..=max, 1..=max)
                .prop_flat_map(|(r, c)| {
                    prop::collection::vec(
                        prop::collection::vec((-3i32..=5).prop_map(|v| v.to_string()), c),
                        r,
                    )
                })
                .prop_map(|rows| rows_text(&rows))
                .boxed()
        };
        let words =
            |w: &'static [&'static str]| prop::sample::select(w).prop_map(str::to_string).boxed();
        match name {
            "op" => words(&["conv2d", "conv_transpose2d"]),
            "input" => small_grid(6),
            "kernel" => small_grid(4),
            "stride" | "dilation" => prop_oneof![
                (1usize..=3).prop_map(|v| v.to_string()),
                (1usize..=3, 1usize..=3).prop_map(|(h, w)| format!("{h},{w}")),
            ]
            .boxed(),
            "padding" | "output_padding" => prop_oneof![
                (0usize..=3).prop_map(|v| v.to_string()),
                (0usize..=3, 0usize..=3).prop_map(|(h, w)| format!("{h},{w}")),
            ]
            .boxed(),
            "step" => (0usize..40).prop_map(|v| v.to_string()).boxed(),
            "speed" => words(&["0.25", "0.5", "1", "2", "4", "1.5"]),
            "lang" => words(&["en", "zh", "zh-TW", "en-GB"]),
            "theme" => words(&["auto", "light", "dark"]),
            "section" => prop::sample::select(Section::ALL.to_vec())
                .prop_map(|s| s.word().to_string())
                .boxed(),
            "mode" => words(&["direct", "zero-insertion"]),
            "resize" => words(&["nearest", "bilinear"]),
            "embed" | "readonly" | "autoplay" | "controls" => {
                words(&["1", "true", "0", "false", ""])
            }
            _ => value(),
        }
    }

    /// A query built from the URL vocabulary: known (or encoded, or
    /// unknown) names with arbitrary or plausible values, in any order.
    pub fn vocabulary_query() -> BoxedStrategy<String> {
        let pair = name().prop_flat_map(|n| {
            let v = prop_oneof![value(), plausible(&n)];
            (Just(n), v)
        });
        let piece = prop_oneof![
            8 => pair.prop_map(|(n, v)| format!("{n}={v}")),
            1 => name(),
            1 => value(),
        ];
        (any::<bool>(), prop::collection::vec(piece, 0..10))
            .prop_map(|(mark, pieces)| {
                format!("{}{}", if mark { "?" } else { "" }, pieces.join("&"))
            })
            .boxed()
    }

    /// Arbitrary text: any printable string, anything at all, or the
    /// parsers' own characters in any order.
    pub fn arbitrary_text() -> BoxedStrategy<String> {
        prop_oneof![
            any::<String>(),
            "(?s).{0,64}",
            "[0-9０-９．,;.eE+\\-%&= a-z_]{0,60}",
        ]
        .boxed()
    }

    /// Any query: arbitrary text or vocabulary.
    pub fn query() -> BoxedStrategy<String> {
        prop_oneof![2 => arbitrary_text(), 5 => vocabulary_query()].boxed()
    }

    /// A default language for `read`.
    pub fn lang() -> BoxedStrategy<Lang> {
        prop_oneof![Just(Lang::En), Just(Lang::Zh)].boxed()
    }

    // ------------------------------------------------------------ valid states

    /// Values written as a user would type them; all accepted by `parse_value`.
    const NICE: [&str; 16] = [
        "0",
        "1",
        "-1",
        "2",
        "3",
        "-4",
        "7",
        "2.5",
        "-0.125",
        "0.1",
        "-0",
        "1e9",
        "-1e9",
        "1e-7",
        "3.14159",
        "123456.789",
    ];
    /// Accepted by `parse_value` too, but tiny (rare: about one case in ten
    /// has one, so other failures are not drowned by theirs).
    const TINY: [&str; 3] = ["1e-39", "-2.5e-100", "5e-324"];

    fn number() -> BoxedStrategy<String> {
        prop_oneof![
            200 => prop::sample::select(&NICE[..]).prop_map(str::to_string),
            1 => prop::sample::select(&TINY[..]).prop_map(str::to_string),
        ]
        .boxed()
    }

    fn grid_text(rows: usize, cols: usize) -> BoxedStrategy<Vec<Vec<String>>> {
        prop::collection::vec(prop::collection::vec(number(), cols), rows).boxed()
    }

    /// A valid problem and preferences, with the query text that states them.
    #[derive(Clone, Debug)]
    pub struct Case {
        /// Operation.
        pub op: Op,
        /// Input cells as typed.
        pub input: Vec<Vec<String>>,
        /// Kernel cells as typed.
        pub kernel: Vec<Vec<String>>,
        /// Parameters (valid with the grids' shapes).
        pub params: ConvParams,
        /// `step=`, if any.
        pub step: Option<usize>,
        /// `speed=` as typed, if any.
        pub speed: Option<&'static str>,
        /// Preferences.
        pub prefs: Prefs,
        /// Write `,` and `;` as `%2C` and `%3B`.
        pub encode: bool,
        /// Order of the parameters (a permutation).
        pub order: Vec<usize>,
    }

    fn pair(range: std::ops::RangeInclusive<usize>) -> BoxedStrategy<Pair> {
        (range.clone(), range)
            .prop_map(|(h, w)| Pair::new(h, w))
            .boxed()
    }

    fn prefs() -> BoxedStrategy<Prefs> {
        (
            lang(),
            prop::sample::select(vec![Theme::Auto, Theme::Light, Theme::Dark]),
            any::<bool>(),
            prop::sample::select(Section::ALL.to_vec()),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(Stepping::Direct), Just(Stepping::ZeroInsertion)],
            prop_oneof![Just(Resize::Nearest), Just(Resize::Bilinear)],
        )
            .prop_map(
                |(
                    lang,
                    theme,
                    embed,
                    section,
                    readonly,
                    hide_controls,
                    autoplay,
                    stepping,
                    resize,
                )| {
                    Prefs {
                        lang,
                        theme,
                        embed,
                        section,
                        readonly,
                        hide_controls,
                        autoplay,
                        stepping,
                        resize,
                    }
                },
            )
            .boxed()
    }

    /// A valid case: random shapes and parameters, fixed up to a valid
    /// geometry when the draw is not one.
    pub fn case() -> BoxedStrategy<Case> {
        let shape = (
            prop_oneof![Just(Op::ConvTranspose2d), Just(Op::Conv2d)],
            pair(1..=6),
            pair(1..=4),
            (pair(1..=3), pair(0..=2), pair(0..=2), pair(1..=2)),
        );
        shape
            .prop_map(|(op, mut i, k, (s, p, op_pad, d))| {
                let mut params = ConvParams {
                    stride: s,
                    padding: p,
                    output_padding: op_pad,
                    dilation: d,
                };
                if Geometry::try_new(op, i, k, params).is_err() {
                    params = ConvParams::default();
                    i = Pair::new(i.h.max(k.h), i.w.max(k.w));
                }
                (op, i, k, params)
            })
            .prop_flat_map(|(op, i, k, params)| {
                (
                    Just(op),
                    grid_text(i.h, i.w),
                    grid_text(k.h, k.w),
                    Just(params),
                    prop::option::of(0usize..40),
                    prop::option::of(prop::sample::select(vec![
                        "0.25", "0.5", "1", "2", "4", "0.3", "3.75", "1.5e0",
                    ])),
                    prefs(),
                    any::<bool>(),
                    Just((0..NAMES.len()).collect::<Vec<usize>>()).prop_shuffle(),
                )
            })
            .prop_map(
                |(op, input, kernel, params, step, speed, prefs, encode, order)| Case {
                    op,
                    input,
                    kernel,
                    params,
                    step,
                    speed,
                    prefs,
                    encode,
                    order,
                },
            )
            .boxed()
    }

    fn grid_query(rows: &[Vec<String>], encode: bool) -> String {
        let (comma, semi) = if encode { ("%2C", "%3B") } else { (",", ";") };
        rows.iter()
            .map(|r| r.join(comma))
            .collect::<Vec<_>>()
            .join(semi)
    }

    fn pair_query(p: Pair) -> String {
        format!("{},{}", p.h, p.w)
    }

    impl Case {
        /// The `(name, value)` pieces of the query, in `order`.
        pub fn pieces(&self) -> Vec<(&'static str, String)> {
            let p = &self.prefs;
            let all: [(&'static str, Option<String>); NAMES.len()] = [
                ("op", Some(self.op.name().to_string())),
                ("input", Some(grid_query(&self.input, self.encode))),
                ("kernel", Some(grid_query(&self.kernel, self.encode))),
                ("stride", Some(pair_query(self.params.stride))),
                ("padding", Some(pair_query(self.params.padding))),
                (
                    "output_padding",
                    Some(pair_query(self.params.output_padding)),
                ),
                ("dilation", Some(pair_query(self.params.dilation))),
                ("step", self.step.map(|s| s.to_string())),
                ("speed", self.speed.map(str::to_string)),
                ("lang", Some(p.lang.tag().to_string())),
                ("theme", Some(p.theme.word().to_string())),
                ("section", Some(p.section.word().to_string())),
                ("embed", p.embed.then(|| "1".to_string())),
                ("readonly", p.readonly.then(|| "true".to_string())),
                ("controls", p.hide_controls.then(|| "0".to_string())),
                ("autoplay", p.autoplay.then(|| "1".to_string())),
                ("mode", Some(p.stepping.word().to_string())),
                (
                    "resize",
                    Some(
                        match p.resize {
                            Resize::Nearest => "nearest",
                            Resize::Bilinear => "bilinear",
                        }
                        .to_string(),
                    ),
                ),
            ];
            self.order
                .iter()
                .filter_map(|&i| all[i].1.clone().map(|v| (all[i].0, v)))
                .collect()
        }

        /// The query text.
        pub fn query(&self) -> String {
            join(&self.pieces())
        }

        /// The model the query states.
        pub fn model(&self) -> Model {
            let grid = |rows: &[Vec<String>]| {
                let values: Vec<Vec<f64>> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|t| parse_value(t).expect("a nice number"))
                            .collect()
                    })
                    .collect();
                Grid::from_rows(&values).expect("rectangular")
            };
            Model::try_new(self.op, grid(&self.input), grid(&self.kernel), self.params)
                .expect("a valid case")
        }
    }

    /// Joins `(name, value)` pieces into a query.
    pub fn join(pieces: &[(&str, String)]) -> String {
        pieces
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Values each parameter refuses (they fail to parse, or are out of range).
    pub fn refused_values(name: &str, op: Op) -> &'static [&'static str] {
        match name {
            "op" => &["conv3d", "", "Conv2d", "conv2d ", "1"],
            "input" => &[
                "", "1,2;3", "a", "1,,2", "1;;2", "１", "1e400", "nan", "1,2;3,",
            ],
            "kernel" => &["", "1;2,3", "b", "1,2,3,4,5,6,7,8,9,10", "1e10", "%"],
            "stride" => &["0", "-1", "x", "1,2,3", "17", "", "2.0", "0,1"],
            "padding" => &["65", "x", "-1", "1,2,3", "", "1,"],
            "dilation" => &["0", "17", "x", "1.5", "0,2"],
            "output_padding" if op == Op::Conv2d => &["x", "-1", "1,2,3", ""],
            "output_padding" => &["x", "-1", "16", "3,16", ""],
            "step" => &["-1", "x", "1.5", "", "99999999999999999999999"],
            "speed" => &["0", "5", "x", "nan", "0.1", "", "4.0001", "-1"],
            "lang" => &["fr", "", "e", "zhx"],
            "theme" => &["blue", "", "Dark", "auto "],
            "section" => &["none", "", "Grids"],
            "mode" => &["zero_insertion", "", "Direct", "zero-insertion "],
            "resize" => &["linear", "", "Nearest", "bicubic"],
            _ => &[],
        }
    }

    // ------------------------------------------------------------ checks

    fn load(loaded: Loaded) -> State {
        State::new(Prefs::default()).apply(Action::Load(Box::new(loaded)))
    }

    fn other(lang: Lang) -> Lang {
        match lang {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    fn same_grid(g: &Grid, rows: usize, cols: usize, data: &[f64]) -> bool {
        g.rows() == rows
            && g.cols() == cols
            && g.data().len() == data.len()
            && g.data()
                .iter()
                .zip(data)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }

    /// Bit-for-bit equality of two models (`-0` differs from `0`).
    pub fn same_model(a: &Model, b: &Model) -> bool {
        a.op == b.op
            && a.params == b.params
            && same_grid(&a.input, b.input.rows(), b.input.cols(), b.input.data())
            && same_grid(&a.kernel, b.kernel.rows(), b.kernel.cols(), b.kernel.data())
    }

    fn alerted(loaded: &Loaded, name: &str) -> bool {
        loaded
            .alerts
            .iter()
            .any(|a| matches!(a, Alert::UrlParam { name: n, .. } if *n == name))
    }

    /// `parse_value`, `parse_pair` and `parse_grid` on `text`: no panic, and
    /// what they accept is within the caps and written back acceptably.
    pub fn check_value_parsers(text: &str) -> Result<(), TestCaseError> {
        watched("value parsers", text, || {
            if let Ok(v) = parse_value(text) {
                prop_assert!(v.is_finite() && v.abs() <= MAX_ABS_VALUE, "{v}");
                let written = format_exact(v);
                let back = parse_value(&written);
                prop_assert!(
                    back.map(f64::to_bits) == Ok(v.to_bits()),
                    "parse_value({}) = {v:e}, written as {}, reads back as {back:?}",
                    shown(text),
                    shown(&written)
                );
            }
            if let Ok(v) = parse_value(text) {
                check_short_format(v)?;
            }
            let _ = parse_pair(text);
            for max in [1, 3, MAX_KERNEL, MAX_INPUT] {
                if let Ok((r, c, data)) = parse_grid(text, max) {
                    prop_assert!((1..=max).contains(&r) && (1..=max).contains(&c));
                    prop_assert_eq!(data.len(), r * c);
                    prop_assert!(data
                        .iter()
                        .all(|v| v.is_finite() && v.abs() <= MAX_ABS_VALUE));
                }
            }
            Ok(())
        })
    }

    /// Any f64 below 1e300 in magnitude (outputs can exceed the value cap;
    /// up to there the exponent form of every f64 reads back finite), with
    /// the edges where [`check_short_format`] once failed weighted up:
    /// mantissas that round up to 10, and the smallest subnormals (10^exp
    /// underflows there).
    pub fn shown_value() -> BoxedStrategy<f64> {
        prop_oneof![
            prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
            (9.995f64..10.0, -320i32..300).prop_map(|(m, e)| m * 10f64.powi(e)),
            (1u64..64).prop_map(f64::from_bits),
        ]
        .prop_filter("below 1e300", |v| v.abs() < 1e300)
        .boxed()
    }

    /// `format_short(v)`, the form a cell shows, is at most 11 characters and
    /// reads back close to `v`: within 0.0005 in decimal form (three
    /// decimals), within 0.5 % in exponent form (a mantissa of two decimals,
    /// at least 1 and below 10).
    pub fn check_short_format(v: f64) -> Result<(), TestCaseError> {
        let shown = format_short(v);
        let back: Result<f64, _> = shown.parse();
        prop_assert!(shown.chars().count() <= 11, "format_short({v:e}) = {shown}");
        let Ok(back) = back else {
            return Err(TestCaseError::fail(format!(
                "format_short({v:e}) = {shown}"
            )));
        };
        let exponent_form = shown.contains('e');
        let close = if exponent_form {
            (back - v).abs() <= 0.005 * v.abs()
        } else {
            (back - v).abs() <= 0.0005 + 1e-12 * v.abs()
        };
        prop_assert!(
            close,
            "format_short({v:e}) = {shown} reads back as {back:e}"
        );
        if let Some((mantissa, _)) = shown.split_once('e') {
            let m: f64 = mantissa.parse().unwrap_or(f64::NAN).abs();
            prop_assert!((1.0..10.0).contains(&m), "format_short({v:e}) = {shown}");
        }
        Ok(())
    }

    /// Any f64, or a decimal of up to 15 significant digits (n / 10^k, what
    /// people type), which `plain` finds without the general path.
    pub fn printed_value() -> BoxedStrategy<f64> {
        /// n / 10^k for n and k in the ranges (10^k read from text: exact).
        fn decimal(
            n: std::ops::RangeInclusive<i64>,
            k: std::ops::RangeInclusive<usize>,
        ) -> impl Strategy<Value = f64> {
            (n, k).prop_map(|(n, k)| {
                let scale: f64 = format!("1e{k}").parse().unwrap_or(1.0);
                n as f64 / scale
            })
        }
        prop_oneof![
            prop::num::f64::ANY,
            decimal(-999_999_999_999_999..=999_999_999_999_999, 0..=22),
            decimal(-99_999..=99_999, 0..=8),
        ]
        .boxed()
    }

    /// `plain` and `exponent`, which lay out shortest digits themselves (the
    /// wasm has no float printer), print any f64 exactly as Rust's `{}` and
    /// `{:e}` do, and `format_exact` reads back bit for bit.
    pub fn check_printed_like_rust(v: f64) -> Result<(), TestCaseError> {
        prop_assert_eq!(plain(v), format!("{v}"));
        prop_assert_eq!(exponent(v), format!("{v:e}"));
        if v.is_finite() {
            let back: Result<f64, _> = format_exact(v).parse();
            prop_assert_eq!(back.map(f64::to_bits), Ok(v.to_bits()), "{:e}", v);
        }
        Ok(())
    }

    /// Every alert is about a parameter of the query, and each parameter
    /// whose value did not reach the state has an alert naming it.
    fn check_alerts(query: &str, default_lang: Lang, loaded: &Loaded) -> Result<(), TestCaseError> {
        let params = parameters(query);
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let m = &loaded.model;
        for a in &loaded.alerts {
            let Alert::UrlParam { name, .. } = a else {
                return Err(TestCaseError::fail(format!(
                    "read({}) gave a non-URL alert {a:?}",
                    shown(query)
                )));
            };
            prop_assert!(
                get(name).is_some(),
                "read({}) alerts about `{name}`, which the query does not contain: {:?}",
                shown(query),
                loaded.alerts
            );
        }
        let need = |ok: bool, name: &str, why: &str| {
            if ok || alerted(loaded, name) {
                Ok(())
            } else {
                Err(TestCaseError::fail(format!(
                    "read({}): `{name}={}` {why}, but no alert names `{name}` (alerts: {:?})",
                    shown(query),
                    shown(get(name).unwrap_or("")),
                    loaded.alerts
                )))
            }
        };
        match get("op") {
            Some("conv2d") => prop_assert_eq!(m.op, Op::Conv2d),
            Some("conv_transpose2d") | None => prop_assert_eq!(m.op, Op::ConvTranspose2d),
            Some(_) => need(false, "op", "is not an operation")?,
        }
        for (name, grid, max) in [
            ("input", &m.input, MAX_INPUT),
            ("kernel", &m.kernel, MAX_KERNEL),
        ] {
            if let Some(text) = get(name) {
                match parse_grid(text, max) {
                    Ok((r, c, data)) => need(same_grid(grid, r, c, &data), name, "was not kept")?,
                    Err(_) => need(false, name, "does not parse")?,
                }
            }
        }
        let pairs = [
            ("stride", m.params.stride),
            ("padding", m.params.padding),
            ("output_padding", m.params.output_padding),
            ("dilation", m.params.dilation),
        ];
        for (name, got) in pairs {
            if let Some(text) = get(name) {
                match parse_pair(text) {
                    // conv2d ignores output_padding (and stores 0).
                    Ok(_) if name == "output_padding" && m.op == Op::Conv2d => {}
                    Ok(p) => need(p == got, name, "was not kept")?,
                    Err(_) => need(false, name, "does not parse")?,
                }
            }
        }
        if let Some(text) = get("step") {
            need(
                text.trim().parse::<usize>().is_ok(),
                "step",
                "does not parse",
            )?;
        }
        match get("speed").map(parse_value) {
            None => prop_assert_eq!(loaded.speed, 1.0),
            Some(Ok(s)) if (SPEED_RANGE.0..=SPEED_RANGE.1).contains(&s) => {
                prop_assert_eq!(loaded.speed.to_bits(), s.to_bits());
            }
            Some(_) => need(false, "speed", "is not a speed in range")?,
        }
        let p = &loaded.prefs;
        match get("lang").map(Lang::from_tag) {
            None => prop_assert_eq!(p.lang, default_lang),
            Some(Some(l)) => prop_assert_eq!(p.lang, l),
            Some(None) => need(false, "lang", "is not a language")?,
        }
        match get("theme").map(Theme::from_word) {
            None => prop_assert_eq!(p.theme, Theme::Auto),
            Some(Some(t)) => prop_assert_eq!(p.theme, t),
            Some(None) => need(false, "theme", "is not a theme")?,
        }
        match get("section").map(Section::from_word) {
            None => prop_assert_eq!(p.section, Section::All),
            Some(Some(s)) => prop_assert_eq!(p.section, s),
            Some(None) => need(false, "section", "is not a section")?,
        }
        match get("mode").map(Stepping::from_word) {
            None => prop_assert_eq!(p.stepping, Stepping::Direct),
            Some(Some(s)) => prop_assert_eq!(p.stepping, s),
            Some(None) => need(false, "mode", "is not a stepping mode")?,
        }
        // PyTorch's mode names, spelled out here rather than through the
        // reader's own word table.
        let resize = |w: &str| match w {
            "nearest" => Some(Resize::Nearest),
            "bilinear" => Some(Resize::Bilinear),
            _ => None,
        };
        match get("resize").map(resize) {
            None => prop_assert_eq!(p.resize, Resize::Nearest),
            Some(Some(r)) => prop_assert_eq!(p.resize, r),
            Some(None) => need(false, "resize", "is not a resize mode")?,
        }
        let flag = |name: &str| matches!(get(name), Some("1" | "true"));
        prop_assert_eq!(
            (p.embed, p.readonly, p.autoplay),
            (flag("embed"), flag("readonly"), flag("autoplay"))
        );
        // `controls` is on unless switched off.
        prop_assert_eq!(
            p.hide_controls,
            matches!(get("controls"), Some("0" | "false"))
        );
        Ok(())
    }

    /// The properties of one query (see the file's documentation); returns
    /// what `read` gave.
    pub fn check_query(query: &str, default_lang: Lang) -> Result<Loaded, TestCaseError> {
        let loaded = watched("url::read", query, || read(query, default_lang));
        let m = &loaded.model;
        let revalidated = Model::try_new(m.op, m.input.clone(), m.kernel.clone(), m.params);
        prop_assert!(
            revalidated.as_ref().is_ok_and(|r| same_model(r, m)),
            "read({}) gave an invalid model: {revalidated:?}",
            shown(query)
        );
        prop_assert!((SPEED_RANGE.0..=SPEED_RANGE.1).contains(&loaded.speed));
        check_alerts(query, default_lang, &loaded)?;

        let state = load(loaded.clone());
        let written = write(&state);
        let again = watched("url::read", &written, || {
            read(&written, other(default_lang))
        });
        prop_assert!(
            again.alerts.is_empty(),
            "read({}) is written as {}, which reads back with alerts {:?}",
            shown(query),
            shown(&written),
            again.alerts
        );
        let state2 = load(again);
        prop_assert!(
            same_model(&state.model, &state2.model),
            "read({}) is written as {}, which reads back as another model:\n{:?}\nvs\n{:?}",
            shown(query),
            shown(&written),
            state.model,
            state2.model
        );
        prop_assert_eq!(
            state.position,
            state2.position,
            "step of {}",
            shown(&written)
        );
        prop_assert_eq!(state.speed.to_bits(), state2.speed.to_bits());
        prop_assert_eq!(state.prefs, state2.prefs);
        prop_assert_eq!(write(&state2), written);
        Ok(loaded)
    }

    /// A valid case's query reads back exactly, without alerts.
    pub fn check_case(case: &Case) -> Result<(), TestCaseError> {
        let query = case.query();
        let loaded = check_query(&query, Lang::En)?;
        prop_assert!(
            loaded.alerts.is_empty(),
            "read({}) of a valid state alerts {:?}",
            shown(&query),
            loaded.alerts
        );
        let expected = case.model();
        prop_assert!(
            same_model(&loaded.model, &expected),
            "read({}) gave {:?}, expected {:?}",
            shown(&query),
            loaded.model,
            expected
        );
        prop_assert_eq!(loaded.step, case.step);
        prop_assert_eq!(loaded.prefs, case.prefs);
        let speed = case.speed.map_or(1.0, |s| parse_value(s).expect("a speed"));
        prop_assert_eq!(loaded.speed, speed);
        Ok(())
    }

    /// A valid case with one parameter replaced by a refused value
    /// (`which` and `pick` select parameter and value): an alert names it.
    pub fn check_refused(case: &Case, which: usize, pick: usize) -> Result<(), TestCaseError> {
        let mut pieces = case.pieces();
        let refusable: Vec<usize> = (0..pieces.len())
            .filter(|&i| !refused_values(pieces[i].0, case.op).is_empty())
            .collect();
        let i = refusable[which % refusable.len()];
        let bad = refused_values(pieces[i].0, case.op);
        pieces[i].1 = bad[pick % bad.len()].to_string();
        let name = pieces[i].0;
        let query = join(&pieces);
        let loaded = check_query(&query, Lang::En)?;
        prop_assert!(
            alerted(&loaded, name),
            "read({}): the refused `{name}` has no alert (alerts: {:?})",
            shown(&query),
            loaded.alerts
        );
        Ok(())
    }
}

/// The tests `make test` runs (not compiled into `benches/fuzz_parsers.rs`).
#[cfg(test)]
mod tests {
    use super::props;
    use convt::app::i18n::Lang;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// `cases` cases from a fixed seed, so `make test` is reproducible
    /// (`PROPTEST_RNG_SEED=N` picks another).
    fn config(cases: u32) -> Config {
        let default = Config::default();
        Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 2_000,
            rng_seed: match default.rng_seed {
                RngSeed::Random => RngSeed::Fixed(0x00C0_4E7A),
                fixed => fixed,
            },
            ..default
        }
    }

    proptest! {
        #![proptest_config(config(400))]

        #[test]
        fn value_parsers_never_panic_on_arbitrary_text(text in props::arbitrary_text()) {
            props::check_value_parsers(&text)?;
        }

        #[test]
        fn value_parsers_never_panic_on_vocabulary(text in props::value()) {
            props::check_value_parsers(&text)?;
        }

        #[test]
        fn a_shown_value_reads_back_close(
            v in props::shown_value(),
        ) {
            props::check_short_format(v)?;
        }

        #[test]
        fn any_value_prints_as_rust_prints_it(v in props::printed_value()) {
            props::check_printed_like_rust(v)?;
        }

        #[test]
        fn any_query_reads_to_a_valid_state_that_round_trips(
            query in props::query(),
            lang in props::lang(),
        ) {
            props::check_query(&query, lang)?;
        }
    }

    proptest! {
        #![proptest_config(config(300))]

        #[test]
        fn a_valid_state_reads_back_exactly(case in props::case()) {
            props::check_case(&case)?;
        }

        #[test]
        fn each_refused_parameter_yields_an_alert(
            case in props::case(),
            which in 0usize..64,
            pick in 0usize..64,
        ) {
            props::check_refused(&case, which, pick)?;
        }
    }

    /// Queries of 100 000 characters return (the watchdog ends the process if
    /// one does not within `props::DEADLINE`), and their results are checked.
    #[test]
    fn huge_queries_return() {
        const N: usize = 100_000;
        let queries = [
            format!("input={}", "1,".repeat(N / 2)),
            format!("input={}", "1;".repeat(N / 2)),
            format!("kernel={}", "9".repeat(N)),
            "&".repeat(N),
            "a=b&".repeat(N / 4),
            "%41".repeat(N / 3 + 1),
            format!("speed={}", "0".repeat(N)),
            format!("step={}", "9".repeat(N)),
            format!("lang={}", "ｚ".repeat(N / 3 + 1)),
            format!("op=conv2d&input={}", "1".repeat(N)),
            format!("stride={}", ",".repeat(N)),
            format!("input={}", "%2C1".repeat(N / 4)),
        ];
        for q in &queries {
            assert!(q.len() >= N, "{}", q.len());
            props::check_query(q, Lang::En).unwrap_or_else(|e| panic!("{e}"));
            props::check_value_parsers(q).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// Small queries on an edge of the grammar.
    #[test]
    fn edge_queries() {
        for q in [
            "",
            "?",
            "&&&",
            "=",
            "op",
            "input",
            "input=",
            "input=%",
            "speed=0.25&speed=4",
            "lang=zh-CN",
            "op=conv2d&output_padding=1",
            "stride=16&dilation=16",
            "padding=64",
            "mode=zero-insertion&op=conv2d",
        ] {
            props::check_query(q, Lang::En).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
