//! The middleware that sets each request's language, and the picker's route.

use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::negotiate::COOKIE;
use super::{CURRENT, Lang, from_request};
use crate::app::AppState;
use crate::http::next::LocalPath;
use crate::sessions::extract::Browser;
use crate::ui::{InternalError, PageResult};

/// Answers the request in its language, and says which (`Content-Language`).
pub async fn in_request_language(request: Request, next: Next) -> Response {
    let chosen = super::chosen(request.headers()).is_some();
    let lang = from_request(request.headers());
    // The path only: a query may carry what a visitor was sent with (a `next` to elsewhere),
    // which the picker's links must not repeat.
    let here = request.uri().path().to_owned();
    let answered = async {
        let response = next.run(request).await;
        // An account's page may have switched to the account's language.
        (response, super::current())
    };
    let (mut response, lang) = CURRENT
        .scope(super::Request::page(lang, chosen, here), answered)
        .await;
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    response
}

#[derive(Debug, Deserialize)]
pub struct Choice {
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// `GET /language?to=de&back=/signin`: keeps the choice in a cookie (a year) and, when the
/// page was an account's (`/u/N/…`) signed in here, on that account (its messages go out in
/// it); then goes back to the page, which must be one of Portico's own ([`LocalPath`], as
/// every `next=` is). An unknown language changes nothing.
pub async fn choose(
    State(state): State<AppState>,
    browser: Browser,
    Query(choice): Query<Choice>,
) -> PageResult {
    let back = LocalPath::parse(&choice.back);
    let mut response = Redirect::to(back.as_ref().map_or("/", LocalPath::as_str)).into_response();
    if let Some(lang) = Lang::from_tag(&choice.to) {
        let account = back
            .as_ref()
            .and_then(|path| account_position(path.as_str()))
            .and_then(|n| {
                browser
                    .accounts
                    .iter()
                    .find(|a| a.position == n && !a.expired)
            });
        if let Some(account) = account {
            crate::profile::store::set_language(&state.db, account.account_id, lang)
                .await
                .map_err(InternalError::from)?;
        }
        let cookie = Cookie::build((COOKIE, lang.tag()))
            .path("/")
            .max_age(time::Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(state.config.is_https())
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// The `N` of an account's page `/u/N/…`.
fn account_position(path: &str) -> Option<i32> {
    path.strip_prefix("/u/")?.split('/').next()?.parse().ok()
}
