//! Six-digit codes: drawn from the OS random number generator, typed back by people.

use rand::rngs::OsRng;
use rand::{Rng, TryRngCore};

/// A one-time code. Its `Debug` hides the digits, so it cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Code(String);

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Code(******)")
    }
}

impl Code {
    /// A uniformly random code from `000000` to `999999`.
    pub fn generate() -> Self {
        let n: u32 = OsRng.unwrap_err().random_range(0..1_000_000);
        Self(format!("{n:06}"))
    }

    /// Reads a code as a person may type or paste it: spaces and dashes are ignored.
    pub fn parse(input: &str) -> Option<Self> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50)
            .map(|_| Code::generate().as_str().to_owned())
            .collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(codes.len() > 45, "50 random codes should rarely collide");
    }

    #[test]
    fn typed_codes_tolerate_spaces_and_dashes_only() {
        assert_eq!(Code::parse(" 123 456 ").map(|c| c.0), Some("123456".into()));
        assert_eq!(Code::parse("123-456").map(|c| c.0), Some("123456".into()));
        assert!(Code::parse("12345").is_none());
        assert!(Code::parse("1234567").is_none());
        assert!(Code::parse("12345a").is_none());
        assert!(
            Code::parse("１２３４５６").is_none(),
            "full-width digits are not ASCII"
        );
    }

    #[test]
    fn debug_does_not_show_the_code() {
        let code = Code::parse("123456").expect("valid");
        assert!(!format!("{code:?}").contains("123456"));
    }
}
