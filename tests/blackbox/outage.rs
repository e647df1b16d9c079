//! The database out of reach: a TCP gate between Portico and PostgreSQL is closed, as a
//! crashed or unreachable primary looks to Portico. Readiness says so within a second, pages
//! and the agent API answer 503 within a couple of seconds and say nothing happened, and
//! everything works again once the database is back.

use std::time::{Duration, Instant};

use portico_blackbox::accounts::sign_up;
use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::account_guard_in;
use portico_blackbox::gate::Gate;
use portico_blackbox::postgres::PrivatePostgres;
use portico_blackbox::server::{Portico, PorticoBuilder, http_client};

/// Longer than Portico should take, far shorter than the 10 s it took before.
const QUICK: Duration = Duration::from_secs(5);

/// A Portico whose database is at `database`, and a browser signed in to it with the
/// guard fields of its Your Info page.
struct SignedIn {
    portico: Portico,
    http: reqwest::Client,
    guard: Vec<(&'static str, String)>,
    _dir: tempfile::TempDir,
}

async fn signed_in(database: &str) -> SignedIn {
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(database)
        .start()
        .await
        .expect("portico starts");
    let origin = portico.base_url.clone();
    let http = http_client();
    sign_up(&http, &mut portico, &origin, "jo@example.com", 1).await;
    let info = http
        .get(portico.url("/u/0/info"))
        .send()
        .await
        .expect("info")
        .text()
        .await
        .expect("body");
    SignedIn {
        portico,
        http,
        guard: account_guard_in(&info),
        _dir: dir,
    }
}

/// What every answer must be while the database is out of reach.
async fn answers_503_at_once(s: &SignedIn) {
    let (portico, http) = (&s.portico, &s.http);
    let started = Instant::now();
    let ready = http
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "readiness answered after {:?}",
        started.elapsed()
    );

    let started = Instant::now();
    let page = http
        .get(portico.url("/u/0/info"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 503);
    assert!(page.headers().contains_key("retry-after"));
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    let text = page.text().await.expect("body");
    assert!(text.contains("be reached right now"), "{text}");

    let mut form: Vec<(&str, &str)> = s.guard.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form.push(("display_name", "Someone Else"));
    let started = Instant::now();
    let post = http
        .post(portico.url("/u/0/info/name"))
        .header("origin", &portico.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(post.status(), 503);
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    let text = post.text().await.expect("body");
    assert!(
        text.contains("did not happen and nothing was changed"),
        "{text}"
    );

    let started = Instant::now();
    let report = http
        .put(portico.url("/api/agent/v1/report"))
        // Shaped like a device token (32 bytes, base64url), so only the database can refuse it.
        .bearer_auth("dGVzdC1kZXZpY2UtdG9rZW4tZm9yLXNjaGVtYXRoZXM")
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), 503);
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    assert_eq!(report.headers()["content-type"], "application/problem+json");
    assert!(report.headers().contains_key("retry-after"));
    let problem: serde_json::Value = report.json().await.expect("problem JSON");
    assert_eq!(problem["status"], 503);
}

/// Once the database is back, everything works again and nothing changed meanwhile.
async fn works_again(s: SignedIn) {
    let (portico, http) = (s.portico, s.http);
    let ready = http
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200, "ready again once the database is back");
    let info = http
        .get(portico.url("/u/0/info"))
        .send()
        .await
        .expect("info")
        .text()
        .await
        .expect("body");
    assert!(info.contains("Jo Marchetti") && !info.contains("Someone Else"));
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}

#[tokio::test]
async fn postgresql_down_answers_503_quickly_and_changes_nothing() {
    let pg = PrivatePostgres::start().expect("a PostgreSQL of this test's own");
    let s = signed_in(&pg.url()).await;
    // Stopped: every connection is refused, which connection pools retry until they give up.
    pg.halt().expect("stop PostgreSQL");
    answers_503_at_once(&s).await;
    pg.resume().expect("start PostgreSQL again");
    works_again(s).await;
}

#[tokio::test]
async fn postgresql_unreachable_answers_503_quickly_and_changes_nothing() {
    let db = fresh_database().await.expect("database");
    let mut url = url::Url::parse(&db).expect("url");
    let pg = format!(
        "{}:{}",
        url.host_str().expect("host"),
        url.port().unwrap_or(5432)
    );
    let gate = Gate::to(pg.parse().expect("a loopback address"))
        .await
        .expect("gate");
    url.set_port(Some(gate.addr.port())).expect("port");
    let s = signed_in(url.as_str()).await;
    // Open connections are cut and new ones dropped, as a network partition looks.
    gate.close();
    answers_503_at_once(&s).await;
    gate.open();
    works_again(s).await;
}
