//! The worker that drains the outbox: woken by `LISTEN/NOTIFY`, polling as a fallback.

use std::sync::Arc;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use time::Duration;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::Config;
use crate::contact::Channel;
use crate::outbox::email::SmtpSender;
use crate::outbox::message::{Message, RenderContext};
use crate::outbox::store::{self, Claimed, NOTIFY_CHANNEL};
use crate::outbox::twilio::TwilioClient;
use crate::outbox::{SendError, backoff, dev};

/// Messages claimed, and sent concurrently, per round.
const BATCH: i64 = 32;
/// How long a claimed message is reserved for the worker sending it.
const LEASE: Duration = Duration::minutes(2);
/// How often an idle worker looks for due messages if no notification arrives.
const POLL: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, Clone)]
enum EmailChannel {
    Smtp(SmtpSender),
    Dev,
}

#[derive(Debug, Clone)]
enum SmsChannel {
    Twilio(TwilioClient),
    Dev,
    Disabled,
}

/// Everything needed to turn outbox rows into delivered messages.
#[derive(Debug, Clone)]
pub struct Deliverer {
    pool: PgPool,
    clock: Arc<dyn Clock>,
    render: RenderContext,
    email: EmailChannel,
    sms: SmsChannel,
    poll: std::time::Duration,
}

impl Deliverer {
    pub fn from_config(
        config: &Config,
        pool: PgPool,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let render = RenderContext::new(&config.public_url);
        let email = match &config.delivery.smtp {
            Some(smtp) => EmailChannel::Smtp(SmtpSender::new(
                smtp,
                &config.delivery.mail_from,
                config.public_url.host_str().unwrap_or("localhost"),
            )?),
            None => EmailChannel::Dev,
        };
        let sms = match (&config.delivery.twilio, config.env.is_development()) {
            (Some(twilio), _) => SmsChannel::Twilio(TwilioClient::new(twilio, &config.public_url)?),
            (None, true) => SmsChannel::Dev,
            (None, false) => SmsChannel::Disabled,
        };
        Ok(Self {
            pool,
            clock,
            render,
            email,
            sms,
            poll: POLL,
        })
    }

    /// Changes how often an idle worker polls (tests set it high to prove that
    /// notifications alone wake it).
    #[must_use]
    pub fn with_poll_interval(mut self, poll: std::time::Duration) -> Self {
        self.poll = poll;
        self
    }

    /// Delivers until `shutdown` is cancelled. A message being sent when shutdown comes is
    /// finished first.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let mut listener = match self.listen().await {
            Ok(listener) => Some(listener),
            Err(e) => {
                tracing::warn!(error = %e, "outbox worker cannot LISTEN; polling only");
                None
            }
        };
        tracing::info!("outbox worker started");
        while !shutdown.is_cancelled() {
            match self.deliver_due().await {
                Ok(0) => {}
                Ok(_) => continue,
                Err(e) => tracing::error!(error = %e, "outbox worker cannot claim messages"),
            }
            let wait = self.idle_wait().await;
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(wait) => {}
                notified = recv(&mut listener) => {
                    if let Err(e) = notified {
                        tracing::warn!(error = %e, "outbox notifications lost; polling until they return");
                    }
                }
            }
        }
        tracing::info!("outbox worker stopped");
        Ok(())
    }

    async fn listen(&self) -> anyhow::Result<PgListener> {
        let mut listener = PgListener::connect_with(&self.pool)
            .await
            .context("connect")?;
        listener.listen(NOTIFY_CHANNEL).await.context("listen")?;
        Ok(listener)
    }

    /// Until the next retry comes due, but never longer than the poll interval.
    async fn idle_wait(&self) -> std::time::Duration {
        match store::next_due(&self.pool).await {
            Ok(Some(due)) => {
                let until = (due - self.clock.now()).max(Duration::milliseconds(10));
                std::time::Duration::try_from(until)
                    .unwrap_or(POLL)
                    .min(POLL)
            }
            _ => POLL,
        }
    }

    /// Claims one batch of due messages and delivers them; returns how many it claimed.
    pub async fn deliver_due(&self) -> sqlx::Result<usize> {
        let claimed = store::claim(&self.pool, self.clock.now(), BATCH, LEASE).await?;
        let count = claimed.len();
        let mut sends = JoinSet::new();
        for message in claimed {
            let this = self.clone();
            sends.spawn(async move { this.deliver(message).await });
        }
        while let Some(done) = sends.join_next().await {
            if let Ok(Err(e)) = done {
                tracing::error!(error = %e, "cannot record a delivery attempt");
            }
        }
        Ok(count)
    }

    async fn deliver(&self, claimed: Claimed) -> sqlx::Result<()> {
        let outcome = self.send(&claimed).await;
        let now = self.clock.now();
        match outcome {
            Ok((provider, provider_id)) => {
                tracing::info!(outbox_id = %claimed.id, channel = %claimed.channel, provider, "message sent");
                store::mark_sent(
                    &self.pool,
                    claimed.id,
                    now,
                    provider,
                    provider_id.as_deref(),
                )
                .await
            }
            Err(error) => {
                let retry = if error.permanent {
                    None
                } else {
                    backoff::retry_delay(claimed.attempts, &mut rand::rng())
                };
                match retry {
                    Some(delay) => {
                        tracing::warn!(outbox_id = %claimed.id, attempt = claimed.attempts, error = %error.message, "message not sent; will retry");
                        store::mark_retry(&self.pool, claimed.id, now + delay, &error.message).await
                    }
                    None => {
                        tracing::error!(outbox_id = %claimed.id, attempt = claimed.attempts, error = %error.message, "message dead");
                        store::mark_dead(&self.pool, claimed.id, now, &error.message).await
                    }
                }
            }
        }
    }

    /// Sends through the channel's provider; returns the provider's name and message id.
    async fn send(&self, claimed: &Claimed) -> Result<(&'static str, Option<String>), SendError> {
        let message: Message = serde_json::from_value(claimed.payload.clone())
            .map_err(|e| SendError::permanent(format!("unreadable payload: {e}")))?;
        let render_error = |e: askama::Error| SendError::permanent(format!("template: {e}"));
        let dev_error = |e: sqlx::Error| SendError::retryable(format!("dev outbox: {e}"));
        let now = self.clock.now();
        let reader = || {
            crate::i18n::Request::reader(
                crate::i18n::Lang::from_tag(&claimed.language).unwrap_or_default(),
                claimed
                    .time_zone
                    .as_deref()
                    .and_then(crate::i18n::Zone::parse),
            )
        };
        match Channel::from_stored(&claimed.channel) {
            Channel::Email => {
                let email =
                    crate::i18n::with(reader(), || message.for_reader().render_email(&self.render))
                        .map_err(render_error)?;
                match &self.email {
                    EmailChannel::Smtp(smtp) => {
                        let id = smtp.send(claimed.id, &claimed.recipient, &email).await?;
                        Ok(("smtp", Some(id)))
                    }
                    EmailChannel::Dev => {
                        dev::deliver(
                            &self.pool,
                            claimed.id,
                            Channel::Email,
                            &claimed.recipient,
                            Some(&email.subject),
                            &email.text,
                            now,
                        )
                        .await
                        .map_err(dev_error)?;
                        Ok(("dev", None))
                    }
                }
            }
            Channel::Sms => {
                let body =
                    crate::i18n::with(reader(), || message.for_reader().render_sms(&self.render))
                        .map_err(render_error)?;
                match &self.sms {
                    SmsChannel::Twilio(twilio) => {
                        let sid = twilio.send(&claimed.recipient, &body).await?;
                        Ok(("twilio", Some(sid)))
                    }
                    SmsChannel::Dev => {
                        dev::deliver(
                            &self.pool,
                            claimed.id,
                            Channel::Sms,
                            &claimed.recipient,
                            None,
                            &body,
                            now,
                        )
                        .await
                        .map_err(dev_error)?;
                        Ok(("dev", None))
                    }
                    SmsChannel::Disabled => Err(SendError::permanent(
                        "SMS is not configured (PORTICO_TWILIO_*)",
                    )),
                }
            }
        }
    }
}

async fn recv(listener: &mut Option<PgListener>) -> sqlx::Result<()> {
    match listener {
        Some(l) => l.recv().await.map(drop),
        None => std::future::pending().await,
    }
}
