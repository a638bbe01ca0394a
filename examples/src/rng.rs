//! A small seeded random number generator and the distributions scenarios use.
//!
//! Hand-written (xoshiro256** seeded through SplitMix64) rather than a crate, so a seed gives
//! the same day on every platform and with every future version of the dependencies.

use serde::{Deserialize, Serialize};

/// xoshiro256**: fast, well-tested, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for `seed`; `stream` gives independent sequences from one seed.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut st = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng {
            s: [
                splitmix(&mut st),
                splitmix(&mut st),
                splitmix(&mut st),
                splitmix(&mut st),
            ],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in `[0, n)` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Exponential with mean 1.
    pub fn exp1(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }

    /// Standard normal (Box–Muller; one of the pair is used).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// A distribution of durations in seconds, as written in scenario files:
/// `{ distribution = "lognormal", mean = 300, sd = 120 }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Always `value`.
    Fixed {
        /// Seconds.
        value: f64,
    },
    /// Uniform between `min` and `max`.
    Uniform {
        /// Lower bound, seconds.
        min: f64,
        /// Upper bound, seconds.
        max: f64,
    },
    /// Exponential with the given mean (memoryless: the usual model of patience).
    Exponential {
        /// Mean, seconds.
        mean: f64,
    },
    /// Log-normal with the given mean and standard deviation (the usual model of handle time).
    Lognormal {
        /// Mean, seconds.
        mean: f64,
        /// Standard deviation, seconds.
        sd: f64,
    },
}

impl Distribution {
    /// The mean, seconds.
    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Fixed { value } => value,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Exponential { mean } | Distribution::Lognormal { mean, .. } => mean,
        }
    }

    /// Checks the parameters; `what` names the field in the message.
    pub fn validate(&self, what: &str) -> Result<(), String> {
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        let valid = match *self {
            Distribution::Fixed { value } => ok(value),
            Distribution::Uniform { min, max } => ok(min) && ok(max) && min <= max,
            Distribution::Exponential { mean } => ok(mean),
            Distribution::Lognormal { mean, sd } => ok(mean) && ok(sd) && mean > 0.0,
        };
        if valid {
            Ok(())
        } else {
            Err(format!(
                "{what}: parameters must be finite, non-negative (min ≤ max, lognormal mean > 0)"
            ))
        }
    }

    /// One sample, seconds (never negative).
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let v = match *self {
            Distribution::Fixed { value } => value,
            Distribution::Uniform { min, max } => min + (max - min) * rng.unit(),
            Distribution::Exponential { mean } => mean * rng.exp1(),
            Distribution::Lognormal { mean, sd } => {
                let sigma2 = (1.0 + (sd * sd) / (mean * mean)).ln();
                let mu = mean.ln() - sigma2 / 2.0;
                (mu + sigma2.sqrt() * rng.normal()).exp()
            }
        };
        v.max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_seed_gives_one_sequence() {
        let a: Vec<u64> = (0..5).map(|_| Rng::new(7, 1).next_u64()).collect();
        let mut r = Rng::new(7, 1);
        let b: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert!(a.iter().all(|x| *x == a[0]));
        assert_eq!(b[0], a[0]);
        assert_ne!(Rng::new(7, 2).next_u64(), a[0]);
    }

    #[test]
    fn sample_means_are_close_to_the_parameters() {
        let mut r = Rng::new(1, 0);
        let n = 20_000;
        let mean =
            |d: &Distribution, r: &mut Rng| (0..n).map(|_| d.sample(r)).sum::<f64>() / n as f64;
        let e = mean(&Distribution::Exponential { mean: 100.0 }, &mut r);
        let l = mean(
            &Distribution::Lognormal {
                mean: 300.0,
                sd: 120.0,
            },
            &mut r,
        );
        let u = mean(&Distribution::Uniform { min: 2.0, max: 8.0 }, &mut r);
        assert!((e - 100.0).abs() < 5.0, "{e}");
        assert!((l - 300.0).abs() < 10.0, "{l}");
        assert!((u - 5.0).abs() < 0.2, "{u}");
    }
}
