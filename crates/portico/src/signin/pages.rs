//! The sign-in page. One message for every failure (unknown alias, wrong password, alias not
//! allowed for sign-in) and the same work for each: a password hash is always verified.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::{Password, Verification};
use crate::auth::throttle::{self, ThrottleKey};
use crate::contact::Destination;
use crate::contact::regions::{self, RegionOption};
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::sessions::complete;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store::{SignInError, too_many_accounts_message};
use crate::signup::form::parse_address;
use crate::text::human_wait;
use crate::ui::{Layout, render_html};
use crate::ui::{PageError, PageResult};

#[derive(Template)]
#[template(path = "pages/signin/form.html")]
struct SignInPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    address: &'a str,
    regions: Vec<RegionOption>,
    next: &'a str,
    error: Option<String>,
    providers: Vec<ProviderButton<'a>>,
    passkeys_on: bool,
}

/// "Sign in with {name}" for a configured OpenID provider.
struct ProviderButton<'a> {
    id: &'a str,
    name: &'a str,
    icon: Option<&'a str>,
}

fn provider_buttons(state: &AppState) -> Vec<ProviderButton<'_>> {
    state
        .oidc
        .all()
        .iter()
        .map(|p| ProviderButton {
            id: &p.config.id,
            name: &p.config.name,
            icon: p.config.icon.as_deref(),
        })
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    alias: String,
    #[serde(default)]
    next: String,
}

/// `GET /signin` (`?alias=` prefills the address; `?next=` is where to go afterwards).
pub async fn show_form(
    State(state): State<AppState>,
    token: CsrfToken,
    headers: HeaderMap,
    Query(q): Query<SignInQuery>,
) -> Response {
    let region = default_region(&state, &headers);
    let typed = Typed {
        address: &q.alias,
        region: &region,
        next: &q.next,
    };
    page(&state, token, &typed, None, StatusCode::OK)
}

/// What the sign-in form held when it was sent, kept when it comes back.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Typed<'a> {
    pub address: &'a str,
    /// The country chosen for a phone number without `+` (empty: none).
    pub region: &'a str,
    pub next: &'a str,
}

/// The sign-in form again with a message, keeping what was typed and `next`.
pub(crate) fn form_again_to(
    state: &AppState,
    token: CsrfToken,
    typed: &Typed<'_>,
    error: String,
    status: StatusCode,
) -> Response {
    page(state, token, typed, Some(error), status)
}

fn page(
    state: &AppState,
    token: CsrfToken,
    typed: &Typed<'_>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let next = LocalPath::parse(typed.next);
    let passkeys_on = state.passkeys.is_some();
    let layout = Layout::new(state, crate::i18n::t("signin-title"));
    let page = SignInPage {
        layout: if passkeys_on {
            layout.with_script("js/passkeys.js")
        } else {
            layout
        },
        passkeys_on,
        csrf: token.authenticity_token(),
        address: typed.address,
        regions: regions::options(typed.region),
        next: next.as_ref().map_or("", LocalPath::as_str),
        error,
        providers: provider_buttons(state),
    };
    (status, token, render_html(&page)).into_response()
}

/// The country a form starts with for this browser.
pub(crate) fn default_region(state: &AppState, headers: &HeaderMap) -> String {
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    regions::default_for(state.config.default_region.as_deref(), accept)
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    keep_signed_in: Option<String>,
    #[serde(default)]
    region: String,
    #[serde(default)]
    next: String,
}

/// `POST /signin`
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<SignInForm>,
) -> PageResult {
    let typed = Typed {
        address: &form.address,
        region: &form.region,
        next: &form.next,
    };
    let again =
        |token, message: String, status| form_again_to(&state, token, &typed, message, status);
    let alias = match parse_address(&form.address, &form.region) {
        Ok(alias) => alias,
        Err(message) => return Ok(again(token, message, StatusCode::UNPROCESSABLE_ENTITY)),
    };
    let no_match = || crate::i18n::t("signin-no-match");
    let Some(password) = Password::typed(&form.password) else {
        return Ok(again(token, no_match(), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let account_id = match check_password(&state, &client, &alias, &password).await? {
        PasswordCheck::Match(account_id) => account_id,
        PasswordCheck::NoMatch => {
            return Ok(again(token, no_match(), StatusCode::UNPROCESSABLE_ENTITY));
        }
        PasswordCheck::Throttled(wait) => {
            let message =
                crate::i18n::t_with("signin-throttled", &[("wait", human_wait(wait).into())]);
            return Ok(again(token, message, StatusCode::TOO_MANY_REQUESTS));
        }
    };
    let who = complete::who(
        account_id,
        form.keep_signed_in.is_some(),
        &client,
        complete::Method::Password,
    );
    let next = LocalPath::parse(&form.next);
    let method = complete::Method::Password;
    match complete::sign_in(&state, &headers, &who, method, next.as_ref()).await {
        Ok(response) => Ok(response),
        Err(SignInError::TooManyAccounts) => Ok(again(
            token,
            too_many_accounts_message(),
            StatusCode::CONFLICT,
        )),
        // complete::sign_in answers a closing account's offer itself.
        Err(SignInError::Database(e)) => Err(e.into()),
        Err(SignInError::Closing(offer)) => Ok(crate::closing::page::offer_page(&state, &offer)),
    }
}

/// What a typed alias and password come to.
enum PasswordCheck {
    /// The usable account with that alias, whose password it is.
    Match(Uuid),
    /// No such account, or not its password (the same answer, so aliases cannot be probed).
    NoMatch,
    /// Too many wrong passwords lately, for the account or from this network: wait this long.
    Throttled(time::Duration),
}

/// Checks `password` for the account `alias` signs in to, under the throttle; a failure is
/// counted and audited, a match clears the account's count and upgrades an old hash.
async fn check_password(
    state: &AppState,
    client: &ClientInfo,
    alias: &Destination,
    password: &Password,
) -> Result<PasswordCheck, PageError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let candidate = accounts::find_for_sign_in(&mut conn, alias).await?;
    // An unknown alias is throttled under its own name, like an account.
    let subject = candidate
        .as_ref()
        .map_or_else(|| alias.normalized(), |c| c.account_id.to_string());
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let keys = [ThrottleKey::account(&subject), ThrottleKey::ip(&ip)];
    let standing = throttle::standing(&mut conn, &keys, now).await?;
    if standing.wait.is_positive() {
        return Ok(PasswordCheck::Throttled(standing.wait));
    }
    let usable = candidate.filter(|c| c.usable);
    let stored = usable.as_ref().and_then(|c| c.password_hash.as_deref());
    // No pooled connection is held while waiting for the hasher: under a sign-in flood the
    // queue there is long, and pages need the connections.
    drop(conn);
    let verification = state.passwords.verify(stored, password).await?;
    let mut conn = state.db.acquire().await?;
    let (Some(account), Verification::Match | Verification::MatchNeedsRehash) =
        (usable.as_ref().filter(|_| stored.is_some()), verification)
    else {
        throttle::record_failure(&mut conn, &keys, now).await?;
        if let Some(known) = &usable {
            let details = json!({ "method": "password" });
            let kind = Kind::SignInFailed;
            audit::record(&mut conn, now, known.account_id, kind, client, details).await?;
        }
        tracing::info!("sign-in refused: no matching account and password");
        return Ok(PasswordCheck::NoMatch);
    };
    if verification == Verification::MatchNeedsRehash {
        let hash = state.passwords.hash(password).await?;
        accounts::update_password_hash(&mut conn, account.account_id, &hash).await?;
    }
    if standing.has_failures(&keys[0]) {
        throttle::clear(&mut conn, &keys[0]).await?;
    }
    Ok(PasswordCheck::Match(account.account_id))
}
