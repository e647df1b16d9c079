//! When `run` reports and when it tries again: often in the first hour, then hourly, each
//! with jitter; after a failed send, exponential back-off.

use std::time::Duration;

use rand::Rng;

/// When to report and when to try again.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// How often the activation state is looked at between reports.
    pub check_every: Duration,
    /// Report interval during the first hour (a newly linked PC fills its page quickly).
    pub first_hour_every: Duration,
    /// Report interval after the first hour.
    pub then_every: Duration,
    /// The first wait after a failed send; it doubles at each failure.
    pub first_retry: Duration,
    pub max_retry: Duration,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            check_every: Duration::from_secs(60),
            first_hour_every: Duration::from_secs(5 * 60),
            then_every: Duration::from_secs(60 * 60),
            first_retry: Duration::from_secs(30),
            max_retry: Duration::from_secs(60 * 60),
        }
    }
}

const FIRST_HOUR: Duration = Duration::from_secs(60 * 60);

/// `base` moved by up to ±`spread` of itself, so that PCs that started together (after a
/// power cut, an outage) do not report together.
fn jittered(base: Duration, spread: f64, rng: &mut impl Rng) -> Duration {
    base.mul_f64(rng.random_range((1.0 - spread)..=(1.0 + spread)))
}

impl Schedule {
    /// The wait before the next scheduled report, `running` after the start.
    pub fn next_report(&self, running: Duration, rng: &mut impl Rng) -> Duration {
        if running < FIRST_HOUR {
            jittered(self.first_hour_every, 0.1, rng)
        } else {
            jittered(self.then_every, 0.1, rng)
        }
    }

    /// The wait after the `failures`-th failed send in a row: doubling, capped, ±20 %.
    pub fn retry_after(&self, failures: u32, rng: &mut impl Rng) -> Duration {
        let doubled = self
            .first_retry
            .saturating_mul(1u32 << failures.saturating_sub(1).min(20));
        jittered(doubled.min(self.max_retry), 0.2, rng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_the_cap() {
        let schedule = Schedule::default();
        let mut rng = rand::rng();
        for (failures, base) in [(1, 30.0), (2, 60.0), (3, 120.0), (8, 3600.0), (40, 3600.0)] {
            let wait = schedule.retry_after(failures, &mut rng).as_secs_f64();
            assert!(
                (base * 0.8..=base * 1.2).contains(&wait),
                "{failures}: {wait}"
            );
        }
    }
}
