//! Linking an account to an identity at a provider (from Security, or after "I already
//! have a Portico account"), unlinking, and confirming it's you without a password.

use portico::contact::{Destination, EmailAddress};
use portico_blackbox::oidc::{ALICE, BOB, OidcProvider};
use sqlx::PgPool;

use super::{
    create_alice, create_from, jo, link_from_security, location, site_with, start_sign_in,
    through_provider,
};
use crate::support::{PASSWORD, Site};

/// "Unlink" on the first identity the Security page lists.
async fn unlink_first(site: &Site) -> reqwest::Response {
    let (_, security) = site.get("/u/0/security").await;
    let id = regex::Regex::new(r"/identities/([0-9a-f-]{36})/unlink")
        .expect("regex")
        .captures(&security)
        .expect("an unlink form")[1]
        .to_owned();
    let action = format!("/u/0/identities/{id}/unlink");
    site.post_account_form("/u/0/security", &action, &[]).await
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn linking_from_the_security_page_then_unlinking(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    jo(&site).await;
    let (_, security) = site.get("/u/0/security").await;
    assert!(
        security.contains("Sign in with Test ID instead"),
        "{security}"
    );

    let r = link_from_security(&site, &provider, BOB).await;
    let confirm = location(&r);
    assert!(
        confirm.starts_with("/u/0/identities/confirm?t="),
        "{confirm}"
    );
    let (_, page) = site.get(&confirm).await;
    assert!(
        page.contains("bob@example.com") && page.contains("Jo"),
        "{page}"
    );
    let t = confirm.split("t=").nth(1).expect("token").to_owned();
    // The last step is Jo's own password, as Windows asks for the local one.
    let r = site
        .post_account_form(
            &confirm,
            "/u/0/identities/confirm",
            &[("t", &t), ("confirm_password", "not the password")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("body").contains("That password isn"));
    let r = site
        .post_account_form(
            &confirm,
            "/u/0/identities/confirm",
            &[("t", &t), ("confirm_password", PASSWORD)],
        )
        .await;
    assert_eq!(location(&r), "/u/0/identities/linked?provider=test");
    let (_, linked) = site.get("/u/0/identities/linked?provider=test").await;
    assert!(
        linked.contains("Skip for now"),
        "the passkey offer never dead-ends: {linked}"
    );
    let (_, security) = site.get("/u/0/security").await;
    assert!(
        security.contains("bob@example.com") && security.contains("Linked "),
        "{security}"
    );

    // Signing in with Bob's identity now signs Jo in.
    let other = site.another_browser();
    let auth = start_sign_in(&other).await;
    let (r, _) = through_provider(&other, &provider, &auth, BOB).await;
    assert_eq!(location(&r), "/u/0/");
    let (_, home) = other.get("/u/0/").await;
    assert!(home.contains("Hello, Jo"), "{home}");

    // Jo keeps a password and an address: unlinking is allowed.
    let r = unlink_first(&site).await;
    assert_eq!(location(&r), "/u/0/security?done=unlinked");
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("Linked your test account")
            && activity.contains("Unlinked your test account"),
        "{activity}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_identity_linked_elsewhere_is_refused_and_the_only_way_in_stays(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, false).await;
    // Bob's account exists only through the provider: no password, no verified address.
    let auth = start_sign_in(&site).await;
    let (r, _) = through_provider(&site, &provider, &auth, BOB).await;
    let new = location(&r);
    let (_, page) = site.get(&new).await;
    assert_eq!(create_from(&site, &new, &page, "Bob").await, "/u/0/");
    let r = unlink_first(&site).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.expect("body");
    assert!(page.contains("the only way into your account"), "{page}");

    // Jo, in another browser, tries to link Bob's identity: refused, Bob's link stays.
    let jo_browser = site.another_browser();
    jo(&jo_browser).await;
    let r = link_from_security(&jo_browser, &provider, BOB).await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("already linked to another Portico account")
    );
    let owners: i64 =
        sqlx::query_scalar("select count(*) from external_identities where subject = 'bob'")
            .fetch_one(&site.app.db)
            .await
            .expect("count");
    assert_eq!(owners, 1);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn i_already_have_an_account_links_it_after_its_password(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    let auth = start_sign_in(&site).await;
    let (r, _) = through_provider(&site, &provider, &auth, ALICE).await;
    let new = location(&r);
    let (_, page) = site.get(&new).await;
    let link = regex::Regex::new(r#"id="link-existing" href="([^"]+)""#)
        .expect("regex")
        .captures(&page)
        .expect("the link")[1]
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(link.starts_with("/signin?next="), "{link}");
    let (_, signin) = site.get(&link).await;
    let next = regex::Regex::new(r#"name="next" value="([^"]+)""#)
        .expect("regex")
        .captures(&signin)
        .expect("next carried")[1]
        .replace("&#38;", "&")
        .replace("&#61;", "=");
    let r = site
        .sign_in_with(&[
            ("address", "jo@example.com"),
            ("password", PASSWORD),
            ("next", &next),
        ])
        .await;
    let confirm = location(&r);
    assert!(
        confirm.starts_with("/u/0/identities/confirm?t="),
        "{confirm}"
    );
    let t = confirm.split("t=").nth(1).expect("token").to_owned();
    let r = site
        .post_account_form(
            &confirm,
            "/u/0/identities/confirm",
            &[("t", &t), ("confirm_password", PASSWORD)],
        )
        .await;
    assert_eq!(location(&r), "/u/0/identities/linked?provider=test");
    let linked: Option<String> = sqlx::query_scalar(
        "select a.display_name from external_identities i join accounts a on a.id = i.account_id
         where i.subject = 'alice'",
    )
    .fetch_optional(&site.app.db)
    .await
    .expect("query");
    assert_eq!(
        linked.as_deref(),
        Some("Jo"),
        "never linked by email: only by choice"
    );
}

/// The hidden fields of the form on `html` that posts to `action`, unescaped.
fn hidden_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!(r#"action="{action}""#))
        .unwrap_or_else(|| panic!("a form to {action} in {html}"));
    let form = &html[start..start + html[start..].find("</form>").expect("form end")];
    regex::Regex::new(r#"<input type="hidden" name="([^"]+)" value="([^"]*)">"#)
        .expect("regex")
        .captures_iter(form)
        .map(|c| {
            (
                c[1].to_owned(),
                c[2].replace("&#38;", "&").replace("&#64;", "@"),
            )
        })
        .collect()
}

async fn post_fields(site: &Site, action: &str, fields: &[(String, String)]) -> reqwest::Response {
    site.http
        .post(site.server.url(action))
        .header("origin", &site.server.base_url)
        .form(fields)
        .send()
        .await
        .expect("post")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_account_without_a_password_confirms_with_a_code_or_its_provider(pool: PgPool) {
    let provider = OidcProvider::start().await.expect("provider");
    let site = site_with(pool, &provider.issuer, true).await;
    assert_eq!(create_alice(&site, &provider).await, "/u/0/");
    site.clock.advance(time::Duration::minutes(11));

    // Adding an address needs a recent sign-in: the confirmation offers a code (no
    // password) and the provider, and carries the form.
    let r = site
        .post_account_form(
            "/u/0/info",
            "/u/0/aliases/add",
            &[("kind", "email"), ("address", "alice.work@example.com")],
        )
        .await;
    let page = r.text().await.expect("body");
    assert!(
        page.contains("send a code to <strong class=\"destination\">a•••@example.com")
            && page.contains("Confirm with Test ID")
            && !page.contains("confirm_password"),
        "{page}"
    );
    let fields = hidden_fields(&page, "/u/0/confirm");
    assert!(
        fields.contains(&("address".to_owned(), "alice.work@example.com".to_owned())),
        "{fields:?}"
    );
    let r = post_fields(&site, "/u/0/confirm/code", &fields).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    let mut fields = hidden_fields(&page, "/u/0/confirm");
    assert!(fields.iter().any(|(k, _)| k == "challenge"), "{page}");
    let code = crate::support::code_in(&site.last_message_to("alice@example.com").await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut wrong_fields = fields.clone();
    wrong_fields.push(("code".to_owned(), wrong.to_owned()));
    let r = post_fields(&site, "/u/0/confirm", &wrong_fields).await;
    assert_eq!(r.status(), 422, "a wrong code is refused");
    assert!(
        r.text().await.expect("body").contains("That code didn"),
        "with its reason"
    );
    fields.push(("code".to_owned(), code));
    let r = post_fields(&site, "/u/0/confirm", &fields).await;
    assert_eq!(
        r.status(),
        307,
        "the form goes on: {}",
        r.text().await.unwrap_or_default()
    );
    assert_eq!(location(&r), "/u/0/aliases/add");

    // Later, the provider confirms it again; another identity at it does not.
    site.clock.advance(time::Duration::minutes(11));
    let (_, before) = site.get("/u/0/security").await;
    assert!(!before.contains("You confirmed it"), "the window is closed");
    let auth = confirm_with_provider(&site).await;
    let (r, _) = through_provider(&site, &provider, &auth, BOB).await;
    assert_eq!(
        r.status(),
        403,
        "Bob's identity is not linked to Alice's account"
    );
    let auth = confirm_with_provider(&site).await;
    let (r, _) = through_provider(&site, &provider, &auth, ALICE).await;
    assert_eq!(location(&r), "/u/0/security");
    let (_, after) = site.get("/u/0/security").await;
    assert!(
        after.contains("You confirmed it"),
        "the window is open: {after}"
    );
}

/// "Confirm with Test ID" (back to the Security page): answers the provider's URL.
async fn confirm_with_provider(site: &Site) -> String {
    let r = site
        .post_account_form(
            "/u/0/security",
            "/u/0/confirm/provider",
            &[("provider", "test"), ("back", "/u/0/security")],
        )
        .await;
    assert_eq!(r.status(), 303);
    location(&r)
}
