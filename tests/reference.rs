//! Every case of `tests/data/conv-cases.json` (55 cases produced with ONNX
//! Runtime) through `conv2d` / `conv_transpose2d`, C·x / Cᵀ·x and zero
//! insertion, with exact equality (all values are small integers).
//!
//! The JSON is read with a tiny hand-written parser (numbers, strings, arrays,
//! objects, literals) so no extra dev-dependency is needed.

mod common;

use common::{flatten, grid, mat, Mat, Spec};
use convt::math::*;
use std::collections::BTreeMap;

const CASES: &str = include_str!("data/conv-cases.json");
const EXPECTED_CASES: usize = 55;

// ---------------------------------------------------------------- JSON

#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn parse(text: &'a str) -> Json {
        let mut p = Parser {
            bytes: text.as_bytes(),
            pos: 0,
        };
        let v = p.value();
        p.ws();
        assert_eq!(p.pos, p.bytes.len(), "trailing characters after JSON value");
        v
    }

    fn ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> u8 {
        *self
            .bytes
            .get(self.pos)
            .unwrap_or_else(|| panic!("unexpected end of JSON"))
    }

    fn expect(&mut self, b: u8) {
        self.ws();
        assert_eq!(self.peek() as char, b as char, "at byte {}", self.pos);
        self.pos += 1;
    }

    fn literal(&mut self, word: &str, v: Json) -> Json {
        assert!(
            self.bytes[self.pos..].starts_with(word.as_bytes()),
            "bad literal at {}",
            self.pos
        );
        self.pos += word.len();
        v
    }

    fn value(&mut self) -> Json {
        self.ws();
        match self.peek() {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => Json::Str(self.string()),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            _ => self.number(),
        }
    }

    fn object(&mut self) -> Json {
        self.expect(b'{');
        let mut map = BTreeMap::new();
        self.ws();
        if self.peek() == b'}' {
            self.pos += 1;
            return Json::Obj(map);
        }
        loop {
            self.ws();
            let key = self.string();
            self.expect(b':');
            let v = self.value();
            assert!(map.insert(key, v).is_none(), "duplicate key");
            self.ws();
            match self.peek() {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Json::Obj(map);
                }
                c => panic!("unexpected {:?} in object at {}", c as char, self.pos),
            }
        }
    }

    fn array(&mut self) -> Json {
        self.expect(b'[');
        let mut items = Vec::new();
        self.ws();
        if self.peek() == b']' {
            self.pos += 1;
            return Json::Arr(items);
        }
        loop {
            items.push(self.value());
            self.ws();
            match self.peek() {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Json::Arr(items);
                }
                c => panic!("unexpected {:?} in array at {}", c as char, self.pos),
            }
        }
    }

    fn string(&mut self) -> String {
        self.expect(b'"');
        let mut out = String::new();
        loop {
            let c = self.peek();
            self.pos += 1;
            match c {
                b'"' => return out,
                b'\\' => {
                    let e = self.peek();
                    self.pos += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        _ => panic!("unsupported escape \\{}", e as char),
                    });
                }
                _ => out.push(c as char), // the data file is ASCII
            }
        }
    }

    fn number(&mut self) -> Json {
        let start = self.pos;
        while self.pos < self.bytes.len()
            && matches!(
                self.bytes[self.pos],
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
            )
        {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap();
        Json::Num(
            text.parse()
                .unwrap_or_else(|_| panic!("bad number {text:?} at {start}")),
        )
    }
}

impl Json {
    fn field(&self, key: &str) -> &Json {
        match self {
            Json::Obj(m) => m.get(key).unwrap_or_else(|| panic!("missing field {key}")),
            _ => panic!("not an object"),
        }
    }
    fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            _ => panic!("not an array: {self:?}"),
        }
    }
    fn num(&self) -> f64 {
        match self {
            Json::Num(n) => *n,
            _ => panic!("not a number: {self:?}"),
        }
    }
    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            _ => panic!("not a string: {self:?}"),
        }
    }
    fn mat(&self) -> Mat {
        self.arr()
            .iter()
            .map(|r| r.arr().iter().map(Json::num).collect())
            .collect()
    }
    fn pair(&self) -> [usize; 2] {
        let a = self.arr();
        assert_eq!(a.len(), 2);
        let f = |v: &Json| {
            let n = v.num();
            assert!(n >= 0.0 && n.fract() == 0.0, "bad parameter {n}");
            n as usize
        };
        [f(&a[0]), f(&a[1])]
    }
}

#[derive(Debug)]
struct Case {
    name: String,
    op: Op,
    input: Mat,
    kernel: Mat,
    spec: Spec,
    output: Mat,
}

fn load_cases() -> Vec<Case> {
    Parser::parse(CASES)
        .arr()
        .iter()
        .map(|c| Case {
            name: c.field("name").str().to_owned(),
            op: match c.field("op").str() {
                "conv2d" => Op::Conv2d,
                "conv_transpose2d" => Op::ConvTranspose2d,
                other => panic!("unknown op {other}"),
            },
            input: c.field("input").mat(),
            kernel: c.field("kernel").mat(),
            spec: Spec {
                stride: c.field("stride").pair(),
                padding: c.field("padding").pair(),
                output_padding: c.field("output_padding").pair(),
                dilation: c.field("dilation").pair(),
            },
            output: c.field("output").mat(),
        })
        .collect()
}

// ---------------------------------------------------------------- tests

#[test]
fn json_parser_basics() {
    let v = Parser::parse(
        r#" {"a": [1, -2.5, 3e2], "b": "x\"y", "c": {}, "d": [], "e": null, "f": true} "#,
    );
    assert_eq!(
        v.field("a").arr().iter().map(Json::num).collect::<Vec<_>>(),
        vec![1.0, -2.5, 300.0]
    );
    assert_eq!(v.field("b").str(), "x\"y");
    assert_eq!(v.field("e"), &Json::Null);
    assert_eq!(v.field("f"), &Json::Bool(true));
}

#[test]
fn case_file_is_complete() {
    let cases = load_cases();
    assert_eq!(
        cases.len(),
        EXPECTED_CASES,
        "truncated or extended case file"
    );
    let conv = cases.iter().filter(|c| c.op == Op::Conv2d).count();
    assert!(conv > 10 && cases.len() - conv > 10, "both ops are covered");
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), EXPECTED_CASES, "case names are unique");
    // The data exercises the interesting corners.
    assert!(cases.iter().any(|c| c.spec.stride[0] != c.spec.stride[1]));
    assert!(cases.iter().any(|c| c.spec.dilation.iter().any(|&d| d > 1)));
    assert!(cases
        .iter()
        .any(|c| c.spec.output_padding.iter().any(|&p| p > 0)));
    // (output_padding >= stride is not in the file; identities.rs covers it.)
}

/// The naive reference of `common` agrees with ONNX Runtime too, so the
/// property tests compare against a trustworthy oracle.
#[test]
fn naive_reference_matches_onnx() {
    for c in load_cases() {
        let got = match c.op {
            Op::Conv2d => common::ref_conv2d(&c.input, &c.kernel, &c.spec),
            Op::ConvTranspose2d => common::ref_conv_transpose2d(&c.input, &c.kernel, &c.spec),
        };
        assert_eq!(got.as_ref(), Some(&c.output), "{}", c.name);
    }
}

#[test]
fn direct_ops_match_onnx() {
    for c in load_cases() {
        let (x, w) = (grid(&c.input), grid(&c.kernel));
        let params = c.spec.params();
        let y = match c.op {
            Op::Conv2d => conv2d(&x, &w, &params),
            Op::ConvTranspose2d => conv_transpose2d(&x, &w, &params),
        }
        .unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(mat(&y), c.output, "{} ({:?})", c.name, c.spec);

        let g = Geometry::try_new(c.op, x.shape(), w.shape(), params).unwrap();
        let oshape = Pair::new(c.output.len(), c.output[0].len());
        assert_eq!(g.output(), oshape, "{}", c.name);
        let unchecked = match c.op {
            Op::Conv2d => conv2d_unchecked(&g, &x, &w),
            Op::ConvTranspose2d => conv_transpose2d_unchecked(&g, &x, &w),
        };
        assert_eq!(unchecked, y, "{} unchecked", c.name);
    }
}

#[test]
fn matrix_products_match_onnx() {
    for c in load_cases() {
        let (x, w) = (grid(&c.input), grid(&c.kernel));
        let g = Geometry::try_new(c.op, x.shape(), w.shape(), c.spec.params()).unwrap();
        let m = ConvMatrix::new(&g);
        let expected = flatten(&c.output);
        match c.op {
            Op::Conv2d => {
                assert_eq!(
                    (m.rows(), m.cols()),
                    (expected.len(), x.len()),
                    "{}",
                    c.name
                );
                assert_eq!(m.mul(&w, x.data()), expected, "{} C·x", c.name);
            }
            Op::ConvTranspose2d => {
                assert_eq!(
                    (m.rows(), m.cols()),
                    (x.len(), expected.len()),
                    "{}",
                    c.name
                );
                assert_eq!(m.mul_transposed(&w, x.data()), expected, "{} Cᵀ·x", c.name);
            }
        }
    }
}

#[test]
fn zero_insertion_matches_onnx() {
    let mut checked = 0;
    for c in load_cases()
        .into_iter()
        .filter(|c| c.op == Op::ConvTranspose2d)
    {
        let (x, w) = (grid(&c.input), grid(&c.kernel));
        let g = Geometry::try_new(c.op, x.shape(), w.shape(), c.spec.params()).unwrap();
        let z = ZeroInsertion::new(&g, &x, &w);
        assert_eq!(mat(&z.output), c.output, "{} zero insertion", c.name);
        assert_eq!(z.flipped_kernel, w.rotated_180(), "{}", c.name);
        checked += 1;
    }
    assert!(checked > 20);
}
