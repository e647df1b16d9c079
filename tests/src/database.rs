//! A fresh, empty database for each test, on the PostgreSQL the test command started
//! (`DATABASE_URL` names its admin database).

use anyhow::Context;
use sqlx::{Connection, PgConnection};

/// Creates a database with a unique name and returns its URL.
pub async fn fresh_database() -> anyhow::Result<String> {
    let admin = std::env::var("DATABASE_URL").context(
        "DATABASE_URL is not set: run the suite with scripts/test, which starts PostgreSQL",
    )?;
    let name = format!("portico_bb_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::connect(&admin)
        .await
        .with_context(|| "cannot connect to the test PostgreSQL (DATABASE_URL)")?;
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let mut url = url::Url::parse(&admin)?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

/// A linked PC of a new account, written straight into the database at `db` (a sqlx URL):
/// the device token an agent would have been given.
pub async fn device_token(db: &str) -> anyhow::Result<String> {
    use base64::Engine;
    use rand::RngCore;
    use sha2::Digest;

    let mut conn = PgConnection::connect(db).await?;
    let account = uuid::Uuid::now_v7();
    let device = uuid::Uuid::now_v7();
    sqlx::query("insert into accounts (id, display_name, created_at) values ($1, 'Jo', now())")
        .bind(account)
        .execute(&mut conn)
        .await?;
    sqlx::query(
        "insert into devices (id, account_id, name, linked_at) values ($1, $2, 'JO-PC', now())",
    )
    .bind(device)
    .bind(account)
    .execute(&mut conn)
    .await?;
    // 32 random bytes in base64url, as the portal makes them; only their hash is kept.
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash: [u8; 32] = sha2::Sha256::digest(token.as_bytes()).into();
    sqlx::query(
        "insert into device_tokens (token_hash, device_id, created_at) values ($1, $2, now())",
    )
    .bind(hash.as_slice())
    .bind(device)
    .execute(&mut conn)
    .await?;
    conn.close().await?;
    Ok(token)
}
