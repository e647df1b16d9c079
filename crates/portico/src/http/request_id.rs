//! A fresh id for every request: in every log line of it, in the `x-request-id` response
//! header and on error pages, so a person can quote it to an operator.

use axum::http::HeaderValue;

pub const HEADER: &str = "x-request-id";

/// The id of the request being served: a UUIDv7 in 32 hex digits, kept inline so that
/// copying it costs no allocation.
#[derive(Clone, Copy)]
pub struct RequestId([u8; 32]);

impl std::fmt::Debug for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl RequestId {
    /// Ids arriving from clients are not trusted: every request gets one of ours.
    pub fn generate() -> Self {
        let mut digits = [0u8; 32];
        uuid::Uuid::now_v7().simple().encode_lower(&mut digits);
        Self(digits)
    }

    pub fn as_str(&self) -> &str {
        // Hex digits only, by construction.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    pub fn header_value(&self) -> HeaderValue {
        HeaderValue::from_bytes(&self.0).unwrap_or_else(|_| HeaderValue::from_static("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_hex_digits_and_differ() {
        let (a, b) = (RequestId::generate(), RequestId::generate());
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(a.header_value().to_str().ok(), Some(a.as_str()));
    }
}
