//! The gate in front of sensitive changes: a sign-in within the re-authentication window
//! (10 minutes), or else the "Confirm it's you" page, which carries on to the very request
//! that was stopped. As extractors, so a handler that needs it cannot forget it.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;

use super::page::{Confirm, carried, confirm_page};
use crate::app::AppState;
use crate::http::next::LocalPath;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::PageError;

/// An account form posted within the re-authentication window.
#[derive(Debug)]
pub struct RecentForm<T>(pub AccountForm<T>);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for RecentForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let form = AccountForm::<T>::from_request(request, state).await?;
        require_for_form(state, form)
            .await
            .map(Self)
            .map_err(IntoResponse::into_response)
    }
}

/// An account's page opened within the re-authentication window.
#[derive(Debug)]
pub struct RecentPage(pub SignedIn);

impl FromRequestParts<AppState> for RecentPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        match require_for_page(&signed_in, &parts.uri) {
            Some(confirm) => Err(confirm),
            None => Ok(Self(signed_in)),
        }
    }
}

/// For a page that only a recently signed-in person may open: `None` when the window is
/// open, otherwise a redirect to the confirmation page that comes back here.
pub fn require_for_page(signed_in: &SignedIn, uri: &Uri) -> Option<Response> {
    if signed_in.account.elevated {
        return None;
    }
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("next", uri.path_and_query().map_or("/", |p| p.as_str()));
    let to = format!("{}?{}", signed_in.path("confirm"), query.finish());
    Some(Redirect::to(&to).into_response())
}

/// For a sensitive form: the form itself when the window is open, otherwise the
/// confirmation page, which sends the form on to where it was posted once confirmed.
pub async fn require_for_form<T>(
    state: &AppState,
    form: AccountForm<T>,
) -> Result<AccountForm<T>, PageError> {
    if form.signed_in.account.elevated {
        return Ok(form);
    }
    let back = form.back.as_ref().map(LocalPath::as_str);
    let confirm = Confirm {
        next: "",
        resume: &form.action,
        carry: carried(&form.raw),
        error: None,
        challenge: None,
        back,
    };
    let page = confirm_page(state, &form.signed_in, form.csrf, confirm, StatusCode::OK).await?;
    Err(PageError::answer(page))
}
