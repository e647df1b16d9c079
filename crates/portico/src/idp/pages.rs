//! The pages between an app's redirect and Portico's answer: the chooser, consent, the page
//! that goes back to the app after one of our forms, and the refusal that never redirects.
//! Their forms carry a tag bound to the request and the account session.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use url::Url;
use uuid::Uuid;

use super::authorize::continue_path;
use super::config::Client;
use super::rules::scope_words;
use super::store::RequestRow;
use crate::app::AppState;
use crate::crypto::KeyPurpose;
use crate::http::next::sign_in_link;
use crate::http::security_headers::content_security_policy;
use crate::sessions::account::AccountInBrowser;
use crate::sessions::extract::Browser;
use crate::text::initials;
use crate::ui::{Layout, render_html};

#[derive(Template)]
#[template(path = "pages/idp/refused.html")]
struct RefusedPage<'a> {
    layout: Layout<'a>,
    message: &'a str,
}

#[derive(Template)]
#[template(path = "pages/idp/chooser.html")]
struct ChooserPage<'a> {
    layout: Layout<'a>,
    app: &'a str,
    request: String,
    accounts: Vec<ChooserAccount>,
    another: String,
}

struct ChooserAccount {
    position: i32,
    name: String,
    alias: String,
    initials: String,
    tag: String,
}

#[derive(Template)]
#[template(path = "pages/idp/consent.html")]
struct ConsentPage<'a> {
    layout: Layout<'a>,
    app: &'a str,
    name: &'a str,
    alias: String,
    request: String,
    position: i32,
    tag: String,
    items: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "pages/idp/continue.html")]
struct ContinuePage<'a> {
    layout: Layout<'a>,
    app: &'a str,
    target: &'a str,
}

/// How the answer reaches the app: a 303 while the browser is on the app's own redirect, a
/// page that moves on by itself after one of our forms (browsers hold redirects after a
/// form to the page's `form-action`, which names our own origin only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    Redirect,
    Page,
}

/// A refusal that must not go back to the app (its identity or address is in doubt).
/// The page refusing an app's request; `message` is a key of `locales/`.
pub(super) fn refused(state: &AppState, message: &str) -> Response {
    let page = RefusedPage {
        layout: Layout::new(state, crate::i18n::t("idp-refused-title")),
        message,
    };
    (StatusCode::BAD_REQUEST, render_html(&page)).into_response()
}

/// The tag a chooser or consent form carries: bound to this browser's session of the account
/// and to the request, so a form cannot be replayed for another request or account.
pub(super) fn form_tag(state: &AppState, account: &AccountInBrowser, request: Uuid) -> String {
    let mac = state.keys.mac(
        KeyPurpose::AuthorizeForm,
        &[
            account.browser_session_id.as_bytes(),
            account.session_id.as_bytes(),
            request.as_bytes(),
        ],
    );
    URL_SAFE_NO_PAD.encode(mac)
}

pub(super) fn tag_accepted(
    state: &AppState,
    account: &AccountInBrowser,
    request: Uuid,
    tag: &str,
) -> bool {
    URL_SAFE_NO_PAD.decode(tag).is_ok_and(|tag| {
        state.keys.verify_mac(
            KeyPurpose::AuthorizeForm,
            &[
                account.browser_session_id.as_bytes(),
                account.session_id.as_bytes(),
                request.as_bytes(),
            ],
            &tag,
        )
    })
}

/// Our pages for a request may post to us and be redirected on to the app.
pub(super) fn with_app_csp(mut response: Response, redirect_uri: &str) -> Response {
    let origin = Url::parse(redirect_uri)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&[origin])) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

pub(super) fn chooser(
    state: &AppState,
    browser: &Browser,
    client: &Client,
    request: &RequestRow,
) -> Response {
    let accounts = browser
        .accounts
        .iter()
        .filter(|a| !a.expired)
        .map(|a| ChooserAccount {
            position: a.position,
            name: a.display_name.clone(),
            alias: a.readable_alias(),
            initials: initials(&a.display_name),
            tag: form_tag(state, a, request.id),
        })
        .collect();
    let page = ChooserPage {
        layout: Layout::new(state, crate::i18n::t("idp-chooser-title")).without_account_menu(),
        app: &client.name,
        request: request.id.to_string(),
        accounts,
        another: sign_in_link(None, &continue_path(0, request.id)),
    };
    with_app_csp(render_html(&page), &request.redirect_uri)
}

pub(super) fn consent(
    state: &AppState,
    client: &Client,
    request: &RequestRow,
    account: &AccountInBrowser,
) -> Response {
    let page = ConsentPage {
        layout: Layout::new(state, crate::i18n::t("idp-consent-title-generic"))
            .without_account_menu(),
        app: &client.name,
        name: &account.display_name,
        alias: account.readable_alias(),
        request: request.id.to_string(),
        position: account.position,
        tag: form_tag(state, account, request.id),
        items: request
            .scopes
            .iter()
            .filter_map(|s| scope_words(s))
            .collect(),
    };
    with_app_csp(render_html(&page), &request.redirect_uri)
}

pub(super) fn deliver(state: &AppState, client: &Client, target: &str, via: Via) -> Response {
    match via {
        Via::Redirect => Redirect::to(target).into_response(),
        Via::Page => {
            let page = ContinuePage {
                layout: Layout::new(state, crate::i18n::t("idp-continue-title-generic")),
                app: &client.name,
                target,
            };
            render_html(&page)
        }
    }
}

/// The app's redirect URI with an error (RFC 6749 §4.1.2.1), `state` and `iss` (RFC 9207).
pub(super) fn error_target(
    state: &AppState,
    redirect_uri: &str,
    error: &str,
    description: &str,
    app_state: Option<&str>,
) -> String {
    let Ok(mut target) = Url::parse(redirect_uri) else {
        return redirect_uri.to_owned();
    };
    {
        let mut q = target.query_pairs_mut();
        q.append_pair("error", error);
        if !description.is_empty() {
            q.append_pair("error_description", description);
        }
        if let Some(s) = app_state {
            q.append_pair("state", s);
        }
        q.append_pair("iss", &super::issuer(state));
    }
    target.into()
}
