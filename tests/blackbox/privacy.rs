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
