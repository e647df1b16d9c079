//! The code a person types on `/link`: eight letters from an alphabet without vowels (no
//! words) and without look-alikes, shown `XXXX-XXXX`, accepted in any case, with or without
//! the dash (RFC 8628 §6.1).

use rand::rngs::OsRng;
use rand::{Rng, TryRngCore};

/// The letters a code is made of.
pub const ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
pub const LEN: usize = 8;

/// A fresh code, from the OS's random generator.
pub fn generate() -> String {
    let mut rng = OsRng.unwrap_err();
    (0..LEN)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The code as stored (`BCDFGHJK`), from what a person typed (`bcdf-ghjk`, `BCDF GHJK`);
/// `None` when it cannot be a code.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// `BCDFGHJK` → `BCDF-GHJK`.
pub fn display(code: &str) -> String {
    match code.get(..4).zip(code.get(4..)) {
        Some((a, b)) => format!("{a}-{b}"),
        None => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_read_back() {
        for _ in 0..200 {
            let code = generate();
            assert_eq!(code.len(), LEN);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
            assert_eq!(normalize(&display(&code)).as_deref(), Some(code.as_str()));
            assert_eq!(
                normalize(&display(&code).to_lowercase()).as_deref(),
                Some(code.as_str())
            );
        }
    }

    #[test]
    fn typed_forms_are_accepted_and_others_refused() {
        assert_eq!(normalize("bcdf-ghjk").as_deref(), Some("BCDFGHJK"));
        assert_eq!(normalize(" BCDF GHJK ").as_deref(), Some("BCDFGHJK"));
        assert_eq!(normalize("BCDFGHJK").as_deref(), Some("BCDFGHJK"));
        for bad in [
            "",
            "BCDF-GHJ",
            "BCDF-GHJKL",
            "ABCD-EFGH",
            "BCDF-GHJ1",
            "BCDF_GHJK",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
        assert_eq!(display("BCDFGHJK"), "BCDF-GHJK");
    }
}
