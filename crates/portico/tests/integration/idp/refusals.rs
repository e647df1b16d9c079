//! What the provider refuses, and how: never a redirect to an address the app did not
//! register; the specs' error codes everywhere else.

use sqlx::PgPool;
use time::Duration;

use super::*;
use crate::support::{PASSWORD, Site};

async fn code_for(site: &Site, client: &str) -> String {
    let back = browse(site, &authorize_path(client, &[])).await.app();
    query(&back)["code"].clone()
}

async fn site_with_jo(pool: PgPool) -> (Site, Option<String>) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, true).await;
    site.account("Jo", email("jo@example.com"), None).await;
    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    (site, secret)
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_unknown_app_or_address_gets_a_page_never_a_redirect(pool: PgPool) {
    let (site, _) = site_with_jo(pool).await;
    for path in [
        authorize_path("nobody", &[]),
        authorize_path("wiki", &[]).replace("app.example%2Fcallback", "evil.example%2Fcallback"),
        authorize_path("wiki", &[]).replace("callback", "callback%2Fmore"),
        "/oauth2/authorize?response_type=code".to_owned(),
    ] {
        let r = site
            .http
            .get(site.server.url(&path))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 400, "{path}");
        assert!(r.headers().get("location").is_none(), "{path}");
        let html = r.text().await.expect("body");
        assert!(html.contains("sign-in request can"), "{html}");
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn bad_requests_go_back_with_the_specs_errors(pool: PgPool) {
    let (site, _) = site_with_jo(pool).await;
    register(&site, "spa", true, true).await;
    let no_pkce = authorize_path("spa", &[])
        .split('&')
        .filter(|p| !p.starts_with("code_challenge"))
        .collect::<Vec<_>>()
        .join("&");
    for (path, error) in [
        (no_pkce, "invalid_request"),
        (
            authorize_path("wiki", &[("prompt", "none login")]),
            "invalid_request",
        ),
        (
            authorize_path("wiki", &[]).replace("response_type=code", "response_type=token"),
            "unsupported_response_type",
        ),
        (
            authorize_path("wiki", &[]).replace("scope=openid", "scope=admin"),
            "invalid_scope",
        ),
        (
            authorize_path("wiki", &[("request", "eyJhbGciOiJub25lIn0.e30.")]),
            "request_not_supported",
        ),
    ] {
        let back = browse(&site, &path).await.app();
        let q = query(&back);
        assert_eq!(q["error"], error, "{path}");
        assert_eq!(q["state"], "st-1");
        assert!(q.contains_key("iss"));
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_code_needs_its_verifier_its_client_and_its_minute(pool: PgPool) {
    let (site, secret) = site_with_jo(pool).await;
    let other = register(&site, "mail", false, true).await;
    let secret = secret.as_deref();

    let code = code_for(&site, "wiki").await;
    for verifier in [
        None,
        Some("a-verifier-of-the-right-length-0123456789-abcdefghiJ"),
    ] {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ];
        if let Some(v) = verifier {
            form.push(("code_verifier", v));
        }
        let (status, e) = token(&site, "wiki", secret, &form).await;
        assert_eq!(
            (status, e["error"].as_str()),
            (400, Some("invalid_grant")),
            "{verifier:?}"
        );
    }

    let code = code_for(&site, "wiki").await;
    let (status, e) = exchange(&site, "mail", other.as_deref(), &code).await;
    assert_eq!(
        (status, e["error"].as_str()),
        (400, Some("invalid_grant")),
        "another client's code"
    );

    let (status, e) = exchange(&site, "wiki", Some("not-the-secret"), &code).await;
    assert_eq!((status, e["error"].as_str()), (401, Some("invalid_client")));

    let code = code_for(&site, "wiki").await;
    site.clock.advance(Duration::seconds(61));
    let (status, e) = exchange(&site, "wiki", secret, &code).await;
    assert_eq!(
        (status, e["error"].as_str()),
        (400, Some("invalid_grant")),
        "expired"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_replayed_code_fails_and_revokes_what_it_issued(pool: PgPool) {
    let (site, secret) = site_with_jo(pool).await;
    let secret = secret.as_deref();
    let code = code_for(&site, "wiki").await;
    let (status, tokens) = exchange(&site, "wiki", secret, &code).await;
    assert_eq!(status, 200);
    let at = tokens["access_token"].as_str().expect("at");
    assert_eq!(userinfo(&site, at).await.0, 200);

    let (status, e) = exchange(&site, "wiki", secret, &code).await;
    assert_eq!((status, e["error"].as_str()), (400, Some("invalid_grant")));
    assert_eq!(
        userinfo(&site, at).await.0,
        401,
        "the first exchange's tokens are revoked"
    );
    let (status, _) = refresh(
        &site,
        "wiki",
        secret,
        tokens["refresh_token"].as_str().expect("rt"),
    )
    .await;
    assert_eq!(status, 400);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn tokens_are_bound_to_their_client_and_revocable(pool: PgPool) {
    let (site, secret) = site_with_jo(pool).await;
    let other = register(&site, "mail", false, true).await;
    let code = code_for(&site, "wiki").await;
    let (_, tokens) = exchange(&site, "wiki", secret.as_deref(), &code).await;
    let rt = tokens["refresh_token"].as_str().expect("rt");
    let (status, e) = refresh(&site, "mail", other.as_deref(), rt).await;
    assert_eq!(
        (status, e["error"].as_str()),
        (400, Some("invalid_grant")),
        "client A's token at client B"
    );

    // Revocation by another client does nothing; by the owner, ends the family.
    let revoke = |client: &'static str, secret: Option<String>| {
        let http = site.http.clone();
        let url = site.server.url("/oauth2/revoke");
        let rt = rt.to_owned();
        async move {
            http.post(url)
                .basic_auth(client, secret)
                .form(&[("token", rt.as_str()), ("token_type_hint", "refresh_token")])
                .send()
                .await
                .expect("revoke")
                .status()
                .as_u16()
        }
    };
    assert_eq!(revoke("mail", other.clone()).await, 200);
    assert_eq!(
        userinfo(&site, tokens["access_token"].as_str().expect("at"))
            .await
            .0,
        200
    );
    assert_eq!(revoke("wiki", secret.clone()).await, 200);
    assert_eq!(
        userinfo(&site, tokens["access_token"].as_str().expect("at"))
            .await
            .0,
        401
    );
    let (status, _) = refresh(&site, "wiki", secret.as_deref(), rt).await;
    assert_eq!(status, 400);

    let r = site
        .http
        .post(site.server.url("/oauth2/token"))
        .basic_auth("wiki", secret.as_deref())
        .body("grant_type=authorization_code&grant_type=refresh_token")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("token");
    assert_eq!(r.status(), 400);
    let e: serde_json::Value = r.json().await.expect("json");
    assert_eq!(e["error"], "invalid_request", "a repeated parameter");

    let r = site
        .http
        .post(site.server.url("/oauth2/token"))
        .basic_auth("wiki", secret.as_deref())
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
            ("client_id", "mail"),
        ])
        .send()
        .await
        .expect("token");
    assert_eq!(r.status(), 400, "the header and the body name two clients");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn discovery_describes_the_provider(pool: PgPool) {
    let site = Site::new(pool).await;
    let doc: serde_json::Value = site
        .http
        .get(site.server.url("/.well-known/openid-configuration"))
        .send()
        .await
        .expect("discovery")
        .json()
        .await
        .expect("json");
    let issuer = site
        .app
        .config
        .public_url
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    assert_eq!(doc["issuer"], issuer.as_str());
    assert_eq!(doc["token_endpoint"], format!("{issuer}/oauth2/token"));
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
    assert_eq!(doc["request_uri_parameter_supported"], false);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_network_that_keeps_failing_at_the_token_endpoint_is_slowed_down(pool: PgPool) {
    let (site, secret) = site_with_jo(pool).await;
    let limit = portico::idp::token_endpoint::FAILURES_PER_NETWORK;
    for _ in 0..limit {
        let (status, _) = exchange(&site, "wiki", Some("a guess"), "a guess").await;
        assert_eq!(status, 401);
    }
    let code = code_for(&site, "wiki").await;
    let (status, e) = exchange(&site, "wiki", secret.as_deref(), &code).await;
    assert_eq!(
        (status, e["error"].as_str()),
        (429, Some("slow_down")),
        "even a good request waits"
    );
    site.clock
        .advance(portico::idp::token_endpoint::FAILURE_WINDOW * 2);
    let code = code_for(&site, "wiki").await;
    let (status, _) = exchange(&site, "wiki", secret.as_deref(), &code).await;
    assert_eq!(
        status, 200,
        "and is served again once the window has passed"
    );
}
