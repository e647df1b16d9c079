//! "Forgot password?": an alias → a code to it (the page reads the same whether the alias
//! exists) → a new password → every session of the account ended, every verified alias told.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit;
use crate::auth::accounts;
use crate::auth::password::Password;
use crate::contact::Destination;
use crate::contact::regions::{self, RegionOption};
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::pages::code_entry::{self, CodeFlow, Recipient};
use crate::sessions::SessionToken;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store as sessions;
use crate::signup::form::parse_address;
use crate::ui::{ErrorPage, internal_error};
use crate::ui::{Layout, render_html};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};
use crate::verification::send::{self, Requester, SendCodeError};

/// How long a proved reset waits for the new password.
const GRANT_LIFETIME: Duration = Duration::minutes(15);

fn flow(challenge_id: Uuid) -> CodeFlow {
    CodeFlow {
        verify_action: "/reset/verify".to_owned(),
        resend_action: "/reset/resend".to_owned(),
        ref_name: "c",
        ref_value: challenge_id,
        submit_label: "Continue",
        other_href: "/reset".to_owned(),
        other_label: "Use a different address",
        signs_in: false,
        account: None,
    }
}

#[derive(Template)]
#[template(path = "pages/reset/start.html")]
struct StartPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    address: &'a str,
    regions: Vec<RegionOption>,
    error: Option<String>,
}

/// The first step's form: what was typed (the address, the country of a phone number
/// without `+`), and why it was refused.
fn start_page(
    state: &AppState,
    token: CsrfToken,
    (address, region): (&str, &str),
    error: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StartPage {
        layout: Layout::new(state, "Reset your password"),
        csrf: token.authenticity_token().unwrap_or_default(),
        address,
        regions: regions::options(region),
        error,
    };
    (status, token, render_html(&page)).into_response()
}

/// `GET /reset`
pub async fn show_start(
    State(state): State<AppState>,
    token: CsrfToken,
    headers: HeaderMap,
) -> Response {
    let region = crate::signin::pages::default_region(&state, &headers);
    start_page(&state, token, ("", &region), None)
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    region: String,
}

/// `POST /reset`
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<StartForm>,
) -> Response {
    let typed = (form.address.as_str(), form.region.as_str());
    let alias = match parse_address(&form.address, &form.region) {
        Ok(alias) => alias,
        Err(message) => return start_page(&state, token, typed, Some(message)),
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let account = accounts::find_by_verified_alias(&mut tx, &alias).await?;
        let requester = Requester {
            ip: client.ip,
            account_id: account,
        };
        let issued = match account {
            Some(_) => {
                send::send_code(&mut tx, &state, &requester, Purpose::ResetPassword, &alias).await?
            }
            None => {
                send::send_notice_instead(
                    &mut tx,
                    &state,
                    &requester,
                    Purpose::ResetPassword,
                    &alias,
                    None,
                )
                .await?
            }
        };
        tx.commit().await?;
        Ok::<_, SendCodeError>(issued.id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/reset/code?c={id}")).into_response(),
        Err(e) => match e.user_message() {
            Some(message) => start_page(&state, token, typed, Some(message)),
            None => internal_error(e.failure()),
        },
    }
}

#[derive(Debug, Deserialize)]
pub struct ChallengeQuery {
    c: Option<Uuid>,
}

/// `GET /reset/code?c=…`
pub async fn show_code(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<ChallengeQuery>,
) -> Response {
    match q.c {
        Some(id) => code_entry::render(&state, token, &flow(id), id, None, None).await,
        None => Redirect::to("/reset").into_response(),
    }
}

#[derive(Template)]
#[template(path = "pages/reset/new_password.html")]
struct NewPasswordPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    grant: &'a str,
    error: Option<String>,
}

fn new_password_page(
    state: &AppState,
    token: CsrfToken,
    grant: &str,
    error: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = NewPasswordPage {
        layout: Layout::new(state, "Choose a new password"),
        csrf: token.authenticity_token().unwrap_or_default(),
        grant,
        error,
    };
    (status, token, render_html(&page)).into_response()
}

#[derive(Debug, Deserialize)]
pub struct VerifyForm {
    c: Option<Uuid>,
    #[serde(default)]
    code: String,
}

async fn grant(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<SessionToken> {
    let token = SessionToken::generate();
    sqlx::query!(
        "insert into password_resets (token_hash, account_id, expires_at) values ($1, $2, $3)",
        token.hash().to_vec(),
        account_id,
        now + GRANT_LIFETIME
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// `POST /reset/verify`: the right code leads to the new-password form.
pub async fn verify(
    State(state): State<AppState>,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<VerifyForm>,
) -> Response {
    let Some(id) = form.c else {
        return Redirect::to("/reset").into_response();
    };
    let again = |token, message: String| {
        let state = state.clone();
        async move { code_entry::render(&state, token, &flow(id), id, Some(message), None).await }
    };
    let Some(code) = Code::parse(&form.code) else {
        return again(token, "Enter the 6-digit code from the message.".to_owned()).await;
    };
    let now = state.clock.now();
    let verified =
        match challenges::verify(&state.db, &state.keys, &state.codes, now, id, &code).await {
            Ok(v) => v,
            Err(e) => match code_entry::verify_failure(e) {
                Ok(message) => return again(token, message).await,
                Err(ended) => return ended.into_response(),
            },
        };
    let (Purpose::ResetPassword, Some(account_id)) = (verified.purpose, verified.account_id) else {
        return again(
            token,
            "That code didn't work. Start again to get a new one.".to_owned(),
        )
        .await;
    };
    let mut conn = match state.db.acquire().await {
        Ok(conn) => conn,
        Err(e) => return internal_error(e),
    };
    match grant(&mut conn, account_id, now).await {
        Ok(grant) => new_password_page(&state, token, grant.as_str(), None),
        Err(e) => internal_error(e),
    }
}

#[derive(Debug, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    grant: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "pages/reset/done.html")]
struct DonePage<'a> {
    layout: Layout<'a>,
}

/// `POST /reset/password`
pub async fn set_password(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<NewPasswordForm>,
) -> Response {
    let Some(grant) = SessionToken::from_cookie(&form.grant) else {
        return ErrorPage::not_found().into_response();
    };
    let now = state.clock.now();
    let account_id: Option<Uuid> = match sqlx::query_scalar!(
        "select account_id from password_resets where token_hash = $1 and expires_at > $2",
        grant.hash().to_vec(),
        now
    )
    .fetch_optional(&state.db)
    .await
    {
        Ok(found) => found,
        Err(e) => return internal_error(e),
    };
    let Some(account_id) = account_id else {
        return start_page(
            &state,
            token,
            ("", ""),
            Some(
                "This reset has expired or was already used. Start again to get a new code."
                    .to_owned(),
            ),
        );
    };
    let mut conn = match state.db.acquire().await {
        Ok(conn) => conn,
        Err(e) => return internal_error(e),
    };
    let (name, aliases) = match accounts::name_and_verified_aliases(&mut conn, account_id).await {
        Ok(found) => found,
        Err(e) => return internal_error(e),
    };
    drop(conn);
    let mut personal: Vec<String> = aliases.iter().map(Destination::normalized).collect();
    personal.push(name);
    let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
    let password = match Password::new(&form.password, &personal) {
        Ok(p) => p,
        Err(e) => return new_password_page(&state, token, &form.grant, Some(e.to_string())),
    };
    let hash = match state.passwords.hash(&password).await {
        Ok(hash) => hash,
        Err(e) => return internal_error(e),
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let used = sqlx::query!(
            "delete from password_resets where token_hash = $1 and expires_at > $2",
            grant.hash().to_vec(),
            now
        )
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            return Ok(false);
        }
        accounts::update_password_hash(&mut tx, account_id, &hash).await?;
        let ended = sessions::end_all_for_account(&mut tx, account_id, now).await?;
        audit::record(
            &mut tx,
            now,
            account_id,
            audit::Kind::PasswordReset,
            &client,
            serde_json::json!({ "sessions_ended": ended }),
        )
        .await?;
        for alias in &aliases {
            outbox::enqueue(
                &mut tx,
                now,
                alias.channel(),
                &alias.address(),
                &Message::PasswordChanged {
                    sessions_ended: true,
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    match result {
        Ok(true) => {
            tracing::info!(%account_id, "password reset; every session ended");
            let page = DonePage {
                layout: Layout::new(&state, "Password changed"),
            };
            (token, render_html(&page)).into_response()
        }
        Ok(false) => start_page(
            &state,
            token,
            ("", ""),
            Some("This reset was already used. Start again to get a new code.".to_owned()),
        ),
        Err(e) => internal_error(e),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    c: Option<Uuid>,
}

/// `POST /reset/resend`
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<ResendForm>,
) -> Response {
    let Some(id) = form.c else {
        return Redirect::to("/reset").into_response();
    };
    code_entry::resend(
        &state,
        token,
        &flow(id),
        id,
        client.ip,
        Purpose::ResetPassword,
        Recipient::AnyVerified,
    )
    .await
}
