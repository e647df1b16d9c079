//! Signing in with OpenID Connect providers, and linking an account to an identity there.
//!
//! An identity is its (issuer, subject), never its email claim: nothing is ever linked
//! because an email matches. A flow's `state`, `nonce` and PKCE verifier stay in the database,
//! are used once, and only come back to the browser that started the flow (a cookie binds
//! them), so a code injected from elsewhere is refused.

pub mod callback;
pub mod config;
pub mod link;
pub mod new_account;
pub mod provider;
pub mod signin;
pub mod store;

use askama::Template;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::SessionToken;
use crate::ui::{Layout, render_html};

pub use provider::{Identity, ProviderError, Providers};
pub use store::{Except, WaysIn, other_ways_in};

/// Where providers send people back: `{public_url}oidc/callback` (register this URL).
pub fn redirect_url(state: &AppState) -> openidconnect::RedirectUrl {
    let url = state
        .config
        .public_url
        .join("oidc/callback")
        .unwrap_or_else(|_| state.config.public_url.clone());
    openidconnect::RedirectUrl::from_url(url)
}

/// The cookie that ties a flow to the browser that started it.
#[derive(Debug, Clone, Copy)]
pub struct BindingCookie {
    secure: bool,
}

impl BindingCookie {
    pub fn new(state: &AppState) -> Self {
        Self {
            secure: state.config.is_https(),
        }
    }

    fn name(self) -> &'static str {
        if self.secure {
            "__Host-portico_oidc"
        } else {
            "portico_oidc"
        }
    }

    pub fn read(self, headers: &HeaderMap) -> Option<SessionToken> {
        crate::sessions::cookie::read_token(headers, self.name())
    }

    /// This browser's binding (kept, so that flows in two tabs both work) and, when it is
    /// new, the header that sets it.
    pub fn get_or_make(self, headers: &HeaderMap) -> (SessionToken, Option<HeaderValue>) {
        if let Some(token) = self.read(headers) {
            return (token, None);
        }
        let token = SessionToken::generate();
        let cookie = Cookie::build((self.name(), token.as_str().to_owned()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(time::Duration::hours(1))
            .build();
        let value = HeaderValue::from_str(&cookie.to_string()).ok();
        (token, value)
    }
}

#[derive(Template)]
#[template(path = "pages/oidc/problem.html")]
struct ProviderErrorTemplate<'a> {
    layout: Layout<'a>,
    title: &'a str,
    message: &'a str,
    back_href: &'a str,
    back_label: &'a str,
}

/// A flow that ended badly: a clear page with a way back, never a 500. Its title and the
/// way back's label are keys of `locales/`; its message is in the reader's words already.
#[derive(Debug)]
pub struct ProviderErrorPage {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
    pub back_href: String,
    pub back_label: &'static str,
}

impl ProviderErrorPage {
    pub fn new(status: StatusCode, title: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            title,
            message: message.into(),
            back_href: "/signin".to_owned(),
            back_label: "oidc-back-sign-in",
        }
    }

    #[must_use]
    pub fn back_to(mut self, href: String, label: &'static str) -> Self {
        self.back_href = href;
        self.back_label = label;
        self
    }

    pub fn render(&self, state: &AppState) -> Response {
        let page = ProviderErrorTemplate {
            layout: Layout::new(state, crate::i18n::t(self.title)),
            title: self.title,
            message: &self.message,
            back_href: &self.back_href,
            back_label: self.back_label,
        };
        (self.status, render_html(&page)).into_response()
    }
}

/// Logs a failed flow with its provider and reason, and writes it to the account's audit
/// trail when an account is involved.
pub async fn record_failure(
    state: &AppState,
    provider_id: &str,
    reason: &str,
    account_id: Option<Uuid>,
    client: &ClientInfo,
) {
    tracing::warn!(provider = %provider_id, reason = %reason, "sign-in with a provider failed");
    let Some(account_id) = account_id else {
        return;
    };
    let recorded = async {
        let mut conn = state.db.acquire().await?;
        audit::record(
            &mut conn,
            state.clock.now(),
            account_id,
            Kind::ProviderFailed,
            client,
            json!({ "provider": provider_id, "reason": reason }),
        )
        .await
    };
    if let Err(e) = recorded.await {
        tracing::warn!(error = %e, "cannot record a failed provider sign-in");
    }
}

/// The routes of signing in with a provider and linking one.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/oidc/{provider}/start", post(signin::start))
        .route("/oidc/callback", get(callback::callback))
        .route(
            "/oidc/new",
            get(new_account::show_new).post(new_account::create_account),
        )
        .route("/u/{n}/identities/link", post(link::start))
        .route(
            "/u/{n}/identities/confirm",
            get(link::show_confirm).post(link::confirm),
        )
        .route("/u/{n}/identities/linked", get(link::show_linked))
        .route("/u/{n}/identities/{id}/unlink", post(link::unlink))
}
