//! The sign-up form: what was typed, what it means, and what to say when it is wrong.

use serde::Deserialize;

use crate::auth::password::Password;
use crate::contact::{Destination, EmailAddress, PhoneNumber};

#[derive(Debug, Default, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub password: String,
    /// The country of a phone number typed without `+` (`GB`), or empty.
    #[serde(default)]
    pub region: String,
    /// "Create a passkey instead of a password" (where passkeys work).
    #[serde(default)]
    pub use_passkey: Option<String>,
    /// The browser's time zone (`Europe/Berlin`), filled in by the page's script; empty
    /// without script.
    #[serde(default)]
    pub time_zone: String,
}

/// A sign-up whose every field is valid.
#[derive(Debug)]
pub struct ValidSignup {
    pub display_name: String,
    pub address: Destination,
    /// `None`: a passkey instead.
    pub password: Option<Password>,
}

/// A message per field, shown next to it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors {
    pub display_name: Option<String>,
    pub address: Option<String>,
    pub password: Option<String>,
}

/// An email if it has an `@`, otherwise a phone number: with its `+` country code, or
/// national digits of `region` (a country code such as `GB`, or empty).
pub fn parse_address(input: &str, region: &str) -> Result<Destination, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err(crate::i18n::t("form-enter-address"));
    }
    if input.contains('@') {
        EmailAddress::parse(input)
            .map(Destination::Email)
            .map_err(|e| e.to_string())
    } else {
        PhoneNumber::parse(input, Some(region).filter(|r| !r.is_empty()))
            .map(Destination::Phone)
            .map_err(|e| e.to_string())
    }
}

pub fn parse_display_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err(crate::i18n::t("form-enter-name"));
    }
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(crate::i18n::t("form-name-too-long"));
    }
    Ok(name.to_owned())
}

impl SignupForm {
    /// The fields checked; `passkeys` says whether a passkey may stand for the password.
    pub fn validate(&self, passkeys: bool) -> Result<ValidSignup, FieldErrors> {
        let name = parse_display_name(&self.display_name);
        let address = parse_address(&self.address, &self.region);
        let personal: Vec<&str> = [
            Some(self.display_name.as_str()),
            Some(self.address.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let passkey = passkeys && self.use_passkey.is_some();
        let password = if passkey {
            Ok(None)
        } else {
            Password::new(&self.password, &personal).map(Some)
        };
        match (name, address, password) {
            (Ok(display_name), Ok(address), Ok(password)) => Ok(ValidSignup {
                display_name,
                address,
                password,
            }),
            (name, address, password) => Err(FieldErrors {
                display_name: name.err(),
                address: address.err(),
                password: password.err().map(|e| e.to_string()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, address: &str, password: &str) -> SignupForm {
        SignupForm {
            display_name: name.into(),
            address: address.into(),
            password: password.into(),
            region: String::new(),
            use_passkey: None,
            time_zone: String::new(),
        }
    }

    #[test]
    fn every_field_gets_its_own_message() {
        let errors = form(" ", "nope", "short")
            .validate(true)
            .expect_err("invalid");
        assert_eq!(errors.display_name.as_deref(), Some("Enter your name."));
        assert!(errors.address.is_some());
        assert_eq!(
            errors.password.as_deref(),
            Some("Use at least 8 characters.")
        );
    }

    #[test]
    fn a_passkey_stands_for_the_password_only_where_passkeys_work() {
        let mut passkey = form("Jo", "jo@example.com", "");
        passkey.use_passkey = Some("on".into());
        assert!(passkey.validate(true).expect("valid").password.is_none());
        let errors = passkey.validate(false).expect_err("no passkeys here");
        assert!(errors.password.is_some());
    }

    #[test]
    fn emails_and_phones_are_told_apart() {
        let ok = form("Jo", "jo@example.com", "violet tundra kettle march")
            .validate(true)
            .expect("valid");
        assert!(matches!(ok.address, Destination::Email(_)));
        let ok = form("Jo", "+44 7911 123456", "violet tundra kettle march")
            .validate(true)
            .expect("valid");
        assert!(matches!(ok.address, Destination::Phone(_)));
        let errors = form("Jo", "07911 123456", "violet tundra kettle march")
            .validate(true)
            .expect_err("no +");
        assert!(errors.address.expect("message").contains("country code"));
        let national = SignupForm {
            region: "GB".into(),
            ..form("Jo", "07911 123456", "violet tundra kettle march")
        };
        let ok = national
            .validate(true)
            .expect("a national number with its country");
        assert_eq!(ok.address.normalized(), "+447911123456");
    }
}
