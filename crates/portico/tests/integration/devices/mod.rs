//! Linking a PC over HTTP: the device authorization grant (RFC 8628) as the agent speaks it
//! (with the wire types), and `/link` as the person uses it.

use portico::contact::{Destination, EmailAddress};
use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationResponse, TokenResponse,
};
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site};

mod facts;
mod licenses;
pub(crate) mod recovery;
mod reports;

pub(super) async fn jo(site: &Site) {
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
}

/// The agent asks to be linked (a form, as RFC 8628 has it).
pub(super) async fn authorize(site: &Site, hostname: &str) -> DeviceAuthorizationResponse {
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/device-authorizations"))
        .form(&[
            ("client_id", AGENT_CLIENT_ID),
            ("hostname", hostname),
            ("model", "ThinkPad X1 Carbon Gen 11"),
            ("os", "Windows 11 Pro 23H2"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(r.status(), 200);
    r.json().await.expect("json")
}

/// The agent polls the token endpoint: the status and the JSON body.
pub(super) async fn poll(site: &Site, device_code: &str) -> (u16, serde_json::Value) {
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .json(&serde_json::json!({
            "grant_type": DEVICE_CODE_GRANT,
            "device_code": device_code,
            "client_id": AGENT_CLIENT_ID,
        }))
        .send()
        .await
        .expect("token");
    (r.status().as_u16(), r.json().await.expect("json"))
}

/// Jo types `code` on the link page and decides.
pub(super) async fn decide(
    site: &Site,
    code: &str,
    decision: &str,
    location: bool,
) -> reqwest::Response {
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", code)])
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(page.contains("Link this PC to your account?"), "{page}");
    let mut fields = vec![("code", code), ("decision", decision)];
    if location {
        fields.push(("location", "on"));
    }
    site.post_account_form("/u/0/link", "/u/0/link/decide", &fields)
        .await
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_pc_is_linked_once_approved_and_polls_follow_rfc_8628(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let (_, home) = site.get("/u/0/").await;
    assert!(
        home.contains(r#"<a href="/u/0/link">Link a PC</a>"#),
        "in the account menu"
    );
    let auth = authorize(&site, "JO-LAPTOP").await;
    assert!(
        regex::Regex::new("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$")
            .expect("regex")
            .is_match(&auth.user_code),
        "{}",
        auth.user_code
    );
    assert_eq!((auth.expires_in, auth.interval), (900, 5));
    assert!(auth.verification_uri.ends_with("/link"));
    assert_eq!(
        auth.verification_uri_complete,
        format!("{}?code={}", auth.verification_uri, auth.user_code)
    );

    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("authorization_pending"))
    );
    let (_, body) = poll(&site, &auth.device_code).await;
    assert_eq!(body["error"], "slow_down", "polled before the interval");
    assert_eq!(body["interval"], 10, "the interval grew by 5 seconds");
    site.clock.advance(Duration::seconds(11));
    let (_, body) = poll(&site, &auth.device_code).await;
    assert_eq!(body["error"], "authorization_pending");

    // The agent's link, typed in lower case without the dash, leads to Jo's link page.
    let typed = auth.user_code.replace('-', "").to_lowercase();
    let r = site
        .http
        .get(site.server.url(&format!("/link?code={typed}")))
        .send()
        .await
        .expect("link");
    assert_eq!(r.headers()["location"], format!("/u/0/link?code={typed}"));
    let r = decide(&site, &typed, "approve", true).await;
    let page = r.text().await.expect("page");
    assert!(page.contains("JO-LAPTOP is linked"), "{page}");

    site.clock.advance(Duration::seconds(11));
    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(status, 200, "{body}");
    let token: TokenResponse = serde_json::from_value(body).expect("a token");
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.account, "Jo (j•••@example.com)");
    assert_eq!(token.access_token.len(), 43, "256 bits, base64url");
    let stored: (Vec<u8>, bool, String) = sqlx::query_as(
        "select t.token_hash, d.location_enabled, d.name from device_tokens t
         join devices d on d.id = t.device_id where d.id::text = $1",
    )
    .bind(&token.device_id)
    .fetch_one(&site.app.db)
    .await
    .expect("the device and its token");
    assert_ne!(
        stored.0,
        token.access_token.as_bytes(),
        "only a hash is stored"
    );
    assert!(stored.1, "location sharing as chosen");
    assert_eq!(stored.2, "JO-LAPTOP");

    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "one token per code"
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(activity.contains("Device linked: JO-LAPTOP"), "{activity}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn denied_and_expired_codes_end_the_polling(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let denied = authorize(&site, "STRANGER-PC").await;
    let r = decide(&site, &denied.user_code, "deny", false).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("STRANGER-PC was not linked")
    );
    let (_, body) = poll(&site, &denied.device_code).await;
    assert_eq!(body["error"], "access_denied");

    let late = authorize(&site, "SLOW-PC").await;
    site.clock.advance(Duration::minutes(16));
    let (_, body) = poll(&site, &late.device_code).await;
    assert_eq!(body["error"], "expired_token");
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &late.user_code)])
        .await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Confirm it&#39;s you"),
        "a recent sign-in is needed again after 16 minutes"
    );
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &late.user_code)])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("page").contains("has expired"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn guessing_codes_is_limited_and_bad_requests_are_refused(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let real = authorize(&site, "JO-DESKTOP").await;
    for _ in 0..10 {
        let r = site
            .post_account_form("/u/0/link", "/u/0/link", &[("code", "BBBB-BBBB")])
            .await;
        assert_eq!(r.status(), 422);
    }
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &real.user_code)])
        .await;
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Too many codes tried for this account"),
        "even the right code waits: {page}"
    );
    // Another account on the same network has the network's other 10 guesses, then none.
    let al = al(&site).await;
    for _ in 0..10 {
        let r = al
            .post_account_form("/u/0/link", "/u/0/link", &[("code", "BBBB-BBBB")])
            .await;
        assert_eq!(r.status(), 422);
    }
    let cy = al.another_browser();
    cy.account(
        "Cy",
        Destination::Email(EmailAddress::parse("cy@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = cy.sign_in("cy@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let r = cy
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &real.user_code)])
        .await;
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Too many codes tried from this network"),
        "a fresh account on the same network waits too: {page}"
    );

    let r = site
        .http
        .post(site.server.url("/api/agent/v1/device-authorizations"))
        .form(&[("client_id", "someone-else")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "invalid_client");
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .form(&[
            ("grant_type", "password"),
            ("device_code", "x"),
            ("client_id", AGENT_CLIENT_ID),
        ])
        .send()
        .await
        .expect("post");
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "unsupported_grant_type");
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "invalid_request");

    // Not signed in, /link goes to sign-in and comes back with the code.
    let stranger = site.another_browser();
    let r = stranger
        .http
        .get(stranger.server.url("/link?code=BCDF-GHJK"))
        .send()
        .await
        .expect("link");
    assert_eq!(
        r.headers()["location"],
        "/signin?next=%2Flink%3Fcode%3DBCDF-GHJK"
    );
}

/// A PC linked to Jo's account: its device token.
pub(super) async fn linked_pc(site: &Site, hostname: &str) -> TokenResponse {
    let auth = authorize(site, hostname).await;
    let r = decide(site, &auth.user_code, "approve", false).await;
    assert_eq!(r.status(), 200);
    site.clock.advance(Duration::seconds(6));
    let (status, body) = poll(site, &auth.device_code).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a token")
}

/// A version-1 report with `activation`.
pub(super) fn report_body(report_id: &str, activation: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "report_id": report_id,
        "agent": { "version": "0.1.0", "install_id": "install-1" },
        "device": {
            "name": "JO-LAPTOP",
            "manufacturer": "Lenovo",
            "model": "ThinkPad X1 Carbon Gen 11",
            "os_name": "Windows 11 Pro",
            "os_edition": "Professional",
            "os_version": "23H2",
            "os_build": "22631.4460",
            "architecture": "x86_64"
        },
        "activation": activation,
    })
}

pub(super) async fn send_report(
    site: &Site,
    token: &str,
    body: &serde_json::Value,
) -> reqwest::Response {
    site.http
        .put(site.server.url("/api/agent/v1/report"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("report")
}

/// Al: a second account, signed in in a browser of its own.
pub(super) async fn al(site: &Site) -> Site {
    let al = site.another_browser();
    al.account(
        "Al",
        Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = al.sign_in("al@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    al
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_token_endpoint_answers_every_bad_request_with_oauth_json(pool: PgPool) {
    let site = Site::new(pool).await;
    for body in [
        "grant_type=",
        "client_id=&device_code=&grant_type=",
        "grant_type=password&client_id=portico-agent&device_code=x",
        "",
    ] {
        let r = site
            .http
            .post(site.server.url("/api/agent/v1/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("token");
        assert_eq!(r.status(), 400, "{body}");
        assert_eq!(r.headers()["content-type"], "application/json", "{body}");
        let error: serde_json::Value = r.json().await.expect("json");
        assert!(
            matches!(
                error["error"].as_str(),
                Some("invalid_request" | "unsupported_grant_type")
            ),
            "{body}: {error}"
        );
    }
}
