//! "Download your data" in the browser against the real binary: asked for on the privacy
//! page, built by the worker, told by email, downloaded as the browser would, and its files
//! checked against what the pages show.

use std::io::Read;

use crate::stage::{Stage, message_where};

#[tokio::test]
async fn a_copy_of_ones_data_is_asked_for_told_and_downloaded() {
    let stage = Stage::start().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    stage.sign_up_jo().await;
    browser
        .client
        .goto(&portico.url("/u/0/privacy"))
        .await
        .expect("privacy");
    browser
        .click("form[action='/u/0/privacy/export'] button")
        .await
        .expect("prepare a copy");
    browser
        .wait_for("#export-state")
        .await
        .expect("being prepared");
    let told = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| m["subject"] == "Your Portico data is ready to download",
    )
    .await;
    assert!(
        told["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Privacy")
    );
    browser
        .client
        .goto(&portico.url("/u/0/privacy#export-title"))
        .await
        .expect("privacy");
    let link = browser
        .wait_for("a[href^='/u/0/privacy/export/']")
        .await
        .expect("the download link");
    let href = link.attr("href").await.expect("href").expect("a link");
    browser
        .screenshot("privacy-export")
        .await
        .expect("screenshot");
    let cookies = browser.cookie_header().await.expect("cookies");
    let r = portico_blackbox::server::http_client()
        .get(portico.url(&href))
        .header("cookie", cookies)
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.expect("zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP");
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("text");
        text
    };
    let account: serde_json::Value = serde_json::from_str(&read("account.json")).expect("json");
    assert_eq!(account["name"], "Jo Marchetti", "the name Your Info shows");
    let aliases: serde_json::Value = serde_json::from_str(&read("aliases.json")).expect("json");
    assert_eq!(aliases[0]["address"], "jo@example.com");
    assert!(read("README.txt").contains("Never in this archive"));
    stage.finish().await;
}

/// A sign-in from a browser Jo's account has never used: the alert arrives in the mailbox,
/// and "This wasn't me", answered in Jo's own browser, signs that other browser out.
#[tokio::test]
async fn a_new_browser_is_told_and_this_wasnt_me_signs_it_out() {
    let stage = Stage::start().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    stage.sign_up_jo().await;

    // Someone else's browser: its own cookies.
    portico_blackbox::install_crypto_provider();
    let other = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = other
        .get(portico.url("/signin"))
        .send()
        .await
        .expect("sign-in page")
        .text()
        .await
        .expect("html");
    let csrf = portico_blackbox::forms::csrf_in(&page);
    let r = other
        .post(portico.url("/signin"))
        .header("origin", &portico.base_url)
        .header(
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        )
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("address", "jo@example.com"),
            ("password", crate::stage::JO_PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303);
    let home = |client: &reqwest::Client| {
        let url = portico.url("/u/0/");
        let client = client.clone();
        async move {
            client
                .get(url)
                .send()
                .await
                .expect("home")
                .status()
                .as_u16()
        }
    };
    assert_eq!(home(&other).await, 200);

    let alert = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| m["subject"] == "New sign-in to your Portico account",
    )
    .await;
    let text = alert["text"].as_str().unwrap_or_default().to_owned();
    assert!(text.contains("Firefox"), "{text}");
    let link = regex::Regex::new(r"(http://\S+/sign-in-alert\?t=\S+)")
        .expect("regex")
        .captures(&text)
        .expect("the link")[1]
        .to_owned();
    browser.client.goto(&link).await.expect("the alert's page");
    browser
        .wait_for("button[value=not_me]")
        .await
        .expect("was this you?");
    browser
        .screenshot("sign-in-alert")
        .await
        .expect("screenshot");
    browser
        .click("button[value=not_me]")
        .await
        .expect("this wasn't me");
    browser.wait_for(".alert--success").await.expect("answered");
    assert_eq!(
        browser.text("#alert-title").await.expect("title"),
        "That browser was signed out"
    );
    assert_eq!(home(&other).await, 303, "the other browser is signed out");
    stage.finish().await;
}
