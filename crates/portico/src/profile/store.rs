//! The account's reading preferences: its language and time zone.

use sqlx::PgExecutor;
use uuid::Uuid;

use crate::i18n::Lang;

pub async fn set_language(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    lang: Lang,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set language = $2 where id = $1",
        account_id,
        lang.tag()
    )
    .execute(db)
    .await?;
    Ok(())
}

/// `None` shows times in UTC again.
pub async fn set_time_zone(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    zone: Option<crate::i18n::Zone>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set time_zone = $2 where id = $1",
        account_id,
        zone.map(|z| z.name())
    )
    .execute(db)
    .await?;
    Ok(())
}
