//! The queries of "Confirm it's you": which ways the account has.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::contact::Destination;

/// Whether the account has a password, and the verified alias a code goes to (the primary
/// first, else the oldest).
pub async fn password_and_code_to(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<(bool, Option<Destination>)> {
    let row = sqlx::query!(
        r#"select a.password_hash is not null as "password!", l.kind as "kind?", l.value as "value?"
         from accounts a
         left join lateral (
             select kind, value from aliases
             where account_id = a.id and verified_at is not null
             order by is_primary desc, created_at limit 1
         ) l on true
         where a.id = $1"#,
        account_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map_or((false, None), |r| {
        let code_to = r
            .kind
            .zip(r.value)
            .and_then(|(k, v)| Destination::from_stored(&k, &v));
        (r.password, code_to)
    }))
}

/// The providers the account has linked identities at.
pub async fn linked_providers(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select distinct provider_id from external_identities where account_id = $1",
        account_id
    )
    .fetch_all(conn)
    .await
}
