//! Every main flow with the keyboard alone: Tab to move, Enter and Space to act, keys to
//! type. Sign up, add an address, sign out and in, switch accounts, remove a PC.

use portico_blackbox::browser::Browser;
use sqlx::Connection;

use crate::stage::{JO_PASSWORD, Stage, code_mailed_to};

/// Types `text` into the field `css`, reached by Tab.
async fn type_into(browser: &Browser, css: &str, text: &str) {
    browser.tab_to(css).await.unwrap_or_else(|e| panic!("{e}"));
    browser.keys(text).await.expect("type");
}

/// Tabs to `css` and presses Enter on it (a link followed, a form sent, a menu opened).
async fn enter_on(browser: &Browser, css: &str) {
    browser.tab_to(css).await.unwrap_or_else(|e| panic!("{e}"));
    browser.press_enter().await.expect("Enter");
}

/// Tabs to the button `css` and presses Space on it.
async fn space_on(browser: &Browser, css: &str) {
    browser.tab_to(css).await.unwrap_or_else(|e| panic!("{e}"));
    browser.press_space().await.expect("Space");
}

/// Opens the account menu (a disclosure) with Enter.
async fn open_menu(browser: &Browser) {
    enter_on(browser, ".account-switcher summary").await;
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
    enter_on(browser, "form[action='/signup'] button[type=submit]").await;
    browser.wait_for("#code").await.expect("the code page");
    // The code field has the focus already.
    let code = code_mailed_to(&stage.maildev, address).await;
    browser.keys(&code).await.expect("code");
    browser.press_enter().await.expect("verify");
    browser
        .wait_for(".card__title")
        .await
        .expect("the account's home");
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
    enter_on(browser, "a[href='/signup']").await;
    browser.wait_for("#display_name").await.expect("the form");
    sign_up(&stage, "Jo Marchetti", "jo@example.com").await;

    // Add an address, from Your Info.
    enter_on(browser, ".card__title a[href$='/info']").await;
    browser.wait_for(".alias-list").await.expect("Your Info");
    enter_on(browser, "a[href$='/aliases/add?kind=email']").await;
    browser.wait_for("#address").await.expect("the add page");
    type_into(browser, "#address", "jo.work@example.com").await;
    space_on(browser, "form[action$='/aliases/add'] button[type=submit]").await;
    browser.wait_for("#code").await.expect("the code page");
    let code = code_mailed_to(&stage.maildev, "jo.work@example.com").await;
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
    space_on(browser, "form[action='/signout'] button").await;
    browser.wait_for(".hero").await.expect("the landing page");
    enter_on(browser, "a.button--primary[href='/signin']").await;
    browser
        .wait_for("#password")
        .await
        .expect("the sign-in page");
    type_into(browser, "#address", "jo.work@example.com").await;
    type_into(browser, "#password", JO_PASSWORD).await;
    browser.press_enter().await.expect("sign in");
    browser
        .wait_for(".card__title")
        .await
        .expect("the account's home");

    // A second account beside it, then back to the first through the menu.
    open_menu(browser).await;
    enter_on(browser, "a.account-switcher__action").await;
    browser
        .wait_for("#password")
        .await
        .expect("the sign-in page");
    enter_on(browser, "a[href='/signup']").await;
    browser.wait_for("#display_name").await.expect("the form");
    sign_up(&stage, "Sam Okafor", "sam@example.com").await;
    open_menu(browser).await;
    enter_on(browser, "a.account-switcher__account").await;
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
    enter_on(browser, ".account-switcher__links a[href$='/devices']").await;
    enter_on(browser, ".list-card__title a").await;
    enter_on(browser, "a[href$='/remove']").await;
    space_on(browser, "form[action$='/remove'] button").await;
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
