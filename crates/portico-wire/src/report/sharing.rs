//! What the person lets a PC share, as every applied report's answer says it: one header per
//! choice, each a structured-field boolean (RFC 8941), `?1` or `?0`. The agent collects and
//! sends a kind of data only while its header reads `?1`; an answer without the header (an
//! older portal) changes nothing. The portal drops what a report carries against a choice.

/// Find my device: the PC's location.
pub const SHARE_LOCATION_HEADER: &str = "portico-share-location";

/// Hardware details and specifications: manufacturer, model, specifications, and the
/// keyed hardware signals that tell a hardware change.
pub const SHARE_HARDWARE_HEADER: &str = "portico-share-hardware";

/// A choice as its header says it.
pub fn choice_value(on: bool) -> &'static str {
    if on { "?1" } else { "?0" }
}

/// What a choice's header says: `None` for anything but `?1` or `?0`.
pub fn parse_choice(value: &str) -> Option<bool> {
    match value.trim() {
        "?1" => Some(true),
        "?0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_structured_field_booleans() {
        assert_eq!(parse_choice(choice_value(true)), Some(true));
        assert_eq!(parse_choice(" ?0 "), Some(false));
        for other in ["1", "true", "?", ""] {
            assert_eq!(parse_choice(other), None, "{other:?}");
        }
    }
}
