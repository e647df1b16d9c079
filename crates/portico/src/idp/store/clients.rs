//! Clients: the apps, from the configuration file or `portico admin clients`.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use crate::idp::config::Client;
use crate::idp::config::{Alg, SubjectType};

/// A client row, turned into a [`Client`] (rows the checks would refuse are skipped).
struct ClientRow {
    id: String,
    name: String,
    secret_hash: Option<Vec<u8>>,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    scopes: Vec<String>,
    first_party: bool,
    subject_type: String,
    signing_alg: String,
    from_config: bool,
}

impl ClientRow {
    fn into_client(self) -> Option<(Client, bool)> {
        let secret_hash = match self.secret_hash {
            Some(bytes) => Some(<[u8; 32]>::try_from(bytes).ok()?),
            None => None,
        };
        let client = Client {
            id: self.id,
            name: self.name,
            secret_hash,
            redirect_uris: self.redirect_uris,
            post_logout_redirect_uris: self.post_logout_redirect_uris,
            scopes: self.scopes,
            first_party: self.first_party,
            subject_type: SubjectType::parse(&self.subject_type)?,
            signing_alg: Alg::parse(&self.signing_alg)?,
        };
        Some((client, self.from_config))
    }
}

pub async fn client(db: impl PgExecutor<'_>, id: &str) -> sqlx::Result<Option<Client>> {
    let row = sqlx::query_as!(
        ClientRow,
        "select id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes,
                first_party, subject_type, signing_alg, from_config
         from oidc_clients where id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(ClientRow::into_client).map(|(c, _)| c))
}

/// Every client, with whether it comes from the configuration file.
pub async fn clients(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(Client, bool)>> {
    let rows = sqlx::query_as!(
        ClientRow,
        "select id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes,
                first_party, subject_type, signing_alg, from_config
         from oidc_clients order by id"
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(ClientRow::into_client)
        .collect())
}

/// Writes a client (`from_config` says whose it is), replacing one of the same id.
pub async fn put_client(
    conn: &mut PgConnection,
    client: &Client,
    from_config: bool,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_clients
            (id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, first_party,
             subject_type, signing_alg, from_config, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (id) do update set
            name = excluded.name, secret_hash = excluded.secret_hash,
            redirect_uris = excluded.redirect_uris,
            post_logout_redirect_uris = excluded.post_logout_redirect_uris,
            scopes = excluded.scopes, first_party = excluded.first_party,
            subject_type = excluded.subject_type, signing_alg = excluded.signing_alg,
            from_config = excluded.from_config",
        client.id,
        client.name,
        client.secret_hash.map(|h| h.to_vec()),
        &client.redirect_uris,
        &client.post_logout_redirect_uris,
        &client.scopes,
        client.first_party,
        client.subject_type.as_str(),
        client.signing_alg.as_str(),
        from_config,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the clients from the configuration file that it no longer lists (their grants
/// and tokens go with them).
pub async fn remove_config_clients_except(
    conn: &mut PgConnection,
    keep: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from oidc_clients where from_config and not (id = any($1))",
        keep
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn remove_client(conn: &mut PgConnection, id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from oidc_clients where id = $1", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_client_secret(
    conn: &mut PgConnection,
    id: &str,
    hash: [u8; 32],
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update oidc_clients set secret_hash = $2 where id = $1 and secret_hash is not null",
        id,
        hash.to_vec()
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
