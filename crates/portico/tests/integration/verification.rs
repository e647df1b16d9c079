//! Challenges against a real database, with a clock that moves only when told to.

use portico::clock::{Clock, ManualClock};
use portico::config::SecretKey;
use portico::contact::{Destination, EmailAddress};
use portico::crypto::Keys;
use portico::verification::challenges::{self, Purpose};
use portico::verification::{Code, CodePolicy, ResendError, VerifyError};
use sqlx::PgPool;
use time::Duration;

fn keys() -> Keys {
    Keys::derive(&SecretKey::parse("verification-test-secret-0123456789").expect("key"))
}

fn destination() -> Destination {
    Destination::Email(EmailAddress::parse("Jo@Example.com").expect("email"))
}

/// A code guaranteed to differ from `code`.
fn wrong(code: &Code) -> Code {
    let other = if code.as_str() == "000000" {
        "000001"
    } else {
        "000000"
    };
    Code::parse(other).expect("code")
}

async fn issue(pool: &PgPool, clock: &ManualClock) -> challenges::Issued {
    let mut conn = pool.acquire().await.expect("conn");
    challenges::issue(
        &mut conn,
        &keys(),
        &CodePolicy::default(),
        clock.now(),
        Purpose::SignUp,
        None,
        &destination(),
    )
    .await
    .expect("issue")
}

async fn verify(
    pool: &PgPool,
    clock: &ManualClock,
    id: uuid::Uuid,
    code: &Code,
) -> Result<challenges::Verified, VerifyError> {
    challenges::verify(pool, &keys(), &CodePolicy::default(), clock.now(), id, code).await
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_right_code_works_once(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let issued = issue(&pool, &clock).await;
    let verified = verify(&pool, &clock, issued.id, &issued.code)
        .await
        .expect("verified");
    assert_eq!(verified.destination, "jo@example.com");
    assert_eq!(verified.purpose, Purpose::SignUp);
    let again = verify(&pool, &clock, issued.id, &issued.code).await;
    assert!(matches!(again, Err(VerifyError::AlreadyUsed)), "{again:?}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn only_a_hash_of_the_code_is_stored(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let issued = issue(&pool, &clock).await;
    let row: (Vec<u8>, String) =
        sqlx::query_as("select code_hash, row_to_json(c)::text from challenges c where id = $1")
            .bind(issued.id)
            .fetch_one(&pool)
            .await
            .expect("row");
    assert_eq!(row.0.len(), 32);
    assert!(
        !row.1.contains(issued.code.as_str()),
        "the code itself is nowhere in the row"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn five_wrong_tries_kill_the_code_even_for_the_right_one(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let issued = issue(&pool, &clock).await;
    let bad = wrong(&issued.code);
    for left in (1..=4).rev() {
        let result = verify(&pool, &clock, issued.id, &bad).await;
        assert!(
            matches!(result, Err(VerifyError::WrongCode { attempts_left }) if attempts_left == left),
            "{result:?}"
        );
    }
    let fifth = verify(&pool, &clock, issued.id, &bad).await;
    assert!(
        matches!(fifth, Err(VerifyError::TooManyAttempts)),
        "{fifth:?}"
    );
    let sixth = verify(&pool, &clock, issued.id, &issued.code).await;
    assert!(
        matches!(sixth, Err(VerifyError::TooManyAttempts)),
        "the right code is refused too: {sixth:?}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn codes_expire_after_ten_minutes(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let issued = issue(&pool, &clock).await;
    clock.advance(Duration::minutes(10) - Duration::seconds(1));
    let status = challenges::status(&pool, &CodePolicy::default(), issued.id)
        .await
        .expect("status")
        .expect("exists");
    assert!(!status.finished);
    clock.advance(Duration::seconds(1));
    let result = verify(&pool, &clock, issued.id, &issued.code).await;
    assert!(matches!(result, Err(VerifyError::Expired)), "{result:?}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn resend_waits_grow_keep_attempts_and_replace_the_code(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let policy = CodePolicy::default();
    let first = issue(&pool, &clock).await;
    let bad = wrong(&first.code);
    for _ in 0..3 {
        let _ = verify(&pool, &clock, first.id, &bad).await;
    }

    clock.advance(Duration::seconds(59));
    let mut conn = pool.acquire().await.expect("conn");
    let early = challenges::resend(&mut conn, &keys(), &policy, clock.now(), first.id).await;
    assert!(
        matches!(early, Err(ResendError::TooEarly { wait }) if wait == Duration::seconds(1)),
        "{early:?}"
    );

    clock.advance(Duration::seconds(1));
    let second = challenges::resend(&mut conn, &keys(), &policy, clock.now(), first.id)
        .await
        .expect("resent");
    let early = challenges::resend(&mut conn, &keys(), &policy, clock.now(), first.id).await;
    assert!(
        matches!(early, Err(ResendError::TooEarly { wait }) if wait == Duration::seconds(120)),
        "the second wait is longer: {early:?}"
    );
    drop(conn);

    if first.code != second.code {
        let old = verify(&pool, &clock, first.id, &first.code).await;
        assert!(
            matches!(old, Err(VerifyError::WrongCode { attempts_left: 1 })),
            "old code dead, tries kept: {old:?}"
        );
    } else {
        let _ = verify(&pool, &clock, first.id, &bad).await;
    }
    // Ten minutes after the first send the resent code still works: it has its own lifetime.
    clock.advance(Duration::minutes(9));
    verify(&pool, &clock, first.id, &second.code)
        .await
        .expect("the new code works");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_code_raced_from_two_places_succeeds_once(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let issued = issue(&pool, &clock).await;
    let attempts = (0..4).map(|_| {
        let (pool, clock, code) = (pool.clone(), clock.clone(), issued.code.clone());
        tokio::spawn(async move { verify(&pool, &clock, issued.id, &code).await })
    });
    let mut successes = 0;
    for attempt in attempts {
        match attempt.await.expect("task") {
            Ok(_) => successes += 1,
            Err(VerifyError::AlreadyUsed) => {}
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(successes, 1);
}
