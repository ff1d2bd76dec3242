//! Typed numbers: parsing cell values, sizes and parameters, and printing
//! values for cells, URLs and code.
//!
//! Rust's `f64::from_str` accepts `NaN`, `inf` and turns `1e400` into infinity,
//! so every value is checked for finiteness and against [`MAX_ABS_VALUE`].
//! Full-width digits and a comma used as a decimal separator are refused with
//! a message saying so, rather than silently misread.
//!
//! In the browser, neither Rust's float parser nor its float printer is in
//! the wasm (about 15 and 7 KiB gzipped): reading uses JavaScript's
//! `Number()`, printing lays out shortest digits found in the wasm or, for
//! long ones, taken from JavaScript ([`plain`], [`exponent`]). Tests hold
//! both to Rust's results.

use crate::math::caps::MAX_ABS_VALUE;
use crate::math::Pair;

/// Longest text accepted for one number; longer strings are refused before parsing.
pub const MAX_NUMBER_CHARS: usize = 40;

/// Why a typed value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueError {
    /// Nothing was typed.
    Empty,
    /// Not a number at all.
    NotANumber,
    /// `NaN`, `inf`, or a number so large it overflows to infinity.
    NotFinite,
    /// Finite but above the value cap (|v| ≤ 1e9).
    TooLarge,
    /// Full-width digits such as `１２`.
    FullWidth,
    /// A comma used as the decimal separator, such as `1,5`.
    CommaDecimal,
    /// More than [`MAX_NUMBER_CHARS`] characters.
    TooLong,
    /// A size or parameter that is not a whole number ≥ 0.
    NotWhole,
    /// A grid whose rows have different lengths.
    Ragged,
    /// A grid with no values, or an empty row.
    EmptyRow,
}

/// Parses one cell value: a finite decimal number with |v| ≤ 1e9.
///
/// `-0` is kept as negative zero (it is a valid f64 and round-trips).
///
/// # Errors
/// The matching [`ValueError`].
pub fn parse_value(text: &str) -> Result<f64, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    if text.chars().count() > MAX_NUMBER_CHARS {
        return Err(ValueError::TooLong);
    }
    if text
        .chars()
        .any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c) || c == '\u{FF0E}')
    {
        return Err(ValueError::FullWidth);
    }
    if text.contains(',') {
        return Err(ValueError::CommaDecimal);
    }
    // Only plain decimal notation: digits, sign, dot, exponent. This refuses
    // "inf", "NaN", "infinity" and hex before Rust's parser sees them.
    let plain = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
    if !plain {
        let lower = text.to_ascii_lowercase();
        let word = lower.trim_start_matches(['+', '-']);
        return Err(if matches!(word, "nan" | "inf" | "infinity") {
            ValueError::NotFinite
        } else {
            ValueError::NotANumber
        });
    }
    let value = parse_decimal(text).ok_or(ValueError::NotANumber)?;
    if !value.is_finite() {
        return Err(ValueError::NotFinite);
    }
    if value.abs() > MAX_ABS_VALUE {
        return Err(ValueError::TooLarge);
    }
    Ok(value)
}

/// Parses text already limited to digits, sign, dot and exponent.
///
/// In the browser this is JavaScript's unary `+` (the same as `Number()`):
/// Rust's float parser and its power-of-five tables are about 15 KB of the
/// gzipped wasm. Both round correctly to the nearest f64, so they agree on
/// every such text (a browser test in `tests/web.rs` checks); `Number("")`
/// would be 0, but empty text never gets here.
#[cfg(target_arch = "wasm32")]
fn parse_decimal(text: &str) -> Option<f64> {
    let value = wasm_bindgen::JsValue::from_str(text).unchecked_into_f64();
    (!value.is_nan()).then_some(value)
}

/// Parses text already limited to digits, sign, dot and exponent (natively:
/// Rust's parser; see the wasm version for why the browser differs).
#[cfg(not(target_arch = "wasm32"))]
fn parse_decimal(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// Parses a whole number such as a size or a stride (no sign, no fraction).
///
/// # Errors
/// [`ValueError::Empty`], [`ValueError::FullWidth`], [`ValueError::TooLong`]
/// or [`ValueError::NotWhole`].
pub fn parse_whole(text: &str) -> Result<usize, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    if text.chars().count() > MAX_NUMBER_CHARS {
        return Err(ValueError::TooLong);
    }
    if text.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
        return Err(ValueError::FullWidth);
    }
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValueError::NotWhole);
    }
    // Ten digits at most keeps the value far from overflow; the caps are tiny.
    text.get(..text.len().min(10))
        .filter(|_| text.len() <= 10)
        .and_then(|t| t.parse().ok())
        .ok_or(ValueError::NotWhole)
}

/// Parses `N` (both axes) or `H,W`.
///
/// # Errors
/// As [`parse_whole`]; [`ValueError::NotWhole`] for more than two parts.
pub fn parse_pair(text: &str) -> Result<Pair, ValueError> {
    let mut parts = text.split(',');
    let h = parse_whole(parts.next().unwrap_or(""))?;
    let w = match parts.next() {
        Some(w) => parse_whole(w)?,
        None => h,
    };
    if parts.next().is_some() {
        return Err(ValueError::NotWhole);
    }
    Ok(Pair::new(h, w))
}

/// Formats a pair as `N` when both axes agree, else `H,W`.
pub fn format_pair(p: Pair) -> String {
    if p.h == p.w {
        p.h.to_string()
    } else {
        format!("{},{}", p.h, p.w)
    }
}

/// Parses a grid written as rows separated by `;` and values by `,`,
/// refusing more than `max_side` rows or columns before allocating anything
/// proportional to them.
///
/// # Errors
/// The first bad value's [`ValueError`], [`ValueError::Ragged`],
/// [`ValueError::EmptyRow`], or [`ValueError::TooLarge`] for too many rows or
/// columns.
pub fn parse_grid(text: &str, max_side: usize) -> Result<(usize, usize, Vec<f64>), ValueError> {
    if text.trim().is_empty() {
        return Err(ValueError::EmptyRow);
    }
    if text.split(';').count() > max_side {
        return Err(ValueError::TooLarge);
    }
    let mut cols = None;
    let mut rows = 0;
    let mut data = Vec::new();
    for row in text.split(';') {
        if row.trim().is_empty() {
            return Err(ValueError::EmptyRow);
        }
        let n = row.split(',').count();
        if n > max_side {
            return Err(ValueError::TooLarge);
        }
        match cols {
            None => cols = Some(n),
            Some(c) if c != n => return Err(ValueError::Ragged),
            Some(_) => {}
        }
        for v in row.split(',') {
            data.push(parse_value(v)?);
        }
        rows += 1;
    }
    Ok((rows, cols.unwrap_or(0), data))
}

/// The shortest decimal digits that read back as a finite value, and where
/// the point goes: `v = ±d₁.d₂d₃… × 10^exp`.
///
/// Every float the page prints goes through here, so the wasm carries no
/// float printer of its own (Rust's is 7 KiB of the gzipped wasm). Whole
/// numbers and decimals of up to 15 digits are found in the wasm; other
/// values take their digits from JavaScript's `Number.prototype.toString`
/// in the browser, from Rust's formatting natively. Both give the shortest
/// digits that round-trip, the closest to the value when several are as
/// short. They differ only when two are exactly as close (a 17-digit tie):
/// JavaScript ends on the even digit, Rust rounds up; both read back as the
/// value (a browser test compares them with Rust's `Display` and `{:e}`).
struct Shortest {
    negative: bool,
    /// No leading or trailing zeros; `"0"` for zero.
    digits: String,
    exp: i32,
}

impl Shortest {
    fn of(v: f64) -> Self {
        Self::short_decimal(v)
            .unwrap_or_else(|| Self::read(&shortest_text(v.abs()), v.is_sign_negative()))
    }

    /// The digits of a finite `v` that is a decimal of at most 15 significant
    /// digits, n / 10^k (what people type: 0.25, 1.5, 123.456); `None` for
    /// any other value.
    ///
    /// Why the answer is the shortest, and the one `Display` gives: with
    /// |n| < 10^15 < 2^51, `v · 10^k` is within 0.5 of n, so rounding it
    /// finds n; `n / 10^k` divides two exact f64s and rounds once, exactly
    /// as reading the text "n e-k" does, so the test is exact; two decimals
    /// of at most 15 digits are further apart than one f64 step, so at most
    /// one n fits each k; and the smallest k that fits has the fewest digits.
    fn short_decimal(v: f64) -> Option<Self> {
        const MAX: f64 = 1e15;
        let negative = v.is_sign_negative();
        if v == 0.0 {
            let digits = "0".to_string();
            return Some(Shortest {
                negative,
                digits,
                exp: 0,
            });
        }
        let mut scale = 1.0;
        for k in 0..=22 {
            let n = (v * scale).round();
            if n.abs() >= MAX {
                return None;
            }
            if n != 0.0 && n / scale == v {
                let mut digits = (n.abs() as i64).to_string();
                let exp = digits.len() as i32 - 1 - k;
                digits.truncate(digits.trim_end_matches('0').len());
                return Some(Shortest {
                    negative,
                    digits,
                    exp,
                });
            }
            scale *= 10.0;
        }
        None
    }

    /// Reads the digits of `text`: "123.45", "0.00012", "1.5e-7", "1e+21",
    /// "1200" (JavaScript) or "1.2345e2" (Rust) — digits, an optional point,
    /// an optional exponent.
    fn read(text: &str, negative: bool) -> Self {
        let (mantissa, exp) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
        let mut digits = String::with_capacity(mantissa.len());
        let mut leading = 0;
        for c in mantissa.chars().filter(char::is_ascii_digit) {
            if c == '0' && digits.is_empty() {
                leading += 1;
            } else {
                digits.push(c);
            }
        }
        digits.truncate(digits.trim_end_matches('0').len());
        let exp = if digits.is_empty() {
            digits.push('0');
            0
        } else {
            exp + int_len - 1 - leading
        };
        Shortest {
            negative,
            digits,
            exp,
        }
    }

    /// Display's layout: never an exponent, `-0` for negative zero.
    fn plain(&self) -> String {
        let (digits, exp) = (self.digits.as_str(), self.exp);
        let zeros = |out: &mut String, n: i32| (0..n).for_each(|_| out.push('0'));
        let mut out = String::with_capacity(digits.len() + exp.unsigned_abs() as usize + 3);
        if self.negative {
            out.push('-');
        }
        if exp < 0 {
            out.push_str("0.");
            zeros(&mut out, -exp - 1);
            out.push_str(digits);
        } else {
            let int_len = (exp as usize + 1).min(digits.len());
            out.push_str(&digits[..int_len]);
            zeros(&mut out, exp + 1 - int_len as i32);
            if int_len < digits.len() {
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        }
        out
    }

    /// `{:e}`'s layout: `2.5e8`, `1e-40`, `0e0`.
    fn exponent(&self) -> String {
        let (first, rest) = self.digits.split_at(1);
        let sign = if self.negative { "-" } else { "" };
        let point = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{point}{rest}e{}", self.exp)
    }
}

/// The shortest round-trip digits of `v > 0`: plain from 1e-7 up to 1e21,
/// in exponent form outside (JavaScript's choice).
#[cfg(target_arch = "wasm32")]
fn shortest_text(v: f64) -> String {
    js_sys::Number::from(v)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The shortest round-trip digits of `v > 0`, in the notation JavaScript
/// would choose, so that native tests take the browser's paths.
#[cfg(not(target_arch = "wasm32"))]
fn shortest_text(v: f64) -> String {
    if (1e-7..1e21).contains(&v) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// `v` as Rust's `{}` prints it: the shortest digits that read back as `v`,
/// never in exponent form, `-0` for negative zero.
pub fn plain(v: f64) -> String {
    // Whole numbers — most cells — and short decimals are printed in the
    // wasm, without a call out to JavaScript: below 2^53 a whole number is
    // exact as an i64.
    if v == v.trunc() && v.abs() < 9_007_199_254_740_992.0 {
        return if v == 0.0 && v.is_sign_negative() {
            "-0".to_string()
        } else {
            (v as i64).to_string()
        };
    }
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    if let Some(s) = Shortest::short_decimal(v) {
        return s.plain();
    }
    // From 1e-7 to 1e21 the text is already Display's layout.
    let text = shortest_text(v.abs());
    let mut out = if text.contains(['e', 'E']) {
        Shortest::read(&text, false).plain()
    } else {
        text
    };
    if v.is_sign_negative() {
        out.insert(0, '-');
    }
    out
}

/// `v` as Rust's `{:e}` prints it: `2.5e8`, `1e-40`, `0e0`.
pub fn exponent(v: f64) -> String {
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    Shortest::of(v).exponent()
}

fn non_finite(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// Formats a value exactly: the shortest decimal that parses back to the same
/// f64, as used in `data-value` and in URLs.
pub fn format_exact(v: f64) -> String {
    // The plain form never switches to exponent form, so 1e-40 would be 42
    // characters — longer than a typed number may be. Both forms are the
    // shortest digits that round-trip; use the exponent form when shorter.
    let plain = plain(v);
    if plain.len() > 21 {
        exponent(v)
    } else {
        plain
    }
}

/// Formats a value for display in a cell: integers as they are, others with
/// at most three decimals, large magnitudes in exponent form.
pub fn format_short(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e6 {
        return plain(v);
    }
    if v.abs() >= 1e6 || (v != 0.0 && v.abs() < 1e-3) {
        // Mantissa with two decimals and the exponent, taken from v's
        // shortest digits (no `log10`, which is libm code in the wasm).
        let mut exp = Shortest::of(v).exp;
        // Below 1e-308, 10^exp is subnormal or 0: scale v up first.
        let mut scaled = if exp < -300 {
            v * 1e300 / 10f64.powi(exp + 300)
        } else {
            v / 10f64.powi(exp)
        };
        // The shortest digits of a subnormal can round up to the next power
        // of ten (9.88e-323 is "1e-322"): keep the mantissa at least 1.
        if scaled.abs() < 1.0 {
            scaled *= 10.0;
            exp -= 1;
        }
        let mut mantissa = (scaled * 100.0).round() / 100.0;
        // 9.996e6 rounds up to a mantissa of 10: print it as 1e7.
        if mantissa.abs() >= 10.0 {
            mantissa /= 10.0;
            exp += 1;
        }
        return format!("{}e{exp}", plain(mantissa));
    }
    // Round to three decimals, then print the shortest form of that.
    let rounded = (v * 1000.0).round() / 1000.0;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        plain(rounded)
    }
}

/// Formats a grid as `a,b;c,d` with exact values.
pub fn format_grid(rows: usize, cols: usize, data: &[f64]) -> String {
    let mut out = String::new();
    for r in 0..rows {
        if r > 0 {
            out.push(';');
        }
        for c in 0..cols {
            if c > 0 {
                out.push(',');
            }
            out.push_str(&format_exact(data[r * cols + c]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked() {
        assert_eq!(parse_value("4"), Ok(4.0));
        assert_eq!(parse_value(" -2.5 "), Ok(-2.5));
        assert!(parse_value("-0").unwrap().is_sign_negative());
        assert_eq!(parse_value(""), Err(ValueError::Empty));
        assert_eq!(parse_value("abc"), Err(ValueError::NotANumber));
        assert_eq!(parse_value("NaN"), Err(ValueError::NotFinite));
        assert_eq!(parse_value("-inf"), Err(ValueError::NotFinite));
        assert_eq!(parse_value("1e400"), Err(ValueError::NotFinite));
        assert_eq!(parse_value("2e9"), Err(ValueError::TooLarge));
        assert_eq!(parse_value("１２"), Err(ValueError::FullWidth));
        assert_eq!(parse_value("1,5"), Err(ValueError::CommaDecimal));
        assert_eq!(parse_value(&"1".repeat(41)), Err(ValueError::TooLong));
        assert_eq!(parse_value("0x10"), Err(ValueError::NotANumber));
    }

    #[test]
    fn wholes_and_pairs() {
        assert_eq!(parse_pair("2"), Ok(Pair::new(2, 2)));
        assert_eq!(parse_pair("2,3"), Ok(Pair::new(2, 3)));
        assert_eq!(parse_pair("-1"), Err(ValueError::NotWhole));
        assert_eq!(parse_pair("1,2,3"), Err(ValueError::NotWhole));
        assert_eq!(parse_pair("99999999999"), Err(ValueError::NotWhole));
        assert_eq!(format_pair(Pair::new(2, 3)), "2,3");
    }

    #[test]
    fn grids() {
        assert_eq!(
            parse_grid("2,1;4,4", 64),
            Ok((2, 2, vec![2.0, 1.0, 4.0, 4.0]))
        );
        assert_eq!(parse_grid("1,2;3", 64), Err(ValueError::Ragged));
        assert_eq!(parse_grid("1,2;;3,4", 64), Err(ValueError::EmptyRow));
        assert_eq!(parse_grid("1;2;3", 2), Err(ValueError::TooLarge));
        assert_eq!(format_grid(2, 2, &[2.0, 1.5, -0.0, 4.0]), "2,1.5;-0,4");
        for v in [1e-40, -2.5e-300, 1e9, 123456.789, f64::MIN_POSITIVE, 5e-324] {
            let text = format_exact(v);
            assert_eq!(parse_value(&text), Ok(v), "{text}");
        }
    }

    #[test]
    fn digits_are_read_from_either_notation() {
        let read = |text: &str| {
            let s = Shortest::read(text, false);
            (s.digits, s.exp)
        };
        // JavaScript's `String(v)`: plain between 1e-7 and 1e21.
        assert_eq!(read("123.45"), ("12345".to_string(), 2));
        assert_eq!(read("0.00012"), ("12".to_string(), -4));
        assert_eq!(read("1200"), ("12".to_string(), 3));
        assert_eq!(read("1.5e-7"), ("15".to_string(), -7));
        assert_eq!(read("1e+21"), ("1".to_string(), 21));
        assert_eq!(
            read("123456789012345680000"),
            ("12345678901234568".to_string(), 20)
        );
        assert_eq!(read("0"), ("0".to_string(), 0));
        // Rust's `{:e}`.
        assert_eq!(read("1.2345e2"), ("12345".to_string(), 2));
        assert_eq!(read("5e-324"), ("5".to_string(), -324));
        assert_eq!(read("0e0"), ("0".to_string(), 0));
    }

    #[test]
    fn plain_and_exponent_print_as_rust_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -29.0,
            0.1 + 0.2,
            1e21,
            1.5e-7,
            1e-7,
            123456.789,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            -2.5e8,
            1200.0,
            0.000001,
        ] {
            assert_eq!(plain(v), format!("{v}"));
            assert_eq!(exponent(v), format!("{v:e}"));
        }
        assert_eq!(plain(f64::NAN), "NaN");
        assert_eq!(exponent(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn short_format() {
        assert_eq!(format_short(29.0), "29");
        assert_eq!(format_short(0.1 + 0.2), "0.3");
        assert_eq!(format_short(-0.0), "-0");
        assert_eq!(format_short(2.5e8 + 0.5), "2.5e8");
        assert_eq!(format_short(-0.0001234), "-1.23e-4");
        assert_eq!(format_short(2.0 / 3.0), "0.667");
        // A mantissa that rounds up to 10 moves to the next power.
        assert_eq!(format_short(9.996e6), "1e7");
        assert_eq!(format_short(-9.999e-5), "-1e-4");
        assert_eq!(format_short(1e-300), "1e-300");
        // Subnormals: 10^-324 is 0 in f64, so the mantissa is scaled first.
        assert_eq!(format_short(5e-324), "4.94e-324");
        assert_eq!(format_short(-1e-320), "-1e-320");
    }
}
