//! Phone numbers, parsed and normalised to E.164 by the `phonenumber` crate.

/// A valid phone number in E.164 form (`+447911123456`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    e164: String,
    /// The international format people read (`+44 7911 123456`).
    readable: String,
    country_code: u16,
}

/// What kind of line a number is, as the numbering plan says (the `phonenumber` crate's
/// metadata). Text messages go only to kinds the configuration allows: premium-rate and
/// similar numbers are how SMS-pumping fraud makes money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    Mobile,
    FixedLineOrMobile,
    FixedLine,
    TollFree,
    PremiumRate,
    SharedCost,
    PersonalNumber,
    Voip,
    Pager,
    Uan,
    Voicemail,
    Other,
}

impl PhoneKind {
    pub const ALL: [Self; 12] = [
        Self::Mobile,
        Self::FixedLineOrMobile,
        Self::FixedLine,
        Self::TollFree,
        Self::PremiumRate,
        Self::SharedCost,
        Self::PersonalNumber,
        Self::Voip,
        Self::Pager,
        Self::Uan,
        Self::Voicemail,
        Self::Other,
    ];

    /// The name used in configuration (`PORTICO_SMS_NUMBER_TYPES`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mobile => "mobile",
            Self::FixedLineOrMobile => "fixed_line_or_mobile",
            Self::FixedLine => "fixed_line",
            Self::TollFree => "toll_free",
            Self::PremiumRate => "premium_rate",
            Self::SharedCost => "shared_cost",
            Self::PersonalNumber => "personal_number",
            Self::Voip => "voip",
            Self::Pager => "pager",
            Self::Uan => "uan",
            Self::Voicemail => "voicemail",
            Self::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// How a sentence names numbers of this kind ("premium-rate numbers"): a key of
    /// `locales/`.
    pub fn described(self) -> &'static str {
        match self {
            Self::Mobile => "phone-kind-mobile",
            Self::FixedLineOrMobile => "phone-kind-fixed-or-mobile",
            Self::FixedLine => "phone-kind-landline",
            Self::TollFree => "phone-kind-toll-free",
            Self::PremiumRate => "phone-kind-premium",
            Self::SharedCost => "phone-kind-shared-cost",
            Self::PersonalNumber => "phone-kind-personal",
            Self::Voip => "phone-kind-voip",
            Self::Pager => "phone-kind-pager",
            Self::Uan => "phone-kind-company",
            Self::Voicemail => "phone-kind-voicemail",
            Self::Other => "phone-kind-other",
        }
    }

    fn of(t: phonenumber::Type) -> Self {
        use phonenumber::Type;
        match t {
            Type::Mobile => Self::Mobile,
            Type::FixedLineOrMobile => Self::FixedLineOrMobile,
            Type::FixedLine => Self::FixedLine,
            Type::TollFree => Self::TollFree,
            Type::PremiumRate => Self::PremiumRate,
            Type::SharedCost => Self::SharedCost,
            Type::PersonalNumber => Self::PersonalNumber,
            Type::Voip => Self::Voip,
            Type::Pager => Self::Pager,
            Type::Uan => Self::Uan,
            Type::Voicemail => Self::Voicemail,
            _ => Self::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("{}", crate::i18n::t("form-phone-unparseable"))]
    Unparseable,
    #[error("{}", crate::i18n::t("form-phone-invalid"))]
    Invalid,
}

impl PhoneNumber {
    /// Parses a number as typed: with a `+` country code, or national digits when
    /// `default_region` (an ISO 3166 code such as "GB") is given.
    pub fn parse(input: &str, default_region: Option<&str>) -> Result<Self, PhoneError> {
        let region = default_region.and_then(|r| r.to_ascii_uppercase().parse().ok());
        let number =
            phonenumber::parse(region, input.trim()).map_err(|_| PhoneError::Unparseable)?;
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError::Invalid);
        }
        Ok(Self {
            e164: number.format().mode(phonenumber::Mode::E164).to_string(),
            readable: number
                .format()
                .mode(phonenumber::Mode::International)
                .to_string(),
            country_code: number.code().value(),
        })
    }

    /// A number Portico stored after [`Self::parse`] accepted it, with its international
    /// format from then (`+44 7911 123456`, which starts with the country code): no parsing.
    pub(super) fn from_stored(e164: &str, readable: &str) -> Option<Self> {
        let code = readable.strip_prefix('+')?.split(' ').next()?;
        let country_code = code.parse().ok()?;
        e164.strip_prefix('+')?.starts_with(code).then(|| Self {
            e164: e164.to_owned(),
            readable: readable.to_owned(),
            country_code,
        })
    }

    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The number as people read it, grouped the way its country writes it.
    pub fn readable(&self) -> &str {
        &self.readable
    }

    /// What kind of line this is. Worked out again from the number (not kept at parse time,
    /// so the session lookup's parsing stays cheap); only sending a text message asks.
    pub fn kind(&self) -> PhoneKind {
        phonenumber::parse(None, &self.e164).map_or(PhoneKind::Other, |n| {
            PhoneKind::of(n.number_type(&phonenumber::metadata::DATABASE))
        })
    }

    /// The country calling code (44 for the UK).
    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The number without its last four digits: numbers sharing it are one "range", which
    /// SMS-pumping fraud walks through.
    pub fn prefix(&self) -> &str {
        &self.e164[..self.e164.len().saturating_sub(4)]
    }

    pub fn masked(&self) -> String {
        let digits = &self.e164[1..];
        let cc = self.country_code.to_string();
        let last: String = digits
            .chars()
            .skip(digits.len().saturating_sub(2))
            .collect();
        format!("+{cc} ••• {last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_number_reads_back_as_parsed_without_parsing() {
        for input in [
            "+44 7911 123456",
            "+1 415 555 2671",
            "+33 6 12 34 56 78",
            "+353 85 123 4567",
        ] {
            let parsed = PhoneNumber::parse(input, None).expect("valid");
            let stored =
                PhoneNumber::from_stored(parsed.e164(), parsed.readable()).expect("stored");
            assert_eq!(stored, parsed, "{input}");
            assert_eq!(stored.masked(), parsed.masked());
        }
        assert_eq!(
            PhoneNumber::from_stored("+447911123456", "+1 7911 123456"),
            None,
            "mismatched"
        );
        assert_eq!(
            PhoneNumber::from_stored("+447911123456", "7911 123456"),
            None,
            "no code"
        );
    }

    #[test]
    fn any_common_format_becomes_e164() {
        for typed in ["+44 7911 123456", "+44 (0)7911-123456", "+447911123456"] {
            let p = PhoneNumber::parse(typed, None).expect(typed);
            assert_eq!(p.e164(), "+447911123456");
            assert_eq!(p.readable(), "+44 7911 123456");
            assert_eq!(p.country_code(), 44);
        }
        let national = PhoneNumber::parse("07911 123456", Some("gb")).expect("national");
        assert_eq!(national.e164(), "+447911123456");
        assert_eq!(national.prefix(), "+44791112");
        assert_eq!(national.masked(), "+44 ••• 56");
    }

    #[test]
    fn numbers_know_their_kind() {
        let kind = |n: &str| PhoneNumber::parse(n, None).expect(n).kind();
        assert_eq!(kind("+44 7911 123456"), PhoneKind::Mobile);
        assert_eq!(kind("+1 900 555 1234"), PhoneKind::PremiumRate);
        assert_eq!(kind("+1 201 555 0123"), PhoneKind::FixedLineOrMobile);
        assert_eq!(kind("+44 20 7946 0018"), PhoneKind::FixedLine);
        assert_eq!(kind("+44 800 123 4567"), PhoneKind::TollFree);
        assert_eq!(kind("+44 70 1234 5678"), PhoneKind::PersonalNumber);
        assert_eq!(kind("+49 1521 1234567"), PhoneKind::Mobile);
        for k in PhoneKind::ALL {
            assert_eq!(PhoneKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn invalid_numbers_are_refused() {
        assert_eq!(
            PhoneNumber::parse("hello", None),
            Err(PhoneError::Unparseable)
        );
        assert_eq!(
            PhoneNumber::parse("07911 123456", None),
            Err(PhoneError::Unparseable)
        );
        assert_eq!(PhoneNumber::parse("+44 12", None), Err(PhoneError::Invalid));
    }
}
