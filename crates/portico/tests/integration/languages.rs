//! Pages in the reader's language and time zone: the translated pages in German and French
//! have no English sentence left, the picker's choice outlasts the browser's and is kept on the
//! account, each page says its language, and times follow the zone chosen on Your Info.

use sqlx::PgPool;

use crate::support::{PASSWORD, Site};

/// The English sentences of `prefix`'s keys (every file of `locales/en`), cut at their
/// variables: each piece of three words or more is a sentence a German page must not show.
fn english_sentences(prefix: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/en");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("ftl");
        for line in text.lines().filter(|l| l.starts_with(prefix)) {
            let Some((_, value)) = line.split_once(" = ") else {
                continue;
            };
            out.extend(
                value
                    .split(['{', '}'])
                    .step_by(2)
                    .map(str::trim)
                    .filter(|piece| !piece.contains('<') && piece.split_whitespace().count() >= 3)
                    .map(askama_escape),
            );
        }
    }
    out
}

/// As a page's HTML carries it.
fn askama_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('"', "&#34;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

async fn page(site: &Site, path: &str, language: &str) -> (String, String) {
    let r = site
        .http
        .get(site.server.url(path))
        .header("accept-language", language)
        .send()
        .await
        .expect("page");
    let said = r.headers()["content-language"]
        .to_str()
        .expect("ascii")
        .to_owned();
    (said, r.text().await.expect("html"))
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_translated_pages_in_german_and_french_have_no_english_sentence(pool: PgPool) {
    let site = Site::new(pool).await;
    for (path, prefixes, german, french) in [
        (
            "/",
            &["layout-", "landing-"][..],
            "Ihr Konto an einem Ort",
            "Votre compte, en un seul endroit",
        ),
        (
            "/signin",
            &["layout-", "signin-", "region-"][..],
            "Kennwort vergessen?",
            "Mot de passe oublié ?",
        ),
        (
            "/signup",
            &["layout-", "signup-", "region-"][..],
            "Konto erstellen",
            "Créer votre compte",
        ),
    ] {
        let english: Vec<String> = prefixes.iter().flat_map(|p| english_sentences(p)).collect();
        assert!(english.len() > 5, "{english:?}");
        for (asked, tag, expected) in [
            ("de-DE,de;q=0.9,en;q=0.5", "de", german),
            ("fr-FR,fr;q=0.9", "fr", french),
        ] {
            let (said, html) = page(&site, path, asked).await;
            assert_eq!(said, tag);
            assert!(html.contains(&format!("<html lang=\"{tag}\">")), "{html}");
            assert!(html.contains(expected), "{path}: {html}");
            let left: Vec<_> = english
                .iter()
                .filter(|s| html.contains(s.as_str()))
                .collect();
            assert!(left.is_empty(), "English left on {path} in {tag}: {left:?}");
        }
    }
    let (said, html) = page(&site, "/", "en-GB").await;
    assert_eq!(said, "en");
    assert!(html.contains("Your account, in one place"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_pickers_choice_outlasts_the_browsers_and_comes_back_to_the_page(pool: PgPool) {
    let site = Site::new(pool).await;
    let r = site
        .http
        .get(site.server.url("/language?to=fr&back=%2Fsignin"))
        .send()
        .await
        .expect("choose");
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/signin");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    for part in ["portico_lang=fr", "Path=/", "HttpOnly", "SameSite=Lax"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let (said, html) = page(&site, "/", "de").await;
    assert_eq!(said, "fr", "the choice beats Accept-Language");
    assert!(html.contains("Votre compte"));
    // Never a way off the site.
    for back in [
        "https%3A%2F%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let r = site
            .http
            .get(site.server.url(&format!("/language?to=de&back={back}")))
            .send()
            .await
            .expect("choose");
        assert_eq!(r.headers()["location"], "/", "{back}");
    }
}

/// Jo, signed in (as the device tests have Jo); answers the account's id.
async fn jo(site: &Site) -> uuid::Uuid {
    crate::devices::jo(site).await;
    sqlx::query_scalar("select account_id from aliases where normalized = 'jo@example.com'")
        .fetch_one(&site.app.db)
        .await
        .expect("Jo's account")
}

/// Camille starts a sign-up by email in `site`'s browser, with `time_zone` as the page's
/// script would fill it in.
async fn camille_signs_up(site: &Site, time_zone: &str) -> reqwest::Response {
    let csrf = site.csrf("/signup").await;
    site.post(
        "/signup",
        &[
            ("authenticity_token", &csrf),
            ("display_name", "Camille"),
            ("address", "camille@example.com"),
            ("password", "correct horse battery staple"),
            ("time_zone", time_zone),
        ],
    )
    .await
}

async fn stored(site: &Site, account: uuid::Uuid) -> (Option<String>, Option<String>) {
    sqlx::query_as("select language, time_zone from accounts where id = $1")
        .bind(account)
        .fetch_one(&site.app.db)
        .await
        .expect("account")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_language_chosen_on_an_accounts_page_is_kept_on_the_account(pool: PgPool) {
    let site = Site::new(pool).await;
    let account = jo(&site).await;
    // On a page that is no account's, only the browser keeps it.
    site.get("/language?to=fr&back=%2F").await;
    assert_eq!(stored(&site, account).await.0.as_deref(), Some("en"));
    let r = site
        .http
        .get(site.server.url("/language?to=de&back=%2Fu%2F0%2Finfo"))
        .send()
        .await
        .expect("choose");
    assert_eq!(r.headers()["location"], "/u/0/info");
    assert_eq!(stored(&site, account).await.0.as_deref(), Some("de"));

    // Another browser, English by its own settings and with no choice of its own: the
    // account's pages are in the account's language, the pages before sign-in in the browser's.
    let elsewhere = site.another_browser();
    elsewhere.sign_in("jo@example.com", PASSWORD).await;
    let (said, html) = page(&elsewhere, "/u/0/info", "en").await;
    assert_eq!(said, "de");
    assert!(
        html.contains("<h1 id=\"info-title\">Ihre Infos</h1>"),
        "{html}"
    );
    let (said, _) = page(&elsewhere, "/signin", "en").await;
    assert_eq!(said, "en");
    // Its own choice beats the account's.
    elsewhere.get("/language?to=fr&back=%2F").await;
    let (said, _) = page(&elsewhere, "/u/0/info", "en").await;
    assert_eq!(said, "fr");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_sign_up_keeps_the_language_of_its_page_and_the_browsers_time_zone(pool: PgPool) {
    let site = Site::new(pool).await;
    site.get("/language?to=fr&back=%2Fsignup").await;
    let r = camille_signs_up(&site, "Europe/Paris").await;
    assert_eq!(r.status(), 303);
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let p = code_page.trim_start_matches("/signup/verify?p=").to_owned();
    let code = crate::support::code_in(&site.last_message_to("camille@example.com").await);
    let csrf = site.csrf(&code_page).await;
    let r = site
        .post(
            "/signup/verify",
            &[("authenticity_token", &csrf), ("p", &p), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let (language, zone): (Option<String>, Option<String>) = sqlx::query_as(
        "select a.language, a.time_zone from accounts a join aliases l on l.account_id = a.id
         where l.normalized = 'camille@example.com'",
    )
    .fetch_one(&site.app.db)
    .await
    .expect("account");
    assert_eq!(language.as_deref(), Some("fr"));
    assert_eq!(zone.as_deref(), Some("Europe/Paris"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn times_follow_the_time_zone_chosen_on_your_info(pool: PgPool) {
    let site = Site::new(pool).await;
    let account = jo(&site).await;
    let (_, html) = site.get("/u/0/info").await;
    assert!(html.contains("UTC (not chosen)"), "{html}");
    assert!(html.contains(r#"href="/u/0/info/time-zone""#), "{html}");
    assert!(
        html.contains(" UTC</span>"),
        "times in UTC until chosen: {html}"
    );
    assert!(
        !html.contains("<option"),
        "the long list is on a page of its own"
    );
    let (status, html) = site.get("/u/0/info/time-zone").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"<option value="" selected>UTC (not chosen)</option>"#),
        "{html}"
    );
    assert!(
        html.contains("data-browser-zone"),
        "the browser's zone is offered"
    );

    let zone_page = "/u/0/info/time-zone";
    let r = site
        .post_account_form(zone_page, zone_page, &[("time_zone", "Mars/Olympus_Mons")])
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("html");
    assert!(html.contains("Choose a time zone from the list."), "{html}");
    assert!(html.contains(r#"aria-invalid="true" aria-describedby="zone-error""#));
    assert_eq!(stored(&site, account).await.1, None, "nothing saved");

    let r = site
        .post_account_form(zone_page, zone_page, &[("time_zone", "Asia/Tokyo")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/info?done=time_zone");
    assert_eq!(
        stored(&site, account).await.1.as_deref(),
        Some("Asia/Tokyo")
    );
    let (_, html) = site.get("/u/0/info?done=time_zone").await;
    assert!(html.contains("Your time zone was saved."));
    assert!(html.contains("Asia / Tokyo"), "{html}");
    assert!(html.contains(" JST</span>"), "times in Tokyo's: {html}");
    let (_, html) = site.get(zone_page).await;
    assert!(html.contains(r#"<option value="Asia/Tokyo" selected>"#));
    assert!(
        !html.contains("data-browser-zone"),
        "a choice is not overridden"
    );

    // Empty: back to UTC.
    site.post_account_form(zone_page, zone_page, &[("time_zone", "")])
        .await;
    assert_eq!(stored(&site, account).await.1, None);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn messages_go_out_in_the_recipient_accounts_language_and_time_zone(pool: PgPool) {
    let laptop = Site::new(pool).await;
    let account = jo(&laptop).await;
    sqlx::query("update accounts set language = 'de', time_zone = 'Asia/Tokyo' where id = $1")
        .bind(account)
        .execute(&laptop.app.db)
        .await
        .expect("preferences");

    // A French browser asks for a reset code for Jo's address: the code is Jo's to read.
    let stranger = laptop.another_browser();
    stranger.get("/language?to=fr&back=%2Freset").await;
    let csrf = stranger.csrf("/reset").await;
    let r = stranger
        .post(
            "/reset",
            &[("authenticity_token", &csrf), ("address", "jo@example.com")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let body = laptop.last_message_to("jo@example.com").await;
    assert!(
        body.contains("Verwenden Sie ihn, um Ihr Kennwort zurückzusetzen."),
        "{body}"
    );

    // A sign-in from that new browser: the notice says when in Jo's time zone.
    assert_eq!(stranger.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let body = laptop.last_message_to("jo@example.com").await;
    assert!(body.contains("Jemand hat sich aus einem Browser"), "{body}");
    assert!(
        regex::Regex::new(r"Wann: \d{1,2}\. \S+ \d{4}, \d\d:\d\d JST")
            .expect("regex")
            .is_match(&body),
        "{body}"
    );

    // An address no account has proved yet gets the language of the page that asked.
    assert_eq!(camille_signs_up(&stranger, "").await.status(), 303);
    let french_code = laptop.last_message_to("camille@example.com").await;
    assert!(
        french_code.contains("Votre code Portico est"),
        "{french_code}"
    );
}

/// Every page of an account with a PC, in German and French: none shows an English sentence
/// (of those the English files hold), and each says its language.
#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn every_account_page_in_german_and_french_has_no_english_sentence(pool: PgPool) {
    let site = Site::new(pool).await;
    crate::devices::jo(&site).await;
    let pc = crate::devices::linked_pc(&site, "JO-LAPTOP").await;
    let report = crate::devices::report_body(
        "b1f1c7e2-6b1e-4a55-9b0e-3f1d2c1a0001",
        serde_json::json!({ "license_status": 5, "license_status_reason": "0xC004F009" }),
    );
    let r = crate::devices::send_report(&site, &pc.access_token, &report).await;
    assert_eq!(r.status(), 204);
    let device = format!("/u/0/devices/{}", pc.device_id);
    let pages = [
        "/u/0/",
        "/u/0/info",
        "/u/0/info/time-zone",
        "/u/0/aliases/add?kind=email",
        "/u/0/aliases/add?kind=phone",
        "/u/0/security",
        "/u/0/password",
        "/u/0/activity",
        "/u/0/devices",
        device.as_str(),
        &format!("{device}/remove"),
        "/u/0/licenses",
        "/u/0/link",
        "/u/0/recovery-keys",
        "/u/0/apps",
        "/u/0/privacy",
        "/u/0/close",
        "/reset",
        "/no-such-page",
    ];
    let english: Vec<String> = [
        "layout-",
        "menu-",
        "home-",
        "info-",
        "alias-",
        "sec-",
        "activity-",
        "device-",
        "devices-",
        "specs-",
        "activation-",
        "license-",
        "link-",
        "recovery-",
        "idp-",
        "privacy-",
        "close-",
        "reset-",
        "error-",
        "code-",
        "passkey-",
    ]
    .iter()
    .flat_map(|p| english_sentences(p))
    .collect();
    assert!(english.len() > 300, "{}", english.len());
    for (tag, words) in [("de", "Ihr Konto"), ("fr", "Votre compte")] {
        site.get(&format!("/language?to={tag}&back=%2F")).await;
        for path in &pages {
            let (status, html) = site.get(path).await;
            assert!(
                status == 200 || (*path == "/no-such-page" && status == 404),
                "{path}: {status}"
            );
            assert!(html.contains(&format!("<html lang=\"{tag}\">")), "{path}");
            let left: Vec<_> = english
                .iter()
                .filter(|s| html.contains(s.as_str()))
                .collect();
            assert!(left.is_empty(), "English left on {path} in {tag}: {left:?}");
        }
        let (_, home) = site.get("/u/0/").await;
        assert!(home.contains(words), "{home}");
    }
    // The check can fail: in English the same pages show those sentences.
    site.get("/language?to=en&back=%2F").await;
    for path in ["/u/0/security", device.as_str(), "/u/0/privacy"] {
        let (_, html) = site.get(path).await;
        let found = english.iter().filter(|s| html.contains(s.as_str())).count();
        assert!(
            found >= 5,
            "{path}: only {found} English sentences found in English"
        );
    }
}
