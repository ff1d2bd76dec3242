//! A small built-in picture, generated on the spot (no files, no network),
//! to up-sample with a transposed convolution and with resize-convolution
//! and compare the artifacts.
//!
//! Pixel `(r, c)` of an `n×n` image is sampled at its centre, in unit
//! coordinates, and the first matching layer wins:
//!
//! ```text
//! u = (c + 0.5) / n,   v = (r + 0.5) / n                       (both in (0, 1))
//! disc:        (u − 0.3)² + (v − 0.3)² ≤ 0.2²      → 1.0
//! stripes:     u ≥ 0.5 and v ≥ 0.55                → 0.9 for even c, 0.1 for odd c
//! diagonal:    u > v  (above the main diagonal)    → 0.2
//!              otherwise                           → 0.6
//! ```
//!
//! Flat areas show checkerboard artifacts most plainly, the disc and the
//! diagonal show how edges are blurred or jagged, and the one-pixel stripes
//! are the finest detail an image can hold.

use super::caps::MAX_INPUT;
use super::grid::Grid;

/// Disc centre (u and v) and radius, in unit coordinates.
const DISC: (f64, f64) = (0.3, 0.2);

/// A deterministic grey-level picture of `size × size`, values in `0..=1`:
/// a bright disc straddling a diagonal edge between two flat greys, and a
/// patch of one-pixel vertical stripes (see the module docs for the exact
/// layers). Not constant for any `size >= 2`.
///
/// `size` is clamped to `1..=MAX_INPUT` (64), so any argument gives a valid
/// input grid.
///
/// ```
/// use convt::math::{sample_image, Pair};
/// let img = sample_image(8);
/// assert_eq!(img.shape(), Pair::square(8));
/// assert_eq!(img.get(2, 2), 1.0); // inside the disc
/// assert_eq!(img.get(0, 7), 0.2); // above the diagonal
/// assert_eq!(img.get(7, 0), 0.6); // below it
/// assert_eq!((img.get(6, 6), img.get(6, 7)), (0.9, 0.1)); // stripes
/// ```
pub fn sample_image(size: usize) -> Grid {
    let n = size.clamp(1, MAX_INPUT);
    let mut img = Grid::zeros(n, n);
    for r in 0..n {
        for c in 0..n {
            img.set(r, c, pixel(r, c, n));
        }
    }
    img
}

/// The value of pixel `(r, c)` of an `n×n` image.
fn pixel(r: usize, c: usize, n: usize) -> f64 {
    let centre = |i: usize| (i as f64 + 0.5) / n as f64;
    let (u, v) = (centre(c), centre(r));
    let (mid, radius) = DISC;
    if (u - mid).powi(2) + (v - mid).powi(2) <= radius * radius {
        1.0
    } else if u >= 0.5 && v >= 0.55 {
        if c.is_multiple_of(2) {
            0.9
        } else {
            0.1
        }
    } else if u > v {
        0.2
    } else {
        0.6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layer_shows_at_a_typical_size() {
        let img = sample_image(16);
        let mut seen: Vec<f64> = img.data().to_vec();
        seen.sort_by(f64::total_cmp);
        seen.dedup();
        assert_eq!(seen, vec![0.1, 0.2, 0.6, 0.9, 1.0]);
    }

    #[test]
    fn clamped_sizes() {
        assert_eq!(sample_image(0).shape(), sample_image(1).shape());
        assert_eq!(sample_image(usize::MAX), sample_image(64));
    }
}
