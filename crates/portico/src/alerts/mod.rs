//! New sign-in alerts. Each browser carries a random mark in a long-lived cookie
//! (`portico_browser`); an account knows the browsers it used by the mark's hash. A sign-in
//! (password, code, provider or passkey) from a browser the account has not used for 90
//! days tells the person at once: a notice to the primary address (or every verified one,
//! as they choose) with when, from where and with what, and one link where they answer
//! "It was me" or "This wasn't me" — the latter ends that session at once and leads to a new
//! password. Recent activity marks the sign-in as unusual until it is answered.

pub mod page;
pub mod rules;
pub mod store;

use axum::http::{HeaderMap, HeaderValue};
use serde_json::json;
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::{ClientInfo, browser_label};
use crate::outbox::{self, Message};
use crate::sessions::SessionToken;
use crate::sessions::store::SignIn;

/// How long a browser keeps its mark (the longest a cookie may live in today's browsers).
const MARK_LIFETIME: Duration = Duration::days(400);

/// A browser's mark, as its cookie carries it. Never logged.
#[derive(Clone)]
pub struct BrowserMark(SessionToken);

impl std::fmt::Debug for BrowserMark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BrowserMark(<redacted>)")
    }
}

impl BrowserMark {
    fn cookie_name(https: bool) -> &'static str {
        if https {
            "__Host-portico_browser"
        } else {
            "portico_browser"
        }
    }

    /// The mark the request's browser sent, if any.
    pub fn read(headers: &HeaderMap) -> Option<Self> {
        [true, false]
            .into_iter()
            .find_map(|https| {
                crate::sessions::cookie::read_token(headers, Self::cookie_name(https))
            })
            .map(Self)
    }

    /// The `Set-Cookie` value that gives a browser this mark.
    pub fn cookie(&self, https: bool) -> HeaderValue {
        let cookie = cookie::Cookie::build((Self::cookie_name(https), self.0.as_str().to_owned()))
            .path("/")
            .http_only(true)
            .same_site(cookie::SameSite::Lax)
            .secure(https)
            .max_age(MARK_LIFETIME)
            .build();
        HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

/// After a sign-in opened `session_id`: remembers the browser for the account and, when it
/// is new to it, raises an alert. Answers the mark to give the browser when it had none.
pub async fn after_sign_in(
    conn: &mut PgConnection,
    state: &AppState,
    now: OffsetDateTime,
    who: &SignIn,
    session_id: Uuid,
) -> sqlx::Result<Option<BrowserMark>> {
    let (mark, fresh) = match &who.browser {
        Some(mark) => (mark.clone(), false),
        None => (BrowserMark(SessionToken::generate()), true),
    };
    let seen = store::remember(conn, who.account_id, &mark.0.hash(), now).await?;
    if rules::is_unusual(who.method, seen, now) {
        raise(conn, state, now, who, session_id).await?;
    }
    Ok(fresh.then_some(mark))
}

/// Records the alert, marks the sign-in unusual in Recent activity, and tells the person.
async fn raise(
    conn: &mut PgConnection,
    state: &AppState,
    now: OffsetDateTime,
    who: &SignIn,
    session_id: Uuid,
) -> sqlx::Result<()> {
    let token = SessionToken::generate();
    let id = Uuid::now_v7();
    let alert = store::NewAlert {
        id,
        account_id: who.account_id,
        session_id,
        token_hash: &token.hash(),
        expires_at: now + rules::ANSWER_WITHIN,
        method: who.method,
        ip: who.ip.map(sqlx::types::ipnetwork::IpNetwork::from),
        user_agent: who.user_agent.as_deref(),
    };
    store::insert(conn, now, &alert).await?;
    let client = ClientInfo {
        ip: who.ip,
        user_agent: who.user_agent.clone(),
        browser: None,
    };
    let browser = browser_label(who.user_agent.as_deref());
    audit::record(
        conn,
        now,
        who.account_id,
        Kind::UnusualSignIn,
        &client,
        json!({ "alert": id, "method": who.method, "browser": browser }),
    )
    .await?;
    let notice = Message::NewSignIn {
        at: crate::text::stamp(now),
        browser,
        ip: who.ip.map(|ip| ip.to_string()),
        method: who.method.to_owned(),
        undo_url: Some(format!(
            "{}sign-in-alert?t={}",
            state.config.public_url,
            token.as_str()
        )),
    };
    outbox::to_notice_recipients(conn, now, who.account_id, &notice).await?;
    tracing::info!(account_id = %who.account_id, alert = %id, "a sign-in from a new browser");
    Ok(())
}

/// The routes of an alert's link.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/sign-in-alert", get(page::show))
        .route("/sign-in-alert", post(page::answer))
}
