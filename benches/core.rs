//! Criterion benchmarks of the compute core: `conv_transpose2d` (scatter),
//! `ConvMatrix::new` and `ConvMatrix::mul_transposed`, with a 3×3 kernel at
//! input sizes 4×4 (the article's example), 16×16, 32×32 and 64×64 (the cap).
//!
//! ```text
//! cargo bench --no-default-features --bench core
//! ```
//!
//! On wasm32 this compiles to an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use convt::math::{conv_transpose2d, ConvMatrix, ConvParams, Geometry, Grid, Op, Pair};
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use std::hint::black_box;

    const SIZES: [usize; 4] = [4, 16, 32, 64];

    /// Deterministic small integers (SplitMix64), no `rand` crate.
    fn values(n: usize, seed: u64) -> Vec<f64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                ((z ^ (z >> 31)) % 9) as f64 - 4.0
            })
            .collect()
    }

    struct Case {
        input: Grid,
        kernel: Grid,
        params: ConvParams,
        geometry: Geometry,
    }

    fn case(n: usize) -> Case {
        let (input, kernel) = if n == 4 {
            // The article's example (kernel 3×3, stride 1, padding 0).
            (
                Grid::from_rows(&[
                    vec![4.0, 5.0, 8.0, 7.0],
                    vec![1.0, 8.0, 8.0, 8.0],
                    vec![3.0, 6.0, 6.0, 4.0],
                    vec![6.0, 5.0, 7.0, 8.0],
                ])
                .unwrap(),
                Grid::from_rows(&[
                    vec![1.0, 4.0, 1.0],
                    vec![1.0, 4.0, 3.0],
                    vec![3.0, 3.0, 1.0],
                ])
                .unwrap(),
            )
        } else {
            (
                Grid::from_vec(n, n, values(n * n, n as u64)).unwrap(),
                Grid::from_vec(3, 3, values(9, 99)).unwrap(),
            )
        };
        let params = ConvParams::default();
        let geometry =
            Geometry::try_new(Op::ConvTranspose2d, input.shape(), kernel.shape(), params).unwrap();
        assert_eq!(geometry.output(), Pair::square(n + 2));
        Case {
            input,
            kernel,
            params,
            geometry,
        }
    }

    fn bench_conv_transpose2d(c: &mut Criterion) {
        let mut group = c.benchmark_group("conv_transpose2d");
        for n in SIZES {
            let cs = case(n);
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{n}x{n}")),
                &cs,
                |b, cs| {
                    b.iter(|| {
                        conv_transpose2d(
                            black_box(&cs.input),
                            black_box(&cs.kernel),
                            black_box(&cs.params),
                        )
                    })
                },
            );
        }
        group.finish();
    }

    fn bench_matrix_new(c: &mut Criterion) {
        let mut group = c.benchmark_group("ConvMatrix::new");
        for n in SIZES {
            let cs = case(n);
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{n}x{n}")),
                &cs,
                |b, cs| b.iter(|| ConvMatrix::new(black_box(&cs.geometry))),
            );
        }
        group.finish();
    }

    fn bench_mul_transposed(c: &mut Criterion) {
        let mut group = c.benchmark_group("ConvMatrix::mul_transposed");
        for n in SIZES {
            let cs = case(n);
            let m = ConvMatrix::new(&cs.geometry);
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{n}x{n}")),
                &cs,
                |b, cs| {
                    b.iter(|| m.mul_transposed(black_box(&cs.kernel), black_box(cs.input.data())))
                },
            );
        }
        group.finish();
    }

    criterion_group!(
        benches,
        bench_conv_transpose2d,
        bench_matrix_new,
        bench_mul_transposed
    );
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
