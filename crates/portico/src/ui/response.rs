//! Answers: pages rendered from templates; error answers, an HTML page for people and
//! RFC 9457 problem JSON under `/api/`. Both carry
//! the request id. Handlers return an [`ErrorPage`] (or a bare error status); the
//! [`render`] middleware turns it into the final answer and logs internal errors inside the
//! request's span, so that responses stay free of side effects.

use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portico_wire::{PROBLEM_CONTENT_TYPE, Problem};

use crate::app::AppState;
use crate::http::request_id::RequestId;
use axum::response::Html;

use crate::ui::layout::Layout;

/// An error to show; the status and the words a person sees.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    status: StatusCode,
    title: &'static str,
    message: &'static str,
}

/// The detail of an unexpected failure: logged, never shown.
#[derive(Debug, Clone)]
pub struct InternalError {
    detail: String,
    /// The database could not be reached: nothing was done, and trying again later will
    /// work, so the answer is 503 rather than 500.
    unavailable: bool,
}

impl InternalError {
    /// A failure described in words (no error value behind it).
    pub fn detail(detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            unavailable: false,
        }
    }
}

/// A database failure: 503 when it means the database is out of reach.
impl From<sqlx::Error> for InternalError {
    fn from(e: sqlx::Error) -> Self {
        Self {
            unavailable: crate::db::is_unavailable(&e),
            detail: e.to_string(),
        }
    }
}

/// The infrastructure failures that may surface in a handler, each a 500 with its detail
/// logged. Domain outcomes are not among them: handlers match those.
macro_rules! internal_errors {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for InternalError {
            fn from(e: $t) -> Self {
                Self::detail(e.to_string())
            }
        }
    )*};
}
internal_errors!(
    askama::Error,
    anyhow::Error,
    axum::http::Error,
    header::InvalidHeaderValue,
    serde_json::Error,
    url::ParseError,
);

/// How long a client should wait before trying again while the database is out of reach.
const RETRY_AFTER_SECS: &str = "5";

impl ErrorPage {
    pub fn not_found() -> Self {
        Self::for_status(StatusCode::NOT_FOUND)
    }

    /// The page for any error status, with wording for the common ones (keys of
    /// `locales/*/portico.ftl`, in the request's language when rendered).
    pub fn for_status(status: StatusCode) -> Self {
        let (title, message) = match status {
            StatusCode::NOT_FOUND => ("error-not-found", "error-not-found-text"),
            StatusCode::UNAUTHORIZED => ("error-unauthorized", "error-unauthorized-text"),
            StatusCode::FORBIDDEN => ("error-forbidden", "error-forbidden-text"),
            StatusCode::METHOD_NOT_ALLOWED => ("error-method", "error-method-text"),
            StatusCode::REQUEST_TIMEOUT => ("error-timeout", "error-timeout-text"),
            StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large", "error-too-large-text"),
            StatusCode::SERVICE_UNAVAILABLE => ("error-unavailable", "error-unavailable-text"),
            s if s.is_server_error() => ("error-server", "error-server-text"),
            _ => ("error-other", "error-other-text"),
        };
        Self {
            status,
            title,
            message,
        }
    }
}

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// An unexpected failure: a generic 500 for the client (503 and `Retry-After` when the
/// database is out of reach), the detail for the log.
pub fn internal_error(error: impl Into<InternalError>) -> Response {
    let error = error.into();
    let status = if error.unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    let mut response = ErrorPage::for_status(status).into_response();
    if error.unavailable {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(RETRY_AFTER_SECS),
        );
    }
    response.extensions_mut().insert(error);
    response
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorTemplate<'a> {
    layout: Layout<'a>,
    status: u16,
    title: &'a str,
    message: &'a str,
    request_id: &'a str,
}

/// Renders error statuses that have no body of their own (axum's 405, timeouts, body
/// limits, panics) and every [`ErrorPage`].
pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_api = path.starts_with("/api/")
        || matches!(
            path,
            "/oauth2/token" | "/oauth2/revoke" | "/oauth2/userinfo" | "/oauth2/jwks"
        );
    let request_id = request.extensions().get::<RequestId>().copied();
    let mut response = next.run(request).await;
    if let Some(error) = response.extensions_mut().remove::<InternalError>() {
        if error.unavailable {
            tracing::warn!(error = %error.detail, "request failed: the database is out of reach");
        } else {
            tracing::error!(error = %error.detail, "request failed");
        }
    }
    let status = response.status();
    let page = match response.extensions_mut().remove::<ErrorPage>() {
        Some(page) => page,
        // Bodies without a type (axum's 405, timeouts, body limits) and plain-text 4xx
        // rejections from extractors become our page, so people never see a bare message.
        None if (status.is_client_error() || status.is_server_error())
            && response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_none_or(|t| {
                    status.is_client_error() && t.as_bytes().starts_with(b"text/plain")
                }) =>
        {
            ErrorPage::for_status(status)
        }
        None => return response,
    };
    let mut rendered = if is_api {
        let problem = Problem::new(page.status.as_u16(), page.title)
            .with_detail(page.message)
            .with_request_id(request_id.as_ref().map_or("", RequestId::as_str));
        ProblemJson(problem).into_response()
    } else {
        let template = ErrorTemplate {
            layout: Layout::new(&state, crate::i18n::t(page.title)),
            status: page.status.as_u16(),
            title: page.title,
            message: page.message,
            request_id: request_id.as_ref().map_or("", RequestId::as_str),
        };
        (page.status, render_html(&template)).into_response()
    };
    // Keep what the original answer said about the request (e.g. `Allow` on a 405).
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    rendered
}

/// An RFC 9457 problem document as an answer: its status, `application/problem+json`.
/// Every problem answer of the agent API goes through here.
#[derive(Debug, Clone)]
pub struct ProblemJson(pub Problem);

impl IntoResponse for ProblemJson {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut r = (status, Json(self.0)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        );
        r
    }
}

/// `fallback`: no route matched.
pub async fn not_found() -> ErrorPage {
    ErrorPage::not_found()
}

/// Turns a panic into a 500 whose detail is logged by [`render`].
pub fn panic_response(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_owned());
    internal_error(InternalError::detail(format!("panic: {detail}")))
}

/// A handler's early exit: an answer already made (usually [`internal_error`]), so that
/// handlers can use `?` on database and hashing errors.
#[derive(Debug)]
pub struct PageError(Box<Response>);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// Any error is unexpected here: a generic 500 (503 when the database is out of reach),
/// the detail logged.
impl<E: Into<InternalError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(Box::new(internal_error(e)))
    }
}

impl PageError {
    /// An early answer that is not a failure of ours (a redirect, a refusal page).
    pub fn answer(response: Response) -> Self {
        Self(Box::new(response))
    }
}

/// What a page handler returns.
pub type PageResult = Result<Response, PageError>;

/// Renders a template to an HTML response.
pub fn render_html<T: Template>(template: &T) -> Response {
    match template.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => internal_error(InternalError::detail(format!("template: {e}"))),
    }
}
