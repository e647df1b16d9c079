//! Sending a code: the one path every flow uses. Checks the limits, issues the challenge
//! and queues the message in the caller's transaction; nothing is sent before it commits.

use std::net::IpAddr;

use sqlx::PgConnection;
use uuid::Uuid;

use crate::app::App;
use crate::contact::Destination;
use crate::i18n::{t, t_with};
use crate::limits::{self, Limit, LimitError, LimitReached};
use crate::outbox::{self, Message};
use crate::text::human_wait;
use crate::ui::InternalError;
use crate::verification::challenges::{self, Issued, Purpose, ResendError};
use crate::verification::send_limits::{
    HOUR, SMS_BUDGET_SPENT, check_sms, delivery_limits, ip_limits,
};
pub use crate::verification::send_limits::{SmsRefusal, sms_budget};

/// Who is asking, for the per-account and per-IP limits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Requester {
    pub ip: Option<IpAddr>,
    pub account_id: Option<Uuid>,
}

#[derive(Debug, thiserror::Error)]
pub enum SendCodeError {
    #[error(transparent)]
    Limited(LimitReached),
    #[error("{0}")]
    SmsRefused(SmsRefusal),
    #[error("the challenge cannot be resent: {0}")]
    Resend(ResendError),
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}

impl SendCodeError {
    /// What to tell the person when no code could be sent for a reason they can act on (a
    /// limit, a number SMS cannot go to, a resend too early); `None` for a failure of ours.
    pub fn user_message(&self) -> Option<String> {
        match self {
            Self::Limited(refusal) => Some(refusal.message()),
            Self::SmsRefused(why) => Some(t_with(
                "send-sms-refused",
                &[("why", why.to_string().into())],
            )),
            Self::Resend(ResendError::TooEarly { wait }) => Some(t_with(
                "send-resend-wait",
                &[("wait", human_wait(*wait).into())],
            )),
            Self::Resend(ResendError::NotFound | ResendError::Finished) => {
                Some(t("send-resend-finished"))
            }
            Self::Resend(ResendError::Database(_)) | Self::Database(_) => None,
        }
    }

    /// The failure of ours behind a send that could not happen (no
    /// [`SendCodeError::user_message`]): for the 500 (or 503) page.
    pub fn failure(self) -> InternalError {
        match self {
            Self::Database(e) | Self::Resend(ResendError::Database(e)) => e.into(),
            other => InternalError::detail(other.to_string()),
        }
    }

    /// The status of the page that shows [`SendCodeError::user_message`].
    pub fn status(&self) -> axum::http::StatusCode {
        match self {
            Self::Limited(_) => axum::http::StatusCode::TOO_MANY_REQUESTS,
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

impl From<LimitError> for SendCodeError {
    fn from(e: LimitError) -> Self {
        match e {
            LimitError::Refused(refusal) => Self::Limited(refusal),
            LimitError::Database(e) => Self::Database(e),
        }
    }
}

async fn take(conn: &mut PgConnection, app: &App, limits: &[Limit]) -> Result<(), LimitError> {
    limits::take(conn, app.clock.now(), limits).await.inspect_err(|e| {
        if let LimitError::Refused(refusal) = e
            && refusal.reason == SMS_BUDGET_SPENT
        {
            tracing::error!("the daily SMS budget (PORTICO_SMS_DAILY_BUDGET) is spent: SMS are stopped until it refills");
        }
    })
}

/// Queues the message carrying a freshly issued code, in the same transaction.
async fn queue_code(
    conn: &mut PgConnection,
    app: &App,
    purpose: Purpose,
    destination: &Destination,
    issued: &Issued,
) -> sqlx::Result<()> {
    let message = Message::Code {
        purpose: purpose.as_str().to_owned(),
        code: issued.code.as_str().to_owned(),
        minutes: app.codes.lifetime.whole_minutes(),
    };
    let channel = destination.channel();
    outbox::enqueue(
        conn,
        app.clock.now(),
        channel,
        &destination.address(),
        &message,
    )
    .await?;
    Ok(())
}

/// A challenge the code page can show: a new one, or one already sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub id: Uuid,
    /// Whether a message went out for this request (false: an earlier code is re-used).
    pub fresh: bool,
}

/// What a new challenge's message carries.
enum Carry<'a> {
    Code,
    /// A notice instead of the code, or nothing.
    Notice(Option<&'a Message>),
}

/// One way for every first send. Codes a stranger may ask for (see
/// [`Purpose::reuses_pending`]) are sent once per lifetime: asking again while one is valid
/// shows that one, and once the address's limits are spent the last code sent becomes valid
/// again for whoever holds it, instead of a refusal that would lock its owner out.
async fn start(
    conn: &mut PgConnection,
    app: &App,
    requester: &Requester,
    purpose: Purpose,
    destination: &Destination,
    carry: Carry<'_>,
) -> Result<Sent, SendCodeError> {
    check_sms(app, destination)?;
    take(conn, app, &ip_limits(app, requester)).await?;
    let policy = app.codes;
    let now = app.clock.now();
    let account_id = match carry {
        Carry::Code => requester.account_id,
        Carry::Notice(_) => None,
    };
    let open = if purpose.reuses_pending() {
        challenges::latest_open(conn, &policy, purpose, account_id, destination, now - HOUR).await?
    } else {
        None
    };
    if let Some(open) = &open
        && open.expires_at > now
    {
        return Ok(Sent {
            id: open.id,
            fresh: false,
        });
    }
    match take(conn, app, &delivery_limits(app, requester, destination)).await {
        Ok(()) => {}
        Err(LimitError::Refused(refusal)) => {
            let Some(open) = open else {
                return Err(SendCodeError::Limited(refusal));
            };
            challenges::extend(conn, &policy, now, open.id).await?;
            tracing::info!(
                reason = refusal.reason,
                "limits spent: the last code sent to the address is valid again instead"
            );
            return Ok(Sent {
                id: open.id,
                fresh: false,
            });
        }
        Err(LimitError::Database(e)) => return Err(e.into()),
    }
    let issued = challenges::issue(
        conn,
        &app.keys,
        &policy,
        now,
        purpose,
        account_id,
        destination,
    )
    .await?;
    match carry {
        Carry::Code => queue_code(conn, app, purpose, destination, &issued).await?,
        Carry::Notice(Some(notice)) => {
            let (channel, address) = (destination.channel(), destination.address());
            outbox::enqueue(conn, now, channel, &address, notice).await?;
        }
        Carry::Notice(None) => {}
    }
    Ok(Sent {
        id: issued.id,
        fresh: true,
    })
}

/// Issues a challenge for `destination` and queues its message, in `conn`'s transaction.
pub async fn send_code(
    conn: &mut PgConnection,
    app: &App,
    requester: &Requester,
    purpose: Purpose,
    destination: &Destination,
) -> Result<Sent, SendCodeError> {
    start(conn, app, requester, purpose, destination, Carry::Code).await
}

/// Behaves exactly like [`send_code`] — same limits, a challenge that the code page can show
/// — but sends `notice` (or nothing) instead of a code, so the page reveals nothing about the
/// address (e.g. "someone tried to create an account with your address", or a sign-in code
/// asked for an address that has no account).
pub async fn send_notice_instead(
    conn: &mut PgConnection,
    app: &App,
    requester: &Requester,
    purpose: Purpose,
    destination: &Destination,
    notice: Option<&Message>,
) -> Result<Sent, SendCodeError> {
    start(
        conn,
        app,
        requester,
        purpose,
        destination,
        Carry::Notice(notice),
    )
    .await
}

/// A code when `requester` names the address's account, otherwise nothing, under the same
/// limits and with the same challenge: the page does not tell whether the address has an
/// account (sign-in by code, password reset).
pub async fn send_code_if_known(
    conn: &mut PgConnection,
    app: &App,
    requester: &Requester,
    purpose: Purpose,
    destination: &Destination,
) -> Result<Sent, SendCodeError> {
    let carry = if requester.account_id.is_some() {
        Carry::Code
    } else {
        Carry::Notice(None)
    };
    start(conn, app, requester, purpose, destination, carry).await
}

/// Sends a new code for an existing challenge (same limits as a first send).
pub async fn resend_code(
    conn: &mut PgConnection,
    app: &App,
    requester: &Requester,
    id: Uuid,
    destination: &Destination,
    purpose: Purpose,
) -> Result<Issued, SendCodeError> {
    let policy = app.codes;
    let now = app.clock.now();
    // The wait check comes first, so that an early resend costs no limit.
    let issued = challenges::resend(conn, &app.keys, &policy, now, id)
        .await
        .map_err(SendCodeError::Resend)?;
    check_sms(app, destination)?;
    let mut limits = ip_limits(app, requester);
    limits.extend(delivery_limits(app, requester, destination));
    take(conn, app, &limits).await?;
    queue_code(conn, app, purpose, destination, &issued).await?;
    Ok(issued)
}
