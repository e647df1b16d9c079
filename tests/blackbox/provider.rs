//! Portico as an OpenID Provider, driven by real relying-party libraries: panva's
//! openid-client (public client: code + PKCE, refresh rotation and reuse, revocation,
//! RP-initiated logout) and Python's Authlib (confidential client, client_secret_basic).
//! Both libraries read discovery and validate ID tokens against the JWKS themselves.

use portico_blackbox::accounts::sign_up;
use portico_blackbox::database::fresh_database;
use portico_blackbox::free_port;
use portico_blackbox::relying_party::{Library, RelyingParty};
use portico_blackbox::server::{Portico, PorticoBuilder};
use regex::Regex;
use sha2::Digest;

const BACKEND_SECRET: &str = "wiki-backend-secret-0123456789abcdefghij";

/// A browser without JavaScript: cookies kept, redirects followed by hand across sites, and
/// the page that moves on by itself (after a form) followed too.
fn browser() -> reqwest::Client {
    portico_blackbox::install_crypto_provider();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Follows `url` to where it ends; answers the last status and body.
async fn visit(http: &reqwest::Client, url: &str) -> (u16, String) {
    let refresh = Regex::new(r#"http-equiv="refresh" content="0;url=([^"]+)""#).expect("re");
    let mut next = url.to_owned();
    for _ in 0..12 {
        let r = http.get(&next).send().await.expect("get");
        if let Some(to) = r.headers().get("location") {
            let to = to.to_str().expect("ascii");
            next = reqwest::Url::parse(&next)
                .and_then(|base| base.join(to))
                .expect("location")
                .to_string();
            continue;
        }
        let status = r.status().as_u16();
        let body = r.text().await.expect("body");
        match refresh.captures(&body) {
            Some(c) => next = c[1].replace("&#38;", "&").replace("&amp;", "&"),
            None => return (status, body),
        }
    }
    panic!("too many redirects from {url}");
}

async fn json_at(http: &reqwest::Client, url: &str) -> serde_json::Value {
    let (status, body) = visit(http, url).await;
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|_| panic!("{url}: not JSON: {body}"))
}

async fn post_json(http: &reqwest::Client, url: &str) -> serde_json::Value {
    let r = http.post(url).send().await.expect("post");
    let status = r.status().as_u16();
    let body = r.text().await.expect("body");
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).expect("json")
}

async fn portico_with_apps(db: &str, dir: &std::path::Path, spa: u16, wiki: u16) -> Portico {
    let config = dir.join("portico.toml");
    let hash = format!("{:x}", sha2::Sha256::digest(BACKEND_SECRET.as_bytes()));
    std::fs::write(
        &config,
        format!(
            r#"
[[oidc_clients]]
id = "board"
name = "Team board"
public = true
redirect_uris = ["{spa_cb}"]
post_logout_redirect_uris = ["http://127.0.0.1:{spa}/bye"]
first_party = true

[[oidc_clients]]
id = "wiki"
name = "Wiki"
secret_hash = "sha256:{hash}"
redirect_uris = ["{wiki_cb}"]
scopes = ["openid", "profile", "email"]
first_party = true
"#,
            spa_cb = RelyingParty::callback(spa),
            wiki_cb = RelyingParty::callback(wiki),
        ),
    )
    .expect("config file");
    PorticoBuilder::new()
        .data_dir(dir)
        .database_url(db)
        .env("PORTICO_CONFIG", config.display().to_string())
        .start()
        .await
        .expect("portico starts")
}

#[tokio::test]
async fn real_relying_parties_sign_in_refresh_revoke_and_log_out() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let (spa_port, wiki_port) = (free_port(), free_port());
    let mut portico = portico_with_apps(&db, dir.path(), spa_port, wiki_port).await;
    let issuer = portico.base_url.clone();
    let (board, wiki) = tokio::join!(
        RelyingParty::start(Library::OpenIdClient, spa_port, &issuer, "board", None),
        RelyingParty::start(
            Library::Authlib,
            wiki_port,
            &issuer,
            "wiki",
            Some(BACKEND_SECRET)
        ),
    );
    let (board, wiki) = (board.expect("openid-client RP"), wiki.expect("authlib RP"));

    let http = browser();
    let origin = portico.base_url.clone();
    sign_up(&http, &mut portico, &origin, "jo@example.com", 1).await;

    // openid-client: code + PKCE, nonce, state and iss checked, ID token validated.
    let signed_in = json_at(&http, &board.url("/login")).await;
    let claims = &signed_in["claims"];
    assert_eq!(claims["iss"], issuer.as_str());
    assert_eq!(claims["aud"], serde_json::json!(["board"]));
    assert_eq!(claims["email"], "jo@example.com");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["name"], "Jo Marchetti");
    assert_eq!(
        claims["amr"],
        serde_json::json!(["otp"]),
        "signed up with a code"
    );
    assert_eq!(signed_in["userinfo"]["sub"], claims["sub"]);

    let rotation = post_json(&http, &board.url("/refresh?replay=1")).await;
    assert_eq!(rotation["rotated"], true);
    assert_eq!(rotation["id_token"], true);
    assert_eq!(
        rotation["reuse_error"], "invalid_grant",
        "an old refresh token is refused"
    );
    assert_eq!(
        rotation["after_reuse_error"], "invalid_grant",
        "and its reuse ended the whole family"
    );

    json_at(&http, &board.url("/login")).await;
    let revoked = post_json(&http, &board.url("/revoke")).await;
    assert_eq!(revoked["after_revoke_error"], "invalid_grant");

    // Authlib: a confidential client with client_secret_basic sees another subject.
    let backend = json_at(&http, &wiki.url("/login")).await;
    assert_eq!(backend["claims"]["iss"], issuer.as_str());
    assert_eq!(backend["userinfo"]["email"], "jo@example.com");
    assert_ne!(
        backend["claims"]["sub"], claims["sub"],
        "pairwise subjects: two apps cannot correlate the person"
    );

    // RP-initiated logout: back to the app, and the account is signed out here.
    json_at(&http, &board.url("/login")).await;
    let bye = json_at(&http, &board.url("/logout")).await;
    assert_eq!(bye["signed_out"], true);
    assert_eq!(bye["state"], "bye-state");
    let (status, page) = visit(&http, &portico.url("/u/0/")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Sign in"),
        "Jo is signed out of Portico: {page}"
    );
}

/// Waits (bounded) for the app's JSON answer containing `text`, and answers it.
async fn app_answer(stage: &crate::stage::Stage, text: &str) -> serde_json::Value {
    let xpath = format!("//pre[contains(., '{text}')]");
    let found = stage
        .browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .for_element(fantoccini::Locator::XPath(&xpath))
        .await;
    let Ok(pre) = found else {
        let url = stage.browser.client.current_url().await.expect("url");
        let page = stage.browser.client.source().await.unwrap_or_default();
        panic!("no app answer with {text:?} at {url}: {page}");
    };
    serde_json::from_str(&pre.text().await.expect("text")).expect("json")
}

async fn goto(stage: &crate::stage::Stage, url: &str) {
    stage.browser.client.goto(url).await.expect("goto");
}

#[tokio::test]
async fn in_a_browser_the_chooser_consent_prompt_none_two_tabs_and_remove_access() {
    use crate::stage::{
        JO_PASSWORD, Stage, enter_code, nth_message, sign_up as browser_sign_up, six_digits,
    };

    let (board_port, notes_port) = (free_port(), free_port());
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("apps.toml");
    std::fs::write(
        &config,
        format!(
            r#"
[[oidc_clients]]
id = "board"
name = "Team board"
public = true
redirect_uris = ["{}"]

[[oidc_clients]]
id = "notes"
name = "Notes"
public = true
redirect_uris = ["{}"]
first_party = true
"#,
            RelyingParty::callback(board_port),
            RelyingParty::callback(notes_port)
        ),
    )
    .expect("config");
    let stage = Stage::start_with(&[("PORTICO_CONFIG", &config.display().to_string())]).await;
    stage.sign_up_jo().await;
    browser_sign_up(
        &stage.browser,
        &stage.portico,
        "Al Rivera",
        "al@example.com",
        JO_PASSWORD,
    )
    .await;
    let mail = nth_message(1, || async {
        stage.maildev.messages().await.expect("mail")
    })
    .await;
    enter_code(
        &stage.browser,
        &six_digits(mail["subject"].as_str().expect("subject")),
    )
    .await;
    stage
        .browser
        .wait_for_url(&stage.portico.url("/u/1/"))
        .await
        .expect("Al's home");

    let issuer = stage.portico.base_url.clone();
    let (board, notes) = tokio::join!(
        RelyingParty::start(Library::OpenIdClient, board_port, &issuer, "board", None),
        RelyingParty::start(Library::OpenIdClient, notes_port, &issuer, "notes", None),
    );
    let (board, notes) = (board.expect("board RP"), notes.expect("notes RP"));

    // The chooser lists both accounts; Al is picked; consent is asked the first time.
    goto(&stage, &board.url("/login")).await;
    stage
        .browser
        .wait_for("ul.chooser")
        .await
        .expect("the chooser");
    stage
        .browser
        .screenshot("oauth-chooser")
        .await
        .expect("screenshot");
    let chooser = stage.browser.client.source().await.expect("source");
    assert!(chooser.contains("jo@example.com") && chooser.contains("al@example.com"));
    stage
        .browser
        .click("ul.chooser li:nth-child(2) button")
        .await
        .expect("pick Al");
    stage
        .browser
        .wait_for("button[value=allow]")
        .await
        .expect("consent");
    stage
        .browser
        .screenshot("oauth-consent")
        .await
        .expect("screenshot");
    stage
        .browser
        .click("button[value=allow]")
        .await
        .expect("allow");
    let answer = app_answer(&stage, "al@example.com").await;
    assert_eq!(answer["userinfo"]["email"], "al@example.com");

    // Consent once, and the app's last choice holds: straight back, no page.
    goto(&stage, &board.url("/login?prompt=none")).await;
    let again = app_answer(&stage, "al@example.com").await;
    assert_eq!(again["claims"]["sub"], answer["claims"]["sub"]);
    // prompt=none where a choice is needed: an error, never a page.
    goto(&stage, &notes.url("/login?prompt=none")).await;
    let refused = app_answer(&stage, "authorization_error").await;
    assert_eq!(refused["authorization_error"], "account_selection_required");

    // Two tabs, two apps, two accounts, the choices made in the opposite order.
    let first = stage.browser.client.window().await.expect("window");
    goto(&stage, &board.url("/login?prompt=select_account")).await;
    stage
        .browser
        .wait_for("ul.chooser")
        .await
        .expect("chooser in tab 1");
    let second = stage
        .browser
        .client
        .new_window(true)
        .await
        .expect("tab")
        .handle;
    stage
        .browser
        .client
        .switch_to_window(second)
        .await
        .expect("tab 2");
    goto(&stage, &notes.url("/login")).await;
    stage
        .browser
        .wait_for("ul.chooser")
        .await
        .expect("chooser in tab 2");
    stage
        .browser
        .click("ul.chooser li:nth-child(1) button")
        .await
        .expect("pick Jo");
    let in_notes = app_answer(&stage, "jo@example.com").await;
    assert_eq!(in_notes["userinfo"]["email"], "jo@example.com");
    stage
        .browser
        .client
        .switch_to_window(first)
        .await
        .expect("tab 1");
    stage
        .browser
        .click("ul.chooser li:nth-child(2) button")
        .await
        .expect("pick Al");
    let in_board = app_answer(&stage, "al@example.com").await;
    assert_eq!(in_board["userinfo"]["email"], "al@example.com");

    // Remove access on Apps and services: the app's next refresh fails.
    goto(&stage, &stage.portico.url("/u/1/apps")).await;
    stage
        .browser
        .wait_for("button[aria-label='Remove access for Team board']")
        .await
        .expect("listed");
    stage
        .browser
        .screenshot("apps-and-services")
        .await
        .expect("screenshot");
    stage
        .browser
        .click("button[aria-label='Remove access for Team board']")
        .await
        .expect("remove");
    stage
        .browser
        .wait_for(".alert--success")
        .await
        .expect("removed");
    let http = browser();
    let refreshed = post_json(&http, &board.url("/try-refresh")).await;
    assert_eq!(refreshed["refresh_error"], "invalid_grant");
    stage.finish().await;
}
