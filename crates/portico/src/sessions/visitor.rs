//! Who is signed in, for every page. A middleware looks this browser's accounts up once
//! per page request, so that the header's account menu shows on public pages and error
//! pages too (not "Sign in" while accounts are signed in); pages of an account reuse the
//! lookup instead of making their own.

use crate::http::csrf::CsrfToken;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::app::AppState;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::extract::{Browser, LookupConn, LookupFailed, SignedIn};
use crate::ui::{LazyMenu, with_menu};

/// Paths whose answers are never pages: no lookup for them.
fn is_page(path: &str) -> bool {
    ![
        "/static/",
        "/api/",
        "/hooks/",
        "/healthz",
        "/readyz",
        "/metrics",
        "/favicon.ico",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// `/u/N/…` → N.
fn position_in(path: &str) -> Option<i32> {
    path.strip_prefix("/u/")?.split('/').next()?.parse().ok()
}

/// The middleware: looks the browser's accounts up when it has a session, keeps them for
/// the extractors, and answers the request with the menu's account known.
pub async fn load(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let cookie = SessionCookie::new(state.config.is_https());
    if !is_page(path) || cookie.read(request.headers()).is_none() {
        return next.run(request).await;
    }
    let position = position_in(path);
    let (mut parts, body) = request.into_parts();
    let browser = match Browser::look_up_keeping(&parts, &state).await {
        Ok((browser, conn)) => {
            // Kept for reading pages only: a form's body may take a slow client a while to
            // send, and no connection may wait on a client.
            if let Some(conn) = conn
                && matches!(parts.method, Method::GET | Method::HEAD)
            {
                parts.extensions.insert(LookupConn::new(conn));
            }
            browser
        }
        // Pages that need the session fail as they would have (503 while the database is
        // out of reach); any other page is answered without the menu.
        Err(e) => {
            parts.extensions.insert(LookupFailed(e.into()));
            return next.run(Request::from_parts(parts, body)).await;
        }
    };
    // The account at `/u/N/`, or else the first one signed in.
    let live = || browser.accounts.iter().filter(|a| !a.expired);
    let chosen = live()
        .find(|a| Some(a.position) == position)
        .or_else(|| live().next())
        .cloned();
    let menu = match chosen {
        Some(account) => CsrfToken::from_request_parts(&mut parts, &state)
            .await
            .ok()
            .map(|csrf| {
                let signed_in = SignedIn {
                    browser: browser.clone(),
                    account,
                };
                let state = state.clone();
                LazyMenu::new(move || Some(signed_in.menu(&state, &csrf)))
            }),
        None => None,
    };
    parts.extensions.insert(browser);
    with_menu(menu, next.run(Request::from_parts(parts, body))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_positions_are_read_from_the_path() {
        assert!(is_page("/signin") && is_page("/u/0/info") && is_page("/"));
        assert!(!is_page("/static/css/portico.css") && !is_page("/api/agent/v1/report"));
        assert_eq!(position_in("/u/3/security"), Some(3));
        assert_eq!(position_in("/u/x/"), None);
        assert_eq!(position_in("/signin"), None);
    }
}
