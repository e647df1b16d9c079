//! The time zones Your Info offers: the IANA zones people live in (`Europe/Berlin`), not the
//! database's aliases and legacy names (`US/Pacific`, `Etc/GMT+5`, `CET`), plus UTC.

use crate::i18n::Zone;

const REGIONS: [&str; 9] = [
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

/// One choice of the time zone field.
#[derive(Debug, Clone)]
pub struct ZoneChoice {
    pub name: &'static str,
    /// `America/Argentina/Buenos_Aires` reads "America / Argentina / Buenos Aires".
    pub label: String,
    pub selected: bool,
}

/// Whether Your Info offers `zone`.
pub fn offered(zone: Zone) -> bool {
    zone == Zone::UTC || REGIONS.iter().any(|r| zone.name().starts_with(r))
}

/// "America / Argentina / Buenos Aires" for `America/Argentina/Buenos_Aires`.
pub fn label(zone: Zone) -> String {
    zone.name().replace('/', " / ").replace('_', " ")
}

/// Every zone offered with its label, in alphabetical order (made once).
static OFFERED: std::sync::LazyLock<Vec<(Zone, String)>> = std::sync::LazyLock::new(|| {
    Zone::all()
        .filter(|z| offered(*z))
        .map(|z| (z, label(z)))
        .collect()
});

/// Every zone offered, in alphabetical order, `current` selected.
pub fn choices(current: Option<Zone>) -> Vec<ZoneChoice> {
    OFFERED
        .iter()
        .map(|(z, label)| ZoneChoice {
            name: z.name(),
            label: label.clone(),
            selected: Some(*z) == current,
        })
        .collect()
}

/// The zone a form sent: `Ok(None)` for "not chosen" (times in UTC), `Err` for a name
/// Portico does not offer.
pub fn parse(field: &str) -> Result<Option<Zone>, ()> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(None);
    }
    match Zone::parse(field) {
        Some(zone) if offered(zone) => Ok(Some(zone)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_choose_among_real_places_and_utc() {
        let names: Vec<_> = choices(None).into_iter().map(|c| c.name).collect();
        assert!(names.contains(&"Europe/Berlin") && names.contains(&"UTC"));
        assert!(names.contains(&"America/Argentina/Buenos_Aires"));
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("US/") || n.starts_with("Etc/"))
        );
        assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
        let chosen = choices(Zone::parse("Asia/Tokyo"));
        assert_eq!(
            chosen
                .iter()
                .filter(|c| c.selected)
                .map(|c| c.name)
                .collect::<Vec<_>>(),
            ["Asia/Tokyo"]
        );
        assert_eq!(
            chosen
                .iter()
                .find(|c| c.name == "America/New_York")
                .map(|c| c.label.as_str()),
            Some("America / New York")
        );
    }

    #[test]
    fn a_form_names_a_zone_or_none() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(
            parse(" Europe/Paris "),
            Ok(Some(Zone::parse("Europe/Paris").expect("a zone")))
        );
        assert_eq!(parse("US/Pacific"), Err(()));
        assert_eq!(parse("Mars/Olympus_Mons"), Err(()));
        assert_eq!(parse("europe/paris"), Err(()));
    }
}
