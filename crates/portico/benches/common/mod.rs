//! What the benchmarks share: signing in as a browser does, with explicit cookies (so that
//! `wrk` can replay them).

use portico_blackbox::forms::{cookies_set_by, csrf_in};

/// The sign-in form's CSRF token and the cookie it goes with.
#[derive(Debug, Clone)]
pub struct SignInForm {
    pub token: String,
    pub cookie: String,
}

/// `GET /signin`: a fresh form.
pub async fn sign_in_form(http: &reqwest::Client, base: &str) -> SignInForm {
    let form = http
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("the sign-in form");
    let cookie = cookies_set_by(form.headers());
    let token = csrf_in(&form.text().await.expect("html"));
    SignInForm { token, cookie }
}

/// Posts the form for `address`: the browser's cookies afterwards (the CSRF one and the
/// session's), as a `Cookie` header.
pub async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    form: &SignInForm,
    address: &str,
    password: &str,
) -> String {
    let r = http
        .post(format!("{base}/signin"))
        .header("origin", base)
        .header("cookie", &form.cookie)
        .form(&[
            ("authenticity_token", form.token.as_str()),
            ("address", address),
            ("password", password),
        ])
        .send()
        .await
        .expect("sign in");
    let session = cookies_set_by(r.headers());
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    format!("{}; {session}", form.cookie)
}
