//! The customers of a day: Poisson arrivals per queue and hour, each with a patience and a
//! handle time drawn in advance.

use crate::rng::Rng;
use crate::scenario::{parse_time, Scenario};
use crate::sim::{invalid, ms};

/// One customer of one queue, drawn before the day starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Customer {
    /// Arrival, milliseconds after the start of the day.
    pub at: i64,
    /// Milliseconds the customer waits before leaving.
    pub patience: i64,
    /// Milliseconds of handling the customer needs.
    pub handle: i64,
}

/// The customers of queue `qi` over the day: Poisson arrivals at the hourly rates plus the
/// fixed arrivals, each with its patience and handle time, from the queue's own streams so
/// that changing one queue leaves the others' customers alone.
pub(crate) fn draw_customers(
    scenario: &Scenario,
    seed: u64,
    qi: usize,
) -> queue_core::Result<Vec<Customer>> {
    let q = &scenario.queues[qi];
    let (start, _) = scenario.day();
    let stream = 1000 * (qi as u64 + 1);
    let mut arrivals_rng = Rng::new(seed, stream);
    let mut patience_rng = Rng::new(seed, stream + 1);
    let mut handle_rng = Rng::new(seed, stream + 2);
    let mut times: Vec<i64> = Vec::new();
    if !q.arrivals_per_hour.is_empty() {
        // Piecewise-constant rate per local hour; hours map to instants through the time
        // zone, so a DST day has 23 or 25 of them.
        let mut work = arrivals_rng.exp1();
        for hour in 0..24u32 {
            let from = (scenario.instant(hour * 3600) - start).num_milliseconds();
            let to = (scenario.instant((hour + 1) * 3600) - start).num_milliseconds();
            let rate = q.arrivals_per_hour[hour as usize] / 3_600_000.0; // per millisecond
            let mut t = from as f64;
            if rate <= 0.0 || to <= from {
                continue;
            }
            loop {
                let next = t + work / rate;
                if next >= to as f64 {
                    work -= (to as f64 - t) * rate;
                    break;
                }
                times.push(next.round() as i64);
                t = next;
                work = arrivals_rng.exp1();
            }
        }
    }
    for at in &q.arrivals_at {
        let secs = parse_time(at).map_err(|e| invalid("arrivals_at", e))?;
        times.push((scenario.instant(secs) - start).num_milliseconds());
    }
    times.sort_unstable();
    Ok(times
        .into_iter()
        .map(|at| Customer {
            at,
            patience: ms(q.patience.sample(&mut patience_rng)),
            handle: ms(q.handle_time.sample(&mut handle_rng)),
        })
        .collect())
}
