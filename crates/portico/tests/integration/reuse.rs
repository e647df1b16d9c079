//! `db::reuse`: a connection a page gives back goes to the next page without the pool's
//! round trip, unless it has been out too long, may hold anything, or failed, or someone
//! may be waiting for the pool; at most a quarter of the pool waits; the pool still closes.

use std::time::Duration;

use portico::db::reuse::{Conn, Reuse};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use tokio::task::JoinHandle;

/// Long enough that nothing in a test ages.
const LONG: Duration = Duration::from_secs(3600);

async fn backend(conn: &mut PgConnection) -> i32 {
    sqlx::query_scalar("select pg_backend_pid()")
        .fetch_one(conn)
        .await
        .expect("pid")
}

/// Closes `pool` as a portal stopping would: at once, whatever is kept.
async fn closes(pool: PgPool) {
    tokio::time::timeout(Duration::from_secs(10), pool.close())
        .await
        .expect("the pool closes: every kept connection went back");
}

async fn pool(options: PgPoolOptions, connect: PgConnectOptions, max: u32) -> PgPool {
    options
        .max_connections(max)
        .acquire_timeout(LONG)
        .connect_with(connect)
        .await
        .expect("pool")
}

#[sqlx::test(migrations = false)]
async fn a_connection_given_back_goes_to_the_next_page_not_through_the_pool(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 2).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut first = reuse.acquire().await.expect("conn");
    let pid = backend(&mut first).await;
    drop(first);
    assert_eq!(reuse.kept(), 1);
    assert_eq!(pool.num_idle(), 0, "the pool never had it back");
    let mut next = reuse.acquire().await.expect("conn");
    assert_eq!(backend(&mut next).await, pid);
    assert_eq!(reuse.kept(), 0);
    drop(next);
    closes(pool).await;
}

#[sqlx::test(migrations = false)]
async fn a_connection_out_longer_than_the_recheck_goes_back_to_the_pool(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 2).await;
    let reuse = Reuse::with_recheck(pool.clone(), Duration::ZERO);
    let mut conn = reuse.acquire().await.expect("conn");
    backend(&mut conn).await;
    drop(conn);
    assert_eq!(reuse.kept(), 0);
    closes(pool).await;
}

#[sqlx::test(migrations = false)]
async fn a_connection_that_may_hold_a_transaction_goes_back_to_the_pool(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 2).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);

    // Committed: nothing left, so it is kept.
    let mut done = reuse.acquire().await.expect("conn");
    let tx = (*done).begin().await.expect("begin");
    tx.commit().await.expect("commit");
    drop(done);
    assert_eq!(reuse.kept(), 1);

    // Dropped: its rollback is queued on the connection, not yet sent.
    let mut dropped = reuse.acquire().await.expect("the kept one");
    let mut tx = (*dropped).begin().await.expect("begin");
    sqlx::query("select 1")
        .execute(&mut *tx)
        .await
        .expect("query");
    drop(tx);
    drop(dropped);
    assert_eq!(reuse.kept(), 0, "a rollback not yet sent");

    // Open: the page ended inside its transaction (last: the pool keeps it as it is).
    let mut open = reuse.acquire().await.expect("conn");
    let tx = (*open).begin().await.expect("begin");
    std::mem::forget(tx);
    drop(open);
    assert_eq!(reuse.kept(), 0, "a transaction left open");
    closes(pool).await;
}

#[sqlx::test(migrations = false)]
async fn a_discarded_connection_goes_back_to_the_pool(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 2).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut conn = reuse.acquire().await.expect("conn");
    let failed = sqlx::query("select * from no_such_table")
        .execute(&mut *conn)
        .await;
    assert!(failed.is_err());
    conn.discard();
    assert_eq!(reuse.kept(), 0);
    closes(pool).await;
}

/// `waiting` (its connection's backend pid) is served at once when `page`, the pool's only
/// connection (backend `pid`), is given back: kept for pages, it would wait until the
/// connection aged (an hour in these tests).
async fn served_at_once(page: Conn, pid: i32, waiting: JoinHandle<i32>) {
    // The waiter runs until it waits on the pool (this test's runtime has one thread).
    tokio::task::yield_now().await;
    assert!(!waiting.is_finished());
    drop(page);
    let got = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("served at once")
        .expect("task");
    assert_eq!(got, pid);
}

#[sqlx::test(migrations = false)]
async fn a_page_waiting_on_a_full_pool_gets_the_connection_another_gives_back_at_once(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 1).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut page = reuse.acquire().await.expect("conn");
    let pid = backend(&mut page).await;
    let waiting = tokio::spawn({
        let reuse = reuse.clone();
        async move { backend(&mut reuse.acquire().await.expect("conn")).await }
    });
    served_at_once(page, pid, waiting).await;
    closes(pool).await;
}

#[sqlx::test(migrations = false)]
async fn the_pool_closes_with_connections_kept(options: PgPoolOptions, connect: PgConnectOptions) {
    let pool = pool(options, connect, 2).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut conn = reuse.acquire().await.expect("conn");
    backend(&mut conn).await;
    drop(conn);
    assert_eq!(reuse.kept(), 1);
    closes(pool).await;
    assert_eq!(reuse.kept(), 0);
}

#[sqlx::test(migrations = false)]
async fn at_most_a_quarter_of_the_pool_waits_for_pages(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 8).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut out = Vec::new();
    for _ in 0..4 {
        let mut conn = reuse.acquire().await.expect("conn");
        backend(&mut conn).await;
        out.push(conn);
    }
    drop(out);
    assert_eq!(reuse.kept(), 2, "two of eight kept, two back in the pool");
    closes(pool).await;
}

#[sqlx::test(migrations = false)]
async fn whoever_waits_on_the_pool_itself_gets_a_pages_connection_at_once(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pool = pool(options, connect, 1).await;
    let reuse = Reuse::with_recheck(pool.clone(), LONG);
    let mut page = reuse.acquire().await.expect("conn");
    let pid = backend(&mut page).await;
    // A sign-in's transaction, say: it asks the pool, not `Reuse`.
    let waiting = tokio::spawn({
        let pool = pool.clone();
        async move { backend(&mut pool.acquire().await.expect("conn")).await }
    });
    served_at_once(page, pid, waiting).await;
    assert_eq!(reuse.kept(), 0);
    closes(pool).await;
}
