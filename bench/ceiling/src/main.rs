//! The ceiling `bench/your-info.sh` measures Portico's pages against: a minimal axum + sqlx
//! server that answers `GET /page` with one primary-key query (an account's name) and an
//! HTML page of `PAGE_BYTES` bytes, and nothing else — no session, no layers, no logging.
//!
//! Environment: `DATABASE_URL`, `ACCOUNT_ID` (the account to read), `PAGE_BYTES` (the size
//! of Portico's page, so both send as much). Prints `listening on ADDR` once bound.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

struct Ceiling {
    pool: PgPool,
    account: Uuid,
    page_bytes: usize,
}

async fn page(State(c): State<Arc<Ceiling>>) -> Result<Html<String>, StatusCode> {
    let name = sqlx::query_scalar!("select display_name from accounts where id = $1", c.account)
        .fetch_one(&c.pool)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let mut body = format!("<!doctype html><title>{name}</title><main><h1>{name}</h1>");
    let filler = c.page_bytes.saturating_sub(body.len() + "</main>".len());
    body.extend(std::iter::repeat_n('x', filler));
    body.push_str("</main>");
    Ok(Html(body))
}

fn setting(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the benchmark"))
}

#[tokio::main]
async fn main() {
    let pool = PgPoolOptions::new()
        .max_connections(20)
        .connect(&setting("DATABASE_URL"))
        .await
        .expect("the database");
    let ceiling = Arc::new(Ceiling {
        pool,
        account: setting("ACCOUNT_ID").parse().expect("ACCOUNT_ID: a UUID"),
        page_bytes: setting("PAGE_BYTES").parse().expect("PAGE_BYTES: a number"),
    });
    let app = Router::new().route("/page", get(page)).with_state(ceiling);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    #[expect(clippy::print_stdout, reason = "the benchmark reads the address")]
    {
        println!("listening on {}", listener.local_addr().expect("addr"));
    }
    axum::serve(listener, app).await.expect("serve");
}
