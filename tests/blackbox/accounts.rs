//! Accounts in a real browser: an email account and a phone account signed in side by side,
//! the switcher, two tabs acting on their own accounts, the Security page, and password
//! reset, with codes read from the real mail server and the Twilio peer.

use fantoccini::wd::WindowHandle;

use crate::stage::{
    JO_PASSWORD, Stage, enter_code, nth_message, sign_out_of_all, sign_up, six_digits,
};

const AL_PASSWORD: &str = "copper meadow signal hinge";

#[tokio::test]
async fn an_email_account_and_a_phone_account_side_by_side() {
    let stage = Stage::start().await;
    // Jo signs up by email, the code read from the mail server.
    stage.sign_up_jo().await;
    al_signs_up_with_a_phone_beside_jo(&stage).await;
    the_switcher_opens_from_the_keyboard_and_switches(&stage).await;
    let tabs = each_tab_acts_on_its_own_account(&stage).await;
    a_form_left_open_after_sign_out_changes_nothing(&stage, tabs).await;
    the_security_page_and_recent_activity(&stage).await;
    stage.finish().await;
}

/// "Sign in with another account" → "Create one": Al signs up with a phone number, the code
/// read from what reached Twilio's API.
async fn al_signs_up_with_a_phone_beside_jo(stage: &Stage) {
    let Stage {
        twilio,
        portico,
        browser,
        ..
    } = stage;
    browser
        .click(".account-switcher summary")
        .await
        .expect("open the menu");
    browser
        .click(".account-switcher__action")
        .await
        .expect("another account");
    browser
        .wait_for("form[action='/signin']")
        .await
        .expect("sign-in page");
    sign_up(
        browser,
        portico,
        "Al Brenner",
        "+44 7911 123456",
        AL_PASSWORD,
    )
    .await;
    let code_page = browser.text("main").await.expect("text");
    assert!(
        code_page.contains("+44 ••• 56"),
        "the page says where the code went: {code_page}"
    );
    let sms = nth_message(0, || async { twilio.messages().await.expect("sms") }).await;
    assert_eq!(sms["form"]["To"], "+447911123456");
    enter_code(
        browser,
        &six_digits(sms["form"]["Body"].as_str().expect("body")),
    )
    .await;
    browser
        .wait_for_url(&portico.url("/u/1/"))
        .await
        .expect("Al's home, beside Jo's");
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Al Brenner");
}

/// The dropdown opens from the keyboard (no script: a `<details>`), lists the other account,
/// and switching goes to that account's own address.
async fn the_switcher_opens_from_the_keyboard_and_switches(stage: &Stage) {
    let Stage {
        portico, browser, ..
    } = stage;
    browser
        .client
        .find(fantoccini::Locator::Css(".account-switcher summary"))
        .await
        .expect("the menu button")
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .expect("Enter opens the menu");
    let open = browser
        .client
        .execute(
            "return document.querySelector('.account-switcher').open",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(open, serde_json::Value::Bool(true), "opened by Enter");
    let listed = browser.text(".account-switcher__list").await.expect("list");
    assert!(
        listed.contains("Jo Marchetti") && listed.contains("j•••@example.com"),
        "{listed}"
    );
    let current = browser
        .text(".account-switcher__current")
        .await
        .expect("current");
    assert!(
        current.contains("Al Brenner") && current.contains("+44 ••• 56"),
        "{current}"
    );
    browser
        .screenshot("account-switcher")
        .await
        .expect("screenshot");
    browser
        .click(".account-switcher__account")
        .await
        .expect("switch to Jo");
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("Jo again");
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Jo Marchetti");
}

/// Two tabs, two accounts: each form acts on the account its tab shows. Answers Jo's tab and
/// Al's.
async fn each_tab_acts_on_its_own_account(stage: &Stage) -> (WindowHandle, WindowHandle) {
    let Stage {
        portico, browser, ..
    } = stage;
    let jo_tab = browser.client.window().await.expect("this tab");
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Jo's info");
    let al_tab = browser
        .client
        .new_window(true)
        .await
        .expect("a new tab")
        .handle;
    browser
        .client
        .switch_to_window(al_tab.clone())
        .await
        .expect("to Al's tab");
    browser
        .client
        .goto(&portico.url("/u/1/info"))
        .await
        .expect("Al's info");
    browser
        .fill("display_name", "Alan Brenner")
        .await
        .expect("name");
    browser
        .click("form[action='/u/1/info/name'] button")
        .await
        .expect("save");
    browser.wait_for(".alert--success").await.expect("saved");
    browser
        .client
        .switch_to_window(jo_tab.clone())
        .await
        .expect("back to Jo's tab");
    browser
        .fill("display_name", "Joanna Marchetti")
        .await
        .expect("name");
    browser
        .click("form[action='/u/0/info/name'] button")
        .await
        .expect("save");
    browser.wait_for(".alert--success").await.expect("saved");
    browser
        .client
        .goto(&portico.url("/u/0/"))
        .await
        .expect("Jo's home");
    assert_eq!(
        browser.text("h1").await.expect("h1"),
        "Hello, Joanna Marchetti"
    );
    browser
        .client
        .goto(&portico.url("/u/1/"))
        .await
        .expect("Al's home");
    assert_eq!(
        browser.text("h1").await.expect("h1"),
        "Hello, Alan Brenner",
        "each tab changed its own account"
    );
    (jo_tab, al_tab)
}

/// A form left open in Al's tab after Al signs out (in Jo's tab) changes nothing.
async fn a_form_left_open_after_sign_out_changes_nothing(
    stage: &Stage,
    (jo_tab, al_tab): (WindowHandle, WindowHandle),
) {
    let Stage {
        portico, browser, ..
    } = stage;
    browser
        .client
        .switch_to_window(al_tab.clone())
        .await
        .expect("Al's tab");
    browser
        .client
        .goto(&portico.url("/u/1/info"))
        .await
        .expect("Al's info");
    browser
        .client
        .switch_to_window(jo_tab)
        .await
        .expect("Jo's tab");
    browser
        .client
        .goto(&portico.url("/u/1/"))
        .await
        .expect("Al's home");
    browser
        .click(".account-switcher summary")
        .await
        .expect("menu");
    browser
        .click("form[action='/u/1/signout'] button")
        .await
        .expect("sign Al out");
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("back to Jo");
    browser
        .client
        .switch_to_window(al_tab)
        .await
        .expect("Al's stale tab");
    browser
        .fill("display_name", "Should Not Stick")
        .await
        .expect("name");
    browser
        .click("form[action='/u/1/info/name'] button")
        .await
        .expect("save");
    let stale = browser
        .wait_for("#signed-out-title")
        .await
        .expect("the stale-form page");
    assert_eq!(stale.text().await.expect("text"), "Nothing was changed");
}

/// The Security page of Jo, and Recent activity.
async fn the_security_page_and_recent_activity(stage: &Stage) {
    let Stage {
        portico, browser, ..
    } = stage;
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    let sessions = browser.text(".list-card").await.expect("sessions");
    assert!(
        sessions.contains("This browser") && sessions.contains("Chrome"),
        "{sessions}"
    );
    browser.screenshot("security").await.expect("screenshot");
    browser
        .client
        .goto(&portico.url("/u/0/activity"))
        .await
        .expect("activity");
    let activity = browser.text(".list-card").await.expect("events");
    assert!(
        activity.contains("Name changed")
            && activity.contains("Signed in after creating the account"),
        "{activity}"
    );
    browser.screenshot("activity").await.expect("screenshot");
}

#[tokio::test]
async fn password_reset_end_to_end() {
    let stage = Stage::start().await;
    let Stage {
        maildev,
        portico,
        browser,
        ..
    } = &stage;
    // Jo signs up by email, the code read from the mail server.
    stage.sign_up_jo().await;
    sign_out_of_all(browser).await;

    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in");
    browser
        .click("a[href='/reset']")
        .await
        .expect("forgot password");
    browser
        .wait_for("form[action='/reset']")
        .await
        .expect("reset page");
    browser
        .fill("address", "JO@example.com")
        .await
        .expect("address");
    browser
        .click("form[action='/reset'] button")
        .await
        .expect("send code");
    browser.wait_for("#code").await.expect("the code page");
    let mail = nth_message(1, || async { maildev.messages().await.expect("mail") }).await;
    enter_code(
        browser,
        &six_digits(mail["subject"].as_str().expect("subject")),
    )
    .await;
    browser
        .wait_for("form[action='/reset/password']")
        .await
        .expect("new password page");
    browser
        .fill("password", "crimson otter lantern spiral")
        .await
        .expect("password");
    browser
        .click("form[action='/reset/password'] button")
        .await
        .expect("change");
    browser.wait_for("#done-title").await.expect("done");
    let notice = nth_message(2, || async { maildev.messages().await.expect("mail") }).await;
    assert_eq!(notice["subject"], "Your Portico password was changed");

    browser.click(".notice__actions a").await.expect("sign in");
    browser
        .wait_for("form[action='/signin']")
        .await
        .expect("sign-in page");
    browser
        .fill("address", "jo@example.com")
        .await
        .expect("address");
    browser
        .fill("password", JO_PASSWORD)
        .await
        .expect("old password");
    browser
        .click("form[action='/signin'] button.button--primary")
        .await
        .expect("sign in");
    let error = browser.wait_for(".alert--error").await.expect("refused");
    assert!(error.text().await.expect("text").contains("don't match"));
    browser
        .fill("password", "crimson otter lantern spiral")
        .await
        .expect("new password");
    browser
        .click("form[action='/signin'] button.button--primary")
        .await
        .expect("sign in");
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("signed in");
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Jo Marchetti");

    stage.finish().await;
}
