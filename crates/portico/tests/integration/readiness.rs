use sqlx::PgPool;

use crate::support::{TestServer, client};

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn readyz_is_200_when_migrations_are_applied(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
}

#[sqlx::test(migrations = false)]
async fn readyz_is_503_until_migrations_run(pool: PgPool) {
    let server = TestServer::with_default_app(pool.clone()).await;
    let response = client()
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 503);
    let body = response.text().await.expect("body");
    assert!(body.contains("not applied"), "{body}");

    portico::db::migrate(&pool).await.expect("migrate");
    let response = client()
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
}

#[sqlx::test(migrations = false)]
async fn concurrent_migrations_apply_once(pool: PgPool) {
    let runs = (0..4).map(|_| {
        let pool = pool.clone();
        tokio::spawn(async move { portico::db::migrate(&pool).await })
    });
    for run in runs {
        run.await
            .expect("task")
            .expect("every instance sees the schema migrated");
    }
    let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(
        usize::try_from(applied).expect("count"),
        portico::db::MIGRATOR.iter().count()
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn healthz_does_not_need_the_database(pool: PgPool) {
    let server = TestServer::with_default_app(pool.clone()).await;
    pool.close().await;
    let response = client()
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let response = client()
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 503);
}
