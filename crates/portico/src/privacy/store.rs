//! Every query of the privacy page. Functions take a connection, so the caller owns the
//! transaction.

use sqlx::PgConnection;
use uuid::Uuid;

/// What one PC shares.
#[derive(Debug)]
pub struct PcChoices {
    pub id: Uuid,
    pub name: String,
    pub location: bool,
    pub hardware: bool,
    pub recovery_keys: bool,
    /// Windows (recovery keys are BitLocker's).
    pub windows: bool,
}

pub async fn pc_choices(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<PcChoices>> {
    sqlx::query_as!(
        PcChoices,
        r#"select id, coalesce(custom_name, name) as "name!", location_enabled as location,
                  share_hardware as hardware, backup_recovery_keys as recovery_keys,
                  coalesce(os ilike 'windows%', true) as "windows!"
           from devices where account_id = $1 and removed_at is null
           order by linked_at"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// Whether security notices go to every verified address.
pub async fn notify_all(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar!(
        "select notify_all_aliases from accounts where id = $1",
        account_id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or(false))
}

pub async fn set_notify_all(
    conn: &mut PgConnection,
    account_id: Uuid,
    on: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set notify_all_aliases = $2 where id = $1",
        account_id,
        on
    )
    .execute(conn)
    .await?;
    Ok(())
}
