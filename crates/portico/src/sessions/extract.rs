//! Extractors that make "which account is this request for" impossible to forget: the
//! account is the `N` in `/u/N/…`, looked up in this browser's session. Forms posted to an
//! account also carry a tag bound to that account's session in this browser, so a form
//! left open in a tab can never act on whichever account holds its position later.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use askama::Template;

use crate::http::csrf::CsrfToken;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sqlx::PgConnection;

use crate::app::AppState;
use crate::crypto::KeyPurpose;
use crate::db::reuse::Conn;
use crate::http::next::sign_in_link as sign_in_to;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store::{self, AccountInBrowser};
use crate::sessions::token::SessionToken;
use crate::text::initials;
use crate::ui::{AccountMenu, FormGuard, InternalError, OtherAccount};
use crate::ui::{ErrorPage, internal_error};
use crate::ui::{Layout, render_html};

/// This browser's session: its token and every account signed in within it.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub token: Option<SessionToken>,
    pub accounts: Vec<AccountInBrowser>,
}

impl Browser {
    /// Looks up the accounts of the session whose cookie the request carries.
    pub async fn look_up(parts: &Parts, state: &AppState) -> sqlx::Result<Self> {
        Ok(Self::look_up_keeping(parts, state).await?.0)
    }

    /// As [`Browser::look_up`], also answering the connection it used (if it needed one),
    /// so that the page's own queries need not take another from the pool.
    pub(crate) async fn look_up_keeping(
        parts: &Parts,
        state: &AppState,
    ) -> sqlx::Result<(Self, Option<Conn>)> {
        let Some(token) = SessionCookie::new(state.config.is_https()).read(&parts.headers) else {
            return Ok((Self::default(), None));
        };
        let mut conn = state.reuse.acquire().await?;
        let accounts = match store::accounts(&mut *conn, state.clock.now(), &token).await {
            Ok(accounts) => accounts,
            Err(e) => {
                conn.discard();
                return Err(e);
            }
        };
        let browser = Self {
            token: Some(token),
            accounts,
        };
        Ok((browser, Some(conn)))
    }
}

/// The connection the session lookup used, left in the request for its handler. Nothing
/// else holds it: unless [`PageConn`] takes it, it goes back to the pool when axum drops
/// the request's parts, once the handler's arguments are extracted.
#[derive(Clone)]
pub(crate) struct LookupConn(Arc<Mutex<Option<Conn>>>);

impl LookupConn {
    pub(crate) fn new(conn: Conn) -> Self {
        Self(Arc::new(Mutex::new(Some(conn))))
    }
}

/// A database connection for a page's own queries: the session lookup's if this request
/// made one, else one from [`crate::db::reuse`] (so one that goes back to the pool costs no
/// round trip when it does).
#[derive(Debug)]
pub struct PageConn(pub Conn);

impl FromRequestParts<AppState> for PageConn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let kept = parts
            .extensions
            .remove::<LookupConn>()
            .and_then(|LookupConn(slot)| slot.lock().ok()?.take());
        match kept {
            Some(conn) => Ok(Self(conn)),
            None => state
                .reuse
                .acquire()
                .await
                .map(Self)
                .map_err(internal_error),
        }
    }
}

impl std::ops::Deref for PageConn {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.0
    }
}

impl std::ops::DerefMut for PageConn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.0
    }
}

/// The lookup failed: why, for the extractors that need it.
#[derive(Debug, Clone)]
pub(crate) struct LookupFailed(pub(crate) InternalError);

/// The lookup the session middleware (`sessions::visitor`) made for this request, if it
/// made one.
fn taken(parts: &mut Parts) -> Option<Result<Browser, Response>> {
    if let Some(LookupFailed(e)) = parts.extensions.get::<LookupFailed>() {
        return Some(Err(internal_error(e.clone())));
    }
    parts.extensions.remove::<Browser>().map(Ok)
}

impl FromRequestParts<AppState> for Browser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(looked_up) = taken(parts) {
            return looked_up;
        }
        Self::look_up(parts, state).await.map_err(internal_error)
    }
}

/// The account at `/u/N/`, signed in and not expired.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub browser: Browser,
    pub account: AccountInBrowser,
}

impl SignedIn {
    /// The hidden fields for a form on this account's pages.
    pub fn guard(&self, state: &AppState, csrf: &CsrfToken) -> FormGuard {
        FormGuard {
            csrf: csrf.authenticity_token(),
            account_token: URL_SAFE_NO_PAD.encode(self.account_tag(state)),
        }
    }

    /// `/u/N/<rest>` for this account.
    pub fn path(&self, rest: &str) -> String {
        format!("/u/{}/{rest}", self.account.position)
    }

    fn account_tag(&self, state: &AppState) -> [u8; 32] {
        state.keys.mac(
            KeyPurpose::AccountForm,
            &[
                self.account.browser_session_id.as_bytes(),
                self.account.session_id.as_bytes(),
            ],
        )
    }

    pub(super) fn accepts_account_token(&self, state: &AppState, token: &str) -> bool {
        URL_SAFE_NO_PAD.decode(token).is_ok_and(|tag| {
            state.keys.verify_mac(
                KeyPurpose::AccountForm,
                &[
                    self.account.browser_session_id.as_bytes(),
                    self.account.session_id.as_bytes(),
                ],
                &tag,
            )
        })
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let position = position_in_path(parts, state).await?;
        let browser = Browser::from_request_parts(parts, state).await?;
        let found = browser
            .accounts
            .iter()
            .find(|a| a.position == position)
            .cloned();
        match found {
            Some(account) if !account.expired => {
                crate::i18n::for_account(account.language.as_deref(), account.time_zone.as_deref());
                let now = state.clock.now();
                if account.needs_touch(now) {
                    touch(parts, state, account.session_id)
                        .await
                        .map_err(internal_error)?;
                }
                Ok(Self { browser, account })
            }
            other => Err(not_signed_in(
                state,
                &parts.method,
                &parts.uri,
                other.as_ref(),
            )),
        }
    }
}

/// Records the account session's activity, on the lookup's connection when the request
/// holds it: taking a second one while holding the first could leave every request of a
/// busy pool waiting for a connection that none will give back.
async fn touch(parts: &Parts, state: &AppState, session_id: uuid::Uuid) -> sqlx::Result<()> {
    let (now, policy) = (state.clock.now(), state.sessions);
    let held = parts.extensions.get::<LookupConn>().cloned();
    let taken = held
        .as_ref()
        .and_then(|LookupConn(slot)| slot.lock().ok()?.take());
    let Some(mut conn) = taken else {
        return store::touch(&state.db, &policy, now, session_id).await;
    };
    let touched = store::touch(&mut *conn, &policy, now, session_id).await;
    if let Some(LookupConn(slot)) = held
        && let Ok(mut slot) = slot.lock()
    {
        *slot = Some(conn);
    }
    touched
}

async fn position_in_path(parts: &mut Parts, state: &AppState) -> Result<i32, Response> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| ErrorPage::not_found().into_response())?;
    params
        .get("n")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| ErrorPage::not_found().into_response())
}

/// A page of an account that is not (or no longer) signed in here: reading one leads to
/// sign-in (with the alias prefilled when the session merely expired); a form posted to
/// one acts on nothing and says so.
fn not_signed_in(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    account: Option<&AccountInBrowser>,
) -> Response {
    let sign_in = sign_in_link(account, uri);
    if method == Method::GET || method == Method::HEAD {
        return Redirect::to(&sign_in).into_response();
    }
    signed_out_page(state, account, &sign_in)
}

/// `/signin?alias=…&next=…`
pub(super) fn sign_in_link(account: Option<&AccountInBrowser>, uri: &Uri) -> String {
    let alias = account.and_then(AccountInBrowser::primary_alias);
    crate::http::next::sign_in_link(alias, uri.path_and_query().map_or("/", |p| p.as_str()))
}

#[derive(Template)]
#[template(path = "pages/account/signed_out.html")]
struct SignedOutPage<'a> {
    layout: Layout<'a>,
    name: Option<&'a str>,
    sign_in: &'a str,
}

/// 409: the form belonged to an account session that has ended in this browser.
pub(super) fn signed_out_page(
    state: &AppState,
    account: Option<&AccountInBrowser>,
    sign_in: &str,
) -> Response {
    let page = SignedOutPage {
        layout: Layout::new(state, crate::i18n::t("signed-out-title")),
        name: account.map(|a| a.display_name.as_str()),
        sign_in,
    };
    (StatusCode::CONFLICT, render_html(&page)).into_response()
}

impl SignedIn {
    /// The header's account menu for this account's pages.
    pub fn menu(&self, state: &AppState, csrf: &CsrfToken) -> AccountMenu {
        let signed_in = self;
        let account = &signed_in.account;
        let now = state.clock.now();
        AccountMenu {
            position: account.position,
            name: account.display_name.clone(),
            initials: initials(&account.display_name),
            alias: account.masked_alias(),
            others: signed_in
                .browser
                .accounts
                .iter()
                .filter(|a| a.position != account.position)
                .map(|a| OtherAccount {
                    name: a.display_name.clone(),
                    initials: initials(&a.display_name),
                    alias: a.masked_alias(),
                    href: if a.expired {
                        sign_in_to(a.primary_alias(), &format!("/u/{}/", a.position))
                    } else {
                        format!("/u/{}/", a.position)
                    },
                    expired: a.expired,
                })
                .collect(),
            guard: signed_in.guard(state, csrf),
            elevated_minutes: account
                .elevated_until
                .filter(|_| account.elevated)
                .map(|until| ((until - now).whole_seconds() + 59) / 60),
        }
    }
}
