//! Response headers every page carries.

use axum::http::{HeaderName, HeaderValue, header};

/// No inline script or style anywhere: everything comes from `/static`. Forms post to us
/// only, and on to `form_origins`: the OpenID providers that "Sign in with …" forms are
/// redirected to (browsers hold redirects after a form to `form-action` too).
pub fn content_security_policy(form_origins: &[String]) -> String {
    let mut form_action = String::from("'self'");
    for origin in form_origins {
        form_action.push(' ');
        form_action.push_str(origin);
    }
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action {form_action}; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

/// The headers every answer carries unless it set its own. HSTS only when the public URL
/// is https.
pub fn headers(https: bool, form_origins: &[String]) -> Vec<(HeaderName, HeaderValue)> {
    let csp = HeaderValue::from_str(&content_security_policy(form_origins))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, csp),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ),
        // Pages depend on the session and hold personal data: no shared proxy may keep
        // them and the back button must not show them after sign-out. Static files, whose
        // names change with their content, say otherwise for themselves.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    headers
}
