//! Where the PC is, for Find my device: only when the person turned it on for this PC
//! (`portico-agent location on`) and Windows' location service allows it.

use portico_wire::report::Location;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Windows' `DateTime`: 100-nanosecond ticks since 1601-01-01 UTC.
const TICKS_PER_SECOND: i64 = 10_000_000;
const SECONDS_1601_TO_1970: i64 = 11_644_473_600;

/// A Windows `DateTime` as RFC 3339, when it is a date at all.
pub fn windows_time(ticks: i64) -> Option<String> {
    let seconds = ticks.div_euclid(TICKS_PER_SECOND) - SECONDS_1601_TO_1970;
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

/// A fix as the location service gave it, when it is a place on Earth.
pub fn fix(latitude: f64, longitude: f64, accuracy_m: f64, ticks: i64) -> Option<Location> {
    let on_earth = (-90.0..=90.0).contains(&latitude)
        && (-180.0..=180.0).contains(&longitude)
        && accuracy_m.is_finite()
        && accuracy_m >= 0.0;
    on_earth.then_some(())?;
    Some(Location {
        latitude,
        longitude,
        accuracy_m,
        observed_at: windows_time(ticks)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_ticks_become_rfc3339() {
        // 2024-11-12T09:30:00Z
        let ticks = (1_731_403_800 + SECONDS_1601_TO_1970) * TICKS_PER_SECOND + 4_321;
        assert_eq!(windows_time(ticks).as_deref(), Some("2024-11-12T09:30:00Z"));
        assert_eq!(windows_time(0).as_deref(), Some("1601-01-01T00:00:00Z"));
        assert_eq!(windows_time(i64::MAX), None);
    }

    #[test]
    fn only_places_on_earth_are_sent() {
        let t = (1_731_403_800 + SECONDS_1601_TO_1970) * TICKS_PER_SECOND;
        assert!(fix(48.85, 2.35, 25.0, t).is_some());
        assert!(fix(91.0, 2.35, 25.0, t).is_none());
        assert!(fix(48.85, -181.0, 25.0, t).is_none());
        assert!(fix(48.85, 2.35, f64::NAN, t).is_none());
        assert!(fix(f64::NAN, 2.35, 1.0, t).is_none());
        assert!(fix(48.85, 2.35, -1.0, t).is_none());
    }
}
