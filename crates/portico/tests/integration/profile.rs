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
    assert!(
        html.contains(&format!(r#"value="{long}""#)),
        "what was typed is kept in the field"
    );
    assert_eq!(html.matches(&long).count(), 1, "and nowhere else");
    assert!(
        html.contains("<strong>Jo</strong>"),
        "the card shows the saved name"
    );
    assert!(
        html.contains(r#"<span class="muted destination">jo@example.com</span>"#),
        "the owner sees their own primary address in full"
    );
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

/// Counts the statements sqlx sends (its `sqlx::query` events) on this thread.
#[derive(Clone, Default)]
struct QueryCounter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        if event.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn your_info_costs_one_query_and_a_touch_a_minute(pool: PgPool) {
    use portico::clock::Clock;
    use tracing_subscriber::layer::SubscriberExt;

    let site = Site::new(pool).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let counter = QueryCounter::default();
    // The test's runtime has one thread, which the server's tasks share.
    let subscriber = tracing_subscriber::registry().with(counter.clone()).with(
        tracing_subscriber::filter::Targets::new()
            .with_target("sqlx::query", tracing::Level::TRACE),
    );
    let _guard = tracing::subscriber::set_default(subscriber);
    let page_queries = || async {
        let before = counter.0.load(std::sync::atomic::Ordering::Relaxed);
        let (status, page) = site.get("/u/0/info").await;
        assert_eq!(status, 200, "{page}");
        counter.0.load(std::sync::atomic::Ordering::Relaxed) - before
    };
    let queries = page_queries().await;
    assert!(queries >= 1, "the counter sees sqlx's statements");
    assert_eq!(
        queries, 1,
        "Your Info's account and aliases come with the session lookup"
    );
    // A minute later the page also records the session's activity: one more, at most.
    site.clock.advance(time::Duration::minutes(2));
    let queries = page_queries().await;
    assert!(queries <= 2, "Your Info took {queries} queries");
    let seen: time::OffsetDateTime =
        sqlx::query_scalar("select max(last_seen_at) from account_sessions")
            .fetch_one(&site.app.db)
            .await
            .expect("sessions");
    assert_eq!(seen, site.clock.now(), "the activity was recorded");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_home_page_links_every_card_and_shows_the_address_in_full(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    site.sign_in("jo@example.com", PASSWORD).await;
    let (_, home) = site.get("/u/0/").await;
    for card in ["info", "security", "devices"] {
        assert!(
            home.contains(&format!(
                r#"<h2 class="card__title"><a href="/u/0/{card}">"#
            )),
            "{card}: {home}"
        );
    }
    assert!(home.contains(r#"<strong class="destination">jo@example.com</strong>"#));
}
