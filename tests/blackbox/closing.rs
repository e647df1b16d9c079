//! Closing an account in the browser: the page and its box, the closing notice in the
//! mailbox, and a sign-in that leads to "Reopen your account" and, reopened, back in.
//! (Deletion after the grace period needs the clock moved: the integration suite has it.)

use crate::stage::{Stage, message_where, submit_sign_in};

#[tokio::test]
async fn an_account_is_closed_then_reopened_at_sign_in() {
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
        .click("a[href='/u/0/close']")
        .await
        .expect("close your account");
    browser
        .wait_for("#close-title")
        .await
        .expect("the close page");
    browser
        .screenshot("close-account")
        .await
        .expect("screenshot");
    browser
        .click("form[action='/u/0/close'] button")
        .await
        .expect("close without ticking");
    let refusal = browser
        .wait_for("#understand-error")
        .await
        .expect("refused");
    assert!(refusal.text().await.expect("text").contains("Tick the box"));
    browser.click("#understand").await.expect("tick");
    browser
        .click("form[action='/u/0/close'] button")
        .await
        .expect("close");
    browser.wait_for("#closed-title").await.expect("closing");
    let notice = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| m["subject"] == "Your Portico account was closed",
    )
    .await;
    assert!(
        notice["text"]
            .as_str()
            .unwrap_or_default()
            .contains("reopen")
    );

    submit_sign_in(browser, portico, "jo@example.com").await;
    browser
        .wait_for("button[value=reopen]")
        .await
        .expect("the offer to reopen, and nothing else");
    browser.screenshot("reopen").await.expect("screenshot");
    browser.click("button[value=reopen]").await.expect("reopen");
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("signed in");
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Jo Marchetti");
    stage.finish().await;
}
