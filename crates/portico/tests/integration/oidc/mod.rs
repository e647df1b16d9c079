//! Sign-in with an OpenID provider over HTTP, against a real one (oidc-provider, started per
//! test): new accounts, known identities, linking and unlinking, and every refusal.

use portico::contact::{Destination, EmailAddress};
use portico::oidc::config::ProviderConfig;
use portico_blackbox::oidc::{ALICE, BOB, CLIENT_ID, CLIENT_SECRET, OidcProvider};
use sqlx::PgPool;

use crate::support::{PASSWORD, Site, config};

mod linking;

/// A site that offers `provider` as "test" (emails it marks verified are trusted when
/// `trust_email`).
pub(super) async fn site_with(pool: PgPool, issuer: &str, trust_email: bool) -> Site {
    let mut config = config(&[]);
    config.oidc_providers = vec![ProviderConfig {
        id: "test".to_owned(),
        name: "Test ID".to_owned(),
        issuer: issuer.to_owned(),
        client_id: CLIENT_ID.to_owned(),
        client_secret: Some(CLIENT_SECRET.to_owned().into()),
        scopes: vec![
            "openid".to_owned(),
            "email".to_owned(),
            "profile".to_owned(),
        ],
        icon: None,
        trust_email,
    }];
    let site = Site::with_config(pool, config).await;
    site.app.oidc.discover_all().await;
    site
}

/// The path and query of an absolute URL (the provider sends the browser back to the
/// configured public URL; the test server listens elsewhere).
pub(super) fn local(url: &str) -> String {
    let url = url::Url::parse(url).expect("url");
    format!("{}?{}", url.path(), url.query().unwrap_or_default())
}

/// Clicks "Sign in with Test ID" on the sign-in page: answers the provider's URL.
pub(super) async fn start_sign_in(site: &Site) -> String {
    let csrf = site.csrf("/signin").await;
    let r = site
        .post("/oidc/test/start", &[("authenticity_token", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let auth = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(
        auth.contains("code_challenge_method=S256") && !auth.contains("prompt=login"),
        "{auth}"
    );
    auth
}

/// Signs in at the provider and follows it back to our callback: the callback's answer.
pub(super) async fn through_provider(
    site: &Site,
    provider: &OidcProvider,
    auth: &str,
    user: (&str, &str),
) -> (reqwest::Response, String) {
    let back = provider
        .authorize(auth, user)
        .await
        .expect("provider sign-in");
    let callback = local(&back);
    let r = site
        .http
        .get(site.server.url(&callback))
        .send()
        .await
        .expect("callback");
    (r, callback)
}

pub(super) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().expect("ascii").to_owned())
        .unwrap_or_default()
}

/// Alice's first visit: "Create a new Portico account" from the provider's claims.
pub(super) async fn create_alice(site: &Site, provider: &OidcProvider) -> String {
    let auth = start_sign_in(site).await;
    let (r, _) = through_provider(site, provider, &auth, ALICE).await;
    assert_eq!(r.status(), 303);
    let new = location(&r);
    assert!(new.starts_with("/oidc/new?t="), "{new}");
    let (status, page) = site.get(&new).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("alice@example.com") && page.contains("Alice Example"),
        "{page}"
    );
    create_from(site, &new, &page, "Alice Example").await
}

/// "Create a new Portico account" on the page `page` found at `new`: where it leads.
pub(super) async fn create_from(site: &Site, new: &str, page: &str, name: &str) -> String {
    let token = new.trim_start_matches("/oidc/new?t=").to_owned();
    let csrf = portico_blackbox::forms::csrf_in(page);
    let r = site
        .post(
            "/oidc/new",
            &[
                ("authenticity_token", csrf.as_str()),
                ("t", token.as_str()),
                ("display_name", name),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    location(&r)
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_provider_sign_in_creates_an_account_and_later_signs_in_to_it(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    let (_, signin) = site.get("/signin").await;
    assert!(signin.contains("Sign in with Test ID"), "{signin}");

    assert_eq!(create_alice(&site, &provider).await, "/u/0/");
    let (_, info) = site.get("/u/0/info").await;
    assert!(
        info.contains("alice@example.com") && info.contains("Primary</span>"),
        "a trusted, verified email becomes the primary address: {info}"
    );
    let identities: Vec<(String, String)> =
        sqlx::query_as("select issuer, subject from external_identities")
            .fetch_all(&site.app.db)
            .await
            .expect("identities");
    assert_eq!(identities, [(provider.issuer.clone(), "alice".to_owned())]);

    // Another browser: the same identity signs in to the same account, at once.
    let other = site.another_browser();
    let auth = start_sign_in(&other).await;
    let (r, _) = through_provider(&other, &provider, &auth, ALICE).await;
    assert_eq!(location(&r), "/u/0/");
    let (status, home) = other.get("/u/0/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Hello, Alice Example"), "{home}");
    let (_, activity) = other.get("/u/0/activity").await;
    assert!(activity.contains("Signed in with test"), "{activity}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_untrusted_email_gets_our_own_code_and_an_unverified_one_is_not_added(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, false).await;
    let to = create_alice(&site, &provider).await;
    assert!(
        to.starts_with("/u/0/aliases/verify?c="),
        "a code first: {to}"
    );
    let (_, page) = site.get(&to).await;
    assert!(
        page.contains("Your Portico account was created") && page.contains("enter the code"),
        "the page says what happened and why a code: {page}"
    );
    let code = crate::support::code_in(&site.last_message_to("alice@example.com").await);
    let c = to
        .split("c=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("challenge")
        .to_owned();
    let r = site
        .post_account_form(&to, "/u/0/aliases/verify", &[("c", &c), ("code", &code)])
        .await;
    assert_eq!(location(&r), "/u/0/info?done=added");
    let (_, info) = site.get("/u/0/info").await;
    assert!(
        info.contains("alice@example.com") && info.contains("Primary</span>"),
        "the first verified address becomes the primary: {info}"
    );

    // Bob's provider has not verified his email: the account has no address.
    let bob = site.another_browser();
    let auth = start_sign_in(&bob).await;
    let (r, _) = through_provider(&bob, &provider, &auth, BOB).await;
    let new = location(&r);
    let (_, page) = bob.get(&new).await;
    assert!(
        page.contains("hasn&#39;t verified bob@example.com"),
        "{page}"
    );
    assert_eq!(create_from(&bob, &new, &page, "Bob").await, "/u/0/");
    let aliases: i64 =
        sqlx::query_scalar("select count(*) from aliases where normalized = 'bob@example.com'")
            .fetch_one(&bob.app.db)
            .await
            .expect("count");
    assert_eq!(aliases, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_new_account_beside_another_gets_the_code_page_at_its_own_position(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, false).await;
    jo(&site).await;
    let to = create_alice(&site, &provider).await;
    assert!(
        to.starts_with("/u/1/aliases/verify?c="),
        "Jo is at /u/0/, so Alice's code page is at /u/1/: {to}"
    );
    let (status, page) = site.get(&to).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your Portico account was created"), "{page}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_wrong_password_at_the_provider_is_refused_there(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    let auth = start_sign_in(&site).await;
    let refused = provider
        .authorize(&auth, ("alice", "not-her-password"))
        .await
        .expect_err("a wrong password");
    assert!(refused.to_string().contains("403"), "{refused}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_replayed_answer_or_one_in_another_browser_is_refused(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    create_alice(&site, &provider).await;

    let browser = site.another_browser();
    let auth = start_sign_in(&browser).await;
    let (r, callback) = through_provider(&browser, &provider, &auth, ALICE).await;
    assert_eq!(location(&r), "/u/0/");
    // The same answer again, in the same browser (its state already used): refused.
    let replay = browser
        .http
        .get(browser.server.url(&callback))
        .send()
        .await
        .expect("replay");
    assert_eq!(replay.status(), 400);
    assert!(
        replay.text().await.expect("body").contains("Start again"),
        "a way back"
    );

    // A fresh answer carried to another browser (login CSRF): refused there.
    let fresh = site.another_browser();
    let auth = start_sign_in(&browser).await;
    let back = provider.authorize(&auth, ALICE).await.expect("sign-in");
    let elsewhere = fresh
        .http
        .get(fresh.server.url(&local(&back)))
        .send()
        .await
        .expect("callback elsewhere");
    assert_eq!(elsewhere.status(), 400);
    let (status, _) = fresh.get("/u/0/").await;
    assert_ne!(status, 200, "nobody is signed in there");

    // An answer after the flow's 15 minutes: refused.
    let auth = start_sign_in(&fresh).await;
    fresh.clock.advance(time::Duration::minutes(16));
    let (late, _) = through_provider(&fresh, &provider, &auth, ALICE).await;
    assert_eq!(late.status(), 400);
    let (status, _) = fresh.get("/u/0/").await;
    assert_ne!(status, 200, "still nobody signed in");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_callback_whose_id_token_has_another_audience_or_nonce_is_refused(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    for mode in ["audience", "nonce"] {
        let auth = start_sign_in(&site).await;
        provider.tamper_next_id_token(mode).await.expect("tamper");
        let (r, _) = through_provider(&site, &provider, &auth, ALICE).await;
        assert_eq!(r.status(), 502, "{mode}");
        let page = r.text().await.expect("page");
        assert!(
            page.contains("didn&#39;t pass our checks"),
            "{mode}: {page}"
        );
        let (status, _) = site.get("/u/0/").await;
        assert_ne!(status, 200, "{mode}: nobody signed in");
    }
    let identities: i64 = sqlx::query_scalar("select count(*) from external_identities")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    let pending: i64 = sqlx::query_scalar("select count(*) from oidc_pending")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!((identities, pending), (0, 0));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn id_tokens_for_another_audience_or_nonce_fail_validation(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    let oidc = &site.app.oidc;
    let test = oidc.get("test").expect("provider");
    let redirect = portico::oidc::redirect_url(&site.app);

    let ours = provider
        .id_token((CLIENT_ID, CLIENT_SECRET), ALICE, "nonce-1")
        .await
        .expect("a token for us");
    let subject = oidc
        .verify_id_token(test, &redirect, &ours, "nonce-1")
        .await
        .expect("our own token passes");
    assert_eq!(subject, "alice");
    let wrong_nonce = oidc
        .verify_id_token(test, &redirect, &ours, "nonce-2")
        .await
        .expect_err("another nonce");
    assert!(
        wrong_nonce.to_string().to_lowercase().contains("nonce"),
        "{wrong_nonce}"
    );

    let theirs = provider
        .id_token(("other", "other-test-secret"), ALICE, "nonce-1")
        .await
        .expect("a token for another client");
    let audience = oidc
        .verify_id_token(test, &redirect, &theirs, "nonce-1")
        .await
        .expect_err("another audience");
    assert!(
        audience.to_string().to_lowercase().contains("aud"),
        "{audience}"
    );
}

/// Jo: a password account with one email, signed in.
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

/// "Sign in with Test ID instead" on Jo's Security page: answers the callback's response.
pub(super) async fn link_from_security(
    site: &Site,
    provider: &OidcProvider,
    user: (&str, &str),
) -> reqwest::Response {
    let r = site
        .post_account_form(
            "/u/0/security",
            "/u/0/identities/link",
            &[("provider", "test")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let auth = location(&r);
    assert!(
        auth.contains("prompt=login"),
        "linking signs in anew: {auth}"
    );
    through_provider(site, provider, &auth, user).await.0
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn provider_errors_end_on_a_clear_page(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool.clone(), &provider.issuer, true).await;
    jo(&site).await;
    // "Cancel" at the provider while linking: access_denied comes back with the state.
    let r = site
        .post_account_form(
            "/u/0/security",
            "/u/0/identities/link",
            &[("provider", "test")],
        )
        .await;
    let auth = url::Url::parse(&location(&r)).expect("url");
    let state = auth
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("state");
    let r = site
        .http
        .get(
            site.server
                .url(&format!("/oidc/callback?error=access_denied&state={state}")),
        )
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Sign-in was cancelled") && page.contains("/u/0/security"),
        "{page}"
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("A sign-in with test failed"),
        "{activity}"
    );

    // A callback with no state at all, or garbage.
    let (status, page) = site.get("/oidc/callback?code=x").await;
    assert_eq!(status, 400);
    assert!(page.contains("Start again"), "{page}");
    let (status, _) = site.get("/oidc/callback?code=x&state=nonsense").await;
    assert_eq!(status, 400);

    // A provider that is down: a clear page at the start, never a 500.
    let down = site_with(pool, "http://127.0.0.1:9", true).await;
    let csrf = down.csrf("/signin").await;
    let r = down
        .post("/oidc/test/start", &[("authenticity_token", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 502);
    assert!(r.text().await.expect("body").contains("couldn&#39;t reach"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_forged_code_with_a_real_state_is_the_clients_error(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    let auth = url::Url::parse(&start_sign_in(&site).await).expect("url");
    let state = auth
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("state");
    // The provider itself answers the exchange with invalid_grant.
    let (status, page) = site
        .get(&format!("/oidc/callback?code=forged&state={state}"))
        .await;
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("didn&#39;t accept this sign-in&#39;s code"),
        "{page}"
    );
    // Any error a stranger writes into the address is refused too; only the provider's
    // own failures are a bad gateway.
    for (error, expected) in [("invalid_request", 400), ("server_error", 502)] {
        let auth = url::Url::parse(&start_sign_in(&site).await).expect("url");
        let state = auth
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .expect("state");
        let (status, _) = site
            .get(&format!("/oidc/callback?error={error}&state={state}"))
            .await;
        assert_eq!(status, expected, "{error}");
    }
}
