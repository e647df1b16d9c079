//! Every query about known browsers and sign-in alerts. Functions take a connection, so
//! the caller owns the transaction.

use sqlx::PgConnection;
use sqlx::types::ipnetwork::IpNetwork;
use time::OffsetDateTime;
use uuid::Uuid;

use super::rules::Seen;

/// Records that the account used the browser now, answering what it knew before.
pub async fn remember(
    conn: &mut PgConnection,
    account_id: Uuid,
    browser_hash: &[u8],
    now: OffsetDateTime,
) -> sqlx::Result<Seen> {
    let before = sqlx::query!(
        r#"select (select last_seen_at from known_browsers
                   where account_id = $1 and browser_hash = $2) as last,
                  exists (select 1 from known_browsers
                          where account_id = $1 and browser_hash <> $2) as "others!""#,
        account_id,
        browser_hash
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into known_browsers (account_id, browser_hash, first_seen_at, last_seen_at)
         values ($1, $2, $3, $3)
         on conflict (account_id, browser_hash) do update set last_seen_at = excluded.last_seen_at",
        account_id,
        browser_hash,
        now
    )
    .execute(conn)
    .await?;
    Ok(Seen {
        last: before.last,
        others: before.others,
    })
}

/// An alert as it is raised.
#[derive(Debug)]
pub struct NewAlert<'a> {
    pub id: Uuid,
    pub account_id: Uuid,
    pub session_id: Uuid,
    pub token_hash: &'a [u8],
    pub expires_at: OffsetDateTime,
    pub method: &'a str,
    pub ip: Option<IpNetwork>,
    pub user_agent: Option<&'a str>,
}

pub async fn insert(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    alert: &NewAlert<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into sign_in_alerts
            (id, account_id, session_id, token_hash, created_at, expires_at, method, ip, user_agent)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        alert.id,
        alert.account_id,
        alert.session_id,
        alert.token_hash,
        now,
        alert.expires_at,
        alert.method,
        alert.ip,
        alert.user_agent
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An alert found by its link.
#[derive(Debug)]
pub struct Alert {
    pub id: Uuid,
    pub account_id: Uuid,
    pub session_id: Uuid,
    pub created_at: OffsetDateTime,
    pub ip: Option<IpNetwork>,
    pub user_agent: Option<String>,
    pub answer: Option<String>,
}

/// The alert whose link holds `token_hash`, while it can be answered; locked.
pub async fn by_token(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: OffsetDateTime,
) -> sqlx::Result<Option<Alert>> {
    sqlx::query_as!(
        Alert,
        "select id, account_id, session_id, created_at, ip, user_agent, answer
         from sign_in_alerts where token_hash = $1 and expires_at > $2 for update",
        token_hash,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Records the answer, once.
pub async fn answer(
    conn: &mut PgConnection,
    id: Uuid,
    answer: &str,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update sign_in_alerts set answer = $2, answered_at = $3 where id = $1 and answer is null",
        id,
        answer,
        now
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The answers given to alerts among `ids` (`None`: not answered yet).
pub async fn answers(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> sqlx::Result<Vec<(Uuid, Option<String>)>> {
    Ok(sqlx::query!(
        "select id, answer from sign_in_alerts where id = any($1)",
        ids
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.answer))
    .collect())
}

/// Forgets browsers unused past their recognition, and alerts as old as the activity that
/// names them (their links stop working long before).
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let browsers = sqlx::query!(
        "delete from known_browsers where last_seen_at < $1",
        now - super::rules::KNOWN_FOR
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let alerts = sqlx::query!(
        "delete from sign_in_alerts where created_at < $1",
        now - crate::audit::RETENTION
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(browsers + alerts)
}
