//! Accounts made over HTTP, as a person with a browser would make them, for tests that
//! need one signed in but are about something else.

use std::time::Duration;

use crate::forms::csrf_in;
use crate::server::Portico;

/// The password of every account made here.
pub const PASSWORD: &str = "violet tundra kettle march";

/// Signs `address` up on `portico` with the code the dev outbox logs (the `nth` message
/// this process delivered). `http` then holds the new account's session at `/u/0/`.
pub async fn sign_up(
    http: &reqwest::Client,
    portico: &mut Portico,
    origin: &str,
    address: &str,
    nth: usize,
) {
    let started = start_sign_up(http, &portico.base_url, origin, address).await;
    let code = portico
        .process
        .wait_for_nth_line(
            r"dev outbox: message delivered.*\b(\d{6})\b",
            nth,
            Duration::from_secs(30),
        )
        .await
        .expect("the dev outbox delivers the code");
    finish_sign_up(http, &portico.base_url, origin, &started, &code).await;
}

/// A sign-up waiting for its code: the form's CSRF token and the pending sign-up's id.
#[derive(Debug, Clone)]
pub struct PendingSignUp {
    csrf: String,
    pending: String,
}

/// Fills and sends the sign-up form at `base` (through `origin`); a code is then on its way.
pub async fn start_sign_up(
    http: &reqwest::Client,
    base: &str,
    origin: &str,
    address: &str,
) -> PendingSignUp {
    let page = http
        .get(format!("{base}/signup"))
        .send()
        .await
        .expect("sign-up page");
    let csrf = csrf_in(&page.text().await.expect("body"));
    let r = http
        .post(format!("{base}/signup"))
        .header("origin", origin)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("display_name", "Jo Marchetti"),
            ("address", address),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign up");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let location = r.headers()["location"].to_str().expect("ascii");
    let pending = location.split("p=").nth(1).expect("a pending sign-up");
    PendingSignUp {
        csrf,
        pending: pending.to_owned(),
    }
}

/// Enters the code of a sign-up: `http` then holds the new account's session at `/u/0/`.
pub async fn finish_sign_up(
    http: &reqwest::Client,
    base: &str,
    origin: &str,
    started: &PendingSignUp,
    code: &str,
) {
    let r = http
        .post(format!("{base}/signup/verify"))
        .header("origin", origin)
        .form(&[
            ("authenticity_token", started.csrf.as_str()),
            ("p", started.pending.as_str()),
            ("code", code),
        ])
        .send()
        .await
        .expect("verify");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
}

/// A password sign-in through `base`'s form with a CSRF token and its cookie fetched once
/// (a browser with nothing but that cookie), as the load benchmarks send them; it must
/// succeed.
pub async fn sign_in_with_password(
    client: &reqwest::Client,
    base: &str,
    (token, cookie): (&str, &str),
    address: &str,
) {
    let r = client
        .post(format!("{base}/signin"))
        .header("origin", base)
        .header("cookie", cookie)
        .form(&[
            ("authenticity_token", token),
            ("address", address),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
}
