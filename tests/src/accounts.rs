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
    let page = http
        .get(portico.url("/signup"))
        .send()
        .await
        .expect("sign-up page");
    let csrf = csrf_in(&page.text().await.expect("body"));
    let r = http
        .post(portico.url("/signup"))
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
    let location = r.headers()["location"].to_str().expect("ascii").to_owned();
    let pending = location.split("p=").nth(1).expect("a pending sign-up");
    let code = portico
        .process
        .wait_for_nth_line(
            r"dev outbox: message delivered.*\b(\d{6})\b",
            nth,
            Duration::from_secs(30),
        )
        .await
        .expect("the dev outbox delivers the code");
    let r = http
        .post(portico.url("/signup/verify"))
        .header("origin", origin)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("p", pending),
            ("code", code.as_str()),
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
