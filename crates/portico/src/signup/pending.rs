//! Sign-ups waiting for their code.

use sqlx::{PgConnection, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::contact::Destination;

/// How long a started sign-up may wait for its code (resends included).
pub const LIFETIME: Duration = Duration::hours(1);

#[derive(Debug, Clone)]
pub struct PendingSignup {
    pub id: Uuid,
    pub display_name: String,
    pub alias_kind: String,
    pub alias_value: String,
    pub password_hash: Option<String>,
    pub challenge_id: Uuid,
    pub expires_at: OffsetDateTime,
    /// The browser's time zone when the form was sent, for the new account.
    pub time_zone: Option<String>,
}

impl PendingSignup {
    /// The address the code went to.
    pub fn destination(&self) -> Option<Destination> {
        Destination::from_stored(&self.alias_kind, &self.alias_value)
    }
}

/// What a new pending sign-up holds.
pub struct NewPending<'a> {
    pub display_name: &'a str,
    pub alias: &'a Destination,
    pub password_hash: Option<&'a str>,
    pub challenge_id: Uuid,
    pub time_zone: Option<crate::i18n::Zone>,
}

impl std::fmt::Debug for NewPending<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPending")
            .field("alias", &self.alias)
            .field("challenge_id", &self.challenge_id)
            .finish_non_exhaustive()
    }
}

pub async fn insert(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    new: &NewPending<'_>,
) -> sqlx::Result<Uuid> {
    // Random, not time-ordered: the id is in the code page's address.
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into pending_signups
            (id, display_name, alias_kind, alias_value, password_hash, challenge_id, created_at, expires_at, time_zone)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        id,
        new.display_name,
        new.alias.kind(),
        new.alias.address(),
        new.password_hash,
        new.challenge_id,
        now,
        now + LIFETIME,
        new.time_zone.map(|z| z.name())
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// A sign-up still waiting, or `None` if unknown, finished or expired.
pub async fn find(
    pool: &PgPool,
    now: OffsetDateTime,
    id: Uuid,
) -> sqlx::Result<Option<PendingSignup>> {
    sqlx::query_as!(
        PendingSignup,
        "select id, display_name, alias_kind, alias_value, password_hash, challenge_id, expires_at, time_zone
         from pending_signups where id = $1 and expires_at > $2",
        id,
        now
    )
    .fetch_optional(pool)
    .await
}

pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("delete from pending_signups where id = $1", id)
        .execute(conn)
        .await?;
    Ok(())
}
