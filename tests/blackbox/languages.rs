//! Portico in German, in a real browser: the picker, a sign-up whose time zone comes from the
//! browser (never from the address), the account's pages in German with their times in that
//! zone, the code's email in German; screenshots of the main pages in German, on a phone too.

use sqlx::Connection;

use crate::stage::{JO_PASSWORD, Stage, enter_code, nth_message, sign_up, six_digits};

#[tokio::test]
async fn a_person_in_berlin_signs_up_in_german_and_reads_their_account_in_german() {
    let stage = Stage::start().await;
    let (browser, portico) = (&stage.browser, &stage.portico);
    browser.time_zone("Europe/Berlin").await.expect("time zone");
    browser
        .client
        .goto(&portico.url("/"))
        .await
        .expect("landing");
    browser.click("a[hreflang='de']").await.expect("Deutsch");
    browser.wait_for("html[lang='de']").await.expect("German");

    sign_up(
        browser,
        portico,
        "Jo Marchetti",
        "jo@example.com",
        JO_PASSWORD,
    )
    .await;
    assert!(
        browser
            .text("main")
            .await
            .expect("code page")
            .contains("Code eingeben")
    );
    let mail = nth_message(0, || async {
        stage.maildev.messages().await.expect("mail")
    })
    .await;
    let subject = mail["subject"].as_str().expect("subject");
    assert!(subject.ends_with("ist Ihr Portico-Code"), "{subject}");
    enter_code(browser, &six_digits(subject)).await;
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("Jo's home");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Hallo, Jo Marchetti"
    );
    browser.screenshot("de-home").await.expect("screenshot");

    // The account speaks German and lives in Berlin, as the browser said at sign-up.
    let mut db = sqlx::PgConnection::connect(&stage.db).await.expect("db");
    let (language, zone): (Option<String>, Option<String>) =
        sqlx::query_as("select language, time_zone from accounts")
            .fetch_one(&mut db)
            .await
            .expect("account");
    assert_eq!(
        (language.as_deref(), zone.as_deref()),
        (Some("de"), Some("Europe/Berlin"))
    );

    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Your Info");
    browser.wait_for("#info-title").await.expect("Ihre Infos");
    let info = browser.text("main").await.expect("text");
    assert!(info.contains("Konto erstellt am"), "{info}");
    assert!(
        info.contains(" CET") || info.contains(" CEST"),
        "times in Berlin's zone: {info}"
    );
    assert!(info.contains("Europe / Berlin"), "{info}");
    browser
        .screenshot("de-your-info")
        .await
        .expect("screenshot");

    // Its own page lists every zone, Berlin chosen.
    browser
        .click("a[href='/u/0/info/time-zone']")
        .await
        .expect("Zeitzone ändern");
    browser.wait_for("#time_zone").await.expect("the zone page");
    let chosen = browser
        .client
        .execute("return document.getElementById('time_zone').value", vec![])
        .await
        .expect("script");
    assert_eq!(chosen, "Europe/Berlin");
    browser
        .screenshot("de-time-zone")
        .await
        .expect("screenshot");

    for (path, name) in [
        ("/u/0/security", "de-security"),
        ("/u/0/devices", "de-devices"),
        ("/u/0/privacy", "de-privacy"),
    ] {
        browser.client.goto(&portico.url(path)).await.expect(path);
        browser.wait_for("html[lang='de'] h1").await.expect("page");
        browser.screenshot(name).await.expect("screenshot");
    }

    // On a phone, with the account menu open.
    browser.resize(360, 780).await.expect("resize");
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Your Info");
    browser.wait_for("#info-title").await.expect("page");
    browser
        .screenshot("de-your-info-360")
        .await
        .expect("screenshot");
    browser
        .click(".account-switcher summary")
        .await
        .expect("menu");
    browser
        .wait_for(".account-switcher[open]")
        .await
        .expect("open");
    assert!(
        browser
            .text(".account-switcher__panel")
            .await
            .expect("menu")
            .contains("Von allen Konten abmelden")
    );
    browser.screenshot("de-menu-360").await.expect("screenshot");
    stage.finish().await;
}
