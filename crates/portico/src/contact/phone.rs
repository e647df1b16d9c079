//! Phone numbers, parsed and normalised to E.164 by the `phonenumber` crate.

/// A valid phone number in E.164 form (`+447911123456`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    e164: String,
    /// The international format people read (`+44 7911 123456`).
    readable: String,
    country_code: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("Enter a phone number with its country code, like +44 7911 123456.")]
    Unparseable,
    #[error("That is not a valid phone number.")]
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

    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The number as people read it, grouped the way its country writes it.
    pub fn readable(&self) -> &str {
        &self.readable
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
