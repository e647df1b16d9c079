//! The password policy: length, a strength estimate, nothing of the person's own name or
//! address; no composition rules.

use secrecy::{ExposeSecret, SecretString};

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase or manager-generated password.
pub const MAX_CHARS: usize = 128;
/// zxcvbn scores from 0 to 4; below this a password is "too easy to guess".
const MIN_SCORE: u8 = 3;

/// A password that passed the policy. Never printed.
#[derive(Clone)]
pub struct Password(SecretString);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("{}", crate::i18n::t_with("form-password-short", &[("n", (MIN_CHARS as i64).into())]))]
    TooShort,
    #[error("{}", crate::i18n::t_with("form-password-long", &[("n", (MAX_CHARS as i64).into())]))]
    TooLong,
    #[error("{}", crate::i18n::t("form-password-personal"))]
    ContainsPersonalInfo,
    #[error("{}", crate::i18n::t("form-password-weak"))]
    TooWeak,
}

impl Password {
    /// Checks a new password for the account named `name` with `aliases`: it may contain
    /// neither.
    pub fn for_account(
        input: &str,
        name: &str,
        aliases: &[crate::contact::Destination],
    ) -> Result<Self, PasswordError> {
        let normalized: Vec<String> = aliases.iter().map(|a| a.normalized()).collect();
        let mut personal: Vec<&str> = normalized.iter().map(String::as_str).collect();
        personal.push(name);
        Self::new(input, &personal)
    }

    /// Checks a new password. `personal` holds what it must not contain: the person's name
    /// and address (parts under 3 characters are ignored).
    pub fn new(input: &str, personal: &[&str]) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lower = input.to_lowercase();
        let mut hints: Vec<String> = Vec::new();
        for part in personal {
            let part = part.trim().to_lowercase();
            // An email's local part alone is what people reuse.
            let local = part.split('@').next().unwrap_or_default().to_owned();
            // A phone number's last seven digits, however it is written.
            let digits: Vec<char> = part.chars().filter(char::is_ascii_digit).collect();
            let number: String = digits[digits.len().saturating_sub(7)..].iter().collect();
            let mut candidates = vec![part.clone(), local, number];
            candidates.extend(part.split_whitespace().map(str::to_owned));
            for candidate in candidates {
                let found = if candidate.chars().all(|c| c.is_ascii_digit()) {
                    candidate.len() == 7
                        && lower
                            .chars()
                            .filter(char::is_ascii_digit)
                            .collect::<String>()
                            .contains(&candidate)
                } else {
                    candidate.chars().count() >= 3 && lower.contains(&candidate)
                };
                if found {
                    return Err(PasswordError::ContainsPersonalInfo);
                }
                if !candidate.is_empty() {
                    hints.push(candidate);
                }
            }
        }
        let hint_refs: Vec<&str> = hints.iter().map(String::as_str).collect();
        let score = u8::from(zxcvbn::zxcvbn(input, &hint_refs).score());
        if score < MIN_SCORE {
            return Err(PasswordError::TooWeak);
        }
        Ok(Self(SecretString::from(input.to_owned())))
    }

    /// A password as typed at sign-in: no policy, only a bound on its length.
    pub fn typed(input: &str) -> Option<Self> {
        (input.chars().count() <= MAX_CHARS).then(|| Self(SecretString::from(input.to_owned())))
    }

    pub(super) fn bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_wants_length_and_strength_not_composition() {
        assert_eq!(
            Password::new("short", &[]).map(drop),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            Password::new(&"x".repeat(129), &[]).map(drop),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            Password::new("password1", &[]).map(drop),
            Err(PasswordError::TooWeak)
        );
        assert_eq!(
            Password::new("qwertyuiop", &[]).map(drop),
            Err(PasswordError::TooWeak)
        );
        // Long lowercase passphrases are fine: no symbol or digit rules.
        assert!(Password::new("correct horse battery staple", &[]).is_ok());
        let long = "the quick violet tundra kettle marched over seven lazy hills at dawn today";
        assert!(long.len() > 64);
        assert!(
            Password::new(long, &[]).is_ok(),
            "64+ characters are allowed"
        );
    }

    #[test]
    fn passwords_may_not_contain_the_name_or_address() {
        let personal = ["Jo Marchetti", "jo.marchetti@example.com"];
        assert_eq!(
            Password::new("jo.marchetti-rocks-1987", &personal).map(drop),
            Err(PasswordError::ContainsPersonalInfo)
        );
        assert_eq!(
            Password::new("my number 7911123456!", &["+447911123456"]).map(drop),
            Err(PasswordError::ContainsPersonalInfo)
        );
        assert!(Password::new("violet tundra kettle march", &personal).is_ok());
    }

    #[test]
    fn debug_never_shows_the_password() {
        let password = Password::typed("hunter2-secret").expect("typed");
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
