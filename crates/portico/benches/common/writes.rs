//! What the database wrote for a benchmark's operations: write transactions and WAL bytes,
//! the figures capacity planning needs (docs/scaling.md).

/// A point in PostgreSQL's history: the newest transaction id and the WAL position, so that
/// what happened between two marks can be told (write transactions, WAL bytes).
#[derive(Debug, Clone)]
pub struct WriteMark {
    xid: i64,
    lsn: String,
}

/// Marks now. Reading the transaction id takes one itself, which [`writes_since`] discounts.
pub async fn write_mark(pool: &sqlx::PgPool) -> WriteMark {
    let (xid, lsn): (i64, String) =
        sqlx::query_as("select pg_current_xact_id()::text::bigint, pg_current_wal_lsn()::text")
            .fetch_one(pool)
            .await
            .expect("a write mark");
    WriteMark { xid, lsn }
}

/// Write transactions and WAL bytes per operation since `before`, for `ops` operations:
/// "3.0 write transactions, 2.1 KiB of WAL".
pub async fn writes_since(pool: &sqlx::PgPool, before: &WriteMark, ops: usize) -> String {
    let after = write_mark(pool).await;
    let wal: f64 = sqlx::query_scalar("select pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8")
        .bind(&after.lsn)
        .bind(&before.lsn)
        .fetch_one(pool)
        .await
        .expect("WAL difference");
    let ops = ops as f64;
    format!(
        "{:.1} write transactions, {:.1} KiB of WAL",
        (after.xid - before.xid - 1) as f64 / ops,
        wal / 1024.0 / ops
    )
}
