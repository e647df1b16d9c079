//! Your Info over HTTP: the account, its aliases, and its name.

use portico::contact::{Destination, EmailAddress};
use sqlx::PgPool;

use crate::support::{PASSWORD, Site};

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn your_info_lists_every_alias_primary_first(pool: PgPool) {
    let site = Site::new(pool).await;
    let account = site
        .account(
            "Jo Marchetti",
            Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
            None,
        )
        .await;
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, sign_in_allowed, created_at)
         values ($1, $2, 'phone', '+447911123456', '+447911123456', now(), false, now()),
                ($3, $2, 'email', 'new@example.com', 'new@example.com', null, true, now())",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(account)
    .bind(uuid::Uuid::now_v7())
    .execute(&site.app.db)
    .await
    .expect("aliases");
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);

    let (status, page) = site.get("/u/0/info").await;
    assert_eq!(status, 200);
    assert!(page.contains("Account created"), "{page}");
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {page}"))
    };
    assert!(
        at("jo@example.com") < at("+44 7911 123456"),
        "the primary comes first"
    );
    assert!(page.contains("Primary</span>"));
    assert_eq!(page.matches("Primary</span>").count(), 1);
    assert!(
        page.contains("Not used to sign in"),
        "the phone's preference shows"
    );
    assert!(
        page.contains("Waiting for its code"),
        "a pending alias says so"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_bad_name_comes_back_with_a_message_and_what_was_typed(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    site.sign_in("jo@example.com", PASSWORD).await;
    let long = "x".repeat(101);
    let r = site
        .post_account_form("/u/0/info", "/u/0/info/name", &[("display_name", &long)])
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("html");
    assert!(html.contains("alert--error"), "{html}");
    assert!(html.contains(&long), "what was typed is kept");
    let r = site
        .post_account_form(
            "/u/0/info",
            "/u/0/info/name",
            &[("display_name", "  Joanna  ")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/u/0/info?saved=1");
    let (_, page) = site.get("/u/0/info?saved=1").await;
    assert!(page.contains("Your name was saved."));
    assert!(page.contains(r#"value="Joanna""#), "{page}");
}
