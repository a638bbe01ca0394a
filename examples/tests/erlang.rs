//! The simulated M/M/c day agrees with queueing theory: `examples/scenarios/mmc.toml` (Poisson
//! arrivals at λ = 1000/h, exponential handling with mean h = 30 s, c = 10 agents, nobody
//! abandons) run through the real router for 24 hours gives Erlang C's probability of
//! waiting, average wait and service level.
//!
//! Tolerance: each seed's day is one sample of a noisy quantity, so the test runs several
//! seeds and requires the mean over them to lie within three standard errors — the spread
//! across these same seeds — of the theory, and the standard error to be small (under 6 % of
//! the predicted value), so that the check means something. The seeds are fixed: the test is
//! deterministic. The simulation starts empty, which lowers waits by a few minutes' worth out
//! of 24 hours; that bias is far below the tolerance.

use queue_examples::{sim, Scenario};
use std::path::Path;

const SEEDS: [u64; 4] = [1, 2, 3, 4];

/// Erlang C: probability that an arrival waits, with offered load `a` Erlangs on `c` servers.
fn erlang_c(a: f64, c: u32) -> f64 {
    // Erlang B by its stable recursion, then C from B.
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    let rho = a / f64::from(c);
    b / (1.0 - rho + rho * b)
}

fn mean_and_stderr(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

#[test]
fn a_simulated_m_m_10_day_agrees_with_erlang_c() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/mmc.toml");
    let scenario = Scenario::from_path(&path).unwrap();
    let q = &scenario.queues[0];
    let lambda = q.arrivals_per_hour[0] / 3600.0; // per second
    let h = q.handle_time.mean();
    let c = scenario.agents[0].count;
    let a = lambda * h;
    let pw = erlang_c(a, c);
    let drain = f64::from(c) / h - lambda; // cμ − λ
    let wait = pw / drain;
    let t = f64::from(scenario.service_level_seconds);
    let sl = 1.0 - pw * (-drain * t).exp();

    let (mut waits, mut sls, mut waited) = (Vec::new(), Vec::new(), Vec::new());
    for seed in SEEDS {
        let (start, _) = scenario.day();
        let (mut engine, clock) = sim::open_engine(None, start, seed).unwrap();
        let out = sim::run(&scenario, seed, 1, &mut engine, &clock, &mut |_| {}).unwrap();
        let stats = &out.queues[0].stats;
        assert_eq!(stats.abandoned, 0);
        waits.push(stats.average_wait_seconds.unwrap());
        sls.push(stats.service_level.unwrap());
        let w = &out.queues[0].tally.waits_ms;
        waited.push(w.iter().filter(|ms| **ms > 0).count() as f64 / w.len() as f64);
    }
    for (name, xs, theory) in [
        ("average wait (s)", &waits, wait),
        ("service level", &sls, sl),
        ("probability of waiting", &waited, pw),
    ] {
        let (mean, se) = mean_and_stderr(xs);
        println!("{name}: simulated {mean:.4} ± {se:.4} (per seed {xs:.3?}), Erlang C {theory:.4}");
        assert!(
            se < 0.06 * theory,
            "{name}: the seeds spread too much to judge ({se:.4})"
        );
        assert!(
            (mean - theory).abs() <= 3.0 * se,
            "{name}: simulated {mean:.4} ± {se:.4}, Erlang C {theory:.4}"
        );
    }
}
