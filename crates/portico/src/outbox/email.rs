//! Email through SMTP (lettre): STARTTLS or TLS, optional AUTH, pooled connections.

use std::time::Duration;

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::config::{SmtpConfig, SmtpTls};
use crate::outbox::SendError;
use crate::outbox::message::RenderedEmail;

/// Sends rendered emails to one SMTP server.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Right-hand side of our Message-IDs: the public host.
    id_domain: String,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSender")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpSender {
    pub fn new(config: &SmtpConfig, from: &str, id_domain: &str) -> anyhow::Result<Self> {
        crate::tls::install_crypto_provider();
        let from: Mailbox = from.parse().context("PORTICO_MAIL_FROM")?;
        let tls_parameters = || -> anyhow::Result<TlsParameters> {
            let mut builder = TlsParameters::builder(config.host.clone());
            if let Some(path) = &config.ca_file {
                let pem = std::fs::read(path).with_context(|| {
                    format!("PORTICO_SMTP_CA_FILE: cannot read {}", path.display())
                })?;
                let cert = Certificate::from_pem(&pem)
                    .context("PORTICO_SMTP_CA_FILE: not a PEM certificate")?;
                builder = builder.add_root_certificate(cert);
            }
            builder
                .build_rustls()
                .context("PORTICO_SMTP_URL: cannot set up TLS")
        };
        let tls = match config.tls {
            SmtpTls::Wrapper => Tls::Wrapper(tls_parameters()?),
            SmtpTls::Required => Tls::Required(tls_parameters()?),
            SmtpTls::Opportunistic => Tls::Opportunistic(tls_parameters()?),
            SmtpTls::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .port(config.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose_secret().to_owned(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            id_domain: id_domain.to_owned(),
        })
    }

    /// Sends one email. Its Message-ID is derived from the outbox id, so a message sent twice
    /// after a crash can be recognised as the same one. Returns that Message-ID.
    pub async fn send(
        &self,
        outbox_id: Uuid,
        to: &str,
        email: &RenderedEmail,
    ) -> Result<String, SendError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| SendError::permanent(format!("invalid recipient: {e}")))?;
        let message_id = format!("<{}@{}>", outbox_id.simple(), self.id_domain);
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(message_id.clone()))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(email.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(email.html.clone()),
                    ),
            )
            .map_err(|e| SendError::permanent(format!("cannot build the email: {e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(message_id),
            Err(e) if e.is_permanent() => Err(SendError::permanent(format!("SMTP: {e}"))),
            Err(e) => Err(SendError::retryable(format!("SMTP: {e}"))),
        }
    }
}
