//! Passkeys in headless Chromium with a virtual authenticator (the WebAuthn WebDriver
//! extension: CTAP2, internal transport, resident keys, user verification), on pages served
//! from `http://localhost:PORT` as browsers require: add one on the Security page and a second
//! from another authenticator, sign out, sign in through the alias field's passkey autofill
//! (no alias typed), confirm it's you with it, remove the password, sign in again, and find
//! the last passkey kept while it is the only way in.

use sqlx::Connection;

use crate::stage::{JO_PASSWORD, Stage, message_where, sign_out_of_all};

/// Turns Jo's address's sign-in off or back on in Your Info, then asks to remove her
/// passkey on the Security page.
async fn toggle_sign_in_then_remove(
    browser: &portico_blackbox::browser::Browser,
    portico: &portico_blackbox::server::Portico,
) {
    browser
        .client
        .goto(&portico.url("/u/0/info"))
        .await
        .expect("your info");
    browser
        .click("form[action$='/sign-in'] button")
        .await
        .expect("the address's sign-in");
    browser.wait_for(".alert--success").await.expect("done");
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    browser
        .click("form[action$='/remove'][action*='/passkeys/'] button")
        .await
        .expect("remove");
}

/// Portico on `http://localhost:PORT`, where browsers allow passkeys, and a browser.
async fn passkey_stage() -> Stage {
    let mut stage = Stage::start_with(&[("PORTICO_PUBLIC_URL", "http://localhost:0/")]).await;
    stage.portico.base_url = stage.portico.base_url.replace("127.0.0.1", "localhost");
    stage
}

/// The sign-in page, whose passkey autofill the browser's virtual authenticator answers at
/// once (as a person picking the passkey in the alias field's suggestions): lands on `home`.
async fn sign_in_by_autofill(
    browser: &portico_blackbox::browser::Browser,
    portico: &portico_blackbox::server::Portico,
    home: &str,
    whose: &str,
) {
    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in");
    browser.wait_for_url(&portico.url(home)).await.expect(whose);
}

/// "Add a passkey" on the Security page, named `name`, created by the virtual authenticator.
async fn add_passkey_named(browser: &portico_blackbox::browser::Browser, name: &str) {
    browser.click("#add-passkey").await.expect("add a passkey");
    browser
        .wait_for("form[data-passkey=create]")
        .await
        .expect("the passkey page");
    browser.fill("name", name).await.expect("name");
    browser
        .click("form[data-passkey=create] button[type=submit]")
        .await
        .expect("create");
}

async fn passkeys_of(db: &str) -> Vec<(String, bool)> {
    let mut conn = sqlx::PgConnection::connect(db).await.expect("db");
    sqlx::query_as("select name, last_used_at is not null from passkeys order by created_at")
        .fetch_all(&mut conn)
        .await
        .expect("passkeys")
}

#[tokio::test]
async fn a_passkey_is_added_then_signs_in_and_confirms_without_a_password() {
    let stage = passkey_stage().await;
    let authenticator = stage
        .browser
        .add_virtual_authenticator()
        .await
        .expect("a virtual authenticator");
    assert!(!authenticator.is_empty());
    // The sign-in page offers passkeys (the authenticator holds none yet).
    stage
        .browser
        .client
        .goto(&stage.portico.url("/signin"))
        .await
        .expect("sign-in");
    stage
        .browser
        .wait_for("#passkey-sign-in")
        .await
        .expect("Sign in with a passkey");
    stage
        .browser
        .screenshot("signin-passkey")
        .await
        .expect("screenshot");
    stage.sign_up_jo().await;
    let Stage {
        portico, browser, ..
    } = &stage;

    // Added from the Security page, named by Jo.
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    add_passkey_named(browser, "Work laptop").await;
    let list = browser.wait_for(".passkey-list").await.expect("the list");
    let listed = list.text().await.expect("text");
    assert!(listed.contains("Work laptop"), "{listed}");
    assert_eq!(
        passkeys_of(&stage.db).await,
        [("Work laptop".to_owned(), false)]
    );
    let told = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with("A passkey was added"))
        },
    )
    .await;
    let text = told["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("\"Work laptop\"") && text.contains("This wasn't me"),
        "{text}"
    );

    // A second passkey, from another authenticator (a phone, say).
    browser
        .remove_virtual_authenticator(&authenticator)
        .await
        .expect("the laptop's authenticator goes");
    browser
        .add_virtual_authenticator()
        .await
        .expect("another authenticator");
    add_passkey_named(browser, "Phone").await;
    browser.wait_for(".alert--success").await.expect("added");
    assert_eq!(passkeys_of(&stage.db).await.len(), 2);
    browser
        .screenshot("security-passkeys")
        .await
        .expect("screenshot");

    // Signed out, then in again with the passkey: no alias, no password.
    sign_out_of_all(browser).await;
    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in");
    // Chromium's virtual authenticator answers the page's passkey autofill (conditional
    // mediation) at once, as a person choosing the passkey in the alias field's suggestions.
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("Jo's home");
    assert_eq!(
        passkeys_of(&stage.db).await,
        [
            ("Work laptop".to_owned(), false),
            ("Phone".to_owned(), true)
        ]
    );
    let mut db = sqlx::PgConnection::connect(&stage.db).await.expect("db");
    let method: String = sqlx::query_scalar(
        "select details->>'method' from audit_events where kind = 'sign_in' order by at desc limit 1",
    )
    .fetch_one(&mut db)
    .await
    .expect("the sign-in");
    assert_eq!(method, "passkey");

    // Ten minutes on, a sensitive change asks who it is: the passkey answers.
    sqlx::query("update account_sessions set elevated_until = now() - interval '1 minute'")
        .execute(&mut db)
        .await
        .expect("the window closes");
    browser
        .client
        .goto(&portico.url("/u/0/confirm?next=/u/0/security"))
        .await
        .expect("confirm");
    browser
        .click("#confirm-passkey")
        .await
        .expect("confirm with the passkey");
    browser
        .wait_for_url(&portico.url("/u/0/security"))
        .await
        .expect("back on the Security page");
    let reauth: String = sqlx::query_scalar(
        "select details->>'method' from audit_events where kind = 'reauthenticated' order by at desc limit 1",
    )
    .fetch_one(&mut db)
    .await
    .expect("the confirmation");
    assert_eq!(reauth, "passkey");

    // Passwordless: the password goes (the passkey and a code to her address remain).
    browser
        .click("#remove-password")
        .await
        .expect("remove my password");
    let notice = browser.wait_for(".alert--success").await.expect("done");
    let said = notice.text().await.expect("text");
    assert!(said.contains("Your password was removed"), "{said}");
    let hash: Option<String> = sqlx::query_scalar("select password_hash from accounts")
        .fetch_one(&mut db)
        .await
        .expect("the account");
    assert_eq!(hash, None);
    assert!(
        browser
            .text("#passwordless")
            .await
            .expect("said")
            .contains("no password")
    );

    // Signed out, she signs in again with the passkey alone.
    sign_out_of_all(browser).await;
    sign_in_by_autofill(browser, portico, "/u/0/", "Jo's home, without a password").await;

    // The laptop's passkey goes (the phone's remains).
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    browser
        .click("form[action$='/remove'][action*='/passkeys/'] button")
        .await
        .expect("remove");
    let notice = browser.wait_for(".alert--success").await.expect("done");
    let said = notice.text().await.expect("text");
    assert!(said.contains("The passkey was removed"), "{said}");
    assert_eq!(passkeys_of(&stage.db).await, [("Phone".to_owned(), true)]);

    // With her address no longer used to sign in, the passkey is the last way in: it stays.
    toggle_sign_in_then_remove(browser, portico).await;
    let refusal = browser.wait_for(".alert--error").await.expect("refused");
    let said = refusal.text().await.expect("text");
    assert!(said.contains("only way into your account"), "{said}");
    assert_eq!(passkeys_of(&stage.db).await.len(), 1);

    // With the address back, it may go.
    toggle_sign_in_then_remove(browser, portico).await;
    let notice = browser.wait_for(".alert--success").await.expect("done");
    let said = notice.text().await.expect("text");
    assert!(said.contains("The passkey was removed"), "{said}");
    assert!(passkeys_of(&stage.db).await.is_empty());
    stage.finish().await;
}

#[tokio::test]
async fn two_accounts_sign_in_side_by_side_each_with_its_own_authenticator() {
    let stage = passkey_stage().await;
    let laptop = stage
        .browser
        .add_virtual_authenticator()
        .await
        .expect("Jo's laptop");
    stage.sign_up_jo().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    add_passkey_named(browser, "Jo's laptop").await;
    browser.wait_for(".alert--success").await.expect("added");
    // Jo's laptop leaves the desk (its credential kept aside); Al's phone arrives.
    let jo_credentials = browser.credentials(&laptop).await.expect("credentials");
    assert_eq!(jo_credentials.len(), 1);
    browser
        .remove_virtual_authenticator(&laptop)
        .await
        .expect("gone");
    let phone = browser
        .add_virtual_authenticator()
        .await
        .expect("Al's phone");
    crate::stage::sign_up(browser, portico, "Al Rivera", "al@example.com", JO_PASSWORD).await;
    let mail = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| m["to"].to_string().contains("al@example.com"),
    )
    .await;
    let code = crate::stage::six_digits(mail["subject"].as_str().expect("subject"));
    crate::stage::enter_code(browser, &code).await;
    browser
        .wait_for_url(&portico.url("/u/1/"))
        .await
        .expect("Al beside Jo");
    browser
        .client
        .goto(&portico.url("/u/1/security"))
        .await
        .expect("security");
    add_passkey_named(browser, "Al's phone").await;
    browser.wait_for(".alert--success").await.expect("added");
    sign_out_of_all(browser).await;

    // Al's phone signs Al in; then Jo's laptop, back, signs Jo in beside him.
    sign_in_by_autofill(browser, portico, "/u/0/", "Al's home").await;
    assert!(
        browser
            .text("main")
            .await
            .expect("page")
            .contains("Al Rivera")
    );
    browser
        .remove_virtual_authenticator(&phone)
        .await
        .expect("the phone goes");
    let laptop = browser
        .add_virtual_authenticator()
        .await
        .expect("the laptop again");
    browser
        .add_credential(&laptop, jo_credentials[0].clone())
        .await
        .expect("Jo's credential");
    sign_in_by_autofill(browser, portico, "/u/1/", "Jo's home, beside Al's").await;
    assert!(
        browser
            .text("main")
            .await
            .expect("page")
            .contains("Jo Marchetti")
    );
    browser
        .client
        .goto(&portico.url("/u/0/"))
        .await
        .expect("Al's home");
    assert!(
        browser
            .text("main")
            .await
            .expect("page")
            .contains("Al Rivera"),
        "both signed in"
    );
    stage.finish().await;
}
