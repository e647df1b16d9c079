//! TLS for outgoing connections (SMTP, Twilio, OpenID providers): rustls with the `ring`
//! provider, and the operating system's trusted certificates.

/// Makes `ring` the process's rustls crypto provider. Idempotent; call it before building
/// an HTTP client or an SMTP transport.
pub fn install_crypto_provider() {
    // An error means a provider is installed already, which is all we need.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
