//! When to try a failed message again.

use rand::Rng;
use time::Duration;

/// Attempts before a message is declared dead: 30 s, 1, 2, 4, 8, 16, 32 min apart, so the
/// last attempt comes a little over an hour after the first.
pub const MAX_ATTEMPTS: i32 = 8;

const BASE_SECONDS: f64 = 30.0;

/// The delay after the `attempts`-th failed attempt, with ±20 % jitter so that messages that
/// failed together do not retry together. `None` once attempts are used up.
pub fn retry_delay(attempts: i32, rng: &mut impl Rng) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = attempts.clamp(1, MAX_ATTEMPTS) - 1;
    let nominal = BASE_SECONDS * 2_f64.powi(exponent);
    let jitter: f64 = rng.random_range(0.8..=1.2);
    Some(Duration::seconds_f64(nominal * jitter))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    #[test]
    fn delays_double_with_jitter_and_stop_after_eight_attempts() {
        let mut rng = StdRng::seed_from_u64(7);
        let mut total = Duration::ZERO;
        for attempt in 1..MAX_ATTEMPTS {
            let delay = retry_delay(attempt, &mut rng).expect("more attempts allowed");
            let nominal = 30.0 * 2_f64.powi(attempt - 1);
            let secs = delay.as_seconds_f64();
            assert!(
                (nominal * 0.8..=nominal * 1.2).contains(&secs),
                "attempt {attempt}: {secs}"
            );
            total += delay;
        }
        assert!(retry_delay(MAX_ATTEMPTS, &mut rng).is_none());
        // Nominally 63.5 minutes from first to last attempt.
        assert!(
            total > Duration::minutes(50) && total < Duration::minutes(77),
            "{total}"
        );
    }
}
