//! The account's sign-in aliases: its email addresses and phone numbers.

pub mod rules;

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::contact::Destination;

/// One alias as Your Info lists it.
#[derive(Debug, Clone)]
pub struct Alias {
    pub id: Uuid,
    pub destination: Destination,
    pub verified: bool,
    pub is_primary: bool,
    pub sign_in_allowed: bool,
    pub created_at: OffsetDateTime,
}

/// The account's creation time and its aliases (primary first, then by age), in one query.
pub async fn of_account(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Option<(OffsetDateTime, Vec<Alias>)>> {
    type Row = (
        OffsetDateTime,
        Option<Uuid>,
        Option<String>,
        Option<String>,
        Option<OffsetDateTime>,
        Option<bool>,
        Option<bool>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select a.created_at, l.id, l.kind, l.value, l.verified_at, l.is_primary,
                l.sign_in_allowed, l.created_at
         from accounts a left join aliases l on l.account_id = a.id
         where a.id = $1
         order by l.is_primary desc, l.created_at, l.id",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    let Some(created) = rows.first().map(|r| r.0) else {
        return Ok(None);
    };
    let aliases = rows
        .into_iter()
        .filter_map(|(_, id, kind, value, verified_at, primary, sign_in, at)| {
            Some(Alias {
                id: id?,
                destination: Destination::from_stored(kind.as_deref()?, value.as_deref()?)?,
                verified: verified_at.is_some(),
                is_primary: primary?,
                sign_in_allowed: sign_in?,
                created_at: at?,
            })
        })
        .collect();
    Ok(Some((created, aliases)))
}
