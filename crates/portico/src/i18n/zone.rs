//! Time zones: the IANA database as jiff bundles it (the same on every host, whatever it has
//! installed), each zone parsed the first time a reader in it needs a time.

use std::sync::LazyLock;

/// An IANA time zone Portico knows (`Europe/Berlin`), by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Zone(&'static str);

/// Every name in the database, sorted: made once, when a zone is first named.
static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
});

impl Zone {
    pub const UTC: Self = Self("UTC");

    /// The zone named exactly `name` (`Europe/Berlin`, not `europe/berlin`), if the database
    /// has it.
    pub fn parse(name: &str) -> Option<Self> {
        if name == Self::UTC.0 {
            return Some(Self::UTC);
        }
        NAMES
            .binary_search_by(|known| known.as_str().cmp(name))
            .ok()
            .map(|i| Self(NAMES[i].as_str()))
    }

    /// Every zone the database has, by name.
    pub fn all() -> impl Iterator<Item = Self> {
        NAMES.iter().map(|name| Self(name.as_str()))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// `at` as a clock in this zone shows it, and the zone's abbreviation then ("CET" in
    /// winter, "CEST" in summer). A moment the database cannot place is shown in UTC.
    pub fn local(self, at: time::OffsetDateTime) -> (time::OffsetDateTime, String) {
        let utc = || (at.to_offset(time::UtcOffset::UTC), "UTC".to_owned());
        let (Ok(zone), Ok(moment)) = (
            jiff::tz::db().get(self.0),
            jiff::Timestamp::from_second(at.unix_timestamp()),
        ) else {
            return utc();
        };
        let info = zone.to_offset_info(moment);
        match time::UtcOffset::from_whole_seconds(info.offset().seconds()) {
            Ok(offset) => (at.to_offset(offset), info.abbreviation().to_owned()),
            Err(_) => utc(),
        }
    }
}
