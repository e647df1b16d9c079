//! The code flow from a browser's side: consent once, the chooser, prompt values, tokens,
//! refresh rotation, key rotation and "Remove access".

use openidconnect::core::{CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::{ClientId, IdTokenVerifier, IssuerUrl, Nonce};
use portico::idp::tokens::PorticoIdToken;
use sqlx::PgPool;
use time::Duration;

use portico::clock::Clock;

use super::*;
use crate::support::{PASSWORD, Site};

async fn signed_in(site: &Site, name: &str, alias: &str) {
    site.account(name, email(alias), None).await;
    let (status, _, _) = site.sign_in(alias, PASSWORD).await;
    assert_eq!(status, 303, "{alias} signs in");
}

/// Verifies an ID token with the `openidconnect` crate against the published key set.
async fn verified_claims(
    site: &Site,
    client: &str,
    id_token: &str,
    nonce: &str,
) -> serde_json::Value {
    let now = site.clock.now().unix_timestamp();
    try_verified_claims(site, client, id_token, nonce, now)
        .await
        .expect("the ID token verifies")
}

/// As [`verified_claims`], checking expiry as of `now` (a Unix time).
async fn try_verified_claims(
    site: &Site,
    client: &str,
    id_token: &str,
    nonce: &str,
    now: i64,
) -> Result<serde_json::Value, String> {
    let jwks: CoreJsonWebKeySet = site
        .http
        .get(site.server.url("/oauth2/jwks"))
        .send()
        .await
        .expect("jwks")
        .json()
        .await
        .expect("jwks json");
    let issuer = site
        .app
        .config
        .public_url
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let verifier = IdTokenVerifier::new_public_client(
        ClientId::new(client.to_owned()),
        IssuerUrl::new(issuer).expect("issuer"),
        jwks,
    )
    .set_allowed_algs([
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    ])
    .set_time_fn(move || chrono::DateTime::from_timestamp(now, 0).unwrap_or_default());
    let token: PorticoIdToken = id_token.parse().expect("a JWT");
    let claims = token
        .claims(&verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(claims).expect("claims"))
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_client_that_asks_for_rs256_gets_rs256(pool: PgPool) {
    let site = Site::new(pool).await;
    let secret = register_signed_with(&site, "legacy", false, true, Alg::Rs256).await;
    signed_in(&site, "Jo", "jo@example.com").await;
    let back = browse(&site, &authorize_path("legacy", &[])).await.app();
    let (status, tokens) =
        exchange(&site, "legacy", secret.as_deref(), &query(&back)["code"]).await;
    assert_eq!(status, 200, "{tokens}");
    let id_token = tokens["id_token"].as_str().expect("id");
    let header: serde_json::Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(id_token.split('.').next().expect("header"))
            .expect("b64"),
    )
    .expect("json");
    assert_eq!(header["alg"], "RS256");
    let claims = verified_claims(&site, "legacy", id_token, "n-1").await;
    assert_eq!(claims["email"], "jo@example.com");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_app_signs_in_with_consent_once_and_gets_claims_tokens_and_userinfo(pool: PgPool) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, false).await;
    signed_in(&site, "Jo Lee", "jo@example.com").await;

    let (status, html) = browse(&site, &authorize_path("wiki", &[])).await.page();
    assert_eq!(status, 200);
    assert!(html.contains("Let App wiki access your info?"), "{html}");
    assert!(html.contains("Your primary email address"));
    assert!(html.contains("Staying signed in"));
    let (action, mut fields) = form_with_button(&html, "Allow");
    fields.push(("decision".into(), "allow".into()));
    let back = post_form(&site, &action, &fields).await.app();
    let q = query(&back);
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(q["state"], "st-1");
    assert_eq!(
        q["iss"],
        site.app.config.public_url.as_str().trim_end_matches('/')
    );

    let (status, tokens) = exchange(&site, "wiki", secret.as_deref(), &q["code"]).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(
        tokens["refresh_token"].is_string(),
        "offline_access gives a refresh token"
    );
    let claims = verified_claims(
        &site,
        "wiki",
        tokens["id_token"].as_str().expect("id"),
        "n-1",
    )
    .await;
    assert_eq!(claims["email"], "jo@example.com");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["name"], "Jo Lee");
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));
    assert!(claims["auth_time"].is_number());
    assert!(claims["sid"].is_string());
    let sub = claims["sub"].as_str().expect("sub").to_owned();

    let (status, info) = userinfo(&site, tokens["access_token"].as_str().expect("at")).await;
    assert_eq!(status, 200);
    assert_eq!(info["sub"], sub.as_str());
    assert_eq!(info["email"], "jo@example.com");

    // Consent was given: the next sign-in goes straight back, and the subject is stable.
    let again = browse(&site, &authorize_path("wiki", &[("nonce", "n-2")]))
        .await
        .app();
    let (_, tokens) = exchange(&site, "wiki", secret.as_deref(), &query(&again)["code"]).await;
    let claims = verified_claims(
        &site,
        "wiki",
        tokens["id_token"].as_str().expect("id"),
        "n-2",
    )
    .await;
    assert_eq!(claims["sub"], sub.as_str());

    // Another app sees another subject for the same person (pairwise).
    let other = register(&site, "mail", false, true).await;
    let to_mail = browse(&site, &authorize_path("mail", &[])).await.app();
    let (_, tokens) = exchange(&site, "mail", other.as_deref(), &query(&to_mail)["code"]).await;
    let claims = verified_claims(
        &site,
        "mail",
        tokens["id_token"].as_str().expect("id"),
        "n-1",
    )
    .await;
    assert_ne!(claims["sub"], sub.as_str(), "subjects are pairwise");

    let (_, activity) = site.get("/u/0/activity").await;
    assert!(activity.contains("Signed in to App wiki"), "{activity}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_chooser_picks_per_request_and_remembers_per_app(pool: PgPool) {
    let site = Site::new(pool).await;
    let a = register(&site, "app-a", false, true).await;
    let b = register(&site, "app-b", false, true).await;
    signed_in(&site, "Jo", "jo@example.com").await;
    signed_in(&site, "Al", "al@example.com").await;

    // Two tabs, two apps, both on the chooser at once.
    let (_, tab_a) = browse(&site, &authorize_path("app-a", &[])).await.page();
    let (_, tab_b) = browse(&site, &authorize_path("app-b", &[])).await.page();
    assert!(tab_a.contains("Pick an account") && tab_a.contains("App app-a"));
    assert!(tab_a.contains("jo@example.com") && tab_a.contains("al@example.com"));
    assert!(tab_a.contains("Use another account"));
    let (action_b, fields_b) = form_with_button(&tab_b, "al@example.com");
    let (action_a, fields_a) = form_with_button(&tab_a, "jo@example.com");
    let to_b = post_form(&site, &action_b, &fields_b).await.app();
    let to_a = post_form(&site, &action_a, &fields_a).await.app();
    let (_, tokens_a) = exchange(&site, "app-a", a.as_deref(), &query(&to_a)["code"]).await;
    let (_, tokens_b) = exchange(&site, "app-b", b.as_deref(), &query(&to_b)["code"]).await;
    let info_a = userinfo(&site, tokens_a["access_token"].as_str().expect("at"))
        .await
        .1;
    let info_b = userinfo(&site, tokens_b["access_token"].as_str().expect("at"))
        .await
        .1;
    assert_eq!(info_a["email"], "jo@example.com", "tab A's choice");
    assert_eq!(info_b["email"], "al@example.com", "tab B's choice");

    // A form made for one request does not answer another.
    let (_, tab) = browse(
        &site,
        &authorize_path("app-a", &[("prompt", "select_account")]),
    )
    .await
    .page();
    let (other_action, _) = form_with_button(&tab, "al@example.com");
    let stale = post_form(&site, &other_action, &fields_b).await.page();
    assert_eq!(stale.0, 400);

    // The app's last choice holds; select_account asks; a hint picks.
    let remembered = browse(&site, &authorize_path("app-a", &[])).await.app();
    let (_, t) = exchange(&site, "app-a", a.as_deref(), &query(&remembered)["code"]).await;
    assert_eq!(
        userinfo(&site, t["access_token"].as_str().expect("at"))
            .await
            .1["email"],
        "jo@example.com"
    );
    let hinted = browse(
        &site,
        &authorize_path("app-a", &[("login_hint", "AL@example.com")]),
    )
    .await
    .app();
    let (_, t) = exchange(&site, "app-a", a.as_deref(), &query(&hinted)["code"]).await;
    assert_eq!(
        userinfo(&site, t["access_token"].as_str().expect("at"))
            .await
            .1["email"],
        "al@example.com"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn prompt_none_never_shows_a_page(pool: PgPool) {
    let site = Site::new(pool).await;
    register(&site, "wiki", false, false).await;
    let none = [("prompt", "none")];
    let nobody = browse(&site, &authorize_path("wiki", &none)).await.app();
    assert_eq!(query(&nobody)["error"], "login_required");
    assert_eq!(query(&nobody)["state"], "st-1");

    signed_in(&site, "Jo", "jo@example.com").await;
    let no_consent = browse(&site, &authorize_path("wiki", &none)).await.app();
    assert_eq!(query(&no_consent)["error"], "consent_required");

    signed_in(&site, "Al", "al@example.com").await;
    let two = browse(&site, &authorize_path("wiki", &none)).await.app();
    assert_eq!(query(&two)["error"], "account_selection_required");

    // prompt=login sends the chosen account to confirm it's you, even within the window.
    let login = site
        .http
        .get(site.server.url(&authorize_path(
            "wiki",
            &[("prompt", "login"), ("login_hint", "jo@example.com")],
        )))
        .send()
        .await
        .expect("get");
    let to = login.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        to.starts_with("/u/0/confirm?fresh=1&next=%2Fu%2F0%2Foauth2%2Fcontinue%2F"),
        "{to}"
    );
    let (status, page) = site.get(&to).await;
    assert_eq!(status, 200);
    assert!(page.contains("password"), "the confirm page asks: {page}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn signing_in_from_the_app_comes_back_to_it(pool: PgPool) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, true).await;
    site.account("Jo", email("jo@example.com"), None).await;
    let r = site
        .http
        .get(
            site.server
                .url(&authorize_path("wiki", &[("login_hint", "jo@example.com")])),
        )
        .send()
        .await
        .expect("get");
    let to = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(
        to.starts_with("/signin?alias=jo%40example.com&next="),
        "{to}"
    );
    let next = query(&format!("http://x{to}"))["next"].clone();
    let r = site
        .sign_in_with(&[
            ("address", "jo@example.com"),
            ("password", PASSWORD),
            ("next", &next),
        ])
        .await;
    let continue_to = r.headers()["location"].to_str().expect("ascii").to_owned();
    let back = browse(&site, &continue_to).await.app();
    let (status, _) = exchange(&site, "wiki", secret.as_deref(), &query(&back)["code"]).await;
    assert_eq!(status, 200);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_family(pool: PgPool) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, true).await;
    signed_in(&site, "Jo", "jo@example.com").await;
    let back = browse(&site, &authorize_path("wiki", &[])).await.app();
    let (_, first) = exchange(&site, "wiki", secret.as_deref(), &query(&back)["code"]).await;
    let r1 = first["refresh_token"].as_str().expect("rt").to_owned();
    let (status, second) = refresh(&site, "wiki", secret.as_deref(), &r1).await;
    assert_eq!(status, 200, "{second}");
    let r2 = second["refresh_token"]
        .as_str()
        .expect("rotated")
        .to_owned();
    assert_ne!(r1, r2);
    assert!(second["id_token"].is_string());

    let (status, reused) = refresh(&site, "wiki", secret.as_deref(), &r1).await;
    assert_eq!(
        (status, reused["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, _) = refresh(&site, "wiki", secret.as_deref(), &r2).await;
    assert_eq!(status, 400, "the whole family ended, the newest token too");
    let (status, _) = userinfo(&site, second["access_token"].as_str().expect("at")).await;
    assert_eq!(status, 401, "and its access tokens");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn removing_access_ends_the_apps_tokens_and_tells_the_person(pool: PgPool) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, false).await;
    signed_in(&site, "Jo", "jo@example.com").await;
    let (_, html) = browse(&site, &authorize_path("wiki", &[])).await.page();
    let (action, mut fields) = form_with_button(&html, "Allow");
    fields.push(("decision".into(), "allow".into()));
    let back = post_form(&site, &action, &fields).await.app();
    let (_, tokens) = exchange(&site, "wiki", secret.as_deref(), &query(&back)["code"]).await;

    let (status, apps) = site.get("/u/0/apps").await;
    assert_eq!(status, 200);
    assert!(
        apps.contains("App wiki") && apps.contains("Your primary email address"),
        "{apps}"
    );
    let r = site
        .post_account_form("/u/0/apps", "/u/0/apps/wiki/remove", &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, apps) = site.get("/u/0/apps?done=removed").await;
    assert!(apps.contains("No apps have access"), "{apps}");

    let (status, refused) = refresh(
        &site,
        "wiki",
        secret.as_deref(),
        tokens["refresh_token"].as_str().expect("rt"),
    )
    .await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        userinfo(&site, tokens["access_token"].as_str().expect("at"))
            .await
            .0,
        401
    );
    let (_, page) = browse(&site, &authorize_path("wiki", &[])).await.page();
    assert!(
        page.contains("Let App wiki access your info?"),
        "consent is asked again"
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(activity.contains("Access removed for App wiki"));
    assert!(
        site.last_message_to("jo@example.com")
            .await
            .contains("can no longer sign in")
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn signing_keys_are_published_before_they_sign_and_kept_until_their_tokens_expire(
    pool: PgPool,
) {
    let site = Site::new(pool).await;
    let secret = register(&site, "wiki", false, true).await;
    signed_in(&site, "Jo", "jo@example.com").await;
    let kid_of = |jwt: &str| -> String {
        let header = jwt.split('.').next().expect("header");
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).expect("b64")).expect("json");
        assert_eq!(header["alg"], "ES256");
        header["kid"].as_str().expect("kid").to_owned()
    };
    let published = |site: &Site| {
        let site_http = site.http.clone();
        let url = site.server.url("/oauth2/jwks");
        async move {
            let set: serde_json::Value = site_http
                .get(url)
                .send()
                .await
                .expect("jwks")
                .json()
                .await
                .expect("json");
            set["keys"]
                .as_array()
                .expect("keys")
                .iter()
                .map(|k| k["kid"].as_str().expect("kid").to_owned())
                .collect::<Vec<_>>()
        }
    };
    let issue = |site: &Site| {
        let site = Site {
            http: site.http.clone(),
            server: site.server.clone(),
            app: site.app.clone(),
            clock: site.clock.clone(),
        };
        let secret = secret.clone();
        async move {
            let back = browse(&site, &authorize_path("wiki", &[])).await.app();
            let (_, t) = exchange(&site, "wiki", secret.as_deref(), &query(&back)["code"]).await;
            t["id_token"].as_str().expect("id").to_owned()
        }
    };
    let issued_at = site.clock.now().unix_timestamp();
    let first_token = issue(&site).await;
    let first = kid_of(&first_token);
    assert_eq!(published(&site).await, std::slice::from_ref(&first));

    site.clock.advance(Duration::days(24));
    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let keys = published(&site).await;
    assert_eq!(keys.len(), 2, "the next key is published a week ahead");
    assert_eq!(kid_of(&issue(&site).await), first, "but does not sign yet");

    site.clock.advance(Duration::days(6) + Duration::minutes(1));
    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let second = kid_of(&issue(&site).await);
    assert_ne!(second, first, "the new key signs once its window opens");
    assert!(
        published(&site).await.contains(&first),
        "the old key stays while its tokens live"
    );

    site.clock.advance(Duration::hours(2));
    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert!(!published(&site).await.contains(&first), "then it goes");
    // Checked as of its issue time, so that only its key can fail it.
    let stale = try_verified_claims(&site, "wiki", &first_token, "n-1", issued_at).await;
    assert!(
        stale.is_err(),
        "a token signed with a retired key no longer verifies"
    );
    let fresh = issue(&site).await;
    let now = site.clock.now().unix_timestamp();
    assert!(
        try_verified_claims(&site, "wiki", &fresh, "n-1", now)
            .await
            .is_ok()
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn public_subjects_are_shared_and_max_age_asks_for_a_fresh_sign_in(pool: PgPool) {
    let site = Site::new(pool).await;
    let a = register(&site, "app-a", false, true).await;
    let b = register(&site, "app-b", false, true).await;
    sqlx::query("update oidc_clients set subject_type = 'public'")
        .execute(&site.app.db)
        .await
        .expect("public subjects");
    signed_in(&site, "Jo", "jo@example.com").await;
    let mut subjects = Vec::new();
    for (client, secret) in [("app-a", &a), ("app-b", &b)] {
        let back = browse(&site, &authorize_path(client, &[])).await.app();
        let (_, t) = exchange(&site, client, secret.as_deref(), &query(&back)["code"]).await;
        subjects.push(
            userinfo(&site, t["access_token"].as_str().expect("at"))
                .await
                .1["sub"]
                .clone(),
        );
    }
    assert_eq!(subjects[0], subjects[1], "one public subject for both apps");

    site.clock.advance(Duration::minutes(5));
    let r = site
        .http
        .get(
            site.server
                .url(&authorize_path("app-a", &[("max_age", "60")])),
        )
        .send()
        .await
        .expect("get");
    let to = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(
        to.starts_with("/u/0/confirm?fresh=1"),
        "signed in 5 minutes ago, max_age 60: {to}"
    );
    let within = browse(&site, &authorize_path("app-a", &[("max_age", "3600")]))
        .await
        .app();
    assert!(query(&within).contains_key("code"));
}
