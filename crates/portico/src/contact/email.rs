//! Email addresses: syntax checked by the `email_address` crate; the domain is lowercased,
//! the local part kept as typed for display and compared case-insensitively.

/// A syntactically valid email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("{}", crate::i18n::t("form-email-invalid"))]
    Invalid,
    #[error("{}", crate::i18n::t("form-email-too-long"))]
    TooLong,
}

/// RFC 5321's limit on a forward path.
const MAX_LEN: usize = 254;

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        // Display names ("Jo <jo@example.com>"), address literals and dotless domains are not
        // addresses people type into a sign-in form.
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
        };
        let parsed = email_address::EmailAddress::parse_with_options(trimmed, options)
            .map_err(|_| EmailError::Invalid)?;
        Ok(Self(format!(
            "{}@{}",
            parsed.local_part(),
            parsed.domain().to_ascii_lowercase()
        )))
    }

    /// An address Portico stored after [`Self::parse`] accepted it.
    pub(super) fn from_stored(stored: &str) -> Self {
        Self(stored.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: all lowercase.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}•••@{domain}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_is_lowercased_and_local_part_kept() {
        let e = EmailAddress::parse("  Jo.Smith@Example.COM ").expect("valid");
        assert_eq!(e.as_str(), "Jo.Smith@example.com");
        assert_eq!(e.normalized(), "jo.smith@example.com");
        assert_eq!(e.masked(), "J•••@example.com");
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@example.com",
            "jo@localhost",
            "Jo <jo@example.com>",
            "a b@example.com",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Invalid),
                "{bad:?}"
            );
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }
}
