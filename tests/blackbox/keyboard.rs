//! Every main flow with the keyboard alone: Tab to move, Enter and Space to act, keys to
//! type. Sign up, add an address, sign out and in, switch accounts, remove a PC.

use portico_blackbox::browser::Browser;
use sqlx::Connection;

use crate::stage::{JO_PASSWORD, Stage, message_where, six_digits};

fn to(m: &serde_json::Value, address: &str) -> bool {
    m["to"]
        .as_array()
        .is_some_and(|to| to.iter().any(|t| t["address"] == address))
}

/// The code mailed to `address`, once it has arrived.
async fn code_for(stage: &Stage, address: &str) -> String {
    let mail = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| to(m, address) && m["subject"].as_str().is_some_and(|s| s.contains("code")),
    )
    .await;
    six_digits(mail["subject"].as_str().expect("subject"))
}

/// Types `text` into the field `css`, reached by Tab.
async fn type_into(browser: &Browser, css: &str, text: &str) {
    browser.tab_to(css).await.unwrap_or_else(|e| panic!("{e}"));
    browser.keys(text).await.expect("type");
}

/// Opens the account menu (a disclosure) with Enter.
async fn open_menu(browser: &Browser) {
    browser
        .tab_to(".account-switcher summary")
        .await
        .expect("the account menu");
    browser.press_enter().await.expect("open");
    browser
        .wait_for(".account-switcher[open]")
        .await
        .expect("open menu");
}

async fn sign_up(stage: &Stage, name: &str, address: &str) {
    let browser = &stage.browser;
    type_into(browser, "#display_name", name).await;
    type_into(browser, "#address", address).await;
    type_into(browser, "#password", JO_PASSWORD).await;
    browser
        .tab_to("form[action='/signup'] button[type=submit]")
        .await
        .expect("Next");
    browser.press_enter().await.expect("next");
    browser.wait_for("#code").await.expect("the code page");
    // The code field has the focus already.
    let code = code_for(stage, address).await;
    browser.keys(&code).await.expect("code");
    browser.press_enter().await.expect("verify");
    browser.wait_for(".card__title").await.expect("the account's home");
}

#[tokio::test]
async fn every_main_flow_with_the_keyboard_alone() {
    let stage = Stage::start().await;
    let browser = &stage.browser;
    browser
        .client
        .goto(&stage.portico.url("/"))
        .await
        .expect("landing");

    // Sign up.
    browser
        .tab_to("a[href='/signup']")
        .await
        .expect("Create an account");
    browser.press_enter().await.expect("follow");
    browser.wait_for("#display_name").await.expect("the form");
    sign_up(&stage, "Jo Marchetti", "jo@example.com").await;

    // Add an address, from Your Info.
    browser
        .tab_to(".card__title a[href$='/info']")
        .await
        .expect("Your info");
    browser.press_enter().await.expect("follow");
    browser.wait_for(".alias-list").await.expect("Your Info");
    browser
        .tab_to("a[href$='/aliases/add?kind=email']")
        .await
        .expect("Add email");
    browser.press_enter().await.expect("follow");
    browser.wait_for("#address").await.expect("the add page");
    type_into(browser, "#address", "jo.work@example.com").await;
    browser
        .tab_to("form[action$='/aliases/add'] button[type=submit]")
        .await
        .expect("Send code");
    browser.press_space().await.expect("send");
    browser.wait_for("#code").await.expect("the code page");
    let code = code_for(&stage, "jo.work@example.com").await;
    browser.keys(&code).await.expect("code");
    browser.press_enter().await.expect("verify");
    browser.wait_for(".alias-list").await.expect("Your Info");
    assert!(
        browser
            .text(".alias-list")
            .await
            .expect("aliases")
            .contains("jo.work@example.com")
    );

    // Sign out of everything, then sign in again.
    open_menu(browser).await;
    browser
        .tab_to("form[action='/signout'] button")
        .await
        .expect("Sign out of all accounts");
    browser.press_space().await.expect("sign out");
    browser.wait_for(".hero").await.expect("the landing page");
    browser
        .tab_to("a.button--primary[href='/signin']")
        .await
        .expect("Sign in");
    browser.press_enter().await.expect("follow");
    browser
        .wait_for("#password")
        .await
        .expect("the sign-in page");
    type_into(browser, "#address", "jo.work@example.com").await;
    type_into(browser, "#password", JO_PASSWORD).await;
    browser.press_enter().await.expect("sign in");
    browser.wait_for(".card__title").await.expect("the account's home");

    // A second account beside it, then back to the first through the menu.
    open_menu(browser).await;
    browser
        .tab_to("a.account-switcher__action")
        .await
        .expect("Sign in with another account");
    browser.press_enter().await.expect("follow");
    browser
        .wait_for("#password")
        .await
        .expect("the sign-in page");
    browser
        .tab_to("a[href='/signup']")
        .await
        .expect("Create one");
    browser.press_enter().await.expect("follow");
    browser.wait_for("#display_name").await.expect("the form");
    sign_up(&stage, "Sam Okafor", "sam@example.com").await;
    open_menu(browser).await;
    browser
        .tab_to("a.account-switcher__account")
        .await
        .expect("Jo's account in the menu");
    browser.press_enter().await.expect("switch");
    browser
        .wait_for_url(&stage.portico.url("/u/0/"))
        .await
        .expect("Jo's account");

    // Remove a PC linked to Jo's account.
    let mut db = sqlx::PgConnection::connect(&stage.db).await.expect("db");
    sqlx::query(
        "insert into devices (id, account_id, name, linked_at)
         select $1, account_id, 'JO-LAPTOP', now() from aliases where normalized = 'jo@example.com'",
    )
    .bind(uuid::Uuid::now_v7())
    .execute(&mut db)
    .await
    .expect("a PC");
    open_menu(browser).await;
    browser
        .tab_to(".account-switcher__links a[href$='/devices']")
        .await
        .expect("Devices");
    browser.press_enter().await.expect("follow");
    browser.tab_to(".list-card__title a").await.expect("the PC");
    browser.press_enter().await.expect("follow");
    browser
        .tab_to("a[href$='/remove']")
        .await
        .expect("Remove this PC");
    browser.press_enter().await.expect("follow");
    browser
        .tab_to("form[action$='/remove'] button")
        .await
        .expect("Remove");
    browser.press_space().await.expect("remove");
    browser
        .wait_for_url(&stage.portico.url("/u/0/devices?done=removed"))
        .await
        .expect("back to Devices");
    let left: i64 = sqlx::query_scalar(
        "select count(*) from devices where name = 'JO-LAPTOP' and removed_at is null",
    )
    .fetch_one(&mut db)
    .await
    .expect("count");
    assert_eq!(left, 0, "the PC is removed");
    stage.finish().await;
}
