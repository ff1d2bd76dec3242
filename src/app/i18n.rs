//! Every piece of interface text, in English and Simplified Chinese.
//!
//! Each language is one [`Strings`] value. English is compiled in (one text,
//! `EN_TEXT`, split on first use).
//! Chinese is the file `static/strings-zh.txt`, which the page fetches only
//! when Chinese is chosen (`super::translations`), so the default page does
//! not carry it (5.9 KiB of the wasm's gzip); natively it is compiled in.
//! Until it is installed ([`install_zh`]), [`Lang::strings`] gives English
//! for Chinese, and the reducer keeps the page in English (`State::apply`).
//!
//! A key missing in English is a compile error; one missing in the Chinese
//! file makes [`Strings::parse`] refuse the file, and `tests` check that the
//! file parses, that no string is empty and that every template names the
//! same placeholders in both languages. Templates use `{name}` placeholders
//! filled by [`fill`]. Chinese terms follow the source article: 转置卷积,
//! 卷积矩阵, 卷积核, 步长, 填充, 输出填充, 膨胀.

use std::cell::Cell;

use crate::math::{Axis, Op, ParamError, Role};

use super::state::{Alert, ParamKind, UrlReason};
use super::value::ValueError;

/// Interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// BCP 47 tag for `<html lang>` and the URL.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses `en`, `zh`, `zh-CN`, `en-US`, … (anything else: None).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The strings of this language: English for Chinese until the Chinese
    /// file is installed.
    // Not inlined: a call at each of its 33 callers is smaller than the
    // lookup (0.2 KiB gzip).
    #[inline(never)]
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => english(),
            Lang::Zh => ZH.with(Cell::get).unwrap_or_else(english),
        }
    }

    /// Whether this language's strings are here (English always is).
    pub fn is_ready(self) -> bool {
        match self {
            Lang::En => true,
            Lang::Zh => ZH.with(Cell::get).is_some(),
        }
    }
}

// The Chinese strings, once installed. (A thread-local because the page
// has one thread and they are set once, after start. In the browser it
// starts empty, with no lazy initialisation to check at each read; natively
// each test thread parses the file compiled in.)
#[cfg(target_arch = "wasm32")]
thread_local! {
    static ZH: Cell<Option<&'static Strings>> = const { Cell::new(None) };
}
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static ZH: Cell<Option<&'static Strings>> = Cell::new(native_zh());
}

/// The Chinese file, for native builds (tests, tools), which have no page
/// to fetch it from.
#[cfg(not(target_arch = "wasm32"))]
fn native_zh() -> Option<&'static Strings> {
    let strings = Strings::parse(include_str!("../../static/strings-zh.txt")).ok()?;
    Some(Box::leak(Box::new(strings)))
}

/// Forgets the Chinese strings on this thread, as the page is before it has
/// fetched them (for tests of what waits for them).
#[cfg(test)]
pub(crate) fn forget_zh() {
    ZH.with(|zh| zh.set(None));
}

/// Installs the Chinese strings from the text of `static/strings-zh.txt`;
/// nothing changes if they are already installed.
///
/// # Errors
///
/// [`StringsError`] if the text is not a strings file with exactly this
/// build's keys, in order ([`Strings::parse`]).
pub fn install_zh(text: &'static str) -> Result<(), StringsError> {
    if !Lang::Zh.is_ready() {
        let strings = Strings::parse(text)?;
        ZH.with(|zh| zh.set(Some(Box::leak(Box::new(strings)))));
    }
    Ok(())
}

/// The English strings, split out of [`EN_TEXT`] on first use.
fn english() -> &'static Strings {
    thread_local! {
        static EN: &'static Strings = {
            let mut values = [""; Strings::COUNT];
            for (slot, text) in values.iter_mut().zip(EN_TEXT.split('\n')) {
                *slot = text;
            }
            Box::leak(Box::new(Strings(values)))
        };
    }
    EN.with(|en| *en)
}

/// A language file that does not fit this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringsError {
    /// A line (1-based) that is neither blank, a `#` comment nor `key = value`.
    Malformed(usize),
    /// More or fewer strings than [`Strings::COUNT`].
    Count(usize),
    /// The keys are not this build's keys in this build's order (a file from
    /// another version of the page).
    Keys,
}

/// FNV-1a (64-bit) over each key's bytes, with a `\n` after each: a
/// fingerprint of a list of keys and their order.
const fn keys_fingerprint(keys: &[&str]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut k = 0;
    while k < keys.len() {
        hash = fingerprint_key(hash, keys[k].as_bytes());
        k += 1;
    }
    hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds one key into a [`keys_fingerprint`].
const fn fingerprint_key(mut hash: u64, key: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut i = 0;
    while i < key.len() {
        hash = (hash ^ key[i] as u64).wrapping_mul(PRIME);
        i += 1;
    }
    (hash ^ b'\n' as u64).wrapping_mul(PRIME)
}

impl Strings {
    /// Reads a language file: one string per line, `key = value` (the value
    /// is the rest of the line, as is), blank lines and lines starting with
    /// `#` ignored, every key of [`Strings`] once, in field order. The
    /// strings borrow from `text`.
    ///
    /// # Errors
    ///
    /// [`StringsError::Malformed`] for a line without ` = `,
    /// [`StringsError::Count`] for too many or too few strings,
    /// [`StringsError::Keys`] for other keys or another order.
    pub fn parse(text: &'static str) -> Result<Strings, StringsError> {
        let mut values = [""; Strings::COUNT];
        let mut count = 0;
        let mut fingerprint = FNV_OFFSET;
        // `split('\n')` and `split_once('=')`, not `lines()` and
        // `split_once(" = ")`: character searches keep the wasm free of the
        // substring searcher.
        for (index, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .and_then(|(key, value)| Some((key.strip_suffix(' ')?, value.strip_prefix(' ')?)))
                .ok_or(StringsError::Malformed(index + 1))?;
            if let Some(slot) = values.get_mut(count) {
                *slot = value;
            }
            fingerprint = fingerprint_key(fingerprint, key.as_bytes());
            count += 1;
        }
        if count != Strings::COUNT {
            return Err(StringsError::Count(count));
        }
        if fingerprint != Strings::KEYS_FINGERPRINT {
            return Err(StringsError::Keys);
        }
        Ok(Strings(values))
    }
}

/// Defines [`Strings`] and [`EN`] from the keys and their English text:
/// one method per key (`t.title()`), the number of keys, and a fingerprint
/// of their names in order, which a language file must match.
macro_rules! strings {
    ($($key:ident: $en:literal,)*) => {
        /// Each key's place in [`Strings`].
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        enum Key {
            $($key,)*
        }

        /// The keys' names, in order. Read only at compile time (the count,
        /// the fingerprint) and by the tests: the names stay out of the wasm.
        const KEY_NAMES: &[&str] = &[$(stringify!($key)),*];

        /// How many strings a language has.
        const KEY_COUNT: usize = KEY_NAMES.len();

        /// All interface text of one language, one string per key, in the
        /// keys' order; each key's method reads its string. (An array, not
        /// a struct of fields, so that a file's strings become one
        /// without a move per field: 1.5 KiB less wasm.)
        pub struct Strings([&'static str; KEY_COUNT]);

        #[allow(missing_docs)] // the keys name the strings; the English says what they are
        impl Strings {
            /// How many strings a language has.
            pub const COUNT: usize = KEY_COUNT;

            /// [`keys_fingerprint`] of the keys in order, computed at
            /// compile time.
            const KEYS_FINGERPRINT: u64 = keys_fingerprint(KEY_NAMES);

            $(
                pub fn $key(&self) -> &'static str {
                    self.0[Key::$key as usize]
                }
            )*
        }

        /// English: every string in key order, each followed by a line
        /// break (no string has one). One text rather than an array of
        /// 183 `&str`s in the wasm: each of those was an address and a
        /// length (1.5 KiB of numbers that compress poorly), where a line
        /// break is a byte; [`english`] splits it once.
        const EN_TEXT: &str = concat!($($en, "\n"),*);

        /// The English strings as the macro was given them, for the tests.
        #[cfg(test)]
        const EN_VALUES: [&str; KEY_COUNT] = [$($en),*];
    };
}

strings! {
    title: "Transposed convolution, step by step",
    subtitle: "Edit any number; every view updates at once. Hover or focus a cell to see what it connects to.",
    lang_switch: "中文",
    theme_label: "Theme",
    theme_auto: "Auto",
    theme_light: "Light",
    theme_dark: "Dark",
    op_label: "Operation",
    op_conv: "Convolution (conv2d)",
    op_conv_hint: "many-to-one: {n} input cells → 1 output cell",
    op_transposed: "Transposed convolution (conv_transpose2d)",
    op_transposed_hint: "one-to-many: 1 input cell → {n} output cells",
    op_one_to_one_hint: "one-to-one: 1 input cell → 1 output cell (a 1×1 kernel)",
    input: "Input",
    kernel: "Kernel",
    output: "Output",
    shape: "{rows}×{cols}",
    params_heading: "Parameters",
    input_size: "Input size",
    kernel_size: "Kernel size",
    stride: "Stride",
    padding: "Padding",
    output_padding: "output_padding",
    dilation: "Dilation",
    height: "height",
    width: "width",
    link_axes: "same for both axes",
    presets: "Examples",
    preset_article: "The article's example",
    preset_dcgan: "DCGAN: 4×4 kernel, stride 2, padding 1",
    preset_uneven: "3×3 kernel, stride 2 (uneven overlap)",
    preset_dilated: "Dilation 2",
    preset_identity: "Identity kernel",
    randomize: "Randomize",
    reset: "Reset",
    undo: "Undo",
    redo: "Redo",
    formula_heading: "Output size",
    matrix_heading: "The matrix form",
    matrix_intro_transposed: "Flatten the input into a column vector, multiply by Cᵀ, and reshape the result: that is the transposed convolution. C is the matrix of the convolution that maps the output's shape back to the input's shape.",
    matrix_intro_conv: "Flatten the input into a column vector, multiply by the convolution matrix C, and reshape the result: that is the convolution.",
    matrix_c: "Convolution matrix C",
    matrix_ct: "Transposed matrix Cᵀ",
    flattened_input: "input, flattened",
    flattened_output: "output, flattened",
    reshaped: "Result, reshaped",
    grids_heading: "Input, kernel and output",
    grid_hint: "Arrow keys move; Enter or typing edits; Enter or Tab commits; Escape cancels.",
    cell_active: "connected",
    matrix_entry_label: "{name} row {row}, column {col}: {weight} = {value}",
    matrix_summary: "{name}: {rows} rows × {cols} columns, {nnz} non-zero entries, each a kernel weight.",
    readonly_note: "Values are read-only in this embed.",
    alert_url_param: "The link's “{name}” was not used: {reason}. It took its default.",
    dismiss: "Dismiss",
    axis_height: "height",
    axis_width: "width",
    role_input: "input",
    role_kernel: "kernel",
    err_empty_input: "The input needs at least 1 cell in {axis}.",
    err_input_too_large: "The input can be at most {max} cells in {axis}; {size} was asked for.",
    err_empty_kernel: "The kernel needs at least 1 cell in {axis}.",
    err_kernel_too_large: "The kernel can be at most {max} cells in {axis}; {size} was asked for.",
    err_zero_stride: "The stride must be at least 1 (in {axis}).",
    err_stride_too_large: "The stride can be at most {max} (in {axis}); {value} was asked for.",
    err_zero_dilation: "The dilation must be at least 1 (in {axis}).",
    err_dilation_too_large: "The dilation can be at most {max} (in {axis}); {value} was asked for.",
    err_padding_too_large: "The padding can be at most {max} (in {axis}); {value} was asked for.",
    err_output_padding: "output_padding must be smaller than the stride or the dilation (in {axis}: less than {limit}); {value} was asked for.",
    err_empty_output: "The output would have {size} cells in {axis}: make the padding smaller or the input or kernel larger.",
    err_output_too_large: "The output would be {size} cells in {axis}; at most {max} are shown.",
    err_shape: "The {role} does not have the expected shape.",
    err_not_finite: "The {role} value at [{row},{col}] is not a finite number.",
    err_value_too_large: "The {role} value at [{row},{col}] is larger than 10⁹ in size.",
    val_empty: "Type a number.",
    val_nan: "That is not a number. Use digits, a minus sign and a dot, like -2.5.",
    val_not_finite: "NaN and infinity are not allowed: type a finite number.",
    val_too_large: "Too large: values must be between −10⁹ and 10⁹, and grids at most 64 per side.",
    val_full_width: "Full-width digits (like １２) are not accepted: type ASCII digits (12).",
    val_comma: "Use a dot as the decimal separator: 1.5, not 1,5.",
    val_too_long: "That number is too long (40 characters at most).",
    val_not_whole: "Type a whole number (0, 1, 2, …), or two separated by a comma.",
    val_ragged: "Every row needs the same number of values.",
    val_empty_row: "A row is empty.",
    url_unknown_word: "not one of the allowed values",
    player_heading: "Step through it",
    play: "Play",
    pause: "Pause",
    step_back: "Step back",
    step_forward: "Step forward",
    go_start: "Go to start",
    go_end: "Go to end",
    scrubber: "Position",
    speed: "Speed",
    position_of: "Step {step} of {steps}",
    finished: "Finished: the complete result",
    shortcuts: "Keys: Space play/pause · ←/→ step · Home/End start/end",
    cap_scatter: "{x} = {v} adds {terms}.",
    cap_scatter_term: "{v}·{w} = {p} to {y}",
    cap_scatter_none: "{x} = {v} reaches no output cell: padding crops every tap.",
    cap_gather: "{y} = {terms} = {sum}.",
    cap_gather_padding: "{x}·{w} (padding, 0)",
    cap_finished: "Finished: every output cell holds its complete sum. Press Play or step to watch it being built.",
    cap_breakdown: "{y} = {sum} = {terms}",
    cap_breakdown_none: "{y} = 0: no input cell has reached it yet.",
    scaled_kernel: "Kernel scaled by {x} = {v}",
    scaled_kernel_note: "Highlighted taps land inside the output; the others are cropped by padding.",
    products: "Products x·w for {y}",
    products_note: "Their sum is {y} = {sum}. Taps on the zero padding add 0.",
    share: "Copy link",
    embed: "Copy embed code",
    copied: "Copied to the clipboard.",
    copy_manually: "Copying is not available here: the text is selected below, press Ctrl+C (⌘C) to copy it.",
    share_field: "Text to copy",
    iframe_title: "Transposed convolution explainer",
    panic_title: "Something went wrong and the explainer stopped.",
    panic_reload: "Reload with defaults",
    equiv_heading: "Three computations, one answer",
    equiv_intro: "The same transposed convolution computed three independent ways: scattering the scaled kernel, multiplying by Cᵀ, and inserting zeros then convolving with the kernel rotated by 180°.",
    via_scatter: "(1) Scatter",
    via_matrix: "(2) Cᵀ·x, reshaped",
    via_zero: "(3) Zero insertion",
    zero_inserted: "Input with zeros inserted and padded",
    zero_inserted_note: "Zeros between input cells: {s}; border {before} before and {after} after (negative: cropped). Input cells are outlined.",
    flipped_kernel: "Kernel rotated 180°",
    flip_note: "w'[a,b] = w[k−1−a, k−1−b]: the direct convolution needs the flipped kernel to give the same numbers.",
    max_diff: "Largest difference between the three: {d}",
    mult_counts: "Multiplications: scatter {scatter}, Cᵀ·x {matrix}, zero insertion {zero} — of which {zeros} multiply an inserted or padded zero.",
    transposed_only: "This part explains transposed convolution; the page now shows a convolution.",
    show_transposed: "Show transposed convolution",
    too_large_to_draw: "{name}: {rows}×{cols}, too large to draw here; its values are still computed.",
    cb_heading: "Checkerboard artifacts",
    cb_intro: "With stride > 1 the kernel's copies overlap more on some output cells than on others. A flat input then comes out striped: the checkerboard. Resizing first and then convolving at stride 1 spreads the taps evenly.",
    cb_transposed: "Transposed convolution",
    cb_resize: "Resize, then convolve",
    cb_overlap: "Kernel taps per output cell",
    cb_constant: "Output for a constant input of 1",
    cb_profile: "Row {row} of that output: {values}.",
    cb_profile_range: "values from {min} to {max}",
    cb_plot_alt: "{name}: {rows}×{cols}, values from {min} to {max}.",
    cb_even: "{axis}: even — every interior cell gets the same number of taps ({value}).",
    cb_uneven: "{axis}: uneven — interior cells get {pattern} taps, repeating every {period} cells: a checkerboard.",
    cb_too_small: "{axis}: the output is too small to show a full period of the overlap.",
    cb_mode: "Resize mode",
    cb_nearest: "nearest neighbour",
    cb_bilinear: "bilinear",
    cb_picture: "A 16×16 picture up-sampled with the current kernel and parameters",
    cb_picture_input: "Picture (16×16)",
    cb_picture_alt: "{name}: {rows}×{cols} grey-level picture.",
    cb_picture_invalid: "The picture cannot be up-sampled with these parameters: {reason}",
    adj_heading: "Why “transposed”: the adjoint",
    adj_intro: "For any z and x, the inner product of a convolution with x equals the inner product of z with the transposed convolution: they are each other's adjoint, exactly as C and Cᵀ are. That is why the transposed convolution is the gradient of the convolution with respect to its input (its backward pass), and why frameworks implement one with the other.",
    adj_lhs: "⟨conv2d(z), x⟩ = {v}",
    adj_rhs: "⟨z, conv_transpose2d(x)⟩ = {v}",
    adj_crop: "conv2d(z) is cropped to x's shape, because output_padding ≥ stride makes it larger.",
    adj_equal: "Equal: both computed by two independent functions, for the current kernel and random integer z and x.",
    adj_unequal: "These differ by {d} (rounding of non-integer values).",
    adj_shuffle: "New random z and x",
    op_heading: "output_padding, explained",
    op_many_inputs: "{axis}: with stride {s}, a convolution maps inputs of size {sizes} to size {out}.",
    op_choice: "output_padding = {op} picks {size} on this axis.",
    op_rule: "Valid range: 0 ≤ output_padding < max(stride, dilation) = {limit}.",
    op_extra: "The extra bottom rows and right columns it adds are computed like every other output cell: they hold whatever kernel taps reach them — output_padding appends no zeros.",
    op_extra_cells: "Cells added by output_padding: {cells}.",
    op_beyond: "Here output_padding ≥ stride (allowed because the dilation is larger): it only extends the output, and a convolution of that output is larger than the input.",
    op_size_control: "Output size (sets output_padding, like PyTorch's output_size=)",
    code_heading: "The same in code",
    code_intro: "Copy this into Python with PyTorch installed; it prints the numbers shown above.",
    code_other: "Other frameworks differ: TensorFlow/Keras Conv2DTranspose takes padding='same' or 'valid' instead of numbers (and output_padding separately); JAX's lax.conv_transpose does not flip the kernel unless you pass transpose_kernel=True.",
    copy: "Copy",
    err_output_size: "With these parameters the output can be {min} to {max} cells in {axis}.",
    stepping_label: "Step through",
    stepping_direct: "the scatter: one input cell per step",
    stepping_zero: "zero insertion: one output cell per step",
    cap_zero: "{y} = flipped kernel over the zero-inserted input = {terms} = {sum}; {n} of {k} products meet an input cell, the rest multiply zeros.",
    zero_products: "Window of the zero-inserted input × flipped kernel for {y}",
    download_svg: "Download SVG",
    download_png: "Download PNG",
    download_plots: "Download the plots (one PNG)",
    formula_note_transposed: "conv_transpose2d: the transposed convolution being shown. conv2d: the convolution with the same kernel, stride, padding and dilation, applied to its output, which leads back to the input's size (larger when output_padding ≥ stride).",
    formula_note_conv: "conv2d: the convolution being shown. conv_transpose2d: the transposed convolution of its output with the output_padding that restores the input's size.",
    both_axes: "height = width",
    footer: "After “Up-sampling with Transposed Convolution” by Naoki Shibuya. Computed with PyTorch's conv2d / conv_transpose2d semantics.",
    // Shown in English (Chinese is what failed), followed by
    // [`LANG_UNAVAILABLE_ZH`] for those who asked for Chinese.
    lang_unavailable: "The Chinese text could not be loaded, so the page stays in English; check the connection and try again.",
}

/// What [`Strings::lang_unavailable`] says, in Chinese, compiled in: it is
/// shown when the Chinese file is what could not be loaded.
pub const LANG_UNAVAILABLE_ZH: &str = "无法加载中文界面，请检查网络连接后重试。";

/// Replaces each `{name}` in `template` with its value, in one pass: a value
/// that itself contains `{…}` is left as it is, and so is a `{name}` with no
/// value. (One pass with character searches also keeps the wasm free of
/// `str::replace`'s substring search.)
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (close, value))
        });
        match named {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Strings {
    /// How many cells one cell connects to, for `op` with a kernel of
    /// `taps` weights: "one-to-many: 1 input cell → 9 output cells" for
    /// the article's 3×3 kernel.
    pub fn fan_hint(&self, op: Op, taps: usize) -> String {
        match (op, taps) {
            (_, 1) => self.op_one_to_one_hint().to_string(),
            (Op::ConvTranspose2d, n) => fill(self.op_transposed_hint(), &[("n", &n)]),
            (Op::Conv2d, n) => fill(self.op_conv_hint(), &[("n", &n)]),
        }
    }

    /// The word for an axis.
    pub fn axis(&self, axis: Axis) -> &'static str {
        match axis {
            Axis::H => self.axis_height(),
            Axis::W => self.axis_width(),
        }
    }

    /// The word for a grid role.
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Input => self.role_input(),
            Role::Kernel => self.role_kernel(),
        }
    }

    /// The label of a parameter.
    pub fn param(&self, kind: ParamKind) -> &'static str {
        match kind {
            ParamKind::InputSize => self.input_size(),
            ParamKind::KernelSize => self.kernel_size(),
            ParamKind::Stride => self.stride(),
            ParamKind::Padding => self.padding(),
            ParamKind::OutputPadding => self.output_padding(),
            ParamKind::Dilation => self.dilation(),
        }
    }

    /// A validation error in plain words.
    pub fn param_error(&self, e: &ParamError) -> String {
        use crate::math::caps::*;
        use ParamError as E;
        match *e {
            E::EmptyInput { axis } => fill(self.err_empty_input(), &[("axis", &self.axis(axis))]),
            E::InputTooLarge { axis, size } => fill(
                self.err_input_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_INPUT),
                    ("size", &size),
                ],
            ),
            E::EmptyKernel { axis } => fill(self.err_empty_kernel(), &[("axis", &self.axis(axis))]),
            E::KernelTooLarge { axis, size } => fill(
                self.err_kernel_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_KERNEL),
                    ("size", &size),
                ],
            ),
            E::ZeroStride { axis } => fill(self.err_zero_stride(), &[("axis", &self.axis(axis))]),
            E::StrideTooLarge { axis, value } => fill(
                self.err_stride_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_STRIDE),
                    ("value", &value),
                ],
            ),
            E::ZeroDilation { axis } => {
                fill(self.err_zero_dilation(), &[("axis", &self.axis(axis))])
            }
            E::DilationTooLarge { axis, value } => fill(
                self.err_dilation_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_DILATION),
                    ("value", &value),
                ],
            ),
            E::PaddingTooLarge { axis, value } => fill(
                self.err_padding_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_PADDING),
                    ("value", &value),
                ],
            ),
            E::OutputPaddingTooLarge { axis, value, limit } => fill(
                self.err_output_padding(),
                &[
                    ("axis", &self.axis(axis)),
                    ("limit", &limit),
                    ("value", &value),
                ],
            ),
            E::EmptyOutput { axis, size } => fill(
                self.err_empty_output(),
                &[("axis", &self.axis(axis)), ("size", &size)],
            ),
            E::OutputTooLarge { axis, size } => fill(
                self.err_output_too_large(),
                &[
                    ("axis", &self.axis(axis)),
                    ("size", &size),
                    ("max", &MAX_OUTPUT),
                ],
            ),
            E::ShapeMismatch { role, .. } => fill(self.err_shape(), &[("role", &self.role(role))]),
            E::ValueNotFinite { role, row, col } => fill(
                self.err_not_finite(),
                &[("role", &self.role(role)), ("row", &row), ("col", &col)],
            ),
            E::ValueTooLarge { role, row, col } => fill(
                self.err_value_too_large(),
                &[("role", &self.role(role)), ("row", &row), ("col", &col)],
            ),
        }
    }

    /// A parse error in plain words.
    pub fn value_error(&self, e: ValueError) -> &'static str {
        match e {
            ValueError::Empty => self.val_empty(),
            ValueError::NotANumber => self.val_nan(),
            ValueError::NotFinite => self.val_not_finite(),
            ValueError::TooLarge => self.val_too_large(),
            ValueError::FullWidth => self.val_full_width(),
            ValueError::CommaDecimal => self.val_comma(),
            ValueError::TooLong => self.val_too_long(),
            ValueError::NotWhole => self.val_not_whole(),
            ValueError::Ragged => self.val_ragged(),
            ValueError::EmptyRow => self.val_empty_row(),
        }
    }

    /// Any alert in plain words.
    pub fn alert(&self, alert: &Alert) -> String {
        match alert {
            Alert::Param(e) => self.param_error(e),
            Alert::Value(e) => self.value_error(*e).to_string(),
            Alert::OutputSize { axis, min, max } => fill(
                self.err_output_size(),
                &[("axis", &self.axis(*axis)), ("min", min), ("max", max)],
            ),
            Alert::LangUnavailable => self.lang_unavailable().to_string(),
            Alert::UrlParam { name, reason } => {
                let reason = match reason {
                    UrlReason::Value(e) => self.value_error(*e).to_string(),
                    UrlReason::Param(e) => self.param_error(e),
                    UrlReason::UnknownWord => self.url_unknown_word().to_string(),
                };
                let reason = reason.trim_end_matches(['.', '。']).to_string();
                fill(
                    self.alert_url_param(),
                    &[("name", name), ("reason", &reason)],
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each key with its string.
    fn fields(s: &Strings) -> Vec<(String, String)> {
        KEY_NAMES
            .iter()
            .zip(s.0)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        out.sort();
        out
    }

    const ZH_FILE: &str = include_str!("../../static/strings-zh.txt");

    fn zh() -> &'static Strings {
        assert!(Lang::Zh.is_ready(), "static/strings-zh.txt does not parse");
        Lang::Zh.strings()
    }

    #[test]
    fn english_text_splits_into_the_strings_as_written() {
        assert_eq!(english().0, EN_VALUES);
        assert!(EN_VALUES.iter().all(|v| !v.contains('\n')));
        assert_eq!(
            EN_TEXT.split('\n').count(),
            Strings::COUNT + 1,
            "a break after each"
        );
    }

    #[test]
    fn both_languages_have_every_key_non_empty_with_the_same_placeholders() {
        let en = fields(english());
        let zh = fields(zh());
        assert_eq!((en.len(), zh.len()), (Strings::COUNT, Strings::COUNT));
        for ((ke, ve), (kz, vz)) in en.iter().zip(&zh) {
            assert_eq!(ke, kz);
            assert!(ve.len() > 2 && vz.len() > 2, "empty string for {ke}");
            assert_eq!(
                placeholders(ve),
                placeholders(vz),
                "placeholders differ for {ke}"
            );
        }
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(
            fill(
                "{a} and {b}, {a}; {unknown} { {a",
                &[("a", &1), ("b", &"x{a}")]
            ),
            "1 and x{a}, 1; {unknown} { {a"
        );
        assert_eq!(fill("", &[]), "");
        assert_eq!(
            fill("步 {step} / {steps}", &[("step", &2), ("steps", &9)]),
            "步 2 / 9"
        );
    }

    #[test]
    fn fan_hint_counts_the_kernel() {
        assert_eq!(
            english().fan_hint(Op::ConvTranspose2d, 9),
            "one-to-many: 1 input cell → 9 output cells"
        );
        assert_eq!(
            english().fan_hint(Op::Conv2d, 6),
            "many-to-one: 6 input cells → 1 output cell"
        );
        assert_eq!(
            zh().fan_hint(Op::Conv2d, 4),
            "多对一：4 个输入单元 → 1 个输出单元"
        );
        for t in [english(), zh()] {
            for op in [Op::Conv2d, Op::ConvTranspose2d] {
                assert_eq!(t.fan_hint(op, 1), t.op_one_to_one_hint());
            }
        }
    }

    #[test]
    fn the_chinese_file_has_each_key_once_in_field_order() {
        let keys: Vec<&str> = ZH_FILE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_once(" = ").map_or(l, |(k, _)| k))
            .collect();
        let fields: Vec<String> = fields(english()).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, fields);
        assert_eq!(keys.len(), Strings::COUNT);
        assert_eq!(
            Strings::parse(ZH_FILE).map(|s| s.title()),
            Ok("一步一步看转置卷积")
        );
    }

    #[test]
    fn a_file_with_other_keys_or_lines_is_refused() {
        // Every line of the real file but one, and with one line too many.
        let lines: Vec<&str> = ZH_FILE.lines().collect();
        let last = lines.len() - 1;
        let without_last = lines[..last].join("\n");
        let leaked = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        assert_eq!(
            Strings::parse(leaked(without_last.clone())).err(),
            Some(StringsError::Count(Strings::COUNT - 1))
        );
        let extra = format!("{ZH_FILE}extra = 多余\n");
        assert_eq!(
            Strings::parse(leaked(extra)).err(),
            Some(StringsError::Count(Strings::COUNT + 1))
        );
        // The right number of keys, one renamed.
        let renamed = ZH_FILE.replacen("\ntitle = ", "\nheading = ", 1);
        assert_eq!(
            Strings::parse(leaked(renamed)).err(),
            Some(StringsError::Keys)
        );
        // Two keys swapped.
        let swapped = ZH_FILE
            .replacen("\ntitle = ", "\nTMP = ", 1)
            .replacen("\nsubtitle = ", "\ntitle = ", 1)
            .replacen("\nTMP = ", "\nsubtitle = ", 1);
        assert_eq!(
            Strings::parse(leaked(swapped)).err(),
            Some(StringsError::Keys)
        );
        // A line that is not `key = value`, reported by its number.
        let broken = format!("# comment\n\ntitle: x\n{without_last}");
        assert_eq!(
            Strings::parse(leaked(broken)).err(),
            Some(StringsError::Malformed(3))
        );
        assert_eq!(Strings::parse("").err(), Some(StringsError::Count(0)));
        // Windows line ends are read like Unix ones.
        let crlf = ZH_FILE.replace('\n', "\r\n");
        assert_eq!(
            Strings::parse(leaked(crlf)).map(|s| s.title()),
            Ok("一步一步看转置卷积")
        );
    }

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
