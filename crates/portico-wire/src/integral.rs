//! Whole numbers as JSON Schema has them: `4` and `4.0` are the same integer, so a report
//! may carry either (some JSON writers print every number with a fraction).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

struct Whole;

impl Visitor<'_> for Whole {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        // 2^64 is exactly representable; anything at or above it does not fit.
        if v.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&v) {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked above: a non-negative whole number below 2^64"
            )]
            Ok(v as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

fn fit<T: TryFrom<u64>, E: de::Error>(v: u64) -> Result<T, E> {
    T::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &"a smaller number"))
}

/// For `#[serde(deserialize_with)]` on a whole-number field.
pub fn whole<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<T, D::Error> {
    fit(d.deserialize_any(Whole)?)
}

/// As [`whole`], for an optional field (absent or `null` is `None`).
pub fn optional_whole<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    struct Maybe;
    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Whole).map(Some)
        }
    }
    d.deserialize_option(Maybe)?.map(fit).transpose()
}

#[cfg(test)]
mod tests {
    #[derive(Debug, serde::Deserialize)]
    struct T {
        #[serde(deserialize_with = "super::whole")]
        a: u8,
        #[serde(default, deserialize_with = "super::optional_whole")]
        b: Option<u32>,
    }

    fn parse(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn integral_floats_are_whole_numbers_and_nothing_else_is() {
        let t = parse(r#"{"a": 4.0, "b": 7}"#).expect("4.0 is 4");
        assert_eq!((t.a, t.b), (4, Some(7)));
        assert_eq!(parse(r#"{"a": 4}"#).expect("absent").b, None);
        assert_eq!(parse(r#"{"a": 4, "b": null}"#).expect("null").b, None);
        assert_eq!(
            parse(r#"{"a": 4, "b": 2.0e3}"#).expect("float").b,
            Some(2000)
        );
        for bad in [
            r#"{"a": 4.5}"#,
            r#"{"a": -1}"#,
            r#"{"a": 256}"#,
            r#"{"a": 1, "b": 4294967296}"#,
            r#"{"a": 1, "b": 1e300}"#,
            r#"{"a": "4"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
