//! Response headers every page carries.

use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

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

/// The layers, outermost first. HSTS only when the public URL is https.
pub fn layers(https: bool, form_origins: &[String]) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let csp = HeaderValue::from_str(&content_security_policy(form_origins))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    let mut headers = vec![
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        // Pages depend on the session and hold personal data: no shared proxy may keep
        // them and the back button must not show them after sign-out. Static files, whose
        // names change with their content, say otherwise for themselves.
        (header::CACHE_CONTROL, "no-store"),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ));
    }
    std::iter::once(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        csp,
    ))
    .chain(headers.into_iter().map(|(name, value)| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    }))
    .collect()
}
