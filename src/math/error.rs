//! Why a geometry or a pair of grids was refused.
//!
//! [`Geometry::try_new`](super::Geometry::try_new) checks, in this order and
//! the height axis before the width axis:
//!
//! ```text
//! 1 <= input  <= MAX_INPUT          EmptyInput / InputTooLarge
//! 1 <= kernel <= MAX_KERNEL         EmptyKernel / KernelTooLarge
//! 1 <= stride <= MAX_STRIDE         ZeroStride / StrideTooLarge
//! 1 <= dilation <= MAX_DILATION     ZeroDilation / DilationTooLarge
//! padding <= MAX_PADDING            PaddingTooLarge
//! output_padding < max(s, d)        OutputPaddingTooLarge (conv_transpose2d only)
//! output >= 1                       EmptyOutput
//! output <= MAX_OUTPUT              OutputTooLarge
//! ```
//!
//! [`Grid::check_values`](super::Grid::check_values) then refuses values that
//! are not finite or exceed [`MAX_ABS_VALUE`].

use std::fmt;

use super::caps::{
    MAX_ABS_VALUE, MAX_DILATION, MAX_INPUT, MAX_KERNEL, MAX_OUTPUT, MAX_PADDING, MAX_STRIDE,
};
use super::params::{Axis, Pair};

/// Which grid a value or shape error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The input grid `x`.
    Input,
    /// The kernel grid `w`.
    Kernel,
}

impl Role {
    /// The lowercase English name: `"input"` or `"kernel"`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Input => "input",
            Role::Kernel => "kernel",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A refused geometry or grid, with the axis, the offending number and, where
/// there is one, the limit. Row and column indices are 0-based.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    /// The input has no rows (or no columns).
    EmptyInput {
        /// The empty axis.
        axis: Axis,
    },
    /// The input is larger than [`MAX_INPUT`] on `axis`.
    InputTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested size.
        size: usize,
    },
    /// The kernel has no rows (or no columns).
    EmptyKernel {
        /// The empty axis.
        axis: Axis,
    },
    /// The kernel is larger than [`MAX_KERNEL`] on `axis`.
    KernelTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested size.
        size: usize,
    },
    /// The stride is 0 on `axis`.
    ZeroStride {
        /// The axis.
        axis: Axis,
    },
    /// The stride exceeds [`MAX_STRIDE`] on `axis`.
    StrideTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested stride.
        value: usize,
    },
    /// The dilation is 0 on `axis`.
    ZeroDilation {
        /// The axis.
        axis: Axis,
    },
    /// The dilation exceeds [`MAX_DILATION`] on `axis`.
    DilationTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested dilation.
        value: usize,
    },
    /// The padding exceeds [`MAX_PADDING`] on `axis`.
    PaddingTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested padding.
        value: usize,
    },
    /// The output padding is not below `limit = max(stride, dilation)` on
    /// `axis` (PyTorch's rule; only checked for `conv_transpose2d`).
    OutputPaddingTooLarge {
        /// The axis.
        axis: Axis,
        /// The requested output padding.
        value: usize,
        /// `max(stride, dilation)` on that axis; the value must be below it.
        limit: usize,
    },
    /// The output-size formula gave `size <= 0` on `axis`.
    EmptyOutput {
        /// The axis.
        axis: Axis,
        /// What the formula gave (zero or negative).
        size: i64,
    },
    /// The output would exceed [`MAX_OUTPUT`] on `axis`.
    OutputTooLarge {
        /// The axis.
        axis: Axis,
        /// The output size the formula gave.
        size: usize,
    },
    /// A grid's shape differs from the one the geometry expects.
    ShapeMismatch {
        /// Which grid.
        role: Role,
        /// The shape the geometry expects.
        expected: Pair,
        /// The grid's shape.
        found: Pair,
    },
    /// A value is NaN or infinite.
    ValueNotFinite {
        /// Which grid.
        role: Role,
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
    },
    /// A value's magnitude exceeds [`MAX_ABS_VALUE`].
    ValueTooLarge {
        /// Which grid.
        role: Role,
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
    },
}

impl ParamError {
    /// The axis the error is about, if it is about one (value and shape
    /// errors are not).
    pub fn axis(&self) -> Option<Axis> {
        match *self {
            ParamError::EmptyInput { axis }
            | ParamError::InputTooLarge { axis, .. }
            | ParamError::EmptyKernel { axis }
            | ParamError::KernelTooLarge { axis, .. }
            | ParamError::ZeroStride { axis }
            | ParamError::StrideTooLarge { axis, .. }
            | ParamError::ZeroDilation { axis }
            | ParamError::DilationTooLarge { axis, .. }
            | ParamError::PaddingTooLarge { axis, .. }
            | ParamError::OutputPaddingTooLarge { axis, .. }
            | ParamError::EmptyOutput { axis, .. }
            | ParamError::OutputTooLarge { axis, .. } => Some(axis),
            ParamError::ShapeMismatch { .. }
            | ParamError::ValueNotFinite { .. }
            | ParamError::ValueTooLarge { .. } => None,
        }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ParamError::EmptyInput { axis } => {
                write!(
                    f,
                    "The input {} must be at least 1, but it is 0.",
                    axis.name()
                )
            }
            ParamError::InputTooLarge { axis, size } => write!(
                f,
                "The input {} is {size}, but at most {MAX_INPUT} is allowed.",
                axis.name()
            ),
            ParamError::EmptyKernel { axis } => {
                write!(
                    f,
                    "The kernel {} must be at least 1, but it is 0.",
                    axis.name()
                )
            }
            ParamError::KernelTooLarge { axis, size } => write!(
                f,
                "The kernel {} is {size}, but at most {MAX_KERNEL} is allowed.",
                axis.name()
            ),
            ParamError::ZeroStride { axis } => write!(
                f,
                "The stride along the {} must be at least 1, but it is 0.",
                axis.name()
            ),
            ParamError::StrideTooLarge { axis, value } => write!(
                f,
                "The stride along the {} is {value}, but at most {MAX_STRIDE} is allowed.",
                axis.name()
            ),
            ParamError::ZeroDilation { axis } => write!(
                f,
                "The dilation along the {} must be at least 1, but it is 0.",
                axis.name()
            ),
            ParamError::DilationTooLarge { axis, value } => write!(
                f,
                "The dilation along the {} is {value}, but at most {MAX_DILATION} is allowed.",
                axis.name()
            ),
            ParamError::PaddingTooLarge { axis, value } => write!(
                f,
                "The padding along the {} is {value}, but at most {MAX_PADDING} is allowed.",
                axis.name()
            ),
            ParamError::OutputPaddingTooLarge { axis, value, limit } => write!(
                f,
                "The output padding along the {} is {value}, but it must be smaller than \
                 max(stride, dilation) = {limit}.",
                axis.name()
            ),
            ParamError::EmptyOutput { axis, size } => write!(
                f,
                "The output {} would be {size}, but it must be at least 1: the padding is too \
                 large for this input and kernel.",
                axis.name()
            ),
            ParamError::OutputTooLarge { axis, size } => write!(
                f,
                "The output {} would be {size}, but at most {MAX_OUTPUT} is allowed.",
                axis.name()
            ),
            ParamError::ShapeMismatch {
                role,
                expected,
                found,
            } => write!(f, "The {role} is {found}, but {expected} was expected."),
            ParamError::ValueNotFinite { role, row, col } => write!(
                f,
                "The {role} value at row {row}, column {col} is not a finite number."
            ),
            ParamError::ValueTooLarge { role, row, col } => write!(
                f,
                "The {role} value at row {row}, column {col} exceeds {MAX_ABS_VALUE:e} in \
                 magnitude."
            ),
        }
    }
}

impl std::error::Error for ParamError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_axis_number_and_limit() {
        let e = ParamError::StrideTooLarge {
            axis: Axis::W,
            value: 20,
        };
        let s = e.to_string();
        assert!(
            s.contains("width") && s.contains("20") && s.contains("16"),
            "{s}"
        );
        let e = ParamError::OutputPaddingTooLarge {
            axis: Axis::H,
            value: 2,
            limit: 2,
        };
        let s = e.to_string();
        assert!(
            s.contains("height") && s.contains("max(stride, dilation) = 2"),
            "{s}"
        );
        let s = ParamError::ValueTooLarge {
            role: Role::Kernel,
            row: 1,
            col: 2,
        }
        .to_string();
        assert!(s.contains("kernel") && s.contains("1e9"), "{s}");
    }

    #[test]
    fn axis_helper() {
        assert_eq!(
            ParamError::ZeroDilation { axis: Axis::W }.axis(),
            Some(Axis::W)
        );
        let e = ParamError::ValueNotFinite {
            role: Role::Input,
            row: 0,
            col: 0,
        };
        assert_eq!(e.axis(), None);
    }
}
