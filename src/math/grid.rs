//! [`Grid`]: a dense, row-major matrix of `f64` — an input, a kernel or an
//! output of one channel.
//!
//! ```text
//! data[r · cols + c] = value at (row r, column c)
//! rotated_180(g)[r, c] = g[rows − 1 − r, cols − 1 − c]
//! ```
//!
//! Rotating by 180° is what turns the scatter of `conv_transpose2d` into a
//! gather (see [`ZeroInsertion`](super::ZeroInsertion)). For row-major data it
//! is simply the reversed vector.

use std::fmt;

use super::caps::MAX_ABS_VALUE;
use super::error::{ParamError, Role};
use super::params::Pair;

/// A dense row-major matrix of `f64`. Its invariant `data.len() == rows · cols`
/// is kept by every constructor.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

/// Why a [`Grid`] could not be built from the given values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridError {
    /// No rows, or no columns.
    Empty,
    /// Row `row` has `found` values where the first row has `expected`.
    Ragged {
        /// 0-based index of the offending row.
        row: usize,
        /// Length of the first row.
        expected: usize,
        /// Length of the offending row.
        found: usize,
    },
    /// The flat data has `found` values where `rows · cols = expected`.
    LengthMismatch {
        /// `rows · cols`.
        expected: usize,
        /// `data.len()`.
        found: usize,
    },
}

impl fmt::Display for GridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            GridError::Empty => f.write_str("A grid needs at least one row and one column."),
            GridError::Ragged {
                row,
                expected,
                found,
            } => write!(
                f,
                "Row {row} has {found} values, but the first row has {expected}."
            ),
            GridError::LengthMismatch { expected, found } => write!(
                f,
                "The grid needs {expected} values, but {found} were given."
            ),
        }
    }
}

impl std::error::Error for GridError {}

/// The sum of `terms`, accumulated from `+0.0` as the convolution loops and
/// PyTorch's kernels do. `Iterator::sum` for floats starts from `-0.0`, so
/// a sum of no terms (an output no weight reaches), or of `-0` terms only,
/// would be `-0` and print as "-0" where the loops give `0`.
///
/// ```
/// use convt::math::accumulate;
/// assert!(accumulate([]).is_sign_positive());
/// assert!(accumulate([-0.0, -0.0]).is_sign_positive());
/// assert_eq!(accumulate([1.5, -4.0]), -2.5);
/// ```
pub fn accumulate<I: IntoIterator<Item = f64>>(terms: I) -> f64 {
    terms.into_iter().fold(0.0, |sum, term| sum + term)
}

impl Grid {
    /// A `rows × cols` grid of zeros.
    ///
    /// # Panics
    ///
    /// If `rows · cols` overflows `usize` or cannot be allocated.
    pub fn zeros(rows: usize, cols: usize) -> Grid {
        Grid::filled(rows, cols, 0.0)
    }

    /// A `rows × cols` grid with every value `value`.
    ///
    /// # Panics
    ///
    /// If `rows · cols` overflows `usize` or cannot be allocated.
    pub fn filled(rows: usize, cols: usize, value: f64) -> Grid {
        let len = rows
            .checked_mul(cols)
            .unwrap_or_else(|| panic!("grid {rows}×{cols} is too large"));
        Grid {
            rows,
            cols,
            data: vec![value; len],
        }
    }

    /// A `rows × cols` grid from row-major `data`.
    ///
    /// # Errors
    ///
    /// [`GridError::Empty`] if `rows` or `cols` is 0,
    /// [`GridError::LengthMismatch`] if `data.len() != rows · cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<f64>) -> Result<Grid, GridError> {
        if rows == 0 || cols == 0 {
            return Err(GridError::Empty);
        }
        match rows.checked_mul(cols) {
            Some(expected) if expected == data.len() => Ok(Grid { rows, cols, data }),
            // An overflowing product can never match a real vector's length.
            Some(expected) => Err(GridError::LengthMismatch {
                expected,
                found: data.len(),
            }),
            None => Err(GridError::LengthMismatch {
                expected: usize::MAX,
                found: data.len(),
            }),
        }
    }

    /// A grid from its rows.
    ///
    /// ```
    /// use convt::math::Grid;
    /// let g = Grid::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
    /// assert_eq!(g.get(1, 0), 3.0);
    /// assert_eq!(g.rotated_180().to_rows(), vec![vec![4.0, 3.0], vec![2.0, 1.0]]);
    /// ```
    ///
    /// # Errors
    ///
    /// [`GridError::Empty`] if there are no rows or the first row is empty,
    /// [`GridError::Ragged`] if a row's length differs from the first's.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Grid, GridError> {
        let first = rows.first().ok_or(GridError::Empty)?;
        let cols = first.len();
        if cols == 0 {
            return Err(GridError::Empty);
        }
        let mut data = Vec::with_capacity(rows.len() * cols);
        for (row, values) in rows.iter().enumerate() {
            if values.len() != cols {
                return Err(GridError::Ragged {
                    row,
                    expected: cols,
                    found: values.len(),
                });
            }
            data.extend_from_slice(values);
        }
        Ok(Grid {
            rows: rows.len(),
            cols,
            data,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// `Pair { h: rows, w: cols }`.
    pub fn shape(&self) -> Pair {
        Pair::new(self.rows, self.cols)
    }

    /// Number of values, `rows · cols`.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the grid holds no value.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The value at (`row`, `col`).
    ///
    /// # Panics
    ///
    /// If (`row`, `col`) is outside the grid.
    pub fn get(&self, row: usize, col: usize) -> f64 {
        assert!(
            row < self.rows && col < self.cols,
            "({row}, {col}) is outside the {}×{} grid",
            self.rows,
            self.cols
        );
        self.data[row * self.cols + col]
    }

    /// Sets the value at (`row`, `col`).
    ///
    /// # Panics
    ///
    /// If (`row`, `col`) is outside the grid.
    pub fn set(&mut self, row: usize, col: usize, value: f64) {
        assert!(
            row < self.rows && col < self.cols,
            "({row}, {col}) is outside the {}×{} grid",
            self.rows,
            self.cols
        );
        self.data[row * self.cols + col] = value;
    }

    /// The value at a signed position, or `None` outside the grid (the
    /// implicit zero padding of a convolution is `unwrap_or(0.0)` of this).
    pub fn at(&self, row: i64, col: i64) -> Option<f64> {
        let r = usize::try_from(row).ok()?;
        let c = usize::try_from(col).ok()?;
        if r < self.rows && c < self.cols {
            Some(self.data[r * self.cols + c])
        } else {
            None
        }
    }

    /// The row-major values.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The values as a vector of rows.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        if self.cols == 0 {
            return vec![Vec::new(); self.rows];
        }
        self.data.chunks(self.cols).map(<[f64]>::to_vec).collect()
    }

    /// The grid rotated by 180°: `out[r, c] = self[rows−1−r, cols−1−c]`.
    pub fn rotated_180(&self) -> Grid {
        Grid {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().rev().copied().collect(),
        }
    }

    /// The largest `|self − other|` over all cells (0 for empty grids; NaN if
    /// any difference is NaN, so a NaN never passes a tolerance check), or
    /// `None` if the shapes differ.
    pub fn max_abs_diff(&self, other: &Grid) -> Option<f64> {
        if self.shape() != other.shape() {
            return None;
        }
        Some(
            self.data
                .iter()
                .zip(&other.data)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, |m: f64, d| if d.is_nan() || d > m { d } else { m }),
        )
    }

    /// Checks every value is finite and `|v| <=` [`MAX_ABS_VALUE`], in
    /// row-major order.
    ///
    /// # Errors
    ///
    /// [`ParamError::ValueNotFinite`] or [`ParamError::ValueTooLarge`] for the
    /// first offending value, naming `role`, its row and its column.
    pub fn check_values(&self, role: Role) -> Result<(), ParamError> {
        for (i, &v) in self.data.iter().enumerate() {
            let (row, col) = (i / self.cols, i % self.cols);
            if !v.is_finite() {
                return Err(ParamError::ValueNotFinite { role, row, col });
            }
            if v.abs() > MAX_ABS_VALUE {
                return Err(ParamError::ValueTooLarge { role, row, col });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_and_errors() {
        assert_eq!(Grid::from_vec(0, 3, vec![]), Err(GridError::Empty));
        assert_eq!(
            Grid::from_vec(2, 2, vec![1.0; 3]),
            Err(GridError::LengthMismatch {
                expected: 4,
                found: 3
            })
        );
        assert!(Grid::from_vec(usize::MAX, 2, vec![]).is_err());
        assert_eq!(Grid::from_rows(&[]), Err(GridError::Empty));
        assert_eq!(Grid::from_rows(&[vec![]]), Err(GridError::Empty));
        assert_eq!(
            Grid::from_rows(&[vec![1.0, 2.0], vec![3.0]]),
            Err(GridError::Ragged {
                row: 1,
                expected: 2,
                found: 1
            })
        );
        let g = Grid::from_rows(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]).unwrap();
        assert_eq!(g.shape(), Pair::new(2, 3));
        assert_eq!(g.len(), 6);
        assert_eq!(g.at(1, 2), Some(6.0));
        assert_eq!(g.at(-1, 0), None);
        assert_eq!(g.at(0, 3), None);
        assert_eq!(g.rotated_180().get(0, 0), 6.0);
        assert_eq!(Grid::zeros(3, 0).to_rows(), vec![Vec::<f64>::new(); 3]);
    }

    #[test]
    fn max_abs_diff_and_values() {
        let a = Grid::from_rows(&[vec![1.0, 2.0]]).unwrap();
        let b = Grid::from_rows(&[vec![1.5, 0.0]]).unwrap();
        assert_eq!(a.max_abs_diff(&b), Some(2.0));
        assert_eq!(a.max_abs_diff(&Grid::zeros(2, 1)), None);
        let mut n = a.clone();
        n.set(0, 0, f64::NAN);
        assert!(n.max_abs_diff(&a).unwrap().is_nan());
        assert_eq!(
            n.check_values(Role::Input),
            Err(ParamError::ValueNotFinite {
                role: Role::Input,
                row: 0,
                col: 0
            })
        );
        let big = Grid::from_rows(&[vec![0.0, 1e9], vec![-1e9 - 1.0, 0.0]]).unwrap();
        assert_eq!(
            big.check_values(Role::Kernel),
            Err(ParamError::ValueTooLarge {
                role: Role::Kernel,
                row: 1,
                col: 0
            })
        );
    }
}
