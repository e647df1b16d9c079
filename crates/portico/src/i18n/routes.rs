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

/// Answers the request in its language, and says which (`Content-Language`).
pub async fn in_request_language(request: Request, next: Next) -> Response {
    let lang = from_request(request.headers());
    // The path only: a query may carry what a visitor was sent with (a `next` to elsewhere),
    // which the picker's links must not repeat.
    let here = request.uri().path().to_owned();
    let mut response = CURRENT
        .scope(super::Request { lang, here }, next.run(request))
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

/// `GET /language?to=de&back=/signin`: keeps the choice in a cookie (a year) and goes back
/// to the page, which must be one of Portico's own ([`LocalPath`], as every `next=` is). An
/// unknown language changes nothing.
pub async fn choose(State(state): State<AppState>, Query(choice): Query<Choice>) -> Response {
    let back = LocalPath::parse(&choice.back);
    let mut response = Redirect::to(back.as_ref().map_or("/", LocalPath::as_str)).into_response();
    if let Some(lang) = Lang::from_tag(&choice.to) {
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
    response
}
