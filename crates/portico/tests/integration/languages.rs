//! Pages in the reader's language: the translated pages in German and French have no
//! English sentence left, the picker's choice outlasts the browser's, and each page says its language.

use sqlx::PgPool;

use crate::support::Site;

/// The English strings of `prefix`'s keys with three words or more: a sentence a German page
/// must not show.
fn english_sentences(prefix: &str) -> Vec<String> {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/en/portico.ftl");
    std::fs::read_to_string(file)
        .expect("ftl")
        .lines()
        .filter(|l| l.starts_with(prefix))
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.to_owned()))
        .filter(|v| !v.contains('<') && v.split_whitespace().count() >= 3)
        .collect()
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
