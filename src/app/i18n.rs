//! Every piece of interface text, in English and Simplified Chinese.
//!
//! Each language is one [`Strings`] value; a key missing in either is a
//! compile error, and `tests` check that no string is empty and that every
//! template names the same placeholders in both languages. Templates use
//! `{name}` placeholders filled by [`fill`]. Chinese terms follow the source
//! article: 转置卷积, 卷积矩阵, 卷积核, 步长, 填充, 输出填充, 膨胀.

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

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// All interface text of one language.
#[allow(missing_docs)] // the field names are the keys; the values say what they are
#[derive(Debug)]
pub struct Strings {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub lang_switch: &'static str,
    pub theme_label: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub op_label: &'static str,
    pub op_conv: &'static str,
    pub op_conv_hint: &'static str,
    pub op_transposed: &'static str,
    pub op_transposed_hint: &'static str,
    pub op_one_to_one_hint: &'static str,
    pub input: &'static str,
    pub kernel: &'static str,
    pub output: &'static str,
    pub shape: &'static str,
    pub params_heading: &'static str,
    pub input_size: &'static str,
    pub kernel_size: &'static str,
    pub stride: &'static str,
    pub padding: &'static str,
    pub output_padding: &'static str,
    pub dilation: &'static str,
    pub height: &'static str,
    pub width: &'static str,
    pub link_axes: &'static str,
    pub presets: &'static str,
    pub preset_article: &'static str,
    pub preset_dcgan: &'static str,
    pub preset_uneven: &'static str,
    pub preset_dilated: &'static str,
    pub preset_identity: &'static str,
    pub randomize: &'static str,
    pub reset: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub formula_heading: &'static str,
    pub matrix_heading: &'static str,
    pub matrix_intro_transposed: &'static str,
    pub matrix_intro_conv: &'static str,
    pub matrix_c: &'static str,
    pub matrix_ct: &'static str,
    pub flattened_input: &'static str,
    pub flattened_output: &'static str,
    pub reshaped: &'static str,
    pub grids_heading: &'static str,
    pub grid_hint: &'static str,
    pub cell_active: &'static str,
    pub matrix_entry_label: &'static str,
    pub matrix_summary: &'static str,
    pub readonly_note: &'static str,
    pub alert_url_param: &'static str,
    pub dismiss: &'static str,
    pub axis_height: &'static str,
    pub axis_width: &'static str,
    pub role_input: &'static str,
    pub role_kernel: &'static str,
    pub err_empty_input: &'static str,
    pub err_input_too_large: &'static str,
    pub err_empty_kernel: &'static str,
    pub err_kernel_too_large: &'static str,
    pub err_zero_stride: &'static str,
    pub err_stride_too_large: &'static str,
    pub err_zero_dilation: &'static str,
    pub err_dilation_too_large: &'static str,
    pub err_padding_too_large: &'static str,
    pub err_output_padding: &'static str,
    pub err_empty_output: &'static str,
    pub err_output_too_large: &'static str,
    pub err_shape: &'static str,
    pub err_not_finite: &'static str,
    pub err_value_too_large: &'static str,
    pub val_empty: &'static str,
    pub val_nan: &'static str,
    pub val_not_finite: &'static str,
    pub val_too_large: &'static str,
    pub val_full_width: &'static str,
    pub val_comma: &'static str,
    pub val_too_long: &'static str,
    pub val_not_whole: &'static str,
    pub val_ragged: &'static str,
    pub val_empty_row: &'static str,
    pub url_unknown_word: &'static str,
    pub player_heading: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step_back: &'static str,
    pub step_forward: &'static str,
    pub go_start: &'static str,
    pub go_end: &'static str,
    pub scrubber: &'static str,
    pub speed: &'static str,
    pub position_of: &'static str,
    pub finished: &'static str,
    pub shortcuts: &'static str,
    pub cap_scatter: &'static str,
    pub cap_scatter_term: &'static str,
    pub cap_scatter_none: &'static str,
    pub cap_gather: &'static str,
    pub cap_gather_padding: &'static str,
    pub cap_finished: &'static str,
    pub cap_breakdown: &'static str,
    pub cap_breakdown_none: &'static str,
    pub scaled_kernel: &'static str,
    pub scaled_kernel_note: &'static str,
    pub products: &'static str,
    pub products_note: &'static str,
    pub share: &'static str,
    pub embed: &'static str,
    pub copied: &'static str,
    pub copy_manually: &'static str,
    pub share_field: &'static str,
    pub iframe_title: &'static str,
    pub panic_title: &'static str,
    pub panic_reload: &'static str,
    pub equiv_heading: &'static str,
    pub equiv_intro: &'static str,
    pub via_scatter: &'static str,
    pub via_matrix: &'static str,
    pub via_zero: &'static str,
    pub zero_inserted: &'static str,
    pub zero_inserted_note: &'static str,
    pub flipped_kernel: &'static str,
    pub flip_note: &'static str,
    pub max_diff: &'static str,
    pub mult_counts: &'static str,
    pub transposed_only: &'static str,
    pub show_transposed: &'static str,
    pub too_large_to_draw: &'static str,
    pub cb_heading: &'static str,
    pub cb_intro: &'static str,
    pub cb_transposed: &'static str,
    pub cb_resize: &'static str,
    pub cb_overlap: &'static str,
    pub cb_constant: &'static str,
    pub cb_profile: &'static str,
    pub cb_profile_range: &'static str,
    pub cb_plot_alt: &'static str,
    pub cb_even: &'static str,
    pub cb_uneven: &'static str,
    pub cb_too_small: &'static str,
    pub cb_mode: &'static str,
    pub cb_nearest: &'static str,
    pub cb_bilinear: &'static str,
    pub cb_picture: &'static str,
    pub cb_picture_input: &'static str,
    pub cb_picture_alt: &'static str,
    pub cb_picture_invalid: &'static str,
    pub adj_heading: &'static str,
    pub adj_intro: &'static str,
    pub adj_lhs: &'static str,
    pub adj_rhs: &'static str,
    pub adj_crop: &'static str,
    pub adj_equal: &'static str,
    pub adj_unequal: &'static str,
    pub adj_shuffle: &'static str,
    pub op_heading: &'static str,
    pub op_many_inputs: &'static str,
    pub op_choice: &'static str,
    pub op_rule: &'static str,
    pub op_extra: &'static str,
    pub op_extra_cells: &'static str,
    pub op_beyond: &'static str,
    pub op_size_control: &'static str,
    pub code_heading: &'static str,
    pub code_intro: &'static str,
    pub code_other: &'static str,
    pub copy: &'static str,
    pub err_output_size: &'static str,
    pub stepping_label: &'static str,
    pub stepping_direct: &'static str,
    pub stepping_zero: &'static str,
    pub cap_zero: &'static str,
    pub zero_products: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub download_plots: &'static str,
    pub formula_note_transposed: &'static str,
    pub formula_note_conv: &'static str,
    pub both_axes: &'static str,
    pub footer: &'static str,
}

/// English.
pub static EN: Strings = Strings {
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
};

/// 简体中文.
pub static ZH: Strings = Strings {
    title: "一步一步看转置卷积",
    subtitle: "修改任意数字，所有视图立即更新。悬停或聚焦一个单元格，查看它连接到哪些单元格。",
    lang_switch: "English",
    theme_label: "主题",
    theme_auto: "自动",
    theme_light: "浅色",
    theme_dark: "深色",
    op_label: "运算",
    op_conv: "卷积 (conv2d)",
    op_conv_hint: "多对一：{n} 个输入单元 → 1 个输出单元",
    op_transposed: "转置卷积 (conv_transpose2d)",
    op_transposed_hint: "一对多：1 个输入单元 → {n} 个输出单元",
    op_one_to_one_hint: "一对一：1 个输入单元 → 1 个输出单元（1×1 卷积核）",
    input: "输入",
    kernel: "卷积核",
    output: "输出",
    shape: "{rows}×{cols}",
    params_heading: "参数",
    input_size: "输入尺寸",
    kernel_size: "卷积核尺寸",
    stride: "步长",
    padding: "填充",
    output_padding: "输出填充",
    dilation: "膨胀",
    height: "高",
    width: "宽",
    link_axes: "两个方向相同",
    presets: "示例",
    preset_article: "文章中的例子",
    preset_dcgan: "DCGAN：4×4 卷积核，步长 2，填充 1",
    preset_uneven: "3×3 卷积核，步长 2（重叠不均匀）",
    preset_dilated: "膨胀 2",
    preset_identity: "恒等卷积核",
    randomize: "随机",
    reset: "重置",
    undo: "撤销",
    redo: "重做",
    formula_heading: "输出尺寸",
    matrix_heading: "矩阵形式",
    matrix_intro_transposed: "把输入展平为列向量，乘以 Cᵀ，再把结果重塑为网格：这就是转置卷积。C 是把输出形状映射回输入形状的卷积的卷积矩阵。",
    matrix_intro_conv: "把输入展平为列向量，乘以卷积矩阵 C，再把结果重塑为网格：这就是卷积。",
    matrix_c: "卷积矩阵 C",
    matrix_ct: "转置矩阵 Cᵀ",
    flattened_input: "输入（展平）",
    flattened_output: "输出（展平）",
    reshaped: "结果（重塑）",
    grids_heading: "输入、卷积核与输出",
    grid_hint: "方向键移动；回车或直接输入开始编辑；回车或 Tab 确认；Esc 取消。",
    cell_active: "相连",
    matrix_entry_label: "{name} 第 {row} 行第 {col} 列：{weight} = {value}",
    matrix_summary: "{name}：{rows} 行 × {cols} 列，{nnz} 个非零元素，每个都是一个卷积核权重。",
    readonly_note: "此嵌入页中的数值为只读。",
    alert_url_param: "链接中的“{name}”未被采用：{reason}。已使用默认值。",
    dismiss: "关闭",
    axis_height: "高度方向",
    axis_width: "宽度方向",
    role_input: "输入",
    role_kernel: "卷积核",
    err_empty_input: "输入在{axis}上至少需要 1 个单元。",
    err_input_too_large: "输入在{axis}上最多 {max} 个单元；请求的是 {size}。",
    err_empty_kernel: "卷积核在{axis}上至少需要 1 个单元。",
    err_kernel_too_large: "卷积核在{axis}上最多 {max} 个单元；请求的是 {size}。",
    err_zero_stride: "步长至少为 1（{axis}）。",
    err_stride_too_large: "步长最大为 {max}（{axis}）；请求的是 {value}。",
    err_zero_dilation: "膨胀至少为 1（{axis}）。",
    err_dilation_too_large: "膨胀最大为 {max}（{axis}）；请求的是 {value}。",
    err_padding_too_large: "填充最大为 {max}（{axis}）；请求的是 {value}。",
    err_output_padding: "输出填充必须小于步长或膨胀（{axis}：小于 {limit}）；请求的是 {value}。",
    err_empty_output: "输出在{axis}上将有 {size} 个单元：请减小填充，或增大输入或卷积核。",
    err_output_too_large: "输出在{axis}上将有 {size} 个单元；最多显示 {max} 个。",
    err_shape: "{role}的形状不符合要求。",
    err_not_finite: "{role}在 [{row},{col}] 处的值不是有限数。",
    err_value_too_large: "{role}在 [{row},{col}] 处的值的绝对值超过 10⁹。",
    val_empty: "请输入一个数字。",
    val_nan: "这不是数字。请使用数字、负号和小数点，例如 -2.5。",
    val_not_finite: "不允许 NaN 和无穷大：请输入有限数。",
    val_too_large: "太大：数值必须在 −10⁹ 到 10⁹ 之间，网格每边最多 64。",
    val_full_width: "不接受全角数字（如 １２）：请输入半角数字（12）。",
    val_comma: "请用小数点作小数分隔符：1.5，而不是 1,5。",
    val_too_long: "这个数字太长（最多 40 个字符）。",
    val_not_whole: "请输入整数（0、1、2……），或用逗号分隔的两个整数。",
    val_ragged: "每一行的数值个数必须相同。",
    val_empty_row: "有一行是空的。",
    url_unknown_word: "不是允许的取值",
    player_heading: "逐步演示",
    play: "播放",
    pause: "暂停",
    step_back: "后退一步",
    step_forward: "前进一步",
    go_start: "回到开头",
    go_end: "跳到结尾",
    scrubber: "位置",
    speed: "速度",
    position_of: "第 {step} 步，共 {steps} 步",
    finished: "完成：完整结果",
    shortcuts: "按键：空格 播放/暂停 · ←/→ 单步 · Home/End 开头/结尾",
    cap_scatter: "{x} = {v}：{terms}。",
    cap_scatter_term: "{v}·{w} = {p} 加到 {y}",
    cap_scatter_none: "{x} = {v} 没有落到任何输出单元：填充裁掉了所有抽头。",
    cap_gather: "{y} = {terms} = {sum}。",
    cap_gather_padding: "{x}·{w}（填充，0）",
    cap_finished: "完成：每个输出单元都是完整的和。按播放或单步查看构建过程。",
    cap_breakdown: "{y} = {sum} = {terms}",
    cap_breakdown_none: "{y} = 0：还没有输入单元到达这里。",
    scaled_kernel: "卷积核乘以 {x} = {v}",
    scaled_kernel_note: "高亮的抽头落在输出内；其余的被填充裁掉。",
    products: "{y} 的乘积 x·w",
    products_note: "它们的和是 {y} = {sum}。落在零填充上的抽头贡献 0。",
    share: "复制链接",
    embed: "复制嵌入代码",
    copied: "已复制到剪贴板。",
    copy_manually: "此处无法自动复制：文本已在下方选中，请按 Ctrl+C（⌘C）复制。",
    share_field: "要复制的文本",
    iframe_title: "转置卷积演示",
    panic_title: "出错了，演示已停止。",
    panic_reload: "以默认设置重新加载",
    equiv_heading: "三种计算，同一个结果",
    equiv_intro: "同一个转置卷积的三种独立计算方式：分散缩放后的卷积核、乘以 Cᵀ，以及插入零后与旋转 180° 的卷积核做卷积。",
    via_scatter: "（1）分散",
    via_matrix: "（2）Cᵀ·x 重塑",
    via_zero: "（3）插零",
    zero_inserted: "插零并填充后的输入",
    zero_inserted_note: "输入单元之间插入的零：{s}；前侧边界 {before}，后侧边界 {after}（负数表示裁剪）。输入单元带轮廓。",
    flipped_kernel: "旋转 180° 的卷积核",
    flip_note: "w'[a,b] = w[k−1−a, k−1−b]：直接卷积需要翻转的卷积核才能得到相同的数值。",
    max_diff: "三者之间的最大差值：{d}",
    mult_counts: "乘法次数：分散 {scatter}，Cᵀ·x {matrix}，插零 {zero}——其中 {zeros} 次乘的是插入或填充的零。",
    transposed_only: "这一部分讲解转置卷积；页面现在显示的是卷积。",
    show_transposed: "切换到转置卷积",
    too_large_to_draw: "{name}：{rows}×{cols}，太大无法在此绘制；其数值仍会计算。",
    cb_heading: "棋盘效应",
    cb_intro: "当步长大于 1 时，卷积核的副本在某些输出单元上重叠得更多。于是平坦的输入会变成条纹：这就是棋盘效应。先缩放再以步长 1 卷积，可以让抽头均匀分布。",
    cb_transposed: "转置卷积",
    cb_resize: "先缩放再卷积",
    cb_overlap: "每个输出单元的卷积核抽头数",
    cb_constant: "输入全为 1 时的输出",
    cb_profile: "该输出的第 {row} 行：{values}。",
    cb_profile_range: "取值从 {min} 到 {max}",
    cb_plot_alt: "{name}：{rows}×{cols}，取值从 {min} 到 {max}。",
    cb_even: "{axis}：均匀——每个内部单元获得相同数量的抽头（{value}）。",
    cb_uneven: "{axis}：不均匀——内部单元获得的抽头数为 {pattern}，每 {period} 个单元重复一次：棋盘效应。",
    cb_too_small: "{axis}：输出太小，无法显示重叠的一个完整周期。",
    cb_mode: "缩放方式",
    cb_nearest: "最近邻",
    cb_bilinear: "双线性",
    cb_picture: "用当前卷积核和参数上采样的 16×16 图片",
    cb_picture_input: "图片（16×16）",
    cb_picture_alt: "{name}：{rows}×{cols} 灰度图。",
    cb_picture_invalid: "无法用这些参数对图片上采样：{reason}",
    adj_heading: "为什么叫“转置”：伴随",
    adj_intro: "对任意 z 和 x，卷积与 x 的内积等于 z 与转置卷积的内积：二者互为伴随，正如 C 与 Cᵀ。这就是为什么转置卷积是卷积对其输入的梯度（反向传播），也是深度学习框架用其中一个实现另一个的原因。",
    adj_lhs: "⟨conv2d(z), x⟩ = {v}",
    adj_rhs: "⟨z, conv_transpose2d(x)⟩ = {v}",
    adj_crop: "由于输出填充 ≥ 步长，conv2d(z) 更大，已裁剪为 x 的形状。",
    adj_equal: "相等：两者由两个独立的函数计算，使用当前卷积核和随机整数 z、x。",
    adj_unequal: "两者相差 {d}（非整数值的舍入误差）。",
    adj_shuffle: "新的随机 z 和 x",
    op_heading: "输出填充详解",
    op_many_inputs: "{axis}：步长为 {s} 时，卷积把尺寸为 {sizes} 的输入都映射为尺寸 {out}。",
    op_choice: "输出填充 = {op} 在此方向上选择 {size}。",
    op_rule: "有效范围：0 ≤ 输出填充 < max(步长, 膨胀) = {limit}。",
    op_extra: "它增加的底部行和右侧列与其他输出单元一样计算：其值来自落在那里的卷积核抽头——输出填充不会附加零。",
    op_extra_cells: "由输出填充增加的单元：{cells}。",
    op_beyond: "此处输出填充 ≥ 步长（因为膨胀更大所以允许）：它只是扩展输出，对该输出做卷积会得到比输入更大的结果。",
    op_size_control: "输出尺寸（设置输出填充，类似 PyTorch 的 output_size=）",
    code_heading: "对应的代码",
    code_intro: "把这段代码复制到安装了 PyTorch 的 Python 中，它会打印上面显示的数值。",
    code_other: "其他框架有所不同：TensorFlow/Keras 的 Conv2DTranspose 用 padding='same' 或 'valid' 而不是数字（output_padding 单独设置）；JAX 的 lax.conv_transpose 默认不翻转卷积核，除非传入 transpose_kernel=True。",
    copy: "复制",
    err_output_size: "在这些参数下，输出在{axis}上可以是 {min} 到 {max} 个单元。",
    stepping_label: "逐步方式",
    stepping_direct: "分散：每步一个输入单元",
    stepping_zero: "插零：每步一个输出单元",
    cap_zero: "{y} = 翻转卷积核作用于插零输入 = {terms} = {sum}；{k} 个乘积中有 {n} 个来自输入单元，其余乘以零。",
    zero_products: "{y} 的插零输入窗口 × 翻转卷积核",
    download_svg: "下载 SVG",
    download_png: "下载 PNG",
    download_plots: "下载全部图（一张 PNG）",
    formula_note_transposed: "conv_transpose2d：当前显示的转置卷积。conv2d：用相同的卷积核、步长、填充和膨胀对其输出做卷积，得到输入的尺寸（当输出填充 ≥ 步长时更大）。",
    formula_note_conv: "conv2d：当前显示的卷积。conv_transpose2d：对其输出做转置卷积，选用能恢复输入尺寸的输出填充。",
    both_axes: "高 = 宽",
    footer: "改编自 Naoki Shibuya 的《Up-sampling with Transposed Convolution》。按 PyTorch 的 conv2d / conv_transpose2d 语义计算。",
};

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
            (_, 1) => self.op_one_to_one_hint.to_string(),
            (Op::ConvTranspose2d, n) => fill(self.op_transposed_hint, &[("n", &n)]),
            (Op::Conv2d, n) => fill(self.op_conv_hint, &[("n", &n)]),
        }
    }

    /// The word for an axis.
    pub fn axis(&self, axis: Axis) -> &'static str {
        match axis {
            Axis::H => self.axis_height,
            Axis::W => self.axis_width,
        }
    }

    /// The word for a grid role.
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Input => self.role_input,
            Role::Kernel => self.role_kernel,
        }
    }

    /// The label of a parameter.
    pub fn param(&self, kind: ParamKind) -> &'static str {
        match kind {
            ParamKind::InputSize => self.input_size,
            ParamKind::KernelSize => self.kernel_size,
            ParamKind::Stride => self.stride,
            ParamKind::Padding => self.padding,
            ParamKind::OutputPadding => self.output_padding,
            ParamKind::Dilation => self.dilation,
        }
    }

    /// A validation error in plain words.
    pub fn param_error(&self, e: &ParamError) -> String {
        use crate::math::caps::*;
        use ParamError as E;
        match *e {
            E::EmptyInput { axis } => fill(self.err_empty_input, &[("axis", &self.axis(axis))]),
            E::InputTooLarge { axis, size } => fill(
                self.err_input_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_INPUT),
                    ("size", &size),
                ],
            ),
            E::EmptyKernel { axis } => fill(self.err_empty_kernel, &[("axis", &self.axis(axis))]),
            E::KernelTooLarge { axis, size } => fill(
                self.err_kernel_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_KERNEL),
                    ("size", &size),
                ],
            ),
            E::ZeroStride { axis } => fill(self.err_zero_stride, &[("axis", &self.axis(axis))]),
            E::StrideTooLarge { axis, value } => fill(
                self.err_stride_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_STRIDE),
                    ("value", &value),
                ],
            ),
            E::ZeroDilation { axis } => fill(self.err_zero_dilation, &[("axis", &self.axis(axis))]),
            E::DilationTooLarge { axis, value } => fill(
                self.err_dilation_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_DILATION),
                    ("value", &value),
                ],
            ),
            E::PaddingTooLarge { axis, value } => fill(
                self.err_padding_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("max", &MAX_PADDING),
                    ("value", &value),
                ],
            ),
            E::OutputPaddingTooLarge { axis, value, limit } => fill(
                self.err_output_padding,
                &[
                    ("axis", &self.axis(axis)),
                    ("limit", &limit),
                    ("value", &value),
                ],
            ),
            E::EmptyOutput { axis, size } => fill(
                self.err_empty_output,
                &[("axis", &self.axis(axis)), ("size", &size)],
            ),
            E::OutputTooLarge { axis, size } => fill(
                self.err_output_too_large,
                &[
                    ("axis", &self.axis(axis)),
                    ("size", &size),
                    ("max", &MAX_OUTPUT),
                ],
            ),
            E::ShapeMismatch { role, .. } => fill(self.err_shape, &[("role", &self.role(role))]),
            E::ValueNotFinite { role, row, col } => fill(
                self.err_not_finite,
                &[("role", &self.role(role)), ("row", &row), ("col", &col)],
            ),
            E::ValueTooLarge { role, row, col } => fill(
                self.err_value_too_large,
                &[("role", &self.role(role)), ("row", &row), ("col", &col)],
            ),
        }
    }

    /// A parse error in plain words.
    pub fn value_error(&self, e: ValueError) -> &'static str {
        match e {
            ValueError::Empty => self.val_empty,
            ValueError::NotANumber => self.val_nan,
            ValueError::NotFinite => self.val_not_finite,
            ValueError::TooLarge => self.val_too_large,
            ValueError::FullWidth => self.val_full_width,
            ValueError::CommaDecimal => self.val_comma,
            ValueError::TooLong => self.val_too_long,
            ValueError::NotWhole => self.val_not_whole,
            ValueError::Ragged => self.val_ragged,
            ValueError::EmptyRow => self.val_empty_row,
        }
    }

    /// Any alert in plain words.
    pub fn alert(&self, alert: &Alert) -> String {
        match alert {
            Alert::Param(e) => self.param_error(e),
            Alert::Value(e) => self.value_error(*e).to_string(),
            Alert::OutputSize { axis, min, max } => fill(
                self.err_output_size,
                &[("axis", &self.axis(*axis)), ("min", min), ("max", max)],
            ),
            Alert::UrlParam { name, reason } => {
                let reason = match reason {
                    UrlReason::Value(e) => self.value_error(*e).to_string(),
                    UrlReason::Param(e) => self.param_error(e),
                    UrlReason::UnknownWord => self.url_unknown_word.to_string(),
                };
                let reason = reason.trim_end_matches(['.', '。']).to_string();
                fill(self.alert_url_param, &[("name", name), ("reason", &reason)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each field as text, through Debug, so a new key is covered without
    /// listing it here.
    fn fields(s: &Strings) -> Vec<(String, String)> {
        let dbg = format!("{s:#?}");
        dbg.lines()
            .filter_map(|l| {
                let l = l.trim();
                let (k, v) = l.split_once(": ")?;
                Some((k.to_string(), v.trim_end_matches(',').to_string()))
            })
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

    #[test]
    fn both_languages_have_every_key_non_empty_with_the_same_placeholders() {
        let en = fields(&EN);
        let zh = fields(&ZH);
        assert!(
            en.len() > 80,
            "Debug output changed shape: {} fields",
            en.len()
        );
        assert_eq!(en.len(), zh.len());
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
            EN.fan_hint(Op::ConvTranspose2d, 9),
            "one-to-many: 1 input cell → 9 output cells"
        );
        assert_eq!(
            EN.fan_hint(Op::Conv2d, 6),
            "many-to-one: 6 input cells → 1 output cell"
        );
        assert_eq!(
            ZH.fan_hint(Op::Conv2d, 4),
            "多对一：4 个输入单元 → 1 个输出单元"
        );
        for t in [&EN, &ZH] {
            for op in [Op::Conv2d, Op::ConvTranspose2d] {
                assert_eq!(t.fan_hint(op, 1), t.op_one_to_one_hint);
            }
        }
    }

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
