//! The country a phone number typed without its `+` code belongs to: the choices a form
//! offers, and the default one (the configuration's, else the browser's language tag).

/// Countries every form offers, with the key of their name; others appear when they are the
/// default.
const COMMON: &[(&str, &str)] = &[
    ("US", "country-us"),
    ("CA", "country-ca"),
    ("GB", "country-gb"),
    ("IE", "country-ie"),
    ("DE", "country-de"),
    ("AT", "country-at"),
    ("CH", "country-ch"),
    ("FR", "country-fr"),
    ("BE", "country-be"),
    ("NL", "country-nl"),
    ("ES", "country-es"),
    ("PT", "country-pt"),
    ("IT", "country-it"),
    ("PL", "country-pl"),
    ("SE", "country-se"),
    ("AU", "country-au"),
    ("NZ", "country-nz"),
    ("IN", "country-in"),
];

/// The calling code of a country (its ISO 3166 code, upper case), if it has phone numbers.
fn calling_code(region: &str) -> Option<u16> {
    super::calling_codes::of(region)
}

/// `gb` → `GB`, for a country that has phone numbers; `None` otherwise.
pub fn parse(region: &str) -> Option<String> {
    let region = region.trim().to_ascii_uppercase();
    (region.len() == 2 && calling_code(&region).is_some()).then_some(region)
}

/// One choice in a form's country list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionOption {
    pub code: String,
    /// "United Kingdom (+44)".
    pub label: String,
    pub selected: bool,
}

/// The choices, with `selected` (a code, or empty for "none") marked; a valid `selected`
/// outside the common list is offered first.
pub fn options(selected: &str) -> Vec<RegionOption> {
    let selected = parse(selected).unwrap_or_default();
    let mut options: Vec<RegionOption> = COMMON
        .iter()
        .filter_map(|(code, name)| {
            Some(RegionOption {
                code: (*code).to_owned(),
                label: format!("{} (+{})", crate::i18n::t(name), calling_code(code)?),
                selected: *code == selected,
            })
        })
        .collect();
    if !selected.is_empty() && !options.iter().any(|o| o.selected) {
        let cc = calling_code(&selected).unwrap_or_default();
        options.insert(
            0,
            RegionOption {
                label: format!("{selected} (+{cc})"),
                code: selected,
                selected: true,
            },
        );
    }
    options
}

/// The country a form starts with: the configured one (`PORTICO_DEFAULT_REGION`), else the
/// browser's (`Accept-Language`), else none. Never guessed from the IP address.
pub fn default_for(configured: Option<&str>, accept_language: Option<&str>) -> String {
    configured
        .map(str::to_owned)
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or_default()
}

/// The country named by the browser's preferred language tags (`en-GB` → `GB`): the first
/// tag with a region subtag. A bare language (`de`) names no country: German is spoken in
/// several, so nothing is guessed.
pub fn from_accept_language(header: &str) -> Option<String> {
    header
        .split(',')
        .filter_map(|part| part.split(';').next())
        .filter_map(|tag| {
            let mut subtags = tag.trim().split(['-', '_']).skip(1);
            // A script subtag (`zh-Hant-TW`) comes before the region.
            subtags.find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .find_map(parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_names_a_country_only_with_a_region() {
        assert_eq!(
            from_accept_language("en-GB,en;q=0.9").as_deref(),
            Some("GB")
        );
        assert_eq!(
            from_accept_language("de;q=1, de-AT;q=0.8").as_deref(),
            Some("AT")
        );
        assert_eq!(from_accept_language("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(from_accept_language("de, fr"), None);
        assert_eq!(from_accept_language("en-ZZ"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn options_mark_the_selection_and_add_an_uncommon_one() {
        let gb = options("gb");
        assert_eq!(gb.iter().filter(|o| o.selected).count(), 1);
        assert!(
            gb.iter()
                .any(|o| o.selected && o.label == "United Kingdom (+44)")
        );
        let jp = options("JP");
        assert_eq!(jp[0].label, "JP (+81)");
        assert!(jp[0].selected);
        assert!(options("").iter().all(|o| !o.selected));
        assert!(options("XX").iter().all(|o| !o.selected));
    }
}
