//! Your Info in a real browser: adding an email and a phone number with the codes read from
//! the mail server and the Twilio peer, the primary, the sign-in preference, removal and its
//! refusal, signing in with the new address, and "This wasn't me" from a notice.

use fantoccini::Locator;
use regex::Regex;

use crate::stage::{
    JO_PASSWORD, Stage, enter_code, message_where, sign_out_of_all, six_digits, to,
};

const WORK: &str = "jo.work@example.com";
/// How Your Info writes the number typed as `07911 123456` with the United Kingdom chosen.
const PHONE: &str = "+44 7911 123456";

/// Whether maildev's message `m` went to `address`.
fn subject(m: &serde_json::Value) -> &str {
    m["subject"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn adding_verifying_and_removing_aliases_and_undoing_an_addition() {
    let stage = Stage::start().await;
    stage.sign_up_jo().await;
    adding_an_email_with_the_code_from_the_mail_server(&stage).await;
    making_it_primary_moves_the_header(&stage).await;
    adding_a_phone_typed_the_national_way(&stage).await;
    the_phone_stops_being_used_to_sign_in(&stage).await;
    removing_asks_first_and_the_primary_stays(&stage).await;
    signing_in_with_the_new_address(&stage).await;
    this_was_not_me_removes_the_phone_and_signs_out_everywhere(&stage).await;
    stage.finish().await;
}

/// Add an email: the code page says where the code went, the code comes from the mail
/// server.
async fn adding_an_email_with_the_code_from_the_mail_server(stage: &Stage) {
    let Stage {
        maildev,
        portico,
        browser,
        ..
    } = stage;
    let mail = || async { maildev.messages().await.expect("mail") };
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Your Info");
    browser
        .click("a[href='/u/0/aliases/add?kind=email']")
        .await
        .expect("Add email");
    browser.wait_for("#address").await.expect("the add form");
    browser.fill("address", WORK).await.expect("address");
    browser
        .click("form[action='/u/0/aliases/add'] button[type=submit]")
        .await
        .expect("send code");
    browser.wait_for("#code").await.expect("the code page");
    let page = browser.client.source().await.expect("html");
    assert!(page.contains("j•••@example.com"), "{page}");
    browser.screenshot("alias-code").await.expect("screenshot");
    let code = message_where(mail, |m| to(m, WORK) && subject(m).contains("code")).await;
    enter_code(browser, &six_digits(subject(&code))).await;
    let notice = done(stage, "added").await;
    assert!(notice.contains("verified and added"), "{notice}");
}

/// Make it primary: the header follows.
async fn making_it_primary_moves_the_header(stage: &Stage) {
    let Stage { browser, .. } = stage;
    browser
        .click_button(&format!("Make primary: {WORK}"))
        .await
        .expect("make primary");
    assert_eq!(
        done(stage, "primary").await,
        "Your primary address was changed."
    );
    let header = browser
        .text(".account-switcher summary")
        .await
        .expect("header");
    assert!(header.contains("j•••@example.com"), "{header}");
    let first = browser
        .text(".alias-list li:first-child")
        .await
        .expect("first alias");
    assert!(
        first.contains(WORK) && first.contains("Primary"),
        "the primary comes first: {first}"
    );
}

/// Add a phone number typed the national way, with the country chosen.
async fn adding_a_phone_typed_the_national_way(stage: &Stage) {
    let Stage {
        twilio, browser, ..
    } = stage;
    browser
        .click("a[href='/u/0/aliases/add?kind=phone']")
        .await
        .expect("Add phone number");
    browser
        .client
        .find(Locator::Css("#region"))
        .await
        .expect("country")
        .select_by_value("GB")
        .await
        .expect("United Kingdom");
    browser
        .fill("address", "07911 123456")
        .await
        .expect("number");
    browser.screenshot("add-phone").await.expect("screenshot");
    browser
        .click("form[action='/u/0/aliases/add'] button[type=submit]")
        .await
        .expect("send code");
    browser.wait_for("#code").await.expect("the code page");
    let sms = message_where(
        || async { twilio.messages().await.expect("sms") },
        |m| m["form"]["To"] == "+447911123456",
    )
    .await;
    enter_code(
        browser,
        &six_digits(sms["form"]["Body"].as_str().expect("body")),
    )
    .await;
    done(stage, "added").await;
    let listed = browser.text(".alias-list").await.expect("aliases");
    assert!(listed.contains(PHONE), "{listed}");
    browser
        .client
        .execute(
            "document.getElementById('aliases-title').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scroll to the aliases");
    browser.screenshot("your-info").await.expect("screenshot");
}

/// The phone stops being used to sign in.
async fn the_phone_stops_being_used_to_sign_in(stage: &Stage) {
    let Stage { browser, .. } = stage;
    // The button says what it does, and to a screen reader which number it does it to.
    browser
        .click_button(&format!("Don't use to sign in: {PHONE}"))
        .await
        .expect("don't use to sign in");
    done(stage, "sign_in").await;
    browser
        .wait_for_button(&format!("Use to sign in: {PHONE}"))
        .await
        .expect("now off");
}

/// Removing asks first. The primary cannot be removed; the old address can.
async fn removing_asks_first_and_the_primary_stays(stage: &Stage) {
    let Stage { browser, .. } = stage;
    browser
        .click(&format!("a[aria-label='Remove {WORK}']"))
        .await
        .expect("remove the primary");
    let question = browser
        .wait_for("#remove-title")
        .await
        .expect("asks first")
        .text()
        .await
        .expect("text");
    assert!(question.contains(WORK), "{question}");
    browser
        .click("button.button--danger")
        .await
        .expect("confirm");
    let refusal = browser.wait_for(".alert--error").await.expect("refused");
    assert!(
        refusal
            .text()
            .await
            .expect("text")
            .contains("Make another verified address primary first"),
        "a clear reason"
    );
    browser
        .click("a[aria-label='Remove jo@example.com']")
        .await
        .expect("remove the old address");
    browser.wait_for("#remove-title").await.expect("asks first");
    let warning = browser.text(".form-card").await.expect("the question");
    assert!(
        warning.contains("You won't be able to sign in with it") && warning.contains("30 days"),
        "{warning}"
    );
    browser
        .screenshot("alias-remove")
        .await
        .expect("screenshot");
    browser
        .click("button.button--danger")
        .await
        .expect("confirm");
    assert_eq!(done(stage, "removed").await, "The address was removed.");
    let listed = browser.text(".alias-list").await.expect("aliases");
    assert!(!listed.contains("jo@example.com"), "{listed}");
}

/// Signed out of everything, Jo signs in with the new address.
async fn signing_in_with_the_new_address(stage: &Stage) {
    let Stage { browser, .. } = stage;
    sign_out_of_all(browser).await;
    sign_in(stage, WORK).await;
}

/// The notice of the phone's addition reached the work address with a "This wasn't me"
/// link: it removes the phone and ends every session.
async fn this_was_not_me_removes_the_phone_and_signs_out_everywhere(stage: &Stage) {
    let Stage {
        maildev,
        portico,
        browser,
        ..
    } = stage;
    let mail = || async { maildev.messages().await.expect("mail") };
    let added = message_where(mail, |m| {
        to(m, WORK) && subject(m).contains("added") && subject(m).contains("+44")
    })
    .await;
    let text = added["text"].as_str().expect("text");
    let link = Regex::new(r"http://\S+/undo\?t=\S+")
        .expect("regex")
        .find(text)
        .unwrap_or_else(|| panic!("an undo link in {text}"))
        .as_str()
        .to_owned();
    browser.client.goto(&link).await.expect("the link");
    let page = browser.text("main").await.expect("the link's page");
    assert!(page.contains("This wasn't me"), "{link}: {page}");
    browser
        .click("form[action='/undo'] button")
        .await
        .expect("undo");
    // Only the page after the undo has this alert.
    let ended = browser.wait_for(".alert--success").await.expect("done");
    assert_eq!(
        ended.text().await.expect("text"),
        "Your account was signed out everywhere."
    );
    assert_eq!(
        browser.text("#undo-title").await.expect("title"),
        "The change was undone"
    );
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Your Info");
    browser
        .wait_for("form[action='/signin']")
        .await
        .expect("signed out: the sign-in page");
    sign_in(stage, WORK).await;
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("Your Info");
    let listed = browser.text(".alias-list").await.expect("aliases");
    assert!(
        listed.contains(WORK) && !listed.contains(PHONE),
        "the phone is gone: {listed}"
    );
}

/// Waits for Your Info to say that `what` was done, and answers what it says.
async fn done(stage: &Stage, what: &str) -> String {
    let url = stage.portico.url(&format!("/u/0/info?done={what}"));
    stage.browser.wait_for_url(&url).await.expect("Your Info");
    stage.browser.text(".alert--success").await.expect("notice")
}

/// Signs in with `address` and Jo's password, from the sign-in page if the browser is on it
/// (it returns where it was sent from).
async fn sign_in(stage: &Stage, address: &str) {
    let Stage {
        portico, browser, ..
    } = stage;
    if !browser
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .starts_with("/signin")
    {
        browser
            .client
            .goto(&portico.url("/signin"))
            .await
            .expect("sign-in page");
    }
    browser.fill("address", address).await.expect("address");
    browser
        .fill("password", JO_PASSWORD)
        .await
        .expect("password");
    browser
        .click("form[action='/signin'] button.button--primary")
        .await
        .expect("sign in");
    browser
        .wait_for(".account-switcher")
        .await
        .expect("signed in");
}
