//! The sliding-window arithmetic, kept pure so it is tested without a database.

use time::Duration;

/// Events in the last window-long stretch: all of this window's, and the share of the
/// previous window's that the stretch still covers.
pub fn estimate(previous: i32, current: i32, elapsed: Duration, window: Duration) -> f64 {
    let overlap = 1.0 - (elapsed / window).clamp(0.0, 1.0);
    f64::from(previous) * overlap + f64::from(current)
}

/// How long until one more event fits under `max`, given the counts before it.
pub fn retry_after(
    previous: i32,
    current: i32,
    max: i32,
    elapsed: Duration,
    window: Duration,
) -> Duration {
    let w = window.as_seconds_f64();
    let room = f64::from(max - 1 - current);
    let seconds = if room >= 0.0 && previous > 0 {
        // This window has room; wait for the previous window's share to shrink enough.
        w * (1.0 - room / f64::from(previous)) - elapsed.as_seconds_f64()
    } else if room >= 0.0 {
        0.0
    } else {
        // This window is full: wait for it to end and for its share to shrink enough.
        let rest = w - elapsed.as_seconds_f64();
        rest + w * (1.0 - f64::from(max - 1) / f64::from(current.max(1)))
    };
    Duration::seconds_f64(seconds.max(1.0).ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::hours(1);

    #[test]
    fn estimate_weighs_the_previous_window_by_overlap() {
        assert!((estimate(10, 0, Duration::ZERO, HOUR) - 10.0).abs() < 1e-9);
        assert!((estimate(10, 2, Duration::minutes(30), HOUR) - 7.0).abs() < 1e-9);
        assert!((estimate(10, 2, HOUR, HOUR) - 2.0).abs() < 1e-9);
    }

    #[test]
    fn retry_after_is_when_the_next_event_fits() {
        // Full current window (5 of 5), nothing before: wait for it to end and decay to 4.
        let wait = retry_after(0, 5, 5, Duration::minutes(10), HOUR);
        assert_eq!(wait, Duration::minutes(50) + Duration::minutes(12));
        // Room now in this window, but the previous one still weighs: 5 before, 2 now, max 5.
        let wait = retry_after(5, 2, 5, Duration::minutes(30), HOUR);
        // Needs 5 * overlap <= 2 → overlap <= 0.4 → elapsed >= 36 min.
        assert_eq!(wait, Duration::minutes(6));
        // Never less than a second, so "try again in 0 s" is never shown.
        assert_eq!(
            retry_after(0, 0, 5, Duration::ZERO, HOUR),
            Duration::seconds(1)
        );
    }

    #[test]
    fn waiting_retry_after_really_makes_room() {
        let (previous, current, max) = (7, 3, 6);
        let elapsed = Duration::minutes(5);
        let wait = retry_after(previous, current, max, elapsed, HOUR);
        let later = elapsed + wait;
        let (p, c, e) = if later >= HOUR {
            (current, 0, later - HOUR)
        } else {
            (previous, current, later)
        };
        assert!(estimate(p, c + 1, e, HOUR) <= f64::from(max) + 1e-9);
    }
}
