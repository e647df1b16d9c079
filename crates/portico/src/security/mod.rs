//! The Security page: where the account is signed in (with a way to end each session, or
//! every other one), the password, and "Secure my account".

pub mod password;
pub mod store;

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::{ClientInfo, browser_label};
use crate::oidc;
use crate::outbox::{self, Message};
use crate::reauth::RecentForm;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::extract::{PageConn, SignedIn};
use crate::sessions::forms::NoFields;
use crate::sessions::store as sessions;
use crate::text::{format_time, time_ago};
use crate::ui::FormGuard;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};
use sqlx::PgConnection;

/// One session as the page lists it.
struct SessionView {
    id: Uuid,
    browser: String,
    ip: String,
    created: String,
    last_active: String,
    current: bool,
}

/// A linked identity as the page lists it.
struct IdentityView {
    id: Uuid,
    provider: String,
    email: String,
    linked: String,
    last_used: String,
}

/// A provider the account may link ("Sign in with {name} instead").
struct ProviderView {
    id: String,
    name: String,
}

#[derive(Template)]
#[template(path = "pages/security/page.html")]
struct SecurityPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    sessions: Vec<SessionView>,
    identities: Vec<IdentityView>,
    providers: Vec<ProviderView>,
    notice: Option<&'static str>,
    error: Option<String>,
    /// Passkeys can be used on this portal's address.
    passkeys_on: bool,
    passkeys: Vec<crate::passkeys::manage::PasskeyView>,
    /// The account has a password, and whether it may go.
    password: bool,
    may_drop_password: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct SecurityQuery {
    #[serde(default)]
    done: String,
}

/// The notice for `?done=`: a key of `locales/`.
fn notice_for(done: &str) -> Option<&'static str> {
    match done {
        "session" => Some("sec-done-session"),
        "others" => Some("sec-done-others"),
        "password" => Some("sec-done-password"),
        "unlinked" => Some("sec-done-unlinked"),
        "passkey_added" => Some("sec-done-passkey-added"),
        "passkey_renamed" => Some("sec-done-passkey-renamed"),
        "passkey_removed" => Some("sec-done-passkey-removed"),
        "password_removed" => Some("sec-done-password-removed"),
        _ => None,
    }
}

/// The Security page, with a notice or an error.
async fn page(
    state: &AppState,
    conn: &mut PgConnection,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    notice: Option<&'static str>,
    error: Option<String>,
    status: StatusCode,
) -> PageResult {
    let now = state.clock.now();
    let account_id = signed_in.account.account_id;
    let store::Overview {
        password,
        sessions: live,
        passkeys,
        identities: linked,
    } = store::overview(conn, account_id, now, !state.oidc.all().is_empty()).await?;
    let passkeys = crate::passkeys::manage::views(passkeys, now);
    let sessions = live
        .into_iter()
        .map(|s| SessionView {
            id: s.id,
            browser: browser_label(s.user_agent.as_deref()),
            ip: s.ip.map(|ip| ip.ip().to_string()).unwrap_or_default(),
            created: format_time(s.created_at),
            last_active: time_ago(s.last_seen_at, now),
            current: s.id == signed_in.account.session_id,
        })
        .collect();
    let provider_name = |id: &str| {
        state
            .oidc
            .get(id)
            .map_or_else(|| id.to_owned(), |p| p.config.name.clone())
    };
    let identities_count = linked.len() as i64;
    let identities = linked
        .into_iter()
        .map(|l| IdentityView {
            id: l.id,
            provider: provider_name(&l.provider_id),
            email: l.email.unwrap_or_default(),
            linked: format_time(l.linked_at),
            last_used: l
                .last_used_at
                .map_or_else(|| "never".to_owned(), |at| time_ago(at, now)),
        })
        .collect();
    let providers = state
        .oidc
        .all()
        .iter()
        .map(|p| ProviderView {
            id: p.config.id.clone(),
            name: p.config.name.clone(),
        })
        .collect();
    let page = SecurityPage {
        layout: Layout::new(state, crate::i18n::t("menu-security"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        sessions,
        identities,
        providers,
        notice,
        error,
        passkeys_on: state.passkeys.is_some(),
        // The ways in from what the page already read (the session brought the aliases);
        // the change itself counts them again in the database, under the account's lock.
        may_drop_password: oidc::WaysIn {
            password,
            sign_in_aliases: signed_in
                .account
                .aliases(now)
                .iter()
                .filter(|a| a.verified && a.sign_in_allowed)
                .count() as i64,
            identities: identities_count,
            passkeys: passkeys.len() as i64,
        }
        .may_drop_password(),
        passkeys,
        password,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

/// The Security page again, saying why a change was refused (409).
pub(crate) async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    message: &str,
) -> Response {
    let shown = async {
        let mut conn = state.db.acquire().await?;
        page(
            state,
            &mut conn,
            signed_in,
            csrf,
            None,
            Some(message.to_owned()),
            StatusCode::CONFLICT,
        )
        .await
    };
    shown.await.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /u/{n}/security`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    mut conn: PageConn,
    Query(q): Query<SecurityQuery>,
) -> PageResult {
    page(
        &state,
        &mut conn,
        &signed_in,
        csrf,
        notice_for(&q.done),
        None,
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct EndSessionFields {
    session: Option<Uuid>,
}

/// `POST /u/{n}/security/sessions/end`: signs one session of this account out (needs a
/// recent sign-in). Ending the current one is signing out here.
pub async fn end_session(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<EndSessionFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let Some(session) = form.fields.session else {
        return Ok(Redirect::to(&signed_in.path("security")).into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ended = sessions::end_session(&mut tx, signed_in.account.account_id, session, now).await?;
    if ended {
        audit::record(
            &mut tx,
            now,
            signed_in.account.account_id,
            Kind::SessionEnded,
            &client,
            json!({ "current": session == signed_in.account.session_id }),
        )
        .await?;
    }
    tx.commit().await?;
    if session == signed_in.account.session_id {
        return Ok(after_leaving(&state, signed_in));
    }
    Ok(Redirect::to(&format!("{}?done=session", signed_in.path("security"))).into_response())
}

/// `POST /u/{n}/security/sessions/end-others`: "Sign out everywhere else".
pub async fn end_other_sessions(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let account = &form.signed_in.account;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ended =
        sessions::end_other_sessions(&mut tx, account.account_id, account.session_id, now).await?;
    audit::record(
        &mut tx,
        now,
        account.account_id,
        Kind::OtherSessionsEnded,
        &client,
        json!({ "sessions": ended }),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=others", form.signed_in.path("security"))).into_response())
}

#[derive(Template)]
#[template(path = "pages/security/secured.html")]
struct SecuredPage<'a> {
    layout: Layout<'a>,
}

/// `POST /u/{n}/security/secure`: "Secure my account" ends every session of the account,
/// here too, revokes every device token, and tells every verified alias.
pub async fn secure_account(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let account_id = form.signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ended = sessions::end_all_for_account(&mut tx, account_id, now).await?;
    let devices = crate::devices::revoke_all_tokens(&mut tx, account_id, now).await?;
    outbox::to_verified_aliases(&mut tx, now, account_id, &Message::AccountSecured).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AccountSecured,
        &client,
        json!({ "sessions": ended, "device_tokens": devices }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%account_id, sessions = ended, devices, "account secured");
    let page = SecuredPage {
        layout: Layout::new(&state, crate::i18n::t("sec-secured-title")),
    };
    let mut response = render_html(&page);
    if !form
        .signed_in
        .browser
        .accounts
        .iter()
        .any(|a| a.account_id != account_id && !a.expired)
    {
        let cookie = SessionCookie::new(state.config.is_https());
        response
            .headers_mut()
            .insert(header::SET_COOKIE, cookie.clear());
    }
    Ok(response)
}

/// Where a browser goes once this account has left it: another account signed in here,
/// or the home page (and the cookie goes).
pub(crate) fn after_leaving(state: &AppState, signed_in: &SignedIn) -> Response {
    let remaining = signed_in
        .browser
        .accounts
        .iter()
        .find(|a| a.position != signed_in.account.position && !a.expired);
    match remaining {
        Some(other) => Redirect::to(&format!("/u/{}/", other.position)).into_response(),
        None => {
            let cookie = SessionCookie::new(state.config.is_https());
            ([(header::SET_COOKIE, cookie.clear())], Redirect::to("/")).into_response()
        }
    }
}

/// The routes of the Security page and the password.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/security", get(show))
        .route("/u/{n}/security/sessions/end", post(end_session))
        .route(
            "/u/{n}/security/sessions/end-others",
            post(end_other_sessions),
        )
        .route("/u/{n}/security/secure", post(secure_account))
        .route(
            "/u/{n}/password",
            get(password::show).post(password::change),
        )
        .route("/u/{n}/security/password/remove", post(password::remove))
}
