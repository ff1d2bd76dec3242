//! `make fuzz`: the properties of `tests/url_props.rs` (its `props` module,
//! included below) over 100 000 generated cases each, from a fixed seed,
//! printing cases per second.
//!
//! ```text
//! cargo bench --bench fuzz_parsers              # 100 000 cases per property
//! FUZZ_CASES=1000000 FUZZ_SEED=7 cargo bench --bench fuzz_parsers
//! ```
//!
//! Run without `--bench` (as `cargo test --all-targets` does) it checks 50
//! cases per property, so the test suite stays fast. Every case runs (a
//! failure does not stop the property): a failing property prints how many
//! cases failed, by kind (the assertion), and the first of each kind
//! shrunk to a minimal input; the exit
//! status is non-zero if any failed. A call that does not return within the
//! watchdog's deadline ends the process, naming the input that hung.
//!
//! On wasm32 this compiles to an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code, unused_imports)]
#[path = "../tests/url_props.rs"]
mod url_props;

#[cfg(not(target_arch = "wasm32"))]
mod fuzz {
    use std::fmt::Debug;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::time::Instant;

    use convt::app::i18n::Lang;
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

    use super::url_props::props;

    /// Shrinking steps spent on the first failure of each kind.
    const MAX_SHRINK_STEPS: usize = 5_000;
    /// Kinds of failure reported per property.
    const MAX_KINDS: usize = 4;

    fn env_number(name: &str) -> Option<u64> {
        let text = std::env::var(name).ok()?;
        match text.trim().parse() {
            Ok(n) => Some(n),
            Err(_) => {
                eprintln!("fuzz_parsers: ignoring {name}={text:?} (not a whole number)");
                None
            }
        }
    }

    /// Runs `test` on `value`: `None` if it holds, else why not (a failed
    /// assertion or a panic).
    fn verdict<V>(test: &impl Fn(V) -> Result<(), TestCaseError>, value: V) -> Option<String> {
        match catch_unwind(AssertUnwindSafe(|| test(value))) {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(panic) => Some(format!(
                "panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)")
            )),
        }
    }

    struct Run {
        cases: u64,
        seed: u64,
        failed: Vec<&'static str>,
        properties: usize,
        total_cases: u64,
        total_seconds: f64,
    }

    impl Run {
        /// Checks `test` on `self.cases` values of `strategy` (from a seed
        /// derived from the run's seed and `name`), counting failures and
        /// shrinking the first one to a minimal input.
        fn property<S>(
            &mut self,
            name: &'static str,
            strategy: S,
            test: impl Fn(S::Value) -> Result<(), TestCaseError>,
        ) where
            S: Strategy,
            S::Value: Debug,
        {
            self.properties += 1;
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&self.seed.to_le_bytes());
            for (i, b) in name.bytes().enumerate() {
                seed[8 + i % 24] ^= b;
            }
            let config = Config {
                failure_persistence: None,
                ..Config::default()
            };
            let mut runner =
                TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
            // Failures by kind (the assertion that failed), each with its
            // first case shrunk to a minimal input.
            let mut kinds: Vec<(String, u64, S::Value, String)> = Vec::new();
            let start = Instant::now();
            for _ in 0..self.cases {
                let mut tree = match strategy.new_tree(&mut runner) {
                    Ok(tree) => tree,
                    Err(reason) => {
                        println!("FAIL  {name}: cannot generate a case: {reason}");
                        self.failed.push(name);
                        return;
                    }
                };
                let Some(why) = verdict(&test, tree.current()) else {
                    continue;
                };
                let kind = kind_of(&why);
                if let Some(k) = kinds.iter_mut().find(|k| k.0 == kind) {
                    k.1 += 1;
                } else if kinds.len() < MAX_KINDS {
                    let (value, why) = shrink(&mut tree, &test, why);
                    kinds.push((kind, 1, value, why));
                }
            }
            let seconds = start.elapsed().as_secs_f64();
            self.total_cases += self.cases;
            self.total_seconds += seconds;
            let line = format!(
                "{name:<55} {:>8} cases {seconds:>7.2} s {:>8.0} cases/s",
                self.cases,
                self.cases as f64 / seconds.max(1e-9)
            );
            if kinds.is_empty() {
                println!("ok    {line}");
                return;
            }
            let failed: u64 = kinds.iter().map(|k| k.1).sum();
            println!("FAIL  {line}: {failed} failed");
            for (kind, count, value, why) in kinds {
                println!("  {count} × {kind}; the first, shrunk:\n  {why}\n  input: {value:?}\n");
            }
            self.failed.push(name);
        }
    }

    /// What kind of failure a message reports: the assertion's location
    /// (proptest ends its messages with "at FILE:LINE"), or a panic.
    fn kind_of(why: &str) -> String {
        if why.starts_with("panicked") {
            return "panic".into();
        }
        why.rsplit_once(" at ")
            .map_or("failure", |(_, at)| at.trim_end_matches('.'))
            .to_string()
    }

    /// proptest's shrinking: simplify while the test fails, complicate when
    /// it passes; returns the last failing value and why it failed.
    fn shrink<T: ValueTree>(
        tree: &mut T,
        test: &impl Fn(T::Value) -> Result<(), TestCaseError>,
        why: String,
    ) -> (T::Value, String) {
        let kind = kind_of(&why);
        let mut last = (tree.current(), why);
        if !tree.simplify() {
            return last;
        }
        for _ in 0..MAX_SHRINK_STEPS {
            let more = match verdict(test, tree.current()) {
                Some(why) if kind_of(&why) == kind => {
                    last = (tree.current(), why);
                    tree.simplify()
                }
                _ => tree.complicate(),
            };
            if !more {
                break;
            }
        }
        last
    }

    pub fn main() {
        let bench = std::env::args().any(|a| a == "--bench");
        let cases = env_number("FUZZ_CASES").unwrap_or(if bench { 100_000 } else { 50 });
        let seed = env_number("FUZZ_SEED").unwrap_or(0x5EED_F022);
        println!("fuzz_parsers: {cases} cases per property, seed {seed} (FUZZ_CASES, FUZZ_SEED)");
        let mut run = Run {
            cases,
            seed,
            failed: Vec::new(),
            properties: 0,
            total_cases: 0,
            total_seconds: 0.0,
        };
        run.property(
            "value parsers: arbitrary text",
            props::arbitrary_text(),
            |t| props::check_value_parsers(&t),
        );
        run.property("value parsers: URL vocabulary", props::value(), |t| {
            props::check_value_parsers(&t)
        });
        run.property(
            "url::read: any query reads to a state that round-trips",
            (props::query(), props::lang()),
            |(q, lang): (String, Lang)| props::check_query(&q, lang).map(drop),
        );
        run.property(
            "url::read: a valid state reads back exactly",
            props::case(),
            |c| props::check_case(&c),
        );
        run.property(
            "url::read: each refused parameter yields an alert",
            (props::case(), 0usize..64, 0usize..64),
            |(c, which, pick)| props::check_refused(&c, which, pick),
        );
        run.property(
            "format_short: a shown value reads back close",
            props::shown_value(),
            props::check_short_format,
        );
        run.property(
            "plain / exponent: any f64 prints as Rust prints it",
            props::printed_value(),
            props::check_printed_like_rust,
        );
        println!(
            "fuzz_parsers: {} cases in {:.1} s ({:.0} cases/s); {} of {} properties failed{}",
            run.total_cases,
            run.total_seconds,
            run.total_cases as f64 / run.total_seconds.max(1e-9),
            run.failed.len(),
            run.properties,
            if run.failed.is_empty() {
                String::new()
            } else {
                format!(": {}", run.failed.join("; "))
            }
        );
        if !run.failed.is_empty() {
            std::process::exit(1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    fuzz::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
