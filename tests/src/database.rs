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
