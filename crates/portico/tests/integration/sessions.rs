//! Sessions against a real database: rotation, positions, limits and expiry.

use portico::auth::accounts;
use portico::clock::{Clock, ManualClock};
use portico::contact::{Destination, EmailAddress};
use portico::sessions::account::TOUCH_EVERY;
use portico::sessions::store::{self, MAX_ACCOUNTS, SignInError};
use portico::sessions::{SessionPolicy, SessionToken, SignIn};
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

async fn account(pool: &PgPool, clock: &ManualClock, n: usize) -> Uuid {
    let mut conn = pool.acquire().await.expect("conn");
    let alias =
        Destination::Email(EmailAddress::parse(&format!("user{n}@example.com")).expect("email"));
    accounts::create(&mut conn, clock.now(), &format!("User {n}"), None, &alias)
        .await
        .expect("account")
}

async fn sign_in(
    pool: &PgPool,
    clock: &ManualClock,
    current: Option<&SessionToken>,
    account_id: Uuid,
    keep: bool,
) -> Result<store::SignedInAt, SignInError> {
    let mut tx = pool.begin().await.expect("tx");
    let who = SignIn {
        account_id,
        keep_signed_in: keep,
        method: "password",
        ip: "192.0.2.1".parse().ok(),
        user_agent: Some("test".into()),
        browser: None,
    };
    let result = store::sign_in(
        &mut tx,
        &SessionPolicy::default(),
        clock.now(),
        current,
        &who,
    )
    .await;
    tx.commit().await.expect("commit");
    result
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn each_sign_in_rotates_the_token_and_takes_the_next_position(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let (a, b) = (
        account(&pool, &clock, 1).await,
        account(&pool, &clock, 2).await,
    );
    let first = sign_in(&pool, &clock, None, a, false).await.expect("a");
    assert_eq!(first.position, 0);
    let second = sign_in(&pool, &clock, Some(&first.token), b, false)
        .await
        .expect("b");
    assert_eq!(second.position, 1);
    assert_ne!(first.token, second.token);
    assert!(
        store::accounts(&pool, clock.now(), &first.token)
            .await
            .expect("load")
            .is_empty(),
        "the old token is dead"
    );
    let held = store::accounts(&pool, clock.now(), &second.token)
        .await
        .expect("load");
    assert_eq!(
        held.iter()
            .map(|s| (s.position, s.account_id))
            .collect::<Vec<_>>(),
        vec![(0, a), (1, b)]
    );
    assert_eq!(held[0].primary_alias(), Some("user1@example.com"));
    assert!(
        held.iter().all(|s| s.elevated && !s.expired),
        "a fresh sign-in counts as recent"
    );

    // Signing in to an account that is already there keeps its position.
    let again = sign_in(&pool, &clock, Some(&second.token), a, true)
        .await
        .expect("a again");
    assert_eq!(again.position, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_eleventh_account_is_refused(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let mut token = None;
    for n in 0..MAX_ACCOUNTS {
        let id = account(&pool, &clock, usize::try_from(n).expect("n")).await;
        token = Some(
            sign_in(&pool, &clock, token.as_ref(), id, false)
                .await
                .expect("signed in")
                .token,
        );
    }
    let extra = account(&pool, &clock, 99).await;
    let result = sign_in(&pool, &clock, token.as_ref(), extra, false).await;
    assert!(
        matches!(result, Err(SignInError::TooManyAccounts)),
        "{result:?}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sessions_expire_when_idle_or_too_old(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let policy = SessionPolicy::default();
    let (a, b) = (
        account(&pool, &clock, 1).await,
        account(&pool, &clock, 2).await,
    );
    let short = sign_in(&pool, &clock, None, a, false).await.expect("a");
    let kept = sign_in(&pool, &clock, Some(&short.token), b, true)
        .await
        .expect("b");
    clock.advance(Duration::hours(13));
    let held = store::accounts(&pool, clock.now(), &kept.token)
        .await
        .expect("load");
    assert!(held[0].expired, "12 hours idle without 'keep me signed in'");
    assert!(!held[1].expired);
    assert!(!held[1].elevated, "re-authentication lasts 10 minutes");

    // Activity keeps a kept session alive, but never past 90 days.
    for _ in 0..10 {
        clock.advance(Duration::days(10));
        store::touch(&pool, &policy, clock.now(), held[1].session_id)
            .await
            .expect("touch");
    }
    let held = store::accounts(&pool, clock.now(), &kept.token)
        .await
        .expect("load");
    assert!(held[1].expired, "absolute expiry after 90 days");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn signing_out_one_account_or_all(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let (a, b) = (
        account(&pool, &clock, 1).await,
        account(&pool, &clock, 2).await,
    );
    let first = sign_in(&pool, &clock, None, a, false).await.expect("a");
    let both = sign_in(&pool, &clock, Some(&first.token), b, false)
        .await
        .expect("b");
    let at_zero = store::accounts(&pool, clock.now(), &both.token)
        .await
        .expect("load")[0]
        .session_id;
    let mut conn = pool.acquire().await.expect("conn");
    assert!(
        store::end_session(&mut conn, a, at_zero, clock.now())
            .await
            .expect("sign out")
    );
    assert!(
        !store::end_session(&mut conn, a, at_zero, clock.now())
            .await
            .expect("again"),
        "an ended session ends once"
    );
    let held = store::accounts(&pool, clock.now(), &both.token)
        .await
        .expect("load");
    assert_eq!(
        held.iter().map(|s| s.account_id).collect::<Vec<_>>(),
        vec![b]
    );
    let signed_out = store::sign_out_all(&mut conn, &both.token)
        .await
        .expect("all");
    assert_eq!(signed_out, vec![b], "only the accounts still signed in");
    assert!(
        store::accounts(&pool, clock.now(), &both.token)
            .await
            .expect("load")
            .is_empty()
    );
}

/// Pages reuse the session lookup's connection for their own queries and for recording
/// activity; with one connection in the whole pool, a page that holds it and needs another
/// would wait for itself until the acquire timeout (503). Forms release it at once.
#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_pool_of_one_connection_serves_pages_and_forms(pool: PgPool) {
    let database: String = sqlx::query_scalar("select current_database()")
        .fetch_one(&pool)
        .await
        .expect("the test database");
    let one = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(2))
        .connect_with(pool.connect_options().as_ref().clone().database(&database))
        .await
        .expect("a pool of one");
    let site = crate::support::Site::new(one).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = site
        .sign_in("jo@example.com", crate::support::PASSWORD)
        .await;
    assert_eq!(status, 303);
    // Past the touch interval, so that the next page records activity too.
    site.clock.advance(TOUCH_EVERY + Duration::seconds(1));
    for page in [
        "/u/0/info",
        "/u/0/security",
        "/u/0/activity",
        "/u/0/devices",
    ] {
        let (status, _) = site.get(page).await;
        assert_eq!(status, 200, "{page}");
    }
    let r = site
        .post_account_form("/u/0/info", "/u/0/info/name", &[("display_name", "Jo M")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = site.get("/u/0/info").await;
    assert!(html.contains("Jo M"));
}
