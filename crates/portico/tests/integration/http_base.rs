use axum::Router;
use axum::routing::get;
use sqlx::PgPool;

use crate::support::{TestServer, client, config, state};

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn every_answer_carries_a_request_id_and_security_headers(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client().get(server.url("/")).send().await.expect("request");
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    let id = headers["x-request-id"].to_str().expect("ascii");
    assert_eq!(id.len(), 32, "a uuid in simple form: {id}");
    let csp = headers["content-security-policy"].to_str().expect("ascii");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(
        headers.get("strict-transport-security").is_none(),
        "no HSTS over plain http"
    );

    let other = client().get(server.url("/")).send().await.expect("request");
    assert_ne!(other.headers()["x-request-id"], headers["x-request-id"]);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn hsts_is_sent_when_the_public_url_is_https(pool: PgPool) {
    let config = config(&[("PORTICO_PUBLIC_URL", "https://id.example.com")]);
    let server = TestServer::start(portico::http::router(state(pool, config))).await;
    let response = client()
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("request");
    let hsts = response.headers()["strict-transport-security"]
        .to_str()
        .expect("ascii");
    assert!(hsts.starts_with("max-age="), "{hsts}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn unknown_page_is_a_404_page_showing_the_request_id(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .get(server.url("/no/such/page"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("Page not found"), "{body}");
    assert!(body.contains(&id), "the page shows the request id {id}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn wrong_method_is_a_405_page_that_keeps_allow(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .delete(server.url("/healthz"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 405);
    assert!(
        response.headers()["allow"]
            .to_str()
            .expect("ascii")
            .contains("GET")
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("That action is not available here"), "{body}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn api_errors_are_problem_json(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .get(server.url("/api/agent/v1/nothing"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let problem: portico_wire::Problem = response.json().await.expect("problem json");
    assert_eq!(problem.status, 404);
    assert_eq!(problem.request_id.as_deref(), Some(id.as_str()));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_panic_becomes_a_500_page_and_the_server_keeps_serving(pool: PgPool) {
    let app_state = state(pool, config(&[]));
    let routes = Router::new().route(
        "/boom",
        get(|| async {
            let empty: Vec<u8> = Vec::new();
            // An out-of-bounds index: the kind of bug a panic layer is for.
            empty[usize::from(empty.is_empty())].to_string()
        }),
    );
    let server = TestServer::start(portico::http::router::with_layers(routes, app_state)).await;
    let response = client()
        .get(server.url("/boom"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 500);
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let body = response.text().await.expect("body");
    assert!(body.contains("Something went wrong on our side"), "{body}");
    assert!(body.contains(&id));
    assert!(
        !body.contains("index out of bounds"),
        "panic details stay in the log"
    );
    let response = client()
        .get(server.url("/boom"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 500, "still serving after a panic");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn oversized_bodies_get_413(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .post(server.url("/"))
        .body(vec![b'x'; 2 * 1024 * 1024])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn slow_requests_time_out_with_408(pool: PgPool) {
    let config = config(&[("PORTICO_REQUEST_TIMEOUT_SECS", "1")]);
    let server = TestServer::start(portico::http::router(state(pool, config))).await;
    let response = client()
        .get(server.url("/dev/slow?ms=5000"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 408);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn dev_routes_do_not_exist_in_production(pool: PgPool) {
    let config = config(&[
        ("PORTICO_ENV", "production"),
        ("PORTICO_PUBLIC_URL", "https://id.example.com"),
        (
            "PORTICO_SECRET_KEY",
            "production-secret-key-0123456789abcdef",
        ),
        ("DATABASE_URL", "postgres://unused.invalid/portico"),
        ("PORTICO_SMTP_URL", "smtp://mail.invalid"),
        ("PORTICO_MAIL_FROM", "Portico <no-reply@example.com>"),
    ]);
    let server = TestServer::start(portico::http::router(state(pool, config))).await;
    let response = client()
        .get(server.url("/dev/slow?ms=1"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    let body = response.text().await.expect("body");
    assert!(
        !body.contains("Development mode"),
        "no dev banner in production"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn static_assets_are_hashed_and_cached_forever(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let page = client()
        .get(server.url("/"))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    let start = page
        .find("/static/css/portico.")
        .expect("the layout links the stylesheet");
    let href: String = page[start..].chars().take_while(|c| *c != '"').collect();
    let response = client()
        .get(server.url(&href))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/css")
    );
    assert!(
        response
            .text()
            .await
            .expect("css")
            .contains("--color-primary")
    );

    let unhashed = client()
        .get(server.url("/static/css/portico.css"))
        .send()
        .await
        .expect("request");
    assert_eq!(
        unhashed.status(),
        404,
        "only content-hashed names are served"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn responses_are_compressed_when_asked(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    let response = client()
        .get(server.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn metrics_count_requests_by_route_and_report_the_pool(pool: PgPool) {
    let server = TestServer::with_default_app(pool).await;
    for _ in 0..3 {
        client()
            .get(server.url("/healthz"))
            .send()
            .await
            .expect("request");
    }
    client()
        .get(server.url("/nowhere/42"))
        .send()
        .await
        .expect("request");
    let body = client()
        .get(server.url("/metrics"))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(
        body.contains(
            r#"portico_http_requests_total{method="GET",route="/healthz",status="200"} 3"#
        ),
        "{body}"
    );
    assert!(
        body.contains(r#"route="unmatched",status="404"} 1"#),
        "{body}"
    );
    assert!(
        !body.contains("/nowhere/42"),
        "raw paths never become labels"
    );
    assert!(
        body.contains("portico_http_request_duration_seconds_bucket"),
        "{body}"
    );
    assert!(body.contains("portico_db_pool_connections "), "{body}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn pages_that_depend_on_the_session_are_never_stored(pool: PgPool) {
    use portico::contact::{Destination, EmailAddress};
    let site = crate::support::Site::new(pool).await;
    let jo = Destination::Email(EmailAddress::parse("jo@example.com").expect("email"));
    site.account("Jo", jo, None).await;
    let (status, _, _) = site
        .sign_in("jo@example.com", crate::support::PASSWORD)
        .await;
    assert_eq!(status, 303);
    let code = site
        .post(
            "/reset",
            &[
                ("authenticity_token", &site.csrf("/reset").await),
                ("address", "jo@example.com"),
            ],
        )
        .await;
    let code_page = code.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    for path in [
        "/",
        "/u/0/",
        "/u/0/info",
        "/u/0/security",
        "/u/0/activity",
        "/u/0/devices",
        "/u/0/licenses",
        "/signin",
        "/reset",
        code_page.as_str(),
        "/no/such/page",
        "/api/agent/v1/openapi.json",
    ] {
        let r = site
            .http
            .get(site.server.url(path))
            .send()
            .await
            .expect("get");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_dev_banner_says_where_each_channel_goes(pool: PgPool) {
    let banner = |html: &str| {
        let start = html
            .find(r#"<div class="dev-banner""#)
            .expect("a dev banner");
        let end = start + html[start..].find("</div>").expect("end");
        html[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let outbox = TestServer::with_default_app(pool.clone()).await;
    let page = client().get(outbox.url("/")).send().await.expect("get");
    let text = banner(&page.text().await.expect("body"));
    assert!(text.contains("Codes and messages go to the"), "{text}");

    let smtp = config(&[
        ("PORTICO_SMTP_URL", "smtp://127.0.0.1:2525?tls=none"),
        ("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>"),
    ]);
    let server = TestServer::start(portico::http::router(state(pool, smtp))).await;
    let page = client().get(server.url("/")).send().await.expect("get");
    let text = banner(&page.text().await.expect("body"));
    assert!(
        text.contains("Emails are sent through the SMTP server")
            && text.contains("text messages go to the"),
        "{text}"
    );
}
