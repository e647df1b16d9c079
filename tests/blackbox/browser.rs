//! What a person sees, in headless Chromium.

use fantoccini::Locator;
use portico_blackbox::browser::Browser;
use portico_blackbox::database::fresh_database;
use portico_blackbox::server::PorticoBuilder;

#[tokio::test]
async fn landing_page_invites_to_sign_in_and_fits_a_small_phone() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    let browser = Browser::start().await.expect("chromium starts");
    let page = &browser.client;
    page.goto(&portico.url("/"))
        .await
        .expect("open the landing page");

    assert_eq!(
        page.title().await.expect("title"),
        "Your account, in one place · Portico"
    );
    let heading = page
        .find(Locator::Css("h1"))
        .await
        .expect("a heading")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Your account, in one place");
    let sign_in = page
        .find(Locator::LinkText("Sign in"))
        .await
        .expect("a sign-in link")
        .attr("href")
        .await
        .expect("href");
    assert_eq!(sign_in.as_deref(), Some("/signin"));
    page.find(Locator::LinkText("Create an account"))
        .await
        .expect("a sign-up link");

    // The stylesheet loaded under CSP: the primary button has the brand colour.
    let colour = page
        .execute(
            "return getComputedStyle(document.querySelector('.button--primary')).backgroundColor",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(colour, "rgb(11, 92, 173)");
    let banner = page
        .find(Locator::Css(".dev-banner"))
        .await
        .expect("dev banner");
    assert!(
        banner
            .text()
            .await
            .expect("text")
            .contains("Development mode")
    );
    browser.screenshot("landing").await.expect("screenshot");

    browser.resize(360, 780).await.expect("resize");
    let overflow = page
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(
        overflow,
        serde_json::Value::Bool(false),
        "no sideways scrolling at 360 px"
    );
    browser.screenshot("landing-360").await.expect("screenshot");

    // Dark mode follows the system's preference.
    browser.prefer_dark(true).await.expect("dark");
    let background = page
        .execute(
            "return getComputedStyle(document.body).backgroundColor",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(background, "rgb(17, 20, 24)");
    browser
        .screenshot("landing-dark")
        .await
        .expect("screenshot");
    browser.prefer_dark(false).await.expect("light");

    // In German, chosen from the footer's picker (the page comes back in it).
    browser.click("a[hreflang='de']").await.expect("Deutsch");
    browser.wait_for("html[lang='de']").await.expect("German");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Ihr Konto an einem Ort"
    );
    browser.screenshot("landing-de").await.expect("screenshot");
    browser.click("a[hreflang='en']").await.expect("English");
    browser.wait_for("html[lang='en']").await.expect("English");

    page.goto(&portico.url("/no/such/page"))
        .await
        .expect("open a missing page");
    let text = page
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(
        text.contains("Page not found") && text.contains("Request id"),
        "{text}"
    );
    browser.screenshot("not-found").await.expect("screenshot");

    // The checks every page passes can fail: an image without words, and a page too wide
    // for a phone, are found.
    page.execute(
        "const main = document.querySelector('main');
         main.insertAdjacentHTML('beforeend', '<img src=\"/static/img/favicon.svg\"><div>wide</div>');
         main.lastElementChild.style.width = '500px';",
        vec![],
    )
    .await
    .expect("script");
    let refused = browser
        .check_page("broken on purpose")
        .await
        .expect_err("an image without alt text and a wide block are refused")
        .to_string();
    assert!(refused.contains("image-alt"), "{refused}");
    assert!(refused.contains("scrolls sideways"), "{refused}");

    browser.close().await.expect("close");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
