//! Aliases keep the form people read, worked out when written; rows from before are filled in
//! at start, and pages read the same either way.

use portico::contact::{Destination, PhoneNumber};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{PASSWORD, Site};

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_phone_alias_reads_the_same_stored_readable_or_filled_in_later(pool: PgPool) {
    let site = Site::new(pool).await;
    let phone = PhoneNumber::parse("+44 7911 123456", None).expect("phone");
    let account = site
        .account("Jo", Destination::Phone(phone.clone()), None)
        .await;
    let stored: Option<String> =
        sqlx::query_scalar("select readable from aliases where account_id = $1")
            .bind(account)
            .fetch_one(&site.app.db)
            .await
            .expect("readable");
    assert_eq!(
        stored.as_deref(),
        Some("+44 7911 123456"),
        "worked out at write time"
    );
    // A second address written as an older release did: no readable form.
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
         values ($1, $2, 'phone', '+14155552671', '+14155552671', now(), now())",
    )
    .bind(Uuid::now_v7())
    .bind(account)
    .execute(&site.app.db)
    .await
    .expect("old row");

    let (status, _, _) = site.sign_in("+447911123456", PASSWORD).await;
    assert_eq!(status, 303);
    let (_, before) = site.get("/u/0/info").await;
    assert!(
        before.contains("+44 7911 123456") && before.contains("+1 415-555-2671"),
        "both read as people write them, the old row parsed: {before}"
    );

    let filled = portico::db::fill_alias_readable(&site.app.db)
        .await
        .expect("fill");
    assert_eq!(filled, 1, "only the old row needed it");
    let (_, after) = site.get("/u/0/info").await;
    assert_eq!(
        before.matches("+1 415-555-2671").count(),
        after.matches("+1 415-555-2671").count(),
        "the page reads the same from the stored form"
    );
    assert!(
        after.contains("+44 ••• 56"),
        "the menu's masked form: {after}"
    );
    assert_eq!(
        portico::db::fill_alias_readable(&site.app.db)
            .await
            .expect("again"),
        0
    );
}
